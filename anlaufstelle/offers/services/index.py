"""Keeping the search index (see ``offers.search``) in step with the offers."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation

from anlaufstelle.core.i18n import column
from anlaufstelle.core.tenancy import require_tenant

from .. import search
from ..models import Offer, OfferPlace

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _texts(obj: object, field: str) -> list[str]:
    return [value for code in LANGUAGE_CODES if (value := getattr(obj, column(field, code), None))]


@functools.cache
def language_names(code: str) -> tuple[str, ...]:
    """A language's name in German, English and itself: searching "Arabisch" finds Arabic offers.

    The same for every offer of a (re)build, so it is worked out once per code."""
    info = LANG_INFO.get(code, {})
    names = [info.get("name", ""), info.get("name_local", "")]
    with translation.override("de"):
        names.append(str(dict(settings.LANGUAGES).get(code, "")))
    return tuple(name for name in names if name)


def search_document(offer: Offer) -> tuple[str, str]:
    """(title, body) of one offer, folded, in every language the offer has text in."""
    title = _texts(offer, "name")
    body: list[str] = [offer.organisation.name]
    for field in ("summary", "description", "eligibility", "next_step", "cost_description"):
        body.extend(_texts(offer, field))
    for term in [*offer.topics.all(), *offer.life_situations.all()]:
        body.extend(_texts(term, "name"))
    for language in offer.languages.all():
        body.extend(language_names(language.code))
    for offer_place in offer.offer_places.all():
        place = offer_place.place
        body.extend([*_texts(place, "name"), place.street, place.city])
        if place.district is not None:
            body.append(place.district.name)
    return search.fold(" ".join(title)), search.fold(" ".join(body))


def _ids(items: Iterable[object]) -> str:
    """``" 3 7 "``: each id between spaces, so ``LIKE '% 3 %'`` tests membership (``" "`` for none)."""
    return " ".join(["", *(str(item) for item in sorted(set(items), key=str)), ""])


def index_row(offer: Offer) -> search.IndexRow:
    """The index row of one offer (its relations prefetched, see ``_with_everything``)."""
    title, body = search_document(offer)
    topics: list[int] = []
    for topic in offer.topics.all():
        topics.append(topic.pk)
        if topic.parent_id:
            topics.append(topic.parent_id)
    return search.IndexRow(
        offer_id=offer.pk,
        title=title,
        body=body,
        visible=offer.publication == Offer.Publication.PUBLISHED
        and offer.status not in (Offer.Status.DEFUNCT, Offer.Status.INACTIVE),
        valid_from=offer.valid_from or dt.date.min,
        valid_until=offer.valid_until or dt.date.max,
        cost=offer.cost,
        sort_key=search.fold(offer.name_de or ""),  # type: ignore[attr-defined]
        topics=_ids(topics),
        situations=_ids(s.pk for s in offer.life_situations.all()),
        languages=_ids(language.code for language in offer.languages.all()),
        districts=_ids(op.place.district_id for op in offer.offer_places.all() if op.place.district_id),
    )


def _with_everything(ids: Iterable[int] | None = None) -> list[Offer]:
    queryset = Offer.objects.select_related("organisation").prefetch_related(
        "topics",
        "life_situations",
        "languages",
        Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place__district")),
    )
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return list(queryset)


def _terms(rows: list[search.IndexRow]) -> set[str]:
    return set().union(*(search.vocabulary(f"{r.title} {r.body}") for r in rows))


def _write(tenant_id: int, rows: list[search.IndexRow], terms: set[str]) -> None:
    backend = search.backend()
    backend.replace(tenant_id=tenant_id, rows=rows)
    backend.add_terms(tenant_id=tenant_id, terms=terms)


def search_index_update(*, offer_ids: Iterable[int]) -> None:
    """Index these offers of the current tenant anew (call inside the writing transaction)."""
    tenant = require_tenant()
    ids = list(offer_ids)
    if not ids:
        return
    rows = [index_row(offer) for offer in _with_everything(ids=ids)]
    indexed = {row.offer_id for row in rows}
    if gone := [i for i in ids if i not in indexed]:
        search.backend().delete(offer_ids=gone)
    _write(tenant.pk, rows, _terms(rows))


@transaction.atomic
def search_index_rebuild() -> int:
    """Drop and rebuild the current tenant's index and vocabulary; returns the offers indexed."""
    tenant = require_tenant()
    backend = search.backend()
    backend.clear(tenant_id=tenant.pk)
    rows = [index_row(offer) for offer in _with_everything()]
    terms = _terms(rows)
    backend.set_parts(tenant_id=tenant.pk, words=terms)  # the compound parts of all their words
    _write(tenant.pk, rows, terms)
    backend.optimize()
    return len(rows)
