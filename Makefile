# make run  — set up and serve the demo on SQLite (fixtures and demo users loaded): gunicorn + the task worker
# make test — set up and run the whole suite (ruff, migrations check, pytest incl. Chromium tests)
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres make test  runs it on PostgreSQL.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the app and its tests use: Chromium for browser tests, poppler (pdfunite joins the Buku SOP, the
# tests read PDFs back), fonts for PDFs, zbar-tools to read QR codes back from rendered pages, LibreOffice Calc
# (headless) to open the XLSX exports.
APT_PACKAGES := chromium poppler-utils fonts-dejavu-core zbar-tools libreoffice-calc-nogui

.PHONY: run test lint system-deps demo clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

system-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Memasang paket sistem:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Pasang dulu (sebagai root): apt-get install -y --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi

DEMO := DJANGO_SETTINGS_MODULE=sakip.settings.demo

demo: $(VENV)/.installed
	SIGNING_PUBLIC_URL=http://$(HOST):$(PORT) $(DEMO) $(PY) manage.py setup_demo

run: demo
	$(DEMO) $(PY) manage.py run_demo --bind $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: system-deps $(VENV)/.installed lint
	DJANGO_SETTINGS_MODULE=sakip.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=sakip.settings.test $(PY) manage.py check
	$(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
