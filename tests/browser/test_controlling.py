"""Controlling in a real browser: a lead reads the dashboard (headline figures, charts, the CSV
export), makes the monthly report and opens it as a page and as a PDF; a visitor answers the
anonymous feedback survey in German and in Arabic (right to left). Every page passes axe-core."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import BrowserContext, Page, expect

from anlaufstelle.controlling.models import FeedbackResponse
from anlaufstelle.controlling.reports import month_before, month_of
from anlaufstelle.controlling.services import feedback_token, nonce_hash
from anlaufstelle.core.models import Role
from anlaufstelle.core.tenancy import tenant_context
from tests.controlling.helpers import BERLIN, booking
from tests.factories import (
    FeedbackInvitationFactory,
    LeadTimeSnapshotFactory,
    LocationFactory,
    ServiceFactory,
    UserFactory,
)

from .conftest import Site, sign_in

AxeRunner = Callable[[Page], list[str]]
ContextMaker = Callable[..., BrowserContext]
HISTORY_DAYS = 40  # the dashboard's four weeks and the whole of last month


@pytest.fixture
def lead(site: Site):  # type: ignore[no-untyped-def]
    """A lead of an office with six weeks of lead-time snapshots and bookings."""
    with tenant_context(site.tenant):
        service, location = ServiceFactory(name="Aufenthaltserlaubnis verlängern"), LocationFactory(name="Rathaus")
        now = timezone.now()
        today = now.astimezone(BERLIN).date()
        for back in range(HISTORY_DAYS):
            day = today - dt.timedelta(days=back)
            LeadTimeSnapshotFactory(day=day, service=service, location=location, lead_days=10 + back % 7)
            made = now - dt.timedelta(days=back, hours=1)
            starts = made + dt.timedelta(days=2) if back > 2 else now + dt.timedelta(days=3)
            status = "confirmed" if back <= 2 else ("no_show" if back % 5 == 0 else "attended")
            booking(created=made, starts=starts, service=service, location=location, status=status)
        return UserFactory(username="leitung", role=Role.LEAD)


def test_a_lead_reads_the_dashboard_and_makes_and_opens_the_monthly_report(  # type: ignore[no-untyped-def]
    site: Site, lead, page: Page, axe_violations: AxeRunner, settings, tmp_path: Path
) -> None:
    # The report is made by the task layer; here it runs at once, as a worker would.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with tenant_context(site.tenant):
        sign_in(page, lead)
    page.goto("/mitarbeit/steuerung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Steuerung: Kennzahlen")
    cards = page.locator(".controlling-card")
    expect(cards).to_have_count(12)
    expect(cards.filter(has_text="Terminvorlauf, längstes Anliegen (letzter Stand)")).to_contain_text("Tage")
    expect(cards.filter(has_text="Buchungen")).to_contain_text("Vorzeitraum")
    expect(page.get_by_role("img", name="Terminvorlauf je Tag")).to_be_visible()
    expect(page.get_by_role("img", name="Buchungen, Absagen und nicht erschienen je Woche")).to_be_visible()
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.locator("p", has_text="Alle Kennzahlen herunterladen").get_by_role("link", name="CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert csv[0] == "Kennzahl;Einheit;Wert;Vorzeitraum;Schlüssel"
    assert any(line.startswith("Buchungen;;") and line.endswith(";bookings") for line in csv)

    page.get_by_role("navigation", name="Steuerung").get_by_role("link", name="Monatsberichte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monatsberichte")
    expect(page.get_by_text("Noch kein Bericht archiviert.")).to_be_visible()
    assert axe_violations(page) == []

    month = month_before(month_of(timezone.now()))
    with translation.override("de"):
        label = date_format(month, "F Y")
    page.get_by_label("Monat", exact=True).select_option(month.isoformat())
    page.get_by_role("button", name="Bericht jetzt erstellen").click()
    expect(page.get_by_text(f"Der Monatsbericht {label} ist erstellt.")).to_be_visible()
    expect(page.get_by_role("row", name=label)).to_be_visible()
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name=f"{label} als PDF").click()
    assert download.value.suggested_filename == f"monatsbericht-{month:%Y-%m}.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    page.get_by_role("link", name=f"{label} als Webseite").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Monatsbericht {label}")
    expect(page.get_by_role("heading", name="Das Wichtigste in Kürze")).to_be_visible()
    expect(page.get_by_role("img", name="Terminvorlauf je Tag")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Terminvorlauf, längstes Anliegen (letzter Stand)").first).to_be_visible()
    assert axe_violations(page) == []


SURVEY = {
    "de": {
        "prefix": "",
        "question": "Wie zufrieden waren Sie mit der Wartezeit?",
        "answer": "4 – zufrieden",
        "comment": "Möchten Sie uns noch etwas sagen?",
        "send": "Antwort senden",
        "thanks": "Vielen Dank",
    },
    "ar": {
        "prefix": "/ar",
        "question": "ما مدى رضاكم عن مدة الانتظار؟",
        "answer": "4 – راضٍ",
        "comment": "هل تودّون إخبارنا بشيء آخر؟",
        "send": "إرسال الإجابة",
        "thanks": "شكرًا جزيلًا",
    },
}


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_visitor_answers_the_anonymous_survey_in_their_language(  # type: ignore[no-untyped-def]
    site: Site, page: Page, axe_violations: AxeRunner, language: str
) -> None:
    words = SURVEY[language]
    nonce = secrets.token_urlsafe(16)
    yesterday = timezone.now().astimezone(BERLIN).date() - dt.timedelta(days=1)
    with tenant_context(site.tenant):
        invitation = FeedbackInvitationFactory(nonce_hash=nonce_hash(nonce), day=yesterday)
    token = feedback_token(
        nonce=nonce, service_id=invitation.service_id, location_id=invitation.location_id, day=yesterday
    )

    page.goto(f"{words['prefix']}/rueckmeldung/{token}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert axe_violations(page) == []
    page.get_by_role("group", name=words["question"]).get_by_label(words["answer"], exact=True).check()
    page.get_by_label(words["comment"]).fill("Sehr hilfsbereit" if language == "de" else "شكرًا على المساعدة")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["thanks"])
    assert axe_violations(page) == []

    with tenant_context(site.tenant):
        answer = FeedbackResponse.objects.get()
    assert (answer.waiting, answer.friendliness, answer.language) == (4, None, language)
    assert answer.day == yesterday
