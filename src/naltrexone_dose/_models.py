"""The library's results: frozen pydantic models that serialise to JSON and back unchanged."""

from __future__ import annotations

import functools
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any, Self, TypedDict, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ._errors import DoseTypeError, ErrorReason
from ._format import format_amount
from ._units import BY_SYMBOL

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

__all__ = [
    "Band",
    "Box1Row",
    "DailyDoseBasis",
    "Dose",
    "DoseClassification",
    "DoseRange",
    "DoseWarning",
    "EvidenceKind",
    "FhirQuantity",
    "Frequency",
    "ReadPart",
    "Regimen",
    "Statement",
    "StatementOrigin",
    "StepClassification",
    "WarningCode",
]


class Band(StrEnum):
    """The six dose ranges, in dose order; four are Box 1 bands, two lie outside them.

    A band equals its value as text (``Band.LOW == "low"``), but orders by dose, not by
    spelling: ``<``, ``<=``, ``>`` and ``>=`` compare `rank`, so ``sorted(Band)``,
    ``max(...)`` and ``band >= Band.STANDARD`` follow the dose axis. Compared with plain text,
    a band's value ("standard") counts as that band; any other text raises a `DoseTypeError`
    (a ``TypeError``) rather than comparing alphabetically.

    Examples:
        >>> Band.LOW.in_box1, Band.BETWEEN_LOW_AND_STANDARD.in_box1
        (True, False)
        >>> sorted([Band.STANDARD, Band.ULTRA_LOW, Band.LOW])
        [<Band.ULTRA_LOW: 'ultra_low'>, <Band.LOW: 'low'>, <Band.STANDARD: 'standard'>]
        >>> Band.ABOVE_STANDARD > Band.STANDARD, Band.LOW == "low", Band.LOW < "standard"
        (True, True, True)
    """

    ULTRA_LOW = "ultra_low"
    VERY_LOW = "very_low"
    LOW = "low"
    BETWEEN_LOW_AND_STANDARD = "between_low_and_standard"
    STANDARD = "standard"
    ABOVE_STANDARD = "above_standard"

    @property
    def in_box1(self) -> bool:
        """Whether this range is one of the four bands that Box 1 prints."""
        return self not in {Band.BETWEEN_LOW_AND_STANDARD, Band.ABOVE_STANDARD}

    @property
    def rank(self) -> int:
        """Position in dose order, 0 for ``ultra_low`` to 5 for ``above_standard``."""
        return _BAND_RANK[self]

    # str already defines all four comparisons, so functools.total_ordering would fill in
    # none of them: each is written out. Equality and hashing stay str's.
    def __lt__(self, other: object) -> bool:
        return self.rank < _rank_of(other, "<")

    def __le__(self, other: object) -> bool:
        return self.rank <= _rank_of(other, "<=")

    def __gt__(self, other: object) -> bool:
        return self.rank > _rank_of(other, ">")

    def __ge__(self, other: object) -> bool:
        return self.rank >= _rank_of(other, ">=")


_BAND_RANK = {band: rank for rank, band in enumerate(Band)}


def _rank_of(other: object, operator: str) -> int:
    """The rank of a band, or of text that is a band's value; anything else is refused."""
    if isinstance(other, str) and other in _BAND_RANK:
        return _BAND_RANK[Band(other)]
    msg = (
        f"'{operator}' compares a Band by dose with another Band or a band's value "
        f"({', '.join(_BAND_RANK)}), not with {other!r}"
    )
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


_Model = TypeVar("_Model", bound=BaseModel)

#: Presentation hooks, filled in by the modules above the models (the HTML card, FHIR
#: output) when the package is imported: models hand display to code they do not import.
VIEWS: dict[str, Callable[..., object]] = {}


def build(cls: type[_Model], **values: Any) -> _Model:
    """Make a model from values the library has already checked, skipping validation.

    pydantic's ``model_construct`` does the same but costs ~15 microseconds a call, a large
    share of classifying one dose. Defaults of these models are immutable, so sharing is safe.
    Every public result is still checked by tests that validate its JSON round trip.
    """
    instance = cls.__new__(cls)
    # In the model's field order, so that dumps read in the order the model declares: a
    # copy of the defaults keeps their order, and update() keeps each key where it stands.
    defaults = _defaults(cls)
    fields = defaults.copy()
    fields.update(values)
    if len(fields) != len(defaults):
        unknown = ", ".join(sorted(set(values) - set(defaults)))
        msg = f"{cls.__name__} has no field {unknown}"
        raise TypeError(msg)
    _set = object.__setattr__
    _set(instance, "__dict__", fields)
    _set(instance, "__pydantic_fields_set__", set(values))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


@functools.cache
def _defaults(cls: type[BaseModel]) -> dict[str, Any]:
    # A required field's None is always replaced by a value the caller passes.
    return {
        name: None if field.is_required() else field.default
        for name, field in cls.model_fields.items()
    }


class EvidenceKind(StrEnum):
    """What kind of evidence stands behind a statement, judged from how the review describes
    the cited work and from the work's title (not from where the review cites it)."""

    #: A drug label's own text (such as the injection's US prescribing information).
    DRUG_LABEL = "drug_label"
    #: A regulator's decision, cited to the regulator (never a review's report of one).
    REGULATORY_APPROVAL = "regulatory_approval"
    SYSTEMATIC_REVIEW = "systematic_review"
    RANDOMISED_CONTROLLED_TRIAL = "randomised_controlled_trial"
    #: A registered or running trial with no results yet: not evidence of effect.
    TRIAL_PROTOCOL = "trial_protocol"
    REGISTER_OR_RETROSPECTIVE_STUDY = "register_or_retrospective_study"
    PILOT_OR_SURVEY = "pilot_or_survey"
    CASE_CONTROL_STUDY = "case_control_study"
    CASE_REPORT = "case_report"
    #: A clinician's uncontrolled observations.
    CLINICAL_OBSERVATION = "clinical_observation"
    ANIMAL_OR_CELL_STUDY = "animal_or_cell_study"
    NARRATIVE_REVIEW = "narrative_review"
    #: The review's own statement: its sentence cites no reference.
    REVIEW_STATEMENT = "review_statement"
    #: Not evidence: a rule of this project (how Box 1 is read), labelled as such.
    PROJECT_RULE = "project_rule"


class DailyDoseBasis(StrEnum):
    """How the daily dose was found from what was written."""

    #: The text gave a rate: "4.5 mg/day", "350 mg/week".
    STATED_RATE = "stated_rate"
    #: An amount per administration times a frequency: "0.5 mg BID", "4.5 mg daily".
    FREQUENCY = "frequency"
    #: A bare mass, taken as the daily dose: "4.5 mg".
    ASSUMED_DAILY = "assumed_daily"
    #: The extended-release injectable: a known regimen, never averaged to a daily dose.
    DEPOT = "depot"


_FROZEN = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)

#: An exact positive amount. In JSON it is a string such as "9/2" or "50".
ExactAmount = Annotated[Fraction, Field(gt=0)]


_ACCEPTED_NUMBER = 'a decimal number written as a string, such as "0.001" or "50"'


def _exact_number(value: object) -> object:
    # A TOML or JSON float is already rounded to binary; a boundary must be exact, so only
    # text and integers are taken.
    if isinstance(value, bool) or not isinstance(value, str | int | Fraction):
        msg = f"{value!r} is not {_ACCEPTED_NUMBER}"
        raise ValueError(msg)  # noqa: TRY004 (pydantic turns ValueError into its error)
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            msg = f"{value!r} is not {_ACCEPTED_NUMBER}"
            raise ValueError(msg) from None
    return value


ExactBound = Annotated[Fraction, BeforeValidator(_exact_number), Field(ge=0)]


#: A statement id: lower case letters, digits and ".", "-", "_", starting with a letter.
STATEMENT_ID_PATTERN = r"^[a-z][a-z0-9_.-]*$"


class StatementFlag(StrEnum):
    """What a reader must know about a statement's footing, beside its evidence kind.

    The review is reported faithfully: where it cites a work that does not support its claim,
    or says something the facts contradict, the statement keeps the review's words and numbers,
    is filed as the review's own statement, and is flagged, never silently corrected.
    """

    #: The review cites a work that does not report the claim (its number is kept).
    MISCITATION = "miscitation"
    #: The review's claim is contradicted by the review itself or by well-known facts.
    REVIEW_ERROR = "review_error"
    #: A fact from a named source that this project could not check against the document.
    UNCHECKED = "unchecked"


class StatementOrigin(StrEnum):
    """Where a statement comes from: the review, another named source, or this project."""

    #: The review: its words (``excerpt``) and the reference numbers it attaches to them.
    REVIEW = "review"
    #: A named public source beyond the review, such as a drug label; not from the review.
    OTHER_SOURCE = "other_source"
    #: This project's own rule (how Box 1 is read), never cited to the review.
    PROJECT_RULE = "project_rule"


class Statement(BaseModel):
    """One statement and what it rests on: the review's words and reference numbers, a named
    source beyond the review (such as a drug label), or this project's own rule.

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> cost = classify_dose("4.5 mg").notes[0]
        >>> cost.references, cost.evidence.value, cost.origin.value
        ((22,), 'narrative_review', 'review')
        >>> cost.id
        'low.cost'
    """

    model_config = _FROZEN

    id: str = Field(
        pattern=STATEMENT_ID_PATTERN,
        description="a stable identifier, unique in its band table, such as 'low.cost'",
    )
    text: str = Field(min_length=1)
    references: tuple[int, ...] = Field(
        default=(),
        description="the reference numbers the review attaches to the sentence; none when "
        "the review's sentence has none (then it is the review's own statement)",
    )
    sources: tuple[str, ...] = Field(
        default=(),
        description="named public sources beyond the review, such as a drug label",
    )
    evidence: EvidenceKind
    excerpt: str = Field(
        default="",
        description="the review's words the statement rests on, verbatim; empty for a "
        "statement from another source",
    )
    general: bool = Field(
        default=False,
        description="whether it concerns naltrexone at any dose, not only this range",
    )
    flag: StatementFlag | None = Field(
        default=None,
        description="a miscitation or an error of the review, or a fact not checked against "
        "its source; explained in flag_note",
    )
    flag_note: str = Field(default="", description="why the statement is flagged")
    qualifies: str | None = Field(
        default=None,
        description="the id of the statement this one qualifies (a caveat); it follows that "
        "statement directly in its list, so that every view prints it beside it",
    )

    @model_validator(mode="after")
    def _cited(self) -> Self:
        fault = _citation_fault(self)
        if fault:
            raise ValueError(fault)
        return self

    @property
    def origin(self) -> StatementOrigin:
        """Where the statement comes from."""
        if self.evidence is EvidenceKind.PROJECT_RULE:
            return StatementOrigin.PROJECT_RULE
        if self.sources:
            return StatementOrigin.OTHER_SOURCE
        return StatementOrigin.REVIEW

    def citation(self) -> str:
        """What the statement rests on, in words: reference numbers, source, evidence kind.

        Examples:
            >>> from naltrexone_dose import classify_dose
            >>> [s.citation() for s in classify_dose("20 mg").safety][:2]
            ["the review's own statement, no reference", "the review's own statement, no reference"]
        """
        kind = self.evidence.value.replace("_", " ")
        flagged = f" (flagged: {self.flag.value.replace('_', ' ')})" if self.flag else ""
        named = [f"{source} (not from the review)" for source in self.sources]
        if self.origin is StatementOrigin.PROJECT_RULE:
            return "; ".join(["this project's rule, not the review's", *named])
        if self.origin is StatementOrigin.OTHER_SOURCE:
            return "; ".join([*named, kind]) + flagged
        if not self.references:
            return "the review's own statement, no reference" + flagged
        if self.evidence is EvidenceKind.REVIEW_STATEMENT:
            kind = "the review's own statement"
        return f"{', '.join(map(str, self.references))}; {kind}{flagged}"

    def __str__(self) -> str:
        return f"{self.text} [{self.citation()}]"


def _citation_fault(statement: Statement) -> str:
    # The citation rule: a statement from the review quotes the review's words and cites the
    # numbers the review attaches to them (none makes it the review's own statement); one from
    # another source names it instead; a project rule cites nothing of the review.
    kind = statement.evidence
    fault = _flag_fault(statement)
    if fault:
        return fault
    if kind is EvidenceKind.PROJECT_RULE:
        if statement.references:
            return "a project rule cites no reference of the review; give sources, if any"
        return ""
    if statement.sources:
        if statement.references or statement.excerpt:
            return (
                "a statement from a named source beyond the review has no reference numbers "
                "and no excerpt of the review"
            )
        if kind is EvidenceKind.REVIEW_STATEMENT:
            return "a statement from a named source is not the review's own statement"
        return ""
    if not statement.excerpt.strip():
        return (
            "a statement needs the review's words it rests on (excerpt), or a named source "
            "beyond the review (sources), or the evidence kind project_rule"
        )
    if not statement.references and kind is not EvidenceKind.REVIEW_STATEMENT:
        return (
            "a statement of the review with no reference number is the review's own statement "
            "(evidence review_statement)"
        )
    if (
        statement.references
        and kind is EvidenceKind.REVIEW_STATEMENT
        and statement.flag is not StatementFlag.MISCITATION
    ):
        return (
            "the review's own statement cites no reference number (unless it is flagged as "
            "a miscitation: the review's number kept, the work not supporting the claim)"
        )
    if statement.flag is StatementFlag.MISCITATION and kind is not EvidenceKind.REVIEW_STATEMENT:
        return (
            "a miscitation is filed as the review's own statement (evidence review_statement), "
            "never as evidence of the cited work's kind"
        )
    return ""


def _flag_fault(statement: Statement) -> str:
    flag = statement.flag
    if (flag is None) != (not statement.flag_note.strip()):
        return "a flag needs its flag_note, and a flag_note its flag"
    if flag in {StatementFlag.MISCITATION, StatementFlag.REVIEW_ERROR} and (
        statement.origin is not StatementOrigin.REVIEW
    ):
        return f"the flag {flag.value} is for a statement of the review"
    if flag is StatementFlag.MISCITATION and not statement.references:
        return "a miscitation keeps the review's reference number"
    if flag is StatementFlag.UNCHECKED and statement.origin is not StatementOrigin.OTHER_SOURCE:
        return "the flag unchecked is for a fact from a named source beyond the review"
    return ""


class Box1Row(BaseModel):
    """A Box 1 row as the review prints it."""

    model_config = _FROZEN

    dose_range: str = Field(min_length=1)
    mechanism: str = Field(min_length=1)
    clinical_use: str = Field(min_length=1)
    references: tuple[int, ...] = Field(min_length=1)


class Regimen(BaseModel):
    """A known regimen that is not an oral daily dose (the depot injection), and its band.

    The review does not mention it: its statements name their source (a drug label) or are
    this project's rule, never the review's. Its result is not in Box 1: no Box 1 row and none
    of the band's oral uses, only the regimen's own statements.
    """

    model_config = _FROZEN

    name: str = Field(min_length=1)
    label: str = Field(min_length=1, description="what a result of this regimen is called")
    route: str = Field(min_length=1)
    mass_mg: ExactBound
    interval_days: ExactBound
    band: Band
    uses: tuple[Statement, ...] = ()
    safety: tuple[Statement, ...] = ()
    notes: tuple[Statement, ...] = Field(min_length=1)
    oral_notes: tuple[Statement, ...] = Field(
        default=(),
        description="notes for an oral daily dose of the regimen's mass (a bare '380 mg')",
    )

    def statements(self) -> tuple[Statement, ...]:
        """Every statement of the regimen, for checks."""
        return self.uses + self.safety + self.notes + self.oral_notes


class Frequency(BaseModel):
    """A frequency or rate as read from the text, and how many times a day it means."""

    model_config = _FROZEN

    text: str = Field(min_length=1, description="the words as read, such as 'BID' or '/week'")
    per_day: ExactAmount = Field(description="administrations (or fractions of the amount) a day")
    low_per_day: ExactAmount | None = Field(
        default=None,
        description="the low end of a range of frequencies ('1-2 times daily', 'every 2-3 "
        "days'); per_day is the high end",
    )


class WarningCode(StrEnum):
    """What was written in an error-prone way: the stable code of a `DoseWarning`.

    The ISMP's list of error-prone abbreviations, symbols and dose designations, and two codes
    of this project's (``implausible_amount``, ``unread_text``). The message of each is in the data file
    ``writing.toml``, which holds exactly these codes.

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> classify_dose("1.0 mg").warnings[0].code
        <WarningCode.TRAILING_ZERO: 'trailing_zero'>
        >>> WarningCode.HS == "hs"
        True
    """

    TRAILING_ZERO = "trailing_zero"
    """`1.0 mg`: can be misread as 10 mg."""
    NAKED_DECIMAL = "naked_decimal"
    """`.5 mg`: can be misread as 5 mg."""
    TRAILING_DOT = "trailing_dot"
    """`5. mg`: a trailing decimal point."""
    MICROGRAM_SYMBOL = "microgram_symbol"
    """`µg`: can be misread as mg."""
    QD = "qd"
    """`qd`: can be misread as qid or qod."""
    QOD = "qod"
    """`qod`: can be misread as qd or qid."""
    OD = "od"
    """`od`: once daily in UK use, right eye in US use."""
    HS = "hs"
    """`hs`: at bedtime, or half-strength."""
    CC = "cc"
    """`cc`: can be misread as u or 00."""
    UNIT_RUN_INTO_NUMBER = "unit_run_into_number"
    """`4.5mg`: a unit run into the number."""
    UNIT_WITH_DOT = "unit_with_dot"
    """`mg.`: a unit with a period."""
    PLURAL_ABBREVIATION = "plural_abbreviation"
    """`mgs`: a plural abbreviation."""
    IMPLAUSIBLE_AMOUNT = "implausible_amount"
    """A gram a day or more: most likely a unit slip (not an ISMP item; this project's)."""
    UNREAD_TEXT = "unread_text"
    """A FHIR text field the reader cannot read (another language, a note it does not know):
    the structured fields alone give the dose (not an ISMP item; this project's)."""


class DoseWarning(BaseModel):
    """Something written in an error-prone way (ISMP): read, but worth correcting."""

    model_config = _FROZEN

    code: WarningCode = Field(description="a stable code, such as 'trailing_zero'")
    written: str = Field(description="what was written")
    message: str = Field(description="why it is error-prone and how to write it")


class ReadPart(BaseModel):
    """One part of the input and how it was read: its role, and what it means in numbers."""

    model_config = _FROZEN

    text: str = Field(description="the part as written (or the field it came from)")
    role: str = Field(description="its role: amount, strength, count of units, frequency, ...")
    meaning: str = Field(default="", description="what it means, such as '2 a day' or '50 mg'")

    def __str__(self) -> str:
        meaning = f" ({self.meaning})" if self.meaning else ""
        return f"{self.text!r}: {self.role}{meaning}"


class Dose(BaseModel):
    """A dose read exactly: the amount as written, the frequency, and the daily dose in mg.

    Examples:
        >>> from naltrexone_dose import parse_dose
        >>> dose = parse_dose("350 mg/week")
        >>> dose.mg_per_day, dose.basis.value
        (Fraction(50, 1), 'stated_rate')
    """

    model_config = _FROZEN

    source: str = Field(description="the input as given (text, or the repr of a number)")
    amount: ExactAmount = Field(description="the amount per administration, in `unit`")
    unit: str = Field(description=f"the mass unit, canonical symbol ({', '.join(BY_SYMBOL)})")
    amount_mg: ExactAmount = Field(description="the amount per administration, in mg")
    frequency: Frequency | None = Field(
        default=None, description="the rate or frequency read, if any"
    )
    mg_per_day: ExactAmount | None = Field(
        description="the daily dose in mg, exact; None only for the depot injection"
    )
    low_mg_per_day: ExactAmount | None = Field(
        default=None,
        description="for a range such as '1.5-4.5 mg', the daily dose of its low end",
    )
    basis: DailyDoseBasis
    route: str = Field(default="oral", description="'oral', or 'intramuscular' for the depot")
    strength_mg: ExactAmount | None = Field(
        default=None, description="a product strength read beside the dose, in mg"
    )
    count: ExactAmount | None = Field(
        default=None,
        description="units (tablets, capsules) per administration, if given",
    )
    volume_ml: ExactAmount | None = Field(default=None, description="a liquid volume, in mL")
    concentration_mg_per_ml: ExactAmount | None = Field(
        default=None, description="a liquid's concentration, in mg/mL"
    )
    assumptions: tuple[str, ...] = ()
    warnings: tuple[DoseWarning, ...] = ()
    steps: tuple[Dose, ...] = Field(
        default=(),
        description="for a multi-step schedule, every step; this dose is the last",
    )
    explanation: tuple[ReadPart, ...] = Field(
        default=(),
        description="how each part of the input was read, in the order written",
    )

    def __str__(self) -> str:
        if self.mg_per_day is None:
            days = 1 / self.frequency.per_day if self.frequency else None
            every = f" every {format_amount(days)} days" if days else ""
            return f"{format_amount(self.amount_mg)} mg {self.route}{every}"
        if self.low_mg_per_day is not None:
            return f"{format_amount(self.low_mg_per_day)}-{format_amount(self.mg_per_day)} mg/day"
        return f"{format_amount(self.mg_per_day)} mg/day"


class FhirQuantity(TypedDict):
    """A FHIR Quantity in UCUM, as `DoseClassification.to_fhir_quantity` returns it.

    ``value`` is an ``int`` for a whole number, a ``float`` where the float's shortest
    decimal is the exact value, and a ``Decimal`` otherwise (``json.dumps`` needs a
    ``default`` for it).

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> quantity: FhirQuantity = classify_dose("4.5 mg daily").to_fhir_quantity()
        >>> quantity["value"], quantity["code"]
        (4.5, 'mg/d')
    """

    value: int | float | Decimal
    unit: str
    system: str
    code: str


class FhirDosage(TypedDict, total=False):
    """A FHIR R4 Dosage, as `DoseClassification.to_fhir_dosage` returns it: the reading as a
    structure (amount per administration, timing, route, steps in ``sequence``), which reads
    back to the same daily dose.

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> dosage: FhirDosage = classify_dose("4.5 mg at bedtime").to_fhir_dosage()[0]
        >>> dosage["timing"]
        {'repeat': {'frequency': 1, 'period': 1, 'periodUnit': 'd'}}
    """

    sequence: int
    text: str
    timing: dict[str, Any]
    route: dict[str, Any]
    doseAndRate: list[dict[str, Any]]


class DoseRange(BaseModel):
    """Both ends of a dose range ("1.5-4.5 mg"), each with its band."""

    model_config = _FROZEN

    low_mg_per_day: ExactAmount
    low_band: Band
    high_mg_per_day: ExactAmount
    high_band: Band
    crosses_boundary: bool = Field(description="whether the ends fall in different ranges")


class StepClassification(BaseModel):
    """One step of a multi-step schedule, classified."""

    model_config = _FROZEN

    text: str
    mg_per_day: ExactAmount
    band: Band


class DoseClassification(BaseModel):
    """Where a dose falls among the six ranges, and what the review says of that range.

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> result = classify_dose("4.5 mg")
        >>> result.band, result.mg_per_day
        (<Band.LOW: 'low'>, Fraction(9, 2))
        >>> print(result)
        low: 4.5 mg/day, Low-dose (1-5 mg)
    """

    model_config = _FROZEN

    dose: Dose
    band: Band
    mg_per_day: ExactAmount | None = Field(
        description="the daily dose in mg, exact; None only for the depot injection"
    )
    label: str = Field(description="the range's name, as Box 1 prints it where it is a band")
    in_box1: bool = Field(
        description="whether the result is a Box 1 row; false outside the four bands and for "
        "the depot injection (placed with standard by the project's rule, not a Box 1 row)"
    )
    box1: Box1Row | None = Field(
        description="the Box 1 row; None outside the four bands and for the depot injection"
    )
    uses: tuple[Statement, ...] = Field(description="documented uses, each with its evidence")
    findings: tuple[Statement, ...] = Field(
        default=(),
        description="mechanisms and other findings (animal and cell studies, running trials): "
        "what the review says of the range that is not a use",
    )
    safety: tuple[Statement, ...] = Field(
        description="the range's own safety statements, then those about naltrexone at any "
        "dose (general); never empty"
    )
    notes: tuple[Statement, ...] = Field(
        description="what else the table says of the range, its project rules included"
    )
    neighbours: tuple[Band, ...] = Field(
        description="for a range outside Box 1, the Box 1 bands on either side"
    )
    table: str = Field(description="the name of the band table used")
    range: DoseRange | None = Field(default=None, description="both ends, for a dose range")
    steps: tuple[StepClassification, ...] = Field(
        default=(), description="every step of a multi-step schedule"
    )
    warnings: tuple[DoseWarning, ...] = Field(
        default=(), description="error-prone writing found in the input"
    )

    def __str__(self) -> str:
        printed = f" ({self.box1.dose_range})" if self.box1 else ""
        return f"{self.band.value}: {self.dose}, {self.label}{printed}"

    def to_fhir_quantity(self) -> FhirQuantity:
        """The daily dose as a FHIR Quantity in UCUM (micrograms as ``ug``, never ``mcg``).

        Examples:
            >>> from naltrexone_dose import classify_dose
            >>> classify_dose("500 mcg daily").to_fhir_quantity()["code"]
            'ug/d'
        """
        quantity: FhirQuantity = VIEWS["fhir_quantity"](self.dose)  # type: ignore[assignment]
        return quantity

    def to_fhir_dosage(self) -> list[FhirDosage]:
        """The reading as FHIR R4 Dosage entries (one per step, in ``sequence``), each with
        its amount per administration in UCUM, its timing and its route (and, for one step,
        the text); `classify_dose` reads the list back to the same daily dose.

        Examples:
            >>> from naltrexone_dose import classify_dose
            >>> [entry["doseAndRate"][0]["doseQuantity"]["value"]
            ...  for entry in classify_dose("1.5 mg nightly, then 4.5 mg nightly").to_fhir_dosage()]
            [1.5, 4.5]
        """
        dosages: list[FhirDosage] = VIEWS["fhir_dosage"](self.dose)  # type: ignore[assignment]
        return dosages

    def _repr_html_(self) -> str:
        """A card for Jupyter: band, daily dose on the six ranges, uses with their evidence."""
        return str(VIEWS["classification_html"](self))

    def __repr__(self) -> str:
        # One short line of the fields that matter, each as its own type: mg_per_day is the
        # exact Fraction (None for the depot), never display text.
        return (
            f"DoseClassification(band={self.band.value!r}, "
            f"mg_per_day={self.mg_per_day!r}, source={self.dose.source!r})"
        )
