"""Database functions the ORM lacks, written for both SQLite and PostgreSQL, and what SQL written
out by hand shares."""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

from django.db.models import BigIntegerField, Func


class Epoch(Func):
    """Whole seconds since 1970 (UTC) of a datetime column, computed by the database, so that rows
    need no datetime parsing in Python. Deterministic on both databases (PostgreSQL: the epoch of an
    interval, which is immutable), so it can also define a stored generated column."""

    output_field = BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # julianday, not strftime('%s'): Django would read "%s" in SQL as a parameter placeholder.
        template = "CAST(ROUND((julianday(%(expressions)s) - 2440587.5) * 86400.0) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "CAST(EXTRACT(EPOCH FROM (%(expressions)s - TIMESTAMPTZ '1970-01-01 00:00:00+00')) AS BIGINT)"
        return self.as_sql(compiler, connection, template=template, **extra)


def placeholders(items: Sized) -> str:
    """``%s, %s, …``, one per item: the parameters of an ``IN (…)`` or ``VALUES (…)``."""
    return ", ".join(["%s"] * len(items))
