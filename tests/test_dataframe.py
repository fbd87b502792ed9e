"""Dataframes: pandas, polars and Dask give the same answers as classify_dose, row by row."""

from __future__ import annotations

import math
from fractions import Fraction

import dask.dataframe as dd
import numpy as np
import pandas as pd
import polars as pl
import pytest

import naltrexone_dose.dataframe as module
from naltrexone_dose import DoseError, DoseTypeError, classify_dose
from naltrexone_dose.dataframe import (
    BAND_CATEGORIES,
    classify_amount_series,
    classify_series,
    estimate_daily_dose,
    estimate_daily_doses,
    result_meta,
)

ROWS = [
    "4.5 mg", "LDN 4.5MG at bedtime", "350 mg/week", "3 mg BID", "4,5 mg", "0.5 mcg",
    "Vivitrol 380 mg IM q4wk", "", "4.5 mg", "1.5-4.5 mg", "mg", "100 mg every other day",
    "5 mg/kg", "35 mg/week",
]  # fmt: skip


def expected(text: str | None) -> tuple[str | None, float, str | None]:
    if text is None:
        return None, math.nan, "missing"
    try:
        result = classify_dose(text)
    except DoseError as error:
        return None, math.nan, error.reason.value
    mg = float(result.mg_per_day) if result.mg_per_day is not None else math.nan
    return result.band.value, mg, None


def rows_of(frame: pd.DataFrame) -> list[tuple[str | None, float, str | None]]:
    out = []
    for band, mg, error in zip(frame["band"], frame["mg_per_day"], frame["error"], strict=True):
        reason = error.split(":")[0] if isinstance(error, str) else None
        out.append((None if pd.isna(band) else str(band), mg, reason))
    return out


def same(
    a: list[tuple[str | None, float, str | None]], b: list[tuple[str | None, float, str | None]]
) -> bool:
    return all(
        x[0] == y[0] and x[2] == y[2] and (x[1] == y[1] or (math.isnan(x[1]) and math.isnan(y[1])))
        for x, y in zip(a, b, strict=True)
    )


def test_pandas_rows_equal_classify_dose() -> None:
    series = pd.Series([*ROWS, None], index=range(100, 100 + len(ROWS) + 1))
    frame = classify_series(series)
    assert list(frame.columns) == ["band", "mg_per_day", "error"]
    assert list(frame.index) == list(series.index)
    assert list(frame["band"].cat.categories) == list(BAND_CATEGORIES)
    assert same(rows_of(frame), [expected(text) for text in [*ROWS, None]])


def test_polars_rows_equal_pandas_rows() -> None:
    frame = classify_series(pl.Series("dose", [*ROWS, None]))
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == ["band", "mg_per_day", "error"]
    assert frame.schema["band"] == pl.Enum(list(BAND_CATEGORIES))
    assert same(rows_of(frame.to_pandas()), [expected(text) for text in [*ROWS, None]])


def test_dask_map_partitions_gives_the_pandas_answer() -> None:
    series = pd.Series(ROWS * 5)
    pandas_frame = classify_series(series)
    dask_frame = dd.from_pandas(series, npartitions=4).map_partitions(
        classify_series, meta=result_meta()
    )
    computed = dask_frame.compute()
    pd.testing.assert_frame_equal(computed, pandas_frame)


def test_an_amount_column_with_a_unit_column() -> None:
    amounts = pd.Series([4.5, 4500.0, 35.0, 0.0, np.nan, 50.0])
    units = pd.Series(["mg", "mcg", "mg/week", "mg", "mg", "mg/day"])
    frame = classify_amount_series(amounts, units)
    assert frame["band"].tolist()[:3] == ["low", "low", "low"]
    assert frame["band"].isna().tolist() == [False, False, False, True, True, False]
    assert frame["mg_per_day"].tolist()[:3] == [4.5, 4.5, 5.0]
    assert frame["error"].notna().tolist() == [False, False, False, True, True, False]
    polars_frame = classify_amount_series(pl.Series(amounts.tolist()), "mg")
    assert polars_frame["band"].to_list()[:2] == ["low", "above_standard"]


def test_estimate_daily_dose_is_exact() -> None:
    assert estimate_daily_dose(4.5, 30, 30) == Fraction(9, 2)
    assert estimate_daily_dose(Fraction(50), 28, 56) == 25
    with pytest.raises(DoseError):
        estimate_daily_dose(50, 30, 0)


def test_estimated_daily_doses_from_days_supply_and_from_the_next_dispensing() -> None:
    frame = pd.DataFrame(
        {
            "patient": [1, 2, 1, 1],
            "date": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-31", "2024-03-01"]),
            "strength_mg": [4.5, 50.0, 4.5, 4.5],
            "quantity": [30, 30, 60, 30],
            "days_supply": [30, 30, 60, 30],
        }
    )
    supplied = estimate_daily_doses(frame, days_supply="days_supply")
    assert supplied["mg_per_day"].tolist() == [4.5, 50.0, 4.5, 4.5]
    gaps = estimate_daily_doses(frame, patient="patient", date="date")
    assert gaps["days_covered"].tolist()[:3] == [30.0, pytest.approx(math.nan, nan_ok=True), 30.0]
    assert (
        gaps["mg_per_day"].tolist()[2] == 9.0
    )  # 60 capsules in the 30 days to the next dispensing
    bands = classify_amount_series(gaps["mg_per_day"], "mg/day")
    assert bands["band"].tolist()[2] == "between_low_and_standard"
    with pytest.raises(DoseTypeError):
        estimate_daily_doses(frame)


def test_text_read_once_is_not_read_again_in_the_next_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "_ROW_CACHE", {})
    first = classify_series(pd.Series(["4.5 mg", "50 mg"]))
    calls: list[object] = []
    real = module.classify_many

    def counting(values: list[object], **kwargs: object) -> list[object]:
        calls.extend(values)
        return real(values, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "classify_many", counting)
    second = classify_series(pd.Series(["50 mg", "4.5 mg", "1 mg"]))
    assert calls == ["1 mg"]
    assert second["band"].tolist() == ["standard", "low", "low"]
    assert first["band"].tolist() == ["low", "standard"]
    with_comma = classify_series(pd.Series(["4,5 mg"]), decimal_comma=True)
    assert with_comma["band"].tolist() == ["low"]
    assert classify_series(pd.Series(["4,5 mg"]))["band"].isna().all()
