#!/usr/bin/env bash
# Builds the static site into dist/: the Wasm module, then the pages with Vite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
bash scripts/build-site.sh
echo "build: dist/ written"
