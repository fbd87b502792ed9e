"""The named definitions shipped beside Box 1: each a band table over the same six ranges, each
citing a source whose own words it quotes; where a source names no range, Box 1's edges,
labelled as this project's rule."""

from __future__ import annotations

from fractions import Fraction
from importlib import resources

import pytest
from definition_table import PAGE, definition_table, page_table

from naltrexone_dose import (
    Band,
    BandTable,
    BandTableError,
    ErrorReason,
    EvidenceKind,
    StatementOrigin,
    band_table,
    classify_amounts,
    classify_dose,
    classify_many,
    default_band_table,
    parse_dose,
    shipped_band_tables,
)
from naltrexone_dose.dataframe import classify_amount_series, classify_series

NAMES = ["box1", "toljan_vrooman_2018", "raknes_smabrekke_2017", "nokc_2015"]
DEFINITIONS = [name for name in NAMES if name != "box1"]


def test_the_shipped_tables_are_box1_first_then_three_named_definitions() -> None:
    assert [table.name for table in shipped_band_tables()] == NAMES
    assert shipped_band_tables()[0] is default_band_table()
    data = resources.files("naltrexone_dose").joinpath("data")
    tables = {e.name.removesuffix(".toml") for e in data.iterdir() if e.name.endswith(".toml")}
    assert tables - {"writing"} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_shipped_table_validates_from_its_own_file_through_the_same_loader(name: str) -> None:
    text = resources.files("naltrexone_dose").joinpath(f"data/{name}.toml").read_text("utf-8")
    table = BandTable.from_toml(text)
    assert table == band_table(name)
    assert table.name == name
    assert [row.band for row in table.ranges] == list(Band)
    assert len(table.data_version.split(".")) == 3


@pytest.mark.parametrize("name", NAMES)
def test_each_definition_names_its_source_and_quotes_its_words(name: str) -> None:
    definition = band_table(name).definition
    assert definition is not None
    assert definition.authors
    assert definition.title
    assert definition.where
    assert definition.read_in
    assert definition.wording


# The source's words for its low range, as quoted (read, not recalled: see each read_in).
LOW_WORDING = {
    "box1": "Low-dose (1-5 mg)",
    "toljan_vrooman_2018": "Low-dose naltrexone (LDN), considered in a daily dose of 1 to 5 mg",
    "raknes_smabrekke_2017": "low dose naltrexone (LDN—typically <5 mg/day)",
    "nokc_2015": "Doses of 3 to 5 mg per day have often been termed low dose naltrexone.",
}


@pytest.mark.parametrize("name", NAMES)
def test_each_definition_s_low_range_is_the_one_its_quoted_words_give(name: str) -> None:
    table = band_table(name)
    assert table.definition is not None
    assert any(LOW_WORDING[name] in words for words in table.definition.wording)
    low = table.range_of(Band.LOW)
    expected = {
        "box1": ("1", True, "5", True),
        "toljan_vrooman_2018": ("1", True, "5", True),
        "raknes_smabrekke_2017": ("1", True, "5", False),
        "nokc_2015": ("3", True, "5", True),
    }[name]
    assert (low.lower, low.lower_inclusive, low.upper, low.upper_inclusive) == (
        Fraction(expected[0]),
        expected[1],
        Fraction(expected[2]),
        expected[3],
    )


@pytest.mark.parametrize("name", DEFINITIONS)
def test_a_named_definition_quotes_its_source_on_its_low_range_and_names_that_source(
    name: str,
) -> None:
    low = band_table(name).range_of(Band.LOW)
    quoted = [s for s in low.notes if s.origin is StatementOrigin.OTHER_SOURCE]
    assert quoted
    for statement in quoted:
        assert '"' in statement.text  # the source's words, in quotation marks
        assert statement.sources
        assert statement.evidence is not EvidenceKind.REVIEW_STATEMENT


@pytest.mark.parametrize("name", DEFINITIONS)
def test_every_edge_the_source_does_not_give_is_labelled_this_project_s_rule(name: str) -> None:
    for row in band_table(name).ranges:
        from_the_source = [s for s in row.notes if s.origin is StatementOrigin.OTHER_SOURCE]
        rules = [s for s in row.notes if s.origin is StatementOrigin.PROJECT_RULE and not s.general]
        assert rules or from_the_source, row.band
        if "not named" in row.label or "Box 1's" in row.label:
            assert rules, row.band
            assert all("project's rule" in s.text for s in rules)


@pytest.mark.parametrize("name", DEFINITIONS)
def test_a_named_definition_carries_no_box1_row_and_none_of_the_review_s_uses(name: str) -> None:
    table = band_table(name)
    for row in table.ranges:
        assert row.box1 is None
        assert row.uses == ()
        assert row.findings == ()
    result = classify_dose("4.5 mg", table=name)
    assert result.in_box1 is False
    assert result.box1 is None
    assert result.table == name


@pytest.mark.parametrize("name", DEFINITIONS)
def test_what_the_review_says_in_general_is_on_every_range_as_box1_holds_it(name: str) -> None:
    table = band_table(name)
    assert table.general_safety == default_band_table().general_safety
    for row in table.ranges:
        assert [s for s in row.safety if s.general] == list(table.general_safety)


@pytest.mark.parametrize(
    ("name", "mg_per_day", "band"),
    [
        ("raknes_smabrekke_2017", "5", Band.BETWEEN_LOW_AND_STANDARD),
        ("raknes_smabrekke_2017", "4.999", Band.LOW),
        ("box1", "5", Band.LOW),
        ("nokc_2015", "2.999", Band.VERY_LOW),
        ("nokc_2015", "3", Band.LOW),
        ("nokc_2015", "5", Band.LOW),
        ("toljan_vrooman_2018", "0.001", Band.VERY_LOW),
        ("toljan_vrooman_2018", "1", Band.LOW),
    ],
)
def test_a_dose_at_a_definition_s_edge_falls_where_its_words_put_it(
    name: str, mg_per_day: str, band: Band
) -> None:
    assert band_table(name).place(Fraction(mg_per_day)).band is band


@pytest.mark.parametrize("name", DEFINITIONS)
def test_every_entry_point_takes_a_shipped_table_by_name(name: str) -> None:
    table = band_table(name)
    assert classify_dose("5 mg", table=name) == classify_dose("5 mg", table=table)
    assert parse_dose("5 mg", table=name) == parse_dose("5 mg", table=table)
    assert classify_many(["5 mg"], table=name) == classify_many(["5 mg"], table=table)
    codes = classify_amounts([5], "mg/day", table=name)
    assert list(codes) == list(classify_amounts([5], "mg/day", table=table))


def test_an_unknown_table_name_is_refused_naming_the_shipped_ones() -> None:
    with pytest.raises(BandTableError, match="no shipped band table is named 'ldn'") as caught:
        classify_dose("4.5 mg", table="ldn")
    assert caught.value.reason is ErrorReason.INVALID_TABLE
    assert "raknes_smabrekke_2017" in str(caught.value)


def test_the_depot_is_only_in_box1_s_table() -> None:
    assert classify_dose("Vivitrol 380 mg IM q4wk", table="box1").band is Band.STANDARD
    with pytest.raises(ValueError, match="not a known injectable regimen"):
        classify_dose("Vivitrol 380 mg IM q4wk", table="nokc_2015")


def test_the_definitions_page_shows_the_shipped_tables_as_the_data_holds_them() -> None:
    """Regenerate it with ``python tests/definition_table.py``."""
    assert page_table(PAGE.read_text("utf-8")) == definition_table()


@pytest.mark.parametrize("name", DEFINITIONS)
def test_the_dataframe_functions_take_a_shipped_table_by_name(name: str) -> None:
    pd = pytest.importorskip("pandas")
    texts = pd.Series(["5 mg daily", "2 mg"])
    by_name = classify_series(texts, table=name)
    assert by_name.equals(classify_series(texts, table=band_table(name)))
    amounts = classify_amount_series(pd.Series([5.0, 2.0]), "mg/day", table=name)
    assert amounts.equals(
        classify_amount_series(pd.Series([5.0, 2.0]), "mg/day", table=band_table(name))
    )
