"""The command line: ``naltrexone-dose``, also ``python -m naltrexone_dose``.

Doses come from the arguments, or one per line on standard input, or a column of a CSV file
(``--column``). Output is a readable table on a terminal and JSON lines otherwise, or what
``--format`` asks for, with one record per input, in order: a bad dose gives an error
record in its place, a blank input a ``skipped`` record. Exit codes: 0 when every dose was
classified (blank inputs are skipped, not bad), 1 when any input was a bad dose (each also
reported on standard error with its reason), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from typing import IO, TYPE_CHECKING, Any

from . import (
    DoseClassification,
    DoseError,
    DoseFailure,
    ErrorReason,
    __version__,
    across_definitions,
    classify_many,
    default_band_table,
)
from ._format import format_amount

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from . import DefinitionRow, Statement

EXIT_OK, EXIT_BAD_DOSE, EXIT_USAGE = 0, 1, 2
_PROGRESS_EVERY = 10_000
_CSV_FIELDS = (
    "input", "band", "mg_per_day", "basis", "in_box1", "low_mg_per_day", "low_band",
    "crosses_boundary", "warnings", "error_reason", "error",
)  # fmt: skip
_BOM = "\ufeff"
_DISCLAIMER = "This library reports what a review says; it is not dosing advice."

#: Advice in the library's messages that is written for Python callers, and what a shell user
#: types instead, by the error's reason (the reader's messages stay as they are).
_SHELL_WORDING: dict[ErrorReason, tuple[tuple[str, str], ...]] = {
    ErrorReason.DECIMAL_COMMA: (("decimal_comma=True", "--decimal-comma"),),
    ErrorReason.VOLUME_WITHOUT_CONCENTRATION: (
        ("(concentration='1 mg/mL' or '4.5 mL of 1 mg/mL')", "(such as '4.5 mL of 1 mg/mL')"),
    ),
}


class _Blank:
    """A blank input: skipped, with a record in its place so that outputs match inputs."""

    def __init__(self, source: str) -> None:
        self.source = source


_Result = DoseClassification | DoseFailure | _Blank


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
            "  tail -n +2 dispensings.csv | cut -d, -f3 | naltrexone-dose --json\n"
            "\n"
            "output: one record per input, in order (a bad dose: an error record; a blank\n"
            "line: a skipped record)\n"
            "exit codes: 0 all classified, 1 a bad dose, 2 a usage error"
        ),
    )
    parser.add_argument("doses", nargs="*", metavar="DOSE", help="dose text, such as '4.5 mg'")
    parser.add_argument(
        "--column",
        metavar="NAME",
        help="read doses from this column of a CSV file (the first DOSE, or standard input)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        help="output format (default: table on a terminal, json otherwise)",
    )
    output.add_argument("--json", action="store_const", const="json", dest="format",
                        help="one JSON object per dose, the model's shape")  # fmt: skip
    output.add_argument("--csv", action="store_const", const="csv", dest="format",
                        help="CSV with a header row")  # fmt: skip
    parser.add_argument("--decimal-comma", action="store_true", help="read '4,5 mg' as 4.5 mg")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="show how each part of a dose was read (JSON always carries it, in dose.explanation)",
    )
    parser.add_argument(
        "--definitions",
        action="store_true",
        help="each dose under every shipped definition of low-dose naltrexone: a row per "
        "definition with its range and the boundary that decides it",
    )
    parser.add_argument("--table", action="store_true", help="print the Box 1 table and exit")
    parser.add_argument("--schema", action="store_true",
                        help="print the JSON Schema of a result and exit")  # fmt: skip
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _inputs(arguments: argparse.Namespace, stdin: IO[str]) -> Iterator[str]:
    if arguments.column is not None:
        if len(arguments.doses) > 1:
            msg = "--column takes one CSV file (or standard input), not several"
            raise _UsageError(msg)
        source = arguments.doses[0] if arguments.doses else "-"
        # utf-8-sig: a spreadsheet's byte-order mark is not part of the first column's name.
        handle = (
            _without_bom(stdin) if source == "-" else open(source, newline="", encoding="utf-8-sig")  # noqa: SIM115, PTH123
        )
        with handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or arguments.column not in reader.fieldnames:
                found = ", ".join(reader.fieldnames or ()) or "none"
                msg = f"the CSV has no column {arguments.column!r} (columns: {found})"
                raise _UsageError(msg)
            for row in reader:
                yield row[arguments.column] or ""
        return
    if arguments.doses:
        yield from arguments.doses
        return
    if stdin.isatty():
        msg = "give one or more doses, --column with a CSV file, or doses on standard input"
        raise _UsageError(msg)
    for number, line in enumerate(stdin):
        yield line.rstrip("\r\n").removeprefix(_BOM if number == 0 else "")


def _without_bom(stdin: IO[str]) -> IO[str]:
    """Standard input with a leading byte-order mark dropped."""
    text = stdin.read()
    return io.StringIO(text.removeprefix(_BOM), newline="")


class _UsageError(Exception):
    """A usage error: reported with exit code 2."""


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
    if isinstance(result, _Blank):
        return result.source, "", "", "", "(blank: skipped)"
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


def _csv_row(result: _Result) -> dict[str, str]:
    row = dict.fromkeys(_CSV_FIELDS, "")
    row["input"] = result.source if not isinstance(result, DoseClassification) else ""
    if isinstance(result, DoseFailure):
        row.update(error_reason=result.reason.value, error=shell_message(result))
    elif isinstance(result, DoseClassification):
        mg = "" if result.mg_per_day is None else format_amount(result.mg_per_day)
        row.update(
            input=result.dose.source,
            band=result.band.value,
            mg_per_day=mg,
            basis=result.dose.basis.value,
            in_box1=str(result.in_box1).lower(),
            warnings=_warnings(result),
        )
        if result.range is not None:
            row.update(
                low_mg_per_day=format_amount(result.range.low_mg_per_day),
                low_band=result.range.low_band.value,
                crosses_boundary=str(result.range.crosses_boundary).lower(),
            )
    return row


def _json_record(result: _Result) -> str:
    if isinstance(result, _Blank):
        return json.dumps({"source": result.source, "skipped": "blank"})
    if isinstance(result, DoseFailure):
        return result.model_copy(update={"message": shell_message(result)}).model_dump_json()
    return result.model_dump_json()


_DOCTEST = re.compile(r"\n\s*Examples?:\n.*", re.DOTALL)


def _without_examples(schema: Any) -> Any:
    """The JSON Schema with the docstrings' examples cut from every description."""
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


def _print_band_table(out: IO[str]) -> None:
    # Uses, safety and notes apart; what holds at any dose printed once, as the data holds it.
    table = default_band_table()
    print(f"{table.title}\nSource: {table.source}", file=out)
    print(f"{_DISCLAIMER}\n", file=out)
    _print_statements(
        "Said of naltrexone in general (shown on every range)",
        "Safety",
        table.general_safety,
        out,
    )
    _print_statements("", "Notes", table.general_notes, out)
    for row in table.ranges:
        print(f"\n{row.band.value:<26} {row.label}: daily dose {row.ends_in_words()}", file=out)
        if row.box1:
            print(f"  Box 1: {row.box1.dose_range}; {row.box1.mechanism}; "
                  f"{row.box1.clinical_use} [{', '.join(map(str, row.box1.references))}]", file=out)  # fmt: skip
        _print_statements("", "Uses", row.uses, out)
        _print_statements("", "Mechanisms and other findings (not uses)", row.findings, out)
        own = tuple(s for s in row.safety if not s.general)
        _print_statements(
            "", "Safety (and what is said in general, above)", own, out, empty="none of its own"
        )
        _print_statements("", "Notes", tuple(s for s in row.notes if not s.general), out)
    for regimen in table.regimens:
        print(f"\n{regimen.name} (not in Box 1)  {regimen.label}", file=out)
        _print_statements("", "Uses", regimen.uses, out)
        own = tuple(s for s in regimen.safety if not s.general)
        _print_statements("", "Safety (and what is said in general, above)", own, out)
        _print_statements("", "Notes", tuple(s for s in regimen.notes if not s.general), out)
        _print_statements("", "Note on an oral dose of the same mass", regimen.oral_notes, out)
    print("\nReferences:", file=out)
    for reference in table.references:
        doi = f" doi:{reference.doi}" if reference.doi else ""
        print(f"{reference.number:>3}. {reference.citation}{doi}", file=out)


def _print_statements(
    heading: str, part: str, statements: tuple[Statement, ...], out: IO[str], empty: str = ""
) -> None:
    if heading:
        print(heading, file=out)
    if not statements and not empty:
        return
    print(f"  {part}:{' ' + empty if not statements else ''}", file=out)
    for statement in statements:
        mark = "  -> " if statement.qualifies else "- "  # a caveat, under what it qualifies
        print(f"    {mark}{statement}", file=out)
        if statement.flag:
            print(f"      ({statement.flag.value}: {statement.flag_note})", file=out)


def main(argv: Sequence[str] | None = None, stdin: IO[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    stdin = sys.stdin if stdin is None else stdin
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.table or arguments.schema:
        option = "--table" if arguments.table else "--schema"
        if (
            arguments.doses
            or arguments.column is not None
            or (arguments.table and arguments.schema)
        ):
            # Silently ignoring a dose would exit 0 for a check that never ran.
            print(
                f"naltrexone-dose: error: {option} prints a reference and takes no doses, "
                "--column or other reference option",
                file=sys.stderr,
            )
            return EXIT_USAGE
        if arguments.table:
            _print_band_table(sys.stdout)
        else:
            schema = _without_examples(DoseClassification.model_json_schema())
            print(json.dumps(schema, indent=2))
        return EXIT_OK
    try:
        texts = list(_inputs(arguments, stdin))
    except (_UsageError, OSError, UnicodeDecodeError, csv.Error) as error:
        print(f"naltrexone-dose: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    results = _classify(texts, arguments.decimal_comma)
    fmt = arguments.format or ("table" if sys.stdout.isatty() else "json")
    status = EXIT_OK
    for text, result in zip(texts, results, strict=True):
        if isinstance(result, DoseFailure):
            status = EXIT_BAD_DOSE
            print(
                f"naltrexone-dose: {text!r}: {result.reason.value}: {shell_message(result)}",
                file=sys.stderr,
            )
    if arguments.definitions:
        _print_definitions(results, fmt, sys.stdout)
    elif fmt == "json":
        for result in results:
            print(_json_record(result))
    elif fmt == "csv":
        fields = [*_CSV_FIELDS, "explanation"] if arguments.explain else list(_CSV_FIELDS)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for result in results:
            row = _csv_row(result)
            if arguments.explain:
                row["explanation"] = "; ".join(_explanation(result))
            writer.writerow(row)
    elif arguments.explain:
        for result in results:
            _print_table([_table_row(result)], sys.stdout)
            for line in _explanation(result):
                print(f"    {line}", file=sys.stdout)
        print(_DISCLAIMER, file=sys.stdout)
    else:
        _print_table([_table_row(result) for result in results], sys.stdout)
        print(_DISCLAIMER, file=sys.stdout)
    return status


def _print_definitions(results: list[_Result], fmt: str, out: IO[str]) -> None:
    """Each dose under every shipped definition: a row each (``--definitions``)."""
    fields = ("input", "table", "band", "mg_per_day", "label", "deciding_edge", "not_placed")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    if fmt == "csv":
        writer.writeheader()
    for result in results:
        source = result.dose.source if isinstance(result, DoseClassification) else result.source
        rows: tuple[DefinitionRow, ...] = ()
        reason = "blank" if isinstance(result, _Blank) else ""
        if isinstance(result, DoseFailure):
            reason = result.reason.value
        elif isinstance(result, DoseClassification):
            if result.mg_per_day is None:
                reason = "depot_no_daily_dose"
            else:
                rows = across_definitions(result.mg_per_day, "mg/day")
        if fmt == "json":
            placed = [row.model_dump(mode="json") for row in rows]
            print(
                json.dumps({"source": source, "definitions": placed, "not_placed": reason}),
                file=out,
            )
        elif fmt == "csv":
            for row in rows:
                writer.writerow({"input": source, "table": row.table, "band": row.band.value,
                                 "mg_per_day": format_amount(row.mg_per_day), "label": row.label,
                                 "deciding_edge": row.deciding_edge, "not_placed": ""})  # fmt: skip
            if reason:
                writer.writerow({"input": source, "not_placed": reason})
        else:
            daily = (
                f" ({format_amount(rows[0].mg_per_day)} mg/day)"
                if rows
                else f": not placed, {reason}"
            )
            print(f"{source}{daily}", file=out)
            for row in rows:
                print(f"  {row.table:<22} {row.band.value:<24} {row.deciding_edge}", file=out)
    if fmt == "table":
        print(_DISCLAIMER, file=out)


def _explanation(result: _Result) -> list[str]:
    """How each part of a classified dose was read, one line each."""
    if not isinstance(result, DoseClassification):
        return []
    return [str(part) for part in result.dose.explanation]


def _classify(texts: list[str], decimal_comma: bool) -> list[_Result]:
    show_progress = len(texts) > _PROGRESS_EVERY and sys.stderr.isatty()
    results: list[_Result] = []
    for start in range(0, len(texts), _PROGRESS_EVERY):
        chunk = texts[start : start + _PROGRESS_EVERY]
        doses = [text for text in chunk if text.strip()]
        read = iter(classify_many(doses, errors="collect", decimal_comma=decimal_comma))
        results += [next(read) if text.strip() else _Blank(text) for text in chunk]
        if show_progress:
            print(f"\r{len(results):,} of {len(texts):,} doses", end="", file=sys.stderr)
    if show_progress:
        print(file=sys.stderr)
    return results


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
    except DoseError as error:  # pragma: no cover - every dose error is collected above
        print(f"naltrexone-dose: error: {error}", file=sys.stderr)
        code = EXIT_BAD_DOSE
    except KeyboardInterrupt:  # pragma: no cover
        code = 130
    except BrokenPipeError:  # the reader went away ("| head"): not an error of ours
        # Point stdout at nothing so that the interpreter's final flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_OK
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
