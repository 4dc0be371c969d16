"""Staff login: username and password, then a TOTP code (set up on first login)."""

from __future__ import annotations

import time
from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import AuditAction, User
from ..qr import qr_svg
from ..services import audit_record

PENDING_KEY = "login_pending_user"
PENDING_SECONDS = 300


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    return User.objects.filter(pk=pending["id"], is_active=True).first()


def _finish_login(request: HttpRequest, user: User, device: TOTPDevice | None) -> HttpResponse:
    next_url = request.session.get("login_next", "")
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend="anlaufstelle.core.auth.TenantModelBackend")
    if device is not None:
        otp_login(request, device)
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


def login_view(request: HttpRequest) -> HttpResponse:
    from ..forms import LoginForm

    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is None:
            audit_record(
                actor=None,
                action=AuditAction.LOGIN_FAILED,
                object_type="core.user",
                details={"username": form.cleaned_data["username"][:150]},
            )
            form.add_error(None, _("Benutzername oder Passwort ist falsch."))
        else:
            request.session.cycle_key()
            request.session[PENDING_KEY] = {"id": user.pk, "at": time.time()}
            request.session["login_next"] = _safe_next(request)
            if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                return redirect("core:login_code")
            if settings.ANLAUFSTELLE_REQUIRE_2FA:
                return redirect("core:totp_setup")
            return _finish_login(request, user, None)
    return render(request, "core/login.html", {"form": form, "next": _safe_next(request)})


def _demo_code(device: TOTPDevice) -> str | None:
    if not settings.ANLAUFSTELLE_DEMO_MODE:
        return None
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


def login_code_view(request: HttpRequest) -> HttpResponse:
    from ..forms import CodeForm

    user = _pending_user(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() if user else None
    if user is None or device is None:
        messages.info(request, _("Bitte melden Sie sich erneut an."))
        return redirect("core:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified, _throttle = device.verify_is_allowed()
        if verified and device.verify_token(form.cleaned_data["code"]):
            return _finish_login(request, user, device)
        form.add_error("code", _("Der Code ist falsch oder abgelaufen. Bitte warten Sie auf den nächsten Code."))
    return render(request, "core/login_code.html", {"form": form, "demo_code": _demo_code(device)})


def totp_setup_view(request: HttpRequest) -> HttpResponse:
    """First login without a second factor: show the secret as QR code, confirm with a code."""
    from ..forms import CodeForm

    user = _pending_user(request)
    if user is None:
        return redirect("core:login")
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "Authenticator"})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            return _finish_login(request, user, device)
        form.add_error("code", _("Der Code ist falsch oder abgelaufen. Bitte warten Sie auf den nächsten Code."))
    secret = b32encode(device.bin_key).decode()
    return render(
        request, "core/totp_setup.html", {"form": form, "qr_svg": qr_svg(device.config_url), "secret": secret}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Sie haben sich abgemeldet."))
    return redirect("core:home")
