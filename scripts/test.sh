#!/usr/bin/env bash
# Run the whole test suite (lint + pytest). Sets itself up first; works offline; starts what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export HOME="${OCRLTY_TEST_HOME:-$(pwd)/.cache/test-home}"   # PaddleX writes under ~; keep it inside the tree
mkdir -p "$HOME"
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
