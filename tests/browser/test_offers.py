"""The offers directory in a real browser, in German and Arabic (right to left): the guided path,
the search with a filter, an offer and the map; every page passes axe-core (WCAG 2.1 AA) and
works without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from anlaufstelle.core.tenancy import tenant_context
from anlaufstelle.offers.services import search_index_rebuild
from tests.factories import (
    DistrictFactory,
    LifeSituationFactory,
    OfferFactory,
    OfferLanguageFactory,
    OfferPlaceFactory,
    OrganisationFactory,
    PlaceFactory,
    PlaceHoursFactory,
    TopicFactory,
)

from .conftest import Site

PREFIX = {"de": "", "ar": "/ar"}
AxeRunner = Callable[[Page], list[str]]


@pytest.fixture
def directory(site: Site) -> dict[str, Any]:
    with tenant_context(site.tenant):
        organisation = OrganisationFactory(name="Volkshochschule Musterstadt")
        language = TopicFactory(code="sprache", name="Sprache", name_ar="اللغة")
        refugee = LifeSituationFactory(code="flucht", name="Ich bin geflüchtet", name_ar="أنا لاجئ")
        LifeSituationFactory(code="alle", name="Für alle", is_everyone=True)
        district = DistrictFactory(name="Altstadt")
        place = PlaceFactory(
            name="Bürgerhaus Altstadt", district=district, street="Markt 1", latitude="51.05", longitude="7.05"
        )
        for weekday in range(5):
            PlaceHoursFactory(place=place, weekday=weekday, opens=dt.time(9), closes=dt.time(17))
        course = OfferFactory(
            organisation=organisation,
            name="Integrationskurs Deutsch",
            name_ar="دورة الاندماج",
            summary_de="Deutsch bis B1 mit Orientierungskurs.",
            summary_ar="اللغة الألمانية حتى مستوى B1.",
            topics=[language],
            life_situations=[refugee],
            walk_in=True,
        )
        OfferFactory(organisation=organisation, name="Sprachcafé", topics=[language], life_situations=[refugee])
        OfferLanguageFactory(offer=course, code="ar")
        OfferPlaceFactory(offer=course, place=place)
        search_index_rebuild()
        return {"course": course, "place": place}


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("javascript", [True, False])
def test_guided_path_search_offer_and_map(
    make_context: Callable[..., Any],
    directory: dict[str, Any],
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
