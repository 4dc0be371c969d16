"""Waiting list and fair allocation (Bedarfsanmeldung): people who ask instead of racing for slots."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.tenancy import TenantOwned


class WaitlistEntry(TenantOwned):
    """A person who wants an earlier appointment for a service than the one they have (or any)."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-Mail nicht bestätigt")
        WAITING = "waiting", _("wartet")
        OFFERED = "offered", _("Termin angeboten")
        BOOKED = "booked", _("Termin gebucht")
        ENDED = "ended", _("beendet")

    service = models.ForeignKey("appointments.Service", on_delete=models.CASCADE, related_name="waitlist")
    location = models.ForeignKey("appointments.Location", on_delete=models.CASCADE, related_name="waitlist")
    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="waitlist_entries")
    booking = models.ForeignKey(
        "appointments.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="waitlist_entries"
    )
    before = models.DateField(_("früher als"))
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED)
    created_at = models.DateTimeField(_("eingetragen am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    offer = models.OneToOneField(
        "appointments.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="waitlist_offer"
    )

    class Meta:
        verbose_name = _("Wartelisteneintrag")
        verbose_name_plural = _("Warteliste")
        ordering = ["confirmed_at", "pk"]
        indexes = [models.Index(fields=["service", "location", "status", "confirmed_at"])]


class AllocationRequest(TenantOwned):
    """A registered need for a scarce service, served by the daily allocation run."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-Mail nicht bestätigt")
        PENDING = "pending", _("wartet auf Zuteilung")
        OFFERED = "offered", _("Termin angeboten")
        BOOKED = "booked", _("Termin gebucht")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    OPEN = ("unconfirmed", "pending", "offered")

    service = models.ForeignKey("appointments.Service", on_delete=models.PROTECT, related_name="allocation_requests")
    location = models.ForeignKey("appointments.Location", on_delete=models.PROTECT, related_name="allocation_requests")
    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="allocation_requests")
    permit_expires_on = models.DateField(_("Aufenthaltstitel gültig bis"), null=True, blank=True)
    weekdays = models.JSONField(_("mögliche Wochentage"), default=list)  # 0 = Monday
    day_parts = models.JSONField(_("mögliche Tageszeiten"), default=list)  # "am", "pm"
    duplicate_key = models.CharField(max_length=64)  # hash of normalised name, birth date, e-mail
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    tie_break = models.FloatField(default=0.0)
    offer = models.OneToOneField(
        "appointments.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="allocation_request"
    )
    missed_offers = models.PositiveSmallIntegerField(default=0)
    last_run = models.ForeignKey(
        "appointments.AllocationRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Bedarfsanmeldung")
        verbose_name_plural = _("Bedarfsanmeldungen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "duplicate_key"],
                condition=Q(status__in=["unconfirmed", "pending", "offered"]),
                name="one_open_allocation_request_per_person",
            )
        ]
        indexes = [models.Index(fields=["service", "status"])]


class AllocationRun(TenantOwned):
    """One run of the allocator: what was released, who got what, and the seed of the tie-break."""

    started_at = models.DateTimeField(_("gestartet"))
    finished_at = models.DateTimeField(_("beendet"), null=True, blank=True)
    seed = models.BigIntegerField(_("Zufallsstartwert"))
    slots_released = models.PositiveIntegerField(_("freigegebene Termine"), default=0)
    requests_pending = models.PositiveIntegerField(_("offene Anmeldungen"), default=0)
    offers_made = models.PositiveIntegerField(_("angebotene Termine"), default=0)
    details = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("Vergabelauf")
        verbose_name_plural = _("Vergabeläufe")
        ordering = ["-started_at"]
