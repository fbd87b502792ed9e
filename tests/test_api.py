"""The public API: one namespace, sorted, documented, light to import."""

from __future__ import annotations

import inspect
import subprocess
import sys

import naltrexone_dose
from naltrexone_dose import DoseError


def test_all_is_every_public_name_once() -> None:
    # Its order is ruff's (RUF022: constants, classes, then functions), checked by ruff.
    assert len(set(naltrexone_dose.__all__)) == len(naltrexone_dose.__all__)
    public = {name for name in vars(naltrexone_dose) if not name.startswith("_")}
    public -= {"annotations", "cli", "dataframe"}  # submodules, present once imported
    assert set(naltrexone_dose.__all__) - {"__version__"} == public
    assert sorted(dir(naltrexone_dose)) == sorted(naltrexone_dose.__all__)


def test_every_public_name_has_a_docstring() -> None:
    for name in naltrexone_dose.__all__:
        item = getattr(naltrexone_dose, name)
        if inspect.isclass(item) or inspect.isfunction(item):
            assert inspect.getdoc(item), name


def test_every_error_is_a_dose_error_and_a_value_error() -> None:
    errors = [
        getattr(naltrexone_dose, name) for name in naltrexone_dose.__all__ if name.endswith("Error")
    ]
    assert len(errors) == 7
    for error in errors:
        assert issubclass(error, DoseError)
        assert issubclass(error, ValueError)


def test_importing_the_library_does_not_import_pint() -> None:
    """Cold start matters for CI loops; pint is loaded only when a Quantity needs it."""
    code = (
        "import sys, naltrexone_dose; naltrexone_dose.classify_dose('4.5 mg');"
        "print('pint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_version_is_a_string() -> None:
    assert naltrexone_dose.__version__.count(".") == 2
