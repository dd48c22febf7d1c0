"""Charts as inline SVG strings: no script, no CDN, every label escaped.

Colours come from CSS classes (.c0 ... .c9 in static/style.css), so the SVG carries no
style attributes and passes a strict Content-Security-Policy.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

N_SERIES = 20   # distinct colours (.c0 ... .c19) before any repeats


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
                  f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
                  f'<title>{escape(label)}</title>{"".join(body)}</svg>')


def stacked_bars(rows: Sequence[dict[str, Any]], *, x: str, series: str, value: str, label: str,
                 width: int = 720, height: int = 240) -> Markup:
    """Stacked columns: one per `x` (e.g. month), split by `series` (e.g. event type), with a legend."""
    if not rows:
        return Markup("")
    xs = sorted({str(r[x]) for r in rows})
    names = sorted({str(r[series]) for r in rows}, key=lambda s: -sum(r[value] for r in rows if str(r[series]) == s))
    colour = {s: i % N_SERIES for i, s in enumerate(names)}
    stacks: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        stacks[str(r[x])][str(r[series])] = int(r[value])
    top = max(sum(v.values()) for v in stacks.values()) or 1
    left, bottom, legend_w = 36, 28, 130
    plot_w, plot_h = width - left - legend_w - 8, height - bottom - 10
    bar_w = plot_w / len(xs)
    body = [f'<line class="axis" x1="{left}" y1="{10 + plot_h}" x2="{left + plot_w}" y2="{10 + plot_h}"/>',
            f'<text class="tick" x="{left - 4}" y="14" text-anchor="end">{top}</text>',
            f'<text class="tick" x="{left - 4}" y="{10 + plot_h}" text-anchor="end">0</text>']
    step = max(1, len(xs) // 8)
    for i, key in enumerate(xs):
        y = 10 + plot_h
        for name in names:
            n = stacks[key].get(name, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            body.append(f'<rect class="c{colour[name]}" x="{left + i * bar_w + 1:.1f}" y="{y:.1f}" '
                        f'width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}">'
                        f'<title>{escape(key)}: {escape(name)} {n}</title></rect>')
        if i % step == 0:
            body.append(f'<text class="tick" x="{left + (i + 0.5) * bar_w:.1f}" y="{height - 10}" '
                        f'text-anchor="middle">{escape(key)}</text>')
    for j, name in enumerate(names[:12]):
        ly = 14 + j * 16
        body.append(f'<rect class="c{colour[name]}" x="{width - legend_w}" y="{ly - 9}" width="10" height="10"/>'
                    f'<text class="legend" x="{width - legend_w + 14}" y="{ly}">{escape(name)}</text>')
    return _svg(width, height, body, label)


def hbars(items: Sequence[tuple[str, float, str]], *, label: str, width: int = 720, fraction: bool = True) -> Markup:
    """Horizontal bars: (name, value, note) each; values are shares (0-1) when `fraction`."""
    if not items:
        return Markup("")
    row_h, left = 22, 200
    height = row_h * len(items) + 8
    top = 1.0 if fraction else (max(v for _, v, _ in items) or 1)
    body = []
    for i, (name, v, note) in enumerate(items):
        y = 4 + i * row_h
        w = (width - left - 90) * (v / top)
        shown = f"{v:.0%}" if fraction else f"{v:g}"
        body.append(f'<text class="legend" x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(name[:32])}</text>'
                    f'<rect class="c0" x="{left}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 6}">'
                    f'<title>{escape(name)}: {shown} {escape(note)}</title></rect>'
                    f'<text class="tick" x="{left + w + 6:.1f}" y="{y + 14}">{shown}</text>')
    return _svg(width, height, body, label)


def timeline(points: Sequence[tuple[str, str, str]], *, label: str, width: int = 720, height: int = 90) -> Markup:
    """Dots on a date axis: (ISO date, category, tooltip) each; same-day dots stack upwards."""
    dated = sorted((d[:10], cat, tip) for d, cat, tip in points if d)
    if not dated:
        return Markup("")
    from datetime import date

    def day(s: str) -> int | None:
        """A date of day, month or year precision at the middle of its period; None if unreadable."""
        for text, shift in ((s[:10], 0), (s[:7] + "-01", 14), (s[:4] + "-01-01", 182)):
            try:
                return date.fromisoformat(text).toordinal() + shift
            except ValueError:
                continue
        return None

    dated = [(d, cat, tip) for d, cat, tip in dated if day(d) is not None]
    if not dated:
        return Markup("")
    days = [day(d) for d, *_ in dated]
    lo, hi = min(days), max(days)
    span = max(hi - lo, 1)
    left, right, base = 20, 20, height - 28
    cats = sorted({c for _, c, _ in dated})
    colour = {c: i % N_SERIES for i, c in enumerate(cats)}
    body = [f'<line class="axis" x1="{left}" y1="{base}" x2="{width - right}" y2="{base}"/>',
            f'<text class="tick" x="{left}" y="{height - 8}">{escape(dated[0][0])}</text>',
            f'<text class="tick" x="{width - right}" y="{height - 8}" text-anchor="end">{escape(dated[-1][0])}</text>']
    stack: dict[int, int] = defaultdict(int)
    for (d, cat, tip), n in zip(dated, days):
        x = left + (width - left - right) * ((n - lo) / span if hi > lo else 0.5)
        level = stack[round(x)]
        stack[round(x)] += 1
        body.append(f'<circle class="c{colour[cat]}" cx="{x:.1f}" cy="{base - 8 - 11 * min(level, 5)}" r="5">'
                    f'<title>{escape(d)} {escape(tip)}</title></circle>')
    return _svg(width, height, body, label)
