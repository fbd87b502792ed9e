"""SPEC, "FHIR lists" and the parts table: each rule of the FHIR reader, with examples that
read and near-misses that refuse (issue 17's FHIR families)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naltrexone_dose import (
    DailyDoseUnknownError,
    DoseError,
    ErrorReason,
    classify_dose,
)

UCUM = "http://unitsofmeasure.org"


def mg(value: float, code: str = "mg") -> dict[str, Any]:
    return {"value": value, "unit": code, "system": UCUM, "code": code}


def dosage(value: float = 4.5, code: str = "mg", **fields: Any) -> dict[str, Any]:
    return {"doseAndRate": [{"doseQuantity": mg(value, code)}], **fields}


def repeat(**fields: Any) -> dict[str, Any]:
    return {"repeat": fields}


DAILY = repeat(frequency=1, period=1, periodUnit="d")
BID = repeat(frequency=2, period=1, periodUnit="d")


def refused(resource: object, reason: ErrorReason, *words: str) -> DoseError:
    """classify_dose refuses with this reason, and the message names each of ``words``."""
    with pytest.raises(DoseError) as caught:
        classify_dose(resource)
    assert caught.value.reason is reason, caught.value.message
    for word in words:
        assert word in caught.value.message
    return caught.value


# -- timing: tim-10, no default period, a period alone is once per period -------------------


def test_when_and_time_of_day_together_break_tim_10_and_are_refused() -> None:
    resource = dosage(4.5, timing=repeat(when=["HS"], timeOfDay=["22:00:00"]))
    error = refused(resource, ErrorReason.CONFLICTING_FREQUENCY, "tim-10")
    assert isinstance(error, DailyDoseUnknownError)
    # Either alone is read: one administration a day.
    assert classify_dose(dosage(4.5, timing=repeat(when=["HS"]))).mg_per_day == Fraction(9, 2)
    alone = dosage(4.5, timing=repeat(timeOfDay=["22:00:00"]))
    assert classify_dose(alone).mg_per_day == Fraction(9, 2)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"frequency": 1}, "frequency"),
        ({"frequency": 2, "periodUnit": "d"}, "periodUnit"),
        ({"periodUnit": "d"}, "periodUnit"),
        ({"frequency": 1, "frequencyMax": 2}, "frequencyMax"),
        ({"frequency": 1, "period": 1}, "periodUnit"),
    ],
)
def test_a_frequency_or_period_unit_without_a_period_is_refused(
    fields: dict[str, Any], named: str
) -> None:
    refused(dosage(4.5, timing={"repeat": fields}), ErrorReason.FREQUENCY_UNKNOWN, named)


def test_a_period_without_a_frequency_is_once_per_period() -> None:
    resource = dosage(100, timing=repeat(period=2, periodUnit="d"))
    assert classify_dose(resource).mg_per_day == 50
    weekly = dosage(350, timing=repeat(period=1, periodUnit="wk"))
    assert classify_dose(weekly).mg_per_day == 50


# -- a rate in doseQuantity keeps the timing ---------------------------------------------------


@pytest.mark.parametrize(
    ("resource", "mg_per_day"),
    [
        (dosage(4.5, "mg/d", timing=DAILY), Fraction(9, 2)),
        (dosage(4.5, "mg/d", timing=repeat(when=["HS"])), Fraction(9, 2)),
        (dosage(4.5, "mg/d"), Fraction(9, 2)),
        (dosage(350, "mg/wk", timing=repeat(frequency=1, period=1, periodUnit="wk")), 50),
    ],
    ids=["mg/d daily", "mg/d at bedtime", "mg/d alone", "mg/wk weekly"],
)
def test_a_rate_with_a_timing_that_agrees_is_read(
    resource: dict[str, Any], mg_per_day: Fraction
) -> None:
    assert classify_dose(resource).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    "timing",
    [
        BID,
        repeat(frequency=1, period=2, periodUnit="d"),
        repeat(when=["MORN", "EVE"]),
        repeat(frequency=1, period=1, periodUnit="d", dayOfWeek=["mon", "wed"]),
    ],
    ids=["bid", "every 2 days", "two times of day", "two days a week"],
)
def test_a_rate_with_a_timing_that_disagrees_is_refused(timing: dict[str, Any]) -> None:
    refused(dosage(4.5, "mg/d", timing=timing), ErrorReason.CONFLICTING_FREQUENCY, "rate")


# -- route codes, by system and code --------------------------------------------------------

ROUTE_SYSTEMS = [
    ("http://snomed.info/sct", "26643006", "78421000"),
    ("http://standardterms.edqm.eu", "20053000", "20035000"),
    ("http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration", "PO", "IM"),
    ("http://hl7.org/fhir/v3/RouteOfAdministration", "PO", "IM"),
    ("urn:oid:2.16.840.1.113883.3.26.1.1", "C38288", "C28161"),
]
DEPOT_TIMING = repeat(frequency=1, period=4, periodUnit="wk")


def route(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    return {"coding": [coding if display is None else {**coding, "display": display}]}


@pytest.mark.parametrize(("system", "oral", "im"), ROUTE_SYSTEMS)
def test_route_codes_are_read_by_system_and_code(system: str, oral: str, im: str) -> None:
    by_mouth = classify_dose(dosage(4.5, timing=DAILY, route=route(system, oral)))
    assert by_mouth.mg_per_day == Fraction(9, 2)
    assert by_mouth.dose.route == "oral"
    depot = classify_dose(dosage(380, timing=DEPOT_TIMING, route=route(system, im)))
    assert depot.dose.route == "intramuscular"
    assert depot.mg_per_day is None
    # The intramuscular code with an oral daily dose is refused, as the words are.
    refused(dosage(50, timing=DAILY, route=route(system, im)), ErrorReason.UNSUPPORTED_ROUTE)


@pytest.mark.parametrize(
    ("system", "oral"),
    [
        ("urn:oid:2.16.840.1.113883.6.96", "26643006"),
        ("urn:oid:0.4.0.127.0.16.1.1.2.1", "20053000"),
        ("urn:oid:2.16.840.1.113883.5.112", "PO"),
    ],
    ids=["SNOMED CT", "EDQM", "v3-RouteOfAdministration"],
)
def test_a_route_system_may_be_named_by_its_registered_oid(system: str, oral: str) -> None:
    assert classify_dose(dosage(4.5, timing=DAILY, route=route(system, oral))).mg_per_day == 4.5


def test_an_nci_thesaurus_oral_code_with_its_display_is_read() -> None:
    resource = dosage(4.5, timing=DAILY, route=route(ROUTE_SYSTEMS[-1][0], "C38288", "Oral"))
    assert classify_dose(resource).mg_per_day == Fraction(9, 2)


@pytest.mark.parametrize(
    ("system", "code", "named"),
    [
        ("http://snomed.info/sct", "PO", "PO"),
        ("http://standardterms.edqm.eu", "26643006", "26643006"),
        ("http://ncit.nci.nih.gov", "C38288", "C38288"),
        ("", "PO", "no system"),
        ("http://snomed.info/sct", "47625008", "47625008"),
        ("http://snomed.info/sct", "ORAL", "ORAL"),
        ("http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration", "SL", "SL"),
    ],
    ids=["v3 code under SNOMED", "SNOMED code under EDQM", "NCI code under another system",
         "no system", "SNOMED intravenous", "not a code", "v3 sublingual"],
)  # fmt: skip
def test_a_route_code_under_another_system_is_refused(system: str, code: str, named: str) -> None:
    coding = {"code": code} if not system else {"system": system, "code": code}
    resource = dosage(4.5, timing=DAILY, route={"coding": [coding]})
    refused(resource, ErrorReason.UNSUPPORTED_ROUTE, named)


# -- dose[x] and rate[x] at the top of an STU3 / DSTU2 Dosage ---------------------------------


@pytest.mark.parametrize(
    ("resource", "mg_per_day"),
    [
        ({"doseQuantity": mg(4.5), "timing": DAILY}, Fraction(9, 2)),
        ({"doseRange": {"low": mg(1.5), "high": mg(4.5)}, "timing": DAILY}, Fraction(9, 2)),
        ({"rateQuantity": mg(4.5, "mg/d")}, Fraction(9, 2)),
        ({"dosageInstruction": [{"doseQuantity": mg(25), "timing": BID}]}, 50),
    ],
    ids=["doseQuantity", "doseRange", "rateQuantity", "in a list"],
)
def test_a_dose_at_the_top_of_an_stu3_dosage_is_one_dose_and_rate(
    resource: dict[str, Any], mg_per_day: Fraction
) -> None:
    assert classify_dose(resource).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    ("resource", "reason"),
    [
        ({"doseQuantity": mg(4.5), "doseAndRate": [{"doseQuantity": mg(4.5)}]},
         ErrorReason.MULTIPLE_AMOUNTS),
        ({"doseQuantity": mg(4.5), "rateQuantity": mg(4.5, "mg/d")}, ErrorReason.MULTIPLE_AMOUNTS),
        ({"rateRatio": {"numerator": mg(4.5), "denominator": {"value": 1, "code": "d"}}},
         ErrorReason.UNSUPPORTED_INPUT),
        ({"doseQuantity": mg(4.5), "timing": BID, "text": "4.5 mg daily"},
         ErrorReason.TEXT_DISAGREES),
    ],
    ids=["both forms", "dose and rate", "rate ratio", "text disagrees"],
)  # fmt: skip
def test_a_top_level_dose_near_miss_is_refused(
    resource: dict[str, Any], reason: ErrorReason
) -> None:
    refused(resource, reason)


# -- limits: maxDosePer* read exactly or refused ---------------------------------------------


def per(amount: float, value: float, unit: str | None) -> dict[str, Any]:
    denominator: dict[str, Any] = {"value": value}
    if unit is not None:
        denominator |= {"unit": unit, "system": UCUM, "code": unit}
    return {"numerator": mg(amount), "denominator": denominator}


DEPOT = dosage(380, timing=DEPOT_TIMING, route=route("http://snomed.info/sct", "78421000"))


@pytest.mark.parametrize(
    ("resource", "mg_per_day"),
    [
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(140, 1, "mo")), Fraction(9, 2)),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(1647, 1, "a")), Fraction(9, 2)),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(4.5, 24, "h")), Fraction(9, 2)),
        (dosage(2.25, timing=BID, maxDosePerPeriod=per(4.5, 1, "d")), Fraction(9, 2)),
        (dosage(4.5, timing=DAILY, maxDosePerLifetime=mg(1000)), Fraction(9, 2)),
        (dosage(4.5, timing=DAILY, maxDosePerAdministration=mg(4.5)), Fraction(9, 2)),
        ({**DEPOT, "maxDosePerPeriod": per(380, 4, "wk")}, None),
        ({**DEPOT, "maxDosePerPeriod": per(760, 1, "mo")}, None),
    ],
    ids=["per month", "per year", "per 24 h", "bid per day", "lifetime", "per administration",
         "depot per 4 weeks", "depot per month, two injections"],
)  # fmt: skip
def test_limits_that_the_dose_keeps_to_are_read(
    resource: dict[str, Any], mg_per_day: Fraction | None
) -> None:
    assert classify_dose(resource).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    ("resource", "reason", "named"),
    [
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(100, 1, "mo")),
         ErrorReason.MEANING_CHANGED, "100 mg per 1 mo"),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(130, 1, "mo")),
         ErrorReason.PER_MONTH, "longer"),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(1000, 1, "a")),
         ErrorReason.MEANING_CHANGED, "1000 mg per 1 a"),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(1645, 1, "a")),
         ErrorReason.PER_MONTH, "longer"),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod=per(3, 1, None)), ErrorReason.NO_UNIT, "unit"),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod={"numerator": mg(3),
                                                     "denominator": {"value": 1, "unit": "day"}}),
         ErrorReason.UNKNOWN_UNIT, "'day'"),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod={"numerator": mg(9)}),
         ErrorReason.NO_UNIT, "denominator"),
        (dosage(4.5, timing=DAILY, maxDosePerPeriod={"numerator": mg(9, "mg/d"),
                                                     "denominator": mg(1, "d")}),
         ErrorReason.NOT_A_MASS, "numerator"),
        (dosage(100, timing=repeat(frequency=1, period=2, periodUnit="d"),
                maxDosePerPeriod=per(50, 1, "d")), ErrorReason.MEANING_CHANGED, "50 mg per 1 d"),
        (dosage(4.5, timing=DAILY, maxDosePerLifetime=mg(3)),
         ErrorReason.MEANING_CHANGED, "maxDosePerLifetime"),
        ({**DEPOT, "maxDosePerPeriod": per(380, 1, "mo")}, ErrorReason.PER_MONTH, "380 mg"),
    ],
    ids=["above per month", "some months only", "above per year", "leap years only",
         "no unit code", "unit text not UCUM", "no denominator", "a rate as the limit",
         "every other day above a daily limit", "lifetime below one dose", "depot per month"],
)  # fmt: skip
def test_limits_are_read_exactly_or_refused(
    resource: dict[str, Any], reason: ErrorReason, named: str
) -> None:
    refused(resource, reason, named)


# -- the resource around the dosage: the drug and modifierExtension ------------------------


def request(**fields: Any) -> dict[str, Any]:
    return {
        "resourceType": "MedicationRequest",
        "status": "active",
        "dosageInstruction": [dosage(4.5, timing=DAILY)],
        **fields,
    }


def contained(**fields: Any) -> dict[str, Any]:
    return {
        "contained": [{"resourceType": "Medication", "id": "med", **fields}],
        "medicationReference": {"reference": "#med"},
    }


@pytest.mark.parametrize(
    "resource",
    [
        request(**contained(code={"text": "Naltrexone 4.5 mg capsule"})),
        request(**contained(code={"coding": [{"display": "naltrexone hydrochloride"}]},
                            ingredient=[{"itemCodeableConcept": {"text": "naltrexone"}}])),
        request(medicationCodeableConcept={"coding": [{"display": "Naltrexone 50 MG Oral Tablet"}]}),
        request(extension=[{"url": "http://example.org/note", "valueString": "pharmacy"}]),
    ],
    ids=["contained naltrexone", "ingredient naltrexone", "coding display", "plain extension"],
)  # fmt: skip
def test_a_request_for_naltrexone_is_read(resource: dict[str, Any]) -> None:
    assert classify_dose(resource).mg_per_day == Fraction(9, 2)


@pytest.mark.parametrize(
    ("resource", "reason", "named"),
    [
        (request(**contained(code={"text": "Buprenorphine 8 mg"})),
         ErrorReason.OTHER_DRUG, "buprenorphine"),
        (request(**contained(code={"text": "Contrave"},
                             ingredient=[{"itemCodeableConcept": {"text": "bupropion"}}])),
         ErrorReason.OTHER_DRUG, "bupropion"),
        (request(**contained(code={"text": "LDN"},
                             ingredient=[{"item": {"concept": {"text": "naloxone"}}}])),
         ErrorReason.OTHER_DRUG, "naloxone"),
        (request(medicationCodeableConcept={"coding": [{"display": "Methadone 10 mg"}]}),
         ErrorReason.OTHER_DRUG, "methadone"),
        (request(medicationReference={"display": "Naloxone 0.4 mg"}),
         ErrorReason.OTHER_DRUG, "naloxone"),
        (request(modifierExtension=[{"url": "http://example.org/not-given", "valueBoolean": True}]),
         ErrorReason.UNSUPPORTED_INPUT, "http://example.org/not-given"),
        (request(**contained(code={"text": "naltrexone"},
                             modifierExtension=[{"url": "http://example.org/x"}])),
         ErrorReason.UNSUPPORTED_INPUT, "modifierExtension"),
    ],
    ids=["contained other drug", "contained ingredient", "R5 ingredient", "coding display",
         "reference display", "resource modifierExtension", "medication modifierExtension"],
)  # fmt: skip
def test_another_drug_or_a_modifier_extension_on_the_resource_is_refused(
    resource: dict[str, Any], reason: ErrorReason, named: str
) -> None:
    refused(resource, reason, named)


# -- a text-only Dosage: read from its text, every other field still applies -----------------

ORAL = route("http://snomed.info/sct", "26643006")
IV = route("http://snomed.info/sct", "47625008")
TEXT = {"text": "4.5 mg at bedtime"}


@pytest.mark.parametrize(
    "resource",
    [
        TEXT,
        {"patientInstruction": "4.5 mg at bedtime"},
        {**TEXT, "route": ORAL},
        {**TEXT, "timing": DAILY},
        {**TEXT, "timing": repeat(when=["HS"])},
        {**TEXT, "maxDosePerPeriod": per(4.5, 1, "d")},
        {**TEXT, "patientInstruction": "Take 4.5 mg every night"},
        {**TEXT, "additionalInstruction": [{"text": "with food"}]},
    ],
    ids=["text", "patientInstruction", "oral route", "daily timing", "when HS", "limit kept",
         "instruction agrees", "with food"],
)  # fmt: skip
def test_a_text_only_dosage_is_read_from_its_text(resource: dict[str, Any]) -> None:
    assert classify_dose(resource).mg_per_day == Fraction(9, 2)


def test_a_text_only_depot_with_its_route_is_the_depot() -> None:
    resource = {
        "text": "380 mg every 4 weeks",
        "route": route("http://snomed.info/sct", "78421000"),
    }
    assert classify_dose(resource).dose.route == "intramuscular"


@pytest.mark.parametrize(
    ("resource", "reason", "named"),
    [
        ({**TEXT, "route": IV}, ErrorReason.UNSUPPORTED_ROUTE, "47625008"),
        ({**TEXT, "route": route("http://snomed.info/sct", "78421000")},
         ErrorReason.UNSUPPORTED_ROUTE, "intramuscular"),
        ({**TEXT, "timing": BID}, ErrorReason.TEXT_DISAGREES, "how often"),
        ({**TEXT, "maxDosePerPeriod": per(3, 1, "d")}, ErrorReason.MEANING_CHANGED, "3 mg per 1 d"),
        ({**TEXT, "maxDosePerAdministration": mg(3)},
         ErrorReason.MEANING_CHANGED, "maxDosePerAdministration"),
        ({**TEXT, "asNeededBoolean": True}, ErrorReason.FREQUENCY_UNKNOWN, "as needed"),
        ({**TEXT, "additionalInstruction": [{"text": "stop if rash"}]},
         ErrorReason.TEXT_DISAGREES, "stop"),
        ({**TEXT, "patientInstruction": "3 mg at bedtime"}, ErrorReason.TEXT_DISAGREES, "3 mg"),
        ({**TEXT, "method": {"text": "Inhale"}}, ErrorReason.UNSUPPORTED_ROUTE, "Inhale"),
        ({**TEXT, "extension": [{"url": "http://example.org/x"}]},
         ErrorReason.UNSUPPORTED_INPUT, "http://example.org/x"),
        ({**TEXT, "timing": repeat(frequency=1)}, ErrorReason.FREQUENCY_UNKNOWN, "period"),
    ],
    ids=["intravenous route", "intramuscular route", "timing bid", "daily limit",
         "per administration", "as needed", "stop in an instruction", "instruction disagrees",
         "method inhale", "extension", "timing without a period"],
)  # fmt: skip
def test_a_text_only_dosage_keeps_every_other_field(
    resource: dict[str, Any], reason: ErrorReason, named: str
) -> None:
    refused(resource, reason, named)


# -- text fields: a second reading that agrees, an unread text warned, meaning words refused --


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("text", "1 Kapsel abends einnehmen"),
        ("patientInstruction", "1 gélule le soir"),
        ("additionalInstruction", "mit Wasser einnehmen"),
        ("text", "4,5 mg zur Nacht"),
        ("patientInstruction", "4.5 mg zur Nacht"),
    ],
    ids=["German text", "French instruction", "German note", "decimal comma", "mass agrees"],
)
def test_a_text_the_reader_cannot_read_leaves_a_warning_that_names_it(key: str, text: str) -> None:
    value: object = [{"text": text}] if key == "additionalInstruction" else text
    result = classify_dose(dosage(4.5, timing=DAILY, **{key: value}))
    assert result.mg_per_day == Fraction(9, 2)
    [warning] = [w for w in result.warnings if w.code == "unread_text"]
    assert key in warning.written
    assert text[:20] in warning.written


def test_a_text_that_is_read_and_agrees_leaves_no_warning() -> None:
    result = classify_dose(dosage(4.5, timing=DAILY, text="4.5 mg once daily at bedtime"))
    assert "unread_text" not in [w.code for w in result.warnings]
    with_food = dosage(2.25, timing=BID, additionalInstruction=[{"text": "with food"}])
    assert classify_dose(with_food).warnings == ()
    directed = dosage(2.25, timing=BID, patientInstruction="take as directed")
    assert classify_dose(directed).warnings == ()
    # Without a structured frequency, "as directed" says nothing of how often: refused.
    refused(dosage(4.5, patientInstruction="take as directed"), ErrorReason.TEXT_DISAGREES)


@pytest.mark.parametrize(
    ("fields", "reason", "named"),
    [
        ({"text": "bei Bedarf"}, ErrorReason.FREQUENCY_UNKNOWN, "as needed"),
        ({"patientInstruction": "si besoin"}, ErrorReason.FREQUENCY_UNKNOWN, "as needed"),
        ({"additionalInstruction": [{"text": "1 Kapsel bei Bedarf"}]},
         ErrorReason.FREQUENCY_UNKNOWN, "as needed"),
        ({"text": "Kapsel stop"}, ErrorReason.TEXT_DISAGREES, "stop"),
        ({"patientInstruction": "1 Kapsel, max 2 am Tag"}, ErrorReason.TEXT_DISAGREES, "max"),
        ({"text": "3 mg zur Nacht"}, ErrorReason.TEXT_DISAGREES, "3 mg"),
        ({"text": "2 capsules abends"}, ErrorReason.TEXT_DISAGREES, "count"),
        ({"text": "Kapsel twice daily"}, ErrorReason.TEXT_DISAGREES, "frequency"),
        ({"text": "1 Kapsel mit Methadon, methadone"}, ErrorReason.TEXT_DISAGREES, "methadone"),
        ({"text": "1 Kapsel. Don\u2019t take it"}, ErrorReason.TEXT_DISAGREES, "don't"),
    ],
    ids=["bei Bedarf", "si besoin", "as needed in a note", "stop beside unread words",
         "max beside unread words", "another mass", "another count", "another frequency",
         "another drug", "a typographic apostrophe"],
)  # fmt: skip
def test_a_meaning_word_or_a_clash_in_a_text_refuses(
    fields: dict[str, Any], reason: ErrorReason, named: str
) -> None:
    refused(dosage(4.5, timing=DAILY, **fields), reason, named)


# -- dosageInstruction lists -------------------------------------------------------------------


def listed(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"resourceType": "MedicationRequest", "dosageInstruction": list(entries)}


def timed(value: float, **fields: Any) -> dict[str, Any]:
    return dosage(value, timing=repeat(**fields))


def daily_in(value: float, start: str | None, end: str | None, **extra: Any) -> dict[str, Any]:
    period = {key: day for key, day in (("start", start), ("end", end)) if day is not None}
    fields = {"frequency": 1, "period": 1, "periodUnit": "d", "boundsPeriod": period}
    return {**timed(value, **fields), **extra}


WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


@pytest.mark.parametrize(
    ("resource", "mg_per_day", "steps"),
    [
        (listed(timed(1.5, when=["MORN"]), timed(3, when=["EVE"])), Fraction(9, 2), []),
        (listed(timed(1.5, timeOfDay=["08:00"]), timed(3, timeOfDay=["20:00:00"])),
         Fraction(9, 2), []),
        (listed(timed(1, when=["MORN"]), timed(1, when=["NOON"]), timed(1, when=["EVE"]),
                timed(1.5, when=["NIGHT"])), Fraction(9, 2), []),
        (listed(timed(50, frequency=1, period=1, periodUnit="d", dayOfWeek=WEEKDAYS),
                timed(100, frequency=1, period=1, periodUnit="d", dayOfWeek=["sat"])), 50, []),
        (listed({**dosage(25, timing=DAILY), "sequence": 1},
                {**dosage(50, timing=DAILY), "sequence": 2}), 50, [25, 50]),
        (listed({**dosage(50, timing=DAILY), "sequence": 2},
                {**dosage(25, timing=DAILY), "sequence": 1}), 50, [25, 50]),
        (listed(daily_in(50, "2024-01-02", None), daily_in(25, "2024-01-01", "2024-01-01")),
         50, [25, 50]),
        (listed(daily_in(1.5, "2024-01", "2024-01"), daily_in(3, "2024-02-01", "2024-02-29"),
                daily_in(4.5, "2024-03-01T00:00:00Z", None)), Fraction(9, 2), [1.5, 3, 4.5]),
        (listed({**timed(1.5, when=["MORN"], boundsPeriod={"start": "2024-01-01", "end": "2024-01-07"})},
                {**timed(1.5, when=["EVE"], boundsPeriod={"start": "2024-01-01", "end": "2024-01-07"})},
                daily_in(4.5, "2024-01-08", None)), Fraction(9, 2), [3, 4.5]),
        (listed({"text": "4.5 mg at bedtime"}, timed(4.5, when=["HS"])), Fraction(9, 2), []),
        (listed({"text": "1.5 mg in the morning and 3 mg at night"}, timed(1.5, when=["MORN"]),
                timed(3, when=["NIGHT"])), Fraction(9, 2), []),
        (listed({"text": "25 mg daily"}), 25, []),
    ],
    ids=["morning and evening", "two clock times", "1-1-1-1.5 scheme", "weekdays and saturday",
         "sequences", "sequences out of order", "bounds out of order", "three bounded steps",
         "a scheme, then a step", "text twin", "text restating two entries", "text alone"],
)  # fmt: skip
def test_list_entries_add_up_or_follow_each_other_as_spec_says(
    resource: dict[str, Any], mg_per_day: Fraction, steps: list[float]
) -> None:
    result = classify_dose(resource)
    assert result.mg_per_day == mg_per_day
    assert [step.mg_per_day for step in result.steps] == [Fraction(str(s)) for s in steps]


@pytest.mark.parametrize(
    ("resource", "reason", "named"),
    [
        (listed(timed(4.5, when=["HS"]), timed(4.5, when=["HS"])),
         ErrorReason.AMBIGUOUS_ENTRIES, "written twice"),
        (listed(dosage(4.5, timing=DAILY), dosage(3, timing=DAILY)),
         ErrorReason.AMBIGUOUS_ENTRIES, "dosageInstruction[1]"),
        (listed(dosage(4.5, timing=DAILY), timed(3, frequency=1, period=24, periodUnit="h")),
         ErrorReason.AMBIGUOUS_ENTRIES, "times of administration"),
        (listed(dosage(4.5), dosage(3)), ErrorReason.AMBIGUOUS_ENTRIES, "one sequence"),
        (listed(timed(1.5, when=["MORN"]), dosage(3, timing=DAILY)),
         ErrorReason.AMBIGUOUS_ENTRIES, "times of administration"),
        (listed(timed(1.5, when=["MORN", "EVE"]), timed(3, when=["EVE"])),
         ErrorReason.AMBIGUOUS_ENTRIES, "times of administration"),
        (listed(timed(1.5, when=["MORN"]), timed(3, when=["WAKE"])),
         ErrorReason.AMBIGUOUS_ENTRIES, "times of administration"),
        (listed(timed(1.5, when=["MORN"]), timed(3, timeOfDay=["20:00"])),
         ErrorReason.AMBIGUOUS_ENTRIES, "times of administration"),
        (listed(timed(1.5, timeOfDay=["08:00"]), timed(3, timeOfDay=["08:00:00"])),
         ErrorReason.AMBIGUOUS_ENTRIES, "times of administration"),
        (listed(daily_in(25, "2024-01-01", "2024-01-07"), dosage(50, timing=DAILY)),
         ErrorReason.AMBIGUOUS_ENTRIES, "place it in time"),
        (listed(daily_in(25, "2024-01-01", "2024-01-10"), daily_in(50, "2024-01-08", None)),
         ErrorReason.AMBIGUOUS_ENTRIES, "overlap"),
        (listed(daily_in(25, "2024-01-01", "2024-01-08"), daily_in(50, "2024-01-08", None)),
         ErrorReason.AMBIGUOUS_ENTRIES, "overlap"),
        (listed(timed(25, frequency=1, period=1, periodUnit="d", boundsDuration=mg(7, "d")),
                timed(50, frequency=1, period=1, periodUnit="d", boundsDuration=mg(30, "d"))),
         ErrorReason.AMBIGUOUS_ENTRIES, "place it in time"),
        (listed({"text": "4.5 mg at bedtime"}, {"text": "4.5 mg at bedtime"}),
         ErrorReason.AMBIGUOUS_ENTRIES, "text alone"),
        (listed({"text": "3 mg at bedtime"}, timed(4.5, when=["HS"])),
         ErrorReason.TEXT_DISAGREES, "restatement"),
        (listed({"sequence": 1, **dosage(25, timing=DAILY)}, dosage(50, timing=DAILY)),
         ErrorReason.AMBIGUOUS_ENTRIES, "sequence"),
        (listed(daily_in(25, "2024-01-07", "2024-01-01"), daily_in(50, "2024-01-08", None)),
         ErrorReason.UNSUPPORTED_INPUT, "ends before it starts"),
        (listed(daily_in(25, "2024-13-01", None), daily_in(50, "2024-01-08", None)),
         ErrorReason.UNSUPPORTED_INPUT, "2024-13-01"),
    ],
    ids=["same time twice", "daily beside daily", "daily written two ways", "no timing twice",
         "a time beside daily", "times shared", "morning twice (MORN, WAKE)",
         "a part of the day beside a clock time", "one clock time two ways",
         "bounded beside open", "bounds overlap", "bounds share a day", "durations only",
         "two text-only entries", "text twin disagrees", "sequence on one entry only",
         "bounds end before start", "not a date"],
)  # fmt: skip
def test_list_entries_that_are_neither_together_nor_in_order_are_refused(
    resource: dict[str, Any], reason: ErrorReason, named: str
) -> None:
    refused(resource, reason, named)


def test_an_unread_text_in_any_entry_warns_on_the_list_result() -> None:
    resource = listed(
        {**timed(1.5, when=["MORN"]), "patientInstruction": "morgens nüchtern"},
        timed(3, when=["EVE"]),
    )
    result = classify_dose(resource)
    assert result.mg_per_day == Fraction(9, 2)
    assert [w.code for w in result.warnings] == ["unread_text"]
    assert "dosageInstruction[0].patientInstruction" in result.warnings[0].written


def test_a_limit_on_one_entry_holds_for_the_entries_taken_with_it() -> None:
    limit = {"maxDosePerPeriod": per(3, 1, "d")}
    resource = listed({**timed(1.5, when=["MORN"]), **limit}, timed(3, when=["EVE"]))
    refused(resource, ErrorReason.MEANING_CHANGED, "dosageInstruction[0].maxDosePerPeriod[0]")
    kept = {"maxDosePerPeriod": per(3, 1, "d")}
    uneven = listed({**timed(2, when=["MORN"]), **kept}, timed(1, when=["EVE"]))
    assert classify_dose(uneven).mg_per_day == 3


HS = repeat(when=["HS"])


def test_a_text_only_twin_the_reader_cannot_read_warns_beside_its_structured_twin() -> None:
    result = classify_dose(listed({"text": "1 Kapsel zur Nacht"}, timed(4.5, when=["HS"])))
    assert result.mg_per_day == Fraction(9, 2)
    [warning] = result.warnings
    assert warning.code == "unread_text"
    assert warning.written == "dosageInstruction[0].text: 1 Kapsel zur Nacht"


@pytest.mark.parametrize(
    ("first", "reason", "named"),
    [
        ({"text": "1 Kapsel zur Nacht"}, ErrorReason.UNKNOWN_UNIT, "Kapsel"),
        ({"text": "1 Kapsel zur Nacht, stop"}, ErrorReason.MEANING_CHANGED, "stop"),
        ({"text": "3 mg zur Nacht"}, ErrorReason.TEXT_DISAGREES, "3 mg"),
        ({"text": "1 tablet twice daily"}, ErrorReason.TEXT_DISAGREES, "twice daily"),
        ({"text": "1 Kapsel zur Nacht", "timing": BID}, ErrorReason.TEXT_DISAGREES, "timing"),
        ({"text": "1 Kapsel zur Nacht", "route": IV}, ErrorReason.UNSUPPORTED_ROUTE, "47625008"),
        ({"text": "1 Kapsel", "maxDosePerPeriod": per(3, 1, "d")},
         ErrorReason.MEANING_CHANGED, "maxDosePerPeriod"),
    ],
    ids=["no structured twin", "a meaning word", "another mass", "another frequency",
         "its timing disagrees", "its route", "its limit"],
)  # fmt: skip
def test_a_text_only_twin_still_refuses_what_changes_the_dose(
    first: dict[str, Any], reason: ErrorReason, named: str
) -> None:
    entries = [first] if named == "Kapsel" else [first, timed(4.5, when=["HS"])]
    refused(listed(*entries), reason, named)


@pytest.mark.parametrize(
    ("fields", "mg_per_day"),
    [
        ({"when": ["MORN", "MORN"]}, Fraction(9, 2)),
        ({"timeOfDay": ["08:00", "08:00:00"]}, Fraction(9, 2)),
        ({"when": ["CM", "CD", "CV"]}, Fraction(27, 2)),
        ({"when": ["AC"], "frequency": 3, "period": 1, "periodUnit": "d"}, Fraction(27, 2)),
        ({"when": ["C"], "period": 1, "periodUnit": "d"}, Fraction(9, 2)),
    ],
    ids=[
        "one code twice",
        "one clock time two ways",
        "three named meals",
        "ac three a day",
        "a meal once a day",
    ],
)
def test_times_of_day_written_twice_are_one_time(
    fields: dict[str, Any], mg_per_day: Fraction
) -> None:
    assert classify_dose(dosage(4.5, timing={"repeat": fields})).mg_per_day == mg_per_day


@pytest.mark.parametrize(
    ("fields", "reason", "named"),
    [
        ({"when": ["MORN", "WAKE"]}, ErrorReason.CONFLICTING_FREQUENCY, "one part of the day"),
        ({"when": ["HS", "NIGHT"]}, ErrorReason.CONFLICTING_FREQUENCY, "one part of the day"),
        ({"when": ["AC"]}, ErrorReason.FREQUENCY_UNKNOWN, "how many a day"),
        ({"when": ["IMD"]}, ErrorReason.FREQUENCY_UNKNOWN, "how many a day"),
        ({"when": ["IMD", "MORN"]}, ErrorReason.FREQUENCY_UNKNOWN, "immediately"),
    ],
    ids=["MORN and WAKE", "HS and NIGHT", "ac alone", "IMD alone", "IMD and MORN"],
)
def test_times_of_day_that_may_be_one_administration_or_none_are_refused(
    fields: dict[str, Any], reason: ErrorReason, named: str
) -> None:
    refused(dosage(4.5, timing={"repeat": fields}), reason, named)


@pytest.mark.parametrize(
    ("first_end", "second_start", "apart"),
    [
        ("2023", "2024-01-01", True),
        ("2023", "2023-12-31", False),
        ("2023-12", "2024-01-01", True),
        ("2023-12", "2023-12-31T23:00:00Z", False),
        ("2024-01-07T23:59:59Z", "2024-01-08T00:00:00Z", True),
        ("2024-01-08T00:00:00Z", "2024-01-08T00:00:00Z", False),
        ("2024-01-08T01:00:00+02:00", "2024-01-07T22:30:00Z", False),
        ("2024-01-08T01:00:00+02:00", "2024-01-07T23:00:01Z", True),
    ],
)
def test_bounds_are_compared_at_their_own_precision_and_zone(
    first_end: str, second_start: str, apart: bool
) -> None:
    resource = listed(daily_in(25, None, first_end), daily_in(50, second_start, None))
    if apart:
        assert [s.mg_per_day for s in classify_dose(resource).steps] == [25, 50]
    else:
        refused(resource, ErrorReason.AMBIGUOUS_ENTRIES, "overlap")


@pytest.mark.parametrize(
    "day",
    [
        "9999-12-31",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+01:00",
        "2024-02-30",
        "soon",
        "2024-01-01T25:00:00Z",
    ],
)
def test_a_bound_that_is_no_date_is_refused_as_such(day: str) -> None:
    resource = listed(daily_in(25, None, day), daily_in(50, "2024-01-08", None))
    refused(resource, ErrorReason.UNSUPPORTED_INPUT, day[:10])


# -- anything shaped like a request: a result or the library's own error ---------------------

_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(-3, 30)
    | st.sampled_from(
        [
            "mg",
            "d",
            "wk",
            "mo",
            "a",
            "h",
            "HS",
            "MORN",
            "EVE",
            "C",
            "08:00",
            "mon",
            "sat",
            "2024-01-01",
            "2024-13",
            "9999-12-31",
            "26643006",
            "C38288",
            "PO",
            "naloxone",
            "1 Kapsel",
            "4.5 mg at bedtime",
            "stop",
            "bei Bedarf",
            "Medication",
            "#m",
            "",
        ]
    )
    | st.floats(allow_nan=True)
)
_KEYS = st.sampled_from(
    ["dosageInstruction", "sequence", "timing", "repeat", "when", "timeOfDay", "dayOfWeek",
     "frequency", "period", "periodUnit", "boundsPeriod", "start", "end", "boundsDuration",
     "doseAndRate", "doseQuantity", "doseRange", "low", "high", "value", "code", "unit",
     "system", "text", "patientInstruction", "additionalInstruction", "route", "coding",
     "maxDosePerPeriod", "numerator", "denominator", "maxDosePerLifetime", "contained",
     "resourceType", "ingredient", "itemCodeableConcept", "medicationReference",
     "modifierExtension", "rateQuantity"]
)  # fmt: skip


@pytest.mark.property
@given(st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=5), max_leaves=25))  # fmt: skip
def test_anything_shaped_like_a_fhir_request_gives_a_result_or_a_dose_error(value: object) -> None:
    try:
        classify_dose(value)
    except DoseError:
        return


@pytest.mark.parametrize(
    "repeat_fields",
    [{}, {"boundsPeriod": {"start": "2024-01-08"}}, {"boundsDuration": mg(30, "d")}],
    ids=["empty", "bounds", "duration"],
)
def test_a_repeat_with_no_schedule_is_no_timing_and_says_its_assumption(
    repeat_fields: dict[str, Any],
) -> None:
    result = classify_dose(dosage(4.5, timing={"repeat": repeat_fields}))
    assert result.mg_per_day == Fraction(9, 2)
    assert result.dose.basis.value == "assumed_daily"
    with_frequency = classify_dose(
        dosage(4.5, timing=repeat(period=1, periodUnit="d", **repeat_fields))
    )
    assert with_frequency.dose.basis.value == "frequency"
