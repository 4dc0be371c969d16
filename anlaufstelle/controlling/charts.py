"""Charts as server-rendered SVG (pygal): readable without JavaScript. Each chart is marked as
an image labelled by its caption; the page shows the same numbers as a table beside it.

``kpi_charts`` draws the charts of a KPI run that the dashboard and the monthly report show."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from .kpis import BY_KEY, KpiResult
from .models import FeedbackResponse

KERN_STYLE = {
    "background": "transparent",
    "plot_background": "transparent",
    "foreground": "#171a1f",
    "foreground_strong": "#171a1f",
    "foreground_subtle": "#5c6470",
    "colors": ("#0b3d91", "#c0392b", "#1a7f37", "#8a5a00"),
    "label_font_size": 13,
    "major_label_font_size": 13,
    "legend_font_size": 13,
    "value_font_size": 12,
}
# On a page the chart takes the page's font (Fira Sans, or the system's for Arabic); a PDF
# (WeasyPrint knows no "inherit" in SVG) names its font.
PAGE_FONT = "inherit"


# pygal always embeds its tooltip configuration as a script; the page runs no chart script.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _svg(chart: pygal.graph.graph.Graph, labelled_by: str) -> str:
    svg: str = _SCRIPT.sub("", chart.render(is_unicode=True))
    # pygal names each legend entry "activate-serie-<n>" (for its script): unique per chart only.
    svg = svg.replace('id="activate-serie-', f'id="{labelled_by}-serie-')
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{labelled_by}" focusable="false" ', 1)


def _config(font: str) -> dict[str, object]:
    return {
        "js": [],  # no script: the chart is a picture, the table beside it carries the numbers
        "disable_xml_declaration": True,
        "style": Style(**KERN_STYLE, font_family=font),
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
    *,
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    labelled_by: str,
    unit: str = "",
    font: str = PAGE_FONT,
) -> str:
    chart = pygal.Line(**_config(font), x_label_rotation=0, show_minor_x_labels=False, truncate_label=-1, y_title=unit)
    _drawn(chart, labels, series)
    chart.x_labels_major = list(labels)[:: max(1, len(labels) // 8)]
    return _svg(chart, labelled_by)


def bar_chart(
    *,
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    labelled_by: str,
    unit: str = "",
    font: str = PAGE_FONT,
) -> str:
    chart = pygal.Bar(**_config(font), y_title=unit)
    _drawn(chart, labels, series)
    return _svg(chart, labelled_by)


def _day(row: dict[str, Any]) -> str:
    return f"{row['day']:%d.%m.}"


def _week(row: dict[str, Any]) -> str:
    return f"{row['week']:%d.%m.}"


def _chart(
    draw: Callable[..., str],
    rows: list[dict[str, Any]],
    *,
    label: Callable[[dict[str, Any]], str],
    series: dict[str, str],
    labelled_by: str,
    unit: str = "",
    font: str = PAGE_FONT,
) -> str:
    """A chart of ``rows`` (empty without rows): one series per column, named by the keys of ``series``."""
    if not rows:
        return ""
    return draw(
        labels=[label(row) for row in rows],
        series={name: [row[column] for row in rows] for name, column in series.items()},
        labelled_by=labelled_by,
        unit=unit,
        font=font,
    )


def kpi_charts(result: KpiResult, *, font: str = PAGE_FONT) -> dict[str, str]:
    """The charts of a KPI run by name (an empty string where the period has no data), each
    labelled by the element with the id ``chart-<name with hyphens>``."""
    tables = result.tables
    return {
        "lead_time": _chart(
            line_chart,
            tables["lead_time_by_day"],
            label=_day,
            series={_("Mittel der Anliegen"): "mean", _("längstes Anliegen"): "max"},
            labelled_by="chart-lead-time",
            font=font,
            unit=str(BY_KEY["lead_time_current_max"].unit),
        ),
        "bookings": _chart(
            bar_chart,
            tables["bookings_by_week"],
            label=_week,
            series={_("Buchungen"): "bookings", _("Absagen"): "cancellations", _("nicht erschienen"): "no_shows"},
            labelled_by="chart-bookings",
            font=font,
        ),
        "queue": _chart(
            bar_chart,
            tables["queue_by_hour"],
            label=lambda row: f"{row['hour']:02d}",
            series={_("Median"): "wait_median", _("90. Perzentil"): "wait_p90"},
            labelled_by="chart-queue",
            font=font,
            unit=str(BY_KEY["wait_median"].unit),
        ),
        "feedback": _chart(
            line_chart,
            tables["feedback_by_week"],
            label=_week,
            series={str(BY_KEY[f"feedback_{q}"].label): q for q in FeedbackResponse.QUESTIONS},
            labelled_by="chart-feedback",
            font=font,
            unit=str(BY_KEY["feedback_overall"].unit),
        ),
    }
