"""The command line: inputs, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from naltrexone_dose import (
    RECORD_SCHEMA_VERSION,
    DoseClassification,
    ErrorReason,
    ResultRecord,
    WarningCode,
    __version__,
    classify_dose,
    default_band_table,
    read_record,
)
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


def test_json_lines_are_compact_records_with_exact_and_decimal_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--json", "350 mg/week", "3 mg BID", "LDN 4.5mg qhs", "50 mg/7 days"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    records = [read_record(line) for line in lines]
    assert all(isinstance(record, ResultRecord) for record in records)
    raw = [json.loads(line) for line in lines]
    assert [r["band"] for r in raw] == ["standard", "between_low_and_standard", "low",
                                        "between_low_and_standard"]  # fmt: skip
    assert raw[0]["mg_per_day"] == "50"
    # jq '.mg_per_day_decimal > 5' is false for 4.5 mg: a JSON number, not a fraction string
    assert (raw[2]["mg_per_day"], raw[2]["mg_per_day_decimal"]) == ("9/2", 4.5)
    assert raw[2]["approximated"] is False
    assert (raw[3]["mg_per_day"], raw[3]["approximated"]) == ("50/7", True)
    assert raw[2]["warnings"] == ["unit_run_into_number", "hs"]
    assert "low.cost" in raw[2]["statements"]["notes"]
    assert raw[2]["classification"] is None
    assert all(len(line) < 2_000 for line in lines)  # statements by id, not their text


def test_full_adds_the_whole_result_to_the_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "--full", "LDN 4.5mg qhs"]) == EXIT_OK
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    result = DoseClassification.model_validate(record["classification"])
    assert result == classify_dose("LDN 4.5mg qhs")
    assert record["band"] == "low"
    assert record["mg_per_day_decimal"] == 4.5


def test_every_record_carries_the_library_and_band_data_versions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--json", "4.5 mg", "4,5 mg", " "]) == EXIT_BAD_DOSE
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["record"] for r in records] == ["result", "error", "missing"]
    for record in records:
        assert record["library_version"] == __version__
        assert record["band_data_version"] == default_band_table().data_version
        assert record["schema_version"] == RECORD_SCHEMA_VERSION
    assert [r["input"] for r in records] == ["4.5 mg", "4,5 mg", " "]
    assert [r["line"] for r in records] == [1, 2, 3]


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


def test_the_schema_covers_every_record_kind_with_codes_and_versions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--schema"]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert schema["discriminator"]["propertyName"] == "record"
    assert sorted(schema["discriminator"]["mapping"]) == ["error", "missing", "result"]
    assert schema["x-schema-version"] == RECORD_SCHEMA_VERSION
    assert schema["x-library-version"] == __version__
    assert schema["x-band-data-version"] == default_band_table().data_version
    definitions = schema["$defs"]
    assert definitions["WarningCode"]["enum"] == [code.value for code in WarningCode]
    assert set(schema["x-warning-codes"]) == {code.value for code in WarningCode}
    assert {reason.value for reason in ErrorReason} <= set(schema["x-reason-codes"])
    assert {"field_count", "unbalanced_quote", "missing"} <= set(schema["x-reason-codes"])
    for kind in ("ResultRecord", "ErrorRecord", "MissingRecord"):
        required = definitions[kind]["required"]
        assert {"record", "input", "line", "library_version", "band_data_version"} <= set(
            required
        ), kind


def test_every_record_of_a_stream_validates_against_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--schema"]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    path = tmp_path / "mixed.csv"
    path.write_text('id,dose\n1,4.5 mg\n2,"4,5 mg"\n3,\n4,1,5 mg\n5,"50 mg\n', encoding="utf-8")
    assert main(["--json", "--full", "--column", "dose", str(path)]) == EXIT_BAD_DOSE
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["record"] for r in records] == ["result", "error", "missing", "error", "error"]
    for record in records:
        jsonschema.validate(record, schema)


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
    assert [record["input"] for record in records] == lines  # one place for every kind
    assert records[1]["reason"] == "decimal_comma"
    assert records[1]["error"] == "DoseSyntaxError"
    assert (records[2]["record"], records[2]["reason"]) == ("missing", "missing")
    assert (records[4]["record"], records[4]["input"]) == ("missing", "   ")
    assert records[5]["reason"] == "no_amount"


def test_empty_lines_are_missing_not_bad(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--csv"], stdin=io.StringIO("4.5 mg\n\n50 mg\n")) == EXIT_OK
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [row["band"] for row in rows] == ["low", "", "standard"]
    assert [row["record"] for row in rows] == ["result", "missing", "result"]
    assert rows[1]["error_reason"] == "missing"
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


def test_the_column_example_of_the_cli_page_runs(tmp_path: Path) -> None:
    page = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    example = next(line for line in page.splitlines() if "| jq .band" in line)
    command = example.removeprefix("$ ").split(" | jq")[0]
    assert "| cut" not in page  # cut -d, splits a sig at its comma
    (tmp_path / "dispensings.csv").write_text(
        "patient,date,dose_text\n1,2024-01-01,4.5 mg\n1,2024-02-01,LDN 1.5mg nocte\n"
        '2,2024-01-05,"50 mg, once daily"\n',
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


def test_the_help_shows_the_column_option_not_cut(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--column dose_text" in out
    assert "| cut" not in out


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "doses.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_found_from_the_header(
    delimiter: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel in a decimal-comma locale writes ';' and leaves '4,5 mg' unquoted.
    text = f"id{delimiter}dose\n1{delimiter}4.5 mg\n2{delimiter}50 mg, once daily\n"
    if delimiter == ",":
        text = text.replace("50 mg, once daily", '"50 mg, once daily"')
    assert main(["--json", "--column", "dose", write(tmp_path, text)]) == EXIT_OK
    assert [r["band"] for r in records(capsys.readouterr().out)] == ["low", "standard"]


def test_a_semicolon_file_with_decimal_commas_is_read_with_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "id;dose;note\n1;4,5 mg;x\n2;1,5 mg;y\n")
    assert main(["--json", "--decimal-comma", "--column", "dose", path]) == EXIT_OK
    assert [r["mg_per_day"] for r in records(capsys.readouterr().out)] == ["9/2", "3/2"]


def test_a_one_column_file_keeps_its_commas_in_the_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "dose\n50 mg, once daily\n4.5 mg\n")
    assert main(["--json", "--column", "dose", path]) == EXIT_OK
    assert [r["band"] for r in records(capsys.readouterr().out)] == ["standard", "low"]


def test_the_delimiter_can_be_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "id;dose\n1;4.5 mg\n")
    assert main(["--json", "--column", "dose", "--delimiter", ";", path]) == EXIT_OK
    assert records(capsys.readouterr().out)[0]["band"] == "low"
    assert main(["--json", "--column", "dose", "--delimiter", ",", path]) == EXIT_USAGE
    assert "no column 'dose' (columns: id;dose)" in capsys.readouterr().err
    assert main(["--json", "--delimiter", ";", "4.5 mg"]) == EXIT_USAGE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_an_excel_file_in_a_windows_encoding_is_read_with_encoding(
    encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "patient;dose\nJosé;4.5 mg\nRenée;50 mg\n", encoding)
    assert main(["--json", "--column", "dose", path]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "line 2: byte 0xe9 is not utf-8" in err
    assert "--encoding cp1252" in err
    assert main(["--json", "--column", "dose", "--encoding", encoding, path]) == EXIT_OK
    assert [r["band"] for r in records(capsys.readouterr().out)] == ["low", "standard"]


def test_an_unknown_encoding_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--encoding", "klingon", "4.5 mg"]) == EXIT_USAGE
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_every_kind_of_line_end_gives_one_record_per_line(
    end: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doses = ["4.5 mg", "50 mg/day", "0.5 mcg"]
    assert main(["--json"], stdin=io.StringIO(end.join(doses) + end)) == EXIT_OK
    assert [r["input"] for r in records(capsys.readouterr().out)] == doses
    path = write(tmp_path, end.join(["id,dose", *(f"{k},{d}" for k, d in enumerate(doses))]))
    assert main(["--json", "--column", "dose", path]) == EXIT_OK
    assert [r["line"] for r in records(capsys.readouterr().out)] == [2, 3, 4]


def test_a_row_that_cannot_be_split_is_refused_with_its_line_never_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "id,dose,note\n"
        "1,4.5 mg,ok\n"
        "2,25 mg, 2 tablets daily,x\n"  # more fields: the sig's comma, unquoted
        "3\n"  # fewer fields: no dose cell at all
        '4,"50 mg daily,x\n'  # an unbalanced quote: a cell that spans lines...
        'and more",4.5 mg,ok\n'  # ...whose last line must not hand over '4.5 mg'
        "5,50 mg,ok\n"
    )
    assert main(["--json", "--column", "dose", write(tmp_path, text)]) == EXIT_BAD_DOSE
    captured = capsys.readouterr()
    found = records(captured.out)
    assert [r["record"] for r in found] == ["result", "error", "error", "error", "error", "result"]
    assert [r.get("reason") for r in found[1:5]] == [
        "field_count", "field_count", "unbalanced_quote", "unbalanced_quote",
    ]  # fmt: skip
    assert [r["line"] for r in found] == [2, 3, 4, 5, 6, 7]
    assert found[1]["input"] == "2,25 mg, 2 tablets daily,x"  # the whole row, not a cut cell
    assert "line 3: '2,25 mg, 2 tablets daily,x': field_count: the row has 4 fields" in (
        captured.err
    )
    assert "line 4: '3': field_count: the row has 1 fields, fewer" in captured.err
    assert "line 5:" in captured.err
    assert "unbalanced_quote" in captured.err


def test_an_empty_or_all_space_dose_cell_is_missing_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "id,dose\n1,4.5 mg\n2,\n3,   \n\n")
    assert main(["--json", "--column", "dose", path]) == EXIT_OK
    found = records(capsys.readouterr().out)
    assert [(r["record"], r.get("reason")) for r in found] == [
        ("result", None), ("missing", "missing"), ("missing", "missing"), ("missing", "missing"),
    ]  # fmt: skip
    assert [r["line"] for r in found] == [2, 3, 4, 5]


def test_stderr_names_each_refused_line_and_ends_with_a_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "4.5 mg\n4,5 mg\n\nmg\n50 mg\n"
    assert main(["--json"], stdin=io.StringIO(text)) == EXIT_BAD_DOSE
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("naltrexone-dose: line 2: '4,5 mg': decimal_comma:")
    assert err[1].startswith("naltrexone-dose: line 4: 'mg': no_amount:")
    assert err[-1] == "naltrexone-dose: 5 inputs: 2 classified, 2 refused, 1 missing"
    assert main(["--json", "4.5 mg", "mg"]) == EXIT_BAD_DOSE
    assert "naltrexone-dose: argument 2: 'mg': no_amount:" in capsys.readouterr().err


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone after the first record."""

    def __init__(self) -> None:
        super().__init__()
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += text.count("\n")
        if self.lines > 1:
            raise BrokenPipeError
        return super().write(text)

    def fileno(self) -> int:
        raise io.UnsupportedOperation


def test_a_closed_output_pipe_stops_the_work(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from naltrexone_dose import cli  # noqa: PLC0415

    read: list[int] = []
    original = cli.classify_many

    def counting(doses: list[str], **options: bool) -> object:
        read.append(len(doses))
        return original(doses, errors="collect", decimal_comma=options["decimal_comma"])

    monkeypatch.setattr(cli, "classify_many", counting)
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    stdin = io.StringIO("4.5 mg\n" * (3 * cli._CHUNK))
    assert main(["--json"], stdin=stdin) == EXIT_OK
    assert read == [cli._CHUNK]  # the first chunk only, then it stopped
    assert capsys.readouterr().err == ""


def test_a_closed_pipe_gives_no_traceback_from_a_large_stream() -> None:
    done = subprocess.run(
        f"yes '4.5 mg' | head -n 20000 | {sys.executable} -m naltrexone_dose --json | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(done.stdout)["band"] == "low"
    assert done.stderr == ""


def test_table_with_json_or_csv_gives_the_band_table_as_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--table", "--json"]) == EXIT_OK
    table = json.loads(capsys.readouterr().out)
    assert table["library_version"] == __version__
    assert table["data_version"] == default_band_table().data_version
    assert [r["band"] for r in table["ranges"]][:2] == ["ultra_low", "very_low"]
    assert table["ranges"][2]["notes"][0]["id"] == "low.cost"
    assert main(["--table", "--csv"]) == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["band"], r["lower_mg_per_day"], r["upper_mg_per_day"]) for r in rows][2] == (
        "low", "1", "5",
    )  # fmt: skip


def test_csv_has_a_plain_decimal_column_that_pandas_reads_as_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pandas = pytest.importorskip("pandas")
    assert main(["--csv", "450 mg/week", "4.5 mg", "Vivitrol 380 mg IM q4wk"]) == EXIT_OK
    frame = pandas.read_csv(io.StringIO(capsys.readouterr().out))
    assert frame["mg_per_day"].dtype == "float64"
    assert frame["mg_per_day"].tolist()[:2] == [450 / 7, 4.5]
    assert frame["mg_per_day_exact"].tolist()[:2] == ["450/7", "9/2"]
    assert frame["approximated"].tolist() == [True, False, False]


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
    doses = ["1.0 mg", "3-6 mg daily", "Vivitrol 380 mg IM q4wk", "4.5 g"]
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
    header, row = capsys.readouterr().out.splitlines()
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
    description = json.loads(out)["$defs"]["DoseClassification"]["description"]
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


def test_the_version_names_the_library_and_the_band_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out.strip()
    assert out == f"naltrexone-dose {__version__} (band data {default_band_table().data_version})"


def test_standard_input_is_read_in_the_encoding_given(capsys: pytest.CaptureFixture[str]) -> None:
    def piped(data: bytes) -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")

    data = "patient;dose\rRenée;4.5 mg\r".encode("cp1252")
    assert main(["--json", "--column", "dose"], stdin=piped(data)) == EXIT_USAGE
    assert "standard input, line 2: byte 0xe9 is not utf-8" in capsys.readouterr().err
    assert main(["--json", "--column", "dose", "--encoding", "cp1252"], stdin=piped(data)) == 0
    assert [r["line"] for r in records(capsys.readouterr().out)] == [2]
    assert main(["--json"], stdin=piped(b"\xef\xbb\xbf4.5 mg\r\n")) == EXIT_OK
    assert records(capsys.readouterr().out)[0]["input"] == "4.5 mg"


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the CSV is empty"), ("dose,a;dose\n1,2;3\n", "split at ',' and ';': pass --delimiter")],
)
def test_a_csv_without_a_clear_header_is_a_usage_error(
    text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--json", "--column", "dose", write(tmp_path, text)]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_a_refused_row_keeps_its_place_in_the_table_and_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "id,dose\n1,4.5 mg\n2,25 mg, bid\n3,\n")
    assert main(["--format", "table", "--column", "dose", path]) == EXIT_BAD_DOSE
    lines = capsys.readouterr().out.splitlines()
    assert "field_count: the row has 3 fields" in lines[2]
    assert "(missing: no dose)" in lines[3]
    assert main(["--csv", "--column", "dose", path]) == EXIT_BAD_DOSE
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["record"], r["line"], r["error_reason"]) for r in rows] == [
        ("result", "2", ""), ("error", "3", "field_count"), ("missing", "4", "missing"),
    ]  # fmt: skip
    assert rows[1]["input"] == "2,25 mg, bid"


def test_full_is_for_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--csv", "--full", "4.5 mg"]) == EXIT_USAGE
    assert "--full is for JSON output" in capsys.readouterr().err
    assert main(["--full", "4.5 mg"]) == EXIT_OK  # JSON, on a terminal too
    assert json.loads(capsys.readouterr().out)["classification"]["band"] == "low"
