"""The package is one pipeline: each module imports only from the steps below it.

Imports are read from the source (inside functions and type-checking blocks too), so an
import hidden in a function to dodge a cycle fails here.
"""

from __future__ import annotations

import ast
import pickle
from importlib import resources

import pytest

import naltrexone_dose

# Lowest first. A module may import from its own step or any step above it in this list
# (within a step, the listed order applies too); never from a later one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_errors", "_format", "_version"),
    ("_numbers",),
    ("_vocabulary",),
    ("_units",),
    ("_models",),
    ("_text",),
    ("_tokens",),
    ("_mentions",),
    ("_scan_state",),
    ("_scan_frequency",),
    ("_scan_mass",),
    ("_scan_number",),
    ("_scan_word",),
    ("_scan",),
    ("_resolve",),
    ("_fast",),
    ("_bands",),
    ("_inputs",),
    ("_fhir_lists",),
    ("_fhir",),
    ("_fhir_dosage",),
    ("_classify",),
    ("_missing", "_keys"),
    ("_batch", "_arrays", "_dispensings", "_definitions"),
    ("_html",),
    ("_records",),
    ("__init__",),
    ("cli", "dataframe"),
    ("__main__",),
)
RANK = {module: rank for rank, step in enumerate(LAYERS) for module in step}
PACKAGE = resources.files("naltrexone_dose")


def _modules() -> list[str]:
    return sorted(
        entry.name.removesuffix(".py") for entry in PACKAGE.iterdir() if entry.name.endswith(".py")
    )


def _imports(module: str) -> set[str]:
    """The package modules that ``module`` imports, anywhere in its source."""
    tree = ast.parse(PACKAGE.joinpath(f"{module}.py").read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:  # "from . import _vocabulary", or public names of __init__
                found.update(
                    alias.name if alias.name in RANK else "__init__" for alias in node.names
                )
            elif node.module and node.module.startswith("naltrexone_dose"):
                parts = node.module.split(".")
                found.add(parts[1] if len(parts) > 1 else "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("naltrexone_dose"):
                    parts = alias.name.split(".")
                    found.add(parts[1] if len(parts) > 1 else "__init__")
    return found - {module}


def test_every_module_of_the_package_has_a_place_in_the_pipeline() -> None:
    assert set(_modules()) == set(RANK)


@pytest.mark.parametrize("module", _modules())
def test_a_module_imports_only_from_the_steps_below_it(module: str) -> None:
    upward = sorted(name for name in _imports(module) if RANK[name] > RANK[module])
    assert upward == [], f"{module} imports from later steps: {upward}"


def test_the_imports_have_no_cycle() -> None:
    graph = {module: _imports(module) for module in _modules()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph[module]):
            assert state.get(name) != 1, " -> ".join([*path, module, name])
            if name not in state:
                visit(name, [*path, module])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_the_import_reader_sees_imports_inside_functions() -> None:
    # _arrays imports numpy inside its functions; the reader must walk function bodies.
    assert "_inputs" in _imports("_arrays")
    assert "_html" in _imports("__init__")


@pytest.mark.parametrize(
    "name",
    [
        name
        for name in naltrexone_dose.__all__
        if hasattr(getattr(naltrexone_dose, name), "__module__")
    ],
)
def test_every_public_name_reports_the_public_module(name: str) -> None:
    assert getattr(naltrexone_dose, name).__module__ == "naltrexone_dose"


def test_results_and_errors_pickle_under_the_public_module() -> None:
    result = naltrexone_dose.classify_dose("4.5 mg daily")
    assert pickle.loads(pickle.dumps(result)) == result
    assert b"naltrexone_dose._" not in pickle.dumps(result)
    with pytest.raises(naltrexone_dose.DoseError) as caught:
        naltrexone_dose.classify_dose("5 mL")
    error = caught.value
    data = pickle.dumps(error)
    assert b"naltrexone_dose._" not in data
    again = pickle.loads(data)
    assert (type(again), again.reason, str(again)) == (type(error), error.reason, str(error))
    assert repr(naltrexone_dose.DoseUnitError("x", naltrexone_dose.ErrorReason.NOT_A_MASS)) == (
        "DoseUnitError('x')"
    )
    assert str(naltrexone_dose.DoseUnitError) == "<class 'naltrexone_dose.DoseUnitError'>"
