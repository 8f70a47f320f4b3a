"""Render stage, timelines: articles per month drawn at build time as inline SVG, with the
numbers in a year-by-month table beside it (the table is what screen readers and readers
without images use; the chart is for the eye).

The page Markdown carries a one-line marker, ``{corpus-timeline from=2022-09 counts=1,0,3}``;
the Markdown extension (``adapters/mdext.py``) turns it into the ``<svg>`` made here. The
marker holds only a month and numbers, validated before use, and the SVG is built as an
element tree whose text is numbers and month names: nothing from corpus text reaches it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from build_tools.explore import MonthCount, Timeline, months_between
from build_tools.markup import plural
from build_tools.render.common import MONTH_NAMES, link, month_name

MARKER_RE = re.compile(r"\{corpus-timeline from=(?P<first>\d{4}-(?:0[1-9]|1[0-2])) "
                       r"counts=(?P<counts>\d{1,7}(?:,\d{1,7}){0,2399})\}")
WIDTH, HEIGHT = 720, 132
LEFT, RIGHT, TOP, BOTTOM = 34, 6, 10, 24  # room for the y labels and the year labels


def timeline_marker(tl: Timeline) -> str:
    if not tl.months:
        return ""
    counts = ",".join(str(m.count) for m in tl.months)
    return f"{{corpus-timeline from={tl.months[0].month} counts={counts}}}"


def parse_marker(text: str) -> Timeline | None:
    """The timeline a marker stands for, or None when it is not exactly a valid marker."""
    found = MARKER_RE.fullmatch(text.strip())
    if found is None:
        return None
    counts = [int(c) for c in found["counts"].split(",")]
    first = found["first"]
    year, month = int(first[:4]), int(first[5:])
    last_index = year * 12 + month - 1 + len(counts) - 1
    if last_index // 12 > 9999:
        return None
    last = f"{last_index // 12:04d}-{last_index % 12 + 1:02d}"
    return Timeline(tuple(MonthCount(m, c) for m, c in zip(months_between(first, last), counts,
                                                            strict=True)))


def describe(tl: Timeline) -> str:
    """The chart in one sentence: its accessible name."""
    if not tl.months:
        return "No articles."
    first, last = month_name(tl.months[0].month), month_name(tl.months[-1].month)
    peak = max(tl.months, key=lambda m: m.count)
    most = f", at most {peak.count} in a month ({month_name(peak.month)})" if tl.total else ""
    return f"Articles per month, {first} to {last}: {tl.total} in all{most}."


def _el(parent: etree.Element, tag: str, text: str | None = None, **attrs: str | float) -> etree.Element:
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): _num(v) for k, v in attrs.items()})
    if text is not None:
        el.text = AtomicString(text)
    return el


def _num(value: str | float) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def timeline_svg(tl: Timeline) -> etree.Element:
    """A bar per month, the y scale at 0 and at the peak, the years (or months) along x."""
    label = describe(tl)
    svg = etree.Element("svg", {"class": "corpus-timeline", "viewBox": f"0 0 {WIDTH} {HEIGHT}",
                                "role": "img", "aria-label": label, "focusable": "false"})
    _el(svg, "title", label)
    n = max(1, len(tl.months))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / n
    peak = max(1, tl.peak)
    base = TOP + plot_h
    _el(svg, "line", class_="corpus-timeline__grid", x1=LEFT, y1=TOP, x2=WIDTH - RIGHT, y2=TOP)
    _el(svg, "text", str(tl.peak), class_="corpus-timeline__y", x=LEFT - 4, y=TOP + 4)
    _el(svg, "text", "0", class_="corpus-timeline__y", x=LEFT - 4, y=base + 4)
    bars = _el(svg, "g", class_="corpus-timeline__bars")
    width = min(48.0, max(0.5, step - min(1.0, step * 0.2)))  # a few months: no slabs
    for i, month in enumerate(tl.months):
        if month.count:
            height = max(1.0, plot_h * month.count / peak)
            bar = _el(bars, "rect", x=float(LEFT + i * step + (step - width) / 2),
                      y=float(base - height), width=width, height=float(height))
            _el(bar, "title", f"{month_name(month.month)}: {plural(month.count, 'article')}")
    _el(svg, "line", class_="corpus-timeline__axis", x1=LEFT, y1=base, x2=WIDTH - RIGHT, y2=base)
    one_year = len({m.month[:4] for m in tl.months}) == 1
    every = max(1, round(len({m.month[:4] for m in tl.months}) / 12))  # at most ~12 year labels
    for i, month in enumerate(tl.months):
        number = int(month.month[5:])
        if one_year:
            text = MONTH_NAMES[number - 1][:3]
        elif (number == 1 or i == 0) and (int(month.month[:4]) % every == 0 or i == 0):
            text = month.month[:4]
        else:
            continue
        x = LEFT + i * step + (step / 2 if one_year else 1)
        _el(svg, "text", text, class_="corpus-timeline__x" + (" corpus-timeline__x--mid" if one_year else ""),
            x=float(x), y=HEIGHT - 6)
    return svg


def timeline_table(tl: Timeline, year_links: bool = False) -> list[str]:
    """Year by month: the chart's numbers, as a table."""
    years = tl.years()
    if not years:
        return []
    head = "| Year | Total | " + " | ".join(m[:3] for m in MONTH_NAMES) + " |"
    lines = [head, "| --- | --- | " + " | ".join("---" for _ in MONTH_NAMES) + " |"]
    for year, months in sorted(years.items(), reverse=True):
        total = sum(m.count for m in months)
        if not total:
            continue  # the chart shows the empty years; the table lists the counted ones
        shown = link(year, f"/articles/{year}/index.md") if year_links else year
        lines.append(f"| {shown} | {total} | " + " | ".join(str(m.count) if m.count else "·"
                                                           for m in months) + " |")
    return lines


def timeline_section(tl: Timeline, heading: str = "## Articles per month") -> list[str]:
    """Heading, chart and table for an actor, theme or source page."""
    if not tl.total:
        return []
    return [heading, "", timeline_marker(tl), "", *timeline_table(tl), ""]
