"""The review the band data quotes: where to find it, and how its words and numbers are read.

The review is not shipped with the package. It is found, in this order, at the path in the
environment variable ``NALTREXONE_DOSE_REVIEW``, as ``shared/seeds/*.txt`` in any ancestor
directory of the repository root (``../shared/seeds/`` beside a checkout), or as the copy kept
with the tests (``tests/data/review.txt``), so that a clone checks the data's excerpts
wherever it is built. Where the seed is found, a test holds the copy to it byte for byte.
Without any of them the tests that need it skip locally and fail under CI (``CI`` set).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
ENVIRONMENT_VARIABLE = "NALTREXONE_DOSE_REVIEW"

# Quote characters the seed may use, each read as its plain ASCII form.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_SUPERSCRIPT_MINUS = "\u207b"
# A citation: superscript digits ("¹¹", a range "¹⁻⁵") or the seed's "^{1,2}" form.
_CITATION = re.compile(
    rf"[{_SUPERSCRIPT_DIGITS}]+(?:{_SUPERSCRIPT_MINUS}[{_SUPERSCRIPT_DIGITS}]+)?|\^\{{[\d,\s]+\}}"
)
# The end of a sentence: a full stop (or ? !), the citation it carries if any, then a space.
# "et al.,¹¹" and "0.001" are not ends; "Dr. " and "vs. " are, which only ever widens a span
# by a few words before an excerpt, never past another sentence's number.
_SENTENCE_END = re.compile(rf"[.?!](?:{_CITATION.pattern})?(?=\s|$)")


def normalise(text: str) -> str:
    """Text as compared: runs of whitespace (line wraps included) as one space, curly quotes as
    straight ones, and the seed's Markdown escapes ("\\$35") as the character they escape."""
    text = text.translate(_QUOTES)
    text = re.sub(r"\\([$*_#])", r"\1", text)
    return " ".join(text.split())


def _candidates() -> list[Path]:
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    if named:
        return [Path(named)]
    seed = seed_file()
    if seed is not None:
        return [seed]
    return [COPY] if COPY.is_file() else []


#: The copy of the review kept with the tests.
COPY = Path(__file__).resolve().parent / "data" / "review.txt"


def seed_file() -> Path | None:
    """The review in ``shared/seeds/`` above the checkout, if there is one."""
    for directory in (REPOSITORY, *REPOSITORY.parents):
        seeds = directory / "shared" / "seeds"
        if seeds.is_dir():
            found = sorted(seeds.glob("*.txt"))
            if found:
                return found[0]
    return None


@functools.cache
def _review_text() -> str | None:
    files = _candidates()
    if not files or not files[0].is_file():
        return None
    return files[0].read_text("utf-8")


def review_text() -> str:
    """The review as written; skip (locally) or fail (under CI) when it cannot be found."""
    text = _review_text()
    if text is None:
        named = os.environ.get(ENVIRONMENT_VARIABLE)
        message = (
            f"the review named by {ENVIRONMENT_VARIABLE} ({named}) is not a file"
            if named
            else f"the review is not found: set {ENVIRONMENT_VARIABLE}, or put it in "
            "shared/seeds/ in a directory above the checkout"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message}; under CI the band data must be checked against it")
        pytest.skip(message)
    return text


def body(text: str) -> str:
    """The review's running text and Box 1, normalised, without its reference list."""
    return normalise(text.split("\nREFERENCES", 1)[0])


def box1_block(normalised_body: str) -> tuple[int, int]:
    """Where Box 1 (the table, up to its "Adapted from" line) lies in the normalised body."""
    start = normalised_body.index("Box 1: Clinical application at low doses")
    end = normalised_body.index("(Adapted from:", start)
    return start, end


def numbers(citation: str) -> set[int]:
    """The reference numbers of one citation: "¹⁻⁵" is 1 to 5, "^{1,22}" is 1 and 22."""
    if citation.startswith("^"):
        return {int(part) for part in citation.strip("^{}").split(",")}
    digits = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")
    first, _, last = citation.partition(_SUPERSCRIPT_MINUS)
    low = int(first.translate(digits))
    high = int(last.translate(digits)) if last else low
    return set(range(low, high + 1))


def cited_around(normalised_body: str, start: int, end: int) -> set[int]:
    """The numbers the review attaches to the sentences from ``start`` to ``end``: every
    citation from the beginning of the first sentence to the end of the last, its own
    citation included (a number may stand mid-sentence, as in "Turel et al.,¹¹ stated")."""
    begin = 0
    for match in _SENTENCE_END.finditer(normalised_body):
        if match.end() > start:
            break
        begin = match.end()
    # An excerpt may end with its sentence's full stop: look for the end from that stop.
    finish = _SENTENCE_END.search(normalised_body, max(end - 1, start))
    stop = finish.end() if finish else len(normalised_body)
    found: set[int] = set()
    for citation in _CITATION.findall(normalised_body, begin, stop):
        found |= numbers(citation)
    return found


def cited_anywhere(text: str) -> set[int]:
    """Every reference number the review's text cites anywhere."""
    found: set[int] = set()
    for citation in _CITATION.findall(body(text)):
        found |= numbers(citation)
    return found
