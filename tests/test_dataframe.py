"""Dataframes: pandas, polars and Dask give the same answers as classify_dose, row by row."""

from __future__ import annotations

import math
import threading
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import dask.dataframe as dd
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import naltrexone_dose.dataframe as module
from naltrexone_dose import (
    BandTableError,
    DoseError,
    DoseTypeError,
    DoseUnitError,
    classify_dose,
    classify_many,
)
from naltrexone_dose._missing import is_missing
from naltrexone_dose.dataframe import (
    ASSUMPTION_CODES,
    BAND_CATEGORIES,
    COLUMNS,
    classify_amount_series,
    classify_column,
    classify_series,
    result_meta,
)

if TYPE_CHECKING:
    from pathlib import Path

ROWS = [
    "4.5 mg", "LDN 4.5MG at bedtime", "350 mg/week", "3 mg BID", "4,5 mg", "0.5 mcg",
    "Vivitrol 380 mg IM q4wk", "", "4.5 mg", "1.5-4.5 mg", "mg", "100 mg every other day",
    "5 mg/kg", "35 mg/week", "1.0 mg", "4.5 g",
]  # fmt: skip

Row = tuple[str | None, float, str | None, str, str | None]


def expected(dose: object) -> Row:
    """(band, mg_per_day, basis, warnings, reason) as classify_dose gives them (a missing
    value: reason missing, as SPEC's batches give it)."""
    if is_missing(dose):
        return None, math.nan, None, "", "missing"
    try:
        result = classify_dose(dose)
    except DoseError as error:
        return None, math.nan, None, "", error.reason.value
    mg = float(result.mg_per_day) if result.mg_per_day is not None else math.nan
    warnings = ", ".join(warning.code for warning in result.warnings)
    return result.band.value, mg, result.dose.basis.value, warnings, None


def single_row(
    dose: object, unit: str | None = None
) -> tuple[str | None, float, str | None, str | None]:
    """(band, mg_per_day, reason, message) as classify_dose gives them for one value."""
    try:
        result = classify_dose(dose, unit)
    except DoseError as error:
        return None, math.nan, error.reason.value, error.message
    mg = float(result.mg_per_day) if result.mg_per_day is not None else math.nan
    return result.band.value, mg, None, None


def rows_of(frame: pd.DataFrame) -> list[Row]:
    out: list[Row] = []
    for band, mg, basis, warnings, reason in zip(
        *(frame[column] for column in ("band", "mg_per_day", "basis", "warnings", "reason")),
        strict=True,
    ):
        out.append(
            (
                None if pd.isna(band) else str(band),
                mg,
                None if pd.isna(basis) else basis,
                warnings,
                reason if isinstance(reason, str) else None,
            )
        )
    return out


def same(a: list[Row], b: list[Row]) -> bool:
    return len(a) == len(b) and all(
        x[0] == y[0]
        and x[2:] == y[2:]
        and (x[1] == y[1] or (math.isnan(x[1]) and math.isnan(y[1])))
        for x, y in zip(a, b, strict=True)
    )


def test_pandas_rows_equal_classify_dose() -> None:
    series = pd.Series([*ROWS, None], index=range(100, 100 + len(ROWS) + 1))
    frame = classify_series(series)
    assert list(frame.columns) == list(COLUMNS)
    assert list(frame.index) == list(series.index)
    assert list(frame["band"].cat.categories) == list(BAND_CATEGORIES)
    assert same(rows_of(frame), [expected(text) for text in [*ROWS, None]])


def test_polars_rows_equal_classify_dose() -> None:
    frame = classify_series(pl.Series("dose", [*ROWS, None]))
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == list(COLUMNS)
    assert frame.schema["band"] == pl.Enum(list(BAND_CATEGORIES))
    assert same(rows_of(frame.to_pandas()), [expected(text) for text in [*ROWS, None]])


def test_a_polars_depot_row_has_a_null_daily_dose_not_nan() -> None:
    frame = classify_series(pl.Series(["Vivitrol 380 mg IM q4wk", "4.5 mg", "4,5 mg"]))
    assert frame["mg_per_day"].to_list() == [None, 4.5, None]
    assert frame["mg_per_day"].is_nan().sum() == 0
    assert frame["mg_per_day"].mean() == 4.5


@pytest.mark.parametrize(
    "doses",
    [["4.5 mg", "50 mg"], ["4,5 mg", "mg"], ["4.5 mg", "mg"], [], [None, None]],
    ids=["all-good", "all-bad", "mixed", "empty", "all-missing"],
)
def test_text_columns_have_one_string_dtype_whatever_they_hold(doses: list[str | None]) -> None:
    frame = classify_series(pd.Series(doses, dtype=object))
    for column in ("basis", "warnings", "error"):
        assert frame[column].dtype == result_meta()[column].dtype, column
        assert pd.api.types.is_string_dtype(frame[column].dtype), column
    polars_frame = classify_series(pl.Series(doses, dtype=pl.String))
    for column in ("basis", "warnings", "error"):
        assert polars_frame.schema[column] == pl.String


def test_warnings_and_basis_columns_show_what_the_band_alone_hides() -> None:
    frame = classify_series(pd.Series(["1.5 mg", "1.5 mg daily", "1.0 mg", "4.5 g"]))
    assert frame["basis"].tolist() == [
        "assumed_daily",
        "frequency",
        "assumed_daily",
        "assumed_daily",
    ]
    assert frame["warnings"].tolist() == ["", "", "trailing_zero", "implausible_amount"]


def test_fhir_dicts_in_a_column_are_read_like_classify_dose() -> None:
    quantity = {"value": 4.5, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}
    dosage = {
        "doseAndRate": [{"doseQuantity": {**quantity, "value": 25}}],
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
    }
    doses = [quantity, dosage, None, {"value": 0}, quantity]
    frame = classify_series(pd.Series(doses))
    assert same(rows_of(frame), [expected(dose) for dose in doses])
    assert frame["band"].tolist()[:2] == ["low", "standard"]
    polars_frame = classify_series(pl.Series([quantity, None, quantity]))
    assert polars_frame["band"].to_list() == ["low", None, "low"]
    assert polars_frame["reason"].to_list()[1] == "missing"
    assert polars_frame["error"].to_list()[1] is None


@pytest.mark.parametrize(
    "given",
    [
        pl.col("dose"),
        pl.LazyFrame({"dose": ["4.5 mg"]}),
        pl.DataFrame({"dose": ["4.5 mg"]}),
        pd.DataFrame({"dose": ["4.5 mg"]}),
        ["4.5 mg"],
    ],
    ids=["polars-expr", "polars-lazy", "polars-frame", "pandas-frame", "list"],
)
def test_anything_but_a_series_is_a_clear_dose_type_error(given: object) -> None:
    with pytest.raises(DoseTypeError, match="takes a pandas or polars Series"):
        classify_series(given)
    with pytest.raises(DoseTypeError, match="takes a pandas or polars Series"):
        classify_amount_series(given, "mg")


def test_a_table_that_is_not_a_band_table_is_refused_not_collected_per_row() -> None:
    with pytest.raises(DoseTypeError, match="BandTable"):
        classify_series(pd.Series(["4.5 mg"]), table={"name": "mine"})  # type: ignore[arg-type]
    with pytest.raises(DoseTypeError, match="BandTable"):
        classify_amount_series(pd.Series([4.5]), "mg", table=b"box1")  # type: ignore[arg-type]
    with pytest.raises(BandTableError, match="no shipped band table is named 'mine'"):
        classify_series(pd.Series(["4.5 mg"]), table="mine")


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
    assert frame["reason"].tolist()[3:5] == ["zero", "missing"]
    assert frame["error"].notna().tolist() == [False, False, False, True, False, False]
    polars_frame = classify_amount_series(pl.Series(amounts.tolist()), "mg")
    assert polars_frame["band"].to_list()[:2] == ["low", "above_standard"]


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


AMOUNTS: list[object] = [4.5, 0.0, -1.0, math.inf, 1e301, True, "4.5 mg", 10**400, 4500.0, None]


def reason_of(amount: object, unit: str) -> str | None:
    if amount is None:
        return "missing"
    if isinstance(amount, str):  # an amount column holds numbers; classify_series reads text
        return "unsupported_input"
    try:
        classify_dose(amount, unit)
    except DoseError as error:
        return error.reason.value
    return None


@pytest.mark.parametrize("unit", ["mg", "mcg/day", "pg", "kg"])
def test_each_amount_row_gets_the_band_or_the_reason_classify_dose_gives(unit: str) -> None:
    frame = classify_amount_series(pd.Series(AMOUNTS, dtype=object), unit)
    reasons = [reason if isinstance(reason, str) else None for reason in frame["reason"]]
    assert reasons == [reason_of(amount, unit) for amount in AMOUNTS]
    for amount, band in zip(AMOUNTS, frame["band"], strict=True):
        if reason_of(amount, unit) is None:
            assert band == classify_dose(amount, unit).band.value
    assert not any("..." in error for error in frame["error"].dropna())


def test_picograms_classify_without_overflow_in_pandas_and_polars() -> None:
    frame = classify_amount_series(pd.Series([4500.0, 4.5e9, 1.5e308]), "pg")
    assert frame["band"].tolist() == ["ultra_low", "low", "above_standard"]
    polars_frame = classify_amount_series(pl.Series([4500.0, None]), "pg/day")
    assert polars_frame["band"].to_list() == ["ultra_low", None]
    assert polars_frame["mg_per_day"].to_list()[1] is None


def test_a_unit_column_with_missing_or_bad_units_gives_errors_in_place() -> None:
    frame = classify_amount_series(
        pd.Series([4.5, 4.5, 4.5, 4.5]), pd.Series(["mg", None, "mL", 3])
    )
    reasons = [reason if isinstance(reason, str) else None for reason in frame["reason"]]
    assert reasons == [None, "no_unit", reason_of(1, "mL"), "unsupported_input"]
    assert frame["band"].tolist()[0] == "low"


@pytest.mark.parametrize("unit", [["mg"], 3, None])
def test_a_unit_that_is_neither_text_nor_a_series_is_a_dose_type_error(unit: object) -> None:
    with pytest.raises(DoseTypeError):
        classify_amount_series(pd.Series([4.5]), unit)


def test_one_bad_unit_for_all_rows_is_an_error_of_the_call() -> None:
    with pytest.raises(DoseUnitError):
        classify_amount_series(pd.Series([4.5]), "mL")


def test_amount_columns_carry_the_basis_and_doubt_grams_a_day() -> None:
    frame = classify_amount_series(
        pd.Series([4.5, 999.0, 1000.0, 4.5]), pd.Series(["mg", "mg/day", "mg/day", "kg"])
    )
    assert frame["basis"].tolist() == [
        "assumed_daily",
        "stated_rate",
        "stated_rate",
        "assumed_daily",
    ]
    assert frame["warnings"].tolist() == ["", "", "implausible_amount", "implausible_amount"]
    assert [w.code for w in classify_dose("4.5 g").warnings] == ["implausible_amount"]
    assert classify_dose("999 mg/day").warnings == ()


def test_near_equal_quantities_in_one_column_are_each_read_as_themselves() -> None:
    # Issue 19: the row cache was keyed by repr, and pint's repr keeps nine digits: 100.0 mg
    # and 100.0000000001 mg answered both rows with the last one read, in later calls too.
    import pint  # noqa: PLC0415

    registry = pint.UnitRegistry(cache_folder=None)
    doses = [registry.Quantity(100.0, "mg"), registry.Quantity(100.0000000001, "mg")]
    assert repr(doses[0]) == repr(doses[1])
    for _ in range(2):
        for series in (pd.Series(doses), pd.Series(doses[::-1])):
            frame = classify_series(series)
            assert same(rows_of(frame), [expected(dose) for dose in series])
        assert classify_series(pd.Series(doses))["band"].tolist() == ["standard", "above_standard"]


def test_a_float32_or_float16_amount_column_is_read_in_its_own_type() -> None:
    # Issue 19: widened to float64, a float32 0.1 g came back above standard.
    for kind in (np.float32, np.float16):
        values = np.array([0.1, 0.005, 1e-6], dtype=kind)
        frame = classify_amount_series(pd.Series(values), "g")
        assert frame["band"].tolist() == [classify_dose(v, "g").band.value for v in values]
        assert frame["mg_per_day"].tolist() == [
            float(classify_dose(v, "g").mg_per_day or 0) for v in values
        ]
        polars_frame = classify_amount_series(pl.Series(values), "g")
        assert polars_frame["band"].to_list() == frame["band"].tolist()
    assert classify_amount_series(pd.Series([np.float32(0.1)]), "g")["band"].tolist() == [
        "standard"
    ]


def test_a_unit_series_is_matched_to_the_amounts_by_index_label() -> None:
    # Issue 19: a Series of units was paired with the amounts by position.
    amounts = pd.Series([4.5, 4500.0], index=["a", "b"])
    units = pd.Series(["mcg", "mg"], index=["b", "a"])
    frame = classify_amount_series(amounts, units)
    assert frame["band"].tolist() == ["low", "low"]
    assert list(frame.index) == ["a", "b"]
    with pytest.raises(DoseTypeError, match="index labels"):
        classify_amount_series(amounts, pd.Series(["mg", "mcg"], index=["a", "c"]))
    with pytest.raises(DoseTypeError, match="index labels"):
        classify_amount_series(
            pd.Series([4.5, 4.5], index=[0, 0]), pd.Series(["mg", "mcg"], index=[0, 1])
        )
    # Repeated labels match no row for sure (an independent tester reordered the units and
    # got other bands with no error): refused, whatever the order.
    same_labels = pd.Series([4.5, 4500.0], index=[0, 0])
    with pytest.raises(DoseTypeError, match="index labels"):
        classify_amount_series(same_labels, pd.Series(["mg", "mcg"], index=[0, 0]))


def test_a_bad_unit_row_gets_the_reason_classify_dose_gives() -> None:
    frame = classify_amount_series(pd.Series([0.0, 4.5, -1.0]), pd.Series(["mL"] * 3))
    assert frame["reason"].tolist() == [reason_of(v, "mL") for v in (0.0, 4.5, -1.0)]


@pytest.mark.parametrize(
    "value",
    [Decimal("5.0000000000000000001"), Fraction(1, 3), 1 + 2j, 10**20 + 1, np.longdouble("4.5")],
    ids=repr,
)
def test_decimals_fractions_and_complex_amounts_are_treated_as_classify_dose_treats_them(
    value: object,
) -> None:
    # Issue 19: a Decimal was widened to a float, a complex column read by its real part.
    frame = classify_amount_series(pd.Series([value, 4.5], dtype=object), "mg")
    band, mg, reason, message = single_row(value, "mg")
    first = frame.iloc[0]
    assert (first["reason"] if isinstance(first["reason"], str) else None) == reason
    assert (first["error"] if isinstance(first["error"], str) else None) == message
    assert (None if pd.isna(first["band"]) else first["band"]) == band
    assert first["mg_per_day"] == mg or (math.isnan(mg) and math.isnan(first["mg_per_day"]))
    assert frame["band"].tolist()[1] == "low"


def test_a_complex_column_is_refused_row_by_row() -> None:
    frame = classify_amount_series(pd.Series([4.5 + 0j, 50 + 1j]), "mg")
    assert frame["reason"].tolist() == ["unsupported_input", "unsupported_input"]


MISSING_CELLS: list[object] = [None, math.nan, pd.NA, "", "   "]


@pytest.mark.parametrize("missing", MISSING_CELLS, ids=repr)
def test_missing_values_get_a_missing_row_in_every_text_column(missing: object) -> None:
    # SPEC, "Missing values in batches": one convention for every batch entry point.
    doses = ["4.5 mg", missing, "50 mg"]
    for series in (pd.Series(doses, dtype=object), pd.Series(doses, dtype="str")):
        frame = classify_series(series)
        assert frame["reason"].tolist()[1] == "missing"
        assert pd.isna(frame["error"].tolist()[1])
        assert frame["band"].tolist()[::2] == ["low", "standard"]
    if missing is None or isinstance(missing, str):
        polars_frame = classify_series(pl.Series(doses, dtype=pl.String))
        assert polars_frame["reason"].to_list() == [None, "missing", None]
        assert polars_frame["error"].to_list() == [None, None, None]
    dask_frame = dd.from_pandas(pd.Series(doses * 3, dtype=object), npartitions=3)
    computed = dask_frame.map_partitions(classify_series, meta=result_meta()).compute()
    assert computed["reason"].tolist()[1::3] == ["missing"] * 3


def test_missing_amounts_get_a_missing_row() -> None:
    frame = classify_amount_series(pd.Series([4.5, None, np.nan], dtype="Float64"), "mg")
    assert frame["reason"].tolist()[1:] == ["missing", "missing"]
    assert frame["error"].isna().all()
    objects = classify_amount_series(pd.Series([4.5, None, pd.NA, ""], dtype=object), "mg")
    assert objects["reason"].tolist()[1:] == ["missing"] * 3
    polars_frame = classify_amount_series(pl.Series([4.5, None], dtype=pl.Float32), "mg")
    assert polars_frame["reason"].to_list() == [None, "missing"]


@pytest.mark.parametrize("flag", ["False", 1, None])
def test_options_of_the_wrong_type_are_refused_by_the_dataframe_functions(flag: object) -> None:
    with pytest.raises(DoseTypeError, match="decimal_comma"):
        classify_series(pd.Series(["4.500 mg"]), decimal_comma=flag)  # type: ignore[arg-type]
    with pytest.raises(DoseTypeError, match="decimal_comma"):
        classify_series(pl.Series(["4.500 mg"]), decimal_comma=flag)  # type: ignore[arg-type]


def test_the_row_cache_stays_right_when_threads_fill_and_clear_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bounded and under a lock: a clear in one thread never loses another thread's rows.
    monkeypatch.setattr(module, "_ROW_CACHE", {})
    monkeypatch.setattr(module, "_ROW_CACHE_LIMIT", 8)
    columns = [pd.Series([f"{k}.{j} mg" for j in range(12)]) for k in range(1, 7)]
    wanted = [[expected(dose) for dose in column] for column in columns]
    failures: list[int] = []

    def work(k: int) -> None:
        failures.extend(
            k for _ in range(5) if not same(rows_of(classify_series(columns[k])), wanted[k])
        )

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(columns))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(module._ROW_CACHE) <= 12 + 8


def test_analysts_columns_flag_a_crossing_range_steps_and_assumptions() -> None:
    # Issue 20: a separate reason column, a crossing flag, a step count, assumption codes.
    doses = ["0.5-4.5 mg", "1.5-4.5 mg", "25 mg daily for 3 days then 50 mg daily", "4.5 mg",
             "4.5 mg at bedtime", "4,5 mg", "Vivitrol 380 mg IM q4wk"]  # fmt: skip
    frame = classify_series(pd.Series(doses))
    assert list(frame.columns) == list(COLUMNS)
    assert frame["crosses_boundary"].tolist() == [True, False, False, False, False, False, False]
    assert frame["steps"].tolist() == [1, 1, 2, 1, 1, 0, 1]
    assert frame["assumptions"].tolist()[2:5] == ["last_step", "bare_mass", ""]
    assert frame["reason"].tolist()[5] == "decimal_comma"
    assert frame["error"].tolist()[5] == classify_many(["4,5 mg"], errors="collect")[0].message  # type: ignore[union-attr]
    for dose, row in zip(doses, frame.itertuples(), strict=True):
        try:
            result = classify_dose(dose)
        except DoseError:
            continue
        crossing = result.range is not None and result.range.crosses_boundary
        assert row.crosses_boundary == crossing
        assert row.steps == max(1, len(result.steps))
        codes = [ASSUMPTION_CODES.get(text, "depot_interval") for text in result.dose.assumptions]
        assert row.assumptions == ", ".join(codes)
    polars_frame = classify_series(pl.Series(doses))
    assert polars_frame.columns == list(COLUMNS)
    assert polars_frame["steps"].to_list() == frame["steps"].tolist()
    assert polars_frame["crosses_boundary"].to_list() == frame["crosses_boundary"].tolist()
    assert polars_frame["assumptions"].to_list() == frame["assumptions"].tolist()


def test_every_assumption_the_reader_makes_has_a_code() -> None:
    from naltrexone_dose import _resolve  # noqa: PLC0415

    texts = [_resolve.BARE_MASS, _resolve.LAST_STEP, _resolve.STRENGTH_AS_DOSE, _resolve.ADDED_UP,
             _resolve.CONCURRENT]  # fmt: skip
    assert sorted(ASSUMPTION_CODES) == sorted(texts)
    assert len(set(ASSUMPTION_CODES.values())) == len(texts)
    depot = classify_series(pd.Series(["naltrexone 380 mg IM"]))["assumptions"].tolist()
    assert depot == ["depot_interval"]


def test_the_dask_recipe_keeps_each_result_with_its_row_and_keys(tmp_path: Path) -> None:
    # Issue 20: the recipe mapped classify_series over the dose column alone; joined back on
    # the index, files read in parts (each starting at label 0) multiplied rows.
    parts = [
        pd.DataFrame({"patient": [1, 2, 3], "dose_text": ["4.5 mg", "4,5 mg", "50 mg daily"]}),
        pd.DataFrame({"patient": [4, 5, 6], "dose_text": ["", "350 mg/week", "0.5 mcg"]}),
    ]
    for k, part in enumerate(parts):
        part.to_csv(tmp_path / f"dispensings-{k}.csv", index=False)
    doses = dd.read_csv(str(tmp_path / "dispensings-*.csv"), dtype={"dose_text": "str"})
    bands = doses.map_partitions(
        classify_column, "dose_text", meta=classify_column(doses._meta, "dose_text")
    ).compute()
    assert len(bands) == 6
    assert list(bands.index) == [0, 1, 2, 0, 1, 2]  # labels repeat across the files
    assert bands["patient"].tolist() == [1, 2, 3, 4, 5, 6]
    everything = pd.concat(parts, ignore_index=True)
    assert same(rows_of(bands), [expected(text) for text in everything["dose_text"]])


def test_classify_column_places_results_by_position_in_pandas_and_polars() -> None:
    frame = pd.DataFrame(
        {"key": ["a", "b", "c", "d"], "dose": ["50 mg", None, "4.5 mg", "4,5 mg"]},
        index=[3, 3, 1, 3],
    )
    added = classify_column(frame, "dose")
    assert list(added.columns) == ["key", "dose", *COLUMNS]
    assert list(added.index) == [3, 3, 1, 3]
    assert added["band"].tolist()[::2] == ["standard", "low"]
    assert same(rows_of(added), [expected(dose) for dose in frame["dose"]])
    polars_added = classify_column(pl.from_pandas(frame), "dose")
    assert polars_added.columns == ["key", "dose", *COLUMNS]
    assert polars_added["key"].to_list() == ["a", "b", "c", "d"]
    assert polars_added["band"].to_list() == ["standard", None, "low", None]
    with pytest.raises(DoseTypeError, match="already has the result column"):
        classify_column(frame.assign(error="x"), "dose")
    with pytest.raises(DoseTypeError, match="no dose column 'dosage'"):
        classify_column(frame, "dosage")
    with pytest.raises(DoseTypeError, match="DataFrame"):
        classify_column(frame["dose"], "dose")


def test_integer_amount_columns_are_read_exactly() -> None:
    small = pd.Series([0, 5, -3, 50], dtype="int64")
    nullable = pd.Series([5, None, 50], dtype="Int64")
    huge = pd.Series([5, 2**63 + 1], dtype="uint64")
    for series in (small, nullable, huge):
        frame = classify_amount_series(series, "pg")
        wanted = [expected_amount(value, "pg") for value in series]
        assert frame_rows(frame) == wanted


def expected_amount(value: object, unit: str) -> tuple[str | None, float | None, str | None]:
    if is_missing(value):
        return None, None, "missing"
    band, mg, reason, _ = single_row(value, unit)
    return band, None if math.isnan(mg) else mg, reason


def frame_rows(frame: pd.DataFrame) -> list[tuple[str | None, float | None, str | None]]:
    return [
        (
            None if pd.isna(band) else str(band),
            None if math.isnan(mg) else mg,
            reason if isinstance(reason, str) else None,
        )
        for band, mg, reason in zip(
            frame["band"], frame["mg_per_day"], frame["reason"], strict=True
        )
    ]


def test_a_longdouble_amount_column_is_read_value_by_value() -> None:
    series = pd.Series(np.array(["0.1", "5.5", "nan"], dtype=np.longdouble))
    frame = classify_amount_series(series, "g")
    assert frame_rows(frame) == [expected_amount(value, "g") for value in series]


def test_a_unit_column_of_another_length_is_refused() -> None:
    with pytest.raises(DoseTypeError, match="the unit column has 1 rows and the amounts 2"):
        classify_amount_series(pd.Series([4.5, 5.0]), pd.Series(["mg"]))
    with pytest.raises(DoseTypeError, match="the unit column has 1 rows"):
        classify_amount_series(pl.Series([4.5, 5.0]), pl.Series(["mg"]))


def test_a_polars_unit_column_is_matched_by_position() -> None:
    frame = classify_amount_series(pd.Series([4.5, 4500.0], index=[9, 3]), pl.Series(["mg", "mcg"]))
    assert frame["band"].to_list() == ["low", "low"]


@pytest.mark.parametrize(
    "make",
    [
        lambda values: pd.Series(values, dtype="Float32"),
        lambda values: pd.Series(values, dtype=pd.ArrowDtype(pa.float32())),
        lambda values: pd.Series(values, dtype="float32").astype("category"),
    ],
    ids=["nullable", "arrow", "categorical"],
)
def test_float32_storage_of_every_pandas_kind_is_read_as_float32(make: Any) -> None:
    frame = classify_amount_series(make([0.1, 0.005, None]), "g")
    wanted = [expected_amount(np.float32(value), "g") for value in (0.1, 0.005)]
    assert frame_rows(frame) == [*wanted, (None, None, "missing")]
    assert frame["band"].tolist()[0] == "standard"
