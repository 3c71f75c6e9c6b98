#!/usr/bin/env bash
# Builds the Wasm modules (build/wasm/normlab.js + normlab.wasm, normlab-single.js, and the training
# module normlab-train.js + normlab-train.wasm) with
# Debian's Emscripten through the "wasm" CMake preset.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs # emcc finds acorn there
[ -f build/wasm/build.ninja ] || cmake --preset wasm >/dev/null
cmake --build --preset wasm | grep -vE '^\[[0-9]+/[0-9]+\] (Building|Linking)' || true
test -f build/wasm/normlab.wasm
test -f build/wasm/normlab-train.wasm
