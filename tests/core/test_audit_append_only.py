"""The audit log is append-only in the database itself: no code path, ORM or raw SQL, can
change or delete an entry (only the retention job may delete, see test_audit_retention)."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from anlaufstelle.core.models import AuditAction, AuditEntry, AuditPurgeGrant, Tenant
from anlaufstelle.core.services import audit_record

from ..factories import UserFactory

REFUSED = "audit log is append-only"


@pytest.fixture
def entry(tenant: Tenant) -> AuditEntry:
    return audit_record(
        actor=UserFactory(),
        action=AuditAction.VIEW,
        object_type="core.person",
        object_id="42",
        person_id=42,
        reason="Antrag auf Verlängerung",
    )


def test_an_update_through_the_orm_is_refused_by_the_database(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")

    entry.refresh_from_db()
    assert entry.reason == "Antrag auf Verlängerung"


def test_saving_a_changed_entry_is_refused_by_the_database(entry: AuditEntry) -> None:
    entry.actor_username = "someone-else"

    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        entry.save()

    assert AuditEntry.objects.get(pk=entry.pk).actor_username != "someone-else"


def test_deleting_an_entry_through_the_orm_is_refused_by_the_database(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_entries_through_a_queryset_is_refused_by_the_database(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        AuditEntry.objects.all().delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_raw_sql_update_is_refused_by_the_database(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["x", entry.pk])

    entry.refresh_from_db()
    assert entry.reason == "Antrag auf Verlängerung"


def test_a_raw_sql_delete_is_refused_by_the_database(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_can_still_be_appended_after_a_refused_change(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")

    audit_record(actor=None, action=AuditAction.LOGIN_FAILED, object_type="core.user")

    assert AuditEntry.objects.count() == 2


@pytest.mark.postgres
def test_while_the_retention_job_holds_its_grant_other_connections_still_cannot_delete(
    transactional_db: None, entry: AuditEntry
) -> None:
    granted, finished = threading.Event(), threading.Event()

    def retention_job_in_progress() -> None:
        try:
            with transaction.atomic():
                AuditPurgeGrant.objects.create()
                granted.set()
                finished.wait(timeout=10)
                transaction.set_rollback(True)
        finally:
            connections.close_all()

    job = threading.Thread(target=retention_job_in_progress)
    job.start()
    try:
        assert granted.wait(timeout=10)
        with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
            AuditEntry.objects.filter(pk=entry.pk).delete()
    finally:
        finished.set()
        job.join(timeout=10)

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_no_purge_grant_is_left_lying_around(entry: AuditEntry) -> None:
    # A committed grant would switch the protection off for everyone.
    assert AuditPurgeGrant.objects.count() == 0
