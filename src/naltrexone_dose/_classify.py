"""Classify: read any dose input, place its exact daily dose, gather what the table says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._bands import BandTable, default_band_table
from ._errors import DoseTypeError, ErrorReason, public_entry
from ._models import Dose, DoseClassification, DoseRange, StepClassification, build
from ._parse import parse_any

if TYPE_CHECKING:
    from fractions import Fraction

    from ._bands import BandRange


def _table(table: object) -> BandTable:
    if table is None:
        return default_band_table()
    if not isinstance(table, BandTable):
        msg = f"table must be a BandTable, not {type(table).__name__}"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return table


@public_entry
def parse_dose(
    dose: object,
    unit: str | None = None,
    *,
    decimal_comma: bool = False,
    concentration: str | None = None,
    table: BandTable | None = None,
) -> Dose:
    """Read a dose exactly, without classifying it.

    ``dose`` is dose text, a number with ``unit``, a pint Quantity, or a FHIR Quantity or
    Dosage as a dict. ``decimal_comma=True`` reads "4,5 mg" as 4.5 mg. ``concentration``
    ("1 mg/mL") turns a volume into a mass. ``table`` supplies the known depot regimens.

    Returns:
        The `Dose`, read exactly: amount, unit, frequency, daily dose in mg and its basis.

    Raises:
        DoseError: the input is not a dose; the subclass (`DoseSyntaxError`,
            `DoseUnitError`, `DoseAmountError`, `DailyDoseUnknownError`, `DoseTypeError`)
            and its ``reason`` say why.

    Examples:
        >>> parse_dose("0.5 mg BID").mg_per_day
        Fraction(1, 1)
        >>> parse_dose(4500, "mcg").mg_per_day
        Fraction(9, 2)
    """
    regimens = _table(table).regimens
    return parse_any(
        dose,
        unit,
        decimal_comma=decimal_comma,
        concentration=concentration,
        regimens=regimens,
    )


def _classified(
    dose: Dose, row: BandRange, table: BandTable, **extra: object
) -> DoseClassification:
    return build(
        DoseClassification,
        dose=dose,
        band=row.band,
        mg_per_day=dose.mg_per_day,
        label=row.label,
        in_box1=row.band.in_box1,
        box1=row.box1,
        uses=row.uses,
        safety=row.safety,
        notes=row.notes,
        neighbours=row.neighbours,
        table=table.name,
        warnings=dose.warnings,
        **extra,
    )


@public_entry
def classify_dose(
    dose: object,
    unit: str | None = None,
    *,
    table: BandTable | None = None,
    decimal_comma: bool = False,
    concentration: str | None = None,
) -> DoseClassification:
    """Read a dose and place its daily amount in one of the six ranges of the band table.

    ``dose`` is dose text ("4.5 mg", "LDN 1.5mg nocte", "350 mg/week"), a number with
    ``unit`` (``classify_dose(4.5, "mg")``), a pint Quantity, or a FHIR Quantity or Dosage
    dict. ``table`` is a `BandTable`; the default is Box 1. Bad input raises a
    `DoseError` whose ``reason`` says why.

    Returns:
        The `DoseClassification`: band, exact daily dose, the Box 1 row and what the
            review says of the band.

    Raises:
        DoseError: the input is not a dose; the subclass (`DoseSyntaxError`,
            `DoseUnitError`, `DoseAmountError`, `DailyDoseUnknownError`, `DoseTypeError`)
            and its ``reason`` say why.

    Examples:
        >>> classify_dose("LDN 4.5MG at bedtime").band
        <Band.LOW: 'low'>
        >>> classify_dose("3 mg BID").band.value, classify_dose(35, "mg/week").band.value
        ('between_low_and_standard', 'low')
    """
    chosen = _table(table)
    read = parse_any(
        dose,
        unit,
        decimal_comma=decimal_comma,
        concentration=concentration,
        regimens=chosen.regimens,
    )
    if read.mg_per_day is None:  # the depot: a known regimen, never averaged
        regimen = next(r for r in chosen.regimens if r.route == read.route)
        row = chosen.range_of(regimen.band)
        result = _classified(read, row, chosen)
        return result.model_copy(update={"notes": (*regimen.notes, *row.notes)})
    row = chosen.place(read.mg_per_day)
    extra: dict[str, object] = {}
    if read.low_mg_per_day is not None:
        low = chosen.place(read.low_mg_per_day).band
        extra["range"] = build(
            DoseRange,
            low_mg_per_day=read.low_mg_per_day,
            low_band=low,
            high_mg_per_day=read.mg_per_day,
            high_band=row.band,
            crosses_boundary=low is not row.band,
        )
    if read.steps:
        extra["steps"] = tuple(
            build(
                StepClassification,
                text=step.source,
                mg_per_day=_daily(step),
                band=chosen.place(_daily(step)).band,
            )
            for step in read.steps
        )
    return _classified(read, row, chosen, **extra)


def _daily(dose: Dose) -> Fraction:
    # Steps of a schedule are oral daily doses; the depot never reaches here.
    return dose.mg_per_day if dose.mg_per_day is not None else dose.amount_mg
