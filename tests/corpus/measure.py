"""Measure naltrexone-dose against the sig corpus (tests/corpus/sigs.csv).

Run: python tests/corpus/measure.py [path/to/sigs.csv] [--refusals]

For each row, classify_dose(text) is called once:
- expect=read:   read (same exact mg/day), refused (DoseError), or WRONG (other mg/day,
                 or the depot);
- expect=refuse: refused, or WRONG (any answer);
- expect=depot:  depot (basis "depot"), refused, or WRONG (an averaged mg/day).
Any exception that is not a DoseError is counted as CRASH (also a failure).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

from naltrexone_dose import DoseError, classify_dose

CORPUS = Path(__file__).with_name("sigs.csv")


def outcome(text: str) -> tuple[str, str, Fraction | None]:
    """Return (kind, detail, mg/day): kind is 'depot', 'mg', 'refused' or 'crash'."""
    try:
        result = classify_dose(text)
    except DoseError as error:
        return "refused", f"{type(error).__name__}: {error.reason.value}", None
    except Exception as error:  # noqa: BLE001 - a foreign exception is a finding
        return "crash", f"{type(error).__name__}: {error}", None
    if result.dose.basis.value == "depot":
        return "depot", f"depot ({result.band.value})", None
    mg = result.mg_per_day
    return "mg", f"{mg} mg/day ({result.band.value})", None if mg is None else Fraction(mg)


def judge(expect: str, expected_mg: str, text: str) -> tuple[str, str]:
    """Return (verdict, got) for one row."""
    kind, got, mg = outcome(text)
    if kind == "crash":
        return "CRASH", got
    if kind == "refused":
        return "refused", got
    if expect == "refuse":
        return "WRONG", got
    if expect == "depot":
        return ("depot", got) if kind == "depot" else ("WRONG", got)
    if kind == "depot":
        return "WRONG", got
    return ("correct", got) if mg == Fraction(expected_mg) else ("WRONG", got)


def main(argv: list[str]) -> int:
    paths = [arg for arg in argv if not arg.startswith("--")]
    show_refusals = "--refusals" in argv
    path = Path(paths[0]) if paths else CORPUS
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    refused_read: Counter[str] = Counter()
    refused_examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        expect = row["expect"]
        verdict, got = judge(expect, row["mg_per_day"], row["text"])
        counts[expect][verdict] += 1
        if verdict in {"WRONG", "CRASH"}:
            wanted = f"{row['mg_per_day']} mg/day" if expect == "read" else expect
            wrong[row["family"]].append((row["text"], wanted, f"{verdict}: {got}"))
        if expect == "read" and verdict == "refused":
            refused_read[row["family"]] += 1
            refused_examples[row["family"]].append((row["text"], got))

    print(f"corpus: {path} ({len(rows)} rows)")
    for expect in ("read", "refuse", "depot"):
        total = sum(counts[expect].values())
        parts = ", ".join(f"{key} {value}" for key, value in sorted(counts[expect].items()))
        print(f"  expect={expect:<6} {total:>4}: {parts}")

    print(f"\nconfidently WRONG (or crashed): {sum(len(v) for v in wrong.values())}")
    for family in sorted(wrong):
        print(f"\n[{family}]")
        for text, wanted, got in wrong[family]:
            print(f"  {text!r}\n      expected {wanted}; got {got}")

    print("\nread rows refused, by family:")
    for family, number in refused_read.most_common():
        print(f"  {family:<16} {number}")
    if show_refusals:
        for family in sorted(refused_examples):
            print(f"\n[{family}] refused")
            for text, got in refused_examples[family]:
                print(f"  {text!r}: {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
