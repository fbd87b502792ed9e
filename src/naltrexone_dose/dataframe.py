"""Dose columns of pandas and polars frames, and daily doses estimated from dispensings.

Optional: install the ``pandas`` or ``polars`` extra (``pip install ".[pandas]"`` from a
checkout). Nothing here is imported by ``import naltrexone_dose``; pandas, polars and numpy
are imported only when a function of this module runs.

Every function returns a frame of the same kind and length as its input, with the columns
``band`` (categorical, the six values of `naltrexone_dose.Band` in dose order),
``mg_per_day`` (float64; NaN where there is no daily dose) and ``error`` (text, empty where
the row was classified).

The same functions run unchanged on Dask (``series.map_partitions(classify_series,
meta=result_meta())``) and on Spark (``mapInPandas``); see docs/batch.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._arrays import INVALID_CODE, classify_amounts
from ._batch import DoseFailure, classify_many
from ._errors import DoseAmountError, DoseTypeError, ErrorReason
from ._models import Band, DoseClassification
from ._parse import exact_number

if TYPE_CHECKING:
    from fractions import Fraction

    from ._bands import BandTable

__all__ = [
    "BAND_CATEGORIES",
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
_MISSING = "missing: the row holds no dose"


def _is_polars(series: object) -> bool:
    return type(series).__module__.split(".", 1)[0] == "polars"


def _row_values(result: DoseClassification | DoseFailure) -> tuple[int, float, str | None]:
    if isinstance(result, DoseFailure):
        return INVALID_CODE, float("nan"), f"{result.reason.value}: {result.message}"
    mg = float(result.mg_per_day) if result.mg_per_day is not None else float("nan")
    return result.band.rank, mg, None


# Row values of text already read with the default table, shared by every call in the
# process: the partitions of one column (Dask, Spark, chunked CSV reads) repeat the same few
# thousand strings. Bounded, and keyed on everything the answer depends on.
_ROW_CACHE: dict[tuple[object, bool], tuple[int, float, str | None]] = {}
_ROW_CACHE_LIMIT = 200_000


def _rows(
    uniques: list[object], table: BandTable | None, decimal_comma: bool
) -> list[tuple[int, float, str | None]]:
    if table is not None:
        results = classify_many(uniques, errors="collect", table=table, decimal_comma=decimal_comma)
        return [_row_values(result) for result in results]
    keys = [(value if isinstance(value, str) else repr(value), decimal_comma) for value in uniques]
    missing = [value for value, key in zip(uniques, keys, strict=True) if key not in _ROW_CACHE]
    if missing:
        if len(_ROW_CACHE) + len(missing) > _ROW_CACHE_LIMIT:
            _ROW_CACHE.clear()
        results = classify_many(missing, errors="collect", decimal_comma=decimal_comma)
        for value, result in zip(missing, results, strict=True):
            key = (value if isinstance(value, str) else repr(value), decimal_comma)
            _ROW_CACHE[key] = _row_values(result)
    return [_ROW_CACHE[key] for key in keys]


def result_meta() -> Any:
    """An empty pandas frame with the result columns and dtypes (Dask's ``meta=``)."""
    import pandas as pd  # noqa: PLC0415

    return pd.DataFrame(
        {
            "band": pd.Categorical([], categories=BAND_CATEGORIES, ordered=True),
            "mg_per_day": pd.Series([], dtype="float64"),
            "error": pd.Series([], dtype="object"),
        }
    )


def classify_series(
    series: Any,
    *,
    table: BandTable | None = None,
    decimal_comma: bool = False,
) -> Any:
    """Classify a pandas or polars Series of dose text; each distinct value is read once.

    Examples:
        >>> import pandas as pd
        >>> frame = classify_series(pd.Series(["4.5 mg", "350 mg/week", "4,5 mg", None]))
        >>> frame["band"].tolist()
        ['low', 'standard', nan, nan]
        >>> [error.split(":")[0] for error in frame["error"].tolist()[2:]]
        ['decimal_comma', 'missing']
    """
    if _is_polars(series):
        return _classify_polars(series, table, decimal_comma)
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    rows = _rows(list(uniques), table, decimal_comma)
    # One more slot at the end for missing values (factorize codes them -1).
    band = np.fromiter((row[0] for row in rows), dtype=np.int8, count=len(rows))
    band = np.append(band, np.int8(INVALID_CODE))
    mg = np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows))
    mg = np.append(mg, np.nan)
    error = np.empty(len(rows) + 1, dtype=object)
    error[:-1] = [row[2] for row in rows]
    error[-1] = _MISSING
    return _pandas_frame(band[codes], mg[codes], error[codes], series.index)


def _pandas_frame(band: Any, mg: Any, error: Any, index: Any) -> Any:
    import pandas as pd  # noqa: PLC0415

    return pd.DataFrame(
        {
            "band": pd.Categorical.from_codes(band, categories=BAND_CATEGORIES, ordered=True),
            "mg_per_day": mg,
            "error": error,
        },
        index=index,
    )


def _classify_polars(series: Any, table: BandTable | None, decimal_comma: bool) -> Any:
    import polars as pl  # noqa: PLC0415

    uniques = series.drop_nulls().unique().to_list()
    rows = _rows(uniques, table, decimal_comma)
    bands = [BAND_CATEGORIES[code] if code != INVALID_CODE else None for code, _, _ in rows]
    kind = pl.Enum(list(BAND_CATEGORIES))
    band = series.replace_strict(uniques, bands, default=None, return_dtype=kind)
    mg = series.replace_strict(
        uniques, [row[1] for row in rows], default=float("nan"), return_dtype=pl.Float64
    )
    error = series.replace_strict(
        uniques, [row[2] for row in rows], default=None, return_dtype=pl.String
    )
    error = error.set(series.is_null(), _MISSING)
    return pl.DataFrame({"band": band, "mg_per_day": mg, "error": error})


def classify_amount_series(
    amounts: Any, unit: Any = "mg/day", *, table: BandTable | None = None
) -> Any:
    """Classify a numeric Series of daily doses in ``unit``: one unit for all, or a Series.

    Examples:
        >>> import pandas as pd
        >>> frame = classify_amount_series(pd.Series([4.5, 4500, 0.0]), pd.Series(["mg", "mcg", "mg"]))
        >>> frame["band"].tolist(), frame["error"].tolist()[2]
        (['low', 'low', nan], 'invalid: not a positive finite daily dose in mg, mcg/day, ...')
    """
    if _is_polars(amounts):
        import polars as pl  # noqa: PLC0415

        frame = classify_amount_series(
            amounts.to_pandas(), unit.to_pandas() if _is_polars(unit) else unit, table=table
        )
        return pl.from_pandas(frame.reset_index(drop=True)).with_columns(
            pl.col("band").cast(pl.Enum(list(BAND_CATEGORIES)))
        )
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    values = pd.to_numeric(amounts, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    codes = np.full(len(values), INVALID_CODE, dtype=np.int8)
    mg = np.full(len(values), np.nan)
    units = pd.Series(unit, index=amounts.index) if isinstance(unit, str) else unit
    for name, where in pd.Series(np.arange(len(values))).groupby(units.to_numpy()).groups.items():
        positions = np.asarray(list(where))
        codes[positions] = classify_amounts(values[positions], str(name), table=table)
        per_day = _mg_per_day_of_one(str(name))
        mg[positions] = values[positions] * per_day
    mg[codes == INVALID_CODE] = np.nan
    error = np.full(len(values), None, dtype=object)
    error[codes == INVALID_CODE] = "invalid: not a positive finite daily dose in mg, mcg/day, ..."
    return _pandas_frame(codes, mg, error, amounts.index)


def _mg_per_day_of_one(unit: str) -> float:
    from ._parse import parse_number  # noqa: PLC0415

    one = parse_number(1, unit).mg_per_day
    return float(one) if one is not None else float("nan")


def estimate_daily_dose(strength_mg: object, quantity: object, days: object) -> Fraction:
    """Estimate a daily dose from a dispensing: strength x quantity / days covered, exactly.

    Assumes every unit dispensed is taken, evenly, over the days covered (the days' supply,
    or the days until the same patient's next dispensing), with no stockpiling or waste.

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
    return strength * count / covered


def estimate_daily_doses(
    frame: Any,
    *,
    strength: str = "strength_mg",
    quantity: str = "quantity",
    days_supply: str | None = None,
    patient: str | None = None,
    date: str | None = None,
) -> Any:
    """Add ``days_covered`` and an estimated ``mg_per_day`` to a pandas frame of dispensings.

    Days covered come from the ``days_supply`` column when given; otherwise from the days
    until the same ``patient``'s next dispensing (by ``date``), and a patient's last
    dispensing, which has no next one, gets NaN. Feed ``mg_per_day`` to
    `classify_amount_series`.

    Examples:
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"patient": [1, 1, 2], "date": pd.to_datetime(["2024-01-01", "2024-01-31", "2024-01-01"]),
        ...                       "strength_mg": [4.5, 4.5, 50], "quantity": [30, 30, 30]})
        >>> estimate_daily_doses(frame, patient="patient", date="date")["mg_per_day"].tolist()
        [4.5, nan, nan]
    """
    import numpy as np  # noqa: PLC0415

    if _is_polars(frame):
        msg = "estimate_daily_doses takes a pandas frame; use frame.to_pandas() for polars"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    result = frame.copy()
    if days_supply is not None:
        days = result[days_supply].astype("float64")
    elif patient is not None and date is not None:
        ordered = result.sort_values([patient, date])
        following = ordered.groupby(patient)[date].shift(-1)
        days = (following - ordered[date]).dt.days.astype("float64").reindex(result.index)
    else:
        msg = "give days_supply=, or patient= and date= to count the days to the next dispensing"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    days = days.where(days > 0, np.nan)
    result["days_covered"] = days
    result["mg_per_day"] = (
        result[strength].astype("float64") * result[quantity].astype("float64") / days
    )
    return result
