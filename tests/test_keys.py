"""exact_key: two inputs share a reading only when they are the same input exactly."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from naltrexone_dose._keys import exact_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (1, 1.0),
        (1, True),
        (1.0, Decimal("1.0")),
        (Decimal("4.50"), Decimal("4.5")),
        (0.0, -0.0),
        (np.float32(0.1), np.float64(0.1)),
        (np.float64(4.5), 4.5),
        (Fraction(1, 2), 0.5),
        ("4.5 mg", "4.5 mg "),
        ({"value": 1, "unit": "mg"}, {"value": 1.0, "unit": "mg"}),
        ({"value": 1, "unit": "mg"}, {"unit": "mg", "value": 1}),
        ([1, 2], (1, 2)),
    ],
    ids=repr,
)
def test_equal_looking_inputs_have_different_keys(first: object, second: object) -> None:
    assert exact_key(first) is not None
    assert exact_key(second) is not None
    assert exact_key(first) != exact_key(second)


@pytest.mark.parametrize(
    "value",
    ["4.5 mg", 4.5, 10**400, Decimal("1E+9000000"), Fraction(1, 3), np.float16(0.1),
     {"value": 4.5, "code": "mg", "extension": [{"url": "x", "valueInteger": 1}]}],
    ids=repr,
)  # fmt: skip
def test_the_same_input_has_the_same_key(value: object) -> None:
    copy = type(value)(value) if not isinstance(value, dict) else {**value}  # type: ignore[call-arg]
    assert exact_key(value) == exact_key(copy)
    assert hash(exact_key(value)) == hash(exact_key(copy))


class Text(str):
    """A str subclass: its own type, so no key (it could print or compare otherwise)."""

    __slots__ = ()


@pytest.mark.parametrize(
    "value",
    [
        object(),
        Text("4.5 mg"),
        np.array([4.5]),
        np.datetime64("2024-01-01"),
        {"value": object()},
        {"value": [np.array([1.0])]},
    ],
    ids=repr,
)
def test_values_with_no_exact_identity_have_no_key(value: object) -> None:
    assert exact_key(value) is None


def test_a_value_nested_past_any_fhir_resource_has_no_key() -> None:
    nested: object = {"value": 4.5}
    for _ in range(25):
        nested = {"nested": nested}
    assert exact_key(nested) is None
    assert exact_key({"a": {"b": {"c": [1, 2.5]}}}) is not None
