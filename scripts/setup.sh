#!/usr/bin/env bash
# Installs everything NormLab builds and tests with, on Debian 12: Debian packages (Emscripten,
# xtensor, GoogleTest, Chromium, ...) and the npm packages of package-lock.json. Idempotent, and
# silent when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  clang clang-format libclang-rt-14-dev
  emscripten
  xtensor-dev xtl-dev libxsimd-dev nlohmann-json3-dev
  libgtest-dev googletest libbenchmark-dev
  chromium firefox-esr fonts-noto-cjk
  python3
  hugo
)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${APT_PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v node >/dev/null || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "setup: NormLab needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm packages: reinstall only when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# the docs frameworks the embed kit is tested in (scripts/setup-hosts.sh)
bash scripts/setup-hosts.sh
