"""Controlling pages: the leads' dashboard with exports, the comparison of two periods, the
counters' QR codes; and the public, anonymous feedback form. Views stay thin."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from anlaufstelle.appointments.models import Counter
from anlaufstelle.core.botguard import rate_limit_hit
from anlaufstelle.core.links import absolute_url
from anlaufstelle.core.permissions import staff_view
from anlaufstelle.core.qr import qr_svg

from . import charts
from .exports import as_csv, as_xlsx, download
from .forms import ComparisonForm, FeedbackForm, ScopeForm
from .kpis import kpis_compute
from .selectors import EXPORTABLE, TABLE_COLUMNS, comparison, dashboard, export_table
from .services import (
    FeedbackError,
    FeedbackVisit,
    counter_token,
    feedback_response_submit,
    feedback_visit_from_counter,
    feedback_visit_from_token,
)


@staff_view("controlling.view_dashboard")
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form = ScopeForm(request.GET)  # no filters at all are valid: the last four weeks
    if not form.is_valid():
        return render(request, "controlling/dashboard.html", {"form": form}, status=400)
    board = dashboard(scope=form.scope())
    return render(
        request,
        "controlling/dashboard.html",
        {
            "form": form,
            "scope": board.current.scope,
            "previous": board.previous.scope,
            "board": board,
            "charts": charts.kpi_charts(board.current),
            "tables": {name: export_table(result=board.current, previous=None, name=name) for name in TABLE_COLUMNS},
            "query": request.GET.urlencode(),
        },
    )


@staff_view("controlling.view_dashboard")
def export_view(request: HttpRequest) -> HttpResponse:
    """A table of the dashboard as CSV or XLSX (``?table=…&format=csv|xlsx`` plus the filters)."""
    form = ScopeForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Ungültiger Zeitraum."), status=400, content_type="text/plain; charset=utf-8")
    name = request.GET.get("table", "figures")
    kind = request.GET.get("format", "csv")
    if name not in EXPORTABLE or kind not in ("csv", "xlsx"):
        return HttpResponse(_("Unbekannte Tabelle."), status=400, content_type="text/plain; charset=utf-8")
    scope = form.scope()
    # Only the table of all figures shows the previous period; no other table needs it computed.
    previous = kpis_compute(scope=scope.previous()) if name == "figures" else None
    title, header, rows = export_table(result=kpis_compute(scope=scope), previous=previous, name=name)
    filename = f"steuerung-{name}-{scope.first:%Y%m%d}-{scope.last:%Y%m%d}"
    content = as_csv(header, rows) if kind == "csv" else as_xlsx(title, header, rows)
    return download(content, filename=filename, kind=kind)


@staff_view("controlling.view_dashboard")
def comparison_view(request: HttpRequest) -> HttpResponse:
    """Two periods side by side on every KPI, with the change and a plain statement (page or CSV)."""
    form = ComparisonForm(request.GET)
    if not form.is_valid():
        return render(request, "controlling/comparison.html", {"form": form}, status=400)
    before, after = form.before(), form.scope()
    figures = comparison(before=before, after=after)
    if request.GET.get("format") == "csv":
        header = [
            _("Kennzahl"),
            _("Einheit"),
            f"{before.first:%d.%m.%Y}–{before.last:%d.%m.%Y}",
            f"{after.first:%d.%m.%Y}–{after.last:%d.%m.%Y}",
            _("Veränderung"),
            _("Bewertung"),
        ]
        verdicts = {"better": _("besser"), "worse": _("schlechter"), "": ""}
        rows = [
            [str(f.kpi.label), str(f.kpi.unit), f.other_shown, f.value_shown, f.change_shown, verdicts[f.verdict]]
            for f in figures
        ]
        return download(as_csv(header, rows), filename="steuerung-vergleich", kind="csv")
    return render(
        request,
        "controlling/comparison.html",
        {
            "form": form,
            "before": before,
            "after": after,
            "figures": figures,
            "better": [f for f in figures if f.verdict == "better"],
            "worse": [f for f in figures if f.verdict == "worse"],
            "query": request.GET.urlencode(),
        },
    )


@staff_view("controlling.view_dashboard")
def counter_codes(request: HttpRequest) -> HttpResponse:
    """A printable QR code per counter leading to the feedback form."""
    codes = []
    for counter in Counter.objects.select_related("location", "section").order_by("location__name", "number"):
        url = absolute_url(
            reverse("controlling:feedback_counter", kwargs={"token": counter_token(counter_id=counter.pk)})
        )
        codes.append({"counter": counter, "url": url, "svg": qr_svg(url, box_size=6, labelled_by=f"qr-{counter.pk}")})
    return render(request, "controlling/counter_codes.html", {"codes": codes})


def _feedback(request: HttpRequest, visit_of: Callable[..., FeedbackVisit], token: str) -> HttpResponse:
    try:
        visit = visit_of(token=token)
    except FeedbackError as exc:
        return render(request, "controlling/feedback_closed.html", {"message": str(exc)}, status=410)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if rate_limit_hit(request, group="feedback", key="ip", rate=settings.CONTROLLING_FEEDBACK_RATE):
            return render(
                request, "controlling/feedback_closed.html", {"message": _("Zu viele Antworten.")}, status=429
            )
        if form.is_valid():
            try:
                feedback_response_submit(
                    visit=visit,
                    ratings=form.ratings(),
                    comment=form.cleaned_data["comment"],
                    language=get_language() or "",
                )
            except FeedbackError as exc:
                return render(request, "controlling/feedback_closed.html", {"message": str(exc)}, status=410)
            return render(request, "controlling/feedback_thanks.html")
    return render(request, "controlling/feedback.html", {"form": form, "visit_day": visit.day})


@never_cache
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The survey reached from the mail after an appointment (one answer per link)."""
    return _feedback(request, feedback_visit_from_token, token)


@never_cache
def feedback_counter(request: HttpRequest, token: str) -> HttpResponse:
    """The survey reached from a counter's QR code."""
    return _feedback(request, feedback_visit_from_counter, token)
