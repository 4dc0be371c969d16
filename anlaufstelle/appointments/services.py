"""Write side of appointments: booking and cancelling, safe under concurrency."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anlaufstelle.core.models import Person

from .models import Booking, BookingCell, BookingStatus, Location, Service
from .selectors import GRID, slots_free


class SlotUnavailable(Exception):
    """The chosen time is not (or no longer) free; the user should pick another."""

    def __init__(self) -> None:
        super().__init__(_("Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie eine andere Uhrzeit."))


def booking_create(
    *,
    service: Service,
    location: Location,
    starts_at: dt.datetime,
    person: Person | None = None,
    channel: str = Booking.Channel.ONLINE,
    status: str = BookingStatus.CONFIRMED,
    now: dt.datetime | None = None,
) -> Booking:
    """Book ``service`` at ``starts_at`` with a free qualified staff member, or raise SlotUnavailable.

    The free-slot computation proposes staff members; the unique key on (staff, cell) decides.
    If another transaction took a cell first, the next candidate is tried in a savepoint.
    """
    starts_at = starts_at.astimezone(dt.UTC)
    local_day = timezone.localtime(starts_at).date()
    with transaction.atomic():
        slot = next(
            (
                s
                for s in slots_free(service=service, location=location, day_from=local_day, day_to=local_day, now=now)
                if s.starts_at == starts_at
            ),
            None,
        )
        if slot is None:
            raise SlotUnavailable
        for staff_id in slot.staff_ids:
            try:
                with transaction.atomic():
                    booking = Booking.objects.create(
                        service=service,
                        location=location,
                        staff_id=staff_id,
                        person=person,
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                        status=status,
                        channel=channel,
                    )
                    BookingCell.objects.bulk_create(
                        BookingCell(
                            booking=booking,
                            staff_id=staff_id,
                            starts_at=slot.starts_at + i * GRID,
                            tenant=booking.tenant,
                        )
                        for i in range(service.cells)
                    )
                    return booking
            except IntegrityError:
                continue
        raise SlotUnavailable


def booking_cancel(*, booking: Booking) -> Booking:
    """Cancel a booking and give its time back."""
    with transaction.atomic():
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
        booking.cells.all().delete()
    return booking
