"""The command line: inputs, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from naltrexone_dose import DoseClassification
from naltrexone_dose.cli import EXIT_BAD_DOSE, EXIT_OK, EXIT_USAGE, main


class Terminal(io.StringIO):
    """Standard input attached to a terminal, with nothing typed."""

    def isatty(self) -> bool:
        return True


def test_a_table_names_band_daily_dose_and_box1_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "table", "4.5 mg", "3 mg BID"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "dose",
        "band",
        "daily",
        "dose",
        "basis",
        "Box",
        "1",
        "and",
        "notes",
    ]
    assert lines[1].split()[:4] == ["4.5", "mg", "low", "4.5"]
    assert "Low-dose (1-5 mg)" in lines[1]
    assert "between_low_and_standard" in lines[2]
    assert "not a Box 1 band" in lines[2]


def test_json_lines_have_the_models_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "350 mg/week", "3 mg BID"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    results = [DoseClassification.model_validate_json(line) for line in lines]
    assert [result.band.value for result in results] == ["standard", "between_low_and_standard"]
    assert json.loads(lines[0])["mg_per_day"] == "50"


def test_json_is_the_default_when_not_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["4.5 mg"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["band"] == "low"


def test_csv_output_keeps_bad_rows_in_place(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--csv", "4.5 mg", "4,5 mg", "Vivitrol 380 mg IM q4wk"]) == EXIT_BAD_DOSE
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["band"] for row in rows] == ["low", "", "standard"]
    assert rows[1]["error_reason"] == "decimal_comma"
    assert rows[2]["mg_per_day"] == ""
    assert rows[0]["in_box1"] == "true"


def test_a_bad_dose_exits_1_and_is_reported_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "4.5 mg", "4,5 mg"]) == EXIT_BAD_DOSE
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    assert "'4,5 mg': decimal_comma:" in captured.err


def test_doses_one_per_line_on_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json"], stdin=io.StringIO("4.5 mg\n50 mg/day\r\n")) == EXIT_OK
    assert [json.loads(line)["band"] for line in capsys.readouterr().out.splitlines()] == [
        "low",
        "standard",
    ]


def test_a_column_of_a_csv_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dispensings.csv"
    path.write_text('id,dose_text\n1,"4,5 mg"\n2,"1,5 mg"\n3,50 mg\n', encoding="utf-8")
    assert main(["--json", "--decimal-comma", "--column", "dose_text", str(path)]) == EXIT_OK
    bands = [json.loads(line)["band"] for line in capsys.readouterr().out.splitlines()]
    assert bands == ["low", "low", "standard"]
    assert (
        main(["--json", "--column", "dose_text"], stdin=io.StringIO("dose_text\n4.5 mg\n"))
        == EXIT_OK
    )


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        ([], Terminal(), "give one or more doses"),
        (["--column", "missing", "-"], io.StringIO("dose\n4.5 mg\n"), "no column 'missing'"),
        (["--column", "dose", "a.csv", "b.csv"], io.StringIO(""), "one CSV file"),
        (["--column", "dose", "/nonexistent/file.csv"], io.StringIO(""), "No such file"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], stdin: io.StringIO, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv, stdin=stdin) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_unknown_options_exit_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--no-such-option"])
    assert caught.value.code == EXIT_USAGE


def test_the_band_table_with_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--table"]) == EXIT_OK
    out = capsys.readouterr().out
    assert (
        "low                        Low-dose: daily dose from 1 mg, included, to 5 mg, included"
        in out
    )
    assert (
        "between_low_and_standard   Between low-dose and standard: daily dose from 5 mg, not included, to 50 mg, not included"
        in out
    )
    assert " 28. Torkildsen" in out


def test_the_band_table_separates_uses_safety_and_notes_and_is_not_dosing_advice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--table"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "it is not dosing advice" in out
    general, _, ranges = out.partition("\nultra_low ")
    assert "Said of naltrexone in general (shown on every range)" in general
    assert "Safety at any dose" not in out
    assert general.count("Naltrexone is hepatotoxic") == 1
    assert "Naltrexone is hepatotoxic" not in ranges  # held once, said to apply everywhere
    between = ranges.split("\nbetween_low_and_standard ")[1].split("\nstandard ")[0]
    assert "Safety (and what is said in general, above): none of its own" in between
    low = ranges.split("\nlow ")[1].split("\nbetween_low_and_standard ")[0]
    uses, safety, notes = low.index("  Uses:"), low.index("  Safety"), low.index("  Notes:")
    findings = low.index("  Mechanisms and other findings (not uses):")
    assert uses < findings < safety < notes
    assert "[15; trial protocol]" in low[findings:safety]
    assert "    -> Caveat: these survey-based and pilot data" in low[uses:findings]
    assert "(miscitation: The review cites reference 11" in low[findings:safety]
    assert "(not in Box 1)" in ranges


def test_the_json_schema_of_a_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--schema"]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "DoseClassification"
    assert "band" in schema["properties"]


def test_python_dash_m_runs_the_same_tool() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "naltrexone_dose", "--json", "LDN 4.5MG at bedtime"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_OK
    assert json.loads(done.stdout)["band"] == "low"


def test_a_closed_pipe_is_not_an_error() -> None:
    done = subprocess.run(
        f"{sys.executable} -m naltrexone_dose --table | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.startswith("Box 1")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "argv",
    [["--table", "4.5 mg"], ["--schema", "4.5 mg"], ["--table", "--column", "dose"],
     ["--table", "--schema"]],
)  # fmt: skip
def test_a_reference_option_with_doses_is_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "takes no doses" in captured.err


def test_json_keeps_one_record_per_input_line(capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["4.5 mg", "4,5 mg", "", "350 mg/week", "   ", "mg", "4.5 mg"]
    status = main(["--json"], stdin=io.StringIO("\n".join(lines) + "\n"))
    assert status == EXIT_BAD_DOSE
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == len(lines)
    assert [record.get("band") for record in records] == [
        "low", None, None, "standard", None, None, "low",
    ]  # fmt: skip
    assert records[1]["reason"] == "decimal_comma"
    assert records[1]["error"] == "DoseSyntaxError"
    assert records[1]["source"] == "4,5 mg"
    assert records[2] == {"source": "", "skipped": "blank"}
    assert records[4] == {"source": "   ", "skipped": "blank"}
    assert records[5]["reason"] == "no_amount"


def test_blank_lines_are_skipped_not_bad(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--csv"], stdin=io.StringIO("4.5 mg\n\n50 mg\n")) == EXIT_OK
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [row["band"] for row in rows] == ["low", "", "standard"]
    assert rows[1]["error_reason"] == ""
    assert captured.err == ""


def test_a_csv_with_a_byte_order_mark_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("dose_text,id\n4.5 mg,1\n50 mg,2\n", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["--json", "--column", "dose_text", str(path)]) == EXIT_OK
    bands = [json.loads(line)["band"] for line in capsys.readouterr().out.splitlines()]
    assert bands == ["low", "standard"]
    piped = io.StringIO("\ufeffdose_text,id\n4.5 mg,1\n")
    assert main(["--json", "--column", "dose_text"], stdin=piped) == EXIT_OK
    assert main(["--json"], stdin=io.StringIO("\ufeff4.5 mg\n")) == EXIT_OK


def test_the_cut_example_of_the_cli_page_runs(tmp_path: Path) -> None:
    page = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    example = next(line for line in page.splitlines() if "| naltrexone-dose --json" in line)
    command = example.removeprefix("$ ").split(" | jq")[0]
    (tmp_path / "dispensings.csv").write_text(
        "patient,date,dose_text\n1,2024-01-01,4.5 mg\n1,2024-02-01,LDN 1.5mg nocte\n"
        "2,2024-01-05,50 mg daily\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        command.replace("naltrexone-dose", f"{sys.executable} -m naltrexone_dose"),
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert [json.loads(line)["band"] for line in done.stdout.splitlines()] == [
        "low", "low", "standard",
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_messages_name_the_option_not_the_python_keyword(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--format", fmt, "4,5 mg", "5 mL"]) == EXIT_BAD_DOSE
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "--decimal-comma" in stream
        assert "decimal_comma=True" not in stream
        assert "concentration=" not in stream


def test_table_and_csv_show_basis_warnings_and_range_crossings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doses = ["1.0 mg", "3-6 mg daily", "Vivitrol 380 mg IM q4wk", "4.5 kg"]
    assert main(["--csv", *doses]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["basis"] for row in rows] == [
        "assumed_daily",
        "frequency",
        "depot",
        "assumed_daily",
    ]
    assert [row["warnings"] for row in rows] == ["trailing_zero", "", "", "implausible_amount"]
    assert (rows[1]["low_mg_per_day"], rows[1]["low_band"], rows[1]["crosses_boundary"]) == (
        "3", "low", "true",
    )  # fmt: skip
    assert rows[2]["mg_per_day"] == ""
    assert main(["--format", "table", *doses]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert "warning trailing_zero:" in lines[1]
    assert "assumed daily" in lines[1]
    assert "low end in low, high end in between_low_and_standard" in lines[2]
    assert "warning implausible_amount" in lines[4]


def test_a_depot_rows_daily_dose_cell_is_empty_in_the_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--format", "table", "Vivitrol 380 mg IM q4wk"]) == EXIT_OK
    header, row, disclaimer = capsys.readouterr().out.splitlines()
    assert disclaimer == "This library reports what a review says; it is not dosing advice."
    start, end = header.index("daily dose"), header.index("basis")
    assert row[start:end].strip() == ""
    assert "380 mg intramuscular every 28 days, not averaged" in row


def test_help_keeps_the_epilogs_line_breaks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "\nexamples:\n  naltrexone-dose '4.5 mg' '350 mg/week'\n" in out
    assert "\nexit codes: 0 all classified" in out


def test_the_schema_carries_no_doctests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--schema"]) == EXIT_OK
    out = capsys.readouterr().out
    assert ">>>" not in out
    assert "Examples:" not in out
    description = json.loads(out)["description"]
    assert description.startswith("Where a dose falls among the six ranges")


def test_explain_prints_how_each_part_was_read_under_its_row(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--format", "table", "--explain", "LDN 1.5 mg caps, 2 at night", "4.5 mg"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("LDN 1.5 mg caps, 2 at night")
    assert lines[2:5] == [
        "    '1.5 mg': strength of one unit (1.5 mg)",
        "    '2': count of units (2)",
        "    'at night': frequency (once a day: night)",
    ]
    assert lines[6].startswith("4.5 mg ")
    assert lines[7] == "    '4.5 mg': amount (4.5 mg)"


def test_explain_adds_an_explanation_column_to_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--csv", "--explain", "0.5 mg bid"]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["explanation"] == "'0.5 mg': amount (0.5 mg); 'bid': frequency (twice a day)"


def test_definitions_prints_each_dose_under_every_shipped_definition(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(["--definitions", "--format", "table", "5 mg daily", "Vivitrol 380 mg IM q4wk"])
        == EXIT_OK
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "5 mg daily (5 mg/day)"
    assert lines[1].split()[:2] == ["box1", "low"]
    assert lines[3].split()[:2] == ["raknes_smabrekke_2017", "between_low_and_standard"]
    assert "lower end 5 mg (included); below it low" in lines[3]
    assert lines[5] == "Vivitrol 380 mg IM q4wk: not placed, depot_no_daily_dose"
    assert lines[-1] == "This library reports what a review says; it is not dosing advice."


def test_definitions_in_json_and_csv_keep_one_record_per_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--definitions", "--json", "2 mg", "4,5 mg"]) == EXIT_BAD_DOSE
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert [row["band"] for row in first["definitions"]] == ["low", "low", "low", "very_low"]
    assert second == {"source": "4,5 mg", "definitions": [], "not_placed": "decimal_comma"}
    assert main(["--definitions", "--csv", "2 mg"]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(row["table"], row["band"]) for row in rows][-1] == ("nokc_2015", "very_low")


def _console_blocks() -> list[list[str]]:
    page = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text("utf-8")
    return [block.split("```", 1)[0].splitlines() for block in page.split("```console\n")[1:]]


def _shown(block: list[str]) -> list[str]:
    printed = []
    for line in block[1:]:
        if line.startswith("$ "):
            break
        printed.append(line)
    return printed


@pytest.mark.parametrize("block", [b for b in _console_blocks() if _shown(b)], ids=lambda b: b[0])
def test_the_cli_page_shows_the_table_as_the_tool_prints_it(
    block: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The page once showed the injection as Box 1's standard row: it now runs as written
    (on a terminal the format is the table)."""
    arguments = shlex.split(block[0].removeprefix("$ naltrexone-dose "))
    if "--format" not in arguments:
        arguments = ["--format", "table", *arguments]
    main(arguments)
    assert capsys.readouterr().out.splitlines() == _shown(block)
