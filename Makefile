# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BENCH := $(VENV)/.installed-bench
NODE_SERVER := tests/node_server
EXAMPLE ?= assets/examples/socketio-echo

# The second supported Python: `make test` also runs the runtime suite, the Qt stress test and
# the window smoke tests on it when it is installed (CI machines have it).
PYTHON_ALT ?= $(shell for p in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12; do \
	$$p -c 'import sys' 2>/dev/null && { echo $$p; break; }; done)
VENV_ALT := .venv-py312
STAMP_ALT := $(VENV_ALT)/.installed-test

.PHONY: run test test-window test-alt lint bench docs clean fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

$(STAMP_BENCH): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

$(NODE_SERVER)/node_modules/.package-lock.json: $(NODE_SERVER)/package-lock.json
	cd $(NODE_SERVER) && npm ci --no-audit --no-fund --loglevel=error

run: $(STAMP_RUN)
	$(BIN)/pulse-studio $(EXAMPLE)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .

# PULSE_TEST_STRICT=1: under `make test` a skipped test fails (tests/conftest.py), so a missing
# node_modules or plugin part can never pass as green.
test: $(STAMP_TEST) $(NODE_SERVER)/node_modules/.package-lock.json
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen PULSE_TEST_STRICT=1 $(BIN)/python -m pytest -q
	@$(MAKE) --no-print-directory test-window
	@if [ -n "$(PYTHON_ALT)" ]; then $(MAKE) --no-print-directory test-alt; \
	else echo "Python 3.12 not found: skipping the second-Python run"; fi

# The real-window tests: Qt's xcb platform on an Xvfb server (pytest-xvfb starts it), real X pointer
# drags with xdotool. Needs the system packages the README names; never installed from here.
test-window: $(STAMP_TEST)
	@if command -v Xvfb >/dev/null 2>&1; then \
		echo "Real-window tests (xcb platform on Xvfb):"; \
		QT_QPA_PLATFORM=xcb PULSE_TEST_STRICT=1 $(BIN)/python -m pytest -q tests/realwindow; \
	else echo "*** Xvfb not found: SKIPPED the real-window tests (tests/realwindow)." \
		"To run them: sudo apt-get install xvfb xdotool (see README)"; fi

$(STAMP_ALT): pyproject.toml
	$(PYTHON_ALT) -m venv $(VENV_ALT)
	$(VENV_ALT)/bin/pip install -q --upgrade pip
	$(VENV_ALT)/bin/pip install -q -e '.[test]'
	touch $@

test-alt: $(STAMP_ALT)
	QT_QPA_PLATFORM=offscreen PULSE_TEST_STRICT=1 $(VENV_ALT)/bin/python -m pytest -q -p no:cacheprovider \
		tests/runtime tests/editor/test_qt_stress.py tests/editor/test_window.py

bench: $(STAMP_BENCH) $(NODE_SERVER)/node_modules/.package-lock.json
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/interpreter.py
	$(BIN)/python bench/loading.py
	$(BIN)/python bench/socketio.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/editor_load.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/editor_run.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/editor_startup.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/arrange.py

docs: $(STAMP_RUN)
	$(BIN)/python -m runtime.docgen docs/nodes.md

clean:
	rm -rf $(VENV) $(VENV_ALT) $(NODE_SERVER)/node_modules

# Thousands of mutated project files and many kills during saves (the normal suite runs a few hundred / ten).
fuzz: $(STAMP_TEST)
	PULSE_FUZZ_EXAMPLES=3000 PULSE_SAVE_KILLS=60 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider \
		-o timeout=0 tests/runtime/test_runtime_file_fuzz.py tests/runtime/test_runtime_save_kills.py
