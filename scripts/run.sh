#!/usr/bin/env bash
# Start the service on the embedded default (local KIE, offline OCR) at :8000. Sets itself up first.
# The port opens at once; GET /ping answers 204 while the OCR engines load, then 200 (see docs/deploy.md).
# Port: API_PORT, else PORT (RunPod's name), else 8000. PORT_HEALTH (when different) also serves /ping.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# glibc: one malloc arena instead of 8 per core; after a 50-client load RSS comes back to its warm-up level instead
# of 1.39x (docs/reliability.md), and the peak is ~40 MB lower than with 2 at the same speed (docs/benchmarks.md).
# Set MALLOC_ARENA_MAX yourself to override.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
exec .venv/bin/uvicorn apps.api_gpu.main:app --host "${API_HOST:-0.0.0.0}" --port "${API_PORT:-${PORT:-8000}}" "$@"
