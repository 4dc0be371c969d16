"""Every booking gets its own code: drawn at random, checked by the unique key, drawn again in
the rare case that it exists already, without a look-up before every booking."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone

from anlaufstelle.appointments.models import Booking
from anlaufstelle.appointments.selectors import booking_window, slots_free
from anlaufstelle.appointments.services import booking as booking_module
from anlaufstelle.appointments.services import booking_create

from ..factories import BookingFactory


def test_a_code_that_exists_already_is_drawn_again(office, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    BookingFactory(code="ACDEFHJK")
    drawn: Iterator[str] = iter(["ACDEFHJK", "LMNPQRTU"])
    monkeypatch.setattr(booking_module, "_new_code", lambda: next(drawn))
    first, last = booking_window(service=office["service"])
    slot = slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last)[0]

    booking = booking_create(service=office["service"], location=office["location"], starts_at=slot.starts_at)

    assert booking.code == "LMNPQRTU"
    assert Booking.objects.filter(code="ACDEFHJK").count() == 1
    assert booking.cells.count() == office["service"].cells
    assert booking.created_at <= timezone.now()
