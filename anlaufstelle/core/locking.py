"""The one way the project locks rows: inside a transaction, late, with a timeout."""

from __future__ import annotations

import hashlib
from typing import TypeVar

from django.db import connection, models, transaction

LOCK_TIMEOUT_MS = 3000
M = TypeVar("M", bound=models.Model)


def lock(queryset: models.QuerySet[M], *, skip_locked: bool = False) -> models.QuerySet[M]:
    """``queryset`` with its rows locked until the end of the running transaction.

    PostgreSQL: ``SELECT … FOR UPDATE`` (``SKIP LOCKED`` on request) with a lock timeout, so a
    stuck transaction makes a caller fail instead of hang. SQLite: the IMMEDIATE transaction
    already holds the only write lock. A database without ``SKIP LOCKED`` reads such rows
    unlocked, as SQLite does. Refuses to run outside a transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() needs a transaction: wrap the work in transaction.atomic().")
    features = connection.features
    if not features.has_select_for_update or (skip_locked and not features.has_select_for_update_skip_locked):
        return queryset
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT_MS)}ms'")
    return queryset.select_for_update(skip_locked=skip_locked, of=("self",))


def try_claim(name: str) -> bool:
    """Claim ``name`` until the end of the running transaction without waiting: False when another
    transaction holds it right now.

    A courtesy, never the guarantee (keep a unique key or row lock for that): a caller that finds a
    name claimed can give up or try something else at once instead of queueing behind the holder.
    PostgreSQL: a transaction-level advisory lock on a 64-bit hash of ``name``. SQLite: always
    True, its IMMEDIATE transaction already holds the only write lock.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("try_claim() needs a transaction: wrap the work in transaction.atomic().")
    if connection.vendor != "postgresql":
        return True
    key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
        return bool(cursor.fetchone()[0])
