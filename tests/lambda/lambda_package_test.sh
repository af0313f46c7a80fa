#!/usr/bin/env bash
# lambda_package_test.sh XROUTING_BINARY — the Lambda zip, end to end, offline:
# packages the binary with deploy/package.sh, unpacks the zip into an empty directory and
# runs its `bootstrap` against a local Runtime API (fake_runtime_api.py) with a clean
# environment, the embedded store in a temporary directory and the bundled snapshot.
# Checks: the ETL summary with the right counts, a second invocation in the same process,
# a failing invocation reported through /error while the process keeps serving, an init
# failure through /init/error, and that every shared object the process maps comes from the
# zip (so it runs on an image that has none of our libraries).
set -euo pipefail
binary=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/lambda
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

OUT_DIR=$work/out bash "$root/deploy/package.sh" "$binary"
zip=$work/out/xrouting-lambda.zip
[[ -s "$zip" ]] || fail "no zip"
mkdir "$work/fn"
unzip -q "$zip" -d "$work/fn"
[[ -x "$work/fn/bootstrap" ]] || fail "bootstrap is not executable in the zip"
loader=$(cd "$work/fn/lib" && ls ld-linux*.so.* | head -1)

# What Lambda gives a process: a small environment, no LD_LIBRARY_PATH. Sanitizer builds
# (the CI test build) keep their runtime quiet about the deliberate SIGTERM at the end.
clean_env=(env -i PATH=/usr/bin:/bin HOME="$work" TZ=UTC LANG=C.UTF-8
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)
fn() { "${clean_env[@]}" "$work/fn/lib/$loader" --library-path "$work/fn/lib" "$work/fn/bin/xrouting" "$@"; }

# The tables and the admin user exist before the function runs (deploy/README.md step 2).
store=$work/data
fn --db embedded --data-dir "$store" --quiet tables create >/dev/null
fn --db embedded --data-dir "$store" --quiet migrate users >/dev/null

# The counts `xrouting etl` gives on its own fresh store: the summary the Lambda must return.
ref=$work/ref
fn --db embedded --data-dir "$ref" --quiet tables create >/dev/null
fn --db embedded --data-dir "$ref" --quiet migrate users >/dev/null
fn --db embedded --data-dir "$ref" --quiet --source snapshot etl >"$work/etl.json"

cat >"$work/events.json" <<EOF
[
  {"requestId": "run-1", "payload": {}, "traceId": "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1"},
  {"requestId": "run-2", "payload": {"version": "0", "source": "aws.events", "detail-type": "Scheduled Event", "detail": {}}},
  {"requestId": "bad-source", "payload": {"spacexSource": "$work/no-such-dir"}},
  {"requestId": "run-3", "payload": {"spacexSource": "snapshot"}}
]
EOF
"${clean_env[@]}" XROUTING_DB=embedded XROUTING_DATA_DIR="$store" XROUTING_SOURCE=snapshot \
  python3 "$here/fake_runtime_api.py" --events "$work/events.json" --out "$work/result.json" \
  --log "$work/function.log" --timeout 240 --maps -- "$work/fn/bootstrap" ||
  { cat "$work/function.log" >&2; fail "the function did not answer every event in time"; }

# Init failure: an unknown store is reported to /init/error and the process exits.
echo '[{"requestId": "never-served"}]' >"$work/one.json"
"${clean_env[@]}" XROUTING_DB=nonsense python3 "$here/fake_runtime_api.py" \
  --events "$work/one.json" --out "$work/init.json" --log "$work/init.log" --timeout 60 \
  -- "$work/fn/bootstrap" || fail "init-error run timed out"

python3 - "$work" "$root" <<'PY' || { cat "$work/function.log" >&2; exit 1; }
import json, os, sys
work, root = sys.argv[1], sys.argv[2]
r = json.load(open(f"{work}/result.json"))
expected = json.load(open(f"{work}/etl.json"))["body"]
counts = ["componentsSaved", "subComponentsSaved", "commentsSaved", "maintenancesSaved",
          "failuresSaved", "analyticsSaved"]
problems = []
def check(cond, msg):
    if not cond:
        problems.append(msg)

inv = {i["requestId"]: i for i in r["invocations"]}
check([i["requestId"] for i in r["invocations"]] == ["run-1", "run-2", "bad-source", "run-3"],
      f"answers: {[i['requestId'] for i in r['invocations']]}")
snapshot = os.path.join(root, "data", "spacex-v4")
records = sum(len(json.load(open(os.path.join(snapshot, f + ".json"))))
              for f in ("rockets", "launchpads", "cores", "capsules", "ships"))
for rid in ("run-1", "run-2", "run-3"):
    i = inv.get(rid, {})
    check(i.get("kind") == "response", f"{rid}: {i.get('kind')} {i.get('body', '')[:300]}")
    if i.get("kind") != "response":
        continue
    summary = json.loads(i["body"])
    check(summary["statusCode"] == 200, f"{rid}: statusCode {summary['statusCode']}")
    for k in counts:
        check(summary["body"][k] == expected[k], f"{rid}: {k} {summary['body'][k]} != {expected[k]}")
    check(summary["body"]["componentsSaved"] == records,
          f"{rid}: componentsSaved {summary['body']['componentsSaved']} != {records} snapshot records")
    check(summary["body"]["analyticsSaved"] == 7, f"{rid}: analyticsSaved")
bad = inv.get("bad-source", {})
check(bad.get("kind") == "error" and bad.get("errorType") == "SpaceXSourceError",
      f"bad-source: {bad}")
if bad.get("kind") == "error":
    body = json.loads(bad["body"])
    check(body["errorType"] == "SpaceXSourceError" and "no-such-dir" in body["errorMessage"]
          and body["stackTrace"] == [], f"bad-source body: {body}")
check(r["exitCode"] is None, f"the function exited on its own ({r['exitCode']}) instead of serving")
check(r["startupMs"] is not None, "never asked for an event")

objects = [p for p in r["mappedObjects"] or [] if ".so" in os.path.basename(p)
           or p.endswith("/xrouting")]
check(objects, "no mapped objects recorded")
outside = [p for p in objects if not p.startswith(f"{work}/fn/")]
check(not outside, f"mapped from outside the zip: {outside}")

lines = [l for l in open(f"{work}/function.log") if l.startswith("{")]
logs = [json.loads(l) for l in lines]
check(logs and all({"timestamp", "level", "requestId", "message"} <= set(l) for l in logs),
      "log lines are not the JSON objects expected")
check(any(l["requestId"] == "run-2" for l in logs), "no log line carries run-2's requestId")

init = json.load(open(f"{work}/init.json"))
check(init["initError"] is not None and init["initError"]["errorType"] == "Runtime.InitError",
      f"init error: {init['initError']}")
if init["initError"]:
    check("nonsense" in json.loads(init["initError"]["body"])["errorMessage"],
          f"init error message: {init['initError']['body']}")
check(init["exitCode"] not in (None, 0), f"init failure exit code: {init['exitCode']}")
check(init["invocations"] == [], "an event was served after an init failure")

if problems:
    print("\n".join("FAIL: " + p for p in problems), file=sys.stderr)
    sys.exit(1)
print(f"lambda package OK: startup {r['startupMs']} ms, invocations "
      + ", ".join(f"{i['requestId']} {i['durationMs']} ms" for i in r["invocations"])
      + f", peak RSS {r['maxRssKb']} KiB, {len(objects)} objects mapped, all from the zip")
PY
