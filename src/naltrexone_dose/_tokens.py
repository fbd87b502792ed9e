"""Normalised dose text to tokens: numbers (read exactly), words and punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._numbers import read_decimal

if TYPE_CHECKING:
    from fractions import Fraction

_TOKEN = re.compile(
    r"(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<word>[^\W\d_][^\W_]*)"
    r"|(?P<punct>\S)"
)
# A European number: "1.000,5" (dots group thousands, the comma is the decimal point) or "4,5".
_EUROPEAN_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\d.,])")


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
    """Rewrite European numbers ("4,5", "1.000,5") with a decimal point, for decimal_comma."""
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
