"""Hypothesis strategies, named after what they draw."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from naltrexone_dose import Band, BandTable, default_band_table, shipped_band_tables

#: The exact mg factor of each unit spelling the grammar accepts.
MG_PER_UNIT: dict[str, Fraction] = {
    "g": Fraction(1000), "gram": Fraction(1000), "grams": Fraction(1000),
    "gramme": Fraction(1000), "grammes": Fraction(1000),
    "mg": Fraction(1), "MG": Fraction(1), "Mg": Fraction(1), "milligram": Fraction(1),
    "milligrams": Fraction(1), "milligramme": Fraction(1), "milligrammes": Fraction(1),
    "mcg": Fraction(1, 1000), "MCG": Fraction(1, 1000), "ug": Fraction(1, 1000),
    "\u00b5g": Fraction(1, 1000), "\u03bcg": Fraction(1, 1000),
    "microgram": Fraction(1, 1000), "micrograms": Fraction(1, 1000),
    "microgramme": Fraction(1, 1000), "microgrammes": Fraction(1, 1000),
    "ng": Fraction(1, 10**6), "NG": Fraction(1, 10**6), "nanogram": Fraction(1, 10**6),
    "nanograms": Fraction(1, 10**6), "pg": Fraction(1, 10**9), "picogram": Fraction(1, 10**9),
    "picograms": Fraction(1, 10**9), "kg": Fraction(10**6), "kilogram": Fraction(10**6),
    "kilograms": Fraction(10**6), "lb": Fraction(45359237, 100), "lbs": Fraction(45359237, 100),
    "pound": Fraction(45359237, 100), "pounds": Fraction(45359237, 100),
}  # fmt: skip
#: Decimal units only: every terminating decimal in mg is a terminating decimal in these.
DECIMAL_UNITS = {"g": Fraction(1000), "mg": Fraction(1), "mcg": Fraction(1, 1000),
                 "ng": Fraction(1, 10**6), "pg": Fraction(1, 10**9)}  # fmt: skip
#: Rate spellings and the days they are per.
RATE_SPELLINGS: dict[str, Fraction] = {
    "/day": Fraction(1), "/d": Fraction(1), " per day": Fraction(1), " daily": Fraction(1),
    "/24h": Fraction(1), "/24 h": Fraction(1), "/h": Fraction(1, 24), "/12h": Fraction(1, 2),
    "/2d": Fraction(2), "/week": Fraction(7), "/wk": Fraction(7), " per week": Fraction(7),
    " weekly": Fraction(7), "/DAY": Fraction(1), " Daily": Fraction(1),
}  # fmt: skip


def table_boundaries(table: BandTable) -> dict[Fraction, Band]:
    """Each boundary of a table's ranges in mg/day, with the range it belongs to."""
    owners: dict[Fraction, Band] = {}
    for row, following in zip(table.ranges, table.ranges[1:], strict=False):
        if row.upper is not None:
            owners[row.upper] = row.band if row.upper_inclusive else following.band
    return owners


#: Strategies draw boundaries from the shipped table, never from a copy of its numbers (the
#: shipped numbers are checked against SPEC once, in test_bands).
BOUNDARIES = table_boundaries(default_band_table())
#: Each range's bounds (lower, upper) in mg/day; None is unbounded.
BAND_BOUNDS: dict[Band, tuple[Fraction, Fraction | None]] = {
    row.band: (row.lower, row.upper) for row in default_band_table().ranges
}


def decimal_text(value: Fraction) -> str:
    """Write a terminating fraction as plain decimal text, exactly."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    scaled = value * 10**places
    digits = str(scaled.numerator).rjust(places + 1, "0")
    return (
        f"{digits[: len(digits) - places]}.{digits[len(digits) - places :]}" if places else digits
    )


@st.composite
def decimal_amounts(draw: st.DrawFn, *, min_exponent: int = -12, max_exponent: int = 6) -> Fraction:
    """Positive decimals: a mantissa of up to 9 digits times a power of ten."""
    mantissa = draw(st.integers(min_value=1, max_value=999_999_999))
    exponent = draw(st.integers(min_value=min_exponent, max_value=max_exponent))
    return Fraction(mantissa) * Fraction(10) ** exponent


@st.composite
def positive_amounts(draw: st.DrawFn) -> Fraction:
    """Any positive rational in mg/day between 1e-12 and 1e7, decimals and boundaries often."""
    return draw(
        st.one_of(
            decimal_amounts(),
            st.sampled_from(sorted(BOUNDARIES)),
            st.fractions(min_value=Fraction(1, 10**12), max_value=10**7).filter(lambda f: f > 0),
        )
    )


@st.composite
def doses_in_band(draw: st.DrawFn, band: Band) -> Fraction:
    """A decimal daily dose in mg inside the given range (its ends included where they belong)."""
    lower, upper = BAND_BOUNDS[band]
    candidates = [b for b, owner in BOUNDARIES.items() if owner is band]
    upper_value = Fraction(10**6) if upper is None else upper
    step = (upper_value - lower) / 10**6
    inside = lower + step * draw(st.integers(min_value=1, max_value=10**6 - 1))
    return draw(st.sampled_from([inside, *candidates]))


def bands_with_doses() -> st.SearchStrategy[tuple[Band, Fraction]]:
    """A range and a daily dose in mg inside it."""
    return st.sampled_from(list(Band)).flatmap(
        lambda band: doses_in_band(band).map(lambda dose: (band, dose))
    )


@st.composite
def unit_spellings(draw: st.DrawFn, *, decimal_only: bool = False) -> tuple[str, Fraction]:
    """A unit spelling the grammar accepts and its exact size in mg."""
    table = DECIMAL_UNITS if decimal_only else MG_PER_UNIT
    return draw(st.sampled_from(sorted(table.items())))


#: SPEC, "record fields": a mass of 1 kg (2.2 lb) or more in text is no daily dose (a
#: refusal), so text strategies write masses below it.
TEXT_MASS_LIMIT_MG = Fraction(10**6)
POUND_SPELLINGS = frozenset({"lb", "lbs", "pound", "pounds"})


def is_text_dose(amount: Fraction, unit: str, factor: Fraction) -> bool:
    """Whether ``amount`` ``unit`` is a mass that dose text may hold (below 1 kg or 2.2 lb)."""
    if unit in POUND_SPELLINGS and amount >= Fraction(22, 10):
        return False
    return amount * factor < TEXT_MASS_LIMIT_MG


@st.composite
def dose_texts(draw: st.DrawFn) -> tuple[str, Fraction]:
    """Dose text written in some unit and perhaps as a rate, with its exact mg/day."""
    amount = draw(decimal_amounts(min_exponent=-6, max_exponent=4))
    unit, factor = draw(unit_spellings())
    assume(is_text_dose(amount, unit, factor))
    rate, days = draw(st.sampled_from(sorted(RATE_SPELLINGS.items())) | st.just(("", Fraction(1))))
    space = draw(st.sampled_from([" ", "", "\t", "\u00a0", "  ", "\u2009"]))
    return f"{decimal_text(amount)}{space}{unit}{rate}", amount * factor / days


#: Frequency words and how many administrations a day each means.
FREQUENCY_WORDS: dict[str, Fraction] = {
    "daily": Fraction(1), "once daily": Fraction(1), "every day": Fraction(1),
    "QD": Fraction(1), "od": Fraction(1), "q24h": Fraction(1), "nightly": Fraction(1),
    "every night": Fraction(1), "at night": Fraction(1), "at bedtime": Fraction(1),
    "HS": Fraction(1), "qhs": Fraction(1), "nocte": Fraction(1), "in the morning": Fraction(1),
    "mane": Fraction(1), "daily at bedtime": Fraction(1), "once nightly": Fraction(1),
    "bid": Fraction(2), "BID": Fraction(2), "b.i.d.": Fraction(2), "twice daily": Fraction(2),
    "twice a day": Fraction(2), "q12h": Fraction(2), "tid": Fraction(3),
    "three times daily": Fraction(3), "three times a day": Fraction(3), "q8h": Fraction(3),
    "qid": Fraction(4), "four times daily": Fraction(4), "q6h": Fraction(4),
    "every other day": Fraction(1, 2), "every 2 days": Fraction(1, 2), "qod": Fraction(1, 2),
    "q48h": Fraction(1, 2), "every 3 days": Fraction(1, 3), "every third day": Fraction(1, 3),
    "q72h": Fraction(1, 3), "weekly": Fraction(1, 7), "once a week": Fraction(1, 7),
    "twice weekly": Fraction(2, 7), "three times a week": Fraction(3, 7),
    "Mon/Wed/Fri": Fraction(3, 7), "per 24 hours": Fraction(1),
}  # fmt: skip
NAMES = ["", "naltrexone", "Naltrexone HCl", "naltrexone hydrochloride", "LDN", "ReVia",
         "low dose naltrexone", "NALTREXONE", "Rx: naltrexone", "Sig: take"]  # fmt: skip
ROUTES = ["", "PO", "po", "by mouth", "orally", "oral"]
FILLERS = ["", "take", "Take", "give", "Dose:"]


@st.composite
def sigs(draw: st.DrawFn) -> tuple[str, Fraction]:
    """A prescription sig built from parts, with the exact daily dose the parts give."""
    amount = draw(decimal_amounts(min_exponent=-4, max_exponent=2))
    unit, factor = draw(unit_spellings(decimal_only=True))
    assume(is_text_dose(amount, unit, factor))
    frequency, per_day = draw(st.sampled_from(sorted(FREQUENCY_WORDS.items())))
    parts = [
        draw(st.sampled_from(NAMES)),
        draw(st.sampled_from(FILLERS)),
        f"{decimal_text(amount)}{draw(st.sampled_from([' ', '']))}{unit}",
        draw(st.sampled_from(ROUTES)),
        frequency,
    ]
    return " ".join(part for part in parts if part), amount * factor * per_day


#: Every shipped band table: Box 1 and the named definitions beside it.
SHIPPED_TABLES = shipped_band_tables()


@st.composite
def shipped_edges(draw: st.DrawFn) -> tuple[BandTable, Fraction, Band]:
    """A shipped table, one of its boundaries in mg/day, and the range that owns it."""
    table = draw(st.sampled_from(SHIPPED_TABLES))
    edge, owner = draw(st.sampled_from(sorted(table_boundaries(table).items())))
    return table, edge, owner


@st.composite
def doses_near_shipped_edges(draw: st.DrawFn) -> Fraction:
    """A positive daily dose at, or a hair either side of, a boundary of any shipped table."""
    _, edge, _ = draw(shipped_edges())
    offset = draw(st.sampled_from([Fraction(0), Fraction(1, 10**9), Fraction(-1, 10**9)]))
    scale = draw(st.sampled_from([Fraction(1), Fraction(1, 1000), Fraction(1, 10)]))
    dose = edge + offset * scale
    return dose if dose > 0 else edge


# -- every kind of input, for the entry-point contract (tests/test_entry_points.py) ----------

#: Units a number may come with, each a mass or a mass rate.
NUMBER_UNITS = ["mg", "mcg", "g", "ng", "kg", "mg/day", "mg/week", "mcg/day", "mg/h"]
#: Missing values, as SPEC's "Missing values in batches" lists them (NaN as Python's float).
MISSING_VALUES: list[object] = [None, float("nan"), "", "  "]


def float_arrays() -> st.SearchStrategy[tuple[type, list[float]]]:
    """A numpy float type of the three common widths and floats that fit it exactly."""
    import numpy as np  # noqa: PLC0415

    widths = {np.float16: 16, np.float32: 32, np.float64: 64}
    return st.sampled_from(list(widths)).flatmap(
        lambda kind: st.tuples(
            st.just(kind),
            st.lists(st.floats(width=widths[kind]), max_size=20),
        )
    )


def float_widths() -> st.SearchStrategy[type]:
    """A numpy float type: float16, float32, float64 or longdouble."""
    import numpy as np  # noqa: PLC0415

    return st.sampled_from([np.float16, np.float32, np.float64, np.longdouble])


@st.composite
def numpy_floats(draw: st.DrawFn) -> object:
    """A numpy float scalar of some width, NaN and infinities included."""
    import numpy as np  # noqa: PLC0415

    kind = draw(float_widths())
    width = {np.float16: 16, np.float32: 32}.get(kind, 64)
    return kind(draw(st.floats(width=width)))


def plain_numbers() -> st.SearchStrategy[object]:
    """A Python number of any kind: float (NaN, infinities, -0.0), int (huge too), Decimal
    (a quiet NaN and infinities too, and huge exponents), Fraction."""
    return st.one_of(
        st.floats(),
        st.floats(min_value=1e-7, max_value=1e4),
        st.integers(min_value=-(10**6), max_value=10**6),
        st.integers(min_value=2**53 - 2, max_value=2**64),
        st.decimals(allow_nan=False, places=None),
        st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("1E+9000000")]),
        st.fractions(max_denominator=10**6),
        decimal_amounts().map(lambda value: Decimal(decimal_text(value))),
    )


def near_equal_numbers() -> st.SearchStrategy[list[object]]:
    """Numbers that look alike side by side: a value near a band boundary as float64, its
    float neighbours, as float32 and float16, as a Decimal with and without trailing digits,
    as a Fraction, and 0.0 beside -0.0."""
    import numpy as np  # noqa: PLC0415

    def neighbours(value: Fraction) -> list[object]:
        as_float = float(value)
        written = decimal_text(value) if (value * 10**30).denominator == 1 else str(as_float)
        longer = written + ("" if "." in written else ".") + "0000000000000000000001"
        with np.errstate(over="ignore"):  # past float16's range: infinity, refused
            half = np.float16(as_float)
        return [
            as_float,
            math.nextafter(as_float, math.inf),
            math.nextafter(as_float, 0.0),
            np.float32(as_float),
            half,
            Decimal(written),
            Decimal(longer),
            value,
            value + Fraction(1, 10**25),
            0.0,
            -0.0,
        ]

    boundary = st.sampled_from(sorted(BOUNDARIES)) | decimal_amounts(
        min_exponent=-4, max_exponent=2
    )
    return boundary.map(neighbours).flatmap(st.permutations)


def numbers_of_every_kind() -> st.SearchStrategy[object]:
    """A number of any kind a batch of numbers may hold, or a missing value."""
    return st.one_of(plain_numbers(), numpy_floats(), st.sampled_from(MISSING_VALUES[:2]))


@st.composite
def pint_quantities(draw: st.DrawFn) -> object:
    """A pint Quantity of some magnitude in a mass, a mass rate or another unit."""
    magnitude = draw(
        st.one_of(
            st.floats(min_value=-1, max_value=1e4),
            st.integers(min_value=-5, max_value=10**6),
            st.fractions(min_value=0, max_value=1000, max_denominator=1000),
            decimal_amounts(min_exponent=-6, max_exponent=3).map(
                lambda value: Decimal(decimal_text(value))
            ),
        )
    )
    unit = draw(
        st.sampled_from(
            ["milligram", "microgram", "gram", "nanogram", "milligram/day", "mg/week", "mL"]
        )
    )
    return pint_registry().Quantity(magnitude, unit)


def near_equal_quantities() -> st.SearchStrategy[list[object]]:
    """pint Quantities that pint calls equal or whose repr is the same, side by side."""

    def build(value: Fraction) -> list[object]:
        quantity = pint_registry().Quantity
        as_float = float(value)
        return [
            quantity(as_float, "mg"),
            quantity(as_float + as_float * 1e-12, "mg"),
            quantity(as_float * 1000, "microgram"),
            quantity(value, "mg"),
        ]

    return st.sampled_from(sorted(BOUNDARIES)).map(build).flatmap(st.permutations)


_REGISTRY: list[object] = []


def pint_registry() -> Any:
    """One pint registry for the whole test run."""
    if not _REGISTRY:
        import pint  # noqa: PLC0415

        _REGISTRY.append(pint.UnitRegistry(cache_folder=None))
    return _REGISTRY[0]


@st.composite
def fhir_quantities(draw: st.DrawFn) -> dict[str, object]:
    """A FHIR Quantity dict with a UCUM code (sometimes one that is no mass)."""
    value = draw(
        st.one_of(
            st.floats(min_value=-1, max_value=1e4),
            st.integers(min_value=-5, max_value=10**5),
            decimal_amounts(min_exponent=-6, max_exponent=3).map(float),
        )
    )
    code = draw(st.sampled_from(["mg", "ug", "g", "ng", "mg/d", "mL"]))
    return {"value": value, "unit": code, "system": "http://unitsofmeasure.org", "code": code}


def near_equal_texts() -> st.SearchStrategy[list[str]]:
    """Dose texts that read alike side by side: a boundary as written, a hair above it, in
    another unit, with a trailing zero."""

    def build(value: Fraction) -> list[str]:
        written = decimal_text(value)
        return [
            f"{written} mg",
            f"{written}0000000001 mg" if "." in written else f"{written}.0000000001 mg",
            f"{decimal_text(value * 1000)} mcg",
            f"{written} MG",
            f"{written} mg/day",
        ]

    return st.sampled_from(sorted(BOUNDARIES)).map(build).flatmap(st.permutations)


def texts_of_every_kind() -> st.SearchStrategy[str | None]:
    """Dose text as written (good, bad, arbitrary), or a missing value."""
    return st.one_of(
        dose_texts().map(lambda drawn: drawn[0]),
        sigs().map(lambda drawn: drawn[0]),
        st.text(max_size=12),
        st.sampled_from(["4,5 mg", "5 mL", "1.5-4.5 mg", "0.5-4.5 mg", "Vivitrol 380 mg IM q4wk"]),
        st.sampled_from([None, "", "  "]),
    )
