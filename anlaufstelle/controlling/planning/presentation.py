"""The capacity plan as the page shows it: headline cards, tables with German number formats,
and the server-rendered charts beside them; and the weekly figures for the download."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .. import charts
from .results import CapacityPlan, LeadCurve, ServicePlan


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]  # strings, or a Link; the first cell of a row heads it
    caption_id: str = ""
    svg: str = ""
    notes: list[str] = field(default_factory=list)
    text_columns: tuple[int, ...] = ()  # besides the first: columns of words, not numbers


def _number(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else number_format(value, decimal_pos=digits, use_l10n=True, force_grouping=True)


def _lead(value: float | None, beyond: bool = False) -> str:
    """Days of lead time; a lower bound (the calendar had no room) is shown as such."""
    if value is None:
        return "–"
    return f"≥ {_number(value, 1)}" if beyond else _number(value, 1)


def _week(day: Any) -> str:
    return f"{day:%d.%m.}"


def _series(
    plan: CapacityPlan,
    today_label: str,
    scenario_label: str,
    today: Sequence[float | None],
    scenario: Sequence[float | None],
) -> dict[str, Sequence[float | None]]:
    """One series for today's plan, and a second one if a scenario was asked for."""
    series: dict[str, Sequence[float | None]] = {today_label: list(today)}
    if not plan.scenario.is_baseline:
        series[scenario_label] = list(scenario)
    return series


def office_tables(plan: CapacityPlan) -> list[Table]:
    office, weeks = plan.office, [_week(week) for week in plan.weeks]
    scenario = not plan.scenario.is_baseline
    lead = Table(
        title=_("Simulierter Terminvorlauf je Woche (Tage)"),
        caption_id="chart-plan-lead",
        header=[_("Woche ab"), _("Mittel der Anliegen"), _("längstes Anliegen")]
        + ([_("Mittel im Szenario"), _("längstes im Szenario")] if scenario else []),
        rows=[
            [
                week,
                _lead(office.lead_mean[index]),
                _lead(office.lead_max[index]),
                *(
                    [_lead(office.lead_mean_scenario[index]), _lead(office.lead_max_scenario[index])]
                    if scenario
                    else []
                ),
            ]
            for index, week in enumerate(weeks)
        ],
    )
    lead.svg = charts.line_chart(
        labels=weeks,
        series={
            **_series(plan, _("Mittel"), _("Mittel im Szenario"), office.lead_mean, office.lead_mean_scenario),
            **_series(plan, _("längstes"), _("längstes im Szenario"), office.lead_max, office.lead_max_scenario),
        },
        labelled_by=lead.caption_id,
        unit=_("Tage"),
    )
    hours = Table(
        title=_("Nachfrage mit Termin und Terminzeit je Woche (Stunden)"),
        caption_id="chart-plan-hours",
        header=[
            _("Woche ab"),
            _("neue Anfragen mit Termin"),
            _("davon fällige Bedarfsanmeldungen"),
            _("am selben Tag (Notfall, ohne Termin)"),
            _("Nachfrage (Stunden)"),
            _("Terminzeit (Stunden)"),
        ]
        + ([_("Nachfrage im Szenario (Stunden)"), _("Terminzeit im Szenario (Stunden)")] if scenario else []),
        rows=[
            [
                week,
                _number(office.demand[index] + office.registered[index]),
                _number(office.registered[index]),
                _number(office.same_day[index]),
                _number(office.demand_hours[index]),
                _number(office.hours[index]),
                *(
                    [_number(office.demand_hours_scenario[index]), _number(office.hours_scenario[index])]
                    if scenario
                    else []
                ),
            ]
            for index, week in enumerate(weeks)
        ],
    )
    hours.svg = charts.bar_chart(
        labels=weeks,
        series={
            **_series(
                plan, _("Nachfrage"), _("Nachfrage im Szenario"), office.demand_hours, office.demand_hours_scenario
            ),
            **_series(plan, _("Terminzeit"), _("Terminzeit im Szenario"), office.hours, office.hours_scenario),
        },
        labelled_by=hours.caption_id,
        unit=_("Stunden"),
    )
    return [lead, hours]


def section_table(plan: CapacityPlan) -> Table:
    scenario = not plan.scenario.is_baseline
    return Table(
        title=_("Sachgebiete: Mittel der zwölf Wochen"),
        header=[
            _("Sachgebiet"),
            _("Vollzeitstellen am Schalter"),
            _("Terminzeit je Woche (Stunden)"),
            _("Nachfrage je Woche (Stunden)"),
            _("Vorlauf in Woche 12, Mittel (Tage)"),
        ]
        + (
            [_("Terminzeit im Szenario"), _("Nachfrage im Szenario"), _("Vorlauf in Woche 12 im Szenario")]
            if scenario
            else []
        ),
        rows=[
            [
                section.name,
                _number(section.fte, 2),
                _number(section.hours),
                _number(section.demand_hours),
                _lead(section.lead),
                *(
                    [
                        _number(section.hours_scenario),
                        _number(section.demand_hours_scenario),
                        _lead(section.lead_scenario),
                    ]
                    if scenario
                    else []
                ),
            ]
            for section in plan.sections
        ],
    )


def _curve_text(service: ServicePlan, curve: LeadCurve, week: int) -> str:
    if not service.staffed:
        return _("niemand eingeplant")
    return _lead(curve.values[week], curve.beyond[week])


def service_table(plan: CapacityPlan, query: Any) -> Table:
    scenario = not plan.scenario.is_baseline

    def link(service: ServicePlan) -> Link:
        params = query.copy()
        params["service"] = service.service.pk
        return Link(service.service.name, f"?{params.urlencode()}#detail")

    measured = _("gemessen am %(day)s") % {"day": f"{plan.measured_on:%d.%m.}"} if plan.measured_on else _("gemessen")
    return Table(
        title=_("Anliegen: Nachfrage der zwölf Wochen und simulierter Terminvorlauf (Tage)"),
        header=[
            _("Anliegen"),
            _("Sachgebiet"),
            _("Nachfrage mit Termin"),
            _("am selben Tag"),
            measured,
            _("Woche 1"),
            _("Woche 12"),
        ]
        + ([_("Woche 1 im Szenario"), _("Woche 12 im Szenario")] if scenario else []),
        rows=[
            [
                link(service),
                service.service.section,
                _number(service.planned_total + sum(service.registered)),
                _number(sum(service.same_day)),
                _number(service.measured),
                _curve_text(service, service.lead, 0),
                _curve_text(service, service.lead, -1),
                *(
                    [_curve_text(service, service.lead_scenario, 0), _curve_text(service, service.lead_scenario, -1)]
                    if scenario
                    else []
                ),
            ]
            for service in plan.services
        ],
        text_columns=(1,),
    )


def detail_service(plan: CapacityPlan, chosen: int | None) -> ServicePlan | None:
    """The chosen service, else the one with the longest lead time at the end of the plan."""
    if chosen is not None and (found := plan.service(chosen)) is not None:
        return found
    staffed = [service for service in plan.services if service.staffed and service.lead_scenario.last is not None]
    return max(staffed, key=lambda service: service.lead_scenario.last or 0, default=None)


def detail_tables(plan: CapacityPlan, service: ServicePlan) -> list[Table]:
    scenario = not plan.scenario.is_baseline
    past = [_week(week) for week in plan.history_weeks]
    ahead = [_week(week) for week in plan.weeks]
    forecast = [a + b for a, b in zip(service.planned, service.same_day, strict=True)]
    demand = Table(
        title=_("Nachfrage je Woche: Verlauf und Prognose"),
        caption_id="chart-plan-service-demand",
        header=[
            _("Woche ab"),
            _("neue Anfragen mit Termin"),
            _("am selben Tag"),
            _("fällige Bedarfsanmeldungen"),
        ]
        + ([_("neue Anfragen im Szenario")] if scenario else []),
        rows=[
            [
                week,
                _number(service.planned[index], 1),
                _number(service.same_day[index], 1),
                _number(service.registered[index]),
                *([_number(service.planned_scenario[index], 1)] if scenario else []),
            ]
            for index, week in enumerate(ahead)
        ],
        notes=[
            _("Verlauf (tatsächliche Nachfrage je Woche, ab %(first)s): %(values)s.")
            % {"first": past[0], "values": ", ".join(str(value) for value in service.history)}
        ]
        if past
        else [],
    )
    demand.svg = charts.line_chart(  # a line chart thins out its 24 week labels; bars would cut them short
        labels=past + ahead,
        series={
            _("Verlauf"): [*service.history, *[None] * len(ahead)],
            _("Prognose"): [*[None] * len(past), *forecast],
            _("fällige Bedarfsanmeldungen"): [*[None] * len(past), *service.registered],
        },
        labelled_by=demand.caption_id,
    )
    lead = Table(
        title=_("Simulierter Terminvorlauf (Tage)"),
        caption_id="chart-plan-service-lead",
        header=[_("Woche ab"), _("heutige Planung")] + ([_("Szenario")] if scenario else []),
        rows=[
            [
                week,
                _curve_text(service, service.lead, index),
                *([_curve_text(service, service.lead_scenario, index)] if scenario else []),
            ]
            for index, week in enumerate(ahead)
        ],
    )
    if service.staffed:
        lead.svg = charts.line_chart(
            labels=ahead,
            series=_series(
                plan, _("heutige Planung"), _("Szenario"), service.lead.values, service.lead_scenario.values
            ),
            labelled_by=lead.caption_id,
            unit=_("Tage"),
        )
    return [demand, lead]


def backtest_tables(plan: CapacityPlan) -> list[Table]:
    result = plan.backtest
    if result is None:
        return []
    weeks = [_week(week) for week in result.weeks]
    overall = Table(
        title=_("Nachfrage der ganzen Behörde je Woche: Prognose und tatsächlich"),
        caption_id="chart-plan-backtest",
        header=[_("Woche ab"), _("Prognose"), _("tatsächlich")],
        rows=[
            [week, _number(result.overall.forecast[index]), _number(result.overall.actual[index])]
            for index, week in enumerate(weeks)
        ],
    )
    overall.svg = charts.line_chart(
        labels=weeks,
        series={_("Prognose"): result.overall.forecast, _("tatsächlich"): result.overall.actual},
        labelled_by=overall.caption_id,
    )

    def row(name: Any, accuracy: Any) -> list[Any]:
        return [
            name,
            _number(accuracy.actual_total),
            _number(accuracy.forecast_total),
            _number(accuracy.mae, 1),
            _number(accuracy.mape, 1),
        ]

    by_service = Table(
        title=_("Prognosegüte je Anliegen"),
        header=[
            _("Anliegen"),
            _("tatsächlich (8 Wochen)"),
            _("Prognose (8 Wochen)"),
            _("mittlerer absoluter Fehler je Woche (MAE)"),
            _("mittlerer absoluter Fehler in Prozent (MAPE)"),
        ],
        rows=[row(item.service.name, item.accuracy) for item in result.services]
        + [row(_("ganze Behörde"), result.overall)],
    )
    return [overall, by_service]


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    scenario: str = ""


def cards(plan: CapacityPlan) -> list[Card]:
    """The headline figures: where the plan ends up after twelve weeks, today's way and in the scenario."""
    office = plan.office
    longest = max(
        (service for service in plan.services if service.staffed and service.lead.last is not None),
        key=lambda service: service.lead.last or 0,
        default=None,
    )
    cards = [
        Card(
            _("Terminvorlauf in Woche 12, Mittel der Anliegen (Tage)"),
            _lead(office.lead_mean[-1]),
            _lead(office.lead_mean_scenario[-1]),
        ),
        Card(
            _("Terminvorlauf in Woche 12, längstes Anliegen (Tage)")
            + (f" – {longest.service.name}" if longest else ""),
            _lead(office.lead_max[-1]),
            _lead(office.lead_max_scenario[-1]),
        ),
        Card(
            _("Nachfrage mit Termin in zwölf Wochen"),
            _number(sum(office.demand) + sum(office.registered)),
            _number(sum(office.demand_scenario) + sum(office.registered)),
        ),
    ]
    if plan.deadlines[1]:
        cards.append(
            Card(
                _("Bedarfsanmeldungen mit Ablaufdatum: Termin vor Ablauf des Aufenthaltstitels"),
                _("%(met)s von %(all)s") % {"met": plan.deadlines[0], "all": plan.deadlines[1]},
                _("%(met)s von %(all)s") % {"met": plan.deadlines_scenario[0], "all": plan.deadlines_scenario[1]},
            )
        )
    if plan.unplaced or plan.unplaced_scenario:
        cards.append(
            Card(
                _("Anfragen ohne Termin im Kalender (ein halbes Jahr über die Planung hinaus)"),
                _number(plan.unplaced),
                _number(plan.unplaced_scenario),
            )
        )
    if plan.backtest is not None:
        cards.append(
            Card(_("Prognosefehler der letzten acht Wochen (MAPE)"), f"{_number(plan.backtest.overall.mape, 1)} %")
        )
    if plan.scenario.is_baseline:
        cards = [Card(card.label, card.value) for card in cards]
    return cards


def export_rows(plan: CapacityPlan) -> tuple[list[str], list[list[Any]]]:
    """The weekly figures of every service as one table (header, rows) for CSV and XLSX."""
    header = [
        _("Sachgebiet"),
        _("Anliegen"),
        _("Woche ab"),
        _("neue Anfragen mit Termin"),
        _("fällige Bedarfsanmeldungen"),
        _("am selben Tag"),
        _("Vorlauf heutige Planung (Tage)"),
        _("Vorlauf Szenario (Tage)"),
        _("Neue Anfragen im Szenario"),
    ]
    rows = [
        [
            service.service.section,
            service.service.name,
            week.isoformat(),
            round(service.planned[index], 2),
            service.registered[index],
            round(service.same_day[index], 2),
            _rounded(service.lead.values[index]) if service.staffed else None,
            _rounded(service.lead_scenario.values[index]) if service.staffed else None,
            round(service.planned_scenario[index], 2),
        ]
        for service in plan.services
        for index, week in enumerate(plan.weeks)
    ]
    return header, rows


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
