"""The index of whole words finds what the trigrams find, and follows the offers like them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

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


def index_ids(tenant: Tenant, text: str, *, narrowed: bool) -> list[int]:
    """The index's own answer for ``text`` (before the page's check against the offers), with the
    criteria every search has, or narrowed by a filter that lets every offer through: on
    PostgreSQL the first reads the document rows alone, the second joins the filter rows."""
    backend = search.backend()
    groups = [((word,),) for word in search.query_words(text)]
    everything = ("SELECT offer_id FROM offers_searchfilter", [])
    criteria = search.Criteria(tenant_id=tenant.pk, today=timezone.localdate(), within=everything if narrowed else None)
    assert criteria.narrows is narrowed
    return backend.match(groups=groups, criteria=criteria, limit=None, offset=0).offer_ids


def test_the_index_hides_unpublished_and_expired_offers_with_and_without_filters(
    directory: Directory, tenant: Tenant
) -> None:
    texts = ["kurs", "deutsch", "deutsch kaffee", "sprachcafe", "wohnung"]
    plain = {text: index_ids(tenant, text, narrowed=False) for text in texts}
    assert plain == {text: index_ids(tenant, text, narrowed=True) for text in texts}
    # in the title first, then by title
    assert plain["deutsch"] == [directory.course.pk, directory.cafe.pk]

    directory.cafe.publication = "pending"
    directory.cafe.save()
    directory.course.valid_until = timezone.localdate() - dt.timedelta(days=1)
    directory.course.save()
    search_index_update(offer_ids=[directory.cafe.pk, directory.course.pk])
    for narrowed in (False, True):
        assert index_ids(tenant, "deutsch", narrowed=narrowed) == []
        assert index_ids(tenant, "wohnung", narrowed=narrowed) == [directory.flat.pk]
