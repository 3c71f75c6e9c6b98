#!/usr/bin/env bash
# Builds the libFuzzer target (cpp/fuzz/, the "fuzz" CMake preset: clang, ASan + UBSan) and runs
# it for N seconds (default 60) on a COPY of the committed seed corpus cpp/fuzz/corpus, so that
# npm test never writes into the repository. Prints the number of executions at the end.
#
#   bash scripts/fuzz.sh [SECONDS]       fuzz for SECONDS (default 60)
#   bash scripts/fuzz.sh --merge DIR...  add what DIR... cover beyond the committed corpus to it
#                                        (for refreshing the seeds by hand, never in npm test)
#   NORMLAB_FUZZ_BUILD=build/x           build folder (default build/fuzz)
#
# A finding stops the run: the input is saved under $NORMLAB_FUZZ_BUILD/artifacts/, and
# `$NORMLAB_FUZZ_BUILD/normlab_fuzz FILE` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${NORMLAB_FUZZ_BUILD:-build/fuzz}
corpus=cpp/fuzz/corpus

[ -f "$build/build.ninja" ] || cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target normlab_fuzz | grep -vE '^\[[0-9]+/[0-9]+\] (Building|Linking)' || true
fuzzer=$build/normlab_fuzz
test -x "$fuzzer"
mkdir -p "$build/artifacts"

if [ "${1:-}" = "--merge" ]; then
  shift
  exec "$fuzzer" -merge=1 -max_len=4096 "$corpus" "$@"
fi

seconds=${1:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/corpus"
seeds=$(find "$work/corpus" -type f | wc -l)
log=$work/fuzz.log

# -max_len bounds an input (the target bounds every tensor it builds from one, see fuzz.hpp);
# one worker: npm test runs the suites one after the other on a 2-core machine.
status=0
"$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$build/artifacts/" "$work/corpus" >"$log" 2>&1 ||
  status=$?

grep -vE '^#[0-9]+|NEW_FUNC' "$log" | tail -n 40 >&2 || true
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
after=$(find "$work/corpus" -type f | wc -l)
if ((status != 0)); then
  echo "fuzz: FAILED after ${runs:-?} executions (exit $status); the input is in $build/artifacts/"
  exit 1
fi
echo "fuzz: ${runs} executions in ${seconds} s, no finding; corpus ${seeds} seeds -> ${after} inputs"
