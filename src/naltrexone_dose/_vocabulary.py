"""The words of dose text that are not units: frequencies, times of day, routes, forms.

All keys are lower case; the reader lower-cases words before it looks them up. Phrases are
tuples of tokens; "#" (`ANY_NUMBER`) in a phrase stands for any number, and the phrase's
``per_day`` is then per unit of that number ("# days a week" is 1/7 of a week per day named).
"""

from __future__ import annotations

from enum import Enum
from fractions import Fraction
from typing import NamedTuple


class FrequencyKind(Enum):
    """What a frequency phrase says about how often a dose is taken."""

    REGULAR = "regular"  # a number of times per day: "bid", "every other day"
    TIME_OF_DAY = "time_of_day"  # once a day at a time: "at bedtime", "mane"
    DAYS_OF_WEEK = "days_of_week"  # named days: "Mon/Wed/Fri", "on weekdays"
    AS_NEEDED = "as_needed"  # no daily dose can be known: "prn"
    AS_DIRECTED = "as_directed"  # read only beside a frequency that says how often
    MONTHLY = "monthly"  # a calendar month: no fixed length


class FrequencyWord(NamedTuple):
    """A frequency phrase's meaning."""

    kind: FrequencyKind
    per_day: Fraction = Fraction(0)
    group: str = ""  # time-of-day group ("morning", "night") or a day name
    low: Fraction | None = None  # a range of frequencies ("1-2 times daily"): its low end


_ONE = Fraction(1)
#: The group of meal phrases that give no count ("with meals").
MEALS = "meals"
#: In a phrase, the place of any number.
ANY_NUMBER = "#"

_DAILY_TAILS = (
    ("daily",), ("a", "day"), ("per", "day"), ("each", "day"), ("every", "day"), ("a", "d"),
    ("/", "day"), ("/", "d"), ("in", "a", "day"), ("per", "24", "hours"), ("/", "24", "h"),
    ("/", "24h"), ("per", "24h"), ("each", "24", "hours"), ("every", "24", "hours"),
)  # fmt: skip
_WEEKLY_TAILS = (
    ("weekly",), ("a", "week"), ("per", "week"), ("each", "week"), ("every", "week"),
    ("/", "week"), ("/", "wk"), ("a", "wk"), ("per", "wk"), ("wkly",),
)  # fmt: skip
_TIMES = {"once": 1, "twice": 2, "thrice": 3}
_TIMES_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _regular(per_day: Fraction) -> FrequencyWord:
    return FrequencyWord(FrequencyKind.REGULAR, per_day)


def _phrases() -> dict[tuple[str, ...], FrequencyWord]:
    table: dict[tuple[str, ...], FrequencyWord] = {}
    for word, times in _TIMES.items():
        for tail in _DAILY_TAILS:
            table[(word, *tail)] = _regular(Fraction(times))
        for tail in _WEEKLY_TAILS:
            table[(word, *tail)] = _regular(Fraction(times, 7))
    for word, times in _TIMES_WORDS.items():
        for marker in (("times",), ("time",)):
            for tail in _DAILY_TAILS:
                table[(word, *marker, *tail)] = _regular(Fraction(times))
            for tail in _WEEKLY_TAILS:
                table[(word, *marker, *tail)] = _regular(Fraction(times, 7))
    for tail in _DAILY_TAILS:
        table[tail] = _regular(_ONE)
    for tail in _WEEKLY_TAILS:
        table[tail] = _regular(Fraction(1, 7))
    fixed = {
        # Once a day.
        ("qd",): _ONE, ("od",): _ONE, ("qday",): _ONE, ("qdaily",): _ONE, ("daily",): _ONE,
        ("everyday",): _ONE, ("q24h",): _ONE, ("q24hr",): _ONE, ("q24hrs",): _ONE,
        ("1x", "daily"): _ONE, ("24", "hourly"): _ONE, ("q", "day"): _ONE,
        ("q", "d"): _ONE, ("q", "24h"): _ONE, ("q", "24", "h"): _ONE, ("q", "24", "hours"): _ONE,
        ("q", "week"): Fraction(1, 7), ("q", "wk"): Fraction(1, 7),
        ("q", "other", "day"): Fraction(1, 2),
        # Several times a day.
        ("bid",): Fraction(2), ("bd",): Fraction(2), ("q12h",): Fraction(2),
        ("q12hr",): Fraction(2), ("q12hrs",): Fraction(2), ("12", "hourly"): Fraction(2),
        ("tid",): Fraction(3), ("tds",): Fraction(3), ("q8h",): Fraction(3),
        ("q8hr",): Fraction(3), ("q8hrs",): Fraction(3), ("8", "hourly"): Fraction(3),
        ("qid",): Fraction(4), ("qds",): Fraction(4), ("q6h",): Fraction(4),
        ("q6hr",): Fraction(4), ("q6hrs",): Fraction(4), ("6", "hourly"): Fraction(4),
        # Every few days.
        ("every", "other", "day"): Fraction(1, 2), ("every", "second", "day"): Fraction(1, 2),
        ("qod",): Fraction(1, 2), ("q48h",): Fraction(1, 2), ("q48hr",): Fraction(1, 2),
        ("on", "alternate", "days"): Fraction(1, 2), ("alternate", "days"): Fraction(1, 2),
        ("every", "alternate", "day"): Fraction(1, 2), ("qad",): Fraction(1, 2),
        ("every", "third", "day"): Fraction(1, 3), ("q72h",): Fraction(1, 3),
        ("q72hr",): Fraction(1, 3),
        # Weekly.
        ("qw",): Fraction(1, 7), ("qwk",): Fraction(1, 7), ("q1w",): Fraction(1, 7),
        ("q1wk",): Fraction(1, 7), ("q7d",): Fraction(1, 7), ("once", "a", "week"): Fraction(1, 7),
        ("biw",): Fraction(2, 7), ("tiw",): Fraction(3, 7),
        ("every", "4", "weeks"): Fraction(1, 28), ("q4wk",): Fraction(1, 28),
        ("q4wks",): Fraction(1, 28), ("q4w",): Fraction(1, 28), ("q28d",): Fraction(1, 28),
        ("q28days",): Fraction(1, 28), ("every", "28", "days"): Fraction(1, 28),
        ("4", "weekly"): Fraction(1, 28), ("every", "four", "weeks"): Fraction(1, 28),
        ("dly",): _ONE, ("die",): _ONE, ("bis", "in", "die"): Fraction(2),
        ("ter", "in", "die"): Fraction(3), ("hourly",): Fraction(24), ("every", "hour"): Fraction(24),
        ("qh",): Fraction(24), ("q1h",): Fraction(24),
    }  # fmt: skip
    fixed.update(
        {
            ("every", "other", "night"): Fraction(1, 2),
            ("every", "second", "night"): Fraction(1, 2),
            ("alternate", "nights"): Fraction(1, 2),
            ("on", "alternate", "nights"): Fraction(1, 2),
            ("every", "third", "night"): Fraction(1, 3),
            ("every", "3", "rd", "day"): Fraction(1, 3),
            ("every", "2", "nd", "day"): Fraction(1, 2),
            ("every", "3", "rd", "night"): Fraction(1, 3),
            ("every", "2", "nd", "night"): Fraction(1, 2),
            ("every", "three", "days"): Fraction(1, 3),
            ("every", "two", "days"): Fraction(1, 2),
            ("every", "twelve", "hours"): Fraction(2),
            ("every", "eight", "hours"): Fraction(3),
            ("every", "six", "hours"): Fraction(4),
            ("8", "hrly"): Fraction(3),
            ("12", "hrly"): Fraction(2),
            ("6", "hrly"): Fraction(4),
            ("24", "hrly"): _ONE,
            ("4", "hourly"): Fraction(6),
            ("4", "hrly"): Fraction(6),
            # Longer than a week: read, so that resolution refuses them (never averaged).
            ("fortnightly",): Fraction(1, 14),
            ("every", "other", "week"): Fraction(1, 14),
            ("alternate", "weeks"): Fraction(1, 14),
            ("biweekly",): Fraction(1, 14),
            ("every", "2", "nd", "week"): Fraction(1, 14),
            ("every", "second", "week"): Fraction(1, 14),
        }
    )
    table.update({phrase: _regular(per_day) for phrase, per_day in fixed.items()})
    morning: tuple[tuple[str, ...], ...] = (
        ("in", "the", "morning"), ("every", "morning"), ("each", "morning"), ("mane",),
        ("om",),
        ("qam",), ("am",), ("morning",), ("in", "am"), ("at", "breakfast"),
        ("with", "breakfast"), ("before", "breakfast"), ("upon", "waking"), ("on", "waking"),
        ("q", "am"), ("q", "morning"),
    )  # fmt: skip
    night: tuple[tuple[str, ...], ...] = (
        ("at", "bedtime"), ("bedtime",), ("before", "bed"), ("before", "bedtime"),
        ("at", "bed", "time"), ("hs",), ("qhs",), ("at", "hs"), ("nocte",), ("nightly",),
        ("at", "night"), ("every", "night"), ("each", "night"), ("every", "evening"),
        ("in", "the", "evening"), ("each", "evening"), ("evening",), ("qpm",), ("pm",),
        ("qn",), ("qnoc",), ("at", "nighttime"), ("nighttime",), ("night",), ("once", "nightly"),
        ("qnight",), ("qbedtime",), ("at", "night", "time"), ("q", "night"), ("q", "hs"),
        ("q", "pm"), ("q", "evening"), ("q", "bedtime"), ("dinner",), ("supper",),
        ("with", "dinner"), ("at", "dinner"), ("with", "supper"), ("with", "evening", "meal"),
        ("at", "teatime"),
    )  # fmt: skip
    afternoon = (("in", "the", "afternoon"), ("afternoon",), ("during", "the", "afternoon"),
                 ("each", "afternoon"), ("every", "afternoon"))  # fmt: skip
    for later in afternoon:
        table[later] = FrequencyWord(FrequencyKind.TIME_OF_DAY, _ONE, "afternoon")
    morning += (("during", "the", "morning"),)
    night += (("during", "the", "evening"), ("during", "the", "night"), ("before", "sleep"))
    midday = (("lunch",), ("noon",), ("midday",), ("at", "noon"), ("at", "midday"), ("at", "lunch"),
              ("with", "lunch"), ("at", "lunchtime"), ("lunchtime",))  # fmt: skip
    for phrase in morning:
        table[phrase] = FrequencyWord(FrequencyKind.TIME_OF_DAY, _ONE, "morning")
    for phrase in midday:
        table[phrase] = FrequencyWord(FrequencyKind.TIME_OF_DAY, _ONE, "midday")
    for phrase in night:
        table[phrase] = FrequencyWord(FrequencyKind.TIME_OF_DAY, _ONE, "night")
    as_needed: tuple[tuple[str, ...], ...] = (
        ("prn",), ("as", "needed"), ("as", "required"), ("when", "needed"), ("if", "needed"),
        ("when", "required"), ("on", "demand"),
    )  # fmt: skip
    as_needed += (
        ("sos",),
        ("as", "required"),
        ("as", "reqd"),
        ("as", "req"),
        ("if", "required"),
        ("when", "necessary"),
        ("if", "necessary"),
        ("as", "necessary"),
        ("pro", "re", "nata"),
        ("when", "craving"),
        ("if", "needed"),
        ("p", "r", "n"),
    )
    for needed in as_needed:
        table[needed] = FrequencyWord(FrequencyKind.AS_NEEDED)
    as_directed = (
        ("as", "directed"), ("as", "dir"), ("mdu",), ("asd",), ("uad",), ("use", "as", "directed"),
        ("as", "directed", "by", "physician"), ("as", "directed", "by", "prescriber"),
        ("as", "instructed"), ("as", "advised"), ("as", "per", "instructions"),
        ("as", "per", "clinic"), ("in", "the", "usual", "manner"), ("as", "shown"),
        ("as", "per", "pack"), ("as", "per", "label"), ("as", "on", "the", "label"),
        ("as", "on", "label"), ("see", "label"), ("see", "pack"), ("as", "prescribed"),
    )  # fmt: skip
    for directed in as_directed:
        table[directed] = FrequencyWord(FrequencyKind.AS_DIRECTED)
    # Meals name when, not how often: read only beside a frequency that says how often, and
    # refused beside a named time of day (how many meals, and the bedtime dose besides?).
    meals = (
        ("with", "meals"), ("with", "each", "meal"), ("with", "every", "meal"),
        ("at", "meals"), ("at", "mealtimes"), ("before", "meals"), ("after", "meals"),
        ("with", "food"), ("after", "food"), ("before", "food"), ("ac",), ("pc",),
    )  # fmt: skip
    for meal in meals:
        table[meal] = FrequencyWord(FrequencyKind.AS_DIRECTED, group=MEALS)
    monthly = (
        ("monthly",), ("every", "month"), ("once", "a", "month"), ("once", "monthly"),
        ("q", "month"), ("qmonth",), ("qmo",), ("a", "month"), ("per", "month"),
        ("each", "month"), ("once", "per", "month"),
    )  # fmt: skip
    for phrase in monthly:
        table[phrase] = FrequencyWord(FrequencyKind.MONTHLY)
    days = {
        "monday": ("mon",), "tuesday": ("tue", "tues"), "wednesday": ("wed",),
        "thursday": ("thu", "thur", "thurs"), "friday": ("fri",), "saturday": ("sat",),
        "sunday": ("sun",),
    }  # fmt: skip
    for day, short in days.items():
        for spelling in (day, day + "s", *short):
            table[(spelling,)] = FrequencyWord(FrequencyKind.DAYS_OF_WEEK, Fraction(1, 7), day)
    # On some days of each week, not named: "5 days a week". Read with any other frequency
    # as days-of-week are ("1 mg BID 5 days a week" is 2 mg on 5 days of 7).
    for days_word in ("days", "day", "nights", "night"):
        for tail in (
            ("a", "week"),
            ("per", "week"),
            ("weekly",),
            ("/", "week"),
            ("/", "wk"),
            ("each", "week"),
            ("every", "week"),
            ("a", "wk"),
            ("per", "wk"),
            ("of", "the", "week"),
            ("in", "a", "week"),
            ("out", "of", "7"),
        ):
            table[(ANY_NUMBER, days_word, *tail)] = FrequencyWord(
                FrequencyKind.DAYS_OF_WEEK, Fraction(1, 7)
            )
    weekdays = "monday,tuesday,wednesday,thursday,friday"
    for spelling in ("weekdays", "weekday"):
        table[(spelling,)] = FrequencyWord(FrequencyKind.DAYS_OF_WEEK, Fraction(5, 7), weekdays)
    table[("weekends",)] = FrequencyWord(
        FrequencyKind.DAYS_OF_WEEK, Fraction(2, 7), "saturday,sunday"
    )
    mwf: tuple[tuple[str, ...], ...] = (
        ("mwf",), ("m", "/", "w", "/", "f"), ("m", "w", "f"), ("m", "-", "w", "-", "f")
    )  # fmt: skip
    for spelling_tokens in mwf:
        table[spelling_tokens] = FrequencyWord(
            FrequencyKind.DAYS_OF_WEEK, Fraction(3, 7), "monday,wednesday,friday"
        )
    # "twice-daily", "as-needed", "every-other-day": a hyphen where a space would be.
    for written, meaning in list(table.items()):
        if len(written) > 1 and all(part.isalnum() for part in written):
            hyphenated: list[str] = []
            for part in written:
                hyphenated += [part, "-"]
            table.setdefault(tuple(hyphenated[:-1]), meaning)
    return table


#: Before the days of an exception's group ("except:sunday"): those days are taken away
#: from the days named beside it, or from the whole week when none are.
EXCEPT_PREFIX = "except:"
#: The days of the week, in order, as day phrases name them.
WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Every fixed frequency phrase, keyed by its tokens.
FREQUENCY_PHRASES = _phrases()
#: The same phrases grouped by their first token, longest first, for a fast match.
FREQUENCY_BY_FIRST: dict[str, list[tuple[tuple[str, ...], FrequencyWord]]] = {}
for _phrase, _word in sorted(FREQUENCY_PHRASES.items(), key=lambda item: -len(item[0])):
    FREQUENCY_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _word))

#: Words that introduce "every N <time>" and "q N <time>".
EVERY_WORDS = frozenset({"every", "q", "each", "evry"})
#: After "N times" or "Nx": the words that make it a day's or a week's count, by first word,
#: longest first, with the days they span.
TIMES_TAILS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _tails, _period in (
    (_DAILY_TAILS, 1), (_WEEKLY_TAILS, 7), ((("day",), ("d",)), 1), ((("week",), ("wk",)), 7)
):  # fmt: skip
    for _tail in _tails:
        TIMES_TAILS_BY_FIRST.setdefault(_tail[0], []).append((_tail, _period))
for _listed in TIMES_TAILS_BY_FIRST.values():
    _listed.sort(key=lambda item: -len(item[0]))

#: Dosage forms: a number before one is a count of units, a mass before one a strength.
FORM_WORDS = frozenset(
    {
        "tablet", "tablets", "tab", "tabs", "tbl", "capsule", "capsules", "cap", "caps",
        "pill", "pills", "caplet", "caplets", "softgel", "softgels", "lozenge", "lozenges",
        "tb", "tbec", "tbcr", "cp", "cpcr", "cpep",
        "troche", "troches", "unit", "units", "dose", "doses", "sachet", "sachets", "vial",
        "vials", "syringe", "syringes", "kit", "injection", "injections",
    }
)  # fmt: skip
#: Dosage forms taken by mouth: a dose in one of them is an oral dose.
ORAL_FORMS = frozenset(
    {
        "tablet", "tablets", "tab", "tabs", "tbl", "capsule", "capsules", "cap", "caps",
        "pill", "pills", "caplet", "caplets", "softgel", "softgels", "lozenge", "lozenges",
        "tb", "tbec", "tbcr", "cp", "cpcr", "cpep",
        "troche", "troches", "sachet", "sachets",
    }
)  # fmt: skip
#: Words that may stand between a strength and its form: "50 MG Oral Tablet".
FORM_DESCRIPTORS = frozenset(
    {
        "oral", "film", "coated", "film-coated", "fc", "er", "xr", "sr", "ir", "extended",
        "release", "-", "hcl", "hydrochloride", "scored", "compounded", "gelatin", "hard",
        "veg", "vegetable", "immediate", "chewable", "dispersible",
    }
)  # fmt: skip
#: Words that make a following number a quantity dispensed or a refill count, not a dose.
QUANTITY_WORDS = frozenset(
    {"#", "qty", "quantity", "disp", "dispense", "dispensed", "refill", "refills", "supply",
     "no", "n", "count", "pack", "rf", "rfl", "repeats", "rpt", "repeat", "bottle", "bottles",
     "ds"}
)  # fmt: skip
#: Verbs after "I" that make it a pronoun, not the Roman numeral one ("I am on LDN 3 mg");
#: "am" after "I" is the verb, not the morning. Past tenses ("I was taking") are not here:
#: a dose in the past may have stopped.
PRONOUN_VERBS = frozenset(
    {"am", "m", "take", "taking", "have", "ve", "use", "using", "get", "need", "now",
     "currently", "also", "just", "still"}
)  # fmt: skip
#: Abbreviations that name a condition after an indication word ("for MS") but another drug
#: anywhere else ("MS 15 mg" is morphine sulfate), with the drug they may name.
CONDITION_OR_DRUG = {"ms": "morphine sulfate"}
#: Words after which a CONDITION_OR_DRUG abbreviation is the condition.
INDICATION_LEADS = frozenset({"for", "with", "in", "has", "have", "of", "treat", "treating"})
#: Signs that are harmless in dose text (trade marks in product names); any other sign
#: outside ASCII (a check mark, a cross, an arrow, an approximation) is refused.
HARMLESS_SIGNS = frozenset({"\u00ae", "\u00a9"})
#: HTML elements that cross out what they hold.
CROSSED_OUT_TAGS = frozenset({"s", "del", "strike"})
#: Record field labels that claim the number after them only ("RF 2", "qty 30"): in
#: "20 rf 0" the 0 is the refills, and the 20 is not theirs.
LABEL_WORDS = frozenset({"#", "qty", "disp", "rf", "rfl", "rpt", "n", "no"})
#: The record field words that count refills: "PRN" after one is about refills ("RF: PRN").
REFILL_WORDS = frozenset({"refill", "refills", "rf", "rfl", "repeats", "rpt", "repeat"})
#: Words that say the dose is injected (an oral route needs no word: it is the default).
#: "ER", "XR" and "suspension" are not here: oral tablets and suspensions carry them too.
DEPOT_WORDS = frozenset(
    {
        "im", "intramuscular", "intramuscularly", "injection", "injectable", "inj", "depot",
        "vivitrol", "gluteal", "inject", "injected", "buttock", "buttocks", "vial",
        "vials", "kit", "kits", "microspheres", "prefilled", "injections", "syringe", "syringes",
        "muscle", "shot", "shots",
    }
)  # fmt: skip
#: Words that end one step of a schedule and start the next.
STEP_WORDS = frozenset({"then", "thereafter", "followed"})
#: Phrases that hold a word of MEANING_WORDS but say nothing that changes the dose, with the
#: role they are read in. An "indication" is read only after a regular frequency of its
#: step ("1 tablet daily to reduce cravings"); alone ("50 mg for cravings") it is as needed.
#: The depot's interval restated ("every 4 weeks or once a month", as its label says) is
#: read only right after that interval.
HARMLESS_PHRASES: dict[tuple[str, ...], str] = {
    ("until", "discontinued"): "duration", ("until", "review"): "duration",
    ("until", "further", "notice"): "duration", ("until", "stopped"): "duration",
    ("until", "told", "to", "stop"): "duration", ("without", "breaks"): "duration",
    ("for", "cravings"): "indication", ("for", "craving"): "indication",
    ("for", "alcohol", "cravings"): "indication",
    ("to", "reduce", "cravings"): "indication", ("to", "reduce", "craving"): "indication",
    ("to", "reduce", "alcohol", "cravings"): "indication",
    ("to", "reduce", "alcohol", "craving"): "indication",
    ("to", "help", "with", "cravings"): "indication",
    ("for", "fatigue"): "indication", ("for", "pain"): "indication",
    ("for", "sleep"): "indication", ("to", "help", "sleep"): "indication",
    ("for", "inflammation"): "indication",
    ("to", "reduce", "drinking"): "indication", ("to", "reduce", "alcohol", "use"): "indication",
    ("alternate", "buttocks"): "injection site", ("alternating", "buttocks"): "injection site",
    ("alternate", "buttock"): "injection site", ("alternating", "sides"): "injection site",
    ("alternate", "sides"): "injection site",
    ("with", "or", "after", "food"): "how to take it",
    ("with", "or", "without", "food"): "how to take it",
    ("crush", "or", "chew"): "how to take it", ("chew", "or", "crush"): "how to take it",
    ("crush", "or", "split"): "how to take it", ("open", "or", "crush"): "how to take it",
    ("or", "once", "a", "month"): "depot interval restated",
    ("or", "monthly"): "depot interval restated",
    ("or", "every", "28", "days"): "depot interval restated",
    ("or", "every", "4", "weeks"): "depot interval restated",
    ("is", "recommended", "for", "most", "patients"): "label sentence",
    ("recommended", "for", "most", "patients"): "label sentence",
}  # fmt: skip
#: Activities that have schedules of their own beside a dose (review, dispensing,
#: supervision): a frequency or days next to one may be theirs, not the dose's.
ACTIVITY_WORDS = frozenset(
    {"review", "reviewed", "supervised", "supervision", "dispensed", "dispense", "dispensing",
     "supply", "supplied", "refill", "refilled", "delivered", "delivery", "therapy", "group",
     "pharmacy", "prescription", "prescribed", "order", "ordered", "collected", "collect",
     "pickup", "visit", "visits", "appointment", "clinic", "counselling", "counseling"}
)  # fmt: skip
#: Words after "on" that make it the UK "ON" (omni nocte, at night), not a preposition.
ON_NIGHT_FOLLOWERS = frozenset({"and", "&", "until", "with", "for", "to", "is", "then", "po"})
#: Question marks of any script: a text that asks is not a dose.
QUESTION_MARKS = frozenset({"?", "\u00bf", "\u203d", "\u061f", "\u2e2e", "\uff1f"})
#: Forms that are not split: a fraction of one is no dose ("take ½ capsule").
UNSPLIT_FORMS = frozenset({"capsule", "capsules", "cap", "caps", "softgel", "softgels"})
#: Words that name an extended-release product: with the depot's mass, the injection.
EXTENDED_RELEASE_WORDS = frozenset({"er", "xr", "extended", "extended-release"})
#: Words before a day name that make it a start or an end, not a day the dose is taken on
#: ("nightly from Monday").
DAY_BOUND_WORDS = frozenset({"from", "until", "till", "to", "starting", "by", "before", "after"})
#: Words before a time of day that make it one occasion, not a schedule ("this evening").
ONE_OFF_WORDS = frozenset({"this", "today", "tomorrow", "tonight", "yesterday"})
#: The group of a day scheme's frequency ("1-0-1"): its places are its times of day.
SCHEME = "scheme"
#: Words before a day or week of a schedule that tie it to the dose before it ("25 mg on
#: day 1"); with none, the day or week starts a step of its own ("Week 2: 3 mg").
INDEX_LEADS = frozenset({"on", "for", "from", "during", "in", "until", "through", "thru"})
#: Words that mark a starting step when a number, "at" or "with" follows ("start at 1.5 mg",
#: "start 25 mg"); "start naltrexone 50 mg daily" is an order to begin, not a first step.
START_WORDS = frozenset({"start", "begin"})
START_FOLLOWERS = frozenset({"at", "with", "on", ":"})
#: Words that start a titration: "increase by 1.5 mg weekly to 4.5 mg".
TITRATION_WORDS = frozenset(
    {"increase", "increasing", "increased", "titrate", "titrating", "titrated", "uptitrate"}
)
#: Words before a mass that restate a total (SPEC, "amount per administration"): "day"
#: restates the day's dose ("total daily dose 50 mg"), checked against the reading and never
#: multiplied again; "total" is the mass of the one administration it stands beside ("3 caps,
#: total 4.5 mg").
RESTATEMENT_PHRASES: dict[tuple[str, ...], str] = {
    ("total", "daily", "dose"): "day", ("total", "daily", "amount"): "day",
    ("total", "daily"): "day", ("daily", "total"): "day", ("tdd",): "day",
    ("total", "dose", "per", "day"): "day", ("total", "per", "day"): "day",
    ("total", "a", "day"): "day", ("total", "dose", "daily"): "day",
    ("total",): "total", ("total", "dose"): "total", ("total", "of"): "total",
    ("in", "total"): "total", ("total", "amount"): "total",
}  # fmt: skip
#: Words that say a parenthesised mass is the total or the amount of each unit.
TOTAL_WORDS = frozenset({"total", "totals", "altogether", "in", "all"})
EACH_WORDS = frozenset({"each", "per", "apiece", "ea"})
#: Number words: a dose written in words is refused with a hint to write digits.
NUMBER_WORDS = {
    "one": Fraction(1), "two": Fraction(2), "three": Fraction(3), "four": Fraction(4),
    "five": Fraction(5), "six": Fraction(6), "seven": Fraction(7), "eight": Fraction(8),
    "nine": Fraction(9), "ten": Fraction(10), "half": Fraction(1, 2), "a": Fraction(1),
    "an": Fraction(1), "fifty": Fraction(50), "hundred": Fraction(100), "i": Fraction(1),
    "ii": Fraction(2), "iii": Fraction(3), "twenty": Fraction(20), "thirty": Fraction(30),
    "forty": Fraction(40), "sixty": Fraction(60), "seventy": Fraction(70),
    "eighty": Fraction(80), "ninety": Fraction(90), "quarter": Fraction(1, 4),
}  # fmt: skip
#: Household and drop measures: never converted, since their size varies.
HOUSEHOLD_WORDS = frozenset(
    {"tsp", "tsps", "teaspoon", "teaspoons", "teaspoonful", "tbsp", "tablespoon",
     "tablespoons", "drop", "drops", "gtt", "gtts", "dropperful", "dropper", "spoon",
     "spoonful", "spoonfuls", "capful", "squirt", "pump", "pumps"}
)  # fmt: skip
#: Hour words after a number: a clock time ("2100h", "at 9h", "9h and 21h") or a duration.
HOUR_WORDS = frozenset({"h", "hr", "hrs", "hour", "hours"})
#: Words before "N hours" that make it a duration or an interval, never a clock time.
DURATION_LEADS = frozenset({"for", "x", "over", "within", "during", "every", "q", "each"})
#: Words after "N hours" that make it an offset from an event ("1 hour before bedtime").
OFFSET_WORDS = frozenset({"before", "after", "prior"})
#: Clock words after a number ("at 10 pm"): the number is a time, not an amount.
CLOCK_WORDS = frozenset({"am", "pm", "o'clock", "oclock", "hrs"})

#: Words that two word sets share, and the rule that decides which meaning a word has where
#: it stands. A test fails on any overlap of the reader's word sets that is not listed here.
RESOLVED_OVERLAPS: dict[tuple[str, str], dict[str, str]] = {
    ("FORM_WORDS", "OTHER_ROUTE_WORDS"): dict.fromkeys(
        ("troche", "troches", "lozenge", "lozenges"),
        "a form held in the mouth until it dissolves is taken through the mucosa, not "
        "swallowed: the route is refused wherever the word stands",
    ),
    ("FORM_WORDS", "DEPOT_WORDS"): dict.fromkeys(
        ("injection", "injections", "vial", "vials", "kit", "syringe", "syringes"),
        "a form that is injected names the injected route: both readings agree",
    ),
    ("EACH_WORDS", "EVERY_WORDS"): {
        "each": "before a time word it is a frequency ('each day'); after a mass or in "
        "brackets it says the mass is per unit ('25 mg each')",
    },
    ("CLOCK_WORDS", "FREQUENCY_WORDS"): {
        "am": "after a number it makes the number a clock time ('10 am'); alone, the morning",
        "pm": "after a number it makes the number a clock time ('10 pm'); alone, the evening",
    },
    ("CLOCK_WORDS", "TIME_UNITS"): {
        "hrs": "after a number, hours: a time or duration either way, never an amount",
    },
    ("FREQUENCY_WORDS", "MONTH_WORDS"): {
        "mon": "after a number or a slash a month ('3 mon', '/mon'); alone, Monday",
    },
    ("TIME_UNITS", "SCHEDULE_INDEX_WORDS"): dict.fromkeys(
        ("day", "days", "week", "weeks", "wk", "wks"),
        "after a number a time unit (a duration or a rate); before a number the day or week "
        "of a schedule ('week 2: 3 mg')",
    ),
    ("MONTH_WORDS", "SCHEDULE_INDEX_WORDS"): {
        "month": "after a number a month; before a number the month of a schedule",
    },
    ("MASS_UNITS", "BODY_SIZE_WORDS"): {
        "kg": "after a number a mass; after a slash a body weight ('mg/kg')",
        "kilogram": "after a number a mass; after a slash a body weight",
        "lb": "after a number a mass; after a slash a body weight",
    },
}

#: Words that change what a dose means: negation and stopping, conditions, limits, changes
#: and "as directed". A text holding one is refused unless a rule reads it (a frequency
#: phrase such as "as needed" is read first, and refused as having no daily dose).
MEANING_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "not",
            "don't",
            "dont",
            "stop",
            "stopped",
            "stopping",
            "discontinue",
            "discontinued",
            "discontinuing",
            "dc",
            "dc'd",
            "hold",
            "held",
            "holding",
            "withhold",
            "withheld",
            "skip",
            "skipped",
            "cease",
            "ceased",
            "declined",
            "never",
            "previously",
            "formerly",
            "suspended",
            "paused",
            "pause",
            "omit",
            "omitted",
            "avoid",
            "without",
            "off",
            "stopped:",
            "none",
            "nil",
            "refused",
            "former",
            "past",
            "was",
        ),
        "says the dose is not (or no longer) taken",
    ),
    **dict.fromkeys(
        (
            "if",
            "unless",
            "until",
            "when",
            "whenever",
            "craving",
            "cravings",
            "drinking",
            "onset",
            "anticipated",
            "may",
            "tolerated",
            "necessary",
            "required",
            "reqd",
            "needed",
            "occasionally",
            "sometimes",
            "some",
            "intermittently",
            "optional",
        ),
        "makes the dose depend on a condition",
    ),
    **dict.fromkeys(
        (
            "max",
            "maximum",
            "max.",
            "exceed",
            "nte",
            "limit",
            "least",
            "less",
            "more",
            "minimum",
            "upto",
            "ceiling",
            "over",
            "above",
            "under",
            "below",
            "most",
            "greater",
            "higher",
            "lower",
            "fewer",
        ),
        "is a limit or a comparison, not a dose",
    ),
    **dict.fromkeys(
        (
            "reduce",
            "reduced",
            "reducing",
            "decrease",
            "decreased",
            "decreasing",
            "taper",
            "tapering",
            "wean",
            "weaning",
            "instead",
            "alternating",
            "alternate",
            "change",
            "changed",
            "switch",
            "switched",
            "adjust",
            "adjusted",
            "previous",
            "except",
            "excluding",
            "apart",
            "or",
            "first",
            "initially",
            "initial",
            "loading",
            "starting",
        ),
        "changes the dose or the schedule",
    ),
    **dict.fromkeys(
        (
            "directed",
            "directions",
            "dir",
            "usual",
            "manner",
            "clinic",
            "immediately",
            "stat",
            "advised",
            "instructed",
        ),
        "leaves the dose to instructions the text does not give",
    ),
}
#: Words that name a route other than by mouth (the depot's intramuscular route is read
#: by the regimen rule): a dose so given is not a Box 1 oral dose, and is refused.
OTHER_ROUTE_WORDS = frozenset(
    {
        "iv", "intravenous", "intravenously", "subcut", "subcutaneous", "subcutaneously",
        "sc", "sq", "subq", "implant", "implanted", "implants", "inserted", "insert", "pellet",
        "topical", "topically", "cream", "gel", "ointment", "lotion", "apply", "applied",
        "patch", "patches", "transdermal", "transdermally", "inhale", "inhaled", "inhaler",
        "inhalation", "nebulised", "nebulized", "puff", "puffs", "nasal", "intranasal",
        "intranasally", "nostril", "spray", "sprays", "eye", "eyes", "ophthalmic", "ear",
        "otic", "pr", "rectal", "rectally", "suppository", "suppositories", "vaginal",
        "vaginally", "pv", "sublingual", "sublingually", "sl", "buccal", "intrathecal",
        "troche", "troches", "lozenge", "lozenges", "oromucosal",
        "epidural", "infusion", "infuse", "intradermal", "id", "skin", "rub", "deltoid",
    }
)  # fmt: skip
#: Drugs a naltrexone line is likely to sit beside (other opioid antagonists, opioids and
#: treatments of opioid or alcohol use disorder, products that combine naltrexone with
#: another drug, common co-prescriptions): a text naming one is refused, since its masses
#: cannot be told apart from naltrexone's.
OTHER_DRUGS = frozenset(
    {
        "buprenorphine", "suboxone", "subutex", "sublocade", "zubsolv", "brixadi", "espranor",
        "methadone", "methadose", "physeptone", "naloxone", "narcan", "nyxoid", "prenoxad",
        "nalmefene", "selincro", "opvee", "methylnaltrexone", "relistor", "naldemedine",
        "symproic", "rizmoic", "naloxegol", "movantik", "moventig", "alvimopan", "bupropion",
        "contrave", "mysimba", "zyban", "wellbutrin", "samidorphan", "lybalvi", "olanzapine",
        "morphine", "embeda", "oxycodone", "targin", "targiniq", "troxyca", "hydrocodone",
        "tramadol", "tapentadol", "fentanyl", "codeine", "dihydrocodeine", "heroin",
        "diamorphine", "hydromorphone", "oxymorphone", "pethidine", "meperidine",
        "acamprosate", "campral", "disulfiram", "antabuse", "topiramate", "gabapentin",
        "pregabalin", "baclofen", "lofexidine", "clonidine", "sertraline", "fluoxetine",
        "citalopram", "escitalopram", "paroxetine", "venlafaxine", "duloxetine",
        "mirtazapine", "amitriptyline", "trazodone", "quetiapine", "aripiprazole",
        "varenicline", "nicotine", "ondansetron", "metformin", "levothyroxine", "vitamin",
        "acetaminophen", "paracetamol", "ibuprofen", "naproxen", "aspirin", "prednisolone",
        "prednisone", "warfarin", "dextromethorphan", "ketamine", "cannabidiol", "cbd",
        "thc", "glp-1", "semaglutide", "liraglutide", "tirzepatide", "phentermine",
    }
)  # fmt: skip
#: Words that make the number after them a patient's weight or age, not an amount.
PATIENT_WORDS = frozenset(
    {"wt", "weight", "weighs", "weighing", "bw", "age", "aged", "bmi", "pt", "patient"}
)
#: Words that make the number after them a day or week of a schedule ("day 1", "week 2").
SCHEDULE_INDEX_WORDS = frozenset({"day", "days", "week", "weeks", "wk", "wks", "month"})

#: Naltrexone's own names and brands: a text may name the drug it is about.
NALTREXONE_NAMES = frozenset(
    {
        "naltrexone", "naltrexon", "naltrexona", "naltrexonum", "ldn", "revia", "depade",
        "adepend", "nalorex", "naltrel", "nodict", "celupan", "antaxone", "narpan",
        "hydrochloride", "hcl", "low", "dose", "low-dose", "ntx", "vlntx",
    }
)  # fmt: skip
#: Words that pass without changing a dose: how to take it (by mouth, with water, whole),
#: where it is written (labels of a sig line), function words, and the indications a sig
#: names ("for alcohol dependence"). A word in no list of the reader is not read past: it
#: might be a frequency, a condition or a status the reader does not know, so the text is
#: refused and the word named.
HARMLESS_WORDS = frozenset(
    {
        # taking it
        "take", "takes", "taking", "taken", "tk", "give", "given", "use", "swallow", "whole",
        "mouth", "orally", "oral", "po", "by", "with", "water", "food", "milk", "glass",
        "meal", "meals", "empty", "stomach", "eating", "after",
        # forms and labels of a line
        "solution", "suspension", "liquid", "compounded", "sig", "rx", "route", "dose",
        "doses", "instructions", "label", "patient", "pt", "s", "x", "total", "each",
        "product", "medication", "medicine", "drug", "strength", "tablet", "tablets", "freq",
        "frequency", "early", "late", "review", "started", "prescribed", "prescription",
        "capsule", "capsules", "formulation", "generic", "brand", "pharmacy",
        # function words
        "a", "an", "the", "and", "to", "for", "of", "on", "in", "at", "be", "is", "are",
        "from", "as", "per", "then", "this", "that", "please", "do", "it", "one", "through",
        "than", "between", "into", "up", "your", "you", "start", "starting", "continue",
        "continuing", "ongoing", "current", "currently", "regular", "regularly", "usual",
        "dosage", "dosing", "sched", "schedule", "day", "days", "week", "weeks",
        # indications a sig may name
        "alcohol", "alcoholism", "dependence", "dependency", "disorder", "aud", "oud",
        "opioid", "opioids", "opiate", "opiates", "pain", "chronic", "fibromyalgia", "ms",
        "multiple", "sclerosis", "crohn", "crohns", "crohn's", "cancer", "disease", "crps",
        "syndrome", "inflammation", "inflammatory", "autoimmune", "long", "covid", "ibs",
        # notes of a record or a label that say nothing of the dose
        "home", "med", "meds", "reported", "supervised", "daw", "ok", "same", "keep", "out",
        "reach", "children", "store", "room", "temperature", "special", "order", "unlicensed",
        "filler", "avicel", "mcc", "microcrystalline", "cellulose", "onwards", "onward",
        "psoriasis", "arthritis", "depression", "treatment", "therapy", "maintenance",
        # trial and label wording
        "participants", "participant", "intervention", "recommended",
        "oris", "delivered", "deep", "administered", "will", "receive", "receives", "my",
        "get", "gets", "usp", "soln", "susp", "liq", "solr",
    }
)  # fmt: skip
#: Every word the reader knows by itself (units are known by the unit table): any other word
#: in a text stops the reading.
KNOWN_WORDS = frozenset().union(
    HARMLESS_WORDS, NALTREXONE_NAMES, FORM_WORDS, FORM_DESCRIPTORS, QUANTITY_WORDS,
    DEPOT_WORDS, STEP_WORDS, TITRATION_WORDS, TOTAL_WORDS, EACH_WORDS, NUMBER_WORDS,
    HOUSEHOLD_WORDS, CLOCK_WORDS, EVERY_WORDS, PATIENT_WORDS, SCHEDULE_INDEX_WORDS,
    MEANING_WORDS, OTHER_ROUTE_WORDS, OTHER_DRUGS,
    (phrase[0] for phrase in FREQUENCY_PHRASES if len(phrase) == 1),
)  # fmt: skip
