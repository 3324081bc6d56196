# Two entry points: `make demo` (the service on real data) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000
VINTAGES ?= ../shared/data/ons-els-vintages
# pytest-xdist workers for `make test`: one per core; each gets its own test database and cache key prefix.
TEST_WORKERS ?= auto
# The demo's first report uses the vintages published up to this date; the rest arrive before the second.
FIRST_REPORT_AS_OF ?= 2025-03-31

.PHONY: demo test install lint serve data static

$(BIN)/activate: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

install: $(BIN)/activate static

# The GOV.UK Design System styles, compiled from npm packages (package-lock.json) into tracker/static/app.css.
static: package-lock.json tracker/scss/app.scss
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

data: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_missions
	$(MANAGE) load_areas
	$(MANAGE) create_demo_users
	@# Older releases first, in publication order, then the current snapshot: every revision is kept. A first
	@# report (illustrative commentary, approved by a second user) is published on the vintages up to
	@# FIRST_REPORT_AS_OF; the later vintages and the snapshot then revise and extend its figures, and a second
	@# report lists what moved and what was revised since the first.
	@for day in $$(ls $(VINTAGES) | sort); do [ "$$day" \> "$(FIRST_REPORT_AS_OF)" ] && continue; \
		for folder in $(VINTAGES)/$$day/*/; do $(MANAGE) ingest --path $$folder --release-date $$day || exit 1; done; done
	$(MANAGE) publish_demo_report --as-of $(FIRST_REPORT_AS_OF)
	@for day in $$(ls $(VINTAGES) | sort); do [ "$$day" \> "$(FIRST_REPORT_AS_OF)" ] || continue; \
		for folder in $(VINTAGES)/$$day/*/; do $(MANAGE) ingest --path $$folder --release-date $$day || exit 1; done; done
	@# A few snapshot folders are refused on purpose (bad rows, another layout); their reasons are printed.
	-$(MANAGE) ingest --all
	@# Method version 1 first (kept for comparison at /methodology/compare/), then the newest, which the pages show.
	$(MANAGE) assess --method 1 > /dev/null
	$(MANAGE) assess
	$(MANAGE) publish_demo_report
	$(MANAGE) build_downloads
	$(MANAGE) collectstatic --noinput --verbosity 0

demo: data
	@echo "The demo logins are printed above."
	@echo "Serving on http://$(HOST)/ (admin at http://$(HOST)/admin/)"
	$(MANAGE) runserver --insecure $(HOST)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	@# The deployment checklist must be clean under production settings.
	DJANGO_PRODUCTION=true DJANGO_ALLOWED_HOSTS=monitor.example.org \
	DJANGO_SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(60))") \
	$(MANAGE) check --deploy --fail-level WARNING

test: lint
	$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) --dist load
