# HubDesk developer commands. The two that matter (see README):
#   make run    set everything up and start HubDesk on a local demo workspace
#   make test   set everything up and run the whole test suite (what CI runs)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DIR ?= $(CURDIR)/.demo-workspace
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test setup system-deps catalogs lint check pytest demo bench clean

setup: $(VENV)/.installed catalogs

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "HubDesk needs Python 3.11+"'
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --user uv || $(PYTHON) -m pip install --quiet uv
	@UV=$$(command -v uv || echo "$(PYTHON) -m uv"); \
	  [ -x $(PY) ] || $$UV venv --quiet -p $(PYTHON) $(VENV); \
	  $$UV pip install --quiet -p $(PY) -e '.[server,dev]'
	@touch $@

# System packages: fonts and Qt's xcb libraries for the window, poppler/qpdf/zbar to
# check PDFs, Xvfb for screenshots. Installed only where missing and only as root.
system-deps:
	@bash .ci/system-deps.sh

catalogs: $(VENV)/.installed
	@$(PY) -m hubdesk.kernel.catalogs compile

demo: setup
	@[ -f "$(DEMO_DIR)/hubdesk.sqlite" ] || $(PY) -m hubdesk --data-dir "$(DEMO_DIR)" demo --enterprises 2000 --cases 5000

run: system-deps demo
	$(PY) -m hubdesk --data-dir "$(DEMO_DIR)"

lint: setup
	$(VENV)/bin/ruff check hubdesk tests
	$(VENV)/bin/mypy hubdesk --exclude 'hubdesk/gui/'
	$(VENV)/bin/lint-imports

pytest: setup
	$(PY) -m pytest -n 2 --dist loadgroup -q

test: system-deps lint pytest

bench: setup
	for b in tests/benchmarks/*_bench.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build/.work dist .pytest_cache .mypy_cache .ruff_cache
