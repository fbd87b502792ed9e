"""FHIR Quantity and Dosage in, FHIR Quantity out."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from checks import assert_refused

from naltrexone_dose import (
    Band,
    DailyDoseBasis,
    DailyDoseUnknownError,
    DoseAmountError,
    DoseError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
    classify_dose,
)

UCUM = "http://unitsofmeasure.org"


def quantity(value: object, code: str, **extra: object) -> dict[str, Any]:
    return {"value": value, "unit": code, "system": UCUM, "code": code, **extra}


@pytest.mark.parametrize(
    ("resource", "mg_per_day"),
    [
        (quantity(4.5, "mg"), Fraction("4.5")),
        (quantity(1, "ug"), Fraction(1, 1000)),
        (quantity(1000, "ng"), Fraction(1, 1000)),
        (quantity(0.05, "g"), Fraction(50)),
        (quantity(4.5, "mg/d"), Fraction("4.5")),
        (quantity(4.5, "mg{dose}"), Fraction("4.5")),
        (quantity("4.5", "mg"), Fraction("4.5")),
        ({"value": 4.5, "unit": "MG"}, Fraction("4.5")),
        ({"value": 4.5, "unit": "mg", "system": "urn:other", "code": "xyz"}, Fraction("4.5")),
    ],
)
def test_fhir_quantities(resource: dict[str, Any], mg_per_day: Fraction) -> None:
    assert classify_dose(resource).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    ("resource", "error", "reason"),
    [
        (quantity(4.5, "mg", comparator="<"), DoseSyntaxError, ErrorReason.COMPARATOR),
        ({"unit": "mg", "code": "mg"}, DoseSyntaxError, ErrorReason.NO_AMOUNT),
        ({"value": 4.5}, DoseSyntaxError, ErrorReason.NO_UNIT),
        (quantity(4.5, "mL"), DoseUnitError, ErrorReason.NOT_A_MASS),
        (quantity("4,5", "mg"), DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
        (quantity("e5", "mg"), DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
        (quantity(".", "mg"), DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
        (quantity("9" * 5000, "mg"), DoseSyntaxError, ErrorReason.TOO_LONG),
        (quantity(True, "mg"), DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
        (quantity(-1, "mg"), DoseError, ErrorReason.NEGATIVE),
        ({"resourceType": "Patient"}, DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ],
)
def test_bad_fhir_quantities(
    resource: dict[str, Any], error: type[DoseError], reason: ErrorReason
) -> None:
    assert_refused(resource, error, reason)


def dosage(
    value: float, code: str, repeat: dict[str, object] | None, route: str = "Oral"
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "doseAndRate": [{"doseQuantity": quantity(value, code)}],
        "route": {"coding": [{"system": "http://snomed.info/sct", "display": route}]},
    }
    if repeat is not None:
        resource["timing"] = {"repeat": repeat}
    return resource


@pytest.mark.parametrize(
    ("resource", "mg_per_day", "band"),
    [
        (
            dosage(0.5, "mg", {"frequency": 2, "period": 1, "periodUnit": "d"}),
            Fraction(1),
            Band.LOW,
        ),
        (
            dosage(100, "mg", {"frequency": 1, "period": 2, "periodUnit": "d"}),
            Fraction(50),
            Band.STANDARD,
        ),
        (
            dosage(350, "mg", {"frequency": 1, "period": 1, "periodUnit": "wk"}),
            Fraction(50),
            Band.STANDARD,
        ),
        (dosage(1, "mg", {"frequency": 1, "period": 8, "periodUnit": "h"}), Fraction(3), Band.LOW),
        (dosage(4.5, "mg", None), Fraction("4.5"), Band.LOW),
        ({"text": "LDN 4.5 mg at bedtime"}, Fraction("4.5"), Band.LOW),
        ({"doseAndRate": [{"rateQuantity": quantity(4.5, "mg/d")}]}, Fraction("4.5"), Band.LOW),
    ],
)
def test_fhir_dosages(resource: dict[str, Any], mg_per_day: Fraction, band: Band) -> None:
    result = classify_dose(resource)
    assert result.mg_per_day == mg_per_day
    assert result.band is band


def test_a_fhir_depot_dosage_is_standard_and_never_averaged() -> None:
    resource = dosage(380, "mg", {"frequency": 1, "period": 4, "periodUnit": "wk"}, "Intramuscular")
    result = classify_dose(resource)
    assert result.band is Band.STANDARD
    assert result.mg_per_day is None
    assert result.dose.basis is DailyDoseBasis.DEPOT
    monthly = dosage(380, "mg", {"frequency": 1, "period": 1, "periodUnit": "mo"}, "Intramuscular")
    assert classify_dose(monthly).band is Band.STANDARD


@pytest.mark.parametrize(
    ("resource", "error", "reason"),
    [
        ({**dosage(4.5, "mg", None), "asNeededBoolean": True}, DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
        (dosage(4.5, "mg", {"frequency": 1, "period": 1, "periodUnit": "mo"}), DoseUnitError, ErrorReason.PER_MONTH),
        (dosage(4.5, "mg", {"frequency": 1, "period": 1, "periodUnit": "fortnight"}), DoseSyntaxError, ErrorReason.UNKNOWN_UNIT),
        (dosage(4.5, "mg", {"frequency": 0, "period": 1, "periodUnit": "d"}), DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
        (dosage(50, "mg", {"frequency": 1, "period": 1, "periodUnit": "d"}, "Intramuscular"), DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
        ({"doseAndRate": []}, DoseSyntaxError, ErrorReason.NO_AMOUNT),
        # Found by the fuzzer: a dose inside the range, pushed out of it by the frequency.
        (dosage(5.885972602890974e297, "mg", {"frequency": 3, "period": 20, "periodUnit": "min"}), DoseAmountError, ErrorReason.OUT_OF_RANGE),
        ({"doseAndRate": [{"doseRange": {}}]}, DoseSyntaxError, ErrorReason.NO_AMOUNT),
        ({"doseAndRate": [{"doseQuantity": "4.5 mg"}]}, DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ],
)  # fmt: skip
def test_bad_fhir_dosages(
    resource: dict[str, Any], error: type[DoseError], reason: ErrorReason
) -> None:
    assert_refused(resource, error, reason)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500 mcg daily", {"value": 500, "unit": "ug/d", "code": "ug/d"}),
        ("4.5 mg", {"value": 4.5, "unit": "mg/d", "code": "mg/d"}),
        ("350 mg/week", {"value": 50, "unit": "mg/d", "code": "mg/d"}),
    ],
)
def test_to_fhir_quantity_writes_ucum(text: str, expected: dict[str, object]) -> None:
    written = classify_dose(text).to_fhir_quantity()
    assert written == {**expected, "system": UCUM}
    assert "mcg" not in str(written)
    if "/d" in str(expected["code"]):
        assert classify_dose(written).mg_per_day == classify_dose(text).mg_per_day
