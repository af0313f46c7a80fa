#!/usr/bin/env bash
# The pipeline on the embedded default store (data directory .xrouting/data).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/xrouting
"$bin" version
