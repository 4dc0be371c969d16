"""A message queued to be composed costs its request no rendering: the worker composes it in the
message's tenant before the first send, keeps what it composed, and retries a composer that fails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from anlaufstelle.core.models import OutboxMessage, OutboxStatus, Tenant
from anlaufstelle.core.services import Composed, mail_queue_composed, outbox_deliver_due, register_composer
from anlaufstelle.core.tenancy import all_tenants, require_tenant, tenant_context

from ..factories import TenantFactory
from ..smtp import LocalSMTPServer

GREETING = "tests.greeting"


class Greeting:
    """A composer whose text says which tenant it was composed for; it can be told to fail."""

    def __init__(self) -> None:
        self.calls: list[dict[str, str]] = []
        self.failures = 0
        self.word = "Willkommen"

    def __call__(self, *, name: str) -> Composed:
        self.calls.append({"name": name, "tenant": require_tenant().slug, "language": translation.get_language()})
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the template is broken")
        tenant = require_tenant()
        return Composed(
            subject=f"{self.word}, {name}",
            body_text=f"{self.word} in {tenant.name}, {name}.",
            body_html=f"<p>{self.word} in {tenant.name}, {name}.</p>",
        )


@pytest.fixture
def greeting(settings: Settings) -> Greeting:
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 30
    settings.DEFAULT_FROM_EMAIL = "Anlaufstelle <noreply@anlaufstelle.example>"
    composer = Greeting()
    register_composer(GREETING, composer)
    return composer


def queue_greeting(name: str = "Amina") -> OutboxMessage:
    return mail_queue_composed(to=["amina@example.org"], composer=GREETING, params={"name": name}, topic="tests.hello")


def test_the_request_stores_only_what_to_compose_and_the_worker_composes_it_in_the_messages_tenant(
    db: None,
    greeting: Greeting,
    smtp_server: LocalSMTPServer,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with all_tenants():
        first, second = TenantFactory(name="Musterstadt"), TenantFactory(name="Beispielheim")
    with tenant_context(second), django_capture_on_commit_callbacks(execute=True):
        queued = queue_greeting()

    assert greeting.calls == []
    with all_tenants():
        assert OutboxMessage.objects.get(pk=queued.pk).body_text == ""

    report = outbox_deliver_due()  # the worker: outside any tenant

    assert report.sent == [queued.pk]
    assert [call["tenant"] for call in greeting.calls] == [second.slug]
    (mail,) = smtp_server.received
    assert mail.message["Subject"] == "Willkommen, Amina"
    assert "Willkommen in Beispielheim, Amina." in mail.message.get_body(("plain",)).get_content()
    assert "Musterstadt" not in mail.message.as_string()
    assert first.pk != second.pk
    with all_tenants():
        kept = OutboxMessage.objects.get(pk=queued.pk)
    assert (kept.subject, kept.body_text, kept.status) == (
        "Willkommen, Amina",
        "Willkommen in Beispielheim, Amina.",
        "sent",
    )


def test_a_composer_that_fails_is_retried_with_back_off_and_nothing_is_sent_meanwhile(
    tenant: Tenant, greeting: Greeting, smtp_server: LocalSMTPServer
) -> None:
    greeting.failures = 1
    message = queue_greeting()
    now = timezone.now()

    report = outbox_deliver_due(now=now)

    assert report.retried == [message.pk]
    assert smtp_server.received == []
    message.refresh_from_db()
    assert (message.status, message.attempts, message.body_text) == (OutboxStatus.PENDING, 1, "")
    assert "the template is broken" in message.last_error
    assert message.next_attempt_at == now + dt.timedelta(seconds=30)

    assert outbox_deliver_due(now=now + dt.timedelta(seconds=31)).sent == [message.pk]
    assert len(smtp_server.received) == 1


def test_a_retry_sends_what_was_composed_for_the_first_attempt(
    tenant: Tenant, greeting: Greeting, smtp_server: LocalSMTPServer
) -> None:
    message = queue_greeting()
    now = timezone.now()
    smtp_server.stop()
    try:
        assert outbox_deliver_due(now=now).retried == [message.pk]
    finally:
        smtp_server.start()
    greeting.word = "Hallo"  # what the composer would write now

    assert outbox_deliver_due(now=now + dt.timedelta(minutes=1)).sent == [message.pk]

    assert len(greeting.calls) == 1
    (mail,) = smtp_server.received
    assert mail.message["Subject"] == "Willkommen, Amina"
    assert mail.message["Message-ID"] == message.message_id


def test_queuing_for_a_composer_nobody_registered_fails_at_once(tenant: Tenant) -> None:
    with pytest.raises(LookupError):
        mail_queue_composed(to=["amina@example.org"], composer="tests.nobody", params={})

    assert OutboxMessage.objects.count() == 0
