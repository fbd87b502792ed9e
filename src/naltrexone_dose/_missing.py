"""Missing values in batches: the one rule every batch entry point follows.

SPEC ("Missing values in batches"): None, ``pd.NA``, a polars null, a masked element, an
empty or all-space cell, and NaN inside a pandas or numpy float column are missing. A batch
gives such a row a missing row (reason ``missing``), never an error; `classify_dose` itself
still refuses None and NaN. A float NaN is missing wherever a batch meets it (a pandas or
numpy float column iterates as float NaN); a ``Decimal("NaN")`` was written on purpose and
is refused, as `classify_dose` refuses it.
"""

from __future__ import annotations

import math

__all__ = ["MISSING_MESSAGE", "is_missing"]

#: The message of a missing row.
MISSING_MESSAGE = "the row holds no value (a missing value): no dose to read"

# pandas' missing markers and numpy's masked element, named so that neither is imported here.
_MARKERS = frozenset({"NAType", "NaTType", "MaskedConstant"})


def is_missing(value: object) -> bool:
    """Say whether a batch holds no value here (SPEC's missing values).

    Examples:
        >>> [is_missing(v) for v in (None, "", "  ", float("nan"), "4.5 mg", 0, "nan")]
        [True, True, True, True, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):  # a Python float, and numpy's float64 (a subclass)
        return math.isnan(value)
    kind = type(value)
    if kind.__name__ in _MARKERS and kind.__module__.split(".", 1)[0] in {"pandas", "numpy"}:
        return True
    if kind.__module__ == "numpy" and kind.__name__.startswith(("float", "longdouble")):
        return bool(value != value)  # NaN of float16, float32, longdouble  # noqa: PLR0124
    return False
