"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked ``browser`` (deselect with ``-m "not browser"``). The
browser is started once per session; each test gets a fresh context (cookies, cache,
viewport) and the data of one tenant that answers on ``localhost`` and ``127.0.0.1``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from anlaufstelle.core.models import Tenant, User
from anlaufstelle.core.tenancy import all_tenants, tenant_context
from benchmarks.page_weight import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import current_code
from tests.factories import PASSWORD, OpeningHoursFactory, SectionFactory, TenantFactory, TOTPDeviceFactory

# Playwright's sync API keeps an event loop in the test thread; Django would otherwise take
# every ORM call made by a test (or a fixture) for a call from async code and refuse it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BROWSER_TESTS = Path(__file__).parent

INTRO = {
    "de": "Willkommen im Rathaus: Beratung, Termine und Sprachkurse an einem Ort.",
    "en": "Welcome to the town hall: advice, appointments and language courses in one place.",
    "ar": "مرحبًا بكم في دار البلدية: الاستشارة والمواعيد ودورات اللغة في مكان واحد.",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set ANLAUFSTELLE_CHROMIUM).")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass(frozen=True)
class Site:
    """The tenant the live server answers with, and its address."""

    tenant: Tenant
    url: str
    intro: dict[str, str]


@pytest.fixture
def site(live_server: Any) -> Iterator[Site]:
    """A tenant with translated intro, imprint, privacy and opening hours, served live."""
    with all_tenants():
        tenant = TenantFactory(
            slug="musterstadt",
            name="Musterstadt",
            hostnames="localhost\n127.0.0.1",
            intro_de=INTRO["de"],
            intro_en=INTRO["en"],
            intro_ar=INTRO["ar"],
            imprint_de="Stadt Musterstadt\nRathausplatz 1\n12345 Musterstadt",
            privacy_de="Wir verarbeiten Ihre Daten nur, um Ihr Anliegen zu bearbeiten.",
            how_to_reach_de="Straßenbahn 1 bis Rathaus.",
        )
    with tenant_context(tenant):
        SectionFactory(code="1", name="Beschäftigung und Studium")
        for weekday in range(5):
            OpeningHoursFactory(weekday=weekday, opens=dt.time(8, 0), closes=dt.time(12, 0))
        OpeningHoursFactory(weekday=3, opens=dt.time(14, 0), closes=dt.time(18, 0))
        yield Site(tenant=tenant, url=live_server.url, intro=INTRO)


@pytest.fixture
def make_context(browser: Browser, site: Site) -> Iterator[Callable[..., BrowserContext]]:
    """``make_context(**options)``: a fresh browser context (own cookies and cache) on ``site``."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options = {"locale": "de-DE", "viewport": {"width": 1280, "height": 900}, **options}
        contexts.append(browser.new_context(base_url=site.url, **options))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_context: Callable[..., BrowserContext]) -> Page:
    """A page in a fresh desktop-sized context."""
    return make_context().new_page()


@pytest.fixture
def axe_violations() -> Callable[[Page], list[str]]:
    """``axe_violations(page)``: axe-core's WCAG 2.1 A and AA violations on the loaded page,
    one readable line per violation and element (rule, impact, help, selector, why)."""

    def run(page: Page) -> list[str]:
        page.add_script_tag(path=str(AXE_SCRIPT))
        results = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
        )
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at {json.dumps(node['target'])}: "
            + " ".join(node["failureSummary"].split())
            for violation in results["violations"]
            for node in violation["nodes"]
        ]

    return run


def sign_in(page: Page, user: User) -> None:
    """Log ``user`` in through the login pages (password, then a code of a new TOTP device)."""
    device = TOTPDeviceFactory(user=user)
    page.goto("/mitarbeit/anmelden/")
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Weiter").click()
    page.get_by_label("Sicherheitscode aus der Authenticator-App").fill(current_code(device))
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/mitarbeit/$"))
