"""Hostile and broken input: nothing gets through, hangs or crashes; state stays put.

Time is not asserted here (that is benchmarks/run.py's job); the errors' kinds are.
"""

from __future__ import annotations

import contextlib
import json
import pickle
import subprocess
import sys
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest
from checks import assert_refused, assert_result_or_refusal
from hypothesis import given
from hypothesis import strategies as st

import naltrexone_dose._text as text_module
from naltrexone_dose import (
    INVALID_CODE,
    Band,
    DoseAmountError,
    DoseClassification,
    DoseError,
    DoseFailure,
    DoseSyntaxError,
    DoseUnitError,
    ErrorReason,
    classify_amounts,
    classify_dose,
    classify_many,
    default_band_table,
    parse_dose,
)
from naltrexone_dose.dataframe import classify_amount_series, classify_series

# -- length and digits --------------------------------------------------------------------------


def test_the_length_limit_and_just_under_it() -> None:
    assert classify_dose("4.5 mg" + " " * 994).band is Band.LOW
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose("4.5 mg" + " " * 995)
    assert caught.value.reason is ErrorReason.TOO_LONG


def test_a_999_digit_number_is_read_and_refused_as_out_of_range() -> None:
    with pytest.raises(DoseAmountError) as caught:
        classify_dose("9" * 997 + "mg")
    assert caught.value.reason is ErrorReason.OUT_OF_RANGE
    tiny = "0." + "0" * 993 + "1mg"
    with pytest.raises(DoseAmountError):
        classify_dose(tiny)


def test_a_999_digit_number_inside_the_range_is_exact() -> None:
    digits = "4." + "5" * 990
    assert classify_dose(digits + " mg").mg_per_day == Fraction(int("4" + "5" * 990), 10**990)


@pytest.mark.parametrize("digits", [5_000, 100_000])
def test_huge_numbers_as_text_hit_the_length_limit(digits: int) -> None:
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose("1" * digits + " mg")
    assert caught.value.reason is ErrorReason.TOO_LONG


def test_python_int_string_limit_surfaces_as_a_dose_error() -> None:
    huge = 10**100_000
    assert sys.get_int_max_str_digits() < 100_000  # the limit is active: str(huge) would raise
    with pytest.raises(DoseAmountError) as caught:
        classify_dose(huge, "mg")
    assert caught.value.reason is ErrorReason.OUT_OF_RANGE
    with pytest.raises(DoseAmountError):
        classify_dose(Decimal("1e100000"), "mg")
    with pytest.raises(DoseAmountError):
        classify_dose(Fraction(1, 10**100_000), "mg")


@pytest.mark.parametrize(
    "text", ["1e999999999 mg", "1e-999999999 mg", "1E+999999999999999999 mg", "9e5001 mg"]
)
def test_huge_exponents_are_refused_without_expanding_them(text: str) -> None:
    with pytest.raises(DoseAmountError) as caught:
        classify_dose(text)
    assert caught.value.reason is ErrorReason.OUT_OF_RANGE


class _NoArithmeticDecimal(Decimal):
    """A Decimal that fails the test if it is ever turned into a Fraction."""

    def as_integer_ratio(self) -> tuple[int, int]:
        msg = "the huge exponent was expanded before it was refused"
        raise AssertionError(msg)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("1E+9000000", ErrorReason.OUT_OF_RANGE),
        ("1E-9000000", ErrorReason.OUT_OF_RANGE),
        ("-1E+9000000", ErrorReason.NEGATIVE),
        ("9.99E+999999999999999999", ErrorReason.OUT_OF_RANGE),
    ],
)
def test_a_decimal_with_a_huge_exponent_is_refused_before_any_arithmetic(
    written: str, reason: ErrorReason
) -> None:
    # Issue 19: Decimal("1E+9000000") took seconds (a Fraction of millions of digits).
    with pytest.raises(DoseAmountError) as caught:
        classify_dose(_NoArithmeticDecimal(written), "mg")
    assert caught.value.reason is reason
    with pytest.raises(DoseAmountError) as plain:
        classify_dose(Decimal(written), "mg")
    assert plain.value.reason is reason


def test_a_huge_exponent_in_text_is_refused() -> None:
    with pytest.raises(DoseAmountError) as caught:
        classify_dose("1e9000000 mg")
    assert caught.value.reason is ErrorReason.OUT_OF_RANGE


@pytest.mark.parametrize("mark", ["\u200b", "\u00ad", "\u2060", "\ufeff"])
@pytest.mark.parametrize("where", ["after", "before", "inside a word"])
def test_a_run_of_format_characters_is_read_in_linear_steps(
    monkeypatch: pytest.MonkeyPatch, mark: str, where: str
) -> None:
    # Issue 19: each invisible character looked for its visible neighbours along the whole
    # run (about 100 ms for a thousand). Counted in steps, not timed: the character
    # categories asked for stay a small multiple of the text's length.
    text = {
        "after": "4.5 mg" + mark * 990,
        "before": mark * 990 + "4.5 mg",
        "inside a word": "LD" + mark * 988 + "N 4.5 mg",
    }[where]
    asked = 0
    real = unicodedata.category

    def counting(char: str) -> str:
        nonlocal asked
        asked += 1
        return real(char)

    monkeypatch.setattr(text_module.unicodedata, "category", counting)
    with contextlib.suppress(DoseError):  # a refusal is fine: the steps are what is counted
        classify_dose(text)
    assert asked < 10 * len(text)


# -- structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 10, 400])
def test_nested_parentheses_and_brackets(depth: int) -> None:
    assert classify_dose("(" * depth + "4.5 mg" + ")" * depth).band is Band.LOW
    assert classify_dose("[" * depth + "4.5 mg" + "]" * depth).band is Band.LOW
    assert classify_dose("(" * depth + "4.5 mg").band is Band.LOW


def test_unbalanced_brackets_are_harmless() -> None:
    assert classify_dose("4.5 mg)))]]").band is Band.LOW
    assert classify_dose("50 mg (").band is Band.STANDARD


# -- Unicode --------------------------------------------------------------------------------------

SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
DIGIT_FOURS = [chr(c) for c in range(0x110000) if unicodedata.decimal(chr(c), None) == 4]
MINUSES = [
    "-",
    "\u2212",
    "\u2012",
    "\u2013",
    "\u2014",
    "\u2010",
    "\u2011",
    "\ufe63",
    "\uff0d",
    "\ufe58",
]
MICROS = ["\u00b5", "\u03bc", "\u039c"]


@pytest.mark.parametrize("space", SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_every_unicode_space(space: str) -> None:
    assert classify_dose(f"{space}4.5{space}mg{space}").mg_per_day == Fraction(9, 2)


def test_every_unicode_digit_four() -> None:
    assert len(DIGIT_FOURS) > 50
    for four in DIGIT_FOURS:
        assert classify_dose(f"{four} mg").mg_per_day == 4, f"U+{ord(four):04X}"


@pytest.mark.parametrize("minus", MINUSES, ids=lambda c: f"U+{ord(c):04X}")
def test_every_minus_sign_makes_a_negative_dose(minus: str) -> None:
    with pytest.raises(DoseAmountError) as caught:
        classify_dose(f"{minus}5 mg")
    assert caught.value.reason is ErrorReason.NEGATIVE


@pytest.mark.parametrize("micro", MICROS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_micro_sign(micro: str) -> None:
    assert classify_dose(f"500 {micro}g").mg_per_day == Fraction(1, 2)


@pytest.mark.parametrize(
    "code", [*range(0x09), 0x0E, 0x1B, 0x7F, 0x80, 0x9F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF]
)
def test_nul_control_characters_and_lone_surrogates(code: int) -> None:
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose(f"4.5{chr(code)} mg")
    assert caught.value.reason is ErrorReason.CONTROL_CHARACTER


@pytest.mark.parametrize(
    "mark",
    ["\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2067", "\u2069", "\u061c"],
)
def test_bidirectional_controls_are_refused_anywhere(mark: str) -> None:
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose(f"4.5 mg{mark}")
    assert caught.value.reason is ErrorReason.BIDI_CONTROL


@pytest.mark.parametrize("mark", ["\ufeff", "\u200b", "\u2060", "\u00ad"])
def test_other_format_marks_outside_a_number_are_dropped(mark: str) -> None:
    assert classify_dose(f"{mark}4.5{mark} mg{mark}").mg_per_day == Fraction(9, 2)


# -- almost a dose ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error", "reason"),
    [
        ("4.5 mgx", DoseSyntaxError, ErrorReason.UNKNOWN_UNIT),
        ("4..5 mg", DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
        ("4.5.6 mg", DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
        ("4.5 m g", DoseUnitError, ErrorReason.NOT_A_MASS),
        ("4.5 mmg", DoseSyntaxError, ErrorReason.UNKNOWN_UNIT),
        ("4.5e mg", DoseSyntaxError, ErrorReason.UNKNOWN_UNIT),
        ("e5 mg", DoseSyntaxError, ErrorReason.NO_AMOUNT),
        ("4.5 mg/", DoseUnitError, ErrorReason.NOT_A_MASS),
        ("..5 mg", DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
        ("4.5 mg mg mg", DoseSyntaxError, ErrorReason.DOUBLED_UNIT),
        ("mg 4.5", DoseSyntaxError, ErrorReason.NO_UNIT),
        ("0x4.5 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
        ("0b101 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
        ("4.5 mg/d/d", DoseUnitError, ErrorReason.NOT_A_MASS),
    ],
)
def test_almost_a_dose(text: str, error: type[DoseError], reason: ErrorReason) -> None:
    assert_refused(text, error, reason)


# -- the worst inputs the fuzzer found ---------------------------------------------------------------

FUZZER_FINDINGS = [
    # Hundreds of "Nx" counts, each of which once tried every frequency tail in turn.
    'g -mg-\x1e07x .2 \x1emg"-mg-\x1e25x mu.2 \x1e-5x 2255x .35x 5x .T25x .325x .25x 5x .25x,.325x .25x .3mu.2 \x1e-\x1e2x .2\x1eg -mg-\x1e\r5x .2mg -mg-\x1e\r0x .2 \x1emg\x1e-mg-25x .25x  \x1emg\x1e-mg-25x .25x .3\x1eC 2s\x1eg-\x1e.3\x1eC \x1e2x .2\x1eg -mg-\x1e\r5x .2mg -mg-\x1e\r5x \r0x .2 \x1emg\x1e-mg-25x .65x  \x1emg\x1e-mg-25x .25x .3\x1eC 2s\x1eg-\x1e.3\x1eC \x1e2x .2\x1eg -mg-\x1e\r5x .2mg -mg-\x1e\r5x .2 \x1emg\x1e-mg-25x  .25x 5x .25x,.325x .25x .3mu.2 \x1e-\x1e2x .2\x1eg -\x1e25x .35x 2255x .35x 5x .T25x .325x .25x 5x .25x,.325x .25x .3mu.2 \x1e-\x1e2x .2\x1eg -mg-\x1e\r5x .2mg -mg-\x1e\r0x .2 \x1emg\x1e-mg-25x .25x  \x1emg\x1e-mg-2Po5x .25x .3\x1eC 2s\x1eg-\x1e.3\x1eC 2s\x1eg-\x1e25x .35x 2255x .35x 5x .T25x .325x .2 \x1emg\x1e-mg-25x  .25x 5x .25x,.325x .25x .3mu.2 \x1e-\x1e2x .2\x1eg -\x1e25x .35x 2255x .35x 5x .T25x .325x .25x 5x .25x,.325x .25x .3mu.2 \x1e-\x1e2x .2\x1eg -mg-\x1e\r5x .2mg -mg-\x1e\r0x .2 \x1emg\x1e-mg-25x .25x  \x1emg\x1e-mg-2Po5x .25x .3\x1eC 2s\x1eg-\x1e.3\x1eC 2s\x1eg-\x1e25x .35x 2255x .35x 5x .T25x .325x .25x 5x .25x .325x .25x .1\x1e.3\x1e.3\x1e24T24',
    # A count far past a float's range, written into an error message.
    "t11.1e1111TAB\x1cmT",
    # A FHIR Dosage with a dose inside the range and a frequency that pushes it out.
    {
        "doseAndRate": [{"doseQuantity": {"value": 5.885972602890974e297, "code": "mg"}}],
        "timing": {"repeat": {"frequency": 3, "period": 20, "periodUnit": "min"}},
        "route": {"text": ""},
    },
]


@pytest.mark.parametrize("finding", FUZZER_FINDINGS)
def test_the_fuzzers_findings_stay_fixed(finding: object) -> None:
    with pytest.raises(DoseError):
        classify_dose(finding)


# -- arbitrary input ---------------------------------------------------------------------------------


@pytest.mark.property
@given(st.binary(max_size=200))
def test_bytes_decoded_with_surrogates_give_a_result_or_a_dose_error(data: bytes) -> None:
    text = data.decode("utf-8", "surrogateescape")
    assert_result_or_refusal(text)


@pytest.mark.property
@given(st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=8) | st.integers(),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["value", "unit", "code", "system", "comparator", "doseAndRate",
                                         "doseQuantity", "timing", "repeat", "frequency", "period",
                                         "periodUnit", "route", "text", "rateQuantity"]), inner, max_size=4),
                    max_leaves=12))  # fmt: skip
def test_arbitrary_json_shaped_input_gives_a_result_or_a_dose_error(value: object) -> None:
    try:
        classify_dose(value)
    except DoseError:
        return


# -- concurrency and state -------------------------------------------------------------------------

_THREADS_SCRIPT = """
import threading, json, sys
from naltrexone_dose import classify_dose, DoseError
texts = json.loads(sys.argv[1])
barrier = threading.Barrier(16)
answers = {}
def work(k):
    barrier.wait()  # all threads make their first call together, while lazy state is built
    out = []
    for text in texts:
        try:
            out.append(classify_dose(text).model_dump_json())
        except DoseError as error:
            out.append(error.reason.value)
    answers[k] = out
threads = [threading.Thread(target=work, args=(k,)) for k in range(16)]
[t.start() for t in threads]; [t.join() for t in threads]
print(json.dumps(answers[0]) if all(a == answers[0] for a in answers.values()) else "DIFFERENT")
"""
TEXTS = [
    "4.5 mg",
    "350 mg/week",
    "4,5 mg",
    "Vivitrol 380 mg IM q4wk",
    "LDN 1.5mg nocte",
    "1.5-4.5 mg",
    "0.5 mg BID",
]


def test_threads_from_the_very_first_call_give_the_single_thread_answers() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _THREADS_SCRIPT, json.dumps(TEXTS)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.strip() != "DIFFERENT"
    threaded = json.loads(done.stdout)
    single = []
    for text in TEXTS:
        try:
            single.append(classify_dose(text).model_dump_json())
        except DoseError as error:
            single.append(error.reason.value)
    assert threaded == single


def test_use_changes_nothing_global() -> None:
    table = default_band_table()
    before = pickle.dumps(table)
    for text in [*TEXTS, "4.5 mg/furlong", "1e400 mg", "4.5 mL of 1 mg/mL"]:
        try:
            classify_dose(text)
            parse_dose(text)
        except DoseError:
            pass
    assert pickle.dumps(default_band_table()) == before
    assert default_band_table() is table


def test_results_and_errors_are_immutable_and_picklable() -> None:
    result = classify_dose("LDN 4.5 mg at bedtime then 3 mg")
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(Exception, match="frozen"):
        result.dose.steps[0].amount = Fraction(1)  # type: ignore[misc]
    with pytest.raises(DoseError) as caught:
        classify_dose("5 mg/kg")
    assert pickle.loads(pickle.dumps(caught.value)).reason is ErrorReason.PER_BODY_SIZE


# -- every batch entry point on the same hostile inputs --------------------------------------------

FUZZ_CORPUS = Path(__file__).parent.parent / "fuzz" / "corpus"
HOSTILE_TEXTS: list[str] = [
    *(finding for finding in FUZZER_FINDINGS if isinstance(finding, str)),
    *(
        path.read_bytes().decode("utf-8", "surrogateescape")
        for path in sorted(FUZZ_CORPUS.iterdir())
    ),
    "4.5 mg" + " " * 995,
    "9" * 997 + "mg",
    "1e9000000 mg",
    "4\u200b.5 mg",
    "\u00ad" * 994 + "4.5 mg",
    "4.5 mg\u202e",
    "4.5\x00 mg",
    "\ud800 mg",
    "(" * 400 + "4.5 mg",
    "2**2**2 mg",
    "6^8000000 mg",
]
HOSTILE_NUMBERS: list[object] = [
    10**400, -(10**400), 10**100_000, Decimal("1E+9000000"), Decimal("-1E+9000000"),
    Decimal("NaN"), Decimal("Infinity"), Fraction(1, 10**400), float("inf"), -0.0, 1e-320,
    np.float16(65504), np.longdouble("1e4000"), True,
]  # fmt: skip


def test_the_batch_entry_points_answer_every_hostile_text_with_no_foreign_exception() -> None:
    rows = classify_many([*HOSTILE_TEXTS, *FUZZER_FINDINGS], errors="collect")
    assert len(rows) == len(HOSTILE_TEXTS) + len(FUZZER_FINDINGS)
    assert all(isinstance(row, DoseClassification | DoseFailure) for row in rows)
    frame = classify_series(pd.Series(HOSTILE_TEXTS, dtype=object))
    assert frame["reason"].notna().sum() == sum(
        isinstance(r, DoseFailure) for r in rows[: len(HOSTILE_TEXTS)]
    )
    printable = [text.encode("utf-8", "replace").decode("utf-8") for text in HOSTILE_TEXTS]
    assert len(classify_series(pl.Series(printable, dtype=pl.String))) == len(printable)
    assert len(classify_series(pd.Series(FUZZER_FINDINGS, dtype=object))) == len(FUZZER_FINDINGS)


def test_the_number_entry_points_answer_every_hostile_number_with_no_foreign_exception() -> None:
    numbers = [number for number in HOSTILE_NUMBERS if not isinstance(number, bool)]
    rows = classify_many(HOSTILE_NUMBERS, unit="mg", errors="collect")
    assert [isinstance(row, DoseFailure) for row in rows] == [
        True, True, True, True, True, True, True, True, True, True, True, False, True, True
    ]  # fmt: skip
    assert classify_amounts(numbers, "mg").tolist() == [
        INVALID_CODE if isinstance(row, DoseFailure) else row.band.rank
        for row in rows[: len(numbers)]
    ]
    frame = classify_amount_series(pd.Series(HOSTILE_NUMBERS, dtype=object), "mg")
    assert frame["reason"].fillna("").tolist() == [
        row.reason.value if isinstance(row, DoseFailure) else "" for row in rows
    ]
