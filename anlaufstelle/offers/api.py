"""The directory as an Open Referral HSDS 3.0 API at ``/api/hsds/`` (read only, public data only).

Endpoints and query parameters follow the HSDS API reference (``schema/openapi.json`` of the
specification): ``/``, ``/services``, ``/services/{id}``, ``/organizations``, ``/organizations/{id}``,
``/service_at_locations``, ``/service_at_locations/{id}``, ``/taxonomies``, ``/taxonomies/{id}``,
``/taxonomy_terms``, ``/taxonomy_terms/{id}``. Lists are pages (``total_items``, ``total_pages``,
``page_number``, ``size``, ``first_page``, ``last_page``, ``empty``, ``contents``). Content comes in the
language of Accept-Language with German as the fallback; the objects are built by :mod:`.hsds`, the
same code as the export. ``minimal=true`` on ``/services`` gives each service's ``id``, ``name``,
``status`` (the fields HSDS requires of a service) and ``modified_date``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import Field

from anlaufstelle.api import _accepted_language, _in_request_language
from anlaufstelle.core.models import Organisation

from . import hsds
from .models import LifeSituation, Offer, OfferPlace, Topic
from .selectors import offer_ids_matching, offers_public

MAX_PER_PAGE = 500
T = TypeVar("T")

hsds_api = NinjaAPI(
    title="Anlaufstelle – Wegweiser (Open Referral HSDS 3.0)",
    version="hsds-3.0",
    urls_namespace="hsds",
    docs_url=None,
    description=(
        "The offers directory of the local welcome network as Open Referral HSDS 3.0 "
        "(https://docs.openreferral.org/). Public, read only; the host name selects the city. "
        "Content follows Accept-Language, with German where a translation is missing."
    ),
)
hsds_api.add_decorator(_in_request_language, mode="view")


@hsds_api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return hsds_api.create_response(request, {"code": "not_found", "detail": _("Nicht gefunden.")}, status=404)


@hsds_api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = sorted({str(e.get("loc", ("", ""))[-1]) for e in exc.errors})
    detail = _("Ungültige Angabe: %(fields)s") % {"fields": ", ".join(fields)}
    return hsds_api.create_response(request, {"code": "invalid", "detail": detail}, status=422)


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="Page number of paginated result.")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description="Number of results requested in a single page.")
    search: str = Field("", max_length=200, description="Full text search.")


class ServiceQuery(PageQuery):
    taxonomy_term_id: str = Field("", description="Services with this taxonomy term.")
    taxonomy_id: str = Field("", description="Services with any term of this taxonomy.")
    organization_id: str = Field("", description="Services of this organization.")
    modified_after: dt.datetime | None = Field(None, description="Modified on or after this moment.")
    minimal: bool = Field(False, description="Only id, name, status and modified_date of each service.")
    full: bool = Field(False, description="Fully nested services.")


class OrganizationQuery(PageQuery):
    full: bool = Field(False, description="Fully nested organizations (with their services).")
    full_service: bool = Field(False, description="With the services fully nested.")


class TermQuery(PageQuery):
    taxonomy_id: str = ""
    parent_id: str = ""
    top_only: bool = False


def page_of(
    items: Sequence[T] | QuerySet[Any], *, page: int, per_page: int, total: int | None = None
) -> tuple[list[T], dict[str, Any]]:
    """The slice of ``items`` for ``page`` and the HSDS page object around it (without contents)."""
    total = len(items) if total is None else total
    pages = max(1, -(-total // per_page))
    start = (page - 1) * per_page
    chosen = list(items[start : start + per_page])
    return chosen, {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(chosen),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not chosen,
    }


def _page(contents: list[Any], meta: dict[str, Any]) -> dict[str, Any]:
    return {**meta, "contents": contents}


def _parse_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


def _organisations_by_id() -> dict[str, Organisation]:
    return {hsds.organisation_id(o): o for o in Organisation.objects.all()}


def _terms_by_id() -> dict[str, Topic | LifeSituation]:
    terms: list[Topic | LifeSituation] = [*Topic.objects.select_related("parent"), *LifeSituation.objects.all()]
    return {hsds.term_id(term): term for term in terms}


def _services(query: ServiceQuery) -> QuerySet[Offer]:
    offers = offers_public()
    if query.organization_id:
        organisation = _organisations_by_id().get(query.organization_id)
        offers = offers.filter(organisation=organisation) if organisation else offers.none()
    if query.taxonomy_term_id:
        term = _terms_by_id().get(query.taxonomy_term_id)
        if isinstance(term, Topic):
            offers = offers.filter(Exists(Offer.topics.through.objects.filter(offer_id=OuterRef("pk"), topic=term)))
        elif isinstance(term, LifeSituation):
            offers = offers.filter(
                Exists(Offer.life_situations.through.objects.filter(offer_id=OuterRef("pk"), lifesituation=term))
            )
        else:
            offers = offers.none()
    if query.taxonomy_id:
        names = {hsds.taxonomy_id(name): name for name in hsds.TAXONOMIES}
        name = names.get(query.taxonomy_id)
        if name == "topics":
            offers = offers.filter(Exists(Offer.topics.through.objects.filter(offer_id=OuterRef("pk"))))
        elif name == "life_situations":
            offers = offers.filter(Exists(Offer.life_situations.through.objects.filter(offer_id=OuterRef("pk"))))
        else:
            offers = offers.none()
    if query.modified_after is not None:
        offers = offers.filter(updated_at__gte=query.modified_after)
    return offers


def _in_search_order(offers: QuerySet[Offer], text: str) -> list[int] | None:
    """Ids of ``offers`` matching ``text``, best first; None without a search."""
    if not text.strip():
        return None
    allowed = set(offers.values_list("pk", flat=True))
    return [pk for pk in offer_ids_matching(text) if pk in allowed]


def _paged_offers(
    offers: QuerySet[Offer], query: PageQuery, prepare: Callable[[QuerySet[Offer]], QuerySet[Offer]]
) -> tuple[list[Offer], dict[str, Any]]:
    ids = _in_search_order(offers, query.search)
    if ids is None:
        return page_of(
            prepare(offers.order_by("name", "pk")), page=query.page, per_page=query.per_page, total=offers.count()
        )
    chosen, meta = page_of(ids, page=query.page, per_page=query.per_page)
    by_id = {offer.pk: offer for offer in prepare(Offer.objects.filter(pk__in=chosen))}
    return [by_id[pk] for pk in chosen], meta


@hsds_api.get("/", summary="About this API", operation_id="getAPIMetaInformation")
def meta(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": hsds.HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/",
        "openapi_url": request.build_absolute_uri(reverse("hsds:openapi-json")),
        "language": _accepted_language(request),
    }


@hsds_api.get("/services", summary="Paginated list of services", operation_id="getPaginatedListOfServices")
def services(request: HttpRequest, query: Query[ServiceQuery]) -> dict[str, Any]:
    offers = _services(query)
    if query.minimal:
        chosen, meta = _paged_offers(offers, query, lambda qs: qs)
        return _page(
            [
                {"id": str(o.uuid), "name": str(o.name), "status": o.status, "modified_date": o.updated_at.isoformat()}
                for o in chosen
            ],
            meta,
        )
    if query.full:
        chosen, meta = _paged_offers(offers, query, hsds.with_everything)
        return _page([hsds.service_dict(o, full=True) for o in chosen], meta)
    chosen, meta = _paged_offers(offers, query, lambda qs: qs.select_related("organisation"))
    return _page([hsds.service_dict(o, full=False) for o in chosen], meta)


@hsds_api.get("/services/{id}", summary="A fully nested service", operation_id="getFullyNestedServiceById")
def service(request: HttpRequest, id: str) -> dict[str, Any]:
    offer = hsds.with_everything(offers_public()).filter(uuid=_parse_uuid(id)).first()
    if offer is None:
        raise Http404
    return hsds.service_dict(offer, full=True)


def _public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(Exists(offers_public().filter(organisation=OuterRef("pk")))).order_by(
        "name", "pk"
    )


@hsds_api.get(
    "/organizations", summary="Paginated list of organizations", operation_id="getPaginatedListOfOrganizations"
)
def organizations(request: HttpRequest, query: Query[OrganizationQuery]) -> dict[str, Any]:
    organisations = _public_organisations()
    if query.search.strip():
        organisations = organisations.filter(name__icontains=query.search.strip())
    chosen: list[Organisation]
    chosen, meta = page_of(organisations, page=query.page, per_page=query.per_page, total=organisations.count())
    if not (query.full or query.full_service):
        return _page([hsds.organization_dict(o) for o in chosen], meta)
    services: dict[int, list[Offer]] = defaultdict(list)
    for offer in hsds.with_everything(offers_public().filter(organisation__in=chosen)).order_by("name", "pk"):
        services[offer.organisation_id].append(offer)
    return _page([hsds.organization_dict(o, services=services[o.pk]) for o in chosen], meta)


@hsds_api.get("/organizations/{id}", summary="An organization with its services", operation_id="getOrganizationById")
def organization(request: HttpRequest, id: str, full_service: bool = False) -> dict[str, Any]:
    organisation = _organisations_by_id().get(id)
    if organisation is None or not _public_organisations().filter(pk=organisation.pk).exists():
        raise Http404
    offers = offers_public().filter(organisation=organisation).order_by("name", "pk")
    if full_service:
        return hsds.organization_dict(organisation, services=hsds.with_everything(offers))
    data = hsds.organization_dict(organisation)
    data["services"] = [hsds.service_dict(o, full=False) for o in offers.select_related("organisation")]
    return data


def _public_offer_places(query: ServiceQuery | None = None) -> QuerySet[OfferPlace]:
    offers = _services(query) if query is not None else offers_public()
    return hsds.offer_places_prefetched().filter(offer__in=offers.values("pk")).order_by("pk")


@hsds_api.get(
    "/service_at_locations",
    summary="Paginated list of services at locations",
    operation_id="getPaginatedListOfServiceAtLocation",
)
def service_at_locations(request: HttpRequest, query: Query[ServiceQuery]) -> dict[str, Any]:
    links = _public_offer_places(query)
    if query.search.strip():
        matching = offer_ids_matching(query.search)
        rank = {pk: i for i, pk in enumerate(matching)}
        items: Sequence[OfferPlace] | QuerySet[OfferPlace] = sorted(
            (link for link in links if link.offer_id in rank), key=lambda link: rank[link.offer_id]
        )
        chosen, meta = page_of(items, page=query.page, per_page=query.per_page)
    else:
        chosen, meta = page_of(links, page=query.page, per_page=query.per_page, total=links.count())
    return _page([hsds.service_at_location_dict(link, full=query.full) for link in chosen], meta)


@hsds_api.get(
    "/service_at_locations/{id}",
    summary="A service at a location, with the location and the service",
    operation_id="getServiceAtLocationWithNestedDataById",
)
def service_at_location(request: HttpRequest, id: str) -> dict[str, Any]:
    link = _public_offer_places().filter(uuid=_parse_uuid(id)).first()
    if link is None:
        raise Http404
    data = hsds.service_at_location_dict(link, full=True)
    data["service"] = hsds.service_dict(link.offer, full=False)
    return data


@hsds_api.get("/taxonomies", summary="Paginated list of taxonomies", operation_id="getPaginatedListOfTaxonomies")
def taxonomies(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    items = [hsds.taxonomy_dict(name) for name in hsds.TAXONOMIES]
    if query.search.strip():
        items = [t for t in items if query.search.strip().casefold() in t["name"].casefold()]
    chosen, meta = page_of(items, page=query.page, per_page=query.per_page)
    return _page(chosen, meta)


@hsds_api.get("/taxonomies/{id}", summary="A taxonomy", operation_id="getTaxonomyById")
def taxonomy(request: HttpRequest, id: str) -> dict[str, Any]:
    for name in hsds.TAXONOMIES:
        if hsds.taxonomy_id(name) == id:
            return hsds.taxonomy_dict(name)
    raise Http404


@hsds_api.get("/taxonomy_terms", summary="Paginated list of taxonomy terms", operation_id="getTaxonomyTermById")
def taxonomy_terms(request: HttpRequest, query: Query[TermQuery]) -> dict[str, Any]:
    terms = [hsds.taxonomy_term_dict(term) for term in _terms_by_id().values()]
    if query.taxonomy_id:
        terms = [t for t in terms if t["taxonomy_id"] == query.taxonomy_id]
    if query.parent_id:
        terms = [t for t in terms if t.get("parent_id") == query.parent_id]
    if query.top_only:
        terms = [t for t in terms if not t.get("parent_id")]
    if text := query.search.strip().casefold():
        terms = [t for t in terms if text in t["name"].casefold() or text in t["code"]]
    chosen, meta = page_of(terms, page=query.page, per_page=query.per_page)
    return _page(chosen, meta)


@hsds_api.get("/taxonomy_terms/{id}", summary="A taxonomy term", operation_id="getPaginatedListOfTaxonomyTerms")
def taxonomy_term(request: HttpRequest, id: str) -> dict[str, Any]:
    term = _terms_by_id().get(id)
    if term is None:
        raise Http404
    return hsds.taxonomy_term_dict(term)


__all__ = ["hsds_api", "page_of"]
