"""The release timeline as chart geometry: x = when a source was published, y = the release
window it claimed (a bar from the window's start to its end). The template draws it as inline
SVG, so no script and no image file is needed, and every label goes through autoescaping."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .views import Row

W, H = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 18, 44


@dataclass
class Bar:
    x: float
    y: float                      # top of the bar (the window's end)
    h: float
    cls: str
    label: str
    href: str
    span: tuple[float, float] | None = None   # an undated source: its inferred publication range


@dataclass
class Chart:
    width: int = W
    height: int = H
    left: int = LEFT
    right: int = W - RIGHT
    top: int = TOP
    bottom: int = H - BOTTOM
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    answer: tuple[float, float, str] | None = None   # y top, height, label
    since: float | None = None


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _ticks(lo: int, hi: int) -> list[tuple[int, str]]:
    """Year starts; month starts when fewer than two years fall in the range."""
    first, last = date.fromordinal(lo).year, date.fromordinal(hi).year + 1
    step = max(1, (last - first) // 8)
    years = [(date(y, 1, 1).toordinal(), str(y)) for y in range(first, last + 1, step)
             if lo <= date(y, 1, 1).toordinal() <= hi]
    if len(years) >= 2:
        return years
    months = [date(y, m, 1) for y in range(first, last + 1) for m in range(1, 13)]
    months = [d for d in months if lo <= d.toordinal() <= hi]
    step = max(1, len(months) // 8)
    return [(d.toordinal(), f"{MONTHS[d.month - 1]} {d.year}") for d in months[::step]]


def timeline_chart(rows: list[Row], answer: tuple[str, str] | None, answer_label: str, href,
                   since: str | None = None) -> Chart | None:
    drawn = [r for r in rows if r.pub and r.window]
    if not drawn:
        return None
    xs = [_day(d) for r in drawn for d in r.pub]
    ys = [_day(d) for r in drawn for d in r.window] + ([_day(d) for d in answer] if answer else [])
    x0, x1 = min(xs) - 30, max(xs) + 30
    y0, y1 = min(ys) - 30, max(ys) + 30
    c = Chart()

    def sx(d: int) -> float:
        return round(c.left + (d - x0) / (x1 - x0) * (c.right - c.left), 1)

    def sy(d: int) -> float:
        return round(c.bottom - (d - y0) / (y1 - y0) * (c.bottom - c.top), 1)

    c.x_ticks = [(sx(d), label) for d, label in _ticks(x0, x1)]
    c.y_ticks = [(sy(d), label) for d, label in _ticks(y0, y1)]
    if answer:
        top, bottom = sy(_day(answer[1])), sy(_day(answer[0]))
        c.answer = (top, max(bottom - top, 3), answer_label)
    if since:
        try:
            s = _day(since)
            c.since = sx(s) if x0 <= s <= x1 else None
        except ValueError:
            c.since = None
    for r in drawn:
        lo, hi = (_day(d) for d in r.pub)
        top, bottom = sy(_day(r.window[1])), sy(_day(r.window[0]))
        cls = f"bar c-{r.certainty}" + (" faded" if r.status == "superseded" else "") + (" undated" if r.undated else "")
        c.bars.append(Bar(sx((lo + hi) // 2), top, max(bottom - top, 3), cls,
                          f"{r.when}: {r.value} ({r.certainty}, {r.status}) — {r.doc}", href(r.doc, r.start, r.end),
                          (sx(lo), sx(hi)) if r.undated else None))
    return c
