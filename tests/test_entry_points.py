"""Every entry point gives classify_dose's answer, row by row (issue 19's contract).

The matrix: each entry point, and the input kinds it accepts.

| entry point | input kinds |
|---|---|
| classify_many (no unit) | text, pint Quantities, FHIR Quantities, missing values |
| classify_many (one unit) | float, int, Decimal, Fraction, numpy float16/32/64/longdouble |
| classify_amounts | the same numbers, as lists, object arrays and arrays of each width |
| classify_amount_series | the same numbers: pandas float16/32/64 and object columns, polars |
| classify_series, classify_column | text: pandas (str and object), polars, Dask |

Where an entry point returns a band, a daily dose or a refusal reason, they equal
classify_dose's for that row (a missing value: SPEC's missing row), with near-equal values
side by side in one batch and across repeated calls, in either order.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import dask.dataframe as dd
import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import (
    NUMBER_UNITS,
    fhir_quantities,
    float_arrays,
    near_equal_numbers,
    near_equal_quantities,
    near_equal_texts,
    numbers_of_every_kind,
    pint_quantities,
    texts_of_every_kind,
)

from naltrexone_dose import (
    INVALID_CODE,
    DoseClassification,
    DoseError,
    DoseFailure,
    classify_amounts,
    classify_dose,
    classify_many,
)
from naltrexone_dose._batch import failure, missing_row
from naltrexone_dose._missing import is_missing
from naltrexone_dose.dataframe import classify_amount_series, classify_column, classify_series

if TYPE_CHECKING:
    from collections.abc import Sequence

#: (band, mg_per_day, reason) of one row; mg_per_day is NaN where there is none.
Answer = tuple[str | None, float, str | None]

pytestmark = pytest.mark.property


def answer(value: object, unit: str | None = None) -> Answer:
    """What classify_dose says of one row (SPEC's missing row for a missing value)."""
    if is_missing(value):
        return None, math.nan, "missing"
    try:
        result = classify_dose(value, unit)
    except DoseError as error:
        return None, math.nan, error.reason.value
    mg = float(result.mg_per_day) if result.mg_per_day is not None else math.nan
    return result.band.value, mg, None


def single(value: object, unit: str | None = None) -> DoseClassification | DoseFailure:
    """classify_dose's result, or the failure entry a batch gives in its place."""
    if is_missing(value):
        return missing_row(value)
    try:
        return classify_dose(value, unit)
    except DoseError as error:
        return failure(value, error)


def same_answers(found: Sequence[Answer], wanted: Sequence[Answer]) -> bool:
    return len(found) == len(wanted) and all(
        a[0] == b[0] and a[2] == b[2] and (a[1] == b[1] or (math.isnan(a[1]) and math.isnan(b[1])))
        for a, b in zip(found, wanted, strict=True)
    )


def frame_answers(frame: pd.DataFrame) -> list[Answer]:
    return [
        (
            None if pd.isna(band) else str(band),
            float(mg),
            reason if isinstance(reason, str) else None,
        )
        for band, mg, reason in zip(
            frame["band"], frame["mg_per_day"], frame["reason"], strict=True
        )
    ]


def polars_answers(frame: pl.DataFrame) -> list[Answer]:
    return [
        (band, math.nan if mg is None else mg, reason)
        for band, mg, reason in zip(
            frame["band"].to_list(), frame["mg_per_day"].to_list(), frame["reason"].to_list(),
            strict=True,
        )
    ]  # fmt: skip


def code_of(value: object, unit: str) -> int:
    """classify_amounts' code for one value: the band's rank, or INVALID_CODE exactly when
    classify_dose refuses it (or it is missing)."""
    band, _, _ = answer(value, unit)
    if band is None:
        return INVALID_CODE
    return classify_dose(value, unit).band.rank


def both_orders(values: list[object]) -> list[list[object]]:
    return [values, values[::-1]]


# -- classify_many --------------------------------------------------------------------------------

unitless_inputs = st.lists(
    st.one_of(texts_of_every_kind(), pint_quantities(), fhir_quantities()), max_size=12
)


@given(unitless_inputs, near_equal_texts(), near_equal_quantities())
def test_classify_many_of_text_quantities_and_fhir_is_classify_dose_row_by_row(
    values: list[object], texts: list[str], quantities: list[object]
) -> None:
    batch = [*values, *texts, *quantities]
    for ordered in both_orders(batch):
        rows = classify_many(ordered, errors="collect")
        assert rows == [single(value) for value in ordered]


@given(
    st.lists(numbers_of_every_kind(), max_size=12),
    near_equal_numbers(),
    st.sampled_from(NUMBER_UNITS),
)
def test_classify_many_of_numbers_in_a_unit_is_classify_dose_row_by_row(
    values: list[object], neighbours: list[object], unit: str
) -> None:
    batch = [*values, *neighbours]
    for ordered in both_orders(batch):
        rows = classify_many(ordered, unit=unit, errors="collect")
        assert rows == [single(value, unit) for value in ordered]


# -- classify_amounts -----------------------------------------------------------------------------


@given(
    st.lists(numbers_of_every_kind(), max_size=12),
    near_equal_numbers(),
    st.sampled_from(NUMBER_UNITS),
)
def test_classify_amounts_codes_are_the_band_rank_or_invalid_exactly_when_refused(
    values: list[object], neighbours: list[object], unit: str
) -> None:
    batch = [*values, *neighbours]
    wanted = [code_of(value, unit) for value in batch]
    assert classify_amounts(batch, unit).tolist() == wanted
    assert classify_amounts(np.array(batch, dtype=object), unit).tolist() == wanted
    assert classify_amounts(batch[::-1], unit).tolist() == wanted[::-1]


@given(
    float_arrays(),
    st.sampled_from(NUMBER_UNITS),
)
def test_classify_amounts_of_an_array_of_each_width_reads_each_value_in_its_own_type(
    drawn: tuple[type, list[float]], unit: str
) -> None:
    kind, floats = drawn
    array = np.array(floats, dtype=kind)
    assert classify_amounts(array, unit).tolist() == [code_of(value, unit) for value in array]


# -- classify_amount_series -----------------------------------------------------------------------

series_numbers = st.one_of(
    st.floats(),
    st.floats(min_value=1e-7, max_value=1e4),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.fractions(max_denominator=10**6),
    st.decimals(allow_nan=False, places=6),
    st.none(),
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(series_numbers, max_size=12), near_equal_numbers(), st.sampled_from(NUMBER_UNITS))
def test_classify_amount_series_of_objects_is_classify_dose_row_by_row(
    values: list[object], neighbours: list[object], unit: str
) -> None:
    batch = [*values, *neighbours]
    wanted = [answer(value, unit) for value in batch]
    for _ in range(2):  # a second call answers from the cache as the first did
        frame = classify_amount_series(pd.Series(batch, dtype=object), unit)
        assert same_answers(frame_answers(frame), wanted)
    backwards = classify_amount_series(pd.Series(batch[::-1], dtype=object), unit)
    assert same_answers(frame_answers(backwards), wanted[::-1])


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    float_arrays(),
    st.sampled_from(NUMBER_UNITS),
)
def test_classify_amount_series_of_a_float_column_reads_it_in_its_own_type(
    drawn: tuple[type, list[float]], unit: str
) -> None:
    kind, floats = drawn
    array = np.array(floats, dtype=kind)
    wanted = [answer(value, unit) for value in array]
    assert same_answers(frame_answers(classify_amount_series(pd.Series(array), unit)), wanted)
    polars_frame = classify_amount_series(pl.Series(array), unit)
    assert same_answers(polars_answers(polars_frame), wanted)


# -- text columns ---------------------------------------------------------------------------------

text_columns = st.tuples(st.lists(texts_of_every_kind(), max_size=12), near_equal_texts()).map(
    lambda drawn: [*drawn[0], *drawn[1]]
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text_columns)
def test_pandas_and_polars_text_columns_are_classify_dose_row_by_row(
    texts: list[str | None],
) -> None:
    for ordered in both_orders(list(texts)):
        wanted = [answer(text) for text in ordered]
        for dtype in ("str", object):
            series = pd.Series(ordered, dtype=dtype)
            assert same_answers(frame_answers(classify_series(series)), wanted)
        polars_frame = classify_series(pl.Series(ordered, dtype=pl.String))
        assert same_answers(polars_answers(polars_frame), wanted)
        keyed = pd.DataFrame(
            {"key": range(len(ordered)), "dose": ordered}, index=[0] * len(ordered)
        )
        added = classify_column(keyed, "dose")
        assert added["key"].tolist() == list(range(len(ordered)))
        assert same_answers(frame_answers(added), wanted)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_columns, st.integers(min_value=1, max_value=3))
def test_dask_text_columns_are_classify_dose_row_by_row(
    texts: list[str | None], parts: int
) -> None:
    table = pd.DataFrame({"key": range(len(texts)), "dose": pd.Series(texts, dtype=object)})
    frame = dd.from_pandas(table, npartitions=parts)
    added = frame.map_partitions(
        classify_column, "dose", meta=classify_column(frame._meta, "dose")
    ).compute()
    assert added["key"].tolist() == list(range(len(texts)))
    assert same_answers(frame_answers(added), [answer(text) for text in texts])
