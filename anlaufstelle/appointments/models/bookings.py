"""Bookings and the grid cells they occupy."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from anlaufstelle.core.tenancy import TenantOwned


class BookingStatus(models.TextChoices):
    RESERVED = "reserved", _("reserviert (E-Mail nicht bestätigt)")
    CONFIRMED = "confirmed", _("bestätigt")
    CANCELLED = "cancelled", _("abgesagt")
    EXPIRED = "expired", _("verfallen")
    ATTENDED = "attended", _("wahrgenommen")
    NO_SHOW = "no_show", _("nicht erschienen")


class Booking(TenantOwned):
    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        STAFF = "staff", _("durch Mitarbeitende")

    service = models.ForeignKey("appointments.Service", on_delete=models.PROTECT, related_name="bookings")
    location = models.ForeignKey("appointments.Location", on_delete=models.PROTECT, related_name="bookings")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="bookings", null=True, blank=True)
    starts_at = models.DateTimeField(_("Beginn"), db_index=True)
    ends_at = models.DateTimeField(_("Ende"))
    status = models.CharField(
        _("Status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    channel = models.CharField(_("Weg"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    created_at = models.DateTimeField(_("gebucht am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_order")]

    def __str__(self) -> str:
        return f"{self.service} {self.starts_at:%Y-%m-%d %H:%M}"


class BookingCell(TenantOwned):
    """One grid cell of one staff member's time, held by one booking.

    The unique key (staff, starts_at) is what makes double booking impossible: two
    transactions that try to hold the same cell cannot both commit, on SQLite and PostgreSQL.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="cells")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()

    class Meta:
        verbose_name = _("belegte Zeiteinheit")
        verbose_name_plural = _("belegte Zeiteinheiten")
        constraints = [models.UniqueConstraint(fields=["staff", "starts_at"], name="one_booking_per_staff_and_cell")]

    def __str__(self) -> str:
        return f"{self.staff_id}@{self.starts_at:%Y-%m-%d %H:%M}"
