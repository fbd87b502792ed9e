"""How amounts are written in output: the safe way (0.5 mg, 1 mg; never .5 mg or 1.0 mg)."""

from __future__ import annotations

import math
from fractions import Fraction

_SIGNIFICANT = 6
# Past these, a plain decimal has more zeros than a reader can count.
_PLAIN_MIN = Fraction(1, 10**9)
_PLAIN_MAX = Fraction(10**15)
_PLAIN_MIN_INVERSE = 10**9
_PLAIN_MAX_INT = 10**15
_FLOAT_MIN = Fraction(1, 10**300)
_FLOAT_MAX = Fraction(10**300)


def _decimal_places(denominator: int) -> int | None:
    """Return how many decimal places 1/denominator needs, or None if it never ends."""
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives) if denominator == 1 else None


def _rounded(value: Fraction) -> str:
    """Six significant figures of any fraction, even one far past a float's range."""
    if _FLOAT_MIN < abs(value) < _FLOAT_MAX:
        return format(float(value), f".{_SIGNIFICANT}g")
    # Scale by a power of ten found from the bit lengths (str() of a huge int may be refused).
    exponent = math.floor(
        (abs(value.numerator).bit_length() - value.denominator.bit_length()) * math.log10(2)
    )
    mantissa = float(value / Fraction(10) ** exponent)
    while abs(mantissa) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    while abs(mantissa) < 1:
        mantissa, exponent = mantissa * 10, exponent - 1
    return f"{mantissa:.{_SIGNIFICANT}g}e{exponent:+d}"


def format_amount(value: Fraction) -> str:
    """Write an exact positive amount as a decimal with a leading zero and no trailing zero.

    An amount whose decimal does not end (1/3), or that is very large or very small, is
    rounded to six significant figures and marked with "~"; the exact value is always in the
    model beside the text.

    Examples:
        >>> format_amount(Fraction(9, 2)), format_amount(Fraction(1, 1000)), format_amount(Fraction(50))
        ('4.5', '0.001', '50')
        >>> format_amount(Fraction(1, 3)), format_amount(Fraction(1, 10**30))
        ('~0.333333', '~1e-30')
    """
    numerator, denominator = value.numerator, value.denominator
    if numerator == 0:
        return "0"
    if denominator == 1 and -_PLAIN_MAX_INT < numerator < _PLAIN_MAX_INT:
        return str(numerator)  # a whole number: the common case, and the cheapest
    places = _decimal_places(denominator)
    # In integers, the same as _PLAIN_MIN <= abs(value) < _PLAIN_MAX (a fraction's
    # denominator is positive).
    size = abs(numerator)
    if places is None or not (
        size * _PLAIN_MIN_INVERSE >= denominator and size < _PLAIN_MAX_INT * denominator
    ):
        return "~" + _rounded(value)
    scaled = size * 10**places // denominator
    digits = str(scaled).rjust(places + 1, "0")
    whole, decimals = digits[: len(digits) - places], digits[len(digits) - places :]
    sign = "-" if numerator < 0 else ""
    return f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}"
