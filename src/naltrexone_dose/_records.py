"""Records for machines: one compact, versioned JSON record per input, and its schema.

A stream of records (the command line's JSON lines) holds three kinds, told apart by
``record``: ``result`` (a classified dose), ``error`` (a refused input) and ``missing`` (an
empty or all-space input). Every kind carries the input text in ``input``, its position in
``line``, and the schema, library and band-data versions, so that a consumer can pin what it
reads and notice a change. Exact amounts stay exact (``"9/2"``); a JSON number sits beside
each (``mg_per_day_decimal``), with ``approximated`` true when that number is not exactly
the amount.
"""

from __future__ import annotations

import re
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, Literal, overload

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from ._bands import BandTable, default_band_table
from ._batch import DoseFailure, DoseMissing
from ._errors import ErrorReason
from ._models import (
    Band,
    DailyDoseBasis,
    DoseClassification,
    ExactAmount,
    WarningCode,
)
from ._version import __version__

__all__ = [
    "RECORD_SCHEMA_VERSION",
    "ErrorRecord",
    "MissingRecord",
    "RangeRecord",
    "Record",
    "ResultRecord",
    "RowReason",
    "StatementIds",
    "StepRecord",
    "decimal_of",
    "read_record",
    "record_schema",
    "to_record",
]

#: The version of the records' shape: its major number changes when a field is removed or
#: changes meaning, its minor number when a field is added.
RECORD_SCHEMA_VERSION = "1.0"

# Every field is written in every record (null where it has no value), and the schema says so.
_FROZEN = ConfigDict(
    frozen=True, extra="forbid", defer_build=True, json_schema_serialization_defaults_required=True
)


class RowReason(StrEnum):
    """Why the command line refused a row of a CSV file before reading its dose."""

    #: The row has more or fewer fields than the header: never cut or padded.
    FIELD_COUNT = "field_count"
    #: A quote that does not close on its line (or a quoted cell that spans lines).
    UNBALANCED_QUOTE = "unbalanced_quote"


class _Envelope(BaseModel):
    """What every record carries: its input, its place, and the versions that produced it."""

    model_config = _FROZEN

    record: str = Field(description="the kind of record: result, error or missing")
    input: str = Field(description="the input as given: the text, or the repr of a non-text input")
    line: int | None = Field(
        default=None,
        ge=1,
        description="where the input was: the line of the input file or standard input (a "
        "CSV file's header is line 1), or the argument's position; null when not known",
    )
    schema_version: str = Field(
        default=RECORD_SCHEMA_VERSION, description="the version of this record's shape"
    )
    library_version: str = Field(
        default=__version__, description="the version of naltrexone-dose that wrote it"
    )
    band_data_version: str = Field(
        description="the data version of the band table used (BandTable.data_version)"
    )


class RangeRecord(BaseModel):
    """Both ends of a dose range, with a JSON number beside each exact end."""

    model_config = _FROZEN

    low_mg_per_day: ExactAmount
    low_mg_per_day_decimal: float
    low_band: Band
    high_band: Band
    crosses_boundary: bool = Field(description="whether the ends fall in different ranges")


class StepRecord(BaseModel):
    """One step of a multi-step schedule."""

    model_config = _FROZEN

    mg_per_day: ExactAmount
    mg_per_day_decimal: float
    band: Band


class StatementIds(BaseModel):
    """The statements of a result by their stable ids (`Statement.id`); the text of each is
    in the band table (``naltrexone-dose --table --json``)."""

    model_config = _FROZEN

    uses: tuple[str, ...] = ()
    findings: tuple[str, ...] = Field(
        default=(), description="mechanisms and other findings (not uses), by id"
    )
    safety: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


class ResultRecord(_Envelope):
    """A classified dose, compact: band, daily dose, basis, range, warnings, statement ids.

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> record = to_record(classify_dose("50 mg/7 days"))
        >>> record.mg_per_day, record.mg_per_day_decimal, record.approximated
        (Fraction(50, 7), 7.142857142857143, True)
    """

    record: Literal["result"] = "result"
    band: Band
    label: str = Field(description="the range's name, as Box 1 prints it where it is a band")
    in_box1: bool
    mg_per_day: ExactAmount | None = Field(
        description='the daily dose in mg, exact, as text such as "9/2"; null only for the '
        "depot injection"
    )
    mg_per_day_decimal: float | None = Field(
        description="the daily dose in mg as a JSON number; null only for the depot injection"
    )
    approximated: bool = Field(
        description="whether a JSON number of the record (mg_per_day_decimal, a range's low "
        "end, a step's) is not exactly its amount (its decimal does not end, as for 50/7)"
    )
    basis: DailyDoseBasis
    route: str = Field(description="'oral', or 'intramuscular' for the depot")
    range: RangeRecord | None = None
    steps: tuple[StepRecord, ...] = ()
    neighbours: tuple[Band, ...] = ()
    warnings: tuple[WarningCode, ...] = Field(
        default=(), description="codes of error-prone writing found in the input"
    )
    assumptions: tuple[str, ...] = Field(default=(), description="what the reading assumed")
    statements: StatementIds = StatementIds()
    table: str = Field(description="the name of the band table used")
    classification: DoseClassification | None = Field(
        default=None,
        description="the full result (every statement's text, evidence and excerpt, how each "
        "part was read); only when asked for (the command line's --full)",
    )


class ErrorRecord(_Envelope):
    """A refused input: the reason code, the error's class and the message."""

    record: Literal["error"] = "error"
    reason: ErrorReason | RowReason = Field(
        description="why: an ErrorReason of the library, or a RowReason of the command line"
    )
    error: str = Field(
        description="the DoseError subclass, or 'CsvRowError' for a CSV row that could not be split"
    )
    message: str


class MissingRecord(_Envelope):
    """An empty or all-space input: no dose, and not an error."""

    record: Literal["missing"] = "missing"
    reason: Literal["missing"] = "missing"


#: Any record of a stream, told apart by its ``record`` field.
Record = Annotated[ResultRecord | ErrorRecord | MissingRecord, Field(discriminator="record")]

_RECORD: TypeAdapter[ResultRecord | ErrorRecord | MissingRecord] = TypeAdapter(Record)


def decimal_of(value: Fraction) -> tuple[float, bool]:
    """An exact amount as a JSON number, and whether that number is not exactly the amount.

    Examples:
        >>> decimal_of(Fraction(9, 2)), decimal_of(Fraction(1, 3))
        ((4.5, False), (0.3333333333333333, True))
    """
    number = float(value)
    return number, Fraction(repr(number)) != value


@overload
def to_record(
    outcome: DoseClassification,
    *,
    line: int | None = None,
    full: bool = False,
    table: BandTable | None = None,
) -> ResultRecord: ...
@overload
def to_record(
    outcome: DoseMissing,
    *,
    line: int | None = None,
    full: bool = False,
    table: BandTable | None = None,
) -> MissingRecord: ...
@overload
def to_record(
    outcome: DoseFailure,
    *,
    line: int | None = None,
    full: bool = False,
    table: BandTable | None = None,
) -> ErrorRecord | MissingRecord: ...
@overload
def to_record(
    outcome: DoseClassification | DoseFailure,
    *,
    line: int | None = None,
    full: bool = False,
    table: BandTable | None = None,
) -> ResultRecord | ErrorRecord | MissingRecord: ...
def to_record(
    outcome: DoseClassification | DoseFailure,
    *,
    line: int | None = None,
    full: bool = False,
    table: BandTable | None = None,
) -> ResultRecord | ErrorRecord | MissingRecord:
    """The record of a result, a failure or a missing value (`DoseMissing`, as batches give
    it); ``full`` adds the whole result to a result's.

    ``table`` is the band table the result came from (for its data version); the default
    is the shipped one.

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> record = to_record(classify_dose("LDN 4.5mg qhs"), line=2)
        >>> record.band.value, record.mg_per_day_decimal, record.input, record.line
        ('low', 4.5, 'LDN 4.5mg qhs', 2)
        >>> [code.value for code in record.warnings]
        ['unit_run_into_number', 'hs']
        >>> record.statements.notes[0]
        'low.cost'
    """
    version = (table or default_band_table()).data_version
    if isinstance(outcome, DoseMissing):
        return MissingRecord(input=outcome.source, line=line, band_data_version=version)
    if isinstance(outcome, DoseFailure):
        return ErrorRecord(
            input=outcome.source,
            line=line,
            band_data_version=version,
            reason=outcome.reason,
            error=outcome.error,
            message=outcome.message,
        )
    decimal, approximated = (
        (None, False) if outcome.mg_per_day is None else decimal_of(outcome.mg_per_day)
    )
    dose_range = None
    if outcome.range is not None:
        low, low_approximated = decimal_of(outcome.range.low_mg_per_day)
        approximated = approximated or low_approximated
        dose_range = RangeRecord(
            low_mg_per_day=outcome.range.low_mg_per_day,
            low_mg_per_day_decimal=low,
            low_band=outcome.range.low_band,
            high_band=outcome.range.high_band,
            crosses_boundary=outcome.range.crosses_boundary,
        )
    steps = tuple(
        StepRecord(mg_per_day=s.mg_per_day, mg_per_day_decimal=float(s.mg_per_day), band=s.band)
        for s in outcome.steps
    )
    approximated = approximated or any(decimal_of(s.mg_per_day)[1] for s in steps)
    return ResultRecord(
        input=outcome.dose.source,
        line=line,
        band_data_version=version,
        band=outcome.band,
        label=outcome.label,
        in_box1=outcome.in_box1,
        mg_per_day=outcome.mg_per_day,
        mg_per_day_decimal=decimal,
        approximated=approximated,
        basis=outcome.dose.basis,
        route=outcome.dose.route,
        range=dose_range,
        steps=steps,
        neighbours=outcome.neighbours,
        warnings=tuple(warning.code for warning in outcome.warnings),
        assumptions=outcome.dose.assumptions,
        statements=StatementIds(
            uses=tuple(s.id for s in outcome.uses),
            findings=tuple(s.id for s in outcome.findings),
            safety=tuple(s.id for s in outcome.safety),
            notes=tuple(s.id for s in outcome.notes),
        ),
        table=outcome.table,
        classification=outcome if full else None,
    )


def read_record(line: str | bytes) -> ResultRecord | ErrorRecord | MissingRecord:
    """Read one JSON line of a record stream into its record, validated.

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> line = to_record(classify_dose("350 mg/week")).model_dump_json()
        >>> record = read_record(line)
        >>> isinstance(record, ResultRecord) and record.band.value
        'standard'
    """
    return _RECORD.validate_json(line)


_DOCTEST = re.compile(r"\n\s*Examples?:\n.*", re.DOTALL)


def _without_examples(schema: Any) -> Any:
    """A JSON Schema with the docstrings' examples cut from every description."""
    if isinstance(schema, dict):
        return {
            key: _DOCTEST.sub("", value).strip()
            if key == "description" and isinstance(value, str)
            else _without_examples(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_without_examples(value) for value in schema]
    return schema


def record_schema(table: BandTable | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of every record of a stream, with its versions.

    Examples:
        >>> schema = record_schema()
        >>> schema["x-schema-version"] == RECORD_SCHEMA_VERSION
        True
        >>> sorted(schema["discriminator"]["mapping"])
        ['error', 'missing', 'result']
    """
    body: dict[str, Any] = _without_examples(_RECORD.json_schema(mode="serialization"))
    version = (table or default_band_table()).data_version
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:naltrexone-dose:record:{RECORD_SCHEMA_VERSION}",
        "title": "naltrexone-dose record",
        "description": "One record per input, told apart by 'record': a classified dose "
        "(result), a refused input (error), or an empty input (missing). The input is in "
        "'input' and its place in 'line' for every kind. It reports what a review says; it "
        "is not dosing advice.",
        "x-schema-version": RECORD_SCHEMA_VERSION,
        "x-library-version": __version__,
        "x-band-data-version": version,
        "x-reason-codes": [
            *(r.value for r in ErrorReason),
            *(r.value for r in RowReason),
            "missing",
        ],
        "x-warning-codes": [code.value for code in WarningCode],
        **body,
    }
