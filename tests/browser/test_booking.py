"""Booking, moving and cancelling an appointment in a real browser, in German and Arabic,
with the bot guard's proof of work solved by the page itself; every page passes axe-core."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from anlaufstelle.appointments.models import Booking, BookingStatus
from anlaufstelle.core.tenancy import tenant_context
from tests.factories import LocationFactory, ServiceFactory, UserFactory, WeeklyAvailabilityFactory
from tests.mail import queued_mail

from .conftest import Site

PREFIX = {"de": "", "ar": "/ar"}
AxeRunner = Callable[[Page], list[str]]


def translated(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def office(site: Site):  # type: ignore[no-untyped-def]
    with tenant_context(site.tenant):
        from anlaufstelle.core.models import Section

        section = Section.objects.get()
        location = LocationFactory(name="Rathaus", name_ar="دار البلدية", street="Rathausplatz 1")
        staff = [UserFactory(), UserFactory()]
        for member in staff:
            for weekday in range(7):
                WeeklyAvailabilityFactory(
                    staff=member,
                    location=location,
                    weekday=weekday,
                    starts=dt.time(8),
                    ends=dt.time(16),
                    valid_from=timezone.localdate() - dt.timedelta(days=7),
                )
        service = ServiceFactory(
            section=section,
            name="Aufenthaltserlaubnis verlängern",
            name_ar="تمديد تصريح الإقامة",
            documents="Reisepass\nBiometrisches Foto",
            documents_ar="جواز السفر\nصورة بيومترية",
            duration_minutes=30,
            earliest_days=1,
            latest_days=30,
            qualified_staff=staff,
        )
    return {"service": service, "location": location}


def _check_axe(page: Page, axe_violations: AxeRunner) -> None:
    assert axe_violations(page) == [], page.url


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_person_books_moves_and_cancels_an_appointment(  # type: ignore[no-untyped-def]
    page: Page, site: Site, office, language: str, axe_violations: AxeRunner
) -> None:
    service_name = "تمديد تصريح الإقامة" if language == "ar" else "Aufenthaltserlaubnis verlängern"
    page.goto(f"{PREFIX[language]}/termine/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    _check_axe(page, axe_violations)

    page.get_by_role("link", name=service_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(service_name)
    expect(page.get_by_text("جواز السفر" if language == "ar" else "Reisepass")).to_be_visible()
    _check_axe(page, axe_violations)

    page.locator(".day-list a").first.click()
    _check_axe(page, axe_violations)
    chosen = page.locator("input[name=beginn]:checked").get_attribute("value")
    page.get_by_role("button", name=translated(language, "Weiter")).click()

    page.get_by_label(translated(language, "Vorname(n)")).fill("Amina")
    page.get_by_label(translated(language, "Familienname")).fill("Haddad")
    page.get_by_label(translated(language, "E-Mail-Adresse")).fill(f"amina.{language}@example.org")
    consent = "Ich bin einverstanden, dass meine Angaben für diesen Termin gespeichert werden."
    page.get_by_label(translated(language, consent)).check()
    _check_axe(page, axe_violations)
    page.get_by_role("button", name=translated(language, "Termin reservieren")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        translated(language, "Fast geschafft: bitte öffnen Sie die E-Mail")
    )
    _check_axe(page, axe_violations)
    with tenant_context(site.tenant):
        booking = Booking.objects.get()
        assert booking.status == BookingStatus.RESERVED
        assert booking.starts_at.strftime("%Y-%m-%dT%H:%M") == chosen
        mail = queued_mail(topic="appointments.address_check")
    confirm = re.search(r"/termine/t/[^/\s]+/bestaetigen/", mail.body_text).group(0)  # type: ignore[union-attr]

    page.goto(f"{PREFIX[language]}{confirm}")
    page.get_by_role("button", name=translated(language, "Ja, Termin verbindlich buchen")).click()
    expect(page.get_by_text(translated(language, "bestätigt"), exact=True)).to_be_visible()
    expect(page.get_by_role("img", name=translated(language, "QR-Code zum Anmelden vor Ort"))).to_be_visible()
    _check_axe(page, axe_violations)

    page.get_by_role("link", name=translated(language, "Termin verlegen")).click()
    _check_axe(page, axe_violations)
    page.locator(".day-list a").last.click()
    page.get_by_role("button", name=translated(language, "Auf diese Uhrzeit verlegen")).click()
    moved_note = "Ihr Termin ist verlegt. Die neue Bestätigung ist unterwegs zu Ihnen."
    expect(page.get_by_text(translated(language, moved_note))).to_be_visible()
    with tenant_context(site.tenant):
        moved = Booking.objects.get(status=BookingStatus.CONFIRMED)
        assert moved.starts_at > booking.starts_at

    page.get_by_role("link", name=translated(language, "Termin absagen")).click()
    _check_axe(page, axe_violations)
    page.get_by_role("button", name=translated(language, "Ja, Termin absagen")).click()
    cancelled_note = "Ihr Termin ist abgesagt. Danke, dass Sie Bescheid gegeben haben."
    expect(page.get_by_text(translated(language, cancelled_note))).to_be_visible()
    with tenant_context(site.tenant):
        assert not Booking.objects.filter(status=BookingStatus.CONFIRMED).exists()
