"""Daily doses estimated from dispensings: strength x quantity / days covered.

Registries of dispensed prescriptions record strength, amount dispensed and dates, not a
daily dose. `estimate_daily_dose` is the estimator for one dispensing, exact;
`estimate_daily_doses` applies it to a pandas frame of dispensings, with the days covered
taken from a recorded days' supply or counted in calendar days to the same patient's next
dispensing day. Both are public through `naltrexone_dose.dataframe`; pandas and numpy are
imported only when a function runs.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ._errors import DoseAmountError, DoseTypeError, ErrorReason, public_entry
from ._missing import is_missing
from ._numbers import MAX_MG_PER_DAY, exact_number

__all__ = ["Number", "estimate_daily_dose", "estimate_daily_doses", "frame_column"]


Number = float | Decimal | Fraction
"""An exact or floating-point number (``int`` is accepted wherever ``float`` is)."""


@public_entry
def estimate_daily_dose(strength_mg: Number, quantity: Number, days: Number) -> Fraction:
    """Estimate a daily dose from a dispensing: strength x quantity / days covered, exactly.

    Assumes every unit dispensed is taken, evenly, over the days covered (the days' supply,
    or the days until the same patient's next dispensing), with no stockpiling or waste.
    A float is read as the decimal its ``repr`` shows (4.5 is exactly 9/2).

    Args:
        strength_mg: the strength of one unit (tablet, capsule, mL), in mg.
        quantity: how many units were dispensed.
        days: the days the dispensing covers.

    Returns:
        The daily dose in mg, exact.

    Raises:
        DoseAmountError: a value is zero, negative or not finite.
        DoseTypeError: a value is not a number (text, a bool, None).

    Examples:
        >>> estimate_daily_dose(4.5, 30, 30)
        Fraction(9, 2)
        >>> estimate_daily_dose(50, 28, 56)
        Fraction(25, 1)
    """
    parts = [
        exact_number(strength_mg, "the strength"),
        exact_number(quantity, "the quantity"),
        exact_number(days, "the days covered"),
    ]
    if any(part <= 0 for part in parts):
        msg = "strength, quantity and days covered must all be positive"
        raise DoseAmountError(msg, ErrorReason.NEGATIVE if min(parts) < 0 else ErrorReason.ZERO)
    strength, count, covered = parts
    daily = strength * count / covered
    if daily > MAX_MG_PER_DAY:
        msg = "the daily dose is outside the accepted range of 1e-300 to 1e300 mg per day"
        raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)
    return daily


def frame_column(frame: Any, name: str, what: str) -> Any:
    """A column of a pandas or polars frame by name; a missing one is a DoseTypeError."""
    if name not in frame.columns:
        found = ", ".join(map(str, frame.columns))
        msg = f"the frame has no {what} column {name!r} (columns: {found})"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return frame[name]


def _dates(frame: Any, name: str) -> Any:
    """A date column as calendar days (days since 1970-01-01, NaN where missing).

    Datetimes are taken as they are, ISO 8601 text is parsed, anything else is refused. A
    time of day is dropped and a time zone's date is its own local date, so that 30 days
    between two dispensings are 30 whatever the hour or a daylight-saving change.
    """
    import pandas as pd  # noqa: PLC0415

    column = frame_column(frame, name, "date")
    if not pd.api.types.is_datetime64_any_dtype(column.dtype):
        try:
            # Only ISO 8601: "01/02/2024" is 1 February or 2 January, and a guess would be
            # silent.
            column = pd.to_datetime(column, format="ISO8601")
        except (ValueError, TypeError) as exc:
            msg = (
                f"the date column {name!r} holds values that are not ISO 8601 dates such as "
                "'2024-01-31'; parse it first, e.g. pd.to_datetime(frame[...], format='%d.%m.%Y')"
            )
            raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from exc
        if not pd.api.types.is_datetime64_any_dtype(column.dtype):  # pragma: no cover
            # pandas 2 gives objects for dates in several time zones; pandas 3 refuses them.
            msg = f"the date column {name!r} mixes time zones; give its dates in one zone"
            raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if getattr(column.dtype, "tz", None) is not None:
        column = column.dt.tz_localize(None)  # the local date and time, as the zone shows it
    days = (column.dt.normalize() - pd.Timestamp("1970-01-01")).dt.days
    return days.to_numpy(dtype="float64", na_value=float("nan"))


def _numbers(frame: Any, name: str, what: str) -> Any:
    """A numeric column as float64 values by position (NaN where missing)."""
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    column = frame_column(frame, name, what)
    if column.dtype == object:
        return np.asarray([_number(value, name, what) for value in column], dtype=np.float64)
    if pd.api.types.is_bool_dtype(column.dtype) or not pd.api.types.is_numeric_dtype(column.dtype):
        msg = f"the {what} column {name!r} is of dtype {column.dtype}; expected numbers"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if pd.api.types.is_complex_dtype(column.dtype):
        msg = f"the {what} column {name!r} holds complex numbers; expected real numbers"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return column.to_numpy(dtype=np.float64, na_value=np.nan)


def _number(value: object, name: str, what: str) -> float:
    """One entry of an object column: a missing value is NaN, a real number its float."""
    if is_missing(value):
        return math.nan
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"the {what} column {name!r} holds {value!r}; expected numbers"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return float(value)


def _refusals(values: Any) -> Any:
    """Per value, the reason estimate_daily_dose refuses it (missing where it does not)."""
    import numpy as np  # noqa: PLC0415

    found = np.full(len(values), None, dtype=object)
    open_rows = np.ones(len(values), dtype=bool)
    with np.errstate(invalid="ignore"):
        cases = [
            (np.isnan(values), ErrorReason.MISSING),
            (np.isinf(values), ErrorReason.NOT_FINITE),  # -inf too, as exact_number says
            (values == 0, ErrorReason.ZERO),
            (values < 0, ErrorReason.NEGATIVE),
        ]
    for case, reason in cases:  # the first that holds, in estimate_daily_dose's order
        found[case & open_rows] = reason.value
        open_rows &= ~case
    return found


@public_entry
def estimate_daily_doses(
    frame: Any,
    *,
    strength: str = "strength_mg",
    quantity: str = "quantity",
    days_supply: str | None = None,
    patient: str | None = None,
    date: str | None = None,
) -> Any:
    """Add ``days_covered``, ``days_from``, an estimated ``mg_per_day`` and ``reason`` to
    dispensings.

    Each row is one dispensing: a strength in mg, a quantity of units, and what says how
    long it lasts. The days covered are, for each row, the recorded days' supply when
    ``days_supply=`` names a column and the row has one; otherwise, when ``patient=`` and
    ``date=`` are given, the calendar days until the same patient's next dispensing day.
    Dispensings of one patient on one day are taken together: their amounts (strength x
    quantity) are added, and each of them shows the day's total over the days to the next
    dispensing day. A row with neither (a patient's last dispensing with no days' supply)
    gets NaN, never a guess. ``days_from`` says which was used: ``"days_supply"``,
    ``"next_dispensing"``, or missing. Rows are matched by position, so a frame with
    duplicate or unsorted index labels is estimated row by row as it stands.

    A strength, quantity or days' supply that is zero, negative or infinite is refused as
    `estimate_daily_dose` refuses it: the row gets no estimate and its ``reason`` says why
    (``zero``, ``negative``, ``not_finite``; ``missing`` for a missing strength, quantity,
    date, patient or days' supply; ``out_of_range`` past 1e300 mg/day). A day whose
    dispensings include such a row gets no next-dispensing estimate for any of them, and
    reason ``missing`` (a same-day amount is not known). An object column may hold numbers
    with missing values (``pd.NA``, None) among them.

    Args:
        frame: a pandas DataFrame of dispensings (for polars, pass ``frame.to_pandas()``).
        strength: the column of strengths, in mg per unit.
        quantity: the column of quantities dispensed, in units.
        days_supply: the column of recorded days' supply, if any.
        patient: the column identifying the patient, to find the next dispensing.
        date: the column of dispensing dates: datetimes (a time of day and a time zone are
            allowed: the date is what counts), or ISO 8601 text ("2024-01-31").

    Returns:
        A copy of ``frame`` with the columns ``days_covered`` (float64),
            ``days_from`` (text), ``mg_per_day`` (float64) and ``reason`` (text). Feed
            ``mg_per_day`` to `classify_amount_series`.

    Raises:
        DoseTypeError: a polars frame; a column that is missing or not numbers; dates that
            are neither datetimes nor ISO 8601 text; neither ``days_supply=`` nor both of
            ``patient=`` and ``date=``.

    Examples:
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"patient": [1, 1, 2], "date": ["2024-01-01", "2024-01-31", "2024-01-01"],
        ...                       "strength_mg": [4.5, 4.5, 50], "quantity": [30, 30, 30],
        ...                       "days_supply": [None, None, 30]})
        >>> estimated = estimate_daily_doses(frame, days_supply="days_supply", patient="patient", date="date")
        >>> estimated["mg_per_day"].tolist(), estimated["days_from"].tolist()
        ([4.5, nan, 50.0], ['next_dispensing', nan, 'days_supply'])
    """
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    if not isinstance(frame, pd.DataFrame):
        msg = (
            f"estimate_daily_doses takes a pandas DataFrame, not a {type(frame).__name__}; "
            "for polars, pass frame.to_pandas()"
        )
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if days_supply is None and (patient is None or date is None):
        msg = "give days_supply=, or patient= and date= to count the days to the next dispensing"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    size = len(frame)
    strengths = _numbers(frame, strength, "strength")
    quantities = _numbers(frame, quantity, "quantity")
    # Every value by position: index labels may repeat (frames concatenated) or be unsorted.
    reason = _refusals(strengths)
    reason = np.where(pd.isna(reason), _refusals(quantities), reason)
    with np.errstate(invalid="ignore", over="ignore"):
        amounts = np.where(pd.isna(reason), strengths * quantities, np.nan)
    days = np.full(size, np.nan)
    source = np.full(size, None, dtype=object)
    if days_supply is not None:
        supplied = _numbers(frame, days_supply, "days' supply")
        supply_reason = _refusals(supplied)
        recorded = ~np.isnan(supplied)
        bad_supply = recorded & pd.notna(supply_reason)
        reason = np.where(pd.isna(reason) & bad_supply, supply_reason, reason)
        good = recorded & ~bad_supply
        days[good] = supplied[good]
        source[good] = "days_supply"
    daily = np.full(size, np.nan)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        daily[source == "days_supply"] = (amounts / days)[source == "days_supply"]
    if patient is not None and date is not None:
        gaps, totals = _next_dispensing(frame, patient, _dates(frame, date), amounts)
        fill = np.isnan(days) & ~np.isnan(gaps) & pd.isna(reason)
        if days_supply is not None:
            fill &= np.isnan(_numbers(frame, days_supply, "days' supply"))
        days[fill] = gaps[fill]
        source[fill] = "next_dispensing"
        with np.errstate(invalid="ignore", over="ignore"):
            daily[fill] = (totals / gaps)[fill]
    past = daily > float(MAX_MG_PER_DAY)
    reason = np.where(past & pd.isna(reason), ErrorReason.OUT_OF_RANGE.value, reason)
    daily[past] = np.nan
    # No estimate and no reason yet: a date, a patient, a days' supply or a same-day
    # dispensing's amount is missing.
    reason = np.where(np.isnan(daily) & pd.isna(reason), ErrorReason.MISSING.value, reason)
    result = frame.copy()
    result["days_covered"] = days
    result["days_from"] = pd.Series(source, index=frame.index, dtype="str")
    result["mg_per_day"] = daily
    result["reason"] = pd.Series(reason, index=frame.index, dtype="str")
    return result


def _next_dispensing(frame: Any, patient: str, days: Any, amounts: Any) -> tuple[Any, Any]:
    """For each row: calendar days to the same patient's next dispensing day, and the total
    amount dispensed to that patient on the row's day (NaN where any of it is unknown)."""
    import numpy as np  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    # Patients by code: identifiers of mixed types (1 and "A1") need no ordering between them.
    patients, _ = pd.factorize(frame_column(frame, patient, "patient"), use_na_sentinel=True)
    rows = pd.DataFrame(
        {"patient": patients, "day": days, "amount": amounts, "position": np.arange(len(days))}
    )
    rows = rows[rows["day"].notna() & (rows["patient"] >= 0)]
    rows = rows.assign(unknown=rows["amount"].isna())
    by_day = (
        rows.groupby(["patient", "day"], sort=True)
        .agg(total=("amount", "sum"), unknown=("unknown", "any"))
        .reset_index()
    )
    by_day.loc[by_day["unknown"], "total"] = np.nan
    following = by_day.groupby("patient", sort=False)["day"].shift(-1)
    by_day["gap"] = following - by_day["day"]
    placed = rows.merge(by_day[["patient", "day", "total", "gap"]], on=["patient", "day"])
    gaps = np.full(len(days), np.nan)
    totals = np.full(len(days), np.nan)
    positions = placed["position"].to_numpy()
    gaps[positions] = placed["gap"].to_numpy(dtype=np.float64, na_value=np.nan)
    totals[positions] = placed["total"].to_numpy(dtype=np.float64, na_value=np.nan)
    return gaps, totals
