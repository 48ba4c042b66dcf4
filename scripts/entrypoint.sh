#!/usr/bin/env bash
# Container entrypoint: the API at :API_PORT (else :PORT, RunPod's name; GET /ping also on :PORT_HEALTH when that
# differs), and (GPU image, KIE_BACKEND=tilt|auto) the TILT server at :VLLM_PORT.
#
# The TILT server loads a large model (minutes). The API does not wait for it: with KIE_BACKEND=auto it answers
# through the local KIE until TILT is healthy; with KIE_BACKEND=tilt, /v1/ready stays 503 until it is.
# If the TILT server dies, the API keeps serving (auto falls back); if the API dies, the container exits.
#
#   TILT_SERVER_CMD   override the GPU server command (e.g. the mock: "python scripts/mock_vllm.py --port 8001")
#   START_TILT_SERVER 0 = never start one here (the GPU side runs elsewhere, VLLM_BASE_URL points to it)
#   VLLM_MAX_MODEL_LEN token budget per document for the TILT server (--max-model-len); unset = the model's 125k
#   RUNPOD_WORKER     1 = run the RunPod queue worker (python -m apps.runpod_worker) instead of the HTTP API
#                     (needs the SDK: configs/requirements-runpod.txt; see docs/deploy.md)
set -euo pipefail
cd "$(dirname "$0")/.."

API_PORT=${API_PORT:-${PORT:-8000}}
VLLM_PORT=${VLLM_PORT:-8001}
KIE_BACKEND=${KIE_BACKEND:-local}
TILT_MODEL=${TILT_MODEL:-Snowflake/snowflake-arctic-tilt-v1.3}
VLLM_GPU_UTIL=${VLLM_GPU_UTIL:-0.8}
API_PYTHON=${API_PYTHON:-python}
TILT_PYTHON=${TILT_PYTHON:-python}
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}   # one glibc arena: memory returns after load, lower peak (docs/benchmarks.md)
export API_PORT VLLM_PORT KIE_BACKEND TILT_MODEL VLLM_GPU_UTIL MALLOC_ARENA_MAX

pids=()
# shellcheck disable=SC2329  # called by the EXIT trap
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 143' TERM INT

if [ "$KIE_BACKEND" != "local" ] && [ "${START_TILT_SERVER:-1}" = "1" ]; then
  export VLLM_BASE_URL=${VLLM_BASE_URL:-http://127.0.0.1:${VLLM_PORT}/v1}
  cmd=${TILT_SERVER_CMD:-"$TILT_PYTHON -m apps.tilt_server --host 127.0.0.1 --port $VLLM_PORT --model $TILT_MODEL --gpu-util $VLLM_GPU_UTIL${VLLM_MAX_MODEL_LEN:+ --max-model-len $VLLM_MAX_MODEL_LEN}"}
  echo "[entrypoint] starting the TILT server: $cmd"
  # shellcheck disable=SC2086  # the command is a word list on purpose
  $cmd &
  pids+=($!)
fi

if [ "${RUNPOD_WORKER:-0}" = "1" ]; then
  echo "[entrypoint] starting the RunPod queue worker (KIE_BACKEND=$KIE_BACKEND)"
  "$API_PYTHON" -m apps.runpod_worker &
else
  echo "[entrypoint] starting the API on :$API_PORT (KIE_BACKEND=$KIE_BACKEND)"
  "$API_PYTHON" -m uvicorn apps.api_gpu.main:app --host "${API_HOST:-0.0.0.0}" --port "$API_PORT" &
fi
api_pid=$!
pids+=("$api_pid")
set +e
wait "$api_pid"
status=$?
set -e
echo "[entrypoint] API exited with $status"
exit "$status"
