"""Rich display in Jupyter: an HTML card for a result, a table for a band table, and an
inline SVG of the six ranges on a logarithmic dose axis (no plotting dependency)."""

from __future__ import annotations

import math
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING

from ._bands import shipped_band_tables
from ._definitions import across_definitions
from ._format import format_amount
from ._models import VIEWS

if TYPE_CHECKING:
    from ._bands import BandRange, BandTable
    from ._models import Dose, DoseClassification, Statement

# The axis: 1e-4 to 1e3 mg/day, seven decades.
_AXIS_LOW, _AXIS_HIGH = -4.0, 3.0
_WIDTH, _LEFT, _RIGHT = 660, 26, 634
_HEIGHT = 100
_COLOURS = ("#c7e9f1", "#9fd3e6", "#5fb3d9", "#eeeeee", "#f6b26b", "#e06666")
_DISCLAIMER = "This library reports what a review says; it is not dosing advice."
_FINDINGS = "Mechanisms and other findings (not uses)"
_GENERAL = "Said of naltrexone in general, not of this range"
# Rows of the chart, top to bottom: the dose's label, the bars (which the marker crosses and
# nothing else), the bands' names, the ticks and their numbers, the axis' name.
_LABEL_Y, _BAR_TOP, _BAR_BOTTOM, _NAME_Y, _TICK_Y, _AXIS_NAME_Y = 12, 20, 44, 57, 62, 96
_SHORT_NAMES = {"between_low_and_standard": "between", "above_standard": "above"}
_CHAR_WIDTH = 5.6  # an average glyph of 10px sans-serif, to keep labels inside the chart


def _position(mg: float) -> float:
    """Where a dose falls on the axis, 0 to 1; below 0 or above 1 when off the scale."""
    return (math.log10(mg) - _AXIS_LOW) / (_AXIS_HIGH - _AXIS_LOW)


def _x(mg: float) -> float:
    return _LEFT + max(0.0, min(1.0, _position(mg))) * (_RIGHT - _LEFT)


def _edge(value: Fraction | None, default: float) -> float:
    return default if value is None or value == 0 else float(value)


def _text(x: float, y: float, text: str, **attributes: str) -> str:
    """A label whose anchor keeps it inside the chart, near the edges as in the middle."""
    half = len(text) * _CHAR_WIDTH / 2
    anchor, at = "middle", x
    if x - half < 2:
        anchor, at = "start", max(x - 4, 2.0)
    elif x + half > _WIDTH - 2:
        anchor, at = "end", min(x + 4, _WIDTH - 2.0)
    # class_ is class; font_weight is font-weight.
    extra = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{value}"' for name, value in attributes.items()
    )
    return f'<text x="{at:.1f}" y="{y}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _marker(mg: Fraction) -> tuple[float, str]:
    """A dose's line across the bars, with an arrow and a word if it is off the scale."""
    position = _position(float(mg))
    x = _x(float(mg))
    line = (
        f'<line class="dose-marker" x1="{x:.1f}" y1="{_BAR_TOP - 3}" x2="{x:.1f}" '
        f'y2="{_BAR_BOTTOM + 3}" stroke="#000" stroke-width="2"/>'
    )
    if 0 <= position <= 1:
        return x, line
    # Off the scale: an arrow at the edge, pointing the way the dose lies.
    step = -1 if position < 0 else 1
    tip, base = x + 9 * step, x + 1 * step
    middle = (_BAR_TOP + _BAR_BOTTOM) / 2
    arrow = (
        f'<polygon class="off-scale" points="{tip:.1f},{middle} {base:.1f},{middle - 7} '
        f'{base:.1f},{middle + 7}" fill="#000"/>'
    )
    return x, line + arrow


def ranges_svg(
    table: BandTable,
    mg_per_day: Fraction | None = None,
    *,
    low_mg_per_day: Fraction | None = None,
    depot_band: str | None = None,
) -> str:
    """The six ranges on a log axis, with the dose (or both ends of a range) marked.

    A dose off the axis (below 0.0001 or above 1000 mg/day) is drawn at the edge with an
    arrow and "off scale" in its label; ``depot_band`` outlines the band of a depot injection,
    which has no daily dose to mark.
    """
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{_HEIGHT}" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" aria-label="dose ranges on a log axis" '
        'style="font-family:sans-serif;font-size:10px;max-width:100%;height:auto">'
    )
    parts = [opening]
    for index, row in enumerate(table.ranges):
        start = _x(_edge(row.lower, 10**_AXIS_LOW))
        end = _x(_edge(row.upper, 10**_AXIS_HIGH))
        outline = ' stroke="#000" stroke-width="2"' if row.band.value == depot_band else ""
        parts.append(
            f'<rect x="{start:.1f}" y="{_BAR_TOP}" width="{max(end - start, 1):.1f}" '
            f'height="{_BAR_BOTTOM - _BAR_TOP}" fill="{_COLOURS[index % len(_COLOURS)]}"'
            f"{outline}><title>{escape(row.label)}</title></rect>"
        )
        name = _SHORT_NAMES.get(row.band.value, row.band.value.replace("_", " "))
        parts.append(_text((start + end) / 2, _NAME_Y, name, class_="band-name"))
    for decade in range(int(_AXIS_LOW), int(_AXIS_HIGH) + 1):
        x = _x(10.0**decade)
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TICK_Y}" x2="{x:.1f}" y2="{_TICK_Y + 5}" stroke="#555"/>'
        )
        tick = format_amount(Fraction(10) ** decade)
        parts.append(f'<text x="{x:.1f}" y="{_TICK_Y + 16}" text-anchor="middle">{tick}</text>')
    parts.append(
        f'<text x="{_RIGHT}" y="{_AXIS_NAME_Y}" text-anchor="end">mg/day (log scale)</text>'
    )
    if mg_per_day is not None:
        x, marker = _marker(mg_per_day)
        parts.append(marker)
        label = f"{format_amount(mg_per_day)} mg/day"
        if low_mg_per_day is not None:
            low_x, low_marker = _marker(low_mg_per_day)
            parts.append(low_marker)
            parts.append(
                f'<line class="dose-range" x1="{low_x:.1f}" y1="{_BAR_TOP - 3}" x2="{x:.1f}" '
                f'y2="{_BAR_TOP - 3}" stroke="#000" stroke-width="2"/>'
            )
            label = f"{format_amount(low_mg_per_day)}-{label}"
            x = (low_x + x) / 2
        if not 0 <= _position(float(mg_per_day)) <= 1 or (
            low_mg_per_day is not None and not 0 <= _position(float(low_mg_per_day)) <= 1
        ):
            label += " (off scale)"
        parts.append(_text(x, _LABEL_Y, label, font_weight="bold", class_="dose-label"))
    elif depot_band is not None:
        row = next(row for row in table.ranges if row.band.value == depot_band)
        middle = (_x(_edge(row.lower, 10**_AXIS_LOW)) + _x(_edge(row.upper, 10**_AXIS_HIGH))) / 2
        parts.append(
            _text(middle, _LABEL_Y, "depot: no daily dose", font_weight="bold", class_="dose-label")
        )
    parts.append("</svg>")
    return "".join(parts)


# Inline styles, so that a notebook's own table styles (JupyterLab right-aligns cells,
# centres tables and stripes rows) do not restyle the card.
_TABLE = "margin:6px 0 0 0;border-collapse:collapse;border:none;table-layout:auto"
_ROW = "background:transparent;border:none"
_CELL = (
    "text-align:left;vertical-align:top;padding:2px 10px 2px 0;border:none;"
    "background:transparent;white-space:normal"
)
_BOLD = ";font-weight:bold"
_HEAD = _CELL.replace("white-space:normal", "white-space:nowrap") + _BOLD


def _cited(statement: Statement) -> str:
    # What it rests on: the review's numbers and evidence kind, the review's own statement, a
    # named source (not the review), or this project's rule. The review's words on hover.
    # A caveat is printed under what it qualifies (the data keeps it right after it); a flag
    # (a miscitation or error of the review, an unchecked label fact) shows its note.
    quoted = f' title="{escape(statement.excerpt)}"' if statement.excerpt else ""
    caveat = "&#8627; " if statement.qualifies else ""
    flag = (
        f'<br><small style="color:#a33">{escape(statement.flag_note)}</small>'
        if statement.flag
        else ""
    )
    return (
        f"{caveat}<span{quoted}>{escape(statement.text)}</span> "
        f'<small style="color:#555">[{escape(statement.citation())}]</small>{flag}'
    )


def _section(title: str, items: list[str]) -> str:
    if not items:
        return ""
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f'<div style="margin-top:8px"><b>{escape(title)}</b><ul style="margin:2px 0">{listed}</ul></div>'


def _read_parts(dose: Dose) -> list[str]:
    """Each part of the input and the role a rule gave it, as list items."""
    return [
        f"<code>{escape(part.text)}</code>: {escape(part.role)}"
        + (f" <small>({escape(part.meaning)})</small>" if part.meaning else "")
        for part in dose.explanation
    ]


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
            f'<table style="{_TABLE}">'
            f"<caption style='text-align:left;color:#444;white-space:nowrap'>Box 1 of the review, as it prints "
            f"this row ({escape(result.box1.dose_range)})</caption>"
            f"<tr style='{_ROW}'><th style='{_HEAD}'>Mechanism (Box 1)</th>"
            f"<td style='{_CELL}'>{escape(result.box1.mechanism)}</td></tr>"
            f"<tr style='{_ROW}'><th style='{_HEAD}'>Clinical use (Box 1)</th>"
            f"<td style='{_CELL}'>{escape(result.box1.clinical_use)}</td></tr>"
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
    chart = ""
    if table is not None:
        low = result.range.low_mg_per_day if result.range is not None else None
        depot = result.band.value if result.mg_per_day is None else None
        chart = ranges_svg(table, result.mg_per_day, low_mg_per_day=low, depot_band=depot)
    return (
        '<div class="naltrexone-dose" style="font-family:sans-serif;border:1px solid #bbb;'
        'border-radius:6px;padding:10px 14px;max-width:680px">'
        f"{head}{chart}{box1}{neighbours}"
        f"{_section('How the text was read', _read_parts(dose))}"
        f"{_section('Uses', [_cited(s) for s in result.uses])}"
        f"{_section(_FINDINGS, [_cited(s) for s in result.findings])}"
        f"{_section('Safety', [_cited(s) for s in result.safety if not s.general])}"
        f"{_section(_GENERAL, [_cited(s) for s in result.safety if s.general])}"
        f"{_section('Notes', [_cited(s) for s in result.notes])}"
        f"{definitions_html(result)}"
        f"{_section('Steps', steps)}"
        f"{_section('Assumed', [escape(a) for a in dose.assumptions])}"
        f"{_section('Warnings', warnings)}"
        f'<div style="color:#777;font-size:0.85em;margin-top:6px">{_DISCLAIMER}</div></div>'
    )


def definitions_html(result: DoseClassification) -> str:
    """The dose under every shipped definition: a row per band table, its range and the
    boundary that decides it (a section of its own; empty for the depot, which has no daily
    dose)."""
    if result.mg_per_day is None:
        return ""
    rows = across_definitions(result.mg_per_day, "mg/day")
    cells = "".join(
        f"<tr style='{_ROW}'><td style='{_CELL}'><code>{escape(row.table)}</code></td>"
        f"<td style='{_CELL}'><code>{escape(row.band.value)}</code></td>"
        f"<td style='{_CELL}'>{escape(row.label)}</td>"
        f"<td style='{_CELL}'>{escape(row.deciding_edge)}</td></tr>"
        for row in rows
    )
    header = "".join(
        f"<th style='{_HEAD}'>{name}</th>"
        for name in ("definition", "range", "in its words", "the boundary that decides")
    )
    return (
        '<div class="definitions" style="margin-top:8px"><b>Under each definition of '
        "low-dose naltrexone</b> <small>(the same daily dose; see the definitions "
        f'page for each source)</small><table style="{_TABLE}"><tr style="{_ROW}">{header}'
        f"</tr>{cells}</table></div>"
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
        f"<tr style='{_ROW}'><td style='{_CELL}'><code>{escape(row.band.value)}</code></td>"
        f"<td style='{_HEAD.replace(_BOLD, '')}'>{_rule(row)}</td>"
        f"<td style='{_HEAD.replace(_BOLD, '')}'>{escape(row.box1.dose_range) if row.box1 else '&mdash;'}</td>"
        f"<td style='{_CELL}'>{escape(row.box1.mechanism) if row.box1 else escape(row.notes[0].text) if row.notes else ''}</td>"
        f"<td style='{_CELL}'>{escape(row.box1.clinical_use) if row.box1 else ''}</td></tr>"
        for row in table.ranges
    )
    header = "".join(
        f"<th style='{_HEAD}'>{name}</th>"
        for name in ("band", "rule (mg/day)", "Box 1", "mechanism", "clinical use")
    )
    return (
        '<div class="naltrexone-dose" style="font-family:sans-serif;max-width:900px">'
        f"<b>{escape(table.title)}</b> <small>({escape(table.name)})</small>"
        f"{ranges_svg(table)}"
        f'<table style="{_TABLE}"><tr style="{_ROW}">{header}</tr>{rows}</table>'
        f'<div style="color:#777;font-size:0.85em">{escape(table.source)}. {_DISCLAIMER}</div></div>'
    )


def _card(result: DoseClassification) -> str:
    # The card draws the ranges of the shipped table it names; a table of the caller's own is
    # not at hand here, so its result is shown without them.
    shipped = {table.name: table for table in shipped_band_tables()}
    return classification_html(result, shipped.get(result.table))


VIEWS["classification_html"] = _card
VIEWS["table_html"] = table_html
