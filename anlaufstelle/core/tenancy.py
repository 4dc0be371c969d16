"""Tenant isolation, enforced in one place.

Every domain model inherits :class:`TenantOwned`. Its default manager adds a condition on
the tenant column to every query; the condition is resolved when the SQL is compiled, so a
queryset built at import time (a form field's choices) is still scoped to the tenant of the
request that finally runs it. Outside a tenant context a query fails loudly with
:class:`TenantNotSet`; crossing tenants needs the explicit :func:`all_tenants` context.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import BooleanField, Expression, F

if TYPE_CHECKING:
    from .models import Tenant


class TenantNotSet(RuntimeError):
    """A tenant-owned model was queried outside of any tenant context."""


class TenantMismatch(RuntimeError):
    """An object of one tenant was about to be written inside another tenant's context."""


@dataclass(frozen=True)
class _State:
    tenant: Tenant | None = None
    all_tenants: bool = False


# _State is frozen (immutable), so a shared default instance is safe.
_state: ContextVar[_State] = ContextVar("anlaufstelle_tenant", default=_State())  # noqa: B039


def current_tenant() -> Tenant | None:
    """The tenant of the running request or task, if any."""
    return _state.get().tenant


def require_tenant() -> Tenant:
    tenant = _state.get().tenant
    if tenant is None:
        raise TenantNotSet("No tenant is active: wrap the work in tenant_context(tenant).")
    return tenant


def writable_tenant_id(tenant_id: int | None, what: object) -> int:
    """The tenant a row about to be written belongs to: the active tenant where it names none.
    Writing a row of another tenant while acting for one raises (``TenantOwned.save`` and
    ``core.inserts`` share this rule)."""
    state = _state.get()
    if tenant_id is None:
        return require_tenant().pk
    if state.tenant is not None and not state.all_tenants and tenant_id != state.tenant.pk:
        raise TenantMismatch(f"{what!r} belongs to another tenant than the active one.")
    return tenant_id


@contextmanager
def tenant_context(tenant: Tenant) -> Iterator[Tenant]:
    """Run the enclosed code as ``tenant``: every scoped query sees only its rows."""
    token = _state.set(_State(tenant=tenant))
    try:
        yield tenant
    finally:
        _state.reset(token)


@contextmanager
def all_tenants() -> Iterator[None]:
    """Cross-tenant access for platform jobs (retention, demo loader, migrations of data)."""
    token = _state.set(_State(tenant=_state.get().tenant, all_tenants=True))
    try:
        yield
    finally:
        _state.reset(token)


class CurrentTenantCondition(Expression):
    """``<tenant column> = <current tenant>``, decided at SQL compile time."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, path: str = "tenant", column: Any = None) -> None:
        super().__init__()
        self.path = path
        self.column = column

    def get_source_expressions(self) -> list[Any]:
        return [self.column] if self.column is not None else []

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        if exprs:
            (self.column,) = exprs

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        if self.column is None:  # resolved once, in its own query: a subquery is not re-resolved in the outer one
            clone.column = F(self.path).resolve_expression(query, allow_joins, reuse, summarize)
        return clone

    def as_sql(self, compiler, connection):
        state = _state.get()
        if state.all_tenants:
            return "1 = 1", []
        if state.tenant is None:
            raise TenantNotSet(
                "A tenant-owned model was queried outside of any tenant context; "
                "wrap the work in tenant_context(tenant) (or all_tenants() for platform jobs)."
            )
        sql, params = compiler.compile(self.column)
        return f"{sql} = %s", [*params, state.tenant.pk]


class TenantManager(models.Manager):
    """Default manager of every tenant-owned model: returns only the current tenant's rows."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(CurrentTenantCondition("tenant"))


class TenantOwned(models.Model):
    """Abstract base of every domain model: belongs to exactly one tenant."""

    tenant = models.ForeignKey("core.Tenant", on_delete=models.CASCADE, related_name="+", editable=False)

    objects = TenantManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Infrastructure, not business logic: stamp the owner, and refuse to write an
        # object of one tenant while acting for another.
        if self.tenant_id is None:
            self.tenant = require_tenant()
        else:
            writable_tenant_id(self.tenant_id, self)
        super().save(*args, **kwargs)
