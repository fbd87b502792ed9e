"""The command line: inputs, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from naltrexone_dose import DoseClassification
from naltrexone_dose.cli import EXIT_BAD_DOSE, EXIT_OK, EXIT_USAGE, main

if TYPE_CHECKING:
    from pathlib import Path


class Terminal(io.StringIO):
    """Standard input attached to a terminal, with nothing typed."""

    def isatty(self) -> bool:
        return True


def test_a_table_names_band_daily_dose_and_box1_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "table", "4.5 mg", "3 mg BID"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["dose", "band", "daily", "dose", "Box", "1"]
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
    assert len(captured.out.splitlines()) == 1
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
    assert "Safety at any dose:" in general
    assert general.count("Naltrexone is hepatotoxic") == 1
    assert "Naltrexone is hepatotoxic" not in ranges  # held once, said to apply everywhere
    between = ranges.split("\nbetween_low_and_standard ")[1].split("\nstandard ")[0]
    assert "Safety (and the safety at any dose, above): none of its own" in between
    low = ranges.split("\nlow ")[1].split("\nbetween_low_and_standard ")[0]
    uses, safety, notes = low.index("  Uses:"), low.index("  Safety"), low.index("  Notes:")
    assert uses < safety < notes
    assert "[15; trial protocol]" in low[uses:safety]
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
