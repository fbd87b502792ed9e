"""Each row of SPEC's "How the parts of an instruction combine": every part of an
instruction is filled once, a second filling must agree with the first or the text is
refused, and nothing is ever summed that SPEC does not sum.

Each table row is (text, the daily dose in mg) or (text, the reason for the refusal); the
near-misses beside each reading are one word or one number away from it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from naltrexone_dose import DoseError, ErrorReason, classify_dose

# SPEC, "administrations a day": named times of day and clock times name the same
# administrations; never added.
SAME_ADMINISTRATIONS = [
    ("LDN 3 mg at night (22:00)", Fraction(3)),
    ("50 mg each morning at 7 am", Fraction(50)),
    ("4.5 mg nightly at 10 pm", Fraction(9, 2)),
    ("4.5 mg at bedtime (21:00)", Fraction(9, 2)),
    ("3 mg at noon (12:00)", Fraction(3)),
    ("50 mg twice daily (8 am, 8 pm)", Fraction(100)),
    ("25 mg morning and night (8 am, 8 pm)", Fraction(50)),
    ("4.5 mg 08:00 and 20:00", Fraction(9)),
]
TIMES_DISAGREE = [
    ("50 mg at night 8 am", ErrorReason.CONFLICTING_FREQUENCY),
    ("25 mg morning and night (8 am, 2 pm)", ErrorReason.CONFLICTING_FREQUENCY),
    ("25 mg bid at 8 am", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg in the morning (3 pm)", ErrorReason.CONFLICTING_FREQUENCY),
]

# SPEC, signs and marks: "q." and "every" with punctuation before their number are the
# interval they start; a "q" or "every" that nothing completes is a refusal.
INTERVALS = [
    ("take 50 mg q.8h", Fraction(150)),
    ("50 mg every: 8 hours", Fraction(150)),
    ("100 mg q. 48 h.", Fraction(50)),
    ("50 mg q 8h", Fraction(150)),
    ("4.5 mg q.d.", Fraction(9, 2)),
    ("4.5 mg every Tuesday, Thursday, and Saturday", Fraction(27, 14)),
]
INTERVALS_UNFINISHED = [
    ("50 mg q", ErrorReason.FREQUENCY_UNKNOWN),
    ("50 mg every", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg every, as before", ErrorReason.FREQUENCY_UNKNOWN),
]

# SPEC, "amount per administration", said twice: a restatement is checked, never multiplied
# again; a total beside a count is that administration's mass; "total daily dose" and a
# mass per day in brackets restate the day.
RESTATEMENTS = [
    ("3 caps, total 4.5 mg", Fraction(9, 2)),
    ("3 caps nightly, total 4.5 mg", Fraction(9, 2)),
    ("total: 4.5 mg nightly", Fraction(9, 2)),
    ("take 2 tabs 1 mg total", Fraction(1)),
    ("25 mg tabs, 2 tabs daily, total daily dose 50 mg", Fraction(50)),
    ("25 mg bid, total daily dose 50 mg", Fraction(50)),
    ("1.5 mg caps 3 caps nightly (4.5 mg/day)", Fraction(9, 2)),
    ("50 mg BID (100 mg/day)", Fraction(100)),
    ("Take 2 tablets (100 mg total) by mouth 2 times daily", Fraction(200)),
]
RESTATEMENTS_DISAGREE = [
    ("25 mg tabs, 2 tabs daily, total daily dose 100 mg", ErrorReason.MULTIPLE_AMOUNTS),
    ("50 mg BID (50 mg/day)", ErrorReason.MULTIPLE_AMOUNTS),
    ("25 mg bid, total 50 mg", ErrorReason.MULTIPLE_AMOUNTS),
    ("1.5 mg caps 3 caps nightly (3 mg/day)", ErrorReason.MULTIPLE_AMOUNTS),
]

# SPEC, "administrations a day": clock times ("0800 hrs", "@ 20:00", and "9h" only after
# "at"/"@" or joined to another clock time); a lone "12h" may mean 12-hourly.
CLOCK_TIMES = [
    ("50 mg 0900 hrs", Fraction(50)),
    ("50 mg 0900 hrs and 2100 hrs", Fraction(100)),
    ("1.5 mg 9h and 21h", Fraction(3)),
    ("4.5 mg at 2100h", Fraction(9, 2)),
    ("1.5 mg at 9h", Fraction(3, 2)),
    ("4.5 mg @ 21:00", Fraction(9, 2)),
    ("4.5 mg nightly @ 2100 hrs", Fraction(9, 2)),
    ("4.5 mg at night (2100h)", Fraction(9, 2)),
    ("4.5 mg for 12h", Fraction(9, 2)),
]
CLOCK_TIMES_UNSURE = [
    ("4.5 mg 12h", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg @ 4.5 mg", ErrorReason.EXPRESSION),
    ("4.5 mg in the morning 2100 hrs", ErrorReason.CONFLICTING_FREQUENCY),
]

# SPEC, "record fields": each field word claims the one number on its own side, never a
# second one; "PRN" after a refill word is about refills.
RECORD_FIELDS = [
    ("4.5 mg caps 3 refills 2 qd", Fraction(9)),
    ("4.5 mg caps 3 refills: 2 qd", Fraction(9)),
    ("#60 \u00bd tab of 50 mg daily", Fraction(25)),
    ("4.5 mg RF: PRN", Fraction(9, 2)),
    ("4.5 mg nightly refills: PRN", Fraction(9, 2)),
    ("4.5 mg nightly RF x2 DS 30", Fraction(9, 2)),
    ("4.5 mg nightly 30 DS", Fraction(9, 2)),
    ("4.5 mg nightly DS: 30", Fraction(9, 2)),
]
RECORD_FIELDS_UNPLACED = [
    ("4.5 mg nightly PRN RF 2", ErrorReason.FREQUENCY_UNKNOWN),
    ("naltrexone 50 mg tablet: take 1 tablet twice a day 20 rf 0", ErrorReason.UNPLACED_NUMBER),
]

# SPEC, signs and marks: a vulgar fraction joins only its own whole number; a fraction slash
# between digits ("11\u20442" from a PDF) is refused; fractions with no exact decimal too.
FRACTIONS = [
    ("1\u00bd tab of 3 mg", Fraction(9, 2)),
    ("1 \u00bd tabs of 50 mg daily", Fraction(75)),
    ("naltrexone 50 mg: \u00be tab daily", Fraction(75, 2)),
]
FRACTIONS_REFUSED = [
    ("take 2\u2153 tabs of 3 mg", ErrorReason.MALFORMED_NUMBER),
    ("take 1\u2154 tab of 3 mg", ErrorReason.MALFORMED_NUMBER),
    ("11\u20442 tabs of 1 mg", ErrorReason.MALFORMED_NUMBER),
    ("naltrexone 50 mg: \u215d tab daily", ErrorReason.MULTIPLE_AMOUNTS),
]

# SPEC, signs and marks: "I" before a verb is a pronoun, and "I am" no morning dose.
PRONOUNS = [
    ("I am on LDN 3 mg at bedtime", Fraction(3)),
    ("I'm on 4.5mg at bedtime", Fraction(9, 2)),
    ("I've been taking 3 mg LDN every night", Fraction(3)),
    ("I take 4.5 mg at night", Fraction(9, 2)),
    ("naltrexone 50 mg tabs: take i po qd", Fraction(50)),
]
PRONOUNS_PAST = [
    ("I was taking 4.5 mg nightly", ErrorReason.MEANING_CHANGED),
]

# SPEC, "record fields": a mass of 1 kg (2.2 lb) or more in text is no daily dose: beside a
# weight word it is the patient's weight, elsewhere a refusal.
BODY_WEIGHTS = [
    ("Wt 70 kg. LDN 4.5 mg at bedtime", Fraction(9, 2)),
    ("4.5 mg nightly, pt 70 kg", Fraction(9, 2)),
    ("4.5 mg weight 154 lb", Fraction(9, 2)),
    ("999 g", Fraction(999_000)),
]
BODY_WEIGHTS_REFUSED = [
    ("70 kg", ErrorReason.OUT_OF_RANGE),
    ("2 kg", ErrorReason.OUT_OF_RANGE),
    ("4.5 mg 154 lb", ErrorReason.OUT_OF_RANGE),
    ("1000 g daily", ErrorReason.OUT_OF_RANGE),
    ("2.2 lb", ErrorReason.OUT_OF_RANGE),
]

# SPEC, signs and marks: a comparison or approximation sign before any number, crossed-out
# lines and signs the reader does not know are refused; HTML entities are decoded first.
SIGNS = [
    ("&#52;.5 mg", Fraction(9, 2)),
    ("4.5&nbsp;mg nightly", Fraction(9, 2)),
    ("1&frac12; tabs of 3 mg", Fraction(9, 2)),
    ("Revia\u00ae 50 mg daily", Fraction(50)),
]
SIGNS_REFUSED = [
    ("> 2 tabs of 25 mg", ErrorReason.COMPARATOR),
    ("< 5 mg", ErrorReason.COMPARATOR),
    ("\u2266 1 mg", ErrorReason.COMPARATOR),
    ("\u2248 4.5 mg", ErrorReason.COMPARATOR),
    ("\u2260 4.5 mg", ErrorReason.COMPARATOR),
    ("\u274c 50 mg", ErrorReason.COMPARATOR),
    ("50 mg daily \u2714", ErrorReason.COMPARATOR),
    ("1.5 mg \u2192 4.5 mg", ErrorReason.COMPARATOR),
    ("<s>50 mg</s>", ErrorReason.MEANING_CHANGED),
    ("<del>50 mg</del> 4.5 mg", ErrorReason.MEANING_CHANGED),
    ("&lt;s&gt;50 mg", ErrorReason.MEANING_CHANGED),
    ("&lt;5 mg", ErrorReason.COMPARATOR),
    ("~~50 mg~~", ErrorReason.EXPRESSION),
]

# SPEC, "route, site, drug": another drug named anywhere is refused; "MS" is multiple
# sclerosis only after "for", and may be morphine sulfate anywhere else.
DRUGS = [
    ("LDN 4.5 mg for MS", Fraction(9, 2)),
    ("4.5 mg nightly for MS", Fraction(9, 2)),
]
DRUGS_REFUSED = [
    ("MS 15 mg", ErrorReason.OTHER_DRUG),
    ("LDN 4.5 mg (MS)", ErrorReason.OTHER_DRUG),
]

# SPEC, "steps": a step with no frequency of its own takes the earlier step's when that is
# once a day or less often, and is refused after more than once a day.
STEPS = [
    ("1.5 mg nightly, increase to 4.5 mg", Fraction(9, 2)),
    ("1.5 mg nightly then 4.5 mg", Fraction(9, 2)),
    ("1.5 mg every other day then 4.5 mg", Fraction(9, 4)),
    ("1.5 mg every other day, then 3 mg, then 4.5 mg", Fraction(9, 4)),
    ("1.5 mg bid then 4.5 mg nightly", Fraction(9, 2)),
    ("LDN 1.5mg: 1 nocte for 2 weeks, then 2 nocte for 2 weeks, then 3 nocte", Fraction(9, 2)),
]
STEPS_UNSURE = [
    ("1.5 mg bid, increase to 4.5 mg", ErrorReason.FREQUENCY_UNKNOWN),
    ("1.5 mg bid then 4.5 mg", ErrorReason.FREQUENCY_UNKNOWN),
    ("1 mg tid, then 2 mg", ErrorReason.FREQUENCY_UNKNOWN),
]

# SPEC, "days": a daily dose beside an amount on named days is refused (instead of, or in
# addition to?); amounts on days or times of their own add up.
DAYS = [
    ("50 mg on weekdays and 100 mg on Saturday", Fraction(50)),
    ("1 mg in the morning and 2 mg at night", Fraction(3)),
    ("4.5 mg on weekdays at night and 3 mg on weekends at night", Fraction(57, 14)),
]
DAYS_OVERLAP = [
    ("4.5 mg nightly; 3 mg on weekends", ErrorReason.MULTIPLE_AMOUNTS),
    ("2 mg in the morning, 1 mg in the morning on Sundays", ErrorReason.MULTIPLE_AMOUNTS),
    ("50 mg daily and 100 mg on Saturday", ErrorReason.MULTIPLE_AMOUNTS),
]

# SPEC, "record fields": "x N" right after a mass or a count multiplies it; after a
# frequency or at the end it is a duration; "4.5 mg/3 capsules" shares a mass between units.
TIMES = [
    ("25 mg x 2", Fraction(50)),
    ("25 mg x2", Fraction(50)),
    ("25 mg x 2 daily", Fraction(50)),
    ("2 x 4.5 mg", Fraction(9)),
    ("4.5 mg daily x30", Fraction(9, 2)),
    ("4.5 mg daily x 30", Fraction(9, 2)),
    ("4.5 mg x30", Fraction(9, 2)),
    ("1.5 mg qhs x7d, 3 mg qhs x7d, 4.5 mg qhs", Fraction(9, 2)),
]
TIMES_UNPLACED = [
    ("x3 4.5 mg", ErrorReason.UNPLACED_NUMBER),
    ("4.5 mg/3 capsules", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg nightly x 2 pm", ErrorReason.CONFLICTING_FREQUENCY),
]

# From the independent tester's first round: hours, clock marks, improper fractions of units,
# units shared with a mass, a total that is also "each", a sign after the dose.
TESTER_READINGS = [
    ("50 mg 1 hour before bedtime", Fraction(50)),
    ("4.5 mg at 12 pm", Fraction(9, 2)),
    ("1/2 tab of 50 mg daily", Fraction(25)),
    ("50 mg/tab, 1 daily", Fraction(50)),
]
TESTER_REFUSALS = [
    ("4.5 mg 12 hrs", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg at 13 pm", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg at 0 am", ErrorReason.FREQUENCY_UNKNOWN),
    ("11/2 tabs of 50 mg", ErrorReason.MALFORMED_NUMBER),
    ("21/2 tabs of 1 mg", ErrorReason.MALFORMED_NUMBER),
    ("3 capsules/4.5 mg", ErrorReason.MULTIPLE_AMOUNTS),
    ("2 tabs/100 mg daily", ErrorReason.MULTIPLE_AMOUNTS),
    ("3 caps total 4.5 mg each", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg >", ErrorReason.COMPARATOR),
    ("4.5 mg qhs \u0336", ErrorReason.COMPARATOR),
]

# SPEC, "days": an exception takes its days away from the days named beside it ("Mon-Fri
# except Wednesday" is four days), or from the whole week; a day range after "except" is
# every day of it.
EXCEPTIONS = [
    ("50 mg Mon-Fri except Wednesday", Fraction(200, 7)),
    ("50 mg weekdays except Friday", Fraction(200, 7)),
    ("50 mg daily except Mon-Sat", Fraction(50, 7)),
    ("50 mg daily except Sat-Sun", Fraction(250, 7)),
    ("50 mg bid except Wed-Fri", Fraction(400, 7)),
    ("50 mg daily except Sunday", Fraction(300, 7)),
    ("50 mg Mon.-Fri.", Fraction(250, 7)),
    ("50 mg daily except Sunday and 100 mg on Sunday", Fraction(400, 7)),
]
EXCEPTIONS_REFUSED = [
    ("4.5 mg Saturday except Saturday", ErrorReason.MEANING_CHANGED),
    ("4.5 mg weekends except Sat-Sun", ErrorReason.MEANING_CHANGED),
    ("50 mg daily except Sunday; 100 mg Saturday", ErrorReason.MULTIPLE_AMOUNTS),
]

# SPEC, "limits": the dose keeps to its limit or the input is refused; a limit per dose
# bounds each amount taken at once, a limit per day the most taken on any one day.
LIMITS = [
    ("100 mg every other day, max 150 mg/day", Fraction(50)),
    ("naltrexone 50 mg daily, max 100 mg/day", Fraction(50)),
    ("4.5 mg daily, no more than 4.5 mg in 24 hours", Fraction(9, 2)),
    ("1.5 mg nightly, maximum daily dose 1.5 mg", Fraction(3, 2)),
    ("50 mg daily, max 350 mg/week", Fraction(50)),
]
LIMITS_BROKEN = [
    ("100 mg every other day, max 50 mg per dose", ErrorReason.MEANING_CHANGED),
    ("150 mg every third day, max 100 mg per dose", ErrorReason.MEANING_CHANGED),
    ("150 mg every third day, max 100 mg/day", ErrorReason.MEANING_CHANGED),
    ("100 mg Mon, Wed, 150 mg Fri, max 100 mg/day", ErrorReason.MEANING_CHANGED),
    ("50 mg weekdays, 100 mg Saturday, max 50 mg/day", ErrorReason.MEANING_CHANGED),
    ("1.5 mg tid, max 1 mg per dose", ErrorReason.MEANING_CHANGED),
    ("1.5 mg bid on weekdays, max 2 mg/day", ErrorReason.MEANING_CHANGED),
]

# SPEC, naltrexone facts: the depot is 380 mg every 4 weeks, 28 days or a month; any other
# interval in months is refused, and a daily total beside it restates what it does not have.
DEPOT = [
    ("380 mg every 1 month", None),
    ("380 mg monthly", None),
    ("380 mg IM every 4 weeks", None),
]
DEPOT_REFUSED = [
    ("380 mg every 2 months", ErrorReason.FREQUENCY_UNKNOWN),
    ("380 mg every 0.5 months", ErrorReason.FREQUENCY_UNKNOWN),
    ("380 mg q2 months", ErrorReason.FREQUENCY_UNKNOWN),
    ("380 mg every 4 weeks (13.6 mg/day)", ErrorReason.MULTIPLE_AMOUNTS),
]

# SPEC, "steps": ordered by when they apply (by the day or week each names), not by where
# they are written; a text that names only a starting dose gives no maintenance step.
STEP_ORDER = [
    ("25 mg on day 1, then 50 mg daily", Fraction(50)),
    ("Day 1: 25 mg. Day 2 onwards: 50 mg daily", Fraction(50)),
    ("week 2: 3 mg nightly; week 1: 1.5 mg nightly", Fraction(3)),
    ("Week 3: 4.5 mg. Week 2: 3 mg. Week 1: 1.5 mg. Nightly.", Fraction(9, 2)),
    ("day 3+: 50 mg daily; day 1-2: 25 mg", Fraction(50)),
    ("1.5 mg nightly for week 1, 3 mg nightly for week 2, then 4.5 mg nightly", Fraction(9, 2)),
    ("4.5 mg nightly from week 3; 1.5 mg nightly in week 1", Fraction(9, 2)),
    ("Start 1.5 mg nightly, increase by 1.5 mg weekly to 4.5 mg nightly", Fraction(9, 2)),
    ("1.5 mg qhs wk 1-2, 3 mg qhs wk 3-4, 4.5 mg qhs wk 5+", Fraction(9, 2)),
]
STEP_ORDER_REFUSED = [
    ("50 mg daily thereafter, 25 mg on day 1", ErrorReason.FREQUENCY_UNKNOWN),
    ("50 mg daily; days 1-3: 25 mg daily", ErrorReason.FREQUENCY_UNKNOWN),
    ("start 25 mg", ErrorReason.FREQUENCY_UNKNOWN),
    ("Start naltrexone 50 mg daily", ErrorReason.FREQUENCY_UNKNOWN),
    ("start LDN 1.5 mg nightly", ErrorReason.FREQUENCY_UNKNOWN),
    ("start at 1.5 mg nightly", ErrorReason.FREQUENCY_UNKNOWN),
    ("25 mg on day 1", ErrorReason.FREQUENCY_UNKNOWN),
]

# From the independent tester's second round: units with no number, doses taken for body
# weights, uncounted meals beside a time, times with days of their own, chained ranges, a
# rate beside a frequency that disagrees, forms held in the mouth.
TESTER_SECOND = [
    ("pt 4.5 mg qhs", Fraction(9, 2)),
    ("age 45, 4.5 mg nightly", Fraction(9, 2)),
    ("1 mg morning and night on weekdays", Fraction(10, 7)),
    ("1.5-3 mg", Fraction(3)),
    ("2.25 mg/12h bid", Fraction(9, 2)),
    ("4.5 mg/day at bedtime", Fraction(9, 2)),
    ("0.5 mg three times daily with meals", Fraction(3, 2)),
]
TESTER_SECOND_REFUSED = [
    ("Mg 400 mg daily", ErrorReason.UNKNOWN_WORD),
    ("mg: 50 mg", ErrorReason.UNKNOWN_WORD),
    ("LDN 4.5 mg qhs, patient 3 mg", ErrorReason.MULTIPLE_AMOUNTS),
    ("1 mg with meals and at bedtime", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg at 8 am on weekdays and 8 pm on weekends", ErrorReason.CONFLICTING_FREQUENCY),
    ("1.5 mg-3 mg-4.5 mg", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg/12h tid", ErrorReason.CONFLICTING_FREQUENCY),
    ("50 mg/day bid", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg troche", ErrorReason.UNSUPPORTED_ROUTE),
    ("2 troches daily of 1.5 mg", ErrorReason.UNSUPPORTED_ROUTE),
]

# From the independent tester's third round: a bracketed mass after a duration, "x N"
# before a record word, counts before am/pm, "per dose" restatements, a total equal to the
# strength beside two units.
TESTER_THIRD = [
    ("naltrexone 50 mg x 3 refills", Fraction(50)),
    ("4.5 mg x 2 refills bid", Fraction(9)),
    ("50 mg tabs - take i AM & PM", Fraction(100)),
    ("LDN 1 mg/mL, take 4.5 mL nightly (4.5 mg per dose)", Fraction(9, 2)),
    ("1.5 mg caps, 3 caps nightly (4.5 mg per dose)", Fraction(9, 2)),
    ("4.5 mg per dose nightly", Fraction(9, 2)),
    ("4.5 mg (4500 mcg) nightly", Fraction(9, 2)),
]
TESTER_THIRD_REFUSED = [
    ("4.5 mg qhs for 14 days (63 mg)", ErrorReason.MULTIPLE_AMOUNTS),
    ("50 mg qd x 30 d #30 (1500 mg)", ErrorReason.MULTIPLE_AMOUNTS),
    ("100 mg every other day x 2 weeks (total 700 mg)", ErrorReason.MULTIPLE_AMOUNTS),
    ("LDN 1.5 mg caps, take 3 PM", ErrorReason.FREQUENCY_UNKNOWN),
    ("naltrexone 25 mg tablets: 3 AM & PM", ErrorReason.FREQUENCY_UNKNOWN),
    ("LDN 1 mg/mL, take 4.5 mL nightly (1 mg per dose)", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg daily, 9 mg per dose", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 25 mg tabs: take 3 tablets daily (50 mg per dose)", ErrorReason.MULTIPLE_AMOUNTS),
    ("take 2 tablets of 25 mg (25 mg total) daily", ErrorReason.MULTIPLE_AMOUNTS),
]

# The tester's third round, continued: one time written two ways, time windows, days that
# bound a schedule, starting doses, amounts by time with an interval, frequencies joined by
# "and", the depot's mass as an extended-release product, units that are not split, a day
# scheme beside a time of day, "repeat", "am" as a verb, one-off occasions.
TESTER_THIRD_MORE = [
    ("4.5 mg at 9 pm and 21:00", Fraction(9, 2)),
    ("4.5 mg 21:00-22:00", Fraction(9, 2)),
    ("4.5 mg 9 pm to 10 pm", Fraction(9, 2)),
    ("1 mg at 8 am and 2 mg at 8 pm", Fraction(3)),
    ("50 mg Monday to Friday", Fraction(250, 7)),
    ("25 mg to start, then 50 mg daily", Fraction(50)),
    ("2 mg in the morning and at night", Fraction(4)),
    ("naltrexone 50 mg tab take a quarter tablet daily", Fraction(25, 2)),
    ("naltrexone 50mg tablets 1-0-1", Fraction(100)),
    ("Am on 3 mg at night", Fraction(3)),
    ("Pt am on 3 mg qhs", Fraction(3)),
    ("4.5 mg am on weekdays", Fraction(45, 14)),
    ("Naltrexone 50 mg daily (Mon-Fri) and 100 mg Sat", Fraction(50)),
]
TESTER_THIRD_MORE_REFUSED = [
    ("3 mg at night and 4.5 mg at 10 pm", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg at 08:00 or 20:00", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg nightly from Monday", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg daily to Friday", ErrorReason.CONFLICTING_FREQUENCY),
    ("Start: 25 mg daily", ErrorReason.FREQUENCY_UNKNOWN),
    ("25 mg to start", ErrorReason.FREQUENCY_UNKNOWN),
    ("1.5 mg at 8 am and 3 mg at 8 pm every other day", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg nightly and weekly", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg daily and at bedtime", ErrorReason.CONFLICTING_FREQUENCY),
    ("naltrexone ER 380 mg daily", ErrorReason.UNSUPPORTED_ROUTE),
    ("XR naltrexone 380 mg weekly", ErrorReason.UNSUPPORTED_ROUTE),
    ("naltrexone 50 mg, 1/3 tab daily", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg capsule, take \u00bd capsule", ErrorReason.MULTIPLE_AMOUNTS),
    ("4.5 mg 1-0-0 at night", ErrorReason.CONFLICTING_FREQUENCY),
    ("50 mg, repeat in the evening", ErrorReason.MEANING_CHANGED),
    ("50 mg this evening", ErrorReason.MEANING_CHANGED),
    ("4.5 mg Monday morning and Thursday night", ErrorReason.CONFLICTING_FREQUENCY),
]

# Coverage of what others write (the corpus's new sources), each rule with its near-miss:
# mixed numbers, "1 time every N hours", counts before "-" or at the end of a clause, the
# UK "ON" after a count, indications after a regular frequency, phrases holding a meaning
# word that change nothing, the depot's interval restated, trial and label wording.
COVERAGE = [
    ("naltrexone 50mg tablets 1 and 1/2 tablets once daily", Fraction(75)),
    ("naltrexone 50mg tablets, 1 1/2 tablets daily", Fraction(75)),
    ("Naltrexone 25mg tablets: 2 and a half tablets per day", Fraction(125, 2)),
    ("LDN 1.5 mg 1 time every 8 hours", Fraction(9, 2)),
    ("naltrexone 50 mg 1 time every 2 days", Fraction(25)),
    ("Vivitrol 380 mg 1 time every 4 weeks", None),
    ("1.5 mg capsules x3 at night", Fraction(9, 2)),
    ("Naltrexone 50mg tablets | 1 on", Fraction(50)),
    ("Naltrexone 50mg tablets | 1 - daily", Fraction(50)),
    ("Naltrexone 25mg tablets: 2-bd", Fraction(100)),
    ("Naltrexone 50mg tablets: Every day take 1", Fraction(50)),
    ("LDN 1.5 mg capsules, take 3 (4.5 mg) at bedtime", Fraction(9, 2)),
    ("Naltrexone 50mg tablets | take one daily to reduce cravings", Fraction(50)),
    ("Naltrexone 50mg tablets: half a tablet at night for cravings", Fraction(25)),
    ("4.5 mg nightly until discontinued", Fraction(9, 2)),
    ("Vivitrol 380 mg IM q4wk, alternate buttocks", None),
    ("50 milligram - once a day - oral - Take with or after food", Fraction(50)),
    ("naltrexone 50mg tab 1 tab po daily - do not crush or chew", Fraction(50)),
    ("A dose of 50 mg once daily is recommended for most patients.", Fraction(50)),
    ("NTX 50 mg daily", Fraction(50)),
    ("XR-NTX 380 mg q4wk", None),
    ("380 mg into the muscle every 4 weeks", None),
    ("380 mg every 4 weeks or monthly", None),
    ("1 mg tid pc", Fraction(3)),
    ("Participants take 4.5 mg LDN daily for 8 weeks", Fraction(9, 2)),
    ("LDN 4.5 mg per oris nightly", Fraction(9, 2)),
    ("naltrexone 50 mg 1 po qd RF PRN", Fraction(50)),
    ("1.5 mg 1-2 times daily", Fraction(3)),
    ("LDN 1.5 mg 2 to 3 times per day", Fraction(9, 2)),
    ("LDN 4.5 mg 1 to 3 times per week", Fraction(27, 14)),
    ("1-2 tablets 1-2 times daily of 1.5 mg", Fraction(6)),
    ("LDN 1.5 mg caps, 1 in the morning and 2 at night", Fraction(9, 2)),
    ("LDN 1.5 mg caps: 2 caps @ 8:00, 1 hs", Fraction(9, 2)),
    ("naltrexone 25 mg tablets: 2 tabs mane 1 tab nocte", Fraction(75)),
    ("LDN 1.5 mg caps, take 2 at 8 pm", Fraction(3)),
    (
        (
            "LDN 0.5mg capsules: 2 at 08:00, 1 at 11:00, 1 at 14:00, 1 at 17:00, 1 at 20:00, "
            "1 at 23:00"
        ),
        Fraction(7, 2),
    ),
]
COVERAGE_MORE = [
    ("4.5 mg every 4-6 hours", Fraction(27)),
    ("naltrexone 100 mg every 2-3 days", Fraction(50)),
    ("LDN 1.5 mg po q 6-8 h", Fraction(6)),
    ("Naltrexone 50mg tablets: 1 tablet per day for up to 2 weeks", Fraction(50)),
    ("Naltrexone 25mg tablets: 2 tablets three times a day for at least 5 days", Fraction(150)),
    ("LDN 4.5 mg nightly for 1 to 3 months", Fraction(9, 2)),
    ("XR-NTX 380mg IM monthly x 6 months", None),
    ("naltrexone 380 mg 1/month", None),
    ("naltrexone 50 mg daily from 2.12.2024 to 04.12.2024", Fraction(50)),
    ("Rx: 2016003 Naltrexone 50mg Refills: 8 TAKE 1 TABLET DAILY", Fraction(50)),
    ("LDN 4.5mg CAP #30 DS30 RF2: 1 CAP PO QHS", Fraction(9, 2)),
    ("NALTREXONE HCL 1 MG/ML PO SOLN: 4.5 mL nightly", Fraction(9, 2)),
    ("NALTREXONE HCL 50 MG TB: 1 TB PO QD", Fraction(50)),
    ("LDN 1.5 MG CP: 3 CP PO QHS", Fraction(9, 2)),
    ("LDN 1.5 mg during the morning and during the afternoon", Fraction(3)),
    ("naltrexone 50 mg PO with breakfast, lunch and dinner", Fraction(150)),
    ("I get my Vivitrol 380 mg shot every 4 weeks", None),
    ("LDN 1.5mg capsules: 1 capsule every morning for fatigue", Fraction(3, 2)),
    ("Participants will receive naltrexone 50 mg orally once daily for 12 weeks", Fraction(50)),
]
COVERAGE_NEAR_MISSES = [
    ("50 mg daily up to 25 mg", ErrorReason.MEANING_CHANGED),
    ("50 mg up to 2 weeks", ErrorReason.MEANING_CHANGED),
    ("Naltrexone 50mg tablets: take 2 tablets on 2.12.2024", ErrorReason.MEANING_CHANGED),
    ("naltrexone 380 mg 2/month", ErrorReason.UNKNOWN_WORD),
    ("4.5 mg every 6-4 hours", ErrorReason.FREQUENCY_UNKNOWN),
    ("LDN 1.5mg capsules: 1 capsule for fatigue", ErrorReason.UNKNOWN_WORD),
    ("50 mg for cravings", ErrorReason.MEANING_CHANGED),
    ("50 mg daily or once a month", ErrorReason.MEANING_CHANGED),
    ("1 mg pc", ErrorReason.FREQUENCY_UNKNOWN),
    ("1 mg pc at night", ErrorReason.FREQUENCY_UNKNOWN),
    ("LDN 1.5 mg capsules, take 3 (3 mg) at bedtime", ErrorReason.MULTIPLE_AMOUNTS),
    ("Naltrexone 50mg tablets: take 12", ErrorReason.UNPLACED_NUMBER),
    ("4.5 mg 2 - 3", ErrorReason.UNPLACED_NUMBER),
    ("4.5 mg nightly until better", ErrorReason.MEANING_CHANGED),
    ("1 mg 1-2 times daily at bedtime", ErrorReason.CONFLICTING_FREQUENCY),
    ("LDN 1.5 mg caps, 1 in the morning and 2 in the morning", ErrorReason.MULTIPLE_AMOUNTS),
    (
        "naltrexone 50 mg: take 2 tablets in the morning and 1 at night",
        ErrorReason.MULTIPLE_AMOUNTS,
    ),
    ("1.5 mg caps 1 in the morning and 2", ErrorReason.UNPLACED_NUMBER),
]


def test_a_range_of_frequencies_keeps_both_ends() -> None:
    result = classify_dose("4.5 mg 1-2 times daily")
    assert (result.dose.low_mg_per_day, result.mg_per_day) == (Fraction(9, 2), Fraction(9))
    assert result.range is not None
    assert result.range.crosses_boundary


# The second independent tester's holes (H1-H22), each a rule: a frequency beside an
# activity (dispensing, review, supervision) is not the dose's; "every night" beside an
# interval or named days is two frequencies; entities decoded once only; "mass and a half";
# bracketed times and days restate; two times on a dosing day of an interval; "start" with a
# name; UK "on" before "and"; limits over any stretch of their period; the depot with a time
# of day or the deltoid; an injection site beside an oral dose; steps that overlap.
TESTER_ROUND_TWO = [
    ("4.5 mg at bedtime weekly", Fraction(9, 14)),
    ("50 mg daily Mon-Fri", Fraction(250, 7)),
    ("50 mg every day except Sunday", Fraction(300, 7)),
    ("4.5 mg at 10 pm (22:00)", Fraction(9, 2)),
    ("50 mg on Monday (Monday)", Fraction(50, 7)),
    ("25 mg tabs: 1 tab on and 1 tab om", Fraction(50)),
    ("25 mg tabs: 1 tab mane and 1 tab on until review", Fraction(50)),
    ("150 mg every third day, max 450 mg/week", Fraction(50)),
    ("start 1.5 mg nightly, increase by 1.5 mg weekly to 4.5 mg nightly, then 3 mg", Fraction(3)),
    ("naltrexone 50 mg 1 daily dispense 90", Fraction(50)),
    ("4.5mg at night, review in 3 months", Fraction(9, 2)),
    ("qty: 30 x 4.5 mg", Fraction(9, 2)),
    ("4.5 mg x30", Fraction(9, 2)),
]
TESTER_ROUND_TWO_REFUSED = [
    ("4.5 mg nightly, dispensed weekly", ErrorReason.MEANING_CHANGED),
    ("4.5 mg nightly, weekly review", ErrorReason.MEANING_CHANGED),
    ("50 mg daily, supervised Mon-Fri", ErrorReason.MEANING_CHANGED),
    ("50 mg daily, pharmacy on Mondays", ErrorReason.MEANING_CHANGED),
    ("4.5 mg every night weekly", ErrorReason.CONFLICTING_FREQUENCY),
    ("4.5 mg once nightly, once weekly", ErrorReason.CONFLICTING_FREQUENCY),
    ("50 mg every day Mon-Fri", ErrorReason.CONFLICTING_FREQUENCY),
    ("&amp;#52;.5 mg", ErrorReason.EXPRESSION),
    ("&#50 5 mg", ErrorReason.EXPRESSION),
    ("4 mg and a half at bedtime", ErrorReason.MALFORMED_NUMBER),
    ("4.5 mg at 9 pm (9:00)", ErrorReason.CONFLICTING_FREQUENCY),
    ("50 mg on Monday (Tuesday)", ErrorReason.CONFLICTING_FREQUENCY),
    ("100 mg every other day 08:00 and 20:00", ErrorReason.CONFLICTING_FREQUENCY),
    ("start naltrexone 25 mg daily", ErrorReason.FREQUENCY_UNKNOWN),
    ("100 mg every other day, max 350 mg/week", ErrorReason.MEANING_CHANGED),
    ("380 mg IM every 4 weeks nightly", ErrorReason.CONFLICTING_FREQUENCY),
    ("380 mg IM deltoid q4wk", ErrorReason.UNSUPPORTED_ROUTE),
    ("50 mg daily, alternate buttocks", ErrorReason.UNSUPPORTED_ROUTE),
    ("week 2: 3 mg nightly; week 2: 1.5 mg nightly", ErrorReason.FREQUENCY_UNKNOWN),
    ("50 mg daily until discontinued, then 100 mg daily", ErrorReason.FREQUENCY_UNKNOWN),
    ("\u20394.5 mg nightly", ErrorReason.COMPARATOR),
    ("4.5 mg \u00bf", ErrorReason.MEANING_CHANGED),
    ("wt 70 kg x 0.05 mg", ErrorReason.UNPLACED_NUMBER),
    ("50 mg x 7", ErrorReason.UNPLACED_NUMBER),
    ("4.5 mg x 2 x 2 nightly", ErrorReason.UNPLACED_NUMBER),
    ("from 4.5 mg to 3 mg nightly", ErrorReason.MEANING_CHANGED),
    ("4.5 mg q12h+", ErrorReason.COMPARATOR),
]

# The final round's one family (amounts by time): a count for one time of day after another
# time or a frequency is refused; counts before all the times are taken at each.
FINAL_ROUND = [
    ("50 mg tabs - take i AM & PM", Fraction(100)),
    ("naltrexone 25 mg tablets, take 2 tablets twice daily (8 am and 8 pm)", Fraction(100)),
    ("25 mg tabs: 1 tab on and 1 tab om", Fraction(50)),
    ("Naltrexone 50mg tablets daily: 1 each", Fraction(50)),
    ("LDN 4.5 mg x3 refills", Fraction(9, 2)),
    ("in week 2, 3 mg nightly; in week 1, 1.5 mg nightly", Fraction(3)),
    ("naltrexone 50 mg tablet: Take 1 tablet by mouth 1-3 hours before bedtime", Fraction(50)),
    ("[4.5 mg] nightly", Fraction(9, 2)),
]
FINAL_ROUND_REFUSED = [
    ("LDN 1.5 mg capsule nightly and 2 in the morning", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 25 mg tablet in the morning and 2 at bedtime", ErrorReason.MULTIPLE_AMOUNTS),
    ("one 50 mg tablet daily and one at bedtime", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 50 mg tablet daily and half at night", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 25 mg tablet, one daily and one at bedtime", ErrorReason.MULTIPLE_AMOUNTS),
    ("naltrexone 25 mg tablet at 8 am and 2 at 8 pm", ErrorReason.MULTIPLE_AMOUNTS),
    ("one 50 mg tablet daily and another at night", ErrorReason.UNKNOWN_WORD),
    ("50 mg tabs: 1 in the morning, 1 at 9 am", ErrorReason.MULTIPLE_AMOUNTS),
    ("1.5 mg bid, then increase", ErrorReason.MEANING_CHANGED),
    ("4.5 mg every 5-10 days", ErrorReason.FREQUENCY_UNKNOWN),
    ("4.5 mg 6-8 days a week", ErrorReason.UNPLACED_NUMBER),
    ("Vivitrol 380 mg IM q4wk (2 vials)", ErrorReason.UNSUPPORTED_ROUTE),
    ("[s]4.5 mg[/s]", ErrorReason.MEANING_CHANGED),
    ("4.5 mg (X)", ErrorReason.UNPLACED_NUMBER),
    ("half dose 4.5 mg", ErrorReason.MEANING_CHANGED),
    ("4.5 mg x2 strength", ErrorReason.UNPLACED_NUMBER),
    ("4.5 mg x 0", ErrorReason.UNPLACED_NUMBER),
    ("&#8260;2 mg", ErrorReason.MALFORMED_NUMBER),
]

READINGS = (
    FINAL_ROUND + TESTER_ROUND_TWO + COVERAGE + COVERAGE_MORE + TESTER_THIRD_MORE + TESTER_THIRD + STEP_ORDER + TESTER_SECOND + LIMITS + DEPOT + EXCEPTIONS + TESTER_READINGS + STEPS + DAYS + TIMES + SIGNS + DRUGS + BODY_WEIGHTS + SAME_ADMINISTRATIONS + INTERVALS + RESTATEMENTS + CLOCK_TIMES + RECORD_FIELDS + FRACTIONS
    + PRONOUNS
)  # fmt: skip
REFUSALS = (
    FINAL_ROUND_REFUSED + TESTER_ROUND_TWO_REFUSED + COVERAGE_NEAR_MISSES + TESTER_THIRD_MORE_REFUSED + TESTER_THIRD_REFUSED + STEP_ORDER_REFUSED + TESTER_SECOND_REFUSED + LIMITS_BROKEN + DEPOT_REFUSED + EXCEPTIONS_REFUSED + TESTER_REFUSALS + STEPS_UNSURE + DAYS_OVERLAP + TIMES_UNPLACED + SIGNS_REFUSED + DRUGS_REFUSED + BODY_WEIGHTS_REFUSED + TIMES_DISAGREE + INTERVALS_UNFINISHED + RESTATEMENTS_DISAGREE + CLOCK_TIMES_UNSURE
    + RECORD_FIELDS_UNPLACED + FRACTIONS_REFUSED + PRONOUNS_PAST
)  # fmt: skip


@pytest.mark.parametrize(("text", "mg_per_day"), READINGS)
def test_each_part_is_filled_once(text: str, mg_per_day: Fraction | None) -> None:
    result = classify_dose(text)
    assert result.mg_per_day == mg_per_day
    if mg_per_day is None:  # the depot: no daily dose, and never averaged
        assert result.dose.basis.value == "depot"


@pytest.mark.parametrize(("text", "reason"), REFUSALS)
def test_a_second_filling_that_disagrees_is_refused(text: str, reason: ErrorReason) -> None:
    with pytest.raises(DoseError) as caught:
        classify_dose(text)
    assert caught.value.reason is reason


def test_a_restated_daily_total_is_shown_as_a_restatement() -> None:
    parts = classify_dose("50 mg BID (100 mg/day)").dose.explanation
    assert [(part.text, part.role) for part in parts if "100" in part.text] == [
        ("100 mg/day", "restated daily total")
    ]
