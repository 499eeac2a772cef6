# HubDesk developer commands. The two that matter (see README):
#   make run    set everything up and start HubDesk on a local demo workspace
#   make test   set everything up and run the whole test suite (what CI runs)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DIR ?= $(CURDIR)/.demo-workspace
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test setup system-deps catalogs lint check pytest demo bench bundle bundle-smoke clean

setup: $(VENV)/.installed catalogs

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "HubDesk needs Python 3.11+"'
	@if command -v uv >/dev/null 2>&1; then \
	  [ -x $(PY) ] || uv venv --quiet -p $(PYTHON) $(VENV); \
	  uv pip install --quiet --compile-bytecode -p $(PY) -e '.[server,dev]'; \
	else \
	  [ -x $(PY) ] || $(PYTHON) -m venv $(VENV); \
	  $(PY) -m pip install --quiet --upgrade pip uv && \
	  $(VENV)/bin/uv pip install --quiet --compile-bytecode -p $(PY) -e '.[server,dev]'; \
	fi
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

# The standalone one-folder bundle (PyInstaller) and its smoke test.
bundle: system-deps
	bash build/build.sh

bundle-smoke: bundle
	bash build/smoke.sh

clean:
	rm -rf $(VENV) build/.work dist .pytest_cache .mypy_cache .ruff_cache
