"""Units: the exact factors kept outside pint agree with pint; pint Quantities are read exactly."""

from __future__ import annotations

from fractions import Fraction

import pint
import pytest
from hypothesis import given
from strategies import positive_amounts

from naltrexone_dose import (
    Band,
    DoseAmountError,
    DoseTypeError,
    DoseUnitError,
    ErrorReason,
    classify_dose,
)
from naltrexone_dose._units import _PINT_NAMES, MASS_UNITS, TIME_UNITS, VOLUME_UNITS, UnitKind

EXACT = pint.UnitRegistry(non_int_type=Fraction, cache_folder=None)
FLOATS = pint.UnitRegistry(cache_folder=None)


@pytest.mark.parametrize(("spelling", "unit"), sorted(MASS_UNITS.items()))
def test_every_mass_factor_agrees_with_pint(spelling: str, unit: object) -> None:
    symbol = {"mcg": "microgram", "lb": "pound"}.get(unit.symbol, unit.symbol)  # type: ignore[attr-defined]
    expected = EXACT.Quantity(Fraction(1), symbol).to("milligram").magnitude
    assert unit.factor == Fraction(expected), spelling  # type: ignore[attr-defined]
    assert unit.kind is UnitKind.MASS  # type: ignore[attr-defined]


@pytest.mark.parametrize(("spelling", "unit"), sorted(TIME_UNITS.items()))
def test_every_time_factor_agrees_with_pint(spelling: str, unit: object) -> None:
    symbol = {"h": "hour", "d": "day", "wk": "week"}[unit.symbol]  # type: ignore[attr-defined]
    assert unit.factor == Fraction(EXACT.Quantity(Fraction(1), symbol).to("day").magnitude)  # type: ignore[attr-defined]
    assert spelling


@pytest.mark.parametrize(("spelling", "unit"), sorted(VOLUME_UNITS.items()))
def test_every_volume_factor_agrees_with_pint(spelling: str, unit: object) -> None:
    symbol = {"mL": "milliliter", "L": "liter"}[unit.symbol]  # type: ignore[attr-defined]
    expected = EXACT.Quantity(Fraction(1), symbol).to("milliliter").magnitude
    assert unit.factor == Fraction(expected), spelling  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "unit"), sorted(_PINT_NAMES.items()))
def test_pint_names_map_to_pint_exact_factors(name: str, unit: object) -> None:
    target = "milligram" if unit.kind is UnitKind.MASS else "day"  # type: ignore[attr-defined]
    assert unit.factor == Fraction(EXACT.Quantity(Fraction(1), name).to(target).magnitude)  # type: ignore[attr-defined]


def test_upper_case_mg_is_a_milligram_here_not_pint_megagauss() -> None:
    assert str(FLOATS.Quantity("4.5MG").units) == "megagauss"  # what raw pint does
    assert classify_dose("4.5MG").mg_per_day == Fraction(9, 2)


@pytest.mark.parametrize(
    ("magnitude", "unit", "mg_per_day", "band"),
    [
        (1000, "nanogram", Fraction(1, 1000), Band.VERY_LOW),
        (1000000, "nanogram", Fraction(1), Band.LOW),
        (4.5, "milligram / day", Fraction(9, 2), Band.LOW),
        (350, "milligram / week", Fraction(50), Band.STANDARD),
        (35, "mg/week", Fraction(5), Band.LOW),
        (0.05, "gram", Fraction(50), Band.STANDARD),
        (5000, "microgram", Fraction(5), Band.LOW),
        (1, "grain", Fraction("64.79891"), Band.STANDARD),
        (0.1875, "mg/hour", Fraction("4.5"), Band.LOW),
    ],
)
def test_pint_quantities_from_any_registry_are_read_exactly(
    magnitude: float, unit: str, mg_per_day: Fraction, band: Band
) -> None:
    for registry in (FLOATS, EXACT):
        quantity = registry.Quantity(magnitude, unit)
        result = classify_dose(quantity)
        assert result.mg_per_day == mg_per_day
        assert result.band is band


@pytest.mark.parametrize(
    ("unit", "reason"),
    [
        ("milliliter", ErrorReason.NOT_A_MASS),
        ("mg/kg", ErrorReason.NOT_A_MASS),
        ("mg*day", ErrorReason.NOT_A_MASS),
        ("meter", ErrorReason.NOT_A_MASS),
        ("mg/month", ErrorReason.PER_MONTH),
        ("mg/year", ErrorReason.PER_MONTH),
        ("dimensionless", ErrorReason.NOT_A_MASS),
    ],
)
def test_pint_quantities_that_are_not_mass_or_mass_rate_are_refused(
    unit: str, reason: ErrorReason
) -> None:
    with pytest.raises(DoseUnitError) as caught:
        classify_dose(FLOATS.Quantity(4.5, unit))
    assert caught.value.reason is reason


@pytest.mark.parametrize(
    ("magnitude", "reason"),
    [(0, ErrorReason.ZERO), (-1, ErrorReason.NEGATIVE), (float("nan"), ErrorReason.NOT_FINITE)],
)
def test_pint_quantities_that_are_not_positive_finite_are_refused(
    magnitude: float, reason: ErrorReason
) -> None:
    with pytest.raises(DoseAmountError) as caught:
        classify_dose(FLOATS.Quantity(magnitude, "mg"))
    assert caught.value.reason is reason


def test_a_pint_quantity_with_a_unit_argument_is_refused() -> None:
    with pytest.raises(DoseTypeError):
        classify_dose(FLOATS.Quantity(4.5, "mg"), "mg")


@pytest.mark.parametrize("definition", ["dosething = 3 * gram", "zork = [zorkiness]"])
def test_a_unit_defined_only_in_the_callers_registry_is_a_dose_error(definition: str) -> None:
    """Our private registry does not know the caller's own definitions: refuse, never guess."""
    custom = pint.UnitRegistry(cache_folder=None)
    custom.define(definition)
    name = definition.split(" ", 1)[0]
    with pytest.raises(DoseUnitError, match=name) as caught:
        classify_dose(custom.Quantity(1, name))
    assert caught.value.reason is ErrorReason.NOT_A_MASS


@given(positive_amounts())
def test_a_pint_quantity_classifies_as_its_exact_magnitude_does(mg: Fraction) -> None:
    assert classify_dose(EXACT.Quantity(mg, "milligram")).mg_per_day == mg


def test_a_pint_quantity_result_says_what_it_was_read_from() -> None:
    result = classify_dose(FLOATS.Quantity(4500, "microgram"))
    dose = result.dose
    assert (dose.source, dose.unit, dose.amount, dose.amount_mg) == (
        "4500 microgram",
        "mg",
        Fraction(9, 2),
        Fraction(9, 2),
    )
    assert dose.assumptions == ("a bare mass is taken as the daily dose",)
    assert dose.basis.value == "assumed_daily"
    rate = classify_dose(FLOATS.Quantity(35, "mg/week")).dose
    assert (rate.source, rate.basis.value, rate.frequency.per_day) == (
        "35 milligram / week",
        "stated_rate",
        Fraction(1, 7),
    )  # type: ignore[union-attr]
    assert type(result).model_validate_json(result.model_dump_json()) == result


def test_the_small_registry_gives_pints_own_factor_for_every_mass_and_time_unit() -> None:
    # A Quantity in a unit outside the table is read with a registry of only the definitions
    # its unit needs (fast to build); it must give what pint's full registry gives, and any
    # unit it cannot read goes to the full registry.
    from naltrexone_dose import _units  # noqa: PLC0415

    full = _units._fraction_registry()
    compared = 0
    for name in sorted(full._units):
        for prefixed in (name, f"micro{name}") if name in ("gram", "grain", "second") else (name,):
            try:
                expected = _units._factor_in(full, prefixed)
            except Exception:  # noqa: BLE001, S112 (not a unit of the full registry either)
                continue
            if expected is None:
                continue
            try:
                small = _units._factor_in(_units._small_registry(prefixed), prefixed)
            except Exception:  # noqa: BLE001 ("microkilogram": the full registry decides)
                small = expected
            assert small == expected
            if not any(word in prefixed for word in _units._CALENDAR_WORDS):  # refused first
                assert _units.pint_unit_factor(prefixed) == expected
            compared += 1
    assert compared > 100
