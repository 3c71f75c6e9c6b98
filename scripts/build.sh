#!/usr/bin/env bash
# Builds the static site into dist/: the Wasm module, then the page with Vite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
npx vite build --logLevel warn
echo "build: dist/ written"
