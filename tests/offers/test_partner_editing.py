"""Partners keep their own offers; their changes wait for the coordinator; everyone checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anlaufstelle.core.models import AuditEntry, Role
from anlaufstelle.core.services import outbox_deliver_due
from anlaufstelle.offers.models import Offer, OfferChange
from anlaufstelle.offers.services import offers_remind_unchecked

from ..conftest import Personas
from ..factories import OfferChangeFactory, OfferFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form(offer: Offer | None = None, **changes: object) -> dict[str, object]:
    topic = offer.topics.first() if offer else TopicFactory()
    data: dict[str, object] = {
        "name_de": offer.name_de if offer else "Neues Angebot",
        "summary_de": offer.summary_de if offer else "",
        "status": "active",
        "cost": "free",
        "topics": [topic.pk],
    }
    data.update(changes)
    return data


def test_a_partner_cannot_open_another_organisations_offer(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    foreign = OfferFactory()
    assert client_for(personas.partner).get(f"/mitarbeit/angebote/{foreign.pk}/").status_code == 403


def test_a_partners_change_waits_for_approval_and_then_applies(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    offer = OfferFactory(organisation=personas.partner.organisation, topics=[TopicFactory()], summary_de="Alt")
    partner = client_for(personas.partner)
    response = partner.post(f"/mitarbeit/angebote/{offer.pk}/", _form(offer, summary_de="Neu: auch donnerstags"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.summary_de == "Alt"  # the public still sees the approved text
    change = OfferChange.objects.get(offer=offer)
    assert change.proposed == {"summary_de": "Neu: auch donnerstags"}

    coordinator = client_for(personas.coordinator)
    page = coordinator.get("/mitarbeit/angebote/freigaben/").content.decode()
    assert "Neu: auch donnerstags" in page
    coordinator.post("/mitarbeit/angebote/freigaben/", {"change": change.pk, "decision": "approve"})
    offer.refresh_from_db()
    change.refresh_from_db()
    assert (offer.summary_de, change.state, change.decided_by) == (
        "Neu: auch donnerstags",
        "approved",
        personas.coordinator,
    )
    assert AuditEntry.objects.filter(object_type="offers.offerchange", actor_id=personas.coordinator.pk).exists()


def test_the_approvals_page_reads_the_proposals_in_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    personas: Personas, client_for, django_assert_max_num_queries
) -> None:
    coordinator = client_for(personas.coordinator)

    def propose(count: int) -> None:
        for _ in range(count):
            offer = OfferFactory(organisation=personas.partner.organisation, topics=[TopicFactory()])
            OfferChangeFactory(offer=offer, author=personas.partner)

    propose(1)
    with CaptureQueriesContext(connection) as one:
        assert coordinator.get("/mitarbeit/angebote/freigaben/").status_code == 200
    propose(4)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = coordinator.get("/mitarbeit/angebote/freigaben/").content.decode()
    assert page.count('name="change"') == 5


def test_each_proposal_is_audited_as_the_change_it_creates(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    offer = OfferFactory(organisation=personas.partner.organisation, topics=[TopicFactory()], summary_de="Alt")
    partner = client_for(personas.partner)
    partner.post(f"/mitarbeit/angebote/{offer.pk}/", _form(offer, summary_de="Neu"))
    first = OfferChange.objects.get(offer=offer).pk
    partner.post(f"/mitarbeit/angebote/{offer.pk}/", _form(offer, summary_de="Neuer"))  # replaces the first
    second = OfferChange.objects.get(offer=offer).pk
    entries = AuditEntry.objects.filter(object_type="offers.offerchange", actor_id=personas.partner.pk).order_by("pk")
    assert [(e.object_id, e.details) for e in entries] == [
        (str(first), {"fields": ["summary_de"]}),
        (str(second), {"fields": ["summary_de"]}),
    ]


def test_a_rejected_change_leaves_the_offer_as_it_was(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    offer = OfferFactory(organisation=personas.partner.organisation, topics=[TopicFactory()], summary_de="Alt")
    client_for(personas.partner).post(f"/mitarbeit/angebote/{offer.pk}/", _form(offer, summary_de="Falsch"))
    change = OfferChange.objects.get(offer=offer)
    client_for(personas.coordinator).post(
        "/mitarbeit/angebote/freigaben/", {"change": change.pk, "decision": "reject", "comment": "Bitte Quelle"}
    )
    offer.refresh_from_db()
    change.refresh_from_db()
    assert (offer.summary_de, change.state, change.comment) == ("Alt", "rejected", "Bitte Quelle")


def test_a_partners_new_offer_is_public_only_after_approval(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for(personas.partner).post("/mitarbeit/angebote/neu/", _form(name_de="Elterncafé"))
    offer = Offer.objects.get(name_de="Elterncafé")
    assert (offer.publication, offer.organisation_id) == ("pending", personas.partner.organisation_id)
    public = client_for(None)
    assert public.get(f"/angebote/{offer.pk}/").status_code == 404
    client_for(personas.coordinator).post("/mitarbeit/angebote/freigaben/", {"offer": offer.pk, "decision": "publish"})
    assert public.get(f"/angebote/{offer.pk}/").status_code == 200


def test_the_coordinators_change_applies_at_once(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    offer = OfferFactory(topics=[TopicFactory()], summary_de="Alt")
    client_for(personas.coordinator).post(f"/mitarbeit/angebote/{offer.pk}/", _form(offer, summary_de="Neu"))
    offer.refresh_from_db()
    assert offer.summary_de == "Neu"
    assert not OfferChange.objects.exists()


def test_marking_as_checked_sets_the_date_and_the_editor(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    offer = OfferFactory(organisation=personas.partner.organisation, last_checked_on=dt.date(2024, 1, 1))
    client_for(personas.partner).post(f"/mitarbeit/angebote/{offer.pk}/", {"action": "checked"})
    offer.refresh_from_db()
    assert (offer.last_checked_on, offer.last_checked_by) == (timezone.localdate(), personas.partner)


def test_editors_are_reminded_of_stale_offers_once(personas: Personas) -> None:
    personas.partner.email = "partner@example.org"
    personas.partner.save()
    stale = OfferFactory(organisation=personas.partner.organisation, last_checked_on=dt.date(2020, 1, 1))
    OfferFactory(organisation=personas.partner.organisation)  # checked today
    orphan = OfferFactory(last_checked_on=dt.date(2020, 1, 1))  # no partner editor: the coordinator
    UserFactory(role=Role.PARTNER_EDITOR, organisation=personas.partner.organisation, email="", username="nomail")
    today = timezone.localdate()
    assert offers_remind_unchecked(today=today) == 2
    assert offers_remind_unchecked(today=today) == 0  # not again before the repeat interval
    outbox_deliver_due()
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert stale.name_de in by_recipient["partner@example.org"]
    assert orphan.name_de in by_recipient[personas.coordinator.email]
    assert orphan.name_de not in by_recipient["partner@example.org"]
