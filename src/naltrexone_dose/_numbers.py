"""Exact numbers: a decimal read as written, a number input made exact, the accepted range.

Every path that reads a number (dose text, a number with a unit, a FHIR value, a pint
magnitude, an array) comes through here, so that one rule decides what a number is.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction

from ._errors import DoseAmountError, DoseSyntaxError, DoseTypeError, ErrorReason

#: Daily doses outside these bounds are refused: no real dose is near them, and past them
#: exact arithmetic would only be asked to carry absurd numbers.
MIN_MG_PER_DAY = Fraction(1, 10**300)
MAX_MG_PER_DAY = Fraction(10**300)
#: From this daily dose up, a result carries the ``implausible_amount`` warning: a gram a
#: day or more of naltrexone is more likely a unit slip ("4.5 g") than a dose.
IMPLAUSIBLE_MG_PER_DAY = Fraction(1000)
#: How the accepted range is named in messages.
RANGE_TEXT = "1e-300 to 1e300 mg per day"

# ASCII digits only: digits of other scripts are folded (or refused) before text gets here,
# and a FHIR decimal is ASCII by its own grammar.
_DECIMAL = re.compile(r"^(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d+))?$", re.ASCII)
# Past this exponent no text of at most 1,000 characters can be inside the accepted range,
# and 10**exponent is still cheap to build; beyond it we refuse without building it.
_MAX_EXPONENT = 5000
_MAX_NUMBER_LENGTH = 1000
_SCALE = 10**300


def read_decimal(text: str) -> Fraction:
    """Read a plain decimal ("4.5", ".5", "5e-4") exactly; anything else is a DoseSyntaxError.

    Examples:
        >>> read_decimal("4.5"), read_decimal("5e-4")
        (Fraction(9, 2), Fraction(1, 2000))
    """
    if len(text) > _MAX_NUMBER_LENGTH:  # also keeps int() inside Python's digit limit
        msg = f"the number is {len(text)} characters long; at most {_MAX_NUMBER_LENGTH} are read"
        raise DoseSyntaxError(msg, ErrorReason.TOO_LONG)
    whole, point, decimals = text.partition(".")
    if (
        whole.isascii()
        and whole.isdigit()
        and (not point or (decimals.isascii() and decimals.isdigit()))
    ):
        # The common case, "4.5" or "50": digits, and digits after a point; the same value
        # as the general reading below, without its pattern.
        if not decimals:
            return Fraction(int(whole))
        return Fraction(int(whole + decimals), 10 ** len(decimals))
    match = _DECIMAL.match(text)
    if match is None or not (match["int"] or match["frac"]):
        msg = f"{text[:40]!r} is not a number; expected a decimal such as 4.5"
        raise DoseSyntaxError(msg, ErrorReason.MALFORMED_NUMBER)
    whole, decimals, exponent = match["int"] or "0", match["frac"] or "", match["exp"]
    power = int(exponent) if exponent else 0
    if abs(power) > _MAX_EXPONENT:
        msg = f"the amount {text!r} is far outside the accepted range ({RANGE_TEXT})"
        raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)
    digits = int(whole + decimals)
    power -= len(decimals)
    if power >= 0:
        return Fraction(digits * 10**power)
    return Fraction(digits, 10**-power)


def exact_number(value: object, what: str = "the amount") -> Fraction:
    """Return a number input as an exact fraction; a float is the decimal its repr shows.

    Examples:
        >>> exact_number(0.001), exact_number(Decimal("4.5"))
        (Fraction(1, 1000), Fraction(9, 2))
    """
    if isinstance(value, bool):
        msg = f"{what} is a bool ({value!r}); expected a number such as 4.5"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            msg = f"{what} is {value}; expected a positive finite number"
            raise DoseAmountError(msg, ErrorReason.NOT_FINITE)
        if value and abs(value.adjusted()) > _MAX_EXPONENT:
            # Decimal("1E+9000000") is a few bytes; as a Fraction it is millions of digits,
            # seconds to build. No such number is inside the accepted range; the sign is
            # checked first, as every reader checks it before the range.
            if value < 0:
                msg = f"{what} is negative; a dose is a positive amount, such as 4.5"
                raise DoseAmountError(msg, ErrorReason.NEGATIVE)
            msg = f"{what} {shown(value)} is far outside the accepted range ({RANGE_TEXT})"
            raise DoseAmountError(msg, ErrorReason.OUT_OF_RANGE)
        return Fraction(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            msg = f"{what} is {number}; expected a positive finite number"
            raise DoseAmountError(msg, ErrorReason.NOT_FINITE)
        if type(value).__module__ == "numpy":
            return _numpy_float(value, what)
        # repr gives the shortest decimal that round-trips: 0.001 stays 0.001, not the
        # binary float's 0.001000000000000000020816681711721685...
        return Fraction(repr(number))
    msg = f"{what} is of type {type(value).__name__}; expected a number such as 4.5"
    raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT)


def _numpy_float(value: object, what: str) -> Fraction:
    """A numpy float scalar as the shortest decimal of its own type.

    ``np.float32(0.1)`` is 0.1, as its writer wrote it, not the 0.10000000149011612 its
    widening to a Python float shows. numpy's ``str`` of a float scalar is the shortest
    decimal that round-trips in the scalar's own type (float16, float32, float64, longdouble),
    so numpy need not be imported here.
    """
    text = str(value)
    negative = text.startswith("-")  # np.float64(-1.0) is negative, as -1.0 is; not malformed
    try:
        number = read_decimal(text[1:] if negative else text)
    except DoseSyntaxError:
        msg = f"{what} is a numpy {type(value).__name__} that does not print as a decimal"
        raise DoseTypeError(msg, ErrorReason.UNSUPPORTED_INPUT) from None
    return -number if negative else number


def inside_range(value: Fraction) -> bool:
    """Say whether ``MIN_MG_PER_DAY <= value <= MAX_MG_PER_DAY``, in integers (fast)."""
    numerator, denominator = value.numerator, value.denominator
    return numerator * _SCALE >= denominator and numerator <= denominator * _SCALE


def shown(value: object) -> str:
    """repr() of an input, safe for ints too long to print and for huge objects."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's digit limit
        return f"<{type(value).__name__} too long to print>"
    return text if len(text) <= 80 else text[:77] + "..."
