"""Publication-date lines as real outlets write them, in English and Russian.

``parse_date_line`` accepts a line that is a date banner (a date with optional weekday,
time, time zone and upper-case place) and returns the ISO date, or None when the line is
not such a banner: "Announcement, June 22, 2018" is a sentence containing a date, not a
date line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
    # Russian genitive and nominative forms, and common abbreviations
    "января": 1, "январь": 1, "янв": 1, "февраля": 2, "февраль": 2, "фев": 2, "марта": 3,
    "март": 3, "мар": 3, "апреля": 4, "апрель": 4, "апр": 4, "мая": 5, "май": 5, "июня": 6,
    "июнь": 6, "июн": 6, "июля": 7, "июль": 7, "июл": 7, "августа": 8, "август": 8, "авг": 8,
    "сентября": 9, "сентябрь": 9, "сен": 9, "сент": 9, "октября": 10, "октябрь": 10, "окт": 10,
    "ноября": 11, "ноябрь": 11, "ноя": 11, "декабря": 12, "декабрь": 12, "дек": 12,
}
_MONTH = r"(?P<month>[A-Za-zА-Яа-яЁё]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
PATTERNS = [
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),                 # Sep 6, 2022
    re.compile(rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}(?:\s*(?:г\.|года))?"),  # 6 September 2022
    # 2022-09-06, also ISO 8601 with a time: 2022-09-06T07:01:00+03:00, 2022-09-06T07:01Z
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"
               r"(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+\-−]\d{2}(?::?\d{2})?)?(?![\w:]))?"),
    re.compile(r"(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})"),  # 2022/09/06
    re.compile(r"(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})"),  # 06.09.2022
]
# What may surround the date on a banner line: weekdays, times, zones, upper-case places.
_NOISE = re.compile(
    r"""(?ix)
    \b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?
    | \b(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\b
    | \b\d{1,2}[:.]\d{2}(?::\d{2})?(?!\d)\s*(?:am|pm|a\.m\.|p\.m\.)?   # 14:05, 12.30 pm
    | \b(?:moscow|kyiv|kiev|local|london|paris|berlin|washington|beijing|tokyo|seoul|pyongyang)
      \s+time\b
    | \b(?:gmt|utc|msk|cet|cest|est|edt|pst|pdt|bst|eet|eest|kst|z)\b(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?
    | [+\-−]\d{2}:?\d{2}\b
    | \b(?:updated|published|posted|last\s+updated|обновлено|опубликовано|at|в)\b:?
    | [,|•·/()\-–—:]
    """
)
_UPPER_PLACE = re.compile(r"\b[A-ZА-ЯЁ][A-ZА-ЯЁ.\-]{1,}(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ.\-]+)*\b")


@dataclass(frozen=True)
class FoundDate:
    iso: str  # YYYY-MM-DD
    start: int  # where the date is written in the text
    end: int


def find_date(text: str) -> FoundDate | None:
    """The first calendar date written in ``text`` and where it is."""
    best: FoundDate | None = None
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso and (best is None or match.start() < best.start):
                best = FoundDate(iso, match.start(), match.end())
                break
    return best


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = MONTHS.get(groups["month"].lower().rstrip(".")) if groups.get("month") else int(groups["mnum"])
    if not month:
        return None
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def parse_date_line(line: str) -> str | None:
    """ISO date if ``line`` is a date banner, else None."""
    text = line.replace("\u00a0", " ").strip().lstrip("\ufeff")
    if not text or len(text) > 80:
        return None
    found = find_date(text)
    if not found:
        return None
    rest = text[: found.start] + " " + text[found.end:]
    rest = _NOISE.sub(" ", rest)
    rest = _UPPER_PLACE.sub(" ", rest)
    return found.iso if not re.search(r"\w", rest) else None
