"""Records for machines: compact, versioned, exact beside decimal, one schema for all kinds."""

from __future__ import annotations

import json
import re
import tomllib
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest

from naltrexone_dose import (
    ErrorRecord,
    MissingRecord,
    ResultRecord,
    WarningCode,
    __version__,
    classify_dose,
    classify_many,
    default_band_table,
    read_record,
    record_schema,
    to_record,
)


def test_warning_codes_are_exactly_the_codes_of_the_data_file() -> None:
    text = resources.files("naltrexone_dose").joinpath("data/writing.toml").read_text("utf-8")
    assert set(tomllib.loads(text)["warnings"]) == {code.value for code in WarningCode}


def test_a_warning_carries_its_code_as_the_enum() -> None:
    (warning,) = classify_dose("1.0 mg").warnings
    assert warning.code is WarningCode.TRAILING_ZERO


@pytest.mark.parametrize(
    ("dose", "decimal", "approximated"),
    [("4.5 mg", 4.5, False), ("350 mg/week", 50.0, False), ("450 mg/week", 450 / 7, True),
     ("1000 ng", 0.001, False), ("0.1 mg", 0.1, False)],
)  # fmt: skip
def test_a_result_record_has_the_exact_dose_and_a_json_number(
    dose: str, decimal: float, approximated: bool
) -> None:
    record = to_record(classify_dose(dose))
    assert record.mg_per_day == classify_dose(dose).mg_per_day
    assert record.mg_per_day_decimal == decimal
    assert record.approximated is approximated
    dumped = json.loads(record.model_dump_json())
    assert isinstance(dumped["mg_per_day_decimal"], float)
    assert Fraction(dumped["mg_per_day"]) == record.mg_per_day


def test_a_range_records_both_ends_and_whether_it_crosses() -> None:
    record = to_record(classify_dose("3-6 mg daily"))
    assert record.range is not None
    assert (record.range.low_mg_per_day_decimal, record.range.crosses_boundary) == (3.0, True)
    assert (record.range.low_band.value, record.range.high_band.value) == (
        "low",
        "between_low_and_standard",
    )


def test_the_depot_has_no_decimal_and_is_not_approximated() -> None:
    record = to_record(classify_dose("Vivitrol 380 mg IM q4wk"))
    assert (record.mg_per_day, record.mg_per_day_decimal, record.approximated) == (
        None,
        None,
        False,
    )
    assert record.basis.value == "depot"


def test_every_kind_of_record_reads_back_as_itself() -> None:
    result, failure = classify_many(["4.5 mg", "4,5 mg"], errors="collect")
    version = default_band_table().data_version
    written = [
        to_record(result, line=1, full=True),
        to_record(failure, line=2),
        MissingRecord(input=" ", line=3, band_data_version=version),
    ]
    again = [read_record(record.model_dump_json()) for record in written]
    assert again == written
    assert [type(record) for record in again] == [ResultRecord, ErrorRecord, MissingRecord]
    assert all(record.library_version == __version__ for record in again)
    assert [record.input for record in again] == ["4.5 mg", "4,5 mg", " "]


def test_statements_are_named_by_their_ids_in_the_data() -> None:
    result = classify_dose("4.5 mg")
    record = to_record(result)
    assert record.statements.uses == tuple(s.id for s in result.uses)
    assert record.statements.safety == tuple(s.id for s in result.safety)
    assert record.statements.notes == tuple(s.id for s in result.notes)
    # Mechanisms and other findings are apart from the uses, and no statement is left out.
    assert result.findings
    assert record.statements.findings == tuple(s.id for s in result.findings)
    assert len(record.model_dump_json()) * 4 < len(result.model_dump_json())


def test_the_schema_lists_every_code_and_the_versions() -> None:
    schema = record_schema()
    assert schema["x-library-version"] == __version__
    assert schema["$id"].endswith(schema["x-schema-version"])
    assert schema["$defs"]["WarningCode"]["enum"] == schema["x-warning-codes"]


def test_every_warning_code_is_on_the_results_page_with_an_example_that_gives_it() -> None:
    page = (Path(__file__).parent.parent / "docs" / "results.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| `([^`]+)` \|", page, re.MULTILINE)
    assert {code for code, _ in rows} == {code.value for code in WarningCode}
    for code, example in rows:
        given = json.loads(example) if example.startswith("{") else example  # a FHIR Dosage
        assert code in [w.code.value for w in classify_dose(given).warnings], example


def test_a_schedule_records_each_step_and_flags_a_rounded_step() -> None:
    record = to_record(classify_dose("10 mg/week for 1 week, then 50 mg daily"))
    assert [(s.mg_per_day, s.band.value) for s in record.steps] == [
        (Fraction(10, 7), "low"),
        (Fraction(50), "standard"),
    ]
    assert record.mg_per_day_decimal == 50.0
    assert record.approximated is True  # the first step's 10/7 is rounded
    assert (
        to_record(classify_dose("25 mg daily for 3 days, then 50 mg daily")).approximated is False
    )


def test_a_missing_row_of_a_batch_is_a_missing_record() -> None:
    rows = classify_many(["4.5 mg", None, "   "], errors="collect")
    kinds = [to_record(row, line=k).record for k, row in enumerate(rows, start=1)]
    assert kinds == ["result", "missing", "missing"]
