"""The production settings pass Django's deployment checks, and refuse unsafe switches."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x" * 20 + "-production-like-secret-for-the-deploy-check-0123456789"


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    # a production process never has the test session's async-safety switch (browser tests)
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "anlaufstelle.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "abh.musterstadt.example",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks_without_warnings() -> None:
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_a_short_or_default_secret_key() -> None:
    result = run_check(DJANGO_SECRET_KEY="insecure-development-key-change-me-in-production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_keeps_the_second_factor_and_demo_mode_off_whatever_the_environment_says() -> None:
    result = run_check(ANLAUFSTELLE_REQUIRE_2FA="0", ANLAUFSTELLE_DEMO_MODE="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_names_a_missing_second_factor_and_demo_mode(settings) -> None:  # type: ignore[no-untyped-def]
    from anlaufstelle.core.checks import second_factor_and_demo_mode

    settings.ANLAUFSTELLE_REQUIRE_2FA = False
    settings.ANLAUFSTELLE_DEMO_MODE = True
    assert {error.id for error in second_factor_and_demo_mode(None)} == {"anlaufstelle.E001", "anlaufstelle.E002"}
    settings.ANLAUFSTELLE_REQUIRE_2FA = True
    settings.ANLAUFSTELLE_DEMO_MODE = False
    assert second_factor_and_demo_mode(None) == []
