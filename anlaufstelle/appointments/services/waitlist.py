"""The waiting list: people with an appointment who would take an earlier one."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Booking, BookingStatus, WaitlistEntry
from .booking import BookingRefused


def waitlist_join(*, booking: Booking, now: dt.datetime | None = None) -> WaitlistEntry:
    """Put the person of a confirmed booking on the waiting list for an earlier time.

    The address is already confirmed by the booking; joining twice returns the same entry.
    """
    now = now or timezone.now()
    if booking.status != BookingStatus.CONFIRMED or booking.starts_at <= now or booking.person is None:
        raise BookingRefused(_("Für diesen Termin ist die Warteliste nicht möglich."))
    entry, _created = WaitlistEntry.objects.get_or_create(
        booking=booking,
        status=WaitlistEntry.Status.WAITING,
        defaults={
            "service": booking.service,
            "location": booking.location,
            "person": booking.person,
            "before": timezone.localtime(booking.starts_at).date(),
            "confirmed_at": now,
        },
    )
    return entry


def waitlist_leave(*, booking: Booking) -> int:
    """Take the person off the waiting list for this booking."""
    return WaitlistEntry.objects.filter(booking=booking, status=WaitlistEntry.Status.WAITING).update(
        status=WaitlistEntry.Status.ENDED
    )
