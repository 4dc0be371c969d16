"""Tickets (Wartemarken), counter sessions and the append-only event log of the queue.

Who is at which counter is decided by the database: an open counter session holds at most one
ticket, and a ticket is held by at most one session (``one_counter_per_ticket``), so two staff
members can never call the same person even if the code that calls were wrong.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.tenancy import TenantOwned


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("wartet")
    CALLED = "called", _("aufgerufen")
    SERVING = "serving", _("wird bedient")
    DONE = "done", _("erledigt")
    NO_SHOW = "no_show", _("nicht erschienen")


OPEN_TICKET_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING)


class Priority(models.IntegerChoices):
    """Lower is called first (where the section's rule gives the group priority)."""

    EMERGENCY = 0, _("Notfall")
    DISABILITY = 1, _("Schwerbehinderung / besonderer Bedarf")
    APPOINTMENT = 2, _("mit Termin")
    NORMAL = 3, _("ohne Termin")


class Ticket(TenantOwned):
    """One person's place in a queue for one day: checked in for a booking, or a walk-in."""

    location = models.ForeignKey(
        "appointments.Location", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("Standort")
    )
    section = models.ForeignKey(
        "core.Section", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("Sachgebiet")
    )
    service = models.ForeignKey(
        "appointments.Service", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("Anliegen")
    )
    booking = models.OneToOneField(
        "appointments.Booking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("Termin"),
    )
    day = models.DateField(_("Tag"))
    prefix = models.CharField(_("Kennbuchstabe"), max_length=3)
    number = models.PositiveIntegerField(_("Nummer"))
    priority = models.PositiveSmallIntegerField(_("Vorrang"), choices=Priority.choices, default=Priority.NORMAL)
    emergency = models.BooleanField(_("Notfall"), default=False)
    assistance = models.BooleanField(_("besonderer Bedarf (z. B. Schwerbehinderung)"), default=False)
    status = models.CharField(_("Status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    calls = models.PositiveSmallIntegerField(_("Aufrufe"), default=0)
    issued_at = models.DateTimeField(_("ausgegeben"))
    ready_at = models.DateTimeField(
        _("aufrufbar ab"), help_text=_("Termin: Terminbeginn (oder Ankunft, wenn später); sonst Ausgabe.")
    )
    called_at = models.DateTimeField(_("zuletzt aufgerufen"), null=True, blank=True)
    started_at = models.DateTimeField(_("Bedienung begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("abgeschlossen"), null=True, blank=True)
    counter = models.ForeignKey(
        "appointments.Counter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("Schalter"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Mitarbeiter*in"),
    )
    estimate_minutes = models.PositiveIntegerField(
        _("geschätzte Wartezeit bei Ausgabe (Minuten)"), null=True, blank=True
    )
    note = models.TextField(_("Notiz für die Weitergabe"), blank=True)

    class Meta:
        verbose_name = _("Wartemarke")
        verbose_name_plural = _("Wartemarken")
        ordering = ["day", "priority", "ready_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["location", "day", "prefix", "number"], name="ticket_number_per_day"),
            models.CheckConstraint(
                condition=~Q(status__in=["called", "serving"]) | Q(counter__isnull=False, called_at__isnull=False),
                name="ticket_active_has_counter",
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("issued_at")), name="ticket_time_order"
            ),
        ]
        indexes = [
            models.Index(fields=["location", "status", "priority", "ready_at"], name="ticket_queue"),
            models.Index(fields=["location", "day", "called_at"], name="ticket_display"),
            models.Index(fields=["tenant", "day"], name="ticket_day"),  # the KPIs of a day
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What the person holds and the display shows, e.g. ``A017``."""
        return f"{self.prefix}{self.number:03d}"


class CounterSession(TenantOwned):
    """A staff member signed in at a counter; holds the ticket being called or served there."""

    counter = models.ForeignKey(
        "appointments.Counter", on_delete=models.PROTECT, related_name="sessions", verbose_name=_("Schalter")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="counter_sessions", verbose_name=_("Person")
    )
    started_at = models.DateTimeField(_("angemeldet"))
    ended_at = models.DateTimeField(_("abgemeldet"), null=True, blank=True)
    current_ticket = models.ForeignKey(
        Ticket,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aktuelle Wartemarke"),
    )

    class Meta:
        verbose_name = _("Schalterbesetzung")
        verbose_name_plural = _("Schalterbesetzungen")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["counter"], condition=Q(ended_at__isnull=True), name="one_open_session_per_counter"
            ),
            models.UniqueConstraint(
                fields=["staff"], condition=Q(ended_at__isnull=True), name="one_open_session_per_staff"
            ),
            # The guarantee that two counters never call the same person.
            models.UniqueConstraint(
                fields=["current_ticket"], condition=Q(current_ticket__isnull=False), name="one_counter_per_ticket"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(current_ticket__isnull=True), name="closed_session_holds_none"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counter} ({self.staff})"


class EventKind(models.TextChoices):
    CHECKED_IN = "checked_in", _("eingecheckt")
    ISSUED = "issued", _("Wartemarke ausgegeben")
    CALLED = "called", _("aufgerufen")
    RECALLED = "recalled", _("erneut aufgerufen")
    SERVING = "serving", _("Bedienung begonnen")
    SERVED = "served", _("bedient")
    NO_SHOW = "no_show", _("nicht erschienen")
    TRANSFERRED = "transferred", _("weitergeleitet")


class TicketEvent(TenantOwned):
    """One step of a ticket, with its time: the raw material of waiting and service times and
    no-show rates. Append-only: rows are written once and never changed."""

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("Ereignis"), max_length=12, choices=EventKind.choices)
    at = models.DateTimeField(_("Zeitpunkt"))
    location = models.ForeignKey("appointments.Location", on_delete=models.PROTECT, related_name="+")
    section = models.ForeignKey("core.Section", on_delete=models.PROTECT, related_name="+")
    counter = models.ForeignKey(
        "appointments.Counter", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    details = models.JSONField(_("Einzelheiten"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Ereignis einer Wartemarke")
        verbose_name_plural = _("Ereignisse der Wartemarken")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["location", "kind", "at"], name="ticket_event_kind_at"),
            models.Index(fields=["section", "kind", "at"], name="ticket_event_section_at"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind} {self.at:%H:%M:%S}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A data rule, not business logic: the log is evidence, a row once written stays as it is.
        if self.pk is not None and not self._state.adding:
            raise ValueError("Ticket events are append-only.")
        super().save(*args, **kwargs)
