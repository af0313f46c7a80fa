#!/usr/bin/env bash
# http_batch.sh [ITEMS] [RUNS] — BatchWriteItem throughput over HTTP to dynalite:
# xrouting's BatchWriter (bench/http_batch_bench.cc, max_in_flight 1 and 8) next to boto3's
# batch_writer (bench/boto3_batch_writer.py, 1 thread and 8 threads with a batch_writer
# each), against one dynalite started here (scripts/peers.sh), in the same run.
#   ITEMS: items per run (default 5000, ~200 B each); RUNS: rounds (default 3).
#   BUILD_DIR: where http_batch_bench is (default build/release; built if missing).
# The rounds are interleaved (xrouting c1, c8, boto3 t1, t8, then again) so drift of the
# shared machine hits every configuration alike; each run writes a fresh table, verifies
# the count (Scan Select COUNT) and deletes it. Prints the runs, the medians and the ratios.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
items=${1:-5000}
runs=${2:-3}
build_dir=${BUILD_DIR:-build/release}
bench="$build_dir/http_batch_bench"
if [[ ! -x "$bench" ]]; then
  cmake --build "$build_dir" --target http_batch_bench >&2
fi
python3 -c 'import boto3' 2>/dev/null || { echo "http_batch: python3-boto3 is missing (run scripts/setup.sh)" >&2; exit 1; }

# shellcheck source=scripts/peers.sh
source scripts/peers.sh
work=$(mktemp -d)
trap 'peers_stop; rm -rf "$work"' EXIT
peers_start
server_pid=$(cat "$XR_PEERS_DIR/dynalite.pid")

for ((r = 1; r <= runs; r++)); do
  echo "http_batch: round $r/$runs" >&2
  timeout 600 "$bench" --endpoint "$XR_DYNALITE_ENDPOINT" --items "$items" --runs 1 \
    --concurrency 1,8 --server-pid "$server_pid" --jsonl >>"$work/results.jsonl"
  timeout 600 python3 bench/boto3_batch_writer.py --endpoint "$XR_DYNALITE_ENDPOINT" \
    --items "$items" --runs 1 --threads 1,8 --server-pid "$server_pid" --jsonl \
    >>"$work/results.jsonl"
done

python3 - "$work/results.jsonl" "$items" "$runs" "$(nproc)" \
  "$(python3 -c 'import boto3; print(boto3.__version__)')" \
  "$(node -p 'require("./tests/peers/node_modules/dynalite/package.json").version')" <<'PY'
import json, statistics, sys
path, items, runs, ncpu, boto3_version, dynalite_version = sys.argv[1:]
rows = [json.loads(line) for line in open(path)]
configs = [("xrouting", 1, "xrouting BatchWriter, max_in_flight 1"),
           ("boto3", 1, "boto3 batch_writer, 1 thread"),
           ("xrouting", 8, "xrouting BatchWriter, max_in_flight 8"),
           ("boto3", 8, "boto3 batch_writer, 8 threads")]
print(f"BatchWriteItem over HTTP to dynalite {dynalite_version} (127.0.0.1), {items} items "
      f"of ~200 B per run, {runs} runs each, fresh table per run; boto3 {boto3_version}; "
      f"{ncpu} CPUs shared")
print(f"{'':40}{'items/s per run':>26}{'median':>10}{'server CPU':>12}")
median, server = {}, {}
for impl, c, label in configs:
    rs = [r for r in rows if r["impl"] == impl and r["concurrency"] == c]
    rates = [r["items_per_s"] for r in rs]
    cpus = [r["server_cpu"] for r in rs if r.get("server_cpu") is not None]
    median[(impl, c)] = statistics.median(rates)
    server[(impl, c)] = statistics.median(cpus) if cpus else None
    cpu = f"{server[(impl, c)] * 100:.0f}%" if cpus else "n/a"
    print(f"{label:40}{' '.join(f'{x:8.0f}' for x in rates):>26}"
          f"{median[(impl, c)]:10.0f}{cpu:>12}")
r1 = median[("xrouting", 1)] / median[("boto3", 1)]
r8 = median[("xrouting", 8)] / median[("boto3", 8)]
print(f"ratio xrouting / boto3 (medians): concurrency 1: {r1:.2f}x, concurrency 8: {r8:.2f}x")
print(f"scaling 1 -> 8: xrouting {median[('xrouting', 8)] / median[('xrouting', 1)]:.2f}x, "
      f"boto3 {median[('boto3', 8)] / median[('boto3', 1)]:.2f}x")
print("server CPU = dynalite's CPU time / wall time during the writes (100% = one core; "
      "node's helper threads can add a little). dynalite is single-threaded node:")
for impl, c, label in configs:
    cpu = server[(impl, c)]
    if cpu is None:
        continue
    who = ("dynalite (server-bound: the ratio understates the client difference)"
           if cpu >= 0.85 else "the client (dynalite had spare CPU)")
    print(f"  {label}: limited by {who}")
print("The clients and dynalite share the machine's cores, so figures are noisy; see the "
      "per-run columns.")
PY
