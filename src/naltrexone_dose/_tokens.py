"""Normalised dose text to tokens: numbers (read exactly), words and punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._errors import DoseSyntaxError, ErrorReason
from ._numbers import read_decimal

if TYPE_CHECKING:
    from fractions import Fraction

_TOKEN = re.compile(
    r"(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<word>[^\W\d_][^\W_]*)"
    r"|(?P<punct>\S)"
)
# A European number: "1.000,5" (dots group thousands, the comma is the decimal point) or "4,5".
_EUROPEAN_NUMBER = re.compile(r"(?<![\d.,])([1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d.,])")
# A number with a full stop in it, as a decimal-comma writer would not write one: "0.500",
# "1.00", ".5", "1,000.5". The full stop is read only as a thousands separator.
_FULL_STOP_NUMBER = re.compile(r"\d[\d.,]*\.[\d.,]*\d|(?<![\w.])\.\d+")
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")


@dataclass(slots=True)
class Token:
    """One token: a number, a word or a punctuation character."""

    kind: str  # "num", "word" or "punct"
    text: str
    spaced: bool  # white space before it
    start: int = 0
    lower: str = ""
    value: Fraction | None = None  # a number's exact value


def number_token(value: Fraction, written: str) -> Token:
    """A number given apart from text (``classify_dose(4.5, "mg")``) as the first token."""
    return Token("num", written, False, 0, written, value)


def _from_decimal_comma(match: re.Match[str]) -> str:
    whole = match.group(1).replace(".", "")
    return f"{whole}.{match.group(2)}" if match.group(2) else whole


def european(text: str) -> str:
    """Rewrite European numbers ("4,5", "1.000,5") with a decimal point, for decimal_comma.

    A full stop is read only as a thousands separator: after a leading group of one to three
    digits that does not start with 0, between groups of exactly three. Any other full stop
    in a number ("0.500", "0.050", "1.00", ".5") is refused, never guessed.

    Examples:
        >>> european("1.000,5 mg and 4,5 mg")
        '1000.5 mg and 4.5 mg'
    """
    for match in _FULL_STOP_NUMBER.finditer(text):
        if _GROUPED.fullmatch(match.group()) is None:
            msg = (
                f"{match.group()!r} has a full stop, which decimal_comma=True reads only as a "
                "thousands separator ('1.000,5'); write the decimal with a comma, such as "
                "'0,5 mg', or leave decimal_comma off to read '0.5 mg'"
            )
            raise DoseSyntaxError(msg, ErrorReason.DECIMAL_MARK)
    return _EUROPEAN_NUMBER.sub(_from_decimal_comma, text)


def tokenize(text: str, *, offset: int = 0) -> list[Token]:
    """Split normalised text into numbers, words and punctuation.

    Examples:
        >>> [t.text for t in tokenize("LDN 4.5MG/day")]
        ['LDN', '4.5', 'MG', '/', 'day']
    """
    tokens: list[Token] = []
    end = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        piece = match.group()
        token = Token(kind, piece, match.start() > end, match.start() + offset, piece.lower())
        if kind == "num":
            token.value = read_decimal(piece)
        tokens.append(token)
        end = match.end()
    return tokens
