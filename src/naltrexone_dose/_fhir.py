"""FHIR R4/R5 Quantity and Dosage, read from plain dicts (no FHIR package needed), and the
FHIR Quantity written for a result.

A Dosage becomes the same mentions dose text would give (a mass, a frequency, a route) and
goes to `._resolve.resolve`; its unit codes are read by the numbers reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._errors import (
    DailyDoseUnknownError,
    DoseSyntaxError,
    DoseTypeError,
    ErrorReason,
)
from ._format import format_amount
from ._inputs import frequency_mention, number_mentions, read_number, read_text
from ._mentions import FrequencyMention, Mentions
from ._models import VIEWS
from ._numbers import exact_number, read_decimal
from ._resolve import resolve
from ._units import BY_SYMBOL, BY_UCUM, UnitKind
from ._vocabulary import FrequencyKind, FrequencyWord

if TYPE_CHECKING:
    from fractions import Fraction

    from ._models import Dose, Regimen

UCUM_SYSTEM = "http://unitsofmeasure.org"
# SNOMED CT 78421000 is the intramuscular route.
_DEPOT_ROUTES = ("intramuscular", "im", "78421000")


def _fail(message: str) -> DoseTypeError:
    return DoseTypeError(message, ErrorReason.UNSUPPORTED_INPUT)


def _number(value: object, where: str) -> Fraction:
    if isinstance(value, str):
        try:
            return read_decimal(value.strip())
        except DoseSyntaxError as error:
            msg = f"{where} is {value[:40]!r}: {error}"
            raise DoseSyntaxError(msg, error.reason) from None
    return exact_number(value, where)


def _quantity_parts(quantity: object, where: str) -> tuple[Fraction, str]:
    """The value and unit of a FHIR Quantity of a mass (or mass rate)."""
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
    return value, unit


def _quantity_dose(quantity: object, where: str, regimens: tuple[Regimen, ...]) -> Dose:
    value, unit = _quantity_parts(quantity, where)
    source = f"{format_amount(value) if value > 0 else value} {unit}"
    return read_number(value, unit, source=source, regimens=regimens)


def read_fhir(resource: dict[str, Any], *, regimens: tuple[Regimen, ...] = ()) -> Dose:
    """Read a FHIR Quantity or Dosage given as a dict."""
    if "value" in resource or "code" in resource or "comparator" in resource:
        return _quantity_dose(resource, "the FHIR Quantity", regimens)
    if "doseAndRate" in resource or "timing" in resource:
        return _dosage(resource, regimens)
    if isinstance(resource.get("text"), str):
        return read_text(resource["text"], regimens=regimens)
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


def _timing(dosage: dict[str, Any]) -> FrequencyMention | None:
    """timing.repeat as a frequency mention; None when no timing is given."""
    timing = dosage.get("timing")
    if timing is None:
        return None
    repeat = timing.get("repeat") if isinstance(timing, dict) else None
    if not isinstance(repeat, dict):
        return None
    if repeat.get("frequencyMax") is not None or repeat.get("periodMax") is not None:
        msg = "timing.repeat gives a range of frequencies or periods; the daily dose is not known"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    frequency = _number(repeat.get("frequency", 1), "timing.repeat.frequency")
    period = _number(repeat.get("period", 1), "timing.repeat.period")
    code = repeat.get("periodUnit", "d")
    text = f"{format_amount(frequency) if frequency > 0 else frequency} per {repeat.get('period', 1)} {code}"
    if frequency <= 0 or period <= 0:
        msg = f"timing.repeat '{text}' must have a positive frequency and period"
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    unit = BY_UCUM.get(code) if isinstance(code, str) else None
    if unit is not None and unit.kind is UnitKind.CALENDAR:
        return FrequencyMention(FrequencyWord(FrequencyKind.MONTHLY), text, 1)
    if unit is None or unit.kind is not UnitKind.TIME:
        codes = ", ".join(u.ucum for u in BY_UCUM.values() if u.kind in _TIMING_KINDS)
        msg = f"timing.repeat.periodUnit {str(code)[:10]!r} is not one of {codes}"
        raise DoseSyntaxError(msg, ErrorReason.UNKNOWN_UNIT)
    return frequency_mention(frequency / (period * unit.factor), text)


_TIMING_KINDS = (UnitKind.TIME, UnitKind.CALENDAR)


def _dosage(dosage: dict[str, Any], regimens: tuple[Regimen, ...]) -> Dose:
    if dosage.get("asNeededBoolean") or dosage.get("asNeeded") is True:
        msg = "the Dosage is taken as needed; no daily dose can be known"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    entries = dosage.get("doseAndRate") or []
    if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        msg = "the Dosage has no doseAndRate; expected doseAndRate[0].doseQuantity"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    entry = entries[0]
    timing = _timing(dosage)
    route = _route(dosage)
    if "rateQuantity" in entry:
        return _quantity_dose(entry["rateQuantity"], "doseAndRate[0].rateQuantity", regimens)
    if "doseQuantity" not in entry:
        msg = "doseAndRate[0] has no doseQuantity or rateQuantity; a dose range is not read here"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    value, unit = _quantity_parts(entry["doseQuantity"], "doseAndRate[0].doseQuantity")
    source = f"{format_amount(value) if value > 0 else value} {unit}"
    if value <= 0:  # the numbers reader says what is wrong with it
        return read_number(value, unit, source=source, regimens=regimens)
    mentions: Mentions = number_mentions(value, unit, source)
    step = mentions.steps[0]
    if timing is not None and step.masses[0].rate_days is None:
        step.frequencies.append(timing)
    if any(word in route for word in _DEPOT_ROUTES):
        mentions.routes.append(route)
    return resolve(mentions, source, regimens)


def to_fhir_quantity(dose: Dose) -> dict[str, Any]:
    """A FHIR Quantity (UCUM) of a dose's daily amount, in the unit it was written in.

    Micrograms are written with the UCUM code ``ug`` (``mcg`` is not UCUM). The depot
    injection, which has no daily dose, gives its mass per injection. A value whose decimal
    does not end is rounded to six significant figures.
    """
    unit = BY_SYMBOL[dose.unit]
    factor = unit.factor
    per_day = dose.mg_per_day is not None
    value = (dose.mg_per_day if dose.mg_per_day is not None else dose.amount_mg) / factor
    text = format_amount(value).lstrip("~")
    number: int | float = int(text) if text.isdigit() else float(text)
    code = unit.ucum + ("/d" if per_day else "")
    return {"value": number, "unit": code, "system": UCUM_SYSTEM, "code": code}


VIEWS["fhir_quantity"] = to_fhir_quantity
