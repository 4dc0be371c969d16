"""Reads for the controlling pages: the dashboard's figures with trend and thresholds, the
tables behind charts and exports, and the side-by-side comparison of two periods."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as lazy

from anlaufstelle.appointments.models import Booking, Service

from .kpis import BY_KEY, CATALOGUE, HEADLINE, Kpi, KpiResult, Scope, kpis_compute
from .models import Threshold

SMALL_CHANGE = 0.01  # a relative change below 1 % counts as unchanged


@dataclass(frozen=True)
class Figure:
    kpi: Kpi
    value: float | None
    other: float | None  # previous period (dashboard) or the first period (comparison)
    breached: bool = False

    @property
    def change(self) -> float | None:
        if self.value is None or self.other is None:
            return None
        return self.value - self.other

    @property
    def relative(self) -> float | None:
        if self.change is None or not self.other:
            return None
        return self.change / abs(self.other)

    @property
    def trend(self) -> str:
        """ "up", "down" or "same"; "" when a value is missing."""
        if self.change is None:
            return ""
        if self.change == 0 or (self.relative is not None and abs(self.relative) < SMALL_CHANGE):
            return "same"
        return "up" if self.change > 0 else "down"

    @property
    def verdict(self) -> str:
        """ "better", "worse" or "" (no direction is better, unchanged, or missing)."""
        if self.trend in ("", "same") or not self.kpi.better:
            return ""
        return "better" if self.trend == self.kpi.better else "worse"

    def shown(self, value: float | None) -> str:
        if value is None:
            return "–"
        # Grouped in the language's way ("2.104" in German): counts reach the thousands.
        return number_format(value, decimal_pos=self.kpi.digits, use_l10n=True, force_grouping=True)

    @property
    def value_shown(self) -> str:
        return self.shown(self.value)

    @property
    def other_shown(self) -> str:
        return self.shown(self.other)

    @property
    def change_shown(self) -> str:
        if self.change is None:
            return "–"
        sign = "+" if self.change > 0 else ""
        relative = (
            f" ({sign}{number_format(self.relative * 100, decimal_pos=0, force_grouping=True)} %)"
            if self.relative is not None
            else ""
        )
        return f"{sign}{self.shown(self.change)}{relative}"

    def statement(self) -> str:
        """A plain German sentence on what changed between the two values."""
        # A count has no unit: no space where it would stand ("bei 2104.", not "bei 2104 .").
        return re.sub(r" +(?=[ .])", "", self._sentence())

    def _sentence(self) -> str:
        label, unit = str(self.kpi.label), str(self.kpi.unit)
        values = {"label": label, "a": self.other_shown, "b": self.value_shown, "unit": unit}
        if self.trend == "":
            return _("%(label)s: für einen der Zeiträume liegen keine Daten vor.") % values
        if self.trend == "same":
            return _("%(label)s: unverändert bei %(b)s %(unit)s.") % values
        if self.trend == "up":
            sentence = _("%(label)s ist von %(a)s auf %(b)s %(unit)s gestiegen") % values
        else:
            sentence = _("%(label)s ist von %(a)s auf %(b)s %(unit)s gesunken") % values
        if self.verdict == "better":
            return sentence + _(" – eine Verbesserung.")
        if self.verdict == "worse":
            return sentence + _(" – eine Verschlechterung.")
        return sentence + "."


def active_thresholds(*, section_id: int | None) -> dict[str, list[Threshold]]:
    """The active thresholds by KPI key that apply to ``section_id``: its own and those of no section."""
    found: dict[str, list[Threshold]] = {}
    for threshold in Threshold.objects.filter(Q(section__isnull=True) | Q(section_id=section_id), is_active=True):
        found.setdefault(threshold.kpi, []).append(threshold)
    return found


@dataclass
class Dashboard:
    current: KpiResult
    previous: KpiResult
    figures: dict[str, Figure]

    @property
    def headline(self) -> list[Figure]:
        return [self.figures[key] for key in HEADLINE]

    def groups(self) -> list[tuple[str, list[Figure]]]:
        grouped: dict[str, list[Figure]] = {}
        for kpi in CATALOGUE:
            grouped.setdefault(str(kpi.group), []).append(self.figures[kpi.key])
        return list(grouped.items())


def dashboard(*, scope: Scope, previous: Scope | None = None, now: dt.datetime | None = None) -> Dashboard:
    """Every KPI for ``scope`` and for ``previous`` (by default the period of equal length before
    it; the monthly report compares calendar months), with thresholds."""
    current = kpis_compute(scope=scope, now=now)
    previous_result = kpis_compute(scope=previous or scope.previous(), now=now)
    thresholds = active_thresholds(section_id=scope.section_id)
    figures = {
        kpi.key: Figure(
            kpi=kpi,
            value=current.figures[kpi.key],
            other=previous_result.figures[kpi.key],
            breached=any(t.breached_by(current.figures[kpi.key]) for t in thresholds.get(kpi.key, [])),
        )
        for kpi in CATALOGUE
    }
    return Dashboard(current=current, previous=previous_result, figures=figures)


def comparison(*, before: Scope, after: Scope, now: dt.datetime | None = None) -> list[Figure]:
    """All KPIs of two periods side by side; ``other`` is the first (before), ``value`` the second."""
    first, second = kpis_compute(scope=before, now=now), kpis_compute(scope=after, now=now)
    return [Figure(kpi=kpi, value=second.figures[kpi.key], other=first.figures[kpi.key]) for kpi in CATALOGUE]


def service_names() -> dict[int, str]:
    return {service.pk: str(service) for service in Service.objects.all()}


class ExportTable(NamedTuple):
    title: str
    header: list[str]
    rows: list[list[Any]]


def export_table(*, result: KpiResult, previous: KpiResult | None, name: str) -> ExportTable:
    """A named table of a KPI run, as the page shows it and CSV and XLSX export it."""
    if name == "figures":
        header = [_("Kennzahl"), _("Einheit"), _("Wert"), _("Vorzeitraum"), _("Schlüssel")]
        rows = [
            [
                str(kpi.label),
                str(kpi.unit),
                _round(result.figures[kpi.key]),
                _round(previous.figures[kpi.key]) if previous else None,
                kpi.key,
            ]
            for kpi in CATALOGUE
        ]
        return ExportTable(_("Kennzahlen"), header, rows)
    table = result.tables[name]
    labels = TABLE_COLUMNS[name]
    if name == "lead_time_by_service":
        names = service_names()
        table = [{**row, "service_id": names.get(row["service_id"], row["service_id"])} for row in table]
    if name == "channels":
        channels = {**dict(Booking.Channel.choices), "walk_in": _("ohne Termin (Wartemarke)")}
        table = [{**row, "channel": str(channels.get(row["channel"], row["channel"]))} for row in table]
    header = [str(label) for label in labels.values()]
    return ExportTable(str(TABLE_TITLES[name]), header, [[_round(row.get(key)) for key in labels] for row in table])


def _round(value: Any) -> Any:
    return round(value, 2) if isinstance(value, float) else value


# The columns of each table (a key of ``KpiResult.tables``) with their headings.
TABLE_COLUMNS: dict[str, dict[str, Any]] = {
    "queue_by_hour": {
        "hour": lazy("Stunde"),
        "tickets": lazy("Wartemarken"),
        "wait_median": lazy("Wartezeit Median (Min.)"),
        "wait_p90": lazy("Wartezeit 90. Perzentil (Min.)"),
        "service_median": lazy("Bedienzeit Median (Min.)"),
        "service_p90": lazy("Bedienzeit 90. Perzentil (Min.)"),
    },
    "lead_time_by_day": {"day": lazy("Tag"), "mean": lazy("Mittel (Tage)"), "max": lazy("längstes (Tage)")},
    "lead_time_by_service": {
        "service_id": lazy("Anliegen"),
        "current": lazy("letzter Stand (Tage)"),
        "mean": lazy("Mittel (Tage)"),
        "max": lazy("Höchstwert (Tage)"),
    },
    "bookings_by_week": {
        "week": lazy("Woche ab"),
        "bookings": lazy("Buchungen"),
        "cancellations": lazy("Absagen"),
        "appointments": lazy("Termine"),
        "no_shows": lazy("nicht erschienen"),
    },
    "channels": {"channel": lazy("Weg"), "count": lazy("Anzahl"), "share": lazy("Anteil (%)")},
    "feedback_by_week": {
        "week": lazy("Woche ab"),
        "responses": lazy("Rückmeldungen"),
        "invitations": lazy("Einladungen"),
        "rate": lazy("Rücklauf (%)"),
        "waiting": lazy("Wartezeit"),
        "friendliness": lazy("Freundlichkeit"),
        "clarity": lazy("Verständlichkeit"),
        "result": lazy("Ergebnis"),
    },
}
TABLE_TITLES: dict[str, Any] = {
    "queue_by_hour": BY_KEY["wait_median"].group,
    "lead_time_by_day": BY_KEY["lead_time_period_mean"].label,
    "lead_time_by_service": BY_KEY["lead_time_current_max"].label,
    "bookings_by_week": BY_KEY["bookings"].label,
    "channels": BY_KEY["share_online"].label,
    "feedback_by_week": BY_KEY["feedback_overall"].group,
}
EXPORTABLE = ("figures", *TABLE_COLUMNS)
