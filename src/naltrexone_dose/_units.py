"""Units: the closed vocabulary of dose text, exact factors, and the border with pint.

The factors below are exact rationals, so that comparisons against the band boundaries never
meet binary floating point. A test checks every one of them against pint's own definitions.
pint itself is imported only when a pint Quantity has to be read, because importing it and
building a registry costs a fifth of a second that most callers never need to pay.
"""

from __future__ import annotations

import functools
import re
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
    CALENDAR = "calendar"  # a month or a year: no fixed length in days
    VOLUME = "volume"


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: its kind, its canonical symbol, its exact size, and its names elsewhere.

    ``factor`` is in mg for a mass, in days for a time and in mL for a volume (0 for a
    calendar unit, which has no fixed size). ``ucum`` is the UCUM code a FHIR Quantity or
    timing uses; ``pint`` is pint's canonical name; ``spellings`` are the words dose text
    may use, lower-cased.
    """

    kind: UnitKind
    symbol: str
    factor: Fraction
    ucum: str = ""
    pint: str = ""
    spellings: tuple[str, ...] = ()


#: The one unit table: every other unit list is derived from it. Adding a unit is one row
#: here (and its test checks the factor against pint). The list of masses is closed on
#: purpose: "gr" (grain or gram?), "oz" and the like are errors, not guesses.
UNITS: tuple[Unit, ...] = (
    Unit(UnitKind.MASS, "g", Fraction(1000), "g", "gram",
         ("g", "gram", "grams", "gramme", "grammes")),
    Unit(UnitKind.MASS, "mg", Fraction(1), "mg", "milligram",
         ("mg", "milligram", "milligrams", "milligramme", "milligrammes")),
    Unit(UnitKind.MASS, "mcg", Fraction(1, 1000), "ug", "microgram",
         ("mcg", "ug", "\u00b5g", "\u03bcg", "microgram", "micrograms", "microgramme",
          "microgrammes")),
    Unit(UnitKind.MASS, "ng", Fraction(1, 10**6), "ng", "nanogram",
         ("ng", "nanogram", "nanograms")),
    Unit(UnitKind.MASS, "pg", Fraction(1, 10**9), "pg", "picogram",
         ("pg", "picogram", "picograms")),
    Unit(UnitKind.MASS, "kg", Fraction(10**6), "kg", "kilogram",
         ("kg", "kilogram", "kilograms")),
    # The avoirdupois pound is defined as exactly 0.45359237 kg.
    Unit(UnitKind.MASS, "lb", Fraction(45359237, 100), "[lb_av]", "pound",
         ("lb", "lbs", "pound", "pounds")),
    Unit(UnitKind.TIME, "s", Fraction(1, 86400), "s", "second"),
    Unit(UnitKind.TIME, "min", Fraction(1, 1440), "min", "minute"),
    Unit(UnitKind.TIME, "h", Fraction(1, 24), "h", "hour",
         ("h", "hr", "hrs", "hour", "hours")),
    Unit(UnitKind.TIME, "d", Fraction(1), "d", "day", ("d", "day", "days")),
    Unit(UnitKind.TIME, "wk", Fraction(7), "wk", "week",
         ("wk", "wks", "week", "weeks", "w")),
    # A month has no fixed length, so a rate per month is refused.
    Unit(UnitKind.CALENDAR, "mo", Fraction(0), "mo", "month",
         ("mo", "mos", "mon", "month", "months", "mth")),
    Unit(UnitKind.CALENDAR, "a", Fraction(0), "a", "year", ("year", "years", "yr", "yrs")),
    Unit(UnitKind.VOLUME, "mL", Fraction(1), "mL", "milliliter",
         ("ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres", "cc")),
    Unit(UnitKind.VOLUME, "L", Fraction(1000), "L", "liter",
         ("l", "liter", "liters", "litre", "litres")),
)  # fmt: skip


def _spelled(kind: UnitKind) -> dict[str, Unit]:
    return {word: unit for unit in UNITS if unit.kind is kind for word in unit.spellings}


#: Every spelling of a mass unit that dose text may use, lower-cased.
MASS_UNITS = _spelled(UnitKind.MASS)
#: Spellings of time units a rate may be per, lower-cased; factor in days.
TIME_UNITS = _spelled(UnitKind.TIME)
#: Month and year spellings: no fixed length, so a rate per month is refused.
MONTH_WORDS = frozenset(_spelled(UnitKind.CALENDAR))
#: Volumes, lower-cased; factor in mL.
VOLUME_UNITS = _spelled(UnitKind.VOLUME)
#: Mass units by their canonical symbol ("mg", "mcg"): what a `Dose` records.
BY_SYMBOL = {unit.symbol: unit for unit in UNITS if unit.kind is UnitKind.MASS}
#: Units by their UCUM code, for FHIR Quantities and timings.
BY_UCUM = {unit.ucum: unit for unit in UNITS if unit.ucum}

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


def _listed(spellings: tuple[str, ...]) -> str:
    # "gram", "grams" -> "gram(s)": the message names every spelling once.
    words = [w for w in spellings if not (len(w) > 3 and w.endswith("s") and w[:-1] in spellings)]
    return ", ".join(f"{w}(s)" if len(w) > 2 and w + "s" in spellings else w for w in words)


#: The accepted mass units, as messages name them; derived from the table.
ACCEPTED_MASS_UNITS = ", ".join(
    _listed(unit.spellings) for unit in UNITS if unit.kind is UnitKind.MASS
)
ACCEPTED_RATES = "per hour, day or week (/h, /12h, /d, /day, per day, daily, /wk, weekly, ...)"

# pint's canonical unit names mapped to the same exact factors as the text vocabulary, so a
# pint Quantity in milligram or microgram/day converts without a float in between.
_PINT_NAMES: dict[str, Unit] = {
    unit.pint: unit for unit in UNITS if unit.kind in (UnitKind.MASS, UnitKind.TIME)
}


# pint defines a month as a twelfth of a Julian year; a dose per month has no daily dose.
_CALENDAR_WORDS = ("month", "year", "decade", "century", "millennium", "millennia")


@functools.cache
def _fraction_registry() -> Any:
    # A registry of our own, with exact rational magnitudes: never the user's registry, whose
    # definitions and settings are theirs to change.
    import pint  # noqa: PLC0415  (deferred: pint costs ~0.2 s to import)

    return pint.UnitRegistry(non_int_type=Fraction, cache_folder=None)


_PINT_FILES = ("constants_en.txt", "default_en.txt")  # in the order pint reads them
_IDENTIFIER = re.compile(r"[^\W\d]\w*")


@functools.cache
def _pint_definitions() -> tuple[tuple[str, ...], dict[str, list[int]], list[int]]:
    """pint's own definition lines (contexts, systems and defaults left out); the lines that
    define each name, symbol and alias; the lines every registry needs (prefixes,
    dimensions, base units)."""
    from importlib import resources  # noqa: PLC0415

    lines: list[str] = []
    names: dict[str, list[int]] = {}
    always: list[int] = []
    for file in _PINT_FILES:
        skipping = False
        for raw in resources.files("pint").joinpath(file).read_text("utf-8").splitlines():
            line = raw.split("#", 1)[0].strip()
            if skipping or not line:
                skipping = skipping and line != "@end"
                continue
            if line.startswith(("@context", "@system", "@defaults")):
                skipping = True
                continue
            parts = [part.strip() for part in line.removeprefix("@alias").split("=")]
            if line.startswith("@") and not line.startswith("@alias"):
                continue  # @import, @group and its @end: the lines inside are kept
            index = len(lines)
            lines.append(line)
            if parts[0].endswith("-") or parts[0].startswith("[") or parts[1].startswith("["):
                always.append(index)  # a prefix, a dimension, a base unit
                continue
            defined = parts if line.startswith("@alias") else [parts[0], *parts[2:]]
            for word in defined:
                if word != "_":
                    names.setdefault(word, []).append(index)
    return tuple(lines), names, always


@functools.lru_cache(maxsize=32)
def _small_registry(name: str) -> Any:
    """A registry of pint's own definitions, but only those that ``name`` needs.

    pint's full registry costs ~0.15 s to build; the unit of a Quantity needs a few of its
    lines (its own, those it is defined from, the prefixes, dimensions and base units).
    Every word that could stand for a needed unit is followed (as a prefix and a unit, a
    plural), so a missing definition cannot make pint read a name as another unit.
    """
    import pint  # noqa: PLC0415  (deferred: pint costs ~0.2 s to import)

    lines, names, always = _pint_definitions()
    prefixes = sorted(
        {
            part.strip().rstrip("-")
            for k in always
            if lines[k].split("=", 1)[0].strip().endswith("-")
            for part in lines[k].split("=")[:1] + lines[k].split("=")[2:]
        }
        - {"", "_"}
    )
    wanted: set[int] = set(always)
    todo = [name, "milligram", "day"]  # the units a factor is given in
    seen: set[str] = set()
    while todo:
        word = todo.pop()
        if word in seen:
            continue
        seen.add(word)
        stems = [word] + [word[len(p) :] for p in prefixes if word.startswith(p)]
        for stem in stems:
            for candidate in (stem, stem.removesuffix("s")):
                for index in names.get(candidate, ()):
                    if index not in wanted:
                        wanted.add(index)
                        definition = lines[index].removeprefix("@alias").split("=")
                        todo.extend(_IDENTIFIER.findall("=".join(definition[:2])))
    registry: Any = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    for index in sorted(wanted):
        registry.define(lines[index])
    return registry


def _factor_in(registry: Any, name: str) -> tuple[str, Fraction] | None:
    one = registry.Quantity(Fraction(1), registry.parse_units(name))
    if one.check("[mass]"):
        return "mass", Fraction(one.to("milligram").magnitude)
    if one.check("[time]"):
        return "time", Fraction(one.to("day").magnitude)
    return None


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
        try:
            found = _factor_in(_small_registry(name), name)
        except Exception:  # noqa: BLE001 (a unit the small registry lacks: the full one decides)
            found = None
        if found is None:
            found = _factor_in(_fraction_registry(), name)
        if found is not None:
            return found
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
