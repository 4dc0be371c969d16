"""Compound parts: tokens of the word index that stand for every word containing them, so a
fragment found in many words is looked up by a few tokens, and finds exactly what its words find."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from anlaufstelle.core.models import Tenant
from anlaufstelle.offers import search
from anlaufstelle.offers.models import Offer
from anlaufstelle.offers.search.text import compound_parts, cover, parts_carried
from anlaufstelle.offers.selectors import OfferFilters, offers_search
from anlaufstelle.offers.services import search_index_rebuild, search_index_update

from ..factories import OfferFactory

SWIMMING = ["schwimmkurs", "schwimmtreff", "schwimmhilfe", "schwimmcafe", "schwimmgruppe"]
MEETING = ["schwimmtreff", "jugendtreff", "elterntreff", "kindertreff", "sporttreff"]


def test_the_parts_are_the_heads_and_tails_many_words_share_where_they_part_ways() -> None:
    parts = compound_parts([*SWIMMING, *MEETING, "sprachkurs", "deutschkurs"])
    assert {"schwimm", "treff"} <= parts
    # "schwim" is followed by "m" in every word sharing it: the same words as "schwimm"
    assert "schwim" not in parts
    # "kurs" ends three words only
    assert "kurs" not in parts
    assert compound_parts(["schwimmkurs", "schwimmtreff", "schwimmhilfe"]) == set()


def test_a_word_carries_the_parts_it_contains_anywhere() -> None:
    parts = {"schwimm", "treff", "kurs"}
    assert parts_carried("schwimmtreff", parts) == {"schwimm", "treff"}
    assert parts_carried("anfangerschwimmkurs", parts) == {"schwimm", "kurs"}
    assert parts_carried("kurs", parts) == {"kurs"}
    assert parts_carried("sprache", parts) == set()


def test_a_part_stands_for_the_words_containing_it() -> None:
    assert cover(SWIMMING, ["schwimm"]) == ("schwimm",)
    # a word without the part ("wimm" is in both) stays itself
    assert cover([*SWIMMING, "gewimmel"], ["schwimm"]) == ("gewimmel", "schwimm")
    # the word "treff" itself is found by the part of the same letters
    assert cover(["treff", *MEETING], ["treff"]) == ("treff",)
    # parts standing for one word each are not worth it
    assert cover(SWIMMING, ["schwimmk", "schwimmt"]) == tuple(sorted(SWIMMING))
    # a part standing for a single word is not worth it
    assert cover(["schwimmkurs", "jugendtreff"], ["schwimm"]) == ("jugendtreff", "schwimmkurs")
    assert cover([], ["schwimm"]) == ()


# Words from few letters, so that they share heads, tails and middles.
words = st.text(alphabet="abcs", min_size=3, max_size=9)


@settings(max_examples=300, deadline=None)
@given(
    vocabulary=st.lists(words, min_size=1, max_size=40, unique=True),
    offers=st.lists(st.lists(st.integers(min_value=0, max_value=39), max_size=6), min_size=1, max_size=12),
    fragment=st.text(alphabet="abcs", min_size=3, max_size=5),
)
def test_the_tokens_of_a_fragment_find_exactly_the_offers_having_a_word_containing_it(
    vocabulary: list[str], offers: list[list[int]], fragment: str
) -> None:
    """The index's contract, as ``PostgresBackend`` keeps it: each offer holds its words and the
    parts they carry; a fragment is looked up by ``cover`` of the words containing it, with the
    parts containing it."""
    parts = compound_parts(vocabulary)
    texts = [{vocabulary[i % len(vocabulary)] for i in offer} for offer in offers]
    tokens = [set(text).union(*(parts_carried(word, parts) for word in text)) for text in texts]
    containing = [word for word in vocabulary if fragment in word]
    looked_up = set(cover(containing, [part for part in parts if fragment in part]))
    assert len(looked_up) <= len(containing)
    found = [i for i, held in enumerate(tokens) if held & looked_up]
    assert found == [i for i, text in enumerate(texts) if any(fragment in word for word in text)]


@pytest.mark.django_db
def test_the_index_looks_a_compound_part_up_by_one_token_and_finds_what_the_trigrams_find(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ["Schwimmkurs", "Schwimmtreff", "Schwimmhilfe", "Schwimmcafé", "Jugendtreff", "Elterntreff"]:
        OfferFactory(name=name, summary_de=f"{name} im Bürgerhaus")
    OfferFactory(name="Kindertreff", summary_de="Sporttreff und Spiele")
    OfferFactory(name="Anfänger im Becken", summary_de="Wir lernen schwimmen")  # "schwimm" in the text only
    search_index_rebuild()
    backend = search.backend()
    assert backend.words_containing(tenant_id=tenant.pk, fragment="schwimm") == ("schwimm",)
    assert backend.words_containing(tenant_id=tenant.pk, fragment="treff") == ("treff",)

    def found(text: str) -> tuple[list[str], int]:
        result = offers_search(text=text, filters=OfferFilters())
        return [offer.name_de for offer in result.offers], result.total  # type: ignore[attr-defined]

    queries = ["Schwimm", "treff", "schwimm treff", "Schwimmtreff", "Sporttreff", "wimm"]
    by_parts = {text: found(text) for text in queries}
    assert by_parts["schwimm treff"] == (["Schwimmtreff"], 1)
    # matching in the title first (found by the title's parts), then the rest, each by title
    assert by_parts["treff"] == (["Elterntreff", "Jugendtreff", "Kindertreff", "Schwimmtreff"], 4)
    assert by_parts["Sporttreff"] == (["Kindertreff"], 1)
    assert by_parts["wimm"] == (["Schwimmcafé", "Schwimmhilfe", "Schwimmkurs", "Schwimmtreff", "Anfänger im Becken"], 5)
    monkeypatch.setattr(type(backend), "WORD_LIMIT", 0)  # every fragment by its trigrams
    assert {text: found(text) for text in queries} == by_parts


def four_swimming_offers_indexed() -> None:
    """Enough words sharing "schwimm" for a part."""
    for name in ["Schwimmkurs", "Schwimmtreff", "Schwimmhilfe", "Schwimmcafé"]:
        OfferFactory(name=name)
    search_index_rebuild()


@pytest.mark.django_db
def test_an_offer_written_after_the_rebuild_carries_the_parts_of_the_inventory(tenant: Tenant) -> None:
    four_swimming_offers_indexed()
    new = OfferFactory(name="Schwimmgruppe für Frauen")
    search_index_update(offer_ids=[new.pk])
    assert search.backend().words_containing(tenant_id=tenant.pk, fragment="schwimm") == ("schwimm",)
    result = offers_search(text="schwimm", filters=OfferFilters())
    assert result.total == 5
    assert "Schwimmgruppe für Frauen" in [offer.name_de for offer in result.offers]  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_clearing_the_index_drops_the_inventory(tenant: Tenant) -> None:
    four_swimming_offers_indexed()
    search.backend().clear(tenant_id=tenant.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM offers_searchpart WHERE tenant_id = %s", [tenant.pk])
        assert cursor.fetchone()[0] == 0


@pytest.mark.django_db
def test_an_offer_renamed_or_deleted_no_longer_carries_its_parts(tenant: Tenant) -> None:
    """On SQLite the word tables keep no text: the parts must leave with the words."""
    four_swimming_offers_indexed()
    renamed, deleted = (Offer.objects.get(name_de=name) for name in ("Schwimmkurs", "Schwimmcafé"))
    renamed.name_de = "Laufkurs"
    renamed.save()
    gone = deleted.pk
    deleted.delete()
    search_index_update(offer_ids=[renamed.pk, gone])
    assert search.backend().words_containing(tenant_id=tenant.pk, fragment="schwimm") == ("schwimm",)
    result = offers_search(text="schwimm", filters=OfferFilters())
    assert sorted(offer.name_de for offer in result.offers) == ["Schwimmhilfe", "Schwimmtreff"]  # type: ignore[attr-defined]
    assert result.total == 2
    assert offers_search(text="laufkurs", filters=OfferFilters()).total == 1
    search_index_rebuild()  # and a rebuild removes every offer with the parts it was written with
    assert offers_search(text="schwimm", filters=OfferFilters()).total == 2
