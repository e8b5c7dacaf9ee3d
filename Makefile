# Îlot desktop: two commands on a fresh machine.
#   make run   -> set up the virtual environment if needed, then open the application
#   make test  -> same set-up, then the whole test suite, headless
#   make dist  -> the installable bundle (dist/ilot-desktop/, and the .deb on Linux), then its self-test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DIST_STAMP := $(VENV)/.installed-dist

.PHONY: run test test-fast test-slow test-all test-scan test-x11 lint typecheck format clean setup dist dist-check bench screenshots \
	windows windows-check windows-test

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est requis.")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/ilot-desktop $(ARGS)

# The test suite, offscreen, on every core (about 3 minutes on 2); the slow outside-in harnesses (kill -9 during writes,
# the whole-machine scan, a real full disk, memory scans) are `make test-slow`, which CI runs too.
# Then the tools (docs/architecture.md, "Checked by tools"): types, the layer contracts, lint and format.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow" -n auto
	$(MAKE) --no-print-directory typecheck
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check src tests installer scripts benchmarks
	$(BIN)/ruff format --check src tests installer scripts benchmarks

test-fast: test

test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -rs -m slow

# Both, as CI runs them.
test-all: test test-slow

# The whole-machine scan alone (needs strace): a complete session, every file written anywhere (docs/privacy.md).
test-scan: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -rs tests/faults/test_machine_scan.py

# The working week in a real X11 window (Xvfb + openbox), at 1366 × 768 then 1920 × 1080 at 150 %: the window
# within the screen, every button whole, no English, a screenshot per step in build/screens/ (docs/real-window.md).
# Installs Xvfb, openbox, xdotool and Qt's xcb libraries if missing. GUIDE=1 also remakes docs/images/.
test-x11: $(STAMP)
	GUIDE=$(GUIDE) bash tests/x11/run.sh

# mypy over src/ with the settings of pyproject.toml ([tool.mypy]).
typecheck: $(STAMP)
	$(BIN)/mypy

# ruff, mypy and the import contracts, without the tests.
lint: $(STAMP)
	$(BIN)/ruff check src tests installer scripts benchmarks
	$(BIN)/ruff format --check src tests installer scripts benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format src tests installer scripts benchmarks
	$(BIN)/ruff check --fix src tests installer scripts benchmarks

# Figures against a bare window, raw SQLCipher and plain SQLite, on a synthetic ten-year file (docs/performance.md).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(ARGS)

# The user guide's pictures, remade from the fictional demo data (docs/images/).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/guide_screenshots.py

# PyInstaller into the same virtual environment, then installer/build.py: bundle, .deb (Linux), self-test.
$(DIST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,dist]'
	@touch $(DIST_STAMP)

dist: $(DIST_STAMP)
	$(BIN)/python installer/build.py

# The built bundle's self-test, the .deb's fields and contents, and the program run from the unpacked .deb.
dist-check: $(DIST_STAMP)
	$(BIN)/python installer/build.py check

# Windows, built and tested on Linux under Wine (installer/README.md, "Windows on Linux"). Downloads are kept in
# ILOT_WINDOWS_CACHE (default build/windows-cache); the Wine prefixes are under build/wine/.
#   windows        dist/windows/ilot-desktop/ and dist/windows/ilot-desktop-<version>-setup.exe
#   windows-check  the setup installed silently per user in a fresh prefix, the installed program run
#   windows-test   the test suite under Wine's Windows CPython (ARGS: pytest's, e.g. ARGS="tests/unit")
windows:
	bash installer/windows/build.sh

windows-check:
	bash installer/windows/check.sh

windows-test:
	bash installer/windows/test.sh $(ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
