"""Many doses at once: each distinct input read once, bad rows kept in place on request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

from pydantic import BaseModel, ConfigDict, Field

from ._classify import classify_dose
from ._errors import DoseError, DoseTypeError, ErrorReason, public_entry

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from ._bands import BandTable
    from ._models import DoseClassification

__all__ = ["DoseFailure", "classify_many"]


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
    error: str = Field(description="the name of the DoseError subclass")
    message: str


def _key(dose: object) -> Hashable | None:
    # The type is part of the key: 1, 1.0 and True are equal as dict keys but not as doses.
    try:
        hash(dose)
    except TypeError:
        return None  # a FHIR dict: read every time
    return (type(dose), dose)


@overload
def classify_many(
    doses: Iterable[object],
    *,
    errors: Literal["raise"] = "raise",
    unit: str | None = None,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> list[DoseClassification]: ...
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
) -> list[DoseClassification] | list[DoseClassification | DoseFailure]: ...
@public_entry
def classify_many(
    doses: Iterable[object],
    *,
    errors: Literal["raise", "collect"] = "raise",
    unit: str | None = None,
    table: BandTable | str | None = None,
    decimal_comma: bool = False,
) -> list[DoseClassification] | list[DoseClassification | DoseFailure]:
    """Classify every dose of an iterable, in order, reading each distinct input once.

    Args:
        doses: dose text, numbers (with ``unit``), pint Quantities or FHIR dicts.
        errors: ``"raise"`` (the default): the first bad dose raises its `DoseError`, and
            the result holds only `DoseClassification`s (so type checkers know
            ``rows[0].band`` exists). ``"collect"``: a bad dose gives a `DoseFailure` in
            its place and the batch goes on.
        unit: the unit of numeric doses, as for `classify_dose`.
        table: the band table; the default is Box 1.
        decimal_comma: read "4,5 mg" as 4.5 mg.

    Returns:
        One result per input, in input order.

    Raises:
        DoseError: with ``errors="raise"``, for the first bad dose (a subclass says why).
        DoseTypeError: ``errors`` is neither ``"raise"`` nor ``"collect"``.

    Examples:
        >>> [r.band.value for r in classify_many(["4.5 mg", "50 mg/day", "4.5 mg"])]
        ['low', 'standard', 'low']
    """
    if errors not in ("raise", "collect"):
        msg = f"errors must be 'raise' or 'collect', not {errors!r}"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    seen: dict[Hashable, DoseClassification | DoseFailure] = {}
    results: list[DoseClassification | DoseFailure] = []
    for dose in doses:
        key = _key(dose)
        found = seen.get(key) if key is not None else None
        if found is None:
            found = _one(dose, errors, unit, table, decimal_comma)
            if key is not None:
                seen[key] = found
        results.append(found)
    return results


def _one(
    dose: object,
    errors: str,
    unit: str | None,
    table: BandTable | str | None,
    decimal_comma: bool,
) -> DoseClassification | DoseFailure:
    try:
        return classify_dose(dose, unit, table=table, decimal_comma=decimal_comma)
    except DoseError as error:
        if errors == "raise":
            raise
        return failure(dose, error)


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
