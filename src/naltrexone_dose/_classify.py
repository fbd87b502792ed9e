"""Classify: send each kind of input to its reader, place the exact daily dose in the band
table, gather what the table says of its range."""

from __future__ import annotations

import numbers
from decimal import Decimal
from typing import TYPE_CHECKING

from ._bands import BandTable, table_or_default
from ._errors import DoseError, DoseTypeError, ErrorReason, check_flag, public_entry
from ._fhir import read_fhir
from ._inputs import is_pint_quantity, read_number, read_quantity, read_text
from ._models import Dose, DoseClassification, DoseRange, StepClassification, build

if TYPE_CHECKING:
    from fractions import Fraction

    from ._bands import BandRange
    from ._models import Regimen

_ACCEPTED_INPUT = (
    "dose text such as '4.5 mg', a number with a unit (4.5, 'mg'), a pint Quantity, "
    "or a FHIR Quantity or Dosage as a dict"
)


def read_any(
    dose: object,
    unit: object = None,
    *,
    decimal_comma: bool = False,
    concentration: object = None,
    regimens: tuple[Regimen, ...] = (),
) -> Dose:
    """Send the input to the reader of its kind; every failure is a `DoseError`."""
    check_flag(decimal_comma, "decimal_comma")
    try:
        if isinstance(dose, str):
            if unit is not None and not isinstance(unit, str):
                msg = f"the unit is of type {type(unit).__name__}; expected text such as 'mg'"
                raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
            text = dose if unit is None else f"{dose} {unit}"
            return read_text(
                text,
                decimal_comma=decimal_comma,
                concentration=concentration,
                regimens=regimens,
            )
        if is_pint_quantity(dose):
            if unit is not None:
                msg = "a pint Quantity carries its own unit; do not pass unit= with it"
                raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
            return read_quantity(dose)
        if isinstance(dose, dict):
            return read_fhir(dose, regimens=regimens)
        if isinstance(dose, numbers.Number | Decimal) and not isinstance(dose, complex):
            return read_number(dose, unit, regimens=regimens)
    except DoseError:
        raise
    except RecursionError as exc:  # pragma: no cover - a defensive net
        msg = "the input is nested too deeply to read"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from exc
    msg = f"cannot read a dose from {type(dose).__name__}; expected {_ACCEPTED_INPUT}"
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


@public_entry
def parse_dose(
    dose: object,
    unit: str | None = None,
    *,
    decimal_comma: bool = False,
    concentration: str | None = None,
    table: BandTable | str | None = None,
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
    regimens = table_or_default(table).regimens
    return read_any(
        dose,
        unit,
        decimal_comma=decimal_comma,
        concentration=concentration,
        regimens=regimens,
    )


# What a result takes from its range, gathered once per range of a table: (the range, the
# table, the values). Keyed by id, so the range and table are kept to check the key still
# names them.
_ROW_VALUES: dict[tuple[int, int], tuple[BandRange, BandTable, dict[str, object]]] = {}
_ROW_VALUES_LIMIT = 1024


def _row_values(row: BandRange, table: BandTable) -> dict[str, object]:
    found = _ROW_VALUES.get((id(row), id(table)))
    if found is not None and found[0] is row and found[1] is table:
        return found[2]
    values: dict[str, object] = {
        "band": row.band,
        "label": row.label,
        # A Box 1 row only in a table that has Box 1's rows (not under another definition).
        "in_box1": row.box1 is not None,
        "box1": row.box1,
        "uses": row.uses,
        "findings": row.findings,
        "safety": row.safety,
        "notes": row.notes,
        "neighbours": row.neighbours,
        "table": table.name,
    }
    if len(_ROW_VALUES) >= _ROW_VALUES_LIMIT:
        _ROW_VALUES.clear()
    _ROW_VALUES[id(row), id(table)] = (row, table, values)
    return values


def _classified(
    dose: Dose, row: BandRange, table: BandTable, **extra: object
) -> DoseClassification:
    values = {
        **_row_values(row, table),
        "dose": dose,
        "mg_per_day": dose.mg_per_day,
        "warnings": dose.warnings,
        **extra,
    }
    return build(DoseClassification, **values)


@public_entry
def classify_dose(
    dose: object,
    unit: str | None = None,
    *,
    table: BandTable | str | None = None,
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
    chosen = table_or_default(table)
    read = read_any(
        dose,
        unit,
        decimal_comma=decimal_comma,
        concentration=concentration,
        regimens=chosen.regimens,
    )
    if read.mg_per_day is None:  # the depot: a known regimen, never averaged
        regimen = next(r for r in chosen.regimens if r.route == read.route)
        # Placed with its band by the project's rule, but not a Box 1 row: only its own
        # statements, none of the band's oral uses.
        return _classified(
            read,
            chosen.range_of(regimen.band),
            chosen,
            label=regimen.label,
            in_box1=False,
            box1=None,
            uses=regimen.uses,
            findings=(),
            safety=regimen.safety,
            notes=regimen.notes,
        )
    row = chosen.place(read.mg_per_day)
    extra: dict[str, object] = {}
    same_mass = chosen.oral_notes(read)  # "380 mg": the injection's strength, read as oral
    if same_mass:
        extra["notes"] = (*same_mass, *row.notes)
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
