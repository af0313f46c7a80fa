#!/usr/bin/env bash
# package.sh [BINARY] — writes the Lambda zip (build/lambda/xrouting-lambda.zip).
#   BINARY: an xrouting binary to package; without it, builds the release binary
#           (scripts/build.sh release) and packages build/release/xrouting.
#   OUT_DIR: where the zip goes (default build/lambda); XR_STRIP=0 keeps debug info.
#
# Layout (runs on a machine that has none of our libraries, e.g. provided.al2023):
#   bootstrap      /bin/sh script: starts bin/xrouting through the bundled dynamic loader
#   bin/xrouting   the binary
#   lib/           every shared library ldd lists (vDSO excepted) and the loader itself
#   certs/         a CA bundle, used only when the image has none at a known path
# Starting through our own loader with --library-path means the image's glibc and
# libraries are never mixed with ours, without patchelf (not needed to build or run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out_dir=${OUT_DIR:-$root/build/lambda}

if [[ $# -ge 1 ]]; then
  binary=$1
else
  bash "$root/scripts/build.sh" release
  binary=$root/build/release/xrouting
fi
[[ -x "$binary" ]] || { echo "package: no executable at $binary" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib" "$stage/certs"
cp "$binary" "$stage/bin/xrouting"
if [[ "${XR_STRIP:-1}" == 1 ]] && command -v strip >/dev/null; then
  strip --strip-debug "$stage/bin/xrouting"
fi

# ldd lines: "libfoo.so.1 => /path/libfoo.so.1 (0x...)", "/lib64/ld-linux-x86-64.so.2 (0x...)",
# "linux-vdso.so.1 (0x...)" (in the kernel, nothing to copy).
loader=
while read -r line; do
  case "$line" in
    *"not found"*)
      echo "package: $binary needs a library this machine lacks: $line" >&2
      exit 1 ;;
    *" => "/*)
      name=${line%% =>*}
      path=${line#*=> }
      path=${path%% (*}
      cp -L "$path" "$stage/lib/$name" ;;
    /*)
      path=${line%% (*}
      loader=$(basename "$path")
      cp -L "$path" "$stage/lib/$loader" ;;
  esac
done < <(ldd "$binary")
[[ -n "$loader" ]] || { echo "package: ldd named no dynamic loader for $binary" >&2; exit 1; }

for ca in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt; do
  if [[ -f "$ca" ]]; then
    cp -L "$ca" "$stage/certs/ca-certificates.crt"
    break
  fi
done

cat >"$stage/bootstrap" <<EOF
#!/bin/sh
# Lambda custom runtime entry point (provided.al2023). Runs xrouting's Runtime API loop
# through the loader and libraries shipped beside it, so the image's own are never used.
here=\$(cd "\$(dirname "\$0")" && pwd)
# TLS trust for DynamoDB and the SpaceX API: the image's CA bundle when it has one (kept
# current by AWS), else the one packaged with us.
if [ -z "\${AWS_CA_BUNDLE:-}" ]; then
  for ca in /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/certs/ca-certificates.crt "\$here/certs/ca-certificates.crt"; do
    if [ -f "\$ca" ]; then AWS_CA_BUNDLE=\$ca; break; fi
  done
fi
if [ -n "\${AWS_CA_BUNDLE:-}" ]; then
  export AWS_CA_BUNDLE
  export SSL_CERT_FILE="\${SSL_CERT_FILE:-\$AWS_CA_BUNDLE}"
fi
exec "\$here/lib/$loader" --library-path "\$here/lib" "\$here/bin/xrouting" lambda "\$@"
EOF
chmod 755 "$stage/bootstrap" "$stage/bin/xrouting" "$stage/lib/$loader"
chmod 644 "$stage/certs/"* 2>/dev/null || true
find "$stage/lib" -type f ! -name "$loader" -exec chmod 755 {} +

mkdir -p "$out_dir"
zip_path=$out_dir/xrouting-lambda.zip
rm -f "$zip_path"
(cd "$stage" && zip -q -r -X "$zip_path" bootstrap bin lib certs)

bytes=$(stat -c %s "$zip_path")
libs=$(find "$stage/lib" -type f | wc -l)
echo "package: $zip_path: $((bytes / 1024)) KiB zipped, $(du -sk "$stage" | cut -f1) KiB unzipped," \
  "$libs shared objects (loader $loader)"
