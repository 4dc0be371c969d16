"""Bookings and the grid cells they occupy."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.functions import Epoch
from anlaufstelle.core.tenancy import TenantOwned


class BookingStatus(models.TextChoices):
    RESERVED = "reserved", _("reserviert (E-Mail nicht bestätigt)")
    OFFERED = "offered", _("angeboten (Zusage ausstehend)")
    CONFIRMED = "confirmed", _("bestätigt")
    CANCELLED = "cancelled", _("abgesagt")
    EXPIRED = "expired", _("verfallen")
    ATTENDED = "attended", _("wahrgenommen")
    NO_SHOW = "no_show", _("nicht erschienen")


# A booking in one of these states holds its time; the others have given it back (or will,
# once an embargo on a cancelled slot has run out).
OPEN_STATUSES = (BookingStatus.RESERVED, BookingStatus.OFFERED, BookingStatus.CONFIRMED)


class Urgency(models.TextChoices):
    """Why a person needs an appointment today (emergency counter)."""

    PERMIT_EXPIRES = "permit", _("Mein Aufenthaltstitel läuft in den nächsten Tagen ab")
    JOB_START = "job", _("Ich beginne in den nächsten Tagen eine Arbeit oder Ausbildung")
    TRAVEL = "travel", _("Ich muss dringend reisen (z. B. Krankheit oder Todesfall in der Familie)")
    OTHER = "other", _("Ein anderer dringender Grund")


class Booking(TenantOwned):
    """An appointment. Links in mails carry the booking code signed with the site's key."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        STAFF = "staff", _("durch Mitarbeitende")
        WAITLIST = "waitlist", _("Warteliste")
        ALLOCATION = "allocation", _("Bedarfsanmeldung")

    service = models.ForeignKey("appointments.Service", on_delete=models.PROTECT, related_name="bookings")
    location = models.ForeignKey("appointments.Location", on_delete=models.PROTECT, related_name="bookings")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="bookings", null=True, blank=True)
    starts_at = models.DateTimeField(_("Beginn"), db_index=True)
    ends_at = models.DateTimeField(_("Ende"))
    # The same instants as whole seconds since 1970, kept by the database: the free-slot search
    # reads them from an index instead of converting every booking's datetimes.
    starts_epoch = models.GeneratedField(
        expression=Epoch("starts_at"), output_field=models.BigIntegerField(), db_persist=True
    )
    ends_epoch = models.GeneratedField(
        expression=Epoch("ends_at"), output_field=models.BigIntegerField(), db_persist=True
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    channel = models.CharField(_("Buchungsweg"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    urgency = models.CharField(_("Dringlichkeit"), max_length=10, choices=Urgency.choices, blank=True)
    code = models.CharField(_("Buchungsnummer"), max_length=12)
    hold_until = models.DateTimeField(_("reserviert bis"), null=True, blank=True)
    created_at = models.DateTimeField(_("gebucht am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("abgesagt am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces", verbose_name=_("verlegt auf")
    )
    origin_network = models.CharField(_("Netz der Buchung"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_order"),
            models.UniqueConstraint(fields=["tenant", "code"], name="booking_code_per_tenant"),
            models.CheckConstraint(
                condition=~Q(status__in=["reserved", "offered"]) | Q(hold_until__isnull=False),
                name="booking_hold_has_end",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "hold_until"]),
            models.Index(fields=["status", "starts_at"]),
            # Free-slot search reads (staff, start, end) of a day range from this index alone.
            models.Index(fields=["tenant", "staff", "starts_epoch", "ends_epoch", "status"], name="booking_staff_time"),
            # The KPIs of a day not yet in the daily facts (today) read its bookings by these three.
            models.Index(fields=["tenant", "created_at"], name="booking_created"),
            models.Index(fields=["tenant", "starts_at"], name="booking_starts"),
            models.Index(fields=["tenant", "cancelled_at"], name="booking_cancelled"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.starts_at:%Y-%m-%d %H:%M}"


class CellHold(models.TextChoices):
    BOOKING = "booking", _("Termin")
    EMERGENCY = "emergency", _("Notfallkontingent")
    EMBARGO = "embargo", _("Sperrfrist nach Absage")


class BookingCell(TenantOwned):
    """One grid cell of one staff member's time, and what holds it.

    The unique key (staff, starts_at) is what makes double booking impossible: two
    transactions that try to hold the same cell cannot both commit, on SQLite and PostgreSQL.
    Besides bookings, a cell can be held back for the emergency counter (until its daily
    release) or kept after a cancellation for the waiting list until ``held_until``.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="cells", null=True, blank=True)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    hold = models.CharField(max_length=10, choices=CellHold.choices, default=CellHold.BOOKING)
    held_until = models.DateTimeField(null=True, blank=True)
    location = models.ForeignKey(
        "appointments.Location", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("belegte Zeiteinheit")
        verbose_name_plural = _("belegte Zeiteinheiten")
        constraints = [
            models.UniqueConstraint(fields=["staff", "starts_at"], name="one_booking_per_staff_and_cell"),
            models.CheckConstraint(
                condition=Q(hold="emergency", booking__isnull=True, location__isnull=False)
                | (~Q(hold="emergency") & Q(booking__isnull=False)),
                name="cell_hold_owner",
            ),
        ]
        indexes = [
            models.Index(fields=["hold", "held_until"]),
            models.Index(fields=["hold", "starts_at"], name="cell_hold_time"),  # held cells of a day range
        ]

    def __str__(self) -> str:
        return f"{self.staff_id}@{self.starts_at:%Y-%m-%d %H:%M}"
