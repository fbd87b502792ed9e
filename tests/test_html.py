"""Rich display: the HTML card and table, escaped, with the ranges drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from naltrexone_dose import BandTable, ResultTable, classify_dose, classify_many, default_band_table

SVG = re.compile(r"<svg.*?</svg>", re.DOTALL)


def test_the_card_shows_band_dose_mechanism_uses_and_warnings() -> None:
    html = classify_dose("LDN 4.5mg qhs")._repr_html_()
    assert "<b>Low-dose</b> (1-5 mg)" in html
    assert "4.5 mg/day" in html
    assert "Toll-like receptor 4 antagonism" in html
    assert "[11; register or retrospective study]" in html
    assert "half-strength" in html  # the hs warning
    assert "not dosing advice" in html


def test_the_card_draws_six_ranges_and_marks_the_dose() -> None:
    html = classify_dose("50 mg")._repr_html_()
    svg = ET.fromstring(SVG.search(html).group())  # type: ignore[union-attr]  # well-formed
    namespace = "{http://www.w3.org/2000/svg}"
    assert len(svg.findall(f"{namespace}rect")) == 6
    marker = [
        line for line in svg.findall(f"{namespace}line") if line.get("class") == "dose-marker"
    ]
    assert len(marker) == 1
    standard = svg.findall(f"{namespace}rect")[4]
    x = float(marker[0].get("x1", "0"))
    assert (
        float(standard.get("x", "0"))
        <= x
        <= float(standard.get("x", "0")) + float(standard.get("width", "0"))
    )


def test_input_text_is_escaped() -> None:
    result = classify_dose("4.5 mg")
    hostile = result.dose.model_copy(update={"source": "<script>alert(1)</script> 4.5 mg"})
    html = result.model_copy(update={"dose": hostile})._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_outside_box1_the_card_names_the_neighbours_and_steps() -> None:
    html = classify_dose("25 mg daily for 3 days, then 50 mg daily")._repr_html_()
    assert "Steps" in html
    between = classify_dose("25 mg")._repr_html_()
    assert "not a Box 1 band" in between
    assert "neighbouring Box 1 bands: low, standard" in between


def test_a_result_from_another_table_is_shown_without_the_default_ranges() -> None:
    result = classify_dose("4.5 mg").model_copy(update={"table": "custom"})
    assert "<svg" not in result._repr_html_()


def test_the_band_table_renders_every_range() -> None:
    table: BandTable = default_band_table()
    html = table._repr_html_()
    for row in table.ranges:
        assert f"<code>{row.band.value}</code>" in html
    assert "1 &le; d &le; 5" in html
    assert "0 &lt; d &lt; 0.001" in html


def test_the_plain_repr_stays_short() -> None:
    text = repr(classify_dose("LDN 4.5 mg at bedtime"))
    assert (
        text
        == "DoseClassification(band='low', mg_per_day=Fraction(9, 2), source='LDN 4.5 mg at bedtime')"
    )


def test_the_card_separates_uses_safety_and_notes_and_is_not_dosing_advice() -> None:
    html = classify_dose("4.5 mg")._repr_html_()
    safety, general = (
        html.index("<b>Safety of this range</b>"),
        html.index("<b>Safety at any dose (general)</b>"),
    )
    uses, notes = html.index("<b>Uses</b>"), html.index("<b>Notes</b>")
    assert safety < general < uses < notes
    assert "Naltrexone is hepatotoxic" in html[general:uses]
    assert "[15; trial protocol]" in html[uses:notes]
    assert "the review&#x27;s own statement, no reference" in html
    assert "This library reports what a review says; it is not dosing advice." in html


def test_what_matters_is_at_the_top_before_the_chart() -> None:
    html = classify_dose("LDN 1.0 mg").model_copy()._repr_html_()
    chart_at = html.index("<svg")
    for needed in ("<b>Low-dose</b>", "1 mg/day", "Assumed:", "trailing zero",
                   "not dosing advice"):  # fmt: skip
        assert html.index(needed) < chart_at, needed
    assert html.index("<b>Safety of this range</b>") < html.index("<b>Uses</b>")


def test_long_lists_are_folded_and_counted() -> None:
    html = classify_dose("4.5 mg")._repr_html_()
    uses = html[html.index("<b>Uses</b>") : html.index("<b>Notes</b>")]
    assert "<details" in uses
    count = len(classify_dose("4.5 mg").uses)
    assert f"({count})" in uses
    assert f"{count - 3} more</summary>" in uses
    read = html[html.index("<b>How the text was read</b>") :]
    assert "<summary" not in read  # a short list stays open: the reading is checked at a glance
    notes = html[html.index("<b>Notes</b>") : html.index("<b>How the text was read</b>")]
    assert "show all" in notes


def test_the_card_survives_a_dark_theme() -> None:
    html = classify_dose("1.5-6 mg")._repr_html_()
    assert not re.search(r"(?<!-)color:#", html)  # text takes the notebook's colour
    svg = SVG.search(html)
    assert svg is not None
    assert "fill:currentColor" in svg.group()
    assert 'fill="#000"' not in svg.group()
    svg_root = ET.fromstring(svg.group())
    for text in svg_root.iter(f"{NS}text"):
        assert text.get("fill") is None  # inherits currentColor from the chart
    assert 'stroke="#555"' not in svg.group()


def test_a_range_across_a_boundary_is_said_in_words() -> None:
    html = classify_dose("3-6 mg daily")._repr_html_()
    assert (
        "The range 3-6 mg/day crosses a band boundary: its low end (3 mg/day) is in low, its "
        "high end (6 mg/day) in between_low_and_standard." in html
    )
    assert "crosses a band boundary" not in classify_dose("1.5-4.5 mg")._repr_html_()


def test_a_card_outside_box1_still_shows_the_safety_at_any_dose() -> None:
    html = classify_dose("20 mg/day")._repr_html_()
    assert "<b>Uses</b>" not in html
    assert "<b>Safety at any dose (general)</b>" in html
    assert "liver chemistries must be monitored" in html
    assert "this project&#x27;s rule, not the review&#x27;s" in html


def test_the_depot_card_has_no_box1_row_and_names_the_label() -> None:
    html = classify_dose("Vivitrol 380 mg IM q4wk")._repr_html_()
    assert "(not in Box 1)" in html
    assert "Mechanism" not in html
    assert "(not from the review)" in html


def test_the_card_holds_the_review_s_words_on_hover() -> None:
    html = classify_dose("4.5 mg")._repr_html_()
    assert 'title="LDN costs roughly $35 per month' in html


def test_the_depots_repr_shows_no_text_under_mg_per_day() -> None:
    depot = classify_dose("Vivitrol 380 mg IM q4wk")
    assert depot.mg_per_day is None
    assert "mg_per_day=None" in repr(depot)
    assert "every 28 days" not in repr(depot)


NS = "{http://www.w3.org/2000/svg}"


def chart(dose: str) -> ET.Element:
    html = classify_dose(dose)._repr_html_()
    found = SVG.search(html)
    assert found is not None
    return ET.fromstring(found.group())


def text_box(text: ET.Element) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) of a 10px label, from its anchor and length."""
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    width = len(text.text or "") * 5.6
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor", "start")]
    return left, left + width, y - 10, y + 2


def marker_lines(svg: ET.Element) -> list[ET.Element]:
    return [line for line in svg.iter(f"{NS}line") if line.get("class") == "dose-marker"]


def test_every_band_has_a_name_on_the_chart_the_standard_band_too() -> None:
    names = [t.text for t in chart("4.5 mg").iter(f"{NS}text") if t.get("class") == "band-name"]
    assert names == ["ultra low", "very low", "low", "between", "standard", "above"]


@pytest.mark.parametrize(
    "dose", ["0.5 mcg", "0.0001 mg", "0.001 mg", "4.5 mg", "25 mg", "50 mg", "100 mg",
             "700 mg", "1.5-4.5 mg", "3-6 mg daily", "4.5 g", "0.01 ng"],
)  # fmt: skip
def test_the_marker_crosses_no_label_and_labels_do_not_overlap(dose: str) -> None:
    svg = chart(dose)
    texts = [text_box(t) for t in svg.iter(f"{NS}text")]
    for line in marker_lines(svg):
        x = float(line.get("x1", "0"))
        top, bottom = float(line.get("y1", "0")), float(line.get("y2", "0"))
        for left, right, text_top, text_bottom in texts:
            assert not (left <= x <= right and top < text_bottom and text_top < bottom), dose
    labels = [t for t in svg.iter(f"{NS}text") if t.get("class") in {"band-name", "dose-label"}]
    boxes = [text_box(t) for t in labels]
    for k, a in enumerate(boxes):
        assert a[0] >= 0, (dose, labels[k].text)
        assert a[1] <= 660, (dose, labels[k].text)
        for b in boxes[k + 1 :]:
            assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]), dose


def test_a_range_marks_both_ends() -> None:
    svg = chart("1.5-4.5 mg")
    xs = sorted(float(line.get("x1", "0")) for line in marker_lines(svg))
    assert len(xs) == 2
    assert xs[0] < xs[1]
    label = next(t for t in svg.iter(f"{NS}text") if t.get("class") == "dose-label")
    assert label.text == "1.5-4.5 mg/day"


@pytest.mark.parametrize("dose", ["4.5 g", "0.01 ng"])
def test_an_off_scale_dose_says_so_with_an_arrow(dose: str) -> None:
    svg = chart(dose)
    assert [p.get("class") for p in svg.iter(f"{NS}polygon")] == ["off-scale"]
    label = next(t for t in svg.iter(f"{NS}text") if t.get("class") == "dose-label")
    assert (label.text or "").endswith("(off scale)")
    on_scale = chart("4.5 mg")
    assert list(on_scale.iter(f"{NS}polygon")) == []


def test_the_depot_outlines_its_band_and_marks_no_daily_dose() -> None:
    svg = chart("Vivitrol 380 mg IM q4wk")
    assert marker_lines(svg) == []
    outlined = [rect for rect in svg.iter(f"{NS}rect") if rect.get("stroke")]
    assert len(outlined) == 1
    assert outlined[0].findtext(f"{NS}title") == "Standard"
    label = next(t for t in svg.iter(f"{NS}text") if t.get("class") == "dose-label")
    assert label.text == "depot: no daily dose"


def test_tables_carry_inline_styles_that_a_notebooks_css_cannot_override() -> None:
    for html in (classify_dose("4.5 mg")._repr_html_(), default_band_table()._repr_html_()):
        cells = re.findall(r"<t[dh] style='([^']*)'", html)
        assert cells
        assert all("text-align:left" in cell and "background:transparent" in cell for cell in cells)
        assert all(
            "background:transparent" in row for row in re.findall(r"<tr style='([^']*)'", html)
        )
        assert all("margin:" in table for table in re.findall(r'<table style="([^"]*)"', html))


def test_a_list_of_results_shows_as_one_table() -> None:
    rows = ResultTable(
        [*classify_many(["4.5 mg", "4,5 mg", "3-6 mg daily", "1.0 mg"], errors="collect"), None]
    )
    html = rows._repr_html_()
    body = html[html.index("</th></tr>") :]
    assert body.count("<tr ") == 5
    assert "<code>low</code>" in body
    assert "<b>refused</b> <code>decimal_comma</code>" in body
    assert "range crosses a boundary: its low end is in low" in body
    assert "warning <code>trailing_zero</code>" in body
    assert "<i>missing</i>" in body
    assert html.index("not dosing advice") < html.index("<table")
    assert len(rows) == 5
    assert isinstance(rows[1:3], ResultTable)
    assert len(rows[1:3]) == 2
    assert repr(rows) == "ResultTable(5 rows)"


def test_a_long_list_shows_its_first_rows_and_counts_the_rest() -> None:
    html = ResultTable(classify_many(["4.5 mg"] * 250))._repr_html_()
    assert html.count("<tr ") == 201
    assert "50 more rows not shown" in html
