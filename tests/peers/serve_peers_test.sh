#!/usr/bin/env bash
# Real AWS clients against `xrouting serve`: the AWS CLI, boto3 and the AWS SDK for
# JavaScript v3 talk to the embedded engine over HTTP exactly as they talk to DynamoDB
# (smoke tests, then the item API: cli_items.sh, boto3_items.py, js_items.mjs).
# Usage: serve_peers_test.sh path/to/xrouting   (registered with ctest as peers_serve)
# Starts the server on a free port with a temporary data directory and always stops it.
set -euo pipefail

XROUTING=${1:?usage: serve_peers_test.sh path/to/xrouting}
HERE=$(cd "$(dirname "$0")" && pwd)

if [ ! -d "$HERE/node_modules/@aws-sdk/client-dynamodb" ]; then
  echo "serve_peers_test: tests/peers/node_modules is missing: run scripts/setup.sh" >&2
  exit 1
fi
for tool in aws python3 node; do
  command -v "$tool" >/dev/null || { echo "serve_peers_test: $tool missing: run scripts/setup.sh" >&2; exit 1; }
done

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "serve_peers_test: FAILED: $*" >&2
  echo "--- server stderr ---" >&2
  cat "$WORK/server.err" >&2 || true
  exit 1
}

# Fake credentials and no machine configuration: nothing here may reach AWS.
export AWS_ACCESS_KEY_ID=fake AWS_SECRET_ACCESS_KEY=fake
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_DYNAMODB
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE="$WORK/no-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/no-credentials"

"$XROUTING" --data-dir "$WORK/data" serve --port 0 >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
ENDPOINT=""
for _ in $(seq 1 100); do
  ENDPOINT=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$WORK/server.out")
  [ -n "$ENDPOINT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "xrouting serve exited before listening"
  sleep 0.1
done
[ -n "$ENDPOINT" ] || fail "xrouting serve did not print 'listening on ...' within 10 s"
echo "serve_peers_test: xrouting serve on $ENDPOINT" >&2
curl -fsS "$ENDPOINT/" | grep -q '^healthy' || fail "GET / is not healthy"

# --- AWS CLI ---
awsddb() { timeout 60 aws dynamodb --endpoint-url "$ENDPOINT" --region us-east-1 "$@"; }
awsddb create-table --table-name cli_smoke \
  --attribute-definitions AttributeName=pk,AttributeType=S \
  --key-schema AttributeName=pk,KeyType=HASH --billing-mode PAY_PER_REQUEST \
  --query TableDescription.TableName --output text >"$WORK/cli.out" || fail "aws create-table"
[ "$(cat "$WORK/cli.out")" = cli_smoke ] || fail "create-table answered $(cat "$WORK/cli.out")"
awsddb wait table-exists --table-name cli_smoke || fail "aws wait table-exists"
awsddb put-item --table-name cli_smoke \
  --item '{"pk":{"S":"a"},"price":{"N":"12.50"},"tags":{"SS":["x","y"]}}' || fail "aws put-item"
got=$(awsddb get-item --table-name cli_smoke --key '{"pk":{"S":"a"}}' --consistent-read \
  --query Item.price.N --output text) || fail "aws get-item"
[ "$got" = 12.5 ] || fail "get-item price: expected 12.5, got $got"
count=$(awsddb scan --table-name cli_smoke --query Count --output text) || fail "aws scan"
[ "$count" = 1 ] || fail "scan Count: expected 1, got $count"
tables=$(awsddb list-tables --query 'TableNames' --output text) || fail "aws list-tables"
[ "$tables" = cli_smoke ] || fail "list-tables: expected cli_smoke, got $tables"
if awsddb put-item --table-name cli_smoke --item '{"pk":{"S":"a"}}' \
  --condition-expression 'attribute_not_exists(pk)' 2>"$WORK/cli.err"; then
  fail "conditional put-item succeeded"
fi
grep -q ConditionalCheckFailedException "$WORK/cli.err" || fail "conditional put: $(cat "$WORK/cli.err")"
# Tags by the table's ARN; DescribeLimits.
arn=$(awsddb describe-table --table-name cli_smoke --query Table.TableArn --output text) ||
  fail "aws describe-table"
awsddb tag-resource --resource-arn "$arn" --tags Key=env,Value=test || fail "aws tag-resource"
got=$(awsddb list-tags-of-resource --resource-arn "$arn" --query 'Tags[0].Value' --output text) ||
  fail "aws list-tags-of-resource"
[ "$got" = test ] || fail "list-tags-of-resource: expected test, got $got"
awsddb untag-resource --resource-arn "$arn" --tag-keys env || fail "aws untag-resource"
got=$(awsddb describe-limits --query TableMaxReadCapacityUnits --output text) ||
  fail "aws describe-limits"
[ "$got" = 40000 ] || fail "describe-limits: expected 40000, got $got"
awsddb delete-table --table-name cli_smoke >/dev/null || fail "aws delete-table"
awsddb wait table-not-exists --table-name cli_smoke || fail "aws wait table-not-exists"
left=$(awsddb list-tables --query 'length(TableNames)' --output text) || fail "aws list-tables"
[ "$left" = 0 ] || fail "tables left after delete: $left"
echo "aws cli smoke: ok"
# The item API: update-item, conditions, legacy parameters.
timeout 300 bash "$HERE/cli_items.sh" "$ENDPOINT" || fail "aws cli items"

# --- boto3 and the JS SDK ---
timeout 120 python3 "$HERE/boto3_smoke.py" "$ENDPOINT" || fail "boto3 smoke"
(cd "$HERE" && NODE_NO_WARNINGS=1 timeout 120 node js_smoke.mjs "$ENDPOINT") || fail "js smoke"
# The item API, including the Item of ReturnValuesOnConditionCheckFailure=ALL_OLD.
timeout 120 python3 "$HERE/boto3_items.py" "$ENDPOINT" || fail "boto3 items"
(cd "$HERE" && NODE_NO_WARNINGS=1 timeout 120 node js_items.mjs "$ENDPOINT") || fail "js items"
# Transactions (serve only: dynalite has none).
timeout 120 python3 "$HERE/boto3_transactions.py" "$ENDPOINT" || fail "boto3 transactions"

# --- the same boto3 and JS item scripts on dynalite, when scripts/test.sh runs one ---
# Proves the expectations are DynamoDB's and not tailored to our server. dynalite predates
# ReturnValuesOnConditionCheckFailure, so that one check is skipped there. (cli_items.sh
# passes on dynalite too, but its ~20 CLI start-ups would strain this test's 300 s budget.)
if [ -n "${XR_DYNALITE_ENDPOINT:-}" ]; then
  timeout 120 python3 "$HERE/boto3_items.py" "$XR_DYNALITE_ENDPOINT" --peer-lacks-rvoccf ||
    fail "boto3 items on dynalite"
  (cd "$HERE" && NODE_NO_WARNINGS=1 timeout 120 node js_items.mjs "$XR_DYNALITE_ENDPOINT" \
    --peer-lacks-rvoccf) || fail "js items on dynalite"
fi

# --- graceful stop on SIGTERM ---
kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$SERVER_PID" 2>/dev/null; then fail "server did not stop within 10 s of SIGTERM"; fi
status=0
wait "$SERVER_PID" || status=$?
SERVER_PID=""
[ "$status" = 0 ] || fail "server exit status $status after SIGTERM"
echo "serve_peers_test: ok"
