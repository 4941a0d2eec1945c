# From pelican-quickstart (html serve regenerate publish), plus newsarchive's own targets.
PY ?= python3
SAMPLE ?= sample

.PHONY: install sample html serve regenerate publish test lint golden clean

install:
	$(PY) -m pip install -e '.[test,dev]'

sample: ## import the bundled sample archive and build it
	newsarchive import $(SAMPLE) && newsarchive build

html:
	newsarchive build

serve:
	newsarchive serve

regenerate:
	$(PY) -m pelican -r -s pelicanconf.py

publish:
	newsarchive build --publish

test:
	$(PY) -m pytest -q

lint:
	ruff check . && ruff format --check . && mypy

golden:
	$(PY) -m pytest -q --update-golden

clean:
	rm -rf output .newsarchive content/articles
