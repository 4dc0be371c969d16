"""The capacity plan page: demand forecast, simulated lead time for today's staff plan and for a
what-if scenario, and the back-test of the forecast. Charts are server-rendered SVG with the
same numbers in a table; the scenario form is a GET form that works without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from anlaufstelle.core.permissions import staff_view

from .exports import as_csv, as_xlsx, download
from .planning import PERMIT_NOTICE_DAYS, ScenarioError, capacity_plan
from .planning.forms import PlanningForm
from .planning.presentation import (
    backtest_tables,
    cards,
    detail_service,
    detail_tables,
    export_rows,
    office_tables,
    section_table,
    service_table,
)


@staff_view("controlling.view_dashboard")
def planning_view(request: HttpRequest) -> HttpResponse:
    """Forecast, simulated lead time and back-test; ``?format=csv|xlsx`` downloads the weekly figures."""
    form = PlanningForm(request.GET)
    if not form.is_valid():
        return render(request, "controlling/planning.html", {"form": form}, status=400)
    try:
        plan = capacity_plan(scenario=form.scenario())
    except ScenarioError as exc:
        form.add_error(None, str(exc))
        return render(request, "controlling/planning.html", {"form": form}, status=400)
    kind = request.GET.get("format")
    if kind in ("csv", "xlsx"):
        header, rows = export_rows(plan)
        content = as_csv(header, rows) if kind == "csv" else as_xlsx(_("Kapazitätsplanung"), header, rows)
        return download(content, filename=f"steuerung-planung-{plan.today:%Y%m%d}", kind=kind)
    chosen = form.cleaned_data.get("service")
    detail = detail_service(plan, chosen.pk if chosen else None)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "controlling/planning.html",
        {
            "form": form,
            "plan": plan,
            "scenario": not plan.scenario.is_baseline,
            "cards": cards(plan),
            "office_tables": office_tables(plan),
            "section_table": section_table(plan),
            "service_table": service_table(plan, query),
            "detail": detail,
            "detail_tables": detail_tables(plan, detail) if detail else [],
            "backtest_tables": backtest_tables(plan),
            "query": query.urlencode(),
            "notice_days": PERMIT_NOTICE_DAYS,
        },
    )
