"""Tokens to mentions: the recognisers of the library's own grammar (no pint, no eval).

The scanner walks the tokens once and records what it finds (masses with their rates,
counts, volumes, frequencies, route words) as `._mentions`, leaving the decision of what the
dose *is* to `._resolve`. It raises at once on what can never be a dose (arithmetic, a
malformed number, a unit that is not a mass). Each recogniser states the rule it reads, in
the notation of the contributor page: NUMBER, WORD, MASS_UNIT, TIME_UNIT, FORM, "literal".
"""

from __future__ import annotations

import re
from fractions import Fraction

from . import _vocabulary as vocab
from ._errors import (
    DailyDoseUnknownError,
    DoseAmountError,
    DoseSyntaxError,
    DoseUnitError,
    ErrorReason,
)
from ._format import format_amount
from ._mentions import Count, FrequencyMention, Mass, Mentions, Part, Step
from ._tokens import Token, european, tokenize
from ._units import (
    ACCEPTED_MASS_UNITS,
    BODY_SIZE_WORDS,
    MASS_UNITS,
    MONTH_WORDS,
    OTHER_UNITS,
    TIME_UNITS,
    VOLUME_UNITS,
    Unit,
)

# Characters that only arithmetic or code would use. "<" and ">" are comparisons (refused
# only before a mass); quotes, "?" and "!" are harmless in free text.
_CODE_CHARACTERS = frozenset("*^=_{}\\$@~`")
_TIMES_WORD = re.compile(r"^x\d{1,2}$")
_DURATION_WORD = re.compile(r"^x\d{1,3}(d|days?|w|wks?|weeks?)?$")
_UNIT_WORDS = frozenset().union(
    MASS_UNITS, TIME_UNITS, VOLUME_UNITS, MONTH_WORDS, BODY_SIZE_WORDS, OTHER_UNITS
)
_PARTS = frozenset({"half", "quarter"})
_TAKE_WORDS = frozenset({"take", "tk", "give", "takes"})
# Unit words that may stand alone, with no number: none but the clock's ("at 10 pm" reads
# "pm" again, as a time of day, after the number has taken it as a clock word).
_CLAIMED_UNITS = vocab.CLOCK_WORDS
MAX_COUNT = 10  # more units than this at once is a quantity dispensed, not a count taken
_AMOUNT_FORMS = frozenset({"dose", "doses"})
_ADVISORY_VERBS = frozenset({"crush", "chew", "split", "break", "open", "drive", "cut"})
_Q_NUMBER = re.compile(r"^q(\d{1,3})$")
_ORAL_WORDS = frozenset({"po", "oral", "orally", "by", "p.o", "per"})
_PATIENT_UNITS = frozenset({"y", "yo", "yr", "yrs", "year", "years", "kg/m2", "cm", "m"})
_CONTAINER_WORDS = frozenset({"bottle", "bottles", "pack", "packs", "container", "supply"})
_CLOCK_MINUTES = re.compile(r"^[0-5]\d$")
_NOT_FINITE = frozenset({"nan", "inf", "infinity", "infinite", "snan"})
# "q8h", "q3days": the interval words are the time units' own spellings.
_Q_INTERVAL = re.compile(
    r"^q(\d{1,3})(" + "|".join(sorted(TIME_UNITS, key=len, reverse=True)) + r")$"
)
# Dates, as parts that joined() reads: YYYY-MM-DD and D/M/YY(YY); keyed by the separator
# after the first number and the first number's digits (built once, not on every number).
_DATE_SHAPES: dict[tuple[str, int], list[tuple[str, ...]]] = {}
for _shape in ["9999 - 99 - 99"] + [
    f"{d} / {m} / {y}" for d in ("9", "99") for m in ("9", "99") for y in ("99", "9999")
]:
    _parts = tuple(_shape.split(" "))
    _DATE_SHAPES.setdefault((_parts[1], len(_parts[0])), []).append(_parts)
_DAY_SCHEMES = {parts: tuple(" - ".join(["9"] * parts).split(" ")) for parts in (4, 3)}
_Phrases = list[tuple[tuple[str, ...], vocab.FrequencyWord]]


def _by_second(phrases: _Phrases) -> tuple[_Phrases, _Phrases, frozenset[str]]:
    """The phrases of one first token; those of one token; the second tokens of the others."""
    short = [item for item in phrases if len(item[0]) == 1]
    return phrases, short, frozenset(item[0][1] for item in phrases if len(item[0]) > 1)


# vocab.FREQUENCY_BY_FIRST, with each list's second tokens gathered once: a phrase whose
# second token cannot fit is never tried (the profile's largest cost was trying the 48
# phrases that start with a number after every number).
_PHRASES_BY_FIRST = {
    first: _by_second(listed) for first, listed in vocab.FREQUENCY_BY_FIRST.items()
}


class _Scanner:
    """One pass over the tokens of one text."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.count = len(tokens)
        # Each token's lower-cased text, read by index: lower() is the scanner's most
        # frequent call.
        self.lowers = [token.lower for token in tokens]
        # Runs of tokens between brackets, found once on first need: walking outwards from
        # each mass would make a text of many bracketed masses quadratic.
        self.segments: list[tuple[int, int]] | None = None
        self.qualifiers: dict[tuple[int, int], str] = {}
        self.mentions = Mentions(steps=[Step()])
        self.depth = 0
        self.last_mass_end = -1  # index just past the last mass unit word read
        self.skip_next_number = False
        self.limit_pending = False  # the next mass is a limit ("max 100 mg/day")

    # -- helpers -------------------------------------------------------------------------
    def at(self, index: int) -> Token | None:
        return self.tokens[index] if 0 <= index < self.count else None

    def lower(self, index: int) -> str:
        return self.lowers[index] if 0 <= index < self.count else ""

    def phrases(self, first: str, index: int) -> _Phrases:
        """The phrases of ``vocab.FREQUENCY_BY_FIRST[first]`` that may fit at ``index``, in
        their order: all of them, or only the one-token ones when the next token is no
        phrase's second."""
        found = _PHRASES_BY_FIRST.get(first)
        if found is None:
            return []
        listed, short, seconds = found
        after = self.at(index + 1)
        if after is not None and (
            after.lower in seconds or (after.kind == "num" and vocab.ANY_NUMBER in seconds)
        ):
            return listed
        return short

    @property
    def step(self) -> Step:
        return self.mentions.steps[-1]

    def claim(
        self, first: int, end: int, role: str, meaning: str = "", mass: Mass | None = None
    ) -> None:
        """Record that tokens ``first`` to ``end`` (exclusive) were read in this role."""
        tokens = self.tokens[max(first, 0) : end]
        if (role == "route" and meaning == "by mouth") or (
            role == "count of units" and any(t.lower in vocab.ORAL_FORMS for t in tokens)
        ):
            self.mentions.oral = True
        if tokens:
            stop = tokens[-1].start + len(tokens[-1].text)
            self.mentions.parts.append(Part(tokens[0].start, stop, role, meaning, mass))

    def new_step(self, index: int) -> None:
        """Start the next step of a schedule at token ``index``."""
        start = self.tokens[index].start
        self.step.end = start
        self.mentions.steps.append(Step(start=start))

    def close_step(self) -> None:
        """A duration ends a dose: "1.5 mg for 1 week, 3 mg for 1 week" are two steps."""
        if self.step.masses or self.step.counts:
            self.step.closed = True

    def add_count(self, value: Fraction, form: str, index: int, end: int) -> None:
        """Record a count of units read from tokens ``index`` to ``end``."""
        if self.step.closed:
            self.new_step(index)
        self.step.counts.append(
            Count(
                value,
                form,
                index,
                self.depth,
                instructed=self.told(index),
                timed=self.starts_frequency(end),
            )
        )
        self.claim(index, end, "count of units", format_amount(value))

    def told(self, index: int) -> bool:
        """Whether "take" (or "give", "tk") stands just before the count at ``index``."""
        return any(self.lower(index - k) in _TAKE_WORDS for k in (1, 2))

    def warn(self, code: str, written: str) -> None:
        if (code, written) not in self.mentions.warnings:
            self.mentions.warnings.append((code, written))

    # -- the walk ------------------------------------------------------------------------
    def scan(self) -> Mentions:
        index = 0
        while index < len(self.tokens):
            index = self.scan_one(index)
        steps = self.mentions.steps
        last = steps[-1]
        if len(steps) > 1 and not (last.masses or last.counts or last.volumes or last.frequencies):
            steps.pop()  # "... 1 mg nightly thereafter": a step word with nothing after it
            steps[-1].end = None
        return self.mentions

    def scan_one(self, index: int) -> int:
        token = self.tokens[index]
        if token.kind == "num":
            return self.scan_number(index)
        if token.kind == "word":
            return self.scan_word(index)
        return self.scan_punct(index)

    def scan_punct(self, index: int) -> int:
        token = self.tokens[index]
        char = token.text
        before, after = self.at(index - 1), self.at(index + 1)
        if char in "([":
            self.depth += 1
        elif char in ")]":
            self.depth = max(0, self.depth - 1)
        elif (
            char in "<>\u2264\u2265"
            and (token.spaced or before is None or before.kind != "word")  # not "</b>4.5"
            and after is not None
            and after.kind == "num"
            and self.lower(index + 2) in MASS_UNITS
        ):
            msg = (
                f"{char!r} before a number is a comparison, not a dose; "
                "give the dose itself, such as '4.5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.COMPARATOR)
        elif char == "%" and before is not None and before.kind == "num":
            raise _not_a_mass(before.text + "%", "a percentage")
        elif char == "+" and before is not None and before.lower in MASS_UNITS:
            msg = (
                f"'{before.text}{char}' adds to or bounds an amount; give the dose itself, such "
                "as '50 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.COMPARATOR)
        elif char in "+-" and after is not None and after.kind == "num":
            return self.scan_sign(index)
        elif char == "#":
            self.skip_next_number = True
        elif char == "?":
            msg = "a question mark: the text asks about a dose rather than giving one"
            raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
        elif char in _CODE_CHARACTERS:
            msg = (
                f"the character {char!r} is not part of a dose: arithmetic and code are not "
                "read. Write one amount and a unit, such as '4.5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)
        elif char == "," and _between_numbers(before, token, after):
            return self.scan_comma(index)
        elif char == "." and _between_numbers(before, token, after):
            msg = (
                f"'{before.text}.{after.text}' is not a number (two decimal points); "  # type: ignore[union-attr]
                "write one decimal point, such as '4.5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
        return index + 1

    def scan_sign(self, index: int) -> int:
        token, before = self.tokens[index], self.at(index - 1)
        number = self.tokens[index + 1]
        joins_range = before is not None and (
            before.kind == "num" or before.lower in MASS_UNITS or before.text == ")"
        )
        if token.text == "-" and joins_range:
            return index + 1  # a range: "1.5-4.5 mg"; the number scan links the ends
        if (
            token.text == "-"
            and before is not None
            and token.spaced
            and number.spaced
            and before.kind == "word"
        ):
            return index + 1  # a dash between words and a number: "50 mg tablet - 1/2 tab"
        if token.text == "+" and before is not None and before.kind == "num":
            msg = "arithmetic is not read: write the total amount, such as '4.5 mg'"
            raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)
        if token.text == "-":
            msg = (
                f"the amount -{number.text} is negative; a dose is a positive amount, "
                "such as '4.5 mg'"
            )
            raise DoseAmountError(msg, ErrorReason.NEGATIVE)
        return index + 1  # a leading "+": harmless

    def scan_comma(self, index: int) -> int:
        before, after = self.tokens[index - 1], self.tokens[index + 1]
        written = f"{before.text},{after.text}"
        if len(after.text) == 3 and after.text.isdigit():
            msg = (
                f"'{written}' may be a thousands separator or a decimal comma; digit "
                f"grouping is not read. Write '{before.text}{after.text}' for the whole "
                f"number, or '{before.text}.{after.text}' for a decimal"
            )
            raise DoseSyntaxError(msg, ErrorReason.DIGIT_GROUPING)
        msg = (
            f"'{written}' has a decimal comma, which is not read by default; write "
            f"'{before.text}.{after.text}', or pass decimal_comma=True"
        )
        raise DoseSyntaxError(msg, ErrorReason.DECIMAL_COMMA)

    def scan_word(self, index: int) -> int:
        token = self.tokens[index]
        word = token.lower
        if word in vocab.TITRATION_WORDS:
            if self.step.masses:
                self.step.end = token.start
                self.mentions.steps.append(Step(start=token.start, titration=True))
            elif len(self.mentions.steps) > 1:  # "then increase to 3 mg"
                self.step.titration = True
            else:
                msg = (
                    f"'{token.text}' with no dose before it: a change is not a dose. Give the "
                    "dose taken, such as '1.5 mg nightly, then increase to 4.5 mg nightly'"
                )
                raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
            return index + 1
        if word in vocab.STEP_WORDS and (self.step.masses or self.step.counts or self.step.volumes):
            end = index + 1 + (self.lower(index + 1) == "by")
            next_token = self.at(end)
            self.step.end = token.start
            self.mentions.steps.append(Step(start=next_token.start if next_token else token.start))
            return end
        matched = self.match_frequency(index)
        if matched:
            return matched
        refused = self.refused_word(index)
        if refused:
            return refused
        window = self.time_window(index)
        if window:
            return window
        if word == "once" and self.starts_frequency(index + 1):
            return index + 1  # "once at bedtime", "once daily": the phrase after says when
        next_token = self.at(index + 1)
        if word == "on" and (next_token is None or next_token.kind == "punct"):
            # Rule: "on" ending a clause is the UK "ON" (omni nocte): at night.
            night = vocab.FrequencyWord(vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), "night")
            self.add_frequency(night, token.text, index, index + 1)
            return index + 1
        if word in vocab.PATIENT_WORDS or (
            word in vocab.SCHEDULE_INDEX_WORDS
            and self.lower(index - 1) not in ("/", "per")
            and self.fits_number(index + 1 + (self.lower(index + 1) in (":", "-")))
        ):
            return self.skip_measure(index)
        if word in vocab.DEPOT_WORDS:
            self.mentions.routes.append(token.text)
            self.claim(index, index + 1, "route", "injected")
        elif word in _ORAL_WORDS - {"by", "per"} or (
            word == "mouth" and self.lower(index - 1) == "by"
        ):
            self.claim(index - (word == "mouth"), index + 1, "route", "by mouth")
        if word in _NOT_FINITE and self.lower(index + 1) in MASS_UNITS:
            msg = (
                f"the amount '{token.text}' is not a finite number; a dose is a positive amount, "
                "such as '4.5 mg'"
            )
            raise DoseAmountError(msg, ErrorReason.NOT_FINITE)
        if word in MASS_UNITS:
            if self.last_mass_end == index:
                msg = (
                    f"the unit is written twice ('{self.tokens[index - 1].text} {token.text}'); "
                    "write one amount and one unit, such as '5 mg'"
                )
                raise DoseSyntaxError(msg, ErrorReason.DOUBLED_UNIT)
            self.mentions.unit_only = self.mentions.unit_only or token.text
        elif word in vocab.HOUSEHOLD_WORDS:
            self.mentions.household = self.mentions.household or token.text
        elif (duration := _DURATION_WORD.match(word)) and (
            duration[1] or self.lower(index + 1) in TIME_UNITS
        ):
            # "x7d", "x30d", "X7 DAYS": a duration, which does not change the daily dose.
            self.claim(index, index + 1 + (not duration[1]), "duration")
            self.close_step()
            return index + 1 + (not duration[1])
        elif _TIMES_WORD.match(word) and self.lower(index + 1) in vocab.STEP_WORDS:
            self.claim(index, index + 1, "doses of a step before the last")  # "x1 then"
        elif _TIMES_WORD.match(word) and self.lower(index - 1) in vocab.QUANTITY_WORDS:
            self.claim(index - 1, index + 1, "quantity dispensed or refills")  # "RF x2"
        elif any(char.isdigit() for char in word):
            # A number run into a word that no rule reads ("x3", "b12"): it has no role.
            self.mentions.unresolved.append(("in_word", token.text))
        elif word in ("day", "days") and self.lower(index + 1) == "supply":
            self.claim(index, index + 2, "days' supply")  # "Days supply: 30"
        elif (word in _UNIT_WORDS and word not in _CLAIMED_UNITS) or (
            word not in vocab.KNOWN_WORDS and word not in _UNIT_WORDS
        ):
            # A unit with no number ("at 20:00 /wk") has no role either.
            self.mentions.unknown.append(token.text)
        elif (
            len(word) <= 3
            and (after := self.at(index + 1)) is not None
            and after.kind == "num"
            and not after.spaced
            and after.text.startswith(".")
        ):
            msg = (
                f"'{token.text}{after.text}': a letter where a digit belongs ('I.5' for 1.5?); "
                "write the amount in digits, such as '1.5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
        elif word in ("a", "an") and self.lower(index + 1) in vocab.FORM_WORDS - _AMOUNT_FORMS:
            # Rule: ("a"|"an") FORM ["and" "a" "half"] is a count: "a tablet and a half" is 1.5.
            half = [self.lower(index + k) for k in (2, 3, 4)] == ["and", "a", "half"]
            value, end = (Fraction(3, 2), index + 5) if half else (Fraction(1), index + 2)
            self.add_count(value, self.lower(index + 1), index, end)
            return end
        elif word in vocab.NUMBER_WORDS and word not in {"a", "an"}:
            following = self.lower(index + 1)
            if following == "a" or following in vocab.FORM_WORDS:
                form_index = index + 2 if following == "a" else index + 1
                if self.lower(form_index) in vocab.FORM_WORDS:
                    count = vocab.NUMBER_WORDS[word]
                    self.add_count(count, self.lower(form_index), index, form_index + 1)
                    return form_index + 1
            value, end = vocab.NUMBER_WORDS[word], index + 1
            if [self.lower(end + k) for k in range(3)] == ["and", "a", "half"]:
                value, end = value + Fraction(1, 2), end + 3  # "one and a half"
            elif word == "one" and self.lower(end + (self.lower(end) == "-")) in _PARTS:
                end += self.lower(end) == "-"  # "one half", "one-half", "one quarter"
                value, end = vocab.NUMBER_WORDS[self.lower(end)], end + 1
            if self.lower(end) == "of":
                end += 1  # "half of a tablet"
            if self.lower(end) in ("a", "an", "the") and (
                self.fits_number(end + 1) or self.lower(end + 1) in vocab.FORM_WORDS
            ):
                end += 1  # "half a 50 mg tablet", "half a tablet"
            after = self.at(end)
            starts_dose = after is not None and (
                (after.kind == "num" and (word != "half" or end > index + 1))
                or self.starts_frequency(end)
                or after.lower in vocab.FORM_WORDS
                or after.lower in _ORAL_WORDS
                or (after.lower == "to" and self.lower(end + 1) == "be")  # "one to be taken"
            )
            if starts_dose:
                self.add_count(value, "unit", index, end)
                return end
            self.mentions.number_word = self.mentions.number_word or token.text
        return index + 1

    def refused_word(self, index: int) -> int:
        """Refuse a word that changes what the dose means, names another drug or a route.

        Rule: a MEANING word, an OTHER_DRUG or an OTHER_ROUTE word anywhere is a refusal,
        unless a rule read it first (frequency phrases such as "as needed" come first).
        """
        token = self.tokens[index]
        word = token.lower
        if word in vocab.OTHER_DRUGS:
            msg = (
                f"'{token.text}' is another drug; a text naming it is not read, since its "
                "amounts cannot be told apart from naltrexone's. Give the naltrexone dose alone"
            )
            raise DoseSyntaxError(msg, ErrorReason.OTHER_DRUG)
        if word in vocab.OTHER_ROUTE_WORDS:
            msg = (
                f"'{token.text}' names a route other than by mouth; Box 1 is about oral doses "
                "(and the 380 mg intramuscular depot), so this dose is not placed"
            )
            raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
        limit_end = self.limit(index)
        if limit_end:
            return limit_end
        except_end = self.except_days(index)
        if except_end:
            return except_end
        what = vocab.MEANING_WORDS.get(word)
        if word in ("not", "don't", "dont") and self.lower(index + 1) in _ADVISORY_VERBS:
            return index + 2  # "do not crush": how to take it, not whether
        if word in ("not", "don't", "dont") and [self.lower(index + 1), self.lower(index + 2)] == [
            "take",
            "with",
        ]:
            return index + 3  # "do not take with opioids": a warning beside the dose
        if (
            word == "or"
            and self.fits_number(index + 1)
            and (self.fits_number(index - 1) or self.lower(index + 2) in TIME_UNITS)
        ):
            what = None  # "3 or 6 mg": a range; "1 hour before or 2 hours after": timing
        if word == "off" and self.lower(index + 1 + (self.lower(index + 1) == "-")) == "label":
            what = None  # "off-label" says nothing of the dose
        if word == "no" and not (self.fits_number(index + 1) or self.lower(index + 1) == "."):
            what = "says the dose is not taken"
        if word == "up" and self.lower(index + 1) == "to":
            what = "is a limit, not a dose"
        if word == "d" and self.lower(index + 1) == "/" and self.lower(index + 2) == "c":
            what = "says the dose is not (or no longer) taken"
        if what is None:
            return 0
        msg = (
            f"'{token.text}' {what}; the text is not read as a dose. Give the dose that is "
            "taken, such as '4.5 mg at bedtime'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)

    def limit(self, index: int) -> int:
        """Rule: LIMIT [WORD ...] MASS ("max 100 mg/day", "not to exceed 4.5 mg in 24 hours",
        "maximum daily dose 1.5 mg") is a limit beside the dose, never the dose. Returns the
        index of the limit's number; the mass read there is kept as a limit."""
        words = [self.lower(index + k) for k in range(3)]
        if words[0] in ("max", "maximum", "nte", "upto"):
            after = index + 1 + (self.lower(index + 1) == ".")
        elif words[:2] == ["up", "to"] or words[:2] in (["not", "exceed"], ["dont", "exceed"]):
            after = index + 2
        elif words in (["not", "to", "exceed"], ["no", "more", "than"]):
            after = index + 3
        elif words[0] == "exceed":
            after = index + 1
        else:
            return 0
        for cursor in range(after, min(after + 5, len(self.tokens))):
            token = self.tokens[cursor]
            if token.kind == "num":
                if self.lower(cursor + 1) in MASS_UNITS:
                    self.limit_pending = True
                    self.claim(index, cursor, "limit")
                    return cursor
                break
        msg = (
            f"'{self.tokens[index].text}' is a limit, and no amount follows it; a limit is not a "
            "dose. Give the dose taken, such as '4.5 mg at bedtime'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)

    def except_days(self, index: int) -> int:
        """Rule: ("except"|"excluding"|"skip"|"not on") DAYS [("and"|","|"or") DAYS]... is every
        day of the week but those named ("daily except Sunday" is on 6 days of 7)."""
        word = self.tokens[index].lower
        cursor = index + 1
        if word == "not" and self.lower(cursor) == "on":
            cursor += 1
        elif word not in ("except", "excluding", "skip", "skipping"):
            return 0
        days: set[str] = set()
        while True:
            named = self.day_phrase(cursor)
            if named is None:
                break
            found, cursor = named
            days |= found
            if self.lower(cursor) in ("and", ",", "or", "/", "&") and self.day_phrase(cursor + 1):
                cursor += 1
        if not days:
            return 0
        kept = [day for day in vocab.WEEK if day not in days]
        if not kept:
            msg = "every day of the week is excepted; no day is left to take the dose"
            raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
        meaning = vocab.FrequencyWord(
            vocab.FrequencyKind.DAYS_OF_WEEK, Fraction(len(kept), 7), ",".join(kept)
        )
        text = " ".join(token.text for token in self.tokens[index:cursor])
        self.add_frequency(meaning, text, index, cursor)
        return cursor

    def day_phrase(self, index: int) -> tuple[set[str], int] | None:
        """The named days of a day phrase starting at ``index``, and the index after it."""
        for phrase, meaning in self.phrases(self.lower(index), index):
            if (
                meaning.kind is vocab.FrequencyKind.DAYS_OF_WEEK
                and meaning.group
                and all(self.fits(index + k, part) for k, part in enumerate(phrase))
            ):
                return set(meaning.group.split(",")), index + len(phrase)
        return None

    def time_window(self, index: int) -> int:
        """Rule: "between" TIME "and" TIME ("between 9pm and 3am") is one time of day."""
        if self.tokens[index].lower != "between":
            return 0
        for cursor in range(index + 2, min(index + 6, len(self.tokens))):
            if self.lower(cursor) == "and":
                end = cursor + 2 + (self.lower(cursor + 2) in ("am", "pm", ":"))
                if self.lower(end - 1) == ":":
                    end += 1
                text = " ".join(token.text for token in self.tokens[index:end])
                window = vocab.FrequencyWord(vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), text)
                clock = ("am", "pm", ":")
                if (
                    self.fits_number(index + 1)
                    and self.lower(index + 2) in clock
                    and self.fits_number(cursor + 1)
                    and self.lower(cursor + 2) in clock
                ):
                    self.add_frequency(window, text, index, end)
                    return end
                return 0
        return 0

    def skip_measure(self, index: int) -> int:
        """Rule: PATIENT_WORD [":"|"="] NUMBER [UNIT] is a weight or age, and
        SCHEDULE_INDEX_WORD NUMBER ["-" NUMBER] a day or week of a schedule: not amounts."""
        cursor = index + 1
        while self.lower(cursor) in (":", "=", "-"):
            cursor += 1
        if not self.fits_number(cursor):
            return index + 1
        cursor += 1
        if self.tokens[index].lower in vocab.SCHEDULE_INDEX_WORDS:
            if self.step.masses or self.step.counts:
                self.new_step(index)  # "Week 1: 1.5 mg. Week 2: 3 mg": each week a step
            if self.lower(cursor) in ("-", "to") and self.fits_number(cursor + 1):
                cursor += 2
            self.claim(index, cursor, "day or week of the schedule")
            return cursor
        following = self.lower(cursor)
        if following in MASS_UNITS or following in _PATIENT_UNITS:
            cursor += 1
        self.claim(index, cursor, "patient's weight or age")
        return cursor

    def joined(self, index: int, parts: tuple[str, ...]) -> bool:
        """Whether the tokens from ``index`` spell ``parts`` with no space between them:
        "9" a digit, "/" and "-" themselves (so "99-9" is two digits, a dash, a digit)."""
        for k, part in enumerate(parts):
            token = self.at(index + k)
            if token is None or (k and token.spaced):
                return False
            if part in ("/", "-", ":"):
                if token.text != part:
                    return False
            elif token.kind != "num" or not token.text.isdigit() or len(token.text) != len(part):
                return False
        return True

    def date_end(self, index: int) -> int:
        """Rule: YYYY-MM-DD or D/M/YY(YY) (one or two digits for D and M) is a date."""
        after = self.at(index + 1)
        if after is None or after.spaced or after.text not in ("-", "/"):
            return 0  # every shape joins a "-" or "/" to the number: none can fit
        # Only the shapes whose first part has as many digits as the number can fit.
        for shape in _DATE_SHAPES.get((after.text, len(self.tokens[index].text)), ()):
            if self.joined(index, shape):
                return index + 5
        return 0

    def day_scheme(self, index: int) -> int:
        """Rule: D "-" D "-" D ["-" D] (single digits, "1-0-1") gives the units taken at each
        time of the day: their sum is the count, once a day."""
        after = self.at(index + 1)
        if after is None or after.spaced or after.text != "-":
            return 0  # every scheme joins a "-" to its first digit: none can fit
        for parts in (4, 3):
            if self.joined(index, _DAY_SCHEMES[parts]):
                digits = [self.tokens[index + 2 * k].value or Fraction(0) for k in range(parts)]
                end = index + 2 * parts - 1
                text = "-".join(self.tokens[index + 2 * k].text for k in range(parts))
                if sum(digits) == 0:
                    msg = f"'{text}' takes no units at any time of the day"
                    raise DoseAmountError(msg, ErrorReason.ZERO)
                self.add_count(sum(digits, Fraction(0)), "unit", index, end)
                daily = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, Fraction(1))
                self.step.frequencies.append(FrequencyMention(daily, text, index))
                return end
        return 0

    def count_range(self, index: int) -> int:
        """Rule: COUNT ("-"|"to"|"or") COUNT (FORM | FREQUENCY | ROUTE | "to be") is a range of
        counts of units ("1-2 tablets", "1 or 2 at night"): the high end decides."""
        joiner, high = self.lower(index + 1), self.at(index + 2)
        low = self.tokens[index].value
        if joiner not in ("-", "to", "or") or high is None or high.kind != "num":
            return 0
        if low is None or high.value is None or not 0 < low < high.value <= MAX_COUNT:
            return 0
        after = self.lower(index + 3)
        form = after if after in vocab.FORM_WORDS else ""
        if not (
            form
            or self.starts_frequency(index + 3)
            or after in _ORAL_WORDS
            or (after == "to" and self.lower(index + 4) == "be")
        ):
            return 0
        end = index + 3 + bool(form)
        self.step.counts.append(
            Count(
                high.value, form or "unit", index, self.depth, low=low, instructed=self.told(index)
            )
        )
        meaning = f"{format_amount(low)} to {format_amount(high.value)}"
        self.claim(index, end, "range of counts of units", meaning)
        return end

    def fits_number(self, index: int) -> bool:
        token = self.at(index)
        return token is not None and token.kind == "num"

    def starts_frequency(self, index: int) -> bool:
        """Whether a frequency phrase starts at ``index`` (without recording it)."""
        word = self.lower(index)
        if _Q_INTERVAL.match(word) or word in vocab.EVERY_WORDS:
            return True
        return any(
            all(self.fits(index + k, part) for k, part in enumerate(phrase))
            for phrase, _meaning in self.phrases(word, index)
        )

    def match_frequency(self, index: int) -> int:
        """Record a frequency phrase starting at ``index``; return the index after it, or 0."""
        word = self.lower(index)
        interval = _Q_INTERVAL.match(word)
        if interval:
            number, unit = Fraction(int(interval[1])), interval[2]
            return self.record_interval(index, index + 1, number, unit, self.tokens[index].text)
        q_number = _Q_NUMBER.match(word)
        if q_number and (
            self.lower(index + 1) in TIME_UNITS or self.lower(index + 1) in MONTH_WORDS
        ):
            text = f"{self.tokens[index].text} {self.tokens[index + 1].text}"
            number = Fraction(int(q_number[1]))
            return self.record_interval(index, index + 2, number, self.lower(index + 1), text)
        if word in vocab.EVERY_WORDS:
            number_token = self.at(index + 1)
            unit_word = self.lower(index + 2)
            if (
                number_token is not None
                and number_token.kind == "num"
                and number_token.value is not None
                and (unit_word in TIME_UNITS or unit_word in MONTH_WORDS)
            ):
                text = " ".join(t.text for t in self.tokens[index : index + 3])
                return self.record_interval(index, index + 3, number_token.value, unit_word, text)
        first = self.at(index)
        candidates = self.phrases(word, index)
        if first is not None and first.kind == "num":
            candidates = [*candidates, *self.phrases(vocab.ANY_NUMBER, index)]
        for phrase, meaning in candidates:
            end = index + len(phrase)
            if all(self.fits(index + k, part) for k, part in enumerate(phrase)):
                found = meaning
                for k, part in enumerate(phrase):
                    times = self.tokens[index + k].value
                    if part == vocab.ANY_NUMBER and times is not None:
                        # The phrase's meaning is per unit of the number it stands for.
                        found = found._replace(per_day=found.per_day * times)
                if meaning.kind is vocab.FrequencyKind.DAYS_OF_WEEK and len(phrase) == 1:
                    found, end = self.day_range(meaning, end)
                text = " ".join(t.text for t in self.tokens[index:end])
                self.add_frequency(found, text, index, end)
                return end
        return 0

    def fits(self, index: int, part: str) -> bool:
        """Whether the token at ``index`` is this part of a phrase ("#": any number)."""
        if part == vocab.ANY_NUMBER:
            token = self.at(index)
            return token is not None and token.kind == "num"
        return self.lower(index) == part

    def day_range(self, first: vocab.FrequencyWord, end: int) -> tuple[vocab.FrequencyWord, int]:
        """Widen "Mon-Fri", "Monday to Friday", "Mon thru Fri" to every day between."""
        joiners = ("-", "to", "through", "thru", "till", "until")
        if "," in first.group or self.lower(end) not in joiners:
            return first, end
        last = vocab.FREQUENCY_PHRASES.get((self.lower(end + 1),))
        if last is None or last.kind is not vocab.FrequencyKind.DAYS_OF_WEEK or "," in last.group:
            return first, end
        days = list(vocab.WEEK)
        start, stop = days.index(first.group), days.index(last.group)
        span = [days[(start + k) % 7] for k in range((stop - start) % 7 + 1)]
        widened = vocab.FrequencyWord(
            vocab.FrequencyKind.DAYS_OF_WEEK, Fraction(len(span), 7), ",".join(span)
        )
        return widened, end + 2

    def record_interval(self, index: int, end: int, number: Fraction, unit: str, text: str) -> int:
        if unit in MONTH_WORDS:
            meaning = vocab.FrequencyWord(vocab.FrequencyKind.MONTHLY)
        else:
            if number == 0:
                msg = f"'{text}' is an interval of zero; give a frequency such as 'every 2 days'"
                raise DoseAmountError(msg, ErrorReason.ZERO)
            days = number * TIME_UNITS[unit].factor
            meaning = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, 1 / days)
        self.add_frequency(meaning, text, index, end)
        return end

    def add_frequency(self, meaning: vocab.FrequencyWord, text: str, index: int, end: int) -> None:
        lowered = text.lower().replace(" ", "")
        if lowered in {"qd", "qod", "od"}:
            self.warn(lowered, text)
        elif lowered in {"hs", "qhs", "aths"}:
            self.warn("hs", text)
        joined = self.lower(index - 1) in ("and", "&") or (
            self.lower(index - 1) == "on" and self.lower(index - 2) in ("and", "&")
        )
        last = self.step.frequencies[-1] if self.step.frequencies else None
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
        parts = self.mentions.parts
        if (
            meaning.kind is vocab.FrequencyKind.TIME_OF_DAY
            and last is not None
            and last.word.kind is vocab.FrequencyKind.TIME_OF_DAY
            and last.word.group != meaning.group
            and not any(char.isdigit() for char in last.word.group + meaning.group)  # a list
            and parts
            and parts[-1].role == "frequency"  # nothing read between the two
            and self.lower(index - 1) not in ("and", ",", "&", "+", "then")
        ):
            # "nightly/morning", "nightly in the morning": one time or the other, not both.
            msg = (
                f"'{last.text} {text}': two times of day not joined by 'and'; one or the other? "
                "Write 'in the morning and at night' for both"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
        self.step.frequencies.append(FrequencyMention(meaning, text, index))
        self.claim(index, end, "frequency", _frequency_meaning(meaning))

    def scan_number(self, index: int) -> int:
        token = self.tokens[index]
        value = token.value if token.value is not None else Fraction(0)
        before = self.at(index - 1)
        labelled = before is not None and before.text in ":=" and self.lower(index - 2)
        if (
            self.skip_next_number
            or (before is not None and before.lower in vocab.QUANTITY_WORDS)
            or (labelled and labelled in vocab.QUANTITY_WORDS)
        ):
            self.skip_next_number = False
            # The unit or form of the quantity goes with it: "bottle 100 mL", "#30 tablets".
            follows = self.lower(index + 1)
            end = (
                index
                + 1
                + (follows in MASS_UNITS or follows in VOLUME_UNITS or follows in vocab.FORM_WORDS)
            )
            self.claim(index - 1 - bool(labelled), end, "quantity dispensed or refills")
            return end
        if (
            self.lower(index + 1) == ":"
            and not (self.at(index + 1) or token).spaced
            and _CLOCK_MINUTES.match(self.lower(index + 2))
            and value < 24
        ):
            # Rule: NUMBER ":" MINUTES ["am"|"pm"] is a clock time, each a time of day.
            end = index + 3 + (self.lower(index + 3) in ("am", "pm"))
            text = " ".join([f"{token.text}:{self.tokens[index + 2].text}"] + (
                [self.tokens[index + 3].text] if end > index + 3 else []
            ))  # fmt: skip
            clock = vocab.FrequencyWord(vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), text)
            self.add_frequency(clock, text, index, end)
            return end
        date_end = self.date_end(index)
        if date_end:
            self.claim(index, date_end, "date")
            return date_end
        if self.lower(index - 1) == "rx" and len(token.text) >= 4 and token.text.isdigit():
            self.claim(index - 1, index + 1, "prescription number")
            return index + 1  # "Rx 12345": a prescription number
        scheme_end = self.day_scheme(index)
        if scheme_end:
            return scheme_end
        range_end = self.count_range(index)
        if range_end:
            return range_end
        matched = self.match_frequency(index)  # "12 hourly", "5 days a week"
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
        after = self.at(index + 1)
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
            and (denominator := self.at(index + 2)) is not None
            and denominator.kind == "num"
        ):
            return self.scan_fraction(index, value, denominator)
        return self.after_number(index, index + 1, value, token.text)

    def scan_fraction(self, index: int, value: Fraction, denominator: Token) -> int:
        written = f"{self.tokens[index].text}/{denominator.text}"
        form = self.lower(index + 3)
        if form == "of" and self.lower(index + 4) in ("a", "an", "the"):
            form = self.lower(index + 5) if self.lower(index + 5) in vocab.FORM_WORDS else "unit"
        if (form in vocab.FORM_WORDS or form == "unit") and denominator.value:
            self.add_count(value / denominator.value, form, index, index + 4)
            return index + 4
        msg = (
            f"'{written}' is a division; arithmetic is not read. Write the amount as a "
            "decimal, such as '0.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)

    def after_number(self, index: int, next_index: int, value: Fraction, written: str) -> int:
        """Read what follows a number: a unit, a form, a time, or nothing."""
        unit_token = self.at(next_index)
        word = unit_token.lower if unit_token is not None else ""
        if unit_token is not None and unit_token.kind == "word":
            if word in MASS_UNITS:
                return self.scan_mass(index, next_index, value, written)
            if word in ("mgs", "mcgs"):
                self.warn("plural_abbreviation", unit_token.text)
                return self.scan_mass(index, next_index, value, written, MASS_UNITS[word[:-1]])
            if word in VOLUME_UNITS:
                if word == "cc":
                    self.warn("cc", unit_token.text)
                if self.lower(next_index + 1) in ("/", "per") and (
                    self.lower(next_index + 2) in TIME_UNITS
                    or self.fits_number(next_index + 2)
                    or self.lower(next_index + 2) in BODY_SIZE_WORDS
                    or self.lower(next_index + 2) in MONTH_WORDS
                ):
                    msg = (
                        f"'{written} {unit_token.text}/...': a volume per time or per body size "
                        "is not read; give the volume taken and how often, such as '4.5 mL "
                        "nightly' with the concentration"
                    )
                    raise DoseUnitError(msg, ErrorReason.VOLUME_WITHOUT_CONCENTRATION)
                if self.lower(next_index + 1) in _CONTAINER_WORDS:
                    self.claim(index, next_index + 2, "quantity dispensed or refills")
                    return next_index + 2  # "50 mL bottle": a quantity dispensed
                millilitres = value * VOLUME_UNITS[word].factor
                self.step.volumes.append((millilitres, index))
                self.claim(index, next_index + 1, "volume", f"{format_amount(millilitres)} mL")
                return next_index + 1
            if word in vocab.FORM_WORDS:
                self.add_count(value, word, index, next_index + 1)
                return next_index + 1
            if word in ("times", "time", "x"):
                matched = self.times_frequency(index, next_index + 1, value)
                if matched:
                    return matched
                following = self.at(next_index + 1)
                if (
                    word == "x"
                    and following is not None
                    and following.kind == "num"
                    and self.lower(next_index + 2) in MASS_UNITS
                ):
                    self.add_count(value, "unit", index, next_index + 1)
                    return next_index + 1  # "2 x 25 mg": two units of 25 mg
            if word in ("hourly", "hrly", "weekly"):
                # Rule: NUMBER ("hourly"|"weekly") is an interval: "2 hourly" is every 2 hours.
                text = f"{written} {unit_token.text}"
                unit = "h" if word != "weekly" else "wk"
                return self.record_interval(index, next_index + 1, value, unit, text)
            if word in ("times", "time", "x"):
                # "2x" or "3 times" with no "a day" after it: how often is not said.
                self.mentions.unresolved.append(("unknown_unit", f"{written} {unit_token.text}"))
                return next_index + 1
            if word in ("am", "pm"):
                # Rule: NUMBER ("am"|"pm") is a clock time, a time of day of its own.
                text = f"{written} {unit_token.text}"
                clock = vocab.FrequencyWord(
                    vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), f"{written}{word}"
                )
                self.add_frequency(clock, text, index, next_index + 1)
                return next_index + 1
            if word in vocab.CLOCK_WORDS:
                self.claim(index, next_index + 1, "clock time")
                return next_index + 1
            if word in TIME_UNITS or word in MONTH_WORDS:
                if value == 0:  # "0 d": no duration; often a zero typed for the letter O
                    msg = f"'{written} {unit_token.text}' is a duration of zero"
                    raise DoseAmountError(msg, ErrorReason.ZERO)
                self.claim(index, next_index + 1, "duration")
                self.close_step()
                return next_index + 1  # "for 7 days", "for 3 months"
            if word in vocab.HOUSEHOLD_WORDS:
                self.mentions.household = self.mentions.household or unit_token.text
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
            if word in vocab.QUANTITY_WORDS:
                self.claim(index, next_index + 1, "quantity dispensed or refills")
                return next_index + 1  # "2 refills": a count of refills, not an amount
            if word in ("night", "nights") and self.lower(index - 1) in ("for", "x"):
                self.claim(index, next_index + 1, "duration")
                self.close_step()
                return next_index + 1  # "for 10 nights": a duration
            if word == "to" and self.lower(next_index + 1) == "be":
                self.add_count(value, "unit", index, next_index)
                return next_index  # "1 to be taken daily": a count of units
            if self.starts_frequency(next_index) or word in _ORAL_WORDS:
                # Rule: NUMBER FREQUENCY ("2 daily", "1bd") or NUMBER ROUTE ("1 po qd") is
                # a count of units; the strength comes from elsewhere in the text.
                self.add_count(value, "unit", index, next_index)
                return next_index
            if written == "0" and not unit_token.spaced and word[:1] in ("x", "b", "o"):
                msg = (
                    f"'0{unit_token.text}' looks like a hexadecimal, binary or octal literal; "
                    "numbers in code are not read. Write the amount in decimal, such as '4.5 mg'"
                )
                raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)
            if not unit_token.spaced:  # run into the number: "4.5mgx"
                self.mentions.unresolved.append(("unknown_unit", f"{written}{unit_token.text}"))
                return next_index + 1
            self.mentions.unresolved.append(("unknown_unit", f"{written} {unit_token.text}"))
            return next_index
        if (
            unit_token is not None
            and unit_token.text == "/"
            and self.lower(next_index + 1) in TIME_UNITS
        ):
            # Rule: NUMBER "/" TIME_UNIT with no mass ("2/day") is a number of times.
            period = TIME_UNITS[self.lower(next_index + 1)].factor
            text = f"{written}/{self.tokens[next_index + 1].text}"
            if value == 0:
                msg = f"'{text}' is zero times; give how often the dose is taken"
                raise DoseAmountError(msg, ErrorReason.ZERO)
            meaning = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, value / period)
            self.add_frequency(meaning, text, index, next_index + 2)
            return next_index + 2
        self.mentions.unresolved.append(("no_unit", written))
        return next_index

    def times_frequency(self, index: int, tail_index: int, times: Fraction) -> int:
        """Read "3 times a day", "2x daily", "2x/week" after its number; 0 if it is not one."""
        for tail, period in vocab.TIMES_TAILS_BY_FIRST.get(self.lower(tail_index), ()):
            if all(self.lower(tail_index + k) == part for k, part in enumerate(tail)):
                end = tail_index + len(tail)
                text = " ".join(t.text for t in self.tokens[index:end])
                if times == 0:
                    msg = f"'{text}' is zero times; give how often the dose is taken"
                    raise DoseAmountError(msg, ErrorReason.ZERO)
                meaning = vocab.FrequencyWord(vocab.FrequencyKind.REGULAR, times / period)
                self.add_frequency(meaning, text, index, end)
                return end
        return 0

    def scan_mass(
        self,
        index: int,
        unit_index: int,
        value: Fraction,
        written: str,
        unit: Unit | None = None,
    ) -> int:
        unit_token = self.tokens[unit_index]
        unit = unit or MASS_UNITS[unit_token.lower]
        if not unit_token.spaced:
            self.warn("unit_run_into_number", f"{written}{unit_token.text}")
        if unit_token.text in ("\u00b5g", "\u03bcg", "\u00b5G", "\u039cg", "\u039cG"):
            self.warn("microgram_symbol", unit_token.text)
        if re.fullmatch(r"\d+\.0+", written) and "." in written:
            self.warn("trailing_zero", written)
        if written.startswith("."):
            self.warn("naked_decimal", written)
        if written.endswith("."):
            self.warn("trailing_dot", written)
        mass = Mass(value, unit, f"{written} {unit_token.text}", index, self.depth)
        mass.increment = self.step.titration and (
            self.lower(index - 1) == "by" or self.lower(index - 1) in vocab.TITRATION_WORDS
        )  # "increase by 0.5 mg", "increase 0.5 mg weekly": a step size
        if self.depth:
            mass.qualifier = self.paren_qualifier(index)
        elif self.lower(unit_index + 1) in vocab.TOTAL_WORDS - {"in", "all"}:
            mass.qualifier = "total"  # "take 2 tablets, 50 mg total"
        elif self.lower(unit_index + 1) in vocab.EACH_WORDS - {"per"}:
            mass.qualifier = "each"
        if self.limit_pending:
            self.limit_pending = False
            mass.limit = True
            end = self.scan_rate(mass, unit_index + 1)
            self.last_mass_end = end
            self.mentions.limits.append(mass)
            self.claim(index, end, "mass", mass=mass)
            return end
        if self.step.closed and not self.step.titration:
            self.new_step(index)
        first = self.link_range(mass, index)
        end = self.scan_rate(mass, unit_index + 1)
        self.last_mass_end = end
        self.step.masses.append(mass)
        self.claim(first, end, "mass", mass=mass)
        return end

    def paren_qualifier(self, index: int) -> str:
        """Say whether the brackets around a mass call it the "total" or "each".

        The words read are those between the nearest brackets on either side of the mass,
        so each token is read once however the brackets nest.
        """
        if self.segments is None:
            self.segments = _bracket_segments(self.tokens)
        start, end = self.segments[index]
        if (start, end) not in self.qualifiers:
            words = {token.lower for token in self.tokens[start:end]}
            if words & vocab.TOTAL_WORDS - {"in", "all"} or {"in", "all"} <= words:
                self.qualifiers[start, end] = "total"
            elif words & vocab.EACH_WORDS:
                self.qualifiers[start, end] = "each"
            else:
                self.qualifiers[start, end] = ""
        return self.qualifiers[start, end]

    def link_range(self, mass: Mass, index: int) -> int:
        """Join "1.5-4.5 mg", "1.5 to 4.5 mg" and "1.5 mg - 4.5 mg" into one range.

        Rule: NUMBER ("-"|"to"|"or") NUMBER MASS_UNIT, "between" NUMBER "and" NUMBER
        MASS_UNIT, or MASS "-" MASS. Returns the index of the range's first token.
        """
        joiner = self.at(index - 1)
        if joiner is None or joiner.lower not in ("-", "to", "and", "or"):
            return index
        if joiner.lower == "and" and self.lower(index - 3) != "between":
            return index
        low_token = self.at(index - 2)
        if low_token is not None and low_token.kind == "num" and low_token.value is not None:
            unresolved = self.mentions.unresolved
            if unresolved and unresolved[-1][1].split(" ")[0] == low_token.text:
                unresolved.pop()  # the low end of the range: it has a role after all
            mass.low = low_token.value
            _highest_last(mass)
            return index - 2
        masses = self.step.masses
        if masses and masses[-1].index == index - 3 and masses[-1].rate_days is None:
            previous = masses.pop()
            parts = self.mentions.parts
            parts[:] = [part for part in parts if part.mass is not previous]
            mass.low = previous.mg / mass.unit.factor
            _highest_last(mass)
            return index - 3
        return index

    def scan_rate(self, mass: Mass, index: int) -> int:
        """Read what follows a mass unit: an annotation, a rate or a concentration."""
        if self.lower(index) == "." and self.lower(index + 1) not in TIME_UNITS:
            self.warn("unit_with_dot", mass.written + ".")
        if self.lower(index) == "{":  # a UCUM annotation: mg{dose}
            close = next(
                (k for k in range(index, min(index + 8, len(self.tokens))) if self.lower(k) == "}"),
                None,
            )
            if close is not None:
                index = close + 1
        word = self.lower(index)
        if word in ("/", "per") or (word == "." and self.lower(index + 2) == "-"):
            return self.scan_denominator(mass, index)
        if (
            word in ("in", "per")
            and self.fits_number(index + 1)
            and self.lower(index + 2) in VOLUME_UNITS
        ):
            return self.scan_denominator(mass, index)  # "1 mg in 1 mL": a concentration
        if word == "in" and self.fits_number(index + 1) and self.lower(index + 2) in TIME_UNITS:
            return self.scan_denominator(mass, index)  # "4.5 mg in 24 hours": a rate
        if word in vocab.FORM_WORDS or word in vocab.FORM_DESCRIPTORS:
            probe = index
            while self.lower(probe) in vocab.FORM_DESCRIPTORS:
                probe += 1
            if self.lower(probe) in vocab.FORM_WORDS - _AMOUNT_FORMS:
                mass.strength = True  # "50 mg tablet"; but "7 mg dose" is an amount
                if self.lower(probe) in vocab.ORAL_FORMS or self.lower(index) == "oral":
                    self.mentions.oral = True
        return index

    def scan_denominator(self, mass: Mass, index: int) -> int:
        slash = self.lower(index)
        cursor = index + 1
        ucum = slash == "."
        if self.lower(cursor) == "(":  # mg/(24.h)
            cursor += 1
        multiplier = Fraction(1)
        number = self.at(cursor)
        if number is not None and number.kind == "num" and number.value is not None:
            multiplier = number.value
            cursor += 1
            if self.lower(cursor) == ".":
                cursor += 1
        word = self.lower(cursor)
        shown = self.tokens[cursor].text if cursor < len(self.tokens) else ""
        if word in ("night", "nocte") and multiplier == 1:
            word = "day"  # "4.5 mg/night": once a night is once a day
        if word in TIME_UNITS:
            if multiplier == 0:
                msg = (
                    f"'{mass.written}/0 {shown}' is a rate per zero time; give a rate such "
                    "as '4.5 mg/day'"
                )
                raise DoseAmountError(msg, ErrorReason.ZERO)
            mass.rate_days = multiplier * TIME_UNITS[word].factor
            mass.rate_text = (
                f"{'/' if slash != 'per' else 'per '}{'' if multiplier == 1 else number.text}"  # type: ignore[union-attr]
                f"{shown}"
            )
            cursor += 1
            if ucum and self.lower(cursor) == "-" and self.lower(cursor + 1) == "1":
                cursor += 2
            if self.lower(cursor) == ")":
                cursor += 1
            if self.lower(cursor) == "/":
                msg = (
                    f"'{mass.written}{mass.rate_text}/...' divides twice; write one rate, such "
                    "as '4.5 mg/day'"
                )
                raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)
            return cursor
        if word in MONTH_WORDS:
            msg = (
                f"'{mass.written}' per month: a month has no fixed length, so no daily dose "
                "follows; give it per day or per week, such as '4.5 mg/day'"
            )
            raise DoseUnitError(msg, ErrorReason.PER_MONTH)
        if word in VOLUME_UNITS:
            mass.per_ml = multiplier * VOLUME_UNITS[word].factor
            mass.volume_given = number is not None and number.kind == "num"
            return cursor + 1
        if word in BODY_SIZE_WORDS or (word == "m" and self.lower(cursor + 1) == "2"):
            msg = (
                f"'{mass.written}/{shown}' is a dose per body weight or body surface area; "
                "a daily dose needs the mass itself, such as '4.5 mg' or '50 mg/day'"
            )
            raise DoseUnitError(msg, ErrorReason.PER_BODY_SIZE)
        if word in vocab.FORM_WORDS:  # "50 mg/tablet", "4.5 mg per capsule": a strength
            mass.strength = True
            if word in vocab.DEPOT_WORDS:  # "380 mg/vial": a form that is injected
                self.mentions.routes.append(self.tokens[cursor].text)
            return cursor + 1
        if slash == "per":
            return index  # "4.5 mg per os", "per day" is handled above
        msg = (
            f"'{mass.written}/{shown}' is not a mass or a mass per time; expected a mass "
            f"({ACCEPTED_MASS_UNITS}) or a rate such as '4.5 mg/day' or '350 mg/week'"
        )
        raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)


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
    if kind is vocab.FrequencyKind.DAYS_OF_WEEK:
        days = meaning.group.replace(",", ", ") if meaning.group else ""
        share = format_amount(meaning.per_day * 7)
        return f"on {days}" if days else f"on {share} of 7 days"
    return str(kind.value).replace("_", " ")


def _highest_last(mass: Mass) -> None:
    """A range decides by its highest dose, whichever end is written first ("4.5-1.5 mg");
    but "500-1 mg", high first and five hundred times the low end, is no range to guess at."""
    if mass.low is not None and mass.low > mass.amount * 10:
        msg = (
            f"'{format_amount(mass.low)}-{mass.written}' runs from high to low across more than "
            "a factor of ten; give each end with its unit"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    if mass.low is not None and mass.low > mass.amount:
        mass.low, mass.amount = mass.amount, mass.low
        mass.mg = mass.amount * mass.unit.factor


def _bracket_segments(tokens: list[Token]) -> list[tuple[int, int]]:
    """For each token, the span (start, end) of the run of tokens between brackets it is in."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index, token in enumerate([*tokens, None]):
        if token is None or token.text in "()[]":
            spans.extend([(start, index)] * (index - start))
            if token is not None:
                spans.append((index, index))
            start = index + 1
    return spans


def _between_numbers(before: Token | None, token: Token, after: Token | None) -> bool:
    return (
        before is not None
        and after is not None
        and before.kind == "num"
        and after.kind == "num"
        and not token.spaced
        and not after.spaced
    )


def _not_a_mass(written: str, what: str) -> DoseUnitError:
    msg = (
        f"'{written}' is not a mass ({what}); expected a mass unit ({ACCEPTED_MASS_UNITS}), "
        "or a rate such as '4.5 mg/day'"
    )
    return DoseUnitError(msg, ErrorReason.NOT_A_MASS)


def scan(text: str, *, decimal_comma: bool = False) -> Mentions:
    """Read normalised text into `Mentions`; raise on what is never a dose.

    With ``decimal_comma``, numbers are read the European way first: "4,5" is 4.5 and
    "1.000,5" is 1000.5 (and so "1.000" is 1000).
    """
    if decimal_comma:
        text = european(text)
    mentions = scan_tokens(tokenize(text))
    mentions.text = text
    for step in mentions.steps:
        step.text = text[step.start : step.end].strip(" ,;")
    return mentions


def scan_tokens(tokens: list[Token]) -> Mentions:
    """Read tokens into `Mentions` (a number given apart from its unit comes in as a token)."""
    kept, restated = _without_restated_counts(tokens)
    mentions = _Scanner(kept).scan()
    mentions.parts.extend(restated)
    return mentions


def _count_value(token: Token) -> Fraction | None:
    if token.kind == "num":
        return token.value
    return None if token.lower in ("a", "an") else vocab.NUMBER_WORDS.get(token.lower)


def _without_restated_counts(tokens: list[Token]) -> tuple[list[Token], list[Part]]:
    """Rule: COUNT "(" COUNT ")" with equal values ("two (2)", "1 (one)") is one count."""
    kept: list[Token] = []
    restated: list[Part] = []
    index = 0
    while index < len(tokens):
        if (
            tokens[index].text == "("
            and index + 2 < len(tokens)
            and tokens[index + 2].text == ")"
            and kept
            and (value := _count_value(kept[-1])) is not None
            and value == _count_value(tokens[index + 1])
        ):
            inner = tokens[index + 1]
            end = inner.start + len(inner.text)
            restated.append(Part(inner.start, end, "count restated", format_amount(value)))
            index += 3
            continue
        kept.append(tokens[index])
        index += 1
    return kept, restated
