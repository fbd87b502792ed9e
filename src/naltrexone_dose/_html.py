"""Rich display in Jupyter: an HTML card for a result, a table for a band table, and an
inline SVG of the six ranges on a logarithmic dose axis (no plotting dependency)."""

from __future__ import annotations

import math
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING

from ._bands import default_band_table
from ._format import format_amount
from ._models import VIEWS

if TYPE_CHECKING:
    from ._bands import BandRange, BandTable
    from ._models import DoseClassification, Statement

# The axis: 1e-4 to 1e3 mg/day, seven decades.
_AXIS_LOW, _AXIS_HIGH = -4.0, 3.0
_WIDTH, _LEFT, _RIGHT = 660, 26, 634
_COLOURS = ("#c7e9f1", "#9fd3e6", "#5fb3d9", "#eeeeee", "#f6b26b", "#e06666")
_DISCLAIMER = "This library reports what a review says; it is not dosing advice."


def _x(mg: float) -> float:
    position = (math.log10(mg) - _AXIS_LOW) / (_AXIS_HIGH - _AXIS_LOW)
    return _LEFT + max(0.0, min(1.0, position)) * (_RIGHT - _LEFT)


def _edge(value: Fraction | None, default: float) -> float:
    return default if value is None or value == 0 else float(value)


def ranges_svg(table: BandTable, mg_per_day: Fraction | None = None) -> str:
    """The six ranges on a log axis, with the dose marked when one is given."""
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="86" '
        f'viewBox="0 0 {_WIDTH} 86" role="img" aria-label="dose ranges on a log axis" '
        'style="font-family:sans-serif;font-size:10px">'
    )
    parts = [opening]
    for index, row in enumerate(table.ranges):
        start = _x(_edge(row.lower, 10**_AXIS_LOW))
        end = _x(_edge(row.upper, 10**_AXIS_HIGH))
        parts.append(
            f'<rect x="{start:.1f}" y="18" width="{max(end - start, 1):.1f}" height="26" '
            f'fill="{_COLOURS[index % len(_COLOURS)]}"><title>{escape(row.label)}</title></rect>'
        )
        if end - start > 40:
            label = escape(
                row.band.value.replace("_", " ").replace("between low and standard", "between")
            )
            parts.append(
                f'<text x="{(start + end) / 2:.1f}" y="35" text-anchor="middle">{label}</text>'
            )
    for decade in range(int(_AXIS_LOW), int(_AXIS_HIGH) + 1):
        x = _x(10.0**decade)
        parts.append(f'<line x1="{x:.1f}" y1="44" x2="{x:.1f}" y2="49" stroke="#555"/>')
        tick = format_amount(Fraction(10) ** decade)
        parts.append(f'<text x="{x:.1f}" y="60" text-anchor="middle">{tick}</text>')
    parts.append(f'<text x="{_RIGHT}" y="76" text-anchor="end">mg/day (log scale)</text>')
    if mg_per_day is not None:
        x = _x(float(mg_per_day))
        parts.append(
            f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="48" stroke="#000" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="9" text-anchor="middle" font-weight="bold">'
            f"{escape(format_amount(mg_per_day))} mg/day</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _cited(statement: Statement) -> str:
    # What it rests on: the review's numbers and evidence kind, the review's own statement, a
    # named source (not the review), or this project's rule. The review's words on hover.
    quoted = f' title="{escape(statement.excerpt)}"' if statement.excerpt else ""
    return (
        f"<span{quoted}>{escape(statement.text)}</span> "
        f'<small style="color:#555">[{escape(statement.citation())}]</small>'
    )


def _section(title: str, items: list[str]) -> str:
    if not items:
        return ""
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f'<div style="margin-top:8px"><b>{escape(title)}</b><ul style="margin:2px 0">{listed}</ul></div>'


def classification_html(result: DoseClassification, table: BandTable | None) -> str:
    """An HTML card: band, daily dose, Box 1 row, uses, safety, notes, warnings."""
    dose = result.dose
    printed = " (not a Box 1 band)" if not result.band.in_box1 else " (not in Box 1)"
    if result.box1:
        printed = f" ({escape(result.box1.dose_range)})"
    head = (
        f'<div style="font-size:1.15em"><b>{escape(result.label)}</b>{printed} '
        f"<code>{escape(result.band.value)}</code> &mdash; {escape(str(dose))}</div>"
        f'<div style="color:#444">input <code>{escape(dose.source[:200])}</code>, '
        f"basis <code>{escape(dose.basis.value)}</code></div>"
    )
    box1 = ""
    if result.box1 is not None:
        box1 = (
            '<table style="margin-top:6px;border-collapse:collapse">'
            f"<tr><th style='text-align:left;padding-right:8px'>Mechanism</th><td>{escape(result.box1.mechanism)}</td></tr>"
            f"<tr><th style='text-align:left;padding-right:8px'>Clinical use</th><td>{escape(result.box1.clinical_use)}</td></tr>"
            "</table>"
        )
    neighbours = ""
    if result.neighbours:
        names = ", ".join(escape(band.value) for band in result.neighbours)
        neighbours = f"<div>Neighbouring Box 1 bands: {names}</div>"
    warnings = [f"<code>{escape(w.written)}</code>: {escape(w.message)}" for w in result.warnings]
    steps = [
        f"{escape(s.text)}: {escape(format_amount(s.mg_per_day))} mg/day, <code>{escape(s.band.value)}</code>"
        for s in result.steps
    ]
    marker = result.mg_per_day
    if result.range is not None:
        marker = result.range.high_mg_per_day
    return (
        '<div class="naltrexone-dose" style="font-family:sans-serif;border:1px solid #bbb;'
        'border-radius:6px;padding:10px 14px;max-width:680px">'
        f"{head}{ranges_svg(table, marker) if table is not None else ''}{box1}{neighbours}"
        f"{_section('Uses', [_cited(s) for s in result.uses])}"
        f"{_section('Safety', [_cited(s) for s in result.safety if not s.general])}"
        f"{_section('Safety at any dose (general)', [_cited(s) for s in result.safety if s.general])}"
        f"{_section('Notes', [_cited(s) for s in result.notes])}"
        f"{_section('Steps', steps)}"
        f"{_section('Assumed', [escape(a) for a in dose.assumptions])}"
        f"{_section('Warnings', warnings)}"
        f'<div style="color:#777;font-size:0.85em;margin-top:6px">{_DISCLAIMER}</div></div>'
    )


def _rule(row: BandRange) -> str:
    lower = ("&le; " if row.lower_inclusive else "&lt; ") if row.lower else ""
    text = f"{format_amount(row.lower)} {lower}d" if row.lower else "0 &lt; d"
    if row.upper is not None:
        text += (" &le; " if row.upper_inclusive else " &lt; ") + format_amount(row.upper)
    return text


def table_html(table: BandTable) -> str:
    """The band table: rule, Box 1 row and counts of statements, with the ranges drawn."""
    rows = "".join(
        f"<tr><td><code>{escape(row.band.value)}</code></td><td>{_rule(row)}</td>"
        f"<td>{escape(row.box1.dose_range) if row.box1 else '&mdash;'}</td>"
        f"<td>{escape(row.box1.mechanism) if row.box1 else escape(row.notes[0].text) if row.notes else ''}</td>"
        f"<td>{escape(row.box1.clinical_use) if row.box1 else ''}</td></tr>"
        for row in table.ranges
    )
    return (
        '<div class="naltrexone-dose" style="font-family:sans-serif;max-width:900px">'
        f"<b>{escape(table.title)}</b> <small>({escape(table.name)})</small>"
        f"{ranges_svg(table)}"
        "<table><tr><th>band</th><th>rule (mg/day)</th><th>Box 1</th><th>mechanism</th>"
        f"<th>clinical use</th></tr>{rows}</table>"
        f'<div style="color:#777;font-size:0.85em">{escape(table.source)}. {_DISCLAIMER}</div></div>'
    )


def _card(result: DoseClassification) -> str:
    # The card draws the shipped ranges; a result of another table is shown without them.
    table = default_band_table()
    return classification_html(result, table if result.table == table.name else None)


VIEWS["classification_html"] = _card
VIEWS["table_html"] = table_html
