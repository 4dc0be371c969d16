"""The one search: every language, typos, compounds, filters, and what an empty result says."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anlaufstelle.offers.search import fold, query_words
from anlaufstelle.offers.selectors import OfferFilters, offers_search
from anlaufstelle.offers.services import search_index_update

from .directory import Directory

pytestmark = pytest.mark.django_db


def names(text: str, **filters: object) -> list[str]:
    return [offer.name_de for offer in offers_search(text=text, filters=OfferFilters(**filters)).offers]  # type: ignore[arg-type]


def test_folding_drops_case_accents_and_sharp_s() -> None:
    assert fold("Straße Café ÄRZTE") == "strasse cafe arzte"
    assert query_words("der Kurs für Frauen, Kurs") == ["kurs", "frauen"]


def test_a_word_finds_offers_whose_compounds_contain_it(directory: Directory) -> None:
    assert names("kurs") == ["Integrationskurs Deutsch"]
    assert names("Sprachcafe") == ["Sprachcafé"]


def test_text_in_any_language_finds_the_offer(directory: Directory) -> None:
    assert names("orientation") == ["Integrationskurs Deutsch"]
    assert names("кавою") == ["Sprachcafé"]
    assert names("الاندماج") == ["Integrationskurs Deutsch"]


def test_a_typo_is_corrected_from_the_index_vocabulary(directory: Directory) -> None:
    result = offers_search(text="Integratonskurs", filters=OfferFilters())
    assert [o.name_de for o in result.offers] == ["Integrationskurs Deutsch"]
    assert "integratonskurs" in result.corrected


def test_a_compound_written_together_is_split_into_known_words(directory: Directory) -> None:
    result = offers_search(text="Mietvertragshilfe", filters=OfferFilters())
    assert [o.name_de for o in result.offers] == ["Wohnungssuche: Beratung"]
    assert result.corrected["mietvertragshilfe"][0] == "mietvertrag hilfe"


def test_filters_narrow_the_full_text_result(directory: Directory) -> None:
    assert names("deutsch") == ["Integrationskurs Deutsch", "Sprachcafé"]  # the match in the title first
    assert names("deutsch", language="uk") == ["Sprachcafé"]
    assert names("", topic=directory.housing) == ["Wohnungssuche: Beratung"]
    assert names("", cost="paid") == ["Wohnungssuche: Beratung"]
    assert names("", district_id=directory.place.district_id) == ["Integrationskurs Deutsch", "Sprachcafé"]


def test_a_life_situation_includes_the_offers_for_everyone(directory: Directory) -> None:
    assert names("", life_situation=directory.refugee) == [
        "Integrationskurs Deutsch",
        "Sprachcafé",
        "Wohnungssuche: Beratung",
    ]
    assert names("", life_situation=directory.student) == ["Sprachcafé", "Wohnungssuche: Beratung"]


def test_open_now_follows_the_hours_of_the_place(directory: Directory) -> None:
    monday_morning = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
    sunday = timezone.make_aware(dt.datetime(2026, 3, 1, 10, 0))
    assert offers_search(text="", filters=OfferFilters(open_now=True), now=monday_morning).total == 2
    assert offers_search(text="", filters=OfferFilters(open_now=True), now=sunday).total == 0


def test_an_unknown_word_gives_an_empty_result_that_names_it(directory: Directory) -> None:
    result = offers_search(text="xyzzy", filters=OfferFilters())
    assert result.total == 0
    assert result.unmatched == ["xyzzy"]


def test_unpublished_offers_are_not_found(directory: Directory) -> None:
    directory.cafe.publication = "pending"
    directory.cafe.save()
    assert names("sprachcafe") == []


def test_the_index_follows_a_changed_offer(directory: Directory) -> None:
    directory.flat.summary_de = "Hilfe bei der Nebenkostenabrechnung."
    directory.flat.save()
    search_index_update(offer_ids=[directory.flat.pk])
    assert names("nebenkosten") == ["Wohnungssuche: Beratung"]
    assert names("mietvertrag") == []


def test_pages_split_a_long_result(directory: Directory) -> None:
    first = offers_search(text="", filters=OfferFilters(), page=1, page_size=2)
    second = offers_search(text="", filters=OfferFilters(), page=2, page_size=2)
    assert (first.total, first.pages, len(first.offers), len(second.offers)) == (3, 2, 2, 1)
    searched = offers_search(text="deutsch", filters=OfferFilters(), page=2, page_size=1)
    assert (searched.total, len(searched.offers)) == (2, 1)
