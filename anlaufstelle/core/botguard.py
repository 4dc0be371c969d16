"""Bot guard for the public forms (booking, requests): a proof of work, a path without
JavaScript, rate limits, and two signals worth storing with a booking.

With JavaScript the ALTCHA widget (``includes/botguard.html``) fetches a challenge from
``core:botguard_challenge``, solves it in the browser and sends the solution in the ``altcha``
field. :func:`botguard_verify` checks signature, expiry and solution and accepts each
challenge once: used challenges are remembered in the cache until they expire.

Without JavaScript there is no proof of work - it needs JavaScript, and the forms must work
without it. Instead every form carries a signed time (``botguard_issued``); a submission
without a valid solution is accepted only when that time is at least
``ALTCHA_NOJS_MIN_SECONDS`` and at most two hours old, and each such token once. Waiting is the
cost of the path without JavaScript (the template tells those users so). A bot that waits
passes it as well, so this guard is not the only line: the rate limits per client address and
per e-mail address (:func:`rate_limit_hit`) and the double opt-in of bookings bound the damage.
:func:`botguard_verify` returns which path passed, so a view may treat the no-JS one more
strictly.

Use in a view (the form inherits :class:`BotguardFormMixin`, whose ``clean()`` verifies)::

    form = BookingForm(request.POST or None)
    if request.method == "POST" and rate_limit_hit(
        request, group="booking", key="ip", rate=settings.RATELIMIT_BOOKING_IP
    ):
        return render(request, "appointments/too_many.html", status=429)
    if form.is_valid():
        ...

and in the template, inside the ``<form>``: ``{% include "includes/botguard.html" %}``. A view
without a form calls :func:`botguard_verify` itself and passes :func:`botguard_context` to the
template as ``botguard``.

``BOTGUARD_ENABLED = False`` (load tests only) lets every submission pass and stops counting.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import secrets
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import altcha
from disposable_email_domains import blocklist as _DISPOSABLE_DOMAINS
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language, gettext
from django_ratelimit.core import is_ratelimited

ALTCHA_FIELD = "altcha"
ISSUED_FIELD = "botguard_issued"
ALGORITHM = "PBKDF2/SHA-256"  # bundled with the widget, native in every browser (WebCrypto)
NOJS_MAX_AGE_SECONDS = 2 * 60 * 60
_MAX_PAYLOAD_LENGTH = 4096  # a real payload is well under 1 kB
_CLOCK_SKEW_SECONDS = 60  # between the app servers that issue and check a form time
_ISSUED_SALT = "anlaufstelle.core.botguard.issued"
_USED_KEY = "botguard:used:"

Passed = Literal["altcha", "nojs", "disabled"]

logger = logging.getLogger("anlaufstelle.botguard")


class ChallengeFailed(Exception):
    """A submission did not pass the bot guard. ``message`` tells the user what to do (in the
    active language); ``reason`` is for logs and tests: missing, invalid, expired, reused,
    forged or too_early."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        self.reason = reason
        self.message = message or gettext(
            "Die Sicherheitsprüfung ist fehlgeschlagen. Bitte versuchen Sie es noch einmal."
        )
        super().__init__(self.message)


# --- ALTCHA challenge ------------------------------------------------------------------------


def _challenge_secret() -> str:
    # Derived when the request runs, not in settings: production replaces SECRET_KEY after base.
    return settings.ALTCHA_HMAC_KEY or salted_hmac("anlaufstelle.core.botguard.challenge", "altcha").hexdigest()


def _derived_key_secret() -> str:
    return salted_hmac("anlaufstelle.core.botguard.derived-key", "altcha", secret=_challenge_secret()).hexdigest()


def challenge_create() -> dict[str, Any]:
    """A fresh signed ALTCHA challenge (proof of work v2) in the JSON shape the widget expects.

    Deterministic effort: the browser must find a counter drawn from
    [ALTCHA_MAX_NUMBER/2, ALTCHA_MAX_NUMBER), so every visitor does a similar amount of work,
    and the server verifies the answer with one HMAC instead of repeating the work.
    """
    top = max(settings.ALTCHA_MAX_NUMBER, 2)
    challenge = altcha.create_challenge(
        algorithm=ALGORITHM,
        cost=settings.ALTCHA_COST,
        counter=top // 2 + secrets.randbelow(top - top // 2),
        expires_at=int(time.time()) + settings.ALTCHA_EXPIRES_SECONDS,
        hmac_secret=_challenge_secret(),
        hmac_key_secret=_derived_key_secret(),
    )
    return challenge.to_dict()


def _remember_once(key: str, seconds: float) -> bool:
    """True the first time ``key`` is remembered; False while it is still remembered."""
    return cache.add(_USED_KEY + key, True, timeout=max(int(seconds) + 1, 1))


def _verify_altcha(payload: str) -> None:
    if len(payload) > _MAX_PAYLOAD_LENGTH:
        raise ChallengeFailed("invalid")
    result = altcha.verify_solution(payload, _challenge_secret(), hmac_key_secret=_derived_key_secret())
    if not result.verified:
        raise ChallengeFailed("expired" if result.expired else "invalid")
    challenge = altcha.Payload.from_base64(payload).challenge
    expires_at = challenge.parameters.expires_at or time.time() + settings.ALTCHA_EXPIRES_SECONDS
    if not _remember_once(f"altcha:{challenge.signature}", expires_at - time.time()):
        raise ChallengeFailed("reused")


# --- The path without JavaScript -----------------------------------------------------------


def _issued_at(token: str) -> tuple[float, str]:
    """The time and nonce inside a signed ``botguard_issued`` token; ChallengeFailed if forged."""
    try:
        value = signing.loads(token, salt=_ISSUED_SALT)
        return float(value["t"]), str(value["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise ChallengeFailed("forged") from exc


def botguard_issued(data: Mapping[str, Any] | None = None, *, issued_at: float | None = None) -> str:
    """The value of the hidden ``botguard_issued`` field: the signed time the form was shown.

    Re-rendering a submitted form, pass its ``data``: the submitted time is kept (under a new,
    unused nonce), so the wait already spent still counts. ``issued_at`` (Unix seconds) sets
    the time explicitly.
    """
    if issued_at is None and data is not None:
        try:
            submitted, _nonce = _issued_at(str(data.get(ISSUED_FIELD) or ""))
        except ChallengeFailed:
            pass
        else:
            if 0 <= time.time() - submitted <= NOJS_MAX_AGE_SECONDS:
                issued_at = submitted
    if issued_at is None:
        issued_at = time.time()
    return signing.dumps({"t": int(issued_at), "n": secrets.token_urlsafe(12)}, salt=_ISSUED_SALT)


def _verify_issued(token: str) -> None:
    if not token:
        raise ChallengeFailed("missing")
    issued_at, nonce = _issued_at(token)
    age = time.time() - issued_at
    if not -_CLOCK_SKEW_SECONDS <= age <= NOJS_MAX_AGE_SECONDS:
        raise ChallengeFailed("expired")
    if age < settings.ALTCHA_NOJS_MIN_SECONDS:
        raise ChallengeFailed(
            "too_early",
            gettext("Bitte warten Sie noch einen Moment. Senden Sie das Formular dann noch einmal ab."),
        )
    if not _remember_once(f"issued:{nonce}", NOJS_MAX_AGE_SECONDS - age):
        raise ChallengeFailed("reused")


# --- Verification ----------------------------------------------------------------------------


def botguard_verify(request_or_data: HttpRequest | Mapping[str, Any], *, form_issued: str | None = None) -> Passed:
    """Check a submission (the request's POST data, or the data itself) against the bot guard.

    Passes with a valid, unused ALTCHA solution, or failing that with a ``botguard_issued``
    time old enough (see the module docstring); ``form_issued`` replaces the one in the data.
    Returns the path that passed; raises :class:`ChallengeFailed` otherwise. What passed is
    used up: the same solution or token is refused the next time.
    """
    if not settings.BOTGUARD_ENABLED:
        return "disabled"
    data = request_or_data if isinstance(request_or_data, Mapping) else request_or_data.POST
    payload = str(data.get(ALTCHA_FIELD) or "")
    issued = form_issued if form_issued is not None else str(data.get(ISSUED_FIELD) or "")
    failure: ChallengeFailed | None = None
    if payload:
        try:
            _verify_altcha(payload)
        except ChallengeFailed as exc:
            failure = exc
        else:
            return "altcha"
    # A solution that expired while the visitor filled in a long form falls back to the wait.
    try:
        _verify_issued(issued)
    except ChallengeFailed as exc:
        if failure is None or exc.reason == "too_early":
            failure = exc  # "please wait" is the one message a visitor can act on
        logger.info("botguard refused", extra={"reason": failure.reason, "altcha": bool(payload)})
        raise failure from None
    return "nojs"


# --- Template and form -----------------------------------------------------------------------


@functools.cache
def _widget_translation(language: str) -> str:
    path = f"vendor/altcha/i18n/{language}.js"
    return path if finders.find(path) else ""


def botguard_context(data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What ``includes/botguard.html`` needs, as the template variable ``botguard`` (a form
    with :class:`BotguardFormMixin` offers it as ``form.botguard``). ``data``: see
    :func:`botguard_issued`."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    # English is bundled with the widget; other languages load their file when ALTCHA has one.
    script = "" if language == "en" else _widget_translation(language)
    return {
        "enabled": settings.BOTGUARD_ENABLED,
        "issued": botguard_issued(data),
        "issued_field": ISSUED_FIELD,
        "wait_seconds": settings.ALTCHA_NOJS_MIN_SECONDS,
        "language": language if language == "en" or script else "",
        "translation_script": script,
    }


if TYPE_CHECKING:
    from django.forms import BaseForm as _FormBase
else:
    _FormBase = object


class BotguardFormMixin(_FormBase):
    """Mix into a form of a public page: ``clean()`` runs :func:`botguard_verify` on the
    submitted data (a failure is an error of the whole form, code ``botguard``) and records
    the path in ``botguard_passed``. Adds no field and renders nothing; the template includes
    ``includes/botguard.html``, which reads ``form.botguard``."""

    botguard_passed: Passed | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            self.botguard_passed = botguard_verify(self.data)
        except ChallengeFailed as exc:
            raise forms.ValidationError(exc.message, code="botguard") from exc
        return cleaned if cleaned is not None else self.cleaned_data

    @property
    def botguard(self) -> dict[str, Any]:
        return botguard_context(self.data if self.is_bound else None)


# --- Rate limits and signals -----------------------------------------------------------------


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind ``AXES_IPWARE_PROXY_COUNT`` reverse proxies
    the address the outermost of them added to X-Forwarded-For (the same setting that tells
    login throttling how many proxies there are)."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if proxies > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(chain) >= proxies:
            try:
                return str(ipaddress.ip_address(chain[-proxies]))
            except ValueError:
                pass
    return str(request.META.get("REMOTE_ADDR", ""))


def _ip_key(request: HttpRequest) -> str:
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        # One IPv6 client usually holds a whole /64; counting single addresses would not limit it.
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def rate_limit_hit(request: HttpRequest, *, group: str, key: str, rate: str) -> bool:
    """Count one request and tell whether it exceeds ``rate`` (``"20/h"``) within ``group``.

    ``key="ip"`` counts per client address (IPv6: per /64); any other ``key`` is counted as
    it is - pass :func:`normalised_email` of an address to count per e-mail address. The
    cache stores only a hash of it.
    """
    if not settings.BOTGUARD_ENABLED:
        return False
    value = _ip_key(request) if key == "ip" else key
    limited: bool = is_ratelimited(
        request,
        group=f"anlaufstelle.{group}",
        key=lambda _group, _request: value,
        rate=rate,
        increment=True,
    )
    return limited


def normalised_email(address: str) -> str:
    """An e-mail address as a rate-limit key: lower case, without a ``+tag`` (``a+1@x`` and
    ``a+2@x`` reach the same mailbox)."""
    local, _at, domain = address.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if local else address.strip().lower()


def network_of(ip: str) -> str:
    """The network around an address, coarse enough to say little about the person: IPv4 /24,
    IPv6 /48 (``"203.0.113.0/24"``). Stored with a booking to spot many from one network."""
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def is_disposable_email(address: str) -> bool:
    """Whether the address belongs to a throwaway-mail service (list: disposable-email-domains),
    including its subdomains."""
    domain = address.rpartition("@")[2].strip().rstrip(".").lower()
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = domain.split(".")
    return any(".".join(labels[i:]) in _DISPOSABLE_DOMAINS for i in range(len(labels) - 1))
