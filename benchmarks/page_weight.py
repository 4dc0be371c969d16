"""Page weight: the bytes a newcomer's phone downloads for the start page, first visit.

Starts its own production-like server (gunicorn, production settings, collected and
compressed static files served by WhiteNoise) on a temporary SQLite database with the demo
city, opens the start page in Chromium with an empty cache and adds up the bytes that went
over the wire for every request (Chrome DevTools ``Network.loadingFinished``:
``encodedDataLength``, i.e. compressed bodies plus headers). The baseline from the same
run is the bare HTML document; the ratio says how much the page costs beyond its HTML.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("ANLAUFSTELLE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TARGET_BYTES = 100 * 1024
DEMO_SEED = ("demo_city", "--seed", "42")
DEMO_TENANT = "musterstadt"  # served on 127.0.0.1 as the default tenant
PAGES = {"start page": "/", "Arabic start page": "/ar/"}


def measure(base_url: str, path: str = "/") -> dict[str, Any]:
    """Open ``base_url + path`` in Chromium with a fresh cache; bytes over the network.

    Returns ``total_bytes``, ``requests``, ``document_bytes`` (the HTML alone),
    ``bytes_by_type`` (Document, Stylesheet, Font, Script, Image, ...) and, per request,
    its URL, type, status, content encoding and bytes.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            requests: dict[str, dict[str, Any]] = {}

            def sent(event: dict[str, Any]) -> None:
                if not event["request"]["url"].startswith("data:"):  # inline, never on the network
                    requests[event["requestId"]] = {"url": event["request"]["url"], "type": event.get("type", "Other")}

            def received(event: dict[str, Any]) -> None:
                if event["requestId"] not in requests:
                    return
                headers = {name.lower(): value for name, value in event["response"]["headers"].items()}
                requests[event["requestId"]].update(
                    type=event["type"],
                    status=event["response"]["status"],
                    encoding=headers.get("content-encoding", "identity"),
                )

            def finished(event: dict[str, Any]) -> None:
                if event["requestId"] in requests:
                    requests[event["requestId"]]["bytes"] = int(event["encodedDataLength"])

            cdp.on("Network.requestWillBeSent", sent)
            cdp.on("Network.responseReceived", received)
            cdp.on("Network.loadingFinished", finished)
            response = page.goto(base_url + path, wait_until="networkidle")
            if response is None or response.status != 200:
                raise RuntimeError(f"{base_url}{path} answered {response.status if response else 'nothing'}")
            context.close()
        finally:
            browser.close()

    loaded = [request for request in requests.values() if "bytes" in request]
    failed = [request["url"] for request in requests.values() if "bytes" not in request]
    if failed:
        raise RuntimeError(f"requests that did not finish: {failed}")
    by_type: dict[str, int] = defaultdict(int)
    for request in loaded:
        by_type[request["type"]] += request["bytes"]
    return {
        "url": base_url + path,
        "total_bytes": sum(by_type.values()),
        "requests": len(loaded),
        "document_bytes": sum(r["bytes"] for r in loaded if r["type"] == "Document"),
        "bytes_by_type": dict(sorted(by_type.items(), key=lambda item: -item[1])),
        "resources": loaded,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_environment(var_dir: Path) -> dict[str, str]:
    """Production settings on a throw-away SQLite file; the demo city answers on any host."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SQLITE_NAME"}}
    env.update(
        DJANGO_SETTINGS_MODULE="anlaufstelle.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        ANLAUFSTELLE_VAR_DIR=str(var_dir),
        ANLAUFSTELLE_DEFAULT_TENANT=DEMO_TENANT,
        SQLITE_NAME="page-weight.sqlite3",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


@contextmanager
def production_server(seed: Sequence[str] = DEMO_SEED) -> Iterator[str]:
    """Migrate and seed a temporary database (development settings: the demo loader runs in
    demo mode only), collect the static files, then serve the site with gunicorn and the
    production settings; yields the base URL."""
    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp:
        var_dir = Path(tmp)
        built = BASE_DIR / "var" / "build"
        if built.exists():  # the subset fonts of `make assets`; reuse instead of rebuilding
            (var_dir / "build").symlink_to(built, target_is_directory=True)
        env = _server_environment(var_dir)
        demo_env = {**env, "DJANGO_SETTINGS_MODULE": "anlaufstelle.settings.dev", "ANLAUFSTELLE_DEMO_MODE": "1"}
        if not built.exists():
            _manage(demo_env, "build_assets")
        _manage(demo_env, "migrate", "--noinput", "-v", "0")
        _manage(demo_env, *seed)
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        log = (var_dir / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "anlaufstelle.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(base_url, server, var_dir / "gunicorn.log")
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def _wait_until_healthy(base_url: str, server: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # noqa: S310 (own server)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{log.read_text()}")


def report(name: str, result: dict[str, Any]) -> None:
    ratio = result["total_bytes"] / result["document_bytes"]
    verdict = "ok" if result["total_bytes"] < TARGET_BYTES else "OVER TARGET"
    print(
        f"{name}: {result['total_bytes']} bytes transferred in {result['requests']} requests "
        f"(target < {TARGET_BYTES}) {verdict}"
    )
    print(f"  baseline, HTML document alone: {result['document_bytes']} bytes; page/document = {ratio:.1f}x")
    print("  by type: " + ", ".join(f"{kind} {size}" for kind, size in result["bytes_by_type"].items()))
    for resource in result["resources"]:
        path = resource["url"].split("/", 3)[-1]
        print(
            f"    {resource['bytes']:>7}  {resource['status']} {resource['type']:<10} {resource['encoding']:<8} /{path}"
        )


def main(seed: Sequence[str] = DEMO_SEED) -> dict[str, dict[str, Any]]:
    results = {}
    with production_server(seed) as base_url:
        for name, path in PAGES.items():
            results[name] = measure(base_url, path)
            report(name, results[name])
    return results


if __name__ == "__main__":
    main()
