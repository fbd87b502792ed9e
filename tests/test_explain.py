"""How a text was read: every number of an accepted text has a role in the explanation, and
what a rule did not read changes the answer or is refused, never ignored."""

from __future__ import annotations

import csv
import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import FREQUENCY_WORDS, decimal_text, sigs, unit_spellings

from naltrexone_dose import DoseClassification, DoseError, classify_dose
from naltrexone_dose._scan import scan
from naltrexone_dose._text import normalize
from naltrexone_dose._tokens import tokenize

_CORPUS = Path(__file__).parent / "corpus" / "sigs.csv"
READ_TEXTS = [
    row["text"]
    for row in csv.DictReader(_CORPUS.read_text(encoding="utf-8").splitlines())
    if row["expect"] in ("read", "depot")
]


def _unexplained_numbers(text: str, result: DoseClassification) -> list[str]:
    """Numbers of the text that no part read by a rule covers (the parts behind
    ``result.dose.explanation``, with their places in the normalised text)."""
    assert result.dose.explanation  # an accepted text always says how it was read
    mentions = scan(normalize(text))
    return [
        token.text
        for token in tokenize(mentions.text)
        if token.kind == "num"
        and not any(
            part.start <= token.start < part.end or (part.start == token.start == part.end)
            for part in mentions.parts
        )
    ]


@pytest.mark.parametrize("text", READ_TEXTS)
def test_every_number_of_an_accepted_corpus_text_has_a_role(text: str) -> None:
    try:
        result = classify_dose(text)
    except DoseError:
        return  # a refusal explains itself in its message
    assert _unexplained_numbers(text, result) == [], [str(p) for p in result.dose.explanation]


@pytest.mark.property
@given(sigs())
def test_every_number_of_a_generated_sig_has_a_role(sig: tuple[str, Fraction]) -> None:
    text, _ = sig
    assert _unexplained_numbers(text, classify_dose(text)) == []


def _boundaries(text: str) -> list[int]:
    return [0, *(match.start() for match in re.finditer(" ", text)), len(text)]


MEANING_WORDS = ["not", "stop", "discontinued", "hold", "max", "if", "unless", "taper",
                 "instead", "except", "prn", "skip", "until", "cease"]  # fmt: skip


@pytest.mark.property
@given(sigs(), st.sampled_from(MEANING_WORDS), st.data())
def test_a_meaning_changing_word_anywhere_in_an_accepted_sig_is_refused_or_read(
    sig: tuple[str, Fraction], word: str, data: st.DataObject
) -> None:
    """Issue 10: words that change what a dose means are read exactly or refused."""
    text, mg_per_day = sig
    at = data.draw(st.sampled_from(_boundaries(text)))
    changed = f"{text[:at]} {word} {text[at:]}".strip()
    try:
        result = classify_dose(changed)
    except DoseError:
        return
    # Read only by a rule that reads the word exactly ("except Mon/Wed/Fri"): never the old
    # answer, and the word has a role.
    assert result.mg_per_day != mg_per_day
    assert any(word in part.text.lower().split() for part in result.dose.explanation)


@pytest.mark.property
@given(sigs(), st.integers(min_value=2, max_value=9), st.data())
def test_a_stray_number_in_an_accepted_sig_is_refused_or_given_a_role(
    sig: tuple[str, Fraction], number: int, data: st.DataObject
) -> None:
    """A number is never left over: it is refused, or a rule reads it (and says so)."""
    text, _ = sig
    at = data.draw(st.sampled_from(_boundaries(text)))
    changed = f"{text[:at]} {number} {text[at:]}".strip()
    try:
        result = classify_dose(changed)
    except DoseError:
        return
    assert _unexplained_numbers(changed, result) == []


@pytest.mark.property
@given(sigs(), st.sampled_from(["7 mg", "0.25 mg", "120 mg", "3 mcg"]), st.data())
def test_a_second_mass_in_an_accepted_sig_never_leaves_the_old_answer(
    sig: tuple[str, Fraction], mass: str, data: st.DataObject
) -> None:
    text, mg_per_day = sig
    at = data.draw(st.sampled_from(_boundaries(text)))
    changed = f"{text[:at]} {mass} {text[at:]}".strip()
    try:
        result = classify_dose(changed)
    except DoseError:
        return
    assert result.mg_per_day != mg_per_day


@pytest.mark.property
@given(
    st.integers(min_value=1, max_value=9999).map(lambda n: Fraction(n, 10)),
    unit_spellings(decimal_only=True),
    unit_spellings(decimal_only=True),
    st.sampled_from(sorted(FREQUENCY_WORDS.items())),
    st.sampled_from(sorted(FREQUENCY_WORDS.items())),
)
def test_the_same_dose_written_two_ways_gives_the_same_daily_dose(
    mg: Fraction,
    first_unit: tuple[str, Fraction],
    second_unit: tuple[str, Fraction],
    first_frequency: tuple[str, Fraction],
    second_frequency: tuple[str, Fraction],
) -> None:
    assume(first_frequency[1] == second_frequency[1])
    first = f"{decimal_text(mg / first_unit[1])} {first_unit[0]} {first_frequency[0]}"
    second = f"{decimal_text(mg / second_unit[1])} {second_unit[0]} {second_frequency[0]}"
    assert classify_dose(first).mg_per_day == classify_dose(second).mg_per_day


def test_the_explanation_names_each_part_with_its_role() -> None:
    parts = classify_dose("naltrexone 25 mg tablets, take 2 daily, qty 60").dose.explanation
    assert [(part.text, part.role) for part in parts] == [
        ("25 mg", "strength of one unit"),
        ("2", "count of units"),
        ("daily", "frequency"),
        ("qty 60", "quantity dispensed or refills"),
    ]


def test_the_explanation_survives_json_and_shows_on_the_card() -> None:
    result = classify_dose("1.5-4.5 mg nightly")
    again = DoseClassification.model_validate_json(result.model_dump_json())
    assert again.dose.explanation == result.dose.explanation
    html = result._repr_html_()
    assert "How the text was read" in html
    assert "<code>1.5-4.5 mg</code>: range of amounts" in html


def test_structured_input_explains_its_fields() -> None:
    dosage = {
        "doseAndRate": [{"doseQuantity": {"value": 2, "code": "mg"}}],
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "route": {"text": "oral"},
    }
    roles = [part.role for part in classify_dose(dosage).dose.explanation]
    assert roles == ["amount", "frequency", "route"]
