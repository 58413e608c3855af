# The two commands a user needs:  `make run`  and  `make test`.
# Everything else here is the set-up they share: a Python 3.10 virtual environment with pinned packages,
# the vacancy database imported from data/vacancies/, the project's rule-based spaCy pipeline, and the
# trained Rasa model. Each step runs only when its inputs changed.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV ?= .venv
PYTHON := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
ACTION_PORT ?= 5055
RASA_PORT ?= 5005
# The public side (README, "Public side"): Rasa listens on RASA_HOST; the page server on CHAT_HOST:CHAT_PORT is the
# public door. Rasa's HTTP API is on only when RASA_API_TOKEN is set; CORS (Rasa and page server) allows
# CHAT_ALLOWED_ORIGINS only.
RASA_HOST ?= 127.0.0.1
CHAT_HOST ?= 127.0.0.1
CHAT_PORT ?= 8080
export CHAT_ALLOWED_ORIGINS ?= http://localhost:$(CHAT_PORT)
export RASA_API_TOKEN ?=
ENDPOINTS ?= endpoints.yml
MODEL := models/assistant.tar.gz

export PYTHONPATH := $(CURDIR)
export VACANCY_DATABASE_URL ?= sqlite:///$(CURDIR)/var/vacancies.sqlite3
export ACTION_SERVER_URL ?= http://localhost:$(ACTION_PORT)/webhook
# Conversations of endpoints.yml (stores/private_tracker_store.py); CONVERSATION_RETENTION_DAYS: see purge-conversations.
export TRACKER_SQLITE_FILE ?= $(CURDIR)/var/conversations.sqlite3
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONHASHSEED := 0

# The spaCy pipeline's directory is named after the hash of everything it is built from, so that Rasa,
# which caches the spaCy component by model name, retrains whenever a rule changes.
SPACY_INPUTS := scripts/build_spacy_pipeline.py actions/understanding/countries.py actions/understanding/timezones.py \
	actions/understanding/vacancy_names.py actions/understanding/french_reading.py $(sort $(wildcard actions/notices/*.py)) \
	$(sort $(wildcard data/reference/*.yml)) $(sort $(wildcard data/vacancies/*.txt)) requirements.lock
export SPACY_PIPELINE := var/spacy/applicant_en-$(shell cat $(SPACY_INPUTS) 2>/dev/null | sha256sum | cut -c1-12)
DATABASE_STAMP := var/database-$(shell printf '%s' "$(VACANCY_DATABASE_URL)" | sha256sum | cut -c1-12).stamp
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) $(wildcard components/*.py) \
	actions/understanding/drafting_policy.py actions/understanding/intent_rules.py actions/eligibility/criteria.py \
	actions/understanding/countries.py actions/understanding/french_reading.py $(SPACY_PIPELINE)/meta.json \
	actions/understanding/spelling.py actions/understanding/message_split.py actions/understanding/followups.py \
	actions/answers/suggestions.py $(wildcard data/vacancies/*.txt)

.PHONY: help run test setup venv database spacy-pipeline model validate bench-nlu bench-load purge-conversations lock clean
.PHONY: followup unanswered-report unanswered-purge bench-followup bench-unanswered shell browser chromium

help:
	@echo "make run    set up (venv, database, spaCy pipeline, model) if needed, then start the assistant"
	@echo "            (chat page on :$(CHAT_PORT), Rasa REST channel on $(RASA_HOST):$(RASA_PORT)/webhooks/rest/webhook)"
	@echo "make test   the same set-up, then every test"
	@echo "make shell  the same set-up, then chat with the assistant in the terminal (rasa shell)"
	@echo "make bench-nlu   NLU benchmark on the held-out evaluation set"
	@echo "make followup QUESTIONS=FILE [VACANCY=N] [OUT=OUT.md] [CSV=OUT.csv] [URL=http://...]   webinar follow-up answers"
	@echo "make unanswered-report [DAYS=N] [HTML=OUT.html]   what the notices do not answer; make unanswered-purge"
	@echo "make bench-followup / bench-unanswered   follow-up speed, unanswered grouping threshold"
	@echo "make bench-load  load benchmark, side by side with the rasa init assistant"
	@echo "make purge-conversations   delete conversations older than CONVERSATION_RETENTION_DAYS (30)"

setup: venv database spacy-pipeline model

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements.lock
	@test -x $(PYTHON) || { python=$$(scripts/find_python310.sh) && "$$python" -m venv $(VENV); }
	$(PYTHON) -m pip install --quiet "pip==24.0" "setuptools==70.3.0" "wheel==0.45.1"
	$(PYTHON) -m pip install --quiet -r requirements.txt -c requirements.lock
	@touch $@

database: $(DATABASE_STAMP)

$(DATABASE_STAMP): $(wildcard data/vacancies/*.txt) $(wildcard actions/notices/*.py) actions/understanding/vacancy_names.py \
	$(wildcard actions/vacancy_db/*.py) | venv
	$(PYTHON) -m actions.vacancy_db import data/vacancies/*.txt
	@touch $@

spacy-pipeline: $(SPACY_PIPELINE)/meta.json

$(SPACY_PIPELINE)/meta.json: $(SPACY_INPUTS) | venv
	$(PYTHON) scripts/build_spacy_pipeline.py $(SPACY_PIPELINE)

model: $(MODEL)

$(MODEL): $(TRAINING_INPUTS) | venv
	$(RASA) train --fixed-model-name assistant --out models --quiet
	@touch $@

validate: venv spacy-pipeline
	$(RASA) data validate --fail-on-warnings --quiet

run: setup
	@echo "Starting the action server on :$(ACTION_PORT), Rasa on $(RASA_HOST):$(RASA_PORT) and the chat page (Ctrl-C stops all three)"
	@trap 'kill $$actions $$rasa $$page 2>/dev/null; wait' EXIT; trap 'exit 130' INT TERM; \
	$(RASA) run actions --port $(ACTION_PORT) & actions=$$!; \
	$(RASA) run --model $(MODEL) --interface $(RASA_HOST) --port $(RASA_PORT) \
		--endpoints $(ENDPOINTS) --credentials credentials.yml \
		$(if $(RASA_API_TOKEN),--enable-api --auth-token "$$RASA_API_TOKEN") \
		$(if $(strip $(CHAT_ALLOWED_ORIGINS)),--cors $(CHAT_ALLOWED_ORIGINS)) & rasa=$$!; \
	$(PYTHON) -m web.page_server --host $(CHAT_HOST) --port $(CHAT_PORT) --rasa-url http://127.0.0.1:$(RASA_PORT) & page=$$!; \
	echo "Chat page: http://$(if $(filter 127.0.0.1 localhost,$(CHAT_HOST)),localhost,$(CHAT_HOST)):$(CHAT_PORT)/"; \
	wait -n

# Chat in the terminal, the Rasa convention: the action server in the background, `rasa shell` in the foreground.
shell: setup
	@trap 'kill $$actions 2>/dev/null' EXIT; \
	$(RASA) run actions --port $(ACTION_PORT) >var/shell-actions.log 2>&1 & actions=$$!; \
	for _ in $$(seq 120); do (exec 3<>/dev/tcp/127.0.0.1/$(ACTION_PORT)) 2>/dev/null && break; sleep 1; done; \
	$(RASA) shell --model $(MODEL) --interface 127.0.0.1 --port $(RASA_PORT) --endpoints $(ENDPOINTS)

# What the browser test (tests/test_browser_chat.py) needs besides the venv's Playwright: Debian's Chromium
# (Playwright cannot download its own browsers here) and axe-core from npm, pinned.
AXE_CORE_VERSION := 4.14.1
AXE_CORE_STAMP := var/browser/axe-core-$(AXE_CORE_VERSION).stamp

browser: chromium $(AXE_CORE_STAMP)

chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			|| echo "Chromium could not be installed: the browser test will be skipped"; \
	else echo "Chromium (/usr/bin/chromium) is missing and only root can install it: the browser test will be skipped"; fi

$(AXE_CORE_STAMP): | chromium  # one apt-get at a time
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	npm install --prefix var/browser --no-save --no-package-lock --no-audit --no-fund --silent axe-core@$(AXE_CORE_VERSION)
	@touch $@

# The tests that do not need the trained model run while it trains (beside the data validation and Chromium's
# install); then pytest-xdist runs the rest (pytest.mark.needs_model, the test stories among them:
# tests/test_stories.py) on TEST_WORKERS processes, a module to a process at a time: much of a module's time is
# spent waiting for the servers it started.
TEST_WORKERS ?= 2
test: venv database spacy-pipeline
	@$(MAKE) --no-print-directory --jobs 3 --output-sync=target model validate browser & setup=$$!; \
	$(PYTHON) -m pytest -q -m "not needs_model" tests; unmarked=$$?; \
	wait $$setup || exit $$?; \
	$(PYTHON) -m pytest -q -m needs_model -n $(TEST_WORKERS) --dist loadfile tests; marked=$$?; \
	exit $$(( unmarked || marked ))

bench-nlu: venv spacy-pipeline
	@english=0; $(PYTHON) bench/nlu_benchmark.py $(BENCH_ARGS) || english=$$?; \
	$(PYTHON) bench/french_nlu_benchmark.py $(FR_BENCH_ARGS) || exit $$?; exit $$english  # French (issue 13): the blind French sets

# --- Office tools (README, "For the recruitment office") ---
followup:
	@test -n "$(QUESTIONS)" || { echo "usage: make followup QUESTIONS=FILE [VACANCY=N] [OUT=OUT.md] [CSV=OUT.csv] [URL=URL]" >&2; exit 2; }
	@$(MAKE) --no-print-directory setup
	$(PYTHON) -m actions.followup "$(QUESTIONS)" $(if $(VACANCY),--vacancy $(VACANCY)) $(if $(OUT),--out "$(OUT)") \
		$(if $(CSV),--csv "$(CSV)") $(if $(URL),--url $(URL))

unanswered-report: database
	$(PYTHON) -m actions.unanswered report $(if $(DAYS),--days $(DAYS)) $(if $(HTML),--html "$(HTML)")

unanswered-purge: database
	$(PYTHON) -m actions.unanswered purge

bench-followup: setup
	$(PYTHON) bench/followup_benchmark.py

bench-unanswered: venv
	$(PYTHON) bench/unanswered_grouping.py
# --- end of office tools ---

# Load benchmark against the rasa init assistant (README, Benchmarks); BENCH_ARGS="--stores production --profile FILE".
bench-load: setup
	$(PYTHON) bench/load.py $(BENCH_ARGS)

# Deletes the conversations older than CONVERSATION_RETENTION_DAYS (default 30) from ENDPOINTS' tracker store.
purge-conversations: venv
	$(PYTHON) -m stores.retention purge --endpoints $(ENDPOINTS)

lock: venv
	(echo "# Generated by 'make lock' from requirements.txt on Python 3.10: the exact environment a fresh install gets."; \
	 $(PYTHON) -m pip freeze --exclude-editable) > requirements.lock

clean:
	rm -rf var models/*.tar.gz .rasa
