"""Read-mostly look-ups remembered across requests and forgotten all at once when their source changes.

Each namespace has a version in the cache, a random number, and answers are stored under the
current version: ``forget`` replaces it, which makes every older answer unreachable at once on
every app server that shares the cache (Redis in production). It forgets again when the
transaction commits, so that a request reading the old rows just before the commit cannot keep
them. The timeout bounds how long a change made around the model's signals (``QuerySet.update``)
can stay unseen.

Each process also keeps the answers it used last, by namespace, key and version: asking again
costs one read of the shared cache (the version) instead of two and no unpickling. The version is
still read every time, so a ``forget`` anywhere reaches this copy at once; and being a random
number rather than a counter, a version never comes back after the shared cache was emptied. The
copy is shared by the requests of the process: what is remembered is read, never changed in
place (copy it first).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
_MISSING = object()
LOCAL_ENTRIES = 2048  # answers this process keeps; the oldest stored goes first

_local: OrderedDict[tuple[str, str, int], tuple[float, Any]] = OrderedDict()
_local_lock = threading.Lock()


def _new_version() -> int:
    return secrets.randbits(62)


def remembered(namespace: str, key: str, compute: Callable[[], T], *, timeout: int) -> T:
    """The answer stored for ``key`` in ``namespace``, or ``compute()`` stored for ``timeout`` seconds."""
    version = int(cache.get_or_set(f"{namespace}:version", _new_version, timeout=None) or _new_version())
    local_key = (namespace, key, version)
    now = time.monotonic()
    kept = _local.get(local_key)
    if kept is not None and kept[0] > now:
        answer: T = kept[1]
        return answer
    value = cache.get(f"{namespace}:{key}", _MISSING, version=version)
    if value is _MISSING:
        value = compute()
        cache.set(f"{namespace}:{key}", value, timeout=timeout, version=version)
    with _local_lock:
        _local[local_key] = (now + timeout, value)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return value


def _bump(namespace: str) -> None:
    cache.set(f"{namespace}:version", _new_version(), timeout=None)


def forget(namespace: str) -> None:
    """Make every answer of ``namespace`` unreachable, now and again when the transaction commits."""
    _bump(namespace)
    transaction.on_commit(lambda: _bump(namespace))
