"""The command line: ``naltrexone-dose``, also ``python -m naltrexone_dose``.

Doses come from the arguments, or one per line on standard input, or a column of a CSV file
(``--column``). Output is a readable table on a terminal and JSON lines otherwise, or what
``--format`` asks for, with one record per input line, in order: a bad dose or a row that
cannot be split gives an error record in its place, an empty input a ``missing`` record.
Exit codes: 0 when every dose was classified (empty inputs are missing, not bad), 1 when any
input was refused (each also reported on standard error with its line and reason, then a
summary line), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from . import (
    DoseClassification,
    DoseError,
    DoseFailure,
    ErrorReason,
    ErrorRecord,
    MissingRecord,
    RowReason,
    __version__,
    classify_many,
    default_band_table,
    record_schema,
    to_record,
)
from ._format import format_amount

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from fractions import Fraction

    from . import Statement

EXIT_OK, EXIT_BAD_DOSE, EXIT_USAGE = 0, 1, 2
_PROGRESS_EVERY = 10_000
#: Records are classified and written this many at a time, so that a closed output pipe
#: stops the work within one chunk.
_CHUNK = 1_000
_CSV_FIELDS = (
    "record", "line", "input", "band", "mg_per_day", "mg_per_day_exact", "approximated",
    "basis", "in_box1", "low_mg_per_day", "low_band", "crosses_boundary", "warnings",
    "error_reason", "error", "library_version", "band_data_version",
)  # fmt: skip
_BOM = "\ufeff"
#: Line ends: CRLF (Windows, Excel), LF, and a lone CR (old Mac exports); never the other
#: characters str.splitlines() breaks at, which are refused inside a dose instead.
_LINE_END = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_END = re.compile(rb"\r\n|\r|\n")
#: Delimiters found from a CSV header, by name for --delimiter.
_DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t"}
#: A delimiter for a one-column file: a control character, which no dose may contain.
_ONE_COLUMN = "\x1f"
_ROW_ERROR = "CsvRowError"
_UNBALANCED = (
    "a quote does not close on this line (a cell that spans lines is not read); the row is "
    "refused, not cut"
)
_NOT_CUT = "it is refused, not cut or padded (quote a cell that holds the delimiter)"

#: Advice in the library's messages that is written for Python callers, and what a shell user
#: types instead, by the error's reason (the reader's messages stay as they are).
_SHELL_WORDING: dict[ErrorReason, tuple[tuple[str, str], ...]] = {
    ErrorReason.DECIMAL_COMMA: (("decimal_comma=True", "--decimal-comma"),),
    ErrorReason.VOLUME_WITHOUT_CONCENTRATION: (
        ("(concentration='1 mg/mL' or '4.5 mL of 1 mg/mL')", "(such as '4.5 mL of 1 mg/mL')"),
    ),
}


@dataclass(frozen=True, slots=True)
class _Input:
    """One input line: its text (the dose cell of a CSV row), where it was, and a fault of
    the row that keeps its dose from being read (a CSV row that cannot be split)."""

    text: str
    line: int
    fault: tuple[RowReason, str] | None = None

    @property
    def missing(self) -> bool:
        return self.fault is None and not self.text.strip()


@dataclass(frozen=True, slots=True)
class _Missing:
    """An empty or all-space input: a missing record in its place."""

    source: str


_Result = DoseClassification | DoseFailure | _Missing | ErrorRecord


class _UsageError(Exception):
    """A usage error: reported with exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="naltrexone-dose",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Classify naltrexone doses into the dose bands of Box 1 of the review "
            "'Naltrexone past the psychiatric field'. It reports what a review says; it is "
            "not dosing advice."
        ),
        epilog=(
            "examples:\n"
            "  naltrexone-dose '4.5 mg' '350 mg/week'\n"
            "  naltrexone-dose --column dose_text dispensings.csv --csv > bands.csv\n"
            "  naltrexone-dose --column dose_text --encoding cp1252 excel.csv | jq .band\n"
            "  naltrexone-dose --column dose_text < dispensings.csv > bands.jsonl\n"
            "\n"
            "A column is best read with --column: it knows the header, quoted cells with\n"
            "commas in them, a ';' or tab delimiter and line ends of any kind, and refuses\n"
            "a row it cannot split, with its line (cut -d, would split '2 tabs, twice daily').\n"
            "\n"
            "output: one record per input line, in order (a refused input: an error record;\n"
            "an empty one: a missing record); JSON records are compact (statements by id),\n"
            "--full adds the whole result; --schema describes every record\n"
            "exit codes: 0 all classified (or missing), 1 an input refused, 2 a usage error"
        ),
    )
    parser.add_argument("doses", nargs="*", metavar="DOSE", help="dose text, such as '4.5 mg'")
    parser.add_argument(
        "--column",
        metavar="NAME",
        help="read doses from this column of a CSV file (the first DOSE, or standard input)",
    )
    parser.add_argument(
        "--delimiter",
        choices=(",", ";", "tab"),
        help="the CSV delimiter (default: found from the header line)",
    )
    parser.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help="the encoding of a file or standard input, such as cp1252 or latin-1 for "
        "Excel's CSV on Windows (default: utf-8, with or without a byte-order mark)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        help="output format (default: table on a terminal, json otherwise)",
    )
    output.add_argument("--json", action="store_const", const="json", dest="format",
                        help="one compact JSON record per input line")  # fmt: skip
    output.add_argument("--csv", action="store_const", const="csv", dest="format",
                        help="CSV with a header row")  # fmt: skip
    parser.add_argument(
        "--full",
        action="store_true",
        help="JSON records carry the whole result too, in 'classification' (statements' "
        "text, evidence and excerpts; how each part was read); implies --json",
    )
    parser.add_argument("--decimal-comma", action="store_true", help="read '4,5 mg' as 4.5 mg")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="show how each part of a dose was read (in JSON with --full, in "
        "classification.dose.explanation)",
    )
    parser.add_argument("--table", action="store_true",
                        help="print the Box 1 table and exit (as JSON with --json)")  # fmt: skip
    parser.add_argument("--schema", action="store_true",
                        help="print the JSON Schema of every record and exit")  # fmt: skip
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__} (band data {default_band_table().data_version})",
    )
    return parser


def _decode(data: bytes, encoding: str, where: str) -> str:
    """The text of a file, or a usage error that names the line that is not ``encoding``."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = len(_BYTE_LINE_END.findall(data, 0, error.start)) + 1
        byte = data[error.start : error.start + 1].hex()
        msg = (
            f"{where}, line {line}: byte 0x{byte} is not {encoding}; a CSV saved by Excel on "
            "Windows is often cp1252 (pass --encoding cp1252) or latin-1"
        )
        raise _UsageError(msg) from None
    return text.removeprefix(_BOM)


def _read(source: str, encoding: str, stdin: IO[str]) -> str:
    """The whole text of a file, or of standard input, in ``encoding``."""
    if source != "-":
        with open(source, "rb") as handle:  # noqa: PTH123 (a path or "-", as given)
            return _decode(handle.read(), encoding, source)
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return _decode(buffer.read(), encoding, "standard input")
    return stdin.read().removeprefix(_BOM)  # already text (a test's StringIO)


def _lines(text: str) -> list[str]:
    """Lines at any line end; a last line end does not start another line."""
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _split(line: str, delimiter: str) -> list[str] | None:
    """The fields of one line, or None when a quote does not close on the line.

    An odd number of quotes is refused whatever the CSV reader would make of it: it is the
    first or the last line of a cell that spans lines (whose last line, read alone, would
    hand over a wrong cell as the dose), or a stray quote.
    """
    if line.count('"') % 2:
        return None
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return None


def _delimiter(header: str, column: str, given: str | None) -> tuple[str, list[str]]:
    """The delimiter and the header's names: the one given, or the one of the header line
    whose split names the column (a header with none of them is one column)."""
    if given is not None:
        delimiters = [_DELIMITERS[given]]
    else:
        delimiters = [d for d in (",", ";", "\t") if len(_split(header, d) or ()) > 1]
        delimiters = delimiters or [_ONE_COLUMN]
    splits = [(d, _split(header, d) or []) for d in delimiters]
    naming = [(d, names) for d, names in splits if column in names]
    if len(naming) == 1:
        return naming[0]
    if naming:
        found = " and ".join(repr(d) for d, _ in naming)
        msg = f"the header names {column!r} split at {found}: pass --delimiter"
        raise _UsageError(msg)
    names = max((names for _, names in splits), key=len, default=[])
    msg = f"the CSV has no column {column!r} (columns: {', '.join(names) or 'none'})"
    raise _UsageError(msg)


def _csv_inputs(text: str, column: str, given: str | None) -> list[_Input]:
    """The column's cell of every row, one input per line after the header."""
    lines = _lines(text)
    if not lines:
        msg = f"the CSV is empty: no header line naming {column!r}"
        raise _UsageError(msg)
    delimiter, names = _delimiter(lines[0], column, given)
    index = names.index(column)
    inputs = []
    for number, line in enumerate(lines[1:], start=2):
        fields = _split(line, delimiter)
        if fields is None:
            fault = (
                RowReason.UNBALANCED_QUOTE,
                _UNBALANCED,
            )
            inputs.append(_Input(line, number, fault))
        elif not line.strip():
            inputs.append(_Input(line, number))  # an empty row: missing, like an empty cell
        elif len(fields) != len(names):
            fewer = "fewer" if len(fields) < len(names) else "more"
            fault = (
                RowReason.FIELD_COUNT,
                f"the row has {len(fields)} fields, {fewer} than the header's {len(names)}; "
                + _NOT_CUT,
            )
            inputs.append(_Input(line, number, fault))
        else:
            inputs.append(_Input(fields[index], number))
    return inputs


def _inputs(arguments: argparse.Namespace, stdin: IO[str]) -> list[_Input]:
    if arguments.column is not None:
        if len(arguments.doses) > 1:
            msg = "--column takes one CSV file (or standard input), not several"
            raise _UsageError(msg)
        source = arguments.doses[0] if arguments.doses else "-"
        text = _read(source, arguments.encoding, stdin)
        return _csv_inputs(text, arguments.column, arguments.delimiter)
    if arguments.delimiter is not None:
        msg = "--delimiter is for a CSV file read with --column"
        raise _UsageError(msg)
    if arguments.doses:
        return [_Input(dose, number) for number, dose in enumerate(arguments.doses, start=1)]
    if stdin.isatty():
        msg = "give one or more doses, --column with a CSV file, or doses on standard input"
        raise _UsageError(msg)
    text = _read("-", arguments.encoding, stdin)
    return [_Input(line, number) for number, line in enumerate(_lines(text), start=1)]


def shell_message(failure: DoseFailure) -> str:
    """The failure's message as a shell user should read it (options, not keyword arguments).

    Examples:
        >>> from naltrexone_dose import classify_many
        >>> shell_message(classify_many(["4,5 mg"], errors="collect")[0])
        "'4,5' has a decimal comma, which is not read by default; write '4.5', or pass --decimal-comma"
    """
    message = failure.message
    for python, shell in _SHELL_WORDING.get(failure.reason, ()):
        message = message.replace(python, shell)
    return message


def _warnings(result: DoseClassification) -> str:
    return ", ".join(warning.code for warning in result.warnings)


def _table_row(result: _Result) -> tuple[str, str, str, str, str]:
    if isinstance(result, _Missing):
        return result.source, "", "", "", "(missing: no dose)"
    if isinstance(result, ErrorRecord):
        return result.input, "-", "", "", f"{result.reason.value}: {result.message}"
    if isinstance(result, DoseFailure):
        return result.source, "-", "", "", f"{result.reason.value}: {shell_message(result)}"
    printed = "not a Box 1 band" if not result.band.in_box1 else "not in Box 1"  # the depot
    printed = result.box1.dose_range if result.box1 else printed
    notes = [f"{result.label} ({printed})"]
    daily = "" if result.dose.mg_per_day is None else str(result.dose)
    if result.dose.mg_per_day is None:
        notes.append(f"{result.dose}, not averaged")
    if result.range is not None and result.range.crosses_boundary:
        notes.append(
            f"range crosses a boundary: low end in {result.range.low_band.value}, "
            f"high end in {result.range.high_band.value}"
        )
    notes += [f"warning {warning.code}: {warning.message}" for warning in result.warnings]
    basis = result.dose.basis.value.replace("_", " ")
    return result.dose.source, result.band.value, daily, basis, "; ".join(notes)


def _print_table(rows: list[tuple[str, str, str, str, str]], out: IO[str]) -> None:
    header = ("dose", "band", "daily dose", "basis", "Box 1 and notes")
    widths = [min(40, max(len(row[k]) for row in [header, *rows])) for k in range(4)]
    for row in [header, *rows]:
        cells = [row[k][: widths[k]].ljust(widths[k]) for k in range(4)]
        print("  ".join([*cells, row[4]]).rstrip(), file=out)


def plain_decimal(value: Fraction) -> str:
    """An amount as a plain decimal that a spreadsheet or pandas reads as a number (no "~").

    Examples:
        >>> from fractions import Fraction
        >>> plain_decimal(Fraction(9, 2)), plain_decimal(Fraction(450, 7))
        ('4.5', '64.28571428571429')
    """
    written = format_amount(value)
    return written if not written.startswith("~") else repr(float(value))


def _csv_row(result: _Result, line: int) -> dict[str, str]:
    row = dict.fromkeys(_CSV_FIELDS, "")
    table = default_band_table()
    row.update(line=str(line), library_version=__version__, band_data_version=table.data_version)
    if isinstance(result, _Missing):
        row.update(record="missing", input=result.source, error_reason="missing")
    elif isinstance(result, ErrorRecord):
        row.update(record="error", input=result.input, error_reason=result.reason.value,
                   error=result.message)  # fmt: skip
    elif isinstance(result, DoseFailure):
        row.update(record="error", input=result.source, error_reason=result.reason.value,
                   error=shell_message(result))  # fmt: skip
    else:
        record = to_record(result)
        row.update(
            record="result",
            input=result.dose.source,
            band=result.band.value,
            basis=result.dose.basis.value,
            in_box1=str(result.in_box1).lower(),
            approximated=str(record.approximated).lower(),
            warnings=_warnings(result),
        )
        if result.mg_per_day is not None:
            row.update(mg_per_day=plain_decimal(result.mg_per_day),
                       mg_per_day_exact=str(result.mg_per_day))  # fmt: skip
        if result.range is not None:
            row.update(
                low_mg_per_day=plain_decimal(result.range.low_mg_per_day),
                low_band=result.range.low_band.value,
                crosses_boundary=str(result.range.crosses_boundary).lower(),
            )
    return row


def _json_record(result: _Result, line: int, full: bool) -> str:
    version = default_band_table().data_version
    if isinstance(result, _Missing):
        return MissingRecord(
            input=result.source, line=line, band_data_version=version
        ).model_dump_json()
    if isinstance(result, ErrorRecord):
        return result.model_dump_json()
    if isinstance(result, DoseFailure):
        result = result.model_copy(update={"message": shell_message(result)})
    return to_record(result, line=line, full=full).model_dump_json()


def _print_band_table(out: IO[str]) -> None:
    # Uses, safety and notes apart; what holds at any dose printed once, as the data holds it.
    table = default_band_table()
    print(f"{table.title}\nSource: {table.source}", file=out)
    print(f"Band data version {table.data_version}; naltrexone-dose {__version__}", file=out)
    print("This library reports what a review says; it is not dosing advice.\n", file=out)
    _print_statements("On every range (general)", "Safety at any dose", table.general_safety, out)
    _print_statements("", "Notes", table.general_notes, out)
    for row in table.ranges:
        print(f"\n{row.band.value:<26} {row.label}: daily dose {row.ends_in_words()}", file=out)
        if row.box1:
            print(f"  Box 1: {row.box1.dose_range}; {row.box1.mechanism}; "
                  f"{row.box1.clinical_use} [{', '.join(map(str, row.box1.references))}]", file=out)  # fmt: skip
        _print_statements("", "Uses", row.uses, out)
        own = tuple(s for s in row.safety if not s.general)
        _print_statements(
            "", "Safety (and the safety at any dose, above)", own, out, empty="none of its own"
        )
        _print_statements("", "Notes", tuple(s for s in row.notes if not s.general), out)
    for regimen in table.regimens:
        print(f"\n{regimen.name} (not in Box 1)  {regimen.label}", file=out)
        _print_statements("", "Uses", regimen.uses, out)
        own = tuple(s for s in regimen.safety if not s.general)
        _print_statements("", "Safety (and the safety at any dose, above)", own, out)
        _print_statements("", "Notes", tuple(s for s in regimen.notes if not s.general), out)
        _print_statements("", "Note on an oral dose of the same mass", regimen.oral_notes, out)
    print("\nReferences:", file=out)
    for reference in table.references:
        doi = f" doi:{reference.doi}" if reference.doi else ""
        print(f"{reference.number:>3}. {reference.citation}{doi}", file=out)


def _print_band_table_as(fmt: str, out: IO[str]) -> None:
    """The band table as JSON (the whole table, every statement with its id) or CSV (the
    six ranges and their ends)."""
    table = default_band_table()
    if fmt == "json":
        data = {"library_version": __version__, **table.model_dump(mode="json")}
        print(json.dumps(data, ensure_ascii=False), file=out)
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["band", "label", "lower_mg_per_day", "lower_inclusive", "upper_mg_per_day",
                     "upper_inclusive", "in_box1", "box1_dose_range", "band_data_version"])  # fmt: skip
    for row in table.ranges:
        upper = "" if row.upper is None else plain_decimal(row.upper)
        lower = "0" if row.lower == 0 else plain_decimal(row.lower)
        writer.writerow([row.band.value, row.label, lower, str(row.lower_inclusive).lower(),
                         upper, str(row.upper_inclusive).lower(), str(row.band.in_box1).lower(),
                         row.box1.dose_range if row.box1 else "", table.data_version])  # fmt: skip


def _print_statements(
    heading: str, part: str, statements: tuple[Statement, ...], out: IO[str], empty: str = ""
) -> None:
    if heading:
        print(heading, file=out)
    if not statements and not empty:
        return
    print(f"  {part}:{' ' + empty if not statements else ''}", file=out)
    for statement in statements:
        print(f"    - {statement}", file=out)


def _reference(arguments: argparse.Namespace) -> int:
    """--table or --schema: print the reference asked for."""
    option = "--table" if arguments.table else "--schema"
    if arguments.doses or arguments.column is not None or (arguments.table and arguments.schema):
        # Silently ignoring a dose would exit 0 for a check that never ran.
        print(
            f"naltrexone-dose: error: {option} prints a reference and takes no doses, "
            "--column or other reference option",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if arguments.schema:
        print(json.dumps(record_schema(), indent=2))
    elif arguments.format in {"json", "csv"}:
        _print_band_table_as(arguments.format, sys.stdout)
    else:
        _print_band_table(sys.stdout)
    return EXIT_OK


def _where(item: _Input, arguments: argparse.Namespace) -> str:
    from_arguments = arguments.column is None and bool(arguments.doses)
    return f"argument {item.line}" if from_arguments else f"line {item.line}"


def main(argv: Sequence[str] | None = None, stdin: IO[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    stdin = sys.stdin if stdin is None else stdin
    arguments = _parser().parse_args(argv)
    if arguments.table or arguments.schema:
        return _reference(arguments)
    try:
        codecs.lookup(arguments.encoding)
    except LookupError:
        print(f"naltrexone-dose: error: unknown encoding {arguments.encoding!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        items = _inputs(arguments, stdin)
    except (_UsageError, OSError) as error:
        print(f"naltrexone-dose: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    fmt = arguments.format or ("json" if arguments.full or not sys.stdout.isatty() else "table")
    if arguments.full and fmt != "json":
        print("naltrexone-dose: error: --full is for JSON output", file=sys.stderr)
        return EXIT_USAGE
    counts = {"classified": 0, "refused": 0, "missing": 0}
    try:
        _run(items, arguments, fmt, counts)
    except BrokenPipeError:  # the reader went away ("| head"): stop, quietly
        _silence_stdout()
        return EXIT_BAD_DOSE if counts["refused"] else EXIT_OK
    if counts["refused"]:
        print(
            f"naltrexone-dose: {len(items):,} inputs: {counts['classified']:,} classified, "
            f"{counts['refused']:,} refused, {counts['missing']:,} missing",
            file=sys.stderr,
        )
        return EXIT_BAD_DOSE
    return EXIT_OK


def _run(
    items: list[_Input], arguments: argparse.Namespace, fmt: str, counts: dict[str, int]
) -> None:
    """Classify and write the inputs a chunk at a time, reporting refusals on stderr."""
    out = sys.stdout
    writer = None
    if fmt == "csv":
        fields = [*_CSV_FIELDS, "explanation"] if arguments.explain else list(_CSV_FIELDS)
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
    table_rows: list[tuple[str, str, str, str, str]] = []
    for chunk, results in _classify(items, arguments.decimal_comma):
        for item, result in zip(chunk, results, strict=True):
            _count(item, result, arguments, counts)
            if fmt == "json":
                print(_json_record(result, item.line, arguments.full), file=out)
            elif writer is not None:
                row = _csv_row(result, item.line)
                if arguments.explain:
                    row["explanation"] = "; ".join(_explanation(result))
                writer.writerow(row)
            elif arguments.explain:
                _print_table([_table_row(result)], out)
                for line in _explanation(result):
                    print(f"    {line}", file=out)
            else:
                table_rows.append(_table_row(result))
        out.flush()
    if fmt == "table" and not arguments.explain:
        _print_table(table_rows, out)


def _count(
    item: _Input, result: _Result, arguments: argparse.Namespace, counts: dict[str, int]
) -> None:
    if isinstance(result, _Missing):
        counts["missing"] += 1
        return
    if isinstance(result, DoseClassification):
        counts["classified"] += 1
        return
    counts["refused"] += 1
    reason, message, text = (
        (result.reason.value, result.message, result.input)
        if isinstance(result, ErrorRecord)
        else (result.reason.value, shell_message(result), item.text)
    )
    print(f"naltrexone-dose: {_where(item, arguments)}: {text!r}: {reason}: {message}",
          file=sys.stderr)  # fmt: skip


def _silence_stdout() -> None:
    """Point stdout at nothing, so that the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # not a real file: nothing to flush
        pass


def _explanation(result: _Result) -> list[str]:
    """How each part of a classified dose was read, one line each."""
    if not isinstance(result, DoseClassification):
        return []
    return [str(part) for part in result.dose.explanation]


def _classify(
    items: list[_Input], decimal_comma: bool
) -> Iterator[tuple[list[_Input], list[_Result]]]:
    """Each chunk of inputs with its results, in order."""
    show_progress = len(items) > _PROGRESS_EVERY and sys.stderr.isatty()
    version = default_band_table().data_version
    done = 0
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        doses = [item.text for item in chunk if item.fault is None and not item.missing]
        read = iter(classify_many(doses, errors="collect", decimal_comma=decimal_comma))
        results: list[_Result] = []
        for item in chunk:
            if item.fault is not None:
                reason, message = item.fault
                results.append(ErrorRecord(input=item.text, line=item.line, reason=reason,
                                           error=_ROW_ERROR, message=message,
                                           band_data_version=version))  # fmt: skip
            elif item.missing:
                results.append(_Missing(item.text))
            else:
                results.append(next(read))
        yield chunk, results
        done += len(chunk)
        if show_progress and (done % _PROGRESS_EVERY == 0 or done == len(items)):
            end = "\n" if done == len(items) else ""
            print(f"\r{done:,} of {len(items):,} doses", end=end, file=sys.stderr)


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except DoseError as error:  # pragma: no cover - every dose error is collected above
        print(f"naltrexone-dose: error: {error}", file=sys.stderr)
        code = EXIT_BAD_DOSE
    except KeyboardInterrupt:  # pragma: no cover
        code = 130
    except BrokenPipeError:  # pragma: no cover - main stops at a closed pipe itself
        _silence_stdout()
        code = EXIT_OK
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
