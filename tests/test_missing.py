"""is_missing: SPEC's missing values in batches, and nothing else."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import polars as pl
import pytest

from naltrexone_dose._missing import is_missing

MISSING: list[object] = [
    None, float("nan"), "", " ", "\t\n", "\u00a0", pd.NA, pd.NaT, np.ma.masked,
    np.float64("nan"), np.float32("nan"), np.float16("nan"), np.longdouble("nan"),
    pytest.param(pl.Series([None], dtype=pl.String).to_list()[0], id="polars-null"),
]  # fmt: skip
PRESENT: list[object] = [
    "4.5 mg", "nan", "None", "\u200b", 0, 0.0, -0.0, False, Decimal("NaN"), float("inf"),
    np.float32(0), {"value": None}, [], b"",
]  # fmt: skip


@pytest.mark.parametrize("value", MISSING, ids=repr)
def test_spec_missing_values_are_missing(value: object) -> None:
    assert is_missing(value)


@pytest.mark.parametrize("value", PRESENT, ids=repr)
def test_values_that_are_there_are_not_missing(value: object) -> None:
    # A Decimal NaN, text that says "nan", a zero-width space or an empty dict are inputs
    # that classify_dose refuses with their own reasons, not gaps in a column.
    assert not is_missing(value)
