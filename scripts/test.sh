#!/usr/bin/env bash
# The whole test run: setup, sanitizer build, unit and integration tests (embedded engine
# and dynalite), bounded fuzzing. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh test

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export XR_SOURCE_DIR="$PWD"

# Test peers on loopback, stopped whatever happens.
source scripts/peers.sh
trap peers_stop EXIT
peers_start

ctest --test-dir build/test --output-on-failure -j 2 --timeout 900 | tee build/test/ctest.log

bash scripts/fuzz.sh "${XR_FUZZ_SECONDS:-20}"

# One closing line for the whole run: the ctest suites plus the fuzz targets (each ran clean,
# or the script stopped above).
total=$(grep -Eo 'tests failed out of [0-9]+' build/test/ctest.log | grep -Eo '[0-9]+$')
fuzzers=$(find build/test -maxdepth 1 -name '*_fuzzer' -type f | wc -l)
echo "suites: $((total + fuzzers)) passed, 0 failed"
