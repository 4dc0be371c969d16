"""The bot guard of public forms: ALTCHA proof of work, the path without JavaScript, the
production switch, rate limits and the signals stored with a booking."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from types import SimpleNamespace

import altcha
import django_ratelimit.core
import pytest
from django import forms
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from pytest_django import Settings

from anlaufstelle.core import botguard
from anlaufstelle.core.botguard import (
    BotguardFormMixin,
    ChallengeFailed,
    botguard_context,
    botguard_issued,
    botguard_verify,
    challenge_create,
    client_ip,
    is_disposable_email,
    network_of,
    normalised_email,
    rate_limit_hit,
)
from anlaufstelle.core.checks import bot_guard
from anlaufstelle.core.models import Tenant

from .test_deploy_check import run_check


@pytest.fixture(autouse=True)
def small_challenges(settings: Settings) -> Iterator[None]:
    """Little work per challenge so the Python solver is quick; a clean cache per test."""
    settings.BOTGUARD_ENABLED = True
    settings.ALTCHA_MAX_NUMBER = 40
    settings.ALTCHA_COST = 10
    settings.ALTCHA_NOJS_MIN_SECONDS = 20
    cache.clear()
    yield
    cache.clear()


def solved(challenge: dict) -> str:
    """The ``altcha`` field a browser would send after solving ``challenge``."""
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed, timeout=10)
    assert solution is not None
    return altcha.Payload(parsed, solution).to_base64()


def reason_of(data: dict[str, str]) -> str:
    with pytest.raises(ChallengeFailed) as failure:
        botguard_verify(data)
    return failure.value.reason


def seconds_ago(seconds: float) -> str:
    return botguard_issued(issued_at=time.time() - seconds)


# --- ALTCHA ---------------------------------------------------------------------------------


def test_a_challenge_solved_with_the_altcha_library_passes() -> None:
    assert botguard_verify({"altcha": solved(challenge_create())}) == "altcha"


def test_a_challenge_asks_for_the_configured_work_and_expires_within_minutes(settings: Settings) -> None:
    settings.ALTCHA_COST = 1234
    parameters = challenge_create()["parameters"]
    assert parameters["algorithm"] == "PBKDF2/SHA-256"
    assert parameters["cost"] == 1234
    assert 0 < parameters["expiresAt"] - time.time() <= settings.ALTCHA_EXPIRES_SECONDS


def test_a_request_is_checked_by_its_post_data() -> None:
    request = RequestFactory().post("/", {"altcha": solved(challenge_create())})
    assert botguard_verify(request) == "altcha"


@pytest.mark.parametrize(
    ("part", "field", "value"),
    [
        ("parameters", "cost", 1),  # less work than signed
        ("parameters", "keyPrefix", "00"),  # an easier target than signed
        ("parameters", "expiresAt", 4_102_444_800),  # a later expiry than signed
        ("solution", "derivedKey", "00" * 32),  # an answer that was not worked out
    ],
)
def test_a_tampered_payload_fails(part: str, field: str, value: object) -> None:
    payload = json.loads(base64.b64decode(solved(challenge_create())))
    target = payload["challenge"]["parameters"] if part == "parameters" else payload["solution"]
    target[field] = value
    tampered = base64.b64encode(json.dumps(payload).encode()).decode()
    assert reason_of({"altcha": tampered}) == "invalid"


def test_a_payload_that_is_not_altcha_at_all_fails() -> None:
    assert reason_of({"altcha": "bm90IGpzb24="}) == "invalid"
    assert reason_of({"altcha": "x" * 10_000}) == "invalid"
    # the widget's test mode, which the browser could be talked into
    test_mode = base64.b64encode(b'{"challenge": null, "solution": null, "test": true}').decode()
    assert reason_of({"altcha": test_mode}) == "invalid"


def test_a_challenge_signed_with_another_key_fails(settings: Settings) -> None:
    settings.ALTCHA_HMAC_KEY = "another-installation"
    payload = solved(challenge_create())
    settings.ALTCHA_HMAC_KEY = ""
    assert reason_of({"altcha": payload}) == "invalid"


def test_an_expired_challenge_fails(settings: Settings) -> None:
    settings.ALTCHA_EXPIRES_SECONDS = -1
    assert reason_of({"altcha": solved(challenge_create())}) == "expired"


def test_a_solved_challenge_passes_only_once() -> None:
    payload = solved(challenge_create())
    assert botguard_verify({"altcha": payload}) == "altcha"
    assert reason_of({"altcha": payload}) == "reused"


def test_nothing_at_all_fails_with_the_general_message() -> None:
    with translation.override("de"), pytest.raises(ChallengeFailed) as failure:
        botguard_verify({})
    assert failure.value.reason == "missing"
    assert failure.value.message == "Die Sicherheitsprüfung ist fehlgeschlagen. Bitte versuchen Sie es noch einmal."


# --- Without JavaScript ---------------------------------------------------------------------


def test_without_javascript_a_form_passes_after_the_minimum_wait() -> None:
    assert botguard_verify({"botguard_issued": seconds_ago(21)}) == "nojs"


def test_without_javascript_a_form_sent_too_early_fails_and_asks_to_wait() -> None:
    with translation.override("de"), pytest.raises(ChallengeFailed) as failure:
        botguard_verify({"botguard_issued": seconds_ago(5)})
    assert failure.value.reason == "too_early"
    assert "warten" in failure.value.message


def test_without_javascript_a_form_older_than_two_hours_fails() -> None:
    assert reason_of({"botguard_issued": seconds_ago(2 * 60 * 60 + 5)}) == "expired"


@pytest.mark.parametrize(
    "forged",
    [
        signing.dumps({"t": time.time() - 60, "n": "x"}, salt="another-salt"),
        signing.dumps({"t": time.time() - 60, "n": "x"}, salt=botguard._ISSUED_SALT, key="another-secret-key"),
        "not-signed-at-all",
    ],
)
def test_without_javascript_a_forged_time_fails(forged: str) -> None:
    assert reason_of({"botguard_issued": forged}) == "forged"


def test_a_form_time_moved_into_the_past_breaks_the_signature() -> None:
    encoded, stamp, signature = seconds_ago(5).split(":")
    value = json.loads(signing.b64_decode(encoded.encode()))
    value["t"] -= 3600
    edited = signing.b64_encode(json.dumps(value, separators=(",", ":")).encode()).decode()
    assert reason_of({"botguard_issued": f"{edited}:{stamp}:{signature}"}) == "forged"


def test_without_javascript_each_form_time_passes_only_once() -> None:
    token = seconds_ago(30)
    assert botguard_verify({"botguard_issued": token}) == "nojs"
    assert reason_of({"botguard_issued": token}) == "reused"


def test_a_form_shown_again_keeps_the_time_already_waited() -> None:
    submitted = seconds_ago(25)
    assert botguard_verify({"botguard_issued": submitted}) == "nojs"  # and then a field was wrong
    shown_again = botguard_issued({"botguard_issued": submitted})
    assert botguard_verify({"botguard_issued": shown_again}) == "nojs"


@pytest.mark.parametrize("submitted", ["forged", ""])
def test_a_form_shown_again_after_a_forged_or_missing_time_starts_the_wait_anew(submitted: str) -> None:
    shown_again = botguard_issued({"botguard_issued": submitted})
    assert reason_of({"botguard_issued": shown_again}) == "too_early"


def test_a_form_shown_again_after_two_hours_starts_the_wait_anew() -> None:
    shown_again = botguard_issued({"botguard_issued": seconds_ago(3 * 60 * 60)})
    assert reason_of({"botguard_issued": shown_again}) == "too_early"


def test_a_solution_that_fails_falls_back_to_the_form_time() -> None:
    payload = solved(challenge_create())
    botguard_verify({"altcha": payload})
    assert botguard_verify({"altcha": payload, "botguard_issued": seconds_ago(60)}) == "nojs"
    assert reason_of({"altcha": payload, "botguard_issued": seconds_ago(1)}) == "too_early"


def test_the_form_time_can_be_passed_explicitly() -> None:
    assert botguard_verify({}, form_issued=seconds_ago(25)) == "nojs"


# --- Switched off, and production ------------------------------------------------------------


def test_a_disabled_guard_lets_everything_pass_and_counts_nothing(settings: Settings, rf: RequestFactory) -> None:
    settings.BOTGUARD_ENABLED = False
    assert botguard_verify({}) == "disabled"
    assert botguard_verify({"altcha": "garbage", "botguard_issued": "forged"}) == "disabled"
    request = rf.post("/")
    assert not any(rate_limit_hit(request, group="t", key="ip", rate="1/h") for _ in range(5))


def test_the_deploy_check_fails_when_the_guard_is_off(settings: Settings) -> None:
    settings.BOTGUARD_ENABLED = False
    assert "anlaufstelle.E003" in {message.id for message in bot_guard(None)}
    settings.BOTGUARD_ENABLED = True
    assert "anlaufstelle.E003" not in {message.id for message in bot_guard(None)}


@pytest.mark.parametrize(
    ("backend", "ids"),
    [
        ("django.core.cache.backends.dummy.DummyCache", {"anlaufstelle.E004"}),
        ("django.core.cache.backends.locmem.LocMemCache", {"anlaufstelle.I001"}),
        ("django.core.cache.backends.redis.RedisCache", set()),
    ],
)
def test_the_deploy_check_names_the_cache_the_guard_depends_on(backend: str, ids: set[str]) -> None:
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:1/0"}}):
        assert {message.id for message in bot_guard(None)} == ids


def test_production_keeps_the_guard_on_whatever_the_environment_says() -> None:
    result = run_check(BOTGUARD_ENABLED="0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "anlaufstelle.E003" not in result.stdout + result.stderr


# --- Rate limits ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def still_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """django-ratelimit counts in fixed windows; a window must not end in the middle of a test."""
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


def post_from(address: str, **meta: str) -> HttpRequest:
    return RequestFactory().post("/", REMOTE_ADDR=address, **meta)


def test_rate_limit_hit_trips_after_the_configured_number() -> None:
    request = post_from("198.51.100.7")
    hits = [rate_limit_hit(request, group="booking", key="ip", rate="3/h") for _ in range(5)]
    assert hits == [False, False, False, True, True]


def test_rate_limits_count_each_address_and_each_group_apart() -> None:
    for _ in range(2):
        rate_limit_hit(post_from("198.51.100.7"), group="booking", key="ip", rate="2/h")
    assert rate_limit_hit(post_from("198.51.100.7"), group="booking", key="ip", rate="2/h")
    assert not rate_limit_hit(post_from("198.51.100.8"), group="booking", key="ip", rate="2/h")
    assert not rate_limit_hit(post_from("198.51.100.7"), group="request", key="ip", rate="2/h")


def test_an_ipv6_client_is_counted_per_64_network() -> None:
    rate_limit_hit(post_from("2001:db8:1:2::1"), group="booking", key="ip", rate="1/h")
    assert rate_limit_hit(post_from("2001:db8:1:2:ffff::9"), group="booking", key="ip", rate="1/h")
    assert not rate_limit_hit(post_from("2001:db8:1:3::1"), group="booking", key="ip", rate="1/h")


def test_rate_limits_per_e_mail_address_ignore_case_and_plus_tags() -> None:
    rate = "2/h"
    for address in ["Anna@Example.org", "anna+1@example.org"]:
        assert not rate_limit_hit(
            post_from("198.51.100.1"), group="booking-email", key=normalised_email(address), rate=rate
        )
    key = normalised_email("ANNA+other@example.org")
    assert rate_limit_hit(post_from("203.0.113.9"), group="booking-email", key=key, rate=rate)
    assert not rate_limit_hit(post_from("198.51.100.1"), group="booking-email", key="bob@example.org", rate=rate)


def test_behind_a_reverse_proxy_the_client_address_comes_from_x_forwarded_for(settings: Settings) -> None:
    spoofed_then_real = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.5"}
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert client_ip(post_from("127.0.0.1", **spoofed_then_real)) == "127.0.0.1"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_ip(post_from("127.0.0.1", **spoofed_then_real)) == "203.0.113.5"
    assert client_ip(post_from("127.0.0.1")) == "127.0.0.1"  # no header: the direct peer


# --- Signals stored with a booking ---------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:abcd:12:1::5", "2001:db8:abcd::/48"),
        ("::ffff:198.51.100.23", "198.51.100.0/24"),
    ],
)
def test_network_of_gives_the_coarse_network_of_an_address(address: str, network: str) -> None:
    assert network_of(address) == network


def test_network_of_refuses_what_is_not_an_address() -> None:
    with pytest.raises(ValueError, match="does not appear to be"):
        network_of("example.org")


@pytest.mark.parametrize(
    ("address", "disposable"),
    [
        ("someone@mailinator.com", True),
        ("someone@MAILINATOR.COM.", True),
        ("someone@inbox.mailinator.com", True),
        ("anna.schmidt@web.de", False),
        ("anna@musterstadt.de", False),
        ("not-an-address", False),
    ],
)
def test_is_disposable_email_knows_throwaway_mail_services(address: str, disposable: bool) -> None:
    assert is_disposable_email(address) is disposable


# --- The challenge view, the form mixin, the template --------------------------------------


def test_the_challenge_view_returns_json_the_solver_can_solve(tenant: Tenant) -> None:
    client = Client(HTTP_HOST="musterstadt.localhost")
    url = reverse("core:botguard_challenge")
    assert "mitarbeit/" not in url
    response = client.get(url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
    assert botguard_verify({"altcha": solved(response.json())}) == "altcha"
    assert client.post(url).status_code == 405


class ContactForm(BotguardFormMixin, forms.Form):
    name = forms.CharField()


def test_a_form_with_the_mixin_refuses_a_bot_as_an_error_of_the_whole_form() -> None:
    with translation.override("de"):
        form = ContactForm(data={"name": "Anna", "botguard_issued": seconds_ago(2)})
        assert not form.is_valid()
        assert form.errors.as_data()["__all__"][0].code == "botguard"
    assert "warten" in form.non_field_errors()[0]


def test_a_form_with_the_mixin_passes_a_person_and_tells_the_path() -> None:
    form = ContactForm(data={"name": "Anna", "altcha": solved(challenge_create())})
    assert form.is_valid()
    assert form.botguard_passed == "altcha"


def test_the_include_renders_the_widget_the_form_time_and_a_note_for_visitors_without_javascript(
    settings: Settings,
) -> None:
    settings.ALTCHA_NOJS_MIN_SECONDS = 20
    with translation.override("de"):
        html = render_to_string("includes/botguard.html", {"form": ContactForm()})
    assert f'challenge="{reverse("core:botguard_challenge")}"' in html
    assert 'name="altcha"' in html
    assert 'language="de"' in html
    assert "vendor/altcha/i18n/de.js" in html
    assert 'type="module" src="/static/vendor/altcha/main/altcha.min.js"' in html
    assert "<noscript>" in html
    assert "mindestens 20 Sekunden" in html
    issued = html.split('name="botguard_issued" value="', 1)[1].split('"', 1)[0]
    assert reason_of({"botguard_issued": issued}) == "too_early"


def test_the_widget_speaks_the_page_language_where_altcha_has_a_translation() -> None:
    with translation.override("ar"):
        arabic = render_to_string("includes/botguard.html", {"botguard": botguard_context()})
    with translation.override("de-simple"):
        plain = render_to_string("includes/botguard.html", {"botguard": botguard_context()})
    with translation.override("en"):
        english = render_to_string("includes/botguard.html", {"botguard": botguard_context()})
    assert 'language="ar"' in arabic
    assert "vendor/altcha/i18n/ar.js" in arabic
    assert 'language="de"' in plain
    assert "vendor/altcha/i18n/de.js" in plain
    assert 'language="en"' in english
    assert "vendor/altcha/i18n/" not in english


def test_a_disabled_guard_renders_nothing(settings: Settings) -> None:
    settings.BOTGUARD_ENABLED = False
    assert render_to_string("includes/botguard.html", {"botguard": botguard_context()}).strip() == ""
