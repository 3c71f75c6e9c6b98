#!/usr/bin/env bash
# npm test: installs what is missing, builds, and runs every suite (formatting, GoogleTest under
# ASan+UBSan, a 60 s libFuzzer run, node's test runner against the Wasm module, Chromium against the
# built page), the web layers' import rules and the type check. Every suite runs even when an earlier one fails; the exit status is 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

failed=()
suite() {
  local name=$1
  shift
  echo
  echo "=== ${name}"
  if "$@"; then
    echo "=== ${name}: passed"
  else
    echo "=== ${name}: FAILED"
    failed+=("${name}")
  fi
}

native() {
  cmake --preset native-debug >/dev/null &&
    cmake --build --preset native-debug | grep -vE '^\[[0-9]+/[0-9]+\] (Building|Linking)' &&
    ctest --preset native-debug -j2 --progress
}

suite "format (clang-format, prettier)" bash -c 'bash scripts/clang-format.sh && npx prettier --check . --log-level warn && echo "prettier: all files formatted"'
suite "architecture (web/ import rules, files of at most 400 lines) and type check (tsc on web/)" bash -c 'node scripts/check-architecture.mjs && npx tsc -p jsconfig.json --noEmit && echo "tsc: no errors"'
suite "native: GoogleTest via ctest (Debug, ASan+UBSan)" native
suite "fuzz: libFuzzer on the kernel API, 60 s on a copy of cpp/fuzz/corpus (ASan+UBSan)" bash scripts/fuzz.sh 60
suite "wasm build (Emscripten)" bash scripts/build-wasm.sh
suite "node: engine and golden cases against the Wasm module" node --test --test-reporter=spec tests/js/
suite "site build (Vite: site, widgets module, offline file)" bash scripts/build-site.sh
suite "e2e: Chromium against the built page" node --test --test-reporter=spec --test-concurrency=1 tests/e2e/
suite "lighthouse (accessibility, best practices, SEO must be 100; performance reported)" node scripts/lighthouse.mjs

echo
if ((${#failed[@]})); then
  echo "npm test: FAILED: ${failed[*]}"
  exit 1
fi
echo "npm test: every suite passed"
