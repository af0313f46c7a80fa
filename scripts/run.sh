#!/usr/bin/env bash
# The pipeline on the embedded default store (data directory .xrouting/data).
# Until the migration/ETL commands land: create the tables (idempotent) and list them.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/xrouting
"$bin" version
"$bin" tables create
"$bin" tables list
