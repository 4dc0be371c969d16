"""The front desk's one write to appointments: whether a booked person came.

Kept here (not in appointments) so the front desk owns when it happens; it only moves a
confirmed booking to attended or no-show and never touches its time or cells.
"""

from __future__ import annotations

from anlaufstelle.appointments.models import Booking, BookingStatus


def booking_mark_attendance(*, booking_id: int, attended: bool) -> bool:
    """Mark a confirmed booking attended (or no-show); False if it was in another state."""
    status = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
    return bool(Booking.objects.filter(pk=booking_id, status=BookingStatus.CONFIRMED).update(status=status))
