"""Rich display in Jupyter: an HTML card for a result, a table for a band table, and an
inline SVG of the six ranges on a logarithmic dose axis (no plotting dependency)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING, overload

from ._bands import default_band_table
from ._batch import DoseFailure
from ._format import format_amount
from ._models import VIEWS, DoseClassification

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._bands import BandRange, BandTable
    from ._models import Dose, Statement

# The axis: 1e-4 to 1e3 mg/day, seven decades.
_AXIS_LOW, _AXIS_HIGH = -4.0, 3.0
_WIDTH, _LEFT, _RIGHT = 660, 26, 634
_HEIGHT = 100
_COLOURS = ("#c7e9f1", "#9fd3e6", "#5fb3d9", "#eeeeee", "#f6b26b", "#e06666")
_DISCLAIMER = "This library reports what a review says; it is not dosing advice."
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
    # A black line on a white halo: it stands out on the light bars and, past their ends, on a
    # light or a dark notebook alike.
    line = (
        f'<line class="dose-halo" x1="{x:.1f}" y1="{_BAR_TOP - 4}" x2="{x:.1f}" '
        f'y2="{_BAR_BOTTOM + 4}" stroke="#fff" stroke-width="4"/>'
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
        f'{base:.1f},{middle + 7}" fill="currentColor"/>'
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
        'style="font-family:sans-serif;font-size:10px;max-width:100%;height:auto;'
        'fill:currentColor;color:inherit">'
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
            f'<line x1="{x:.1f}" y1="{_TICK_Y}" x2="{x:.1f}" y2="{_TICK_Y + 5}" stroke="currentColor" stroke-opacity="0.6"/>'
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
                f'y2="{_BAR_TOP - 3}" stroke="currentColor" stroke-width="2"/>'
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
# centres tables and stripes rows) do not restyle the card. Colours of text are the
# notebook's own (inherited) or a shade of it (opacity), so that a dark theme keeps them
# readable; only the bands' fills and the notices' tints are fixed colours.
_TABLE = "margin:6px 0 0 0;border-collapse:collapse;border:none;table-layout:auto"
_ROW = "background:transparent;border:none"
_CELL = (
    "text-align:left;vertical-align:top;padding:2px 10px 2px 0;border:none;"
    "background:transparent;white-space:normal"
)
_BOLD = ";font-weight:bold"
_HEAD = _CELL.replace("white-space:normal", "white-space:nowrap") + _BOLD
_FAINT = "opacity:0.75"
# A notice: a tinted band with a coloured edge, its text in the notebook's colour.
_NOTICE = "margin:6px 0;padding:4px 8px;border-left:4px solid {};background:{}"
_DISCLAIMER_STYLE = _NOTICE.format("#d9822b", "rgba(217,130,43,0.12)")
_WARNING_STYLE = _NOTICE.format("#c0392b", "rgba(192,57,43,0.10)")
# Lists longer than this show their first items and fold the rest under <details>.
_SHOWN = 3


def _cited(statement: Statement) -> str:
    # What it rests on: the review's numbers and evidence kind, the review's own statement, a
    # named source (not the review), or this project's rule. The review's words on hover.
    quoted = f' title="{escape(statement.excerpt)}"' if statement.excerpt else ""
    return (
        f"<span{quoted}>{escape(statement.text)}</span> "
        f'<small style="{_FAINT}">[{escape(statement.citation())}]</small>'
    )


def _list(items: list[str]) -> str:
    return '<ul style="margin:2px 0">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _section(title: str, items: list[str], *, shown: int = _SHOWN) -> str:
    """A titled list: the first ``shown`` items, the rest folded under <details>."""
    if not items:
        return ""
    head = f'<div style="margin-top:8px"><b>{escape(title)}</b> <small style="{_FAINT}">({len(items)})</small>'
    if len(items) <= shown:
        return f"{head}{_list(items)}</div>"
    rest = len(items) - shown
    more = f"{rest} more" if shown else f"show all {len(items)}"
    return (
        f"{head}{_list(items[:shown]) if shown else ''}"
        f'<details style="margin:0 0 0 4px"><summary style="cursor:pointer;{_FAINT}">{more}'
        f"</summary>{_list(items[shown:])}</details></div>"
    )


def _read_parts(dose: Dose) -> list[str]:
    """Each part of the input and the role a rule gave it, as list items."""
    return [
        f"<code>{escape(part.text)}</code>: {escape(part.role)}"
        + (f" <small>({escape(part.meaning)})</small>" if part.meaning else "")
        for part in dose.explanation
    ]


def crossing_in_words(result: DoseClassification) -> str:
    """A range that crosses a band boundary, said in words ("" when it does not cross).

    Examples:
        >>> from naltrexone_dose import classify_dose
        >>> print(crossing_in_words(classify_dose("3-6 mg daily")))
        The range 3-6 mg/day crosses a band boundary: its low end (3 mg/day) is in low, its high end (6 mg/day) in between_low_and_standard. The band shown is the high end's.
    """
    dose_range = result.range
    if dose_range is None or not dose_range.crosses_boundary:
        return ""
    low, high = format_amount(dose_range.low_mg_per_day), format_amount(dose_range.high_mg_per_day)
    return (
        f"The range {low}-{high} mg/day crosses a band boundary: its low end ({low} mg/day) is "
        f"in {dose_range.low_band.value}, its high end ({high} mg/day) in "
        f"{dose_range.high_band.value}. The band shown is the high end's."
    )


def _summary(result: DoseClassification) -> str:
    """The top of the card: band, daily dose, input and basis, what was assumed, a range
    crossing a boundary, warnings, and the disclaimer."""
    dose = result.dose
    printed = " (not a Box 1 band)" if not result.band.in_box1 else " (not in Box 1)"
    if result.box1:
        printed = f" ({escape(result.box1.dose_range)})"
    lines = [
        (
            f'<div style="font-size:1.2em"><b>{escape(result.label)}</b>{printed} '
            f"<code>{escape(result.band.value)}</code> &mdash; <b>{escape(str(dose))}</b></div>"
        ),
        (
            f'<div style="{_FAINT}">input <code>{escape(dose.source[:200])}</code>, '
            f"basis <code>{escape(dose.basis.value)}</code></div>"
        ),
    ]
    if dose.assumptions:
        assumed = "; ".join(escape(a) for a in dose.assumptions)
        lines.append(f"<div><b>Assumed:</b> {assumed}</div>")
    crossing = crossing_in_words(result)
    if crossing:
        lines.append(f'<div class="crossing" style="{_WARNING_STYLE}">{escape(crossing)}</div>')
    if result.neighbours:
        names = ", ".join(escape(band.value) for band in result.neighbours)
        lines.append(f"<div>Outside Box 1; neighbouring Box 1 bands: {names}</div>")
    if result.warnings:
        items = [
            f"<code>{escape(w.written)}</code>: {escape(w.message)} <small style='{_FAINT}'>({escape(w.code.value)})</small>"
            for w in result.warnings
        ]
        lines.append(
            f'<div class="warnings" style="{_WARNING_STYLE}"><b>Written in an error-prone way</b>'
            f"{_list(items)}</div>"
        )
    lines.append(f'<div class="disclaimer" style="{_DISCLAIMER_STYLE}"><b>{_DISCLAIMER}</b></div>')
    return "".join(lines)


def _chart(result: DoseClassification, table: BandTable | None) -> str:
    if table is None:
        return ""
    low = result.range.low_mg_per_day if result.range is not None else None
    depot = result.band.value if result.mg_per_day is None else None
    return ranges_svg(table, result.mg_per_day, low_mg_per_day=low, depot_band=depot)


def _box1(result: DoseClassification) -> str:
    if result.box1 is None:
        return ""
    return (
        f'<table style="{_TABLE}">'
        f"<tr style='{_ROW}'><th style='{_HEAD}'>Mechanism</th>"
        f"<td style='{_CELL}'>{escape(result.box1.mechanism)}</td></tr>"
        f"<tr style='{_ROW}'><th style='{_HEAD}'>Clinical use</th>"
        f"<td style='{_CELL}'>{escape(result.box1.clinical_use)}</td></tr>"
        "</table>"
    )


def _steps(result: DoseClassification) -> list[str]:
    return [
        f"{escape(s.text)}: {escape(format_amount(s.mg_per_day))} mg/day, <code>{escape(s.band.value)}</code>"
        for s in result.steps
    ]


def classification_html(result: DoseClassification, table: BandTable | None) -> str:
    """An HTML card: what matters at a glance on top, the long lists folded below.

    Each section is one call here, top to bottom; a new section (such as named definitions
    of the bands) is one more line in this list.
    """
    own_safety = [_cited(s) for s in result.safety if not s.general]
    sections = [
        _summary(result),
        _chart(result, table),
        _box1(result),
        _section("Safety of this range", own_safety),
        _section("Safety at any dose (general)", [_cited(s) for s in result.safety if s.general]),
        _section("Steps", _steps(result), shown=len(result.steps)),
        _section("Uses", [_cited(s) for s in result.uses]),
        _section("Notes", [_cited(s) for s in result.notes], shown=0),
        _section("How the text was read", _read_parts(result.dose), shown=2 * _SHOWN),
    ]
    return (
        '<div class="naltrexone-dose" style="font-family:sans-serif;border:1px solid '
        'rgba(127,127,127,0.6);border-radius:6px;padding:10px 14px;max-width:680px">'
        f"{''.join(sections)}</div>"
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
        f'<div style="{_FAINT};font-size:0.85em">{escape(table.source)}.</div>'
        f'<div class="disclaimer" style="{_DISCLAIMER_STYLE}"><b>{_DISCLAIMER}</b></div></div>'
    )


def _card(result: DoseClassification) -> str:
    # The card draws the shipped ranges; a result of another table is shown without them.
    table = default_band_table()
    return classification_html(result, table if result.table == table.name else None)


#: One row of a `ResultTable`: a result, a failure, or None for a missing value.
_Row = DoseClassification | DoseFailure | None
_MAX_ROWS = 200
# The input, the daily dose and the notes wrap; the short cells (band, basis, Box 1) do not.
_WRAPPED = {0, 2, 5}
_NOWRAP = _CELL.replace("white-space:normal", "white-space:nowrap")
_NOTES = 5
_WIDE = _CELL + ";min-width:16em"


class ResultTable(Sequence[DoseClassification | DoseFailure | None]):
    """Results of a batch, shown in a notebook as one HTML table (a row each).

    Wrap what `classify_many` returns (a result, a `DoseFailure`, or None for a missing
    value in each row); it is an immutable sequence of those rows. A notebook shows the first
    200 rows and says how many more there are.

    Examples:
        >>> from naltrexone_dose import classify_many
        >>> rows = ResultTable(classify_many(["4.5 mg", "4,5 mg", "3-6 mg daily"], errors="collect"))
        >>> len(rows), rows[0].band.value if isinstance(rows[0], DoseClassification) else None
        (3, 'low')
        >>> "<table" in rows._repr_html_()
        True
    """

    __slots__ = ("_rows",)

    def __init__(self, results: Iterable[DoseClassification | DoseFailure | None]) -> None:
        self._rows: tuple[_Row, ...] = tuple(results)

    @overload
    def __getitem__(self, index: int) -> _Row: ...
    @overload
    def __getitem__(self, index: slice) -> ResultTable: ...
    def __getitem__(self, index: int | slice) -> _Row | ResultTable:
        if isinstance(index, slice):
            return ResultTable(self._rows[index])
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"ResultTable({len(self._rows)} rows)"

    def _repr_html_(self) -> str:
        """The rows as an HTML table: band, daily dose, basis, Box 1 range, and notes."""
        return results_html(self._rows)


def _result_cells(row: _Row) -> tuple[str, str, str, str, str, str]:
    """input, band, daily dose, basis, Box 1, notes: escaped HTML."""
    if row is None:
        return "", "", "", "", "", "<i>missing</i>"
    if isinstance(row, DoseFailure):
        note = f"<b>refused</b> <code>{escape(row.reason.value)}</code>: {escape(row.message)}"
        return escape(row.source), "&mdash;", "", "", "", note
    notes = []
    if row.range is not None and row.range.crosses_boundary:
        notes.append(f"range crosses a boundary: its low end is in {row.range.low_band.value}")
    if row.neighbours:
        notes.append("outside Box 1")
    if row.steps:
        notes.append(f"{len(row.steps)} steps; the last decides")
    notes += [f"warning <code>{escape(w.code.value)}</code>" for w in row.warnings]
    box1 = escape(row.box1.dose_range) if row.box1 else "not in Box 1"
    return (
        escape(row.dose.source),
        f"<code>{escape(row.band.value)}</code>",
        escape(str(row.dose)),
        escape(row.dose.basis.value.replace("_", " ")),
        box1,
        "; ".join(notes),
    )


def results_html(rows: Sequence[_Row]) -> str:
    """A list of results as one HTML table, with the disclaimer above it."""
    header = "".join(
        f"<th style='{_HEAD}'>{name}</th>"
        for name in ("#", "input", "band", "daily dose", "basis", "Box 1", "notes")
    )
    body = "".join(
        f"<tr style='{_ROW}'><td style='{_CELL}'>{number}</td>"
        + "".join(
            f"<td style='{_WIDE if column == _NOTES else _CELL if column in _WRAPPED else _NOWRAP}'>"
            f"{cell}</td>"
            for column, cell in enumerate(_result_cells(row))
        )
        + "</tr>"
        for number, row in enumerate(rows[:_MAX_ROWS], start=1)
    )
    more = len(rows) - _MAX_ROWS
    hidden = f'<div style="{_FAINT}">{more:,} more rows not shown</div>' if more > 0 else ""
    return (
        '<div class="naltrexone-dose" style="font-family:sans-serif;overflow-x:auto">'
        f'<div class="disclaimer" style="{_DISCLAIMER_STYLE}"><b>{_DISCLAIMER}</b></div>'
        f'<table style="{_TABLE}"><tr style="{_ROW}">{header}</tr>{body}</table>{hidden}</div>'
    )


VIEWS["classification_html"] = _card
VIEWS["table_html"] = table_html
