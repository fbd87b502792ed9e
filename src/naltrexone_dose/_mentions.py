"""What the scanner finds in a dose, before anything decides what the dose is.

Every reader (text, a number with a unit, a pint Quantity, a FHIR Dosage) produces these
mentions, and `._resolve` alone turns them into one `Dose`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._units import Unit
    from ._vocabulary import FrequencyWord


@dataclass(slots=True)
class Mass:
    """A number with a mass unit, and what follows it."""

    amount: Fraction
    unit: Unit
    written: str
    index: int
    depth: int
    low: Fraction | None = None  # the low end of a range, in the same unit
    rate_days: Fraction | None = None  # "per this many days"
    rate_text: str = ""
    per_ml: Fraction | None = None  # a concentration: this mass per this many mL
    volume_given: bool = False  # "5 mg/5 mL": the volume is written, so it may be the dose
    strength: bool = False
    qualifier: str = ""  # "total" or "each", when a parenthesised mass says so
    increment: bool = False  # "increase by 1.5 mg": a step size, not a dose
    limit: bool = False  # "max 100 mg/day": a limit, never the dose
    mg: Fraction = Fraction(0)  # the amount in mg, set once: it is read many times

    def __post_init__(self) -> None:
        self.mg = self.amount * self.unit.factor


@dataclass(slots=True)
class Count:
    """A number of units (tablets, capsules): a count, not an amount."""

    value: Fraction
    form: str
    index: int
    depth: int
    low: Fraction | None = None  # "1-2 tablets": the low end; ``value`` is the high end
    instructed: bool = False  # "take 2": an instruction to take, after a product line
    timed: bool = False  # "2 at night": a frequency follows the count at once
    times: bool = False  # "2 x 25 mg": the count multiplies the mass after it, rate or not


@dataclass(slots=True)
class FrequencyMention:
    """A frequency phrase found in the text."""

    word: FrequencyWord
    text: str
    index: int
    depth: int = 0  # brackets around it: a bracketed time or day may restate one outside


@dataclass(slots=True)
class Step:
    """What one step of a schedule mentions."""

    masses: list[Mass] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    volumes: list[tuple[Fraction, int]] = field(default_factory=list)  # (mL, index)
    frequencies: list[FrequencyMention] = field(default_factory=list)
    titration: bool = False  # "increase by 1.5 mg weekly to 4.5 mg": only the target counts
    closed: bool = (
        False  # a duration followed its dose ("3 mg for 1 week"): a new dose starts a step
    )
    starting: bool = False  # "start at 1.5 mg", "25 mg on day 1": a first step, not the last
    open_ended: bool = False  # "until discontinued": no step can follow it
    index_value: Fraction | None = None  # "week 2": the day or week the step applies from
    start: int = 0  # where the step's text starts and ends in the normalised text
    end: int | None = None
    text: str = ""


@dataclass(slots=True)
class Part:
    """A span of the input that a rule read, and the role it gave it (for the explanation).

    A mass's role is decided by resolution (an amount, a strength, a concentration), so a
    mass part points to its mass. ``text`` stands in for the span where the input was not
    text (a FHIR field, a pint Quantity).
    """

    start: int
    end: int
    role: str
    meaning: str = ""
    mass: Mass | None = None
    text: str = ""


@dataclass(slots=True)
class Mentions:
    """Everything found in one input, step by step."""

    steps: list[Step]
    text: str = ""  # the normalised text the parts' spans point into
    parts: list[Part] = field(default_factory=list)
    limits: list[Mass] = field(default_factory=list)  # "max 100 mg/day": a limit, not a dose
    unknown: list[str] = field(default_factory=list)  # words in no list of the reader
    oral: bool = False  # a word says the dose is taken by mouth ("po", "tablet")
    extended: bool = False  # "ER", "XR": an extended-release product
    routes: list[str] = field(default_factory=list)  # words naming an injection, as written
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, what was written)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (reason, number as written)
    household: str = ""
    number_word: str = ""
    unit_only: str = ""
