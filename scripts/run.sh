#!/usr/bin/env bash
# The whole pipeline on the embedded default store (data directory .xrouting/data) with the
# bundled SpaceX snapshot: tables, migrations, the Lambda's ETL, then a look at what loaded.
# Running it again updates the same items in place (deterministic ids): nothing duplicates.
set -euo pipefail
cd "$(dirname "$0")/.."
x=build/release/xrouting

echo "== xrouting tables create" >&2
"$x" tables create
echo "== xrouting migrate all (users, fleet data, analytics)" >&2
"$x" migrate all
echo "== xrouting etl (the Lambda's job, run locally)" >&2
"$x" etl
echo "== what was loaded" >&2
for t in $("$x" tables list); do
  printf '%-22s %s\n' "$t" "$("$x" scan "$t" --json | wc -l) items"
done
echo "== xrouting scan analytics" >&2
"$x" scan analytics
echo >&2
echo "Data is in .xrouting/data. Try: $x query maintenances --help, $x serve, $x --help" >&2
