"""Read side of the directory: what the public sees, the one search, and the editors' lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from modeltranslation.utils import get_language, resolution_order

from anlaufstelle.core.functions import placeholders
from anlaufstelle.core.i18n import column
from anlaufstelle.core.models import District, Role
from anlaufstelle.core.tenancy import require_tenant

from . import search
from .models import LifeSituation, Offer, OfferLanguage, OfferPlace, Place, PlaceHours, PlaceHoursException, Topic

PAGE_SIZE = 20


def offers_public(*, today: dt.date | None = None) -> QuerySet[Offer]:
    """Published, not defunct, valid today."""
    today = today or timezone.localdate()
    return (
        Offer.objects.filter(publication=Offer.Publication.PUBLISHED)
        .exclude(status__in=[Offer.Status.DEFUNCT, Offer.Status.INACTIVE])
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        )
    )


def places_open_at(moment: dt.datetime) -> QuerySet[Place]:
    """Places open at ``moment`` (local time): regular hours, unless an exception says otherwise."""
    local = timezone.localtime(moment)
    day, now = local.date(), local.time()
    exceptions = PlaceHoursException.objects.filter(place=OuterRef("pk"), starts_on__lte=day, ends_on__gte=day)
    regular = PlaceHours.objects.filter(place=OuterRef("pk"), weekday=day.weekday(), opens__lte=now, closes__gt=now)
    changed_open = exceptions.filter(kind=PlaceHoursException.Kind.CHANGED, opens__lte=now, closes__gt=now)
    return Place.objects.filter(
        (Q(Exists(regular)) & ~Q(Exists(exceptions))) | Q(Exists(changed_open)),
    )


@dataclass(frozen=True)
class OfferFilters:
    """What the search page filters by; every part optional."""

    topic: Topic | None = None
    life_situation: LifeSituation | None = None
    language: str = ""
    district_id: int | None = None
    cost: str = ""
    open_now: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.topic or self.life_situation or self.language or self.district_id or self.cost or self.open_now
        )


def offers_filtered(filters: OfferFilters, *, now: dt.datetime | None = None) -> QuerySet[Offer]:
    queryset = offers_public(today=timezone.localdate(now) if now else None)
    if filters.topic is not None:
        queryset = queryset.filter(
            Exists(
                Offer.topics.through.objects.filter(
                    offer_id=OuterRef("pk"), topic__in=[filters.topic.pk, *filters.topic.children.values("pk")]
                )
            )
        )
    if filters.life_situation is not None:
        situations = [filters.life_situation.pk]
        situations += list(LifeSituation.objects.filter(is_everyone=True).values_list("pk", flat=True))
        queryset = queryset.filter(
            Exists(Offer.life_situations.through.objects.filter(offer_id=OuterRef("pk"), lifesituation__in=situations))
        )
    if filters.language:
        queryset = queryset.filter(languages__code=filters.language)
    if filters.district_id:
        queryset = queryset.filter(
            Exists(OfferPlace.objects.filter(offer=OuterRef("pk"), place__district_id=filters.district_id))
        )
    if filters.cost == Offer.Cost.FREE:
        queryset = queryset.filter(cost=Offer.Cost.FREE)
    elif filters.cost:
        queryset = queryset.filter(cost=filters.cost)
    if filters.open_now:
        open_places = places_open_at(now or timezone.now())
        queryset = queryset.filter(
            Exists(OfferPlace.objects.filter(offer=OuterRef("pk"), place__in=open_places.values("pk")))
        )
    return queryset


def offers_with_details(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    """What a result list shows: organisation, topics, languages, places with districts."""
    return queryset.select_related("organisation", "appointment_service").prefetch_related(
        "topics",
        "languages",
        Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place__district")),
    )


# The columns of an offer its result card reads (offers/includes/offer_card.html, next_step.html),
# besides its name, summary and next step in the page's language and those it falls back to.
CARD_FIELDS = (
    "tenant",
    "organisation",
    "appointment_service",
    "cost",
    "walk_in",
    "by_appointment",
    "online",
    "status",
    "phone",
    "website",
)


def _card_lists(ids: list[int]) -> list[tuple[int, int, str]]:
    """(offer, 0, language code) by code, then (offer, place link, district name) in the order of
    the places, for the offers ``ids`` of the current tenant. Written out: the ORM took longer to
    build these two small queries than the database to answer them."""
    tenant_id, placeholders_ids = require_tenant().pk, placeholders(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT offer_id, 0, code FROM {OfferLanguage._meta.db_table} "  # noqa: S608 - names and placeholders only
            f"WHERE tenant_id = %s AND offer_id IN ({placeholders_ids}) "
            f"UNION ALL SELECT link.offer_id, link.id, district.name FROM {OfferPlace._meta.db_table} link "
            f"JOIN {Place._meta.db_table} place ON place.id = link.place_id "
            f"JOIN {District._meta.db_table} district ON district.id = place.district_id "
            f"WHERE link.tenant_id = %s AND link.offer_id IN ({placeholders_ids}) "
            "ORDER BY 1, 2, 3",
            [tenant_id, *ids, tenant_id, *ids],
        )
        return cursor.fetchall()


def _result_details(queryset: QuerySet[Offer]) -> list[Offer]:
    """What a result card shows (organisation, booking, languages, districts), in two queries:
    languages and districts are read flat, as values, into the offers' ``card_languages`` and
    ``card_districts``, because building the related objects cost more than the search itself."""
    shown = resolution_order(get_language())  # the page's language and those it falls back to
    offers = list(
        queryset.select_related("organisation", "appointment_service").only(
            *CARD_FIELDS,
            *(column(name, code) for name in ("name", "summary", "next_step") for code in shown),
            "organisation__name",
            "appointment_service__is_active",  # of the service, only whether it can be booked
        )
    )
    ids = [offer.pk for offer in offers]
    languages: dict[int, list[str]] = {pk: [] for pk in ids}
    districts: dict[int, list[str]] = {pk: [] for pk in ids}
    if ids:
        for offer_id, place_link, value in _card_lists(ids):
            (districts if place_link else languages)[offer_id].append(value)
    for offer in offers:  # what the cached properties would read through the relations
        offer.__dict__["card_languages"], offer.__dict__["card_districts"] = languages[offer.pk], districts[offer.pk]
    return offers


@dataclass
class SearchResult:
    offers: list[Offer]
    total: int
    page: int
    pages: int
    words: list[str]
    # query words replaced because they matched nothing: word -> what was searched instead
    corrected: dict[str, list[str]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


def _groups(
    words: list[str], tenant_id: int, backend: search.Backend
) -> tuple[list[search.Group], dict[str, list[str]], list[str]]:
    """One group per query word: the word itself where the index has it, else its compound
    splits and typo corrections; words with neither are reported as unmatched."""
    groups: list[search.Group] = []
    corrected: dict[str, list[str]] = {}
    unmatched: list[str] = []
    for word in words:
        if backend.has_hit(tenant_id=tenant_id, fragment=word):
            groups.append(((word,),))
            continue
        splits = search.compound_splits(tenant_id=tenant_id, word=word)
        fixes = search.corrections(tenant_id=tenant_id, word=word)
        if not splits and not fixes:
            unmatched.append(word)
            continue
        groups.append(tuple([*splits, *((fix,) for fix in fixes)]))
        corrected[word] = [" ".join(alternative) for alternative in groups[-1]]
    return groups, corrected, unmatched


def _text_match(
    words: list[str], *, backend: search.Backend, criteria: search.Criteria, limit: int | None, offset: int
) -> tuple[search.Match, dict[str, list[str]], list[str]]:
    """The offers matching ``words``, and what was corrected or dropped (see ``_groups``).

    The words as typed first: if that finds anything, every word has a hit and none needs a
    correction, so the index is asked word by word only when nothing is found."""
    typed: list[search.Group] = [((word,),) for word in words]
    match = backend.match(groups=typed, criteria=criteria, limit=limit, offset=offset)
    if match.total:
        return match, {}, []
    groups, corrected, unmatched = _groups(words, criteria.tenant_id, backend)
    if groups != typed:
        match = backend.match(groups=groups, criteria=criteria, limit=limit, offset=offset) if groups else match
    return match, corrected, unmatched


def search_criteria(filters: OfferFilters, *, tenant_id: int, now: dt.datetime | None = None) -> search.Criteria:
    """The filters as the index tests them (validity against today; "open now" as a subquery)."""
    situations: tuple[int, ...] = ()
    if filters.life_situation is not None:
        everyone = LifeSituation.objects.filter(is_everyone=True).values_list("pk", flat=True)
        situations = (filters.life_situation.pk, *everyone)
    within = None
    if filters.open_now:
        open_places = places_open_at(now or timezone.now())
        within = (
            OfferPlace.objects.filter(place__in=open_places.values("pk")).values("offer_id").query.sql_with_params()
        )
    return search.Criteria(
        tenant_id=tenant_id,
        today=timezone.localdate(now) if now else timezone.localdate(),
        topic_id=filters.topic.pk if filters.topic is not None else None,
        situation_ids=situations,
        language=filters.language,
        district_id=filters.district_id or None,
        cost=filters.cost,
        within=within,
    )


def offers_search(
    *, text: str, filters: OfferFilters, page: int = 1, page_size: int = PAGE_SIZE, now: dt.datetime | None = None
) -> SearchResult:
    """The one search: full text in every language (typos, compounds) within the filters.

    Offers matching in the title come first, then the others, each by title; without text the
    filtered offers come by title. A query word that matches nothing is replaced by near words of
    the index; one that has none is dropped and reported. Reads the index only (see
    ``offers.search``); the offers of the page are checked against ``offers_public`` once more.
    """
    tenant = require_tenant()
    page = max(page, 1)
    criteria = search_criteria(filters, tenant_id=tenant.pk, now=now)
    words = search.query_words(text)
    corrected: dict[str, list[str]] = {}
    unmatched: list[str] = []
    backend = search.backend()
    offset = (page - 1) * page_size
    if words:
        match, corrected, unmatched = _text_match(
            words, backend=backend, criteria=criteria, limit=page_size, offset=offset
        )
    elif text.strip():
        match = search.Match([], 0)
        unmatched = [text.strip()]
    else:
        match = backend.browse(criteria=criteria, limit=page_size, offset=offset)
    # the index is kept by the services; a change saved past them must still not show
    visible = _result_details(offers_public(today=criteria.today).filter(pk__in=match.offer_ids))
    by_id = {offer.pk: offer for offer in visible}
    offers = [by_id[i] for i in match.offer_ids if i in by_id]
    total = match.total - (len(match.offer_ids) - len(offers))
    pages = max(1, -(-total // page_size))
    return SearchResult(
        offers=offers,
        total=total,
        page=page,
        pages=pages,
        words=words,
        corrected=corrected,
        unmatched=unmatched,
    )


def offer_ids_matching(text: str, *, now: dt.datetime | None = None) -> list[int]:
    """Ids of every public offer matching ``text`` (as the search reads it), best first."""
    tenant = require_tenant()
    words = search.query_words(text)
    if not words:
        return []
    criteria = search_criteria(OfferFilters(), tenant_id=tenant.pk, now=now)
    match, _corrected, _unmatched = _text_match(
        words, backend=search.backend(), criteria=criteria, limit=None, offset=0
    )
    return match.offer_ids


def topics_matching(text: str, *, limit: int = 5) -> list[Topic]:
    """Topics whose name (in any language) contains a word of ``text``: suggestions for empty results."""
    words = search.query_words(text)
    if not words:
        return []
    found = []
    for topic in Topic.objects.all():
        names = search.fold(
            " ".join(str(getattr(topic, f.name) or "") for f in Topic._meta.fields if f.name.startswith("name"))
        )
        if any(word[:4] in names for word in words):
            found.append(topic)
    return found[:limit]


def offers_guided(*, life_situation: LifeSituation, topic: Topic) -> list[Offer]:
    """Offers of a topic for a life situation: those made for it first, then those for everyone,
    offers of the city (with a booking) before the others, then by name."""
    offers = list(
        offers_with_details(offers_filtered(OfferFilters(topic=topic, life_situation=life_situation)))
        .prefetch_related("life_situations")
        .order_by("name", "pk")
    )

    def key(offer: Offer) -> tuple[int, int, str]:
        specific = any(s.pk == life_situation.pk for s in offer.life_situations.all())
        return (0 if specific else 1, 0 if offer.appointment_service_id else 1, offer.name.casefold())

    return sorted(offers, key=key)


def topics_for(life_situation: LifeSituation) -> list[tuple[Topic, int]]:
    """Top-level topics with how many public offers each has for ``life_situation`` (in the topic
    itself or one of its subtopics), counted in one query."""
    offers = offers_filtered(OfferFilters(life_situation=life_situation))
    links = Offer.topics.through.objects.filter(offer__in=offers.values("pk")).annotate(
        root=Coalesce("topic__parent_id", "topic_id")  # the top-level topic the link counts for
    )
    by_root = links.values("root").annotate(count=Count("offer_id", distinct=True))  # type: ignore[misc]
    counts = dict(by_root.values_list("root", "count"))  # type: ignore[misc]  # django-stubs misses "root"
    return [(topic, counts.get(topic.pk, 0)) for topic in Topic.objects.filter(parent__isnull=True)]


def places_on_map() -> QuerySet[Place]:
    """Places with coordinates where at least one public offer takes place."""
    return (
        Place.objects.filter(latitude__isnull=False)
        .filter(Exists(OfferPlace.objects.filter(place=OuterRef("pk"), offer__in=offers_public().values("pk"))))
        .select_related("district")
        .order_by("district__number", "name")
    )


def offers_of_editor(user: object) -> QuerySet[Offer]:
    """The offers a staff member may edit: a partner those of their organisation, coordinators all."""
    queryset = Offer.objects.select_related("organisation").order_by("name", "pk")
    if getattr(user, "role", None) == Role.PARTNER_EDITOR:
        return queryset.filter(organisation__editors=user)  # type: ignore[misc]
    return queryset
