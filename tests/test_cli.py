"""The command line: output, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from naltrexone_dose import DoseClassification
from naltrexone_dose.cli import main


def test_one_dose_prints_its_band(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["4.5 mg"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4.5 mg: low: 4.5 mg/day")
    assert "mechanism: Toll-like receptor 4 antagonism" in out


def test_json_output_has_the_models_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "350 mg/week", "3 mg BID"]) == 0
    lines = capsys.readouterr().out.splitlines()
    results = [DoseClassification.model_validate_json(line) for line in lines]
    assert [result.band.value for result in results] == ["standard", "between_low_and_standard"]
    assert json.loads(lines[0])["mg_per_day"] == "50"


def test_a_bad_dose_exits_1_and_reports_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["4.5 mg", "4,5 mg"]) == 1
    captured = capsys.readouterr()
    assert "4.5 mg: low" in captured.out
    assert "'4,5 mg': decimal_comma:" in captured.err


def test_a_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2


def test_python_dash_m_runs_the_same_tool() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "naltrexone_dose", "--json", "LDN 4.5MG at bedtime"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["band"] == "low"
