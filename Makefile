# Anlaufstelle: the two commands are `make demo` and `make test`; everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test bench lint install install-python install-node assets messages serve worker clean

# --- Set-up (idempotent, re-run only when the inputs changed) ---------------------------
$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || (echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/build/fonts/fonts.css: $(VENV)/.installed node_modules/.installed anlaufstelle/core/management/commands/build_assets.py
	$(MANAGE) build_assets

install-python: $(VENV)/.installed
install-node: node_modules/.installed
assets: var/build/fonts/fonts.css
install: install-python install-node assets messages

# Compiled gettext catalogues (.mo) are build output, made from the committed .po files.
messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

# --- The two commands -------------------------------------------------------------------
demo: install
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) demo_city --seed 42
	@echo "Serving on http://$(HOST):$(PORT)/ (task worker and scheduler run alongside; Ctrl+C stops all)"
	@trap 'kill 0' EXIT; \
	  $(MANAGE) db_worker --no-reload -v 0 & \
	  $(MANAGE) run_scheduler >/dev/null & \
	  $(MANAGE) runserver --noreload $(HOST):$(PORT)

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# --- Supporting commands ----------------------------------------------------------------
bench: install
	$(PY) -m benchmarks

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy anlaufstelle
	$(VENV)/bin/djlint anlaufstelle/*/templates anlaufstelle/templates --lint

worker: install
	$(MANAGE) db_worker

clean:
	rm -rf $(VENV) node_modules var
