"""Public pages of the directory, without JavaScript: the guided path, the search, an offer, a
place, the map and the calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from anlaufstelle.core.models import District

from ..calendar import offers_calendar
from ..forms import SearchForm
from ..hsds import export_zip
from ..maps import city_map
from ..models import LifeSituation, OfferDate, OfferPlace, Place, Topic
from ..selectors import (
    offers_guided,
    offers_public,
    offers_search,
    offers_with_details,
    places_on_map,
    places_open_at,
    topics_for,
    topics_matching,
)


def index(request: HttpRequest) -> HttpResponse:
    """Start of the guided path ("I am …") with the search and the topics."""
    return render(
        request,
        "offers/index.html",
        {
            "situations": LifeSituation.objects.all(),
            "topics": Topic.objects.filter(parent__isnull=True),
            "form": SearchForm(),
        },
    )


def situation(request: HttpRequest, situation: str) -> HttpResponse:
    """Step 2 of the guided path: "I need …" with the number of offers per topic."""
    life_situation = get_object_or_404(LifeSituation, code=situation)
    return render(
        request,
        "offers/situation.html",
        {"situation": life_situation, "topics": topics_for(life_situation)},
    )


def guided(request: HttpRequest, situation: str, topic: str) -> HttpResponse:
    """Step 3: the offers of the topic for the life situation, each with its next step."""
    life_situation = get_object_or_404(LifeSituation, code=situation)
    chosen = get_object_or_404(Topic, code=topic)
    offers = offers_guided(life_situation=life_situation, topic=chosen)
    search_url = reverse("offers:search") + "?" + urlencode({"thema": chosen.code})
    return render(
        request,
        "offers/guided.html",
        {"situation": life_situation, "topic": chosen, "offers": offers, "search_url": search_url},
    )


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    result = None
    suggestions: dict[str, object] = {}
    if form.is_bound and form.is_valid():
        try:
            page = int(request.GET.get("seite", "1"))
        except ValueError:
            page = 1
        filters = form.filters()
        result = offers_search(text=form.cleaned_data["q"], filters=filters, page=page)
        if result.total == 0:
            suggestions["topics"] = topics_matching(form.cleaned_data["q"])
            if filters.any and form.cleaned_data["q"]:
                suggestions["without_filters"] = (
                    reverse("offers:search") + "?" + urlencode({"q": form.cleaned_data["q"]})
                )
            suggestions["counselling"] = list(
                offers_with_details(offers_public().filter(topics__code="beratung", walk_in=True)).order_by("name")[:3]
            )
    query = request.GET.copy()
    query.pop("seite", None)
    # Filters chosen (the search word aside): the filter box starts open when there are any.
    filters_chosen = sum(1 for name in form.fields if name != "q" and request.GET.get(name))
    return render(
        request,
        "offers/search.html",
        {
            "form": form,
            "filters_chosen": filters_chosen,
            "result": result,
            "suggestions": suggestions,
            "query": query.urlencode(),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One offer, printable and shareable (its URL in every language is the share link)."""
    offer = get_object_or_404(
        offers_public()
        .select_related("organisation", "appointment_service")
        .prefetch_related(
            "topics",
            "languages",
            "life_situations",
            "contacts",
            "links",
            Prefetch(
                "offer_places",
                queryset=OfferPlace.objects.select_related("place__district").prefetch_related(
                    "place__hours", "place__exceptions"
                ),
            ),
            Prefetch("dates", queryset=OfferDate.objects.select_related("place")),
        ),
        pk=pk,
    )
    return render(
        request,
        "offers/detail.html",
        {
            "offer": offer,
            "share_url": request.build_absolute_uri(),
            "today": timezone.localdate(),
        },
    )


def place(request: HttpRequest, pk: int) -> HttpResponse:
    chosen = get_object_or_404(
        Place.objects.select_related("district", "organisation").prefetch_related("hours", "exceptions"), pk=pk
    )
    offers = list(offers_with_details(offers_public().filter(offer_places__place=chosen)).order_by("name"))
    if not offers:
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "offers/place.html",
        {
            "place": chosen,
            "offers": offers,
            "open_now": places_open_at(timezone.now()).filter(pk=chosen.pk).exists(),
            "share_url": request.build_absolute_uri(),
            "today": today,
            "map": city_map(District.objects.all(), [chosen]),
        },
    )


def map_view(request: HttpRequest) -> HttpResponse:
    places = list(places_on_map())
    return render(
        request,
        "offers/map.html",
        {"map": city_map(District.objects.all(), places), "places": places},
    )


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Every dated public offer as iCalendar, in the language of the URL."""
    dates = list(
        OfferDate.objects.filter(offer__in=offers_public().values("pk"))
        .select_related("offer", "place")
        .order_by("starts_at")
    )
    language = translation.get_language() or settings.LANGUAGE_CODE
    urls = {d.offer_id: request.build_absolute_uri(reverse("offers:detail", args=[d.offer_id])) for d in dates}
    body = offers_calendar(
        dates=dates,
        name=_("Treffpunkte und Termine – %(city)s") % {"city": request.tenant.name},  # type: ignore[attr-defined]
        url_for=urls,
        domain=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="wegweiser-{language}.ics"'
    return response


def hsds_export(request: HttpRequest) -> HttpResponse:
    """The whole published directory as Open Referral HSDS 3.0 (a zip of JSON files per table),
    in the language of the URL."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    response = HttpResponse(export_zip(offers_public()), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="wegweiser-hsds-{language}.zip"'
    return response
