"""classify_many: order kept, each distinct input read once, bad rows collected in place."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import dose_texts

import naltrexone_dose._batch as batch
from naltrexone_dose import (
    DoseAmountError,
    DoseClassification,
    DoseError,
    DoseFailure,
    DoseMissing,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
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
    results = classify_many(["4.5 mg", "4,5 mg", b"4.5", {"value": 1}, "mg"], errors="collect")
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
        if not text.strip():  # SPEC: an empty or all-space cell is missing in a batch
            assert result == DoseMissing(source=text)
            continue
        try:
            single: DoseClassification | DoseFailure = classify_dose(text)
        except DoseError as error:
            single = batch.failure(text, error)
        assert result == single


MISSING_VALUES: list[object] = [
    None,
    float("nan"),
    "",
    "   ",
    "\t\n",
    pd.NA,
    pd.NaT,
    np.ma.masked,
    np.float64("nan"),
    np.float32("nan"),
    np.float16("nan"),
]


@pytest.mark.parametrize("errors", ["raise", "collect"])
@pytest.mark.parametrize("value", MISSING_VALUES, ids=repr)
def test_a_missing_value_gives_a_missing_row_in_either_mode(value: object, errors: str) -> None:
    # SPEC, "Missing values in batches": a missing row (reason missing), never an error.
    rows = classify_many(["4.5 mg", value, "50 mg"], errors=errors)  # type: ignore[call-overload]
    assert isinstance(rows[1], DoseMissing)
    assert isinstance(rows[1], DoseFailure)
    assert (rows[1].reason, rows[1].error) == (ErrorReason.MISSING, "")
    assert [row.band.value for row in (rows[0], rows[2])] == ["low", "standard"]  # type: ignore[union-attr]
    with pytest.raises(DoseError):  # classify_dose itself still refuses it
        classify_dose(value)  # type: ignore[arg-type]


def test_missing_numbers_with_a_unit_are_missing_rows_too() -> None:
    rows = classify_many([4.5, float("nan"), None, np.float32("nan")], unit="mg")
    assert [type(row).__name__ for row in rows] == [
        "DoseClassification", "DoseMissing", "DoseMissing", "DoseMissing"
    ]  # fmt: skip


def test_a_decimal_nan_was_written_on_purpose_and_is_refused_as_classify_dose_refuses_it() -> None:
    row = classify_many([Decimal("NaN")], unit="mg", errors="collect")[0]
    assert isinstance(row, DoseFailure)
    assert not isinstance(row, DoseMissing)
    assert row.reason is ErrorReason.NOT_FINITE


@pytest.mark.parametrize(
    ("doses", "position", "written", "reason", "kind"),
    [
        (["4.5 mg", "50 mg", "4,5 mg"], 2, "'4,5 mg'", ErrorReason.DECIMAL_COMMA, DoseSyntaxError),
        (["4.5 mg", "4.5 mg", "5 mL"], 2, "'5 mL'", ErrorReason.VOLUME_WITHOUT_CONCENTRATION,
         DoseUnitError),
        ([None, "0 mg"], 1, "'0 mg'", ErrorReason.ZERO, DoseAmountError),
        (["4.5 mg", 4.5], 1, "'4.5'", ErrorReason.NO_UNIT, DoseSyntaxError),
    ],
)  # fmt: skip
def test_a_raised_error_names_the_row_and_its_input_and_keeps_its_class_and_reason(
    doses: list[object],
    position: int,
    written: str,
    reason: ErrorReason,
    kind: type[DoseError],
) -> None:
    # Issue 20: classify_many(errors="raise") did not say which row failed.
    with pytest.raises(kind) as caught:
        classify_many(doses)
    assert type(caught.value) is kind
    assert caught.value.reason is reason
    assert str(caught.value).startswith(f"row {position} ({written}): ")
    with pytest.raises(DoseError) as single:
        classify_dose(doses[position])
    assert str(caught.value).endswith(single.value.message)


def test_quantities_that_pint_calls_equal_are_not_one_reading() -> None:
    # Issue 19: keyed by (type, value), 1000 ng and 1 ug (equal to pint) shared one reading.
    import pint  # noqa: PLC0415

    registry = pint.UnitRegistry(cache_folder=None)
    doses = [registry.Quantity(1000, "ng"), registry.Quantity(1, "ug"), registry.Quantity(1, "ug")]
    assert doses[0] == doses[1]
    rows = classify_many(doses)
    for dose, row in zip(doses, rows, strict=True):
        assert row == classify_dose(dose)
    assert rows[0].dose.source != rows[1].dose.source  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "pair",
    [
        [0.0, -0.0],
        [Decimal("4.50"), Decimal("4.5")],
        [np.float32(0.1), np.float64(0.1)],
        [np.float64(4.5), 4.5],
        [100.0, 100.0000000001],
    ],
    ids=repr,
)
def test_equal_looking_numbers_are_each_read_as_themselves(pair: list[object]) -> None:
    rows = classify_many(pair, unit="g", errors="collect")
    for dose, row in zip(pair, rows, strict=True):
        try:
            single: DoseClassification | DoseFailure = classify_dose(dose, "g")
        except DoseError as error:
            single = batch.failure(dose, error)
        assert row == single


@pytest.mark.parametrize(
    "options",
    [{"decimal_comma": "False"}, {"decimal_comma": 1}, {"unit": 3}, {"table": 42}],
    ids=repr,
)
def test_options_of_the_wrong_type_are_refused_for_the_call_not_row_by_row(
    options: dict[str, object],
) -> None:
    with pytest.raises(DoseTypeError):
        classify_many(["4.500 mg"], errors="collect", **options)  # type: ignore[call-overload]
