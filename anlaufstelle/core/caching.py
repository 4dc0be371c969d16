"""Read-mostly look-ups remembered across requests and forgotten all at once when their source changes.

Each namespace has a version number in the cache, and answers are stored under the current
version: ``forget`` bumps it, which makes every older answer unreachable at once on every app
server that shares the cache (Redis in production). It forgets again when the transaction
commits, so that a request reading the old rows just before the commit cannot keep them. The
timeout bounds how long a change made around the model's signals (``QuerySet.update``) can
stay unseen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
_MISSING = object()


def remembered(namespace: str, key: str, compute: Callable[[], T], *, timeout: int) -> T:
    """The answer stored for ``key`` in ``namespace``, or ``compute()`` stored for ``timeout`` seconds."""
    version = cache.get_or_set(f"{namespace}:version", 1, timeout=None)
    value = cache.get(f"{namespace}:{key}", _MISSING, version=version)
    if value is _MISSING:
        value = compute()
        cache.set(f"{namespace}:{key}", value, timeout=timeout, version=version)
    return value


def _bump(namespace: str) -> None:
    try:
        cache.incr(f"{namespace}:version")
    except ValueError:  # evicted: start again; answers stored before expire within their timeout
        cache.set(f"{namespace}:version", 1, timeout=None)


def forget(namespace: str) -> None:
    """Make every answer of ``namespace`` unreachable, now and again when the transaction commits."""
    _bump(namespace)
    transaction.on_commit(lambda: _bump(namespace))
