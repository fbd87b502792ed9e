"""One exact identity for a value, wherever a result is cached or shared.

Two inputs share a reading only when they are the same input: text by its exact string;
numbers by their exact value and type (``1``, ``1.0``, ``True`` and ``Decimal("1.0")`` are
equal in Python but four different inputs; ``0.0`` and ``-0.0`` are two); numpy scalars by
their type and bytes; FHIR dicts and lists by the exact keys of everything in them, in
order. Values with no exact key (a pint Quantity, whose equality converts units; any other
object) get None: they are read every time, never shared.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

__all__ = ["exact_key"]

# A FHIR resource nests a few levels; past this depth the value is read every time.
_MAX_DEPTH = 20


def exact_key(value: object, depth: int = 0) -> Hashable | None:
    """The exact identity of ``value`` as a dict key, or None if it has none.

    Examples:
        >>> exact_key(1) == exact_key(1.0), exact_key(0.0) == exact_key(-0.0)
        (False, False)
        >>> exact_key("4.5 mg") == exact_key("4.5 mg"), exact_key(object())
        (True, None)
    """
    kind = type(value)
    if kind is str or kind is bool or kind is int:
        return (kind, value)
    if isinstance(value, float) and kind is float:
        return (kind, value.hex())
    if isinstance(value, Decimal) and kind is Decimal:
        return (kind, value.as_tuple())
    if isinstance(value, Fraction) and kind is Fraction:
        return (kind, value.numerator, value.denominator)
    if kind.__module__ == "numpy":
        return _numpy_key(value)
    if depth < _MAX_DEPTH and (kind is dict or kind is list or kind is tuple):
        items: Iterable[tuple[object, object]] = (
            value.items() if isinstance(value, dict) else enumerate(cast("Iterable[object]", value))
        )
        parts: list[Hashable] = [kind]
        for name, item in items:
            name_key = exact_key(name, depth + 1)
            item_key = exact_key(item, depth + 1)
            if name_key is None or item_key is None:
                return None
            parts.append((name_key, item_key))
        return tuple(parts)
    return None


def _numpy_key(value: object) -> Hashable | None:
    """A numpy number scalar by its type and bytes (float32 0.1 is not float64 0.1)."""
    dtype = getattr(value, "dtype", None)
    to_bytes = getattr(value, "tobytes", None)
    if getattr(value, "ndim", None) != 0 or dtype is None or to_bytes is None:
        return None
    if getattr(dtype, "kind", "") not in "biufc":
        return None
    data: bytes = to_bytes()
    return (type(value), data)
