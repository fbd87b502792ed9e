"""The README and the docs: commands a newcomer can run, and CI runs what the README says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.DOTALL | re.MULTILINE)


def readme_commands() -> list[str]:
    return CONSOLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readmes_two_commands_start_from_a_virtual_environment() -> None:
    commands = [block.strip() for block in readme_commands()]
    assert len(commands) == 2
    for command in commands:
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && ")


def test_ci_runs_the_readmes_test_command_word_for_word() -> None:
    ci = ROOT / ".ci" / "run"
    if not ci.exists():
        pytest.skip("no .ci/run here (an sdist)")
    test_command = readme_commands()[1].strip()
    assert "python -m pytest" in test_command
    assert test_command in ci.read_text(encoding="utf-8").splitlines()


def test_no_page_offers_an_install_from_pypi() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"pip install [\"']?naltrexone-dose", text), page.name
