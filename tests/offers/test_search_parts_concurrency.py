"""A rebuild that changes the inventory of parts while an offer is being written with the old one.

Shown on PostgreSQL with real concurrent transactions: the writer has read the inventory (no
"schwimm" yet) when the rebuild makes "schwimm" a part and rewrites every offer. Without the lock
on the inventory, the writer commits last, its offer without the part, and a search for
"schwimm", looked up by the part alone, misses it. With the lock, the rebuild waits for the
writer and indexes that offer anew.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connections, transaction

from anlaufstelle.core.models import Tenant
from anlaufstelle.core.tenancy import tenant_context
from anlaufstelle.offers import search
from anlaufstelle.offers.search.postgres import PostgresBackend
from anlaufstelle.offers.selectors import OfferFilters, offers_search
from anlaufstelle.offers.services import search_index_rebuild, search_index_update

from ..factories import OfferFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(tenant: Tenant, monkeypatch: pytest.MonkeyPatch, *, patience: float) -> tuple[int, bool]:
    """Three "Schwimm…" offers indexed (too few for a part), two more saved; one of them written
    to the index while the rebuild runs. Returns the hits for "schwimm" and whether the rebuild
    was still waiting for the writer after ``patience`` seconds."""
    with tenant_context(tenant):
        for name in ["Schwimmkurs", "Schwimmtreff", "Schwimmhilfe"]:
            OfferFactory(name=name)
        search_index_rebuild()
        assert search.backend().words_containing(tenant_id=tenant.pk, fragment="schwimm") != ("schwimm",)
        OfferFactory(name="Schwimmcafé")
        written = OfferFactory(name="Schwimmgruppe")

    has_read, go_on = threading.Event(), threading.Event()
    real = PostgresBackend._parts

    def read_then_wait(self: PostgresBackend, cursor: Any, tenant_id: int) -> Any:
        parts = real(self, cursor, tenant_id)
        if threading.current_thread().name == "writer":
            has_read.set()
            assert go_on.wait(timeout=30)
        return parts

    monkeypatch.setattr(PostgresBackend, "_parts", read_then_wait)
    rebuilt = threading.Event()
    failures: list[BaseException] = []

    def in_thread(work: Any) -> Any:
        def run() -> None:
            try:
                with tenant_context(tenant), transaction.atomic():
                    work()
            except BaseException as error:  # reported by the test
                failures.append(error)
            finally:
                connections.close_all()

        return run

    writer = threading.Thread(target=in_thread(lambda: search_index_update(offer_ids=[written.pk])), name="writer")
    rebuilder = threading.Thread(target=in_thread(lambda: (search_index_rebuild(), rebuilt.set())))
    writer.start()
    assert has_read.wait(timeout=10)
    rebuilder.start()
    waited = not rebuilt.wait(timeout=patience)  # the rebuild done meanwhile, or waiting for the writer
    go_on.set()
    for thread in (writer, rebuilder):
        thread.join(timeout=30)
    assert not failures
    with tenant_context(tenant):
        assert search.backend().words_containing(tenant_id=tenant.pk, fragment="schwimm") == ("schwimm",)
        return offers_search(text="schwimm", filters=OfferFilters()).total, waited


def test_without_the_lock_an_offer_written_with_the_old_inventory_is_missed(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PostgresBackend, "_lock_parts", lambda self, cursor, tenant_id, *, shared: None)
    assert race(tenant, monkeypatch, patience=20) == (4, False)


def test_with_the_lock_the_rebuild_waits_and_every_offer_is_found(
    tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # however long it is given: the writer holds the inventory until it is let go
    assert race(tenant, monkeypatch, patience=1) == (5, True)
