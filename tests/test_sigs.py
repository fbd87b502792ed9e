"""Sigs, labels, frequencies, ranges, schedules, liquids, the depot, warnings."""

from __future__ import annotations

from fractions import Fraction

import pytest
from checks import assert_refused
from hypothesis import given
from strategies import sigs

from naltrexone_dose import (
    Band,
    DailyDoseBasis,
    DailyDoseUnknownError,
    DoseError,
    DoseSyntaxError,
    DoseUnitError,
    ErrorReason,
    classify_dose,
    default_band_table,
    parse_dose,
)

SIGS: list[tuple[str, Fraction | None, Band]] = [
    ("Take 1 capsule (4.5 mg) by mouth at bedtime", Fraction("4.5"), Band.LOW),
    ("NALTREXONE HCL 50 MG TABLET", Fraction(50), Band.STANDARD),
    ("naltrexone hydrochloride 50 MG Oral Tablet", Fraction(50), Band.STANDARD),
    ("Naltrexone 50 MG Oral Tablet [Revia]", Fraction(50), Band.STANDARD),
    ("LDN 1.5mg nocte", Fraction("1.5"), Band.LOW),
    ("LDN 4.5MG at bedtime", Fraction("4.5"), Band.LOW),
    ("1 tablet (50 mg total)", Fraction(50), Band.STANDARD),
    ("2 tablets (50 mg total) daily", Fraction(50), Band.STANDARD),
    ("2 tablets (25 mg each) daily", Fraction(50), Band.STANDARD),
    ("4.5 mg (4500 mcg)", Fraction("4.5"), Band.LOW),
    ("50 mg tablets: take 25 mg daily", Fraction(25), Band.BETWEEN_LOW_AND_STANDARD),
    ("Rx: naltrexone 50 mg tab, take 1 tab po qd #30", Fraction(50), Band.STANDARD),
    ("naltrexone 50 mg tab, take 1/2 tab po daily", Fraction(25), Band.BETWEEN_LOW_AND_STANDARD),
    ("naltrexone 50 mg tablet, take \u00bd tab daily", Fraction(25), Band.BETWEEN_LOW_AND_STANDARD),
    ("take 1/2 tab (25 mg) daily", Fraction(25), Band.BETWEEN_LOW_AND_STANDARD),
    ("12.5 mg (1/4 of a 50 mg tablet) daily", Fraction("12.5"), Band.BETWEEN_LOW_AND_STANDARD),
    ("Dose: 4.5 mg; Route: PO; Freq: QHS", Fraction("4.5"), Band.LOW),
    ("naltrexone (LDN) 4.5 mg oral capsule, 1 cap PO QHS", Fraction("4.5"), Band.LOW),
    (
        "naltrexone 4.5 mg cap, take 1 cap by mouth nightly, qty 30, refills 2",
        Fraction("4.5"),
        Band.LOW,
    ),
    ("Low dose naltrexone 4.5mg capsules, 1 capsule at night", Fraction("4.5"), Band.LOW),
    ("ReVia 50 mg PO QD", Fraction(50), Band.STANDARD),
    ("0.5 mg BID", Fraction(1), Band.LOW),
    ("0.5 mg morning, noon and night", Fraction(3, 2), Band.LOW),
    ("4.5 mg 5 days a week", Fraction(45, 14), Band.LOW),
    ("4.5 mg nightly 5 nights per week", Fraction(45, 14), Band.LOW),
    ("1 mg 12 hourly", Fraction(2), Band.LOW),
    ("3 mg BID", Fraction(6), Band.BETWEEN_LOW_AND_STANDARD),
    ("0.5 mg b.i.d.", Fraction(1), Band.LOW),
    ("1 mg three times a day", Fraction(3), Band.LOW),
    ("1 mg 3 times a day", Fraction(3), Band.LOW),
    ("1 mg 2x daily", Fraction(2), Band.LOW),
    ("1 mg q8h", Fraction(3), Band.LOW),
    ("1 mg every 8 hours", Fraction(3), Band.LOW),
    ("1 mg q 8 h", Fraction(3), Band.LOW),
    ("1 mg QID", Fraction(4), Band.LOW),
    ("100 mg every other day", Fraction(50), Band.STANDARD),
    ("150 mg every third day", Fraction(50), Band.STANDARD),
    ("150 mg every 3 days", Fraction(50), Band.STANDARD),
    ("100 mg qod", Fraction(50), Band.STANDARD),
    ("350 mg once a week", Fraction(50), Band.STANDARD),
    ("50 mg Mon/Wed/Fri", Fraction(150, 7), Band.BETWEEN_LOW_AND_STANDARD),
    ("50 mg on weekdays and 100 mg on Saturday", Fraction(50), Band.STANDARD),
    ("1.5mg in the morning and 3mg at night", Fraction("4.5"), Band.LOW),
    ("4.5 mg daily at bedtime", Fraction("4.5"), Band.LOW),
    ("4.5 mg once nightly", Fraction("4.5"), Band.LOW),
    ("4.5 mg every night at bedtime", Fraction("4.5"), Band.LOW),
    ("4.5 mg/24h", Fraction("4.5"), Band.LOW),
    ("4.5 mg per 24 hours", Fraction("4.5"), Band.LOW),
    ("4.5 mg.d-1", Fraction("4.5"), Band.LOW),
    ("4.5 mg/(24.h)", Fraction("4.5"), Band.LOW),
    ("4.5 mg{dose}", Fraction("4.5"), Band.LOW),
    ("4.5 mg{dose}/d", Fraction("4.5"), Band.LOW),
    ("LDN 1 mg/mL oral solution, take 4.5 mL at bedtime", Fraction("4.5"), Band.LOW),
    ("4.5 mL of 1 mg/mL", Fraction("4.5"), Band.LOW),
    ("take 4.5 mL of 5 mg/5 mL nightly", Fraction("4.5"), Band.LOW),
    ("Naltrexone 25 mg PO x1 then 50 mg PO daily", Fraction(50), Band.STANDARD),
    ("take one tablet (50 mg) by mouth daily", Fraction(50), Band.STANDARD),
    ("380 mg", Fraction(380), Band.ABOVE_STANDARD),
    ("naltrexone 50mg tablet - 1/2 tablet daily", Fraction(25), Band.BETWEEN_LOW_AND_STANDARD),
    ("\u00bd tablet of 50 mg daily", Fraction(25), Band.BETWEEN_LOW_AND_STANDARD),
    ("2 x 25 mg daily", Fraction(50), Band.STANDARD),
    ("Take two 25 mg tablets daily", Fraction(50), Band.STANDARD),
    ("take 2 tablets, 50 mg total, daily", Fraction(50), Band.STANDARD),
    ("Naltrexone 50 mg daily (Mon-Fri) and 100 mg Sat", Fraction(50), Band.STANDARD),
    ("naltrexone 100 mg Mon, Wed and 150 mg Fri", Fraction(50), Band.STANDARD),
    ("100 mg M/W/F", Fraction(300, 7), Band.BETWEEN_LOW_AND_STANDARD),
    ("4.5 mg; 30 caps", Fraction("4.5"), Band.LOW),
    ("4.5 mg #30", Fraction("4.5"), Band.LOW),
    ("qty: 30 x 4.5 mg", Fraction("4.5"), Band.LOW),
    ("Naltrexone 4.5 mg 1 cap po q day", Fraction("4.5"), Band.LOW),
    ("1 ML naltrexone 380 MG/ML Injection", None, Band.STANDARD),
    ("between 1.5 and 4.5 mg", Fraction("4.5"), Band.LOW),
    ("NALTREXONE TAB 50MG", Fraction(50), Band.STANDARD),
    ("one capsule nightly (4.5 mg)", Fraction("4.5"), Band.LOW),
    ("daily 4.5 mg", Fraction("4.5"), Band.LOW),
    ("LDN 4.5mg QPM", Fraction("4.5"), Band.LOW),
    ("LDN liquid 1mg/ml - take 3ml at night", Fraction(3), Band.LOW),
    ("4.5 ml (4.5 mg) at bedtime", Fraction("4.5"), Band.LOW),
    (
        (
            "take 1.5 mg by mouth at bedtime for 2 weeks, then 3 mg at bedtime for 2 weeks, "
            "then 4.5 mg at bedtime"
        ),
        Fraction("4.5"),
        Band.LOW,
    ),
]


@pytest.mark.parametrize(("text", "mg_per_day", "band"), SIGS)
def test_sigs_and_labels(text: str, mg_per_day: Fraction | None, band: Band) -> None:
    result = classify_dose(text)
    assert result.mg_per_day == mg_per_day
    assert result.band is band


def test_the_result_records_frequency_and_per_administration_amount() -> None:
    dose = parse_dose("0.5 mg BID")
    assert dose.amount == Fraction(1, 2)
    assert dose.amount_mg == Fraction(1, 2)
    assert dose.frequency is not None
    assert dose.frequency.text == "BID"
    assert dose.frequency.per_day == 2
    assert dose.mg_per_day == 1
    assert dose.basis is DailyDoseBasis.FREQUENCY


def test_a_strength_beside_a_dose_to_take_is_recorded() -> None:
    dose = parse_dose("50 mg tablets: take 25 mg daily")
    assert dose.mg_per_day == 25
    assert dose.strength_mg == 50


def test_a_strength_alone_is_one_unit_and_the_result_says_so() -> None:
    dose = parse_dose("NALTREXONE HCL 50 MG TABLET")
    assert dose.strength_mg == 50
    assert any("strength" in assumption for assumption in dose.assumptions)


@pytest.mark.parametrize(
    ("text", "error", "reason"),
    [
        ("Take 1 tablet daily", DoseSyntaxError, ErrorReason.COUNT_WITHOUT_MASS),
        ("1/2 tablet", DoseSyntaxError, ErrorReason.COUNT_WITHOUT_MASS),
        ("\u00bd tab", DoseSyntaxError, ErrorReason.COUNT_WITHOUT_MASS),
        ("2 tablets (25 mg)", DoseSyntaxError, ErrorReason.MULTIPLE_AMOUNTS),
        ("Take 2 capsules (3 mg) at bedtime", DoseSyntaxError, ErrorReason.MULTIPLE_AMOUNTS),
        ("50 mg and 25 mg", DoseSyntaxError, ErrorReason.MULTIPLE_AMOUNTS),
        ("4.5 mg prn", DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
        ("4.5 mg as needed", DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
        ("4.5 mg q4h prn", DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
        ("4.5 mg daily bid", DailyDoseUnknownError, ErrorReason.CONFLICTING_FREQUENCY),
        ("4.5 mg monthly", DoseUnitError, ErrorReason.PER_MONTH),
        ("4.5 mL", DoseUnitError, ErrorReason.VOLUME_WITHOUT_CONCENTRATION),
        ("1 tsp at bedtime", DoseUnitError, ErrorReason.VOLUME_WITHOUT_CONCENTRATION),
        ("5 drops nightly", DoseUnitError, ErrorReason.VOLUME_WITHOUT_CONCENTRATION),
        ("Vivitrol injection", DoseSyntaxError, ErrorReason.NO_AMOUNT),
        ("naltrexone 50 mg IM daily", DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
        ("Vivitrol 380 mg IM weekly", DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
        ("naltrexone 190 mg IM q4wk", DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
    ],
)
def test_sig_errors(text: str, error: type[DoseError], reason: ErrorReason) -> None:
    assert_refused(text, error, reason)


# -- ranges and schedules ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["1.5-4.5 mg", "1.5 to 4.5 mg", "1.5 mg - 4.5 mg", "1.5\u20134.5 mg"]
)
def test_a_range_inside_one_band(text: str) -> None:
    result = classify_dose(text)
    assert result.range is not None
    assert (result.range.low_mg_per_day, result.range.high_mg_per_day) == (
        Fraction(3, 2),
        Fraction(9, 2),
    )
    assert result.range.low_band is result.range.high_band is Band.LOW
    assert not result.range.crosses_boundary
    assert result.band is Band.LOW


def test_a_frequency_applies_to_both_ends_of_a_range() -> None:
    result = classify_dose("0.5-3 mg BID")
    assert result.range is not None
    assert result.range.low_mg_per_day == 1
    assert result.range.high_mg_per_day == 6


def test_a_crossing_range_takes_the_band_of_its_highest_dose_and_says_so() -> None:
    result = classify_dose("3-6 mg daily")
    assert result.range is not None
    assert result.range.crosses_boundary
    assert result.range.low_band is Band.LOW
    assert result.band is Band.BETWEEN_LOW_AND_STANDARD


@pytest.mark.parametrize(
    ("text", "steps", "band"),
    [
        ("1.5 mg nightly x 2 weeks then 3 mg nightly", [Fraction(3, 2), Fraction(3)], Band.LOW),
        ("25 mg daily for 3 days, then 50 mg daily", [Fraction(25), Fraction(50)], Band.STANDARD),
        (
            "Start 1.5 mg nightly, increase by 1.5 mg weekly to 4.5 mg nightly",
            [Fraction(3, 2), Fraction(9, 2)],
            Band.LOW,
        ),
        (
            "1.5 mg qhs, increase by 1.5 mg every week to 4.5 mg",
            [Fraction(3, 2), Fraction(9, 2)],
            Band.LOW,
        ),
        ("1.5 mg nightly then increase to 3 mg", [Fraction(3, 2), Fraction(3)], Band.LOW),
        (
            "Naltrexone 50 mg tablet 1/2 tab daily x 3 days then 1 tab daily",
            [Fraction(25), Fraction(50)],
            Band.STANDARD,
        ),
    ],
)
def test_a_schedule_is_read_as_steps_and_the_last_step_decides(
    text: str, steps: list[Fraction], band: Band
) -> None:
    result = classify_dose(text)
    assert [step.mg_per_day for step in result.steps] == steps
    assert result.band is band
    assert result.mg_per_day == steps[-1]
    assert any("last" in assumption for assumption in result.dose.assumptions)


# -- the depot injection -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vivitrol 380 mg IM q4wk",
        "naltrexone ER 380 mg IM every 4 weeks",
        "naltrexone 380 mg intramuscular q28d",
        "Vivitrol 380 mg monthly",
        "naltrexone extended-release injectable suspension 380 mg every 4 weeks",
        "380 mg injection q4w",
        "VIVITROL 380 MG",
    ],
)
def test_the_depot_is_standard_and_never_averaged(text: str) -> None:
    result = classify_dose(text)
    assert result.band is Band.STANDARD
    assert result.mg_per_day is None
    assert result.dose.basis is DailyDoseBasis.DEPOT
    assert result.dose.route == "intramuscular"
    regimen = default_band_table().regimens[0]
    assert regimen.notes[0] in result.notes


# -- warnings and decimal commas --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1.0 mg", "trailing_zero"),
        (".5 mg", "naked_decimal"),
        ("5 \u00b5g", "microgram_symbol"),
        ("4.5 mg qd", "qd"),
        ("100 mg qod", "qod"),
        ("4.5 mg od", "od"),
        ("4.5 mg hs", "hs"),
        ("4.5 mg qhs", "hs"),
        ("4.5 mL of 1 mg/mL", None),
        ("4.5 cc of 1 mg/mL", "cc"),
        ("4.5mg", "unit_run_into_number"),
        ("4.5 mg. daily", "unit_with_dot"),
        ("5. mg", "trailing_dot"),
        ("4.5 mgs", "plural_abbreviation"),
    ],
)
def test_error_prone_writing_is_read_with_a_warning(text: str, code: str | None) -> None:
    result = classify_dose(text)
    codes = [warning.code for warning in result.warnings]
    if code is None:
        assert codes == []
    else:
        assert code in codes
        assert all(warning.message for warning in result.warnings)


@pytest.mark.parametrize(
    ("text", "mg_per_day"),
    [("4,5 mg", Fraction("4.5")), ("1.000,5 mg", Fraction("1000.5")), ("0,5 mg BID", Fraction(1))],
)
def test_decimal_commas_only_by_request(text: str, mg_per_day: Fraction) -> None:
    assert classify_dose(text, decimal_comma=True).mg_per_day == mg_per_day
    with pytest.raises(DoseSyntaxError):
        classify_dose(text)


def test_a_volume_with_a_concentration_argument() -> None:
    assert classify_dose("4.5 mL", concentration="1 mg/mL").mg_per_day == Fraction("4.5")
    assert classify_dose("1 mL nightly", concentration="5 mg/mL").mg_per_day == 5
    with pytest.raises(DoseUnitError):
        classify_dose("4.5 mL", concentration="1 mg")


@pytest.mark.property
@given(sigs())
def test_a_sig_built_from_parts_reads_as_the_daily_dose_of_its_parts(
    drawn: tuple[str, Fraction],
) -> None:
    """The band of a generated sig equals the band of the exact daily dose of its parts."""
    text, mg_per_day = drawn
    result = classify_dose(text)
    assert result.mg_per_day == mg_per_day
    assert result.band is default_band_table().place(mg_per_day).band


def test_each_step_keeps_its_own_text() -> None:
    steps = classify_dose("1.5 mg nightly x 2 weeks then 3 mg nightly").steps
    assert [step.text for step in steps] == ["1.5 mg nightly x 2 weeks", "3 mg nightly"]
    titration = classify_dose("Start 1.5 mg nightly, increase by 1.5 mg weekly to 4.5 mg nightly")
    assert [step.text for step in titration.steps] == [
        "Start 1.5 mg nightly",
        "increase by 1.5 mg weekly to 4.5 mg nightly",
    ]
    followed = classify_dose("25 mg daily for 3 days, followed by 50 mg daily")
    assert [step.text for step in followed.steps] == ["25 mg daily for 3 days", "50 mg daily"]


@pytest.mark.parametrize(
    ("text", "mg_per_day"),
    [
        ("50 mg Monday through Friday", Fraction(250, 7)),
        ("50 mg Mon to Fri", Fraction(250, 7)),
        ("50 mg Mon thru Fri", Fraction(250, 7)),
        ("50 mg Monday till Friday", Fraction(250, 7)),
        ("50 mg Monday until Wednesday", Fraction(150, 7)),
        ("70 mg Fri-Mon", Fraction(280, 7)),
        ("70 mg Sun-Sat", Fraction(70)),
        ("70 mg Mon-weekends", Fraction(30)),  # not a range: Monday and the weekend
    ],
)
def test_day_ranges(text: str, mg_per_day: Fraction) -> None:
    assert classify_dose(text).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    ("text", "mg_per_day"),
    [
        ("25 mg tablets #4", Fraction(25)),
        ("4.5 mg [4500 mcg]", Fraction(9, 2)),
        ("2 tablets [25 mg each]", Fraction(50)),
        ("(LDN) 4.5 mg (4500 mcg)", Fraction(9, 2)),
    ],
)
def test_brackets_and_quantities_dispensed(text: str, mg_per_day: Fraction) -> None:
    assert classify_dose(text).mg_per_day == mg_per_day


def test_a_closed_bracket_ends_its_restatement() -> None:
    with pytest.raises(DoseSyntaxError) as caught:
        classify_dose("4.5 mg (LDN) 4500 mcg")
    assert caught.value.reason is ErrorReason.MULTIPLE_AMOUNTS


#: Words that change what a dose means, other drugs, other routes, stray numbers: each text
#: is refused with the reason given, never answered from the rest of it.
TRUST_REFUSALS = [
    # found by an independent tester: each was read past a word or a number before
    ("5 mg/5 mL", ErrorReason.CONCENTRATION),
    ("naltrexone 50 mg/5 mL", ErrorReason.CONCENTRATION),
    ("4.5 mg EOD", ErrorReason.UNKNOWN_WORD),
    ("100 mg T/Th", ErrorReason.UNKNOWN_WORD),
    ("naltrexone 50mg tab #30 ss po qd", ErrorReason.UNKNOWN_WORD),
    ("naltrexone 50 mg daily - cancelled", ErrorReason.UNKNOWN_WORD),
    ("allergic to naltrexone 50 mg", ErrorReason.UNKNOWN_WORD),
    ("naltrexone 50 mg before alcohol", ErrorReason.UNKNOWN_WORD),
    (
        "naltrexone 50 mg tablet dissolved in 50 mL water; drink 4.5 mL nightly",
        ErrorReason.UNKNOWN_WORD,
    ),
    ("over 100 mg", ErrorReason.MEANING_CHANGED),
    ("below 5 mg", ErrorReason.MEANING_CHANGED),
    ("50 mg+ daily", ErrorReason.COMPARATOR),
    ("5-\u00bd mg", ErrorReason.MALFORMED_NUMBER),
    ("naltrexone 1 mg/mL 31.5 mL/week", ErrorReason.VOLUME_WITHOUT_CONCENTRATION),
    ("LDN 1mg/ml 3ml mane and 1.5ml nocte", ErrorReason.MULTIPLE_AMOUNTS),
    ("LDN 0.5 mg increase 0.5 mg weekly", ErrorReason.NO_AMOUNT),
    (
        "naltrexone (REVIA) 50 MG tablet Take 7 tablets (25 mg total) by mouth daily.",
        ErrorReason.MULTIPLE_AMOUNTS,
    ),
    ("take one 1.5 mg and one 3 mg capsule at bedtime", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg twice daily at bedtime", ErrorReason.CONFLICTING_FREQUENCY),
    ("50 mg three times weekly Mon, Wed", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg week 08:00 /wk", ErrorReason.ZERO),
    ("380 mg by mouth every 4 weeks", ErrorReason.UNSUPPORTED_ROUTE),
    ("4.5 mg with each meal", ErrorReason.FREQUENCY_UNKNOWN),
    # found by a second independent tester
    ("LDN 0.5 mg capsules take 12 capsules at night", ErrorReason.UNPLACED_NUMBER),
    ("Naltrexone 50mg tablets 7 tablet", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 25 mg om on", ErrorReason.CONFLICTING_FREQUENCY),
    ("I.5 mg nightly", ErrorReason.MALFORMED_NUMBER),
    ("LDN 1.5 mg capsules: take 3 capsules (4.5 mg each) at bedtime", ErrorReason.MULTIPLE_AMOUNTS),
    ("LDN 4.5 mg capsules: 3 at bedtime (4.5 mg)", ErrorReason.MULTIPLE_AMOUNTS),
    ("50 mg tablet, take 0.5 tablet (50 mg total) daily", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 500-1 mg", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 4.5 mg nightly/morning", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg nightly in the morning", ErrorReason.CONFLICTING_FREQUENCY),
    ("naltrexone 380 mg once", ErrorReason.UNKNOWN_WORD),
    ("Vivitrol 380 mg PO q4wk", ErrorReason.UNSUPPORTED_ROUTE),
    ("4.5 mg 2x", ErrorReason.UNPLACED_NUMBER),
    ("naltrexone 50 mg daily and on saturday", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg at 20:00 /wk", ErrorReason.UNKNOWN_WORD),
    ("naltrexone 50 mg daily?", ErrorReason.MEANING_CHANGED),
    ("naltrexone 50 mg tabs qty 15 days supply 30", ErrorReason.FREQUENCY_UNKNOWN),
    ("380 mg tablets every 4 weeks", ErrorReason.UNSUPPORTED_ROUTE),
    ("naltrexone 50 mg PO daily; hold if LFTs > 3x ULN", ErrorReason.MEANING_CHANGED),
    ("do not take naltrexone 50 mg", ErrorReason.MEANING_CHANGED),
    ("stop LDN 4.5 mg nightly", ErrorReason.MEANING_CHANGED),
    ("LDN 4.5 mg nightly - discontinued", ErrorReason.MEANING_CHANGED),
    ("d/c naltrexone 50 mg", ErrorReason.MEANING_CHANGED),
    ("no LDN 4.5 mg", ErrorReason.MEANING_CHANGED),
    ("max 100 mg/day", ErrorReason.MEANING_CHANGED),
    ("up to 4.5 mg nightly", ErrorReason.MEANING_CHANGED),
    ("not to exceed 4.5 mg per day", ErrorReason.MEANING_CHANGED),
    ("50 mg 1 hour before drinking", ErrorReason.MEANING_CHANGED),
    ("LDN 4.5 mg mdu", ErrorReason.FREQUENCY_UNKNOWN),
    ("Naltrexone 50mg tablets | as shown on the pack", ErrorReason.FREQUENCY_UNKNOWN),
    ("3 mg BID, max 4.5 mg", ErrorReason.MEANING_CHANGED),
    ("1.5 mg nightly, may increase up to 4.5 mg", ErrorReason.MEANING_CHANGED),
    ("LDN 4.5 mg, 2 capsules at night", ErrorReason.MULTIPLE_AMOUNTS),
    (
        "4.5 mg nightly except Monday, Tuesday, Wednesday, Thursday, Friday, Saturday and Sunday",
        ErrorReason.MEANING_CHANGED,
    ),
    ("50 mg SOS", ErrorReason.FREQUENCY_UNKNOWN),
    ("50 mg as-needed", ErrorReason.FREQUENCY_UNKNOWN),
    ("50 mg when necessary", ErrorReason.FREQUENCY_UNKNOWN),
    ("buprenorphine 8 mg daily", ErrorReason.OTHER_DRUG),
    ("naltrexone/bupropion 8 mg/90 mg", ErrorReason.OTHER_DRUG),
    ("sertraline 50 mg and naltrexone 50 mg daily", ErrorReason.OTHER_DRUG),
    ("naltrexone 50 mg IV daily", ErrorReason.UNSUPPORTED_ROUTE),
    ("naltrexone implant 1000 mg", ErrorReason.UNSUPPORTED_ROUTE),
    ("apply LDN 4.5 mg cream nightly", ErrorReason.UNSUPPORTED_ROUTE),
    ("LDN 4.5 mg nightly 3", ErrorReason.UNPLACED_NUMBER),
    ("50 mg 2", ErrorReason.UNPLACED_NUMBER),
    ("4.5 mg every 2 weeks", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg fortnightly", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg nightly, 1.5 mg nightly", ErrorReason.MULTIPLE_AMOUNTS),
    (
        "naltrexone 50 mg: take 2 tablets in the morning and 1 at night",
        ErrorReason.MULTIPLE_AMOUNTS,
    ),
]


@pytest.mark.parametrize(("text", "reason"), TRUST_REFUSALS)
def test_a_text_whose_meaning_is_not_read_exactly_is_refused(
    text: str, reason: ErrorReason
) -> None:
    with pytest.raises(DoseError) as caught:
        classify_dose(text)
    assert caught.value.reason is reason


#: Texts that a pharmacist reads without doubt, and their daily doses in mg.
TRUST_READINGS = [
    ("naltrexone 25 mg tablets, take 2 daily", Fraction(50)),
    ("Naltrexone 50mg tablets; 1bd", Fraction(100)),
    ("NALTREXONE 50MG TABLETS: TWO DAILY", Fraction(100)),
    ("naltrexone 50 mg tablets: take half daily", Fraction(25)),
    ("half a 50 mg tablet daily", Fraction(25)),
    ("one and a half 50mg tablets daily", Fraction(75)),
    ("naltrexone 50 mg tabs: take ii po qd", Fraction(100)),
    ("1.5 mg twice-daily", Fraction(3)),
    ("150 mg every 3rd day", Fraction(50)),
    ("150 mg q3 days", Fraction(50)),
    ("100 mg every other night", Fraction(50)),
    ("2.25 mg 2/day", Fraction(9, 2)),
    ("2.25 mg at 08:00 and 20:00", Fraction(9, 2)),
    ("2.25 mg with breakfast and dinner", Fraction(9, 2)),
    ("4.5-1.5 mg nightly", Fraction(9, 2)),
    ("9 mL of 1 mg in 1 mL daily", Fraction(9)),
    ("LDN 1 mg/mL oral liquid 50 mL bottle, 4.5 mL at night", Fraction(9, 2)),
    ("LDN 1.5mg caps, take 1 at night, Disp: 10 capsules", Fraction(3, 2)),
    ("Wt 70 kg. LDN 4.5 mg at bedtime", Fraction(9, 2)),
    ("naltrexone 50 mg tab take a quarter tablet daily", Fraction(25, 2)),
    ("naltrexone 50 mg tab take one half tablet daily", Fraction(25)),
    ("naltrexone 50 mg: half of a tablet daily", Fraction(25)),
    ("4.5 mg every day at 5:00 pm", Fraction(9, 2)),
    ("naltrexone 50 mg tab take a tablet and a half daily", Fraction(75)),
    ("naltrexone 2 mg at 6am, 2pm and 10pm", Fraction(6)),
    ("2 mg 8am 12pm 4pm 8pm", Fraction(8)),
    ("naltrexone 4.5 mg between 9pm and 3am", Fraction(9, 2)),
    ("4.5 mg ON", Fraction(9, 2)),
    ("1.5 mg for 1 week, 3 mg for 1 week, then 4.5 mg nightly", Fraction(9, 2)),
    ("1.5 mg qhs x7d, 3 mg qhs x7d, 4.5 mg qhs", Fraction(9, 2)),
    ("Week 1: 1.5 mg. Week 2: 3 mg. Week 3: 4.5 mg.", Fraction(9, 2)),
    ("LDN 1.5 mg capsules: 1 capsule daily for 7 days, 2 capsules daily", Fraction(3)),
    (
        "Naltrexone 50 mg oral tablet, 1 tab(s) orally once a day, 30 tab(s), 1 refill(s)",
        Fraction(50),
    ),
    ("4.5 mg 2 hourly", Fraction(54)),
    ("4.5 mg 3 x day", Fraction(27, 2)),
    ("0.5 mg three times daily with meals", Fraction(3, 2)),
    ("50 mg daily for 3 months", Fraction(50)),
    ("LDN 1 mg/mL liquid, 1.5 mL nightly, bottle 100 mL", Fraction(3, 2)),
    (
        "TAKE ONE CAPSULE (4.5 MG) BY MOUTH THREE TIMES A WEEK ON MONDAY, WEDNESDAY, AND FRIDAY",
        Fraction(27, 14),
    ),
    ("4.5 mg hourly", Fraction(108)),
    ("LDN 1.5mg: 1 nocte for 2 weeks, then 2 nocte for 2 weeks, then 3 nocte", Fraction(9, 2)),
    ("naltrexone 50 mg: Take 1-2 tablet by mouth at bedtime", Fraction(100)),
    ("50 mg daily except Sunday", Fraction(300, 7)),
    ("4.5 mg every night except weekends", Fraction(45, 14)),
    ("4.5 mg nightly, skip Sundays", Fraction(27, 7)),
    ("naltrexone 50 mg daily, max 100 mg/day", Fraction(50)),
    ("4.5 mg daily, no more than 4.5 mg in 24 hours", Fraction(9, 2)),
    ("1.5 mg nightly, maximum daily dose 1.5 mg", Fraction(3, 2)),
    ("naltrexone 50mg tablets, 1-2 tabs daily", Fraction(100)),
    ("LDN 1.5 mg capsules: take 1 or 2 at night", Fraction(3)),
    ("NALTREXONE 50MG TABLETS | TWICE A DAY", Fraction(100)),
    ("Naltrexone 50mg tablets. ONE TO BE TAKEN EACH DAY", Fraction(50)),
    ("take two (2) 50 mg tablets once daily", Fraction(100)),
    ("Take 1 tablet (50 mg total) by mouth 2 (two) times daily.", Fraction(100)),
    ("naltrexone 50mg tablets 1-0-1", Fraction(100)),
    ("LDN 1.5 mg capsules 1-0-2", Fraction(9, 2)),
    ("4.5 mg nightly x30d", Fraction(9, 2)),
    ("4.5 mg nightly 2023-05-01", Fraction(9, 2)),
    ("4.5 mg/night", Fraction(9, 2)),
    ("1.5 mg 12-hourly", Fraction(3)),
    ("Naltrexone 50mg tablets, ONE DAILY AS DIRECTED", Fraction(50)),
    ("naltrexone 50 mg tablets: 2 tablets (100 mg) every other day", Fraction(50)),
    ("Take 1 tablet (50 mg total) by mouth daily. Disp: 30 tablet, Rfl: 2", Fraction(50)),
    ("Do not crush. LDN 4.5 mg capsule nightly", Fraction(9, 2)),
    ("LDN 0.5 mg nightly for 1 week followed by 1 mg nightly thereafter", Fraction(1)),
]


@pytest.mark.parametrize(("text", "mg_per_day"), TRUST_READINGS)
def test_what_a_pharmacist_reads_without_doubt_is_read(text: str, mg_per_day: Fraction) -> None:
    assert classify_dose(text).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    "text", ["380 mg every 4 weeks", "380 mg q4 weeks", "380 mg every 28 days", "380 mg monthly"]
)
def test_the_depot_is_read_by_its_mass_and_interval_without_a_route_word(text: str) -> None:
    result = classify_dose(text)
    assert (result.dose.basis, result.mg_per_day) == (DailyDoseBasis.DEPOT, None)


def test_amounts_on_their_own_times_add_up_from_each_amount() -> None:
    """A mutation survivor: the first and second amounts of an added-up dose were not told apart."""
    result = classify_dose("4.5mg nocte, 3mg mane")
    assert result.mg_per_day == Fraction(15, 2)
    assert result.dose.amount == Fraction(9, 2)


def test_a_later_step_carries_the_strength_of_an_earlier_one() -> None:
    result = classify_dose("LDN 1.5mg: 1 nocte for 2 weeks, then 2 nocte for 2 weeks, then 3 nocte")
    assert [step.mg_per_day for step in result.steps] == [Fraction(3, 2), 3, Fraction(9, 2)]
