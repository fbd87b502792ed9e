"""Tokens to mentions: the recognisers of the library's own grammar (no pint, no eval).

The scanner walks the tokens once and records what it finds (masses with their rates,
counts, volumes, frequencies, route words) as `._mentions`, leaving the decision of what the
dose *is* to `._resolve`. It raises at once on what can never be a dose (arithmetic, a
malformed number, a unit that is not a mass). Each recogniser states the rule it reads, in
the notation of the contributor page: NUMBER, WORD, MASS_UNIT, TIME_UNIT, FORM, "literal".
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction

from . import _vocabulary as vocab
from ._errors import (
    DoseAmountError,
    DoseSyntaxError,
    ErrorReason,
)
from ._format import format_amount
from ._mentions import Mentions, Part
from ._numbers import inside_range
from ._scan_mass import _not_a_mass
from ._scan_number import scan_number
from ._scan_state import _CODE_CHARACTERS, ScanState
from ._scan_word import scan_word
from ._tokens import Token, european, tokenize
from ._units import (
    MASS_UNITS,
)


def scan_all(state: ScanState) -> Mentions:
    index = 0
    while index < len(state.tokens):
        index = scan_one(state, index)
    steps = state.mentions.steps
    last = steps[-1]
    if len(steps) > 1 and not (last.masses or last.counts or last.volumes or last.frequencies):
        if last.titration:
            # "1.5 mg bid, then increase": the dose changes, to what the text does not say
            msg = "a change with no dose after it ('then increase'); give the new dose"
            raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
        steps.pop()  # "... 1 mg nightly thereafter": a step word with nothing after it
        steps[-1].end = None
    return state.mentions


def scan_one(state: ScanState, index: int) -> int:
    token = state.tokens[index]
    if token.kind == "num":
        return scan_number(state, index)
    if token.kind == "word":
        return scan_word(state, index)
    return scan_punct(state, index)


def scan_punct(state: ScanState, index: int) -> int:
    token = state.tokens[index]
    char = token.text
    before, after = state.at(index - 1), state.at(index + 1)
    if char in "<[" and _crossed_out(state, index):
        msg = (
            "the text crosses out part of what it says (a strike-through); give the dose that "
            "is taken, without crossed-out text"
        )
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    if char in "([":
        state.depth += 1
    elif char in ")]":
        state.depth = max(0, state.depth - 1)
    elif (char in "<>" and not _in_tag(state, index)) or char in _LOOKALIKE_BRACKETS:
        msg = (
            f"{char!r} is a comparison, not part of a dose; give the dose itself, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.COMPARATOR)
    elif char == "%" and before is not None and before.kind == "num":
        raise _not_a_mass(before.text + "%", "a percentage")
    elif (
        char == "+"
        and before is not None
        and (before.lower in MASS_UNITS or _ends_frequency(state, index))
    ):
        msg = (
            f"'{before.text}{char}' adds to or bounds an amount; give the dose itself, such "
            "as '50 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.COMPARATOR)
    elif char in "+-" and after is not None and after.kind == "num":
        return scan_sign(state, index)
    elif char == "#":
        state.skip_next_number = True
    elif char in vocab.QUESTION_MARKS:
        msg = "a question mark: the text asks about a dose rather than giving one"
        raise DoseSyntaxError(msg, ErrorReason.MEANING_CHANGED)
    elif char == "@" and _clock_follows(state, index + 1):
        pass  # "@ 20:00", "@ 9h": at a clock time
    elif (
        not char.isascii()
        and unicodedata.category(char)[0] in "SM"  # signs, and combining strokes
        and char not in vocab.HARMLESS_SIGNS
    ):
        msg = (
            f"the sign {char!r} is not read (a comparison, an approximation, a check mark or "
            "a cross may change what the dose means); give the dose in words and digits, such "
            "as '4.5 mg at bedtime'"
        )
        raise DoseSyntaxError(msg, ErrorReason.COMPARATOR)
    elif char in _CODE_CHARACTERS:
        msg = (
            f"the character {char!r} is not part of a dose: arithmetic and code are not "
            "read. Write one amount and a unit, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)
    elif char == "," and _between_numbers(before, token, after):
        return scan_comma(state, index)
    elif char == "." and _between_numbers(before, token, after):
        msg = (
            f"'{before.text}.{after.text}' is not a number (two decimal points); "  # type: ignore[union-attr]
            "write one decimal point, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    return index + 1


# Brackets that look like comparison signs (angle quotation marks, mathematical angle
# brackets): never passed over.
_LOOKALIKE_BRACKETS = frozenset(
    "\u2039\u203a\u27e8\u27e9\u2329\u232a\u3008\u3009\u276e\u276f\u276c\u276d\u29fc\u29fd"
)


def _ends_frequency(state: ScanState, index: int) -> bool:
    """Whether the token before ``index`` ends a frequency just read ("q12h+")."""
    parts = state.mentions.parts
    before = state.tokens[index - 1]
    return (
        bool(parts)
        and parts[-1].role == "frequency"
        and parts[-1].end == before.start + len(before.text)
    )


def _in_tag(state: ScanState, index: int) -> bool:
    """Whether "<" or ">" belongs to an HTML tag ("<br>", "</b>"); elsewhere it compares."""
    if state.lower(index) == "<":
        name = state.at(index + 1 + (state.lower(index + 1) == "/"))
        after = index + 2 + (state.lower(index + 1) == "/")
        return name is not None and name.kind == "word" and state.lower(after) == ">"
    name = state.at(index - 1)
    opener = state.lower(index - 2)
    return (
        name is not None
        and name.kind == "word"
        and (opener == "<" or (opener == "/" and state.lower(index - 3) == "<"))
    )


def _crossed_out(state: ScanState, index: int) -> bool:
    """Whether "<" starts a strike-through tag: "<s>", "</del>", "<strike>"."""
    name = index + 1 + (state.lower(index + 1) == "/")
    close = ">" if state.lower(index) == "<" else "]"  # HTML or BBCode ("[s]...[/s]")
    return state.lower(name) in vocab.CROSSED_OUT_TAGS and state.lower(name + 1) == close


def _clock_follows(state: ScanState, index: int) -> bool:
    """Whether a clock time starts at ``index`` ("20:00", "9h", "8 am", "2100")."""
    number = state.at(index)
    if number is None or number.kind != "num":
        return False
    after = state.lower(index + 1)
    return (
        after == ":"
        or after in vocab.CLOCK_WORDS
        or after in vocab.HOUR_WORDS
        or (len(number.text) == 4 and number.text.isdigit())
    )


def scan_sign(state: ScanState, index: int) -> int:
    token, before = state.tokens[index], state.at(index - 1)
    number = state.tokens[index + 1]
    joins_range = before is not None and (
        before.kind == "num" or before.lower in MASS_UNITS or before.text == ")"
    )
    if token.text == "-" and joins_range:
        return index + 1  # a range: "1.5-4.5 mg"; the number scan links the ends
    if (
        token.text == "-"
        and before is not None
        and token.spaced
        and number.spaced
        and before.kind == "word"
    ):
        return index + 1  # a dash between words and a number: "50 mg tablet - 1/2 tab"
    if token.text == "+" and before is not None and before.kind == "num":
        msg = "arithmetic is not read: write the total amount, such as '4.5 mg'"
        raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)
    if token.text == "-":
        msg = (
            f"the amount -{number.text} is negative; a dose is a positive amount, such as '4.5 mg'"
        )
        raise DoseAmountError(msg, ErrorReason.NEGATIVE)
    return index + 1  # a leading "+": harmless


def scan_comma(state: ScanState, index: int) -> int:
    before, after = state.tokens[index - 1], state.tokens[index + 1]
    written = f"{before.text},{after.text}"
    if len(after.text) == 3 and after.text.isdigit():
        msg = (
            f"'{written}' may be a thousands separator or a decimal comma; digit "
            f"grouping is not read. Write '{before.text}{after.text}' for the whole "
            f"number, or '{before.text}.{after.text}' for a decimal"
        )
        raise DoseSyntaxError(msg, ErrorReason.DIGIT_GROUPING)
    msg = (
        f"'{written}' has a decimal comma, which is not read by default; write "
        f"'{before.text}.{after.text}', or pass decimal_comma=True"
    )
    raise DoseSyntaxError(msg, ErrorReason.DECIMAL_COMMA)


def _between_numbers(before: Token | None, token: Token, after: Token | None) -> bool:
    return (
        before is not None
        and after is not None
        and before.kind == "num"
        and after.kind == "num"
        and not token.spaced
        and not after.spaced
    )


def scan(text: str, *, decimal_comma: bool = False) -> Mentions:
    """Read normalised text into `Mentions`; raise on what is never a dose.

    With ``decimal_comma``, numbers are read the European way first: "4,5" is 4.5 and
    "1.000,5" is 1000.5 (and so "1.000" is 1000).
    """
    if decimal_comma:
        text = european(text)
    mentions = scan_tokens(tokenize(text))
    mentions.text = text
    _no_body_weight(mentions)
    for step in mentions.steps:
        step.text = text[step.start : step.end].strip(" ,;")
    return mentions


# A mass this large (1 kg, or 2.2 lb) in dose text is no daily dose (SPEC, "record
# fields"): beside a weight word it is the patient's weight, read as such before it gets
# here; anywhere else it is refused.
_BODY_WEIGHT_MG = Fraction(10**6)
_BODY_WEIGHT_LB = Fraction(22, 10)


def _no_body_weight(mentions: Mentions) -> None:
    for step in mentions.steps:
        for mass in step.masses:
            pounds = mass.unit.symbol == "lb" and mass.amount >= _BODY_WEIGHT_LB
            if (mass.mg >= _BODY_WEIGHT_MG or pounds) and inside_range(mass.mg):
                msg = (
                    f"'{mass.written}' is no daily dose of naltrexone (a body weight?); write a "
                    "patient's weight with its word ('wt 70 kg') and the dose in mg, such as "
                    "'4.5 mg'"
                )
                raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)


def scan_tokens(tokens: list[Token]) -> Mentions:
    """Read tokens into `Mentions` (a number given apart from its unit comes in as a token)."""
    kept, restated = _without_restated_counts(tokens)
    mentions = scan_all(ScanState(kept))
    mentions.parts.extend(restated)
    return mentions


def _count_value(token: Token) -> Fraction | None:
    if token.kind == "num":
        return token.value
    return None if token.lower in ("a", "an") else vocab.NUMBER_WORDS.get(token.lower)


def _without_restated_counts(tokens: list[Token]) -> tuple[list[Token], list[Part]]:
    """Rule: COUNT "(" COUNT ")" with equal values ("two (2)", "1 (one)") is one count."""
    kept: list[Token] = []
    restated: list[Part] = []
    index = 0
    while index < len(tokens):
        if (
            tokens[index].text == "("
            and index + 2 < len(tokens)
            and tokens[index + 2].text == ")"
            and kept
            and (value := _count_value(kept[-1])) is not None
            and value == _count_value(tokens[index + 1])
        ):
            inner = tokens[index + 1]
            end = inner.start + len(inner.text)
            restated.append(Part(inner.start, end, "count restated", format_amount(value)))
            index += 3
            continue
        kept.append(tokens[index])
        index += 1
    return kept, restated
