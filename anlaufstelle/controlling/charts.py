"""Charts as server-rendered SVG (pygal): readable without JavaScript. Each chart is marked as
an image labelled by its caption; the page shows the same numbers as a table beside it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

KERN_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#171a1f",
    foreground_strong="#171a1f",
    foreground_subtle="#5c6470",
    colors=("#0b3d91", "#c0392b", "#1a7f37", "#8a5a00"),
    font_family="inherit",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
)


# pygal always embeds its tooltip configuration as a script; the page runs no chart script.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _svg(chart: pygal.graph.graph.Graph, labelled_by: str) -> str:
    svg: str = _SCRIPT.sub("", chart.render(is_unicode=True))
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{labelled_by}" focusable="false" ', 1)


def _config() -> dict[str, object]:
    return {
        "js": [],  # no script: the chart is a picture, the table beside it carries the numbers
        "disable_xml_declaration": True,
        "style": KERN_STYLE,
        "width": 760,
        "height": 300,
        "show_dots": False,
        "legend_at_bottom": True,
        "truncate_legend": -1,
        "print_values": False,
        "margin": 12,
    }


def _drawn(chart: pygal.graph.graph.Graph, labels: Sequence[str], series: dict[str, Sequence[float | None]]) -> None:
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))


def line_chart(
    *, labels: Sequence[str], series: dict[str, Sequence[float | None]], labelled_by: str, unit: str = ""
) -> str:
    chart = pygal.Line(**_config(), x_label_rotation=0, show_minor_x_labels=False, y_title=unit)
    _drawn(chart, labels, series)
    chart.x_labels_major = list(labels)[:: max(1, len(labels) // 8)]
    return _svg(chart, labelled_by)


def bar_chart(
    *, labels: Sequence[str], series: dict[str, Sequence[float | None]], labelled_by: str, unit: str = ""
) -> str:
    chart = pygal.Bar(**_config(), y_title=unit)
    _drawn(chart, labels, series)
    return _svg(chart, labelled_by)
