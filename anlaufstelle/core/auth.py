"""Authentication that respects tenants: a user can only sign in at their own tenant."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .tenancy import current_tenant


class TenantModelBackend(ModelBackend):
    """Django's model backend; the scoped user manager limits lookups to the request's tenant."""

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any):
        if current_tenant() is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id: Any):
        if current_tenant() is None:
            return None
        return super().get_user(user_id)
