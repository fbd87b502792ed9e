"""The reading as a FHIR Dosage (text in, structure out) reads back to the same daily dose."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from strategies import sigs

from naltrexone_dose import DailyDoseUnknownError, DoseError, classify_dose

CORPUS = Path(__file__).parent / "corpus" / "sigs.csv"


def _request(dosages: list[Any]) -> dict[str, Any]:
    return {
        "resourceType": "MedicationRequest",
        "status": "active",
        "intent": "order",
        "medicationCodeableConcept": {"text": "naltrexone"},
        "dosageInstruction": dosages,
    }


def _readings() -> list[str]:
    texts = []
    with CORPUS.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            try:
                classify_dose(row["text"])
            except DoseError:
                continue
            texts.append(row["text"])
    return texts


@pytest.mark.parametrize("text", _readings())
def test_every_corpus_reading_reads_back_from_its_dosage(text: str) -> None:
    result = classify_dose(text)
    back = classify_dose(_request(list(result.to_fhir_dosage())))
    assert (back.band, back.mg_per_day) == (result.band, result.mg_per_day)


@pytest.mark.property
@given(sigs())
@settings(max_examples=60)
def test_a_generated_sig_reads_back_from_its_dosage(drawn: tuple[str, Fraction]) -> None:
    text, mg_per_day = drawn
    back = classify_dose(_request(list(classify_dose(text).to_fhir_dosage())))
    assert back.mg_per_day == mg_per_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "4.5 mg at bedtime",
            [{"frequency": 1, "period": 1, "quantity": 4.5, "route": "26643006", "seq": None}],
        ),
        (
            "100 mg every other day",
            [{"frequency": 1, "period": 2, "quantity": 100, "route": "26643006", "seq": None}],
        ),
        (
            "50 mg on weekdays",
            [{"frequency": 5, "period": 7, "quantity": 50, "route": "26643006", "seq": None}],
        ),
        (
            "380 mg IM every 4 weeks",
            [{"frequency": 1, "period": 28, "quantity": 380, "route": "78421000", "seq": None}],
        ),
        (
            "25 mg on day 1, then 50 mg daily",
            [
                {"frequency": 1, "period": 1, "quantity": 25, "route": "26643006", "seq": 1},
                {"frequency": 1, "period": 1, "quantity": 50, "route": "26643006", "seq": 2},
            ],
        ),
    ],
)
def test_each_step_is_one_dosage_with_its_amount_timing_and_route(
    text: str, expected: list[dict[str, Any]]
) -> None:
    written = [
        {
            "frequency": dosage["timing"]["repeat"]["frequency"],
            "period": dosage["timing"]["repeat"]["period"],
            "quantity": dosage["doseAndRate"][0]["doseQuantity"]["value"],
            "route": dosage["route"]["coding"][0]["code"],
            "seq": dosage.get("sequence"),
        }
        for dosage in classify_dose(text).to_fhir_dosage()
    ]
    assert written == expected


def test_a_range_is_a_dose_range_with_both_ends_per_administration() -> None:
    (dosage,) = classify_dose("1-2 tablets of 1.5 mg twice daily").to_fhir_dosage()
    dose_range = dosage["doseAndRate"][0]["doseRange"]
    assert (dose_range["low"]["value"], dose_range["high"]["value"]) == (1.5, 3)
    back = classify_dose(_request([dosage]))
    assert (back.mg_per_day, back.dose.low_mg_per_day) == (Fraction(6), Fraction(3))


def test_an_amount_with_no_exact_decimal_is_refused_not_rounded() -> None:
    result = classify_dose("1 mL of 1 mg/3 mL daily")
    with pytest.raises(DailyDoseUnknownError) as caught:
        result.to_fhir_dosage()
    assert caught.value.reason.value == "no_daily_quantity"
