"""A reused PostgreSQL connection is asked ``SELECT 1`` before a request uses it, unless it served
a request without an error a moment ago (``core/db/postgresql``): one round trip less per request
in a rush, and a connection the server dropped while idle is still replaced without an error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import InterfaceError, OperationalError, connection

from anlaufstelle.core.db.postgresql import base as backend

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(backend, "time", fake)
    return fake


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every health check the connection makes, with its answer."""
    asked: list[bool] = []
    usable = connection.is_usable

    def counted() -> bool:
        asked.append(usable())
        return asked[-1]

    monkeypatch.setattr(connection, "is_usable", counted)
    return asked


def request(work: Callable[[], Any]) -> Any:
    """``work`` inside what Django does around a request for the connection."""
    request_started.send(sender=None)
    try:
        return work()
    finally:
        request_finished.send(sender=None)


def select_one() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return int(cursor.fetchone()[0])


def drop_connection_on_the_server() -> None:
    """What a restart or failover of PostgreSQL does to an idle connection of ours."""
    params = connection.get_connection_params()
    dsn = psycopg.conninfo.make_conninfo(
        **{key: value for key, value in params.items() if key in {"dbname", "user", "host", "port", "password"}}
    )
    with psycopg.connect(dsn, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])


def test_a_connection_that_served_a_request_a_moment_ago_is_not_asked_again(clock: Clock, checks: list[bool]) -> None:
    request(select_one)  # a connection of its own, proven by its first request
    clock.now += backend.ALIVE_BYPASS_SECONDS / 2

    assert request(select_one) == 1

    assert checks == []


def test_a_connection_idle_for_longer_is_asked_first(clock: Clock, checks: list[bool]) -> None:
    request(select_one)
    clock.now += backend.ALIVE_BYPASS_SECONDS + 0.1

    assert request(select_one) == 1

    assert checks == [True]


def test_a_connection_the_server_dropped_while_idle_is_replaced_before_the_request_uses_it(
    clock: Clock, checks: list[bool]
) -> None:
    request(select_one)
    old = connection.connection.info.backend_pid
    drop_connection_on_the_server()
    clock.now += backend.ALIVE_BYPASS_SECONDS + 0.1

    assert request(select_one) == 1

    assert checks == [False]
    assert connection.connection.info.backend_pid != old


def test_a_connection_dropped_within_the_moment_fails_one_request_and_is_replaced_after_it(
    clock: Clock, checks: list[bool]
) -> None:
    request(select_one)
    drop_connection_on_the_server()

    with pytest.raises((OperationalError, InterfaceError)):
        request(select_one)

    assert connection.connection is None  # closed at the end of the failed request
    assert request(select_one) == 1
