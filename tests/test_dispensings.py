"""Daily doses from dispensings: exact for one, calendar days, same-day dispensings added,
rows by position, refusals as estimate_daily_dose gives them."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

from naltrexone_dose import DoseError, DoseTypeError
from naltrexone_dose.dataframe import (
    classify_amount_series,
    estimate_daily_dose,
    estimate_daily_doses,
)


def test_estimate_daily_dose_is_exact() -> None:
    assert estimate_daily_dose(4.5, 30, 30) == Fraction(9, 2)
    assert estimate_daily_dose(Fraction(50), 28, 56) == 25
    with pytest.raises(DoseError):
        estimate_daily_dose(50, 30, 0)


def test_estimated_daily_doses_from_days_supply_and_from_the_next_dispensing() -> None:
    frame = pd.DataFrame(
        {
            "patient": [1, 2, 1, 1],
            "date": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-31", "2024-03-01"]),
            "strength_mg": [4.5, 50.0, 4.5, 4.5],
            "quantity": [30, 30, 60, 30],
            "days_supply": [30, 30, 60, 30],
        }
    )
    supplied = estimate_daily_doses(frame, days_supply="days_supply")
    assert supplied["mg_per_day"].tolist() == [4.5, 50.0, 4.5, 4.5]
    gaps = estimate_daily_doses(frame, patient="patient", date="date")
    assert gaps["days_covered"].tolist()[:3] == [30.0, pytest.approx(math.nan, nan_ok=True), 30.0]
    assert (
        gaps["mg_per_day"].tolist()[2] == 9.0
    )  # 60 capsules in the 30 days to the next dispensing
    bands = classify_amount_series(gaps["mg_per_day"], "mg/day")
    assert bands["band"].tolist()[2] == "between_low_and_standard"
    with pytest.raises(DoseTypeError):
        estimate_daily_doses(frame)


def test_a_days_supply_column_falls_back_to_the_next_dispensing_where_it_is_missing() -> None:
    frame = pd.DataFrame(
        {
            "patient": [1, 1, 1, 2],
            "date": pd.to_datetime(["2024-01-01", "2024-01-31", "2024-03-01", "2024-01-05"]),
            "strength_mg": [4.5, 4.5, 4.5, 50.0],
            "quantity": [30, 60, 30, 30],
            "days_supply": [30, None, None, None],
        }
    )
    estimated = estimate_daily_doses(
        frame, days_supply="days_supply", patient="patient", date="date"
    )
    assert estimated["days_covered"].tolist()[:2] == [30.0, 30.0]
    assert estimated["mg_per_day"].tolist()[:2] == [4.5, 9.0]  # 60 capsules in 30 days
    assert estimated["days_from"].tolist()[:2] == ["days_supply", "next_dispensing"]
    # A patient's last dispensing with no days' supply: no estimate, never a guess.
    assert estimated["mg_per_day"].isna().tolist()[2:] == [True, True]
    assert estimated["days_from"].isna().tolist()[2:] == [True, True]
    only_supply = estimate_daily_doses(frame, days_supply="days_supply")
    assert only_supply["mg_per_day"].isna().tolist() == [False, True, True, True]


def test_iso_text_dates_are_parsed_and_other_text_is_a_dose_error() -> None:
    frame = pd.DataFrame(
        {"patient": [1, 1], "date": ["2024-01-01", "2024-01-31"], "strength_mg": [4.5, 4.5],
         "quantity": [30, 30]}
    )  # fmt: skip
    estimated = estimate_daily_doses(frame, patient="patient", date="date")
    assert estimated["mg_per_day"].tolist()[0] == 4.5
    ambiguous = frame.assign(date=["01/02/2024", "03/02/2024"])
    with pytest.raises(DoseTypeError, match="ISO 8601"):
        estimate_daily_doses(ambiguous, patient="patient", date="date")
    with pytest.raises(DoseTypeError, match="no date column 'when'"):
        estimate_daily_doses(frame, patient="patient", date="when")
    with pytest.raises(DoseTypeError, match="expected numbers"):
        estimate_daily_doses(frame.assign(quantity=["30", "30"]), patient="patient", date="date")


def test_estimate_daily_dose_refuses_text_and_bools_with_its_own_errors() -> None:
    with pytest.raises(DoseTypeError):
        estimate_daily_dose("4.5", 30, 30)  # type: ignore[arg-type]
    with pytest.raises(DoseTypeError):
        estimate_daily_dose(4.5, True, 30)
    assert estimate_daily_dose(Decimal("4.5"), 30, 30) == Fraction(9, 2)


def one_row_frames(rows: list[tuple[int, str, float, float]]) -> pd.DataFrame:
    """Dispensings concatenated from one-row frames: every index label is 0."""
    return pd.concat(
        [
            pd.DataFrame(
                {"patient": [p], "date": [pd.Timestamp(d)], "strength_mg": [s], "quantity": [q]}
            )
            for p, d, s, q in rows
        ]
    )


def test_duplicate_index_labels_give_each_dispensing_its_own_gap() -> None:
    # Issue 19: a frame of one-row frames (all labels 0) gave a patient's gap to the wrong
    # dispensing, or a foreign ValueError.
    frame = one_row_frames(
        [(1, "2024-01-01", 4.5, 30), (2, "2024-01-01", 50, 28), (1, "2024-01-31", 4.5, 60),
         (2, "2024-01-29", 50, 28), (1, "2024-03-01", 4.5, 30)]
    )  # fmt: skip
    assert list(frame.index) == [0] * 5
    estimated = estimate_daily_doses(frame, patient="patient", date="date")
    assert list(estimated.index) == [0] * 5
    assert estimated["days_covered"].tolist()[:4] == [
        30.0,
        28.0,
        30.0,
        pytest.approx(math.nan, nan_ok=True),
    ]
    assert estimated["mg_per_day"].tolist()[:3] == [4.5, 50.0, 9.0]
    shuffled = frame.iloc[[4, 2, 0, 3, 1]]
    again = estimate_daily_doses(shuffled, patient="patient", date="date")
    assert again["mg_per_day"].tolist()[1:3] == [9.0, 4.5]


def test_dispensings_of_one_day_are_added_together() -> None:
    # Issue 19: two packs dispensed on the same day counted as one.
    frame = one_row_frames(
        [(1, "2024-01-01", 4.5, 30), (1, "2024-01-01", 1.5, 30), (1, "2024-01-31", 4.5, 30)]
    )
    estimated = estimate_daily_doses(frame, patient="patient", date="date")
    assert estimated["mg_per_day"].tolist()[:2] == [6.0, 6.0]  # (135 + 45) mg in 30 days
    assert estimated["days_from"].tolist()[:2] == ["next_dispensing", "next_dispensing"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2024-01-01 18:00", "2024-01-31 08:00"),  # a later hour on the first day
        ("2024-03-01 00:00", "2024-03-31 00:00"),  # across the spring change (as UTC)
    ],
)
@pytest.mark.parametrize("zone", [None, "Europe/Oslo", "America/New_York"])
def test_days_between_dispensings_are_calendar_days(
    first: str, second: str, zone: str | None
) -> None:
    # Issue 19: a time of day or a daylight-saving change turned 30 days into 29.
    dates = pd.to_datetime([first, second])
    if zone is not None:
        dates = dates.tz_localize(zone)
    frame = pd.DataFrame({"patient": [1, 1], "date": dates, "strength_mg": [4.5, 4.5],
                          "quantity": [30, 30]})  # fmt: skip
    estimated = estimate_daily_doses(frame, patient="patient", date="date")
    assert estimated["days_covered"].tolist()[0] == 30.0
    assert estimated["mg_per_day"].tolist()[0] == 4.5


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("strength_mg", -4.5, "negative"),
        ("strength_mg", 0.0, "zero"),
        ("quantity", -30.0, "negative"),
        ("quantity", math.inf, "not_finite"),
        ("days_supply", 0.0, "zero"),
        ("days_supply", -30.0, "negative"),
        ("strength_mg", math.nan, "missing"),
    ],
)
def test_zero_negative_and_infinite_inputs_are_refused_as_estimate_daily_dose_refuses_them(
    column: str, value: float, reason: str
) -> None:
    # Issue 19: negative strengths and quantities gave a dose.
    frame = pd.DataFrame(
        {"patient": [1, 1], "date": pd.to_datetime(["2024-01-01", "2024-01-31"]),
         "strength_mg": [4.5, 4.5], "quantity": [30.0, 30.0], "days_supply": [30.0, 30.0]}
    )  # fmt: skip
    frame.loc[0, column] = value
    estimated = estimate_daily_doses(
        frame, days_supply="days_supply", patient="patient", date="date"
    )
    assert math.isnan(estimated["mg_per_day"].tolist()[0])
    assert estimated["reason"].tolist()[0] == reason
    assert estimated["mg_per_day"].tolist()[1] == 4.5
    if reason != "missing":
        arguments = {"strength_mg": 4.5, "quantity": 30.0, "days_supply": 30.0}
        arguments[column] = value
        with pytest.raises(DoseError) as caught:
            estimate_daily_dose(*arguments.values())
        assert caught.value.reason.value == reason


def test_dispensing_columns_of_complex_numbers_and_products_past_the_range_are_refused() -> None:
    frame = pd.DataFrame(
        {"patient": [1, 1], "date": ["2024-01-01", "2024-01-31"], "strength_mg": [1e160, 4.5],
         "quantity": [1e160, 30], "days_supply": [1.0, 30.0]}
    )  # fmt: skip
    estimated = estimate_daily_doses(frame, days_supply="days_supply")
    reasons = estimated["reason"].tolist()
    assert reasons[0] == "out_of_range"
    assert pd.isna(reasons[1])
    assert math.isnan(estimated["mg_per_day"].tolist()[0])
    with pytest.raises(DoseTypeError, match="complex"):
        estimate_daily_doses(frame.assign(quantity=[1 + 1j, 2 + 0j]), days_supply="days_supply")


def test_patient_identifiers_of_mixed_types_and_missing_dates_need_no_ordering() -> None:
    frame = pd.DataFrame(
        {"patient": [1, "A1", 1, "A1", None, 1], "strength_mg": [4.5, 50, 4.5, 50, 4.5, 4.5],
         "date": ["2024-01-01", "2024-01-01", "2024-01-31", "2024-01-11", "2024-01-05", None],
         "quantity": [30, 10, 30, 10, 30, 30]}
    )  # fmt: skip
    estimated = estimate_daily_doses(frame, patient="patient", date="date")
    assert estimated["mg_per_day"].tolist()[:2] == [4.5, 50.0]
    assert estimated["mg_per_day"].isna().tolist()[2:] == [True] * 4


def test_a_row_with_no_estimate_always_says_why() -> None:
    # An independent tester: a good dispensing on the same day as a refused one, and rows
    # with no date, had no estimate and no reason.
    frame = pd.DataFrame(
        {
            "patient": [1, 1, 1, 2],
            "date": ["2024-01-01", "2024-01-01", "2024-01-31", None],
            "strength_mg": [4.5, 0.0, 4.5, 4.5],
            "quantity": pd.Series([30, 30, 30, pd.NA], dtype=object),
        }
    )
    result = estimate_daily_doses(frame, patient="patient", date="date")
    assert result["reason"].tolist() == ["missing", "zero", "missing", "missing"]
