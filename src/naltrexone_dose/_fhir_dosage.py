"""A reading written out as FHIR R4 Dosage entries: text in, structure out.

Each step of the reading is one Dosage: its amount per administration (a ``doseQuantity``,
or a ``doseRange`` for a range) in UCUM milligrams, its timing as a number of
administrations per period of days (``frequency``/``period``; "every other day" is 1 per
2 days, "on weekdays" 5 per 7 days), its route by its SNOMED CT code, and (for a reading of
one step) the text it was read from. Steps carry ``sequence`` in the order they apply. The list reads back, through
`classify_dose`, to the same daily dose: a test holds every reading of the corpus to it.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._errors import DailyDoseUnknownError, ErrorReason
from ._fhir import UCUM_SYSTEM, _json_number
from ._models import VIEWS

if TYPE_CHECKING:
    from ._models import Dose, FhirDosage

SNOMED = "http://snomed.info/sct"
# SPEC, "FHIR lists": the route codes the reader reads, by route.
_ROUTES = {
    "oral": {"system": SNOMED, "code": "26643006", "display": "Oral route"},
    "intramuscular": {"system": SNOMED, "code": "78421000", "display": "Intramuscular route"},
}


def _terminates(value: Fraction) -> bool:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def _quantity(mg: Fraction) -> dict[str, Any]:
    if not _terminates(mg):
        msg = (
            f"the amount of one administration ({mg} mg) has no exact decimal, so it cannot be "
            "written as a FHIR Quantity that reads back to the same dose"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.NO_DAILY_QUANTITY)
    return {"value": _json_number(mg), "unit": "mg", "system": UCUM_SYSTEM, "code": "mg"}


def _timing(per_day: Fraction) -> dict[str, Any]:
    """Administrations per day as FHIR's frequency per period of days (both whole numbers)."""
    return {
        "repeat": {
            "frequency": per_day.numerator,
            "period": per_day.denominator,
            "periodUnit": "d",
        }
    }


def _timing_range(low: Fraction, high: Fraction) -> dict[str, Any]:
    """A range of administrations per day as FHIR writes one: an interval range ("every 2-3
    days": period to periodMax) or a frequency range ("1-2 times a day")."""
    if low.numerator == high.numerator == 1:
        repeat = {"frequency": 1, "period": high.denominator, "periodMax": low.denominator}
    else:
        period = math.lcm(low.denominator, high.denominator)
        repeat = {
            "frequency": int(low * period),
            "frequencyMax": int(high * period),
            "period": period,
        }
    return {"repeat": {**repeat, "periodUnit": "d"}}


def _entry(dose: Dose) -> FhirDosage:
    per_day = dose.frequency.per_day if dose.frequency is not None else Fraction(1)
    dosage: FhirDosage = {
        "timing": _timing(per_day),
        "route": {"coding": [_ROUTES[dose.route]], "text": dose.route},
    }
    low_per_day = dose.frequency.low_per_day if dose.frequency is not None else None
    if low_per_day is not None and dose.low_mg_per_day == dose.amount_mg * low_per_day:
        # A range of frequencies ("every 2-3 days"): the amount is one, the timing a range.
        dosage["timing"] = _timing_range(low_per_day, per_day)
        dosage["doseAndRate"] = [{"doseQuantity": _quantity(dose.amount_mg)}]
    elif dose.low_mg_per_day is not None and dose.mg_per_day is not None:
        low = dose.low_mg_per_day / per_day
        dosage["doseAndRate"] = [
            {"doseRange": {"low": _quantity(low), "high": _quantity(dose.amount_mg)}}
        ]
    else:
        dosage["doseAndRate"] = [{"doseQuantity": _quantity(dose.amount_mg)}]
    return dosage


def to_fhir_dosage(dose: Dose) -> list[FhirDosage]:
    """The reading of ``dose`` as Dosage entries, one per step, in the order they apply."""
    steps = dose.steps or (dose,)
    entries = [_entry(step) for step in steps]
    if len(entries) == 1:
        # One step: its text restates the structure. A step's own text ("then two daily")
        # may lean on the steps before it for its strength, so steps carry none.
        entries[0]["text"] = dose.source
    for sequence, entry in enumerate(entries, start=1):
        if len(entries) > 1:
            entry["sequence"] = sequence
    return entries


VIEWS["fhir_dosage"] = to_fhir_dosage
