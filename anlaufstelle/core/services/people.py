"""People (newcomers): every read and write of their data leaves an audit entry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..inserts import insert_instance
from ..models import AuditAction, Person
from .audit import audit_record

PERSON_FIELDS = ("given_names", "family_name", "date_of_birth", "email", "phone", "preferred_language")


def _audit_person(
    *, actor: Any, action: AuditAction, person: Person, reason: str, request_id: str, fields: list[str] | None = None
) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="core.person",
        object_id=str(person.pk),
        person_id=person.pk,
        reason=reason,
        details={"fields": fields} if fields is not None else None,
        request_id=request_id,
    )


def person_read(*, actor: Any, person_id: int, reason: str = "", request_id: str = "") -> Person:
    """Load one person for a staff member and record that they looked at the record."""
    person = Person.objects.get(pk=person_id)
    _audit_person(actor=actor, action=AuditAction.VIEW, person=person, reason=reason, request_id=request_id)
    return person


def person_create(*, actor: Any, data: dict[str, Any], reason: str = "", request_id: str = "") -> Person:
    """Create a person and audit it, in one transaction."""
    person = Person(**{k: v for k, v in data.items() if k in PERSON_FIELDS})
    person.full_clean(exclude=["tenant"])
    # Inside a caller's transaction no savepoint: nothing here is undone on its own (an online
    # booking creates a person in every successful attempt; a savepoint costs two round trips).
    with transaction.atomic(savepoint=False):
        insert_instance(person)  # as person.save(), with the statement built once
        fields = sorted(k for k in data if k in PERSON_FIELDS)
        _audit_person(
            actor=actor, action=AuditAction.CREATE, person=person, reason=reason, request_id=request_id, fields=fields
        )
    return person


def person_update(*, actor: Any, person: Person, data: dict[str, Any], reason: str, request_id: str = "") -> Person:
    """Change a person's data; a reason is required and recorded with the changed field names."""
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund für die Änderung an.")})
    changed = sorted(k for k in PERSON_FIELDS if k in data and getattr(person, k) != data[k])
    with transaction.atomic():
        for field in changed:
            setattr(person, field, data[field])
        person.full_clean(exclude=["tenant"])
        person.save()
        _audit_person(
            actor=actor, action=AuditAction.CHANGE, person=person, reason=reason, request_id=request_id, fields=changed
        )
    return person
