"""Behaviour on a small swapped-in band table (phonenumbers' habit): the reader and the
placement follow whatever table is given, so these tests survive changes to the shipped data."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import table_boundaries

from naltrexone_dose import Band, BandTable, classify_dose, classify_many, default_band_table

#: Made-up edges, far from Box 1's, so a test that passes by reading the shipped numbers fails.
EDGES = ("0.02", "2", "10", "40", "200")


def _small_table() -> BandTable:
    shipped = default_band_table().model_dump()
    edges = [Fraction(0), *map(Fraction, EDGES), None]
    for index, row in enumerate(shipped["ranges"]):
        row["lower"], row["upper"] = (
            str(edges[index]),
            None if edges[index + 1] is None else str(edges[index + 1]),
        )
        row["example_mg_per_day"] = str(edges[index] + Fraction(1, 100))
    shipped["name"] = "small"
    shipped["regimens"] = []
    return BandTable.from_mapping(shipped)


SMALL = _small_table()


@pytest.mark.parametrize(("mg_per_day", "band"), sorted(table_boundaries(SMALL).items()))
def test_a_dose_at_each_edge_of_a_swapped_in_table_falls_where_that_table_says(
    mg_per_day: Fraction, band: Band
) -> None:
    text = f"{float(mg_per_day):g} mg daily"
    assert classify_dose(text, table=SMALL).band is band


@given(st.sampled_from(sorted(table_boundaries(SMALL))), st.sampled_from(["mg", "mcg", "ng"]))
def test_the_unit_does_not_change_the_band_in_a_swapped_in_table(edge: Fraction, unit: str) -> None:
    factor = {"mg": 1, "mcg": 1000, "ng": 10**6}[unit]
    amount = edge * factor
    text = f"{amount.numerator / amount.denominator:.12g} {unit}/day"
    assert classify_dose(text, table=SMALL).band is SMALL.place(edge).band


def test_a_swapped_in_table_names_itself_on_every_result_and_has_no_depot() -> None:
    (result,) = classify_many(["4.5 mg"], table=SMALL)
    assert result.table == "small"
    assert (
        classify_dose("380 mg IM every 4 weeks", table=default_band_table()).band is Band.STANDARD
    )
    with pytest.raises(ValueError, match="not a known injectable regimen"):
        classify_dose("380 mg IM every 4 weeks", table=SMALL)
