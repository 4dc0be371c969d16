"""Request middleware: request log, tenant resolution, second-factor enforcement."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from .selectors import tenant_for_host
from .tenancy import tenant_context

logger = logging.getLogger("anlaufstelle.request")

# Paths that work without a tenant (health check, static files).
_TENANTLESS_PREFIXES = ("/healthz", "/static/", "/favicon.ico")


def request_id(request: HttpRequest) -> str:
    """The id ``RequestLogMiddleware`` gave this request, for audit entries ("" without it)."""
    return getattr(request, "request_id", "")


class RequestLogMiddleware:
    """One structured line per request: ids and timings, never personal data or query strings."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = secrets.token_hex(8)  # type: ignore[attr-defined]
        started = time.perf_counter()
        response = self.get_response(request)
        tenant = getattr(request, "tenant", None)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "request_id": request.request_id,  # type: ignore[attr-defined]
                "method": request.method,
                "route": getattr(request.resolver_match, "route", None),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "tenant": tenant.slug if tenant else None,
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response


class TenantMiddleware:
    """Resolve the tenant from the host name and run the whole request inside its context."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(_TENANTLESS_PREFIXES):
            request.tenant = None  # type: ignore[attr-defined]
            return self.get_response(request)
        tenant = tenant_for_host(request.get_host())
        request.tenant = tenant  # type: ignore[attr-defined]
        if tenant is None:
            from django.shortcuts import render

            return render(request, "core/unknown_tenant.html", status=404)
        with tenant_context(tenant):
            return self.get_response(request)


class StaffSecondFactorMiddleware:
    """A signed-in user who has not proven the second factor is sent to the code step.

    The login view only logs a user in after the code; this guards sessions that were
    created otherwise (e.g. a password-only session from before 2FA became mandatory).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if request.path_info.startswith("/api/"):  # the JSON API uses no session at all
            return self.get_response(request)
        if settings.ANLAUFSTELLE_REQUIRE_2FA and user is not None and user.is_authenticated and not user.is_verified():
            try:
                url_name = resolve(request.path_info).url_name
            except Resolver404:
                url_name = None
            if url_name not in {"login", "logout", "login_code", "totp_setup"}:
                from django.contrib.auth import logout

                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
