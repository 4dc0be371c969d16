"""The front desk in real browsers: the desk checks a booked person in by code and issues a
walk-in ticket, a caseworker calls it from the workstation, and the call appears on the
call-up display open in another browser; the public pages pass axe-core, also in Arabic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from anlaufstelle.appointments.models import Service
from anlaufstelle.core.models import Role, Section
from anlaufstelle.core.tenancy import tenant_context
from tests.factories import (
    BookingFactory,
    CounterFactory,
    LocationFactory,
    PersonFactory,
    ServiceFactory,
    UserFactory,
)

from .conftest import Site, sign_in

AxeRunner = Callable[[Page], list[str]]
ContextMaker = Callable[..., BrowserContext]


@pytest.fixture
def office(site: Site):  # type: ignore[no-untyped-def]
    with tenant_context(site.tenant):
        section = Section.objects.get()
        caseworker = UserFactory(username="sb", role=Role.CASEWORKER, sections=[section])
        desk = UserFactory(username="empfang", role=Role.FRONT_DESK)
        location = LocationFactory(name="Rathaus", name_ar="دار البلدية")
        counter = CounterFactory(location=location, section=section, number="3")
        service = ServiceFactory(
            section=section,
            name="Aufenthaltserlaubnis verlängern",
            documents="Reisepass\nBiometrisches Foto",
            booking_mode=Service.BookingMode.DESK,
            qualified_staff=[caseworker],
        )
        starts = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=10)
        BookingFactory(
            service=service,
            location=location,
            staff=caseworker,
            person=PersonFactory(),
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=30),
            code="HKLM3479",
        )
    return {"desk": desk, "caseworker": caseworker, "location": location, "counter": counter, "service": service}


def test_check_in_walk_in_call_and_the_display_updates_live(  # type: ignore[no-untyped-def]
    site: Site, office, make_context: ContextMaker, axe_violations: AxeRunner
) -> None:
    display = make_context().new_page()
    display.goto(f"/aufruf/{office['location'].pk}/")
    expect(display.get_by_text("Bitte warten Sie, bis Ihre Nummer erscheint.")).to_be_visible()
    assert axe_violations(display) == []

    desk = make_context().new_page()
    with tenant_context(site.tenant):
        sign_in(desk, office["desk"])
    desk.goto("/mitarbeit/empfang/")
    desk.get_by_label("QR-Code scannen oder Buchungsnummer eingeben").fill("hklm3479")
    desk.get_by_role("button", name="Einchecken", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Wartemarke 1001")
    expect(desk.get_by_text("Biometrisches Foto")).to_be_visible()

    desk.goto("/mitarbeit/empfang/")
    desk.get_by_label("Anliegen").select_option(str(office["service"].pk))
    desk.get_by_role("button", name="Wartemarke ausgeben").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Wartemarke 1002")
    status_url = desk.get_by_role("link", name="Statusseite für das Handy").get_attribute("href")
    assert status_url is not None

    phone = make_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(re.sub(r"^https?://[^/]+", "", status_url))
    expect(phone.get_by_text("Sie warten.")).to_be_visible()
    assert axe_violations(phone) == []

    caseworker = make_context().new_page()
    with tenant_context(site.tenant):
        sign_in(caseworker, office["caseworker"])
    caseworker.goto("/mitarbeit/empfang/platz/")
    caseworker.get_by_label("Schalter").select_option(str(office["counter"].pk))
    caseworker.get_by_role("button", name="Anmelden").click()
    caseworker.get_by_role("button", name="Nächste Person aufrufen").click()
    # The booked person's time has not come yet: the walk-in is called first.
    expect(caseworker.locator(".frontdesk-current .ticket-label")).to_have_text("1002")

    expect(display.locator(".display__latest .display__number")).to_have_text("1002", timeout=10_000)
    expect(display.locator(".display__latest .display__counter")).to_contain_text("3")
    expect(phone.get_by_text("Bitte kommen Sie zu Schalter 3")).to_be_visible(timeout=20_000)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_public_front_desk_pages_pass_axe_and_read_right_to_left_in_arabic(  # type: ignore[no-untyped-def]
    page: Page, site: Site, office, language: str, axe_violations: AxeRunner
) -> None:
    prefix = "/ar" if language == "ar" else ""
    for path in (f"/aufruf/{office['location'].pk}/", "/rueckruf/", "/kontakt/nachricht/"):
        page.goto(prefix + path)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        assert axe_violations(page) == [], path


FAKE_CAMERA = """
// A browser that reads QR codes: a camera stream from a canvas and a detector that "sees" the
// booking code, standing in for the real BarcodeDetector (not built into Chromium on Linux).
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code"]; }
  async detect() { return [{ rawValue: "HKLM3479", format: "qr_code" }]; }
};
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement("canvas");
  canvas.getContext("2d").fillRect(0, 0, 10, 10);
  return canvas.captureStream();
};
"""


def test_the_camera_scan_appears_only_where_the_browser_reads_qr_codes(  # type: ignore[no-untyped-def]
    site: Site, office, make_context: ContextMaker
) -> None:
    plain = make_context().new_page()
    with tenant_context(site.tenant):
        sign_in(plain, office["desk"])
    plain.goto("/mitarbeit/empfang/")
    expect(plain.get_by_role("button", name="Mit der Kamera scannen")).to_be_hidden()

    context = make_context()
    context.add_init_script(FAKE_CAMERA)
    desk = context.new_page()
    with tenant_context(site.tenant):  # a colleague: one code of the authenticator is used once
        sign_in(desk, UserFactory(username="empfang2", role=Role.FRONT_DESK))
    desk.goto("/mitarbeit/empfang/")
    desk.get_by_role("button", name="Mit der Kamera scannen").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Wartemarke 1001")
