# The knowledge-site generator. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs
ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE must be one of: $(ENGINES))
endif
export PYTHONPATH := hooks
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

.PHONY: venv
venv: $(VENV)/.installed ## Create .venv with the pinned dependencies

.PHONY: site
site: venv ## Build the site into site/ (works offline); ENGINE=properdocs builds it with ProperDocs
	$(PY) -m $(ENGINE) build --strict --config-file mkdocs.yml

.PHONY: offline
offline: venv ## Build the offline copy (opens from disk, search included) and zip it as site-offline.zip
	rm -rf site-offline site-offline.zip
	OFFLINE=true $(PY) -m $(ENGINE) build --strict --config-file mkdocs.yml --site-dir site-offline
	$(PY) -c "import shutil; shutil.make_archive('site-offline', 'zip', 'site-offline')"
	@echo "site-offline.zip: unzip anywhere and open index.html"

# The published site: the offline copy first (built without KB_SITE_URL: it is opened from disk), then the site,
# told the zip's size for its "Download the offline copy" links (KB_OFFLINE_BYTES), with the zip copied beside it.
.PHONY: publish
publish: venv ## Build the offline copy, then site/ with site-offline.zip in it and its size on the home and about pages
	KB_SITE_URL= $(MAKE) offline
	KB_OFFLINE_BYTES=$$($(PY) -c "import os; print(os.path.getsize('site-offline.zip'))") \
	  $(PY) -m $(ENGINE) build --strict --config-file mkdocs.yml
	cp site-offline.zip site/

.PHONY: serve
serve: venv ## Preview on http://127.0.0.1:8000, rebuilding when kb/ or docs/ change (KB_LANGUAGES="en ja" adds /ja/)
	KB_LANGUAGES="$${KB_LANGUAGES:-en}" $(PY) -m $(ENGINE) serve --config-file mkdocs.yml --dirty --no-strict --dev-addr 127.0.0.1:8000

.PHONY: check
check: venv ## Validate kb/, print every problem as path:line:col: field: message, and the translation report; STRICT_I18N=1 fails on stale translations
	$(PY) -m kbsite check $(if $(STRICT_I18N),--strict-i18n)

.PHONY: translated
translated: venv ## Record that translations are made from the present English: new ones, and stale ones in FILES=kb/x/y.yml ...
	$(PY) -m kbsite translated $(FILES)

.PHONY: new
new: venv ## Start a record: make new KIND=person ID=yoji-muto [SOURCE=source-id]
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "usage: make new KIND=person ID=yoji-muto [SOURCE=source-id]" >&2; exit 2; }
	$(PY) -m kbsite new $(KIND) $(ID) $(if $(SOURCE),--source $(SOURCE))

.PHONY: schemas
schemas: venv ## Regenerate kb/schemas/, the nav of kinds, the README table of kinds and .vscode/settings.json
	$(PY) -m kbsite schemas

CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	 else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

.PHONY: browser
browser: $(CHROMIUM) ## Install Debian's chromium for the browser tests when it is missing

JAVA := /usr/bin/java

$(JAVA):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	 else echo "The HTML checker needs Java 11+: sudo apt-get install default-jre-headless" >&2; exit 1; fi

# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; we run the machine's java ourselves.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

.PHONY: checkers
checkers: node_modules/.installed $(JAVA) ## Install the npm checkers (Nu HTML Checker, axe-core, yaml-language-server)

.PHONY: test
test: venv browser checkers ## Run the whole test suite (installs chromium with apt-get when missing)
	$(PY) -m pytest

.PHONY: unit
unit: venv ## Run the fast tests only (no build, browser, Java or npm): under a minute, while you work
	$(PY) -m pytest -q -m "not site" -p no:cacheprovider

.PHONY: lint
lint: venv ## Lint with ruff and type-check hooks/ with mypy (strict; exceptions in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

.PHONY: format
format: venv ## Format the Python code with ruff format (the configuration is in pyproject.toml)
	$(VENV)/bin/ruff format .

FUZZ_EXAMPLES ?= 2000

.PHONY: fuzz
fuzz: venv ## Fuzz the check with many more generated records than the test suite tries (FUZZ_EXAMPLES=2000)
	KBSITE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -q -p no:cacheprovider

.PHONY: bench
bench: venv ## Time check and build of synthetic KBs of 1,000, 3,000 and 10,000 records against MkDocs' floor
	$(PY) bench/run.py

.PHONY: lock
lock: venv ## Re-pin requirements.txt from what .venv holds
	{ head -1 requirements.txt; $(PY) -m pip freeze --exclude-editable; } > requirements.tmp && mv requirements.tmp requirements.txt

.PHONY: clean
clean: ## Remove build output
	rm -rf site .pytest_cache

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'
