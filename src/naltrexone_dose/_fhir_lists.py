"""How the entries of a FHIR dosageInstruction list relate (SPEC, "FHIR lists").

Entries of one sequence either apply together, each at its own times of administration (a
morning entry and an evening entry: they add up), or one after the other, in bounds that do
not overlap (steps, ordered by their bounds). Any other pair is refused: together, one after
the other, or written twice? A text-only entry beside structured ones restates them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, Any

from ._errors import DoseSyntaxError, ErrorReason

if TYPE_CHECKING:
    from ._models import Dose

#: FHIR EventTiming codes by the part of the day they name. Codes of one part may be the same
#: administration (MORN and WAKE); C, AC, PC and IMD name no part of the day.
PART_OF_DAY = {
    **dict.fromkeys(("MORN", "MORN.early", "MORN.late", "WAKE", "CM", "ACM", "PCM"), "morning"),
    **dict.fromkeys(("NOON", "AFT", "AFT.early", "AFT.late", "CD", "ACD", "PCD"), "midday"),
    **dict.fromkeys(("EVE", "EVE.early", "EVE.late", "CV", "ACV", "PCV"), "evening"),
    **dict.fromkeys(("NIGHT", "HS", "PHS"), "night"),
}
_BOUNDS = ("boundsPeriod", "boundsDuration", "boundsRange")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_AMBIGUOUS = "together, one after the other, or written twice?"

Span = tuple[datetime | None, datetime | None]


@dataclass(frozen=True)
class Entry:
    """One Dosage of a list: its dose, and what places it beside the others."""

    place: str
    dosage: dict[str, Any]
    dose: Dose
    text_only: bool
    times: tuple[str, frozenset[str]] | None  # ("when" or "clock", the times it names)
    days: frozenset[str] | None
    bounds: str  # the bounds as written ("" for none): entries with the same apply together
    span: Span | None  # a boundsPeriod as [start, end), None when not placed in time


def entry(dosage: dict[str, Any], place: str, dose: Dose, *, text_only: bool) -> Entry:
    """What places a Dosage (already read into ``dose``) beside the other entries."""
    timing = dosage.get("timing")
    repeat = timing.get("repeat") if isinstance(timing, dict) else None
    repeat = repeat if isinstance(repeat, dict) else {}
    times: tuple[str, frozenset[str]] | None = None
    if repeat.get("when"):
        parts = [PART_OF_DAY.get(code) for code in repeat["when"]]
        if None not in parts:
            times = ("when", frozenset(str(part) for part in parts))
    elif repeat.get("timeOfDay"):
        times = ("clock", frozenset(clock_time(str(t)) for t in repeat["timeOfDay"]))
    days = frozenset(repeat["dayOfWeek"]) if repeat.get("dayOfWeek") else None
    written = {key: repeat[key] for key in _BOUNDS if key in repeat}
    bounds = json.dumps(written, sort_keys=True, default=str) if written else ""
    span = None
    if list(written) == ["boundsPeriod"] and isinstance(written["boundsPeriod"], dict):
        span = _span(written["boundsPeriod"], f"{place}.timing.repeat.boundsPeriod")
    return Entry(place, dosage, dose, text_only, times, days, bounds, span)


def clock_time(text: str) -> str:
    """08:00 and 08:00:00 are one time."""
    return text if text.count(":") > 1 else f"{text}:00"


def _instant(value: object, place: str, *, end: bool) -> datetime:
    """A FHIR date or dateTime as a moment (UTC when it has a zone); an end is the first
    moment after it, at its own precision (the end of 2024-01-07 is 2024-01-08 00:00)."""
    text = str(value)
    try:
        return _moment(text, end=end)
    except (ValueError, OverflowError):
        msg = f"{place} {text[:40]!r} is not a FHIR date or dateTime this reader can place"
        raise DoseSyntaxError(msg, ErrorReason.UNSUPPORTED_INPUT) from None


def _moment(text: str, *, end: bool) -> datetime:
    found = _DATE.fullmatch(text)
    if found is not None:
        year, month, day = int(found[1]), int(found[2] or 1), int(found[3] or 1)
        moment = datetime(year, month, day)  # noqa: DTZ001 - a FHIR date has no zone
        if not end:
            return moment
        if found[3]:
            return moment + timedelta(days=1)
        if found[2]:
            return datetime(year + month // 12, month % 12 + 1, 1)  # noqa: DTZ001
        return datetime(year + 1, 1, 1)  # noqa: DTZ001
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment + timedelta(seconds=1) if end else moment


def _span(period: dict[str, Any], place: str) -> Span:
    start = _instant(period["start"], f"{place}.start", end=False) if "start" in period else None
    end = _instant(period["end"], f"{place}.end", end=True) if "end" in period else None
    if start is not None and end is not None and end <= start:
        msg = f"{place} ends before it starts"
        raise DoseSyntaxError(msg, ErrorReason.UNSUPPORTED_INPUT)
    return start, end


def _overlap(a: Span, b: Span) -> bool:
    """Two spans [start, end) share a moment (None is no bound)."""
    first = a[0] is None or b[1] is None or a[0] < b[1]
    second = b[0] is None or a[1] is None or b[0] < a[1]
    return first and second


def _refuse(a: Entry, b: Entry, why: str) -> DoseSyntaxError:
    msg = f"{a.place} and {b.place} are in one sequence, and {why}: {_AMBIGUOUS}"
    return DoseSyntaxError(msg, ErrorReason.AMBIGUOUS_ENTRIES)


def blocks(entries: list[Entry]) -> list[list[Entry]]:
    """The structured entries of one sequence as consecutive blocks (steps), each a list of
    entries that apply together; refused where they neither follow one another nor stand
    at different times."""
    by_bounds: dict[str, list[Entry]] = {}
    for item in entries:
        by_bounds.setdefault(item.bounds, []).append(item)
    found = list(by_bounds.values())
    if len(found) > 1:
        for block in found:
            if block[0].span is None:
                other = next(b for b in found if b is not block)[0]
                why = "the bounds of one do not place it in time beside the other's"
                raise _refuse(block[0], other, why)
        found.sort(key=_start)
        for before, after in pairwise(found):
            if _overlap(before[0].span or (None, None), after[0].span or (None, None)):
                raise _refuse(before[0], after[0], "their bounds overlap")
    for block in found:
        for a, b in combinations(block, 2):
            if not _apart(a, b):
                why = "neither names its own times of administration, different from the other's"
                raise _refuse(a, b, why)
    return found


def _start(block: list[Entry]) -> tuple[int] | tuple[int, datetime]:
    """A block's start, for sorting: no start comes first."""
    start = (block[0].span or (None, None))[0]
    return (0,) if start is None else (1, start)


def _apart(a: Entry, b: Entry) -> bool:
    """Two entries name different times of administration (parts of the day, clock times of
    the same kind, or days of the week) and so apply together."""
    times = (
        a.times is not None
        and b.times is not None
        and a.times[0] == b.times[0]
        and a.times[1].isdisjoint(b.times[1])
    )
    days = a.days is not None and b.days is not None and a.days.isdisjoint(b.days)
    return times or days


def text_only_alone(texts: list[Entry]) -> Entry:
    """The one text-only entry of a sequence with no structured entry."""
    if len(texts) > 1:
        raise _refuse(texts[0], texts[1], "both are text alone")
    return texts[0]
