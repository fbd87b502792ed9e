"""Recognisers of masses: an amount with its unit, a range, a rate or a concentration, a
qualifier in brackets. Each states the rule it reads.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING

from . import _vocabulary as vocab
from ._errors import (
    DoseAmountError,
    DoseSyntaxError,
    DoseUnitError,
    ErrorReason,
)
from ._format import format_amount
from ._mentions import Mass
from ._scan_state import _AMOUNT_FORMS, ScanState
from ._units import (
    ACCEPTED_MASS_UNITS,
    BODY_SIZE_WORDS,
    MASS_UNITS,
    MONTH_WORDS,
    TIME_UNITS,
    VOLUME_UNITS,
    Unit,
)

if TYPE_CHECKING:
    from ._tokens import Token


def scan_mass(
    state: ScanState,
    index: int,
    unit_index: int,
    value: Fraction,
    written: str,
    unit: Unit | None = None,
) -> int:
    unit_token = state.tokens[unit_index]
    unit = unit or MASS_UNITS[unit_token.lower]
    if not unit_token.spaced:
        state.warn("unit_run_into_number", f"{written}{unit_token.text}")
    if unit_token.text in ("\u00b5g", "\u03bcg", "\u00b5G", "\u039cg", "\u039cG"):
        state.warn("microgram_symbol", unit_token.text)
    if re.fullmatch(r"\d+\.0+", written) and "." in written:
        state.warn("trailing_zero", written)
    if written.startswith("."):
        state.warn("naked_decimal", written)
    if written.endswith("."):
        state.warn("trailing_dot", written)
    mass = Mass(value, unit, f"{written} {unit_token.text}", index, state.depth)
    mass.increment = state.step.titration and (
        state.lower(index - 1) == "by" or state.lower(index - 1) in vocab.TITRATION_WORDS
    )  # "increase by 0.5 mg", "increase 0.5 mg weekly": a step size
    if state.lower(index - 1) == "/" and state.lower(index - 2) in vocab.FORM_WORDS:
        msg = (
            f"'{state.tokens[index - 2].text}/{mass.written}': units shared with a mass is "
            "neither a count to take nor a strength; give the strength and how many to take, "
            "such as '1.5 mg capsules, take 3'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    if state.restatement_pending:
        if state.lower(unit_index + 1) in vocab.EACH_WORDS:
            msg = (
                f"'total {mass.written} {state.tokens[unit_index + 1].text}': a total and "
                "the amount of each unit at once; give one"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        mass.qualifier, state.restatement_pending = state.restatement_pending, ""
    elif state.depth:
        mass.qualifier = paren_qualifier(state, index)
    elif state.lower(unit_index + 1) in vocab.TOTAL_WORDS - {"in", "all"}:
        mass.qualifier = "total"  # "take 2 tablets, 50 mg total"
    elif state.lower(unit_index + 1) in vocab.EACH_WORDS - {"per"}:
        mass.qualifier = "each"
    if state.limit_pending:
        state.limit_pending = False
        mass.limit = True
        end = scan_rate(state, mass, unit_index + 1)
        state.last_mass_end = end
        state.mentions.limits.append(mass)
        state.claim(index, end, "mass", mass=mass)
        return end
    if state.step.closed and not state.step.titration:
        if state.depth:
            # "4.5 mg qhs for 14 days (63 mg)": a total over the course, or a new dose?
            msg = (
                f"'({mass.written})' after a duration may be the total over it or a new dose; "
                "give the dose and its duration alone, such as '4.5 mg at bedtime for 14 days'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        state.new_step(index)
    first = link_range(state, mass, index)
    end = scan_rate(state, mass, unit_index + 1)
    mass.qualifier = _restates(state, mass)
    state.last_mass_end = end
    state.step.masses.append(mass)
    state.claim(first, end, "mass", mass=mass)
    return end


def _restates(state: ScanState, mass: Mass) -> str:
    """Rule (SPEC, "said twice"): a mass per day in brackets or called a total ("(100 mg/day)",
    "total 4.5 mg per day"), or after "total daily dose", restates the day's dose when the
    step already gives an amount or a count; with nothing before it, it is the dose."""
    earlier = bool(state.step.masses or state.step.counts or state.step.volumes)
    per_day = mass.rate_days == 1
    if mass.qualifier == "day" or (per_day and (state.depth or mass.qualifier == "total")):
        return "day" if earlier else ""
    if mass.qualifier == "dose":  # "(1 mg per dose)" restates the amount taken at once
        return "dose" if earlier else ""
    return mass.qualifier


def paren_qualifier(state: ScanState, index: int) -> str:
    """Say whether the brackets around a mass call it the "total" or "each".

    The words read are those between the nearest brackets on either side of the mass,
    so each token is read once however the brackets nest.
    """
    if state.segments is None:
        state.segments = _bracket_segments(state.tokens)
    start, end = state.segments[index]
    if (start, end) not in state.qualifiers:
        words = {token.lower for token in state.tokens[start:end]}
        if words & vocab.TOTAL_WORDS - {"in", "all"} or {"in", "all"} <= words:
            state.qualifiers[start, end] = "total"
        elif words & vocab.EACH_WORDS:
            state.qualifiers[start, end] = "each"
        else:
            state.qualifiers[start, end] = ""
    return state.qualifiers[start, end]


def link_range(state: ScanState, mass: Mass, index: int) -> int:
    """Join "1.5-4.5 mg", "1.5 to 4.5 mg" and "1.5 mg - 4.5 mg" into one range.

    Rule: NUMBER ("-"|"to"|"or") NUMBER MASS_UNIT, "between" NUMBER "and" NUMBER
    MASS_UNIT, or MASS "-" MASS. Returns the index of the range's first token.
    """
    joiner = state.at(index - 1)
    if joiner is None or joiner.lower not in ("-", "to", "and", "or"):
        return index
    if joiner.lower == "to" and "from" in (state.lower(index - 3), state.lower(index - 4)):
        # "from 4.5 mg to 3 mg": a change of dose, not a range
        msg = "'from ... to ...' is a change of dose, not a dose; give the dose taken now"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if joiner.lower == "and" and state.lower(index - 3) != "between":
        return index
    low_token = state.at(index - 2)
    if low_token is not None and low_token.kind == "num" and low_token.value is not None:
        unresolved = state.mentions.unresolved
        if unresolved and unresolved[-1][1].split(" ")[0] == low_token.text:
            unresolved.pop()  # the low end of the range: it has a role after all
        mass.low = low_token.value
        _highest_last(mass)
        return index - 2
    masses = state.step.masses
    if masses and masses[-1].index == index - 3 and masses[-1].rate_days is None:
        if masses[-1].low is not None:
            msg = (
                f"'{masses[-1].written} - {mass.written}' runs on from a range; give one range "
                "with its two ends, such as '1.5-4.5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        previous = masses.pop()
        parts = state.mentions.parts
        parts[:] = [part for part in parts if part.mass is not previous]
        mass.low = previous.mg / mass.unit.factor
        _highest_last(mass)
        return index - 3
    return index


def scan_rate(state: ScanState, mass: Mass, index: int) -> int:
    """Read what follows a mass unit: an annotation, a rate or a concentration."""
    if state.lower(index) == "." and state.lower(index + 1) not in TIME_UNITS:
        state.warn("unit_with_dot", mass.written + ".")
    if state.lower(index) == "{":  # a UCUM annotation: mg{dose}
        close = next(
            (k for k in range(index, min(index + 8, len(state.tokens))) if state.lower(k) == "}"),
            None,
        )
        if close is not None:
            index = close + 1
    word = state.lower(index)
    if word in ("/", "per") or (word == "." and state.lower(index + 2) == "-"):
        return scan_denominator(state, mass, index)
    if (
        word in ("in", "per")
        and state.fits_number(index + 1)
        and state.lower(index + 2) in VOLUME_UNITS
    ):
        return scan_denominator(state, mass, index)  # "1 mg in 1 mL": a concentration
    if word == "in" and state.fits_number(index + 1) and state.lower(index + 2) in TIME_UNITS:
        return scan_denominator(state, mass, index)  # "4.5 mg in 24 hours": a rate
    if word in vocab.FORM_WORDS or word in vocab.FORM_DESCRIPTORS:
        probe = index
        while state.lower(probe) in vocab.FORM_DESCRIPTORS:
            probe += 1
        if state.lower(probe) in vocab.FORM_WORDS - _AMOUNT_FORMS:
            mass.strength = True  # "50 mg tablet"; but "7 mg dose" is an amount
            if state.lower(probe) in vocab.ORAL_FORMS or state.lower(index) == "oral":
                state.mentions.oral = True
    return index


def scan_denominator(state: ScanState, mass: Mass, index: int) -> int:
    slash = state.lower(index)
    cursor = index + 1
    ucum = slash == "."
    opened = state.lower(cursor) == "("
    if opened:  # mg/(24.h)
        cursor += 1
    multiplier = Fraction(1)
    number = state.at(cursor)
    if number is not None and number.kind == "num" and number.value is not None:
        multiplier = number.value
        cursor += 1
        if state.lower(cursor) == ".":
            cursor += 1
    word = state.lower(cursor)
    shown = state.tokens[cursor].text if cursor < len(state.tokens) else ""
    if word in ("night", "nocte") and multiplier == 1:
        word = "day"  # "4.5 mg/night": once a night is once a day
    if word in TIME_UNITS:
        if multiplier == 0:
            msg = (
                f"'{mass.written}/0 {shown}' is a rate per zero time; give a rate such "
                "as '4.5 mg/day'"
            )
            raise DoseAmountError(msg, ErrorReason.ZERO)
        mass.rate_days = multiplier * TIME_UNITS[word].factor
        mass.rate_text = (
            f"{'/' if slash != 'per' else 'per '}{'' if multiplier == 1 else number.text}"  # type: ignore[union-attr]
            f"{shown}"
        )
        cursor += 1
        if ucum and state.lower(cursor) == "-" and state.lower(cursor + 1) == "1":
            cursor += 2
        if opened and state.lower(cursor) == ")":
            cursor += 1
        if state.lower(cursor) == "/":
            msg = (
                f"'{mass.written}{mass.rate_text}/...' divides twice; write one rate, such "
                "as '4.5 mg/day'"
            )
            raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)
        return cursor
    if word in MONTH_WORDS:
        msg = (
            f"'{mass.written}' per month: a month has no fixed length, so no daily dose "
            "follows; give it per day or per week, such as '4.5 mg/day'"
        )
        raise DoseUnitError(msg, ErrorReason.PER_MONTH)
    if word in VOLUME_UNITS:
        mass.per_ml = multiplier * VOLUME_UNITS[word].factor
        mass.volume_given = number is not None and number.kind == "num"
        return cursor + 1
    if word in BODY_SIZE_WORDS or (word == "m" and state.lower(cursor + 1) == "2"):
        msg = (
            f"'{mass.written}/{shown}' is a dose per body weight or body surface area; "
            "a daily dose needs the mass itself, such as '4.5 mg' or '50 mg/day'"
        )
        raise DoseUnitError(msg, ErrorReason.PER_BODY_SIZE)
    if word in _AMOUNT_FORMS and multiplier == 1:  # "1 mg per dose": the amount taken at once
        mass.qualifier = "dose"
        return cursor + 1
    if word in vocab.FORM_WORDS:  # "50 mg/tablet", "4.5 mg per capsule": a strength
        if multiplier != 1:
            msg = (
                f"'{mass.written}/{number.text} {shown}': a mass shared by "  # type: ignore[union-attr]
                "several units is neither the strength of one nor a dose; give the strength "
                "and how many to take, such as '1.5 mg capsules, take 3'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
        mass.strength = True
        if word in vocab.DEPOT_WORDS:  # "380 mg/vial": a form that is injected
            state.mentions.routes.append(state.tokens[cursor].text)
        return cursor + 1
    if slash == "per":
        return index  # "4.5 mg per os", "per day" is handled above
    msg = (
        f"'{mass.written}/{shown}' is not a mass or a mass per time; expected a mass "
        f"({ACCEPTED_MASS_UNITS}) or a rate such as '4.5 mg/day' or '350 mg/week'"
    )
    raise DoseUnitError(msg, ErrorReason.NOT_A_MASS)


def _highest_last(mass: Mass) -> None:
    """A range decides by its highest dose, whichever end is written first ("4.5-1.5 mg");
    but "500-1 mg", high first and five hundred times the low end, is no range to guess at."""
    if mass.low is not None and mass.low > mass.amount * 10:
        msg = (
            f"'{format_amount(mass.low)}-{mass.written}' runs from high to low across more than "
            "a factor of ten; give each end with its unit"
        )
        raise DoseSyntaxError(msg, ErrorReason.MULTIPLE_AMOUNTS)
    if mass.low is not None and mass.low > mass.amount:
        mass.low, mass.amount = mass.amount, mass.low
        mass.mg = mass.amount * mass.unit.factor


def _bracket_segments(tokens: list[Token]) -> list[tuple[int, int]]:
    """For each token, the span (start, end) of the run of tokens between brackets it is in."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index, token in enumerate([*tokens, None]):
        if token is None or token.text in "()[]":
            spans.extend([(start, index)] * (index - start))
            if token is not None:
                spans.append((index, index))
            start = index + 1
    return spans


def _not_a_mass(written: str, what: str) -> DoseUnitError:
    msg = (
        f"'{written}' is not a mass ({what}); expected a mass unit ({ACCEPTED_MASS_UNITS}), "
        "or a rate such as '4.5 mg/day'"
    )
    return DoseUnitError(msg, ErrorReason.NOT_A_MASS)
