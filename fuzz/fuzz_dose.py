"""Coverage-guided fuzzing of classify_dose and parse_dose (atheris).

    python -m pip install -e '.[test]' atheris==3.0.0
    python fuzz/fuzz_dose.py fuzz/corpus -atheris_runs=1000000

The fuzzer fails on any exception other than DoseError, on any input that takes over 10 ms,
and on any result that breaks an invariant: the band is the band of the exact daily dose,
the result survives a JSON round trip unchanged, and parse_dose agrees with classify_dose;
and on a batch that answers otherwise (classify_many gives the same result, or a failure
row where classify_dose refuses). Its first bytes choose what is fuzzed: dose text, a
number with a unit, a FHIR Quantity or Dosage built from the text, or a pint Quantity.
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction

import atheris
import pint

with atheris.instrument_imports(include=["naltrexone_dose"], enable_loader_override=False):
    import naltrexone_dose
    from naltrexone_dose import (
        DoseClassification,
        DoseError,
        DoseFailure,
        classify_dose,
        classify_many,
        default_band_table,
        parse_dose,
    )

LIMIT_SECONDS = 0.010
_UNITS = ["mg", "mcg", "ug", "g", "ng", "mg/day", "mg/d", "mg/week", "MG", "mL", "mg/kg", "", "x"]
_TABLE = default_band_table()
_registry = None


def _pint_registry() -> object:
    global _registry  # noqa: PLW0603 (one registry for the whole run)
    if _registry is None:
        _registry = pint.UnitRegistry(cache_folder=None)
    return _registry


def _input(data: bytes) -> object:
    provider = atheris.FuzzedDataProvider(data)
    kind = provider.ConsumeIntInRange(0, 5)
    if kind == 0:
        return provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    if kind == 1:  # text with surrogates too: bytes decoded as UTF-8 with surrogateescape
        return provider.ConsumeBytes(provider.remaining_bytes()).decode("utf-8", "surrogateescape")
    unit = _UNITS[provider.ConsumeIntInRange(0, len(_UNITS) - 1)]
    if kind == 2:
        return (provider.ConsumeRegularFloat(), unit)
    if kind == 3:
        value = (
            provider.ConsumeRegularFloat() if provider.ConsumeBool() else provider.ConsumeUnicode(8)
        )
        return {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}
    if kind == 4:
        return {
            "doseAndRate": [{"doseQuantity": {"value": provider.ConsumeRegularFloat(), "code": unit}}],
            "timing": {"repeat": {"frequency": provider.ConsumeIntInRange(-1, 5),
                                  "period": provider.ConsumeIntInRange(-1, 30),
                                  "periodUnit": ["d", "h", "wk", "mo", "min", "x"][provider.ConsumeIntInRange(0, 5)]}},
            "route": {"text": ["oral", "intramuscular", ""][provider.ConsumeIntInRange(0, 2)]},
        }  # fmt: skip
    registry = _pint_registry()
    try:
        return registry.Quantity(provider.ConsumeRegularFloat(), unit or "mg")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 (pint refusing a unit is not our finding)
        return "4.5 mg"


def _timed(dose: object) -> tuple[float, DoseClassification | None]:
    start = time.perf_counter()
    try:
        result = classify_dose(*dose) if isinstance(dose, tuple) else classify_dose(dose)
    except DoseError:
        result = None
    return time.perf_counter() - start, result


_TIMER = """
import pickle, sys, time
from naltrexone_dose import classify_dose, DoseError
dose = pickle.loads(sys.stdin.buffer.read())
classify = (lambda: classify_dose(*dose)) if isinstance(dose, tuple) else (lambda: classify_dose(dose))
best = 1.0
for _ in range(20):
    start = time.perf_counter()
    try:
        classify()
    except DoseError:
        pass
    best = min(best, time.perf_counter() - start)
print(best)
"""


def _uninstrumented_seconds(dose: object) -> float:
    import pickle  # noqa: PLC0415  (rare path)
    import subprocess  # noqa: PLC0415

    done = subprocess.run(
        [sys.executable, "-c", _TIMER], input=pickle.dumps(dose), capture_output=True, check=True
    )
    return float(done.stdout)


def check(dose: object) -> None:
    """Classify one input and check every invariant; raise AssertionError on a finding."""
    elapsed, result = _timed(dose)
    if elapsed > LIMIT_SECONDS:
        # Instrumented code runs several times slower than the library does for its users:
        # time a slow input again in a plain interpreter before calling it a finding.
        elapsed = _uninstrumented_seconds(dose)
    assert elapsed <= LIMIT_SECONDS, f"{elapsed * 1000:.1f} ms for {dose!r:.200}"
    # A batch gives the same answer: the result itself, or a failure (a missing row for a
    # missing value) where classify_dose refuses.
    batch = (
        classify_many([dose[0]], unit=dose[1], errors="collect")
        if isinstance(dose, tuple)
        else classify_many([dose], errors="collect")
    )
    if result is None:
        assert isinstance(batch[0], DoseFailure), (dose, batch[0])
        return
    assert batch[0] == result, (dose, batch[0], result)
    if result.mg_per_day is not None:
        assert result.band is _TABLE.place(result.mg_per_day).band, (dose, result.band)
        assert Fraction(1, 10**300) <= result.mg_per_day <= 10**300
    assert DoseClassification.model_validate_json(result.model_dump_json()) == result
    if not isinstance(dose, tuple):
        assert parse_dose(dose) == result.dose


def test_one_input(data: bytes) -> None:
    check(_input(data))


def warm_up() -> None:
    """Build the lazy state (tables, pint's registry) before any input is timed."""
    for dose in ("4.5 mg", {"value": 1, "code": "mg"}, ("4.5", "mg")):
        check(dose)
    check(_pint_registry().Quantity(1.0, "megagauss"))  # type: ignore[attr-defined]
    check(_pint_registry().Quantity(1.0, "grain"))  # type: ignore[attr-defined]


def main() -> None:
    warm_up()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    assert naltrexone_dose.__version__
    main()
