"""What the directory keeps outside the staff pages, in the Django admin for the coordinator:
places with their hours, dates of offers, contacts, links, topics and life situations. A change
that shows in the search (names of places, topics, life situations), and deleting one, re-indexes the
offers it touches."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from anlaufstelle.core.admin import RoleAdmin, TranslatedAdmin, admin_site

from .models import (
    LifeSituation,
    Offer,
    OfferContact,
    OfferDate,
    OfferLink,
    Place,
    PlaceHours,
    PlaceHoursException,
    Topic,
)
from .services import search_index_update

DIRECTORY = "offers.approve_changes"  # the coordinator (and the administrator) keep the directory


class DirectoryAdmin(TranslatedAdmin):
    permission = DIRECTORY


class ReindexAfterSave(DirectoryAdmin):
    """Re-index the offers an object belongs to once the admin has saved it and its inlines, or
    deleted it (alone or as a selection): the offers lose its name and their filter rows its id."""

    offers_lookup: str  # the lookup from an offer to the object, e.g. "topics"

    def _offer_ids(self, objects: Any) -> list[int]:
        offers = Offer.objects.filter(**{f"{self.offers_lookup}__in": objects})
        return sorted(set(offers.values_list("pk", flat=True)))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        search_index_update(offer_ids=self._offer_ids([form.instance]))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        offer_ids = self._offer_ids([obj])
        super().delete_model(request, obj)
        search_index_update(offer_ids=offer_ids)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        offer_ids = self._offer_ids(queryset)
        super().delete_queryset(request, queryset)
        search_index_update(offer_ids=offer_ids)


class OfferPartAdmin(DirectoryAdmin):
    """What belongs to one offer (chosen by its id: the list of offers is long)."""

    raw_id_fields = ["offer"]


class PlaceHoursInline(admin.TabularInline):
    model = PlaceHours
    extra = 0


class PlaceHoursExceptionInline(admin.TabularInline):
    model = PlaceHoursException
    extra = 0


@admin.register(Place, site=admin_site)
class PlaceAdmin(ReindexAfterSave):
    offers_lookup = "offer_places__place"
    list_display = ["name", "street", "district", "organisation", "step_free"]
    list_filter = ["district", "step_free"]
    search_fields = ["name", "street"]
    inlines = [PlaceHoursInline, PlaceHoursExceptionInline]


@admin.register(Topic, site=admin_site)
class TopicAdmin(ReindexAfterSave):
    offers_lookup = "topics"
    list_display = ["name", "code", "parent", "position"]
    search_fields = ["name", "code"]


@admin.register(LifeSituation, site=admin_site)
class LifeSituationAdmin(ReindexAfterSave):
    offers_lookup = "life_situations"
    list_display = ["name", "code", "is_everyone", "position"]


@admin.register(OfferDate, site=admin_site)
class OfferDateAdmin(RoleAdmin):
    permission = DIRECTORY
    list_display = ["offer", "starts_at", "ends_at", "weekly_until", "place"]
    list_filter = ["place"]
    raw_id_fields = ["offer"]


@admin.register(OfferContact, site=admin_site)
class OfferContactAdmin(OfferPartAdmin):
    list_display = ["name", "title", "offer", "email", "phone"]
    search_fields = ["name"]


@admin.register(OfferLink, site=admin_site)
class OfferLinkAdmin(OfferPartAdmin):
    list_display = ["label", "url", "offer"]
    search_fields = ["label", "url"]
