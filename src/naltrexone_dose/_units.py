"""Units: the closed vocabulary of dose text, exact factors, and the border with pint.

The factors below are exact rationals, so that comparisons against the band boundaries never
meet binary floating point. A test checks every one of them against pint's own definitions.
pint itself is imported only when a pint Quantity has to be read, because importing it and
building a registry costs a fifth of a second that most callers never need to pay.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._errors import DoseTypeError, DoseUnitError, ErrorReason

if TYPE_CHECKING:
    from collections.abc import Iterable


class UnitKind(Enum):
    """What a unit word measures, as far as dose text is concerned."""

    MASS = "mass"
    TIME = "time"
    VOLUME = "volume"
    BODY_SIZE = "body size"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit word's meaning: its kind, a canonical symbol and its exact size."""

    kind: UnitKind
    symbol: str
    # mg for a mass, days for a time, mL for a volume; 0 where no factor applies.
    factor: Fraction


def _spellings(unit: Unit, *words: str) -> dict[str, Unit]:
    return dict.fromkeys(words, unit)


_MG = Unit(UnitKind.MASS, "mg", Fraction(1))
_UG = Unit(UnitKind.MASS, "mcg", Fraction(1, 1000))

#: Every spelling of a mass unit that dose text may use, lower-cased. The list is closed on
#: purpose: "gr" (grain or gram?), "oz" and the like are errors, not guesses.
MASS_UNITS: dict[str, Unit] = {
    **_spellings(
        Unit(UnitKind.MASS, "g", Fraction(1000)),
        "g", "gram", "grams", "gramme", "grammes",
    ),
    **_spellings(_MG, "mg", "milligram", "milligrams", "milligramme", "milligrammes"),
    **_spellings(
        _UG,
        "mcg", "ug", "\u00b5g", "\u03bcg", "microgram", "micrograms", "microgramme",
        "microgrammes",
    ),
    **_spellings(
        Unit(UnitKind.MASS, "ng", Fraction(1, 10**6)), "ng", "nanogram", "nanograms"
    ),
    **_spellings(
        Unit(UnitKind.MASS, "pg", Fraction(1, 10**9)), "pg", "picogram", "picograms"
    ),
    **_spellings(
        Unit(UnitKind.MASS, "kg", Fraction(10**6)), "kg", "kilogram", "kilograms"
    ),
    **_spellings(
        # The avoirdupois pound is defined as exactly 0.45359237 kg.
        Unit(UnitKind.MASS, "lb", Fraction(45359237, 100)), "lb", "lbs", "pound", "pounds"
    ),
}  # fmt: skip

#: Spellings of time units a rate may be per, lower-cased; factor in days.
TIME_UNITS: dict[str, Unit] = {
    **_spellings(
        Unit(UnitKind.TIME, "h", Fraction(1, 24)), "h", "hr", "hrs", "hour", "hours"
    ),
    **_spellings(Unit(UnitKind.TIME, "d", Fraction(1)), "d", "day", "days"),
    **_spellings(
        Unit(UnitKind.TIME, "wk", Fraction(7)), "wk", "wks", "week", "weeks", "w"
    ),
}  # fmt: skip

#: Month spellings: a month has no fixed length, so a rate per month is refused.
MONTH_WORDS = frozenset({"mo", "mos", "mon", "month", "months", "mth"})

#: Volumes, lower-cased; factor in mL.
VOLUME_UNITS: dict[str, Unit] = {
    **_spellings(
        Unit(UnitKind.VOLUME, "mL", Fraction(1)),
        "ml", "milliliter", "milliliters", "millilitre", "millilitres", "cc",
    ),
    **_spellings(
        Unit(UnitKind.VOLUME, "L", Fraction(1000)), "l", "liter", "liters", "litre", "litres"
    ),
}  # fmt: skip

#: Denominators that make a dose per body weight or per body surface area.
BODY_SIZE_WORDS = frozenset({"kg", "kilogram", "m2", "lb", "bsa"})

#: Unit words known not to be masses, so the message can say what they are.
OTHER_UNITS = frozenset(
    {
        "m", "cm", "mm", "km", "mol", "mmol", "umol", "\u03bcmol", "nmol", "iu", "u",
        "meq", "oz", "gr", "grain", "grains", "t", "ton", "tons",
        "tonne", "dr", "dram", "drams", "mg2", "gauss",
    }
)  # fmt: skip

ACCEPTED_MASS_UNITS = (
    "g, gram(s), gramme(s), mg, milligram(s), milligramme(s), mcg, ug, \u00b5g, "
    "microgram(s), microgramme(s), ng, nanogram(s), pg, picogram(s), kg, kilogram(s), "
    "lb, lbs, pound(s)"
)
ACCEPTED_RATES = "per hour, day or week (/h, /12h, /d, /day, per day, daily, /wk, weekly, ...)"

# pint's canonical unit names mapped to the same exact factors as the text vocabulary, so a
# pint Quantity in milligram or microgram/day converts without a float in between.
_PINT_NAMES: dict[str, Unit] = {
    "gram": MASS_UNITS["g"],
    "milligram": MASS_UNITS["mg"],
    "microgram": MASS_UNITS["mcg"],
    "nanogram": MASS_UNITS["ng"],
    "picogram": MASS_UNITS["pg"],
    "kilogram": MASS_UNITS["kg"],
    "pound": MASS_UNITS["lb"],
    "hour": TIME_UNITS["h"],
    "day": TIME_UNITS["d"],
    "week": TIME_UNITS["wk"],
    "minute": Unit(UnitKind.TIME, "min", Fraction(1, 1440)),
    "second": Unit(UnitKind.TIME, "s", Fraction(1, 86400)),
}


# pint defines a month as a twelfth of a Julian year; a dose per month has no daily dose.
_CALENDAR_WORDS = ("month", "year", "decade", "century", "millennium", "millennia")


@functools.cache
def _fraction_registry() -> Any:
    # A registry of our own, with exact rational magnitudes: never the user's registry, whose
    # definitions and settings are theirs to change.
    import pint  # noqa: PLC0415  (deferred: pint costs ~0.2 s to import)

    return pint.UnitRegistry(non_int_type=Fraction, cache_folder=None)


def pint_unit_factor(name: str) -> tuple[str, Fraction]:
    """Return ``("mass" | "time", exact factor)`` for a unit name taken from a pint Quantity.

    The factor is in mg for a mass and in days for a time. Names outside our table are
    looked up in a private pint registry with rational magnitudes, so they stay exact too.
    """
    known = _PINT_NAMES.get(name)
    if known is not None:
        return known.kind.value, known.factor
    if any(word in name for word in _CALENDAR_WORDS):
        msg = (
            f"the pint Quantity is per {name!r}, which has no fixed length in days; "
            "give the dose per day or per week"
        )
        raise DoseUnitError(msg, ErrorReason.PER_MONTH)
    try:
        registry = _fraction_registry()
        one = registry.Quantity(Fraction(1), registry.parse_units(name))
        if one.check("[mass]"):
            return "mass", Fraction(one.to("milligram").magnitude)
        if one.check("[time]"):
            return "time", Fraction(one.to("day").magnitude)
    except Exception as exc:  # pint raises many kinds; none may leak.
        msg = (
            f"the pint Quantity has the unit {name!r}, which this library does not know; "
            "expected a mass (such as mg) or a mass per time (such as mg/day)"
        )
        raise DoseUnitError(msg, ErrorReason.NOT_A_MASS) from exc
    msg = (
        f"the pint Quantity has the unit {name!r}, which is neither a mass nor a time; "
        "expected a mass (such as mg) or a mass per time (such as mg/day)"
    )
    raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)


def is_pint_quantity(value: object) -> bool:
    """Say whether ``value`` looks like a pint Quantity, without importing pint."""
    module = type(value).__module__
    return module.split(".", 1)[0] == "pint" and hasattr(value, "unit_items")


def pint_quantity_parts(quantity: Any) -> tuple[Any, Iterable[tuple[str, Any]], str]:
    """Return a pint Quantity's magnitude, its unit items and how its units print."""
    try:
        return quantity.magnitude, tuple(quantity.unit_items()), str(quantity.units)
    except Exception as exc:  # a broken object that only looks like a Quantity
        msg = "the object looks like a pint Quantity but its magnitude or units cannot be read"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from exc
