"""The table of every statement in docs/bands.md, generated from the shipped band data.

Run ``python tests/statement_table.py`` after changing ``data/box1.toml`` to rewrite the table
between its markers; ``test_box1_data.py`` fails while the page and the data differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from naltrexone_dose import EvidenceKind, StatementOrigin, default_band_table

if TYPE_CHECKING:
    from naltrexone_dose import Statement

PAGE = Path(__file__).resolve().parents[1] / "docs" / "bands.md"
START = "<!-- statements: generated from data/box1.toml by tests/statement_table.py -->"
END = "<!-- statements: end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _references(statement: Statement) -> str:
    named = [f"source: {source} (not from the review)" for source in statement.sources]
    if statement.origin is StatementOrigin.PROJECT_RULE:
        return "; ".join(["none: this project's rule", *named])
    if statement.origin is StatementOrigin.OTHER_SOURCE:
        return "; ".join(["none", *named])
    if not statement.references:
        return "none"
    return ", ".join(map(str, statement.references))


def _kind(statement: Statement) -> str:
    if statement.origin is StatementOrigin.PROJECT_RULE:
        kind = "(not evidence: this project's rule)"
    elif statement.evidence is EvidenceKind.REVIEW_STATEMENT:
        kind = (
            "the review's own statement"
            if statement.references
            else "the review's own statement (no reference)"
        )
    else:
        kind = statement.evidence.value.replace("_", " ")
    if statement.flag is not None:
        kind += f"; **{statement.flag.value.replace('_', ' ')}**: {statement.flag_note}"
    return kind


def _caveat(statement: Statement) -> str:
    return f"(on `{statement.qualifies}`) " if statement.qualifies else ""


def _rows(where: str, part: str, statements: tuple[Statement, ...]) -> list[str]:
    return [
        f"| {where} | {part} | `{s.id}` | {_cell(_caveat(s) + s.text)} | {_cell(_references(s))} "
        f"| {_cell(_kind(s))} |"
        for s in statements
        if where.startswith("every") or not s.general
    ]


def statement_table() -> str:
    """The Markdown table: each statement once, with its id, references and evidence kind."""
    table = default_band_table()
    lines = [
        START,
        "",
        "| where | part | id | statement | references | evidence |",
        "|---|---|---|---|---|---|",
    ]
    lines += _rows("every range (general)", "safety", table.general_safety)
    lines += _rows("every range (general)", "note", table.general_notes)
    for row in table.ranges:
        where = f"`{row.band.value}`"
        lines += _rows(where, "use", row.uses)
        lines += _rows(where, "finding", row.findings)
        lines += _rows(where, "safety", row.safety)
        lines += _rows(where, "note", row.notes)
    for regimen in table.regimens:
        where = f"{regimen.name} (not in Box 1)"
        lines += _rows(where, "use", regimen.uses)
        lines += _rows(where, "safety", regimen.safety)
        lines += _rows(where, "note", regimen.notes)
        lines += _rows(where, "note on an oral dose of the same mass", regimen.oral_notes)
    lines += ["", END]
    return "\n".join(lines)


def page_table(page: str, start_marker: str = START, end_marker: str = END) -> str:
    """The generated block as the page holds it now, between its markers, markers included."""
    start = page.index(start_marker)
    return page[start : page.index(end_marker, start) + len(end_marker)]


def main() -> None:
    """Rewrite the table in docs/bands.md from the data."""
    page = PAGE.read_text("utf-8")
    PAGE.write_text(page.replace(page_table(page), statement_table()), "utf-8")


if __name__ == "__main__":
    main()
