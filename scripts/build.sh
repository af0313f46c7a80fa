#!/usr/bin/env bash
# build.sh release|test  — configures and builds one of the two build trees.
#   release: build/release, g++ -O2 (what `make run` uses)
#   test:    build/test, clang with ASan+UBSan and the libFuzzer targets (what tests use)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
jobs=${XR_JOBS:-$(nproc)}
case "$kind" in
  release)
    # Benchmarks only when asked (XR_BENCH=ON, as `make bench` does): `make run` builds less.
    cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DXR_TESTS=OFF \
      -DXR_BENCH="${XR_BENCH:-OFF}" >/dev/null ;;
  test)
    cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
      -DXR_SANITIZE=ON -DXR_FUZZ=ON -DXR_BENCH=OFF >/dev/null ;;
  *) echo "usage: build.sh release|test" >&2; exit 2 ;;
esac
cmake --build "build/$kind" -j "$jobs"
