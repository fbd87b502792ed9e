"""Dose columns of pandas and polars frames, and daily doses estimated from dispensings.

Optional: install the ``pandas`` or ``polars`` extra (``pip install ".[pandas]"`` from a
checkout). Nothing here is imported by ``import naltrexone_dose``; pandas, polars and numpy
are imported only when a function of this module runs.

`classify_series` and `classify_amount_series` return a frame of the same kind and length as
their input, with the columns:

- ``band``: categorical, the six values of `naltrexone_dose.Band` in dose order (pandas
  ``Categorical``, polars ``Enum``); missing where the row was not classified;
- ``mg_per_day``: float64, the daily dose in mg; missing (pandas NaN, polars null) where
  there is none: a bad row, or the depot injection, which is never averaged;
- ``basis``: text, how the daily dose was found (a `naltrexone_dose.DailyDoseBasis` value:
  ``assumed_daily`` marks a bare "1.5 mg" taken as a daily dose); missing for a bad row;
- ``warnings``: text, the codes of the result's warnings joined by ", " (such as
  ``trailing_zero`` or ``implausible_amount``); empty where there are none;
- ``error``: text, ``"reason: message"`` where the row was not classified; missing otherwise.

Text columns are always of one string dtype (pandas' ``str``; polars ``String``), whatever
they hold. A bad row never raises: it gets its error in place. A bad argument (not a Series,
a unit that is not a mass unit, a table that is not a `naltrexone_dose.BandTable`) raises a
`naltrexone_dose.DoseError`.

The same functions run unchanged on Dask (``series.map_partitions(classify_series,
meta=result_meta())``) and on Spark (``mapInPandas``); see docs/batch.md.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from ._arrays import INVALID_CODE, classify_amounts
from ._bands import BandTable, table_or_default
from ._batch import DoseFailure, classify_many
from ._errors import DoseAmountError, DoseError, DoseTypeError, ErrorReason, public_entry
from ._inputs import read_number
from ._models import Band, DoseClassification
from ._numbers import IMPLAUSIBLE_MG_PER_DAY, MAX_MG_PER_DAY, exact_number

__all__ = [
    "BAND_CATEGORIES",
    "COLUMNS",
    "classify_amount_series",
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
COLUMNS: tuple[str, ...] = ("band", "mg_per_day", "basis", "warnings", "error")
_MISSING = f"{ErrorReason.EMPTY.value}: the row holds no dose"
_IMPLAUSIBLE = "implausible_amount"


class _Row(NamedTuple):
    """The values of one result row."""

    code: int
    mg_per_day: float
    basis: str | None
    warnings: str
    error: str | None


_MISSING_ROW = _Row(INVALID_CODE, math.nan, None, "", _MISSING)


def _is_polars(value: object) -> bool:
    return type(value).__module__.split(".", 1)[0] == "polars"


def _row_values(result: DoseClassification | DoseFailure) -> _Row:
    if isinstance(result, DoseFailure):
        return _Row(INVALID_CODE, math.nan, None, "", f"{result.reason.value}: {result.message}")
    mg = float(result.mg_per_day) if result.mg_per_day is not None else math.nan
    warnings = ", ".join(warning.code for warning in result.warnings)
    return _Row(result.band.rank, mg, result.dose.basis.value, warnings, None)


# Row values of text already read with the default table, shared by every call in the
# process: the partitions of one column (Dask, Spark, chunked CSV reads) repeat the same few
# thousand strings. Bounded, and keyed on everything the answer depends on.
_ROW_CACHE: dict[tuple[object, bool], _Row] = {}
_ROW_CACHE_LIMIT = 200_000


def _cache_key(value: object, decimal_comma: bool) -> tuple[object, bool]:
    # The type is part of the key (1, 1.0 and True are equal but are not the same input);
    # a FHIR dict is keyed by its repr, which is all of its content.
    return (value if isinstance(value, str) else (type(value), repr(value)), decimal_comma)


def _rows(uniques: list[object], table: BandTable | str | None, decimal_comma: bool) -> list[_Row]:
    if table is not None:
        results = classify_many(uniques, errors="collect", table=table, decimal_comma=decimal_comma)
        return [_row_values(result) for result in results]
    keys = [_cache_key(value, decimal_comma) for value in uniques]
    missing = [value for value, key in zip(uniques, keys, strict=True) if key not in _ROW_CACHE]
    if missing:
        if len(_ROW_CACHE) + len(missing) > _ROW_CACHE_LIMIT:
            _ROW_CACHE.clear()
        results = classify_many(missing, errors="collect", decimal_comma=decimal_comma)
        for value, result in zip(missing, results, strict=True):
            _ROW_CACHE[_cache_key(value, decimal_comma)] = _row_values(result)
    return [_ROW_CACHE[key] for key in keys]


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


def result_meta() -> Any:
    """An empty pandas frame with the result columns and dtypes (Dask's ``meta=``).

    Examples:
        >>> list(result_meta().columns)
        ['band', 'mg_per_day', 'basis', 'warnings', 'error']
    """
    import numpy as np  # noqa: PLC0415

    empty = np.empty(0, dtype=object)
    return _pandas_frame(np.empty(0, dtype=np.int8), np.empty(0), empty, empty, empty, None)


def _pandas_frame(band: Any, mg: Any, basis: Any, warnings: Any, error: Any, index: Any) -> Any:
    import pandas as pd  # noqa: PLC0415

    return pd.DataFrame(
        {
            "band": pd.Categorical.from_codes(band, categories=BAND_CATEGORIES, ordered=True),
            "mg_per_day": pd.Series(mg, index=index, dtype="float64"),
            "basis": _string_column(basis, index),
            "warnings": _string_column(warnings, index),
            "error": _string_column(error, index),
        },
        index=index,
    )


def _pandas_from_rows(rows: list[_Row], codes: Any, index: Any) -> Any:
    """The frame whose row k holds ``rows[codes[k]]``; a code of -1 is a missing value."""
    import numpy as np  # noqa: PLC0415

    table = [*rows, _MISSING_ROW]  # codes of -1 pick the last
    band = np.fromiter((row.code for row in table), dtype=np.int8, count=len(table))
    mg = np.fromiter((row.mg_per_day for row in table), dtype=np.float64, count=len(table))
    # The text columns are made for the distinct values only, then taken by code in the
    # column's own storage (a vectorised take): making a string column of a million Python
    # strings cost five times a factorisation.
    basis, warnings, error = (
        _string_column([getattr(row, name) for row in table]).array.take(codes)
        for name in ("basis", "warnings", "error")
    )
    return _pandas_frame(band[codes], mg[codes], basis, warnings, error, index)


@public_entry
def classify_series(
    series: Any,
    *,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> Any:
    """Classify a pandas or polars Series of doses; each distinct value is read once.

    The values are what `naltrexone_dose.classify_dose` reads without a unit: dose text,
    pint Quantities, or FHIR Quantity or Dosage dicts. Missing values (None, NaN) get the
    error ``"empty: the row holds no dose"``.

    Args:
        series: a pandas Series (the result keeps its index) or a polars Series.
        table: the band table; the default is Box 1.
        decimal_comma: read "4,5 mg" as 4.5 mg.

    Returns:
        A frame of the input's kind and length with the columns ``band``,
            ``mg_per_day``, ``basis``, ``warnings`` and ``error`` (see the module's
            description).

    Raises:
        DoseTypeError: ``series`` is not a pandas or polars Series (a polars expression or
            LazyFrame, a DataFrame, a list), or ``table`` is not a `naltrexone_dose.BandTable`.

    Examples:
        >>> import pandas as pd
        >>> frame = classify_series(pd.Series(["4.5 mg", "350 mg/week", "4,5 mg", None]))
        >>> frame["band"].tolist()
        ['low', 'standard', nan, nan]
        >>> frame["basis"].tolist()
        ['assumed_daily', 'stated_rate', nan, nan]
        >>> [error.split(":")[0] for error in frame["error"].tolist()[2:]]
        ['decimal_comma', 'empty']
    """
    _check_series(series, "classify_series")
    chosen = _check_table(table)
    if _is_polars(series):
        return _classify_polars(series, chosen, decimal_comma)
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable values, such as FHIR dicts: each row read on its own
        present = series.notna().to_numpy()
        values = [value for value, keep in zip(series.tolist(), present, strict=True) if keep]
        codes = np.full(len(series), -1, dtype=np.intp)
        codes[present] = np.arange(len(values))
        uniques = values
    rows = _rows(list(uniques), chosen, decimal_comma)
    return _pandas_from_rows(rows, codes, series.index)


def _classify_polars(series: Any, table: BandTable | str | None, decimal_comma: bool) -> Any:
    import polars as pl  # noqa: PLC0415

    kind = pl.Enum(list(BAND_CATEGORIES))
    if series.dtype != pl.String:  # FHIR dicts (a Struct), Quantities (Object), ...
        rows = _polars_rows_one_by_one(series.to_list(), table, decimal_comma)
        return pl.DataFrame(
            {
                "band": pl.Series([_band_name(r.code) for r in rows], dtype=kind),
                "mg_per_day": pl.Series([_null_nan(r.mg_per_day) for r in rows], dtype=pl.Float64),
                "basis": pl.Series([r.basis for r in rows], dtype=pl.String),
                "warnings": pl.Series([r.warnings for r in rows], dtype=pl.String),
                "error": pl.Series([r.error for r in rows], dtype=pl.String),
            }
        )
    uniques = series.drop_nulls().unique().to_list()
    rows = _rows(uniques, table, decimal_comma)

    def column(values: list[object], missing: object, dtype: Any) -> Any:
        return series.replace_strict(uniques, values, default=missing, return_dtype=dtype)

    return pl.DataFrame(
        {
            "band": column([_band_name(r.code) for r in rows], None, kind),
            "mg_per_day": column([_null_nan(r.mg_per_day) for r in rows], None, pl.Float64),
            "basis": column([r.basis for r in rows], None, pl.String),
            "warnings": column([r.warnings for r in rows], "", pl.String),
            "error": column([r.error for r in rows], _MISSING, pl.String),
        }
    )


def _polars_rows_one_by_one(
    values: list[object], table: BandTable | str | None, decimal_comma: bool
) -> list[_Row]:
    present = [value for value in values if value is not None]
    found = iter(_rows(present, table, decimal_comma))
    return [_MISSING_ROW if value is None else next(found) for value in values]


def _band_name(code: int) -> str | None:
    return BAND_CATEGORIES[code] if code != INVALID_CODE else None


def _null_nan(value: float) -> float | None:
    return None if math.isnan(value) else value


_AMOUNT_CASES = (
    (ErrorReason.NOT_FINITE, "the amount is infinite; expected a positive finite number"),
    (ErrorReason.ZERO, "the amount is zero; a dose is a positive amount, such as 4.5"),
    (ErrorReason.NEGATIVE, "the amount is negative; a dose is a positive amount, such as 4.5"),
    (
        ErrorReason.OUT_OF_RANGE,
        "the daily dose is outside the accepted range of 1e-300 to 1e300 mg per day",
    ),
)


def _refused(reason: ErrorReason, message: str) -> str:
    return f"{reason.value}: {message}"


def _amount_of(value: object) -> tuple[float, str | None]:
    """One value of an object column: its float, or NaN and why it is refused."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan, None
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas' missing markers
        return math.nan, None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        message = f"the amount is a bool ({value!r}); expected a number such as 4.5"
        return math.nan, _refused(ErrorReason.UNSUPPORTED_INPUT, message)
    if isinstance(value, numbers.Real | Decimal):
        try:
            return float(value), None
        except OverflowError:  # an int or Fraction past a float's range: past the dose range
            return math.nan, _refused(*_AMOUNT_CASES[3])
    if isinstance(value, str):
        message = (
            f"the amount is text ({value[:40]!r}); expected a number "
            "(classify_series reads dose text)"
        )
        return math.nan, _refused(ErrorReason.UNSUPPORTED_INPUT, message)
    message = f"the amount is of type {type(value).__name__}; expected a number such as 4.5"
    return math.nan, _refused(ErrorReason.UNSUPPORTED_INPUT, message)


def _amount_values(amounts: Any) -> tuple[Any, Any]:
    """The amounts as float64 (NaN where missing or refused), and each refused row's error."""
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    refused = np.full(len(amounts), None, dtype=object)
    if pd.api.types.is_numeric_dtype(amounts.dtype) and not pd.api.types.is_bool_dtype(
        amounts.dtype
    ):
        return amounts.to_numpy(dtype=np.float64, na_value=np.nan), refused
    values = np.empty(len(amounts), dtype=np.float64)
    for k, value in enumerate(amounts.tolist()):
        values[k], refused[k] = _amount_of(value)
    return values, refused


def _unit_facts(unit: object) -> tuple[float, str]:
    """mg/day of 1 in ``unit``, and the basis of a number in it; a bad unit raises."""
    dose = read_number(1, unit)
    assert dose.mg_per_day is not None  # a number with a unit is never the depot
    return float(dose.mg_per_day), dose.basis.value


@public_entry
def classify_amount_series(
    amounts: Any, unit: str | Any = "mg/day", *, table: BandTable | str | None = None
) -> Any:
    """Classify a numeric Series of doses in ``unit``: one unit for all, or a unit Series.

    Each value gets the band `naltrexone_dose.classify_dose` gives ``(value, unit)``. A row
    that is not a dose gets its error in place, with the reason `classify_dose` gives: zero,
    negative, infinite or out-of-range amounts, a bool (refused, as by `classify_dose`),
    text, a missing value (``empty``), a missing or bad unit in a unit column.

    Args:
        amounts: a pandas or polars Series of numbers.
        unit: one unit for every row ("mg", "mcg/day", "mg/week"), or a Series of units of
            the same length.
        table: the band table; the default is Box 1.

    Returns:
        A frame of the input's kind and length with the columns ``band``,
            ``mg_per_day``, ``basis``, ``warnings`` (``implausible_amount`` from 1000 mg/day
            up) and ``error``.

    Raises:
        DoseUnitError: a single ``unit`` that is not a mass or a mass rate.
        DoseTypeError: ``amounts`` or a unit column is not a Series, ``unit`` is neither text
            nor a Series, or ``table`` is not a `naltrexone_dose.BandTable`.

    Examples:
        >>> import pandas as pd
        >>> frame = classify_amount_series(pd.Series([4.5, 4500, 0.0]), pd.Series(["mg", "mcg", "mg"]))
        >>> frame["band"].tolist(), frame["error"].tolist()[2]
        (['low', 'low', nan], 'zero: the amount is zero; a dose is a positive amount, such as 4.5')
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
            amounts.to_pandas() if _is_polars(amounts) else amounts,
            units.to_pandas() if _is_polars(units) else units,
            chosen,
        )
        return pl.from_pandas(frame.reset_index(drop=True), nan_to_null=True).with_columns(
            pl.col("band").cast(pl.Enum(list(BAND_CATEGORIES)))
        )
    return _amount_frame(amounts, unit, chosen)


def _amount_frame(amounts: Any, unit: Any, table: BandTable | str | None) -> Any:
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    values, error = _amount_values(amounts)
    size = len(values)
    codes = np.full(size, INVALID_CODE, dtype=np.int8)
    mg = np.full(size, np.nan)
    basis = np.full(size, None, dtype=object)
    if isinstance(unit, str):
        groups: list[tuple[object, Any]] = [(unit, np.arange(size))]
    else:
        if len(unit) != size:
            msg = f"the unit column has {len(unit)} rows and the amounts {size}"
            raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
        unit_codes, unit_names = pd.factorize(unit, use_na_sentinel=True)
        no_unit = (unit_codes == -1) & pd.isna(error)
        error[no_unit] = _refused(
            ErrorReason.NO_UNIT, "the row has no unit; expected one such as 'mg'"
        )
        groups = [(name, np.flatnonzero(unit_codes == k)) for k, name in enumerate(unit_names)]
    for name, positions in groups:
        try:
            per_day, basis_value = _unit_facts(name)
            codes[positions] = classify_amounts(values[positions], str(name), table=table)
        except DoseError as bad_unit:
            if isinstance(unit, str):
                raise
            error[positions] = _refused(bad_unit.reason, bad_unit.message)
            continue
        mg[positions] = values[positions] * per_day
        basis[positions] = basis_value
    invalid = codes == INVALID_CODE
    mg[invalid] = np.nan
    basis[invalid] = None
    unexplained = invalid & pd.isna(error)
    if unexplained.any():
        shown = values[unexplained]
        cases = [np.isinf(shown), shown == 0, shown < 0, np.ones_like(shown, dtype=bool)]
        messages = [_refused(*case) for case in _AMOUNT_CASES]
        explained = np.select(cases, messages, default="")
        explained = np.where(np.isnan(shown), _MISSING, explained).astype(object)
        error[unexplained] = explained
    warnings = np.where(mg >= float(IMPLAUSIBLE_MG_PER_DAY), _IMPLAUSIBLE, "").astype(object)
    return _pandas_frame(codes, mg, basis, warnings, error, amounts.index)


Number = float | Decimal | Fraction
"""An exact or floating-point number (``int`` is accepted wherever ``float`` is)."""


@public_entry
def estimate_daily_dose(strength_mg: Number, quantity: Number, days: Number) -> Fraction:
    """Estimate a daily dose from a dispensing: strength x quantity / days covered, exactly.

    Assumes every unit dispensed is taken, evenly, over the days covered (the days' supply,
    or the days until the same patient's next dispensing), with no stockpiling or waste.
    A float is read as the decimal its ``repr`` shows (4.5 is exactly 9/2).

    Args:
        strength_mg: the strength of one unit (tablet, capsule, mL), in mg.
        quantity: how many units were dispensed.
        days: the days the dispensing covers.

    Returns:
        The daily dose in mg, exact.

    Raises:
        DoseAmountError: a value is zero, negative or not finite.
        DoseTypeError: a value is not a number (text, a bool, None).

    Examples:
        >>> estimate_daily_dose(4.5, 30, 30)
        Fraction(9, 2)
        >>> estimate_daily_dose(50, 28, 56)
        Fraction(25, 1)
    """
    parts = [
        exact_number(strength_mg, "the strength"),
        exact_number(quantity, "the quantity"),
        exact_number(days, "the days covered"),
    ]
    if any(part <= 0 for part in parts):
        msg = "strength, quantity and days covered must all be positive"
        raise DoseAmountError(msg, ErrorReason.NEGATIVE if min(parts) < 0 else ErrorReason.ZERO)
    strength, count, covered = parts
    daily = strength * count / covered
    if daily > MAX_MG_PER_DAY:
        msg = "the daily dose is outside the accepted range of 1e-300 to 1e300 mg per day"
        raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)
    return daily


def _column(frame: Any, name: str, what: str) -> Any:
    if name not in frame.columns:
        found = ", ".join(map(str, frame.columns))
        msg = f"the frame has no {what} column {name!r} (columns: {found})"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return frame[name]


def _dates(frame: Any, name: str) -> Any:
    """A date column as datetimes: datetimes as they are, ISO 8601 text parsed, else refused."""
    import pandas as pd  # noqa: PLC0415

    column = _column(frame, name, "date")
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return column
    try:
        # Only ISO 8601: "01/02/2024" is 1 February or 2 January, and a guess would be silent.
        return pd.to_datetime(column, format="ISO8601")
    except (ValueError, TypeError) as exc:
        msg = (
            f"the date column {name!r} holds values that are not ISO 8601 dates such as "
            "'2024-01-31'; parse it first, e.g. pd.to_datetime(frame[...], format='%d.%m.%Y')"
        )
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from exc


def _numbers(frame: Any, name: str, what: str) -> Any:
    import pandas as pd  # noqa: PLC0415

    column = _column(frame, name, what)
    if pd.api.types.is_bool_dtype(column.dtype) or not pd.api.types.is_numeric_dtype(column.dtype):
        msg = f"the {what} column {name!r} is of dtype {column.dtype}; expected numbers"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return column.astype("float64")


@public_entry
def estimate_daily_doses(
    frame: Any,
    *,
    strength: str = "strength_mg",
    quantity: str = "quantity",
    days_supply: str | None = None,
    patient: str | None = None,
    date: str | None = None,
) -> Any:
    """Add ``days_covered``, ``days_from`` and an estimated ``mg_per_day`` to dispensings.

    Each row is one dispensing: a strength in mg, a quantity of units, and what says how
    long it lasts. The days covered are, for each row, the recorded days' supply when
    ``days_supply=`` names a column and the row has one; otherwise, when ``patient=`` and
    ``date=`` are given, the days until the same patient's next dispensing. A row with
    neither (a patient's last dispensing with no days' supply) gets NaN, never a guess.
    ``days_from`` says which was used: ``"days_supply"``, ``"next_dispensing"``, or missing.

    Args:
        frame: a pandas DataFrame of dispensings (for polars, pass ``frame.to_pandas()``).
        strength: the column of strengths, in mg per unit.
        quantity: the column of quantities dispensed, in units.
        days_supply: the column of recorded days' supply, if any.
        patient: the column identifying the patient, to find the next dispensing.
        date: the column of dispensing dates: datetimes, or ISO 8601 text ("2024-01-31").

    Returns:
        A copy of ``frame`` with the columns ``days_covered`` (float64),
            ``days_from`` (text) and ``mg_per_day`` (float64). Feed ``mg_per_day`` to
            `classify_amount_series`.

    Raises:
        DoseTypeError: a polars frame; a column that is missing or not numbers; dates that
            are neither datetimes nor ISO 8601 text; neither ``days_supply=`` nor both of
            ``patient=`` and ``date=``.

    Examples:
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"patient": [1, 1, 2], "date": ["2024-01-01", "2024-01-31", "2024-01-01"],
        ...                       "strength_mg": [4.5, 4.5, 50], "quantity": [30, 30, 30],
        ...                       "days_supply": [None, None, 30]})
        >>> estimated = estimate_daily_doses(frame, days_supply="days_supply", patient="patient", date="date")
        >>> estimated["mg_per_day"].tolist(), estimated["days_from"].tolist()
        ([4.5, nan, 50.0], ['next_dispensing', nan, 'days_supply'])
    """
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    if _is_polars(frame) or not isinstance(frame, pd.DataFrame):
        msg = (
            f"estimate_daily_doses takes a pandas DataFrame, not a {type(frame).__name__}; "
            "for polars, pass frame.to_pandas()"
        )
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if days_supply is None and (patient is None or date is None):
        msg = "give days_supply=, or patient= and date= to count the days to the next dispensing"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    result = frame.copy()
    days = pd.Series(np.nan, index=result.index)
    source = pd.Series(None, index=result.index, dtype="str")
    if days_supply is not None:
        supplied = _numbers(result, days_supply, "days' supply")
        days = supplied.where(supplied > 0, np.nan)
        source = source.mask(days.notna(), "days_supply")
    if patient is not None and date is not None:
        dates = _dates(result, date)
        _column(result, patient, "patient")
        ordered = pd.DataFrame({"patient": result[patient], "date": dates}).sort_values(
            ["patient", "date"], kind="stable"
        )
        following = ordered.groupby("patient")["date"].shift(-1)
        gaps = (following - ordered["date"]).dt.days.astype("float64").reindex(result.index)
        gaps = gaps.where(gaps > 0, np.nan)
        fill = days.isna() & gaps.notna()
        days = days.mask(fill, gaps)
        source = source.mask(fill, "next_dispensing")
    result["days_covered"] = days
    result["days_from"] = source
    result["mg_per_day"] = (
        _numbers(result, strength, "strength") * _numbers(result, quantity, "quantity") / days
    )
    return result
