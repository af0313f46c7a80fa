#!/usr/bin/env bash
# bench.sh — runs every benchmark in order on the release build and writes their output to
# build/bench-results.txt as well as stdout (progress goes to stderr only):
#   1. engine_bench            the engine vs raw RocksDB (write, scan)
#      json_bench              RapidJSON vs simdjson parse (the JSON library choice)
#   2. bench/http_batch.sh     BatchWriteItem over HTTP to dynalite: xrouting vs boto3
#   3. bench/pipeline.sh       tables create / migrate all / etl, embedded vs dynalite
#   4. bench/lambda_coldstart.sh  the Lambda zip's cold start and one ETL invocation
# BUILD_DIR (default build/release) is the build to measure (`make bench` builds it first).
# A benchmark that fails is reported and the others still run; the exit code is then 1.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export BUILD_DIR=${BUILD_DIR:-build/release}
out=build/bench-results.txt
mkdir -p build
: >"$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=()

section() {  # section NAME COMMAND... — runs one benchmark, its stdout to screen and $out
  local name=$1
  shift
  {
    echo "== $name"
    echo "   $*"
  } | tee -a "$out"
  local start=$SECONDS
  "$@" | tee -a "$out"
  local rc=${PIPESTATUS[0]}
  if ((rc != 0)); then
    echo "   FAILED (exit $rc)" | tee -a "$out"
    failed+=("$name")
  fi
  echo "   ($((SECONDS - start)) s)" | tee -a "$out"
  echo | tee -a "$out"
}

{
  echo "xrouting benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (+ uncommitted changes in src/)')"
  echo "$(nproc) CPUs, $(uname -sr), build: $BUILD_DIR"
  echo
} | tee -a "$out"

if [[ -x "$BUILD_DIR/engine_bench" ]]; then
  section "engine_bench (engine vs raw RocksDB)" "$BUILD_DIR/engine_bench" --dir "$work/engine"
else
  echo "== engine_bench: $BUILD_DIR/engine_bench not built, skipped" | tee -a "$out"
fi
if [[ -x "$BUILD_DIR/json_bench" ]]; then
  section "json_bench (RapidJSON vs simdjson parse)" "$BUILD_DIR/json_bench"
else
  echo "== json_bench: $BUILD_DIR/json_bench not built, skipped" | tee -a "$out"
fi
section "http_batch (BatchWriteItem over HTTP: xrouting vs boto3, dynalite)" \
  bash bench/http_batch.sh
section "pipeline (tables create, migrate all, etl: embedded vs dynalite)" bash bench/pipeline.sh
section "lambda_coldstart (Lambda zip cold start + one ETL invocation)" \
  bash bench/lambda_coldstart.sh "$BUILD_DIR/xrouting"

if ((${#failed[@]})); then
  echo "bench: failed: ${failed[*]}" | tee -a "$out"
  exit 1
fi
echo "bench: results in $out" >&2
