"""One dose, or a column of doses, under every shipped definition of low-dose naltrexone.

Box 1 is one definition among several: the ranges a dose falls in, and so a cohort's counts,
move with the definition. These views read each dose once (with Box 1's table, which knows
the depot injection) and place its exact daily dose in each table.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ._bands import BandRange, BandTable, shipped_band_tables, table_or_default
from ._batch import classify_many
from ._classify import classify_dose
from ._errors import DailyDoseUnknownError, ErrorReason, public_entry
from ._format import format_amount
from ._models import Band, DoseClassification

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["DefinitionCounts", "DefinitionRow", "across_definitions", "counts_across_definitions"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")

#: The key under which doses with no daily dose (the depot injection) are counted.
DEPOT = "depot_no_daily_dose"
#: The key under which missing entries (None, NaN, an empty cell) are counted.
MISSING = "missing"


class DefinitionRow(BaseModel):
    """Where one daily dose falls under one definition, and the boundary that decides it."""

    model_config = _FROZEN

    table: str = Field(description="the band table's name, such as 'raknes_smabrekke_2017'")
    title: str = Field(description="the band table's title")
    mg_per_day: Fraction = Field(description="the exact daily dose placed")
    band: Band
    label: str = Field(description="the range's name in this definition's words")
    range: str = Field(description="both ends of the range, each said to be included or not")
    deciding_edge_mg_per_day: Fraction = Field(
        description="the edge of the range nearest the dose (on a logarithmic scale): the "
        "boundary that decides the range, the first one a change of dose would cross"
    )
    deciding_edge: str = Field(description="that edge in words, with the range beyond it")
    same_band_as_first: bool = Field(
        description="whether the band is the one the first table (Box 1 by default) gives"
    )

    def __str__(self) -> str:
        return f"{self.table}: {self.band.value} ({self.label}); {self.deciding_edge}"


class DefinitionCounts(BaseModel):
    """How many doses of a column fall in each range under each definition.

    ``counts[table][band]`` is a count; every table has all six bands, zeros included.
    ``differs_from_first[table]`` counts the doses whose band differs from the first table's
    (Box 1's by default). Entries that were not placed are counted in ``not_placed`` by
    reason (an error reason, ``missing``, or ``depot_no_daily_dose``), never guessed.
    """

    model_config = _FROZEN

    tables: tuple[str, ...]
    placed: int = Field(ge=0, description="doses placed under every definition")
    counts: dict[str, dict[Band, int]]
    differs_from_first: dict[str, int]
    not_placed: dict[str, int] = Field(description="entries not placed, by reason")

    def __str__(self) -> str:
        width = max(len(band.value) for band in Band)
        columns = [max(len(name), 6) for name in self.tables]

        def line(first: str, cells: list[object]) -> str:
            padded = (str(cell).rjust(w) for cell, w in zip(cells, columns, strict=True))
            return "  ".join([first.ljust(width), *padded])

        lines = [line("range", list(self.tables))]
        lines += [line(band.value, [self.counts[n][band] for n in self.tables]) for band in Band]
        moved = [self.differs_from_first[n] for n in self.tables]
        lines.append(line(f"not as {self.tables[0]}", list(moved)))
        if self.not_placed:
            unplaced = sorted(self.not_placed.items())
            lines.append("not placed: " + ", ".join(f"{why} {count}" for why, count in unplaced))
        return "\n".join(lines)

    def to_frame(self) -> Any:
        """The counts as a pandas DataFrame: a row per range, a column per definition."""
        import pandas as pd  # noqa: PLC0415 (optional dependency, imported when asked for)

        return pd.DataFrame(
            {name: [self.counts[name][band] for band in Band] for name in self.tables},
            index=pd.Index([band.value for band in Band], name="range"),
        )


def _tables(tables: Sequence[BandTable | str] | None) -> tuple[BandTable, ...]:
    if tables is None:
        return shipped_band_tables()
    chosen = tuple(table_or_default(table) for table in tables)
    if not chosen:
        msg = "tables must name at least one band table"
        raise ValueError(msg)
    return chosen


def _nearer(mg: Fraction, first: Fraction, second: Fraction) -> bool:
    """Whether ``first`` is at least as near ``mg`` as ``second``, as a ratio (log scale)."""

    def ratio(edge: Fraction) -> Fraction:
        return mg / edge if mg >= edge else edge / mg

    return ratio(first) <= ratio(second)


def _deciding(table: BandTable, row: BandRange, mg: Fraction) -> tuple[Fraction, str]:
    index = row.band.rank
    lower = row.lower if row.lower > 0 else None
    upper = row.upper
    use_upper = upper is not None and (lower is None or _nearer(mg, upper, lower))
    if use_upper and upper is not None:
        beyond = table.ranges[index + 1].band.value
        included = "included" if row.upper_inclusive else "not included"
        return upper, f"upper end {format_amount(upper)} mg ({included}); above it {beyond}"
    if lower is None:  # pragma: no cover - validation gives every range a finite edge
        msg = "a range with no finite edge"
        raise ValueError(msg)
    below = table.ranges[index - 1].band.value
    included = "included" if row.lower_inclusive else "not included"
    return lower, f"lower end {format_amount(lower)} mg ({included}); below it {below}"


def _rows(mg: Fraction, tables: tuple[BandTable, ...]) -> tuple[DefinitionRow, ...]:
    first = tables[0].place(mg).band
    rows = []
    for table in tables:
        row = table.place(mg)
        edge, words = _deciding(table, row, mg)
        rows.append(
            DefinitionRow(
                table=table.name,
                title=table.title,
                mg_per_day=mg,
                band=row.band,
                label=row.label,
                range=row.ends_in_words(),
                deciding_edge_mg_per_day=edge,
                deciding_edge=words,
                same_band_as_first=row.band is first,
            )
        )
    return tuple(rows)


def _daily(result: DoseClassification) -> Fraction:
    if result.mg_per_day is None:
        msg = (
            "the definitions compare oral daily doses; the extended-release injection has no "
            "daily dose (Box 1's table places it with standard, by this project's rule)"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    return result.mg_per_day


@public_entry
def across_definitions(
    dose: object,
    unit: str | None = None,
    *,
    tables: Sequence[BandTable | str] | None = None,
    decimal_comma: bool = False,
) -> tuple[DefinitionRow, ...]:
    """Place one dose under every definition: a row per band table, in order.

    The dose is read once, as `classify_dose` reads it; its exact daily dose is then placed
    in each table (``tables``: band tables or names of shipped ones; by default every
    shipped table, Box 1 first). Each row says the range, its ends, and the boundary that
    decides it: the range's edge nearest the dose on a logarithmic scale.

    Raises:
        DoseError: the input is not a dose, or (the depot injection) has no daily dose.

    Examples:
        >>> for row in across_definitions("5 mg daily"):
        ...     print(f"{row.table:<22} {row.band.value:<24} {row.deciding_edge}")
        box1                   low                      upper end 5 mg (included); above it between_low_and_standard
        toljan_vrooman_2018    low                      upper end 5 mg (included); above it between_low_and_standard
        raknes_smabrekke_2017  between_low_and_standard lower end 5 mg (included); below it low
        nokc_2015              low                      upper end 5 mg (included); above it between_low_and_standard
        >>> [row.band.value for row in across_definitions(2, "mg/day", tables=["box1", "nokc_2015"])]
        ['low', 'very_low']
    """
    chosen = _tables(tables)
    result = classify_dose(dose, unit, decimal_comma=decimal_comma)
    return _rows(_daily(result), chosen)


def _missing(value: object) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in {"NAType", "NaTType"}  # pandas' missing markers


def counts_across_definitions(
    doses: Iterable[object],
    unit: str | None = None,
    *,
    tables: Sequence[BandTable | str] | None = None,
    decimal_comma: bool = False,
) -> DefinitionCounts:
    """Count a column of doses by range under every definition (pure Python, any iterable).

    Each dose is read once, as `classify_many` reads it; entries that are missing or not a
    dose, and the depot injection (no daily dose), are counted in ``not_placed`` by reason.
    A pandas Series is an iterable like any other; ``to_frame()`` gives the counts as a
    DataFrame when pandas is installed.

    Examples:
        >>> cohort = ["4.5 mg nightly", "1.5 mg at bedtime", "3 mg", "5 mg", "0.5 mg",
        ...           "50 mg daily", "4,5 mg", None]
        >>> counts = counts_across_definitions(cohort)
        >>> counts.counts["nokc_2015"][Band.LOW], counts.counts["box1"][Band.LOW]
        (3, 4)
        >>> print(counts)
        range                       box1  toljan_vrooman_2018  raknes_smabrekke_2017  nokc_2015
        ultra_low                      0                    0                      0          0
        very_low                       1                    1                      1          2
        low                            4                    4                      3          3
        between_low_and_standard       0                    0                      1          0
        standard                       1                    1                      1          1
        above_standard                 0                    0                      0          0
        not as box1                    0                    0                      1          1
        not placed: decimal_comma 1, missing 1
    """
    chosen = _tables(tables)
    entries = list(doses)
    present = [entry for entry in entries if not _missing(entry)]
    not_placed: dict[str, int] = {}
    if len(present) < len(entries):
        not_placed[MISSING] = len(entries) - len(present)
    counts = {table.name: dict.fromkeys(Band, 0) for table in chosen}
    differs = dict.fromkeys((table.name for table in chosen), 0)
    placed = 0
    for result in classify_many(present, errors="collect", unit=unit, decimal_comma=decimal_comma):
        if not isinstance(result, DoseClassification):
            not_placed[result.reason.value] = not_placed.get(result.reason.value, 0) + 1
            continue
        if result.mg_per_day is None:
            not_placed[DEPOT] = not_placed.get(DEPOT, 0) + 1
            continue
        placed += 1
        first = chosen[0].place(result.mg_per_day).band
        for table in chosen:
            band = table.place(result.mg_per_day).band
            counts[table.name][band] += 1
            differs[table.name] += band is not first
    return DefinitionCounts(
        tables=tuple(table.name for table in chosen),
        placed=placed,
        counts=counts,
        differs_from_first=differs,
        not_placed=not_placed,
    )
