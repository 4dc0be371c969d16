"""Django's PostgreSQL backend with the health check of a reused connection skipped while it has
just proven itself.

With persistent connections and CONN_HEALTH_CHECKS, Django asks PostgreSQL ``SELECT 1`` before the
first query of every request: a round trip that doubles the cost of a request that needs one query
(a refused booking in a rush). A connection that served the previous request without an error
less than ``ALIVE_BYPASS_SECONDS`` ago is taken to be alive, as connection pools do (HikariCP's
``aliveBypassWindowMs``, 500 ms); one idle for longer is checked as before. Should the server
have gone away within that moment, the request fails like any request whose connection breaks,
and Django closes the connection at its end.
"""

from __future__ import annotations

import math
import time
from typing import Any

from django.db.backends.postgresql import base

ALIVE_BYPASS_SECONDS = 0.5


class DatabaseWrapper(base.DatabaseWrapper):
    # set by Django's BaseDatabaseWrapper; the type stubs do not declare them
    health_check_enabled: bool
    health_check_done: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proven_at = -math.inf  # when a request last ended with this connection working

    def close_if_unusable_or_obsolete(self) -> None:
        # Called as a request starts and as it ends. At its end, ``health_check_done`` says that
        # the request used the connection, and no error since says that it worked.
        proven = self.connection is not None and self.health_check_done and not self.errors_occurred
        super().close_if_unusable_or_obsolete()
        if proven and self.connection is not None:
            self.proven_at = time.monotonic()

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and time.monotonic() - self.proven_at < ALIVE_BYPASS_SECONDS
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
