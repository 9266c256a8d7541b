# Attest: the two commands a new user needs are `make demo` and `make test`.
SWIFT ?= swift
CONFIG ?= release
ATTEST := .build/$(CONFIG)/attest
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: demo test deps build check format bench

deps:
	@bash .ci/install-deps

build: deps
	$(SWIFT) build -c $(CONFIG) --product attest

## Build the sample handbook into site/, audit the sample inventory into site/audit/, serve on $(HOST):$(PORT).
demo: build
	$(ATTEST) build
	@echo "Handbook written to site/ (open site/index.html, or the server below)."
	$(ATTEST) serve --host $(HOST) --port $(PORT)

## The whole test suite.
test:
	@bash .ci/install-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

check: build
	$(ATTEST) check

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

bench:
	bash Tests/Benchmarks/run.sh $(or $(BENCH),all)
