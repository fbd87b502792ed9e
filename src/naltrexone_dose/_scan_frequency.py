"""Recognisers of frequencies: phrases, intervals, days of the week, times of day, clock
times and windows, exceptions. Each states the rule it reads.
"""

from __future__ import annotations

import re
from fractions import Fraction

from . import _vocabulary as vocab
from ._errors import (
    DailyDoseUnknownError,
    DoseAmountError,
    DoseSyntaxError,
    ErrorReason,
)
from ._format import format_amount
from ._mentions import FrequencyMention
from ._scan_state import _Q_INTERVAL, _Q_NUMBER, ScanState
from ._units import (
    MONTH_WORDS,
    TIME_UNITS,
)


def match_frequency(state: ScanState, index: int) -> int:
    """Record a frequency phrase starting at ``index``; return the index after it, or 0."""
    word = state.lower(index)
    interval = _Q_INTERVAL.match(word)
    if interval:
        number, unit = Fraction(int(interval[1])), interval[2]
        return record_interval(state, index, index + 1, number, unit, state.tokens[index].text)
    q_number = _Q_NUMBER.match(word)
    if q_number and (state.lower(index + 1) in TIME_UNITS or state.lower(index + 1) in MONTH_WORDS):
        text = f"{state.tokens[index].text} {state.tokens[index + 1].text}"
        number = Fraction(int(q_number[1]))
        return record_interval(state, index, index + 2, number, state.lower(index + 1), text)
    if word in vocab.EVERY_WORDS:
        ranged = interval_range(state, index)
        if ranged:
            return ranged
        number_token = state.at(index + 1)
        unit_word = state.lower(index + 2)
        if (
            number_token is not None
            and number_token.kind == "num"
            and number_token.value is not None
            and (unit_word in TIME_UNITS or unit_word in MONTH_WORDS)
        ):
            text = " ".join(t.text for t in state.tokens[index : index + 3])
            return record_interval(state, index, index + 3, number_token.value, unit_word, text)
    first = state.at(index)
    candidates = state.phrases(word, index)
    if first is not None and first.kind == "num":
        candidates = [*candidates, *state.phrases(vocab.ANY_NUMBER, index)]
    for phrase, meaning in candidates:
        end = index + len(phrase)
        if all(state.fits(index + k, part) for k, part in enumerate(phrase)):
            found = meaning
            for k, part in enumerate(phrase):
                times = state.tokens[index + k].value
                if part == vocab.ANY_NUMBER and times is not None:
                    # The phrase's meaning is per unit of the number it stands for.
                    found = found._replace(per_day=found.per_day * times)
            if meaning.kind is vocab.FrequencyKind.DAYS_OF_WEEK and len(phrase) == 1:
                found, end = day_range(state, meaning, end)
            text = " ".join(t.text for t in state.tokens[index:end])
            add_frequency(state, found, text, index, end)
            return end
    return 0


def interval_range(state: ScanState, index: int) -> int:
    """Rule: EVERY NUMBER ("-"|"to") NUMBER TIME_UNIT ("every 4-6 hours", "q 6-8 h", "every 1
    to 3 days") is a range of intervals: the shortest decides, the longest is kept as the low
    end. Returns the index after it, or 0."""
    low, joiner, high = state.at(index + 1), state.at(index + 2), state.at(index + 3)
    unit_word = state.lower(index + 4)
    if (
        low is None
        or high is None
        or joiner is None
        or low.kind != "num"
        or high.kind != "num"
        or joiner.lower not in ("-", "to")
        or unit_word not in TIME_UNITS
        or not low.value
        or high.value is None
        or not low.value < high.value
    ):
        return 0
    factor = TIME_UNITS[unit_word].factor
    meaning = vocab.FrequencyWord(
        vocab.FrequencyKind.REGULAR, 1 / (low.value * factor), low=1 / (high.value * factor)
    )
    text = " ".join(token.text for token in state.tokens[index : index + 5])
    add_frequency(state, meaning, text, index, index + 5)
    return index + 5


def day_range(
    state: ScanState, first: vocab.FrequencyWord, end: int
) -> tuple[vocab.FrequencyWord, int]:
    """Widen "Mon-Fri", "Monday to Friday", "Mon thru Fri" to every day between."""
    joiners = ("-", "to", "through", "thru", "till", "until")
    dotted = state.lower(end) == "."  # "Mon.-Fri."
    if "," in first.group or state.lower(end + dotted) not in joiners:
        return first, end
    end += dotted
    last = vocab.FREQUENCY_PHRASES.get((state.lower(end + 1),))
    if last is None or last.kind is not vocab.FrequencyKind.DAYS_OF_WEEK or "," in last.group:
        return first, end
    days = list(vocab.WEEK)
    start, stop = days.index(first.group), days.index(last.group)
    span = [days[(start + k) % 7] for k in range((stop - start) % 7 + 1)]
    widened = vocab.FrequencyWord(
        vocab.FrequencyKind.DAYS_OF_WEEK, Fraction(len(span), 7), ",".join(span)
    )
    return widened, end + 2


def record_interval(
    state: ScanState, index: int, end: int, number: Fraction, unit: str, text: str
) -> int:
    if unit in MONTH_WORDS and number != 1:
        # "every 2 months", "every 0.5 months": only one month is the depot's interval, and
        # no other is averaged.
        msg = (
            f"'{text}' is an interval in months other than one; a month has no fixed length, "
            "and only oral schedules of up to a week are averaged to a daily dose"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    if unit in MONTH_WORDS:
        meaning = vocab.FrequencyWord(vocab.FrequencyKind.MONTHLY)
    else:
        if number == 0:
            msg = f"'{text}' is an interval of zero; give a frequency such as 'every 2 days'"
            raise DoseAmountError(msg, ErrorReason.ZERO)
        days = number * TIME_UNITS[unit].factor
        meaning = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, 1 / days)
    add_frequency(state, meaning, text, index, end)
    return end


def add_frequency(
    state: ScanState, meaning: vocab.FrequencyWord, text: str, index: int, end: int
) -> None:
    lowered = text.lower().replace(" ", "")
    if lowered in {"qd", "qod", "od"}:
        state.warn(lowered, text)
    elif lowered in {"hs", "qhs", "aths"}:
        state.warn("hs", text)
    joined = state.lower(index - 1) in ("and", "&") or (
        state.lower(index - 1) == "on" and state.lower(index - 2) in ("and", "&")
    )
    last = state.step.frequencies[-1] if state.step.frequencies else None
    regular = (
        last is not None
        and last.word.kind is vocab.FrequencyKind.REGULAR
        and last.word.per_day >= 1
    )
    if meaning.kind is vocab.FrequencyKind.DAYS_OF_WEEK and joined and regular:
        msg = (
            f"'... and {text}' after a regular frequency: an extra dose on those days, or "
            "the dose only on them? Give each day's dose"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    if _clock_window(state, meaning, last, index, text):
        return
    if state.depth > (last.depth if last else 0) and last and _restates(meaning, last, text):
        state.claim(index, end, "frequency restated", _frequency_meaning(meaning))
        return
    if meaning.kind is vocab.FrequencyKind.DAYS_OF_WEEK and state.lower(index - 1) in (
        vocab.DAY_BOUND_WORDS
    ):
        msg = (
            f"'{state.tokens[index - 1].text} {text}': a day the schedule starts or ends, or "
            "the day the dose is taken? Give the days the dose is taken"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    if state.lower(index - 1) in vocab.ONE_OFF_WORDS:
        msg = f"'{state.tokens[index - 1].text} {text}' is one occasion, not a schedule"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if (
        state.lower(index - 1) in ("and", "&")
        and last is not None
        and vocab.FrequencyKind.REGULAR in (last.word.kind, meaning.kind)
        and last.index + len(last.text.split()) + 1 >= index
    ):
        # "nightly and weekly", "daily and at bedtime": two schedules, or one said twice?
        msg = f"'{last.text} and {text}': two frequencies joined by 'and'; give one"
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    parts = state.mentions.parts
    if (
        meaning.kind is vocab.FrequencyKind.TIME_OF_DAY
        and last is not None
        and last.word.kind is vocab.FrequencyKind.TIME_OF_DAY
        and last.word.group != meaning.group
        and not any(char.isdigit() for char in last.word.group + meaning.group)  # a list
        and parts
        and parts[-1].role == "frequency"  # nothing read between the two
        and state.lower(index - 1) not in ("and", ",", "&", "+", "then")
    ):
        # "nightly/morning", "nightly in the morning": one time or the other, not both.
        msg = (
            f"'{last.text} {text}': two times of day not joined by 'and'; one or the other? "
            "Write 'in the morning and at night' for both"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    state.step.frequencies.append(FrequencyMention(meaning, text, index, state.depth))
    state.claim(index, end, "frequency", _frequency_meaning(meaning))


_CLOCK = re.compile(r"(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?")


def clock_minutes(group: str) -> int | None:
    """The minute of the day (0-1439) of a clock time as the scanner groups it ("22:00",
    "7am", "8:00 pm", "21:00"), or None for a group that is not one clock time."""
    found = _CLOCK.fullmatch(group.replace(" ", "").removesuffix("h"))
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    if found[3] == "pm" and hour < 12:
        hour += 12
    elif found[3] == "am" and hour == 12:
        hour = 0
    return hour * 60 + minute if hour < 24 else None


def _restates(meaning: vocab.FrequencyWord, last: FrequencyMention, text: str) -> bool:
    """Rule (SPEC, "said twice"): a clock time or days in brackets after a clock time or days
    restate them ("at 10 pm (22:00)"); the same is read once, anything else is refused
    ("at 9 pm (9:00)", "on Monday (Tuesday)")."""
    kinds = (meaning.kind, last.word.kind)
    if _is_clock(meaning) and _is_clock(last.word):
        same = clock_minutes(meaning.group) == clock_minutes(last.word.group)
    elif kinds == (vocab.FrequencyKind.DAYS_OF_WEEK, vocab.FrequencyKind.DAYS_OF_WEEK):
        same = meaning.group == last.word.group and meaning.per_day == last.word.per_day
    else:
        return False
    if not same:
        msg = f"'{last.text} ({text})': the bracket says another time or day; give it once"
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    return True


def _is_clock(word: vocab.FrequencyWord | None) -> bool:
    return (
        word is not None
        and word.kind is vocab.FrequencyKind.TIME_OF_DAY
        and any(char.isdigit() for char in word.group)
    )


def _clock_window(
    state: ScanState,
    meaning: vocab.FrequencyWord,
    last: FrequencyMention | None,
    index: int,
    text: str,
) -> bool:
    """Rule: CLOCK ("-"|"to"|"till"|"until") CLOCK is one window ("21:00-22:00"), read as
    one time; CLOCK "or" CLOCK is one time or the other, refused. True when ``text`` ends a
    window (so it is not a second time)."""
    if not (_is_clock(meaning) and last is not None and _is_clock(last.word)):
        return False
    joiner = state.lower(index - 1)
    if joiner == "or":
        msg = f"'{last.text} or {text}': one time or the other? Give the time of the dose"
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    if joiner in ("-", "to", "till", "until"):
        state.claim(index - 1, index + len(text.split()), "frequency", "end of a time window")
        return True
    return False


def times_frequency(
    state: ScanState, index: int, tail_index: int, times: Fraction, low: Fraction | None = None
) -> int:
    """Read "3 times a day", "2x daily", "2x/week" after its number ("1-2 times daily" with
    ``low``, the low end of a range); 0 if it is not one."""
    for tail, period in vocab.TIMES_TAILS_BY_FIRST.get(state.lower(tail_index), ()):
        if all(state.lower(tail_index + k) == part for k, part in enumerate(tail)):
            end = tail_index + len(tail)
            text = " ".join(t.text for t in state.tokens[index:end])
            if times == 0:
                msg = f"'{text}' is zero times; give how often the dose is taken"
                raise DoseAmountError(msg, ErrorReason.ZERO)
            meaning = vocab.FrequencyWord(
                vocab.FrequencyKind.REGULAR,
                times / period,
                low=None if low is None else low / period,
            )
            add_frequency(state, meaning, text, index, end)
            return end
    return 0


def day_phrase(state: ScanState, index: int) -> tuple[set[str], int] | None:
    """The named days of a day phrase starting at ``index``, and the index after it."""
    for phrase, meaning in state.phrases(state.lower(index), index):
        if (
            meaning.kind is vocab.FrequencyKind.DAYS_OF_WEEK
            and meaning.group
            and all(state.fits(index + k, part) for k, part in enumerate(phrase))
        ):
            return set(meaning.group.split(",")), index + len(phrase)
    return None


def except_days(state: ScanState, index: int) -> int:
    """Rule: ("except"|"excluding"|"skip"|"not on") DAYS [("and"|","|"or") DAYS]... is every
    day of the week but those named ("daily except Sunday" is on 6 days of 7)."""
    word = state.tokens[index].lower
    cursor = index + 1
    if word == "not" and state.lower(cursor) == "on":
        cursor += 1
    elif word not in ("except", "excluding", "skip", "skipping"):
        return 0
    days: set[str] = set()
    while True:
        named = day_phrase(state, cursor)
        if named is None:
            break
        found, cursor = named
        if len(found) == 1:  # "except Mon-Fri": every day of the range
            single = vocab.FrequencyWord(
                vocab.FrequencyKind.DAYS_OF_WEEK, Fraction(1, 7), next(iter(found))
            )
            widened, cursor = day_range(state, single, cursor)
            found = set(widened.group.split(","))
        days |= found
        if state.lower(cursor) in ("and", ",", "or", "/", "&") and day_phrase(state, cursor + 1):
            cursor += 1
    if not days:
        return 0
    kept = [day for day in vocab.WEEK if day not in days]
    if not kept:
        msg = "every day of the week is excepted; no day is left to take the dose"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    excepted = [day for day in vocab.WEEK if day in days]
    meaning = vocab.FrequencyWord(
        vocab.FrequencyKind.DAYS_OF_WEEK,
        Fraction(len(kept), 7),
        vocab.EXCEPT_PREFIX + ",".join(excepted),
    )
    text = " ".join(token.text for token in state.tokens[index:cursor])
    add_frequency(state, meaning, text, index, cursor)
    return cursor


def time_window(state: ScanState, index: int) -> int:
    """Rule: "between" TIME "and" TIME ("between 9pm and 3am") is one time of day."""
    if state.tokens[index].lower != "between":
        return 0
    for cursor in range(index + 2, min(index + 6, len(state.tokens))):
        if state.lower(cursor) == "and":
            end = cursor + 2 + (state.lower(cursor + 2) in ("am", "pm", ":"))
            if state.lower(end - 1) == ":":
                end += 1
            text = " ".join(token.text for token in state.tokens[index:end])
            window = vocab.FrequencyWord(vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), text)
            clock = ("am", "pm", ":")
            if (
                state.fits_number(index + 1)
                and state.lower(index + 2) in clock
                and state.fits_number(cursor + 1)
                and state.lower(cursor + 2) in clock
            ):
                add_frequency(state, window, text, index, end)
                return end
            return 0
    return 0


def _frequency_meaning(meaning: vocab.FrequencyWord) -> str:
    """How a frequency phrase is read, in words: "2 a day", "on 5 of 7 days", "as needed"."""
    kind = meaning.kind
    if kind is vocab.FrequencyKind.REGULAR:
        per_day = meaning.per_day
        if per_day < 1:
            return f"once every {format_amount(1 / per_day)} days"
        return {1: "once a day", 2: "twice a day"}.get(
            int(per_day) if per_day.denominator == 1 else 0,
            f"{format_amount(per_day)} times a day",
        )
    if kind is vocab.FrequencyKind.TIME_OF_DAY:
        return f"once a day: {meaning.group}"
    if kind is vocab.FrequencyKind.DAYS_OF_WEEK and meaning.group.startswith(vocab.EXCEPT_PREFIX):
        return "except " + meaning.group.removeprefix(vocab.EXCEPT_PREFIX).replace(",", ", ")
    if kind is vocab.FrequencyKind.DAYS_OF_WEEK:
        days = meaning.group.replace(",", ", ") if meaning.group else ""
        share = format_amount(meaning.per_day * 7)
        return f"on {days}" if days else f"on {share} of 7 days"
    return str(kind.value).replace("_", " ")
