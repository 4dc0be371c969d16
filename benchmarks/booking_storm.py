"""Booking storm over HTTP on PostgreSQL: 2,000 simultaneous attempts on 100 just-released slots.

gunicorn serves the production settings (``anlaufstelle.settings.bench``: production over plain
HTTP, bot guard and rate limits off) with the production server settings
(``anlaufstelle/gunicorn_conf.py``); an aiohttp client (on uvloop) fires every attempt at
``POST /api/v1/bookings`` at once, 100 in flight, 20 attempts per slot, each with its own
e-mail address. It must end in exactly 100 bookings, 1,900 clean refusals (409) and no server
error, checked again in the database. Targets: p95 <= 300 ms, >= 400 attempts/s (2 cores).

The storm comes three times, a few seconds apart, each on its own 100 slots released at once,
against the same running server (as on a day with several release times). The machine's speed
changes within seconds (its other tenants), and a storm lasts two to four: each storm is
printed, and the targets are judged on the median storm.

In the same run, two floors on the same data shape: the same booking service in-process with
threads (Django without HTTP and middleware), and the contended core of its SQL through psycopg
(look up the taken cells; per free staff member INSERT booking and cell in a savepoint, the
unique key refusing the losers; COMMIT).

The orchestrating process never imports Django, so it runs after other benchmarks; Django
work happens in child processes (``python -m benchmarks.booking_storm setup|inprocess``).
The throwaway database is dropped at the end. Without PostgreSQL on BENCH_POSTGRES_URL
(default: trust auth as postgres on 127.0.0.1:5432) it prints a note and skips.

Tuning by environment: BENCH_WORKERS, BENCH_THREADS, BENCH_WORKER_CONNECTIONS (override the
production settings; threads=1: sync workers), BENCH_ROUNDS (storms, default 3),
BENCH_CONCURRENCY (requests in flight); BENCH_WSGI serves another WSGI application (to try a
change before making it; BENCH_PYTHONPATH is prepended to the server's path).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import datetime as dt
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from anlaufstelle import gunicorn_conf  # settings only: imports no Django
from benchmarks.support import percentile

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
DATABASE = "anlaufstelle_bench_storm"
DATABASE_URL = f"{SERVER}/{DATABASE}"
HOST = "127.0.0.1"  # the tenant's host name, and where gunicorn listens
ROOT = Path(__file__).resolve().parent.parent

STAFF, CELLS = 5, 20  # per group: 5 staff x 20 quarter hours (08:00-13:00) = 100 slots
SLOTS, ATTEMPTS = STAFF * CELLS, 2000
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "100"))
# The server layout is production's (anlaufstelle/gunicorn_conf.py: why three processes of two
# threads, and at most 40 connections each). Measured on 2026-12-07 with the same load generator,
# p95 over several runs each: 3 x 2 160-306 ms (median 215 of 14 runs), 4 x 2 180-320 (median
# 250 of 12), 2 x 4 (the earlier default) 177-329, 2 x 2 200-240, 2 x 3 213-263, 3 x 3 242-317:
# close, within what the machine's speed varies. Sync workers (4 x 1) were slower: a new
# connection for every request. gthread with one thread (6 x 1, 4 x 1): no better.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(gunicorn_conf.workers)))
THREADS = int(os.environ.get("BENCH_THREADS", str(gunicorn_conf.threads)))
WORKER_CONNECTIONS = int(os.environ.get("BENCH_WORKER_CONNECTIONS", str(gunicorn_conf.worker_connections)))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
STORMS = tuple(f"http{n}" for n in range(1, ROUNDS + 1))
GROUPS = (*STORMS, "inprocess", "raw")
WSGI = os.environ.get("BENCH_WSGI", "anlaufstelle.wsgi:application")


# --- Orchestration (no Django in this process) ---------------------------------------------------


def _postgres(dbname: str = "postgres") -> Any:
    import psycopg

    return psycopg.connect(f"{SERVER}/{dbname}", autocommit=True, connect_timeout=3)


def _postgres_reachable() -> bool:
    try:
        with _postgres():
            return True
    except Exception as exc:  # any failure to connect means: skip
        print(f"   PostgreSQL not reachable at {SERVER} ({type(exc).__name__}); skipped")
        return False


def _recreate_database(drop_only: bool = False) -> None:
    with _postgres() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')


def _django_env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "anlaufstelle.settings.bench",
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("BENCH_PYTHONPATH", ""), str(ROOT)])),
    }


def _child(command: str, env: dict[str, str], data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run ``python -m benchmarks.booking_storm <command>``; its last output line is JSON."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.booking_storm", command],
        input=json.dumps(data or {}),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _run(coroutine: Any) -> Any:
    """Run the load generator's ``coroutine`` on uvloop where it is installed: the generator shares
    the two cores with the server, and on uvloop's event loop it takes about a fifth less CPU per
    attempt than on asyncio's (0.24 against 0.30-0.34 ms, four runs each, measured here) - CPU
    the server then has. The p95 moved less than the machine's noise (median 209 against 219 ms)."""
    try:
        import uvloop
    except ImportError:  # not on Windows; asyncio's loop gives the same answers, a little slower
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds per process, from /proc (Linux)."""
    ticks, result = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        result[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return result


def _processes(parent: int | None = None, name: str | None = None) -> list[int]:
    """Processes whose parent is ``parent`` or whose command is ``name``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent or comm == name:
            found.append(int(entry.name))
    return found


def _our_backends() -> list[int]:
    with _postgres(DATABASE) as conn:
        return [row[0] for row in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DATABASE])]


def _start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    kind = ["--threads", str(THREADS)] if THREADS > 1 else ["-k", "sync"]
    command = [sys.executable, "-m", "gunicorn", "-c", "python:anlaufstelle.gunicorn_conf", WSGI]
    command += ["--bind", f"{HOST}:{port}", "--workers", str(WORKERS), *kind]
    command += ["--worker-connections", str(WORKER_CONNECTIONS), "--preload"]
    with log.open("wb") as out:
        # Its own process group, so stopping it stops its workers too (see _stop_server).
        return subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn and every worker: a worker orphaned by a master that did not wait for it
    would otherwise live on and skew the next run."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(server.pid, 0)  # anyone of the group left?
            except ProcessLookupError:
                return
            time.sleep(0.1)


def _wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310 (our own URL)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not become healthy:\n{log.read_text()[-3000:]}")


def _attempts(group: dict[str, Any], seed: int, tag: str = "") -> list[dict[str, Any]]:
    """2,000 bodies, 20 per slot: each start time has STAFF slots, so 20 * STAFF attempts.
    Their e-mail addresses begin with ``storm`` and ``tag``."""
    per_start = ATTEMPTS // len(group["starts"])
    bodies = [
        {
            "service": group["service"],
            "location": group["location"],
            "starts_at": start,
            "given_names": "Bench",
            "family_name": f"Storm {index}",
            "email": f"storm{tag}{index}.{n}@example.org",
            "language": "de",
        }
        for index, start in enumerate(group["starts"])
        for n in range(per_start)
    ]
    random.Random(seed).shuffle(bodies)
    return bodies


async def _storm(base: str, bodies: list[dict[str, Any]]) -> dict[str, Any]:
    import aiohttp

    statuses: collections.Counter[int] = collections.Counter()
    latencies: list[float] = []
    limit = asyncio.Semaphore(CONCURRENCY)
    headers = {"Content-Type": "application/json", "Accept-Language": "de"}
    payloads = [json.dumps(body).encode() for body in bodies]
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as session:

        async def attempt(payload: bytes) -> None:
            async with limit:
                sent = time.perf_counter()
                status = 0  # no answer at all
                try:
                    async with session.post(f"{base}/api/v1/bookings", data=payload, headers=headers) as response:
                        await response.read()
                        status = response.status
                except aiohttp.ClientError:
                    pass
                statuses[status] += 1
                latencies.append((time.perf_counter() - sent) * 1000)
                by_status[status].append(latencies[-1])

        by_status: collections.defaultdict[int, list[float]] = collections.defaultdict(list)
        started = time.perf_counter()
        await asyncio.gather(*(attempt(payload) for payload in payloads))
        seconds = time.perf_counter() - started
    return {"statuses": dict(statuses), "latencies": latencies, "seconds": seconds, "by_status": dict(by_status)}


async def _warm_up(base: str, plan: dict[str, Any]) -> None:
    """What a server that has been running has done: imported everything, opened its connections."""
    import aiohttp

    warm = plan["warmup"]
    body = json.dumps(
        {
            "service": warm["service"],
            "location": warm["location"],
            "starts_at": warm["starts"][0],
            "given_names": "Warm",
            "family_name": "Up",
            "email": "warm@example.org",
        }
    ).encode()
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CONCURRENCY)) as session:

        async def one(n: int) -> None:
            if n % 2:
                async with session.get(f"{base}/api/v1/services/{plan['groups'][STORMS[0]]['service']}/slots") as r:
                    await r.read()
            else:  # a desk-only service: refused by the booking rules (422), nothing written
                async with session.post(f"{base}/api/v1/bookings", data=body, headers=headers) as r:
                    await r.read()

        await asyncio.gather(*(one(n) for n in range(WORKERS * THREADS * 8)))


def _verify(group: dict[str, Any], tag: str) -> dict[str, int]:
    """What the database says after the storm whose addresses begin with ``storm`` and ``tag``."""
    with _postgres(DATABASE) as conn:
        reserved = conn.execute(
            "SELECT count(*) FROM appointments_booking WHERE service_id = %s AND status = 'reserved'",
            [group["service"]],
        ).fetchone()[0]
        double = conn.execute(
            "SELECT count(*) FROM (SELECT staff_id, starts_at FROM appointments_bookingcell "
            "WHERE staff_id = ANY(%s) GROUP BY staff_id, starts_at HAVING count(*) > 1) AS d",
            [group["staff"]],
        ).fetchone()[0]
        staff_twice = conn.execute(
            "SELECT count(*) FROM (SELECT staff_id, starts_at FROM appointments_booking "
            "WHERE service_id = %s AND status = 'reserved' GROUP BY staff_id, starts_at HAVING count(*) > 1) AS d",
            [group["service"]],
        ).fetchone()[0]
        people = conn.execute("SELECT count(*) FROM core_person WHERE email LIKE %s", [f"storm{tag}%"]).fetchone()[0]
        mails = conn.execute(
            "SELECT count(*) FROM core_outboxmessage "
            "WHERE topic = 'appointments.address_check' AND recipients::text LIKE %s",
            [f'%"storm{tag}%'],
        ).fetchone()[0]
    return {
        "reserved": reserved,
        "cells_held_twice": double,
        "staff_booked_twice": staff_twice,
        "people": people,
        "mails": mails,
    }


def _threaded(
    threads: int,
    items: list[Any],
    session: Callable[[], AbstractContextManager[Any]],
    attempt: Callable[[Any, Any], str],
) -> dict[str, Any]:
    """``attempt(state, item)`` for every item on ``threads`` threads, each inside its own ``session()``
    (a connection); returns the outcomes it named, the latencies and the wall time."""
    lock = threading.Lock()
    latencies: list[float] = []
    outcome: collections.Counter[str] = collections.Counter()
    pending = iter(items)

    def worker() -> None:
        with session() as state:
            while True:
                with lock:
                    item = next(pending, None)
                if item is None:
                    return
                started = time.perf_counter()
                result = attempt(state, item)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    outcome[result] += 1

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return {"outcome": dict(outcome), "latencies": latencies, "seconds": time.perf_counter() - started}


def _raw_sql(plan: dict[str, Any], threads: int) -> dict[str, Any]:
    """The contended core of the booking's SQL through psycopg, without Django."""
    import psycopg

    group = plan["groups"]["raw"]
    starts = [dt.datetime.fromisoformat(start) for start in group["starts"]]
    attempts = [(index, starts[index % len(starts)]) for index in range(ATTEMPTS)]
    random.Random(3).shuffle(attempts)

    def attempt(conn: Any, item: tuple[int, dt.datetime]) -> str:
        index, start = item
        with conn.transaction():
            taken = {
                row[0]
                for row in conn.execute(
                    "SELECT staff_id FROM appointments_bookingcell WHERE staff_id = ANY(%s) AND starts_at = %s",
                    [group["staff"], start],
                )
            }
            for staff_id in (s for s in group["staff"] if s not in taken):
                try:
                    with conn.transaction():  # a savepoint, as in the booking service
                        booking = conn.execute(
                            "INSERT INTO appointments_booking (tenant_id, service_id, location_id, staff_id, "
                            "starts_at, ends_at, status, channel, urgency, code, hold_until, created_at, "
                            "origin_network) VALUES (%s, %s, %s, %s, %s, %s, 'reserved', 'online', '', %s, "
                            "now() + interval '20 minutes', now(), '127.0.0.0/24') RETURNING id",
                            [
                                plan["tenant"],
                                group["service"],
                                group["location"],
                                staff_id,
                                start,
                                start + dt.timedelta(minutes=15),
                                f"R{index:07d}",
                            ],
                        ).fetchone()
                        conn.execute(
                            "INSERT INTO appointments_bookingcell (tenant_id, booking_id, staff_id, starts_at, hold) "
                            "VALUES (%s, %s, %s, %s, 'booking')",
                            [plan["tenant"], booking[0], staff_id, start],
                        )
                    return "booked"
                except psycopg.errors.UniqueViolation:
                    continue
        return "refused"

    return _threaded(threads, attempts, lambda: psycopg.connect(DATABASE_URL, autocommit=True), attempt)


def _send(child: subprocess.Popen[str], line: str) -> None:
    assert child.stdin is not None
    child.stdin.write(line + "\n")
    child.stdin.flush()


def _receive(child: subprocess.Popen[str]) -> str:
    assert child.stdout is not None
    return child.stdout.readline().strip()


def _in_processes(env: dict[str, str], plan: dict[str, Any], log: Path) -> dict[str, Any]:
    """The booking service without HTTP in as many processes and threads as gunicorn has, all
    starting together once Django is set up in each."""
    with log.open("w") as errors:
        children = [
            subprocess.Popen(
                [sys.executable, "-m", "benchmarks.booking_storm", "inprocess"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                env=env,
                cwd=ROOT,
            )
            for _ in range(WORKERS)
        ]
    for part, child in enumerate(children):
        _send(child, json.dumps({**plan, "part": part, "parts": WORKERS, "threads": THREADS}))
    if any(_receive(child) != "ready" for child in children):
        raise RuntimeError(f"in-process benchmark failed to start:\n{log.read_text()[-3000:]}")
    started = time.perf_counter()
    for child in children:
        _send(child, "go")
    results = [_receive(child) for child in children]
    seconds = time.perf_counter() - started
    if any(child.wait(timeout=120) != 0 for child in children) or not all(results):
        raise RuntimeError(f"in-process benchmark failed:\n{log.read_text()[-3000:]}")
    outcome: collections.Counter[str] = collections.Counter()
    for result in map(json.loads, results):
        outcome.update(result["outcome"])
    return {
        "outcome": dict(outcome),
        "latencies": [ms for result in map(json.loads, results) for ms in result["latencies"]],
        "seconds": seconds,
    }


def _line(name: str, seconds: float, latencies: list[float]) -> str:
    return (
        f"   {name:44s} {ATTEMPTS / seconds:7.0f} attempts/s  "
        f"p50 {percentile(latencies, 50):7.1f} ms  p95 {percentile(latencies, 95):7.1f} ms"
    )


def _storm_once(base: str, server: subprocess.Popen[bytes], plan: dict[str, Any], storm: str) -> dict[str, Any]:
    """One storm on the slots of group ``storm``: the answers, the CPU it cost and the database after it."""
    app = [server.pid, *_processes(parent=server.pid)]
    before = _cpu_seconds(app) | _cpu_seconds(_processes(name="postgres"))
    client_before = time.process_time()
    tag = f"{storm.removeprefix('http')}-"
    http = _run(_storm(base, _attempts(plan["groups"][storm], seed=1, tag=tag)))
    client_cpu = time.process_time() - client_before
    after_app, after_db = _cpu_seconds(app), _cpu_seconds(_our_backends())
    http["cpu"] = {
        "app": sum(after_app.values()) - sum(before.get(pid, 0) for pid in after_app),
        "db": sum(after_db.values()) - sum(before.get(pid, 0) for pid in after_db),
        "client": client_cpu,
    }
    http["database"] = _verify(plan["groups"][storm], tag)
    statuses = collections.Counter({int(k): v for k, v in http["statuses"].items()})
    http["statuses"] = statuses
    http["server_errors"] = sum(v for k, v in statuses.items() if k >= 500 or k == 0)
    http["rate"] = ATTEMPTS / http["seconds"]
    http["p95"] = percentile(http["latencies"], 95)
    return http


def _correct(http: dict[str, Any]) -> bool:
    statuses, database = http["statuses"], http["database"]
    return (
        statuses[201] == SLOTS
        and statuses[409] == ATTEMPTS - SLOTS
        and http["server_errors"] == 0
        and database["reserved"] == SLOTS
        and database["cells_held_twice"] == database["staff_booked_twice"] == 0
        and database["people"] == SLOTS
    )


def _report(number: int, http: dict[str, Any]) -> None:
    statuses, database = http["statuses"], http["database"]
    print(
        f"   storm {number}: {statuses[201]} x 201, {statuses[409]} x 409, {statuses[422]} x 422, "
        f"{statuses[429]} x 429, {http['server_errors']} x 5xx/none; database: {database['reserved']} reserved, "
        f"{database['cells_held_twice']} cells held twice, {database['staff_booked_twice']} staff booked twice "
        f"in one cell, {database['people']} people, {database['mails']} address-check mails"
    )
    print(_line(f"HTTP POST /api/v1/bookings, storm {number}", http["seconds"], http["latencies"]))
    # Where the tail comes from: a booking costs several refusals, and most of the first 100
    # attempts win, so whoever arrives with them waits longest.
    print(
        "     by answer: "
        + ", ".join(
            f"{status}: p50 {percentile(values, 50):.0f} ms, p95 {percentile(values, 95):.0f} ms"
            for status, values in sorted(http["by_status"].items())
            if len(values) > 1
        )
    )
    per = {part: seconds * 1000 / ATTEMPTS for part, seconds in http["cpu"].items()}
    cores = os.cpu_count() or 1
    print(
        f"     CPU per attempt: app {per['app']:.1f} ms, PostgreSQL {per['db']:.1f} ms, "
        f"load generator {per['client']:.1f} ms -> {cores} cores allow at most "
        f"{cores * 1000 / sum(per.values()):.0f} attempts/s"
    )


def main() -> dict[str, float]:
    if not _postgres_reachable():
        return {}
    load = os.getloadavg()
    _recreate_database()
    env = _django_env()
    logs = Path(tempfile.mkdtemp(prefix="bench-storm-"))
    log = logs / "gunicorn.log"
    storms: list[dict[str, Any]] = []
    try:
        plan = _child("setup", env)
        port = _free_port()
        base = f"http://{HOST}:{port}"
        server = _start_server(env, port, log)
        try:
            _wait_healthy(base, server, log)
            _run(_warm_up(base, plan))
            for storm in STORMS:
                if storms:
                    time.sleep(2)  # the storm before it has ended: its connections are closed
                storms.append(_storm_once(base, server, plan, storm))
        finally:
            _stop_server(server)
        handlers = WORKERS * THREADS
        in_process = _in_processes(env, plan, logs / "inprocess.log")
        raw = _raw_sql(plan, handlers)
    finally:
        _recreate_database(drop_only=True)

    kind = f"{WORKERS} processes x {THREADS} threads, at most {WORKER_CONNECTIONS} connections each"
    print(
        f"   PostgreSQL, target day {plan['day']}, {ROUNDS} storms of {ATTEMPTS} attempts on {SLOTS} slots each, "
        f"{CONCURRENCY} in flight; gunicorn {'gthread' if THREADS > 1 else 'sync'}, {kind}; load average before "
        f"{load[0]:.1f} (other work on this machine skews the timings, not the CPU figures)"
    )
    for number, http in enumerate(storms, 1):
        _report(number, http)
    print(_line(f"booking_reserve, no HTTP ({WORKERS} x {THREADS})", in_process["seconds"], in_process["latencies"]))
    print(_line(f"contended SQL via psycopg ({handlers} threads)", raw["seconds"], raw["latencies"]))
    in_process_rate, raw_rate = ATTEMPTS / in_process["seconds"], ATTEMPTS / raw["seconds"]
    print(
        f"   in-process: {in_process['outcome']}; raw: {raw['outcome']}; "
        f"SQL statements per booking_reserve: {plan['queries']['booked']} booked, {plan['queries']['refused']} refused"
    )
    median = sorted(storms, key=lambda http: http["p95"])[len(storms) // 2]
    rate, p95 = statistics.median(http["rate"] for http in storms), median["p95"]
    p95s = ", ".join(f"{http['p95']:.0f}" for http in storms)
    rates = ", ".join(f"{http['rate']:.0f}" for http in storms)
    print(f"   p95 of the storms: {p95s} ms; attempts/s: {rates}")
    print(
        f"   ratio HTTP (median storm) / raw SQL rate {rate / raw_rate:.3f}, "
        f"HTTP / in-process {rate / in_process_rate:.2f}"
    )
    print(
        f"   target p95 <= 300 ms (median storm {p95:.0f} ms): {'ok' if p95 <= 300 else 'ABOVE TARGET'}; "
        f">= 400 attempts/s (median {rate:.0f}): {'ok' if rate >= 400 else 'BELOW TARGET'}"
    )
    floors = in_process["outcome"].get("booked") == raw["outcome"].get("booked") == SLOTS
    correct = all(map(_correct, storms)) and floors
    if not correct:
        raise RuntimeError(f"booking storm: wrong outcome (logs: {logs})")
    shutil.rmtree(logs, ignore_errors=True)
    cpu = median["cpu"]
    return {
        "http attempts/s": rate,
        "http p50 ms": percentile(median["latencies"], 50),
        "http p95 ms": p95,
        "app cpu ms per attempt": cpu["app"] * 1000 / ATTEMPTS,
        "db cpu ms per attempt": cpu["db"] * 1000 / ATTEMPTS,
        "in-process attempts/s": in_process_rate,
        "raw attempts/s": raw_rate,
    }


# --- Child processes (Django) --------------------------------------------------------------------


def _setup(_data: dict[str, Any]) -> dict[str, Any]:
    """Migrate; one tenant on 127.0.0.1, one location, and per group a service with 5 staff whose
    only bookable day (tomorrow, or the next day that is not a public holiday) has 100 free slots."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from anlaufstelle.appointments.models import Location, Service, WeeklyAvailability
    from anlaufstelle.appointments.selectors import public_holidays, slots_free
    from anlaufstelle.appointments.services import Contact, SlotUnavailable, booking_reserve
    from anlaufstelle.core.models import Role, Section, Tenant, User
    from anlaufstelle.core.tenancy import all_tenants, tenant_context

    call_command("migrate", verbosity=0)
    with all_tenants():
        tenant = Tenant.objects.create(slug="bench-storm", name="Bench", name_de="Bench", hostnames=HOST)
    today = timezone.localdate()
    day = today + dt.timedelta(days=1)
    while day in public_holidays(federal_state=tenant.federal_state, day_from=day, day_to=day):
        day += dt.timedelta(days=1)
    ahead = (day - today).days
    plan: dict[str, Any] = {"tenant": tenant.pk, "day": day.isoformat(), "groups": {}}
    with tenant_context(tenant), transaction.atomic():
        section = Section.objects.create(code="BS", name="Bench", name_de="Bench")
        location = Location.objects.create(name="Bench", name_de="Bench")
        for group, staff_count, mode in (
            *((name, STAFF, Service.BookingMode.ONLINE) for name in GROUPS),
            ("probe", 1, Service.BookingMode.ONLINE),
            ("warmup", 1, Service.BookingMode.DESK),
        ):
            staff = User.objects.bulk_create(
                User(username=f"{group}-{n}", role=Role.CASEWORKER, tenant=tenant) for n in range(staff_count)
            )
            WeeklyAvailability.objects.bulk_create(
                WeeklyAvailability(
                    staff=member,
                    location=location,
                    weekday=day.weekday(),
                    starts=dt.time(8),
                    ends=dt.time(13),
                    valid_from=today,
                    tenant=tenant,
                )
                for member in staff
            )
            service = Service.objects.create(
                section=section,
                name=f"Bench {group}",
                name_de=f"Bench {group}",
                duration_minutes=15,
                booking_mode=mode,
                earliest_days=ahead,
                latest_days=ahead,
                release_time=dt.time(0),
            )
            service.qualified_staff.set(staff)
            slots = slots_free(service=service, location=location, day_from=day, day_to=day)
            entry = {
                "service": service.pk,
                "location": location.pk,
                "staff": [member.pk for member in staff],
                "starts": [timezone.localtime(slot.starts_at).isoformat() for slot in slots],
            }
            if group in GROUPS:
                assert sum(slot.capacity for slot in slots) == SLOTS, "expected exactly 100 free slots"
                plan["groups"][group] = entry
            else:
                plan[group] = entry
    with tenant_context(tenant):
        probe = Service.objects.get(pk=plan["probe"]["service"])
        start = dt.datetime.fromisoformat(plan["probe"]["starts"][0])
        counts = {}
        for outcome, email in (("booked", "probe1@example.org"), ("refused", "probe2@example.org")):
            with CaptureQueriesContext(connection) as queries, contextlib.suppress(SlotUnavailable):
                booking_reserve(
                    service=probe,
                    location=location,
                    starts_at=start,
                    contact=Contact(given_names="Probe", family_name="Probe", email=email),
                )
            counts[outcome] = len(queries)
        plan["queries"] = counts
    return plan


def _inprocess() -> None:
    """Child: its share of the attempts on the booking service with threads, after a "go"."""
    import django

    django.setup()
    from django.db import connection

    from anlaufstelle.appointments.models import Location, Service
    from anlaufstelle.appointments.services import BookingError, Contact, SlotUnavailable, booking_reserve
    from anlaufstelle.core.models import Tenant
    from anlaufstelle.core.tenancy import tenant_context

    data = json.loads(sys.stdin.readline())
    tenant = Tenant.objects.get(pk=data["tenant"])
    group = data["groups"]["inprocess"]
    with tenant_context(tenant):
        service = Service.objects.get(pk=group["service"])
        location = Location.objects.get(pk=group["location"])
    connection.close()
    bodies = _attempts(group, seed=2)[data["part"] :: data["parts"]]

    @contextlib.contextmanager
    def session() -> Iterator[None]:
        with tenant_context(tenant):
            yield
        connection.close()

    def attempt(_state: None, body: dict[str, Any]) -> str:
        try:
            booking_reserve(
                service=service,
                location=location,
                starts_at=dt.datetime.fromisoformat(body["starts_at"]),
                contact=Contact(given_names="Bench", family_name=body["family_name"], email=body["email"]),
                origin_network="127.0.0.0/24",
            )
        except SlotUnavailable:
            return "refused"
        except BookingError:
            return "other refusal"
        return "booked"

    print("ready", flush=True)
    sys.stdin.readline()
    print(json.dumps(_threaded(int(data["threads"]), bodies, session, attempt)), flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["setup"]:
        print(json.dumps(_setup(json.loads(sys.stdin.read() or "{}"))))
    elif sys.argv[1:] == ["inprocess"]:
        _inprocess()
    else:
        main()
