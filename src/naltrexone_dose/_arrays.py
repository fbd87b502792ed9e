"""Band codes for arrays of numbers, in one vectorised pass (numpy is needed only here).

A value is read as `classify_dose` reads a number: the shortest decimal that round-trips in
its own float type (float64, float32 or float16; integer arrays as float64 up to 2**53, and
exactly past it). Each value is compared against the band edges rounded, exactly and to
nearest, into that type. Values no float array holds exactly (Decimals, Fractions, a
longdouble array, a list mixing float widths) are read one by one by `classify_dose` itself.
Rounding is monotone, so a value below (above) a rounded edge has a decimal below (above)
the edge itself; only values equal to a rounded edge are settled exactly, each against every
edge. So float32 and float16 arrays are exact per element at array speed.
"""

from __future__ import annotations

import functools
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._bands import BandTable, table_or_default
from ._classify import classify_dose
from ._errors import DoseError, DoseTypeError, ErrorReason, public_entry
from ._inputs import read_number
from ._keys import exact_key
from ._missing import is_missing
from ._numbers import MAX_MG_PER_DAY, MIN_MG_PER_DAY, exact_number

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["INVALID_CODE", "classify_amounts"]

#: The code of a value that is not a dose (NaN, zero, negative, infinite, out of range).
INVALID_CODE = -1
_OWN_TYPES = ("float16", "float32", "float64")
_SAFE_INTEGER = 2**53  # every integer up to here is a float64 exactly


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
def _plan(unit: str, table: BandTable, type_name: str) -> tuple[Any, Any]:
    """Boundaries for one ``searchsorted`` and the code of each slot between them.

    A value equal to a rounded edge ``e`` gets the code its own shortest decimal has among
    the exact edges: the boundary is ``e`` when that is the code above it, the next float
    after ``e`` when it is the code below, and both (a slot of its own) otherwise. One
    ``searchsorted`` places every value (NaN sorts last: invalid).
    """
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
    bounds: list[Any] = []
    slots: list[int] = [codes[0]]
    below = 0  # rounded edges at or below the current one: the code of the slot above it
    for value in dict.fromkeys(rounded):
        under = codes[below]
        below += rounded.count(value)
        above = codes[below]
        # Infinity, and the values past it, are past every edge.
        at_edge = codes[_exact_slot(exact_number(value), exact)] if np.isfinite(value) else above
        after = np.nextafter(value, dtype.type(np.inf))
        if at_edge == above:  # the edge's own value goes with the values above it
            bounds, slots = [*bounds, value], [*slots, above]
        elif at_edge == under:  # ... with the values below it
            bounds, slots = [*bounds, after], [*slots, above]
        else:  # a slot of its own (edges that round to one float)
            bounds, slots = [*bounds, value, after], [*slots, at_edge, above]
    return np.asarray(bounds, dtype=dtype), np.asarray(slots, dtype=np.int8)


def _exact_slot(value: Fraction, edges: tuple[tuple[Fraction, bool], ...]) -> int:
    """How many edges ``value`` is at or above (an edge counts when its own value belongs above)."""
    return sum(1 for edge, above in edges if value > edge or (value == edge and above))


def _checked(value: object) -> object:
    """One value of an object array, as it is; text, bools and other objects are refused."""
    if is_missing(value):
        return None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        msg = f"the amounts include a bool ({value!r}); expected numbers such as 4.5"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if isinstance(value, numbers.Real | Decimal):
        return value
    shown = repr(value) if isinstance(value, str) else type(value).__name__
    msg = (
        f"the amounts include {shown[:40]}, which is not a number; classify_amounts takes "
        "numbers (classify_many or classify_series read dose text)"
    )
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _as_array(values: object) -> Any:
    """The values as a numpy array: a float16, float32 or float64 array as it is, integers
    as they are, anything else as objects checked one by one. A DoseTypeError otherwise."""
    import numpy as np  # noqa: PLC0415

    if isinstance(values, list | tuple) and any(isinstance(value, bool) for value in values):
        # numpy would turn [True, 4.5] into [1.0, 4.5]; classify_dose refuses a bool.
        msg = "the amounts include a bool; expected numbers such as 4.5"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    try:
        array = np.asarray(values)
        if (
            isinstance(values, list | tuple)
            and array.dtype.kind == "f"
            and not _exact_as(values, array.dtype.type)
        ):
            # numpy would round float32 scalars beside floats, or ints past 2**53, to
            # float64: read each value as itself.
            array = np.asarray(values, dtype=object)
    except (ValueError, TypeError) as exc:  # ragged nesting, objects numpy cannot hold
        msg = f"the amounts ({type(values).__name__}) are not a flat sequence of numbers"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from exc
    kind = array.dtype.kind
    if kind in "fiuO":
        return array
    what = {"b": "bools", "U": "text", "S": "bytes", "c": "complex numbers"}.get(
        kind, f"values of dtype {array.dtype}"
    )
    msg = f"the amounts are {what}; expected real numbers such as 4.5"
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _exact_as(values: list[object] | tuple[object, ...], kind: type) -> bool:
    """Whether a float array of type ``kind`` holds every one of these values exactly."""
    import numpy as np  # noqa: PLC0415

    types = {type(value) for value in values}
    if kind is not np.float64:
        return types == {kind}
    if not types <= {int, float, np.float64}:
        return False
    return all(abs(value) <= _SAFE_INTEGER for value in values if type(value) is int)


def _exact_codes(values: list[object], unit: str, table: BandTable) -> list[int]:
    """Codes of values that no float array holds exactly (Decimals, Fractions, integers
    past 2**53, longdoubles, a mix), each read by `classify_dose` itself."""
    codes: dict[object, int] = {}
    found: list[int] = []
    for value in values:
        if value is None:
            found.append(INVALID_CODE)
            continue
        key = exact_key(value)
        code = codes.get(key) if key is not None else None
        if code is None:
            try:
                code = classify_dose(value, unit, table=table).band.rank
            except DoseError:
                code = INVALID_CODE
            if key is not None:
                codes[key] = code
        found.append(code)
    return found


def _check_arguments(unit: object, table: object) -> BandTable:
    if not isinstance(unit, str):
        msg = f"the unit is of type {type(unit).__name__}; expected text such as 'mg'"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return table_or_default(table)


@public_entry
def classify_amounts(
    values: Sequence[float] | Any,
    unit: str = "mg",
    *,
    table: BandTable | str | None = None,
) -> Any:
    """Return an int8 numpy array of band codes for numbers that are daily doses in ``unit``.

    The code of a band is ``Band.rank`` (0 for ``ultra_low`` to 5 for ``above_standard``);
    NaN, zero, negative, infinite and out-of-range values get ``INVALID_CODE`` (-1), never a
    band. ``unit`` is any unit ``classify_dose`` takes with a number ("mg", "mcg/day",
    "mg/week"). A value gets the band ``classify_dose(value, unit)`` gives it; a float32 or
    float16 array is read in its own type (``np.float32(0.1)`` is 0.1), exactly, and so are
    Decimals, Fractions and integers. Missing values (NaN, None, ``pd.NA``, the masked
    elements of a masked array) get ``INVALID_CODE``, as values ``classify_dose`` refuses do.

    Raises:
        DoseUnitError: ``unit`` is not a mass or a mass rate.
        DoseTypeError: a value is not a real number (text, a bool, an object), ``unit`` is not
            text, or ``table`` is not a `BandTable`.

    Examples:
        >>> classify_amounts([0.0005, 0.001, 1, 5, 5.0000001, 50, 100, 101, 0, float("nan")]).tolist()
        [0, 1, 2, 2, 3, 4, 4, 5, -1, -1]
    """
    import numpy as np  # noqa: PLC0415

    chosen = _check_arguments(unit, table)
    masked = None
    if isinstance(values, np.ma.MaskedArray):  # masked elements are missing: no band
        masked = np.ma.getmaskarray(values)
        values = values.data
    array = _as_array(values)
    if array.dtype.name in _OWN_TYPES:
        codes = _searched(array, unit, chosen)
    elif array.dtype.kind in "iu":
        codes = _searched(array.astype(np.float64), unit, chosen)
        wide = (array > _SAFE_INTEGER) | (array < -_SAFE_INTEGER)
        if wide.any():  # past 2**53 a float64 is not the integer: read those exactly
            codes[wide] = _exact_codes(array[wide].tolist(), unit, chosen)
    else:  # objects, longdouble: each value read as itself
        flat = (
            [_checked(value) for value in array.ravel().tolist()]
            if array.dtype.kind == "O"
            else list(array.ravel())
        )
        codes = np.asarray(_exact_codes(flat, unit, chosen), dtype=np.int8).reshape(array.shape)
    if masked is not None:
        codes = np.where(masked, np.int8(INVALID_CODE), codes).astype(np.int8)
    return codes


def _searched(array: Any, unit: str, table: BandTable) -> Any:
    """Codes of a float16, float32 or float64 array, in one ``searchsorted``."""
    import numpy as np  # noqa: PLC0415

    bounds, slots = _plan(unit, table, array.dtype.name)
    return slots[np.searchsorted(bounds, array, side="right")]
