"""A bad dose is the caller's input: its traceback is short, without the reader's frames."""

from __future__ import annotations

import subprocess
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

import naltrexone_dose
from naltrexone_dose import (
    DoseError,
    DoseSyntaxError,
    classify_amounts,
    classify_dose,
    classify_many,
    parse_dose,
)
from naltrexone_dose.dataframe import classify_amount_series, estimate_daily_dose

if TYPE_CHECKING:
    from collections.abc import Callable

PACKAGE = Path(naltrexone_dose.__file__).parent

CALLS: dict[str, Callable[[], object]] = {
    "classify_dose": lambda: classify_dose("4,5 mg"),
    "parse_dose": lambda: parse_dose("5 mL"),
    "classify_many": lambda: classify_many(["4.5 mg", "4.5 mg prn"]),
    "classify_amounts": lambda: classify_amounts([1.0], "mL"),
    "classify_amount_series": lambda: classify_amount_series(pd.Series([1.0]), "mL"),
    "estimate_daily_dose": lambda: estimate_daily_dose(4.5, 30, 0),
}


@pytest.mark.parametrize("name", CALLS)
def test_a_dose_error_leaves_a_public_function_with_one_library_frame(name: str) -> None:
    with pytest.raises(DoseError) as caught:
        CALLS[name]()
    frames = traceback.extract_tb(caught.value.__traceback__)
    ours = [frame for frame in frames if Path(frame.filename).is_relative_to(PACKAGE)]
    assert [frame.name for frame in ours] == ["public_entry_point"]


def test_plain_python_prints_the_message_after_a_few_lines() -> None:
    code = "from naltrexone_dose import classify_dose\nclassify_dose('4,5 mg')\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    lines = done.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "DoseSyntaxError: '4,5' has a decimal comma" in lines[-1]
    assert len(lines) <= 7
    assert "_grammar" not in done.stderr
    assert "_parse" not in done.stderr


def test_the_error_is_unchanged_but_for_its_traceback() -> None:
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose("4,5 mg")
    assert caught.value.reason.value == "decimal_comma"
    assert caught.value.__suppress_context__
