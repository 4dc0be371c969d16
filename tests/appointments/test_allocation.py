"""Fair allocation for scarce services: requests, the daily run, its priority, offers that
lapse or are accepted, the audit entry and the answer to "why not me yet"."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from anlaufstelle.appointments.models import AllocationRequest, AllocationRun, Booking, BookingCell, BookingStatus
from anlaufstelle.appointments.services import (
    BookingRefused,
    Contact,
    allocation_explain,
    allocation_priority,
    allocation_request_confirm,
    allocation_request_create,
    allocation_request_withdraw,
    allocation_run,
    booking_confirm,
    holds_expire_due,
)
from anlaufstelle.core.models import AuditEntry, OutboxMessage
from tests.mail import queued_mail

from ..factories import (
    AllocationRequestFactory,
    LocationFactory,
    PersonFactory,
    ServiceFactory,
    UserFactory,
    WeeklyAvailabilityFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")
RUN_AT = dt.datetime(2026, 3, 1, 5, 0, tzinfo=dt.UTC)  # Sunday 06:00 in Berlin
TODAY = dt.date(2026, 3, 1)
MONDAY, WEDNESDAY = dt.date(2026, 3, 2), dt.date(2026, 3, 4)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN).astimezone(dt.UTC)


@pytest.fixture
def scarce(tenant):  # type: ignore[no-untyped-def]
    """A service booked on request with four appointments in its window: Monday 08:00 and 08:30,
    Wednesday 13:00 and 13:30 (one caseworker, 30 minutes each)."""
    location = LocationFactory(name="Rathaus")
    staff = UserFactory()
    WeeklyAvailabilityFactory(staff=staff, location=location, weekday=0, starts=dt.time(8), ends=dt.time(9))
    WeeklyAvailabilityFactory(staff=staff, location=location, weekday=2, starts=dt.time(13), ends=dt.time(14))
    service = ServiceFactory(
        duration_minutes=30, booking_mode="request", earliest_days=1, latest_days=7, qualified_staff=[staff]
    )
    return {"service": service, "location": location, "staff": staff}


def waiting(scarce, **fields) -> AllocationRequest:  # type: ignore[no-untyped-def]
    fields.setdefault("confirmed_at", RUN_AT - dt.timedelta(days=3))
    fields.setdefault("weekdays", [0, 1, 2, 3, 4])
    fields.setdefault("day_parts", ["am", "pm"])
    return AllocationRequestFactory(service=scarce["service"], location=scarce["location"], **fields)


def contact(**fields: str) -> Contact:
    return Contact(
        **{"given_names": "Amina", "family_name": "Haddad", "email": "amina@example.org", "language": "ar", **fields}
    )


def create(scarce, **fields) -> AllocationRequest:  # type: ignore[no-untyped-def]
    arguments = {
        "service": scarce["service"],
        "location": scarce["location"],
        "contact": contact(),
        "date_of_birth": dt.date(1990, 5, 17),
        "permit_expires_on": None,
        "weekdays": [0, 2],
        "day_parts": ["am"],
        **fields,
    }
    return allocation_request_create(**arguments)


def fresh(request: AllocationRequest) -> AllocationRequest:
    request.refresh_from_db()
    return request


# --- Requests ---------------------------------------------------------------------------------


def test_a_request_waits_unconfirmed_and_mails_a_confirmation_link_in_the_persons_language(scarce) -> None:  # type: ignore[no-untyped-def]
    request = create(scarce)
    assert request.status == AllocationRequest.Status.UNCONFIRMED
    assert request.person.date_of_birth == dt.date(1990, 5, 17)
    message = OutboxMessage.objects.get(topic="appointments.request_check")
    assert message.recipients == ["amina@example.org"]
    assert '<html lang="ar" dir="rtl">' in message.body_html
    assert "/termine/anfrage/" in message.body_text
    assert "/bestaetigen/" in message.body_text


def test_confirming_makes_the_request_wait_for_the_run_and_twice_is_harmless(scarce) -> None:  # type: ignore[no-untyped-def]
    request = create(scarce)
    allocation_request_confirm(request=request, now=RUN_AT)
    allocation_request_confirm(request=request, now=RUN_AT + dt.timedelta(hours=1))
    request = fresh(request)
    assert request.status == AllocationRequest.Status.PENDING
    assert request.confirmed_at == RUN_AT


def test_a_service_booked_online_takes_no_requests(scarce) -> None:  # type: ignore[no-untyped-def]
    online = ServiceFactory(booking_mode="online")
    with pytest.raises(BookingRefused):
        create(scarce, service=online)
    assert not AllocationRequest.objects.exists()


@pytest.mark.parametrize(("weekdays", "day_parts"), [([], ["am"]), ([0], []), ([6], ["am"]), ([0], ["night"])])
def test_a_request_needs_at_least_one_weekday_and_time_of_day(scarce, weekdays, day_parts) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BookingRefused):
        create(scarce, weekdays=weekdays, day_parts=day_parts)
    assert not AllocationRequest.objects.exists()


def test_a_second_open_request_of_the_same_person_is_refused_whatever_the_spelling(scarce) -> None:  # type: ignore[no-untyped-def]
    create(scarce)
    with pytest.raises(BookingRefused, match="schon eine Bedarfsanmeldung offen"):
        create(scarce, contact=contact(given_names="  AMINA ", family_name="haddad", email="Amina@Example.ORG "))
    assert AllocationRequest.objects.count() == 1
    assert OutboxMessage.objects.filter(topic="appointments.request_check").count() == 1


def test_the_duplicate_key_depends_on_the_sites_secret(scarce, settings) -> None:  # type: ignore[no-untyped-def]
    request = create(scarce)
    assert len(request.duplicate_key) == 64
    settings.SECRET_KEY = "another-installation-with-another-secret-key"
    request.status = AllocationRequest.Status.WITHDRAWN
    request.save()
    assert create(scarce).duplicate_key != request.duplicate_key


def test_another_birth_date_is_another_person_and_a_withdrawn_request_can_be_made_again(scarce) -> None:  # type: ignore[no-untyped-def]
    first = create(scarce)
    create(scarce, date_of_birth=dt.date(2015, 1, 1))
    allocation_request_withdraw(request=first)
    create(scarce)
    assert AllocationRequest.objects.filter(status="unconfirmed").count() == 2


def test_the_database_refuses_a_second_open_request_with_the_same_key(scarce) -> None:  # type: ignore[no-untyped-def]
    from django.db import IntegrityError, transaction

    request = create(scarce)
    with pytest.raises(IntegrityError), transaction.atomic():
        waiting(scarce, duplicate_key=request.duplicate_key)


# --- Priority ---------------------------------------------------------------------------------


def test_urgency_comes_before_time_waited_and_the_lot_decides_only_between_equals() -> None:
    def build(pk: int, permit: dt.date | None, confirmed_days_ago: int, tie_break: float) -> AllocationRequest:
        return AllocationRequestFactory.build(
            pk=pk,
            permit_expires_on=permit,
            confirmed_at=RUN_AT - dt.timedelta(days=confirmed_days_ago),
            tie_break=tie_break,
            last_run_id=1,
        )

    expired = build(1, TODAY - dt.timedelta(days=3), 0, 0.9)
    in_ten_days = build(2, TODAY + dt.timedelta(days=10), 50, 0.1)
    in_five_weeks = build(3, TODAY + dt.timedelta(days=35), 90, 0.1)
    long_waiting = build(4, None, 30, 0.9)
    far_future_permit = build(5, TODAY + dt.timedelta(days=300), 2, 0.7)
    same_day_lucky = build(6, None, 2, 0.2)
    requests = [same_day_lucky, far_future_permit, long_waiting, in_five_weeks, in_ten_days, expired]
    order = sorted(requests, key=lambda r: allocation_priority(r, today=TODAY))
    assert [r.pk for r in order] == [1, 2, 3, 4, 6, 5]


def test_time_waited_counts_whole_days_so_the_lot_decides_within_a_day() -> None:
    early = AllocationRequestFactory.build(
        pk=1, confirmed_at=local(TODAY, 0, 1), tie_break=0.8, last_run_id=1, permit_expires_on=None
    )
    late = AllocationRequestFactory.build(
        pk=2, confirmed_at=local(TODAY, 23, 59), tie_break=0.3, last_run_id=1, permit_expires_on=None
    )
    assert allocation_priority(late, today=TODAY) < allocation_priority(early, today=TODAY)


def test_the_run_ranks_every_waiting_request_by_the_rule_with_lots_from_its_seed(scarce) -> None:  # type: ignore[no-untyped-def]
    same_day = RUN_AT - dt.timedelta(days=1)
    first, second, third = (waiting(scarce, confirmed_at=same_day) for _ in range(3))
    urgent = waiting(scarce, permit_expires_on=TODAY + dt.timedelta(days=5), confirmed_at=RUN_AT)
    longest = waiting(scarce, confirmed_at=RUN_AT - dt.timedelta(days=40))
    run = allocation_run(now=RUN_AT, seed=1234)

    lots = random.Random(1234)
    drawn = {request.pk: lots.random() for request in (first, second, third, urgent, longest)}  # in pk order
    by_lot = sorted((first, second, third), key=lambda r: drawn[r.pk])
    expected = [urgent, longest, *by_lot]
    assert [fresh(r).last_position for r in expected] == [1, 2, 3, 4, 5]
    assert all(fresh(r).tie_break == drawn[r.pk] for r in expected)
    assert all(fresh(r).last_run == run for r in expected)
    # four appointments: the first four in the ranking get one each, the fifth keeps waiting
    assert [fresh(r).status for r in expected] == ["offered"] * 4 + ["pending"]
    assert run.seed == 1234
    assert (run.requests_pending, run.slots_released, run.offers_made) == (5, 4, 4)


def test_a_lot_once_drawn_is_kept_in_later_runs(scarce) -> None:  # type: ignore[no-untyped-def]
    requests = [waiting(scarce, weekdays=[4]) for _ in range(3)]  # nobody works on Fridays
    allocation_run(now=RUN_AT, seed=1)
    lots = {r.pk: fresh(r).tie_break for r in requests}
    allocation_run(now=RUN_AT + dt.timedelta(days=1), seed=2)
    assert {r.pk: fresh(r).tie_break for r in requests} == lots


# --- Offers -----------------------------------------------------------------------------------


def test_each_request_gets_the_earliest_appointment_at_a_time_it_can_come(scarce) -> None:  # type: ignore[no-untyped-def]
    urgent_wednesday_afternoon = waiting(
        scarce, permit_expires_on=TODAY + dt.timedelta(days=3), weekdays=[2], day_parts=["pm"]
    )
    monday_morning = waiting(scarce, weekdays=[0], day_parts=["am"])
    thursday_only = waiting(scarce, weekdays=[3])
    allocation_run(now=RUN_AT, seed=7)

    assert fresh(urgent_wednesday_afternoon).offer.starts_at == local(WEDNESDAY, 13)
    assert fresh(monday_morning).offer.starts_at == local(MONDAY, 8)
    assert fresh(thursday_only).offer is None
    assert fresh(thursday_only).status == AllocationRequest.Status.PENDING


def test_morning_and_afternoon_follow_the_berlin_clock_across_the_clock_change(tenant) -> None:  # type: ignore[no-untyped-def]
    location, staff = LocationFactory(), UserFactory()
    WeeklyAvailabilityFactory(staff=staff, location=location, weekday=0, starts=dt.time(11), ends=dt.time(13))
    service = ServiceFactory(booking_mode="request", latest_days=2, qualified_staff=[staff], duration_minutes=60)
    clock_change = dt.datetime(2026, 3, 29, 4, 0, tzinfo=dt.UTC)  # Sunday 06:00 summer time, the day clocks go forward
    afternoon = AllocationRequestFactory(service=service, location=location, weekdays=[0], day_parts=["pm"])
    morning = AllocationRequestFactory(service=service, location=location, weekdays=[0], day_parts=["am"])
    allocation_run(now=clock_change, seed=1)
    assert fresh(morning).offer.starts_at == local(dt.date(2026, 3, 30), 11)
    assert fresh(afternoon).offer.starts_at == local(dt.date(2026, 3, 30), 12)


def test_an_offer_holds_its_time_for_the_person_until_the_deadline(scarce, settings) -> None:  # type: ignore[no-untyped-def]
    settings.APPOINTMENTS_ALLOCATION_ACCEPT_HOURS = 48
    request = waiting(scarce, weekdays=[2])  # Wednesday 13:00, more than two days ahead
    allocation_run(now=RUN_AT, seed=7)
    offer = fresh(request).offer
    assert offer.status == BookingStatus.OFFERED
    assert offer.channel == Booking.Channel.ALLOCATION
    assert offer.person_id == request.person_id
    assert offer.hold_until == RUN_AT + dt.timedelta(hours=48)
    assert offer.tenant_id == request.tenant_id
    assert list(
        BookingCell.objects.filter(booking=offer).values_list("starts_at", flat=True).order_by("starts_at")
    ) == [
        local(WEDNESDAY, 13),
        local(WEDNESDAY, 13, 15),
    ]
    message = queued_mail(topic="appointments.allocation_offer")
    assert message.recipients == [request.person.email]
    assert "/termine/t/" in message.body_text
    assert "/bestaetigen/" in message.body_text


def test_a_deadline_never_lies_after_the_appointment_itself(scarce, settings) -> None:  # type: ignore[no-untyped-def]
    settings.APPOINTMENTS_ALLOCATION_ACCEPT_HOURS = 24 * 7
    request = waiting(scarce)
    allocation_run(now=RUN_AT, seed=7)
    assert fresh(request).offer.hold_until == local(MONDAY, 8)


def test_each_request_gets_one_offer_and_each_appointment_one_person(scarce) -> None:  # type: ignore[no-untyped-def]
    requests = [waiting(scarce) for _ in range(6)]
    run = allocation_run(now=RUN_AT, seed=3)
    offers = list(Booking.objects.filter(channel=Booking.Channel.ALLOCATION))
    assert len(offers) == 4 == run.offers_made
    assert len({o.person_id for o in offers}) == 4
    assert len({o.starts_at for o in offers}) == 4
    assert len({o.code for o in offers}) == 4
    assert sum(fresh(r).status == "offered" for r in requests) == 4
    # a second run finds no free time: nothing new is offered, nobody gets two
    second = allocation_run(now=RUN_AT + dt.timedelta(minutes=5), seed=4)
    assert second.offers_made == 0
    assert Booking.objects.filter(channel=Booking.Channel.ALLOCATION).count() == 4


def test_time_booked_or_held_back_is_not_released(scarce) -> None:  # type: ignore[no-untyped-def]
    from anlaufstelle.appointments.services import booking_create

    booking_create(service=scarce["service"], location=scarce["location"], starts_at=local(MONDAY, 8), now=RUN_AT)
    run = allocation_run(now=RUN_AT, seed=1)
    assert run.slots_released == 3


def test_time_booked_while_the_run_plans_is_skipped_and_the_rest_is_offered(scarce, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from anlaufstelle.appointments.services import allocation, booking_create

    planned_blocks = allocation._released_blocks

    def plan_then_someone_books(**kwargs):  # type: ignore[no-untyped-def]
        blocks = planned_blocks(**kwargs)
        booking_create(service=scarce["service"], location=scarce["location"], starts_at=local(MONDAY, 8), now=RUN_AT)
        return blocks

    monkeypatch.setattr(allocation, "_released_blocks", plan_then_someone_books)
    first = waiting(scarce, permit_expires_on=TODAY + dt.timedelta(days=2))
    second = waiting(scarce)
    run = allocation_run(now=RUN_AT, seed=1)
    assert (run.offers_made, run.details["offers_lost_to_bookings"]) == (1, 1)
    assert fresh(first).status == "pending"  # its time was taken; it keeps its place for the next run
    assert fresh(second).offer.starts_at == local(MONDAY, 8, 30)


def test_an_offer_not_accepted_in_time_passes_to_the_next(scarce, settings) -> None:  # type: ignore[no-untyped-def]
    settings.APPOINTMENTS_ALLOCATION_ACCEPT_HOURS = 1
    settings.APPOINTMENTS_ALLOCATION_MAX_MISSED_OFFERS = 2
    urgent = waiting(scarce, permit_expires_on=TODAY + dt.timedelta(days=5), weekdays=[0])
    others = [waiting(scarce, weekdays=[0]) for _ in range(2)]
    allocation_run(now=RUN_AT, seed=5)
    lucky, unlucky = sorted(others, key=lambda r: fresh(r).tie_break)
    assert fresh(urgent).offer.starts_at == local(MONDAY, 8)
    assert fresh(lucky).offer.starts_at == local(MONDAY, 8, 30)
    assert fresh(unlucky).status == "pending"  # two Monday appointments, three requests

    lapsed = fresh(urgent).offer
    assert holds_expire_due(now=RUN_AT + dt.timedelta(hours=2)) == 2
    urgent = fresh(urgent)
    assert (urgent.status, urgent.missed_offers, urgent.offer) == ("pending", 1, None)
    assert not BookingCell.objects.filter(booking=lapsed).exists()

    allocation_run(now=RUN_AT + dt.timedelta(hours=2, minutes=1), seed=6)
    # both keep their places, but nobody is offered again the time they let lapse
    assert fresh(urgent).offer.starts_at == local(MONDAY, 8, 30)
    assert fresh(lucky).offer.starts_at == local(MONDAY, 8)
    assert fresh(unlucky).status == "pending"


def test_after_too_many_lapsed_offers_the_request_ends(scarce, settings) -> None:  # type: ignore[no-untyped-def]
    settings.APPOINTMENTS_ALLOCATION_ACCEPT_HOURS = 1
    settings.APPOINTMENTS_ALLOCATION_MAX_MISSED_OFFERS = 1
    request = waiting(scarce)
    allocation_run(now=RUN_AT, seed=5)
    holds_expire_due(now=RUN_AT + dt.timedelta(hours=2))
    assert fresh(request).status == AllocationRequest.Status.WITHDRAWN


def test_an_accepted_offer_books_the_appointment_and_closes_the_request(scarce) -> None:  # type: ignore[no-untyped-def]
    request = waiting(scarce)
    allocation_run(now=RUN_AT, seed=5)
    booking = booking_confirm(booking=fresh(request).offer, now=RUN_AT + dt.timedelta(hours=3))
    assert booking.status == BookingStatus.CONFIRMED
    assert fresh(request).status == AllocationRequest.Status.BOOKED
    assert OutboxMessage.objects.filter(topic="appointments.confirmation").exists()


def test_withdrawing_gives_an_open_offer_back(scarce) -> None:  # type: ignore[no-untyped-def]
    request = waiting(scarce)
    allocation_run(now=RUN_AT, seed=5)
    offer = fresh(request).offer
    allocation_request_withdraw(request=request, now=RUN_AT + dt.timedelta(hours=1))
    offer.refresh_from_db()
    assert fresh(request).status == AllocationRequest.Status.WITHDRAWN
    assert offer.status == BookingStatus.CANCELLED


# --- Audit and explanation --------------------------------------------------------------------


def test_the_run_is_audited_with_its_figures_and_nothing_personal(scarce) -> None:  # type: ignore[no-untyped-def]
    request = waiting(scarce)
    run = allocation_run(now=RUN_AT, seed=99)
    entry = AuditEntry.objects.get(object_type="appointments.allocationrun")
    assert entry.object_id == str(run.pk)
    assert entry.actor_id is None
    assert entry.details == {
        "seed": 99,
        "slots_released": 4,
        "requests_pending": 1,
        "offers_made": 1,
        "lots_drawn": 1,
    }
    assert request.person.email not in str(entry.details) + str(run.details)
    assert run.details["queues"][0]["released_by_time"] == {"0-am": 2, "2-pm": 2}


def test_an_empty_run_is_fine_and_still_recorded(tenant) -> None:  # type: ignore[no-untyped-def]
    run = allocation_run(now=RUN_AT)
    assert (run.requests_pending, run.slots_released, run.offers_made) == (0, 0, 0)
    assert run.finished_at is not None
    assert AllocationRun.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="appointments.allocationrun").count() == 1


def test_explain_tells_the_position_and_who_is_ahead_for_which_reason(scarce) -> None:  # type: ignore[no-untyped-def]
    thursday = {"weekdays": [3]}  # nobody works on Thursdays: the run offers nothing
    more_urgent = [waiting(scarce, permit_expires_on=TODAY + dt.timedelta(days=d), **thursday) for d in (3, 20)]
    waited_longer = waiting(scarce, confirmed_at=RUN_AT - dt.timedelta(days=10), **thursday)
    same_day = [waiting(scarce, confirmed_at=RUN_AT - dt.timedelta(days=3), **thursday) for _ in range(4)]
    later = waiting(scarce, confirmed_at=RUN_AT - dt.timedelta(days=1), **thursday)
    allocation_run(now=RUN_AT, seed=11)

    ranked = sorted(same_day, key=lambda r: fresh(r).tie_break)
    me = fresh(ranked[2])
    explained = allocation_explain(request=me, now=RUN_AT)
    assert explained["position"] == me.last_position == 6
    assert (explained["more_urgent"], explained["waited_longer"], explained["drawn_before"]) == (2, 1, 2)
    assert explained["waiting"] == 8
    assert explained["released_matching"] == 0
    assert "Vor Ihnen warten 5 Personen" in explained["sentence"]
    # the live explanation agrees with the run for everyone
    for request in [*more_urgent, waited_longer, *same_day, later]:
        request = fresh(request)
        assert allocation_explain(request=request, now=RUN_AT)["position"] == request.last_position


def test_explain_counts_the_released_appointments_at_the_persons_times(scarce) -> None:  # type: ignore[no-untyped-def]
    ahead = [waiting(scarce, permit_expires_on=TODAY + dt.timedelta(days=2)) for _ in range(4)]
    me = waiting(scarce, weekdays=[0], day_parts=["am", "pm"])
    allocation_run(now=RUN_AT, seed=2)
    assert all(fresh(r).status == "offered" for r in ahead)
    explained = allocation_explain(request=fresh(me), now=RUN_AT)
    assert explained["position"] == 1
    assert explained["released_matching"] == 2  # Monday morning; Wednesday is not one of the days
    assert "2 freie Termine" in explained["sentence"]


def test_explain_of_an_offered_request_says_so_without_a_position(scarce) -> None:  # type: ignore[no-untyped-def]
    request = waiting(scarce)
    allocation_run(now=RUN_AT, seed=2)
    explained = allocation_explain(request=fresh(request), now=RUN_AT)
    assert explained["position"] is None
    assert "angeboten" in explained["sentence"]


def test_a_known_person_is_reused_and_gets_the_birth_date(scarce) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory(given_names="Amina", family_name="Haddad", email="amina@example.org", date_of_birth=None)
    request = create(scarce)
    assert request.person == person
    assert fresh(request).person.date_of_birth == dt.date(1990, 5, 17)


def test_the_run_is_a_daily_job_at_the_configured_time_for_every_tenant(scarce) -> None:  # type: ignore[no-untyped-def]
    from anlaufstelle.appointments.tasks import run_allocation
    from anlaufstelle.core.scheduling import periodic_jobs

    job = next(job for job in periodic_jobs() if job.name == "appointments.run_allocation")
    assert (job.daily_at, job.every) == (dt.time(6, 0), None)
    waiting(scarce)
    assert run_allocation.call() == 1
    assert AllocationRun.objects.count() == 1
