"""Outgoing mail goes through the outbox: queued with the change, delivered after commit to a
real SMTP server, retried with back-off while the server is down, never sent twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResult
from django_tasks.backends.dummy import DummyBackend
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from anlaufstelle.core.models import OutboxMessage, OutboxStatus, Tenant
from anlaufstelle.core.services import mail_queue, outbox_deliver_due
from anlaufstelle.core.services.outbox import Attachment
from anlaufstelle.core.tasks import deliver_outbox
from anlaufstelle.core.tenancy import all_tenants, tenant_context

from ..factories import OutboxMessageFactory, TenantFactory
from ..smtp import LocalSMTPServer

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Anlaufstelle//DE\r\nBEGIN:VEVENT\r\n"
    "UID:termin-1@anlaufstelle.example\r\nDTSTART:20260316T090000Z\r\nSUMMARY:Termin\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture(autouse=True)
def outbox_settings(settings: Settings) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 12
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 30
    settings.OUTBOX_BACKOFF_MAX_SECONDS = 3600
    settings.OUTBOX_LEASE_SECONDS = 120
    settings.DEFAULT_FROM_EMAIL = "Anlaufstelle <noreply@anlaufstelle.example>"


def queue_confirmation(to: str = "amina.haddad@example.org") -> OutboxMessage:
    return mail_queue(
        to=[to],
        subject="Bestätigung Ihres Termins",
        body_text="Ihr Termin ist am 16. März um 10:00 Uhr.",
        body_html="<p>Ihr Termin ist am 16. März um 10:00 Uhr.</p>",
        attachments=[Attachment("termin.ics", ICS.encode(), "text/calendar")],
        topic="booking.confirmation",
    )


def delivery_tasks(queued_tasks: DummyBackend) -> list[TaskResult]:
    return [r for r in queued_tasks.results if r.task.module_path == deliver_outbox.module_path]


@contextmanager
def server_down(server: LocalSMTPServer) -> Iterator[None]:
    server.stop()
    try:
        yield
    finally:
        server.start()


def test_a_message_queued_in_a_transaction_that_rolls_back_leaves_nothing_behind(
    tenant: Tenant,
    smtp_server: LocalSMTPServer,
    queued_tasks: DummyBackend,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    def book_and_fail() -> None:
        with transaction.atomic():
            queue_confirmation()
            raise RuntimeError("the booking failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        book_and_fail()

    assert callbacks == []
    assert OutboxMessage.objects.count() == 0
    assert delivery_tasks(queued_tasks) == []
    assert outbox_deliver_due().sent == []
    assert smtp_server.received == []


def test_a_queued_message_is_sent_only_after_commit(
    tenant: Tenant,
    smtp_server: LocalSMTPServer,
    queued_tasks: DummyBackend,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_confirmation()

    assert smtp_server.received == []
    assert delivery_tasks(queued_tasks) == []

    for callback in callbacks:  # the commit
        callback()

    assert len(delivery_tasks(queued_tasks)) == 1
    assert smtp_server.received == []  # the worker sends, not the request


def test_a_committed_message_is_delivered_with_subject_recipients_attachment_and_its_message_id(
    tenant: Tenant,
    smtp_server: LocalSMTPServer,
    queued_tasks: DummyBackend,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_confirmation()

    report = outbox_deliver_due()

    assert report.sent == [message.pk]
    (mail,) = smtp_server.received
    assert mail.rcpt_tos == ["amina.haddad@example.org"]
    assert mail.mail_from == "noreply@anlaufstelle.example"
    assert mail.message["Subject"] == "Bestätigung Ihres Termins"
    assert mail.message["To"] == "amina.haddad@example.org"
    assert mail.message["Message-ID"] == message.message_id
    assert message.message_id.endswith("@anlaufstelle.example>")
    plain = mail.message.get_body(preferencelist=("plain",))
    html = mail.message.get_body(preferencelist=("html",))
    assert plain is not None
    assert "16. März" in plain.get_content()
    assert html is not None
    assert "<p>Ihr Termin ist am 16. März" in html.get_content()
    (attachment,) = mail.message.iter_attachments()
    assert attachment.get_filename() == "termin.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_content().replace("\r\n", "\n") == ICS.replace("\r\n", "\n")

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.last_error == ""


def test_a_sent_message_is_never_sent_again(tenant: Tenant, smtp_server: LocalSMTPServer) -> None:
    message = queue_confirmation()
    outbox_deliver_due()

    later = timezone.now() + dt.timedelta(days=1)
    assert outbox_deliver_due(now=later).sent == []
    assert smtp_server.received_message_ids() == [message.message_id]


def test_while_the_mail_server_is_down_the_message_stays_pending_and_is_retried_after_the_back_off(
    tenant: Tenant, smtp_server: LocalSMTPServer, queued_tasks: DummyBackend
) -> None:
    message = queue_confirmation()
    now = timezone.now()

    with server_down(smtp_server):
        report = outbox_deliver_due(now=now)

    assert report.sent == []
    assert report.retried == [message.pk]
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at == now + dt.timedelta(seconds=30)
    assert message.locked_until is None
    # The failed run asks the worker to come back when the message is due again.
    assert delivery_tasks(queued_tasks)[-1].task.run_after == message.next_attempt_at
    assert smtp_server.received == []


def test_a_message_is_not_retried_before_its_back_off_has_passed(tenant: Tenant, smtp_server: LocalSMTPServer) -> None:
    queue_confirmation()
    now = timezone.now()
    with server_down(smtp_server):
        outbox_deliver_due(now=now)

    report = outbox_deliver_due(now=now + dt.timedelta(seconds=29))

    assert report.sent == []
    assert smtp_server.received == []


def test_when_the_server_comes_back_the_message_is_delivered_exactly_once(
    tenant: Tenant, smtp_server: LocalSMTPServer
) -> None:
    message = queue_confirmation()
    now = timezone.now()
    with server_down(smtp_server):
        outbox_deliver_due(now=now)
    message.refresh_from_db()

    report = outbox_deliver_due(now=message.next_attempt_at + dt.timedelta(seconds=1))
    again = outbox_deliver_due(now=message.next_attempt_at + dt.timedelta(hours=1))

    assert report.sent == [message.pk]
    assert again.sent == []
    assert again.retried == []
    assert smtp_server.received_message_ids() == [message.message_id]
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.attempts == 2
    assert message.last_error == ""


def test_the_back_off_doubles_with_every_failure_up_to_its_maximum(
    tenant: Tenant, smtp_server: LocalSMTPServer, settings: Settings
) -> None:
    settings.OUTBOX_BACKOFF_MAX_SECONDS = 100
    message = queue_confirmation()
    now = timezone.now()
    delays = []

    with server_down(smtp_server):
        for _ in range(4):
            outbox_deliver_due(now=now)
            message.refresh_from_db()
            delays.append((message.next_attempt_at - now).total_seconds())
            now = message.next_attempt_at

    assert delays == [30, 60, 100, 100]
    assert message.attempts == 4


def test_after_the_last_allowed_attempt_the_message_is_failed_and_never_retried(
    tenant: Tenant, smtp_server: LocalSMTPServer, settings: Settings
) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = queue_confirmation()
    now = timezone.now()
    reports = []

    with server_down(smtp_server):
        for _ in range(3):
            reports.append(outbox_deliver_due(now=now))
            message.refresh_from_db()
            now = message.next_attempt_at

    assert [r.retried for r in reports] == [[message.pk], [message.pk], []]
    assert reports[-1].failed == [message.pk]
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == 3
    assert "ConnectionRefusedError" in message.last_error

    # The server is back, but a failed message stays failed.
    report = outbox_deliver_due(now=now + dt.timedelta(days=30))
    assert report.sent == []
    assert smtp_server.received == []
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED


def test_a_message_whose_lease_ran_out_while_sending_is_picked_up_again(
    tenant: Tenant, smtp_server: LocalSMTPServer
) -> None:
    now = timezone.now()
    abandoned = OutboxMessageFactory(
        status=OutboxStatus.SENDING,
        locked_until=now - dt.timedelta(seconds=1),
        next_attempt_at=now - dt.timedelta(minutes=3),
    )
    in_progress = OutboxMessageFactory(
        status=OutboxStatus.SENDING,
        locked_until=now + dt.timedelta(seconds=60),
        next_attempt_at=now - dt.timedelta(minutes=1),
    )

    report = outbox_deliver_due(now=now)

    assert report.sent == [abandoned.pk]
    assert smtp_server.received_message_ids() == [abandoned.message_id]
    in_progress.refresh_from_db()
    assert in_progress.status == OutboxStatus.SENDING  # another worker holds its lease


def test_the_delivery_task_runs_outside_any_tenant_and_delivers_every_tenants_mail(
    db: None, smtp_server: LocalSMTPServer
) -> None:
    with all_tenants():
        tenants = [TenantFactory(), TenantFactory()]
    messages = []
    for each in tenants:
        with tenant_context(each):
            messages.append(queue_confirmation(to=f"post@{each.slug}.example"))

    assert deliver_outbox.call() == 2

    assert sorted(smtp_server.received_message_ids()) == sorted(m.message_id for m in messages)


def test_the_delivery_task_outside_any_tenant_reschedules_every_tenants_failed_mail(
    db: None, smtp_server: LocalSMTPServer, queued_tasks: DummyBackend
) -> None:
    with all_tenants():
        tenants = [TenantFactory(), TenantFactory()]
    for each in tenants:
        with tenant_context(each):
            queue_confirmation(to=f"post@{each.slug}.example")
    now = timezone.now()

    with server_down(smtp_server):
        report = outbox_deliver_due(now=now)

    assert len(report.retried) == 2
    assert delivery_tasks(queued_tasks)[-1].task.run_after == now + dt.timedelta(seconds=30)
    with all_tenants():
        assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(OutboxStatus.PENDING, 1)}
