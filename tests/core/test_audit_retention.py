"""The retention job is the only code that deletes audit entries: exactly those older than
the cut-off, in every tenant; afterwards the log is append-only again."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone
from pytest_django import Settings

from anlaufstelle.core.models import AuditAction, AuditEntry, AuditPurgeGrant, Tenant
from anlaufstelle.core.services import audit_purge, audit_record
from anlaufstelle.core.tasks import purge_audit_log
from anlaufstelle.core.tenancy import all_tenants, tenant_context

CUTOFF = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def entry_at(when: dt.datetime, object_id: str = "1") -> AuditEntry:
    """An entry written at ``when`` (``at`` is set by the database layer on insert only)."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        entry = audit_record(actor=None, action=AuditAction.VIEW, object_type="core.person", object_id=object_id)
    assert entry.at == when
    return entry


def remaining_ids() -> set[int]:
    with all_tenants():
        return set(AuditEntry.objects.values_list("pk", flat=True))


def test_the_purge_deletes_exactly_the_entries_older_than_the_cut_off_in_every_tenant(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    old = entry_at(CUTOFF - dt.timedelta(days=400))
    just_old = entry_at(CUTOFF - dt.timedelta(microseconds=1))
    at_cutoff = entry_at(CUTOFF)
    new = entry_at(CUTOFF + dt.timedelta(days=1))
    with tenant_context(other_tenant):
        their_old = entry_at(CUTOFF - dt.timedelta(days=1))
        their_new = entry_at(CUTOFF + dt.timedelta(seconds=1))

    deleted = audit_purge(before=CUTOFF)

    assert deleted == 3
    assert remaining_ids() == {at_cutoff.pk, new.pk, their_new.pk}
    assert {old.pk, just_old.pk, their_old.pk}.isdisjoint(remaining_ids())


def test_after_the_purge_no_grant_remains_and_the_log_is_append_only_again(tenant: Tenant) -> None:
    entry_at(CUTOFF - dt.timedelta(days=1))
    kept = entry_at(CUTOFF + dt.timedelta(days=1))

    audit_purge(before=CUTOFF)

    assert AuditPurgeGrant.objects.count() == 0
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=kept.pk).delete()
    assert remaining_ids() == {kept.pk}


def test_a_purge_with_nothing_to_delete_deletes_nothing(tenant: Tenant) -> None:
    kept = entry_at(CUTOFF)

    assert audit_purge(before=CUTOFF) == 0
    assert remaining_ids() == {kept.pk}
    assert AuditPurgeGrant.objects.count() == 0


def test_the_purge_cannot_change_entries_it_keeps(tenant: Tenant) -> None:
    # The grant allows deletes only; an update inside the purge's window is still refused.
    kept = entry_at(CUTOFF)

    with transaction.atomic():
        AuditPurgeGrant.objects.create()
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEntry.objects.filter(pk=kept.pk).update(reason="x")
        transaction.set_rollback(True)

    assert AuditEntry.objects.get(pk=kept.pk).reason == ""


def test_the_nightly_task_keeps_the_configured_retention_period(tenant: Tenant, settings: Settings) -> None:
    settings.AUDIT_RETENTION_DAYS = 730
    now = timezone.now()
    expired = entry_at(now - dt.timedelta(days=731))
    kept = entry_at(now - dt.timedelta(days=729))

    assert purge_audit_log.call() == 1

    assert remaining_ids() == {kept.pk}
    assert expired.pk not in remaining_ids()
