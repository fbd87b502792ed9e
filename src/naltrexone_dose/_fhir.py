"""FHIR R4/R5 Quantity and Dosage, read from plain dicts (no FHIR package needed), and the
FHIR Quantity written for a result."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._errors import (
    DailyDoseUnknownError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
)
from ._format import format_amount
from ._grammar import read_number

if TYPE_CHECKING:
    from ._bands import Regimen

from ._models import DailyDoseBasis, Dose, Frequency, build

UCUM_SYSTEM = "http://unitsofmeasure.org"
# FHIR's UnitsOfTime for periodUnit, in days; "mo" and "a" have no fixed length.
_PERIOD_DAYS = {
    "s": Fraction(1, 86400),
    "min": Fraction(1, 1440),
    "h": Fraction(1, 24),
    "d": Fraction(1),
    "wk": Fraction(7),
}
_DEPOT_ROUTES = (
    "intramuscular",
    "im",
    "78421000",
)  # SNOMED CT 78421000: intramuscular route


def _fail(message: str) -> DoseTypeError:
    return DoseTypeError(message, ErrorReason.UNSUPPORTED_INPUT)


def _number(value: object, where: str) -> Fraction:
    from ._parse import exact_number  # noqa: PLC0415  (the two modules call each other)

    if isinstance(value, str):
        try:
            return read_number(value.strip())
        except DoseSyntaxError as error:
            msg = f"{where} is {value[:40]!r}: {error}"
            raise DoseSyntaxError(msg, error.reason) from None
    return exact_number(value, where)


def _quantity_mass(quantity: object, where: str) -> Dose:
    """A FHIR Quantity of a mass (or mass rate) as a dose, via the text grammar for its unit."""
    from ._parse import parse_number  # noqa: PLC0415

    if not isinstance(quantity, dict):
        msg = f"{where} must be a FHIR Quantity object with 'value' and 'unit' or 'code'"
        raise _fail(msg)
    if quantity.get("comparator") is not None:
        msg = (
            f"{where} has the comparator {str(quantity['comparator'])[:8]!r}: a bound is not a "
            "dose; give the dose itself"
        )
        raise DoseSyntaxError(msg, ErrorReason.COMPARATOR)
    if "value" not in quantity:
        msg = f"{where} has no 'value'; expected a FHIR Quantity such as {{'value': 4.5, 'code': 'mg'}}"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    value = _number(quantity["value"], f"{where}.value")
    code = quantity.get("code") if quantity.get("system") in (UCUM_SYSTEM, None) else None
    unit = code if isinstance(code, str) and code else quantity.get("unit")
    if not isinstance(unit, str) or not unit:
        msg = f"{where} has no unit; expected a UCUM code such as 'mg', 'ug' or 'mg/d'"
        raise DoseSyntaxError(msg, ErrorReason.NO_UNIT)
    return parse_number(
        value, unit, source=f"{format_amount(value) if value > 0 else value} {unit}"
    )


def parse_fhir(resource: dict[str, Any], *, regimens: tuple[Regimen, ...] = ()) -> Dose:
    """Read a FHIR Quantity or Dosage given as a dict."""
    if "value" in resource or "code" in resource or "comparator" in resource:
        return _quantity_mass(resource, "the FHIR Quantity")
    if "doseAndRate" in resource or "timing" in resource:
        return _dosage(resource, regimens)
    if isinstance(resource.get("text"), str):
        from ._parse import parse_text  # noqa: PLC0415

        return parse_text(resource["text"], regimens=regimens)
    msg = (
        "the dict is neither a FHIR Quantity (value, unit, system, code) nor a FHIR Dosage "
        "(doseAndRate, timing, route)"
    )
    raise _fail(msg)


def _route(dosage: dict[str, Any]) -> str:
    route = dosage.get("route")
    if not isinstance(route, dict):
        return ""
    words = [str(route.get("text", ""))]
    for coding in route.get("coding") or ():
        if isinstance(coding, dict):
            words += [str(coding.get("display", "")), str(coding.get("code", ""))]
    return " ".join(words).lower()


def _per_day(dosage: dict[str, Any]) -> tuple[Fraction | None, str, bool]:
    """Administrations a day from timing.repeat; (None, "", False) when no timing is given."""
    timing = dosage.get("timing")
    if timing is None:
        return None, "", False
    repeat = timing.get("repeat") if isinstance(timing, dict) else None
    if not isinstance(repeat, dict):
        return None, "", False
    if repeat.get("frequencyMax") is not None or repeat.get("periodMax") is not None:
        msg = "timing.repeat gives a range of frequencies or periods; the daily dose is not known"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    frequency = _number(repeat.get("frequency", 1), "timing.repeat.frequency")
    period = _number(repeat.get("period", 1), "timing.repeat.period")
    unit = repeat.get("periodUnit", "d")
    text = f"{format_amount(frequency) if frequency > 0 else frequency} per {repeat.get('period', 1)} {unit}"
    if frequency <= 0 or period <= 0:
        msg = f"timing.repeat '{text}' must have a positive frequency and period"
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    if unit in ("mo", "a"):
        return None, text, True
    if unit not in _PERIOD_DAYS:
        msg = f"timing.repeat.periodUnit {str(unit)[:10]!r} is not one of s, min, h, d, wk, mo, a"
        raise DoseSyntaxError(msg, ErrorReason.UNKNOWN_UNIT)
    return frequency / (period * _PERIOD_DAYS[unit]), text, False


def _dosage(dosage: dict[str, Any], regimens: tuple[Regimen, ...]) -> Dose:
    if dosage.get("asNeededBoolean") or dosage.get("asNeeded") is True:
        msg = "the Dosage is taken as needed; no daily dose can be known"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    entries = dosage.get("doseAndRate") or []
    if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        msg = "the Dosage has no doseAndRate; expected doseAndRate[0].doseQuantity"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    entry = entries[0]
    per_day, timing_text, monthly = _per_day(dosage)
    route = _route(dosage)
    if "rateQuantity" in entry:
        return _quantity_mass(entry["rateQuantity"], "doseAndRate[0].rateQuantity")
    if "doseQuantity" not in entry:
        msg = "doseAndRate[0] has no doseQuantity or rateQuantity; a dose range is not read here"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    single = _quantity_mass(entry["doseQuantity"], "doseAndRate[0].doseQuantity")
    if any(word in route for word in _DEPOT_ROUTES):
        return _depot(single, per_day, monthly, timing_text, regimens)
    if monthly:
        msg = f"timing '{timing_text}': a month or year has no fixed length; no daily dose follows"
        raise DoseUnitError(msg, ErrorReason.PER_MONTH)
    if per_day is None or single.basis is not DailyDoseBasis.ASSUMED_DAILY:
        return single
    from ._parse import check_range  # noqa: PLC0415  (the two modules call each other)

    # The frequency can push a dose that was inside the range out of it: check again.
    return check_range(
        single.model_copy(
            update={
                "frequency": build(Frequency, text=timing_text, per_day=per_day),
                "mg_per_day": single.amount_mg * per_day,
                "basis": DailyDoseBasis.FREQUENCY,
                "assumptions": (),
            }
        )
    )


def _depot(
    single: Dose,
    per_day: Fraction | None,
    monthly: bool,
    timing_text: str,
    regimens: tuple[Regimen, ...],
) -> Dose:
    for regimen in regimens:
        if single.amount_mg == regimen.mass_mg and (
            monthly or per_day in (None, 1 / regimen.interval_days)
        ):
            return single.model_copy(
                update={
                    "mg_per_day": None,
                    "basis": DailyDoseBasis.DEPOT,
                    "route": regimen.route,
                    "frequency": build(
                        Frequency, text=timing_text, per_day=1 / regimen.interval_days
                    )
                    if timing_text
                    else None,
                    "assumptions": (),
                }
            )
    msg = (
        f"an intramuscular {format_amount(single.amount_mg)} mg ({timing_text or 'no timing'}) "
        "is not a known injectable regimen; only 380 mg intramuscular every 4 weeks is known"
    )
    raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)


_UCUM_CODES = {
    "mg": "mg",
    "mcg": "ug",
    "g": "g",
    "ng": "ng",
    "pg": "pg",
    "kg": "kg",
    "lb": "[lb_av]",
}


def to_fhir_quantity(dose: Dose) -> dict[str, Any]:
    """A FHIR Quantity (UCUM) of a dose's daily amount, in the unit it was written in.

    Micrograms are written with the UCUM code ``ug`` (``mcg`` is not UCUM). The depot
    injection, which has no daily dose, gives its mass per injection. A value whose decimal
    does not end is rounded to six significant figures.
    """
    from ._units import MASS_UNITS  # noqa: PLC0415

    unit = dose.unit if dose.unit in _UCUM_CODES else "mg"
    factor = MASS_UNITS[unit].factor
    per_day = dose.mg_per_day is not None
    value = (dose.mg_per_day if dose.mg_per_day is not None else dose.amount_mg) / factor
    text = format_amount(value).lstrip("~")
    number: int | float = int(text) if text.isdigit() else float(text)
    code = _UCUM_CODES[unit] + ("/d" if per_day else "")
    return {"value": number, "unit": code, "system": UCUM_SYSTEM, "code": code}
