"""Every error path's message, word for word: what was wrong, and what would be accepted.

The wording is part of the interface (people read it, logs keep it); a change here is a
visible change and belongs in the changelog.
"""

from __future__ import annotations

import pytest

from naltrexone_dose import DoseError, classify_dose
from naltrexone_dose._units import ACCEPTED_MASS_UNITS as UNITS

MESSAGES = [
    (
        "",
        "DoseSyntaxError",
        "empty",
        "the dose text is empty; expected an amount and a unit, such as '4.5 mg'",
    ),
    (
        "mg",
        "DoseSyntaxError",
        "no_amount",
        "'mg' has no amount; write the amount before the unit, such as '4.5 mg'",
    ),
    (
        "4.5",
        "DoseSyntaxError",
        "no_unit",
        f"the amount '4.5' has no unit; write it with a mass unit, such as '4.5 mg' ({UNITS})",
    ),
    (
        "4.5 mgx",
        "DoseSyntaxError",
        "unknown_unit",
        f"'4.5 mgx' has a unit that is not read; expected a mass unit ({UNITS}), or a rate per hour, day or week (/h, /12h, /d, /day, per day, daily, /wk, weekly, ...)",
    ),
    (
        "4.5 mg\x00",
        "DoseSyntaxError",
        "control_character",
        "the dose text holds the control or invalid character U+0000; expected printable text such as '4.5 mg'",
    ),
    (
        "4,5 mg",
        "DoseSyntaxError",
        "decimal_comma",
        "'4,5' has a decimal comma, which is not read by default; write '4.5', or pass decimal_comma=True",
    ),
    (
        "1,000 mg",
        "DoseSyntaxError",
        "digit_grouping",
        "'1,000' may be a thousands separator or a decimal comma; digit grouping is not read. Write '1000' for the whole number, or '1.000' for a decimal",
    ),
    (
        "1 000 mg",
        "DoseSyntaxError",
        "digit_grouping",
        "'1 000' looks like digits grouped by a space, which is ambiguous; write '1000' with no space",
    ),
    (
        "2*2.25 mg",
        "DoseSyntaxError",
        "expression",
        "the character '*' is not part of a dose: arithmetic and code are not read. Write one amount and a unit, such as '4.5 mg'",
    ),
    (
        "1/2 mg",
        "DoseSyntaxError",
        "expression",
        "'1/2' is a division; arithmetic is not read. Write the amount as a decimal, such as '0.5 mg'",
    ),
    (
        "0x10 mg",
        "DoseSyntaxError",
        "expression",
        "'0x10' looks like a hexadecimal, binary or octal literal; numbers in code are not read. Write the amount in decimal, such as '4.5 mg'",
    ),
    (
        "4..5 mg",
        "DoseSyntaxError",
        "malformed_number",
        "'4..5' is not a number (two decimal points); write one decimal point, such as '4.5 mg'",
    ),
    (
        "5 mg mg",
        "DoseSyntaxError",
        "doubled_unit",
        "the unit is written twice ('mg mg'); write one amount and one unit, such as '5 mg'",
    ),
    (
        "5 mg 5 mg",
        "DoseSyntaxError",
        "multiple_amounts",
        "the text gives the same amount twice ('5 mg', '5 mg'); give one dose, or give each amount its own days or time of day ('50 mg on weekdays and 100 mg on Saturday')",
    ),
    (
        "50 mg and 25 mg",
        "DoseSyntaxError",
        "multiple_amounts",
        "the text gives several different amounts ('50 mg', '25 mg'); give one dose, or give each amount its own days or time of day ('50 mg on weekdays and 100 mg on Saturday')",
    ),
    (
        "2 tablets (25 mg)",
        "DoseSyntaxError",
        "multiple_amounts",
        "'2 tablets (25 mg)': is 25 mg the total or the amount of each tablet? Write '(25 mg total)' or '(25 mg each)'",
    ),
    (
        "< 5 mg",
        "DoseSyntaxError",
        "comparator",
        "'<' is a comparison, not part of a dose; give the dose itself, such as '4.5 mg'",
    ),
    (
        "Take 1 tablet daily",
        "DoseSyntaxError",
        "count_without_mass",
        "'1 tablet' is a count of units, not a mass; the strength is needed, such as '1 tablet (50 mg)' or '50 mg tablets, take 1 daily'",
    ),
    (
        "0 mg",
        "DoseAmountError",
        "zero",
        "the amount in '0 mg' is zero; a dose is a positive amount, such as '4.5 mg'",
    ),
    (
        "0 tablet (5 mg)",
        "DoseAmountError",
        "zero",
        "the count '0 tablet' is zero; give how many, such as '1 tablet'",
    ),
    (
        "4.5 mL of 0 mg/mL",
        "DoseAmountError",
        "zero",
        "the amount in '0 mg' is zero; a dose is a positive amount, such as '4.5 mg'",
    ),
    (
        "-5 mg",
        "DoseAmountError",
        "negative",
        "the amount -5 is negative; a dose is a positive amount, such as '4.5 mg'",
    ),
    (
        "nan mg",
        "DoseAmountError",
        "not_finite",
        "the amount 'nan' is not a finite number; a dose is a positive amount, such as '4.5 mg'",
    ),
    (
        "1e400 mg",
        "DoseAmountError",
        "out_of_range",
        "the dose in '1e400 mg' is outside the accepted range of 1e-300 to 1e300 mg per day",
    ),
    (
        "1e999999999 mg",
        "DoseAmountError",
        "out_of_range",
        "the amount '1e999999999' is far outside the accepted range (1e-300 to 1e300 mg per day)",
    ),
    (
        "5 gr",
        "DoseUnitError",
        "ambiguous_unit",
        f"'5 gr': 'gr' may mean grain or gram, an error-prone unit that is not read; write the amount in {UNITS}",
    ),
    (
        "5 m",
        "DoseUnitError",
        "not_a_mass",
        f"'5 m' is not a mass (in 'm'); expected a mass unit ({UNITS}), or a rate such as '4.5 mg/day'",
    ),
    (
        "5 %",
        "DoseUnitError",
        "not_a_mass",
        f"'5%' is not a mass (a percentage); expected a mass unit ({UNITS}), or a rate such as '4.5 mg/day'",
    ),
    (
        "5 mL",
        "DoseUnitError",
        "volume_without_concentration",
        "a volume alone is no dose: compounded liquids differ in strength (1 mg/mL, 5 mg/mL). Give the concentration too (concentration='1 mg/mL' or '4.5 mL of 1 mg/mL'), or the mass, such as '4.5 mg'",
    ),
    (
        "1 tsp",
        "DoseUnitError",
        "volume_without_concentration",
        "'tsp' is a household or drop measure, whose size varies; give a metric volume with a concentration ('4.5 mL of 1 mg/mL'), or the mass",
    ),
    (
        "4.5 mg/mL",
        "DoseUnitError",
        "concentration",
        "'4.5 mg' is a concentration, not a dose; give the volume taken too ('4.5 mL of 1 mg/mL'), or the mass, such as '4.5 mg'",
    ),
    (
        "5 mg/kg",
        "DoseUnitError",
        "per_body_size",
        "'5 mg/kg' is a dose per body weight or body surface area; a daily dose needs the mass itself, such as '4.5 mg' or '50 mg/day'",
    ),
    (
        "4.5 mg/month",
        "DoseUnitError",
        "per_month",
        "'4.5 mg' per month: a month has no fixed length, so no daily dose follows; give it per day or per week, such as '4.5 mg/day'",
    ),
    (
        "4.5 mg monthly",
        "DoseUnitError",
        "per_month",
        "'monthly': a month has no fixed length, so no daily dose follows; give the dose per day or per week, such as '4.5 mg/day' (only a known injectable regimen is read as monthly)",
    ),
    (
        "naltrexone 50 mg IM daily",
        "DoseUnitError",
        "unsupported_route",
        "'50 mg daily' with 'IM' is not a known injectable regimen; only 380 mg intramuscular every 28 days is known, and an injection is never averaged to a daily oral dose",
    ),
    (
        "Vivitrol injection",
        "DoseSyntaxError",
        "no_amount",
        "'Vivitrol' names an injectable, but no mass was found; give the mass and the interval (known: 380 mg intramuscular every 28 days)",
    ),
    (
        "Vivitrol 380 mg and 50 mg",
        "DoseSyntaxError",
        "multiple_amounts",
        "the injectable text gives several amounts ('380 mg', '50 mg'); give one",
    ),
    (
        "4.5 mg prn",
        "DailyDoseUnknownError",
        "frequency_unknown",
        "'prn': a dose taken as needed has no known daily dose; give a regular frequency, such as 'daily' or 'BID'",
    ),
    (
        "4.5 mg daily bid",
        "DailyDoseUnknownError",
        "conflicting_frequency",
        "'daily bid' gives different frequencies; give one, such as 'daily' or 'BID'",
    ),
    (
        "five mg",
        "DoseSyntaxError",
        "no_amount",
        "'five': amounts written in words are not read; write the amount in digits with a mass unit, such as '4.5 mg'",
    ),
    (
        "4.5 mg/furlong",
        "DoseUnitError",
        "not_a_mass",
        f"'4.5 mg/furlong' is not a mass or a mass per time; expected a mass ({UNITS}) or a rate such as '4.5 mg/day' or '350 mg/week'",
    ),
    (
        "4.5 mg/d/d",
        "DoseUnitError",
        "not_a_mass",
        "'4.5 mg/d/...' divides twice; write one rate, such as '4.5 mg/day'",
    ),
    (
        "4.5 mg/0 d",
        "DoseAmountError",
        "zero",
        "'4.5 mg/0 d' is a rate per zero time; give a rate such as '4.5 mg/day'",
    ),
    (
        "every 0 days 4.5 mg",
        "DoseAmountError",
        "zero",
        "'every 0 days' is an interval of zero; give a frequency such as 'every 2 days'",
    ),
    (
        "0 x daily 4.5 mg",
        "DoseAmountError",
        "zero",
        "'0 x daily' is zero times; give how often the dose is taken",
    ),
    (
        "1.5 mg then increase by 1 mg",
        "DoseSyntaxError",
        "no_amount",
        "'increase by 1 mg' gives a step size but no target dose; write 'increase to 4.5 mg'",
    ),
    (
        "50 mg tablets and 100 mg tablets",
        "DoseSyntaxError",
        "multiple_amounts",
        "the text names several strengths ('50 mg', '100 mg'); give the dose to take",
    ),
    (
        "0 mL of 1 mg/mL",
        "DoseAmountError",
        "zero",
        "the volume is zero; give the volume taken, such as '4.5 mL'",
    ),
]


NUMBER_MESSAGES = [
    ((4.5, None), "DoseSyntaxError", "no_unit", "the amount 4.5 has no unit; pass one, such as classify_dose(4.5, 'mg')"),
    ((4.5, 5), "DoseTypeError", "unsupported_input", "the unit is of type int; expected text such as 'mg'"),
    ((0, "mg"), "DoseAmountError", "zero", "the amount is zero; a dose is a positive amount, such as 4.5"),
    ((-1, "mg"), "DoseAmountError", "negative", "the amount is negative; a dose is a positive amount, such as 4.5"),
    ((float("nan"), "mg"), "DoseAmountError", "not_finite", "the amount is nan; expected a positive finite number"),
    ((True, "mg"), "DoseTypeError", "unsupported_input", "the amount is a bool (True); expected a number such as 4.5"),
    ((10**400, "mg"), "DoseAmountError", "out_of_range", "the amount is outside the accepted range of 1e-300 to 1e300 mg per day"),
    ((4.5, "mL"), "DoseUnitError", "not_a_mass", f"the unit 'mL' is not a mass unit or a mass rate; expected one of {UNITS}, optionally per hour, day or week ('mg/day')"),
    ((None, None), "DoseTypeError", "unsupported_input", "cannot read a dose from NoneType; expected dose text such as '4.5 mg', a number with a unit (4.5, 'mg'), a pint Quantity, or a FHIR Quantity or Dosage as a dict"),
]  # fmt: skip


@pytest.mark.parametrize(("arguments", "error", "reason", "message"), NUMBER_MESSAGES)
def test_the_message_of_each_number_error(
    arguments: tuple[object, object], error: str, reason: str, message: str
) -> None:
    with pytest.raises(DoseError) as caught:
        classify_dose(*arguments)  # type: ignore[arg-type]
    assert (type(caught.value).__name__, caught.value.reason.value, str(caught.value)) == (
        error,
        reason,
        message,
    )


def test_a_number_with_a_unit_keeps_both_as_its_source() -> None:
    assert classify_dose(4.5, "mg").dose.source == "4.5 mg"
    assert classify_dose(35, "mg/week").dose.source == "35 mg/week"


@pytest.mark.parametrize(("text", "error", "reason", "message"), MESSAGES)
def test_the_message_of_each_error_path(text: str, error: str, reason: str, message: str) -> None:
    with pytest.raises(DoseError) as caught:
        classify_dose(text)
    assert (type(caught.value).__name__, caught.value.reason.value) == (error, reason)
    assert str(caught.value) == message
    assert caught.value.message == message
