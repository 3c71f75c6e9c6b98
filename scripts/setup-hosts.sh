#!/usr/bin/env bash
# The npm packages of the scratch host projects tests/e2e/embed-kit.test.mjs builds (VitePress, ...):
# each tests/e2e/hosts/NAME/ pins its framework in package.json + package-lock.json, installed here
# once into build/hosts/NAME/node_modules (and again only when its lockfile changes). The test makes
# its projects in temp folders under build/hosts/NAME/, so they find the framework there and install
# only NormLab's packed tarball themselves, offline.
set -euo pipefail
cd "$(dirname "$0")/.."

for template in tests/e2e/hosts/*/; do
  name=$(basename "$template")
  lock="${template}package-lock.json"
  [ -f "$lock" ] || continue
  target="build/hosts/${name}"
  if [ ! -f "${target}/node_modules/.package-lock.json" ] || [ "$lock" -nt "${target}/node_modules/.package-lock.json" ]; then
    echo "setup: installing the ${name} host's npm packages (npm ci in ${target})"
    mkdir -p "$target"
    cp "${template}package.json" "$lock" "$target/"
    (cd "$target" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
  fi
done
