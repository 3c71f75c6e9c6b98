#!/usr/bin/env bash
# The Vite part of the build (needs build/wasm): the site into dist/ (index.html and its assets),
# normlab-widgets.js (every widget in one ES module), normlab-widgets.iife.js (the same as one
# classic script) and normlab-offline.html (one file, everything
# inlined), the static oEmbed responses (dist/oembed/); then the gzipped sizes, checked against the limits.
set -euo pipefail
cd "$(dirname "$0")/.."
npx vite build --logLevel warn
npx vite build --mode widgets --logLevel warn
npx vite build --mode widgets-classic --logLevel warn
npx vite build --mode offline --logLevel warn
node scripts/finish-offline.mjs
node scripts/build-oembed.mjs
node scripts/report-sizes.mjs --check
