"""Band codes for arrays of numbers, in one vectorised pass (numpy is needed only here).

Each value is compared against the band edges converted into the values' own unit, in binary
floating point. That gives the same answer as exact arithmetic on the decimal each float
shows (``repr``), which is what `classify_dose` compares, except where a value equals
an edge that has no exact short decimal in that unit; those few values are settled exactly.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._bands import BandTable, default_band_table
from ._inputs import read_number
from ._numbers import MAX_MG_PER_DAY, MIN_MG_PER_DAY

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["INVALID_CODE", "classify_amounts"]

#: The code of a value that is not a dose (NaN, zero, negative, infinite, out of range).
INVALID_CODE = -1


@functools.lru_cache(maxsize=64)
def _plan(unit: str, table: BandTable) -> tuple[Any, Any, list[tuple[float, Fraction, bool]]]:
    """Edges in the unit's own scale, the code for each slot, and the edges to settle exactly."""
    import numpy as np  # noqa: PLC0415

    mg_per_day_of_one = read_number(1, unit).mg_per_day
    if mg_per_day_of_one is None:  # pragma: no cover - a number with a unit is never a depot
        msg = "a depot is not a unit"
        raise AssertionError(msg)
    # (edge in the unit, the value at the edge belongs above it)
    edges: list[tuple[Fraction, bool]] = [(MIN_MG_PER_DAY / mg_per_day_of_one, True)]
    for row in table.ranges[:-1]:
        assert row.upper is not None  # validated: only the last is unbounded
        edges.append((row.upper / mg_per_day_of_one, not row.upper_inclusive))
    edges.append((MAX_MG_PER_DAY / mg_per_day_of_one, False))
    floats: list[float] = []
    unsettled: list[tuple[float, Fraction, bool]] = []
    for edge, belongs_above in edges:
        value = float(edge)
        if Fraction(repr(value)) != edge:
            unsettled.append((value, edge, belongs_above))
        # searchsorted(side="right") counts edges <= x; an edge whose own value belongs below
        # it is moved to the next float up, so that x == edge is not counted.
        floats.append(value if belongs_above else math.nextafter(value, math.inf))
    codes = [INVALID_CODE, *range(len(table.ranges)), INVALID_CODE]
    return (
        np.asarray(floats, dtype=np.float64),
        np.asarray(codes, dtype=np.int8),
        unsettled,
    )


def classify_amounts(
    values: Sequence[float] | Any,
    unit: str = "mg",
    *,
    table: BandTable | None = None,
) -> Any:
    """Return an int8 numpy array of band codes for numbers that are daily doses in ``unit``.

    The code of a band is ``Band.rank`` (0 for ``ultra_low`` to 5 for ``above_standard``);
    NaN, zero, negative, infinite and out-of-range values get ``INVALID_CODE`` (-1), never a
    band. ``unit`` is any unit ``classify_dose`` takes with a number ("mg", "mcg/day",
    "mg/week"). A value gets the band ``classify_dose(value, unit)`` gives it.

    Examples:
        >>> classify_amounts([0.0005, 0.001, 1, 5, 5.0000001, 50, 100, 101, 0, float("nan")]).tolist()
        [0, 1, 2, 2, 3, 4, 4, 5, -1, -1]
    """
    import numpy as np  # noqa: PLC0415

    edges, codes, unsettled = _plan(unit, table if table is not None else default_band_table())
    array = np.asarray(values, dtype=np.float64)
    result = codes[np.searchsorted(edges, array, side="right")]
    for value, edge, belongs_above in unsettled:
        # Rare: a value equal to an edge whose decimal is not short. Floats count it on the
        # side its edge belongs to; the decimal it shows may lie on the other side.
        shown = Fraction(repr(value))
        step = (
            -1 if belongs_above and shown < edge else 1 if not belongs_above and shown > edge else 0
        )
        if step:
            where = np.flatnonzero(array == value)
            if where.size:
                slot = int(np.searchsorted(edges, value, side="right")) + step
                result[where] = codes[slot]
    return result
