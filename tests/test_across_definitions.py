"""A dose, and a cohort, under every shipped definition: property tests at every boundary of
every table (edges drawn from the tables themselves), and the view's own rules."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import (
    SHIPPED_TABLES,
    decimal_text,
    doses_near_shipped_edges,
    shipped_edges,
    table_boundaries,
)

from naltrexone_dose import (
    Band,
    DailyDoseUnknownError,
    DoseError,
    across_definitions,
    counts_across_definitions,
)

positive_doses = st.one_of(
    doses_near_shipped_edges(),
    st.fractions(min_value=Fraction(1, 10**6), max_value=Fraction(10**4), max_denominator=10**6),
).filter(lambda dose: dose > 0)


@given(positive_doses)
def test_every_positive_dose_is_in_exactly_one_range_of_every_table(dose: Fraction) -> None:
    """SPEC: every dose d > 0 falls in exactly one of six ranges; so under each definition."""
    rows = across_definitions(decimal_text(dose), "mg/day") if _terminating(dose) else None
    for index, table in enumerate(SHIPPED_TABLES):
        holding = [row for row in table.ranges if row.contains(dose)]
        assert len(holding) == 1
        assert table.place(dose) is holding[0]
        if rows is not None:
            assert rows[index].table == table.name
            assert rows[index].band is holding[0].band


def _terminating(value: Fraction) -> bool:
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


@given(shipped_edges())
def test_a_dose_at_each_boundary_of_each_table_falls_in_the_range_that_owns_it(
    drawn: tuple[object, Fraction, Band],
) -> None:
    table, edge, owner = drawn
    rows = {row.table: row for row in across_definitions(decimal_text(edge), "mg/day")}
    row = rows[table.name]  # type: ignore[attr-defined]
    assert row.band is owner
    assert row.mg_per_day == edge
    assert row.deciding_edge_mg_per_day == edge  # at an edge, that edge decides


@given(shipped_edges(), st.sampled_from([Fraction(1, 10**6), Fraction(1, 10**3)]))
def test_just_either_side_of_a_boundary_the_ranges_are_the_two_it_separates(
    drawn: tuple[object, Fraction, Band], hair: Fraction
) -> None:
    table, edge, _ = drawn
    below = table.place(edge - edge * hair).band  # type: ignore[attr-defined]
    above = table.place(edge + edge * hair).band  # type: ignore[attr-defined]
    assert above.rank == below.rank + 1


@given(positive_doses, positive_doses)
def test_a_larger_dose_is_never_in_a_lower_range_under_any_definition(
    first: Fraction, second: Fraction
) -> None:
    low, high = sorted((first, second))
    for table in SHIPPED_TABLES:
        assert table.place(low).band.rank <= table.place(high).band.rank


@given(shipped_edges(), st.sampled_from(["g", "mg", "mcg", "ng"]), st.sampled_from(["", "/day"]))
def test_the_unit_does_not_change_any_row(
    drawn: tuple[object, Fraction, Band], unit: str, per: str
) -> None:
    _, edge, _ = drawn
    factor = {
        "g": Fraction(1, 1000),
        "mg": Fraction(1),
        "mcg": Fraction(1000),
        "ng": Fraction(10**6),
    }
    written = f"{decimal_text(edge * factor[unit])} {unit}{per}"
    assert across_definitions(written) == across_definitions(decimal_text(edge), "mg/day")


@given(positive_doses)
def test_the_deciding_edge_is_an_end_of_the_range_and_the_nearer_one(dose: Fraction) -> None:
    if not _terminating(dose):
        return
    for row, table in zip(
        across_definitions(decimal_text(dose), "mg/day"), SHIPPED_TABLES, strict=True
    ):
        band_row = table.range_of(row.band)
        ends = [end for end in (band_row.lower, band_row.upper) if end]
        assert row.deciding_edge_mg_per_day in ends

        def ratio(edge: Fraction) -> Fraction:
            return dose / edge if dose >= edge else edge / dose

        assert all(ratio(row.deciding_edge_mg_per_day) <= ratio(end) for end in ends)


@given(st.lists(positive_doses.filter(_terminating), max_size=12))
def test_the_counts_of_a_column_are_the_rows_of_its_doses_added_up(doses: list[Fraction]) -> None:
    texts = [f"{decimal_text(dose)} mg/day" for dose in doses]
    counts = counts_across_definitions(texts)
    assert counts.placed == len(doses)
    for table in SHIPPED_TABLES:
        assert sum(counts.counts[table.name].values()) == len(doses)
        for band in Band:
            expected = sum(table.place(dose).band is band for dose in doses)
            assert counts.counts[table.name][band] == expected
    first = SHIPPED_TABLES[0]
    for table in SHIPPED_TABLES:
        moved = sum(table.place(d).band is not first.place(d).band for d in doses)
        assert counts.differs_from_first[table.name] == moved


def test_every_boundary_of_every_shipped_table_is_drawn_by_the_strategies() -> None:
    """The strategies sample from the tables themselves: five boundaries each."""
    for table in SHIPPED_TABLES:
        assert len(table_boundaries(table)) == 5


def test_the_definitions_disagree_where_their_words_differ() -> None:
    rows = {row.table: row for row in across_definitions("5 mg daily")}
    assert rows["box1"].band is Band.LOW
    assert rows["raknes_smabrekke_2017"].band is Band.BETWEEN_LOW_AND_STANDARD
    assert rows["raknes_smabrekke_2017"].same_band_as_first is False
    assert rows["raknes_smabrekke_2017"].deciding_edge.startswith("lower end 5 mg (included)")
    two = {row.table: row.band for row in across_definitions("1 mg twice daily")}
    assert two["nokc_2015"] is Band.VERY_LOW
    assert two["box1"] is Band.LOW


def test_a_subset_of_tables_by_name_or_table_keeps_its_order() -> None:
    rows = across_definitions("2 mg", tables=["nokc_2015", SHIPPED_TABLES[0]])
    assert [row.table for row in rows] == ["nokc_2015", "box1"]
    assert rows[1].same_band_as_first is False
    with pytest.raises(ValueError, match="at least one band table"):
        across_definitions("4 mg", tables=[])


def test_the_depot_has_no_daily_dose_to_place_and_is_counted_apart() -> None:
    with pytest.raises(DailyDoseUnknownError, match="compare oral daily doses"):
        across_definitions("Vivitrol 380 mg IM q4wk")
    counts = counts_across_definitions(["Vivitrol 380 mg IM q4wk", "4.5 mg", "", float("nan")])
    assert counts.placed == 1
    assert counts.not_placed == {"depot_no_daily_dose": 1, "missing": 2}


def test_a_bad_dose_is_refused_for_one_and_counted_by_reason_for_many() -> None:
    with pytest.raises(DoseError):
        across_definitions("4,5 mg")
    assert counts_across_definitions(["4,5 mg"]).not_placed == {"decimal_comma": 1}


def test_counts_take_numbers_with_a_unit_and_a_pandas_series() -> None:
    pd = pytest.importorskip("pandas")
    series = pd.Series([4.5, 5.0, None, 50.0])
    counts = counts_across_definitions(series, "mg/day")
    assert counts.placed == 3
    frame = counts.to_frame()
    assert list(frame.columns) == [table.name for table in SHIPPED_TABLES]
    assert frame.loc["low", "box1"] == 2
    assert frame.loc["low", "raknes_smabrekke_2017"] == 1
    assert frame.loc["between_low_and_standard", "raknes_smabrekke_2017"] == 1
