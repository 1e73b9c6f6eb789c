"""Dates and times as proposals print them, normalised to ``YYYY-MM-DD[THH:MM]``.

``05/09/2024``, ``05.09.24``, ``06/20/2024- 3:35PM``, ``May 9, 2024``.  Shared by the readers,
the renderers (colour key files) and the workspace.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Dict, List, Optional, Sequence, Tuple

#: A printed date (month first, as US proposals print it), with an optional time.
DATE_PATTERN = re.compile(
    r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})(?!\d)"
    r"(?:\s*[-,@]?\s*(?:[Aa]t\s+|[Tt]ime\s*:?\s*|\()?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())}
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
                        "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
#: "June 26, 2024", "Mar. 5th, 2025", "Sept 5 2025", with an optional time after it.
_LONG_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(\d{1,2})"
    r"(?:st|nd|rd|th)?,?\s+(\d{4})\b"
    r"(?:\s*[-,@]?\s*(?:[Aa]t\s+|[Tt]ime\s*:?\s*|\()?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?",
    re.I)
#: The day first: "9 May 2024", "9th of May, 2024", "09 Sept 2025", with an optional time.
_DAY_MONTH_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|"
    r"Nov|Dec)\.?,?\s+(\d{4})\b"
    r"(?:\s*[-,@]?\s*(?:[Aa]t\s+|[Tt]ime\s*:?\s*|\()?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?",
    re.I)
#: An ISO date printed in a document ("2024-05-09"), with an optional time.
_ISO_IN_TEXT = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])"
                          r"(?:[T ](\d{1,2}):(\d{2}))?")


def calendar_date(year: int, month: int, day: int, hour: Optional[int] = None,
                  minute: Optional[int] = None) -> Optional[str]:
    """``YYYY-MM-DD[THH:MM]`` when it names a real day (and time), else None.

    The one check every date passes wherever it enters (documents, the command line, key
    files, the workspace): 2024-13-45, 2024-02-30 and 25:99 are not dates.
    """
    try:
        _dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None
    out = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is None and minute is None:
        return out
    if hour is None or minute is None or not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return f"{out}T{hour:02d}:{minute:02d}"


def parse_date(text: str) -> Tuple[Optional[str], Optional[re.Match]]:
    """The first date (and time) in ``text`` as ``YYYY-MM-DD[THH:MM]``, with its match.

    A printed date that names no real day (02/30/2024) or time (25:99) is not a date.
    """
    for m in DATE_PATTERN.finditer(text or ""):
        mon, day, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) + (2000 if len(year) == 2 else 0)
        day_only = calendar_date(y, mon, day)
        if day_only is None:
            continue
        if m.group(4):
            hour, minute = int(m.group(4)), int(m.group(5))
            ampm = (m.group(6) or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            if ampm == "am" and hour == 12:
                hour = 0
            timed = calendar_date(y, mon, day, hour, minute)
            if timed is not None and not (ampm and not 1 <= int(m.group(4)) <= 12):
                return timed, m
            # a time that does not exist (25:99, 14:00 PM): the day stands without it
        return day_only, m
    for pattern, month_at, day_at in ((_LONG_DATE, 1, 2), (_DAY_MONTH_DATE, 2, 1)):
        for m2 in pattern.finditer(text or ""):
            mon = _month(m2.group(month_at))
            day = int(m2.group(day_at))
            out = calendar_date(int(m2.group(3)), mon, day)
            if out is not None:
                if m2.group(4):
                    timed = _timed(int(m2.group(3)), mon, day, m2.group(4), m2.group(5),
                                   m2.group(6))
                    out = timed or out
                return out, m2
    for m3 in _ISO_IN_TEXT.finditer(text or ""):
        out = calendar_date(int(m3.group(1)), int(m3.group(2)), int(m3.group(3)))
        if out is not None:
            if m3.group(4):
                out = calendar_date(int(m3.group(1)), int(m3.group(2)), int(m3.group(3)),
                                    int(m3.group(4)), int(m3.group(5))) or out
            return out, m3
    return None, None


def _month(name: str) -> int:
    """1-12 for a month's name or abbreviation ("May", "Sept", "dec")."""
    name = name.lower()
    return _MONTHS.get(name) or _MONTH_ABBREVIATIONS[name[:4] if name[:4] == "sept"
                                                     else name[:3]]


def _timed(year: int, month: int, day: int, hour: str, minute: str,
           ampm: Optional[str]) -> Optional[str]:
    """A day and a printed time (``3:35``, ``PM``) as ``YYYY-MM-DDTHH:MM``; None when the
    time does not exist."""
    h, mi = int(hour), int(minute)
    half = (ampm or "").lower().replace(".", "")
    if half and not 1 <= h <= 12:
        return None
    if half == "pm" and h < 12:
        h += 12
    if half == "am" and h == 12:
        h = 0
    return calendar_date(year, month, day, h, mi)


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?")


def normalise_date(text: str) -> Optional[str]:
    """Accept ``2024-05-09``, ``2024-05-09 15:35``, ``05/09/2024`` and the like; None for
    anything that is not a real day and time."""
    text = (text or "").strip()
    m = _ISO.fullmatch(text)
    if m:
        return calendar_date(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                             int(m.group(4)) if m.group(4) else None,
                             int(m.group(5)) if m.group(5) else None)
    if re.fullmatch(r"[\d\s:./T-]*", text) and re.match(r"\d{4}-", text):
        return None  # an ISO date gone wrong (2024-13-45 10:00:00x): not a printed date
    return parse_date(text)[0]


def date_value(value: object) -> Optional[str]:
    """A date from a structured source (a TOML key file: a string, a date or a datetime)."""
    if isinstance(value, _dt.datetime):
        return calendar_date(value.year, value.month, value.day, value.hour, value.minute)
    if isinstance(value, _dt.date):
        return calendar_date(value.year, value.month, value.day)
    if isinstance(value, str):
        return normalise_date(value)
    return None


#: A printed month and day with no year ("on 02/07"), as colour keys often print them.
_MONTH_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.]\s*(\d{1,2})(?![\d]|\s*[/.-]\s*\d)")


def month_days(text: str) -> List[Tuple[int, int]]:
    """Every year-less ``MM/DD`` in ``text`` ("counter on 03/07; 05/09" -> two); none when
    the text holds a full date."""
    if parse_date(text)[0]:
        return []
    out: List[Tuple[int, int]] = []
    for m in _MONTH_DAY.finditer(text or ""):
        mon, day = int(m.group(1)), int(m.group(2))
        if 1 <= mon <= 12 and 1 <= day <= 31 and (mon, day) not in out:
            out.append((mon, day))
    return out


def all_dates(text: str) -> List[str]:
    """Every full date (and time) in ``text``, in order, each once."""
    out: List[str] = []
    rest = text or ""
    while rest:
        date, m = parse_date(rest)
        if not date or m is None:
            break
        if date not in out:
            out.append(date)
        rest = rest[m.end():]
    return out


_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[_ T-](\d{2})[:.]?(\d{2})(?!\d))?")


def file_name_date(name: str) -> Optional[str]:
    """The date (and time) a file name carries: ``v3_2024-06-20_1040_union_counter.docx`` ->
    ``2024-06-20T10:40``; None when it carries none."""
    m = _FILE_DATE.search(name or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if m.group(4):
        timed = calendar_date(y, mo, d, int(m.group(4)), int(m.group(5)))
        if timed:
            return timed
    return calendar_date(y, mo, d)


def month_day(text: str) -> Optional[Tuple[int, int]]:
    """The first year-less ``MM/DD`` in ``text`` (None when it has none, or a full date)."""
    if parse_date(text)[0]:
        return None
    for m in _MONTH_DAY.finditer(text or ""):
        mon, day = int(m.group(1)), int(m.group(2))
        if 1 <= mon <= 12 and 1 <= day <= 31:
            return mon, day
    return None


def unordered_days(dates: Sequence[Optional[str]]) -> Dict[str, List[int]]:
    """The days that ``dates`` (``YYYY-MM-DD[THH:MM]``, in any order) cannot be put in order
    on: two or more dates of one day, one of them without a time of day.  Day -> the
    positions in ``dates`` of that day's dates."""
    by_day: Dict[str, List[int]] = {}
    for k, d in enumerate(dates):
        if d:
            by_day.setdefault(d[:10], []).append(k)
    return {day: ks for day, ks in by_day.items()
            if len(ks) > 1 and any("T" not in (dates[k] or "") for k in ks)}
