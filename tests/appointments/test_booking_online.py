"""The public booking flow end to end, without JavaScript: choose, reserve, confirm by link, manage."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from anlaufstelle.appointments.models import Booking, BookingCell, BookingStatus, CellHold
from anlaufstelle.appointments.selectors import booking_window, slots_free
from anlaufstelle.appointments.services import holds_expire_due
from anlaufstelle.core.botguard import botguard_issued
from anlaufstelle.core.models import AuditEntry, OutboxMessage, Person
from tests.mail import queued_mail


def _first_slot(office):  # type: ignore[no-untyped-def]
    first, last = booking_window(service=office["service"])
    return slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last)[0]


def contact_data(**overrides: str) -> dict[str, str]:
    data = {
        "given_names": "Amina",
        "family_name": "Haddad",
        "email": "amina.haddad@example.org",
        "phone": "+49 170 1234567",
        "language": "ar",
        "consent": "on",
        "botguard_issued": botguard_issued(issued_at=time.time() - 120),
    }
    data.update(overrides)
    return data


def reserve(client, office, slot, **overrides: str):  # type: ignore[no-untyped-def]
    url = reverse("appointments:contact", args=[office["service"].pk])
    return client.post(
        url,
        {
            "standort": office["location"].pk,
            "beginn": slot.starts_at.strftime("%Y-%m-%dT%H:%M"),
            **contact_data(**overrides),
        },
    )


def link_from(message: OutboxMessage, name: str) -> str:
    match = re.search(rf"https?://[^\s\"<]+/termine/t/([^/\s\"<]+)/{name}", message.body_text)
    assert match, message.body_text
    return match.group(1)


def test_the_pages_before_the_contact_form_list_the_service_its_days_and_times(client, office):  # type: ignore[no-untyped-def]
    service = office["service"]
    slot = _first_slot(office)
    day = timezone.localtime(slot.starts_at).date()

    start = client.get(reverse("appointments:start"))
    days = client.get(reverse("appointments:days", args=[service.pk]))
    times = client.get(
        reverse("appointments:times", args=[service.pk]), {"standort": office["location"].pk, "tag": day.isoformat()}
    )

    assert service.name in start.content.decode()
    assert f"tag={day.isoformat()}" in days.content.decode()
    assert timezone.localtime(slot.starts_at).strftime("%H:%M") in times.content.decode()


def test_a_reservation_holds_the_slot_until_the_address_is_confirmed_by_the_link(client, office):  # type: ignore[no-untyped-def]
    slot = _first_slot(office)

    response = reserve(client, office, slot)

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.RESERVED
    assert booking.hold_until is not None
    assert booking.cells.count() == office["service"].cells
    message = queued_mail(topic="appointments.address_check")
    assert message.recipients == ["amina.haddad@example.org"]
    token = link_from(message, "bestaetigen")
    assert booking.code in token  # the code, signed

    # Opening the link only shows a button (mail scanners open links); the button books.
    assert client.get(reverse("appointments:confirm", args=[token])).status_code == 200
    booking.refresh_from_db()
    assert booking.status == BookingStatus.RESERVED
    client.post(reverse("appointments:confirm", args=[token]))

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    confirmation = queued_mail(topic="appointments.confirmation")
    assert {a["filename"] for a in confirmation.attachments} == {"checkin.png", "termin.ics"}
    page = client.get(reverse("appointments:manage", args=[token])).content.decode()
    assert booking.code in page
    assert "<svg" in page  # the check-in QR code


def test_the_confirmation_is_written_in_the_language_the_person_chose(client, office):  # type: ignore[no-untyped-def]
    reserve(client, office, _first_slot(office), language="ar")

    message = queued_mail(topic="appointments.address_check")

    assert 'lang="ar" dir="rtl"' in message.body_html


def test_the_calendar_file_is_in_berlin_time_with_a_reminder(client, office):  # type: ignore[no-untyped-def]
    slot = _first_slot(office)
    reserve(client, office, slot)
    token = link_from(queued_mail(), "bestaetigen")
    client.post(reverse("appointments:confirm", args=[token]))

    calendar = Calendar.from_ical(client.get(reverse("appointments:calendar_file", args=[token])).content)

    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Berlin"
    assert event["DTSTART"].dt == slot.starts_at
    assert calendar.walk("VTIMEZONE")
    assert event.walk("VALARM")


def test_an_unconfirmed_reservation_is_released_after_the_hold(client, office):  # type: ignore[no-untyped-def]
    slot = _first_slot(office)
    reserve(client, office, slot)
    booking = Booking.objects.get()

    holds_expire_due(now=booking.hold_until + dt.timedelta(seconds=1))

    booking.refresh_from_db()
    assert booking.status == BookingStatus.EXPIRED
    assert not BookingCell.objects.exists()
    assert slot in slots_free(
        service=office["service"],
        location=office["location"],
        day_from=timezone.localtime(slot.starts_at).date(),
        day_to=timezone.localtime(slot.starts_at).date(),
    )


def test_an_expired_link_says_so_and_books_nothing(client, office):  # type: ignore[no-untyped-def]
    reserve(client, office, _first_slot(office))
    booking = Booking.objects.get()
    token = link_from(queued_mail(), "bestaetigen")
    holds_expire_due(now=booking.hold_until + dt.timedelta(seconds=1))

    response = client.post(reverse("appointments:confirm", args=[token]), follow=True)

    assert "abgelaufen" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.EXPIRED


def test_a_slot_taken_between_choosing_and_sending_gets_a_message_and_leaves_nothing_behind(client, office):  # type: ignore[no-untyped-def]
    slot = _first_slot(office)
    for index in range(len(office["staff"])):  # everybody who could serve this time is booked meanwhile
        reserve(client, office, slot, email=f"other{index}@example.org", given_names=f"Other{index}")
    people_before = Person.objects.count()
    audit_before = AuditEntry.objects.count()

    response = reserve(client, office, slot)

    assert response.status_code == 400
    assert "nicht mehr frei" in response.content.decode()
    assert Person.objects.count() == people_before
    assert AuditEntry.objects.count() == audit_before
    assert Booking.objects.filter(person__email="amina.haddad@example.org").count() == 0


def test_a_forged_or_unknown_link_is_not_found(client, office):  # type: ignore[no-untyped-def]
    reserve(client, office, _first_slot(office))
    code = Booking.objects.get().code

    assert client.get(reverse("appointments:manage", args=[code])).status_code == 404
    assert client.get(reverse("appointments:manage", args=[f"{code}:forged"])).status_code == 404


def test_cancelling_by_link_frees_the_time_only_after_the_embargo(client, office):  # type: ignore[no-untyped-def]
    reserve(client, office, _first_slot(office))
    token = link_from(queued_mail(), "bestaetigen")
    client.post(reverse("appointments:confirm", args=[token]))

    client.post(reverse("appointments:cancel", args=[token]))

    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CANCELLED
    assert set(booking.cells.values_list("hold", flat=True)) == {CellHold.EMBARGO}


def test_moving_by_link_books_the_new_time_and_cancels_the_old(client, office):  # type: ignore[no-untyped-def]
    first, last = booking_window(service=office["service"])
    slots = slots_free(service=office["service"], location=office["location"], day_from=first, day_to=last)
    reserve(client, office, slots[0])
    token = link_from(queued_mail(), "bestaetigen")
    client.post(reverse("appointments:confirm", args=[token]))
    target = slots[-1]

    response = client.post(
        reverse("appointments:move", args=[token]), {"beginn": target.starts_at.strftime("%Y-%m-%dT%H:%M")}
    )

    old = Booking.objects.get(status=BookingStatus.CANCELLED)
    new = Booking.objects.get(status=BookingStatus.CONFIRMED)
    assert new.starts_at == target.starts_at
    assert old.replaced_by == new
    assert new.person == old.person
    assert response.status_code == 302
    assert new.code in response["Location"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "gültige E-Mail-Adresse"),
        ("given_names", "x" * 151, "höchstens 150 Zeichen"),
        ("phone", "call me maybe", "nur Ziffern"),
        ("consent", "", "Dieses Feld ist zwingend erforderlich"),
    ],
)
def test_bad_contact_input_gets_a_field_message_and_books_nothing(client, office, field, value, message):  # type: ignore[no-untyped-def]
    response = reserve(client, office, _first_slot(office), **{field: value})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Booking.objects.exists()


def test_a_submission_without_the_bot_guard_is_refused(client, office):  # type: ignore[no-untyped-def]
    response = reserve(client, office, _first_slot(office), botguard_issued="")

    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_the_page_after_the_form_cannot_be_used_to_skip_the_mail_check(client, office):  # type: ignore[no-untyped-def]
    response = reserve(client, office, _first_slot(office))
    receipt = response["Location"].rstrip("/").rsplit("/", 1)[-1]

    assert client.get(response["Location"]).status_code == 200
    assert client.post(reverse("appointments:confirm", args=[receipt])).status_code == 404
    assert client.get(reverse("appointments:manage", args=[receipt])).status_code == 404
    assert Booking.objects.get().status == BookingStatus.RESERVED


def test_the_confirmation_lists_the_documents_to_bring(client, office):  # type: ignore[no-untyped-def]
    office["service"].documents = "Reisepass\n\nBiometrisches Foto\n"
    office["service"].save()
    reserve(client, office, _first_slot(office))
    token = link_from(queued_mail(), "bestaetigen")

    client.post(reverse("appointments:confirm", args=[token]))

    confirmation = queued_mail(topic="appointments.confirmation")
    assert "- Reisepass\n- Biometrisches Foto\n" in confirmation.body_text
    assert "<li>Reisepass</li><li>Biometrisches Foto</li>" in confirmation.body_html
