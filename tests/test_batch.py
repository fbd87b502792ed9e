"""classify_many: order kept, each distinct input read once, bad rows collected in place."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import dose_texts

import naltrexone_dose._batch as batch
from naltrexone_dose import (
    DoseClassification,
    DoseError,
    DoseFailure,
    DoseSyntaxError,
    DoseTypeError,
    ErrorReason,
    classify_dose,
    classify_many,
)


def test_results_keep_the_input_order() -> None:
    results = classify_many(["4.5 mg", "50 mg/day", "0.5 mcg"])
    assert [r.band.value for r in results if isinstance(r, DoseClassification)] == [
        "low",
        "standard",
        "ultra_low",
    ]


def test_each_distinct_input_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = batch.classify_dose

    def counting(dose: object, *args: object, **kwargs: object) -> DoseClassification:
        calls.append(dose)
        return real(dose, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "classify_dose", counting)
    results = classify_many(
        ["4.5 mg", "4.5 mg", "50 mg", "4.5 mg", "4,5 mg", "4,5 mg"], errors="collect"
    )
    assert calls == ["4.5 mg", "50 mg", "4,5 mg"]
    assert len(results) == 6
    assert results[0] is results[1]


def test_numbers_of_different_types_are_not_confused_as_cache_keys() -> None:
    results = classify_many([1, 1.0, Decimal(1), Fraction(1), True], unit="mg", errors="collect")
    assert [type(r).__name__ for r in results] == ["DoseClassification"] * 4 + ["DoseFailure"]


def test_errors_raise_by_default() -> None:
    with pytest.raises(DoseSyntaxError):
        classify_many(["4.5 mg", "4,5 mg"])


def test_bad_rows_are_collected_with_reason_and_message() -> None:
    results = classify_many(["4.5 mg", "4,5 mg", None, {"value": 1}, "mg"], errors="collect")
    failures = [r for r in results if isinstance(r, DoseFailure)]
    assert [f.reason for f in failures] == [
        ErrorReason.DECIMAL_COMMA,
        ErrorReason.UNSUPPORTED_INPUT,
        ErrorReason.NO_UNIT,
        ErrorReason.NO_AMOUNT,
    ]
    assert failures[0].source == "4,5 mg"
    assert failures[0].error == "DoseSyntaxError"
    assert "decimal comma" in failures[0].message
    assert DoseFailure.model_validate_json(failures[0].model_dump_json()) == failures[0]


def test_an_unknown_errors_mode_is_refused() -> None:
    with pytest.raises(DoseTypeError):
        classify_many(["4.5 mg"], errors="ignore")  # type: ignore[arg-type]


@given(st.lists(dose_texts().map(lambda drawn: drawn[0]) | st.text(max_size=12), max_size=20))
def test_a_batch_answers_as_one_call_per_row(texts: list[str]) -> None:
    for text, result in zip(texts, classify_many(texts, errors="collect"), strict=True):
        try:
            single: DoseClassification | DoseFailure = classify_dose(text)
        except DoseError as error:
            single = batch.failure(text, error)
        assert result == single
