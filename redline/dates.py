"""Dates and times as proposals print them, normalised to ``YYYY-MM-DD[THH:MM]``.

``05/09/2024``, ``05.09.24``, ``06/20/2024- 3:35PM``, ``May 9, 2024``.  Shared by the readers,
the renderers (colour key files) and the workspace.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

#: A printed date (month first, as US proposals print it), with an optional time.
DATE_PATTERN = re.compile(
    r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})(?!\d)"
    r"(?:\s*[-,@]?\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?)?")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())}
_LONG_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(\d{1,2}),?\s+(\d{4})\b", re.I)


def parse_date(text: str) -> Tuple[Optional[str], Optional[re.Match]]:
    """The first date (and time) in ``text`` as ``YYYY-MM-DD[THH:MM]``, with its match."""
    m = DATE_PATTERN.search(text or "")
    if m:
        mon, day, year = int(m.group(1)), int(m.group(2)), m.group(3)
        y = int(year) + (2000 if len(year) == 2 else 0)
        if 1 <= mon <= 12 and 1 <= day <= 31:
            out = f"{y:04d}-{mon:02d}-{day:02d}"
            if m.group(4):
                hour, minute = int(m.group(4)), int(m.group(5))
                ampm = (m.group(6) or "").lower().replace(".", "")
                if ampm == "pm" and hour < 12:
                    hour += 12
                if ampm == "am" and hour == 12:
                    hour = 0
                out += f"T{hour:02d}:{minute:02d}"
            return out, m
    m2 = _LONG_DATE.search(text or "")
    if m2:
        mon = _MONTHS[m2.group(1).lower()]
        return f"{int(m2.group(3)):04d}-{mon:02d}-{int(m2.group(2)):02d}", m2
    return None, None


def normalise_date(text: str) -> Optional[str]:
    """Accept ``2024-05-09``, ``2024-05-09 15:35``, ``05/09/2024`` and the like."""
    text = (text or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2}))?", text)
    if m:
        out = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        if m.group(4):
            out += f"T{int(m.group(4)):02d}:{m.group(5)}"
        return out
    return parse_date(text)[0]
