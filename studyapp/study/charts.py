"""Small bar charts drawn as SVG on the server: no script, no CDN, readable by screen readers."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT, GAP, LABEL_SPACE = 620, 160, 2, 22


def bar_chart(points: list[tuple[date, int]], title: str, *, highlight_first: bool = False) -> Markup:
    """A bar per day; the accessible name carries the numbers, a table beside it carries them too."""
    peak = max((count for _day, count in points), default=0) or 1
    bar_width = (WIDTH - GAP * (len(points) - 1)) / max(len(points), 1)
    usable = HEIGHT - LABEL_SPACE
    parts = []
    for index, (day, count) in enumerate(points):
        height = usable * count / peak
        x = index * (bar_width + GAP)
        css = "bar bar-first" if highlight_first and index == 0 else "bar"
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{usable - height:.1f}" width="{bar_width:.1f}" height="{height:.1f}">'
            f"<title>{escape(day.strftime('%d %b'))}: {count}</title></rect>"
        )
        if index % 7 == 0:
            # The first label hangs right of its bar and the rest centre, so none is cut off at an edge.
            anchor, label_x = ("start", x) if index == 0 else ("middle", x + bar_width / 2)
            if index + 7 >= len(points) and index != 0:
                anchor, label_x = "end", x + bar_width
            parts.append(
                f'<text class="axis" x="{label_x:.1f}" y="{HEIGHT - 6}" text-anchor="{anchor}">'
                f"{escape(day.strftime('%d %b'))}</text>"
            )
    total = sum(count for _day, count in points)
    label = f"{title}: {total} in all, at most {peak if total else 0} on one day"
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
        f'preserveAspectRatio="none">' + "".join(parts) + "</svg>"
    )
