"""Amounts in output: the safe way (0.5 mg, 1 mg), exact where the decimal ends."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naltrexone_dose._format import _decimal_places, format_amount


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(0), "0"),
        (Fraction(9, 2), "4.5"),
        (Fraction(1, 2), "0.5"),
        (Fraction(1), "1"),
        (Fraction(50), "50"),
        (Fraction(1, 1000), "0.001"),
        (Fraction(1, 8), "0.125"),
        (Fraction(1, 16), "0.0625"),
        (Fraction(3, 25), "0.12"),
        (Fraction(7, 20), "0.35"),
        (Fraction(1, 10**9), "0.000000001"),
        (Fraction(10**15 - 1), "999999999999999"),
        (Fraction(-9, 2), "-4.5"),
        (Fraction(1, 3), "~0.333333"),
        (Fraction(150, 7), "~21.4286"),
        (Fraction(1, 10**10), "~1e-10"),
        (Fraction(10**15), "~1e+15"),
        (Fraction(11, 10) * Fraction(10) ** 1111, "~1.1e+1111"),
        (Fraction(-3, 10**4000), "~-3e-4000"),
        (Fraction(10**5000), "~1e+5000"),
    ],
)
def test_format_amount(value: Fraction, text: str) -> None:
    assert format_amount(value) == text


@pytest.mark.parametrize(
    ("denominator", "places"),
    [(1, 0), (2, 1), (4, 2), (5, 1), (8, 3), (10, 1), (16, 4), (20, 2), (25, 2), (40, 3), (125, 3),
     (1000, 3), (3, None), (6, None), (7, None), (12, None), (30, None)],
)  # fmt: skip
def test_decimal_places(denominator: int, places: int | None) -> None:
    assert _decimal_places(denominator) == places


@given(st.integers(1, 10**12), st.integers(0, 8), st.integers(0, 8))
def test_a_terminating_amount_is_written_exactly(numerator: int, twos: int, fives: int) -> None:
    value = Fraction(numerator, 2**twos * 5**fives)
    if not Fraction(1, 10**9) <= value < 10**15:
        return
    text = format_amount(value)
    assert Fraction(text) == value
    assert not text.startswith(".")
    assert "." not in text or not text.endswith("0")
    assert not text.endswith(".")


@given(
    st.fractions(min_value=Fraction(1, 10**6), max_value=10**6).filter(
        lambda f: _decimal_places(f.denominator) is None
    )
)
def test_a_recurring_amount_is_marked_approximate(value: Fraction) -> None:
    text = format_amount(value)
    assert text.startswith("~")
    assert abs(float(text[1:]) - float(value)) <= abs(float(value)) * 1e-5
