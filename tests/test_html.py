"""Rich display: the HTML card and table, escaped, with the ranges drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from naltrexone_dose import BandTable, classify_dose, default_band_table

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
    marker = [line for line in svg.findall(f"{namespace}line") if line.get("stroke-width") == "2"]
    assert len(marker) == 1
    standard = svg.findall(f"{namespace}rect")[4]
    x = float(marker[0].get("x1", "0"))
    assert (
        float(standard.get("x", "0"))
        <= x
        <= float(standard.get("x", "0")) + float(standard.get("width", "0"))
    )


def test_input_text_is_escaped() -> None:
    html = classify_dose("<script>alert(1)</script> 4.5 mg")._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_outside_box1_the_card_names_the_neighbours_and_steps() -> None:
    html = classify_dose("25 mg daily for 3 days, then 50 mg daily")._repr_html_()
    assert "Steps" in html
    between = classify_dose("25 mg")._repr_html_()
    assert "not a Box 1 band" in between
    assert "Neighbouring Box 1 bands: low, standard" in between


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


def test_the_depots_repr_shows_no_text_under_mg_per_day() -> None:
    depot = classify_dose("Vivitrol 380 mg IM q4wk")
    assert depot.mg_per_day is None
    assert "mg_per_day=None" in repr(depot)
    assert "every 28 days" not in repr(depot)
