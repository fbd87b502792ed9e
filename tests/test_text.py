"""Normalisation: one form for the many ways of writing the same characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naltrexone_dose import DoseSyntaxError, ErrorReason
from naltrexone_dose._text import MAX_LENGTH, normalize


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  4.5 mg ", "4.5 mg"),
        ("4.5\tmg", "4.5 mg"),
        ("4.5\u00a0mg", "4.5 mg"),
        ("4.5\u2009mg", "4.5 mg"),
        ("4.5\u202fmg", "4.5 mg"),
        ("4.5\u200bmg", "4.5mg"),
        ("\ufeff4.5 mg\u2060", "4.5 mg"),
        ("\uff14.\uff15 mg", "4.5 mg"),
        ("4.5 mg/m\u00b2", "4.5 mg/m2"),
        ("5. mg", "5. mg"),
        ("take 4.5 mg. 5 days", "take 4.5 mg. 5 days"),
        ("\uff14\uff0e\uff15\uff4d\uff47", "4.5mg"),
        ("4.5 \u338e", "4.5 mg"),
        ("\u0664.\u0665 mg", "4.5 mg"),
        ("\u096a.\u096b mg", "4.5 mg"),
        ("1\u00bd mg", "1.5 mg"),
        ("\u00bd tab", "0.5 tab"),
        ("\u00be mg", "0.75 mg"),
        ("\u22125 mg", "-5 mg"),
        ("1.5\u20134.5 mg", "1.5-4.5 mg"),
        ("b.i.d.", "bid"),
        ("q.h.s.", "qhs"),
        ("p.o. q.d.", "po qd"),
        ("4.5 mg.d-1", "4.5 mg.d-1"),
        ("2\u00d7 daily", "2x daily"),
    ],
)
def test_normalize(text: str, normal: str) -> None:
    assert normalize(text) == normal


def test_the_length_limit_is_counted_before_normalisation() -> None:
    assert normalize("a" * MAX_LENGTH) == "a" * MAX_LENGTH
    with pytest.raises(DoseSyntaxError) as caught:
        normalize("a" * (MAX_LENGTH + 1))
    assert caught.value.reason is ErrorReason.TOO_LONG


@pytest.mark.parametrize("code", [0x00, 0x07, 0x1B, 0x7F, 0x9B, 0xD800, 0xDFFF])
def test_control_characters_and_lone_surrogates_are_refused(code: int) -> None:
    with pytest.raises(DoseSyntaxError) as caught:
        normalize(f"4.5 {chr(code)}mg")
    assert caught.value.reason is ErrorReason.CONTROL_CHARACTER


@given(st.text(max_size=200))
def test_normalize_gives_text_or_a_dose_syntax_error(text: str) -> None:
    try:
        normal = normalize(text)
    except DoseSyntaxError as error:
        reason = error.reason
    else:
        assert normal == normal.strip()
        assert "  " not in normal
        return
    assert reason in {
        ErrorReason.CONTROL_CHARACTER,
        ErrorReason.TOO_LONG,
        ErrorReason.BIDI_CONTROL,
        ErrorReason.MALFORMED_NUMBER,
        ErrorReason.DECIMAL_MARK,
        ErrorReason.UNKNOWN_SIGN,
    }
