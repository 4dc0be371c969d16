"""Every read and change of a person's data is recorded; the lead can search the log."""

from __future__ import annotations

from anlaufstelle.core.models import AuditEntry, Person

from ..conftest import Personas
from ..factories import PersonFactory


def test_opening_a_person_records_who_looked_at_it(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory()
    client = client_for(personas.frontdesk)
    assert client.get(f"/mitarbeit/personen/{person.pk}/").status_code == 200
    entry = AuditEntry.objects.get(action="view", person_id=person.pk)
    assert (entry.actor_username, entry.actor_role, entry.object_type) == ("frontdesk", "frontdesk", "core.person")


def test_a_search_records_which_people_were_shown(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    shown = PersonFactory(family_name="Kovalenko")
    PersonFactory(family_name="Yilmaz")
    page = client_for(personas.caseworker).get("/mitarbeit/personen/", {"q": "kovalenko"}).content.decode()
    assert "Kovalenko" in page
    assert "Yilmaz" not in page
    assert AuditEntry.objects.get(action="search").details == {"results": [shown.pk]}


def test_a_change_needs_a_reason_and_records_the_changed_fields_without_values(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    person = PersonFactory(phone="")
    client = client_for(personas.caseworker)
    data = {
        "given_names": person.given_names,
        "family_name": person.family_name,
        "date_of_birth": "1990-05-17",
        "email": person.email,
        "phone": "+49 170 1234567",
        "preferred_language": "ar",
    }
    without_reason = client.post(f"/mitarbeit/personen/{person.pk}/bearbeiten/", data)
    assert without_reason.status_code == 200
    assert "Bitte geben Sie einen Grund" in without_reason.content.decode()
    assert Person.objects.get(pk=person.pk).phone == ""

    response = client.post(f"/mitarbeit/personen/{person.pk}/bearbeiten/", {**data, "reason": "Rückruf vereinbart"})
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).phone == "+49 170 1234567"
    entry = AuditEntry.objects.get(action="change")
    assert entry.reason == "Rückruf vereinbart"
    assert entry.details == {"fields": ["phone"]}
    assert "1234567" not in str(entry.details)


def test_invalid_input_gets_a_clear_message_and_changes_nothing(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.frontdesk)
    response = client.post(
        "/mitarbeit/personen/neu/",
        {"given_names": "Olena", "family_name": "", "email": "not-an-email", "preferred_language": "uk"},
    )
    assert response.status_code == 200
    assert Person.objects.count() == 0
    assert not AuditEntry.objects.filter(action="create").exists()


def test_the_lead_finds_every_access_to_one_person(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    person, other = PersonFactory(), PersonFactory()
    client_for(personas.frontdesk).get(f"/mitarbeit/personen/{person.pk}/")
    client_for(personas.caseworker).get(f"/mitarbeit/personen/{other.pk}/")
    page = (
        client_for(personas.lead)
        .get("/mitarbeit/protokoll/", {"person_id": person.pk, "action": "view"})
        .content.decode()
    )
    assert "frontdesk" in page
    assert f"#{other.pk}<" not in page
    assert "caseworker</td>" not in page


def test_a_person_of_another_tenant_is_not_found(personas: Personas, client_for, other_tenant) -> None:  # type: ignore[no-untyped-def]
    from anlaufstelle.core.tenancy import tenant_context

    with tenant_context(other_tenant):
        theirs = PersonFactory()
    assert client_for(personas.lead).get(f"/mitarbeit/personen/{theirs.pk}/").status_code == 404
