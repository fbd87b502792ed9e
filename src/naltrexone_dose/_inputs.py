"""Readers of each kind of input but FHIR: dose text, a number with a unit, a pint Quantity.

Each produces `._mentions` and hands them to `._resolve.resolve`, the one place that makes
a `Dose`; none goes back through another's path. The one exception is text of the simplest
forms, which `._fast.read_simple` reads straight to the `Dose` that resolution would give
(tests/test_fast.py proves them equal); it returns None for anything else.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._errors import (
    DoseAmountError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
)
from ._fast import read_simple
from ._mentions import FrequencyMention, Mass, Mentions, Part, Step
from ._numbers import MAX_MG_PER_DAY, MIN_MG_PER_DAY, RANGE_TEXT, exact_number, shown
from ._resolve import resolve
from ._scan import scan, scan_tokens
from ._text import normalize
from ._tokens import number_token, tokenize
from ._units import (
    ACCEPTED_MASS_UNITS,
    BY_SYMBOL,
    is_pint_quantity,
    pint_quantity_parts,
    pint_unit_factor,
)
from ._vocabulary import FrequencyKind, FrequencyWord

if TYPE_CHECKING:
    from ._models import Dose, Regimen

__all__ = ["is_pint_quantity", "read_number", "read_quantity", "read_text"]


def read_text(
    text: str,
    *,
    source: str | None = None,
    decimal_comma: bool = False,
    concentration: object = None,
    regimens: tuple[Regimen, ...] = (),
    fast: bool = True,
) -> Dose:
    """Read dose text into an exact dose (``fast=False``: always by the full reader)."""
    normal = normalize(text)
    if not normal:
        msg = "the dose text is empty; expected an amount and a unit, such as '4.5 mg'"
        raise DoseSyntaxError(msg, ErrorReason.EMPTY)
    if fast and not decimal_comma and concentration is None:
        # The forms most texts take ("4.5 mg", "LDN 4.5MG at bedtime", "350 mg/week"), read
        # as the full reader reads them (tests/test_fast.py); None for anything else.
        simple = read_simple(normal, text if source is None else source, regimens)
        if simple is not None:
            return simple
    mentions = scan(normal, decimal_comma=decimal_comma)
    if concentration is not None:
        _add_concentration(mentions, concentration, decimal_comma)
    return resolve(mentions, text if source is None else source, regimens)


def _add_concentration(mentions: Mentions, concentration: object, decimal_comma: bool) -> None:
    if not isinstance(concentration, str):
        msg = "concentration must be text such as '1 mg/mL'"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    found = scan(normalize(concentration), decimal_comma=decimal_comma)
    masses = [mass for step in found.steps for mass in step.masses if mass.per_ml]
    step = found.steps[0]
    extra = (
        step.frequencies or step.counts or step.volumes or found.routes or found.unknown
        or found.unresolved or found.limits or len(found.steps) > 1
    )  # fmt: skip
    if len(masses) != 1 or len(step.masses) != 1 or extra:
        msg = f"concentration {concentration!r} is not a mass per volume such as '1 mg/mL'"
        raise DoseUnitError(msg, ErrorReason.CONCENTRATION)
    if masses[0].amount == 0:
        msg = f"concentration {concentration!r} is zero; give a positive one such as '1 mg/mL'"
        raise DoseAmountError(msg, ErrorReason.ZERO)
    for step in mentions.steps:
        step.masses.append(masses[0])


def read_number(
    amount: object,
    unit: object,
    *,
    source: str | None = None,
    regimens: tuple[Regimen, ...] = (),
) -> Dose:
    """Read a number and a unit text ("mg", "mcg/day", "mg/week") into an exact dose.

    The number comes in as the first token and the unit text is read by the same rules as
    text after a number, so what the unit text says is honoured or refused, never ignored.
    """
    value = exact_number(amount)
    if source is None:
        source = f"{shown(amount)} {unit}" if isinstance(unit, str) else shown(amount)
    if unit is None:
        msg = f"the amount {shown(amount)} has no unit; pass one, such as classify_dose(4.5, 'mg')"
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
        msg = f"the amount is outside the accepted range of {RANGE_TEXT}"
        raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)
    mentions = number_mentions(value, unit, shown(amount))
    return resolve(mentions, source, regimens)


def number_mentions(value: Fraction, unit: str, written: str) -> Mentions:
    """What a number and its unit text mention: one mass, and whatever else the unit says."""
    unit_text = normalize(unit)
    tokens = [number_token(value, "1"), *tokenize(unit_text, offset=len(written) + 1)]
    if len(tokens) > 1:
        tokens[1].spaced = True  # the unit is apart from the number: no run-in warning
    mentions = scan_tokens(tokens)
    mentions.text = f"{written} {unit_text}"
    masses = mentions.steps[0].masses
    if len(mentions.steps) != 1 or len(masses) != 1 or masses[0].index != 0:
        msg = (
            f"the unit {unit!r} is not a mass unit or a mass rate; expected one of "
            f"{ACCEPTED_MASS_UNITS}, optionally per hour, day or week ('mg/day')"
        )
        raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)
    masses[0].written = f"{written} {masses[0].written.split(' ', 1)[1]}"
    return mentions


def read_quantity(quantity: Any) -> Dose:
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
    source = f"{shown(magnitude)} {units_text}"
    if value <= 0:
        reason = ErrorReason.ZERO if value == 0 else ErrorReason.NEGATIVE
        msg = f"the Quantity {source!r} is not positive; a dose is a positive amount"
        raise DoseAmountError(msg, reason)
    mass = Mass(value * mass_factor, BY_SYMBOL["mg"], source, 0, 0)
    if time_power:
        # time_factor is days to the power -1 for a rate: administrations a day.
        mass.rate_days = 1 / time_factor
        mass.rate_text = units_text
    read = Mentions(steps=[Step(masses=[mass])], text=source)
    read.parts.append(Part(0, len(source), "mass", mass=mass))
    return resolve(read, source)


def frequency_mention(per_day: Fraction, text: str) -> FrequencyMention:
    """A frequency given by structure (a FHIR timing), as the scanner would have found it."""
    return FrequencyMention(FrequencyWord(FrequencyKind.REGULAR, per_day), text, 1)
