"""The errors this library raises, one tree under `DoseError`.

::

    ValueError
    └── DoseError                  every error about a bad dose or a bad band table
        ├── DoseSyntaxError        the text cannot be read as a dose
        ├── DoseUnitError          read, but not a mass or a mass per time
        ├── DoseAmountError        not a positive, finite amount inside the accepted range
        ├── DailyDoseUnknownError  a mass, but no way to know how much is taken a day
        ├── DoseTypeError          the input is not of a kind the library reads (also a TypeError)
        └── BandTableError         a band table that fails validation

Every error carries ``reason`` (an `ErrorReason`, for programs) beside its message
(for people). The message says what was wrong and what would be accepted; it never repeats a
dependency's own wording.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "BandTableError",
    "DailyDoseUnknownError",
    "DoseAmountError",
    "DoseError",
    "DoseSyntaxError",
    "DoseTypeError",
    "DoseUnitError",
    "ErrorReason",
    "check_flag",
]


class ErrorReason(StrEnum):
    """Why a dose or a table was refused: a stable, machine-readable code."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARACTER = "control_character"
    NO_AMOUNT = "no_amount"
    NO_UNIT = "no_unit"
    UNKNOWN_UNIT = "unknown_unit"
    AMBIGUOUS_UNIT = "ambiguous_unit"
    DECIMAL_COMMA = "decimal_comma"
    DIGIT_GROUPING = "digit_grouping"
    EXPRESSION = "expression"
    MALFORMED_NUMBER = "malformed_number"
    DOUBLED_UNIT = "doubled_unit"
    MULTIPLE_AMOUNTS = "multiple_amounts"
    COMPARATOR = "comparator"
    NOT_A_MASS = "not_a_mass"
    VOLUME_WITHOUT_CONCENTRATION = "volume_without_concentration"
    CONCENTRATION = "concentration"
    PER_BODY_SIZE = "per_body_size"
    PER_MONTH = "per_month"
    ZERO = "zero"
    NEGATIVE = "negative"
    NOT_FINITE = "not_finite"
    OUT_OF_RANGE = "out_of_range"
    FREQUENCY_UNKNOWN = "frequency_unknown"
    CONFLICTING_FREQUENCY = "conflicting_frequency"
    COUNT_WITHOUT_MASS = "count_without_mass"
    UNSUPPORTED_ROUTE = "unsupported_route"
    UNSUPPORTED_INPUT = "unsupported_input"
    INVALID_TABLE = "invalid_table"
    MEANING_CHANGED = "meaning_changed"
    OTHER_DRUG = "other_drug"
    UNPLACED_NUMBER = "unplaced_number"
    DECIMAL_MARK = "decimal_mark"
    BIDI_CONTROL = "bidi_control"
    UNKNOWN_SIGN = "unknown_sign"
    TEXT_DISAGREES = "text_disagrees"
    NO_DAILY_QUANTITY = "no_daily_quantity"
    UNKNOWN_WORD = "unknown_word"
    AMBIGUOUS_ENTRIES = "ambiguous_entries"
    #: A batch row with no value at all (None, NaN, pd.NA, a masked or empty cell): a
    #: missing row, not an error.
    MISSING = "missing"


class DoseError(ValueError):
    """Base of every error this library raises about its input."""

    reason: ErrorReason

    def __init__(self, message: str, reason: ErrorReason) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __reduce__(self) -> tuple[type[DoseError], tuple[str, ErrorReason]]:
        # Exceptions pickle their args; ours take two, so say which.
        return (type(self), (self.message, self.reason))


class DoseSyntaxError(DoseError):
    """The text cannot be read as a dose (no amount, an unknown unit, arithmetic, ...)."""


class DoseUnitError(DoseError):
    """The dose was read but is not a mass or a mass per time (a volume, mg/kg, ...)."""


class DoseAmountError(DoseError):
    """The amount is zero, negative, not finite, or outside the accepted range."""


class DailyDoseUnknownError(DoseError):
    """A mass was read, but how much is taken a day cannot be known (as needed, ...)."""


class DoseTypeError(DoseError, TypeError):
    """The input is of a kind the library does not read (``None``, a list, a bool, ...)."""


class BandTableError(DoseError):
    """A band table failed validation; the message names the row and the fault."""


def check_flag(value: object, name: str) -> bool:
    """Return ``value`` if it is a bool; anything else (the text "False", 0, None) is refused.

    An option such as ``decimal_comma`` changes how every number is read, so "False" (a
    non-empty string, so true) must never be taken as true.

    Examples:
        >>> check_flag(True, "decimal_comma")
        True
        >>> check_flag("False", "decimal_comma")
        Traceback (most recent call last):
        ...
        naltrexone_dose.DoseTypeError: decimal_comma must be True or False, not 'False' (a str)
    """
    if not isinstance(value, bool):
        shown = repr(value) if isinstance(value, str | int | float | None) else "a value"
        msg = f"{name} must be True or False, not {shown[:40]} (a {type(value).__name__})"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return value


_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def public_entry(function: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """Make ``function`` raise its `DoseError` without the library's private frames.

    A bad dose is the caller's input, not a fault inside the library: the traceback a notebook
    or a terminal prints should go from the caller's line to the message, not through the
    reader's internals. So a `DoseError` leaving a public entry point is re-raised with its
    traceback cleared; what remains is the caller's frames and this one line. It changes the
    exception, not the display, so plain Python, IPython and Jupyter all show it short
    (``__tracebackhide__`` would not do: IPython never hides the frame that raises).
    Errors that are not a `DoseError` (a bug) keep their whole traceback. ``from
    error.__cause__`` keeps a cause the error names and hides contexts of internal handling.
    """

    @functools.wraps(function)
    def public_entry_point(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        try:
            return function(*args, **kwargs)
        except DoseError as error:  # the caller's input was refused: the message says why
            raise error.with_traceback(None) from error.__cause__

    return public_entry_point
