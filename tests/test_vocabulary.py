"""The reader's word lists: every overlap between two of them is resolved by a stated rule."""

from __future__ import annotations

import itertools

import pytest

from naltrexone_dose import _units as units
from naltrexone_dose import _vocabulary as vocab
from naltrexone_dose import classify_dose

WORD_SETS: dict[str, frozenset[str]] = {
    "FORM_WORDS": vocab.FORM_WORDS,
    "FORM_DESCRIPTORS": vocab.FORM_DESCRIPTORS,
    "QUANTITY_WORDS": vocab.QUANTITY_WORDS,
    "DEPOT_WORDS": vocab.DEPOT_WORDS,
    "STEP_WORDS": vocab.STEP_WORDS,
    "TITRATION_WORDS": vocab.TITRATION_WORDS,
    "TOTAL_WORDS": vocab.TOTAL_WORDS,
    "EACH_WORDS": vocab.EACH_WORDS,
    "NUMBER_WORDS": frozenset(vocab.NUMBER_WORDS),
    "HOUSEHOLD_WORDS": vocab.HOUSEHOLD_WORDS,
    "CLOCK_WORDS": vocab.CLOCK_WORDS,
    "EVERY_WORDS": vocab.EVERY_WORDS,
    "FREQUENCY_WORDS": frozenset(p[0] for p in vocab.FREQUENCY_PHRASES if len(p) == 1),
    "MASS_UNITS": frozenset(units.MASS_UNITS),
    "TIME_UNITS": frozenset(units.TIME_UNITS),
    "MONTH_WORDS": units.MONTH_WORDS,
    "VOLUME_UNITS": frozenset(units.VOLUME_UNITS),
    "BODY_SIZE_WORDS": units.BODY_SIZE_WORDS,
    "OTHER_UNITS": units.OTHER_UNITS,
    "MEANING_WORDS": frozenset(vocab.MEANING_WORDS),
    "OTHER_ROUTE_WORDS": vocab.OTHER_ROUTE_WORDS,
    "OTHER_DRUGS": vocab.OTHER_DRUGS,
    "PATIENT_WORDS": vocab.PATIENT_WORDS,
    "SCHEDULE_INDEX_WORDS": vocab.SCHEDULE_INDEX_WORDS,
}


def _overlaps() -> dict[tuple[str, str], set[str]]:
    found = {}
    for (a, first), (b, second) in itertools.combinations(WORD_SETS.items(), 2):
        if first & second:
            found[a, b] = set(first & second)
    return found


def test_every_overlap_of_two_word_sets_is_resolved_by_a_stated_rule() -> None:
    stated = {pair: set(words) for pair, words in vocab.RESOLVED_OVERLAPS.items()}
    assert _overlaps() == stated


def test_every_stated_rule_names_two_word_sets_that_exist() -> None:
    for pair in vocab.RESOLVED_OVERLAPS:
        assert set(pair) <= set(WORD_SETS)


@pytest.mark.parametrize(
    "text",
    [
        "naltrexone ER 50 mg tablet daily",
        "naltrexone XR 50 mg tablet, 1 tab po qd",
        "naltrexone 50 mg extended-release tablet daily",
    ],
)
def test_an_extended_release_tablet_is_an_oral_dose_not_an_injectable(text: str) -> None:
    assert classify_dose(text).mg_per_day == 50


def test_a_phrase_with_any_number_scales_its_meaning_by_that_number() -> None:
    assert (
        classify_dose("4.5 mg 5 days a week").mg_per_day
        == classify_dose("4.5 mg Mon-Fri").mg_per_day
    )
