"""Many doses at once: each distinct input read once, missing rows and bad rows kept in place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

from pydantic import BaseModel, ConfigDict, Field

from ._bands import table_or_default
from ._classify import classify_dose
from ._errors import DoseError, DoseTypeError, ErrorReason, check_flag, public_entry
from ._keys import exact_key
from ._missing import MISSING_MESSAGE, is_missing
from ._numbers import shown

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from ._bands import BandTable
    from ._models import DoseClassification

__all__ = ["DoseFailure", "DoseMissing", "classify_many", "failure", "missing_row"]


class DoseFailure(BaseModel):
    """A row of a batch that could not be classified: what it was, why, and the message.

    Examples:
        >>> from naltrexone_dose import classify_many
        >>> classify_many(["4,5 mg"], errors="collect")[0].reason
        <ErrorReason.DECIMAL_COMMA: 'decimal_comma'>
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(description="the input, as text (its repr for non-text inputs)")
    reason: ErrorReason
    error: str = Field(description="the name of the DoseError subclass; empty for a missing row")
    message: str


class DoseMissing(DoseFailure):
    """A row of a batch that holds no value (None, NaN, ``pd.NA``, a masked or empty cell).

    Not an error: its ``reason`` is ``missing`` and its ``error`` is empty. It is a
    `DoseFailure`, so code that sets failures apart with ``isinstance`` sets it apart too.

    Examples:
        >>> from naltrexone_dose import classify_many
        >>> row = classify_many(["4.5 mg", None])[1]
        >>> row.reason.value, row.error, row.source
        ('missing', '', 'None')
    """

    reason: ErrorReason = ErrorReason.MISSING
    error: str = ""
    message: str = MISSING_MESSAGE


def missing_row(value: object) -> DoseMissing:
    """The missing row of a value that `is_missing` says holds none."""
    return DoseMissing(source=value if isinstance(value, str) else shown(value))


@overload
def classify_many(
    doses: Iterable[object],
    *,
    errors: Literal["raise"] = "raise",
    unit: str | None = None,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> list[DoseClassification | DoseMissing]: ...
@overload
def classify_many(
    doses: Iterable[object],
    *,
    errors: Literal["collect"],
    unit: str | None = None,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> list[DoseClassification | DoseFailure]: ...
@overload
def classify_many(
    doses: Iterable[object],
    *,
    errors: Literal["raise", "collect"],
    unit: str | None = None,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> list[DoseClassification | DoseMissing] | list[DoseClassification | DoseFailure]: ...
@public_entry
def classify_many(
    doses: Iterable[object],
    *,
    errors: Literal["raise", "collect"] = "raise",
    unit: str | None = None,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> list[DoseClassification | DoseMissing] | list[DoseClassification | DoseFailure]:
    """Classify every dose of an iterable, in order, reading each distinct input once.

    Each row gets what `classify_dose` gives it, except a missing value (None, a float NaN,
    ``pd.NA``, a masked element, an empty or all-space string), which gets a `DoseMissing`
    row (reason ``missing``) in either mode: a missing cell is not a bad dose.

    Args:
        doses: dose text, numbers (with ``unit``), pint Quantities or FHIR dicts.
        errors: ``"raise"`` (the default): the first bad dose raises its `DoseError`, of
            the same class and reason, with the row's position (from 0) and input at the start of
            its message; the result holds `DoseClassification`s and `DoseMissing` rows.
            ``"collect"``: a bad dose gives a `DoseFailure` in its place and the batch goes on.
        unit: the unit of numeric doses, as for `classify_dose`.
        table: the band table; the default is Box 1.
        decimal_comma: read "4,5 mg" as 4.5 mg.

    Returns:
        One result per input, in input order.

    Raises:
        DoseError: with ``errors="raise"``, for the first bad dose (a subclass says why).
        DoseTypeError: ``errors`` is neither ``"raise"`` nor ``"collect"``, ``decimal_comma``
            is not a bool, ``unit`` is not text, or ``table`` is not a `BandTable`.

    Examples:
        >>> [r.band.value for r in classify_many(["4.5 mg", "50 mg/day", "4.5 mg"])]
        ['low', 'standard', 'low']
        >>> classify_many(["4.5 mg", "4,5 mg"])
        Traceback (most recent call last):
        ...
        naltrexone_dose.DoseSyntaxError: row 1 ('4,5 mg'): '4,5' has a decimal comma, ...
    """
    if errors not in ("raise", "collect"):
        msg = f"errors must be 'raise' or 'collect', not {shown(errors)}"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    check_options(unit, table, decimal_comma)
    # Keyed by each input's exact identity and read with one set of options: an input with
    # no exact key (a pint Quantity) is read on its own every time.
    seen: dict[Hashable, DoseClassification | DoseFailure] = {}
    results: list[DoseClassification | DoseFailure] = []
    for position, dose in enumerate(doses):
        if is_missing(dose):
            results.append(missing_row(dose))
            continue
        key = exact_key(dose)
        found = seen.get(key) if key is not None else None
        if found is None:
            try:
                found = classify_dose(dose, unit, table=table, decimal_comma=decimal_comma)
            except DoseError as error:
                if errors == "raise":
                    raise at_row(error, position, dose) from error
                found = failure(dose, error)
            if key is not None:
                seen[key] = found
        results.append(found)
    return results  # with "raise", every failure in it is a DoseMissing


def check_options(unit: object, table: object, decimal_comma: object) -> None:
    """Refuse options of the wrong type once for the whole batch, never row by row."""
    if unit is not None and not isinstance(unit, str):
        msg = f"the unit is of type {type(unit).__name__}; expected text such as 'mg'"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if table is not None:
        table_or_default(table)
    check_flag(decimal_comma, "decimal_comma")


def at_row(error: DoseError, position: int, dose: object) -> DoseError:
    """The same error (class and reason), its message led by the row's position and input."""
    written = dose if isinstance(dose, str) else shown(dose)
    shortened = written if len(written) <= 60 else written[:57] + "..."
    return type(error)(f"row {position} ({shortened!r}): {error.message}", error.reason)


def failure(dose: object, error: DoseError) -> DoseFailure:
    """The failure entry for a bad dose."""
    try:
        source = dose if isinstance(dose, str) else repr(dose)
    except ValueError:  # an int too long to print
        source = f"<{type(dose).__name__}>"
    return DoseFailure(
        source=source[:1000],
        reason=error.reason,
        error=type(error).__name__,
        message=error.message,
    )
