# quizgame: `make run` plays on the embedded default, `make test` passes the suite. Both set themselves up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= quizgame.settings.base

.PHONY: run test install migrate lint browser clean scale bench

WORKERS ?= 2

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py setup_demo
	@echo ""
	@echo "  quizgame is running on http://$(HOST):$(PORT)/"
	@echo "  Host a game:  http://$(HOST):$(PORT)/host/   (sign in with the demo account above)"
	@echo "  Players join: http://$(HOST):$(PORT)/join/   (phones on your network: run with HOST=0.0.0.0)"
	@echo ""
	$(BIN)/daphne -b $(HOST) -p $(PORT) quizgame.asgi:application

# Debian's chromium for the browser tests; installed only when missing (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: apt-get install chromium (browser tests will skip)"; fi; }

test: install browser
	DJANGO_SETTINGS_MODULE=quizgame.settings.test $(BIN)/python -m pytest

# The scaled mode on this machine: WORKERS Daphne processes sharing PostgreSQL and Redis (docs/DEPLOY.md).
scale: install
	$(BIN)/python -m quizgame.servers --workers $(WORKERS)

# One live room with PLAYERS bots against a server this target starts (docs/BENCHMARKS.md).
PLAYERS ?= 1000
MODE ?= embedded
bench: install
	$(BIN)/python bench/live_room.py --serve $(MODE) --workers $(WORKERS) --players $(PLAYERS) --questions 3

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var test-output
