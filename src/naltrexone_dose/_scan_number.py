"""Recognisers that start at a number: dates, day schemes, ranges of counts, fractions,
and what follows a number (a unit, a form, a time). Each states the rule it reads.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from . import _vocabulary as vocab
from ._errors import (
    DailyDoseUnknownError,
    DoseAmountError,
    DoseSyntaxError,
    DoseUnitError,
    ErrorReason,
)
from ._format import format_amount
from ._mentions import Count, FrequencyMention
from ._scan_frequency import add_frequency, match_frequency, record_interval, times_frequency
from ._scan_mass import _not_a_mass, scan_mass
from ._scan_state import (
    _CLOCK_MINUTES,
    _CONTAINER_WORDS,
    _DATE_SHAPES,
    _DAY_SCHEMES,
    _ORAL_WORDS,
    MAX_COUNT,
    ScanState,
)
from ._units import (
    ACCEPTED_MASS_UNITS,
    BODY_SIZE_WORDS,
    MASS_UNITS,
    MONTH_WORDS,
    OTHER_UNITS,
    TIME_UNITS,
    VOLUME_UNITS,
)

if TYPE_CHECKING:
    from ._tokens import Token


def scan_number(state: ScanState, index: int) -> int:
    token = state.tokens[index]
    value = token.value if token.value is not None else Fraction(0)
    before = state.at(index - 1)
    labelled = before is not None and before.text in ":=" and state.lower(index - 2)
    if (
        state.skip_next_number
        or (
            before is not None
            and before.lower in vocab.QUANTITY_WORDS
            and index - 1 not in state.fields_used
        )
        or (labelled and labelled in vocab.QUANTITY_WORDS and index - 2 not in state.fields_used)
    ):
        state.skip_next_number = False
        # The unit or form of the quantity goes with it: "bottle 100 mL", "#30 tablets".
        follows = state.lower(index + 1)
        end = (
            index
            + 1
            + (follows in MASS_UNITS or follows in VOLUME_UNITS or follows in vocab.FORM_WORDS)
        )
        state.claim(index - 1 - bool(labelled), end, "quantity dispensed or refills")
        return end
    if (
        state.lower(index + 1) == ":"
        and not (state.at(index + 1) or token).spaced
        and _CLOCK_MINUTES.match(state.lower(index + 2))
        and value < 24
    ):
        # Rule: NUMBER ":" MINUTES ["am"|"pm"] is a clock time, each a time of day.
        end = index + 3 + (state.lower(index + 3) in ("am", "pm"))
        text = " ".join([f"{token.text}:{state.tokens[index + 2].text}"] + (
            [state.tokens[index + 3].text] if end > index + 3 else []
        ))  # fmt: skip
        clock = vocab.FrequencyWord(vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), text)
        add_frequency(state, clock, text, index, end)
        return end
    if (
        before is not None
        and before.lower == "x"
        and state.lower(index + 1) not in TIME_UNITS
        and state.lower(index + 1) not in MONTH_WORDS
        and state.lower(index + 1) not in vocab.FORM_WORDS
        and state.lower(index + 1) not in vocab.CLOCK_WORDS
        and state.lower(index + 1) not in vocab.QUANTITY_WORDS
    ):
        times_end = state.times_after(index - 1, value, index + 1)
        if times_end:
            return times_end
        parts = state.mentions.parts
        unread = not parts or parts[-1].end < before.start + 1
        pack = bool(parts) and parts[-1].role == "quantity dispensed or refills"  # "30 x 4.5 mg"
        if unread and not pack:  # "wt 70 kg x 4.5 mg": an x that no rule read
            state.mentions.unresolved.append(("in_word", f"x {token.text}"))
    dotted = dotted_date(state, index)
    after_date = dotted or date_end(state, index)
    if after_date and state.lower(index - 1) == "on":
        # "take 2 tablets on 2.12.2024": one occasion, not a schedule
        msg = "a dose on one date is one occasion, not a schedule; give how often it is taken"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if after_date:
        state.claim(index, after_date, "date")
        return after_date
    rx = state.lower(index - 1) == "rx" or (
        state.lower(index - 1) == ":" and state.lower(index - 2) == "rx"
    )
    if rx and len(token.text) >= 4 and token.text.isdigit():
        state.claim(index - 1, index + 1, "prescription number")
        return index + 1  # "Rx 12345": a prescription number
    scheme_end = day_scheme(state, index)
    if scheme_end:
        return scheme_end
    mixed_end = mixed_number(state, index, value)
    if mixed_end:
        return mixed_end
    range_end = count_range(state, index)
    if range_end:
        return range_end
    matched = match_frequency(state, index)  # "12 hourly", "5 days a week"
    if matched:
        return matched
    if (
        before is not None
        and not token.spaced
        and (before.kind == "num" or (before.text == "." and token.text.startswith(".")))
    ):
        msg = (
            f"'{before.text}{token.text}' is not a number (two decimal points); write one "
            "decimal point, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    after = state.at(index + 1)
    if (
        after is not None
        and after.kind == "num"
        and after.text.isdigit()
        and len(after.text) == 3
        and token.text.isdigit()
    ):
        msg = (
            f"'{token.text} {after.text}' looks like digits grouped by a space, which "
            f"is ambiguous; write '{token.text}{after.text}' with no space"
        )
        raise DoseSyntaxError(msg, ErrorReason.DIGIT_GROUPING)
    if (
        after is not None
        and after.text == "/"
        and not after.spaced
        and (denominator := state.at(index + 2)) is not None
        and denominator.kind == "num"
    ):
        return scan_fraction(state, index, value, denominator)
    return after_number(state, index, index + 1, value, token.text)


_JOINERS = frozenset({"and", ",", "&", "+"})


def clock_hours(state: ScanState, index: int, unit_index: int, written: str) -> int:
    """Rule: HHMM HOUR_WORD ("2100h", "0900 hrs"), ("at"|"@") NUMBER HOUR_WORD ("at 9h"),
    or NUMBER HOUR_WORD joined by "and" to another such time ("9h and 21h") is a clock time.
    A lone NUMBER "h" ("4.5 mg 12h") may be a time or every 12 hours: refused. Returns the
    index after a clock time, or 0 for a duration."""
    hours = int(written) if written.isdigit() else -1
    four = len(written) == 4 and hours >= 0 and hours // 100 < 24 and hours % 100 < 60
    hour, minute = (hours // 100, hours % 100) if four else (hours, 0)
    before = state.lower(index - 1)
    joined_after = state.lower(unit_index + 1) in _JOINERS and (
        state.fits_number(unit_index + 2) and state.lower(unit_index + 3) in vocab.HOUR_WORDS
    )
    last = state.step.frequencies[-1] if state.step.frequencies else None
    joined_before = (
        before in _JOINERS
        and last is not None
        and last.index == index - 3
        and last.word.kind is vocab.FrequencyKind.TIME_OF_DAY
    )
    if 0 <= hour < 24 and (four or before in ("at", "@") or joined_after or joined_before):
        group = f"{hour:02d}:{minute:02d}"
        clock = vocab.FrequencyWord(vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), group)
        text = f"{written}{state.tokens[unit_index].text}"
        add_frequency(state, clock, text, index, unit_index + 1)
        return unit_index + 1
    if before not in vocab.DURATION_LEADS and state.lower(unit_index + 1) not in vocab.OFFSET_WORDS:
        msg = (
            f"'{written} {state.tokens[unit_index].text}' may be a clock time, an interval "
            f"(every {written} hours) or a duration; write 'at {written}:00', 'every {written} "
            f"hours' or 'for {written} hours'"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    return 0


def times_every(state: ScanState, index: int, every_index: int, times: Fraction) -> int:
    """Rule: NUMBER ("time"|"times") "every" NUMBER TIME_UNIT ("1 time every 8 hours") is that
    many administrations in each interval; 0 if it is not one."""
    interval, unit = state.at(every_index + 1), state.lower(every_index + 2)
    if (
        state.lower(every_index) not in ("every", "each", "per")
        or interval is None
        or interval.kind != "num"
        or not interval.value
        or unit not in TIME_UNITS
        or times == 0
    ):
        return 0
    days = interval.value * TIME_UNITS[unit].factor
    meaning = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, times / days)
    end = every_index + 3
    add_frequency(state, meaning, " ".join(t.text for t in state.tokens[index:end]), index, end)
    return end


def dotted_date(state: ScanState, index: int) -> int:
    """Rule: D.M.YYYY ("2.12.2024", "04.12.2024"), read by the tokenizer as "2.12" and ".2024",
    is a date. Returns the index after it, or 0."""
    first, second = state.at(index), state.at(index + 1)
    if first is None or second is None or second.spaced:
        return 0
    day, _, month = first.text.partition(".")
    year = second.text[1:]
    if (
        len(day) in (1, 2)
        and len(month) in (1, 2)
        and day.isdigit()
        and month.isdigit()
        and second.text.startswith(".")
        and len(year) == 4
        and year.isdigit()
        and 1 <= int(day) <= 31
        and 1 <= int(month) <= 12
    ):
        return index + 2
    return 0


def date_end(state: ScanState, index: int) -> int:
    """Rule: YYYY-MM-DD or D/M/YY(YY) (one or two digits for D and M) is a date."""
    after = state.at(index + 1)
    if after is None or after.spaced or after.text not in ("-", "/"):
        return 0  # every shape joins a "-" or "/" to the number: none can fit
    # Only the shapes whose first part has as many digits as the number can fit.
    for shape in _DATE_SHAPES.get((after.text, len(state.tokens[index].text)), ()):
        if state.joined(index, shape):
            return index + 5
    return 0


def day_scheme(state: ScanState, index: int) -> int:
    """Rule: D "-" D "-" D ["-" D] (single digits, "1-0-1") gives the units taken at each
    time of the day: their sum is the count, once a day."""
    after = state.at(index + 1)
    if after is None or after.spaced or after.text != "-":
        return 0  # every scheme joins a "-" to its first digit: none can fit
    for parts in (4, 3):
        if state.joined(index, _DAY_SCHEMES[parts]):
            digits = [state.tokens[index + 2 * k].value or Fraction(0) for k in range(parts)]
            end = index + 2 * parts - 1
            text = "-".join(state.tokens[index + 2 * k].text for k in range(parts))
            if sum(digits) == 0:
                msg = f"'{text}' takes no units at any time of the day"
                raise DoseAmountError(msg, ErrorReason.ZERO)
            state.add_count(sum(digits, Fraction(0)), "unit", index, end)
            daily = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, Fraction(1), vocab.SCHEME)
            state.step.frequencies.append(FrequencyMention(daily, text, index))
            return end
    return 0


def mixed_number(state: ScanState, index: int, whole: Fraction) -> int:
    """Rule: WHOLE ["and"] NUMBER "/" NUMBER FORM ("1 1/2 tablets", "1 and 1/2 tablets") and
    WHOLE "and" "a" "half" [FORM] ("2 and a half tablets") are one count of units, when the
    fraction is less than one and the whole at most ten."""
    if whole.denominator != 1 or not 0 < whole <= MAX_COUNT:
        return 0
    cursor = index + 1 + (state.lower(index + 1) == "and")
    if [state.lower(cursor + k) for k in range(2)] == ["a", "half"] and cursor > index + 1:
        end = cursor + 2
        form = state.lower(end)
        if form in vocab.FORM_WORDS or state.starts_frequency(end):
            end += form in vocab.FORM_WORDS
            state.add_count(whole + Fraction(1, 2), form or "unit", index, end)
            return end
        return 0
    numerator, slash, denominator = state.at(cursor), state.at(cursor + 1), state.at(cursor + 2)
    if not (
        numerator is not None
        and slash is not None
        and denominator is not None
        and numerator.kind == "num"
        and slash.text == "/"
        and not slash.spaced
        and denominator.kind == "num"
        and numerator.value is not None
        and denominator.value
        and numerator.value.denominator == 1
        and 0 < numerator.value < denominator.value
    ):
        return 0
    form = state.lower(cursor + 3)
    if form not in vocab.FORM_WORDS:
        return 0
    state.add_count(whole + numerator.value / denominator.value, form, index, cursor + 4)
    return cursor + 4


def count_range(state: ScanState, index: int) -> int:
    """Rule: COUNT ("-"|"to"|"or") COUNT (FORM | FREQUENCY | ROUTE | "to be") is a range of
    counts of units ("1-2 tablets", "1 or 2 at night"): the high end decides."""
    joiner, high = state.lower(index + 1), state.at(index + 2)
    low = state.tokens[index].value
    if joiner not in ("-", "to", "or") or high is None or high.kind != "num":
        return 0
    if low is None or high.value is None or not 0 < low < high.value <= MAX_COUNT:
        return 0
    after = state.lower(index + 3)
    per_period = state.lower(index + 4) in ("a", "per", "/", "each", "every", "weekly", "monthly")
    if (after in TIME_UNITS or after in MONTH_WORDS) and not per_period:
        # Rule: NUMBER ("-"|"to") NUMBER TIME_UNIT ("for 7 to 14 days") is a duration.
        state.claim(index, index + 4, "duration")
        state.close_step()
        return index + 4
    if after in ("times", "time", "x"):
        # Rule: COUNT ("-"|"to"|"or") COUNT ("times"|"x") PERIOD ("1-2 times daily") is a
        # range of frequencies: the high end decides, the low end is kept.
        return times_frequency(state, index, index + 4, high.value, low)
    form = after if after in vocab.FORM_WORDS else ""
    if not (
        form
        or state.starts_frequency(index + 3)
        or after in _ORAL_WORDS
        or (after == "to" and state.lower(index + 4) == "be")
    ):
        return 0
    end = index + 3 + bool(form)
    state.step.counts.append(
        Count(high.value, form or "unit", index, state.depth, low=low, instructed=state.told(index))
    )
    meaning = f"{format_amount(low)} to {format_amount(high.value)}"
    state.claim(index, end, "range of counts of units", meaning)
    return end


def scan_fraction(state: ScanState, index: int, value: Fraction, denominator: Token) -> int:
    written = f"{state.tokens[index].text}/{denominator.text}"
    form = state.lower(index + 3)
    if form == "of" and state.lower(index + 4) in ("a", "an", "the"):
        form = state.lower(index + 5) if state.lower(index + 5) in vocab.FORM_WORDS else "unit"
    if (form in vocab.FORM_WORDS or form == "unit") and denominator.value:
        if value >= denominator.value:
            # "11/2 tabs": a mixed number that lost its space ("1 1/2") or eleven halves?
            msg = (
                f"'{written}' is more than one whole ('1 1/2' with its space lost?); write "
                "the count as a decimal, such as '1.5 tabs'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
        state.add_count(value / denominator.value, form, index, index + 4)
        return index + 4
    msg = (
        f"'{written}' is a division; arithmetic is not read. Write the amount as a "
        "decimal, such as '0.5 mg'"
    )
    raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)


def after_number(
    state: ScanState, index: int, next_index: int, value: Fraction, written: str
) -> int:
    """Read what follows a number: a unit, a form, a time, or nothing."""
    unit_token = state.at(next_index)
    word = unit_token.lower if unit_token is not None else ""
    if unit_token is not None and unit_token.kind == "word":
        if word in MASS_UNITS:
            return scan_mass(state, index, next_index, value, written)
        if word in ("mgs", "mcgs"):
            state.warn("plural_abbreviation", unit_token.text)
            return scan_mass(state, index, next_index, value, written, MASS_UNITS[word[:-1]])
        if word in VOLUME_UNITS:
            if word == "cc":
                state.warn("cc", unit_token.text)
            if state.lower(next_index + 1) in ("/", "per") and (
                state.lower(next_index + 2) in TIME_UNITS
                or state.fits_number(next_index + 2)
                or state.lower(next_index + 2) in BODY_SIZE_WORDS
                or state.lower(next_index + 2) in MONTH_WORDS
            ):
                msg = (
                    f"'{written} {unit_token.text}/...': a volume per time or per body size "
                    "is not read; give the volume taken and how often, such as '4.5 mL "
                    "nightly' with the concentration"
                )
                raise DoseUnitError(msg, ErrorReason.VOLUME_WITHOUT_CONCENTRATION)
            if state.lower(next_index + 1) in _CONTAINER_WORDS:
                state.claim(index, next_index + 2, "quantity dispensed or refills")
                return next_index + 2  # "50 mL bottle": a quantity dispensed
            millilitres = value * VOLUME_UNITS[word].factor
            state.step.volumes.append((millilitres, index))
            state.claim(index, next_index + 1, "volume", f"{format_amount(millilitres)} mL")
            return next_index + 1
        if word in vocab.FORM_WORDS and word not in vocab.OTHER_ROUTE_WORDS:
            state.add_count(value, word, index, next_index + 1)
            return next_index + 1
        if word in ("times", "time", "x"):
            matched = times_frequency(state, index, next_index + 1, value)
            if matched:
                return matched
            every = times_every(state, index, next_index + 1, value)
            if every:
                return every
            following = state.at(next_index + 1)
            if (
                word == "x"
                and following is not None
                and following.kind == "num"
                and state.lower(next_index + 2) in MASS_UNITS
            ):
                state.add_count(value, "unit", index, next_index + 1)
                state.step.counts[-1].times = True
                return next_index + 1  # "2 x 25 mg": two units of 25 mg
        if word in ("hourly", "hrly", "weekly"):
            # Rule: NUMBER ("hourly"|"weekly") is an interval: "2 hourly" is every 2 hours.
            text = f"{written} {unit_token.text}"
            unit = "h" if word != "weekly" else "wk"
            return record_interval(state, index, next_index + 1, value, unit, text)
        if word in ("times", "time", "x"):
            # "2x" or "3 times" with no "a day" after it: how often is not said.
            state.mentions.unresolved.append(("unknown_unit", f"{written} {unit_token.text}"))
            return next_index + 1
        if word in ("am", "pm"):
            # Rule: NUMBER ("am"|"pm") is a clock time, a time of day of its own.
            text = f"{written} {unit_token.text}"
            if not 1 <= value <= 12 or value.denominator != 1:
                msg = f"'{text}' is not a clock time; write the time as '10 pm' or '22:00'"
                raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
            bare_time_follows = state.lower(next_index + 1) in ("&", "and", "+", ",") and (
                state.lower(next_index + 2) in ("am", "pm")
            )
            if (state.told(index) and state.lower(index - 1) != "at") or bare_time_follows:
                # "take 3 PM": three units in the evening, or one at 3 pm?
                msg = (
                    f"'take {text}': a count of units in the {'morning' if word == 'am' else 'evening'} "
                    f"or a clock time? Write 'take {written} at night' or 'at {written} {word}'"
                )
                raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
            clock = vocab.FrequencyWord(
                vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), f"{written}{word}"
            )
            add_frequency(state, clock, text, index, next_index + 1)
            return next_index + 1
        if word in vocab.HOUR_WORDS:
            clock_end = clock_hours(state, index, next_index, written)
            if clock_end:
                return clock_end
        if word in vocab.CLOCK_WORDS:
            state.claim(index, next_index + 1, "clock time")
            return next_index + 1
        if word in TIME_UNITS or word in MONTH_WORDS:
            if value == 0:  # "0 d": no duration; often a zero typed for the letter O
                msg = f"'{written} {unit_token.text}' is a duration of zero"
                raise DoseAmountError(msg, ErrorReason.ZERO)
            state.claim(index, next_index + 1, "duration")
            state.close_step()
            return next_index + 1  # "for 7 days", "for 3 months"
        if word in vocab.HOUSEHOLD_WORDS:
            state.mentions.household = state.mentions.household or unit_token.text
            return next_index + 1
        if word in ("gr", "grain", "grains"):
            msg = (
                f"'{written} {unit_token.text}': 'gr' may mean grain or gram, an "
                f"error-prone unit that is not read; write the amount in {ACCEPTED_MASS_UNITS}"
            )
            raise DoseUnitError(msg, ErrorReason.AMBIGUOUS_UNIT)
        if word in OTHER_UNITS:
            shown = f"{written} {unit_token.text}"
            raise _not_a_mass(shown, f"in '{unit_token.text}'")
        if word in vocab.QUANTITY_WORDS - vocab.LABEL_WORDS:
            state.fields_used.add(next_index)
            state.claim(index, next_index + 1, "quantity dispensed or refills")
            return next_index + 1  # "2 refills": a count of refills, not an amount
        if word in ("night", "nights") and state.lower(index - 1) in ("for", "x"):
            state.claim(index, next_index + 1, "duration")
            state.close_step()
            return next_index + 1  # "for 10 nights": a duration
        if word == "to" and state.lower(next_index + 1) == "be":
            state.add_count(value, "unit", index, next_index)
            return next_index  # "1 to be taken daily": a count of units
        if word == "on" and (
            state.at(next_index + 1) is None or state.lower(next_index + 1) in ".;,"
        ):
            # Rule: COUNT "on" at the end of a clause: the UK "ON" (at night) after a count.
            state.add_count(value, "unit", index, next_index)
            return next_index
        if state.starts_frequency(next_index) or word in _ORAL_WORDS or state.clock_at(next_index):
            # Rule: NUMBER FREQUENCY ("2 daily", "1bd") or NUMBER ROUTE ("1 po qd") is
            # a count of units; the strength comes from elsewhere in the text.
            state.add_count(value, "unit", index, next_index)
            return next_index
        if written == "0" and not unit_token.spaced and word[:1] in ("x", "b", "o"):
            msg = (
                f"'0{unit_token.text}' looks like a hexadecimal, binary or octal literal; "
                "numbers in code are not read. Write the amount in decimal, such as '4.5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)
        if not unit_token.spaced:  # run into the number: "4.5mgx"
            state.mentions.unresolved.append(("unknown_unit", f"{written}{unit_token.text}"))
            return next_index + 1
        state.mentions.unresolved.append(("unknown_unit", f"{written} {unit_token.text}"))
        return next_index
    if (
        unit_token is not None
        and unit_token.text == "/"
        and state.lower(next_index + 1) in MONTH_WORDS
        and value == 1
    ):
        # Rule: "1" "/" MONTH ("1/month") is once a month: the depot's interval, or refused.
        text = f"{written}/{state.tokens[next_index + 1].text}"
        add_frequency(
            state, vocab.FrequencyWord(vocab.FrequencyKind.MONTHLY), text, index, next_index + 2
        )
        return next_index + 2
    if (
        unit_token is not None
        and unit_token.text == "/"
        and state.lower(next_index + 1) in TIME_UNITS
    ):
        # Rule: NUMBER "/" TIME_UNIT with no mass ("2/day") is a number of times.
        period = TIME_UNITS[state.lower(next_index + 1)].factor
        text = f"{written}/{state.tokens[next_index + 1].text}"
        if value == 0:
            msg = f"'{text}' is zero times; give how often the dose is taken"
            raise DoseAmountError(msg, ErrorReason.ZERO)
        meaning = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, value / period)
        add_frequency(state, meaning, text, index, next_index + 2)
        return next_index + 2
    if unit_token is not None and unit_token.text == "@" and state.clock_at(next_index):
        state.add_count(value, "unit", index, next_index)  # "2 tabs @ 8:00": a count, then when
        return next_index
    if unit_token is not None and unit_token.text == "-" and state.starts_frequency(next_index + 1):
        # Rule: COUNT "-" FREQUENCY ("2-bd", "take 2 - twice daily"): a count of units.
        state.add_count(value, "unit", index, next_index + 1)
        return next_index + 1
    told_alone = state.told(index) and (unit_token is None or unit_token.text in ".;,(")
    if told_alone and value.denominator == 1 and 0 < value <= MAX_COUNT:
        # Rule: TAKE COUNT at the end of a clause ("take 1", "take 3 (4.5 mg)"): units to take.
        state.add_count(value, "unit", index, next_index)
        state.step.counts[-1].instructed = True
        return next_index
    state.mentions.unresolved.append(("no_unit", written))
    return next_index
