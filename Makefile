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
MANUAL ?= ../shared/data/manual
CULTURE_REASON := Demo review: six values lie outside their own published 95% intervals; they are held back and every \
	other value is accepted until the publisher corrects them.
FDI_REASON := Demo review: rows with the area code "na" name no area; they are held back and every other value is \
	accepted.
export CULTURE_REASON FDI_REASON DEVOLUTION_CITATION
DEVOLUTION_CITATION := Department for Levelling Up, Housing and Communities, press release, 26 January 2024 \
	("devolution deals now cover 60% of England's population, up from 41% at the White Paper")

.PHONY: demo test install lint lint-ruff lint-migrations lint-deploy serve data static

$(BIN)/activate: requirements.txt
	$(PYTHON) -m venv $(VENV)
	@# uv installs the same requirements from the same index as pip, several times faster (about 15 s instead of 75 s).
	@# Unlike pip it compiles no bytecode unless asked: without it (and with PYTHONDONTWRITEBYTECODE set, as on CI
	@# machines) every process compiles pandas, scipy and Django again, about 8 s before a worker or command starts.
	$(BIN)/pip install --quiet 'uv>=0.5'
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.txt
	touch $(BIN)/activate

install: $(BIN)/activate static
	@# The project's own bytecode too (a second; stale files are simply recompiled in memory).
	@$(BIN)/python -m compileall -q -j 0 tracker missions reports bench manage.py

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
	@# Three snapshot folders are refused (reasons printed). Two only for a few bad rows: an analyst accepts each with
	@# exactly those rows held back, and a second person confirms, as in the admin (README: reviewing a quarantined
	@# release). The third (small-area GVA, another layout) is a whole-file error and stays refused.
	-$(MANAGE) ingest --all
	$(MANAGE) review_release --source engagement-with-culture-and-heritage --accept --hold-back --as analyst --if-present \
		--reason "$$CULTURE_REASON"
	$(MANAGE) confirm_release --source engagement-with-culture-and-heritage --as approver --if-present
	$(MANAGE) review_release --source foreign-direct-investment --accept --hold-back --as analyst --if-present \
		--reason "$$FDI_REASON"
	$(MANAGE) confirm_release --source foreign-direct-investment --as approver --if-present
	@# Official figures without a feed, entered by hand with their citation and confirmed by a second person.
	$(MANAGE) enter_data $(MANUAL)/devolution-deal-population-coverage.csv --release-date 2024-01-26 --as analyst \
		--citation "$$DEVOLUTION_CITATION"
	$(MANAGE) confirm_release --source devolution-deal-population-coverage --as approver --if-present
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

# The checks are independent and each Django one spends seconds importing the project: run them side by side.
lint: install
	@$(MAKE) --no-print-directory -j3 lint-ruff lint-migrations lint-deploy

lint-ruff:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint-migrations:
	$(MANAGE) makemigrations --check --dry-run

# The deployment checklist must be clean under production settings.
lint-deploy:
	DJANGO_PRODUCTION=true DJANGO_ALLOWED_HOSTS=monitor.example.org \
	DJANGO_SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(60))") \
	$(MANAGE) check --deploy --fail-level WARNING

test: lint
	$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) --dist load --durations=30
