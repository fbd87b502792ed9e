"""Text before reading: length limit, refused characters, Unicode folded to one form.

Nothing here interprets the text; it only makes the many ways of writing the same
characters (full-width digits, Arabic-Indic digits, the ㎎ glyph, no-break and zero-width
spaces, dotted abbreviations such as "b.i.d.") into one. And it refuses the characters that
would make what a screen shows differ from what is read: bidirectional controls anywhere,
and, inside a number, spaces around its decimal point, invisible characters, superscript and
subscript digits, decimal marks other than the full stop, digits of two scripts; and minus
signs the reader does not know, anywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ._errors import DoseSyntaxError, ErrorReason

#: The longest dose text accepted, counted in characters as given, before normalisation.
MAX_LENGTH = 1000

# The vulgar fractions that are decimals, with their digits after the point; the others
# (thirds, sixths, sevenths, ninths) have no exact decimal and are refused.
_VULGAR = {
    "\u00bd": "5", "\u00bc": "25", "\u00be": "75", "\u215b": "125", "\u215c": "375",
    "\u215d": "625", "\u215e": "875", "\u2155": "2", "\u2156": "4", "\u2157": "6",
    "\u2158": "8", "\u2152": "1",
}  # fmt: skip
_VULGAR_CHARS = "".join(_VULGAR)
# "5-½": a mixed number to some writers, a range to others.
_DASHED_VULGAR = re.compile(rf"\d\s*[-\u2010-\u2015\u2212]\s*[{_VULGAR_CHARS}]")
# "11\u20442" (a PDF's "1 1/2"): a fraction slash between digits makes one numerator of them.
_SLASHED_DIGITS = re.compile(r"\d\u2044\d")
# Anchored at the start of a digit run (the lookbehind): unanchored, every digit of a long
# run with no fraction after it started a match that ran to the run's end (quadratic).
_VULGAR_RE = re.compile(rf"(?<![\d#])(\d*)(\s?)([{_VULGAR_CHARS}])")
# Minus signs and dashes: all read as "-", and the reader decides from position whether it
# is a sign (an error) or a range ("1.5-4.5 mg").
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")
_DASHES[ord("\u2044")] = "/"  # fraction slash, from NFKC of other vulgar fractions
_DASHES[ord("\u2215")] = "/"  # division slash
_DASHES[ord("\u00d7")] = "x"  # the multiplication sign, as in "2 x daily"
_DOTTED = re.compile(r"(?<![\w.])[A-Za-z](?:\.[A-Za-z])+\.?(?!\w)")
_SPACES = re.compile(r"\s+")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# "q.8h", "q. 48 h", "every: 8 hours": punctuation between "q" or "every" and the number of
# the interval they start. Left in, ".8" would read as a number (every 0.8 hours).
_INTERVAL_PUNCT = re.compile(r"(?<![\w.])(q|every|evry)\s*[.:,]\s*(?=\d)", re.IGNORECASE)
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A space before or after a number's decimal point: "0. 5 mg", "4 .5 mg".
_SPACED_POINT = re.compile(r"\d\s+\.\d|\d\.\s+\d")
# Bidirectional controls: they reorder what a screen shows, never what is read.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The full stop, as a number's decimal point, in its two widths.
_POINTS = frozenset(".\uff0e")
# A run of digits (of any script) and points: one number, whose digits must share a script.
_NUMBER_RUN = re.compile(r"[\d.\uff0e]+")
# Characters a reader may meet between two digits, besides digits: a point, a comma, a
# slash, a colon, a dash, a multiplication sign, a space or a vulgar fraction. Anything else
# there (a middle dot, the Arabic decimal separator, an ideographic full stop) is not read as
# part of a number.
_BETWEEN_DIGITS = frozenset(".,/:-x")
_SIGN_WORDS = ("MINUS", "HYPHEN", "DASH")


def _allowed(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cs":  # a lone surrogate: not text at all
        return False
    return category != "Cc" or char.isspace()


def _refused(message: str, reason: ErrorReason) -> DoseSyntaxError:
    return DoseSyntaxError(message, reason)


def _named(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed').lower()})"


def _is_point_or_digit(char: str) -> bool:
    return char.isdecimal() or char in _POINTS


def _known_dash(char: str) -> bool:
    folded = unicodedata.normalize("NFKC", char)
    return folded == "-" or ord(char) in _DASHES or (len(folded) == 1 and ord(folded) in _DASHES)


def _visible_neighbours(text: str) -> tuple[list[str], list[str]]:
    """For each index, the nearest character before and after it that is not a format one.

    One pass each way, so a run of a thousand zero-width spaces or soft hyphens costs a
    thousand steps, not a thousand walks along the run (quadratic).
    """
    before = [""] * len(text)
    after = [""] * len(text)
    last = ""
    for index, char in enumerate(text):
        before[index] = last
        if unicodedata.category(char) != "Cf":
            last = char
    last = ""
    for index in range(len(text) - 1, -1, -1):
        after[index] = last
        if unicodedata.category(text[index]) != "Cf":
            last = text[index]
    return before, after


def _check_format_char(char: str, ends: tuple[str, str]) -> None:
    """Refuse an invisible character where it would split or join a number; ``ends`` are
    its nearest visible neighbours."""
    if all(end and _is_point_or_digit(end) for end in ends) and any(
        end.isdecimal() for end in ends
    ):
        msg = (
            f"the number holds the invisible character {_named(char)}, so it may not be "
            "the number the screen shows; write the number with nothing inside it, such "
            "as '4.5 mg'"
        )
        raise _refused(msg, ErrorReason.MALFORMED_NUMBER)


def _check_char(text: str, index: int) -> None:
    """Refuse one non-ASCII, non-format character that would make the reading differ from
    the screen (format characters: `_check_format_char`)."""
    char = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    category = unicodedata.category(char)
    decomposition = unicodedata.decomposition(char)
    if decomposition.startswith(("<super>", "<sub>")):
        folded = unicodedata.normalize("NFKC", char)
        if folded in "0123456789+-\u2212=()" and not before.isalpha():
            msg = (
                f"{_named(char)} is a superscript or subscript, which is not read as a digit "
                "or sign ('10\u00b2 mg' is not 102 mg); write the number in plain digits, such "
                "as '4.5 mg'"
            )
            raise _refused(msg, ErrorReason.MALFORMED_NUMBER)
    if decomposition.startswith("<fraction>") and char not in _VULGAR and char != "\u2044":
        msg = (
            f"{_named(char)} has no exact decimal; write the amount as a decimal or a "
            "fraction of a tablet, such as '0.5 tab' or '4.5 mg'"
        )
        raise _refused(msg, ErrorReason.MALFORMED_NUMBER)
    if (
        category == "No"
        and not decomposition.startswith(("<fraction>", "<super>", "<sub>"))
        and char not in _VULGAR
        and any(c.isdigit() for c in unicodedata.normalize("NFKC", char))
    ):
        msg = (
            f"{_named(char)} is not a plain digit; write the number in plain digits, "
            "such as '4.5 mg'"
        )
        raise _refused(msg, ErrorReason.MALFORMED_NUMBER)
    inside = _is_point_or_digit(before) and _is_point_or_digit(after)
    if inside and (before.isdecimal() or after.isdecimal()) and not _between_digits_ok(char):
        reason = ErrorReason.DECIMAL_MARK if category[0] in "PS" else ErrorReason.MALFORMED_NUMBER
        msg = (
            f"{_named(char)} between digits is not read as a decimal point or as any part "
            "of a number; the decimal point is the full stop ('0.5 mg')"
        )
        raise _refused(msg, reason)
    if (category == "Pd" or any(w in unicodedata.name(char, "") for w in _SIGN_WORDS)) and not (
        _known_dash(char)
    ):
        msg = (
            f"{_named(char)} is not a minus sign or dash the reader knows, so it is neither "
            "read as a sign nor ignored; write '-' for a range ('1.5-4.5 mg') and give the "
            "dose as a positive amount"
        )
        raise _refused(msg, ErrorReason.UNKNOWN_SIGN)


def _between_digits_ok(char: str) -> bool:
    if char.isdecimal() or char.isspace() or char in _VULGAR or _known_dash(char):
        return True
    folded = unicodedata.normalize("NFKC", char)
    if folded == ".":  # only the full stop itself, not a leader dot or a small full stop
        return char in _POINTS
    return folded in _BETWEEN_DIGITS or char in "\u00d7\u2044\u2215"


def _check_numbers(text: str) -> None:
    """Refuse a number whose digits are of two scripts ("\u0664.5", "\uff145")."""
    for match in _NUMBER_RUN.finditer(text):
        zeros = {ord(c) - unicodedata.decimal(c) for c in match.group() if c.isdecimal()}
        if len(zeros) > 1:
            msg = (
                f"the number {match.group()!r} mixes digits of different scripts; write "
                "every digit of a number in one script, such as '4.5 mg'"
            )
            raise _refused(msg, ErrorReason.MALFORMED_NUMBER)


def _check_spaced_point(text: str) -> None:
    spaced = _SPACED_POINT.search(text)
    if spaced is not None:
        msg = (
            f"{spaced.group()!r} has a space inside a number, next to its decimal point; "
            "write the number with no space in it, such as '0.5 mg'"
        )
        raise _refused(msg, ErrorReason.MALFORMED_NUMBER)


def _fold_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


def _fold_vulgar(match: re.Match[str]) -> str:
    whole, space, fraction = match.groups()
    if not whole or (space and int(whole) > _MAX_MIXED_WHOLE):
        # "take ½ tab", "#60 ½ tab": the fraction stands alone (a count of sixty and a
        # half is no count); keep the space before it.
        return f"{whole}{space}0.{_VULGAR[fraction]}"
    return f"{whole}.{_VULGAR[fraction]}"


_MAX_MIXED_WHOLE = 10  # "1 ½ tabs" is one and a half; "60 ½" is two numbers


def _undot(match: re.Match[str]) -> str:
    return match.group().replace(".", "")


def normalize(text: str) -> str:
    """Return ``text`` in one canonical form, or raise `DoseSyntaxError`.

    Examples:
        >>> normalize("  4.5\u00a0\u200bMG  b.i.d. ")
        '4.5 MG bid'
        >>> normalize("\uff14\uff0e\uff15 \u338e")
        '4.5 mg'
    """
    if len(text) > MAX_LENGTH:
        msg = (
            f"the dose text is {len(text)} characters long; at most {MAX_LENGTH} are read. "
            "Pass one dose, such as '4.5 mg' or '50 mg daily'"
        )
        raise DoseSyntaxError(msg, ErrorReason.TOO_LONG)
    if "&" in text:
        text = _decode_entities(text)
    if text.isascii():
        # The common case: no Unicode to fold, so only control characters, spaces and
        # dotted abbreviations need work.
        control = _ASCII_CONTROL.search(text)
        if control is None:
            text = _SPACES.sub(" ", _interval_punctuation(text)).strip()
            if "." not in text:
                return text
            _check_spaced_point(text)
            return _DOTTED.sub(_undot, text)
    bad = next((char for char in text if not _allowed(char)), None)
    if bad is not None:
        msg = (
            f"the dose text holds the control or invalid character U+{ord(bad):04X}; "
            "expected printable text such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.CONTROL_CHARACTER)
    bidi = next((char for char in text if char in _BIDI), None)
    if bidi is not None:
        msg = (
            f"the dose text holds the bidirectional control {_named(bidi)}, which changes "
            "what a screen shows but not what is read; remove it and give the dose as "
            "plain text, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.BIDI_CONTROL)
    # Invisible (format) characters are harmless between words and refused where they would
    # split or join a number; their visible neighbours are found once for the whole text.
    neighbours = (
        _visible_neighbours(text)
        if any(unicodedata.category(char) == "Cf" for char in text)
        else None
    )
    for index, char in enumerate(text):
        if char.isascii():
            continue
        if neighbours is not None and unicodedata.category(char) == "Cf":
            _check_format_char(char, (neighbours[0][index], neighbours[1][index]))
        else:
            _check_char(text, index)
    _check_numbers(text)
    if _SLASHED_DIGITS.search(text) or "\u2044" in text or "\u2215" in text:
        msg = (
            "a fraction slash between digits ('11\u20442') makes one numerator of them: "
            "'1 1/2' or '11/2'? Write the amount as a decimal, such as '1.5 tab'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    # Other format characters (zero-width spaces, soft hyphens, a byte-order mark) carry no
    # meaning between words; inside a number they were refused above.
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    if _DASHED_VULGAR.search(text):
        msg = (
            "a fraction after a dash ('5-\u00bd') may be a mixed number or a range; write "
            "the amount as a decimal, such as '5.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    text = _VULGAR_RE.sub(_fold_vulgar, text)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    if not text.isascii():
        text = re.sub(r"\d", _fold_digit, text)
    text = _SPACES.sub(" ", _interval_punctuation(text)).strip()
    _check_spaced_point(text)
    return _DOTTED.sub(_undot, text)


def _decode_entities(text: str) -> str:
    """Decode HTML character references ("&#52;", "&frac12;", "&nbsp;"), so that what is read
    is what a page shows. What is still a reference after one decoding ("&amp;#52;"), and a
    numeric reference with no ";" ("&#50 "), is refused: a page shows it one way, a pipeline
    that decodes twice another."""
    decoded = html.unescape(text) if _ENTITY.search(text) else text
    if "&#" in decoded or _ENTITY.search(decoded):
        msg = (
            "the text holds an HTML character reference that is not decoded once and for all "
            "('&amp;#52;' or '&#52' with no ';'); give the dose as plain text, such as '4.5 mg'"
        )
        raise DoseSyntaxError(msg, ErrorReason.EXPRESSION)
    return decoded


def _interval_punctuation(text: str) -> str:
    """Rule: ("q"|"every") PUNCT NUMBER is the interval "q"/"every" starts ("q.8h")."""
    if "." in text or ":" in text or "," in text:
        return _INTERVAL_PUNCT.sub(lambda match: match.group(1) + " ", text)
    return text
