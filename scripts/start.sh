#!/usr/bin/env bash
# Sets up, builds, and serves the tutorial on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec npx vite preview --host 127.0.0.1 --port "${PORT:-4173}" --strictPort
