"""The shipped band data against the review it reports: every excerpt is the review's words,
every statement cites exactly the numbers the review attaches to them, and what is not the
review's (a label, this project's rules) says so.

Excerpts are compared with the review after normalising both (``seed_review.normalise``):
runs of whitespace, line wraps included, count as one space; curly quotes count as straight
ones; the seed's Markdown escapes ("\\$35") count as the character they escape. Nothing else
is forgiven: an excerpt is otherwise verbatim.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest
import seed_review
from seed_review import body, box1_block, cited_anywhere, cited_around, normalise, review_text
from statement_table import PAGE, page_table, statement_table

from naltrexone_dose import (
    Band,
    EvidenceKind,
    StatementOrigin,
    classify_dose,
    default_band_table,
)

if TYPE_CHECKING:
    from naltrexone_dose import Statement


def _all_statements() -> list[tuple[str, Statement]]:
    table = default_band_table()
    found: list[tuple[str, Statement]] = [("general", s) for s in table.general_safety]
    found += [("general", s) for s in table.general_notes]
    for row in table.ranges:
        found += [(row.band.value, s) for s in row.statements() if not s.general]
    for regimen in table.regimens:
        found += [(regimen.name, s) for s in regimen.statements() if not s.general]
    return found


STATEMENTS = _all_statements()
FROM_THE_REVIEW = [(where, s) for where, s in STATEMENTS if s.excerpt]


def _id(item: tuple[str, Statement]) -> str:
    return f"{item[0]}: {item[1].text[:50]}"


def _shipped_data() -> dict[str, Any]:
    text = resources.files("naltrexone_dose").joinpath("data/box1.toml").read_text("utf-8")
    return tomllib.loads(text)


# -- the review's words and numbers --------------------------------------------------------------


@pytest.mark.parametrize("item", FROM_THE_REVIEW, ids=_id)
def test_every_excerpt_is_the_review_s_words(item: tuple[str, Statement]) -> None:
    """Verbatim, after normalising whitespace, quote characters and Markdown escapes."""
    assert normalise(item[1].excerpt) in body(review_text())


@pytest.mark.parametrize("item", FROM_THE_REVIEW, ids=_id)
def test_every_statement_cites_exactly_the_numbers_the_review_attaches_to_its_words(
    item: tuple[str, Statement],
) -> None:
    """The citation rule: the numbers of the excerpt's sentences, and no others (none for the
    review's own statement). A Box 1 cell cites the box's source, reference 1."""
    statement = item[1]
    if statement.origin is StatementOrigin.PROJECT_RULE:
        assert statement.references == ()
        return
    text = body(review_text())
    excerpt = normalise(statement.excerpt)
    start = text.index(excerpt)
    box_start, box_end = box1_block(text)
    if box_start <= start < box_end:
        attached = {1}  # "(Adapted from: Toljan K.¹)"
    else:
        attached = cited_around(text, start, start + len(excerpt))
    assert set(statement.references) == attached
    assert len(statement.references) == len(attached)
    own = statement.evidence is EvidenceKind.REVIEW_STATEMENT
    assert own == (not attached)


def test_each_excerpt_is_found_once_so_its_numbers_are_unambiguous() -> None:
    text = body(review_text())
    for _, statement in FROM_THE_REVIEW:
        assert text.count(normalise(statement.excerpt)) == 1, statement.excerpt


def test_reference_26_is_never_cited_in_the_review_and_nowhere_in_the_data() -> None:
    assert 26 not in cited_anywhere(review_text())
    assert all(26 not in s.references for _, s in STATEMENTS)


def test_the_data_cites_only_numbers_the_review_cites() -> None:
    cited = cited_anywhere(review_text())
    for _, statement in STATEMENTS:
        assert set(statement.references) <= cited, statement.text


def test_the_shipped_reference_list_matches_the_review() -> None:
    listed = re.findall(r"^(\d+)\. (\S+)", review_text().split("REFERENCES", 1)[1], re.MULTILINE)
    table = default_band_table()
    assert len(listed) == len(table.references)
    for (number, first_author), reference in zip(listed, table.references, strict=True):
        assert int(number) == reference.number
        assert reference.citation.split()[0].rstrip(",") == first_author.rstrip(",")


def test_box1_s_title_and_dose_ranges_are_the_review_s() -> None:
    table = default_band_table()
    assert table.title == "Box 1: Clinical application at low doses"
    text = body(review_text())
    assert table.title in text
    start, end = box1_block(text)
    for row in table.ranges:
        if row.box1 is not None:
            printed = row.box1.dose_range.replace("< ", "<")
            assert f"{row.label} ({printed})" in text[start:end]


# -- evidence kinds, judged from the review's words and the reference's title -------------------

# The kind of each cited work, from how the review describes it and from its title in the
# reference list. A statement's kind is the kind of one of the works it cites.
KIND_OF_REFERENCE = {
    1: EvidenceKind.NARRATIVE_REVIEW,  # "Low-Dose Naltrexone (LDN)-Review of Therapeutic Utilization"
    2: EvidenceKind.NARRATIVE_REVIEW,  # "Naltrexone beyond psychiatric domain"
    3: EvidenceKind.NARRATIVE_REVIEW,  # "Naltrexone: A History and Future Directions"
    4: EvidenceKind.CLINICAL_OBSERVATION,  # Bihari "observed"
    11: EvidenceKind.REGISTER_OR_RETROSPECTIVE_STUDY,  # "A retrospective chart review"
    12: EvidenceKind.NARRATIVE_REVIEW,  # "Medical management of metabolic dysfunction in PCOS"
    14: EvidenceKind.SYSTEMATIC_REVIEW,  # Cochrane Database Syst Rev
    15: EvidenceKind.TRIAL_PROTOCOL,  # "Protocol for the ... LDN Crohn study"; "has been running"
    16: EvidenceKind.CASE_REPORT,  # JAAD Case Rep; "case reports"
    17: EvidenceKind.CASE_REPORT,  # "case reports"
    18: EvidenceKind.REGISTER_OR_RETROSPECTIVE_STUDY,  # "register-based ... quasi-experimental"
    20: EvidenceKind.ANIMAL_OR_CELL_STUDY,  # "In murine models"
    21: EvidenceKind.SYSTEMATIC_REVIEW,  # "A systematic review of studies in humans, animal ..."
    22: EvidenceKind.NARRATIVE_REVIEW,  # "The use of low-dose naltrexone ... for chronic pain"
    23: EvidenceKind.ANIMAL_OR_CELL_STUDY,  # "in vivo models"
    24: EvidenceKind.PILOT_OR_SURVEY,  # "survey-based and pilot studies"
    25: EvidenceKind.PILOT_OR_SURVEY,  # "A pilot study"
    28: EvidenceKind.CASE_REPORT,  # "Treatment-resistant ITP ... in a patient with MS"
}
# Where the review reports a regulator's position ("according to the USFDA"), the kind is
# the regulator's, whatever the citing work.
REGULATOR = "according to the"


@pytest.mark.parametrize("item", [i for i in FROM_THE_REVIEW if i[1].references], ids=_id)
def test_a_statement_s_evidence_kind_is_the_kind_of_a_work_it_cites(
    item: tuple[str, Statement],
) -> None:
    statement = item[1]
    if statement.evidence is EvidenceKind.REGULATORY_APPROVAL:
        assert REGULATOR in statement.excerpt
        return
    assert statement.evidence in {KIND_OF_REFERENCE[n] for n in statement.references}


def test_the_dutch_crohn_trial_is_a_protocol_not_evidence_of_effect() -> None:
    cited = [s for _, s in STATEMENTS if 15 in s.references]
    assert [s.evidence for s in cited] == [EvidenceKind.TRIAL_PROTOCOL]


def test_no_statement_says_naltrexone_is_approved_at_50_to_100_mg() -> None:
    for _, statement in STATEMENTS:
        if "approved" in statement.text.lower():
            assert not re.search(r"50\s*(mg)?\s*(-|to)\s*100", statement.text), statement.text


# -- general safety, the project's rules, the injection -----------------------------------------


def test_general_safety_is_held_once_in_the_data() -> None:
    data = _shipped_data()
    general = {s["text"] for s in data["general_safety"]}
    assert len(general) == 3
    for row in [*data["ranges"], *data["regimens"]]:
        assert not general & {s["text"] for s in row.get("safety", [])}


@pytest.mark.parametrize("band", list(Band))
def test_every_range_shows_the_general_safety_labelled_general(band: Band) -> None:
    table = default_band_table()
    row = table.range_of(band)
    assert row.safety
    general = [s for s in row.safety if s.general]
    assert general == list(table.general_safety)
    result = classify_dose(row.example_mg_per_day, "mg/day")
    assert result.safety == row.safety


def test_hepatotoxicity_and_the_300_mg_finding_cite_no_number() -> None:
    general = default_band_table().general_safety
    assert [s.references for s in general] == [(), (), (12,)]
    assert general[0].evidence is EvidenceKind.REVIEW_STATEMENT


def test_the_project_s_rules_never_cite_the_review() -> None:
    rules = [s for _, s in STATEMENTS if s.origin is StatementOrigin.PROJECT_RULE]
    assert rules
    for statement in rules:
        assert statement.references == ()
        assert "project's rule" in statement.text


@pytest.mark.parametrize("band", [band for band in Band if not band.in_box1])
def test_a_range_outside_box1_says_it_is_the_project_s_rule(band: Band) -> None:
    notes = default_band_table().range_of(band).notes
    assert any(
        s.origin is StatementOrigin.PROJECT_RULE and "Not a Box 1 band" in s.text for s in notes
    )


def test_the_depot_is_not_in_box1_and_carries_only_its_own_statements() -> None:
    result = classify_dose("Vivitrol 380 mg IM q4wk")
    assert result.band is Band.STANDARD
    assert result.in_box1 is False
    assert result.box1 is None
    oral_uses = default_band_table().range_of(Band.STANDARD).uses
    assert result.uses
    assert not set(result.uses) & set(oral_uses)
    own = [s for s in (*result.uses, *result.safety, *result.notes) if not s.general]
    assert own
    for statement in own:
        assert statement.origin is not StatementOrigin.REVIEW
        assert statement.sources
    placement = [s for s in own if s.origin is StatementOrigin.PROJECT_RULE]
    assert any("standard band" in s.text for s in placement)
    assert [s for s in result.safety if s.general] == list(default_band_table().general_safety)


def test_a_bare_380_mg_says_it_is_the_injection_s_strength_and_above_standard_orally() -> None:
    result = classify_dose("380 mg")
    assert result.band is Band.ABOVE_STANDARD
    note = result.notes[0]
    assert "strength of the monthly extended-release injection" in note.text
    assert "above standard" in note.text
    assert note.sources
    assert classify_dose("380 mg daily").notes[0] == note
    assert note not in classify_dose("380 mg weekly").notes  # 54 2/7 mg/day: standard
    assert note not in classify_dose("190 mg BID").notes


# -- the documentation --------------------------------------------------------------------------


def test_the_statement_table_in_docs_matches_the_data() -> None:
    """Regenerate it with ``python tests/statement_table.py``."""
    assert page_table(PAGE.read_text("utf-8")) == statement_table()


def test_the_docs_say_nothing_the_data_does_not_of_the_median_dose() -> None:
    batch = (PAGE.parent / "batch.md").read_text("utf-8")
    assert "3.7 mg/day" not in review_text()
    assert "studies in the review" not in batch
    assert "Raknes" in batch


def test_the_copy_of_the_review_kept_with_the_tests_is_the_seed_itself() -> None:
    seed = seed_review.seed_file()
    if seed is None:
        pytest.skip("no shared/seeds/ above this checkout: the copy is all there is")
    assert seed_review.COPY.read_bytes() == seed.read_bytes()


def test_every_statement_in_the_data_has_its_own_id_named_after_where_it_stands() -> None:
    """Ids are unique, so a record can name a statement; each starts with its range or part."""
    ids = [s.id for _, s in STATEMENTS]
    assert len(ids) == len(set(ids))
    prefixes = {row.band.value for row in default_band_table().ranges} | {"general", "injection"}
    assert all(i.split(".", 1)[0] in prefixes for i in ids), ids
