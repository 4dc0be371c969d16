"""Public pages of the contact point: start page, contact, imprint, privacy, errors, health,
and the challenge of the bot guard."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..botguard import challenge_create
from ..selectors import opening_hours_by_day


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"opening_hours": opening_hours_by_day(), "today": timezone.localdate().weekday()},
    )


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "core/contact.html", {"opening_hours": opening_hours_by_day(), "today": None})


def imprint(request: HttpRequest) -> HttpResponse:
    return render(request, "core/legal.html", {"kind": "imprint"})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/legal.html", {"kind": "privacy"})


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _error(request: HttpRequest, status: int) -> HttpResponse:
    context: dict[str, Any] = {"status": status}
    return render(request, f"{status}.html", context, status=status)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 403)


def error_500(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)


@never_cache
@require_GET
def botguard_challenge(request: HttpRequest) -> JsonResponse:
    """A fresh ALTCHA challenge for the bot guard widget: one short key derivation, no session."""
    return JsonResponse(challenge_create())
