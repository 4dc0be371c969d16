"""The offers directory in a real browser, in German and Arabic (right to left): the guided path,
the search with a filter, an offer and the map; every page passes axe-core (WCAG 2.1 AA) and
works without JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from anlaufstelle.core.tenancy import tenant_context
from tests.offers.directory import Directory, make_directory

from .conftest import Site

PREFIX = {"de": "", "ar": "/ar"}
AxeRunner = Callable[[Page], list[str]]


@pytest.fixture
def directory(site: Site) -> Directory:
    with tenant_context(site.tenant):
        return make_directory()


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("javascript", [True, False])
def test_guided_path_search_offer_and_map(
    make_context: Callable[..., Any],
    directory: Directory,
    axe_violations: AxeRunner,
    language: str,
    javascript: bool,
) -> None:
    page = make_context(java_script_enabled=javascript, locale="ar" if language == "ar" else "de-DE").new_page()
    prefix = PREFIX[language]
    course_name = "دورة الاندماج" if language == "ar" else "Integrationskurs Deutsch"

    def clean(page: Page) -> None:
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        if javascript:  # axe-core runs as a script; the pages are the same without it
            assert axe_violations(page) == []

    # guided path: I am … → I need … → the offers
    page.goto(f"{prefix}/angebote/")
    clean(page)
    page.locator(f"a[href='{prefix}/angebote/fuer/flucht/']").first.click()
    clean(page)
    page.locator(f"a[href='{prefix}/angebote/fuer/flucht/sprache/']").first.click()
    expect(page.get_by_role("link", name=course_name)).to_be_visible()
    clean(page)

    # search with a filter
    page.goto(f"{prefix}/angebote/suche/")
    page.locator("input[name=q]").fill("Integrationskurs")
    page.locator("details.filter-more > summary").click()  # the filters open on request
    page.locator("select[name=thema]").select_option("sprache")
    page.locator("form:has(input[name=q]) button[type=submit]").first.click()
    expect(page.get_by_role("link", name=course_name)).to_be_visible()
    expect(page.get_by_role("link", name="Sprachcafé")).to_have_count(0)
    expect(page.locator("details.filter-more")).to_have_attribute("open", "")  # a chosen filter stays in view
    clean(page)

    # the offer
    page.get_by_role("link", name=course_name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(course_name)
    expect(page.get_by_text("Bürgerhaus Altstadt").first).to_be_visible()
    clean(page)

    # the map, without any tile server
    page.goto(f"{prefix}/angebote/karte/")
    expect(page.locator("svg").first).to_be_visible()
    expect(page.get_by_role("link", name="Bürgerhaus Altstadt").first).to_be_visible()
    clean(page)
