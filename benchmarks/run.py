"""Benchmarks: naltrexone-dose against baselines measured in the same process, on the same inputs.

    python benchmarks/run.py            # a table
    python benchmarks/run.py --json     # machine-readable
    python benchmarks/run.py --quick    # smaller inputs, for a smoke run

Figures (ratios are "baseline time / our time", so higher is faster for us, except where the
goal says "within"):

1. classify_dose on 10,000 distinct realistic dose strings vs a naive pint loop
   (one registry, Quantity(text).to("mg"), then if/elif), with the count of strings pint
   gets wrong or cannot read.
2. a 1,000,000-row column drawn from 1,000 distinct strings through classify_series vs the
   naive per-row pint loop (timed on a sample and scaled to the column: a full run would take
   minutes) and vs pandas.factorize of the same column.
3. classify_amounts on 10,000,000 floats vs numpy.searchsorted on the same array.
4. cold start: import and classify one dose, vs import pint and read one quantity.
5. peak memory (tracemalloc) of figure 2.
1b. classify_dose on 10,000 distinct simple strings ("4.5 mg", "350 mg/week", "0.5 mcg") vs
   the naive pint loop on the same forms (goal: at least 20x; 30x above it).
6. worst cases: hostile inputs (many bracketed masses, many numbers, repeated steps, long
   runs of non-ASCII digits, ...) at 250 and at 1,000 characters; time grows with length, so
   the ratio should be near 4, and every one is under 5 ms at 1,000.
7. the first pint Quantity in a unit outside the library's table (grain), in a fresh process:
   the time of that one call (it builds a private registry).

With ``--before PATH`` (a source tree of the library, such as ``git worktree add /tmp/before
<commit>``; PATH is its ``src``), figures 1 and 1b also time that library on the same strings
in a subprocess of the same run, for a before/after ratio from one run.

Speed is a benchmark figure here, never a timed unit test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from fractions import Fraction
from pathlib import Path
from typing import Any

TEMPLATES = [
    "{a} mg", "{a} MG", "{a}mg", "{a} mcg", "{a} mg daily", "{a} mg/day", "{a} mg at bedtime",
    "LDN {a} mg at bedtime", "LDN {a}MG", "naltrexone {a} mg PO QHS", "{a} mg nightly",
    "Take 1 capsule ({a} mg) by mouth at bedtime", "NALTREXONE HCL {a} MG TABLET",
    "naltrexone hydrochloride {a} MG Oral Tablet", "{a} mg once daily", "{a} mg qd",
    "{a} milligrams", "{a} mg/24h", "{w} mg/week", "{a} mg BID",
]  # fmt: skip
PINT_TEMPLATES = [
    "{a} mg",
    "{a} MG",
    "{a}mg",
    "{a} mcg",
    "{a} mg/day",
    "{w} mg/week",
    "{a} milligrams",
]
#: The simplest forms ("4.5 mg", "350 mg/week", "0.5 mcg"): figure 1b (simple_strings).
SIMPLE_TEMPLATES = ["{a} mg", "{w} mg/week", "{a} mcg"]
BANDS = ((Fraction(1, 1000), "ultra_low"), (Fraction(1), "very_low"))


def realistic(count: int, seed: int = 7, templates: list[str] = TEMPLATES) -> list[str]:
    """Distinct dose strings in the forms registries and sigs use."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        amount = rng.choice(
            [rng.randint(1, 150), rng.randint(1, 99) / 10, rng.randint(1, 999) / 100,
             rng.randint(1, 999) / 1000, rng.choice([0.5, 1, 1.5, 3, 4.5, 5, 25, 50, 100])]
        )  # fmt: skip
        template = rng.choice(templates)
        out[template.format(a=amount, w=round(amount * 7, 3))] = None
    return list(out)


def simple_strings(count: int, seed: int = 7) -> list[str]:
    """Distinct dose strings of the simplest forms: "4.5 mg", "350 mg/week", "0.5 mcg"."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        amount = rng.choice(
            [rng.randint(1, 150), rng.randint(1, 999) / 10, rng.randint(1, 9999) / 100,
             rng.randint(1, 9999) / 1000]
        )  # fmt: skip
        template = rng.choice(SIMPLE_TEMPLATES)
        out[template.format(a=amount, w=round(amount * 7, 3))] = None
    return list(out)


def naive_pint_band(registry: Any, text: str) -> str:
    """What a user without this library writes."""
    mg = registry.Quantity(text).to("mg").magnitude
    if mg < 0.001:
        return "ultra_low"
    if mg < 1:
        return "very_low"
    if mg <= 5:
        return "low"
    if mg < 50:
        return "between_low_and_standard"
    if mg <= 100:
        return "standard"
    return "above_standard"


def best_of(repeats: int, function: Any, *args: Any) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def ours_seconds(texts: list[str], repeats: int) -> float:
    """The best time of classify_dose over ``texts`` (each read once a repeat)."""
    from naltrexone_dose import classify_dose

    def ours() -> None:
        for text in texts:
            classify_dose(text)

    return best_of(repeats, ours)


def before_us_per_string(
    before: str | None, simple: bool, count: int, repeats: int
) -> float | None:
    """Figure 1's timing of the library at ``before`` (a src directory), in a subprocess."""
    if before is None:
        return None
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import run; n = int(sys.argv[2]); "
        "texts = run.simple_strings(n) if sys.argv[3] == 'simple' else run.realistic(n); "
        "print(run.ours_seconds(texts, int(sys.argv[4])) / len(texts) * 1e6)"
    )
    env = {**os.environ, "PYTHONPATH": before}
    done = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), str(count),
         "simple" if simple else "realistic", str(repeats)],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    return float(done.stdout.strip())


def figure_1(quick: bool, before: str | None = None, *, simple: bool = False) -> dict[str, Any]:
    import pint

    from naltrexone_dose import DoseError, classify_dose

    count = 1_000 if quick else 10_000
    texts = simple_strings(count) if simple else realistic(count)
    pint_texts = (
        simple_strings(count, seed=8)
        if simple
        else realistic(count, seed=8, templates=PINT_TEMPLATES)
    )
    registry = pint.UnitRegistry()

    def pints() -> None:
        for text in pint_texts:
            try:
                naive_pint_band(registry, text)
            except Exception:  # noqa: BLE001, S112 (the naive loop's errors are its own)
                continue

    repeats = 1 if quick else 3
    ours_s = ours_seconds(texts, repeats)
    pint_s = best_of(1 if quick else 3, pints)
    before_us = before_us_per_string(before, simple, len(texts), repeats)
    wrong = 0
    for text in pint_texts:
        truth = classify_dose(text).band.value
        try:
            if naive_pint_band(registry, text) != truth:
                wrong += 1
        except Exception:  # noqa: BLE001
            wrong += 1
    unread = sum(1 for text in texts if _raises(classify_dose, text, DoseError))
    ours_us = ours_s / len(texts) * 1e6
    return {
        "strings": len(texts),
        "ours_us_per_string": ours_us,
        "pint_us_per_string": pint_s / len(pint_texts) * 1e6,
        "speedup": (pint_s / len(pint_texts)) / (ours_s / len(texts)),
        "goal_speedup": 20 if simple else None,
        "before_us_per_string": before_us,
        "speedup_vs_before": None if before_us is None else before_us / ours_us,
        "goal_speedup_vs_before": None if simple else 3,
        "pint_wrong_or_unreadable": wrong,
        "pint_strings_checked": len(pint_texts),
        "ours_refused": unread,
    }


def _raises(function: Any, argument: Any, error: type[Exception]) -> bool:
    try:
        function(argument)
    except error:
        return True
    return False


def figure_2_and_5(quick: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    import numpy as np
    import pandas as pd
    import pint

    from naltrexone_dose.dataframe import classify_series

    rows = 100_000 if quick else 1_000_000
    distinct = realistic(1_000, seed=9)
    rng = np.random.default_rng(3)
    column = pd.Series(np.asarray(distinct, dtype=object)[rng.integers(0, len(distinct), rows)])

    import naltrexone_dose.dataframe as frames

    def cold() -> None:
        frames._ROW_CACHE.clear()
        classify_series(column)

    ours_s = best_of(1 if quick else 3, cold)
    classify_series(column)
    warm_s = best_of(1 if quick else 3, classify_series, column)
    factorize_s = best_of(3, pd.factorize, column)
    registry = pint.UnitRegistry()
    sample = column.iloc[: 2_000 if quick else 20_000].tolist()

    def pint_loop() -> None:
        for text in sample:
            try:
                naive_pint_band(registry, text)
            except Exception:  # noqa: BLE001, S112
                continue

    pint_per_row = best_of(1, pint_loop) / len(sample)
    pint_s = pint_per_row * rows
    tracemalloc.start()
    cold()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (
        {
            "rows": rows,
            "distinct": len(distinct),
            "ours_s": ours_s,
            "pint_s_scaled_from_sample": pint_s,
            "pint_sample_rows": len(sample),
            "speedup_vs_pint": pint_s / ours_s,
            "goal_speedup_vs_pint": 200,
            "factorize_s": factorize_s,
            "ratio_to_factorize": ours_s / factorize_s,
            "warm_s": warm_s,
            "warm_ratio_to_factorize": warm_s / factorize_s,
            "goal_ratio_to_factorize": 3,
            "goal_warm_ratio_to_factorize": 2,
        },
        {"rows": rows, "peak_mib": peak / 2**20},
    )


def figure_3(quick: bool) -> dict[str, Any]:
    import numpy as np

    from naltrexone_dose import classify_amounts

    size = 1_000_000 if quick else 10_000_000
    values = np.random.default_rng(5).lognormal(mean=1.0, sigma=3.0, size=size)
    edges = np.array([0.001, 1.0, 5.0, 50.0, 100.0])
    ours_s = best_of(5, classify_amounts, values)
    floor_s = best_of(5, np.searchsorted, edges, values)
    return {
        "values": size,
        "ours_s": ours_s,
        "searchsorted_s": floor_s,
        "ratio_to_searchsorted": ours_s / floor_s,
        "goal_ratio": 1.1,
    }


def figure_4(quick: bool) -> dict[str, Any]:
    import compileall

    import naltrexone_dose

    # As installed from a wheel: pip compiled pint's bytecode; compile the library's too, so
    # that neither side pays for compiling its source (PYTHONDONTWRITEBYTECODE would make an
    # editable install compile on every start).
    compileall.compile_dir(Path(naltrexone_dose.__file__).parent, quiet=1)
    runs = 3 if quick else 9
    ours = "import naltrexone_dose; naltrexone_dose.classify_dose('4.5 mg')"
    pints = "import pint; pint.UnitRegistry().Quantity('4.5 mg')"

    def cold(code: str) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    ours_s, pint_s = cold(ours), cold(pints)
    return {"ours_s": ours_s, "pint_s": pint_s, "ratio": ours_s / pint_s, "goal_ratio": 0.35}


WORST_CASES = {
    "bracketed masses": "(" + "1 mg " * 250,
    "masses with frequencies": "1 mg daily " * 100,
    "bare numbers": "1 " * 500,
    "steps": "1 mg then " * 100,
    "ranges": "1-2 mg " * 150,
    "weekday masses": "1 mg Mon " * 120,
    "nested brackets": "(1 mg " * 200,
    "digits": "9" * 2000,
    # Non-ASCII: every character of these is checked and folded by normalisation.
    "e-acute, then nines": "\u00e9" + "9" * 999,
    "full-width digits": "\uff19" * 1000,
    "Arabic-Indic digits": "\u0669" * 1000,
    "no-break spaces": "1\u00a0mg " * 200,
    "micro signs": "1 \u00b5g " * 200,
    "vulgar halves": "1\u00bd mg " * 150,
    "zero-width spaces": "mg\u200b " * 250,
}


def figure_6(quick: bool) -> dict[str, Any]:
    from naltrexone_dose import DoseError, classify_dose

    def seconds(text: str) -> float:
        def once() -> None:
            with contextlib.suppress(DoseError):
                classify_dose(text)

        return best_of(3 if quick else 9, once)

    rows = {}
    for name, text in WORST_CASES.items():
        short, full = seconds(text[:250]), seconds(text[:1000])
        rows[name] = {"ms_at_250": short * 1e3, "ms_at_1000": full * 1e3, "ratio": full / short}
    return {
        "cases": rows,
        "worst_ms_at_1000": max(row["ms_at_1000"] for row in rows.values()),
        "worst_ratio": max(row["ratio"] for row in rows.values()),
        "goal_ms": 5,
    }


def figure_7(quick: bool) -> dict[str, Any]:
    code = (
        "import time, pint, naltrexone_dose; q = pint.UnitRegistry().Quantity(70, 'grain'); "
        "naltrexone_dose.classify_dose('4.5 mg'); t = time.perf_counter(); "
        "naltrexone_dose.classify_dose(q); print(time.perf_counter() - t)"
    )
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(3 if quick else 5)
    ]
    return {"first_quantity_ms": statistics.median(times) * 1e3}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, a smoke run")
    parser.add_argument(
        "--before", metavar="SRC", help="time figures 1 and 1b on the library at SRC too"
    )
    arguments = parser.parse_args()
    two, five = figure_2_and_5(arguments.quick)
    report = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.machine(),
        },
        "1_distinct_strings": figure_1(arguments.quick, arguments.before),
        "1b_simple_strings": figure_1(arguments.quick, arguments.before, simple=True),
        "2_dataframe_column": two,
        "3_amount_array": figure_3(arguments.quick),
        "4_cold_start": figure_4(arguments.quick),
        "5_peak_memory": five,
        "6_worst_cases": figure_6(arguments.quick),
        "7_first_quantity_outside_the_table": figure_7(arguments.quick),
    }
    if arguments.json:
        print(json.dumps(report, indent=2))
        return
    one, three, four = (
        report["1_distinct_strings"],
        report["3_amount_array"],
        report["4_cold_start"],
    )
    print(f"machine: {report['machine']}, load average {os.getloadavg()[0]:.2f}")
    for label, figure in (("1.", one), ("1b.", report["1b_simple_strings"])):
        before = (
            f"; before: {figure['before_us_per_string']:.1f} us -> "
            f"{figure['speedup_vs_before']:.1f}x faster"
            if figure["before_us_per_string"] is not None
            else ""
        )
        goal = " (goal >= 20x)" if figure["goal_speedup"] else ""
        print(
            f"{label} {figure['strings']:,} distinct {'simple' if goal else 'realistic'} strings: "
            f"{figure['ours_us_per_string']:.1f} us/string vs pint "
            f"{figure['pint_us_per_string']:.1f} us -> {figure['speedup']:.1f}x{goal}{before}; "
            f"pint wrong or unreadable on {figure['pint_wrong_or_unreadable']} of "
            f"{figure['pint_strings_checked']}"
        )
    print(
        f"2. {two['rows']:,} rows ({two['distinct']:,} distinct): {two['ours_s']:.3f} s; vs naive pint "
        f"{two['speedup_vs_pint']:.0f}x (goal >= 200x, pint timed on {two['pint_sample_rows']:,} rows); "
        f"vs pandas.factorize {two['ratio_to_factorize']:.2f}x its time (goal <= 3x); run again "
        f"with the strings already read: {two['warm_s']:.3f} s, "
        f"{two['warm_ratio_to_factorize']:.2f}x (goal <= 2x)"
    )
    print(
        f"3. {three['values']:,} floats: {three['ours_s']:.3f} s vs searchsorted "
        f"{three['searchsorted_s']:.3f} s -> {three['ratio_to_searchsorted']:.2f}x its time (goal <= 1.1x)"
    )
    print(
        f"4. cold start: {four['ours_s']:.3f} s vs pint {four['pint_s']:.3f} s -> "
        f"{four['ratio']:.2f}x (goal <= 0.35x)"
    )
    print(f"5. peak memory of figure 2: {five['peak_mib']:.1f} MiB")
    six = report["6_worst_cases"]
    print(f"6. worst cases, ms at 250 -> 1,000 characters (linear: ratio ~4); worst "
          f"{six['worst_ms_at_1000']:.2f} ms (goal < 5 ms)")  # fmt: skip
    for name, row in six["cases"].items():
        print(
            f"   {name:<24} {row['ms_at_250']:6.2f} -> {row['ms_at_1000']:6.2f} ms  x{row['ratio']:.1f}"
        )
    seven = report["7_first_quantity_outside_the_table"]
    print(
        f"7. first pint Quantity in a unit outside the table: {seven['first_quantity_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
