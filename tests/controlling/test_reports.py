"""The monthly report: a hand-made March against February, archived once per month as HTML
and PDF, made by the daily job for the month just ended, and shown to leads only."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend

from anlaufstelle.controlling.models import MonthlyReport
from anlaufstelle.controlling.reports import (
    month_before,
    month_of,
    month_scope,
    monthly_report_generate,
    monthly_report_generate_due,
    monthly_report_html,
)
from anlaufstelle.controlling.tasks import generate_monthly_report, generate_monthly_reports
from anlaufstelle.core.models import AuditEntry, Tenant
from anlaufstelle.core.tenancy import tenant_context

from ..factories import FeedbackInvitationFactory, LeadTimeSnapshotFactory, MonthlyReportFactory, ThresholdFactory
from .helpers import berlin, booking

MARCH = dt.date(2026, 3, 1)
APRIL_2ND = berlin(dt.date(2026, 4, 2), 7)  # March is over


@pytest.fixture
def queued_tasks():  # type: ignore[no-untyped-def]
    """The test settings' DummyBackend, empty at the start; ``.results`` lists what was enqueued."""
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    backend.clear()
    yield backend
    backend.clear()


def _last_month() -> dt.date:
    return month_before(month_of(timezone.now()))


def _march_and_february() -> None:
    """Lead time 20 days at the end of February, 35 at the end of March; one booking held in
    February, two in March of which one was missed."""
    snapshot = LeadTimeSnapshotFactory(day=dt.date(2026, 3, 31), lead_days=35)
    same = {"service": snapshot.service, "location": snapshot.location}
    LeadTimeSnapshotFactory(day=dt.date(2026, 3, 30), lead_days=30, **same)
    LeadTimeSnapshotFactory(day=dt.date(2026, 2, 28), lead_days=20, **same)
    booking(created=berlin(dt.date(2026, 2, 10), 9), starts=berlin(dt.date(2026, 2, 12), 9), status="attended")
    booking(created=berlin(dt.date(2026, 3, 2), 9), starts=berlin(dt.date(2026, 3, 5), 9), status="attended")
    booking(created=berlin(dt.date(2026, 3, 3), 9), starts=berlin(dt.date(2026, 3, 31), 15), status="no_show")


def _text(html: str) -> str:
    """The document's text with tags removed and white space collapsed."""
    body = html.split("<body>", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def _pages(html: str) -> int:
    """How many A4 pages WeasyPrint lays the document out on."""
    from weasyprint import HTML

    return len(HTML(string=html).render().pages)


def test_a_month_is_its_calendar_days() -> None:
    assert month_scope(dt.date(2026, 2, 1)).last == dt.date(2026, 2, 28)
    assert month_scope(dt.date(2024, 2, 1)).days == 29
    assert month_scope(dt.date(2026, 12, 1)).last == dt.date(2026, 12, 31)
    with pytest.raises(ValueError, match="first day"):
        month_scope(dt.date(2026, 3, 2))


def test_the_report_compares_the_month_with_the_month_before_in_plain_german(tenant) -> None:
    _march_and_february()
    text = _text(monthly_report_html(month=MARCH, now=APRIL_2ND))
    assert "Monatsbericht März 2026" in text
    assert "Zeitraum 01.03.2026 bis 31.03.2026, verglichen mit dem Vormonat (Februar 2026)." in text
    assert (
        "Terminvorlauf, längstes Anliegen (letzter Stand) ist von 20 auf 35 Tage gestiegen – eine Verschlechterung."
        in text
    )
    assert "Nicht erschienen ist von 0,0 auf 50,0 % gestiegen – eine Verschlechterung." in text
    assert "Buchungen ist von 1 auf 2 gestiegen." in text
    # the table of all figures: value, previous month, change and verdict
    assert "Wahrzunehmende Termine 2 1 +1 (+100 %)" in text
    assert "Der Terminvorlauf wurde an 2 von 31 Tagen gemessen." in text
    assert "Die Wartezeiten vor Ort beruhen auf 0 Wartemarken." in text


def test_the_report_holds_every_kpi_group_and_the_charts_as_svg(tenant) -> None:
    _march_and_february()
    html = monthly_report_html(month=MARCH, now=APRIL_2ND)
    for group in ("Termine", "Warten und Bedienen", "Erreichbarkeit", "Personal", "Zufriedenheit"):
        assert f"<caption>{group}</caption>" in html
    assert html.count('role="img"') == 2  # lead time and bookings; no queue or feedback data
    assert 'aria-labelledby="chart-lead-time"' in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # two charts on one page name their parts apart
    assert "<script" not in html
    # self-contained: nothing to load but the embedded fonts
    assert not re.search(r"<(?:link|img|script)\b|\bsrc=", html)
    assert all(url.startswith("data:") for url in re.findall(r"url\(([^)]*)\)", html))


def test_a_breached_threshold_is_named_with_its_limit(tenant) -> None:
    _march_and_february()
    ThresholdFactory(kpi="lead_time_current_max", limit=Decimal("28"))
    text = _text(monthly_report_html(month=MARCH, now=APRIL_2ND))
    assert (
        "Überschritten: Terminvorlauf, längstes Anliegen (letzter Stand): 35 Tage "
        "(Grenzwert 28; Warnung, wenn der Wert darüber liegt)"
    ) in text


def test_the_report_is_german_whatever_language_is_active(tenant) -> None:
    from django.utils import translation

    _march_and_february()
    with translation.override("ar"):
        text = _text(monthly_report_html(month=MARCH, now=APRIL_2ND))
    assert "Das Wichtigste in Kürze" in text
    assert "50,0 %" in text


def test_a_month_not_yet_over_says_so(tenant) -> None:
    text = _text(monthly_report_html(month=MARCH, now=berlin(dt.date(2026, 3, 20), 12)))
    assert "Der Monat war bei der Erstellung noch nicht abgeschlossen: die Zahlen reichen bis 20.03.2026." in text
    assert "Für diesen Monat liegen keine Messungen des Terminvorlaufs vor." in text


def test_soon_after_the_month_the_report_says_that_answers_may_still_come(tenant) -> None:
    FeedbackInvitationFactory(day=dt.date(2026, 3, 30))
    late = "Rückmeldungen zu Besuchen am Monatsende können noch eintreffen"
    assert late in _text(monthly_report_html(month=MARCH, now=APRIL_2ND))
    assert late not in _text(monthly_report_html(month=MARCH, now=berlin(dt.date(2026, 4, 15), 7)))


def test_the_report_is_archived_as_html_and_a_pdf_with_pages(tenant) -> None:
    _march_and_february()
    report = monthly_report_generate(month=MARCH, now=APRIL_2ND)
    pdf = bytes(MonthlyReport.objects.get(pk=report.pk).pdf)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert _pages(report.html) >= 2
    assert report.generated_at == APRIL_2ND
    assert "Monatsbericht März 2026" in report.html


def test_making_a_month_again_replaces_its_report_and_both_are_audited(tenant) -> None:
    first = monthly_report_generate(month=MARCH, now=APRIL_2ND)
    _march_and_february()
    second = monthly_report_generate(month=MARCH, now=APRIL_2ND + dt.timedelta(days=10))
    assert MonthlyReport.objects.get().pk == first.pk == second.pk
    assert "gestiegen" in MonthlyReport.objects.get().html
    actions = AuditEntry.objects.filter(object_type="controlling.monthlyreport").values_list("action", flat=True)
    assert sorted(actions) == ["change", "create"]


def test_the_daily_job_makes_the_report_of_the_month_just_ended_once(tenant) -> None:
    assert monthly_report_generate_due(now=APRIL_2ND) == 1
    assert monthly_report_generate_due(now=APRIL_2ND + dt.timedelta(days=1)) == 0
    assert list(MonthlyReport.objects.values_list("month", flat=True)) == [MARCH]


def test_the_daily_task_runs_for_every_tenant(tenant, other_tenant) -> None:  # type: ignore[no-untyped-def]
    assert generate_monthly_reports.call() == 2
    with tenant_context(other_tenant):
        assert MonthlyReport.objects.get().month == _last_month()


def test_the_task_a_lead_asks_for_makes_that_tenants_month(tenant: Tenant, personas) -> None:  # type: ignore[no-untyped-def]
    pk = generate_monthly_report.call(tenant_id=tenant.pk, month="2026-03-01", actor_id=personas.lead.pk)
    assert MonthlyReport.objects.get(pk=pk).month == MARCH
    assert AuditEntry.objects.get(object_type="controlling.monthlyreport").actor_username == personas.lead.username


def test_a_lead_lists_reads_and_downloads_the_archived_reports(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    MonthlyReportFactory(month=MARCH, html="<!DOCTYPE html><title>Monatsbericht März 2026</title>")
    client = client_for(personas.lead)
    listing = client.get("/mitarbeit/steuerung/berichte/").content.decode()
    assert "März 2026" in listing
    assert 'href="/mitarbeit/steuerung/berichte/2026-03/pdf/"' in listing
    page = client.get("/mitarbeit/steuerung/berichte/2026-03/")
    assert page["Content-Type"] == "text/html; charset=utf-8"
    assert "Monatsbericht März 2026" in page.content.decode()
    pdf = client.get("/mitarbeit/steuerung/berichte/2026-03/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="monatsbericht-2026-03.pdf"'
    assert pdf.content.startswith(b"%PDF-")
    for missing in ("2026-02", "2026-3", "2026-13", "märz"):
        assert client.get(f"/mitarbeit/steuerung/berichte/{missing}/").status_code == 404


def test_asking_for_a_report_enqueues_it_for_the_task_layer(personas, client_for, queued_tasks) -> None:  # type: ignore[no-untyped-def]
    month = _last_month()
    response = client_for(personas.lead).post("/mitarbeit/steuerung/berichte/", {"month": month}, follow=True)
    assert "wird erstellt. Er erscheint in wenigen Minuten in dieser Liste." in response.content.decode()
    [queued] = queued_tasks.results
    assert queued.task.name == "generate_monthly_report"
    assert queued.kwargs == {
        "tenant_id": personas.lead.tenant_id,
        "month": month.isoformat(),
        "actor_id": personas.lead.pk,
    }


def test_a_month_outside_the_choices_is_refused(personas, client_for, queued_tasks) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.lead).post("/mitarbeit/steuerung/berichte/", {"month": "1999-01-01"})
    assert response.status_code == 400
    assert queued_tasks.results == []


def test_only_leads_and_admins_may_ask_for_a_report(personas, client_for, queued_tasks) -> None:  # type: ignore[no-untyped-def]
    for persona in ("caseworker", "frontdesk", "coordinator"):
        response = client_for(getattr(personas, persona)).post(
            "/mitarbeit/steuerung/berichte/", {"month": _last_month()}
        )
        assert response.status_code == 403
    assert queued_tasks.results == []
