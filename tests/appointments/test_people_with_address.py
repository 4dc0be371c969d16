"""``people_with_address`` (SQL written out for the booking's hot path) finds exactly whom the ORM's
``email__iexact`` finds, in the current tenant only, with the same field values."""

from __future__ import annotations

import datetime as dt

from anlaufstelle.appointments.selectors import people_with_address
from anlaufstelle.core.models import Person
from anlaufstelle.core.tenancy import tenant_context

from ..factories import PersonFactory

FIELDS = [field.attname for field in Person._meta.concrete_fields]


def values(people: list[Person]) -> list[tuple[object, ...]]:
    return sorted(tuple(getattr(person, name) for name in FIELDS) for person in people)


def test_it_finds_whom_iexact_finds_with_the_same_values(tenant, other_tenant) -> None:  # type: ignore[no-untyped-def]
    PersonFactory(email="Amina.Haddad@Example.org", family_name="Haddad", given_names="Amina")
    PersonFactory(email="amina.haddad@example.org", family_name="Haddad", given_names="Amina", date_of_birth=None)
    PersonFactory(email="amina.haddad@example.org ", family_name="Other", given_names="Space")  # not the same
    PersonFactory(email="amina_haddad@example.org")  # "_" is no wildcard
    PersonFactory(email="someone@example.org")
    with tenant_context(other_tenant):
        PersonFactory(email="amina.haddad@example.org")  # another office's person

    for asked in ("amina.haddad@example.org", "  AMINA.HADDAD@EXAMPLE.ORG ", "amina%haddad@example.org"):
        found = people_with_address(asked)
        assert values(found) == values(list(Person.objects.filter(email__iexact=asked.strip()))), asked
    found = people_with_address("amina.haddad@example.org")
    assert len(found) == 2
    assert {person.tenant_id for person in found} == {tenant.pk}
    assert {person.date_of_birth for person in found} == {dt.date(1990, 5, 17), None}
    assert all(isinstance(person.created_at, dt.datetime) and person.created_at.tzinfo for person in found)
    assert not any(person._state.adding for person in found)  # loaded from the database: saves update


def test_nobody_with_the_address(tenant) -> None:  # type: ignore[no-untyped-def]
    PersonFactory(email="someone@example.org")
    assert people_with_address("nobody@example.org") == []
