"""The command line: ``naltrexone-dose "4.5 mg" ["50 mg/day" ...] [--json]``.

Exit codes: 0 when every dose was classified, 1 when any input was a bad dose (each
reported on standard error with its reason), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from . import DoseError, __version__, classify_dose

if TYPE_CHECKING:
    from collections.abc import Sequence

    from . import DoseClassification


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="naltrexone-dose",
        description=(
            "Classify naltrexone doses into the dose bands of Box 1. "
            "Reports what a review says; not dosing advice."
        ),
        epilog="exit codes: 0 all classified, 1 a bad dose, 2 a usage error",
    )
    parser.add_argument("doses", nargs="+", metavar="DOSE", help="dose text, such as '4.5 mg'")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _describe(result: DoseClassification) -> str:
    lines = [f"{result.dose.source}: {result}"]
    if result.box1 is not None:
        lines.append(f"  mechanism: {result.box1.mechanism}")
        lines.append(f"  clinical use: {result.box1.clinical_use}")
    lines.extend(f"  note: {note}" for note in result.notes)
    lines.extend(f"  safety: {note}" for note in result.safety)
    lines.extend(f"  assumed: {assumption}" for assumption in result.dose.assumptions)
    lines.extend(f"  warning: {warning.message}" for warning in result.warnings)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    arguments = _parser().parse_args(argv)
    status = 0
    for text in arguments.doses:
        try:
            result = classify_dose(text)
        except DoseError as error:
            status = 1
            print(
                f"naltrexone-dose: {text!r}: {error.reason.value}: {error}",
                file=sys.stderr,
            )
            continue
        if arguments.json:
            print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        else:
            print(_describe(result))
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
