"""classify_amounts: vectorised band codes, identical to classify_dose at every boundary."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BOUNDARIES, RATE_SPELLINGS

from naltrexone_dose import INVALID_CODE, DoseError, DoseTypeError, classify_amounts, classify_dose

UNITS = ["mg", "mcg", "g", "ng", "mg/day", "mg/week", "mcg/day", "mg/h", "mg/12h", "mg/2d", "lb"]


def expected_code(value: float, unit: str) -> int:
    try:
        return classify_dose(value, unit).band.rank
    except DoseError:
        return INVALID_CODE


def edge_values(unit: str) -> list[float]:
    """Each boundary in the unit, and the floats just either side of it."""
    per_day = classify_dose(1, unit).mg_per_day
    assert per_day is not None
    values = []
    for boundary in [*BOUNDARIES, Fraction(1, 10**300), Fraction(10**300)]:
        at = float(boundary / per_day)
        values += [math.nextafter(at, 0), at, math.nextafter(at, math.inf)]
    return values


@pytest.mark.parametrize("unit", UNITS)
def test_codes_equal_classify_dose_at_and_beside_every_boundary(unit: str) -> None:
    values = edge_values(unit)
    assert classify_amounts(values, unit).tolist() == [expected_code(v, unit) for v in values]


def test_invalid_values_get_the_invalid_code_never_a_band() -> None:
    values = [0.0, -0.0, -1.0, float("nan"), float("inf"), -float("inf"), 1e301, 1e-301]
    assert classify_amounts(values).tolist() == [INVALID_CODE] * len(values)


def test_the_result_is_an_int8_array_of_the_input_length() -> None:
    codes = classify_amounts(np.array([4.5, 50.0]))
    assert codes.dtype == np.int8
    assert codes.shape == (2,)


@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), max_size=40),
    st.sampled_from(
        [
            "mg",
            "mcg",
            "mg/week",
            "mg/h",
            *(f"mg{r.strip()}" for r in RATE_SPELLINGS if r.startswith("/")),
        ]
    ),
)
def test_codes_equal_classify_dose_for_any_floats(values: list[float], unit: str) -> None:
    assert classify_amounts(values, unit).tolist() == [expected_code(v, unit) for v in values]


def test_a_unit_that_is_not_a_mass_rate_is_a_dose_error() -> None:
    with pytest.raises(DoseError):
        classify_amounts([1.0], "mL")


@pytest.mark.parametrize("unit", ["pg", "pg/day", "ng", "ng/week"])
def test_units_whose_edges_pass_a_floats_range_give_codes_not_overflow(unit: str) -> None:
    per_day = classify_dose(1, unit).mg_per_day
    assert per_day is not None
    at = [float(boundary / per_day) for boundary in BOUNDARIES]
    values = [*at, *(math.nextafter(x, math.inf) for x in at), 4500.0, 1.5e308, math.inf]
    assert classify_amounts(values, unit).tolist() == [expected_code(v, unit) for v in values]


def test_an_integer_past_a_floats_range_is_out_of_range_not_an_overflow() -> None:
    assert classify_amounts([4.5, 10**400, -(10**400)]).tolist() == [2, INVALID_CODE, INVALID_CODE]
    assert expected_code(10**400, "mg") == INVALID_CODE  # classify_dose agrees


@pytest.mark.parametrize(
    "values",
    [
        ["4.5"],
        ["4.5 mg"],
        [True, 4.5],
        np.array([True]),
        [4.5, "x"],
        [object()],
        [[1.0], [2.0, 3.0]],
    ],
)
def test_values_that_are_not_numbers_are_a_dose_type_error(values: object) -> None:
    with pytest.raises(DoseTypeError):
        classify_amounts(values)


def test_a_bool_is_refused_as_classify_dose_refuses_it() -> None:
    with pytest.raises(DoseTypeError) as from_dose:
        classify_dose(True, "mg")
    with pytest.raises(DoseTypeError) as from_array:
        classify_amounts([True])
    assert from_dose.value.reason is from_array.value.reason


@pytest.mark.parametrize(
    ("unit", "table"), [(["mg"], None), (b"mg", None), ("mg", {}), ("mg", b"box1")]
)
def test_a_unit_that_is_not_text_or_a_table_that_is_not_a_band_table_is_refused(
    unit: object, table: object
) -> None:
    with pytest.raises(DoseTypeError):
        classify_amounts([4.5], unit, table=table)  # type: ignore[arg-type]


def test_masked_elements_get_no_band() -> None:
    # Issue 19: the masked values of a masked array were given a band.
    values = np.ma.masked_array([4.5, 50.0, 0.5, 100.0], mask=[False, True, False, True])
    assert classify_amounts(values).tolist() == [2, INVALID_CODE, 1, INVALID_CODE]
    floats32 = np.ma.masked_array(np.array([0.1, 0.1], dtype=np.float32), mask=[True, False])
    assert classify_amounts(floats32, "g").tolist() == [INVALID_CODE, 4]


@pytest.mark.parametrize(
    "value",
    [
        Decimal("5.0000000000000000001"),
        Decimal("0.00099999999999999999999"),
        Fraction(5 * 10**20 + 1, 10**20),
        Fraction(1, 3),
        2**60 + 1,
        -(2**60),
        np.float32(0.1),
        np.float16(0.1),
        np.longdouble("0.1"),
    ],
    ids=repr,
)
def test_exact_numbers_get_the_band_classify_dose_gives_them(value: object) -> None:
    # Issue 19: a Decimal or Fraction was widened to a float first (5.0000000000000000001
    # mg came back low).
    for unit in ("mg", "g", "mcg/day"):
        expected = expected_code(value, unit)  # type: ignore[arg-type]
        assert classify_amounts([value], unit).tolist() == [expected]
        assert classify_amounts([value, 4.5], unit).tolist()[0] == expected
        assert classify_amounts(np.array([value], dtype=object), unit).tolist() == [expected]


def test_a_list_mixing_float_widths_reads_each_in_its_own_type() -> None:
    # numpy would widen the float32 beside a float to float64 (0.10000000149011612 g).
    assert classify_amounts([np.float32(0.1), 0.05], "g").tolist() == [
        expected_code(np.float32(0.1), "g"),  # type: ignore[arg-type]
        expected_code(0.05, "g"),
    ]
    assert classify_amounts([np.float32(0.1), 0.05], "g").tolist() == [4, 4]


def test_integer_arrays_past_a_floats_precision_are_read_exactly() -> None:
    values = np.array([5, 2**53 + 1, 2**62], dtype=np.int64)
    assert classify_amounts(values, "pg").tolist() == [expected_code(int(v), "pg") for v in values]


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, np.ma.masked, "", "  "], ids=repr)
def test_missing_values_in_an_object_array_get_the_invalid_code(missing: object) -> None:
    values = np.array([4.5, missing, Decimal(50)], dtype=object)
    assert classify_amounts(values).tolist() == [2, INVALID_CODE, 4]
