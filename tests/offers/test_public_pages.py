"""The public pages: guided path, search, offer and place pages, map and calendar feed."""

from __future__ import annotations

import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from anlaufstelle.offers.selectors import topics_for
from anlaufstelle.offers.services import search_index_update

from ..factories import (
    OfferDateFactory,
    OfferFactory,
    OfferLanguageFactory,
    OfferPlaceFactory,
    ServiceFactory,
    TopicFactory,
)
from .directory import Directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_HOST="musterstadt.localhost")


def test_the_guided_path_leads_from_life_situation_to_offers(client: Client, directory: Directory) -> None:
    start = client.get("/angebote/").content.decode()
    assert "/angebote/fuer/flucht/" in start
    topics = client.get("/angebote/fuer/flucht/").content.decode()
    assert "/angebote/fuer/flucht/sprache/" in topics
    offers = client.get("/angebote/fuer/flucht/sprache/").content.decode()
    # made for refugees first, then the offer for everyone
    assert offers.index("Integrationskurs Deutsch") < offers.index("Sprachcafé")
    assert "Wohnungssuche" not in offers


def test_each_topic_counts_the_offers_of_its_subtopics_once(directory: Directory) -> None:
    courses = TopicFactory(code="kurse", name="Sprachkurse", parent=directory.language)
    OfferFactory(name="Abendkurs", topics=[courses], life_situations=[directory.refugee])
    OfferFactory(name="Lesekurs", topics=[courses, directory.language], life_situations=[directory.refugee])
    OfferFactory(name="Nur für Studierende", topics=[courses], life_situations=[directory.student])
    assert topics_for(directory.refugee) == [(directory.language, 4), (directory.housing, 1)]
    assert topics_for(directory.student) == [(directory.language, 2), (directory.housing, 1)]


def test_an_office_service_links_into_the_booking(client: Client, directory: Directory) -> None:
    service = ServiceFactory()
    directory.course.appointment_service = service
    directory.course.save()
    page = client.get("/angebote/fuer/flucht/sprache/").content.decode()
    assert f"/termine/anliegen/{service.pk}/" in page


def test_the_search_page_shows_results_in_the_visitors_language(client: Client, directory: Directory) -> None:
    page = client.get("/ar/angebote/suche/", {"q": "Integrationskurs"}).content.decode()
    assert 'dir="rtl"' in page
    assert "دورة الاندماج" in page
    # the summary has no Arabic translation: shown in German, marked as such
    assert 'lang="de" dir="ltr">Deutsch bis B1' in page


def test_a_search_result_links_into_the_booking_only_while_the_service_is_bookable(
    client: Client, directory: Directory
) -> None:
    service = ServiceFactory()
    directory.course.appointment_service = service
    directory.course.save()
    assert (
        f"/termine/anliegen/{service.pk}/" in client.get("/angebote/suche/", {"q": "Integrationskurs"}).content.decode()
    )
    service.is_active = False
    service.save()
    page = client.get("/angebote/suche/", {"q": "Integrationskurs"}).content.decode()
    assert f"/termine/anliegen/{service.pk}/" not in page


def test_a_page_goes_compressed_to_a_browser_that_accepts_it(client: Client, directory: Directory) -> None:
    response = client.get("/ar/angebote/suche/", {"q": "Integrationskurs"}, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert "دورة الاندماج" in gzip.decompress(response.content).decode()
    plain = client.get("/ar/angebote/suche/", {"q": "Integrationskurs"})
    assert not plain.has_header("Content-Encoding")


def test_an_empty_result_suggests_something(client: Client, directory: Directory) -> None:
    page = client.get("/angebote/suche/", {"q": "Sprache xyzzy", "kosten": "paid"}).content.decode()
    assert "0 Angebote gefunden" in page
    assert "Dieselbe Suche ohne Filter" in page
    assert "?thema=sprache" in page


def test_the_offer_page_is_shareable_in_each_language(client: Client, directory: Directory) -> None:
    response = client.get(f"/en/angebote/{directory.course.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "German up to B1" in page
    assert f"http://musterstadt.localhost/en/angebote/{directory.course.pk}/" in page
    assert "Bürgerhaus Altstadt" in page


def test_unpublished_offers_have_no_public_page(client: Client, directory: Directory) -> None:
    directory.flat.publication = "pending"
    directory.flat.save()
    assert client.get(f"/angebote/{directory.flat.pk}/").status_code == 404


def test_the_place_page_shows_hours_accessibility_and_offers(client: Client, directory: Directory) -> None:
    page = client.get(f"/angebote/orte/{directory.place.pk}/").content.decode()
    assert "09:00–17:00" in page
    assert "Sprachcafé" in page
    assert "Integrationskurs Deutsch" in page
    assert "<svg" in page


def test_the_map_draws_districts_and_places_without_a_tile_server(client: Client, directory: Directory) -> None:
    page = client.get("/angebote/karte/").content.decode()
    assert "<path d=" in page
    assert f'href="/angebote/orte/{directory.place.pk}/"' in page
    assert "tile" not in page.lower()


def test_the_calendar_feed_has_weekly_meeting_places(client: Client, directory: Directory) -> None:
    OfferDateFactory(offer=directory.cafe, place=directory.place, weekly_until="2026-06-30")
    response = client.get("/angebote/termine.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Sprachcafé"
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert "Bürgerhaus Altstadt" in str(event["location"])


def _card(page: str, name: str) -> str:
    """The result card (``<li class="offer-card">…</li>``) of the offer called ``name``."""
    start = page.rindex('<li class="offer-card">', 0, page.index(name))
    return page[start : page.index("</ul>\n", page.index('class="offer-facts', start))]


def test_a_card_lists_the_offers_languages_and_districts_in_search_and_guided_path(
    client: Client, directory: Directory
) -> None:
    searched = client.get("/angebote/suche/?q=deutsch").content.decode()
    guided = client.get("/angebote/fuer/flucht/sprache/").content.decode()
    for page in (searched, guided):
        course, cafe = _card(page, "Integrationskurs Deutsch"), _card(page, "Sprachcafé")
        assert "Arabisch" in course
        assert "Ukrainisch" not in course
        assert "Ukrainisch" in cafe
        assert "Arabisch" not in cafe
        assert '<li lang="de" dir="ltr">Altstadt</li>' in course
    flat = _card(client.get("/angebote/suche/?q=wohnung").content.decode(), "Wohnungssuche")
    assert "Altstadt" not in flat
    assert "Sprachen" not in flat


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_the_result_page_reads_its_cards_in_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    client: Client, directory: Directory, prefix: str, django_assert_max_num_queries
) -> None:
    """Every column a card shows is read with the page's offers: no card reads more on its own."""
    url = f"{prefix}/angebote/suche/?q=deutsch"
    with CaptureQueriesContext(connection) as two:
        assert "Sprachcafé" in client.get(url).content.decode()
    more = [
        OfferFactory(name=f"Deutsch {n}", name_ar=f"الألمانية {n}", summary_de="Deutsch lernen", **extra)
        for n, extra in enumerate(
            [
                {"phone": "0221 123"},
                {"website": "https://example.org/"},
                {"next_step_de": "Anmelden", "next_step_ar": "سجل"},
                {"appointment_service": ServiceFactory()},
                {"status": "temporarily closed", "walk_in": True, "online": True},
            ]
        )
    ]
    for offer in more:
        OfferLanguageFactory(offer=offer, code="tr")
        OfferPlaceFactory(offer=offer, place=directory.place)
    search_index_update(offer_ids=[offer.pk for offer in more])
    with django_assert_max_num_queries(len(two.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('class="offer-card"') == 7
