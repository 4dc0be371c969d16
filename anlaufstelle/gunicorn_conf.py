"""gunicorn settings for production, the same the booking storm measures.

    gunicorn -c python:anlaufstelle.gunicorn_conf anlaufstelle.wsgi --bind 127.0.0.1:8000

Options given on the command line or in ``GUNICORN_CMD_ARGS`` take precedence over these.

- Threads (gthread), three processes of two threads for two cores: a request is CPU-bound
  Python interleaved with waits on PostgreSQL (about a third of its time); while one thread
  waits, the other thread of its process or another process runs. With more cores, about
  three processes per two cores.
- At most 40 connections per process. A gthread worker accepts every connection it sees
  while it has room, and each process serves its own connections only: when many
  keep-alive clients connect at once, the process that wakes first can take twice the share of
  the others, and its clients wait twice as long. With a cap, the connections spread over the
  processes, and a connection beyond them waits in the shared listen queue for whichever
  process has room first. Three processes take 120 connections; raise ``--worker-connections``
  when more clients than that keep connections open at once (a reverse proxy with upstream
  keep-alive counts its pool). Measured 2026-12-07 with 100 keep-alive clients in flight: on a
  WSGI application that spends 1.5 ms per request, p95 227-245 ms without the cap and 135-160 ms
  with it, at the same rate (about 930 requests/s); in the booking storm, where the machine's
  own noise is larger, the refusals' p95 was 203-233 ms without and 143-183 ms with it in three
  interleaved pairs of runs, and 176-301 against 139-297 ms in one pair of runs of five storms.
"""

from __future__ import annotations

wsgi_app = "anlaufstelle.wsgi:application"
worker_class = "gthread"
workers = 3
threads = 2
worker_connections = 40
backlog = 2048
