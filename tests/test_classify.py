"""classify_dose and parse_dose: every accepted form, every rejected form, exactness."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from checks import assert_refused, assert_result_or_refusal
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    BOUNDARIES,
    DECIMAL_UNITS,
    RATE_SPELLINGS,
    TEXT_MASS_LIMIT_MG,
    decimal_text,
    dose_texts,
    is_text_dose,
    positive_amounts,
    unit_spellings,
)

from naltrexone_dose import (
    Band,
    DailyDoseBasis,
    DailyDoseUnknownError,
    DoseAmountError,
    DoseClassification,
    DoseError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
    classify_dose,
    default_band_table,
    parse_dose,
)

# -- accepted forms ---------------------------------------------------------------------------

ACCEPTED: list[tuple[str, Fraction, Band]] = [
    ("4.5 mg", Fraction("4.5"), Band.LOW),
    ("4500 mcg", Fraction("4.5"), Band.LOW),
    ("50 mg/day", Fraction(50), Band.STANDARD),
    ("350 mg/week", Fraction(50), Band.STANDARD),
    ("4.5 mg daily", Fraction("4.5"), Band.LOW),
    (".5 mg", Fraction("0.5"), Band.VERY_LOW),
    ("+4.5 mg", Fraction("4.5"), Band.LOW),
    ("004.5 mg", Fraction("4.5"), Band.LOW),
    ("5e-4 mg", Fraction("0.0005"), Band.ULTRA_LOW),
    ("1e+2 mg", Fraction(100), Band.STANDARD),
    ("1E2 MG", Fraction(100), Band.STANDARD),
    ("\t 4.5 \u00a0mg\u2009 ", Fraction("4.5"), Band.LOW),
    ("4.5\u200b mg", Fraction("4.5"), Band.LOW),
    ("4.5\u202fmg", Fraction("4.5"), Band.LOW),
    ("4.5MG", Fraction("4.5"), Band.LOW),
    ("4.5 Mg", Fraction("4.5"), Band.LOW),
    ("1 NG", Fraction(1, 10**6), Band.ULTRA_LOW),
    ("4.5 milligrams", Fraction("4.5"), Band.LOW),
    ("4.5 Milligrammes", Fraction("4.5"), Band.LOW),
    ("0.0045 gram", Fraction("4.5"), Band.LOW),
    ("0.0045 grammes", Fraction("4.5"), Band.LOW),
    ("4500 micrograms", Fraction("4.5"), Band.LOW),
    ("4500 microgramme", Fraction("4.5"), Band.LOW),
    ("4500 \u00b5g", Fraction("4.5"), Band.LOW),
    ("4500 \u03bcg", Fraction("4.5"), Band.LOW),
    ("4500 UG", Fraction("4.5"), Band.LOW),
    ("500 nanograms", Fraction("0.0005"), Band.ULTRA_LOW),
    ("500 pg", Fraction("0.0000005"), Band.ULTRA_LOW),
    ("500 picograms", Fraction("0.0000005"), Band.ULTRA_LOW),
    ("0.00005 kg", Fraction(50), Band.STANDARD),
    ("0.00005 kilograms", Fraction(50), Band.STANDARD),
    ("1 lb", Fraction("453592.37"), Band.ABOVE_STANDARD),
    ("1 lbs", Fraction("453592.37"), Band.ABOVE_STANDARD),
    ("0.0001 pounds", Fraction("45.359237"), Band.BETWEEN_LOW_AND_STANDARD),
    ("1 pound", Fraction("453592.37"), Band.ABOVE_STANDARD),
    ("0.25 mg/h", Fraction(6), Band.BETWEEN_LOW_AND_STANDARD),
    ("2.25 mg/12h", Fraction("4.5"), Band.LOW),
    ("4.5 mg/24 h", Fraction("4.5"), Band.LOW),
    ("4.5 mg/d", Fraction("4.5"), Band.LOW),
    ("4.5 mg per day", Fraction("4.5"), Band.LOW),
    ("4.5 MG PER DAY", Fraction("4.5"), Band.LOW),
    ("9 mg/2d", Fraction("4.5"), Band.LOW),
    ("31.5 mg/week", Fraction("4.5"), Band.LOW),
    ("31.5 mg/wk", Fraction("4.5"), Band.LOW),
    ("31.5 mg per week", Fraction("4.5"), Band.LOW),
    ("31.5 mg weekly", Fraction("4.5"), Band.LOW),
    ("1e5 mg", Fraction(10**5), Band.ABOVE_STANDARD),
    ("1e-30 mg", Fraction(1, 10**30), Band.ULTRA_LOW),
    ("\uff14\uff0e\uff15 \u338e", Fraction("4.5"), Band.LOW),
    ("\u0664.\u0665 mg", Fraction("4.5"), Band.LOW),
]


@pytest.mark.parametrize(("text", "mg_per_day", "band"), ACCEPTED)
def test_accepted_forms_read_exactly(text: str, mg_per_day: Fraction, band: Band) -> None:
    result = classify_dose(text)
    assert result.mg_per_day == mg_per_day
    assert result.band is band
    assert result.dose.source == text


@pytest.mark.parametrize(
    "text",
    ["1000 ng", "1 ug", "1 mcg", "0.000001 g", "1 \u00b5g", "1000000 pg", "0.001 mg"],
)
def test_every_spelling_of_0_001_mg_is_very_low(text: str) -> None:
    result = classify_dose(text)
    assert result.mg_per_day == Fraction(1, 1000)
    assert result.band is Band.VERY_LOW


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("5000 mcg", Band.LOW),
        ("0.05 g", Band.STANDARD),
        ("1000000 ng", Band.LOW),
        ("35 mg/week", Band.LOW),
        ("350 mg/week", Band.STANDARD),
        ("700 mg/week", Band.STANDARD),
        ("0.007 mg/week", Band.VERY_LOW),
        ("7 mg/week", Band.LOW),
        ("100000 mcg", Band.STANDARD),
        ("0.1 g", Band.STANDARD),
    ],
)
def test_boundary_spellings_land_on_the_inclusive_side(text: str, band: Band) -> None:
    assert classify_dose(text).band is band


def test_a_bare_mass_is_taken_as_the_daily_dose_and_the_result_says_so() -> None:
    dose = parse_dose("4.5 mg")
    assert dose.basis is DailyDoseBasis.ASSUMED_DAILY
    assert any("bare mass" in assumption for assumption in dose.assumptions)
    assert parse_dose("4.5 mg/day").assumptions == ()


def test_thirty_five_mg_a_week_is_exactly_five_mg_a_day() -> None:
    dose = parse_dose("35 mg/week")
    assert dose.mg_per_day == 5
    assert dose.basis is DailyDoseBasis.STATED_RATE
    assert classify_dose("35.000001 mg/week").band is Band.BETWEEN_LOW_AND_STANDARD


# -- numbers with a unit, and pint quantities -------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "mg_per_day"),
    [
        (4.5, "mg", Fraction("4.5")),
        (0.001, "mg", Fraction(1, 1000)),
        (1000, "ng", Fraction(1, 1000)),
        (Decimal("4.5"), "mg", Fraction("4.5")),
        (Fraction(9, 2), "mg", Fraction("4.5")),
        (35, "mg/week", Fraction(5)),
        (4500, "mcg/day", Fraction("4.5")),
        (0.1, "g", Fraction(100)),
    ],
)
def test_numbers_with_a_unit(amount: object, unit: str, mg_per_day: Fraction) -> None:
    assert classify_dose(amount, unit).mg_per_day == mg_per_day


def test_a_float_is_the_decimal_its_repr_shows() -> None:
    assert parse_dose(0.001, "mg").mg_per_day == Fraction(1, 1000)
    assert classify_dose(0.001, "mg").band is Band.VERY_LOW
    assert classify_dose(5.000000000000001, "mg").band is Band.BETWEEN_LOW_AND_STANDARD


@pytest.mark.parametrize(
    ("amount", "unit", "error", "reason"),
    [
        (float("nan"), "mg", DoseAmountError, ErrorReason.NOT_FINITE),
        (float("inf"), "mg", DoseAmountError, ErrorReason.NOT_FINITE),
        (Decimal("NaN"), "mg", DoseAmountError, ErrorReason.NOT_FINITE),
        (Decimal("-Infinity"), "mg", DoseAmountError, ErrorReason.NOT_FINITE),
        (0, "mg", DoseAmountError, ErrorReason.ZERO),
        (-5, "mg", DoseAmountError, ErrorReason.NEGATIVE),
        (4.5, None, DoseSyntaxError, ErrorReason.NO_UNIT),
        (4.5, "mL", DoseUnitError, ErrorReason.NOT_A_MASS),
        (4.5, "mg/kg", DoseUnitError, ErrorReason.PER_BODY_SIZE),
        (4.5, 5, DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
        (True, "mg", DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
        pytest.param(10**5000, "mg", DoseAmountError, ErrorReason.OUT_OF_RANGE, id="10**5000"),
        pytest.param(
            Fraction(1, 10**400), "mg", DoseAmountError, ErrorReason.OUT_OF_RANGE, id="1e-400"
        ),
        (1e300, "kg", DoseAmountError, ErrorReason.OUT_OF_RANGE),
    ],
)
def test_bad_numbers_are_dose_errors(
    amount: object, unit: object, error: type[DoseError], reason: ErrorReason
) -> None:
    with pytest.raises(error) as caught:
        classify_dose(amount, unit)  # type: ignore[arg-type]
    assert caught.value.reason is reason


@pytest.mark.parametrize("value", [None, [4.5], {4.5}, b"4.5 mg", object(), 1 + 2j])
def test_inputs_of_other_types_are_dose_type_errors(value: object) -> None:
    with pytest.raises(DoseTypeError) as caught:
        classify_dose(value)
    assert caught.value.reason is ErrorReason.UNSUPPORTED_INPUT
    assert isinstance(caught.value, TypeError)


# -- rejected text ---------------------------------------------------------------------------

REJECTED: list[tuple[str, type[DoseError], ErrorReason]] = [
    ("", DoseSyntaxError, ErrorReason.EMPTY),
    ("   \t ", DoseSyntaxError, ErrorReason.EMPTY),
    ("mg", DoseSyntaxError, ErrorReason.NO_AMOUNT),
    ("4.5", DoseSyntaxError, ErrorReason.NO_UNIT),
    ("0 mg", DoseAmountError, ErrorReason.ZERO),
    ("0.000 mg", DoseAmountError, ErrorReason.ZERO),
    ("-5 mg", DoseAmountError, ErrorReason.NEGATIVE),
    ("\u22125 mg", DoseAmountError, ErrorReason.NEGATIVE),
    ("- 5 mg", DoseAmountError, ErrorReason.NEGATIVE),
    ("nan mg", DoseAmountError, ErrorReason.NOT_FINITE),
    ("inf mg", DoseAmountError, ErrorReason.NOT_FINITE),
    ("Infinity MG", DoseAmountError, ErrorReason.NOT_FINITE),
    ("1e400 mg", DoseAmountError, ErrorReason.OUT_OF_RANGE),
    ("1e309 mg", DoseAmountError, ErrorReason.OUT_OF_RANGE),
    ("1e-400 mg", DoseAmountError, ErrorReason.OUT_OF_RANGE),
    ("1e999999999 mg", DoseAmountError, ErrorReason.OUT_OF_RANGE),
    ("1e-999999999 mg", DoseAmountError, ErrorReason.OUT_OF_RANGE),
    ("4,5 mg", DoseSyntaxError, ErrorReason.DECIMAL_COMMA),
    ("1,000 mg", DoseSyntaxError, ErrorReason.DIGIT_GROUPING),
    ("1 000 mg", DoseSyntaxError, ErrorReason.DIGIT_GROUPING),
    ("1_000 mcg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("2*2.25 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("10**10**10 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("2**2**2 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("6^8000000 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("2+2 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("1/2 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("1/0 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("0x10 mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("__import__('os') mg", DoseSyntaxError, ErrorReason.EXPRESSION),
    ("five mg", DoseSyntaxError, ErrorReason.NO_AMOUNT),
    ("five milligrams", DoseSyntaxError, ErrorReason.NO_AMOUNT),
    ("5 mg mg", DoseSyntaxError, ErrorReason.DOUBLED_UNIT),
    ("5 mg 5 mg", DoseSyntaxError, ErrorReason.MULTIPLE_AMOUNTS),
    ("5 gr", DoseUnitError, ErrorReason.AMBIGUOUS_UNIT),
    ("5 grain", DoseUnitError, ErrorReason.AMBIGUOUS_UNIT),
    ("5 oz", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("5 t", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("5 mL", DoseUnitError, ErrorReason.VOLUME_WITHOUT_CONCENTRATION),
    ("4.5 cc", DoseUnitError, ErrorReason.VOLUME_WITHOUT_CONCENTRATION),
    ("4.5 mg/mL", DoseUnitError, ErrorReason.CONCENTRATION),
    ("5 mg/kg", DoseUnitError, ErrorReason.PER_BODY_SIZE),
    ("4.5 mg/m2", DoseUnitError, ErrorReason.PER_BODY_SIZE),
    ("4.5 mg/m\u00b2", DoseUnitError, ErrorReason.PER_BODY_SIZE),
    ("5 m", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("5 mmol", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("5 IU", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("5 U", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("5 %", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("4.5 mg/month", DoseUnitError, ErrorReason.PER_MONTH),
    ("4.5 mg per month", DoseUnitError, ErrorReason.PER_MONTH),
    ("4.5 mg/mo", DoseUnitError, ErrorReason.PER_MONTH),
    ("4.5 mgx", DoseSyntaxError, ErrorReason.UNKNOWN_UNIT),
    ("4.5 milli grams", DoseSyntaxError, ErrorReason.UNKNOWN_UNIT),
    ("4.5 mgm", DoseSyntaxError, ErrorReason.UNKNOWN_UNIT),
    ("4..5 mg", DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
    ("4.5.6 mg", DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
    ("4.5 m g", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("< 5 mg", DoseSyntaxError, ErrorReason.COMPARATOR),
    (">100 mg", DoseSyntaxError, ErrorReason.COMPARATOR),
    ("4.5 mg/furlong", DoseUnitError, ErrorReason.NOT_A_MASS),
    ("4.5 mg/0 d", DoseAmountError, ErrorReason.ZERO),
    ("x" * 1001, DoseSyntaxError, ErrorReason.TOO_LONG),
    ("4.5 mg\x00", DoseSyntaxError, ErrorReason.CONTROL_CHARACTER),
    ("4.5 mg\ud800", DoseSyntaxError, ErrorReason.CONTROL_CHARACTER),
]


@pytest.mark.parametrize(("text", "error", "reason"), REJECTED)
def test_rejected_text_gets_its_own_error(
    text: str, error: type[DoseError], reason: ErrorReason
) -> None:
    assert str(assert_refused(text, error, reason))  # a message a person can read


def test_messages_say_what_was_wrong_and_what_is_expected() -> None:
    with pytest.raises(DoseSyntaxError, match=r"'4,5' has a decimal comma.*'4\.5'"):
        classify_dose("4,5 mg")
    with pytest.raises(DoseSyntaxError, match=r"unit that is not read.*mcg"):
        classify_dose("4.5 mgx")
    with pytest.raises(DoseSyntaxError, match=r"write '1000' with no space"):
        classify_dose("1 000 mg")


def test_the_length_limit_counts_characters_as_given() -> None:
    padded = "4.5 mg".ljust(1000)
    assert classify_dose(padded).band is Band.LOW
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose(padded + " ")
    assert caught.value.reason is ErrorReason.TOO_LONG
    # Zero-width spaces are removed by normalisation, but count against the limit first.
    with pytest.raises(DoseSyntaxError):
        classify_dose("4.5 mg" + "\u200b" * 995)


def test_as_needed_has_no_daily_dose() -> None:
    with pytest.raises(DailyDoseUnknownError) as caught:
        classify_dose("4.5 mg prn")
    assert caught.value.reason is ErrorReason.FREQUENCY_UNKNOWN


# -- properties ------------------------------------------------------------------------------


@pytest.mark.property
@given(dose_texts())
def test_text_reads_to_the_exact_daily_dose_of_its_parts(drawn: tuple[str, Fraction]) -> None:
    """The band of dose text is the band of the exact mg/day its parts give."""
    text, mg_per_day = drawn
    result = classify_dose(text)
    assert result.mg_per_day == mg_per_day
    assert result.band is default_band_table().place(mg_per_day).band


@pytest.mark.property
@given(positive_amounts(), unit_spellings(decimal_only=True), unit_spellings(decimal_only=True))
def test_the_band_does_not_change_with_the_unit(
    mg: Fraction, first: tuple[str, Fraction], second: tuple[str, Fraction]
) -> None:
    """SPEC: results do not change with the unit."""
    results = []
    for unit, factor in (first, second):
        amount = mg / factor
        if (amount * 10**60).denominator != 1 or not is_text_dose(amount, unit, factor):
            continue  # not a terminating decimal in this unit, or no dose text: nothing to write
        results.append(classify_dose(f"{decimal_text(amount)} {unit}"))
    assert len({(r.band, r.mg_per_day) for r in results}) <= 1
    for result in results:
        assert result.mg_per_day == mg


@pytest.mark.property
@given(positive_amounts().filter(lambda f: (f * 10**60).denominator == 1))
def test_a_weekly_rate_lands_where_its_daily_average_does(mg_per_day: Fraction) -> None:
    """SPEC: "350 mg/week" averages to 50 mg/day; the band is that of the average."""
    assume(mg_per_day * 7 < TEXT_MASS_LIMIT_MG)
    weekly = decimal_text(mg_per_day * 7)
    assert (
        classify_dose(f"{weekly} mg/week").band
        is classify_dose(f"{decimal_text(mg_per_day)} mg").band
    )


@pytest.mark.property
@given(
    st.sampled_from(sorted(BOUNDARIES.items())),
    st.sampled_from(sorted(DECIMAL_UNITS.items())),
    st.sampled_from(sorted(RATE_SPELLINGS.items())),
)
def test_boundaries_are_inclusive_or_exclusive_in_every_unit_and_rate(
    boundary: tuple[Fraction, Band], unit: tuple[str, Fraction], rate: tuple[str, Fraction]
) -> None:
    """SPEC: each boundary is inclusive or exclusive as the rule says, in every spelling."""
    mg_per_day, band = boundary
    (spelling, factor), (rate_text, days) = unit, rate
    amount = mg_per_day * days / factor
    if (amount * 10**60).denominator != 1:
        return  # 5 mg/day per hour is not a terminating decimal; the rule is untested there
    result = classify_dose(f"{decimal_text(amount)} {spelling}{rate_text}")
    assert result.mg_per_day == mg_per_day
    assert result.band is band


@pytest.mark.property
@given(st.text(max_size=60))
def test_any_text_gives_a_result_or_a_dose_error(text: str) -> None:
    """No input raises anything but DoseError."""
    assert_result_or_refusal(text)


@pytest.mark.property
@given(
    st.lists(
        st.sampled_from(
            ["4.5", "mg", "MG", "mcg", "/", "day", " ", ",", ".", "-", "1e3", "per", "week", "(",
             ")", "x", "daily", "bid", "0", "ml", "tab", "then", "to", "\u00a0", "e", "+"]
        ),
        max_size=12,
    ).map("".join)
)  # fmt: skip
def test_grammar_shaped_near_misses_give_a_result_or_a_dose_error(text: str) -> None:
    try:
        result = classify_dose(text)
    except DoseError:
        return
    assert result.mg_per_day is None or result.mg_per_day > 0


@pytest.mark.property
@given(dose_texts())
def test_results_round_trip_through_json_unchanged(drawn: tuple[str, Fraction]) -> None:
    result = classify_dose(drawn[0])
    again = DoseClassification.model_validate_json(result.model_dump_json())
    assert again == result
    assert json.loads(result.model_dump_json())["band"] == result.band.value


def test_results_are_frozen_and_picklable() -> None:
    result = classify_dose("4.5 mg")
    with pytest.raises(Exception, match="frozen"):
        result.band = Band.STANDARD  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(result)) == result


def test_errors_are_picklable_with_their_reason() -> None:
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose("4,5 mg")
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.reason is ErrorReason.DECIMAL_COMMA
    assert str(again) == str(caught.value)


@pytest.mark.parametrize("flag", ["False", "True", 0, 1, None, "", [False]])
def test_decimal_comma_must_be_a_bool_not_a_truthy_value(flag: object) -> None:
    # Issue 19: decimal_comma="False" (a non-empty string, so true) read "4.500 mg" as 4,500 mg.
    for call in (classify_dose, parse_dose):
        with pytest.raises(DoseTypeError, match="decimal_comma must be True or False") as caught:
            call("4.500 mg", decimal_comma=flag)  # type: ignore[operator]
        assert caught.value.reason is ErrorReason.UNSUPPORTED_INPUT
