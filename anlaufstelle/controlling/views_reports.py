"""The archive of monthly reports for the leads: the list (where a report can be asked for now),
and each month's report as the archived HTML document and as a PDF download."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus

from anlaufstelle.core.permissions import staff_view

from .forms import ReportMonthForm
from .models import MonthlyReport
from .reports import monthly_report_archived, monthly_report_request, monthly_reports_archived


@staff_view("controlling.view_dashboard")
def report_list(request: HttpRequest) -> HttpResponse:
    """The archived reports, newest first; POST asks the task layer for one month's report."""
    form = ReportMonthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"]
        status = monthly_report_request(month=month, actor=request.user)
        values = {"month": date_format(month, "F Y")}
        if status == TaskResultStatus.SUCCESSFUL:
            messages.success(request, _("Der Monatsbericht %(month)s ist erstellt.") % values)
        elif status == TaskResultStatus.FAILED:
            messages.error(request, _("Der Monatsbericht %(month)s konnte nicht erstellt werden.") % values)
        else:
            messages.info(
                request,
                _("Der Monatsbericht %(month)s wird erstellt. Er erscheint in wenigen Minuten in dieser Liste.")
                % values,
            )
        return redirect("controlling:reports")
    return render(
        request,
        "controlling/report_list.html",
        {"form": form, "reports": monthly_reports_archived()},
        status=400 if form.errors else 200,
    )


def _report(month: str) -> MonthlyReport:
    """The archived report of ``month`` ("2026-03"); 404 for anything else."""
    try:
        first = dt.datetime.strptime(month, "%Y-%m").date()
    except ValueError as exc:
        raise Http404 from exc
    if f"{first:%Y-%m}" != month:  # strptime also takes "2026-3"
        raise Http404
    report = monthly_report_archived(month=first)
    if report is None:
        raise Http404
    return report


@staff_view("controlling.view_dashboard")
def report_html(request: HttpRequest, month: str) -> HttpResponse:
    """The archived HTML document of a month (self-contained: styles, fonts and charts inside)."""
    return HttpResponse(_report(month).html, content_type="text/html; charset=utf-8")


@staff_view("controlling.view_dashboard")
def report_pdf(request: HttpRequest, month: str) -> HttpResponse:
    response = HttpResponse(bytes(_report(month).pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="monatsbericht-{month}.pdf"'
    return response
