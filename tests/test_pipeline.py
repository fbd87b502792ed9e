"""Each step of the pipeline on its own, so that a failing case says which step broke:
tokens, the recognisers (mentions), and resolution (one Dose)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from naltrexone_dose import DailyDoseBasis, DoseSyntaxError
from naltrexone_dose._mentions import Mass, Mentions, Step
from naltrexone_dose._resolve import resolve
from naltrexone_dose._scan import scan
from naltrexone_dose._tokens import european, tokenize
from naltrexone_dose._units import BY_SYMBOL


def test_tokens_split_numbers_words_and_punctuation_and_read_numbers_exactly() -> None:
    tokens = tokenize("LDN 4.5MG/day")
    assert [(t.kind, t.text) for t in tokens] == [
        ("word", "LDN"),
        ("num", "4.5"),
        ("word", "MG"),
        ("punct", "/"),
        ("word", "day"),
    ]
    assert tokens[1].value == Fraction(9, 2)
    assert [t.spaced for t in tokens] == [False, True, False, False, False]


def test_the_decimal_comma_pass_rewrites_only_european_numbers() -> None:
    assert european("4,5 mg and 1.000,5 mg") == "4.5 mg and 1000.5 mg"


@pytest.mark.parametrize(
    ("text", "mg", "rate_days", "strength"),
    [
        ("4.5 mg", Fraction(9, 2), None, False),  # NUMBER MASS_UNIT
        ("350 mg/week", Fraction(350), Fraction(7), False),  # NUMBER MASS_UNIT "/" TIME_UNIT
        ("4500 mcg per day", Fraction(9, 2), Fraction(1), False),  # ... "per" TIME_UNIT
        ("50 mg tablet", Fraction(50), None, True),  # NUMBER MASS_UNIT FORM: a strength
        ("50 mg/tablet", Fraction(50), None, True),  # NUMBER MASS_UNIT "/" FORM
    ],
)
def test_the_mass_recogniser_reads_amount_rate_and_strength(
    text: str, mg: Fraction, rate_days: Fraction | None, strength: bool
) -> None:
    (mass,) = scan(text).steps[0].masses
    assert (mass.mg, mass.rate_days, mass.strength) == (mg, rate_days, strength)


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("bid", Fraction(2)),
        ("every 3 days", Fraction(1, 3)),
        ("q8h", Fraction(3)),
        ("3 times a week", Fraction(3, 7)),
        ("12 hourly", Fraction(2)),
        ("5 days a week", Fraction(5, 7)),
    ],
)
def test_the_frequency_recogniser_reads_each_phrase_kind(text: str, per_day: Fraction) -> None:
    (mention,) = scan(text).steps[0].frequencies
    assert mention.word.per_day == per_day


def test_the_count_recogniser_reads_a_count_of_units_and_its_form() -> None:
    (count,) = scan("take 2 tablets").steps[0].counts
    assert (count.value, count.form) == (2, "tablets")


def test_step_words_split_a_schedule_into_steps() -> None:
    steps = scan("1.5 mg nightly for 7 days, then 4.5 mg nightly").steps
    assert [len(step.masses) for step in steps] == [1, 1]


def test_resolution_builds_one_dose_from_mentions_alone() -> None:
    mass = Mass(Fraction(9, 2), BY_SYMBOL["mg"], "4.5 mg", 0, 0)
    dose = resolve(Mentions(steps=[Step(masses=[mass])]), "4.5 mg")
    assert (dose.mg_per_day, dose.basis) == (Fraction(9, 2), DailyDoseBasis.ASSUMED_DAILY)


def test_resolution_refuses_mentions_with_no_mass() -> None:
    with pytest.raises(DoseSyntaxError):
        resolve(Mentions(steps=[Step()]), "")
