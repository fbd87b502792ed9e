"""Band codes for arrays of numbers, in one vectorised pass (numpy is needed only here).

Each value is compared against the band edges converted into the values' own unit, in binary
floating point. That gives the same answer as exact arithmetic on the decimal each float
shows (``repr``), which is what `classify_dose` compares, except where a value equals
an edge that has no exact short decimal in that unit; those few values are settled exactly.
"""

from __future__ import annotations

import functools
import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._bands import BandTable, default_band_table
from ._errors import DoseTypeError, ErrorReason, public_entry
from ._parse import MAX_MG_PER_DAY, MIN_MG_PER_DAY, parse_number

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["INVALID_CODE", "classify_amounts"]

#: The code of a value that is not a dose (NaN, zero, negative, infinite, out of range).
INVALID_CODE = -1


@functools.lru_cache(maxsize=64)
def _plan(unit: str, table: BandTable) -> tuple[Any, Any, list[tuple[float, Fraction, bool]]]:
    """Edges in the unit's own scale, the code for each slot, and the edges to settle exactly."""
    import numpy as np  # noqa: PLC0415

    mg_per_day_of_one = parse_number(1, unit).mg_per_day
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
        # An edge past a float's range (1e300 mg/day in picograms) is infinity: every finite
        # float lies below it, as every finite float lies below the edge.
        value = _float(edge)
        if math.isfinite(value) and Fraction(repr(value)) != edge:
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


def _float(edge: Fraction) -> float:
    try:
        return float(edge)
    except OverflowError:
        return math.inf


def _amount(value: object) -> float:
    """One value of an object array as a float; text, bools and other objects are refused."""
    if value is None:
        return math.nan
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        msg = f"the amounts include a bool ({value!r}); expected numbers such as 4.5"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if isinstance(value, numbers.Real | Decimal):
        try:
            return float(value)
        except OverflowError:  # an int or Fraction past a float's range: past any dose too
            negative = isinstance(value, int | Fraction) and value < 0
            return -math.inf if negative else math.inf
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas' missing markers
        return math.nan
    shown = repr(value) if isinstance(value, str) else type(value).__name__
    msg = (
        f"the amounts include {shown[:40]}, which is not a number; classify_amounts takes "
        "numbers (classify_many or classify_series read dose text)"
    )
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _as_floats(values: object) -> Any:
    """The values as a float64 array; NaN where missing. Anything else is a DoseTypeError."""
    import numpy as np  # noqa: PLC0415

    if isinstance(values, list | tuple) and any(isinstance(value, bool) for value in values):
        # numpy would turn [True, 4.5] into [1.0, 4.5]; classify_dose refuses a bool.
        msg = "the amounts include a bool; expected numbers such as 4.5"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    try:
        array = np.asarray(values)
    except (ValueError, TypeError) as exc:  # ragged nesting, objects numpy cannot hold
        msg = f"the amounts ({type(values).__name__}) are not a flat sequence of numbers"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from exc
    kind = array.dtype.kind
    if kind in "fiu":
        return array.astype(np.float64, copy=False)
    if kind == "O":
        flat = np.fromiter((_amount(value) for value in array.ravel()), np.float64, array.size)
        return flat.reshape(array.shape)
    what = {"b": "bools", "U": "text", "S": "bytes", "c": "complex numbers"}.get(
        kind, f"values of dtype {array.dtype}"
    )
    msg = f"the amounts are {what}; expected real numbers such as 4.5"
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _check_arguments(unit: object, table: object) -> BandTable:
    if not isinstance(unit, str):
        msg = f"the unit is of type {type(unit).__name__}; expected text such as 'mg'"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if table is None:
        return default_band_table()
    if not isinstance(table, BandTable):
        msg = f"table must be a BandTable, not {type(table).__name__}"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return table


@public_entry
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

    Raises:
        DoseUnitError: ``unit`` is not a mass or a mass rate.
        DoseTypeError: a value is not a real number (text, a bool, an object), ``unit`` is not
            text, or ``table`` is not a `BandTable`.

    Examples:
        >>> classify_amounts([0.0005, 0.001, 1, 5, 5.0000001, 50, 100, 101, 0, float("nan")]).tolist()
        [0, 1, 2, 2, 3, 4, 4, 5, -1, -1]
        >>> classify_amounts([4500, 10**400], "pg").tolist()  # 10**400 pg is past any dose
        [0, -1]
    """
    import numpy as np  # noqa: PLC0415

    edges, codes, unsettled = _plan(unit, _check_arguments(unit, table))
    array = _as_floats(values)
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
