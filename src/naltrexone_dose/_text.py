"""Text before reading: length limit, forbidden characters, Unicode folded to one form.

Nothing here interprets the text; it only makes the many ways of writing the same
characters (full-width digits, Arabic-Indic digits, the ㎎ glyph, no-break and zero-width
spaces, dotted abbreviations such as "b.i.d.") into one.
"""

from __future__ import annotations

import re
import unicodedata

from ._errors import DoseSyntaxError, ErrorReason

#: The longest dose text accepted, counted in characters as given, before normalisation.
MAX_LENGTH = 1000

_VULGAR = {"\u00bd": "5", "\u00bc": "25", "\u00be": "75", "\u215b": "125"}
_VULGAR_RE = re.compile(r"(\d*)\s?([\u00bd\u00bc\u00be\u215b])")
# Minus signs and dashes: all read as "-", and the reader decides from position whether it
# is a sign (an error) or a range ("1.5-4.5 mg").
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")
_DASHES[ord("\u2044")] = "/"  # fraction slash, from NFKC of other vulgar fractions
_DASHES[ord("\u2215")] = "/"  # division slash
_DASHES[ord("\u00d7")] = "x"  # the multiplication sign, as in "2 x daily"
_DOTTED = re.compile(r"(?<![\w.])[A-Za-z](?:\.[A-Za-z])+\.?(?!\w)")
_SPACES = re.compile(r"\s+")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _allowed(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cs":  # a lone surrogate: not text at all
        return False
    return category != "Cc" or char.isspace()


def _fold_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


def _fold_vulgar(match: re.Match[str]) -> str:
    whole = match.group(1)
    if not whole:  # "take ½ tab": keep the space before it
        return match.group().replace(match.group(2), "0." + _VULGAR[match.group(2)])
    return f"{whole}.{_VULGAR[match.group(2)]}"


def _undot(match: re.Match[str]) -> str:
    return match.group().replace(".", "")


def normalize(text: str) -> str:
    """Return ``text`` in one canonical form, or raise `DoseSyntaxError`.

    Examples:
        >>> normalize("  4\u00a0\u2009.5\u200bMG  b.i.d. ")
        '4 .5MG bid'
        >>> normalize("\uff14\uff0e\uff15 \u338e")
        '4.5 mg'
    """
    if len(text) > MAX_LENGTH:
        msg = (
            f"the dose text is {len(text)} characters long; at most {MAX_LENGTH} are read. "
            "Pass one dose, such as '4.5 mg' or '50 mg daily'"
        )
        raise DoseSyntaxError(msg, ErrorReason.TOO_LONG)
    if text.isascii():
        # The common case: no Unicode to fold, so only control characters, spaces and
        # dotted abbreviations need work.
        control = _ASCII_CONTROL.search(text)
        if control is None:
            text = _SPACES.sub(" ", text).strip()
            return _DOTTED.sub(_undot, text) if "." in text else text
    bad = next((char for char in text if not _allowed(char)), None)
    if bad is not None:
        msg = (
            f"the dose text holds the control or invalid character U+{ord(bad):04X}; "
            "expected printable text such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.CONTROL_CHARACTER)
    # Format characters (zero-width spaces, right-to-left marks, soft hyphens) carry no
    # meaning in a dose, and would split "4.5" or "mg" where a reader sees none.
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = _VULGAR_RE.sub(_fold_vulgar, text)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    if not text.isascii():
        text = re.sub(r"\d", _fold_digit, text)
    text = _SPACES.sub(" ", text).strip()
    return _DOTTED.sub(_undot, text)
