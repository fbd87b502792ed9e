"""The side-by-side table of the shipped definitions in docs/definitions.md, generated from the
band data.

Run ``python tests/definition_table.py`` after changing a table in ``data/`` to rewrite the
tables between their markers; ``test_definitions.py`` fails while the page and the data differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from statement_table import page_table as generated_block
from strategies import decimal_text

from naltrexone_dose import Band, StatementOrigin, shipped_band_tables

if TYPE_CHECKING:
    from naltrexone_dose import BandRange, BandTable

PAGE = Path(__file__).resolve().parents[1] / "docs" / "definitions.md"
START = "<!-- definitions: generated from data/*.toml by tests/definition_table.py -->"
END = "<!-- definitions: end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _rule(row: BandRange) -> str:
    lower = (
        f"{decimal_text(row.lower)} {'≤' if row.lower_inclusive else '<'} d"
        if row.lower
        else "0 < d"
    )
    if row.upper is None:
        return lower
    return f"{lower} {'≤' if row.upper_inclusive else '<'} {decimal_text(row.upper)}"


def _from(row: BandRange) -> str:
    """Whose edges: the source's words, or this project's rule (or both)."""
    own = [s for s in row.notes if not s.general]
    kinds = []
    if row.box1 is not None or any(s.origin is StatementOrigin.OTHER_SOURCE for s in own):
        kinds.append("source")
    if any(s.origin is StatementOrigin.PROJECT_RULE for s in own):
        kinds.append("project rule")
    return " + ".join(kinds)


def _sources(tables: tuple[BandTable, ...]) -> list[str]:
    lines = []
    for table in tables:
        source = table.definition
        if source is None:  # pragma: no cover - every shipped table has one
            continue
        year = f" ({source.year})" if source.year else ""
        lines += [
            f"### `{table.name}`",
            "",
            f"{source.authors}{year}. *{source.title}*. {source.published_in}.",
            "",
            f"- where: {source.where}",
            f"- read in: {source.read_in}",
            "- its words:",
            *(f"    - \u201c{_cell(words)}\u201d" for words in source.wording),
            "",
        ]
    return lines


def definition_table() -> str:
    """The Markdown: each range under each definition (rule and label), then each source."""
    tables = shipped_band_tables()
    header = "| range | " + " | ".join(f"`{t.name}`" for t in tables) + " |"
    lines = [START, "", header, "|---|" + "---|" * len(tables)]
    for band in Band:
        cells = []
        for table in tables:
            row = table.range_of(band)
            cells.append(f"{_rule(row)} mg/day<br>{_cell(row.label)}<br>*({_from(row)})*")
        lines.append(f"| `{band.value}` | " + " | ".join(cells) + " |")
    lines += ["", "## The sources and their words", "", *_sources(tables), END]
    return "\n".join(lines)


def page_table(page: str) -> str:
    """The tables as the page holds them now, markers included."""
    return generated_block(page, START, END)


def main() -> None:
    """Rewrite the tables in docs/definitions.md from the data."""
    page = PAGE.read_text("utf-8")
    PAGE.write_text(page.replace(page_table(page), definition_table()), "utf-8")


if __name__ == "__main__":
    main()
