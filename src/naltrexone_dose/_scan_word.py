"""Recognisers that start at a word: steps and titrations, words that change a dose's
meaning, limits, other drugs and routes, counts in words, patient measures, unknown
words. Each states the rule it reads.
"""

from __future__ import annotations

import re
from fractions import Fraction

from . import _vocabulary as vocab
from ._errors import (
    DailyDoseUnknownError,
    DoseAmountError,
    DoseSyntaxError,
    DoseUnitError,
    ErrorReason,
)
from ._scan_frequency import add_frequency, except_days, match_frequency, time_window
from ._scan_state import (
    _ADVISORY_VERBS,
    _AMOUNT_FORMS,
    _CLAIMED_UNITS,
    _DURATION_WORD,
    _NOT_FINITE,
    _ORAL_WORDS,
    _PARTS,
    _PATIENT_UNITS,
    _TIMES_WORD,
    _UNIT_WORDS,
    ScanState,
)
from ._units import (
    BODY_SIZE_WORDS,
    MASS_UNITS,
    MONTH_WORDS,
    TIME_UNITS,
)


def scan_word(state: ScanState, index: int) -> int:
    token = state.tokens[index]
    word = token.lower
    if word in vocab.TITRATION_WORDS:
        if state.step.masses:
            state.new_step(index, titration=True)
        elif len(state.mentions.steps) > 1:  # "then increase to 3 mg"
            state.step.titration = True
        else:
            msg = (
                f"'{token.text}' with no dose before it: a change is not a dose. Give the "
                "dose taken, such as '1.5 mg nightly, then increase to 4.5 mg nightly'"
            )
            raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
        return index + 1
    if word in vocab.START_WORDS and _starts_a_dose(state, index + 1):
        state.step.starting = True  # Rule: START (NUMBER | "at" | "with") marks a first step
        state.claim(index, index + 1, "start of a schedule")
        return index + 1
    if word in vocab.STEP_WORDS and (state.step.masses or state.step.counts or state.step.volumes):
        end = index + 1 + (state.lower(index + 1) == "by")
        state.new_step(index, after=end)
        return end
    restated = restatement(state, index)
    if restated:
        return restated
    harmless = harmless_phrase(state, index)
    if harmless:
        return harmless
    if word in vocab.ACTIVITY_WORDS:
        _activity_schedule(state, index)
    if word in ("half", "quarter") and (
        state.lower(index + 1) in _AMOUNT_FORMS or state.lower(index - 1) in _AMOUNT_FORMS
    ):
        msg = f"'{token.text} dose': a fraction of which dose? Give the dose taken, in mg"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if word == "x" and not state.fits_number(index + 1):
        # "4.5 mg qhs x", "(X)", "x daily": an x that multiplies nothing, or a cross
        state.mentions.unresolved.append(("in_word", token.text))
        return index + 1
    if (
        word == "and"
        and state.last_mass_end == index
        and state.lower(index + 1 + (state.lower(index + 1) in ("a", "one"))) in ("half", "quarter")
    ):
        msg = (
            f"'{state.tokens[index - 1].text} and a {state.lower(index + 2) or 'half'}': a mass "
            "and a fraction of what? Write the amount as a decimal, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    if word in vocab.EXTENDED_RELEASE_WORDS:
        state.mentions.extended = True
    if (
        word == "am"
        and state.lower(index + 1) == "on"
        and (state.fits_number(index + 2) or state.lower(index + 2) in vocab.NALTREXONE_NAMES)
    ):
        state.claim(index, index + 2, "pronoun")  # "Am on 3 mg at night": the verb
        return index + 2
    if word in ("repeat", "repeats") and not (
        state.fits_number(index + 1) or state.lower(index + 1) in (":", "x", "prn")
    ):
        msg = f"'{token.text}' says the dose is taken again; give how often, such as 'twice daily'"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if word == "start" and state.lower(index - 1) == "to" and state.step.masses:
        state.step.starting = True  # "25 mg to start": a first step
        state.claim(index - 1, index + 1, "start of a schedule")
        return index + 1
    if word == "i" and not state.told(index):
        verb = index + 1 + (state.lower(index + 1) == "'")
        if state.lower(verb) in vocab.PRONOUN_VERBS:
            # Rule: "I" VERB is the pronoun; "I am" / "I'm" is no morning dose.
            auxiliary = state.lower(verb) in ("am", "m", "ve", "have")
            end = verb + 1 + (state.lower(verb + 1) == "been") if auxiliary else index + 1
            state.claim(index, end, "pronoun")
            return end
    if word in vocab.REFILL_WORDS:
        prn = index + 1 + (state.lower(index + 1) == ":")
        if state.lower(prn) == "prn":
            # Rule: REFILL_WORD [":"] "PRN" is refills as needed, not the dose ("RF: PRN").
            state.claim(index, prn + 1, "quantity dispensed or refills", "refills as needed")
            return prn + 1
    matched = match_frequency(state, index)
    if matched:
        return matched
    if word in vocab.EVERY_WORDS - vocab.EACH_WORDS and not state.starts_frequency(index + 1):
        # "50 mg q", "every, as before": an interval word that nothing completes.
        msg = (
            f"'{token.text}' starts an interval that the text does not complete; give it "
            "whole, such as 'q12h' or 'every 12 hours'"
        )
        raise DailyDoseUnknownError(msg, ErrorReason.FREQUENCY_UNKNOWN)
    refused = refused_word(state, index)
    if refused:
        return refused
    window = time_window(state, index)
    if window:
        return window
    if word == "once" and state.starts_frequency(index + 1):
        return index + 1  # "once at bedtime", "once daily": the phrase after says when
    next_token = state.at(index + 1)
    if word == "on" and (
        next_token is None
        or next_token.kind == "punct"
        or next_token.lower in vocab.ON_NIGHT_FOLLOWERS
    ):
        # Rule: "on" ending a clause is the UK "ON" (omni nocte): at night.
        night = vocab.FrequencyWord(vocab.FrequencyKind.TIME_OF_DAY, Fraction(1), "night")
        add_frequency(state, night, token.text, index, index + 1)
        return index + 1
    if word in vocab.PATIENT_WORDS or (
        word in vocab.SCHEDULE_INDEX_WORDS
        and state.lower(index - 1) not in ("/", "per")
        and state.fits_number(index + 1 + (state.lower(index + 1) in (":", "-")))
    ):
        return skip_measure(state, index)
    if word in vocab.DEPOT_WORDS:
        state.mentions.routes.append(token.text)
        state.claim(index, index + 1, "route", "injected")
    elif word in _ORAL_WORDS - {"by", "per"} or (
        word == "mouth" and state.lower(index - 1) == "by"
    ):
        state.claim(index - (word == "mouth"), index + 1, "route", "by mouth")
    if word in _NOT_FINITE and state.lower(index + 1) in MASS_UNITS:
        msg = (
            f"the amount '{token.text}' is not a finite number; a dose is a positive amount, "
            "such as '4.5 mg'"
        )
        raise DoseAmountError(msg, ErrorReason.NOT_FINITE)
    if word in MASS_UNITS:
        if state.last_mass_end == index:
            msg = (
                f"the unit is written twice ('{state.tokens[index - 1].text} {token.text}'); "
                "write one amount and one unit, such as '5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.DOUBLED_UNIT)
        state.mentions.unit_only = state.mentions.unit_only or token.text
        state.mentions.unknown.append(token.text)  # "Mg 400 mg": a unit no number takes
    elif word in vocab.HOUSEHOLD_WORDS:
        state.mentions.household = state.mentions.household or token.text
    elif (duration := _DURATION_WORD.match(word)) and (
        duration[1] or state.lower(index + 1) in TIME_UNITS
    ):
        # "x7d", "x30d", "X7 DAYS": a duration, which does not change the daily dose.
        state.claim(index, index + 1 + (not duration[1]), "duration")
        state.close_step()
        return index + 1 + (not duration[1])
    elif (
        (joined := _DURATION_WORD.match(word))
        and not joined[1]
        and (times_end := state.times_after(index, Fraction(word[1:]), index + 1))
    ):
        return times_end  # "25 mg x2", "daily x30"
    elif (field := _FIELD_WORD.match(word)) and field[1] in vocab.QUANTITY_WORDS:
        state.claim(index, index + 1, "quantity dispensed or refills")  # "DS30", "RF2"
    elif _TIMES_WORD.match(word) and state.lower(index + 1) in vocab.STEP_WORDS:
        state.claim(index, index + 1, "doses of a step before the last")  # "x1 then"
    elif _TIMES_WORD.match(word) and state.lower(index - 1) in vocab.QUANTITY_WORDS:
        state.claim(index - 1, index + 1, "quantity dispensed or refills")  # "RF x2"
    elif any(char.isdigit() for char in word):
        # A number run into a word that no rule reads ("x3", "b12"): it has no role.
        state.mentions.unresolved.append(("in_word", token.text))
    elif word in ("day", "days") and state.lower(index + 1) == "supply":
        state.claim(index, index + 2, "days' supply")  # "Days supply: 30"
    elif (word in _UNIT_WORDS and word not in _CLAIMED_UNITS) or (
        word not in vocab.KNOWN_WORDS and word not in _UNIT_WORDS
    ):
        # A unit with no number ("at 20:00 /wk") has no role either.
        state.mentions.unknown.append(token.text)
    elif (
        len(word) <= 3
        and (after := state.at(index + 1)) is not None
        and after.kind == "num"
        and not after.spaced
        and after.text.startswith(".")
    ):
        msg = (
            f"'{token.text}{after.text}': a letter where a digit belongs ('I.5' for 1.5?); "
            "write the amount in digits, such as '1.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    elif word in ("a", "an") and state.lower(index + 1) in vocab.FORM_WORDS - _AMOUNT_FORMS:
        # Rule: ("a"|"an") FORM ["and" "a" "half"] is a count: "a tablet and a half" is 1.5.
        half = [state.lower(index + k) for k in (2, 3, 4)] == ["and", "a", "half"]
        value, end = (Fraction(3, 2), index + 5) if half else (Fraction(1), index + 2)
        state.add_count(value, state.lower(index + 1), index, end)
        return end
    elif word in vocab.NUMBER_WORDS and word not in {"a", "an"}:
        following = state.lower(index + 1)
        if following == "a" or following in vocab.FORM_WORDS:
            form_index = index + 2 if following == "a" else index + 1
            if state.lower(form_index) in vocab.FORM_WORDS:
                count = vocab.NUMBER_WORDS[word]
                state.add_count(count, state.lower(form_index), index, form_index + 1)
                return form_index + 1
        value, end = vocab.NUMBER_WORDS[word], index + 1
        if [state.lower(end + k) for k in range(3)] == ["and", "a", "half"]:
            value, end = value + Fraction(1, 2), end + 3  # "one and a half"
        elif word == "one" and state.lower(end + (state.lower(end) == "-")) in _PARTS:
            end += state.lower(end) == "-"  # "one half", "one-half", "one quarter"
            value, end = vocab.NUMBER_WORDS[state.lower(end)], end + 1
        if state.lower(end) == "of":
            end += 1  # "half of a tablet"
        if state.lower(end) in ("a", "an", "the") and (
            state.fits_number(end + 1) or state.lower(end + 1) in vocab.FORM_WORDS
        ):
            end += 1  # "half a 50 mg tablet", "half a tablet"
        after = state.at(end)
        starts_dose = after is not None and (
            (after.kind == "num" and (word != "half" or end > index + 1))
            or state.starts_frequency(end)
            or after.lower in vocab.FORM_WORDS
            or after.lower in _ORAL_WORDS
            or (after.lower == "to" and state.lower(end + 1) == "be")  # "one to be taken"
        )
        if starts_dose:
            state.add_count(value, "unit", index, end)
            return end
        state.mentions.number_word = state.mentions.number_word or token.text
    return index + 1


_FOUR_WEEKLY = Fraction(1, 28)
_FIELD_WORD = re.compile(r"^([a-z]+)\d{1,4}$")


def _starts_a_dose(state: ScanState, index: int) -> bool:
    """Whether a dose starts at ``index`` after "start": a number, "at", "with", ":", or
    names, forms and routes before a number ("start naltrexone 25 mg daily")."""
    cursor = index
    while state.lower(cursor) in vocab.NALTREXONE_NAMES or state.lower(cursor) in (
        vocab.FORM_WORDS | {"oral", "po", "-", "please"}
    ):
        cursor += 1
    return state.fits_number(cursor) or state.lower(cursor) in vocab.START_FOLLOWERS


def _activity_schedule(state: ScanState, index: int) -> None:
    """Rule: an ACTIVITY word next to a frequency or days ("dispensed weekly", "weekly review",
    "supervised Mon-Fri") may give the activity's schedule, not the dose's: refused."""
    parts = state.mentions.parts
    token = state.tokens[index]
    quantity = state.fits_number(index + 1 + (state.lower(index + 1) in (":", "#")))
    before = (
        bool(parts)
        and parts[-1].role == "frequency"
        and parts[-1].end == token.start - 1
        and not quantity  # "daily dispense 90": a quantity dispensed
    )
    after = index + 1
    while state.lower(after) in ("on", "at", "the", "pharmacy", "every", "each"):
        after += 1
    if before or state.starts_frequency(index + 1) or state.starts_frequency(after):
        msg = (
            f"'{token.text}' beside a frequency or days: the schedule of the {token.text} or of "
            "the dose? Give the dose's frequency alone"
        )
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)


def harmless_phrase(state: ScanState, index: int) -> int:
    """Rule: a phrase of HARMLESS_PHRASES ("until discontinued", "alternating buttocks") is
    read in its role; an indication ("to reduce cravings") only after a regular frequency of
    its step, since alone it says when, not how often. Returns the index after it, or 0."""
    for length in (5, 4, 3, 2):
        words = tuple(state.lower(index + k) for k in range(length))
        role = vocab.HARMLESS_PHRASES.get(words)
        if role is None:
            continue
        said = state.step.frequencies
        if role == "indication" and not any(
            m.word.kind in (vocab.FrequencyKind.REGULAR, vocab.FrequencyKind.TIME_OF_DAY)
            for m in said
        ):
            return 0
        depot_interval = bool(said) and (
            said[-1].word.kind is vocab.FrequencyKind.MONTHLY
            or said[-1].word.per_day == _FOUR_WEEKLY
        )
        if role == "depot interval restated" and not depot_interval:
            return 0
        if role == "injection site":
            state.mentions.routes.append(" ".join(words))  # only the depot has a site
        if role == "duration" and words[0] == "until":
            state.step.open_ended = True
        state.claim(index, index + length, role)
        return index + length
    return 0


def restatement(state: ScanState, index: int) -> int:
    """Rule: RESTATEMENT [":"] NUMBER MASS_UNIT ("total daily dose 50 mg", "total: 4.5 mg")
    marks the mass that follows as a restated total; returns the index of its number."""
    for length in (4, 3, 2, 1):
        words = tuple(state.lower(index + k) for k in range(length))
        kind = vocab.RESTATEMENT_PHRASES.get(words)
        if kind is None:
            continue
        number = index + length + (state.lower(index + length) == ":")
        if state.fits_number(number) and state.lower(number + 1) in MASS_UNITS:
            state.restatement_pending = kind
            meaning = "the day's total" if kind == "day" else "the total of one dose"
            state.claim(index, number, "restatement", meaning)
            return number
    return 0


def refused_word(state: ScanState, index: int) -> int:
    """Refuse a word that changes what the dose means, names another drug or a route.

    Rule: a MEANING word, an OTHER_DRUG or an OTHER_ROUTE word anywhere is a refusal,
    unless a rule read it first (frequency phrases such as "as needed" come first).
    """
    token = state.tokens[index]
    word = token.lower
    if word in vocab.OTHER_DRUGS:
        msg = (
            f"'{token.text}' is another drug; a text naming it is not read, since its "
            "amounts cannot be told apart from naltrexone's. Give the naltrexone dose alone"
        )
        raise DoseSyntaxError(msg, ErrorReason.OTHER_DRUG)
    if word in vocab.OTHER_ROUTE_WORDS:
        msg = (
            f"'{token.text}' names a route other than by mouth; Box 1 is about oral doses "
            "(and the intramuscular depot), so this dose is not placed"
        )
        raise DoseUnitError(msg, ErrorReason.UNSUPPORTED_ROUTE)
    if word in vocab.CONDITION_OR_DRUG and state.lower(index - 1) not in vocab.INDICATION_LEADS:
        msg = (
            f"'{token.text}' may be {vocab.CONDITION_OR_DRUG[word]}, another drug; it is read "
            f"as the condition only after 'for' ('for {token.text}'). Give the naltrexone dose "
            "alone"
        )
        raise DoseSyntaxError(msg, ErrorReason.OTHER_DRUG)
    bounded = duration_bound(state, index)
    if bounded:
        return bounded
    limit_end = limit(state, index)
    if limit_end:
        return limit_end
    except_end = except_days(state, index)
    if except_end:
        return except_end
    what = vocab.MEANING_WORDS.get(word)
    if word in ("not", "don't", "dont") and state.lower(index + 1) in _ADVISORY_VERBS:
        end = index + 2
        while state.lower(end) in ("or", ",", "and") and state.lower(end + 1) in _ADVISORY_VERBS:
            end += 2  # "do not crush or chew"
        return end  # "do not crush": how to take it, not whether
    if word in ("not", "don't", "dont") and [state.lower(index + 1), state.lower(index + 2)] == [
        "take",
        "with",
    ]:
        return index + 3  # "do not take with opioids": a warning beside the dose
    if (
        word == "or"
        and state.fits_number(index + 1)
        and (state.fits_number(index - 1) or state.lower(index + 2) in TIME_UNITS)
    ):
        what = None  # "3 or 6 mg": a range; "1 hour before or 2 hours after": timing
    if word == "off" and state.lower(index + 1 + (state.lower(index + 1) == "-")) == "label":
        what = None  # "off-label" says nothing of the dose
    if word == "no" and not (state.fits_number(index + 1) or state.lower(index + 1) == "."):
        what = "says the dose is not taken"
    if word == "up" and state.lower(index + 1) == "to":
        what = "is a limit, not a dose"
    if word == "d" and state.lower(index + 1) == "/" and state.lower(index + 2) == "c":
        what = "says the dose is not (or no longer) taken"
    if what is None:
        return 0
    msg = (
        f"'{token.text}' {what}; the text is not read as a dose. Give the dose that is "
        "taken, such as '4.5 mg at bedtime'"
    )
    raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)


def duration_bound(state: ScanState, index: int) -> int:
    """Rule: "for" ("up to" | "at least") NUMBER TIME_UNIT ("for up to 12 weeks") bounds a
    duration, which does not change the daily dose. Returns the index of the number, or 0."""
    if state.lower(index - 1) != "for":
        return 0
    words = (state.tokens[index].lower, state.lower(index + 1))
    if words not in (("up", "to"), ("at", "least")):
        return 0
    unit = state.lower(index + 3)
    if state.fits_number(index + 2) and (unit in TIME_UNITS or unit in MONTH_WORDS):
        state.claim(index, index + 2, "duration")
        return index + 2
    return 0


def limit(state: ScanState, index: int) -> int:
    """Rule: LIMIT [WORD ...] MASS ("max 100 mg/day", "not to exceed 4.5 mg in 24 hours",
    "maximum daily dose 1.5 mg") is a limit beside the dose, never the dose. Returns the
    index of the limit's number; the mass read there is kept as a limit."""
    words = [state.lower(index + k) for k in range(3)]
    if words[0] in ("max", "maximum", "nte", "upto"):
        after = index + 1 + (state.lower(index + 1) == ".")
    elif words[:2] == ["up", "to"] or words[:2] in (["not", "exceed"], ["dont", "exceed"]):
        after = index + 2
    elif words in (["not", "to", "exceed"], ["no", "more", "than"]):
        after = index + 3
    elif words[0] == "exceed":
        after = index + 1
    else:
        return 0
    for cursor in range(after, min(after + 5, len(state.tokens))):
        token = state.tokens[cursor]
        if token.kind == "num":
            if state.lower(cursor + 1) in MASS_UNITS:
                state.limit_pending = True
                state.claim(index, cursor, "limit")
                return cursor
            break
    msg = (
        f"'{state.tokens[index].text}' is a limit, and no amount follows it; a limit is not a "
        "dose. Give the dose taken, such as '4.5 mg at bedtime'"
    )
    raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)


def _ends_clause(state: ScanState, index: int) -> bool:
    """Whether the day or week index at ``index`` ends its clause ("wk 1-2," / "wk 5+")."""
    cursor = index + 1
    while state.fits_number(cursor) or state.lower(cursor) in ("-", "to", "+"):
        cursor += 1
    after = state.at(cursor)
    return (
        after is None
        or (after.kind == "punct" and after.text != ":")
        or after.lower in vocab.STEP_WORDS
    )


def skip_measure(state: ScanState, index: int) -> int:
    """Rule: PATIENT_WORD [":"|"="] NUMBER [UNIT] is a weight or age, and
    SCHEDULE_INDEX_WORD NUMBER ["-" NUMBER] a day or week of a schedule: not amounts."""
    cursor = index + 1
    while state.lower(cursor) in (":", "=", "-"):
        cursor += 1
    if not state.fits_number(cursor):
        return index + 1
    cursor += 1
    if state.tokens[index].lower in vocab.SCHEDULE_INDEX_WORDS:
        # "25 mg on day 1", "1.5 mg qhs wk 1-2, 3 mg ...": after its dose, the day or week is
        # that dose's; before one ("Week 2: 3 mg") it starts a step.
        lead = state.lower(index - 1) in vocab.INDEX_LEADS
        clause_start = state.lower(index - 1 - lead) in (";", ".", "")  # "; in week 1, 1.5 mg"
        trailing = not clause_start and (
            lead or (bool(state.step.masses or state.step.counts) and _ends_clause(state, index))
        )
        if (state.step.masses or state.step.counts) and not trailing:
            state.new_step(index)  # "Week 1: 1.5 mg. Week 2: 3 mg": each week a step
        value = state.tokens[cursor - 1].value
        if state.step.index_value is None:
            state.step.index_value = value
        if value == 1:
            state.step.starting = True  # "day 1", "week 1": the first step
        if state.lower(cursor) in ("-", "to") and state.fits_number(cursor + 1):
            cursor += 2
        state.claim(index, cursor, "day or week of the schedule")
        if trailing:
            state.close_step()  # "1.5 mg for week 1, 3 mg for week 2": a new dose, a new step
        return cursor
    following = state.lower(cursor)
    if following in MASS_UNITS and following not in BODY_SIZE_WORDS:
        return index + 1  # "pt 4.5 mg qhs": a dose in mg is no body weight
    if following in MASS_UNITS or following in _PATIENT_UNITS:
        cursor += 1
    state.claim(index, cursor, "patient's weight or age")
    return cursor
