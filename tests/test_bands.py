"""The band table: the shipped data against itself, validation faults, placement rules."""

from __future__ import annotations

import tomllib
from fractions import Fraction
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from strategies import BAND_BOUNDS, BOUNDARIES, bands_with_doses, positive_amounts

from naltrexone_dose import (
    Band,
    BandTable,
    BandTableError,
    DoseError,
    ErrorReason,
    EvidenceKind,
    classify_dose,
    default_band_table,
)

SEED_REFERENCES = 28


def shipped_data() -> dict[str, Any]:
    text = resources.files("naltrexone_dose").joinpath("data/box1.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_the_shipped_table_has_six_ranges_in_dose_order() -> None:
    table = default_band_table()
    assert [row.band for row in table.ranges] == list(Band)


def test_every_reference_of_the_shipped_table_resolves_to_the_review_list() -> None:
    table = default_band_table()
    numbers = {reference.number for reference in table.references}
    assert numbers == set(range(1, SEED_REFERENCES + 1))
    for row in table.ranges:
        for statement in row.statements():
            assert set(statement.references) <= numbers, statement.text
            assert statement.evidence in set(EvidenceKind)


@pytest.mark.parametrize("band", list(Band))
def test_each_band_example_dose_lands_in_its_own_band(band: Band) -> None:
    row = default_band_table().range_of(band)
    assert classify_dose(row.example_mg_per_day, "mg/day").band is band


def test_box1_rows_are_as_the_review_prints_them() -> None:
    table = default_band_table()
    assert table.range_of(Band.STANDARD).box1 is not None
    assert table.range_of(Band.STANDARD).box1.dose_range == "50-100 mg"  # type: ignore[union-attr]
    assert table.range_of(Band.LOW).box1.dose_range == "1-5 mg"  # type: ignore[union-attr]
    assert table.range_of(Band.VERY_LOW).box1.dose_range == "0.001-1 mg"  # type: ignore[union-attr]
    assert table.range_of(Band.ULTRA_LOW).box1.dose_range == "< 0.001 mg"  # type: ignore[union-attr]
    assert table.range_of(Band.BETWEEN_LOW_AND_STANDARD).box1 is None
    assert table.range_of(Band.ABOVE_STANDARD).box1 is None


def test_the_code_holds_no_clinical_text() -> None:
    """Band facts live in the data file; no mechanism or use is spelt out in the code."""
    package = resources.files("naltrexone_dose")
    code = "\n".join(
        item.read_text("utf-8") for item in package.iterdir() if item.name.endswith(".py")
    )
    for row in default_band_table().ranges:
        for statement in row.statements():
            assert statement.text not in code
        if row.box1:
            assert row.box1.mechanism not in code


# -- placement ----------------------------------------------------------------------------


#: SPEC's boundary rule, written out once to check the shipped table against it.
SPEC_BOUNDARIES = {
    Fraction(1, 1000): Band.VERY_LOW,
    Fraction(1): Band.LOW,
    Fraction(5): Band.LOW,
    Fraction(50): Band.STANDARD,
    Fraction(100): Band.STANDARD,
}


def test_the_shipped_table_has_the_boundaries_spec_sets() -> None:
    assert SPEC_BOUNDARIES == BOUNDARIES


@pytest.mark.parametrize(("mg_per_day", "band"), sorted(SPEC_BOUNDARIES.items()))
def test_boundaries_fall_on_the_side_the_rule_says(mg_per_day: Fraction, band: Band) -> None:
    assert default_band_table().place(mg_per_day).band is band


@pytest.mark.property
@given(positive_amounts())
def test_every_positive_dose_lands_in_exactly_one_range(mg_per_day: Fraction) -> None:
    """SPEC: every dose d > 0 falls in exactly one of six ranges."""
    holders = [row.band for row in default_band_table().ranges if row.contains(mg_per_day)]
    assert len(holders) == 1
    lower, upper = BAND_BOUNDS[holders[0]]
    assert lower <= mg_per_day
    assert upper is None or mg_per_day <= upper


@pytest.mark.property
@given(positive_amounts(), positive_amounts())
def test_range_order_follows_dose_order(a: Fraction, b: Fraction) -> None:
    """SPEC: the six ranges are in dose order."""
    table = default_band_table()
    low, high = sorted((a, b))
    assert table.place(low).band.rank <= table.place(high).band.rank


@pytest.mark.property
@given(bands_with_doses())
def test_doses_drawn_inside_a_band_are_placed_there(drawn: tuple[Band, Fraction]) -> None:
    band, mg_per_day = drawn
    assert default_band_table().place(mg_per_day).band is band


# -- custom tables and faults ---------------------------------------------------------------


def test_a_custom_table_is_used_and_the_default_is_unchanged() -> None:
    data = shipped_data()
    data["name"] = "ldn_upto_4_5"
    data["ranges"][2]["upper"] = "4.5"
    data["ranges"][3]["lower"] = "4.5"
    data["ranges"][2]["example_mg_per_day"] = "3"
    custom = BandTable.from_mapping(data)
    assert classify_dose("4.8 mg", table=custom).band is Band.BETWEEN_LOW_AND_STANDARD
    assert classify_dose("4.8 mg", table=custom).table == "ldn_upto_4_5"
    assert classify_dose("4.8 mg").band is Band.LOW
    assert default_band_table().range_of(Band.LOW).upper == 5


def test_a_table_read_from_toml_text_validates() -> None:
    text = resources.files("naltrexone_dose").joinpath("data/box1.toml").read_text("utf-8")
    assert BandTable.from_toml(text) == default_band_table()


def test_a_table_dumped_and_read_again_is_unchanged_general_statements_attached_once() -> None:
    table = default_band_table()
    again = BandTable.from_mapping(table.model_dump())
    assert again == table
    assert BandTable.model_validate_json(table.model_dump_json()) == table
    low = again.range_of(Band.LOW)
    assert sum(s.general for s in low.safety) == len(table.general_safety)


def test_the_shipped_table_is_read_only() -> None:
    table = default_band_table()
    with pytest.raises(Exception, match="frozen"):
        table.name = "changed"  # type: ignore[misc]
    assert isinstance(table.ranges, tuple)


def _broken(change: str) -> dict[str, Any]:
    data = shipped_data()
    ranges = data["ranges"]
    if change == "overlap":
        ranges[1]["upper_inclusive"] = True
    elif change == "gap":
        ranges[3]["lower"] = "6"
    elif change == "reversed":
        ranges[4]["lower"], ranges[4]["upper"] = "100", "50"
        ranges[3]["upper"] = "100"
    elif change == "missing_reference":
        ranges[2]["uses"][0]["references"] = [99]
    elif change == "unknown_evidence":
        ranges[2]["uses"][0]["evidence"] = "anecdote"
    elif change == "malformed_number":
        ranges[1]["upper"] = "one"
    elif change == "float_bound":
        ranges[1]["upper"] = 1.0
    elif change == "missing_range":
        del ranges[3]
    elif change == "example_outside":
        ranges[2]["example_mg_per_day"] = "50"
    elif change == "statement_without_citation":
        ranges[2]["uses"][0]["references"] = []
    elif change == "empty_range":
        ranges[4]["upper"] = "50"
        ranges[5]["lower"] = "50"
        ranges[4]["example_mg_per_day"] = "50"
    elif change == "first_not_from_zero":
        ranges[0]["lower"] = "0.0001"
    elif change == "first_includes_zero":
        ranges[0]["lower_inclusive"] = True
    elif change == "last_bounded":
        ranges[5]["upper"] = "1000"
    elif change == "middle_unbounded":
        del ranges[1]["upper"]
    elif change == "last_edge_overlap":
        ranges[5]["lower_inclusive"] = True
    elif change == "last_edge_gap":
        ranges[4]["upper_inclusive"] = False
    elif change == "overlapping_bounds":
        ranges[2]["upper"] = "6"
    elif change == "missing_box1":
        del ranges[2]["box1"]
    elif change == "extra_box1":
        ranges[3]["box1"] = ranges[2]["box1"]
    elif change == "neighbour_outside_box1":
        ranges[3]["neighbours"] = ["above_standard"]
    elif change == "duplicate_reference":
        data["references"].append(dict(data["references"][0]))
    elif change == "regimen_reference":
        data["regimens"][0]["notes"][0] = {"text": "x", "references": [77],
                                           "evidence": "narrative_review", "excerpt": "x", "id": "x"}  # fmt: skip
    elif change == "statement_without_excerpt":
        del ranges[2]["uses"][0]["excerpt"]
    elif change == "unreferenced_not_the_review_s_own":
        ranges[2]["uses"][0]["references"] = []
    elif change == "own_statement_with_a_number":
        ranges[2]["safety"][4]["references"] = [1]
    elif change == "project_rule_citing_the_review":
        ranges[2]["notes"][-1]["references"] = [1]
    elif change == "source_and_excerpt":
        ranges[2]["uses"][0]["sources"] = ["a label"]
    elif change == "no_safety":
        data["general_safety"] = []
    elif change == "general_in_a_range":
        ranges[4]["safety"].append({**data["general_safety"][0], "text": "x", "general": True})
    elif change == "outside_box1_without_rule":
        ranges[3]["notes"] = []
    elif change == "duplicate_statement_id":
        ranges[4]["notes"][0]["id"] = ranges[2]["uses"][0]["id"]
    elif change == "duplicate_id_of_a_general_statement":
        data["regimens"][0]["notes"][0]["id"] = data["general_safety"][0]["id"]
    elif change == "statement_without_id":
        del ranges[2]["uses"][0]["id"]
    elif change == "malformed_statement_id":
        ranges[2]["uses"][0]["id"] = "Low use"
    elif change == "no_data_version":
        del data["data_version"]
    elif change == "malformed_data_version":
        data["data_version"] = "5 December 2026"
    elif change == "regimen_quoting_the_review":
        data["regimens"][0]["uses"] = [ranges[4]["uses"][1]]
    return data


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("overlap", r"ranges\[1\] \(very_low\): an overlap at 1"),
        ("gap", r"ranges\[2\] \(low\): a gap before between_low_and_standard"),
        ("reversed", r"ranges\[4\] \(standard\): upper bound 50 is not above lower bound 100"),
        ("missing_reference", r"ranges\[2\] \(low\): reference number\(s\) 99"),
        ("unknown_evidence", r"ranges\.2\.uses\.0\.evidence"),
        ("malformed_number", r"ranges\.1\.upper: .*'one' is not a decimal number"),
        ("float_bound", r"ranges\.1\.upper: .*1\.0 is not a decimal number"),
        ("missing_range", r"expected exactly the six ranges"),
        ("example_outside", r"ranges\[2\] \(low\): the example dose 50 is not in the range"),
        (
            "statement_without_citation",
            r"ranges\.2\.uses\.0: .*no reference number is the review's own statement",
        ),
        ("statement_without_excerpt", r"ranges\.2\.uses\.0: .*the review's words it rests on"),
        (
            "unreferenced_not_the_review_s_own",
            r"ranges\.2\.uses\.0: .*\(evidence review_statement\)",
        ),
        (
            "own_statement_with_a_number",
            r"ranges\.2\.safety\.4: .*the review's own statement cites no reference number",
        ),
        (
            "project_rule_citing_the_review",
            r"ranges\.2\.notes\.4: .*a project rule cites no reference of the review",
        ),
        ("source_and_excerpt", r"ranges\.2\.uses\.0: .*no reference numbers and no excerpt"),
        ("no_safety", r"ranges\[0\] \(ultra_low\): no safety statement"),
        (
            "general_in_a_range",
            r"ranges\[4\] \(standard\): safety: 'x' is labelled general; .* general_safety",
        ),
        (
            "outside_box1_without_rule",
            r"ranges\[3\] \(between_low_and_standard\): a range outside Box 1 needs a note",
        ),
        (
            "regimen_quoting_the_review",
            r"regimens\[0\] \(extended-release injectable suspension\): the review does not",
        ),
        ("empty_range", r"ranges\[4\] \(standard\): upper bound 50 is not above lower bound 50"),
        ("first_not_from_zero", r"ranges\[0\] \(ultra_low\): must start just above 0"),
        ("first_includes_zero", r"ranges\[0\] \(ultra_low\): must start just above 0"),
        ("last_bounded", r"ranges\[5\] \(above_standard\): must have no upper bound"),
        (
            "middle_unbounded",
            r"ranges\[1\] \(very_low\): only the last range may have no upper bound",
        ),
        ("last_edge_overlap", r"ranges\[4\] \(standard\): an overlap at 100 mg/day"),
        ("last_edge_gap", r"ranges\[4\] \(standard\): a gap at 100 mg/day"),
        (
            "overlapping_bounds",
            r"ranges\[2\] \(low\): an overlap before between_low_and_standard \(upper 6, next lower 5\)",
        ),
        ("missing_box1", r"ranges\[2\] \(low\): needs a Box 1 row"),
        ("extra_box1", r"ranges\[3\] \(between_low_and_standard\): must not have a Box 1 row"),
        (
            "neighbour_outside_box1",
            r"ranges\[3\] \(between_low_and_standard\): neighbours must be Box 1 bands",
        ),
        ("duplicate_reference", r"references: a reference number appears twice"),
        ("duplicate_statement_id", r"statement id 'low\.box1-uses' appears twice"),
        (
            "duplicate_id_of_a_general_statement",
            r"statement id 'general\.hepatotoxic-monitor-liver' appears twice",
        ),
        ("statement_without_id", r"ranges\.2\.uses\.0\.id: Field required"),
        ("malformed_statement_id", r"ranges\.2\.uses\.0\.id: String should match pattern"),
        ("no_data_version", r"data_version: Field required"),
        ("malformed_data_version", r"data_version: String should match pattern"),
        (
            "regimen_reference",
            r"regimens\[0\] \(extended-release injectable suspension\): reference number\(s\) 77",
        ),
    ],
)
def test_a_faulty_table_is_refused_naming_the_row_and_fault(change: str, named: str) -> None:
    with pytest.raises(BandTableError, match=named) as caught:
        BandTable.from_mapping(_broken(change))
    assert caught.value.reason is ErrorReason.INVALID_TABLE
    assert isinstance(caught.value, DoseError)


def test_the_error_names_the_table() -> None:
    data = _broken("gap")
    data["name"] = "my_table"
    with pytest.raises(
        BandTableError,
        match=r"^band table 'my_table' is invalid: table: ranges\[2\] \(low\): a gap",
    ):
        BandTable.from_mapping(data)
    del data["name"]
    with pytest.raises(BandTableError, match=r"^the band table is invalid: name: Field required$"):
        BandTable.from_mapping(data)


def test_invalid_toml_and_non_mapping_tables_are_band_table_errors() -> None:
    with pytest.raises(
        BandTableError, match=r"^the band table is not valid TOML; expected"
    ) as caught:
        BandTable.from_toml("name = ")
    assert caught.value.reason is ErrorReason.INVALID_TABLE
    with pytest.raises(
        BandTableError, match=r"^a band table must be a mapping of its fields, not list$"
    ) as caught:
        BandTable.from_mapping(["not", "a", "table"])
    assert caught.value.reason is ErrorReason.INVALID_TABLE


def test_a_table_that_is_not_a_band_table_is_refused() -> None:
    with pytest.raises(DoseError, match="table must be a BandTable"):
        classify_dose("4.5 mg", table={"name": "x"})  # type: ignore[arg-type]
