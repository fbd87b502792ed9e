"""SPEC, "FHIR lists" and the parts table: each rule of the FHIR reader, with examples that
read and near-misses that refuse (issue 17's FHIR families)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from naltrexone_dose import (
    DailyDoseUnknownError,
    DoseError,
    ErrorReason,
    classify_dose,
)

UCUM = "http://unitsofmeasure.org"


def mg(value: float, code: str = "mg") -> dict[str, Any]:
    return {"value": value, "unit": code, "system": UCUM, "code": code}


def dosage(value: float = 4.5, code: str = "mg", **fields: Any) -> dict[str, Any]:
    return {"doseAndRate": [{"doseQuantity": mg(value, code)}], **fields}


def repeat(**fields: Any) -> dict[str, Any]:
    return {"repeat": fields}


DAILY = repeat(frequency=1, period=1, periodUnit="d")
BID = repeat(frequency=2, period=1, periodUnit="d")


def refused(resource: object, reason: ErrorReason, *words: str) -> DoseError:
    """classify_dose refuses with this reason, and the message names each of ``words``."""
    with pytest.raises(DoseError) as caught:
        classify_dose(resource)
    assert caught.value.reason is reason, caught.value.message
    for word in words:
        assert word in caught.value.message
    return caught.value


# -- timing: tim-10, no default period, a period alone is once per period -------------------


def test_when_and_time_of_day_together_break_tim_10_and_are_refused() -> None:
    resource = dosage(4.5, timing=repeat(when=["HS"], timeOfDay=["22:00:00"]))
    error = refused(resource, ErrorReason.CONFLICTING_FREQUENCY, "tim-10")
    assert isinstance(error, DailyDoseUnknownError)
    # Either alone is read: one administration a day.
    assert classify_dose(dosage(4.5, timing=repeat(when=["HS"]))).mg_per_day == Fraction(9, 2)
    alone = dosage(4.5, timing=repeat(timeOfDay=["22:00:00"]))
    assert classify_dose(alone).mg_per_day == Fraction(9, 2)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"frequency": 1}, "frequency"),
        ({"frequency": 2, "periodUnit": "d"}, "periodUnit"),
        ({"periodUnit": "d"}, "periodUnit"),
        ({"frequency": 1, "frequencyMax": 2}, "frequencyMax"),
        ({"frequency": 1, "period": 1}, "periodUnit"),
    ],
)
def test_a_frequency_or_period_unit_without_a_period_is_refused(
    fields: dict[str, Any], named: str
) -> None:
    refused(dosage(4.5, timing={"repeat": fields}), ErrorReason.FREQUENCY_UNKNOWN, named)


def test_a_period_without_a_frequency_is_once_per_period() -> None:
    resource = dosage(100, timing=repeat(period=2, periodUnit="d"))
    assert classify_dose(resource).mg_per_day == 50
    weekly = dosage(350, timing=repeat(period=1, periodUnit="wk"))
    assert classify_dose(weekly).mg_per_day == 50


# -- a rate in doseQuantity keeps the timing ---------------------------------------------------


@pytest.mark.parametrize(
    ("resource", "mg_per_day"),
    [
        (dosage(4.5, "mg/d", timing=DAILY), Fraction(9, 2)),
        (dosage(4.5, "mg/d", timing=repeat(when=["HS"])), Fraction(9, 2)),
        (dosage(4.5, "mg/d"), Fraction(9, 2)),
        (dosage(350, "mg/wk", timing=repeat(frequency=1, period=1, periodUnit="wk")), 50),
    ],
    ids=["mg/d daily", "mg/d at bedtime", "mg/d alone", "mg/wk weekly"],
)
def test_a_rate_with_a_timing_that_agrees_is_read(
    resource: dict[str, Any], mg_per_day: Fraction
) -> None:
    assert classify_dose(resource).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    "timing",
    [
        BID,
        repeat(frequency=1, period=2, periodUnit="d"),
        repeat(when=["MORN", "EVE"]),
        repeat(frequency=1, period=1, periodUnit="d", dayOfWeek=["mon", "wed"]),
    ],
    ids=["bid", "every 2 days", "two times of day", "two days a week"],
)
def test_a_rate_with_a_timing_that_disagrees_is_refused(timing: dict[str, Any]) -> None:
    refused(dosage(4.5, "mg/d", timing=timing), ErrorReason.CONFLICTING_FREQUENCY, "rate")
