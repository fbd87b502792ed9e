"""FHIR Dosage as the implementation guides publish it, adapted to naltrexone masses.

Shapes follow the HL7 core dosage examples, the German medication guide (MII/KBV: a 1-0-1-0
scheme as ``when`` or ``timeOfDay`` entries, or as one dosageInstruction per time of day),
the Swiss CHMED day-of-month extension, IPS and US Core (a ``route`` coding, a
``timing.code``, ``text``). Each example has the answer a pharmacist would give.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naltrexone_dose import (
    Band,
    DailyDoseBasis,
    DailyDoseUnknownError,
    DoseError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
    classify_dose,
)

UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
GTS = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"
ORAL = {"coding": [{"system": SNOMED, "code": "26643006", "display": "Oral route"}]}
IM = {"coding": [{"system": SNOMED, "code": "78421000", "display": "Intramuscular route"}]}
IV = {"coding": [{"system": SNOMED, "code": "47625008", "display": "Intravenous route"}]}
SC = {"coding": [{"system": SNOMED, "code": "34206005", "display": "Subcutaneous route"}]}


def mg(value: float, code: str = "mg") -> dict[str, Any]:
    return {"value": value, "unit": code, "system": UCUM, "code": code}


def dosage(value: float = 4.5, code: str = "mg", **fields: Any) -> dict[str, Any]:
    return {"doseAndRate": [{"doseQuantity": mg(value, code)}], **fields}


def repeat(**fields: Any) -> dict[str, Any]:
    return {"repeat": fields}


READ = [
    # HL7 core: "1 tablet twice daily", structured.
    ("core bid", dosage(1.5, timing=repeat(frequency=2, period=1, periodUnit="d"), route=ORAL),
     Fraction(3), None),
    # HL7 core: timing.code alone.
    ("code TID", dosage(1, timing={"code": {"coding": [{"system": GTS, "code": "TID"}]}}),
     Fraction(3), None),
    ("code QOD", dosage(100, timing={"code": {"coding": [{"system": GTS, "code": "QOD"}]}}),
     Fraction(50), None),
    ("code WK", dosage(350, timing={"code": {"coding": [{"system": GTS, "code": "WK"}]}}),
     Fraction(50), None),
    ("code and repeat agree", dosage(2, timing={
        "code": {"coding": [{"system": GTS, "code": "BID"}]},
        "repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}}), Fraction(4), None),
    # German guide: 1-0-1-0 as two when entries, and as two timeOfDay entries.
    ("de when 1-0-1-0", dosage(1.5, timing=repeat(when=["MORN", "EVE"])), Fraction(3), None),
    ("de when with frequency", dosage(1.5, timing=repeat(frequency=2, period=1, periodUnit="d",
                                                         when=["MORN", "EVE"])), Fraction(3), None),
    ("de timeOfDay", dosage(2, timing=repeat(frequency=1, period=1, periodUnit="d",
                                             timeOfDay=["08:00:00", "20:00:00"])), Fraction(4), None),
    ("de one time of day", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit="d",
                                                     timeOfDay=["22:00:00"])), Fraction(9, 2), None),
    # dayOfWeek: Tuesdays and Thursdays.
    ("dayOfWeek daily", dosage(100, timing=repeat(frequency=1, period=1, periodUnit="d",
                                                  dayOfWeek=["tue", "thu"])), Fraction(200, 7), None),
    ("dayOfWeek weekly", dosage(100, timing=repeat(frequency=3, period=1, periodUnit="wk",
                                                   dayOfWeek=["mon", "wed", "fri"])), Fraction(300, 7), None),
    # A duration (bounds, count) does not change the daily dose.
    ("bounds", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit="d",
                                         boundsDuration={"value": 30, "unit": "days", "system": UCUM, "code": "d"})),
     Fraction(9, 2), None),
    ("count", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit="d", count=30)),
     Fraction(9, 2), None),
    # Ranges: doseRange, frequencyMax, periodMax; the high end decides.
    ("doseRange", {"doseAndRate": [{"doseRange": {"low": mg(1.5), "high": mg(4.5)}}],
                   "timing": repeat(frequency=1, period=1, periodUnit="d")}, Fraction(9, 2), Fraction(3, 2)),
    ("frequencyMax", dosage(2, timing=repeat(frequency=1, frequencyMax=2, period=1, periodUnit="d")),
     Fraction(4), Fraction(2)),
    ("periodMax", dosage(4, timing=repeat(frequency=1, period=4, periodMax=6, periodUnit="h")),
     Fraction(24), Fraction(16)),
    # maxDosePerPeriod is a limit, never the dose.
    ("maxDosePerPeriod", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit="d"),
                                maxDosePerPeriod={"numerator": mg(9), "denominator": {"value": 1, "unit": "d"}}),
     Fraction(9, 2), None),
    # Text that agrees with the structure.
    ("text agrees", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit="d"),
                           text="4.5 mg once daily at bedtime"), Fraction(9, 2), None),
    ("text is a product line", dosage(25, timing=repeat(frequency=2, period=1, periodUnit="d"),
                                      text="Naltrexone 25 mg"), Fraction(50), None),
    ("text is not a dose alone", dosage(25, timing=repeat(frequency=2, period=1, periodUnit="d"),
                                        patientInstruction="1 tablet twice daily"), Fraction(50), None),
    # Route: oral text, IPS style (EDQM).
    ("oral EDQM", dosage(4.5, route={"coding": [{"system": "urn:oid:0.4.0.127.0.16.1.1.2.1",
                                                 "code": "20053000", "display": "Oral use"}]}),
     Fraction(9, 2), None),
    ("oral text", dosage(4.5, route={"text": "by mouth"}), Fraction(9, 2), None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("resource", "mg_per_day", "low"), [r[1:] for r in READ], ids=[r[0] for r in READ]
)
def test_dosages_in_published_shapes_are_read(
    resource: dict[str, Any], mg_per_day: Fraction, low: Fraction | None
) -> None:
    result = classify_dose(resource)
    assert result.mg_per_day == mg_per_day
    assert result.dose.low_mg_per_day == low


@pytest.mark.parametrize(
    "resource",
    [
        dosage(380, timing=repeat(frequency=1, period=4, periodUnit="wk"), route=IM),
        dosage(380, timing=repeat(frequency=1, period=4, periodUnit="wk")),
        dosage(380, timing=repeat(frequency=1, period=28, periodUnit="d")),
        dosage(380, timing=repeat(frequency=1, period=1, periodUnit="mo")),
        dosage(380, timing=repeat(frequency=1, period=1, periodUnit="mo"), route=IM),
        dosage(380, timing={"code": {"coding": [{"system": GTS, "code": "MO"}]}}, route=IM),
        dosage(380, route=IM),
        {"value": 380, "unit": "mg/(4.wk)", "system": UCUM, "code": "mg/(4.wk)"},
    ],
    ids=["im 4 wk", "4 wk", "28 d", "1 mo", "im 1 mo", "code MO", "im alone", "quantity"],
)
def test_the_depot_is_the_depot_with_or_without_a_route(resource: dict[str, Any]) -> None:
    result = classify_dose(resource)
    assert result.dose.basis is DailyDoseBasis.DEPOT
    assert result.band is Band.STANDARD
    assert result.mg_per_day is None


def de_entry(value: float, when: str, sequence: int | None = None) -> dict[str, Any]:
    entry = dosage(value, timing=repeat(frequency=1, period=1, periodUnit="d", when=[when]))
    return entry if sequence is None else {"sequence": sequence, **entry}


def test_a_german_1_0_2_0_scheme_as_two_entries_adds_up() -> None:
    request = {
        "resourceType": "MedicationRequest",
        "dosageInstruction": [de_entry(1.5, "MORN"), de_entry(3, "EVE")],
    }
    result = classify_dose(request)
    assert result.mg_per_day == Fraction(9, 2)
    assert result.band is Band.LOW


def test_entries_in_sequence_are_steps_and_the_last_decides() -> None:
    request = {"dosageInstruction": [de_entry(25, "MORN", 1), de_entry(50, "MORN", 2)]}
    result = classify_dose(request)
    assert result.mg_per_day == 50
    assert result.band is Band.STANDARD
    assert [step.mg_per_day for step in result.steps] == [25, 50]


REFUSED = [
    ("as needed boolean", {**dosage(), "asNeededBoolean": True}, DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("as needed R5", {**dosage(), "asNeeded": True}, DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("as needed for pain", {**dosage(), "asNeededCodeableConcept": {"text": "pain"}}, DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("asNeededFor R5", {**dosage(), "asNeededFor": [{"text": "pain"}]}, DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("asNeededFor R4 extension", {**dosage(), "extension": [{"url": "http://hl7.org/fhir/5.0/StructureDefinition/extension-Dosage.asNeededFor", "valueCodeableConcept": {"text": "pain"}}]}, DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("text adds as needed", dosage(4.5, text="4.5 mg at night as needed"), DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("patientInstruction prn", dosage(4.5, patientInstruction="take prn"), DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("text contradicts", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit="d"), text="4.5 mg twice daily"), DailyDoseUnknownError, ErrorReason.TEXT_DISAGREES),
    ("intravenous", dosage(4.5, route=IV), DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
    ("subcutaneous", dosage(4.5, route=SC), DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
    ("unknown route text", dosage(4.5, route={"text": "topical"}), DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
    ("im not the depot", dosage(50, route=IM, timing=repeat(frequency=1, period=1, periodUnit="d")), DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
    ("event", dosage(4.5, timing={"event": ["2024-01-01T08:00:00Z"]}), DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("code disagrees", dosage(2, timing={"code": {"coding": [{"system": GTS, "code": "TID"}]}, "repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}}), DailyDoseUnknownError, ErrorReason.CONFLICTING_FREQUENCY),
    ("unknown code", dosage(2, timing={"code": {"coding": [{"system": GTS, "code": "XYZ"}]}}), DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("when and frequency disagree", dosage(2, timing=repeat(frequency=3, period=1, periodUnit="d", when=["MORN", "EVE"])), DailyDoseUnknownError, ErrorReason.CONFLICTING_FREQUENCY),
    ("meal unspecified", dosage(2, timing=repeat(when=["AC", "HS"])), DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("day of month extension (CHMED)", dosage(4.5, timing={"repeat": {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/timing-dayOfMonth", "valuePositiveInt": 1}]}}), DoseSyntaxError, ErrorReason.UNSUPPORTED_INPUT),
    ("modifierExtension", {**dosage(), "modifierExtension": [{"url": "urn:x"}]}, DoseSyntaxError, ErrorReason.UNSUPPORTED_INPUT),
    ("unknown field", {**dosage(), "dosePerDay": 3}, DoseSyntaxError, ErrorReason.UNSUPPORTED_INPUT),
    ("every 2 weeks", dosage(100, timing=repeat(frequency=1, period=2, periodUnit="wk")), DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("per month, not the depot", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit="mo")), DoseUnitError, ErrorReason.PER_MONTH),
    ("rate per 2 weeks", {"value": 100, "unit": "mg/(2.wk)", "system": UCUM, "code": "mg/(2.wk)"}, DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
    ("periodUnit a list", dosage(4.5, timing=repeat(frequency=1, period=1, periodUnit=["d"])), DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ("when a string", dosage(4.5, timing=repeat(when="MORN")), DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ("timing a list", dosage(4.5, timing=[]), DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ("route a string", dosage(4.5, route="oral"), DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ("asNeeded a string", {**dosage(), "asNeededBoolean": "no"}, DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ("doseRange one end", {"doseAndRate": [{"doseRange": {"high": mg(4.5)}}]}, DoseSyntaxError, ErrorReason.NO_AMOUNT),
    ("doseRange reversed", {"doseAndRate": [{"doseRange": {"low": mg(9), "high": mg(4.5)}}]}, DoseSyntaxError, ErrorReason.MALFORMED_NUMBER),
    ("two doseAndRate", {"doseAndRate": [{"doseQuantity": mg(1)}, {"doseQuantity": mg(2)}]}, DoseSyntaxError, ErrorReason.MULTIPLE_AMOUNTS),
    ("depot plus oral", {"dosageInstruction": [dosage(380, route=IM), dosage(50)]}, DoseUnitError, ErrorReason.UNSUPPORTED_ROUTE),
    ("empty list", {"dosageInstruction": []}, DoseSyntaxError, ErrorReason.NO_AMOUNT),
    ("sequence a string", {"dosageInstruction": [{"sequence": "1", **dosage()}]}, DoseTypeError, ErrorReason.UNSUPPORTED_INPUT),
    ("count without schedule", dosage(4.5, timing=repeat(count=3)), DailyDoseUnknownError, ErrorReason.FREQUENCY_UNKNOWN),
]  # fmt: skip


@pytest.mark.parametrize(
    ("resource", "error", "reason"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_fields_that_change_the_dose_are_read_or_refused(
    resource: dict[str, Any], error: type[DoseError], reason: ErrorReason
) -> None:
    with pytest.raises(error) as caught:
        classify_dose(resource)
    assert caught.value.reason is reason


# -- out and back --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("35.000001 mg/week", Band.BETWEEN_LOW_AND_STANDARD),
        ("7.000007 mg/week", Band.LOW),
        ("1 mg/(3.d)", Band.VERY_LOW),
        ("0.1 lb", Band.ABOVE_STANDARD),
        ("0.0001 lb", Band.BETWEEN_LOW_AND_STANDARD),
        ("500 mcg daily", Band.VERY_LOW),
    ],
)
def test_to_fhir_quantity_reads_back_to_the_same_band(text: str, band: Band) -> None:
    result = classify_dose(text)
    assert result.band is band
    written = result.to_fhir_quantity()
    assert classify_dose(written).band is band
    assert "lb" not in written["code"]


def test_the_depot_has_no_daily_quantity() -> None:
    with pytest.raises(DailyDoseUnknownError) as caught:
        classify_dose("Vivitrol 380 mg IM q4wk").to_fhir_quantity()
    assert caught.value.reason is ErrorReason.NO_DAILY_QUANTITY


@pytest.mark.property
@given(
    st.fractions(min_value=Fraction(1, 10**6), max_value=Fraction(10**4)),
    st.sampled_from(["mg", "mcg", "g", "lb", "ng"]),
    st.sampled_from(["", "/week", "/d", " every 3 days", " BID", " /(3.d)"]),
)
def test_every_result_reads_back_from_its_fhir_quantity_to_the_same_band(
    amount: Fraction, unit: str, rate: str
) -> None:
    # Spec (issue 11): "for every result, classify_dose(result.to_fhir_quantity()) gives the
    # same band or a DoseError".
    try:
        result = classify_dose(f"{float(amount)!r} {unit}{rate}".replace(" /", "/"))
        written = result.to_fhir_quantity()
    except DoseError:
        return
    assert classify_dose(written).band is result.band


DAILY = repeat(frequency=1, period=1, periodUnit="d")
#: Found by an independent tester: each was read past a field or a word before.
REFUSED_AROUND_THE_DOSAGE = [
    (
        "doNotPerform",
        {"doNotPerform": True, "dosageInstruction": [dosage(50, timing=DAILY)]},
        ErrorReason.MEANING_CHANGED,
    ),
    (
        "status stopped",
        {"status": "stopped", "dosageInstruction": [dosage(50, timing=DAILY)]},
        ErrorReason.MEANING_CHANGED,
    ),
    (
        "statement not taken",
        {"status": "not-taken", "dosage": [dosage(50, timing=DAILY)]},
        ErrorReason.MEANING_CHANGED,
    ),
    (
        "another drug",
        {
            "medicationCodeableConcept": {"text": "Buprenorphine 8 mg"},
            "dosageInstruction": [dosage(8, timing=DAILY)],
        },
        ErrorReason.OTHER_DRUG,
    ),
    (
        "both lists",
        {"dosageInstruction": [dosage(50)], "dosage": [dosage(50)]},
        ErrorReason.MULTIPLE_AMOUNTS,
    ),
    (
        "dose and rate",
        {
            "doseAndRate": [
                {
                    "doseQuantity": {"value": 50, "code": "mg"},
                    "rateQuantity": {"value": 4.5, "code": "mg/d"},
                }
            ]
        },
        ErrorReason.MULTIPLE_AMOUNTS,
    ),
    (
        "unit and code disagree",
        {
            "doseAndRate": [
                {"doseQuantity": {"value": 4.5, "unit": "mg", "code": "g", "system": UCUM}}
            ]
        },
        ErrorReason.UNKNOWN_UNIT,
    ),
    (
        "unknown field in a Quantity",
        {"doseAndRate": [{"doseQuantity": {"value": 4.5, "code": "mg", "perDay": 2}}]},
        ErrorReason.UNSUPPORTED_INPUT,
    ),
    (
        "text says do not take",
        dosage(4.5, timing=DAILY, text="Do not take"),
        ErrorReason.TEXT_DISAGREES,
    ),
    (
        "text names another drug",
        dosage(4.5, timing=DAILY, text="buprenorphine 8 mg"),
        ErrorReason.TEXT_DISAGREES,
    ),
    (
        "text adds a frequency",
        dosage(4.5, text="Take 1 tablet twice daily"),
        ErrorReason.TEXT_DISAGREES,
    ),
    (
        "oral code, topical text",
        dosage(4.5, timing=DAILY, route={**ORAL, "text": "topical"}),
        ErrorReason.UNSUPPORTED_ROUTE,
    ),
    (
        "unknown when code",
        dosage(4.5, timing={"repeat": {"when": ["XYZ"]}}),
        ErrorReason.FREQUENCY_UNKNOWN,
    ),
    (
        "one time of day, twice a day",
        dosage(
            4.5, timing={"repeat": {"when": ["HS"], "frequency": 2, "period": 1, "periodUnit": "d"}}
        ),
        ErrorReason.CONFLICTING_FREQUENCY,
    ),
    (
        "method inhale",
        dosage(4.5, timing=DAILY, method={"text": "Inhale"}),
        ErrorReason.UNSUPPORTED_ROUTE,
    ),
]


@pytest.mark.parametrize(
    ("resource", "reason"),
    [
        pytest.param(resource, reason, id=name)
        for name, resource, reason in REFUSED_AROUND_THE_DOSAGE
    ],
)
def test_what_surrounds_a_dosage_and_changes_its_meaning_is_refused(
    resource: dict[str, Any], reason: ErrorReason
) -> None:
    with pytest.raises(DoseError) as caught:
        classify_dose(resource)
    assert caught.value.reason is reason


def test_an_active_request_for_naltrexone_is_read() -> None:
    resource = {
        "resourceType": "MedicationRequest",
        "status": "active",
        "medicationCodeableConcept": {"text": "Naltrexone 50 mg tablet"},
        "dosageInstruction": [dosage(50, timing=DAILY, route=ORAL, text="Take 1 tablet daily")],
    }
    assert classify_dose(resource).mg_per_day == 50


def test_entries_at_different_times_add_up_with_the_low_end_of_a_range() -> None:
    """A mutation survivor: the summed low end of concurrent entries was never checked."""
    morning = {
        "doseAndRate": [
            {"doseRange": {"low": {"value": 1, "code": "mg"}, "high": {"value": 2, "code": "mg"}}}
        ],
        "timing": {"repeat": {"when": ["MORN"]}},
        "sequence": 1,
    }
    evening = dosage(1, timing={"repeat": {"when": ["EVE"]}}, sequence=1)
    result = classify_dose({"dosageInstruction": [morning, evening]})
    assert result.mg_per_day == 3
    assert result.range is not None
    assert result.range.low_mg_per_day == 2
