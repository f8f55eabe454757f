# The two commands of README.md. Both install what they need first (scripts/setup.sh).

.PHONY: run test setup

setup:
	@bash scripts/setup.sh

# Assess the bundled August 2025 scenario.
run: setup
	cargo run --release --quiet -p guarantor -- assess

# The whole test suite.
test: setup
	cargo test --workspace --no-fail-fast
