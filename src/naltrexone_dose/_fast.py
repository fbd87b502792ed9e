"""A fast reader for the forms most dose texts take; anything else goes to the full reader.

Rule (on the normalised text, ASCII only, words compared lower-cased)::

    simple    = NAME* AMOUNT [" "] MASS_UNIT [RATE | STRENGTH] [" " ROUTE] [" " FREQUENCY]
    AMOUNT    = DIGITS ["." DIGITS]          not "4.0": a trailing zero is the full reader's
    RATE      = "/" [DIGITS] TIME_UNIT        no FREQUENCY after a RATE
    STRENGTH  = (" " DESCRIPTOR)* " " FORM    "50 mg oral tablet": the mass of one unit
    NAME      = a name of naltrexone that no rule of the scanner reads ("ldn", "naltrexone")
    ROUTE     = "po", "orally": by mouth
    FORM      = a form taken by mouth ("tablet", "capsules"); DESCRIPTOR: "extended", "oral"...
    FREQUENCY = a whole phrase of the frequency table: a regular frequency of at least once a
                week, or a time of day; no number, no day of the week, nothing that the
                scanner reads as a rate, a strength, a step or a qualifier of the mass

Every word comes from the full reader's own tables (`._vocabulary`, `._units`), and the
texts of the result from its own helpers, so there is one source of truth. The fast reader
never refuses and never guesses: it returns ``None`` for anything outside the rule, and for
anything inside it that the full reader would refuse or treat apart (zero, out of range, a
gram a day or more, the depot's mass, an interval longer than a week); the full reader then
reads the text. Property tests (``tests/test_fast.py``) check that whatever it reads, it
reads exactly as the full reader does, every field of the result included.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from . import _vocabulary as vocab
from ._format import format_amount
from ._mentions import Mass
from ._models import DailyDoseBasis, Dose, Frequency, ReadPart, build
from ._numbers import IMPLAUSIBLE_MG_PER_DAY, inside_range, read_decimal
from ._resolve import BARE_MASS, STRENGTH_AS_DOSE, _mass_meaning, make_warnings
from ._scan_frequency import _frequency_meaning
from ._scan_state import _ORAL_WORDS
from ._units import (
    BODY_SIZE_WORDS,
    MASS_UNITS,
    MONTH_WORDS,
    OTHER_UNITS,
    TIME_UNITS,
    VOLUME_UNITS,
)

if TYPE_CHECKING:
    from ._models import Regimen

__all__ = ["read_simple"]

_SIMPLE = re.compile(
    r"(?P<names>(?:[a-z]+ )*?)"
    r"(?P<amount>\d+(?:\.\d+)?)(?P<space> ?)(?P<unit>[a-z]+)"
    r"(?:/(?P<per>\d*)(?P<time>[a-z]+))?"
    r"(?P<rest>(?: [a-z]+)*)",
    re.IGNORECASE | re.ASCII,
)
_TRAILING_ZERO = re.compile(r"\d+\.0+")
_ONE = Fraction(1)

# Word lists of the vocabulary that the scanner never reads by themselves before a number.
_PASSIVE = frozenset({"NALTREXONE_NAMES", "HARMLESS_WORDS", "KNOWN_WORDS", "FORM_DESCRIPTORS"})
# ... and those it reads after a mass unit only to make the mass a strength ("4.5 mg tablet").
_FORM_LISTS = frozenset({"FORM_WORDS", "ORAL_FORMS"})


def _read_by_a_rule(passive: frozenset[str]) -> frozenset[str]:
    """Every word of a list of the vocabulary (but the ``passive`` lists) or of the unit
    table: words that some rule of the scanner reads."""
    words: set[str] = set()
    for name, listed in vars(vocab).items():
        if name not in passive and isinstance(listed, frozenset | dict):
            words.update(word for word in listed if isinstance(word, str))
    for listed in (MASS_UNITS, TIME_UNITS, VOLUME_UNITS, MONTH_WORDS, BODY_SIZE_WORDS):
        words.update(listed)
    return frozenset(words | OTHER_UNITS | _ORAL_WORDS)


_RULED = _read_by_a_rule(_PASSIVE)
# Names of naltrexone that no rule reads: "ldn 4.5 mg" is "4.5 mg".
_NAMES = frozenset(word for word in vocab.NALTREXONE_NAMES if word.isalpha() and word not in _RULED)
# After the mass unit these start a rate, a concentration, a strength or a qualifier, or
# end the step.
_AFTER_MASS = frozenset(
    {"per", "in", *vocab.FORM_WORDS, *vocab.FORM_DESCRIPTORS}
    | vocab.TOTAL_WORDS
    | vocab.EACH_WORDS
    | vocab.TITRATION_WORDS
    | vocab.STEP_WORDS
)
# "po", "orally": by mouth, and read by no other rule.
_ROUTES = frozenset(
    word
    for word in _ORAL_WORDS - {"by", "per"}
    if word.isalpha()
    and word not in _read_by_a_rule(_PASSIVE) - _ORAL_WORDS
    and word not in _AFTER_MASS
)
# "tablet", "capsules" after the mass make it a product strength; descriptors may come
# between ("extended release tablet"), and "oral" among them is a route word too.
_RULED_BUT_FORMS = _read_by_a_rule(_PASSIVE | _FORM_LISTS) - _ORAL_WORDS
# Only forms taken by mouth: "4.5 mg vials" is the full reader's to judge.
_FORMS = frozenset(
    word for word in vocab.ORAL_FORMS if word.isalpha() and word not in _RULED_BUT_FORMS
)
_DESCRIPTORS = frozenset(
    word for word in vocab.FORM_DESCRIPTORS if word.isalpha() and word not in _RULED_BUT_FORMS
)
_KINDS = (vocab.FrequencyKind.REGULAR, vocab.FrequencyKind.TIME_OF_DAY)
_FREQUENCIES: dict[tuple[str, ...], vocab.FrequencyWord] = {
    phrase: meaning
    for phrase, meaning in vocab.FREQUENCY_PHRASES.items()
    if all(part.isalpha() for part in phrase)
    and phrase[0] not in _AFTER_MASS
    and phrase[0] not in _ORAL_WORDS
    and meaning.kind in _KINDS
    and (meaning.kind is not vocab.FrequencyKind.REGULAR or meaning.per_day * 7 >= 1)
}
# The second words of the phrases led by a number ("5 days a week", "24 hourly"), by the
# number ("#" for any): after that number, the full reader's ("" for the number alone).
_NUMBER_PHRASE_SECONDS: dict[str, frozenset[str]] = {
    first: frozenset(phrase[1] if len(phrase) > 1 else "" for phrase, _ in listed)
    for first, listed in vocab.FREQUENCY_BY_FIRST.items()
    if first == vocab.ANY_NUMBER or first[0].isdigit()
}
_ANY_NUMBER_SECONDS = _NUMBER_PHRASE_SECONDS.get(vocab.ANY_NUMBER, frozenset())
_WARNED = {"qd": "qd", "qod": "qod", "od": "od", "hs": "hs", "qhs": "hs", "aths": "hs"}
_WEEK = 7  # days: the longest oral schedule that is averaged to a daily dose

# Parts of a result that depend only on words as written ("at bedtime", "/week", "PO"),
# made once: results are frozen, so sharing them is safe (as build() shares defaults).
_MADE_LIMIT = 4096
_FREQUENCY_MADE: dict[str, tuple[Frequency, ReadPart, tuple[tuple[str, str], ...]] | None] = {}
_RATE_MADE: dict[str, tuple[Fraction, Frequency, str] | None] = {}
_ROUTE_MADE: dict[str, ReadPart] = {}


def _remember(made: dict[str, Any], key: str, value: Any) -> Any:
    if len(made) >= _MADE_LIMIT:
        made.clear()
    made[key] = value
    return value


def _phrase(text: str) -> tuple[Frequency, ReadPart, tuple[tuple[str, str], ...]] | None:
    """A frequency phrase as written: its frequency, its part of the explanation, its
    warnings; None if it is not a phrase of the simple form."""
    meaning = _FREQUENCIES.get(tuple(text.lower().split(" ")))
    if meaning is None:
        return _remember(_FREQUENCY_MADE, text, None)  # type: ignore[no-any-return]
    per_day = meaning.per_day if meaning.kind is vocab.FrequencyKind.REGULAR else _ONE
    code = _WARNED.get(text.lower().replace(" ", ""))
    made = (
        build(Frequency, text=text, per_day=per_day),
        build(ReadPart, text=text, role="frequency", meaning=_frequency_meaning(meaning)),
        () if code is None else ((code, text),),
    )
    return _remember(_FREQUENCY_MADE, text, made)  # type: ignore[no-any-return]


def _rate(per: str, time_text: str) -> tuple[Fraction, Frequency, str] | None:
    """A rate as written after the mass unit ("/day", "/24h"): its days, its frequency, and
    what the explanation says of a mass at that rate after "<amount> mg" (" per day")."""
    key = f"{per}/{time_text}"
    time_unit = TIME_UNITS.get(time_text.lower())
    multiplier = read_decimal(per) if per else _ONE
    if time_unit is None or not multiplier:
        return _remember(_RATE_MADE, key, None)  # type: ignore[no-any-return]
    days = multiplier * time_unit.factor
    if days > _WEEK:
        return _remember(_RATE_MADE, key, None)  # type: ignore[no-any-return]
    text = f"/{'' if multiplier == 1 else per}{time_text}"
    probe = Mass(_ONE, MASS_UNITS["mg"], "", 0, 0, rate_days=days)
    tail = _mass_meaning(probe).removeprefix("1 mg")  # the full reader's own words
    made = (days, build(Frequency, text=text, per_day=1 / days), tail)
    return _remember(_RATE_MADE, key, made)  # type: ignore[no-any-return]


def _route(text: str) -> ReadPart:
    made = _ROUTE_MADE.get(text)
    if made is None:
        made = build(ReadPart, text=text, role="route", meaning="by mouth")
        _remember(_ROUTE_MADE, text, made)
    return made


def read_simple(normal: str, source: str, regimens: tuple[Regimen, ...]) -> Dose | None:
    """Read normalised text of the simple form into the `Dose` the full reader gives, or
    return ``None`` when the text is not of that form (the full reader then reads it).

    Examples:
        >>> read_simple("4.5 mg at bedtime", "4.5 mg at bedtime", ()).mg_per_day
        Fraction(9, 2)
        >>> read_simple("1 tablet (4.5 mg) at bedtime", "", ()) is None
        True
    """
    if not normal.isascii():
        return None
    match = _SIMPLE.fullmatch(normal)
    if match is None:
        return None
    names, written, space, unit_text, per, time_text, rest = match.groups()
    if names and any(word.lower() not in _NAMES for word in names.split()):
        return None
    unit_word = unit_text.lower()
    unit = MASS_UNITS.get(unit_word)
    if (
        unit is None
        or unit_word in _ANY_NUMBER_SECONDS
        or "" in _ANY_NUMBER_SECONDS
        or (written in _NUMBER_PHRASE_SECONDS and {unit_word, ""} & _NUMBER_PHRASE_SECONDS[written])
        or _TRAILING_ZERO.fullmatch(written)
    ):
        return None
    value = read_decimal(written)
    if not value:
        return None
    mg = value * unit.factor  # as Mass does
    strength = False
    tail = ""  # what the explanation says after "<amount> mg"
    for regimen in regimens:
        if mg == regimen.mass_mg:
            return None  # the depot's mass: the full reader decides
    frequency: Frequency | None = None
    warnings: list[tuple[str, str]] = []
    if not space:
        warnings.append(("unit_run_into_number", f"{written}{unit_text}"))
    end = match.end("unit")
    parts: list[ReadPart] = []
    words = rest.split(" ")[1:] if rest else []
    if time_text is not None:
        key = f"{per}/{time_text}"
        rate = _RATE_MADE[key] if key in _RATE_MADE else _rate(per, time_text)
        if rate is None:
            return None
        _, frequency, tail = rate
        end = match.end("time")
    elif words and words[0].lower() in _AFTER_MASS:
        # DESCRIPTOR* FORM: the mass is a product strength.
        while words and words[0].lower() in _DESCRIPTORS:
            descriptor = words.pop(0)
            if descriptor.lower() in _ORAL_WORDS:
                parts.append(_route(descriptor))
        if not words or words.pop(0).lower() not in _FORMS:
            return None
        strength = True
    if words and words[0].lower() in _ROUTES:
        parts.append(_route(words.pop(0)))
    if words:
        text = " ".join(words)
        phrase = _FREQUENCY_MADE[text] if text in _FREQUENCY_MADE else _phrase(text)
        if phrase is None or frequency is not None:
            return None
        frequency, said, warned = phrase
        parts.append(said)
        warnings.extend(warned)
    mg_per_day = mg if frequency is None else mg * frequency.per_day
    numerator, denominator = mg_per_day.numerator, mg_per_day.denominator
    if numerator >= IMPLAUSIBLE_MG_PER_DAY * denominator or not inside_range(mg_per_day):
        return None
    read_mass = build(
        ReadPart,
        text=normal[match.start("amount") : end],
        role="amount"
        if time_text is None and not strength
        else "amount per time"
        if time_text is not None
        else "strength of one unit",
        meaning=f"{format_amount(mg)} mg{tail}",
    )
    values: dict[str, Any] = {
        "source": source,
        "amount": value,
        "unit": unit.symbol,
        "amount_mg": mg,
        "strength_mg": mg if strength else None,
        "count": None,
        "volume_ml": None,
        "concentration_mg_per_ml": None,
        "mg_per_day": mg_per_day,
        "low_mg_per_day": None,
        "explanation": (read_mass, *parts),
    }
    assumptions = (STRENGTH_AS_DOSE,) if strength else ()
    if time_text is not None:
        values.update(frequency=frequency, basis=DailyDoseBasis.STATED_RATE)
    elif frequency is not None:
        values.update(frequency=frequency, basis=DailyDoseBasis.FREQUENCY)
    else:
        values["basis"] = DailyDoseBasis.ASSUMED_DAILY
        assumptions = (*assumptions, BARE_MASS)
    values["assumptions"] = assumptions
    if warnings:
        values["warnings"] = make_warnings(warnings)
    return build(Dose, **values)
