"""Assertions shared by the test modules: a refusal of the right kind, a consistent result."""

from __future__ import annotations

import pytest

from naltrexone_dose import (
    DoseClassification,
    DoseError,
    ErrorReason,
    classify_dose,
    default_band_table,
)


def assert_refused(dose: object, error: type[DoseError], reason: ErrorReason) -> DoseError:
    """classify_dose refuses ``dose`` with this error class and reason; return the error."""
    with pytest.raises(error) as caught:
        classify_dose(dose)
    assert caught.value.reason is reason
    return caught.value


def assert_result_or_refusal(dose: object) -> None:
    """classify_dose gives a consistent result or a DoseError, and nothing else."""
    try:
        result = classify_dose(dose)
    except DoseError:
        return
    assert_consistent(result)


def assert_consistent(result: DoseClassification) -> None:
    """The band is the band of the exact daily dose, and the result survives JSON unchanged."""
    if result.mg_per_day is not None:
        assert result.band is default_band_table().place(result.mg_per_day).band
    assert DoseClassification.model_validate_json(result.model_dump_json()) == result
