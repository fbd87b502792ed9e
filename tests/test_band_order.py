"""Band orders by dose (its rank), while it stays equal to its text."""

from __future__ import annotations

import pytest

from naltrexone_dose import Band, DoseTypeError, classify_dose


def test_a_dose_above_standard_compares_at_least_standard() -> None:
    band = classify_dose("200 mg/day").band
    assert band >= Band.STANDARD
    assert band > Band.STANDARD
    assert not band <= Band.STANDARD
    assert not band < Band.LOW


def test_sorted_bands_follow_the_dose_axis() -> None:
    doses = ["200 mg", "0.5 mcg", "50 mg", "25 mg", "4.5 mg", "0.5 mg"]
    bands = [classify_dose(dose).band for dose in doses]
    assert sorted(bands) == sorted(bands, key=lambda band: band.rank)
    assert [band.rank for band in sorted(Band)] == list(range(6))
    assert max(bands) is Band.ABOVE_STANDARD
    assert min(bands) is Band.ULTRA_LOW


@pytest.mark.parametrize("low", list(Band))
@pytest.mark.parametrize("high", list(Band))
def test_every_comparison_agrees_with_rank(low: Band, high: Band) -> None:
    assert (low < high) is (low.rank < high.rank)
    assert (low <= high) is (low.rank <= high.rank)
    assert (low > high) is (low.rank > high.rank)
    assert (low >= high) is (low.rank >= high.rank)
    assert (low == high) is (low.rank == high.rank)


def test_a_band_still_equals_and_hashes_as_its_text() -> None:
    assert Band.LOW == "low"  # type: ignore[comparison-overlap]  # mypy: a StrEnum is a str
    assert {"low": 1}[Band.LOW] == 1
    assert f"{Band.STANDARD}" == "standard"


def test_text_naming_a_band_compares_by_dose_from_either_side() -> None:
    assert Band.LOW < "standard"  # alphabetically "low" > "standard" would be False anyway
    assert Band.ABOVE_STANDARD > "low"  # alphabetically "above_standard" < "low"
    # Text on the left: Python asks the Band (a str subclass) first, by its reflected method.
    assert "above_standard" > Band.LOW  # noqa: SIM300
    assert "low" <= Band.LOW  # noqa: SIM300


@pytest.mark.parametrize("other", ["zzz", "", "Low", 3, None])
def test_other_values_are_refused_not_compared_alphabetically(other: object) -> None:
    with pytest.raises(DoseTypeError) as caught:
        _ = Band.LOW < other  # noqa: SIM300
    assert "compares a Band by dose" in str(caught.value)
    with pytest.raises(TypeError):
        _ = other >= Band.LOW
