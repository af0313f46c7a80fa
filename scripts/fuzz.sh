#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time each (default 20 s, at most 60 s): with
# seven targets that is about 2.5 minutes, which keeps CI's whole run under 20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
((secs > 60)) && secs=60
shopt -s nullglob
ran=0
for f in build/test/*_fuzzer; do
  name=$(basename "$f")
  corpus="build/test/corpus/$name"
  mkdir -p "$corpus"
  seeds="fuzz/seeds/${name%_fuzzer}"
  echo "fuzz: $name for ${secs}s" >&2
  args=("$corpus")
  [ -d "$seeds" ] && args+=("$seeds")
  "$f" -max_total_time="$secs" -print_final_stats=0 "${args[@]}" >"build/test/$name.log" 2>&1 || {
    echo "fuzz: $name FAILED; last lines:" >&2
    tail -40 "build/test/$name.log" >&2
    exit 1
  }
  ran=$((ran + 1))
done
echo "fuzz: $ran target(s) ran clean" >&2
