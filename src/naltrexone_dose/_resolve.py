"""Mentions to one exact `Dose`: the place that builds a Dose, checks its range and attaches
its warnings. Every reader (text, numbers, pint, FHIR) ends here; the fast reader
(`._fast`), for the simplest texts, builds the same Dose from this module's helpers and is
proved equal to it by tests.

The rules, in order: a known depot regimen (its mass and interval, or an injection word)
is the depot, never averaged; a mass restated in parentheses is one dose; a strength beside a dose to
take is recorded, not taken; a count times a strength is a dose; a liquid is volume times
concentration; several different masses are an error unless each has its own days or time
of day (then they add up); a rate in the unit beats a frequency word; a bare mass is taken as
the daily dose, and the result says so.
"""

from __future__ import annotations

import functools
import itertools
import math
import tomllib
from dataclasses import dataclass, field, replace
from fractions import Fraction
from importlib import resources
from typing import TYPE_CHECKING, Any

from . import _vocabulary as vocab
from ._errors import (
    DailyDoseUnknownError,
    DoseAmountError,
    DoseSyntaxError,
    DoseUnitError,
    ErrorReason,
)
from ._format import format_amount
from ._models import (
    DailyDoseBasis,
    Dose,
    DoseWarning,
    Frequency,
    ReadPart,
    Regimen,
    WarningCode,
    build,
)
from ._numbers import IMPLAUSIBLE_MG_PER_DAY, RANGE_TEXT, inside_range
from ._scan_frequency import clock_minutes
from ._units import ACCEPTED_MASS_UNITS, ACCEPTED_RATES, BY_SYMBOL

if TYPE_CHECKING:
    from ._mentions import Count, FrequencyMention, Mass, Mentions, Step

BARE_MASS = "a bare mass is taken as the daily dose"
LAST_STEP = "a multi-step schedule is classified by its last (maintenance) step"
STRENGTH_AS_DOSE = "a product strength with no dose to take is taken as one unit a dose"
ADDED_UP = (
    "the daily dose is the average over a week of each amount on its own days or at its own "
    "time of day"
)
_DAYS_PER_WEEK = 7
# A bracketed mass this many tokens after a strength restates the strength ("50 mg tablet
# (50 mg)"); further on it is a dose ("4.5 mg capsules: 3 at bedtime (4.5 mg)").
_RESTATED_NEARBY = 4
_IMPLAUSIBLE = "implausible_amount"
_ONCE_A_WEEK = Fraction(1, _DAYS_PER_WEEK)
MAX_UNITS_PER_DOSE = 10


@functools.cache
def _warning_messages() -> dict[str, str]:
    text = resources.files("naltrexone_dose").joinpath("data/writing.toml").read_text("utf-8")
    messages: dict[str, str] = tomllib.loads(text)["warnings"]
    return messages


def make_warnings(found: list[tuple[str, str]]) -> tuple[DoseWarning, ...]:
    """Turn the scanner's (code, written) pairs into warnings with their reasons."""
    messages = _warning_messages()
    return tuple(
        build(DoseWarning, code=WarningCode(code), written=written, message=messages[code])
        for code, written in found
    )


@dataclass
class _Amount:
    """The per-administration amount chosen, with what it was built from."""

    mass: Mass
    amount_mg: Fraction
    low_mg: Fraction | None = None
    count: Fraction | None = None
    strength_mg: Fraction | None = None
    volume_ml: Fraction | None = None
    concentration: Fraction | None = None
    assumptions: list[str] = field(default_factory=list)
    step_masses: list[Mass] = field(default_factory=list)  # every mass of the step it is from


def _same(a: Mass, b: Mass) -> bool:
    return a.mg == b.mg and a.rate_days == b.rate_days and a.low == b.low


def _listing(masses: list[Mass]) -> str:
    return ", ".join(f"'{mass.written}'" for mass in masses)


def _no_mass_error(step: Step, mentions: Mentions) -> Exception:
    """The most telling error for a text in which no mass was found."""
    concentrations = [mass for mass in step.masses if mass.per_ml]
    if step.volumes:
        msg = (
            "a volume alone is no dose: compounded liquids differ in strength (1 mg/mL, "
            "5 mg/mL). Give the concentration too (concentration='1 mg/mL' or '4.5 mL of "
            "1 mg/mL'), or the mass, such as '4.5 mg'"
        )
        return DoseUnitError(msg, ErrorReason.VOLUME_WITHOUT_CONCENTRATION)
    if concentrations:
        msg = (
            f"{_listing(concentrations)} is a concentration, not a dose; give the volume taken "
            "too ('4.5 mL of 1 mg/mL'), or the mass, such as '4.5 mg'"
        )
        return DoseUnitError(msg, ErrorReason.CONCENTRATION)
    if mentions.household:
        msg = (
            f"'{mentions.household}' is a household or drop measure, whose size varies; give a "
            "metric volume with a concentration ('4.5 mL of 1 mg/mL'), or the mass"
        )
        return DoseUnitError(msg, ErrorReason.VOLUME_WITHOUT_CONCENTRATION)
    for reason, written in mentions.unresolved:
        if reason == "unknown_unit":
            msg = (
                f"'{written}' has a unit that is not read; expected a mass unit "
                f"({ACCEPTED_MASS_UNITS}), or a rate {ACCEPTED_RATES}"
            )
            return DoseSyntaxError(msg, ErrorReason.UNKNOWN_UNIT)
    for reason, written in mentions.unresolved:
        if reason == "no_unit":
            msg = (
                f"the amount '{written}' has no unit; write it with a mass unit, such as "
                f"'{written} mg' ({ACCEPTED_MASS_UNITS})"
            )
            return DoseSyntaxError(msg, ErrorReason.NO_UNIT)
    if step.counts:
        count = step.counts[0]
        msg = (
            f"'{format_amount(count.value)} {count.form}' is a count of units, not a mass; the "
            "strength is needed, such as '1 tablet (50 mg)' or '50 mg tablets, take 1 daily'"
        )
        return DoseSyntaxError(msg, ErrorReason.COUNT_WITHOUT_MASS)
    if mentions.number_word:
        msg = (
            f"'{mentions.number_word}': amounts written in words are not read; write the "
            "amount in digits with a mass unit, such as '4.5 mg'"
        )
        return DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    if mentions.unit_only:
        msg = (
            f"'{mentions.unit_only}' has no amount; write the amount before the unit, such as "
            "'4.5 mg'"
        )
        return DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    msg = "no dose was found in the text; expected an amount and a mass unit, such as '4.5 mg'"
    return DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)


def _choose_amount(step: Step, mentions: Mentions) -> _Amount | list[Mass]:
    """Pick the dose's per-administration amount, or return several masses that add up."""
    chosen = _choose(step, mentions)
    if isinstance(chosen, _Amount):
        chosen.step_masses = step.masses
    return chosen


def _choose(step: Step, mentions: Mentions) -> _Amount | list[Mass]:
    doses: list[Mass] = []
    strengths: list[Mass] = []
    for mass in step.masses:
        if mass.per_ml is not None or mass.qualifier in ("day", "dose"):
            continue  # a restated total is checked against the reading, not read
        if mass.strength:
            strengths.append(mass)
        elif (
            doses
            and mass.depth > doses[-1].depth
            and _same(mass, doses[-1])
            and not (mass.qualifier == "total" and any(c.value != 1 for c in step.counts))
        ):
            continue  # "4.5 mg (4500 mcg)": the same dose restated
        elif (
            strengths
            and mass.depth > 0
            and mass.qualifier != "total"
            and mass.mg == strengths[-1].mg
            and not doses
            and mass.index - strengths[-1].index <= _RESTATED_NEARBY
        ):
            continue  # "50 mg tablet (50 mg)": the strength restated beside it
        else:
            doses.append(mass)
    # A count above ten is a quantity dispensed ("30 caps"), not units taken at once; but
    # one that is to be taken ("take 12 capsules", "12 capsules at night") is refused.
    many = [c for c in step.counts if c.value > MAX_UNITS_PER_DOSE]
    if any(c.instructed or c.timed for c in many):
        msg = (
            f"'{format_amount(many[0].value)} {many[0].form}': more than "
            f"{MAX_UNITS_PER_DOSE} units at once is more likely a quantity dispensed; write "
            "it as 'qty' or '#', or give the dose in mg"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNPLACED_NUMBER)
    taken = [c for c in step.counts if c.value <= MAX_UNITS_PER_DOSE]
    by_time = _counts_by_time(step, taken)
    if by_time:
        return by_time
    _count_keeps_to_its_time(step, taken)
    if len({c.value for c in taken}) > 1:
        listed = ", ".join(f"'{format_amount(c.value)} {c.form}'" for c in taken)
        msg = (
            f"the text gives different counts of units ({listed}); give one dose, or each "
            "amount as a mass with its own time of day"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    count = taken[0] if taken else None
    if count is not None and (
        (count.value * 4).denominator != 1
        or (count.form in vocab.UNSPLIT_FORMS and count.value.denominator != 1)
    ):
        msg = (
            f"'{format_amount(count.value)} {count.form}' is not a whole, half or quarter "
            "unit (and a capsule is not split); give the dose in mg"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    concentrations = [m for m in step.masses if m.per_ml]
    if doses and concentrations and (step.volumes or concentrations[0].volume_given):
        liquid = _liquid(step, mentions)
        if any(mass.mg != liquid.amount_mg for mass in doses):
            msg = (
                f"{_listing(doses)} does not agree with the liquid read "
                f"({format_amount(liquid.amount_mg)} mg from the volume and concentration); "
                "give the dose once"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        return liquid
    if not doses and strengths:
        distinct = {mass.mg for mass in strengths}
        if len(distinct) > 1:
            msg = f"the text names several strengths ({_listing(strengths)}); give the dose to take"
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        strength = strengths[0]
        if (
            count is not None
            and count.index > strength.index
            and not count.instructed
            and not step.frequencies
        ):
            # "Naltrexone 50mg tablets 7 tablet": a pack of seven, or seven at once?
            msg = (
                f"'{format_amount(count.value)} {count.form}' after {strength.written}: a "
                "quantity dispensed or a dose to take? Write 'take 1 tablet daily' or '#7'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        if count is not None:
            low = None if count.low is None else strength.mg * count.low
            return _Amount(strength, strength.mg * count.value, low_mg=low, count=count.value,
                           strength_mg=strength.mg)  # fmt: skip
        return _Amount(strength, strength.mg, strength_mg=strength.mg,
                       assumptions=[STRENGTH_AS_DOSE])  # fmt: skip
    if not doses:
        return _liquid(step, mentions)
    if len(doses) > 1:
        return doses
    mass = doses[0]
    chosen = _Amount(
        mass, mass.mg, low_mg=None if mass.low is None else mass.low * mass.unit.factor
    )
    if strengths:
        chosen.strength_mg = strengths[0].mg
        units = mass.mg / strengths[0].mg
        if count is None and ((units * 4).denominator != 1 or units > MAX_UNITS_PER_DOSE):
            # "50 mg tablets: take 25 mg" is half a tablet; 1 g of 7 mg tablets is no dose.
            msg = (
                f"{mass.written} is not a whole, half or quarter number of units of "
                f"{strengths[0].written}; give the dose and the strength that go together"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    if count is None:
        return chosen
    chosen.count = count.value
    if strengths and mass.mg != strengths[0].mg * count.value and mass.qualifier != "each":
        # "50 MG tablet: take 7 tablets (25 mg total)": the count, the strength and the
        # amount must agree.
        msg = (
            f"{format_amount(count.value)} x {strengths[0].written} is not {mass.written}; "
            "the count, the strength and the amount disagree"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    if mass.depth > count.depth and count.index < mass.index:
        # "2 tablets (25 mg each)": the parentheses must say whether the mass is per unit.
        agrees = bool(strengths) and strengths[0].mg * count.value == mass.mg
        if mass.qualifier == "each" and strengths and strengths[0].mg != mass.mg:
            msg = (
                f"'{mass.written} each' is not the strength {strengths[0].written}; the "
                "amount of each unit and the product's strength disagree"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        if mass.qualifier == "each":
            _scale(chosen, count.value)
        elif mass.qualifier != "total" and count.value > 1 and not agrees:
            msg = (
                f"'{format_amount(count.value)} {count.form} ({mass.written})': is "
                f"{mass.written} the total or the amount of each {_singular(count.form)}? Write "
                f"'({mass.written} total)' or '({mass.written} each)'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    elif strengths and mass.mg == strengths[0].mg * count.value and count.index < mass.index:
        # "50 mg tablets: two at night - 100 mg": the mass is the count's total, not a unit's
        chosen.strength_mg = strengths[0].mg
    elif (
        mass.depth == count.depth
        and (mass.rate_days is None or count.times)
        and mass.qualifier != "total"
    ):
        # "naltrexone 50 mg, take 0.5 tab", "2 x 25 mg", "1/2 tablet of 50 mg": the mass is
        # what one unit holds, unless the text calls it the total. But "LDN 4.5 mg, 2 capsules"
        # may be 4.5 mg in two capsules or two of 4.5 mg: a count above one after a mass that
        # no form word marks as a strength is refused.
        if count.value > 1 and count.index > mass.index and not count.instructed:
            msg = (
                f"is '{mass.written}' the strength of one unit or the total of "
                f"{format_amount(count.value)}? Write '{mass.written} {_singular(count.form)}s, "
                f"take {format_amount(count.value)}' or '{mass.written} total'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        chosen.strength_mg = mass.mg
        _scale(chosen, count.value)
        if count.low is not None:
            if chosen.low_mg is not None:
                msg = f"'{mass.written}' is a range taken a range of times; give one range"
                raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
            chosen.low_mg = mass.mg * count.low
    elif count.low is not None:
        msg = (
            f"a range of counts with '{mass.written}' that is not the strength of one unit; "
            "give the range of amounts, such as '1.5-4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    return chosen


def _count_keeps_to_its_time(step: Step, taken: list[Count]) -> None:
    """Refuse a count written before a time of day when a time or a frequency comes before it
    ("25 mg tablet in the morning and 2 at bedtime": 2 at each time, or 1 and 2? "50 mg
    tablet daily and one at bedtime": a second dose, or the same one?). A count before all
    the times ("take 1 AM & PM") is taken at each."""
    timed = [count for count in taken if count.timed]
    if not timed:
        return
    first = min(count.index for count in timed)
    earlier = {m.word.kind for m in step.frequencies if m.index < first}
    times = {
        m.word.group for m in step.frequencies if m.word.kind is vocab.FrequencyKind.TIME_OF_DAY
    }
    uncounted = vocab.FrequencyKind.TIME_OF_DAY in earlier and len(taken) < len(times)
    # "one daily and one at bedtime": counts each with a frequency and a time of their own
    both = len(timed) > 1 and {m.word.kind for m in step.frequencies} >= {
        vocab.FrequencyKind.REGULAR,
        vocab.FrequencyKind.TIME_OF_DAY,
    }
    # "1 in the morning and 1 at 9 am": two counts for one time
    twice = len(timed) > len(_administrations(step.frequencies, "") or {""})
    if vocab.FrequencyKind.REGULAR in earlier or uncounted or both or twice:
        msg = (
            f"'{format_amount(timed[0].value)} {timed[0].form}' is given for one time of day "
            "after another time or a frequency; give each time its count, such as '1 in the "
            "morning and 2 at night'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)


def _counts_by_time(step: Step, taken: list[Count]) -> list[Mass]:
    """Rule (SPEC, "amounts by time"): different counts of one strength, each right before
    its own time ("1.5 mg caps: 1 in the morning and 2 at night", "2 tabs @ 8:00, 1 hs") are
    amounts by time; each becomes that many units of the strength, to add up by time."""
    strengths = [mass for mass in step.masses if mass.strength]
    others = [mass for mass in step.masses if not mass.strength and mass.qualifier != "day"]
    if (
        len({c.value for c in taken}) < 2
        or not all(c.timed for c in taken)
        or len({mass.mg for mass in strengths}) != 1
        or others
        or any(c.index < strengths[0].index for c in taken)
    ):
        return []
    strength = strengths[0]
    return [
        replace(
            strength,
            amount=strength.amount * count.value,
            written=f"{format_amount(count.value)} x {strength.written}",
            index=count.index,
            depth=count.depth,
            strength=False,
        )
        for count in taken
    ]


def _singular(form: str) -> str:
    return form[:-1] if form.endswith("s") and not form.endswith("ss") else form


def _scale(chosen: _Amount, count: Fraction) -> None:
    chosen.amount_mg *= count
    if chosen.low_mg is not None:
        chosen.low_mg *= count


def _liquid(step: Step, mentions: Mentions) -> _Amount:
    """Rule: VOLUME with one CONCENTRATION is volume x concentration. A concentration alone
    ("5 mg/5 mL") is no dose; two volumes or two concentrations that differ are refused."""
    concentrations = [mass for mass in step.masses if mass.per_ml]
    if len({mass.mg / (mass.per_ml or 1) for mass in concentrations}) > 1:
        msg = f"the text gives different concentrations ({_listing(concentrations)}); give one"
        raise DoseUnitError(msg, ErrorReason.CONCENTRATION)
    if len(step.volumes) > 1:
        listed = ", ".join(f"{format_amount(volume)} mL" for volume, _ in step.volumes)
        msg = (
            f"the text gives several volumes ({listed}); give one volume a dose, or each as a "
            "mass with its own time of day"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    if concentrations and step.volumes:
        concentration = concentrations[0]
        volume = step.volumes[0][0]
        if step.volumes:
            # "two 5 ml spoonfuls": a count just before the volume multiplies it.
            at = step.volumes[0][1]
            before = [c for c in step.counts if c.index == at - 1]
            volume *= before[0].value if before else 1
        per_ml = concentration.mg / (concentration.per_ml or 1)
        return _Amount(
            concentration,
            volume * per_ml,
            volume_ml=volume,
            concentration=per_ml,
        )
    raise _no_mass_error(step, mentions)


@dataclass
class _Frequency:
    per_day: Fraction | None
    text: str
    monthly: bool = False
    low: Fraction | None = None  # the low end of a range of frequencies


def _frequency(mentions: list[FrequencyMention]) -> _Frequency:
    """Combine a step's frequency phrases into one number of administrations a day."""
    if not mentions:
        return _Frequency(None, "")
    text = " ".join(mention.text for mention in mentions)
    kinds = {mention.word.kind for mention in mentions}
    if vocab.FrequencyKind.AS_DIRECTED in kinds:
        # "one daily as directed": the frequency says how often; "as directed" alone does not.
        said = [m for m in mentions if m.word.kind is not vocab.FrequencyKind.AS_DIRECTED]
        meals = any(m.word.group == vocab.MEALS for m in mentions)
        if meals and any(m.word.kind is vocab.FrequencyKind.TIME_OF_DAY for m in said):
            msg = (
                f"'{text}': meals that are not counted beside a time of day; how many doses "
                "a day? Give the frequency, such as 'three times daily with meals and at bedtime'"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
        if not said:
            msg = (
                f"'{text}' leaves how often to instructions the text does not give; give a "
                "frequency, such as 'daily' or 'at bedtime'"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
        return _frequency(said)
    if vocab.FrequencyKind.AS_NEEDED in kinds:
        msg = (
            f"'{text}': a dose taken as needed has no known daily dose; give a regular "
            "frequency, such as 'daily' or 'BID'"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    regular = {m.word.per_day for m in mentions if m.word.kind is vocab.FrequencyKind.REGULAR}
    if len(regular) > 1:
        msg = f"'{text}' gives different frequencies; give one, such as 'daily' or 'BID'"
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    if vocab.FrequencyKind.MONTHLY in kinds:
        return _Frequency(next(iter(regular), None), text, monthly=True)
    if any(m.word.group == vocab.SCHEME for m in mentions) and any(
        m.word.kind is vocab.FrequencyKind.TIME_OF_DAY for m in mentions
    ):
        msg = f"'{text}': a day scheme names its own times of day; give them once"
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    share = _week_share(mentions, text)
    times_of_day = _administrations(mentions, text)
    _times_keep_to_their_days(mentions, times_of_day, text)
    if regular:
        per_day = regular.pop()
        # Times of day and named days must agree with the count they go with: "twice daily
        # at bedtime" and "three times weekly Mon, Wed" say two different things.
        disagrees = (
            (per_day >= 1 and times_of_day and per_day != len(times_of_day))
            or (per_day < 1 and share is not None and share != per_day)
            # "100 mg every other day 08:00 and 20:00": two doses on a dosing day?
            or (per_day < 1 and len(times_of_day) > 1)
            # "380 mg every 4 weeks nightly": a time of day beside an interval over a week
            or (per_day < _ONCE_A_WEEK and bool(times_of_day))
            # "4.5 mg every night weekly": each night, or once a week?
            or (per_day < 1 and _each_day_said(mentions))
        )
        if disagrees:
            msg = f"'{text}': the frequency and the times or days given with it disagree"
            raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
        lows = [m.word.low for m in mentions if m.word.low is not None]
        low = lows[0] if lows else None
        every_day = any(m.text.lower() in ("every day", "each day") for m in mentions)
        positive = any(
            m.word.kind is vocab.FrequencyKind.DAYS_OF_WEEK
            and m.word.group
            and not m.word.group.startswith(vocab.EXCEPT_PREFIX)
            for m in mentions
        )
        if share is not None and (_each_day_said(mentions) or every_day) and positive:
            msg = f"'{text}': every day, or only on the days named? Give the days once"
            raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
        if share is not None and per_day >= 1:
            per_day *= share
            low = None if low is None else low * share
        return _Frequency(per_day, text, low=low)
    per_day = Fraction(max(1, len(times_of_day)))
    return _Frequency(per_day * (1 if share is None else share), text)


# The named times of day a clock hour may belong to (hours 15 and 16, the afternoon, belong
# to none of them). "evening" and "bedtime" are in the night group of the vocabulary.
_HOUR_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset({"morning"}) if 4 <= hour <= 10
    else frozenset({"morning", "midday"}) if hour == 11
    else frozenset({"midday"}) if 12 <= hour <= 13
    else frozenset({"midday", "afternoon"}) if hour == 14
    else frozenset({"afternoon"}) if hour in (15, 16)
    else frozenset({"night"})
    for hour in range(24)
)  # fmt: skip


def _clock(group: str) -> tuple[int, int] | None:
    """The hour (0-23) and minute of a clock time as the scanner groups it ("22:00", "7am",
    "8:00 pm", "2100h"), or None for a group that is not one clock time (a window)."""
    minutes = clock_minutes(group)
    return None if minutes is None else divmod(minutes, 60)


def _clock_hour(group: str) -> int | None:
    clock = _clock(group)
    return None if clock is None else clock[0]


def _time_key(group: str) -> str:
    """One key for one time of day: "9 pm" and "21:00" are the same time."""
    clock = _clock(group)
    return group if clock is None else f"{clock[0]:02d}:{clock[1]:02d}"


def _times_meet(times: frozenset[str], others: frozenset[str]) -> bool:
    """Whether two sets of times of day name a time in common (a clock time meets the named
    time it falls in: "at night" and "at 10 pm")."""
    for time in times:
        for other in others:
            if _time_key(time) == _time_key(other):
                return True
            hours = [_clock_hour(time), _clock_hour(other)]
            if (hours[0] is None) == (hours[1] is None):
                continue  # two named times, or two clock times, that differ
            hour = hours[0] if hours[0] is not None else hours[1]
            named = other if hours[0] is not None else time
            if hour is not None and named in _HOUR_GROUPS[hour]:
                return True
    return False


def _administrations(mentions: list[FrequencyMention], text: str) -> set[str]:
    """The distinct administrations of a day that times of day and clock times name.

    Rule (SPEC, "administrations a day"): named times and clock times name the same
    administrations, never added: "nightly at 10 pm" is one, "morning and night (8 am,
    8 pm)" two. Written together, each clock time must fall in its own named time and each
    named time must have its clock time, or the text is refused (the times disagree).
    """
    named: set[str] = set()
    clocks: set[str] = set()
    for mention in mentions:
        if mention.word.kind is vocab.FrequencyKind.TIME_OF_DAY:
            group = mention.word.group
            (clocks if any(char.isdigit() for char in group) else named).add(_time_key(group))
    if not (named and clocks):
        return named or clocks
    hours = [_clock_hour(clock) for clock in sorted(clocks)]
    matched = len(hours) == len(named) and any(
        all(
            hour is not None and group in _HOUR_GROUPS[hour]
            for hour, group in zip(hours, order, strict=True)
        )
        for order in itertools.permutations(sorted(named))
    )
    if not matched:
        msg = (
            f"'{text}': the times of day and the clock times disagree (they name the same "
            "doses, so each clock time must fall in its own time of day); give them once"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    return named


def _each_day_said(mentions: list[FrequencyMention]) -> bool:
    """Whether a time of day is said to be every day ("every night", "each morning", "once
    nightly"): beside an interval or named days it is a second frequency, not a time."""
    return any(
        m.word.kind is vocab.FrequencyKind.TIME_OF_DAY
        and m.text.lower().split(" ", 1)[0] in ("every", "each", "once")
        for m in mentions
    )


def _times_keep_to_their_days(
    mentions: list[FrequencyMention], times_of_day: set[str], text: str
) -> None:
    """Refuse times of day written each with days of its own ("8 am on weekdays and 8 pm on
    weekends"): one amount at several times, but on which days each?"""
    cyclic = {vocab.FrequencyKind.DAYS_OF_WEEK, vocab.FrequencyKind.TIME_OF_DAY}
    kinds = [m.word.kind for m in mentions if m.word.kind in cyclic]
    runs = [kind for k, kind in enumerate(kinds) if k == 0 or kind is not kinds[k - 1]]
    if len(times_of_day) > 1 and len(runs) > 2:
        msg = (
            f"'{text}': times of day each with days of their own; give each time's days and "
            "amount apart, such as '4.5 mg at 8 am on weekdays; 4.5 mg at 8 pm on weekends'"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)


def _week_share(mentions: list[FrequencyMention], text: str) -> Fraction | None:
    """The share of the week's days on which the dose is taken: named days, or "N days"."""
    counted = {
        mention.word.per_day
        for mention in mentions
        if mention.word.kind is vocab.FrequencyKind.DAYS_OF_WEEK and not mention.word.group
    }
    named = _named_days(mentions, text)
    shares = counted | ({Fraction(len(named), _DAYS_PER_WEEK)} if named else set())
    if len(shares) > 1:
        msg = f"'{text}' gives different days of the week; give them once"
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    share = next(iter(shares), None)
    if share is not None and share > 1:
        msg = f"'{text}': a week has seven days; give the days the dose is taken"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    return share


def _named_days(mentions: list[FrequencyMention], text: str) -> set[str] | None:
    """The days named, less those excepted ("Mon-Fri except Wednesday" is four days; "daily
    except Sunday" six); None when no day is named or excepted."""
    named: set[str] = set()
    excepted: set[str] = set()
    for mention in mentions:
        group = mention.word.group
        if mention.word.kind is not vocab.FrequencyKind.DAYS_OF_WEEK or not group:
            continue
        if group.startswith(vocab.EXCEPT_PREFIX):
            excepted.update(group.removeprefix(vocab.EXCEPT_PREFIX).split(","))
        else:
            named.update(group.split(","))
    if not (named or excepted):
        return None
    kept = (named or set(vocab.WEEK)) - excepted
    if not kept:
        msg = f"'{text}': every day named is excepted; no day is left to take the dose"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    return kept


def _monthly_error(text: str) -> DoseUnitError:
    msg = (
        f"'{text}': a month has no fixed length, so no daily dose follows; give the dose per "
        "day or per week, such as '4.5 mg/day' (only a known injectable regimen is read as "
        "monthly)"
    )
    return DoseUnitError(msg, ErrorReason.PER_MONTH)


def _when(mentions: list[FrequencyMention]) -> tuple[frozenset[str], frozenset[str]]:
    """The days of the week (all seven when none is named) and the times of day (none: any
    time) at which an amount is taken."""
    times = {m.word.group for m in mentions if m.word.kind is vocab.FrequencyKind.TIME_OF_DAY}
    days = _named_days(mentions, " ".join(mention.text for mention in mentions))
    return frozenset(days or vocab.WEEK), frozenset(times)


def _share_a_time(masses: list[Mass], owners: dict[int, list[FrequencyMention]]) -> bool:
    """Whether two amounts fall on the same day at the same (or an unnamed) time: "4.5 mg
    nightly; 3 mg on weekends" gives two amounts for Saturday night (instead, or as well?)."""
    whens = [_when(owners[id(mass)]) for mass in masses]
    for k, (days, times) in enumerate(whens):
        for other_days, other_times in whens[k + 1 :]:
            if days & other_days and (
                not times or not other_times or _times_meet(times, other_times)
            ):
                return True
    return False


def _added_up(source: str, masses: list[Mass], step: Step) -> Dose:
    """Several masses, each with its own days or time of day: they add up to a daily dose."""
    owners: dict[int, list[FrequencyMention]] = {id(mass): [] for mass in masses}
    # Both lists are in text order: one sweep gives each frequency the last mass before it.
    position = 0
    for mention in step.frequencies:
        while position + 1 < len(masses) and masses[position + 1].index < mention.index:
            position += 1
        owners[id(masses[position])].append(mention)
    cyclic = {vocab.FrequencyKind.DAYS_OF_WEEK, vocab.FrequencyKind.TIME_OF_DAY}
    # Each mass needs days or a time of day of its own: "4.5 mg nightly, 1.5 mg nightly"
    # gives two amounts for the same time, not a sum.
    slots = [
        frozenset(m.word.group or m.text for m in owners[id(mass)] if m.word.kind in cyclic)
        for mass in masses
    ]
    overlapping = len(set(slots)) < len(slots) or _share_a_time(masses, owners)
    # "1.5 mg at 8 am and 3 mg at 8 pm every other day": does the interval hold for both?
    overlapping = overlapping or any(
        m.word.kind not in cyclic and m.word.per_day != 1
        for mass in masses
        for m in owners[id(mass)]
    )
    if (
        overlapping
        or not all(any(m.word.kind in cyclic for m in owners[id(mass)]) for mass in masses)
        or any(mass.rate_days is not None for mass in masses)
    ):
        doubled = len({mass.mg for mass in masses}) == 1
        what = "the same amount twice" if doubled else "several different amounts"
        msg = (
            f"the text gives {what} ({_listing(masses)}); give one dose, or give each "
            "amount its own days or time of day ('50 mg on weekdays and 100 mg on Saturday')"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    total = Fraction(0)
    for mass in masses:
        total += mass.mg * (_frequency(owners[id(mass)]).per_day or 1)
    first = masses[0]
    text = " ".join(mention.text for mention in step.frequencies)
    per_day = total / first.mg
    return build(
        Dose,
        source=source,
        amount=first.amount,
        unit=first.unit.symbol,
        amount_mg=first.mg,
        frequency=build(Frequency, text=text, per_day=per_day),
        mg_per_day=total,
        basis=DailyDoseBasis.FREQUENCY,
        assumptions=(ADDED_UP,),
    )


def _titration_target(step: Step, previous: Step | None) -> Step:
    """Keep a titration step's target and the frequency that goes with it."""
    targets = [mass for mass in step.masses if not mass.increment]
    if not targets and step.counts and previous is not None:
        # "then increase to 1 capsule twice daily": a count of the strength carried on.
        strengths = [mass for mass in previous.masses if mass.strength or previous.counts]
        if len({mass.mg for mass in strengths}) == 1:
            carried = replace(strengths[0], strength=True, index=-1, depth=0)
            return replace(step, masses=[carried], titration=False)
    if not targets:
        msg = f"'{step.text}' gives a step size but no target dose; write 'increase to 4.5 mg'"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    after = [m for m in step.frequencies if m.index > targets[-1].index]
    if after or previous is None:
        return replace(step, masses=targets, frequencies=after)
    return replace(step, masses=targets, frequencies=_inherited(previous, step.text))


def step_dose(source: str, step: Step, mentions: Mentions, previous: Step | None = None) -> Dose:
    """Resolve one step of a reading into a dose, and check the day's totals it restates."""
    dose = _step_dose(source, step, mentions, previous)
    for mass in step.masses:
        if mass.qualifier == "dose" and dose.amount_mg != mass.mg:
            msg = (
                f"'{mass.written} per dose' disagrees with the amount read for one dose "
                f"({format_amount(dose.amount_mg)} mg); give the dose once"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        if mass.qualifier == "day" and dose.mg_per_day != mass.mg / (mass.rate_days or 1):
            msg = (
                f"the restated total '{mass.written}{mass.rate_text}' disagrees with the dose "
                f"read ({dose}); give the dose once"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    return dose


def _step_dose(source: str, step: Step, mentions: Mentions, previous: Step | None) -> Dose:
    if step.titration:
        step = _titration_target(step, previous)
    elif not step.masses and step.counts and previous is not None:
        # "50 mg tablet, 1/2 tab daily x 3 days, then 1 tab daily": the strength carries on.
        strengths = [mass for mass in previous.masses if mass.strength or previous.counts]
        if len({mass.mg for mass in strengths}) == 1:
            carried = replace(strengths[0], strength=True, index=-1, depth=0)
            step = replace(step, masses=[carried])
    chosen = _choose_amount(step, mentions)
    if isinstance(chosen, list):
        return _added_up(source, chosen, step)
    mass = chosen.mass
    frequency = _frequency(step.frequencies)
    assumptions = list(chosen.assumptions)
    amount, unit = mass.amount, mass.unit
    if chosen.amount_mg != mass.mg:  # scaled by a count or made from a volume: say it in mg
        amount, unit = chosen.amount_mg, BY_SYMBOL["mg"]
    common: dict[str, Any] = {
        "source": source,
        "amount": amount,
        "unit": unit.symbol,
        "amount_mg": chosen.amount_mg,
        "strength_mg": chosen.strength_mg,
        "count": chosen.count,
        "volume_ml": chosen.volume_ml,
        "concentration_mg_per_ml": chosen.concentration,
    }
    if mass.rate_days is not None and mass.per_ml is None:
        if frequency.per_day is not None and frequency.per_day * mass.rate_days != 1:
            # "4.5 mg/12h tid", "50 mg/day bid": is the amount per dose or per period?
            msg = (
                f"'{mass.written}{mass.rate_text}' with '{frequency.text}': the rate and the "
                "frequency disagree (is the amount per dose or per period?); give one"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
        if mass.rate_days > _DAYS_PER_WEEK:
            msg = (
                f"'{mass.written}{mass.rate_text}' is a rate per more than a week; only oral "
                "schedules of up to a week are averaged to a daily dose"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
        per_day = 1 / mass.rate_days
        return build(
            Dose,
            **common,
            frequency=build(Frequency, text=mass.rate_text, per_day=per_day),
            mg_per_day=chosen.amount_mg * per_day,
            low_mg_per_day=None if chosen.low_mg is None else chosen.low_mg * per_day,
            basis=DailyDoseBasis.STATED_RATE,
            assumptions=tuple(assumptions),
        )
    if frequency.monthly:
        raise _monthly_error(frequency.text)
    slowest = frequency.low if frequency.low is not None else frequency.per_day
    if slowest is not None and slowest < _ONCE_A_WEEK:
        msg = (
            f"'{frequency.text}' is an interval longer than a week; only oral schedules of up "
            "to a week (every other day, every third day, weekly) are averaged to a daily dose"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    if frequency.per_day is not None:
        return build(
            Dose,
            **common,
            frequency=build(
                Frequency,
                text=frequency.text,
                per_day=frequency.per_day,
                # set only for a range, as the fast reader sets it: the same fields either way
                **({} if frequency.low is None else {"low_per_day": frequency.low}),
            ),
            mg_per_day=chosen.amount_mg * frequency.per_day,
            low_mg_per_day=(
                None
                if chosen.low_mg is None and frequency.low is None
                else (chosen.low_mg or chosen.amount_mg) * (frequency.low or frequency.per_day)
            ),
            basis=DailyDoseBasis.FREQUENCY,
            assumptions=tuple(assumptions),
        )
    supply = any(p.role == "days' supply" for p in mentions.parts)
    if STRENGTH_AS_DOSE in assumptions and supply:
        # "50 mg tabs qty 15 days supply 30": the quantity over the days' supply says how
        # much a day, and one unit a day may be wrong; the text does not give the dose.
        msg = (
            "the text gives a strength and what was dispensed, but no dose to take or how "
            "often; give the dose, such as '1 tablet daily'"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    assumptions.append(BARE_MASS)
    return build(
        Dose,
        **common,
        mg_per_day=chosen.amount_mg,
        low_mg_per_day=chosen.low_mg,
        basis=DailyDoseBasis.ASSUMED_DAILY,
        assumptions=tuple(assumptions),
    )


def _regimen_of(
    chosen: _Amount,
    frequency: _Frequency,
    regimens: tuple[Regimen, ...],
    *,
    injected: bool = False,
) -> Regimen | None:
    """The known regimen with this mass and an interval that is its own (or a month).

    With an injection word, a mass alone is enough: the regimen supplies the interval.
    """
    for regimen in regimens:
        interval_ok = frequency.monthly or frequency.per_day == 1 / regimen.interval_days
        if injected and frequency.per_day is None:
            interval_ok = True
        if chosen.amount_mg == regimen.mass_mg and interval_ok:
            return regimen
    return None


def _known_regimens(regimens: tuple[Regimen, ...]) -> str:
    return ", ".join(
        f"{format_amount(r.mass_mg)} mg {r.route} every {format_amount(r.interval_days)} days"
        for r in regimens
    )


def _depot(source: str, chosen: _Amount, frequency: _Frequency, regimen: Regimen) -> Dose:
    restated = [mass for mass in chosen.step_masses if mass.qualifier == "day"]
    if restated:
        msg = (
            f"'{restated[0].written}{restated[0].rate_text}' restates a daily dose, but the "
            f"{regimen.name} has none (it is never averaged to a daily dose); give it alone"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    assumptions = () if frequency.text else (
        f"the {regimen.name} is given every {format_amount(regimen.interval_days)} days",
    )  # fmt: skip
    return build(
        Dose,
        source=source,
        amount=regimen.mass_mg,
        unit="mg",
        amount_mg=regimen.mass_mg,
        volume_ml=chosen.volume_ml,
        concentration_mg_per_ml=chosen.concentration,
        frequency=build(
            Frequency,
            text=frequency.text or f"every {format_amount(regimen.interval_days)} days",
            per_day=1 / regimen.interval_days,
        ),
        mg_per_day=None,
        basis=DailyDoseBasis.DEPOT,
        route=regimen.route,
        assumptions=assumptions,
    )


def _injected(source: str, mentions: Mentions, regimens: tuple[Regimen, ...]) -> Dose:
    """A text with an injection word: a known depot regimen, or refused."""
    cue = mentions.routes[0]
    if mentions.oral:
        msg = f"'{cue}' names an injection and the text also says by mouth; give one route"
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    known = _known_regimens(regimens)
    if not any(step.masses for step in mentions.steps):
        msg = (
            f"'{cue}' names an injectable, but no mass was found; give the mass and the "
            f"interval (known: {known})"
        )
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    step = next(step for step in mentions.steps if step.masses)
    chosen = _choose_amount(step, mentions)
    if isinstance(chosen, list):
        msg = f"the injectable text gives several amounts ({_listing(chosen)}); give one"
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    frequency = _frequency([m for step in mentions.steps for m in step.frequencies])
    if chosen.count is not None and chosen.count != 1:
        msg = (
            f"'{format_amount(chosen.count)}' units with '{cue}': the depot is one injection; "
            "give the one dose"
        )
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    regimen = _regimen_of(chosen, frequency, regimens, injected=True)
    if regimen is not None:
        return _depot(source, chosen, frequency, regimen)
    schedule = f" {frequency.text}" if frequency.text else ""
    msg = (
        f"'{format_amount(chosen.amount_mg)} mg{schedule}' with '{cue}' is not a known "
        f"injectable regimen; only {known} is known, and an injection is never averaged to a "
        "daily oral dose"
    )
    raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)


def _check_amounts(mentions: Mentions) -> None:
    for step in mentions.steps:
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


def _check_range(dose: Dose) -> Dose:
    """Refuse a dose whose daily amount is outside the accepted range; doubt one of a gram a
    day or more (a unit slip: "4.5 g" is 4,500 mg/day)."""
    # The rule bounds the daily dose; the depot, which has none, is bounded by its mass.
    daily = dose.amount_mg if dose.mg_per_day is None else dose.mg_per_day
    for value in (daily, dose.low_mg_per_day):
        if value is not None and not inside_range(value):
            msg = f"the dose in {dose.source[:60]!r} is outside the accepted range of {RANGE_TEXT}"
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


def _oral(source: str, mentions: Mentions, regimens: tuple[Regimen, ...]) -> Dose:
    """No injection word: a known regimen by its mass and interval, steps, or one dose."""
    steps = mentions.steps
    masses = {regimen.mass_mg for regimen in regimens}
    if len(steps) == 1 and any(mass.mg in masses for mass in steps[0].masses):
        chosen = _choose_amount(steps[0], mentions)
        if not isinstance(chosen, list):
            frequency = _frequency(steps[0].frequencies)
            if chosen.mass.rate_days is not None and frequency.per_day is None:
                # a rate per the regimen's own interval: "380 mg/(4.wk)", "380 mg/28.d"
                frequency = _Frequency(1 / chosen.mass.rate_days, chosen.mass.rate_text)
            regimen = _regimen_of(chosen, frequency, regimens)
            if regimen is not None and mentions.oral:
                msg = (
                    f"{format_amount(regimen.mass_mg)} mg by mouth "
                    f"{frequency.text or 'at that interval'} is no known regimen: that mass and "
                    f"interval are the {regimen.name}, which is injected; an oral dose is never "
                    "averaged over more than a week"
                )
                raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
            if regimen is not None:
                return _depot(source, chosen, frequency, regimen)
            if mentions.extended:
                msg = (
                    f"an extended-release naltrexone of {format_amount(chosen.amount_mg)} mg is "
                    "the injection, given at its own interval; this text gives another, and an "
                    "injection is never read as an oral dose"
                )
                raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    steps = _in_order(steps)
    if len(steps) == 1:
        return step_dose(source, steps[0], mentions)
    effective: list[Step] = []
    for k, written in enumerate(steps):
        previous = _carried(steps, k)
        step = _titration_frequencies(written)
        if previous is None or step.frequencies or _has_rate(step):
            effective.append(step)
            continue
        previous = replace(previous, frequencies=effective[-1].frequencies)
        effective.append(replace(step, frequencies=_inherited(previous, step.text)))
    doses = tuple(
        _check_range(step_dose(step.text, step, mentions, _carried(effective, k)))
        for k, step in enumerate(effective)
    )
    return doses[-1].model_copy(
        update={
            "source": source,
            "steps": doses,
            "assumptions": (*doses[-1].assumptions, LAST_STEP),
        }
    )


def _in_order(steps: list[Step]) -> list[Step]:
    """Steps in the order they apply (SPEC, "steps"): by their day or week when every step
    names one; refused when the days or weeks named run backwards, or when the text names
    only a starting dose (its last step is a first step: no maintenance step)."""
    indexes = [step.index_value for step in steps]
    named = [index for index in indexes if index is not None]
    named_twice = len(set(named)) < len(named)
    if named_twice or any(step.open_ended for step in steps[:-1]):
        msg = (
            "the steps overlap (a day or week named twice, or a step 'until discontinued' "
            "followed by another); give each step once, in order"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    if len(steps) > 1 and all(index is not None for index in indexes):
        steps = sorted(steps, key=lambda step: step.index_value or 0)
    else:
        named = [index for index in indexes if index is not None]
        first_later = any(step.starting for step in steps[1:])
        if named != sorted(named) or first_later:
            msg = (
                "the steps are not written in the order they apply (a first day or week after "
                "a later one); write them in order, such as '25 mg on day 1, then 50 mg daily'"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    if steps[-1].starting and not steps[-1].titration:
        msg = (
            f"'{steps[-1].text}' names a starting dose and no dose after it; the maintenance "
            "dose is not known. Give it, such as '25 mg on day 1, then 50 mg daily'"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    return steps


def _titration_frequencies(step: Step) -> Step:
    """A titration step keeps only the frequencies after its target: "increase by 1.5 mg
    weekly to 4.5 mg nightly" is taken nightly; "weekly" is how often it rises."""
    if not step.titration or not step.frequencies:
        return step
    targets = [mass for mass in step.masses if not mass.increment]
    last = targets[-1].index if targets else -1
    return replace(step, frequencies=[m for m in step.frequencies if m.index > last])


def _has_rate(step: Step) -> bool:
    return any(mass.rate_days is not None for mass in step.masses)


def _inherited(previous: Step, text: str) -> list[FrequencyMention]:
    """Rule (SPEC, "steps"): a step with no frequency of its own takes the earlier step's when
    that is once a day or less often; after more than once a day it is refused (is the new
    amount per dose or per day?)."""
    if not previous.frequencies:
        return []
    frequency = _frequency(previous.frequencies)
    if frequency.per_day is not None and frequency.per_day > 1:
        msg = (
            f"'{text}' gives no frequency of its own after '{frequency.text}' (more than once a "
            "day): is the new amount per dose or per day? Give the step's frequency"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    return previous.frequencies


def _carried(steps: list[Step], k: int) -> Step | None:
    """The step before step ``k`` that a later step takes its strength from: the nearest
    earlier step that names a mass ("1.5 mg: 1 nocte, then 2 nocte, then 3 nocte")."""
    if k == 0:
        return None
    earlier = [step for step in steps[:k] if step.masses]
    previous = steps[k - 1]
    if previous.masses or not earlier:
        return previous
    return replace(
        previous, masses=earlier[-1].masses, counts=previous.counts or earlier[-1].counts
    )


def resolve(mentions: Mentions, source: str, regimens: tuple[Regimen, ...] = ()) -> Dose:
    """Turn what a reader found into one exact dose, or raise a `DoseError`.

    ``regimens`` are the known regimens that are not oral daily doses (from the band table's
    data): a dose with one's mass and interval, or with an injection word, is read as it.
    """
    _check_amounts(mentions)
    if mentions.number_word and any(step.masses for step in mentions.steps):
        msg = (
            f"'{mentions.number_word}' is a number in words that no rule gives a role; the "
            "dose is not read. Write counts as '2 tablets' and amounts in digits, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNPLACED_NUMBER)
    if mentions.unknown and any(step.masses for step in mentions.steps):
        listed = ", ".join(f"'{word}'" for word in dict.fromkeys(mentions.unknown))
        msg = (
            f"{listed}: not a word the reader knows, and it may change the dose (a frequency, "
            "a condition, a status); the text is not read. Write the dose with the words the "
            "documentation lists, such as '4.5 mg at bedtime'"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNKNOWN_WORD)
    if mentions.unresolved and any(step.masses for step in mentions.steps):
        reason, written = mentions.unresolved[0]
        what = {
            "no_unit": "a number with no unit",
            "in_word": "a number run into a word",
        }.get(reason, "a number with an unknown unit")
        msg = (
            f"'{written}' is {what}, and no rule gives it a role (an amount, a count, a "
            "frequency, a quantity dispensed, a duration...); the dose is not read. Remove it, "
            "or write it with its meaning, such as '2 tablets' or 'qty 30'"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNPLACED_NUMBER)
    if mentions.limits and not any(step.masses or step.counts for step in mentions.steps):
        msg = (
            f"{_listing(mentions.limits)} is a limit, and the text gives no dose; a limit is not "
            "a dose. Give the dose taken, such as '4.5 mg at bedtime'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if mentions.routes:
        dose = _injected(source, mentions, regimens)
    else:
        dose = _oral(source, mentions, regimens)
    _within_limits(dose, mentions)
    update: dict[str, Any] = {"explanation": _explanation(mentions, dose)}
    if mentions.warnings:
        update["warnings"] = make_warnings(mentions.warnings)
    return _check_range(dose.model_copy(update=update))


def _within_limits(dose: Dose, mentions: Mentions) -> None:
    """A limit written beside the dose must hold (SPEC, "limits"): a limit per dose ("max
    50 mg per dose") bounds every amount taken at once; a limit per day, or with no period,
    bounds the daily dose and the most taken on any one day (150 mg every third day is 150 mg
    that day, not 50); a limit per longer period bounds the average over it."""
    taken = [
        mass.mg
        for step in mentions.steps
        for mass in step.masses
        if not (mass.limit or mass.strength or mass.increment or mass.per_ml is not None)
        and mass.qualifier != "day"
        and mass.rate_days is None
    ]
    once = max([dose.amount_mg, *(step.amount_mg for step in dose.steps), *taken])
    per_day = dose.frequency.per_day if dose.frequency is not None else Fraction(1)
    one_day = max(once * max(1, math.ceil(per_day)), dose.mg_per_day or 0)
    for limit in mentions.limits:
        if limit.strength or limit.qualifier == "dose":  # per dose
            kept = dose.mg_per_day is not None and once <= limit.mg
        elif limit.rate_days is None or limit.rate_days <= 1:
            allowed = limit.mg / (limit.rate_days or 1)
            kept = dose.mg_per_day is not None and dose.mg_per_day <= allowed
            kept = kept and (limit.rate_days not in (None, 1) or one_day <= limit.mg)
        else:
            # "100 mg every other day, max 350 mg/week": four doses fall in some 7 days
            most = once * math.ceil(limit.rate_days * per_day)
            kept = (
                dose.mg_per_day is not None
                and dose.mg_per_day <= limit.mg / limit.rate_days
                and most <= limit.mg
            )
        if not kept:
            msg = (
                f"the dose read ({dose}) does not keep to the limit written beside it "
                f"('{limit.written}{limit.rate_text}'); give the dose and its limit again"
            )
            raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)


def _mass_role(mass: Mass, dose: Dose) -> str:
    if mass.limit:
        return "limit"
    if mass.per_ml is not None:
        return "concentration"
    if mass.increment:
        return "step of a titration"
    if mass.qualifier == "day":
        return "restated daily total"
    if mass.qualifier == "dose":
        return "restated amount of one dose"
    if mass.strength or (dose.count is not None and dose.strength_mg == mass.mg):
        return "strength of one unit"
    if mass.low is not None:
        return "range of amounts"
    if mass.rate_days is not None:
        return "amount per time"
    return "amount"


def _mass_meaning(mass: Mass) -> str:
    low = "" if mass.low is None else f"{format_amount(mass.low * mass.unit.factor)}-"
    meaning = f"{low}{format_amount(mass.mg)} mg"
    if mass.per_ml is not None:
        return f"{meaning} in {format_amount(mass.per_ml)} mL"
    if mass.rate_days is not None:
        period = {Fraction(1): "day", Fraction(7): "week"}.get(mass.rate_days)
        return f"{meaning} per {period or format_amount(mass.rate_days) + ' days'}"
    return meaning


def _explanation(mentions: Mentions, dose: Dose) -> tuple[ReadPart, ...]:
    """Each part of the input that a rule read, with its role, in the order written."""
    explained: list[ReadPart] = []
    # Spans in the order written; parts read from fields (FHIR) after them.
    for part in sorted(mentions.parts, key=lambda part: (bool(part.text), part.start, part.end)):
        text = part.text or mentions.text[part.start : part.end]
        if part.mass is not None:
            text = text or part.mass.written
            explained.append(
                build(
                    ReadPart,
                    text=text,
                    role=_mass_role(part.mass, dose),
                    meaning=_mass_meaning(part.mass),
                )
            )
        else:
            explained.append(build(ReadPart, text=text, role=part.role, meaning=part.meaning))
    return tuple(explained)


# -- structured schedules (FHIR dosageInstruction lists) --------------------------------------

CONCURRENT = "dosage instructions given at the same time add up to one daily dose"


def concurrent(source: str, doses: list[Dose]) -> Dose:
    """Several doses taken in the same period (a German 1-0-2-0 scheme as two entries): their
    daily doses add up; a depot among them, or the depot twice, is refused."""
    if len(doses) == 1:
        return doses[0]
    if any(dose.mg_per_day is None for dose in doses):
        msg = (
            "the depot injection is given together with other dosage instructions; an "
            "injection is never added to an oral daily dose. Give the depot alone"
        )
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    total = sum((dose.mg_per_day or Fraction(0) for dose in doses), Fraction(0))
    low = sum(
        (dose.low_mg_per_day or dose.mg_per_day or Fraction(0) for dose in doses), Fraction(0)
    )
    first = doses[0]
    return _check_range(
        first.model_copy(
            update={
                "source": source,
                "mg_per_day": total,
                "low_mg_per_day": low if low != total else None,
                "frequency": build(
                    Frequency,
                    text=" + ".join(d.frequency.text if d.frequency else "once" for d in doses),
                    per_day=total / first.amount_mg,
                ),
                "basis": DailyDoseBasis.FREQUENCY,
                "assumptions": (*first.assumptions, CONCURRENT),
            }
        )
    )


def in_steps(source: str, doses: list[Dose]) -> Dose:
    """Doses in sequence: each a step; the last (maintenance) step decides, as in text."""
    if len(doses) == 1:
        return doses[0]
    return doses[-1].model_copy(
        update={
            "source": source,
            "steps": tuple(doses),
            "assumptions": (*doses[-1].assumptions, LAST_STEP),
        }
    )
