"""The production server settings (``anlaufstelle/gunicorn_conf.py``) load in gunicorn, command-line
options still win, and gunicorn serves the production application with them."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gunicorn.app.wsgiapp import WSGIApplication
from gunicorn.config import Config

from tests.core.test_deploy_check import ROOT, SECRET

CONFIG = "python:anlaufstelle.gunicorn_conf"


def settings_of(*arguments: str) -> Config:
    argv, sys.argv = sys.argv, ["gunicorn", "-c", CONFIG, *arguments]
    try:
        return WSGIApplication().cfg
    finally:
        sys.argv = argv


def test_the_settings_are_those_the_booking_storm_measures() -> None:
    cfg = settings_of()
    assert cfg.worker_class_str == "gthread"
    assert (cfg.workers, cfg.threads, cfg.worker_connections) == (3, 2, 40)
    assert cfg.wsgi_app == "anlaufstelle.wsgi:application"


def test_command_line_options_win_over_the_file() -> None:
    cfg = settings_of("--workers", "5", "--worker-connections", "200", "anlaufstelle.wsgi")
    assert (cfg.workers, cfg.threads, cfg.worker_connections) == (5, 2, 200)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": "abh.musterstadt.example", "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def test_gunicorn_serves_the_production_application_with_these_settings(tmp_path: Path) -> None:
    port = _free_port()
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "anlaufstelle.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "abh.musterstadt.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", CONFIG, "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                status, body = _get(port, "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not answer:\n" + (tmp_path / "gunicorn.log").read_text())
                time.sleep(0.2)
        assert (status, body) == (200, {"status": "ok", "database": "ok"})
        assert "Using worker: gthread" in (tmp_path / "gunicorn.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
