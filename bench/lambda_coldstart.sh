#!/usr/bin/env bash
# lambda_coldstart.sh [BINARY] [RUNS] — the Lambda's cold start and one ETL invocation,
# measured at a local Runtime API (tests/lambda/fake_runtime_api.py), offline.
#   BINARY: the xrouting binary to package (default: build/release/xrouting, built if
#           missing); RUNS: processes to start (default 7).
# Each run starts a new process from the unpacked zip (bootstrap, bundled loader and
# libraries, as in Lambda) with the embedded store and the bundled snapshot, and records:
#   cold start  process start -> its first GET /next (init: loader, libraries, store open)
#   invocation  event served -> summary posted (one full ETL run on the snapshot)
#   peak RSS    the process's maximum resident set (getrusage of the child)
# The same is measured for the bare binary started as `bootstrap` (system libraries), to
# show what the bundled loader costs. The store is prepared once (tables, users) and reused:
# every run after the first updates the same items in place, as a 6-hourly run does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$root/build/release/xrouting}
runs=${2:-7}
if [[ ! -x "$binary" ]]; then
  bash "$root/scripts/build.sh" release
fi
binary=$(realpath "$binary")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

OUT_DIR=$work/out bash "$root/deploy/package.sh" "$binary" >&2
mkdir "$work/fn" "$work/bare"
unzip -q "$work/out/xrouting-lambda.zip" -d "$work/fn"
ln -s "$binary" "$work/bare/bootstrap"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
"$binary" --db embedded --data-dir "$work/store" --quiet tables create >/dev/null
"$binary" --db embedded --data-dir "$work/store" --quiet migrate users >/dev/null
echo '[{"requestId": "bench", "payload": {}}]' >"$work/event.json"

measure() {  # measure LABEL BOOTSTRAP -> one JSON result per run in $work/LABEL-N.json
  local label=$1 bootstrap=$2 i
  for ((i = 1; i <= runs; i++)); do
    XROUTING_DB=embedded XROUTING_DATA_DIR="$work/store" XROUTING_SOURCE=snapshot \
      python3 "$root/tests/lambda/fake_runtime_api.py" --events "$work/event.json" \
      --out "$work/$label-$i.json" --log "$work/$label.log" --timeout 120 -- "$bootstrap"
  done
}
measure zip "$work/fn/bootstrap"
measure bare "$work/bare/bootstrap"

python3 - "$work" "$runs" "$(du -k "$work/out/xrouting-lambda.zip" | cut -f1)" <<'PY'
import json, statistics, sys
work, runs, zip_kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(label):
    rows = []
    for i in range(1, runs + 1):
        r = json.load(open(f"{work}/{label}-{i}.json"))
        inv = r["invocations"][0] if r["invocations"] else None
        if not inv or inv["kind"] != "response":
            sys.exit(f"{label} run {i} failed: {inv or r['initError']}")
        rows.append((r["startupMs"], inv["durationMs"], r["maxRssKb"] / 1024))
    return rows
print(f"Lambda cold start and one ETL invocation (snapshot, embedded store), {runs} runs; "
      f"zip {zip_kb / 1024:.1f} MiB")
print(f"{'':30}{'cold start ms':>15}{'invocation ms':>15}{'peak RSS MiB':>14}")
summary = {}
for label, name in (("zip", "zip (bundled loader)"), ("bare", "bare binary")):
    rows = load(label)
    for i, (s, d, m) in enumerate(rows, 1):
        print(f"{name + ' #' + str(i):30}{s:15.1f}{d:15.1f}{m:14.1f}")
    med = tuple(statistics.median(c) for c in zip(*rows))
    summary[label] = med
    print(f"{name + ' median':30}{med[0]:15.1f}{med[1]:15.1f}{med[2]:14.1f}")
z, b = summary["zip"], summary["bare"]
print(f"zip / bare (median): cold start {z[0] / b[0]:.2f}x, invocation {z[1] / b[1]:.2f}x, "
      f"RSS {z[2] / b[2]:.2f}x")
PY
