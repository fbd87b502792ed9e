"""The fast reader (`naltrexone_dose._fast`) reads exactly as the full reader does.

Whatever text the fast reader reads, the full reader reads to an equal `Dose`: every field,
the explanation and the warnings included, compared as models, as JSON and by the fields
each model was built with; and whatever text the full reader refuses, the fast reader does
not read (it returns None, and the full reader refuses it with the same error class, reason
and message). Checked on generated texts in and around the fast reader's rule, on every
string literal of the test suite and the docs, on the benchmark's inputs and on the sig
corpus. Speed is not tested here: the benchmark measures it.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from naltrexone_dose import DoseError, default_band_table
from naltrexone_dose import _fast as fast
from naltrexone_dose import _vocabulary as vocab
from naltrexone_dose._inputs import read_text
from naltrexone_dose._text import normalize
from naltrexone_dose._units import MASS_UNITS, TIME_UNITS

ROOT = Path(__file__).parents[1]
REGIMENS = default_band_table().regimens


def _built(model: object) -> object:
    """A model as the fields it holds and the fields it was built with, all the way down."""
    if isinstance(model, BaseModel):
        return (
            type(model).__name__,
            sorted(model.__pydantic_fields_set__),
            {name: _built(value) for name, value in model.__dict__.items()},
        )
    if isinstance(model, tuple):
        return tuple(_built(item) for item in model)
    return model


def _outcome(text: str, *, fast_path: bool) -> tuple[Any, ...]:
    try:
        dose = read_text(text, regimens=REGIMENS, fast=fast_path)
    except DoseError as error:
        return ("refused", type(error), error.reason, str(error))
    return ("read", dose, dose.model_dump_json(), _built(dose))


def _taken(text: str) -> bool:
    """Whether the fast reader reads ``text`` (not whether it reads it right)."""
    try:
        normal = normalize(text)
    except DoseError:
        return False
    return bool(normal) and fast.read_simple(normal, text, REGIMENS) is not None


def assert_same_reading(text: str) -> bool:
    """The fast path and the full path agree on ``text``; return whether the fast one read it."""
    taken = _taken(text)
    quick, full = _outcome(text, fast_path=True), _outcome(text, fast_path=False)
    assert quick == full, text
    if taken:
        assert full[0] == "read", text  # the fast reader never reads what the full one refuses
    return taken


# -- generated texts: the rule's pieces, each sometimes replaced by a near miss --------------

_NAMES = [*sorted(fast._NAMES), "take", "max", "nan", "no", "dose", "low-dose", "LDN:", "x"]
_UNITS = [*sorted(MASS_UNITS), "MG", "Mg", "mgs", "mL", "units", "days", "h", "mgx", "m g"]
_RATES = [f"/{word}" for word in sorted(TIME_UNITS)] + [
    "/24h", "/12h", "/2d", "/01d", "/8d", "/0d", "/1.5d", "/month", "/ml", "/kg", "/night",
    "/DAY", " per day", "/ day", "/24 h", "/tablet",
]  # fmt: skip
_FORMS = [*sorted(fast._FORMS), "vials", "dose", "injection", "tablet tablet"]
_DESCRIPTORS = [*sorted(fast._DESCRIPTORS), "film-coated", "-"]
_ROUTES = [*sorted(fast._ROUTES), "oral", "by mouth", "IM", "sl"]
_PHRASES = [" ".join(phrase) for phrase in sorted(fast._FREQUENCIES)] + [
    " ".join(phrase) for phrase in sorted(vocab.FREQUENCY_PHRASES)
]
_JUNK = ["foo", "then", "2", "x7d", ",", ".", "(", ")", "-", "and", "for pain", "prn", "1 tab"]
_AMOUNTS = st.one_of(
    st.from_regex(r"[1-9]\d{0,3}(\.\d{1,3})?", fullmatch=True),
    st.from_regex(r"0\.\d{1,4}", fullmatch=True),
    st.sampled_from(["0", "00", "4.0", "4.50", ".5", "5.", "1e3", "380", "0380", "1000", "999",
                     "4", "6", "8", "12", "24", "1,5", "4.5.1", "1" * 40]),
)  # fmt: skip


def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


def _cased(words: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(words).flatmap(
        lambda word: st.sampled_from([word, word.upper(), word.title()])
    )


@st.composite
def simple_texts(draw: st.DrawFn) -> str:
    """Texts of the fast reader's rule, and near misses of it (see the module docstring)."""
    names = draw(st.lists(_cased(_NAMES), max_size=3))
    text = "".join(f"{name} " for name in names)
    text += draw(_AMOUNTS) + draw(st.sampled_from(["", " ", " ", "  "])) + draw(_cased(_UNITS))
    tail = draw(st.sampled_from(["rate", "form", ""]))
    if tail == "rate":
        text += draw(st.sampled_from(_RATES))
    elif tail == "form":
        descriptors = draw(st.lists(_cased(_DESCRIPTORS), max_size=2))
        text += "".join(f" {word}" for word in descriptors) + " " + draw(_cased(_FORMS))
    text += draw(_maybe(_cased(_ROUTES).map(lambda route: f" {route}")))
    text += draw(_maybe(_cased(_PHRASES).map(lambda phrase: f" {phrase}")))
    text += draw(_maybe(st.sampled_from(_JUNK).map(lambda junk: f" {junk}")))
    return draw(st.sampled_from([text, text, f" {text} ", text.replace(" ", "  ")]))


@pytest.mark.property
@given(simple_texts())
def test_the_fast_reader_reads_generated_texts_as_the_full_reader_does(text: str) -> None:
    assert_same_reading(text)


# -- every word the fast reader takes from the tables, each in a text of its own --------------


def test_every_table_word_the_fast_reader_takes_reads_as_the_full_reader_does() -> None:
    texts = [f"{name} 4.5 mg" for name in fast._NAMES]
    texts += [f"1.5 {unit}" for unit in MASS_UNITS] + [f"2{unit}" for unit in MASS_UNITS]
    texts += [f"350 mg/{word}" for word in TIME_UNITS] + [f"4.5 mg/24{w}" for w in TIME_UNITS]
    texts += [f"4.5 mg {form}" for form in fast._FORMS]
    texts += [f"50 mg {word} tablet" for word in fast._DESCRIPTORS]
    texts += [f"4.5 mg {route} at bedtime" for route in fast._ROUTES]
    texts += [f"0.5 mg {' '.join(phrase)}" for phrase in vocab.FREQUENCY_PHRASES]
    texts += [f"1 MG TABLET {' '.join(phrase).upper()}" for phrase in fast._FREQUENCIES]
    taken = [assert_same_reading(text) for text in texts]
    assert sum(taken) >= len(fast._FREQUENCIES) * 2  # the grid is not all fallbacks


# -- the inputs of the suite, the docs, the benchmark and the corpus -------------------------


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 200
    }


def _suite_inputs() -> list[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "tests").glob("*.py")):
        found |= _literals(path)
    for path in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        found.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return sorted(found)


def test_the_test_suites_and_the_docs_strings_read_the_same_on_both_paths() -> None:
    texts = _suite_inputs()
    taken = [assert_same_reading(text) for text in texts]
    assert len(texts) > 2500
    assert sum(taken) > 100


def _benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmarks_inputs_read_the_same_on_both_paths() -> None:
    bench = _benchmark()
    texts = (
        bench.realistic(3_000)
        + bench.realistic(1_000, seed=8, templates=bench.PINT_TEMPLATES)
        + bench.realistic(1_000, seed=9)
        + bench.simple_strings(1_000, seed=10)
        + [text[:length] for text in bench.WORST_CASES.values() for length in (25, 250)]
    )
    taken = [assert_same_reading(text) for text in texts]
    assert sum(taken) >= 0.8 * len(texts)


def test_the_sig_corpus_reads_the_same_on_both_paths() -> None:
    lines = (ROOT / "tests" / "corpus" / "sigs.csv").read_text(encoding="utf-8").splitlines()
    texts = [row["text"] for row in csv.DictReader(lines)]
    taken = [assert_same_reading(text) for text in texts]
    assert len(texts) > 500
    assert sum(taken) > 50


# -- what the fast reader must leave to the full reader ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "4.5 mg daily foo",  # an unknown word
        "4.5 mg 2 daily",  # a second number
        "4.5 mg, daily",  # punctuation it does not know
        "4.5 mg.",
        "4.5 mg (daily)",
        "4.0 mg",  # a trailing zero: a warning the full reader gives
        ".5 mg",
        "5. mg",
        "0 mg",  # zero: refused by the full reader
        "380 mg",  # the depot's mass
        "1000 mg",  # a gram a day: the implausible-amount warning
        "4.5 mg q8h",  # an interval word
        "4.5 mg every 3 days",
        "4.5 mg prn",  # as needed: no daily dose
        "4.5 mg monthly",
        "4.5 mg mon-fri",  # days of the week
        "4.5 mg/day daily",  # a rate and a frequency
        "4.5 mg/8d",  # longer than a week
        "4.5 mg/month",
        "4.5 mg per day",
        "4.5 mg then 3 mg",
        "4.5 mg vials",
        "4.5 mg oral",
        "4.5 mg tablet tablet",
        "take 4.5 mg",
        "max 4.5 mg",
        "4.5 mgs",
        "4.5 \u00b5g",  # not ASCII
        "4,5 mg",
        "24 hourly 4.5 mg",
    ],
)
def test_the_fast_reader_leaves_other_texts_to_the_full_reader(text: str) -> None:
    assert not _taken(text)
    assert_same_reading(text)


def test_the_fast_reader_is_used_by_classify_dose_for_simple_texts() -> None:
    assert _taken("LDN 4.5MG at bedtime")
    assert _taken("350 mg/week")
    assert _taken("naltrexone hydrochloride 50 MG Oral Tablet")


def test_every_word_of_the_fast_reader_comes_from_the_vocabulary_and_unit_tables() -> None:
    assert fast._NAMES <= vocab.NALTREXONE_NAMES
    assert fast._FORMS <= vocab.ORAL_FORMS
    assert fast._DESCRIPTORS <= vocab.FORM_DESCRIPTORS
    assert set(fast._FREQUENCIES) <= set(vocab.FREQUENCY_PHRASES)
    assert all(fast._FREQUENCIES[p] == vocab.FREQUENCY_PHRASES[p] for p in fast._FREQUENCIES)
