# Attest: the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
CONFIG ?= release
ATTEST := .build/$(CONFIG)/attest
HOST ?= 127.0.0.1
PORT ?= 8080
# The sample inventory is written for this date; pass AS_OF=YYYY-MM-DD to audit as of another day.
AS_OF ?= 2026-11-27
DEV_IDENTITY ?= security-lead@example.com

.PHONY: demo test deps build check format bench

deps:
	@bash .ci/install-deps

build: deps
	$(SWIFT) build -c $(CONFIG) --product attest

## Build the sample handbook into site/, record the sample completions, scan a generated sample
## repository's history for leaked keys into site/scan/, audit the sample inventory (with what the
## scan saw) into site/audit/, write the evidence package for 2026 (policies as HTML and PDF) into
## evidence/, then serve everything on $(HOST):$(PORT) with a local SQLite database.
demo: build
	$(ATTEST) build
	$(ATTEST) training import content/data/completions.csv
	python3 .ci/make-leak-sample .build/demo/payments-app
	$(ATTEST) scan --history .build/demo/payments-app --fail-on never --format json,sarif,csv,md
	$(ATTEST) audit --as-of $(AS_OF) --fail-on never --format html,json,csv,md,sarif,junit,oscal \
	  --inventory content/data/keys.csv \
	  --inventory content/data/aws-credential-report.csv --owner-map content/data/aws-owners.csv \
	  --inventory content/data/keys-seen-by-scan.csv --exposures site/scan/report.json
	$(ATTEST) evidence --from 2026-01-01 --to $(AS_OF) --output evidence \
	  --inventory content/data/keys.csv \
	  --inventory content/data/aws-credential-report.csv --owner-map content/data/aws-owners.csv \
	  --inventory content/data/keys-seen-by-scan.csv --exposures site/scan/report.json
	@echo "Handbook in site/, leak scan of the sample repository in site/scan/, audit report in site/audit/ (index.html, report.json, report.sarif, ...), evidence package in evidence/ (policies as HTML and PDF)."
	@echo "Serving as $(DEV_IDENTITY) (an admin of the sample roster); 'attest training invite EMAIL' signs in others."
	$(ATTEST) serve --host $(HOST) --port $(PORT) --dev-identity $(DEV_IDENTITY)

## The whole test suite: unit and end-to-end tests (Swift Testing, driving the built attest and
## the real server; the record store suite runs on SQLite and on a throwaway PostgreSQL server),
## the browser walk (headless Chromium, Selenium, axe), kill -9 crash recovery, two instances on
## PostgreSQL behind nginx (kill -9, a stopped database, racing invitations), a one-minute soak,
## and a short fuzzing run of every parser. Every step must pass: a missing tool or validator
## (jsonschema, compliance-trestle, FoundationXML, shared/schemas, PostgreSQL) or a failed build fails
## the run. About 12 minutes from a clean clone here (more where the Debian and PyPI packages must
## first be downloaded).
test:
	@bash .ci/install-deps browser validators postgres mail
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	bash Tests/Browser/run.sh
	bash Tests/Browser/validate_html.sh
	bash Tests/Resilience/crash_test.sh
	python3 Tests/Resilience/postgres_test.py
	DURATION=60 bash Tests/Resilience/soak.sh
	bash Tests/Fuzz/run.sh 10

check: build
	$(ATTEST) check

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

bench:
	bash Tests/Benchmarks/run.sh $(or $(BENCH),all)
