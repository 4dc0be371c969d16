"""Offers (HSDS "service") with what a newcomer needs to decide and to take the next step."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.i18n import TranslatableContent
from anlaufstelle.core.tenancy import TenantOwned

from .places import Place
from .taxonomy import LifeSituation, Topic


class Offer(TenantOwned, TranslatableContent):
    """One offer of one organisation of the local network."""

    class Status(models.TextChoices):
        # the values are HSDS's service status codes
        ACTIVE = "active", _("aktiv")
        TEMPORARILY_CLOSED = "temporarily closed", _("vorübergehend geschlossen")
        INACTIVE = "inactive", _("ruht")
        DEFUNCT = "defunct", _("eingestellt")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PENDING = "pending", _("wartet auf Freigabe")
        PUBLISHED = "published", _("veröffentlicht")

    class Cost(models.TextChoices):
        FREE = "free", _("kostenlos")
        REDUCED = "reduced", _("ermäßigt möglich")
        PAID = "paid", _("kostenpflichtig")

    uuid = models.UUIDField(_("Kennung (HSDS)"), default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="offers", verbose_name=_("Organisation")
    )
    name = models.CharField(_("Titel"), max_length=200)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    eligibility = models.TextField(_("Für wen"), blank=True)
    cost_description = models.CharField(_("Kosten (Hinweis)"), max_length=300, blank=True)
    next_step = models.TextField(
        _("So geht es weiter"), blank=True, help_text=_("Was muss man tun, um das Angebot zu nutzen?")
    )
    alert = models.CharField(_("Aktueller Hinweis"), max_length=300, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    publication = models.CharField(
        _("Veröffentlichung"), max_length=20, choices=Publication.choices, default=Publication.PUBLISHED
    )
    topics = models.ManyToManyField(Topic, related_name="offers", verbose_name=_("Themen"))
    life_situations: models.ManyToManyField[LifeSituation, Any] = models.ManyToManyField(
        LifeSituation, related_name="offers", blank=True, verbose_name=_("Lebenslagen")
    )
    cost = models.CharField(_("Kosten"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    cost_amount = models.DecimalField(_("Betrag (Euro)"), max_digits=8, decimal_places=2, null=True, blank=True)
    walk_in = models.BooleanField(_("ohne Termin"), default=False)
    by_appointment = models.BooleanField(_("mit Termin"), default=False)
    online = models.BooleanField(_("online"), default=False)
    minimum_age = models.PositiveSmallIntegerField(_("Mindestalter"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("Höchstalter"), null=True, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    last_checked_on = models.DateField(_("zuletzt geprüft am"), default=dt.date.today)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zuletzt geprüft von"),
    )
    reminder_sent_on = models.DateField(_("Erinnerung verschickt am"), null=True, blank=True, editable=False)
    appointment_service = models.ForeignKey(
        "appointments.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("Anliegen der Terminbuchung"),
        help_text=_("Ist das Angebot ein Anliegen der Ausländerbehörde, führt es direkt in die Terminbuchung."),
    )
    places: models.ManyToManyField[Place, Any] = models.ManyToManyField(
        Place, through="OfferPlace", related_name="offers", verbose_name=_("Orte")
    )
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)

    translated_fields = ("name", "summary", "description", "eligibility", "cost_description", "next_step", "alert")

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "uuid"], name="offer_uuid_per_tenant"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="offer_validity_order",
            ),
            models.CheckConstraint(
                condition=Q(maximum_age__isnull=True)
                | Q(minimum_age__isnull=True)
                | Q(maximum_age__gte=F("minimum_age")),
                name="offer_age_order",
            ),
            models.CheckConstraint(
                condition=~Q(cost="free") | Q(cost_amount__isnull=True), name="offer_free_no_amount"
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "publication", "status"]),
            models.Index(fields=["tenant", "last_checked_on"]),
            # A page of search results by id. Without table statistics SQLite guesses that the
            # tenant index finds fewer rows than a list of ids, and reads all the tenant's rows.
            models.Index(fields=["tenant", "id"]),
        ]

    def __str__(self) -> str:
        return self.name

    # What a result card lists. Read through the (prefetched) relations; the search fills both
    # from flat queries instead, as building the related objects cost more than the search itself.

    @cached_property
    def card_languages(self) -> list[str]:
        """The codes of the languages the offer is delivered in."""
        return [language.code for language in self.languages.all()]

    @cached_property
    def card_districts(self) -> list[str]:
        """The districts of its places, in the order of the places."""
        return [link.place.district.name for link in self.offer_places.all() if link.place.district]


class OfferLanguage(TenantOwned):
    """A language the offer is delivered in (BCP 47 code, e.g. "ar", "uk", "de-simple")."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="languages", verbose_name=_("Angebot"))
    code = models.CharField(_("Sprache"), max_length=12)

    class Meta:
        verbose_name = _("Sprache des Angebots")
        verbose_name_plural = _("Sprachen des Angebots")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["offer", "code"], name="offer_language_once")]
        indexes = [models.Index(fields=["code", "offer"]), models.Index(fields=["tenant", "offer"])]  # see Offer

    def __str__(self) -> str:
        return self.code


class OfferContact(TenantOwned, TranslatableContent):
    """A named contact for an offer (HSDS "contact")."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("Angebot"))
    name = models.CharField(_("Name"), max_length=200)
    title = models.CharField(_("Funktion"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)

    translated_fields = ("title",)

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OfferLink(TenantOwned, TranslatableContent):
    """A further link of an offer (registration form, flyer, video in sign language, …)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="links", verbose_name=_("Angebot"))
    label = models.CharField(_("Bezeichnung"), max_length=200)
    url = models.URLField(_("Adresse"))

    translated_fields = ("label",)

    class Meta:
        verbose_name = _("Link")
        verbose_name_plural = _("Links")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label


class OfferPlace(TenantOwned, TranslatableContent):
    """That an offer takes place at a place (HSDS "service_at_location")."""

    uuid = models.UUIDField(_("Kennung (HSDS)"), default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="offer_places", verbose_name=_("Angebot"))
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="offer_places", verbose_name=_("Ort"))
    note = models.CharField(_("Hinweis"), max_length=200, blank=True)

    translated_fields = ("note",)

    class Meta:
        verbose_name = _("Angebot an einem Ort")
        verbose_name_plural = _("Angebote an Orten")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "place"], name="offer_place_once"),
            models.UniqueConstraint(fields=["tenant", "uuid"], name="offer_place_uuid_per_tenant"),
        ]
        indexes = [models.Index(fields=["tenant", "offer"])]  # see Offer

    def __str__(self) -> str:
        return f"{self.offer} @ {self.place}"


class OfferDate(TenantOwned):
    """A dated occurrence of an offer (an event, a weekly meeting place), for the calendar feed."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="dates", verbose_name=_("Angebot"))
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="dates", verbose_name=_("Ort")
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    weekly_until = models.DateField(
        _("wöchentlich bis"), null=True, blank=True, help_text=_("Leer lassen für einen einzelnen Termin.")
    )

    class Meta:
        verbose_name = _("Termin des Angebots")
        verbose_name_plural = _("Termine der Angebote")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="offer_date_order")]

    def __str__(self) -> str:
        return f"{self.offer}: {self.starts_at:%Y-%m-%d %H:%M}"


class OfferChange(TenantOwned):
    """A partner's proposed change of an offer, applied only when the coordinator approves it."""

    class State(models.TextChoices):
        PENDING = "pending", _("offen")
        APPROVED = "approved", _("freigegeben")
        REJECTED = "rejected", _("abgelehnt")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="changes", verbose_name=_("Angebot"))
    proposed = models.JSONField(_("vorgeschlagene Werte"))
    state = models.CharField(_("Stand"), max_length=10, choices=State.choices, default=State.PENDING)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("vorgeschlagen von")
    )
    created_at = models.DateTimeField(_("vorgeschlagen am"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entschieden von"),
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    comment = models.TextField(_("Begründung"), blank=True)

    class Meta:
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        ordering = ["created_at"]
        constraints = [
            # one open proposal per offer: a second one replaces the first (see offer_change_propose)
            models.UniqueConstraint(fields=["offer"], condition=Q(state="pending"), name="one_pending_change_per_offer")
        ]

    def __str__(self) -> str:
        return f"{self.offer} ({self.get_state_display()})"
