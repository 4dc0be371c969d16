"""What the directory keeps outside the staff pages, in the Django admin for the coordinator:
places with their hours, dates of offers, contacts, links, topics and life situations. A change
that shows in the search (names of places, topics, life situations) re-indexes the offers it touches."""

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


class ReindexAfterSave:
    """Re-index the offers an object belongs to once the admin has saved it and its inlines."""

    def offers_of(self, obj: Any) -> list[int]:
        raise NotImplementedError

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        search_index_update(offer_ids=self.offers_of(form.instance))


class PlaceHoursInline(admin.TabularInline):
    model = PlaceHours
    extra = 0


class PlaceHoursExceptionInline(admin.TabularInline):
    model = PlaceHoursException
    extra = 0


@admin.register(Place, site=admin_site)
class PlaceAdmin(ReindexAfterSave, TranslatedAdmin):
    permission = DIRECTORY
    list_display = ["name", "street", "district", "organisation", "step_free"]
    list_filter = ["district", "step_free"]
    search_fields = ["name", "street"]
    inlines = [PlaceHoursInline, PlaceHoursExceptionInline]

    def offers_of(self, obj: Place) -> list[int]:
        return list(Offer.objects.filter(offer_places__place=obj).values_list("pk", flat=True))


@admin.register(Topic, site=admin_site)
class TopicAdmin(ReindexAfterSave, TranslatedAdmin):
    permission = DIRECTORY
    list_display = ["name", "code", "parent", "position"]
    search_fields = ["name", "code"]

    def offers_of(self, obj: Topic) -> list[int]:
        return list(Offer.objects.filter(topics=obj).values_list("pk", flat=True))


@admin.register(LifeSituation, site=admin_site)
class LifeSituationAdmin(ReindexAfterSave, TranslatedAdmin):
    permission = DIRECTORY
    list_display = ["name", "code", "is_everyone", "position"]

    def offers_of(self, obj: LifeSituation) -> list[int]:
        return list(Offer.objects.filter(life_situations=obj).values_list("pk", flat=True))


@admin.register(OfferDate, site=admin_site)
class OfferDateAdmin(RoleAdmin):
    permission = DIRECTORY
    list_display = ["offer", "starts_at", "ends_at", "weekly_until", "place"]
    list_filter = ["place"]
    raw_id_fields = ["offer"]


@admin.register(OfferContact, site=admin_site)
class OfferContactAdmin(TranslatedAdmin):
    permission = DIRECTORY
    list_display = ["name", "title", "offer", "email", "phone"]
    search_fields = ["name"]
    raw_id_fields = ["offer"]


@admin.register(OfferLink, site=admin_site)
class OfferLinkAdmin(TranslatedAdmin):
    permission = DIRECTORY
    list_display = ["label", "url", "offer"]
    search_fields = ["label", "url"]
    raw_id_fields = ["offer"]
