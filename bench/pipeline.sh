#!/usr/bin/env bash
# pipeline.sh [RUNS] — the application's pipeline on the bundled SpaceX snapshot, run by the
# real xrouting binary as a child process, on the embedded store and over HTTP to dynalite.
#   RUNS: rounds (default 3); BUILD_DIR: where xrouting is (default build/release; built if
#   missing).
# Each round, for each store, from an empty store (a fresh data directory; a fresh dynalite
# started with scripts/peers.sh): `tables create`, `migrate all`, `etl`. Every command is one
# process: wall time, peak RSS (wait4 ru_maxrss of that process) and, for `migrate all` and
# `etl`, the phase split from the JSON summary it prints (body.timingsMs). `migrate all`
# includes the five users' bcrypt hashes (cost 12) and the first load of the fleet; `etl`
# then updates the same items in place, as the 6-hourly Lambda run does.
# Prints the runs, one table of medians, the ratios embedded / dynalite and whether the
# whole `etl` on the embedded store (process wall time) is under 1 second.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${1:-3}
build_dir=${BUILD_DIR:-build/release}
binary="$build_dir/xrouting"
if [[ ! -x "$binary" ]]; then
  cmake --build "$build_dir" --target xrouting >&2
fi
binary=$(realpath "$binary")

# shellcheck source=scripts/peers.sh
source scripts/peers.sh
work=$(mktemp -d)
trap 'peers_stop; rm -rf "$work"' EXIT

# Fixed passwords: nothing generated or printed; the bcrypt work is the same.
export XROUTING_ADMIN_PASSWORD=bench-admin-pass XROUTING_VIEWER_PASSWORD=bench-viewer-pass
export XROUTING_ENGINEER1_PASSWORD=bench-eng1-pass XROUTING_ENGINEER2_PASSWORD=bench-eng2-pass
export XROUTING_ENGINEER3_PASSWORD=bench-eng3-pass
export AWS_ACCESS_KEY_ID=fake AWS_SECRET_ACCESS_KEY=fake AWS_REGION=us-east-1

steps() {  # steps STORE RUN ARGS... — the three commands against one empty store
  local store=$1 run=$2
  shift 2
  local step
  for step in "tables create" "migrate all" "etl"; do
    # shellcheck disable=SC2086 # $step is two words on purpose
    python3 bench/pipeline_measure.py --out "$work/results.jsonl" --store "$store" \
      --step "$step" --run "$run" --log "$work/stderr.log" -- "$binary" "$@" --quiet $step
  done
}

for ((r = 1; r <= runs; r++)); do
  echo "pipeline: round $r/$runs: embedded" >&2
  steps embedded "$r" --db embedded --data-dir "$work/store-$r"
  rm -rf "$work/store-$r"
  echo "pipeline: round $r/$runs: dynalite" >&2
  peers_start
  steps dynalite "$r" --db "$XR_DYNALITE_ENDPOINT"
  peers_stop
done

python3 - "$work/results.jsonl" "$runs" "$(nproc)" \
  "$(node -p 'require("./tests/peers/node_modules/dynalite/package.json").version')" <<'PY'
import json, statistics, sys
path, runs, ncpu, dynalite_version = sys.argv[1:]
rows = [json.loads(line) for line in open(path)]
stores, steps = ("embedded", "dynalite"), ("tables create", "migrate all", "etl")
phases = ("extract", "validate", "transform", "load", "analytics")
saved = next((r["saved"] for r in rows if r["step"] == "etl" and "saved" in r), {})
print(f"Pipeline on the bundled SpaceX snapshot ({sum(saved.values())} items per load: "
      + ", ".join(f"{v} {k[:-5]}" for k, v in saved.items())
      + f"); embedded store vs dynalite {dynalite_version} over HTTP; {runs} runs each, "
      f"one process per command, {ncpu} CPUs shared")
print("per run (wall ms):")
for store in stores:
    for step in steps:
        rs = [r["wall_ms"] for r in rows if r["store"] == store and r["step"] == step]
        print(f"  {store:9} {step:14}" + "".join(f"{x:10.0f}" for x in rs))
med = {}
head = f"{'store':9} {'command':14}{'wall ms':>9}{'RSS MiB':>9}" + "".join(
    f"{p:>11}" for p in phases) + f"{'other':>9}"
print("medians (phases: ms, from the command's timingsMs; other = wall - phases: process "
      "start, store open/close, and for `migrate all` its tables and users steps)")
print(head)
for store in stores:
    for step in steps:
        rs = [r for r in rows if r["store"] == store and r["step"] == step]
        m = {"wall_ms": statistics.median(r["wall_ms"] for r in rs),
             "rss_mib": statistics.median(r["rss_mib"] for r in rs)}
        other = ""
        if all("phases_ms" in r for r in rs):
            for p in phases:
                m[p] = statistics.median(r["phases_ms"][p] for r in rs)
            other = f"{statistics.median(r['wall_ms'] - sum(r['phases_ms'].values()) for r in rs):9.0f}"
        med[(store, step)] = m
        print(f"{store:9} {step:14}{m['wall_ms']:9.0f}{m['rss_mib']:9.1f}"
              + "".join(f"{m[p]:11.1f}" if p in m else f"{'':11}" for p in phases) + other)
print("ratio embedded / dynalite (medians; < 1: embedded faster):")
for step in ("migrate all", "etl"):
    e, d = med[("embedded", step)], med[("dynalite", step)]
    parts = [f"wall {e['wall_ms'] / d['wall_ms']:.2f}", f"RSS {e['rss_mib'] / d['rss_mib']:.2f}"]
    parts += [f"{p} {e[p] / d[p]:.2f}" for p in ("load", "analytics") if d.get(p)]
    print(f"  {step:14}" + ", ".join(parts))
etl = med[("embedded", "etl")]
phase_sum = sum(etl[p] for p in phases if p in etl)
verdict = "MET" if etl["wall_ms"] < 1000 else "NOT MET"
print(f"target: whole `etl` on the embedded store < 1 s: {verdict} (median process wall "
      f"{etl['wall_ms']:.0f} ms, of which the five phases {phase_sum:.0f} ms; the rest is "
      f"process start, store open and close)")
print("Note: dynalite is single-threaded node on the same shared cores; its figures are "
      "dynalite's speed as much as the client's.")
PY
