# Xmi storefront. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails point here; `make run` serves exactly this address.
SITE_URL ?= http://$(HOST):$(PORT)
# make test runs the SQLite suite on two pytest-xdist workers (an idle 2-core machine: 58 s instead of 94 s
# for the suite of 2026-11); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
BACKUP_DIR ?= backups

.DEFAULT_GOAL := help
.PHONY: help install install-dev frontend browser run demo test test-postgres lint messages schema bench bench-checkout clean backup restore fuzz

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Install the runtime dependencies into .venv

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend: frontend/node_modules/.installed ## Build the storefront (TypeScript, types from the OpenAPI snapshot) into frontend/dist
	cd frontend && npm run --silent build

browser: ## Install Debian's Chromium for the browser tests when it is missing (needs root)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || echo "Chromium missing and not root: browser tests will be skipped"

install-dev: $(VENV)/.installed-dev ## Install runtime, test and lint dependencies into .venv

demo: install ## Migrate and load the demo content of demo/ (home pages, policies, catalogue; idempotent)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo

run: demo frontend ## Install everything, load demo content and start the shop
	@echo ""
	@echo "  Storefront:  http://$(HOST):$(PORT)/"
	@echo "  Admin:       http://$(HOST):$(PORT)/admin/"
	@echo "  API docs:    http://$(HOST):$(PORT)/api/v1/docs/"
	@echo ""
	@$(PY) manage.py load_demo --logins | sed 's/^/  /'
	@echo ""
	@echo "  Background worker (order emails, carrier hand-offs) runs beside the server; Ctrl-C stops both."
	SITE_URL=$(SITE_URL) $(PY) manage.py db_worker --backend background --no-reload -v0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install-dev ## ruff check + format check, the import contracts (pyproject.toml), models agree with migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint frontend browser ## Install and run every check: lint, migrations, storefront build, the test suite on SQLite
	$(VENV)/bin/pytest -m "not postgres" -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Each xdist worker has its own test database and, with REDIS_URL=.../N, its own Redis database
# (N, N-1, ...: config/settings/test.py). On the 2-core CI machine: 6.5 min instead of 23 serially.
test-postgres: install-dev frontend browser ## The whole suite on PostgreSQL, postgres-marked tests included; needs DATABASE_URL=postgres://...
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must point at PostgreSQL"; exit 2;; esac
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

messages: install-dev ## Collect translatable strings into locale/{fi,et} and compile them (translate the new ones)
	$(PY) manage.py makemessages -l fi -l et --ignore=.venv --ignore=frontend --ignore=tests --ignore=var --ignore=bench
	$(PY) manage.py compilemessages -l fi -l et --ignore=.venv

schema: install-dev ## Refresh the OpenAPI snapshot in tests/ after an intended API change
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --file tests/openapi-schema.yaml --validate --fail-on-warn

bench: install-dev ## Benchmarks (bench/run.py): ratios to a bare Django view, 100 and 10,000 products; BENCH_ARGS="--duration 5"
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null; } \
		|| echo "wrk not installed (apt-get install wrk): falling back to a Python client, no register row"
	$(PY) bench/run.py $(BENCH_ARGS)

bench-checkout: install-dev ## Cart add-line and checkout throughput under gunicorn; needs DATABASE_URL=postgres://... (a scratch database)
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "DATABASE_URL must point at a scratch PostgreSQL database"; exit 2;; esac
	$(PY) bench/checkout.py $(BENCH_ARGS)

FUZZ_EXAMPLES ?= 100
FUZZ_SEED ?= 20261201
fuzz: install-dev ## Long schemathesis run, all checks, anonymous + shopper, on a fresh SQLite DB (or an empty FUZZ_DATABASE_URL)
	$(PY) -m tests.reliability.fuzz --examples $(FUZZ_EXAMPLES) --seed $(FUZZ_SEED) $(if $(FUZZ_DATABASE_URL),--database-url $(FUZZ_DATABASE_URL))

backup: install ## Dump PostgreSQL (DATABASE_URL), media and the erasure log into backups/<UTC time>/
	PY=$(PY) deploy/backup.sh $(BACKUP_DIR)

restore: install ## Restore BACKUP=backups/<time> into DATABASE_URL, then re-apply later erasures and verify receipts
	PY=$(PY) deploy/restore.sh $(BACKUP)

clean: ## Remove the virtual environment, local database and media
	rm -rf $(VENV) var staticfiles

# --- Catalogue benchmarks (issue 5) ---------------------------------------------------------------
BENCH_10K_VAR ?= var/bench-10000
.PHONY: catalog-10k
catalog-10k: install ## Demo shop + 10,000 generated products (demo/generate.py) in $(BENCH_10K_VAR) (used by make bench)
	VAR_DIR=$(BENCH_10K_VAR) $(PY) manage.py migrate --noinput -v0
	VAR_DIR=$(BENCH_10K_VAR) $(PY) manage.py load_demo
	VAR_DIR=$(BENCH_10K_VAR) $(PY) manage.py generate_catalog --total 10000
