#!/usr/bin/env bash
# Installs what the project needs and is missing (Debian packages, npm test peers).
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  librocksdb-dev libcurl4-openssl-dev libssl-dev libcrypt-dev
  rapidjson-dev libsimdjson-dev libboost-dev libcli11-dev libfmt-dev libspdlog-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm awscli python3 python3-boto3 zip unzip curl ca-certificates
)
# Peers for tests only: nodejs/npm may come from elsewhere than apt; accept any working one.
missing=()
for p in "${PACKAGES[@]}"; do
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm peers (dynalite, AWS JS SDK) for the integration tests and benchmarks.
if [ "${XR_SKIP_NPM:-0}" != 1 ] && [ ! -x tests/peers/node_modules/.bin/dynalite ]; then
  echo "setup: installing npm test peers (dynalite, @aws-sdk/client-dynamodb)" >&2
  (cd tests/peers && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
