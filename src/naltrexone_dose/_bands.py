"""Band tables: load one from data, validate it, and place an exact daily dose in its range."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from ._errors import BandTableError, DoseTypeError, ErrorReason
from ._format import format_amount
from ._models import (
    VIEWS,
    Band,
    Box1Row,
    Dose,
    ExactBound,
    Regimen,
    Statement,
    StatementOrigin,
)

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = ["BandRange", "BandTable", "Reference", "default_band_table"]

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Reference(BaseModel):
    """An entry of the review's reference list."""

    model_config = _FROZEN

    number: int = Field(ge=1)
    citation: str = Field(min_length=1)
    doi: str | None = None


class BandRange(BaseModel):
    """One of the six ranges: its bounds in mg/day and what the review says of it."""

    model_config = _FROZEN

    band: Band
    label: str = Field(min_length=1)
    lower: ExactBound
    lower_inclusive: bool
    upper: ExactBound | None = None
    upper_inclusive: bool = False
    example_mg_per_day: ExactBound
    box1: Box1Row | None = None
    uses: tuple[Statement, ...] = ()
    safety: tuple[Statement, ...] = ()
    notes: tuple[Statement, ...] = ()
    neighbours: tuple[Band, ...] = ()

    def contains(self, mg_per_day: Fraction) -> bool:
        """Say whether an exact daily dose lies in this range, ends as the rule says."""
        above_lower = mg_per_day >= self.lower if self.lower_inclusive else mg_per_day > self.lower
        if self.upper is None:
            return above_lower
        below_upper = mg_per_day <= self.upper if self.upper_inclusive else mg_per_day < self.upper
        return above_lower and below_upper

    def statements(self) -> tuple[Statement, ...]:
        """Every statement of the range, for reference checks."""
        return self.uses + self.safety + self.notes

    def ends_in_words(self) -> str:
        """Both ends of the range, each said to be included or not.

        Examples:
            >>> default_band_table().range_of(Band.LOW).ends_in_words()
            'from 1 mg, included, to 5 mg, included'
            >>> default_band_table().range_of(Band.ULTRA_LOW).ends_in_words()
            'from above 0 mg to 0.001 mg, not included'
        """
        if self.lower == 0 and not self.lower_inclusive:
            lower = "from above 0 mg"
        else:
            lower = f"from {format_amount(self.lower)} mg, {_included(self.lower_inclusive)},"
        if self.upper is None:
            return f"{lower} with no upper end"
        return f"{lower} to {format_amount(self.upper)} mg, {_included(self.upper_inclusive)}"


class BandTable(BaseModel):
    """A validated table of the six ranges covering every positive daily dose exactly once.

    Build one with `from_toml` or `from_mapping`; any fault raises
    `BandTableError` naming the row and the fault. The shipped Box 1 table is
    `default_band_table`.

    Examples:
        >>> from fractions import Fraction
        >>> table = default_band_table()
        >>> [r.band.value for r in table.ranges][:3]
        ['ultra_low', 'very_low', 'low']
        >>> table.place(Fraction(5)).band
        <Band.LOW: 'low'>
        >>> len(table.data_version.split("."))  # the date of its last change: YYYY.MM.DD
        3
    """

    model_config = _FROZEN

    name: str = Field(min_length=1)
    data_version: str = Field(
        pattern=r"^\d{4}\.\d{2}\.\d{2}$",
        description="the version of the table's data: the date of its last change, YYYY.MM.DD",
    )
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    unit: str = "mg/day"
    ranges: tuple[BandRange, ...]
    references: tuple[Reference, ...] = Field(min_length=1)
    regimens: tuple[Regimen, ...] = ()
    general_safety: tuple[Statement, ...] = Field(
        default=(),
        description="safety statements about naltrexone at any dose, held once; the loader "
        "adds them, labelled general, to every range and regimen",
    )
    general_notes: tuple[Statement, ...] = Field(
        default=(),
        description="notes that hold for every range (such as how Box 1 is read), held once",
    )

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _table_error(data.get("name"), exc) from None

    @classmethod
    def from_mapping(cls, data: Any) -> BandTable:
        """Validate a table held as a mapping (as read from TOML or JSON)."""
        if not isinstance(data, dict):
            msg = f"a band table must be a mapping of its fields, not {type(data).__name__}"
            raise BandTableError(msg, ErrorReason.INVALID_TABLE)
        return cls(**data)

    @classmethod
    def from_toml(cls, text: str) -> BandTable:
        """Validate a table written in TOML, in the form of the shipped ``box1.toml``."""
        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, TypeError) as exc:
            msg = "the band table is not valid TOML; expected the form of the shipped box1.toml"
            raise BandTableError(msg, ErrorReason.INVALID_TABLE) from exc
        return cls.from_mapping(data)

    @model_validator(mode="after")
    def _check(self) -> Self:
        _check_ranges(self.ranges)
        numbers = [reference.number for reference in self.references]
        if len(set(numbers)) != len(numbers):
            msg = "references: a reference number appears twice"
            raise ValueError(msg)
        known = set(numbers)
        rows: list[tuple[str, set[int]]] = []
        for index, row in enumerate(self.ranges):
            cited = {n for s in row.statements() for n in s.references}
            cited |= set(row.box1.references) if row.box1 else set()
            rows.append((f"ranges[{index}] ({row.band.value})", cited))
        for index, regimen in enumerate(self.regimens):
            cited = {n for s in regimen.statements() for n in s.references}
            rows.append((f"regimens[{index}] ({regimen.name})", cited))
        general = self.general_safety + self.general_notes
        rows.append(("general_safety, general_notes", {n for s in general for n in s.references}))
        for where, cited in rows:
            missing = sorted(cited - known)
            if missing:
                msg = (
                    f"{where}: reference number(s) {', '.join(map(str, missing))} "
                    "are not in the reference list"
                )
                raise ValueError(msg)
        self._attach_general()
        return self

    def _attach_general(self) -> None:
        # Held once in the data, shown on every range: naltrexone's general safety (an empty
        # safety list would read as "no concerns") and the notes on how Box 1 is read.
        safety = tuple(_as_general(s) for s in self.general_safety)
        notes = tuple(_as_general(s) for s in self.general_notes)
        ranges = []
        for index, row in enumerate(self.ranges):
            where = f"ranges[{index}] ({row.band.value})"
            own_safety = _own(where, "safety", row.safety, safety)
            own_notes = _own(where, "notes", row.notes, notes)
            if not own_safety + safety:
                msg = (
                    f"{where}: no safety statement; an empty safety list reads as 'no "
                    "concerns' (give general_safety, or the range's own safety)"
                )
                raise ValueError(msg)
            if not row.band.in_box1 and not any(
                s.origin is StatementOrigin.PROJECT_RULE for s in own_notes
            ):
                msg = f"{where}: a range outside Box 1 needs a note labelled as this project's rule"
                raise ValueError(msg)
            ranges.append(
                row.model_copy(update={"safety": own_safety + safety, "notes": own_notes + notes})
            )
        regimens = []
        for index, regimen in enumerate(self.regimens):
            where = f"regimens[{index}] ({regimen.name})"
            own_safety = _own(where, "safety", regimen.safety, safety)
            own_notes = _own(where, "notes", regimen.notes, notes)
            quoted = [s.text for s in (*own_safety, *own_notes, *regimen.uses, *regimen.oral_notes)
                      if s.origin is StatementOrigin.REVIEW]  # fmt: skip
            if quoted:
                msg = (
                    f"{where}: the review does not mention this regimen; name the source of "
                    f"{quoted[0]!r} (sources) or label it as this project's rule"
                )
                raise ValueError(msg)
            regimens.append(
                regimen.model_copy(
                    update={"safety": own_safety + safety, "notes": own_notes + notes}
                )
            )
        _check_unique_ids(
            [*safety, *notes]
            + [s for row in ranges for s in row.statements() if not s.general]
            + [s for regimen in regimens for s in regimen.statements() if not s.general]
        )
        object.__setattr__(self, "general_safety", safety)
        object.__setattr__(self, "general_notes", notes)
        object.__setattr__(self, "ranges", tuple(ranges))
        object.__setattr__(self, "regimens", tuple(regimens))

    def oral_notes(self, dose: Dose) -> tuple[Statement, ...]:
        """Notes for an oral daily dose whose amount is a known regimen's mass ("380 mg")."""
        return tuple(
            note
            for regimen in self.regimens
            if dose.mg_per_day == regimen.mass_mg and dose.amount_mg == regimen.mass_mg
            for note in regimen.oral_notes
        )

    def place(self, mg_per_day: Fraction) -> BandRange:
        """Return the one range that holds an exact positive daily dose in mg."""
        numerator, denominator = mg_per_day.numerator, mg_per_day.denominator
        # Validation guarantees the ranges tile the positive axis in order, so the first
        # range whose upper edge lies above the dose (or at it, if inclusive) holds it, and
        # a dose above every edge belongs to the last, unbounded range.
        for (upper_n, upper_d, inclusive), row in zip(self._upper_edges, self.ranges, strict=False):
            left, right = numerator * upper_d, upper_n * denominator  # n/d vs upper, in integers
            if left < right or (inclusive and left == right):
                return row
        return self.ranges[-1]

    @functools.cached_property
    def _upper_edges(self) -> tuple[tuple[int, int, bool], ...]:
        return tuple(
            (row.upper.numerator, row.upper.denominator, row.upper_inclusive)
            for row in self.ranges
            if row.upper is not None
        )

    def _repr_html_(self) -> str:
        """The table for Jupyter: each range's rule and Box 1 row, with the ranges drawn."""
        return str(VIEWS["table_html"](self))

    def range_of(self, band: Band) -> BandRange:
        """Return the row of a band."""
        return self.ranges[band.rank]


def _check_ranges(ranges: tuple[BandRange, ...]) -> None:
    bands = tuple(row.band for row in ranges)
    if bands != tuple(Band):
        msg = (
            "ranges: expected exactly the six ranges in dose order "
            f"({', '.join(band.value for band in Band)}), found ({', '.join(bands)})"
        )
        raise ValueError(msg)
    first, last = ranges[0], ranges[-1]
    if first.lower != 0 or first.lower_inclusive:
        msg = f"ranges[0] ({first.band.value}): must start just above 0 (lower 0, exclusive)"
        raise ValueError(msg)
    if last.upper is not None:
        msg = f"ranges[5] ({last.band.value}): must have no upper bound"
        raise ValueError(msg)
    for index, row in enumerate(ranges):
        where = f"ranges[{index}] ({row.band.value})"
        if row.upper is None and index != len(ranges) - 1:
            msg = f"{where}: only the last range may have no upper bound"
            raise ValueError(msg)
        if row.upper is not None and row.upper <= row.lower:
            msg = f"{where}: upper bound {row.upper} is not above lower bound {row.lower}"
            raise ValueError(msg)
        if (row.box1 is not None) != row.band.in_box1:
            state = "needs" if row.band.in_box1 else "must not have"
            msg = f"{where}: {state} a Box 1 row"
            raise ValueError(msg)
        if any(not band.in_box1 for band in row.neighbours):
            msg = f"{where}: neighbours must be Box 1 bands"
            raise ValueError(msg)
        if not row.contains(row.example_mg_per_day):
            msg = f"{where}: the example dose {row.example_mg_per_day} is not in the range"
            raise ValueError(msg)
        if index + 1 < len(ranges):
            _check_edge(where, row, ranges[index + 1])


def _check_edge(where: str, row: BandRange, following: BandRange) -> None:
    if row.upper != following.lower:
        kind = "a gap" if row.upper is not None and row.upper < following.lower else "an overlap"
        msg = f"{where}: {kind} before {following.band.value} (upper {row.upper}, next lower {following.lower})"
        raise ValueError(msg)
    if row.upper_inclusive == following.lower_inclusive:
        kind = "an overlap" if row.upper_inclusive else "a gap"
        msg = (
            f"{where}: {kind} at {row.upper} mg/day; exactly one of this range's upper end and "
            f"{following.band.value}'s lower end must be inclusive"
        )
        raise ValueError(msg)


def _check_unique_ids(statements: list[Statement]) -> None:
    seen: set[str] = set()
    for statement in statements:
        if statement.id in seen:
            msg = f"statement id {statement.id!r} appears twice; each statement's id is unique"
            raise ValueError(msg)
        seen.add(statement.id)


def _included(inclusive: bool) -> str:
    return "included" if inclusive else "not included"


def _as_general(statement: Statement) -> Statement:
    return statement if statement.general else statement.model_copy(update={"general": True})


def _own(
    where: str, field: str, statements: tuple[Statement, ...], general: tuple[Statement, ...]
) -> tuple[Statement, ...]:
    # A table dumped and read again holds the general statements already: take them out once.
    own = tuple(s for s in statements if s not in general)
    strays = [s.text for s in own if s.general]
    if strays:
        msg = (
            f"{where}: {field}: {strays[0]!r} is labelled general; general statements are held "
            f"once, in general_{field}"
        )
        raise ValueError(msg)
    return own


def _table_error(name: object, exc: ValidationError) -> BandTableError:
    faults = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"]) or "table"
        message = str(error["msg"]).removeprefix("Value error, ")
        faults.append(f"{location}: {message}")
    label = f"band table {name!r}" if isinstance(name, str) else "the band table"
    msg = f"{label} is invalid: " + "; ".join(faults)
    return BandTableError(msg, ErrorReason.INVALID_TABLE)


def table_or_default(table: object) -> BandTable:
    """The table a caller passed, or the shipped one; anything else is a DoseTypeError."""
    if table is None:
        return default_band_table()
    if not isinstance(table, BandTable):
        msg = f"table must be a BandTable, not {type(table).__name__}"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return table


@functools.cache
def default_band_table() -> BandTable:
    """Return the shipped Box 1 table, loaded and validated once.

    Examples:
        >>> default_band_table().name
        'box1'
    """
    text = resources.files("naltrexone_dose").joinpath("data/box1.toml").read_text("utf-8")
    return BandTable.from_toml(text)
