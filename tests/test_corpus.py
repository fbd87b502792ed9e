"""The realistic sig corpus (tests/corpus/sigs.csv): no confident wrong answer beyond the few
known ones listed here, and no less read than when the list was made."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from measure import judge

ROWS = list(
    csv.DictReader(
        (Path(__file__).parent / "corpus" / "sigs.csv").read_text(encoding="utf-8").splitlines()
    )
)
#: Known wrong answers, each a judgement call left open: none since a mass of 1 kg or more in
#: text is no daily dose (SPEC, "record fields"), so "70 kg" is refused.
KNOWN_WRONG: set[str] = set()
#: The readable rows read correctly when this test was written; a change may only raise it.
READ_AT_LEAST = 632


def test_the_corpus_gets_no_confident_wrong_answer_beyond_the_known_ones() -> None:
    wrong = {
        row["text"]
        for row in ROWS
        if judge(row["expect"], row["mg_per_day"], row["text"])[0] in ("WRONG", "CRASH")
    }
    assert wrong <= KNOWN_WRONG


def test_the_corpus_share_read_does_not_fall() -> None:
    verdicts = Counter(
        judge(row["expect"], row["mg_per_day"], row["text"])[0]
        for row in ROWS
        if row["expect"] == "read"
    )
    assert verdicts["correct"] >= READ_AT_LEAST
