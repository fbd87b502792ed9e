"""Band codes for arrays of numbers, in one vectorised pass (numpy is needed only here).

A value is read as `classify_dose` reads a number: the shortest decimal that round-trips in
its own float type (float64, float32 or float16; other arrays are read as float64). Each
value is compared against the band edges rounded, exactly and to nearest, into that type.
Rounding is monotone, so a value below (above) a rounded edge has a decimal below (above)
the edge itself; only values equal to a rounded edge are settled exactly, each against every
edge. So float32 and float16 arrays are exact per element at array speed.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._bands import BandTable, default_band_table
from ._inputs import read_number
from ._numbers import MAX_MG_PER_DAY, MIN_MG_PER_DAY, exact_number

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["INVALID_CODE", "classify_amounts"]

#: The code of a value that is not a dose (NaN, zero, negative, infinite, out of range).
INVALID_CODE = -1
_OWN_TYPES = ("float16", "float32", "float64")


def _rounded(edge: Fraction, dtype: Any) -> Any:
    """``edge`` rounded to the nearest value of the float type (ties to even), exactly."""
    import numpy as np  # noqa: PLC0415

    info = np.finfo(dtype)
    largest = Fraction(float(info.max))
    # IEEE rounding overflows to infinity from halfway between the largest float and the
    # next power of two on.
    if edge >= largest + (Fraction(2) ** (int(info.maxexp)) - largest) / 2:
        return dtype.type(np.inf)
    with np.errstate(over="ignore", under="ignore"):
        guess = dtype.type(float(edge))
    candidates = [
        np.nextafter(guess, dtype.type(-np.inf)),
        guess,
        np.nextafter(guess, dtype.type(np.inf)),
    ]
    finite = [c for c in candidates if np.isfinite(c)]
    best = min(finite, key=lambda c: abs(Fraction(float(c)) - edge))
    ties = [
        c for c in finite if abs(Fraction(float(c)) - edge) == abs(Fraction(float(best)) - edge)
    ]
    if len(ties) > 1:  # halfway: the one with an even last bit
        best = next(c for c in ties if int(c.view(f"uint{dtype.itemsize * 8}")) % 2 == 0)
    return best


@functools.lru_cache(maxsize=64)
def _plan(unit: str, table: BandTable, type_name: str) -> tuple[Any, Any, list[Any]]:
    """Rounded edges, the code for each slot, and the edge values to settle exactly."""
    import numpy as np  # noqa: PLC0415

    dtype = np.dtype(type_name)
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
    rounded = [_rounded(edge, dtype) for edge, _ in edges]
    codes = [INVALID_CODE, *range(len(table.ranges)), INVALID_CODE]
    exact = tuple(edges)
    settle = [
        (value, codes[_exact_slot(exact_number(value), exact)])
        for value in dict.fromkeys(rounded)
        if np.isfinite(value)
    ]
    return (np.asarray(rounded, dtype=dtype), np.asarray(codes, dtype=np.int8), settle)


def _exact_slot(value: Fraction, edges: tuple[tuple[Fraction, bool], ...]) -> int:
    """How many edges ``value`` is at or above (an edge counts when its own value belongs above)."""
    return sum(1 for edge, above in edges if value > edge or (value == edge and above))


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
    "mg/week"). A value gets the band ``classify_dose(value, unit)`` gives it; a float32 or
    float16 array is read in its own type (``np.float32(0.1)`` is 0.1), exactly.

    Examples:
        >>> classify_amounts([0.0005, 0.001, 1, 5, 5.0000001, 50, 100, 101, 0, float("nan")]).tolist()
        [0, 1, 2, 2, 3, 4, 4, 5, -1, -1]
    """
    import numpy as np  # noqa: PLC0415

    array = np.asarray(values)
    type_name = array.dtype.name if array.dtype.name in _OWN_TYPES else "float64"
    array = array.astype(type_name, copy=False)
    chosen = table if table is not None else default_band_table()
    edges, codes, settle = _plan(unit, chosen, type_name)
    # Values strictly between two rounded edges are placed by position; values equal to a
    # rounded edge get the slot their own shortest decimal has among the exact edges.
    result = codes[np.searchsorted(edges, array, side="right")]
    for value, code in settle:
        result[array == value] = code
    return result
