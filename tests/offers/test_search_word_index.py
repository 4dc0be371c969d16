"""The index of whole words finds what the trigrams find, and follows the offers like them."""

from __future__ import annotations

import pytest

from anlaufstelle.core.models import Tenant
from anlaufstelle.offers import search
from anlaufstelle.offers.selectors import OfferFilters, offer_ids_matching, offers_search
from anlaufstelle.offers.services import search_index_rebuild, search_index_update

from .directory import Directory

pytestmark = pytest.mark.django_db

QUERIES = [
    "kurs",
    "Deutsch",
    "deutsch kaffee",
    "Sprachcafe",
    "orientation",
    "кавою",
    "الاندماج",
    "altstadt",
    "Integratonskurs",
    "Mietvertragshilfe",
    "xyzzy",
]


def found(text: str) -> tuple[list[str], int, dict[str, list[str]], list[str]]:
    result = offers_search(text=text, filters=OfferFilters())
    return [offer.name_de for offer in result.offers], result.total, result.corrected, result.unmatched  # type: ignore[attr-defined]


def test_a_fragment_is_looked_up_in_the_words_that_contain_it(directory: Directory, tenant: Tenant) -> None:
    words = search.backend().words_containing(tenant_id=tenant.pk, fragment="kurs")
    assert words is not None
    assert {"integrationskurs", "orientierungskurs"} <= set(words)


def test_the_words_find_the_same_offers_as_the_trigrams(
    directory: Directory, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_words = {text: found(text) for text in QUERIES}
    # a fragment in more words than the limit is searched by its trigrams: here every one
    monkeypatch.setattr(type(search.backend()), "WORD_LIMIT", 0)
    assert search.backend().words_containing(tenant_id=tenant.pk, fragment="kurs") is None
    assert {text: found(text) for text in QUERIES} == by_words
    assert by_words["Deutsch"] == (["Integrationskurs Deutsch", "Sprachcafé"], 2, {}, [])


def test_a_number_is_found_by_its_digits(directory: Directory) -> None:
    directory.flat.summary_de = "Sprechstunde in Raum 2048."
    directory.flat.save()
    search_index_update(offer_ids=[directory.flat.pk])
    assert found("2048")[0] == ["Wohnungssuche: Beratung"]
    assert found("204")[0] == ["Wohnungssuche: Beratung"]


def test_a_rebuilt_index_holds_each_offer_once(directory: Directory) -> None:
    search_index_rebuild()
    search_index_rebuild()
    assert found("deutsch")[:2] == (["Integrationskurs Deutsch", "Sprachcafé"], 2)


def test_a_deleted_offer_leaves_the_index(directory: Directory) -> None:
    assert offer_ids_matching("sprachcafe") == [directory.cafe.pk]
    gone = directory.cafe.pk
    directory.cafe.delete()
    search_index_update(offer_ids=[gone])
    assert offer_ids_matching("sprachcafe") == []
    assert offer_ids_matching("deutsch") == [directory.course.pk]
