# Every target calls a script in scripts/ - CI and humans run the same code.
.DEFAULT_GOAL := help
.PHONY: help run test test-fast generate check-generated lint format bootstrap clean mock fuzz bench dist release-check contract-live contract-standin contract-drifted

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: ## Main job: regenerate both clients, start the mock, list customers through both
	scripts/run

test: ## Every test: drift check, lint, types, pytest on every core, Schemathesis CLI - at once, then a summary
	scripts/test $(ARGS)

test-fast: ## Quick loop: pytest on every core without the slow tiers (ARGS="tests/mock -x" to narrow it)
	scripts/test --fast $(ARGS)

generate: ## Regenerate generated/ from openapi/ (no-op when nothing changed)
	scripts/generate

check-generated: ## Fail if generated/ is stale
	scripts/generate --check

lint: ## ruff + mypy --strict
	scripts/lint

format: ## Apply ruff fixes and formatting
	scripts/format

mock: ## Start the mock server on 127.0.0.1:8080 (ARGS="--port 9000 --customers 5000" to change)
	scripts/mock $(ARGS)

fuzz: ## Deeper Schemathesis run against the live mock (many more examples; local use)
	scripts/fuzz $(ARGS)

contract-live: ## Contract suite against the real vendors in the environment (credentials: see README)
	scripts/test --live $(ARGS)

contract-standin: ## The live run, default budget and rate, against a mock process posing as the vendors
	scripts/test --live --stand-in mock $(ARGS)

contract-drifted: ## The live run against the drifted stand-in (customers-contract standin): fails, naming each drift
	scripts/test --live --stand-in drifted $(ARGS)

bench: ## Benchmarks: mock vs Prism, clients vs the vendor SDK, scaling; report in bench-results/
	scripts/bench $(ARGS)

dist: ## Build the sdist and wheel of every distribution into dist/
	scripts/bootstrap
	.venv/bin/uv build --all-packages --out-dir dist

release-check: ## What a release must pass: versions raised, sdists+wheels built, twine check, clean installs
	scripts/release-check $(ARGS)

bootstrap: ## Create .venv with the pinned dependencies
	scripts/bootstrap

clean: ## Remove the virtualenv and caches
	rm -rf .venv dist node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis reports bench-results bench/node_modules bench/.locust-venv
