"""Walk-in tickets: numbered per section and day, routed to the section with the skill, refused
for concerns without walk-ins, after the cut-off, and beyond the daily maximum."""

from __future__ import annotations

import pytest

from anlaufstelle.frontdesk.models import EventKind, Priority, QueueRule, TicketStatus
from anlaufstelle.frontdesk.services import TicketRefused, ticket_issue

from ..factories import ServiceDeskRuleFactory
from .conftest import at

pytestmark = pytest.mark.django_db


def test_walk_in_tickets_are_numbered_per_section_with_its_prefix(office) -> None:  # type: ignore[no-untyped-def]
    QueueRule.objects.create(section=office.family, prefix="F")
    first = ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8))
    second = ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, 1))
    family = ticket_issue(location=office.location, service=office.reunion, actor=office.desk, now=at(8, 2))
    assert [first.label, second.label, family.label] == ["A001", "A002", "F001"]
    assert family.section == office.family  # routed to the section whose staff have the skill
    assert first.status == TicketStatus.WAITING
    assert list(first.events.values_list("kind", flat=True)) == [EventKind.ISSUED]


def test_numbers_start_again_the_next_day(office) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8))
    tuesday = ticket_issue(
        location=office.location, service=office.permit, actor=office.desk, now=at(8, day=dt.date(2026, 3, 3))
    )
    assert tuesday.label == "A001"


def test_a_concern_without_walk_ins_gets_no_ticket_except_in_an_emergency(office) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TicketRefused, match="keine Wartemarken ohne Termin"):
        ticket_issue(location=office.location, service=office.study, actor=office.desk, now=at(8))
    emergency = ticket_issue(
        location=office.location, service=office.study, actor=office.desk, emergency=True, now=at(8)
    )
    assert emergency.priority == Priority.EMERGENCY


def test_after_the_cut_off_only_emergencies_get_a_ticket(office) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TicketRefused, match="Annahmeschluss"):
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(15, 0))
    assert ticket_issue(location=office.location, service=office.permit, actor=office.desk, emergency=True, now=at(15))


def test_the_daily_maximum_per_service_is_kept_and_emergencies_do_not_count(office) -> None:  # type: ignore[no-untyped-def]
    ServiceDeskRuleFactory(service=office.permit, max_tickets_per_day=2)
    ticket_issue(location=office.location, service=office.permit, actor=office.desk, emergency=True, now=at(8))
    for minute in (1, 2):
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, minute))
    with pytest.raises(TicketRefused, match="keine Wartemarken mehr"):
        ticket_issue(location=office.location, service=office.permit, actor=office.desk, now=at(8, 3))


def test_a_rule_can_open_an_online_service_for_walk_ins(office) -> None:  # type: ignore[no-untyped-def]
    ServiceDeskRuleFactory(service=office.study, walk_in=True)
    assert ticket_issue(location=office.location, service=office.study, actor=office.desk, now=at(8)).label == "A001"


def test_priority_follows_the_sections_rule(office) -> None:  # type: ignore[no-untyped-def]
    QueueRule.objects.create(section=office.employment, prefix="E", disability_first=False)
    ticket = ticket_issue(
        location=office.location, service=office.permit, actor=office.desk, assistance=True, now=at(8)
    )
    assert (ticket.label, ticket.priority, ticket.assistance) == ("E001", Priority.NORMAL, True)
