"""The scanner's state and the helpers every recogniser shares (token access, claims of
what was read, counts, steps), and the scanner's own small word lists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import _vocabulary as vocab
from ._errors import DoseSyntaxError, ErrorReason
from ._format import format_amount
from ._mentions import Count, Mass, Mentions, Part, Step
from ._units import (
    BODY_SIZE_WORDS,
    MASS_UNITS,
    MONTH_WORDS,
    OTHER_UNITS,
    TIME_UNITS,
    VOLUME_UNITS,
)

if TYPE_CHECKING:
    from fractions import Fraction

    from ._tokens import Token

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
_TIMES_AT_END = 3  # "25 mg x 2" at the end is two units; "50 mg x 7" may be a supply
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


class ScanState:
    """The state of one pass over the tokens of one text: where it is, and what it found."""

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
        self.restatement_pending = ""  # the next mass restates a total ("total 4.5 mg")
        # Record field words ("refills") that already claimed the number before them: a
        # field word claims one number, never the one after it too ("3 refills 2 qd").
        self.fields_used: set[int] = set()

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

    def new_step(self, index: int, *, after: int | None = None, titration: bool = False) -> None:
        """End the current step at token ``index`` and start the next one there, or at token
        ``after`` when step words stand between them ("1 mg, followed by 3 mg")."""
        end = self.tokens[index].start
        following = self.at(index if after is None else after)
        self.step.end = end
        start = following.start if following is not None else end
        self.mentions.steps.append(Step(start=start, titration=titration))

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
                timed=(self.starts_frequency(end) and not self.each_alone(end))
                or self.clock_at(end),
            )
        )
        self.claim(index, end, "count of units", format_amount(value))

    def times_after(self, x_index: int, value: Fraction, end: int) -> int:
        """Rule (SPEC, "record fields"): "x" N right after a mass multiplies it ("25 mg x 2":
        two units); after a frequency or at the end ("daily x30", "x30") it is a duration.
        Returns the index after what was read, or 0 when neither places it."""
        after_mass = self.last_mass_end == x_index or (
            self.last_mass_end == x_index - 1 and self.lower(x_index - 1) in vocab.FORM_WORDS
        )  # "25 mg x 2", "1.5 mg capsules x3"
        if after_mass and self.at(end) is None and _TIMES_AT_END < value <= MAX_COUNT:
            # "50 mg x 7" at the end: seven units, or a supply of seven? Both rules apply.
            msg = (
                f"'x {format_amount(value)}' at the end after a mass may be units or a supply; "
                "write 'take 2 tablets' or 'x7 days'"
            )
            raise DoseSyntaxError(msg, ErrorReason.UNPLACED_NUMBER)
        if (
            after_mass
            and self.step.counts
            and any(c.times or c.instructed for c in self.step.counts)
        ):
            msg = "'x' twice: units of units? Give the count of units once"
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        if value == 0:
            msg = "'x 0' is no count and no duration; give how many, such as 'x 2'"
            raise DoseSyntaxError(msg, ErrorReason.UNPLACED_NUMBER)
        follows = self.at(end)
        if follows is not None and follows.lower in vocab.QUANTITY_WORDS:
            self.claim(x_index, end + 1, "quantity dispensed or refills")  # "x3 refills"
            return end + 1
        placed = (
            follows is None
            or follows.kind == "punct"
            or self.starts_frequency(end)
            or follows.lower in vocab.FORM_WORDS
            or follows.lower in ("po", "oral", "orally", "by")
        )  # "4.5 mg x2 strength": what the x multiplies is not said
        if after_mass and placed and value.denominator == 1 and 0 < value <= MAX_COUNT:
            self.add_count(value, "unit", x_index, end)
            self.step.counts[-1].instructed = True  # N units of that mass: no doubt
            return end
        parts = self.mentions.parts
        after_frequency = bool(parts) and parts[-1].role == "frequency"
        if after_frequency or self.at(end) is None:
            self.claim(x_index, end, "duration")
            self.close_step()
            return end
        return 0

    def each_alone(self, index: int) -> bool:
        """Whether "each" at ``index`` ends its clause ("1 each"): one unit at each time."""
        return self.lower(index) in vocab.EACH_WORDS and self.lower(index + 1) in (
            "",
            ",",
            ".",
            ";",
        )

    def clock_at(self, index: int) -> bool:
        """Whether "at" or "@" and a clock time start at ``index`` ("2 at 8 pm", "1 @ 08:00")."""
        return (
            self.lower(index) in ("at", "@")
            and self.fits_number(index + 1)
            and (
                self.lower(index + 2) in (":", "am", "pm")
                or self.lower(index + 2) in vocab.HOUR_WORDS
            )
        )

    def told(self, index: int) -> bool:
        """Whether "take" (or "give", "tk") stands just before the count at ``index``."""
        return any(self.lower(index - k) in _TAKE_WORDS for k in (1, 2))

    def warn(self, code: str, written: str) -> None:
        if (code, written) not in self.mentions.warnings:
            self.mentions.warnings.append((code, written))

    def fits(self, index: int, part: str) -> bool:
        """Whether the token at ``index`` is this part of a phrase ("#": any number)."""
        if part == vocab.ANY_NUMBER:
            token = self.at(index)
            return token is not None and token.kind == "num"
        return self.lower(index) == part

    def fits_number(self, index: int) -> bool:
        token = self.at(index)
        return token is not None and token.kind == "num"

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

    def starts_frequency(self, index: int) -> bool:
        """Whether a frequency phrase starts at ``index`` (without recording it)."""
        word = self.lower(index)
        if _Q_INTERVAL.match(word) or word in vocab.EVERY_WORDS:
            return True
        return any(
            all(self.fits(index + k, part) for k, part in enumerate(phrase))
            for phrase, _meaning in self.phrases(word, index)
        )
