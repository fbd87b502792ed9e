"""Any dose input (text, a number and a unit, a pint Quantity, a FHIR Quantity or Dosage) to
one exact `Dose`. Every failure leaves as a `DoseError`."""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._errors import (
    DoseAmountError,
    DoseError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
)
from ._format import format_amount
from ._grammar import Reading, scan
from ._models import DailyDoseBasis, Dose, Frequency, build
from ._reading import BARE_MASS, LAST_STEP, depot_dose, make_warnings, step_dose
from ._text import normalize
from ._units import (
    ACCEPTED_MASS_UNITS,
    is_pint_quantity,
    pint_quantity_parts,
    pint_unit_factor,
)

if TYPE_CHECKING:
    from ._bands import Regimen

#: Daily doses outside these bounds are refused: no real dose is near them, and past them
#: exact arithmetic would only be asked to carry absurd numbers.
MIN_MG_PER_DAY = Fraction(1, 10**300)
MAX_MG_PER_DAY = Fraction(10**300)
_UCUM = "http://unitsofmeasure.org"
_ACCEPTED_INPUT = (
    "dose text such as '4.5 mg', a number with a unit (4.5, 'mg'), a pint Quantity, "
    "or a FHIR Quantity or Dosage as a dict"
)


def exact_number(value: object, what: str = "the amount") -> Fraction:
    """Return a number input as an exact fraction; a float is the decimal its repr shows."""
    if isinstance(value, bool):
        msg = f"{what} is a bool ({value!r}); expected a number such as 4.5"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"{what} is {value}; expected a positive finite number"
            raise DoseAmountError(msg, ErrorReason.NOT_FINITE)
        return Fraction(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            msg = f"{what} is {number}; expected a positive finite number"
            raise DoseAmountError(msg, ErrorReason.NOT_FINITE)
        # repr gives the shortest decimal that round-trips: 0.001 stays 0.001, not the
        # binary float's 0.001000000000000000020816681711721685...
        return Fraction(repr(number))
    msg = f"{what} is of type {type(value).__name__}; expected a number such as 4.5"
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _shown(value: object) -> str:
    """repr() of an input, safe for ints too long to print and for huge objects."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's digit limit
        return f"<{type(value).__name__} too long to print>"
    return text if len(text) <= 80 else text[:77] + "..."


def _check_amounts(reading: Reading) -> None:
    for step in reading.steps:
        for mass in step.masses:
            for value in (mass.amount, mass.low):
                if value is not None and value == 0:
                    msg = (
                        f"the amount in '{mass.written}' is zero; a dose is a positive amount, "
                        "such as '4.5 mg'"
                    )
                    raise DoseAmountError(msg, ErrorReason.ZERO)
        for count in step.counts:
            if count.value == 0:
                msg = f"the count '0 {count.form}' is zero; give how many, such as '1 {count.form}'"
                raise DoseAmountError(msg, ErrorReason.ZERO)
        for volume, _index in step.volumes:
            if volume == 0:
                msg = "the volume is zero; give the volume taken, such as '4.5 mL'"
                raise DoseAmountError(msg, ErrorReason.ZERO)


_SCALE = 10**300


def _inside_range(value: Fraction) -> bool:
    # 1e-300 <= n/d <= 1e300, in integers: Fraction comparisons cost more on a hot path.
    numerator, denominator = value.numerator, value.denominator
    return numerator * _SCALE >= denominator and numerator <= denominator * _SCALE


#: From this daily dose up, a result carries the ``implausible_amount`` warning.
IMPLAUSIBLE_MG_PER_DAY = Fraction(1000)
_IMPLAUSIBLE = "implausible_amount"


def check_range(dose: Dose) -> Dose:
    """Refuse a dose whose daily amount is outside 1e-300 to 1e300 mg/day; doubt one of a gram
    a day or more (a unit slip: "4.5 kg" is 4,500,000 mg/day)."""
    # The rule bounds the daily dose; the depot, which has none, is bounded by its mass.
    daily = dose.amount_mg if dose.mg_per_day is None else dose.mg_per_day
    for value in (daily, dose.low_mg_per_day):
        if value is not None and not _inside_range(value):
            msg = (
                f"the dose in {dose.source[:60]!r} is outside the accepted range of 1e-300 to "
                "1e300 mg per day"
            )
            raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)
    if (
        dose.mg_per_day is not None
        and dose.mg_per_day >= IMPLAUSIBLE_MG_PER_DAY
        and all(warning.code != _IMPLAUSIBLE for warning in dose.warnings)
    ):
        written = f"{format_amount(dose.amount)} {dose.unit}"
        implausible = make_warnings([(_IMPLAUSIBLE, written)])
        return dose.model_copy(update={"warnings": (*dose.warnings, *implausible)})
    return dose


def parse_text(
    text: str,
    *,
    source: str | None = None,
    decimal_comma: bool = False,
    concentration: object = None,
    regimens: tuple[Regimen, ...] = (),
) -> Dose:
    """Read dose text into an exact dose."""
    normal = normalize(text)
    if not normal:
        msg = "the dose text is empty; expected an amount and a unit, such as '4.5 mg'"
        raise DoseSyntaxError(msg, ErrorReason.EMPTY)
    reading = scan(normal, decimal_comma=decimal_comma)
    _check_amounts(reading)
    source = text if source is None else source
    if concentration is not None:
        _add_concentration(reading, concentration, decimal_comma)
    if reading.depot_words:
        dose = depot_dose(source, reading, regimens)
    elif len(reading.steps) > 1:
        steps = tuple(
            check_range(step_dose(step.text, step, reading, reading.steps[k - 1] if k else None))
            for k, step in enumerate(reading.steps)
        )
        dose = steps[-1].model_copy(
            update={
                "source": source,
                "steps": steps,
                "assumptions": (
                    *steps[-1].assumptions,
                    LAST_STEP,
                ),
            }
        )
    else:
        dose = step_dose(source, reading.steps[0], reading)
    if reading.warnings:
        dose = dose.model_copy(update={"warnings": make_warnings(reading.warnings)})
    return check_range(dose)


def _add_concentration(reading: Reading, concentration: object, decimal_comma: bool) -> None:
    if not isinstance(concentration, str):
        msg = "concentration must be text such as '1 mg/mL'"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    found = scan(normalize(concentration), decimal_comma=decimal_comma)
    masses = [mass for step in found.steps for mass in step.masses if mass.per_ml]
    if len(masses) != 1 or len(found.steps[0].masses) != 1:
        msg = f"concentration {concentration!r} is not a mass per volume such as '1 mg/mL'"
        raise DoseUnitError(msg, ErrorReason.CONCENTRATION)
    _check_amounts(found)
    for step in reading.steps:
        step.masses.append(masses[0])


def parse_number(amount: object, unit: object, *, source: str | None = None) -> Dose:
    """Read a number and a unit text ("mg", "mcg/day", "mg/week") into an exact dose."""
    value = exact_number(amount)
    if source is None:
        source = f"{_shown(amount)} {unit}" if isinstance(unit, str) else _shown(amount)
    if unit is None:
        msg = f"the amount {_shown(amount)} has no unit; pass one, such as classify_dose(4.5, 'mg')"
        raise DoseSyntaxError(msg, ErrorReason.NO_UNIT)
    if not isinstance(unit, str):
        msg = f"the unit is of type {type(unit).__name__}; expected text such as 'mg'"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if value == 0:
        msg = "the amount is zero; a dose is a positive amount, such as 4.5"
        raise DoseAmountError(msg, ErrorReason.ZERO)
    if value < 0:
        msg = "the amount is negative; a dose is a positive amount, such as 4.5"
        raise DoseAmountError(msg, ErrorReason.NEGATIVE)
    if value > MAX_MG_PER_DAY * 10**9 or value < MIN_MG_PER_DAY / 10**9:
        msg = "the amount is outside the accepted range of 1e-300 to 1e300 mg per day"
        raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)
    unit_text = normalize(unit)
    reading = scan("1 " + unit_text)
    masses = reading.steps[0].masses
    if len(reading.steps) != 1 or len(masses) != 1 or masses[0].index != 0:
        msg = (
            f"the unit {unit!r} is not a mass unit or a mass rate; expected one of "
            f"{ACCEPTED_MASS_UNITS}, optionally per hour, day or week ('mg/day')"
        )
        raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)
    masses[0].set_amount(value)
    return parse_reading(reading, source)


def parse_reading(reading: Reading, source: str) -> Dose:
    """Resolve an already scanned reading (used for numbers with a unit)."""
    _check_amounts(reading)
    dose = step_dose(source, reading.steps[0], reading)
    if reading.warnings:
        dose = dose.model_copy(update={"warnings": make_warnings(reading.warnings)})
    return check_range(dose)


def parse_quantity(quantity: Any) -> Dose:
    """Read a pint Quantity (from any registry) of a mass or a mass per time."""
    magnitude, items, units_text = pint_quantity_parts(quantity)
    value = exact_number(magnitude, "the Quantity's magnitude")
    mass_factor = Fraction(1)
    time_factor = Fraction(1)
    mass_power = time_power = Fraction(0)
    for name, power in items:
        kind, factor = pint_unit_factor(str(name))
        exponent = exact_number(power, "a unit exponent")
        if exponent.denominator != 1:
            break
        if kind == "mass":
            mass_power += exponent
            mass_factor *= factor ** int(exponent)
        else:
            time_power += exponent
            time_factor *= factor ** int(exponent)
    if mass_power != 1 or time_power not in (0, -1):
        msg = (
            f"the pint Quantity is in {units_text!r}, which is not a mass or a mass per time; "
            "expected a mass (such as milligram) or a mass rate (such as milligram/day)"
        )
        raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)
    source = f"{_shown(magnitude)} {units_text}"
    if value <= 0:
        reason = ErrorReason.ZERO if value == 0 else ErrorReason.NEGATIVE
        msg = f"the Quantity {source!r} is not positive; a dose is a positive amount"
        raise DoseAmountError(msg, reason)
    amount_mg = value * mass_factor
    # time_factor is days to the power of time_power: days^-1 for a rate.
    per_day_scale = time_factor if time_power else None
    return _dose_from_mass(source, amount_mg, per_day_scale, units_text)


def _dose_from_mass(
    source: str, amount_mg: Fraction, per_day_scale: Fraction | None, rate_text: str
) -> Dose:
    if per_day_scale is None:
        dose = build(
            Dose,
            source=source,
            amount=amount_mg,
            unit="mg",
            amount_mg=amount_mg,
            mg_per_day=amount_mg,
            basis=DailyDoseBasis.ASSUMED_DAILY,
            assumptions=(BARE_MASS,),
        )
    else:
        dose = build(
            Dose,
            source=source,
            amount=amount_mg,
            unit="mg",
            amount_mg=amount_mg,
            frequency=build(Frequency, text=rate_text, per_day=per_day_scale),
            mg_per_day=amount_mg * per_day_scale,
            basis=DailyDoseBasis.STATED_RATE,
        )
    return check_range(dose)


def parse_any(
    dose: object,
    unit: object = None,
    *,
    decimal_comma: bool = False,
    concentration: object = None,
    regimens: tuple[Regimen, ...] = (),
) -> Dose:
    """Dispatch on the kind of input; every failure is a `DoseError`."""
    try:
        if isinstance(dose, str):
            text = dose if unit is None else f"{dose} {unit}"
            if unit is not None and not isinstance(unit, str):
                msg = f"the unit is of type {type(unit).__name__}; expected text such as 'mg'"
                raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
            return parse_text(
                text,
                source=dose if unit is None else text,
                decimal_comma=decimal_comma,
                concentration=concentration,
                regimens=regimens,
            )
        if is_pint_quantity(dose):
            if unit is not None:
                msg = "a pint Quantity carries its own unit; do not pass unit= with it"
                raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
            return parse_quantity(dose)
        if isinstance(dose, dict):
            from ._fhir import parse_fhir  # noqa: PLC0415  (only FHIR users pay for it)

            return parse_fhir(dose, regimens=regimens)
        if isinstance(dose, numbers.Number | Decimal) and not isinstance(dose, complex):
            return parse_number(dose, unit)
    except DoseError:
        raise
    except RecursionError as exc:  # pragma: no cover - a defensive net, see below
        msg = "the input is nested too deeply to read"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from exc
    msg = f"cannot read a dose from {type(dose).__name__}; expected {_ACCEPTED_INPUT}"
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
