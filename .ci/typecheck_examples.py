"""Type-check the README's and the docs' Python examples as a consumer project would.

python .ci/typecheck_examples.py [FILE.md ...]

Each Markdown file's ```python and ```pycon blocks become one module in a temporary folder (the source of
a ``>>>`` example without its prompts and output; a plain block as it is), and ``mypy
--strict`` checks those modules against the installed package, from outside the checkout.
Exits with mypy's status. Third-party packages that ship no types (pandas, Dask) and Spark
(whether installed or not) are not followed; everything of naltrexone_dose is.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```(?:python|pycon)\n(.*?)^```", re.DOTALL | re.MULTILINE)
CONFIG = """\
[mypy]
strict = True
warn_unreachable = True
[mypy-pandas.*,dask.*]
ignore_missing_imports = True
[mypy-pyspark.*]
follow_imports = skip
ignore_missing_imports = True
"""


def source_of(block: str) -> str:
    """The code of a fenced block: a doctest's statements, or the block unchanged."""
    lines = block.splitlines()
    if not any(line.startswith(">>>") for line in lines):
        return block
    code = [line[4:] for line in lines if line.startswith((">>> ", "... ", ">>>", "..."))]
    return "\n".join(code) + "\n"


def module_of(markdown: Path) -> str:
    """Every Python example of one Markdown file, in order, as one module."""
    blocks = BLOCK.findall(markdown.read_text(encoding="utf-8"))
    header = f"# Examples of {markdown.relative_to(ROOT)}, extracted by {Path(__file__).name}\n"
    return header + "\n".join(source_of(block) for block in blocks)


def main(paths: list[Path]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "mypy.ini").write_text(CONFIG, encoding="utf-8")
        modules = []
        for markdown in paths:
            name = "examples_" + re.sub(r"\W", "_", markdown.stem.lower()) + ".py"
            (work / name).write_text(module_of(markdown), encoding="utf-8")
            modules.append(name)
        done = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", *modules],
            cwd=work,
            check=False,
        )
        return done.returncode


if __name__ == "__main__":
    given = [Path(arg).resolve() for arg in sys.argv[1:]]
    sys.exit(main(given or [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]))
