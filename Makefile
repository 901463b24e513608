# Every target calls a script in scripts/ - CI and humans run the same code.
.DEFAULT_GOAL := help
.PHONY: help run test generate check-generated lint format bootstrap clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: ## Main job: regenerate both clients, start the mock, list customers through both
	scripts/run

test: ## Every test: lint, types, drift check, pytest, Schemathesis
	scripts/test

generate: ## Regenerate generated/ from openapi/ (no-op when nothing changed)
	scripts/generate

check-generated: ## Fail if generated/ is stale
	scripts/generate --check

lint: ## ruff + mypy --strict
	scripts/lint

format: ## Apply ruff fixes and formatting
	scripts/format

bootstrap: ## Create .venv with the pinned dependencies
	scripts/bootstrap

clean: ## Remove the virtualenv and caches
	rm -rf .venv node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis reports bench-results
