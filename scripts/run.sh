#!/usr/bin/env bash
# Start the service on the embedded default (local KIE, offline OCR) at :8000. Sets itself up first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/uvicorn apps.api_gpu.main:app --host "${API_HOST:-0.0.0.0}" --port "${API_PORT:-8000}" "$@"
