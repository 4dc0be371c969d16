"""Fixtures for core's infrastructure tests: a real SMTP server, the queued tasks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from pytest_django import Settings

from ..smtp import LocalSMTPServer


@pytest.fixture
def smtp_server(settings: Settings) -> Iterator[LocalSMTPServer]:
    """A real SMTP server on 127.0.0.1, running, with Django's SMTP backend pointed at it.

    A test may ``stop()`` it (nothing listens on the port then) and ``start()`` it again.
    """
    server = LocalSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    server.start()
    yield server
    server.stop()


@pytest.fixture
def queued_tasks() -> Iterator[DummyBackend]:
    """The test settings' DummyBackend, empty at the start; ``.results`` lists what was enqueued."""
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    backend.clear()
    yield backend
    backend.clear()
