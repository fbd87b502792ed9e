"""FHIR R4/R5 Quantity and Dosage, read from plain dicts (no FHIR package needed), and the
FHIR Quantity written for a result.

A Dosage becomes the same mentions dose text would give (a mass, a frequency, a route) and
goes to `._resolve.resolve`. Every field that can change the daily dose is read exactly or
refused, never ignored:

- ``doseAndRate``: one entry (or dose[x]/rate[x] at the top of an STU3 Dosage);
  ``doseQuantity``, ``doseRange`` (both ends classified) or ``rateQuantity``; a rate ratio
  or range is refused; a rate in ``doseQuantity`` must agree with the timing.
- ``timing.repeat``: ``frequency``/``frequencyMax`` per ``period``/``periodMax``
  ``periodUnit`` (a range: the high end decides, the low end is recorded; no period is
  assumed); ``when`` or ``timeOfDay``, never both (several entries: several administrations
  a day); ``dayOfWeek`` (days a
  week); ``count``, ``bounds*`` and ``duration`` (how long, or how long one administration
  takes: they do not change the daily dose); ``timing.code`` (HL7 TimingAbbreviation: read
  alone, or checked against the repeat); ``timing.event`` is refused.
- ``asNeeded*`` and the R4 ``asNeededFor`` extension: refused; ``route``: by system and
  code, oral read, intramuscular is the depot rule, any other refused; ``text``,
  ``patientInstruction`` and ``additionalInstruction`` must agree with the structure (a text
  the reader cannot read leaves a warning); a Dosage with text alone is read from it, its
  other fields still applying; ``maxDosePer*`` are limits read exactly; any other
  extension, a ``modifierExtension`` or an unknown field is refused; a field of the wrong
  JSON type is a `DoseError` naming the field.
- A list of Dosage entries (``dosageInstruction``): different sequences are steps; within
  one, entries at different times add up and entries in bounds that do not overlap are steps
  (`._fhir_lists`); any other pair is refused.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ._bands import default_band_table
from ._errors import (
    DailyDoseUnknownError,
    DoseError,
    DoseSyntaxError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
)
from ._fhir_lists import PART_OF_DAY, Entry, blocks, clock_time, entry, text_only_alone
from ._format import format_amount
from ._inputs import frequency_mention, number_mentions, read_number, read_text
from ._mentions import FrequencyMention, Mentions, Part
from ._models import VIEWS, DailyDoseBasis
from ._numbers import exact_number, read_decimal
from ._resolve import concurrent, in_steps, make_warnings, resolve
from ._scan import scan
from ._text import normalize
from ._units import BY_SYMBOL, BY_UCUM, UnitKind
from ._vocabulary import (
    MEANING_WORDS,
    OTHER_DRUGS,
    OTHER_ROUTE_WORDS,
    FrequencyKind,
    FrequencyWord,
)

if TYPE_CHECKING:
    from ._models import Dose, Regimen

UCUM_SYSTEM = "http://unitsofmeasure.org"
_GTS_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"
_MONTHLY = Fraction(-1)  # a marker: once a month (no fixed length in days)
#: HL7 TimingAbbreviation codes: administrations a day (or once a month).
TIMING_CODES: dict[str, Fraction] = {
    "QD": Fraction(1), "AM": Fraction(1), "PM": Fraction(1), "BED": Fraction(1),
    "BID": Fraction(2), "TID": Fraction(3), "QID": Fraction(4), "QOD": Fraction(1, 2),
    "Q1H": Fraction(24), "Q2H": Fraction(12), "Q3H": Fraction(8), "Q4H": Fraction(6),
    "Q6H": Fraction(4), "Q8H": Fraction(3), "WK": Fraction(1, 7), "MO": _MONTHLY,
}  # fmt: skip
# Routes, by code system and code (SPEC, "FHIR lists"), and by words in their text or display.
# A code system is named by its URL or by its registered OID (the same system).
_V3_ROUTES = ("PO", "IM")
_NCI_ROUTES = ("C38288", "C28161")
_ROUTE_CODES: dict[str, tuple[str, str]] = {
    "http://snomed.info/sct": ("26643006", "78421000"),
    "urn:oid:2.16.840.1.113883.6.96": ("26643006", "78421000"),
    "http://standardterms.edqm.eu": ("20053000", "20035000"),
    "urn:oid:0.4.0.127.0.16.1.1.2.1": ("20053000", "20035000"),
    "http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration": _V3_ROUTES,
    "http://hl7.org/fhir/v3/RouteOfAdministration": _V3_ROUTES,
    "urn:oid:2.16.840.1.113883.5.112": _V3_ROUTES,
    "urn:oid:2.16.840.1.113883.3.26.1.1": _NCI_ROUTES,
}
_ORAL_WORDS = re.compile(r"\b(oral\w*|by mouth|per os|p\.?o\.?|swallow\w*)\b", re.IGNORECASE)
_IM_WORDS = re.compile(r"\b(intramuscular\w*|i\.?m\.?|intramuskul\w*)\b", re.IGNORECASE)
_AS_NEEDED_WORDS = re.compile(
    r"\b(prn|p\.r\.n\.?|as needed|when needed|if needed|as required|when required|"
    r"on demand|bei bedarf|si besoin|au besoin|zo nodig|vid behov|al bisogno)\b",
    re.IGNORECASE,
)
_DOSAGE_FIELDS = frozenset({
    "id", "extension", "modifierExtension", "sequence", "text", "additionalInstruction",
    "patientInstruction", "timing", "asNeeded", "asNeededBoolean", "asNeededCodeableConcept",
    "asNeededFor", "site", "route", "method", "doseAndRate", "maxDosePerPeriod",
    "maxDosePerAdministration", "maxDosePerLifetime", "resourceType",
})  # fmt: skip
_TIMING_FIELDS = frozenset({"id", "extension", "modifierExtension", "event", "repeat", "code"})
_REPEAT_FIELDS = frozenset({
    "id", "frequency", "frequencyMax", "period", "periodMax", "periodUnit", "dayOfWeek",
    "timeOfDay", "when", "offset", "count", "countMax", "duration", "durationMax",
    "durationUnit", "boundsDuration", "boundsRange", "boundsPeriod",
})  # fmt: skip
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Refusals of a Dosage.text that only say the text holds no dose of its own.
_NO_DOSE_IN_TEXT = frozenset(
    {ErrorReason.NO_AMOUNT, ErrorReason.COUNT_WITHOUT_MASS, ErrorReason.NO_UNIT, ErrorReason.EMPTY}
)
# The statuses of a MedicationRequest or MedicationStatement under which the dose is taken.
_TAKEN_STATUSES = frozenset({"active"})
# FHIR EventTiming codes for timing.repeat.when.
_EVENT_TIMING = frozenset({
    "MORN", "MORN.early", "MORN.late", "NOON", "AFT", "AFT.early", "AFT.late", "EVE",
    "EVE.early", "EVE.late", "NIGHT", "PHS", "IMD", "HS", "WAKE", "C", "CM", "CD", "CV",
    "AC", "ACM", "ACD", "ACV", "PC", "PCM", "PCD", "PCV",
})  # fmt: skip
_QUANTITY_FIELDS = frozenset({"id", "extension", "value", "comparator", "unit", "system", "code"})
_DOSE_AND_RATE_FIELDS = frozenset(
    {"id", "extension", "type", "doseRange", "doseQuantity", "rateRatio", "rateRange",
     "rateQuantity"}
)  # fmt: skip

#: dose[x] and rate[x] at the top of an STU3 or DSTU2 Dosage.
_TOP_LEVEL_DOSES = _DOSE_AND_RATE_FIELDS - {"id", "extension", "type"}


def _fail(message: str) -> DoseTypeError:
    return DoseTypeError(message, ErrorReason.UNSUPPORTED_INPUT)


def _typed(value: object, kind: type | tuple[type, ...], where: str, expected: str) -> Any:
    """``value`` if it is of the JSON type a field has; else a DoseTypeError naming it."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        msg = f"{where} is {type(value).__name__}; a FHIR {where} is {expected}"
        raise _fail(msg)
    return value


def _number(value: object, where: str) -> Fraction:
    if isinstance(value, str):
        try:
            return read_decimal(value.strip())
        except DoseSyntaxError as error:
            msg = f"{where} is {value[:40]!r}: {error}"
            raise DoseSyntaxError(msg, error.reason) from None
    try:
        return exact_number(value, where)
    except DoseError as error:
        raise type(error)(error.message, error.reason) from None


def _quantity_parts(quantity: object, where: str) -> tuple[Fraction, str]:
    """The value and unit of a FHIR Quantity of a mass (or mass rate)."""
    if not isinstance(quantity, dict):
        msg = f"{where} must be a FHIR Quantity object with 'value' and 'unit' or 'code'"
        raise _fail(msg)
    if quantity.get("comparator") is not None:
        msg = (
            f"{where} has the comparator {str(quantity['comparator'])[:8]!r}: a bound is not a "
            "dose; give the dose itself"
        )
        raise DoseSyntaxError(msg, ErrorReason.COMPARATOR)
    _no_extensions(quantity, where)
    if "value" not in quantity:
        msg = f"{where} has no 'value'; expected a FHIR Quantity such as {{'value': 4.5, 'code': 'mg'}}"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    _unknown_fields(quantity, _QUANTITY_FIELDS, where)
    value = _number(quantity["value"], f"{where}.value")
    code = quantity.get("code") if quantity.get("system") in (UCUM_SYSTEM, None) else None
    unit = code if isinstance(code, str) and code else quantity.get("unit")
    human = quantity.get("unit")
    if isinstance(code, str) and code and isinstance(human, str) and human != code:
        _same_unit(code, human, where)
    if not isinstance(unit, str) or not unit:
        msg = f"{where} has no unit; expected a UCUM code such as 'mg', 'ug' or 'mg/d'"
        raise DoseSyntaxError(msg, ErrorReason.NO_UNIT)
    return value, unit


def _same_unit(code: str, unit: str, where: str) -> None:
    """A Quantity's human unit, where it names a mass, must be its code's."""
    try:
        said = read_number(1, unit).mg_per_day
    except DoseError:
        return  # "tablet", "mg (oral)": not a unit the reader reads, so nothing to compare
    if said != read_number(1, code).mg_per_day:
        msg = f"{where} has the unit {unit[:20]!r} but the code {code[:20]!r}; the two disagree"
        raise DoseUnitError(msg, ErrorReason.UNKNOWN_UNIT)


def _quantity_dose(quantity: object, where: str, regimens: tuple[Regimen, ...]) -> Dose:
    value, unit = _quantity_parts(quantity, where)
    source = f"{format_amount(value) if value > 0 else value} {unit}"
    return read_number(value, unit, source=source, regimens=regimens)


def read_fhir(resource: dict[str, Any], *, regimens: tuple[Regimen, ...] = ()) -> Dose:
    """Read a FHIR Quantity, a Dosage, or a resource with a list of them, given as a dict."""
    if "value" in resource or "code" in resource or "comparator" in resource:
        return _quantity_dose(resource, "the FHIR Quantity", regimens)
    keys = [key for key in ("dosageInstruction", "dosage") if key in resource]
    if len(keys) > 1:
        msg = "the resource has both dosageInstruction and dosage; give one"
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    if keys:
        _taken(resource)
        entries = _typed(resource[keys[0]], list, keys[0], "a list of Dosage")
        return read_dosages(entries, keys[0], regimens)
    if resource.keys() & (_DOSAGE_FIELDS | _TOP_LEVEL_DOSES) - {"id", "resourceType"}:
        return _dosage(resource, "the Dosage", regimens)
    msg = (
        "the dict is neither a FHIR Quantity (value, unit, system, code) nor a FHIR Dosage "
        "(doseAndRate, timing, route) nor a resource with dosageInstruction"
    )
    raise _fail(msg)


def _taken(resource: dict[str, Any]) -> None:
    """A request or statement whose dose is not being taken, or that names another drug, is
    refused: its dosage is not a daily dose of naltrexone."""
    if resource.get("doNotPerform") is True:
        msg = "the resource says doNotPerform: the dose is not to be taken"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    status = resource.get("status")
    if status is not None and status not in _TAKEN_STATUSES:
        msg = f"the resource's status is {str(status)[:30]!r}; only an active dose is read"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if resource.get("taken") not in (None, "y"):
        msg = f"the statement says taken: {str(resource.get('taken'))[:10]!r}; not a dose taken"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    _no_modifier(resource, "the resource")
    named = _named(resource, ("medicationCodeableConcept", "medication", "medicationReference"))
    _no_other_drug(named, "the resource's medication")
    for index, item in enumerate(_as_list(resource.get("contained"))):
        if isinstance(item, dict) and item.get("resourceType") == "Medication":
            where = f"the contained Medication [{index}]"
            _no_modifier(item, where)
            ingredients = [i for i in _as_list(item.get("ingredient")) if isinstance(i, dict)]
            parts = [("code", item)] + [(key, i) for i in ingredients for key in _INGREDIENT_KEYS]
            texts = [text for key, node in parts for text in _named(node, (key,))]
            _no_other_drug(texts, where)


#: Where an ingredient names its substance: R4 (item[x]) and R5 (item, a CodeableReference).
_INGREDIENT_KEYS = ("itemCodeableConcept", "itemReference", "item")


def _named(node: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    """The text, displays and reference displays of a medication (CodeableConcept, Reference
    or R5 CodeableReference) under ``keys``."""
    named: list[str] = []
    for key in keys:
        value = node.get(key)
        if isinstance(value, dict):
            concept = value.get("concept", value)
            if isinstance(concept, dict):
                named.append(_concept_text(concept))
            reference = value.get("reference", value)
            if isinstance(reference, dict):
                named.append(str(reference.get("display", "")))
            named.append(str(value.get("display", "")))
    return named


def _no_other_drug(named: list[str], where: str) -> None:
    words = {word for text in named for word in re.findall(r"[a-z][a-z-]*", text.lower())}
    others = sorted(words & OTHER_DRUGS)
    if others:
        msg = f"{where} names {others[0]!r}, another drug; only naltrexone's dose is read"
        raise DoseSyntaxError(msg, ErrorReason.OTHER_DRUG)


def _no_modifier(node: dict[str, Any], where: str) -> None:
    """A modifierExtension changes what the resource means; none is understood here."""
    found = node.get("modifierExtension")
    if found:
        urls = [str(e.get("url", "?")) for e in _as_list(found) if isinstance(e, dict)]
        msg = (
            f"{where} has the modifierExtension {', '.join(urls)[:120] or '?'!r}, which changes "
            "what it means and is not read here; the dose is refused rather than read without it"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNSUPPORTED_INPUT)


def read_dosages(entries: list[Any], where: str, regimens: tuple[Regimen, ...]) -> Dose:
    """A list of Dosage (SPEC, "FHIR lists"): sequences in order are steps; within one,
    entries at different times add up, entries in bounds that do not overlap are steps, and
    a text-only entry restates the others."""
    if not entries:
        msg = f"{where} is empty; expected at least one Dosage"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    groups: dict[int | None, list[Entry]] = {}
    unread: dict[int | None, list[_Unread]] = {}
    for index, item in enumerate(entries):
        place = f"{where}[{index}]"
        dosage = _typed(item, dict, place, "a Dosage object")
        sequence = dosage.get("sequence")
        if sequence is not None:
            _typed(sequence, int, f"{place}.sequence", "an integer")
        text_only = not (dosage.get("doseAndRate") or dosage.keys() & _TOP_LEVEL_DOSES)
        try:
            dose = _dosage(dosage, place, regimens)
        except DoseError as error:
            if not text_only or error.reason not in _UNREAD:
                raise
            unread.setdefault(sequence, []).append((place, dosage, error))
            groups.setdefault(sequence, [])
            continue
        groups.setdefault(sequence, []).append(entry(dosage, place, dose, text_only=text_only))
    if None in groups and len(groups) > 1:
        msg = f"{where} has entries with a sequence and entries without one; give each a sequence"
        raise DoseSyntaxError(msg, ErrorReason.AMBIGUOUS_ENTRIES)
    steps = [
        step
        for key in sorted(groups, key=lambda k: k or 0)
        for step in _sequence(
            groups[key], unread.get(key, []), f"{where} sequence {key or 1}", regimens
        )
    ]
    source = f"{where} ({len(entries)} entries)"
    if len(steps) == 1:
        dose = steps[0].model_copy(update={"source": source}) if len(entries) > 1 else steps[0]
    else:
        dose = in_steps(source, steps)
    every = [w for item in groups.values() for e in item for w in e.dose.warnings]
    every += [w for step in steps for w in step.warnings]
    return dose.model_copy(update={"warnings": tuple(dict.fromkeys(every))})


#: A text-only entry whose text the reader cannot read: where, the Dosage, and why.
_Unread = tuple[str, dict[str, Any], DoseError]


def _sequence(
    entries: list[Entry], unread: list[_Unread], where: str, regimens: tuple[Regimen, ...]
) -> list[Dose]:
    """The steps of one sequence: blocks of structured entries in the order of their bounds
    (each block's entries added up), checked against any text-only entry beside them."""
    structured = [item for item in entries if not item.text_only]
    texts = [item for item in entries if item.text_only]
    if not structured:
        if unread:
            raise unread[0][2]
        alone = text_only_alone(texts).dose
        return list(alone.steps or (alone,))
    depot = any(item.dose.mg_per_day is None for item in structured)
    if depot and len({item.bounds for item in structured}) == 1:
        concurrent(where, [item.dose for item in structured])  # refused beside any other
    doses = []
    for block in blocks(structured):
        together = concurrent(where, [item.dose for item in block])
        for item in block if len(block) > 1 else ():  # a limit holds for all taken together
            period_limits(item.dosage, item.place, together, spaced=False)
        doses.append(together)
    for text in texts:
        _restates(text, doses)
    for place, dosage, _ in unread:
        doses[-1] = _unread_twin(place, dosage, doses[-1], regimens)
    return doses


def _unread_twin(
    place: str, dosage: dict[str, Any], dose: Dose, regimens: tuple[Regimen, ...]
) -> Dose:
    """A text-only entry the reader cannot read, beside structured entries: its fields still
    apply to them, and its text leaves a warning (or refuses: a meaning word, a clash)."""
    if "route" in dosage and _route(dosage, place) != dose.route:
        msg = f"{place}.route is {_route(dosage, place)}, but the entries beside it are {dose}"
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    timing = _timing(dosage, place)
    often = dose.frequency.per_day if dose.frequency is not None else None
    if timing is not None and {timing[0].word.per_day, timing[1].word.per_day} != {often}:
        msg = f"{place}.timing ({timing[0].text}) and the entries beside it ({dose}) disagree"
        raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES)
    _check_limits(dosage, place, dose)
    return _check_text(dosage, place, dose, regimens)


def _restates(text: Entry, doses: list[Dose]) -> None:
    """A text-only entry beside structured ones restates them: the same daily dose (and the
    same steps, where it names steps) by the same route."""
    said = [step.mg_per_day for step in text.dose.steps or (text.dose,)]
    steps = [dose.mg_per_day for dose in doses]
    same = said[-1] == steps[-1] and (len(said) == 1 or said == steps)
    if not same or text.dose.route != doses[-1].route:
        msg = (
            f"{text.place} is text alone and reads as {text.dose}, but the structured entries "
            f"beside it give {doses[-1]}; a restatement must agree"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES)


def _no_extensions(node: dict[str, Any], where: str) -> None:
    """Refuse an extension that could change the schedule (every one, since none is read)."""
    for key in ("modifierExtension", "extension"):
        found = node.get(key)
        if not found:
            continue
        urls = (
            [str(e.get("url", "")) for e in found if isinstance(e, dict)]
            if isinstance(found, list)
            else []
        )
        if any("asneeded" in url.lower() for url in urls):
            msg = f"{where} has an as-needed extension; a dose taken as needed has no daily dose"
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
        shown = ", ".join(urls)[:120] or "?"
        msg = (
            f"{where} has the {key} {shown!r}, which this library does not read; it may change "
            "the schedule, so the dosage is refused rather than read without it"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _unknown_fields(node: dict[str, Any], known: frozenset[str], where: str) -> None:
    unknown = sorted(key for key in node if key not in known and not key.startswith("_"))
    if unknown:
        msg = (
            f"{where} has the field {unknown[0]!r}, which this library does not read; it may "
            "change the daily dose, so the dosage is refused rather than read without it"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _route(dosage: dict[str, Any], where: str) -> str:
    """'oral' (or no route), 'intramuscular', or a refusal."""
    if "route" not in dosage:
        return "oral"
    route = _typed(dosage["route"], dict, f"{where}.route", "a CodeableConcept")
    codings = _typed(route.get("coding", []), list, f"{where}.route.coding", "a list")
    found: set[str] = set()
    words: list[str] = []
    codes: list[str] = []
    for index, item in enumerate(codings):
        coding = _typed(item, dict, f"{where}.route.coding[{index}]", "a Coding")
        found |= _route_code(coding, f"{where}.route.coding[{index}]")
        words.append(str(coding.get("display", "")))
        codes.append(f"{coding.get('system', '')}|{coding.get('code', '')}" * ("code" in coding))
    text = route.get("text", "")
    words.append(_typed(text, str, f"{where}.route.text", "a string"))
    for word in words:
        if _ORAL_WORDS.search(word):
            found.add("oral")
        if _IM_WORDS.search(word):
            found.add("intramuscular")
        if word.strip() and not (_ORAL_WORDS.search(word) or _IM_WORDS.search(word)):
            found.add("other")  # "topical" beside an oral code: the two disagree
    if found in ({"oral"}, {"intramuscular"}):
        return found.pop()
    said = " / ".join(w for w in [*codes, *words] if w)[:120] or "no recognised code"
    msg = (
        f"{where}.route ({said!r}) is not an oral or intramuscular route; Box 1 is about oral "
        "doses and the only injectable regimen known is the depot, so other routes are refused"
    )
    raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)


def _route_code(coding: dict[str, Any], where: str) -> set[str]:
    """What a route coding's code says: by mouth, intramuscular, another route, or nothing."""
    if "code" not in coding:
        return set()
    code = _typed(coding["code"], str, f"{where}.code", "a code")
    system = _typed(coding.get("system", ""), str, f"{where}.system", "a URI")
    known = _ROUTE_CODES.get(system)
    if known is None:
        if any(code in codes for codes in _ROUTE_CODES.values()):
            shown = system[:60] or "no system"
            msg = (
                f"{where} gives the code {code[:20]!r} under {shown!r}; a route code is read "
                f"only under its own system ({', '.join(sorted(set(_ROUTE_CODES)))[:200]})"
            )
            raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
        return {"other"}
    return {"oral"} if code == known[0] else {"intramuscular"} if code == known[1] else {"other"}


def _method(dosage: dict[str, Any], where: str) -> None:
    """A method that names another way of taking it ("inhale", "apply") is refused."""
    method = dosage.get("method")
    if method is None:
        return
    concept = _typed(method, dict, f"{where}.method", "a CodeableConcept")
    words = set(re.findall(r"[a-z]+", _concept_text(concept).lower()))
    if words & (OTHER_ROUTE_WORDS | {"inject", "injection"}):
        msg = f"{where}.method ({_concept_text(concept).strip()[:40]!r}) is not taken by mouth"
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)


def _as_needed(dosage: dict[str, Any], where: str) -> None:
    flag = dosage.get("asNeededBoolean", dosage.get("asNeeded"))
    if flag is not None:
        _typed(flag, bool, f"{where}.asNeeded", "a boolean")
    if flag or dosage.get("asNeededCodeableConcept") or dosage.get("asNeededFor"):
        msg = (
            f"{where} is taken as needed; no daily dose can be known. Give a regular "
            "schedule (timing.repeat) without asNeeded"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    instructions = dosage.get("additionalInstruction") or []
    _typed(instructions, list, f"{where}.additionalInstruction", "a list of CodeableConcepts")
    for index, item in enumerate(instructions):
        if isinstance(item, dict) and _AS_NEEDED_WORDS.search(_concept_text(item)):
            msg = (
                f"{where}.additionalInstruction[{index}] says as needed; no daily dose can be known"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)


def _concept_text(concept: dict[str, Any]) -> str:
    displays = [
        str(c.get("display", "")) for c in _as_list(concept.get("coding")) if isinstance(c, dict)
    ]
    return " ".join([str(concept.get("text", "")), *displays])


def _per_day(frequency: Fraction, period: Fraction, unit: str, where: str) -> Fraction:
    """Administrations a day for frequency per period; _MONTHLY for once a month."""
    if frequency <= 0 or period <= 0:
        msg = f"{where} must have a positive frequency and period"
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    known = BY_UCUM.get(unit)
    if known is not None and known.kind is UnitKind.CALENDAR:
        if unit == "mo" and frequency == 1 and period == 1:
            return _MONTHLY
        msg = (
            f"{where}: {format_amount(frequency)} per {format_amount(period)} {unit} has no fixed "
            "length in days; give the period in days or weeks (only the depot is read monthly)"
        )
        raise DoseUnitError(msg, ErrorReason.PER_MONTH)
    if known is None or known.kind is not UnitKind.TIME:
        codes = ", ".join(u.ucum for u in BY_UCUM.values() if u.kind in _TIMING_KINDS)
        msg = f"{where}.periodUnit {unit[:10]!r} is not one of {codes}"
        raise DoseSyntaxError(msg, ErrorReason.UNKNOWN_UNIT)
    return frequency / (period * known.factor)


_TIMING_KINDS = (UnitKind.TIME, UnitKind.CALENDAR)


def _strings(node: dict[str, Any], key: str, where: str) -> list[str]:
    values = _typed(node.get(key, []), list, f"{where}.{key}", "a list of strings")
    return [_typed(v, str, f"{where}.{key}[{k}]", "a string") for k, v in enumerate(values)]


def _no_default_period(repeat: dict[str, Any], where: str) -> None:
    """R4 fills no period in by default, and tim-10 forbids ``when`` beside ``timeOfDay``."""
    if "when" in repeat and "timeOfDay" in repeat:
        msg = (
            f"{where} gives both when and timeOfDay (FHIR R4 forbids the two together, "
            "invariant tim-10): the same administration twice, or two? Give one"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    if "period" in repeat:
        if "periodUnit" not in repeat:
            msg = f"{where} gives a period but no periodUnit (FHIR R4 tim-2); give the unit"
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
        return
    given = [
        key for key in ("frequency", "frequencyMax", "periodUnit", "periodMax") if key in repeat
    ]
    if given:
        msg = (
            f"{where} gives {' and '.join(given)} but no period: per how long is not said, and "
            "no period is assumed. Give the period (1 with periodUnit 'd' for a day)"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)


def _repeat(repeat: dict[str, Any], where: str) -> tuple[Fraction, Fraction, str]:
    """timing.repeat as (high, low) administrations a day, and its text."""
    _unknown_fields(repeat, _REPEAT_FIELDS, where)
    for key in ("count", "countMax"):
        if key in repeat:
            _typed(repeat[key], int, f"{where}.{key}", "a positive integer")
    for key in ("boundsDuration", "boundsRange", "boundsPeriod"):
        if key in repeat:
            _typed(repeat[key], dict, f"{where}.{key}", "an object")
    _no_default_period(repeat, where)
    unit = _typed(repeat.get("periodUnit", "d"), str, f"{where}.periodUnit", "a UCUM code")
    frequency = _number(repeat.get("frequency", 1), f"{where}.frequency")
    top = _number(repeat.get("frequencyMax", repeat.get("frequency", 1)), f"{where}.frequencyMax")
    period = _number(repeat.get("period", 1), f"{where}.period")
    longest = _number(repeat.get("periodMax", repeat.get("period", 1)), f"{where}.periodMax")
    if top < frequency or longest < period:
        msg = f"{where}: frequencyMax or periodMax is below frequency or period"
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    high = _per_day(top, period, unit, where)
    low = _per_day(frequency, longest, unit, where)
    text = f"{format_amount(top)} per {format_amount(period)} {unit}"
    if top != frequency or longest != period:
        text = (
            f"{format_amount(frequency)}-{format_amount(top)} per "
            f"{format_amount(period)}-{format_amount(longest)} {unit}"
        )
    times = _strings(repeat, "when", where)
    unknown_times = [code for code in times if code not in _EVENT_TIMING]
    if unknown_times:
        msg = f"{where}.when {unknown_times[0][:12]!r} is not a FHIR EventTiming code"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    clock = _strings(repeat, "timeOfDay", where)
    days = _strings(repeat, "dayOfWeek", where)
    daily = high != _MONTHLY and period * BY_UCUM[unit].factor == 1 and longest == period
    count = _times_of_day(times, clock, repeat, where)
    if count == 1 and top != 1:
        msg = (
            f"{where} gives one time of day ({', '.join([*times, *clock])}) with {text}; the "
            "two disagree"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    if count > 1:
        given = "frequency" in repeat
        if not daily or (given and frequency not in (1, count)) or top != frequency:
            msg = (
                f"{where} gives {count} times of day ({', '.join([*times, *clock])}) with "
                f"{text}; the two disagree. Give the times of day with a daily period"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
        high = low = Fraction(count)
        text = f"{count} a day ({', '.join([*times, *clock])})"
    if not days:
        return high, low, text
    weekly = period * BY_UCUM[unit].factor == 7 and longest == period
    each = weekly and top == frequency == len(set(days))
    share = _days_share(days, where, text, daily=daily, weekly=each)
    return high * share, low * share, f"{text} on {', '.join(days)}"


def _times_of_day(times: list[str], clock: list[str], repeat: dict[str, Any], where: str) -> int:
    """How many administrations a day the named times are (a code or a clock time written
    twice is one). Two codes for one part of the day (MORN and WAKE) are refused: one
    administration or two? Only a meal that is not named (C, AC, PC) or IMD, with no
    frequency or period, says nothing of how many a day."""
    if set(times) - set(PART_OF_DAY) and len(times) + len(clock) > 1:
        msg = (
            f"{where}.when {times} names a meal without saying which (or 'immediately') beside "
            "other times; how many a day is not known"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    parts = [PART_OF_DAY[code] for code in set(times) if code in PART_OF_DAY]
    if len(set(parts)) != len(parts):
        msg = (
            f"{where}.when {sorted(set(times))} names one part of the day twice: one "
            "administration or two? Give one code for each time"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
    if times and not parts and not repeat.keys() & {"frequency", "period"}:
        msg = (
            f"{where}.when {sorted(set(times))} names no time of day (a meal not named, or "
            "immediately) and no frequency is given; how many a day is not known"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    return len(parts) + len({clock_time(time) for time in clock})


def _days_share(days: list[str], where: str, text: str, *, daily: bool, weekly: bool) -> Fraction:
    """dayOfWeek: with a daily period, the share of the week; with one administration a week
    on each day given (``weekly``, the frequency being the number of days), one."""
    unknown = [day for day in days if day not in _DAYS]
    if unknown:
        msg = f"{where}.dayOfWeek {unknown[0]!r} is not one of {', '.join(_DAYS)}"
        raise DoseSyntaxError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if daily:
        return Fraction(len(set(days)), 7)
    if weekly:
        return Fraction(1)
    msg = (
        f"{where} gives the days {', '.join(days)} with {text}; give the days with a "
        "daily period, or one administration a week on each day given"
    )
    raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)


def _code(timing: dict[str, Any], where: str) -> tuple[Fraction, str] | None:
    if "code" not in timing:
        return None
    concept = _typed(timing["code"], dict, f"{where}.code", "a CodeableConcept")
    codings = _typed(concept.get("coding", []), list, f"{where}.code.coding", "a list")
    found: set[Fraction] = set()
    for index, item in enumerate(codings):
        coding = _typed(item, dict, f"{where}.code.coding[{index}]", "a Coding")
        code = _typed(coding.get("code", ""), str, f"{where}.code.coding[{index}].code", "a code")
        system = coding.get("system", _GTS_SYSTEM)
        if system == _GTS_SYSTEM and code.upper() in TIMING_CODES:
            found.add(TIMING_CODES[code.upper()])
        else:
            msg = (
                f"{where}.code {code[:20]!r} is not an HL7 TimingAbbreviation this library reads "
                f"({', '.join(TIMING_CODES)}); give timing.repeat instead"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    if len(found) != 1:
        msg = f"{where}.code gives no code, or codes that disagree; give one such as BID"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    return found.pop(), str(codings[0].get("code"))


def _timing(dosage: dict[str, Any], where: str) -> tuple[FrequencyMention, FrequencyMention] | None:
    """The timing as (high, low) frequency mentions; None when no timing is given."""
    if "timing" not in dosage:
        return None
    where = f"{where}.timing"
    timing = _typed(dosage["timing"], dict, where, "a Timing object")
    _unknown_fields(timing, _TIMING_FIELDS, where)
    _no_extensions(timing, where)
    if timing.get("event"):
        msg = (
            f"{where}.event gives dates and times of administration; a daily dose is read only "
            "from a regular schedule (timing.repeat or timing.code)"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    code = _code(timing, where)
    read: tuple[Fraction, Fraction, str] | None = None
    if "repeat" in timing:
        repeat = _typed(timing["repeat"], dict, f"{where}.repeat", "a Timing.repeat object")
        _no_extensions(repeat, f"{where}.repeat")
        schedule = repeat.keys() & {"frequency", "period", "periodUnit", "when", "timeOfDay",
                                    "dayOfWeek", "frequencyMax", "periodMax"}  # fmt: skip
        if schedule or code is None:
            if not schedule and code is None and repeat.keys() & {"count", "countMax"}:
                msg = (
                    f"{where}.repeat gives a number of doses but no schedule; no daily dose follows"
                )
                raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
            read = _repeat(repeat, f"{where}.repeat")
            if not schedule:  # bounds or a duration say how long, not how often: no timing
                read = None
    if code is not None:
        if read is not None and (read[0] != code[0] or read[1] != code[0]):
            msg = f"{where}.code {code[1]!r} and {where}.repeat ({read[2]}) disagree"
            raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
        read = (code[0], code[0], code[1])
    if read is None:
        return None
    high, low, text = read
    return _mention(high, text), _mention(low, text)


def _mention(per_day: Fraction, text: str) -> FrequencyMention:
    if per_day == _MONTHLY:
        return FrequencyMention(FrequencyWord(FrequencyKind.MONTHLY), text, 1)
    return frequency_mention(per_day, text)


def _amounts(dosage: dict[str, Any], where: str) -> tuple[dict[str, Any], str] | None:
    """The one doseAndRate entry and the key of its dose, or None when there is none."""
    if "doseAndRate" not in dosage:
        return None
    entries = _typed(dosage["doseAndRate"], list, f"{where}.doseAndRate", "a list")
    if not entries:
        return None
    if len(entries) > 1:
        msg = f"{where}.doseAndRate has {len(entries)} entries; give one dose"
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    entry = _typed(entries[0], dict, f"{where}.doseAndRate[0]", "a doseAndRate object")
    _no_extensions(entry, f"{where}.doseAndRate[0]")
    for key in ("rateRatio", "rateRange"):
        if key in entry:
            msg = f"{where}.doseAndRate[0].{key} is not read; give doseQuantity or rateQuantity"
            raise DoseSyntaxError(msg, ErrorReason.UNSUPPORTED_INPUT)
    _unknown_fields(entry, _DOSE_AND_RATE_FIELDS, f"{where}.doseAndRate[0]")
    present = [key for key in ("rateQuantity", "doseQuantity", "doseRange") if key in entry]
    if len(present) > 1:
        msg = f"{where}.doseAndRate[0] gives {' and '.join(present)}; give one dose"
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    for key in present:
        return entry, key
    msg = f"{where}.doseAndRate[0] has no doseQuantity, doseRange or rateQuantity"
    raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)


def _top_level_dose(dosage: dict[str, Any], where: str) -> dict[str, Any]:
    """An STU3 or DSTU2 Dosage, whose dose[x] and rate[x] sit at its top level, as one
    ``doseAndRate`` entry; a Dosage with both forms is refused."""
    top = [key for key in _TOP_LEVEL_DOSES if key in dosage]
    if not top:
        return dosage
    if "doseAndRate" in dosage:
        msg = (
            f"{where} gives {', '.join(sorted(top))} at its top level (STU3) and doseAndRate "
            "(R4) too: one dose written twice, or two? Give one form"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    rest = {key: value for key, value in dosage.items() if key not in top}
    return {**rest, "doseAndRate": [{key: dosage[key] for key in sorted(top)}]}


def _dosage(dosage: dict[str, Any], where: str, regimens: tuple[Regimen, ...]) -> Dose:
    dosage = _top_level_dose(dosage, where)
    _unknown_fields(dosage, _DOSAGE_FIELDS, where)
    _no_extensions(dosage, where)
    _as_needed(dosage, where)
    _method(dosage, where)
    for key in ("maxDosePerPeriod", "maxDosePerAdministration", "maxDosePerLifetime"):
        if key in dosage:  # a limit, never the dose; read by _check_limits
            _typed(dosage[key], (dict, list), f"{where}.{key}", "a Ratio or Quantity")
    found = _amounts(dosage, where)
    if found is None:
        dose, used = _text_only(dosage, where, regimens)
    else:
        dose, used = _structured(dosage, where, found, regimens), None
    dose = _check_text(dosage, where, dose, regimens, skip=used)
    _check_limits(dosage, where, dose)
    return dose


def _structured(
    dosage: dict[str, Any],
    where: str,
    found: tuple[dict[str, Any], str],
    regimens: tuple[Regimen, ...],
) -> Dose:
    """The dose of a Dosage from its structured fields (doseAndRate, timing, route)."""
    entry, key = found
    route = _route(dosage, where)
    timing = _timing(dosage, where)
    place = f"{where}.doseAndRate[0].{key}"
    if key == "rateQuantity":
        if timing is not None:
            msg = f"{place} is a rate, and {where}.timing gives a schedule too; give one"
            raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)
        ends = [_quantity_parts(entry[key], place)]
    elif key == "doseRange":
        bounds = _typed(entry[key], dict, place, "a Range with low and high")
        if "low" not in bounds or "high" not in bounds:
            msg = f"{place} needs both low and high; a bound alone is not a dose"
            raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
        ends = [_quantity_parts(bounds["high"], f"{place}.high"),
                _quantity_parts(bounds["low"], f"{place}.low")]  # fmt: skip
    else:
        ends = [_quantity_parts(entry[key], place)]
    high_mention, low_mention = timing if timing is not None else (None, None)
    explicit = "route" in dosage
    doses = [
        _one(value, unit, mention, route, regimens, explicit_route=explicit)
        for (value, unit), mention in zip(ends, [high_mention, low_mention], strict=False)
    ]
    if len(ends) == 1 and low_mention is not None and low_mention != high_mention:
        doses.append(_one(*ends[0], low_mention, route, regimens, explicit_route=explicit))
    return _ranged(doses, place)


def _text_only(
    dosage: dict[str, Any], where: str, regimens: tuple[Regimen, ...]
) -> tuple[Dose, str]:
    """A Dosage with no dose of its own is read from its text (or patientInstruction); its
    route and timing still apply and must agree with what the text says."""
    key = next((k for k in ("text", "patientInstruction") if dosage.get(k)), None)
    if key is None:
        msg = f"{where} has no doseAndRate; expected doseAndRate[0].doseQuantity"
        raise DoseSyntaxError(msg, ErrorReason.NO_AMOUNT)
    text = _typed(dosage[key], str, f"{where}.{key}", "a string")
    dose = read_text(text, regimens=regimens)
    if "route" in dosage and _route(dosage, where) != dose.route:
        msg = (
            f"{where}.route is {_route(dosage, where)}, but {where}.{key} ({text[:60]!r}) is "
            f"read as {dose} ({dose.route}); the two must agree"
        )
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    timing = _timing(dosage, where)
    if timing is not None:
        for step in dose.steps or (dose,):
            often = step.frequency.per_day if step.frequency is not None else None
            if {timing[0].word.per_day, timing[1].word.per_day} != {often}:
                msg = (
                    f"{where}.timing ({timing[0].text}) and {where}.{key} ({text[:60]!r}, read "
                    f"as {step}) say different things about how often; the two must agree"
                )
                raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES)
    return dose, key


def _check_limits(dosage: dict[str, Any], where: str, dose: Dose) -> None:
    """maxDosePer* are limits: each is read exactly, and every step keeps to it, or the
    dosage is refused; never ignored."""
    steps = dose.steps or (dose,)
    for step in steps:
        period_limits(dosage, where, step)
    for key in ("maxDosePerAdministration", "maxDosePerLifetime"):
        if key not in dosage:
            continue
        limit = _limit_mass(dosage[key], f"{where}.{key}")
        for step in steps:
            if step.amount_mg > limit:
                msg = (
                    f"the dose ({step}) gives {format_amount(step.amount_mg)} mg at a time, above "
                    f"{where}.{key} ({format_amount(limit)} mg)"
                )
                raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)


def _limit_mass(quantity: object, place: str) -> Fraction:
    """A limit's mass (a Quantity such as 9 mg), in mg; a rate or another unit is refused."""
    value, unit = _quantity_parts(quantity, place)
    read = read_number(value, unit)
    if read.basis is not DailyDoseBasis.ASSUMED_DAILY or read.mg_per_day is None:
        msg = f"{place} is {format_amount(value)} {unit[:20]}; a limit's amount is a mass ('mg')"
        raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)
    return read.mg_per_day


#: The shortest and longest calendar month and year, in days.
_CALENDAR_DAYS = {"mo": (Fraction(28), Fraction(31)), "a": (Fraction(365), Fraction(366))}


def period_limits(dosage: dict[str, Any], where: str, dose: Dose, *, spaced: bool = True) -> None:
    """Each maxDosePerPeriod of a Dosage, checked against ``dose`` (its own, or the sum of
    the entries it is taken with: ``spaced`` False, since their times are not evenly spaced)."""
    for index, ratio in enumerate(_as_list(dosage.get("maxDosePerPeriod"))):
        _period_limit(ratio, f"{where}.maxDosePerPeriod[{index}]", dose, spaced=spaced)


def _period_limit(ratio: object, place: str, dose: Dose, *, spaced: bool) -> None:
    """maxDosePerPeriod: the most the dose gives in any period of that length keeps to the
    limit. A month or a year has no fixed length: the dose keeps to it in the longest, or it
    is refused (above it in every month, or only in some)."""
    if not isinstance(ratio, dict) or "numerator" not in ratio or "denominator" not in ratio:
        msg = f"{place} needs a numerator (a mass) and a denominator (a period); a limit per what?"
        raise DoseSyntaxError(msg, ErrorReason.NO_UNIT)
    mass = _limit_mass(ratio["numerator"], f"{place}.numerator")
    value, unit = _quantity_parts(ratio["denominator"], f"{place}.denominator")
    known = BY_UCUM.get(unit)
    if known is None or known.kind not in _TIMING_KINDS or value <= 0:
        msg = (
            f"{place}.denominator is {format_amount(value)} {unit[:20]!r}; a period is a "
            "positive value with a UCUM time code (s, min, h, d, wk, mo, a)"
        )
        raise DoseSyntaxError(msg, ErrorReason.UNKNOWN_UNIT)
    shortest, longest = _CALENDAR_DAYS.get(unit, (known.factor, known.factor))
    period = f"{format_amount(value)} {unit}"
    if _most_in(dose, value * longest, place, spaced=spaced) <= mass:
        return
    if _most_in(dose, value * shortest, place, spaced=spaced) > mass:
        msg = f"the dose ({dose}) gives more than {place} ({format_amount(mass)} mg per {period})"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    msg = (
        f"the dose ({dose}) keeps to {place} ({format_amount(mass)} mg per {period}) in the "
        "shorter months or years but not in the longer ones; give the limit per day or week"
    )
    raise DoseUnitError(msg, ErrorReason.PER_MONTH)


def _most_in(dose: Dose, days: Fraction, place: str, *, spaced: bool) -> Fraction:
    """The most a dose gives in any stretch of ``days``: its average, or every administration
    that fits in the stretch (evenly spaced), whichever is more."""
    per_day = dose.frequency.per_day if dose.frequency is not None and spaced else None
    most: list[Fraction] = []
    if dose.mg_per_day is not None:
        most.append(dose.mg_per_day * days)
    if per_day:
        most.append(dose.amount_mg * math.ceil(days * per_day))
    if not most:
        msg = f"{place} is a limit per period, and how often the dose ({dose}) is given is unknown"
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    return max(most)


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _one(
    value: Fraction,
    unit: str,
    frequency: FrequencyMention | None,
    route: str,
    regimens: tuple[Regimen, ...],
    *,
    explicit_route: bool = False,
) -> Dose:
    source = f"{format_amount(value) if value > 0 else value} {unit}"
    if value <= 0:  # the numbers reader says what is wrong with it
        return read_number(value, unit, source=source, regimens=regimens)
    mentions: Mentions = number_mentions(value, unit, format_amount(value))
    step = mentions.steps[0]
    rate_days = step.masses[0].rate_days
    if frequency is not None and rate_days is not None:
        _rate_agrees(rate_days, frequency, source)
    elif frequency is not None:
        step.frequencies.append(frequency)
        source = f"{source} {frequency.text}"
        mentions.parts.append(
            Part(
                0,
                0,
                "frequency",
                f"{format_amount(frequency.word.per_day)} a day",
                text=f"timing: {frequency.text}",
            )
        )
    if route:
        mentions.parts.append(Part(0, 0, "route", route, text=f"route: {route}"))
    if route == "intramuscular":
        mentions.routes.append(route)
    mentions.oral = mentions.oral or (route == "oral" and explicit_route)
    return resolve(mentions, source, regimens)


def _rate_agrees(rate_days: Fraction, frequency: FrequencyMention, source: str) -> None:
    """A rate (``mg/d``) beside a timing: one administration in each period of the rate, or
    the two say different things (is the rate per administration, or per day?)."""
    word = frequency.word
    once = word.kind in (FrequencyKind.REGULAR, FrequencyKind.TIME_OF_DAY)
    if once and word.per_day * rate_days == 1:
        return
    msg = (
        f"the dose {source!r} is a rate, and the timing ({frequency.text}) is not one "
        "administration in each period of that rate; the two disagree. Give the amount per "
        "administration (a mass, 'mg') with the timing, or the rate alone"
    )
    raise DailyDoseUnknownError(msg, ErrorReason.CONFLICTING_FREQUENCY)


def _ranged(doses: list[Dose], where: str) -> Dose:
    """One dose from the high and low ends of a range (the high end decides)."""
    high = doses[0]
    if len(doses) == 1:
        return high
    low = doses[1]
    if high.mg_per_day is None or low.mg_per_day is None:
        if high.mg_per_day is None and low.mg_per_day is None:
            return high
        msg = f"{where}: one end of the range is the depot and the other is not; give one dose"
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    if low.mg_per_day > high.mg_per_day:
        msg = f"{where}: the low end of the range is above its high end"
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    if low.mg_per_day == high.mg_per_day:
        return high
    return high.model_copy(update={"low_mg_per_day": low.mg_per_day})


#: Refusals of a text that say only that the reader cannot read it (another language, a
#: note it does not know): the structure is read, with a warning that names the text.
_UNREAD = _NO_DOSE_IN_TEXT | {
    ErrorReason.UNKNOWN_WORD,
    ErrorReason.UNKNOWN_UNIT,
    ErrorReason.DECIMAL_COMMA,
}
_UNREAD_TEXT = "unread_text"


def _texts(dosage: dict[str, Any], where: str) -> list[tuple[str, str]]:
    """text, patientInstruction and each additionalInstruction, by field name."""
    texts: list[tuple[str, str]] = [
        (key, _typed(dosage[key], str, f"{where}.{key}", "a string"))
        for key in ("text", "patientInstruction")
        if key in dosage
    ]
    for index, item in enumerate(dosage.get("additionalInstruction") or ()):
        if isinstance(item, dict) and _concept_text(item).strip():
            texts.append((f"additionalInstruction[{index}]", _concept_text(item).strip()))
    return texts


def _check_text(
    dosage: dict[str, Any],
    where: str,
    dose: Dose,
    regimens: tuple[Regimen, ...],
    *,
    skip: str | None = None,
) -> Dose:
    """text, patientInstruction and additionalInstruction are a second reading that must
    agree with the dose; a text the reader cannot read leaves a warning that names it."""
    unread = [
        (_UNREAD_TEXT, f"{where}.{key}: {text[:80]}")
        for key, text in _texts(dosage, where)
        if key != skip and not _text_agrees(f"{where}.{key}", text, dose, regimens)
    ]
    if not unread:
        return dose
    return dose.model_copy(update={"warnings": (*dose.warnings, *make_warnings(unread))})


def _text_agrees(place: str, text: str, dose: Dose, regimens: tuple[Regimen, ...]) -> bool:
    """True when the text is read and agrees with the dose, False when the reader cannot read
    it; a refusal when it says something else (another dose, as needed, stop, ...)."""
    try:
        said = read_text(text, regimens=regimens)
    except DailyDoseUnknownError as error:
        msg = f"{place} ({text[:60]!r}) is read as: {error.message}"
        raise DailyDoseUnknownError(msg, error.reason) from None
    except DoseError as error:
        # A text the reader read has had its own as-needed words read ("RF PRN" is refills);
        # one it cannot read is searched for them, in any language the library knows.
        if _AS_NEEDED_WORDS.search(text):
            msg = f"{place} says as needed ({text[:60]!r}); no daily dose can be known"
            raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN) from None
        if error.reason not in _UNREAD:
            msg = f"{place} ({text[:60]!r}) cannot be read beside the structure: {error.message}"
            raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES) from None
        return _no_dose_agrees(place, text, dose) and error.reason in _NO_DOSE_IN_TEXT
    agrees = said.mg_per_day == dose.mg_per_day and said.route == dose.route
    if said.basis is DailyDoseBasis.ASSUMED_DAILY:  # "Naltrexon 50 mg": a strength
        agrees = agrees or said.amount_mg in (dose.amount_mg, dose.strength_mg)
    if not agrees:
        msg = (
            f"{place} ({text[:60]!r}) says {said}, but the structured dosage is {dose}; the two "
            "must agree"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES)
    return True


def _no_dose_agrees(place: str, text: str, dose: Dose) -> bool:
    """A text that is no dose alone ("1 tablet twice daily", "with food", a note in another
    language): what it does say (a frequency, a count, a mass) must be the structure's, and a
    word that changes the meaning refuses. False when some of it is not read."""
    try:
        found = scan(normalize(text))
    except DoseError as error:
        if error.reason in _UNREAD:  # the scan stopped: the words after it are checked here
            _no_meaning_word(place, text)
            return False
        msg = f"{place} ({text[:60]!r}) cannot be read beside the structure: {error.message}"
        raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES) from None
    mentions = [m for step in found.steps for m in step.frequencies]
    said_often = {m.word.per_day for m in mentions if m.word.kind is FrequencyKind.REGULAR}
    times = {m.word.group for m in mentions if m.word.kind is FrequencyKind.TIME_OF_DAY}
    structured = {dose.frequency.per_day} if dose.frequency else set()
    read_kinds = {FrequencyKind.REGULAR, FrequencyKind.TIME_OF_DAY}
    if structured:  # meals and "as directed" name when, beside a frequency that says how often
        read_kinds.add(FrequencyKind.AS_DIRECTED)
    other = any(m.word.kind not in read_kinds for m in mentions)
    counts = [c for step in found.steps for c in step.counts if c.value != 1]
    said = {dose.amount_mg, dose.mg_per_day, dose.strength_mg}
    masses = [m for step in found.steps for m in step.masses if m.mg not in said]
    if (
        (said_often and said_often != structured)
        or (times and structured != {Fraction(len(times))})
        or other
        or counts
        or masses
    ):
        msg = (
            f"{place} ({text[:60]!r}) gives a frequency, count or amount that the structured "
            f"dosage ({dose}) does not; the two must agree"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES) from None
    if found.unknown or found.unresolved or any(s.volumes for s in found.steps):
        _no_meaning_word(place, text)
        return False
    return True


#: Typographic apostrophes (U+2019 and its kin), read as the plain one.
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u2032\uff07", "'"))


def _no_meaning_word(place: str, text: str) -> None:
    """A word of the reader's lists that changes the meaning (stop, if, max), names another
    drug or another route refuses, wherever it stands in a text the reader cannot read."""
    plain = text.lower().translate(_APOSTROPHES)
    for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", plain):
        if word in MEANING_WORDS or word in OTHER_DRUGS or word in OTHER_ROUTE_WORDS:
            msg = (
                f"{place} ({text[:60]!r}) has the word {word!r}, which changes what the dose "
                "means; the text is refused rather than left unread"
            )
            raise DailyDoseUnknownError(msg, ErrorReason.TEXT_DISAGREES)


# -- out --------------------------------------------------------------------------------------

_MAX_DIGITS = 60


def _written(value: Fraction, unit_factor: Fraction) -> Fraction | None:
    """The decimal to write for ``value`` (in the unit): exact, or the shortest rounding that
    stays in the band of the exact value (default table). None when none is found."""
    text = format_amount(value)
    if not text.startswith("~"):
        return read_decimal(text)
    table = default_band_table()
    band = table.place(value * unit_factor).band
    for digits in range(6, _MAX_DIGITS):
        exponent = len(str(value.numerator // value.denominator or 1)) - digits
        scale = Fraction(10) ** -exponent
        candidate = Fraction(round(value * scale)) / scale
        if candidate > 0 and table.place(candidate * unit_factor).band is band:
            return candidate
    return None  # pragma: no cover - a band always has room for a long enough decimal


def _json_number(value: Fraction) -> int | float | Decimal:
    if value.denominator == 1:
        return int(value)
    number = float(value)
    if Fraction(repr(number)) == value:
        return number
    return Decimal(value.numerator) / Decimal(value.denominator)  # exact: a terminating decimal


def to_fhir_quantity(dose: Dose) -> dict[str, Any]:
    """A FHIR Quantity (UCUM) of a dose's daily amount, that reads back to the same band.

    Micrograms are written ``ug`` (``mcg`` is not UCUM); pounds are written in mg. A daily
    dose whose decimal does not end is written with the fewest digits that keep it in its
    band (of the default table). The depot injection has no daily dose, so it has no daily
    quantity: it raises `DailyDoseUnknownError` with reason ``no_daily_quantity``.
    """
    if dose.mg_per_day is None:
        msg = (
            "the depot injection has no daily dose, so it has no daily FHIR Quantity; write "
            "it as a Dosage (its mass, route intramuscular, its interval): to_fhir_dosage()"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.NO_DAILY_QUANTITY)
    unit = BY_SYMBOL[dose.unit] if dose.unit != "lb" else BY_SYMBOL["mg"]
    value = _written(dose.mg_per_day / unit.factor, unit.factor)
    if value is None:  # pragma: no cover
        msg = "the daily dose cannot be written as a decimal that keeps its band"
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    code = unit.ucum + "/d"
    return {"value": _json_number(value), "unit": code, "system": UCUM_SYSTEM, "code": code}


VIEWS["fhir_quantity"] = to_fhir_quantity
