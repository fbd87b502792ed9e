"""Dose columns of pandas and polars frames, and daily doses estimated from dispensings.

Optional: install the ``pandas`` or ``polars`` extra (``pip install ".[pandas]"`` from a
checkout). Nothing here is imported by ``import naltrexone_dose``; pandas, polars and numpy
are imported only when a function of this module runs.

`classify_series` and `classify_amount_series` return a frame of the same kind and length as
their input (and, for pandas, the same index), row k holding what
`naltrexone_dose.classify_dose` gives row k, with the columns:

- ``band``: categorical, the six values of `naltrexone_dose.Band` in dose order (pandas
  ``Categorical``, polars ``Enum``); missing where the row was not classified;
- ``mg_per_day``: float64, the daily dose in mg (the exact daily dose rounded once to the
  nearest float); missing (pandas NaN, polars null) where there is none: a bad or missing
  row, or the depot injection, which is never averaged;
- ``basis``: text, how the daily dose was found (a `naltrexone_dose.DailyDoseBasis` value:
  ``assumed_daily`` marks a bare "1.5 mg" taken as a daily dose); missing for a bad row;
- ``warnings``: text, the codes of the result's warnings joined by ", " (such as
  ``trailing_zero`` or ``implausible_amount``); empty where there are none;
- ``assumptions``: text, codes of what the reading assumed, joined by ", " (see
  `ASSUMPTION_CODES`: ``bare_mass``, ``last_step``, ...); empty where there are none;
- ``crosses_boundary``: bool, whether a dose range ("1.5-4.5 mg") has its ends in two
  different ranges; False for a single dose and for a row not classified;
- ``steps``: int16, the steps of the schedule (1 for a single dose, 2 or more for a
  multi-step schedule, classified by its last step); 0 where the row was not classified;
- ``reason``: text, an `naltrexone_dose.ErrorReason` value where the row was not classified
  (``missing`` for a missing value); missing otherwise;
- ``error``: text, the error's message where the row was refused; missing otherwise (also
  for a missing value: it is not an error).

Missing values (None, NaN, ``pd.NA``, a polars null, an empty or all-space string) get
reason ``missing``, as in `naltrexone_dose.classify_many`. Text columns are always of one
string dtype (pandas' ``str``; polars ``String``), whatever they hold. A bad row never
raises: it gets its reason and error in place. A bad argument (not a Series, a unit that is
not a mass unit, a table that is not a `naltrexone_dose.BandTable`, an option that is not a
bool) raises a `naltrexone_dose.DoseError`.

`classify_column` adds these columns to a frame beside its own, by position: mapped over
Dask partitions (``frame.map_partitions(classify_column, "dose", meta=classify_column(
frame._meta, "dose"))``) or Spark batches (``mapInPandas``), each result stays with its row
and its keys; see docs/batch.md.
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING, Any, NamedTuple

from ._arrays import INVALID_CODE, classify_amounts
from ._bands import BandTable, table_or_default
from ._batch import DoseFailure, DoseMissing, classify_many
from ._dispensings import estimate_daily_dose, estimate_daily_doses, frame_column
from ._errors import (
    DoseError,
    DoseTypeError,
    ErrorReason,
    check_flag,
    public_entry,
)
from ._inputs import read_number
from ._keys import exact_key
from ._missing import is_missing
from ._models import Band, DoseClassification
from ._numbers import IMPLAUSIBLE_MG_PER_DAY, exact_number
from ._resolve import ADDED_UP, BARE_MASS, CONCURRENT, LAST_STEP, STRENGTH_AS_DOSE

if TYPE_CHECKING:
    from fractions import Fraction

__all__ = [
    "ASSUMPTION_CODES",
    "BAND_CATEGORIES",
    "COLUMNS",
    "classify_amount_series",
    "classify_column",
    "classify_series",
    "estimate_daily_dose",
    "estimate_daily_doses",
    "result_meta",
]


def __dir__() -> list[str]:
    return __all__


#: The categories of the ``band`` column, in dose order.
BAND_CATEGORIES: tuple[str, ...] = tuple(band.value for band in Band)
#: The columns of a result frame, in order.
COLUMNS: tuple[str, ...] = (
    "band",
    "mg_per_day",
    "basis",
    "warnings",
    "assumptions",
    "crosses_boundary",
    "steps",
    "reason",
    "error",
)
#: The code of each assumption a reading can make, as the ``assumptions`` column writes it.
#: The depot's assumed interval ("the ... is given every 28 days") is ``depot_interval``;
#: anything else a future reader assumes is ``other`` until it has a code of its own.
ASSUMPTION_CODES: dict[str, str] = {
    BARE_MASS: "bare_mass",
    LAST_STEP: "last_step",
    STRENGTH_AS_DOSE: "strength_as_dose",
    ADDED_UP: "added_up",
    CONCURRENT: "concurrent",
}
_DEPOT_INTERVAL = "depot_interval"
_IMPLAUSIBLE = "implausible_amount"


class _Row(NamedTuple):
    """The values of one result row."""

    code: int
    mg_per_day: float
    basis: str | None
    warnings: str
    assumptions: str
    crosses_boundary: bool
    steps: int
    reason: str | None
    error: str | None


_MISSING_ROW = _Row(INVALID_CODE, math.nan, None, "", "", False, 0, ErrorReason.MISSING.value, None)


def _refused_row(reason: ErrorReason, message: str) -> _Row:
    return _Row(INVALID_CODE, math.nan, None, "", "", False, 0, reason.value, message)


def _is_polars(value: object) -> bool:
    return type(value).__module__.split(".", 1)[0] == "polars"


def _assumption_code(text: str) -> str:
    if text in ASSUMPTION_CODES:
        return ASSUMPTION_CODES[text]
    return _DEPOT_INTERVAL if " is given every " in text else "other"


def _row_values(result: DoseClassification | DoseFailure) -> _Row:
    if isinstance(result, DoseMissing):
        return _MISSING_ROW
    if isinstance(result, DoseFailure):
        return _refused_row(result.reason, result.message)
    mg = float(result.mg_per_day) if result.mg_per_day is not None else math.nan
    return _Row(
        result.band.rank,
        mg,
        result.dose.basis.value,
        ", ".join(warning.code for warning in result.warnings),
        ", ".join(dict.fromkeys(_assumption_code(text) for text in result.dose.assumptions)),
        result.range is not None and result.range.crosses_boundary,
        max(1, len(result.steps)),
        None,
        None,
    )


# Row values of inputs already read with the default table, shared by every call in the
# process: the partitions of one column (Dask, Spark, chunked CSV reads) repeat the same few
# thousand strings. Keyed by each input's exact identity (`exact_key`) and every option
# that changes the reading; an input with no exact key (a pint Quantity) is never cached.
# Bounded, and read and written under a lock (Dask runs partitions on threads).
_ROW_CACHE: dict[tuple[object, bool, str | None], _Row] = {}
_ROW_CACHE_LIMIT = 200_000
_ROW_CACHE_LOCK = threading.Lock()


def _rows(
    values: list[object],
    table: BandTable | None,
    decimal_comma: bool,
    unit: str | None = None,
) -> list[_Row]:
    """The row of each value (none of them missing), as `classify_many` reads it."""
    keys = [exact_key(value) if table is None else None for value in values]
    found: list[_Row | None] = [None] * len(values)
    with _ROW_CACHE_LOCK:
        for position, key in enumerate(keys):
            if key is not None:
                found[position] = _ROW_CACHE.get((key, decimal_comma, unit))
    todo = [position for position, row in enumerate(found) if row is None]
    if todo:
        results = classify_many(
            [values[position] for position in todo],
            errors="collect",
            unit=unit,
            table=table,
            decimal_comma=decimal_comma,
        )
        with _ROW_CACHE_LOCK:
            if len(_ROW_CACHE) + len(todo) > _ROW_CACHE_LIMIT:
                _ROW_CACHE.clear()
            for position, result in zip(todo, results, strict=True):
                row = found[position] = _row_values(result)
                key = keys[position]
                if key is not None:
                    _ROW_CACHE[key, decimal_comma, unit] = row
    return [row for row in found if row is not None]


def _check_table(table: object) -> BandTable | None:
    # None stays None (the default table's rows are cached); a name or a table goes through
    # the one helper that resolves them.
    return None if table is None else table_or_default(table)


def _check_series(series: object, function: str) -> None:
    """Refuse anything but a pandas or polars Series, naming what to do instead."""
    kind = type(series).__name__
    if _is_polars(series):
        if kind == "Series":
            return
        hint = {
            "Expr": (
                "a polars expression is not evaluated here; pass the column itself, "
                f"{function}(frame.get_column('dose')), or collect a LazyFrame first"
            ),
            "LazyFrame": f"collect it first and pass one column: {function}(lazy.collect()['dose'])",
            "DataFrame": f"pass one column: {function}(frame['dose'])",
        }.get(kind, "pass a polars Series")
    else:
        import pandas as pd  # noqa: PLC0415

        if isinstance(series, pd.Series):
            return
        hint = (
            f"pass one column: {function}(frame['dose'])"
            if isinstance(series, pd.DataFrame)
            else "wrap it in pd.Series(...), or use classify_many for a list"
        )
    msg = f"{function} takes a pandas or polars Series, not a {kind}: {hint}"
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _string_column(values: Any, index: Any = None) -> Any:
    import pandas as pd  # noqa: PLC0415

    # pandas' own string dtype ("str", missing as NaN, in pandas 3): one dtype whatever the
    # column holds, all text, all missing or empty.
    return pd.Series(values, index=index, dtype="str")


_TEXT_COLUMNS = ("basis", "warnings", "assumptions", "reason", "error")


def result_meta() -> Any:
    """An empty pandas frame with the result columns and dtypes (Dask's ``meta=``).

    Examples:
        >>> list(result_meta().columns)
        ['band', 'mg_per_day', 'basis', 'warnings', 'assumptions', 'crosses_boundary', 'steps', 'reason', 'error']
    """
    return _pandas_from_rows([], _codes([]), None)


def _codes(codes: list[int]) -> Any:
    import numpy as np  # noqa: PLC0415

    return np.asarray(codes, dtype=np.intp)


def _pandas_from_rows(rows: list[_Row], codes: Any, index: Any, mg_per_day: Any = None) -> Any:
    """The frame whose row k holds ``rows[codes[k]]``; a code of -1 is a missing value.

    ``mg_per_day``, if given, is the daily dose column itself (the rows' own are not used).
    """
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    table = [*rows, _MISSING_ROW]  # codes of -1 pick the last
    size = len(table)
    band = np.fromiter((row.code for row in table), dtype=np.int8, count=size)
    mg = np.fromiter((row.mg_per_day for row in table), dtype=np.float64, count=size)
    crosses = np.fromiter((row.crosses_boundary for row in table), dtype=np.bool_, count=size)
    steps = np.fromiter((row.steps for row in table), dtype=np.int16, count=size)
    # The text columns are made for the distinct values only, then taken by code in the
    # column's own storage (a vectorised take): making a string column of a million Python
    # strings cost five times a factorisation.
    text = {
        name: _string_column([getattr(row, name) for row in table]).array.take(codes)
        for name in _TEXT_COLUMNS
    }
    return pd.DataFrame(
        {
            "band": pd.Categorical.from_codes(
                band[codes], categories=BAND_CATEGORIES, ordered=True
            ),
            "mg_per_day": pd.Series(
                mg[codes] if mg_per_day is None else mg_per_day, index=index, dtype="float64"
            ),
            "basis": _string_column(text["basis"], index),
            "warnings": _string_column(text["warnings"], index),
            "assumptions": _string_column(text["assumptions"], index),
            "crosses_boundary": pd.Series(crosses[codes], index=index, dtype="bool"),
            "steps": pd.Series(steps[codes], index=index, dtype="int16"),
            "reason": _string_column(text["reason"], index),
            "error": _string_column(text["error"], index),
        },
        index=index,
    )


def _distinct(values: list[object]) -> tuple[list[int], list[object]]:
    """Each value's code among the distinct values (-1 where missing), and those values.

    Distinct by exact identity (`exact_key`); a value with none (a pint Quantity) is a
    distinct value every time it occurs.
    """
    seen: dict[object, int] = {}
    uniques: list[object] = []
    codes: list[int] = []
    for value in values:
        if is_missing(value):
            codes.append(-1)
            continue
        key = exact_key(value)
        code = seen.get(key) if key is not None else None
        if code is None:
            code = len(uniques)
            uniques.append(value)
            if key is not None:
                seen[key] = code
        codes.append(code)
    return codes, uniques


def _is_text_column(series: Any) -> bool:
    """Whether a pandas column holds only text and missing markers (factorised exactly)."""
    import pandas as pd  # noqa: PLC0415

    if isinstance(series.dtype, pd.StringDtype):
        return True
    return series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) in {
        "string",
        "empty",
    }


@public_entry
def classify_series(
    series: Any,
    *,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> Any:
    """Classify a pandas or polars Series of doses; each distinct value is read once.

    The values are what `naltrexone_dose.classify_dose` reads without a unit: dose text,
    pint Quantities, or FHIR Quantity or Dosage dicts. Row k gets what ``classify_dose``
    gives row k; a missing value (None, NaN, ``pd.NA``, a polars null, an empty or
    all-space string) gets reason ``missing`` and no error.

    Args:
        series: a pandas Series (the result keeps its index) or a polars Series.
        table: the band table; the default is Box 1.
        decimal_comma: read "4,5 mg" as 4.5 mg.

    Returns:
        A frame of the input's kind and length with the columns of `COLUMNS` (see the
            module's description).

    Raises:
        DoseTypeError: ``series`` is not a pandas or polars Series (a polars expression or
            LazyFrame, a DataFrame, a list), ``table`` is not a `naltrexone_dose.BandTable`,
            or ``decimal_comma`` is not a bool.

    Examples:
        >>> import pandas as pd
        >>> frame = classify_series(pd.Series(["4.5 mg", "350 mg/week", "4,5 mg", None]))
        >>> frame["band"].tolist()
        ['low', 'standard', nan, nan]
        >>> frame["basis"].tolist()
        ['assumed_daily', 'stated_rate', nan, nan]
        >>> frame["reason"].tolist()
        [nan, nan, 'decimal_comma', 'missing']
        >>> classify_series(pd.Series(["1.5-4.5 mg", "25 mg daily then 50 mg daily"]))[
        ...     ["crosses_boundary", "steps", "assumptions"]
        ... ].values.tolist()
        [[False, 1, 'bare_mass'], [False, 2, 'last_step']]
    """
    _check_series(series, "classify_series")
    chosen = _check_table(table)
    check_flag(decimal_comma, "decimal_comma")
    if _is_polars(series):
        return _classify_polars(series, chosen, decimal_comma)
    import pandas as pd  # noqa: PLC0415

    if _is_text_column(series):
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        uniques = list(uniques)
    else:  # numbers, FHIR dicts, Quantities, a mix: distinct by exact identity
        found, uniques = _distinct(series.tolist())
        codes = _codes(found)
    rows = _rows(uniques, chosen, decimal_comma)
    return _pandas_from_rows(rows, codes, series.index)


def _classify_polars(series: Any, table: BandTable | None, decimal_comma: bool) -> Any:
    import polars as pl  # noqa: PLC0415

    if series.dtype != pl.String:  # FHIR dicts (a Struct), Quantities (Object), numbers, ...
        found, uniques = _distinct(series.to_list())
        table_rows = [*_rows(uniques, table, decimal_comma), _MISSING_ROW]
        return _polars_frame([table_rows[code] for code in found])
    uniques = series.drop_nulls().unique().to_list()
    rows = _rows(uniques, table, decimal_comma)

    def column(name: str, missing: object, dtype: Any) -> Any:
        values = [_polars_value(name, row) for row in rows]
        return series.replace_strict(uniques, values, default=missing, return_dtype=dtype)

    return pl.DataFrame(
        {
            name: column(name, _polars_value(name, _MISSING_ROW), dtype)
            for name, dtype in _polars_dtypes().items()
        }
    )


def _polars_dtypes() -> dict[str, Any]:
    import polars as pl  # noqa: PLC0415

    return {
        "band": pl.Enum(list(BAND_CATEGORIES)),
        "mg_per_day": pl.Float64,
        "basis": pl.String,
        "warnings": pl.String,
        "assumptions": pl.String,
        "crosses_boundary": pl.Boolean,
        "steps": pl.Int16,
        "reason": pl.String,
        "error": pl.String,
    }


def _polars_value(name: str, row: _Row) -> object:
    if name == "band":
        return BAND_CATEGORIES[row.code] if row.code != INVALID_CODE else None
    if name == "mg_per_day":
        return None if math.isnan(row.mg_per_day) else row.mg_per_day
    return getattr(row, name)


def _polars_frame(rows: list[_Row]) -> Any:
    import polars as pl  # noqa: PLC0415

    return pl.DataFrame(
        {
            name: pl.Series([_polars_value(name, row) for row in rows], dtype=dtype)
            for name, dtype in _polars_dtypes().items()
        }
    )


@public_entry
def classify_column(
    frame: Any,
    column: str,
    *,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> Any:
    """Return ``frame`` with the result columns of `classify_series` added, row by row.

    Every row keeps its own values (keys, dates, the dose itself) beside its result: the
    result columns are placed by position, never joined on an index, so duplicate or
    unsorted index labels (a Dask partition, a Spark batch, frames concatenated) can neither
    multiply nor mismatch rows. This is the function to map over partitions or batches.

    Args:
        frame: a pandas or polars DataFrame.
        column: the name of its column of doses.
        table: the band table; the default is Box 1.
        decimal_comma: read "4,5 mg" as 4.5 mg.

    Returns:
        A frame of the input's kind: its columns, then those of `COLUMNS`.

    Raises:
        DoseTypeError: ``frame`` is not a pandas or polars DataFrame, it has no column
            ``column`` or already has a column named as a result column, or an option is of
            the wrong type.

    Examples:
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"id": [7, 7, 9], "dose": ["4.5 mg", "50 mg daily", None]},
        ...                      index=[0, 0, 0])
        >>> classify_column(frame, "dose")[["id", "band", "reason"]].values.tolist()
        [[7, 'low', nan], [7, 'standard', nan], [9, nan, 'missing']]
    """
    kind = type(frame).__name__
    if kind != "DataFrame" or type(frame).__module__.split(".", 1)[0] not in {"pandas", "polars"}:
        msg = f"classify_column takes a pandas or polars DataFrame, not a {kind}"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    clashes = [name for name in COLUMNS if name in frame.columns]
    if clashes:
        msg = (
            f"the frame already has the result column(s) {', '.join(clashes)}; rename them "
            "first, so that no column of yours is overwritten"
        )
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    doses = frame_column(frame, column, "dose")
    result = classify_series(doses, table=table, decimal_comma=decimal_comma)
    if _is_polars(frame):
        return frame.hstack(result)
    added = frame.copy()
    for name in COLUMNS:
        added[name] = result[name].array  # by position: no index to align on
    return added


@public_entry
def classify_amount_series(
    amounts: Any, unit: str | Any = "mg/day", *, table: BandTable | str | None = None
) -> Any:
    """Classify a numeric Series of doses in ``unit``: one unit for all, or a unit Series.

    Row k gets what `naltrexone_dose.classify_dose` gives ``(amounts[k], unit)``: its band,
    daily dose, basis, warnings and assumptions, or its reason (``zero``, ``negative``,
    ``not_finite``, ``out_of_range``; ``unsupported_input`` for a bool, a complex number
    or text, since the column holds numbers). Each number is read in its own type (a
    float32 column as float32, a Decimal as itself). A missing amount (None, NaN, ``pd.NA``,
    a polars null) gets reason ``missing``; a missing unit beside an amount, ``no_unit``.

    Args:
        amounts: a pandas or polars Series of numbers.
        unit: one unit for every row ("mg", "mcg/day", "mg/week"), or a Series of units
            beside the amounts: a pandas unit Series is matched to the amounts by index
            label (it must hold the same labels), a polars one by position.
        table: the band table; the default is Box 1.

    Returns:
        A frame of the input's kind and length with the columns of `COLUMNS`
            (``warnings`` holds ``implausible_amount`` from 1000 mg/day up).

    Raises:
        DoseUnitError: a single ``unit`` that is not a mass or a mass rate.
        DoseTypeError: ``amounts`` or a unit column is not a Series, a unit Series does not
            match the amounts (length, or index labels), ``unit`` is neither text nor a
            Series, or ``table`` is not a `naltrexone_dose.BandTable`.

    Examples:
        >>> import pandas as pd
        >>> frame = classify_amount_series(pd.Series([4.5, 4500, 0.0]), pd.Series(["mg", "mcg", "mg"]))
        >>> frame["band"].tolist(), frame["reason"].tolist()[2], frame["error"].tolist()[2]
        (['low', 'low', nan], 'zero', 'the amount is zero; a dose is a positive amount, such as 4.5')
        >>> classify_amount_series(pd.Series([4.5]), "kg")["warnings"].tolist()
        ['implausible_amount']
    """
    _check_series(amounts, "classify_amount_series")
    chosen = _check_table(table)
    if not isinstance(unit, str):
        _check_series(unit, "classify_amount_series (its unit column)")
    if _is_polars(amounts) or _is_polars(unit):
        import polars as pl  # noqa: PLC0415

        units: Any = unit
        frame = _amount_frame(
            amounts.to_pandas() if _is_polars(amounts) else amounts.reset_index(drop=True),
            units.to_pandas() if _is_polars(units) else units,
            chosen,
            by_position=True,
        )
        return pl.from_pandas(frame.reset_index(drop=True), nan_to_null=True).with_columns(
            pl.col("band").cast(pl.Enum(list(BAND_CATEGORIES)))
        )
    return _amount_frame(amounts, unit, chosen, by_position=False)


def _aligned_units(amounts: Any, unit: Any, by_position: bool) -> Any:
    """The unit Series lined up with the amounts: by index label (pandas) or position."""
    if len(unit) != len(amounts):
        msg = f"the unit column has {len(unit)} rows and the amounts {len(amounts)}"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if by_position:
        return unit.reset_index(drop=True).set_axis(amounts.index)
    if unit.index.is_unique and unit.index.equals(amounts.index):
        return unit
    same_labels = (
        amounts.index.is_unique and unit.index.is_unique and set(unit.index) == set(amounts.index)
    )
    if not same_labels:
        msg = (
            "the unit column's index labels are not the amounts' index labels, so no row "
            "of units can be matched to its amount (repeated labels match no row for sure); "
            "give both the same unique index, such as frame.reset_index(drop=True)"
        )
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return unit.reindex(amounts.index)


_SAFE_INTEGER = 2**53  # every integer up to here is a float64 exactly


def _float_values(amounts: Any) -> Any | None:
    """The amounts as a float array in their own type (float16, float32, float64; NaN where
    missing), or None when a float array would not hold every value exactly."""
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    dtype = amounts.dtype
    if isinstance(dtype, pd.CategoricalDtype):  # numbers as categories: the numbers' dtype
        if not pd.api.types.is_float_dtype(dtype.categories.dtype):
            return None
        amounts = amounts.astype(dtype.categories.dtype)
        dtype = amounts.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        return None
    if pd.api.types.is_float_dtype(dtype):
        # numpy_dtype: the storage of pandas' nullable and Arrow dtypes (float32 stays float32)
        storage = np.dtype(getattr(dtype, "numpy_dtype", dtype))
        width = {2: np.float16, 4: np.float32, 8: np.float64}.get(storage.itemsize)
        if width is None:  # longdouble: read value by value
            return None
        return amounts.to_numpy(dtype=width, na_value=np.nan)
    if pd.api.types.is_integer_dtype(dtype):
        values = amounts.to_numpy(dtype=np.float64, na_value=np.nan)
        finite = values[~np.isnan(values)]
        if finite.size and np.abs(finite).max() > _SAFE_INTEGER:
            return None
        return values
    return None  # complex


def _amount_frame(amounts: Any, unit: Any, table: BandTable | None, *, by_position: bool) -> Any:
    import numpy as np  # noqa: PLC0415

    size = len(amounts)
    if isinstance(unit, str):
        groups: list[tuple[object, Any]] = [(unit, np.arange(size))]
        unit_of_row = None
    else:
        units = _aligned_units(amounts, unit, by_position)
        unit_of_row = [None if is_missing(name) else name for name in units.tolist()]
        found, names = _distinct(unit_of_row)
        codes_of_unit = np.asarray(found, dtype=np.intp)
        groups = [(name, np.flatnonzero(codes_of_unit == k)) for k, name in enumerate(names)]
    floats = _float_values(amounts)
    values: list[object] = amounts.tolist() if floats is None else []
    missing = np.isnan(floats) if floats is not None else np.array([is_missing(v) for v in values])
    table_rows: list[_Row] = []
    codes = np.full(size, -1, dtype=np.intp)  # -1: missing, until a group says otherwise
    mg = np.full(size, np.nan)
    for name, positions in groups:
        try:
            facts = _unit_facts(name)
        except DoseError as bad_unit:
            if isinstance(unit, str):
                raise
            if isinstance(name, str):
                # Each row gets what classify_dose gives it: the amount's fault comes first
                # ("0.0" in "mL" is zero), as it does there.
                group_rows, group_codes = _object_rows(
                    [amounts.iloc[p] for p in positions], name, table
                )
            else:
                group_rows = [_refused_row(bad_unit.reason, bad_unit.message)]
                group_codes = np.zeros(len(positions), dtype=np.intp)
        else:
            if floats is not None:
                group_rows, group_codes, mg[positions] = _float_rows(
                    floats[positions], str(name), facts, table
                )
            else:
                chosen = [values[p] for p in positions]
                group_rows, group_codes = _object_rows(chosen, str(name), table)
                mg[positions] = [
                    group_rows[code].mg_per_day if code >= 0 else np.nan for code in group_codes
                ]
        codes[positions] = np.where(group_codes >= 0, group_codes + len(table_rows), -1)
        table_rows.extend(group_rows)
    if unit_of_row is not None:  # an amount beside no unit: no_unit
        no_unit = np.asarray([name is None for name in unit_of_row], dtype=bool)
        if no_unit.any():
            message = "the row has no unit; expected one such as 'mg'"
            table_rows.append(_refused_row(ErrorReason.NO_UNIT, message))
            codes[no_unit] = len(table_rows) - 1
    codes[missing] = -1  # a missing amount is a missing row, whatever its unit
    mg[codes < 0] = np.nan
    return _pandas_from_rows(table_rows, codes, amounts.index, mg)


class _UnitFacts(NamedTuple):
    """What a unit gives every number read in it."""

    per_day: Fraction  # mg/day of 1 in the unit
    basis: str
    assumptions: str


def _unit_facts(unit: object) -> _UnitFacts:
    """mg/day of 1 in ``unit``, and the basis of a number in it; a bad unit raises."""
    dose = read_number(1, unit)
    assert dose.mg_per_day is not None  # a number with a unit is never the depot
    assumptions = ", ".join(dict.fromkeys(_assumption_code(a) for a in dose.assumptions))
    return _UnitFacts(dose.mg_per_day, dose.basis.value, assumptions)


def _float_rows(
    values: Any, unit: str, facts: _UnitFacts, table: BandTable | None
) -> tuple[list[_Row], Any, Any]:
    """Rows of a float array in one unit, their codes, and the daily dose of each value.

    Band codes come in one vectorised pass (`classify_amounts`). Rows that get a band share
    one row per band and warning (the daily dose is a column of its own): each distinct
    value's daily dose is made exact, as `classify_dose` makes it, and rounded once. Each
    distinct refused value gets the refusal `classify_dose` gives it.
    """
    import numpy as np  # noqa: PLC0415

    band_codes = classify_amounts(values, unit, table=table)
    missing = np.isnan(values)
    banded = band_codes != INVALID_CODE
    daily = np.full(len(values), np.nan)
    implausible = np.zeros(len(values), dtype=bool)
    if values.dtype == np.float64 and facts.per_day == 1:
        # The common case ("mg", "mg/day"): a float64's exact decimal rounds back to itself,
        # so its daily dose is the value, and 1000 mg/day or more is the value's own test.
        daily[banded] = values[banded]
        implausible[banded] = values[banded] >= float(IMPLAUSIBLE_MG_PER_DAY)
    elif banded.any():
        uniques, inverse = np.unique(values[banded], return_inverse=True)
        exact = [exact_number(value) * facts.per_day for value in uniques]
        daily[banded] = np.asarray([float(e) for e in exact])[inverse]
        implausible[banded] = np.asarray([e >= IMPLAUSIBLE_MG_PER_DAY for e in exact])[inverse]
    ranks = len(BAND_CATEGORIES)
    rows = [
        _Row(code, math.nan, facts.basis, warning, facts.assumptions, False, 1, None, None)
        for warning in ("", _IMPLAUSIBLE)
        for code in range(ranks)
    ]
    row_codes = np.where(implausible, ranks, 0) + band_codes.astype(np.intp)
    refused = ~banded & ~missing
    if refused.any():
        uniques, inverse = np.unique(values[refused], return_inverse=True)
        row_codes[refused] = len(rows) + np.asarray(inverse, dtype=np.intp).reshape(-1)
        rows.extend(_refused_float(value, unit) for value in uniques)
    row_codes[missing] = -1
    return rows, row_codes, daily


def _refused_float(value: Any, unit: str) -> _Row:
    """The refusal `classify_dose` gives a float with no band (zero, negative, not finite,
    out of range)."""
    try:
        read_number(value, unit)
    except DoseError as error:
        return _refused_row(error.reason, error.message)
    msg = f"{value!r} {unit} has no band but is read"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover


def _object_rows(
    values: list[object], unit: str, table: BandTable | None
) -> tuple[list[_Row], Any]:
    """Rows of any other values in one unit, each distinct value read by `classify_dose`;
    text is refused (the column holds numbers; `classify_series` reads dose text)."""
    import numpy as np  # noqa: PLC0415

    found, uniques = _distinct(values)
    numbers = [value for value in uniques if not isinstance(value, str)]
    read = iter(_rows(numbers, table, False, unit))
    rows = [_text_amount_row(value) if isinstance(value, str) else next(read) for value in uniques]
    return rows, np.asarray(found, dtype=np.intp)


def _text_amount_row(value: str) -> _Row:
    message = (
        f"the amount is text ({value[:40]!r}); expected a number (classify_series reads dose text)"
    )
    return _refused_row(ErrorReason.UNSUPPORTED_INPUT, message)
