"""classify_amounts: vectorised band codes, identical to classify_dose at every boundary."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BOUNDARIES, RATE_SPELLINGS

from naltrexone_dose import INVALID_CODE, DoseError, classify_amounts, classify_dose

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
