#!/usr/bin/env bash
# The AWS CLI's item commands against a DynamoDB-compatible endpoint: update-item with an
# update expression and ReturnValues, conditional failures, and the legacy parameters
# (--attribute-updates, --expected, query --key-conditions, scan --scan-filter).
# Usage: cli_items.sh http://127.0.0.1:PORT   (run by serve_peers_test.sh; also passes on
# dynalite, which is how its expectations were checked). Exits non-zero on the first
# difference from what DynamoDB answers.
set -euo pipefail

ENDPOINT=${1:?usage: cli_items.sh http://127.0.0.1:PORT}
TABLE=cli_items
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-fake} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-fake}
export AWS_PAGER=""
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

fail() {
  echo "cli items: FAILED: $*" >&2
  exit 1
}
awsddb() { timeout 60 aws dynamodb --endpoint-url "$ENDPOINT" --region us-east-1 --output json "$@"; }
# json_is WHAT ACTUAL EXPECTED: equal as JSON values (key order and spacing aside).
json_is() {
  python3 -c 'import json,sys; sys.exit(json.loads(sys.argv[1] or "null") != json.loads(sys.argv[2]))' \
    "$2" "$3" || fail "$1: expected $3, got ${2:-(nothing)}"
}
# conditional_failure WHAT OPERATION ARGS...: the command must fail with exactly the CLI's
# rendering of DynamoDB's ConditionalCheckFailedException: exit status 255 (a service error),
# nothing on stdout (the CLI never prints an error's Item, even with
# --return-values-on-condition-check-failure ALL_OLD) and the one-line message on stderr.
conditional_failure() {
  local what=$1 op=$2 status=0
  shift 2
  awsddb "$@" >"$OUT/stdout" 2>"$OUT/stderr" || status=$?
  [ "$status" = 255 ] || fail "$what: exit status $status, stderr $(cat "$OUT/stderr")"
  [ ! -s "$OUT/stdout" ] || fail "$what: stdout $(cat "$OUT/stdout")"
  local want="An error occurred (ConditionalCheckFailedException) when calling the $op operation: The conditional request failed"
  grep -qxF "$want" <(sed '/^$/d' "$OUT/stderr") || fail "$what: stderr $(cat "$OUT/stderr")"
}
KEY='{"pk":{"S":"a"},"sk":{"N":"1"}}'

awsddb create-table --table-name "$TABLE" \
  --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
  --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
  --billing-mode PAY_PER_REQUEST >/dev/null || fail "create-table"
awsddb wait table-exists --table-name "$TABLE" || fail "wait table-exists"

# --- update-item with an update expression ---
awsddb put-item --table-name "$TABLE" \
  --item '{"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"1"},"tags":{"SS":["x"]}}' || fail "put-item"
out=$(awsddb update-item --table-name "$TABLE" --key "$KEY" \
  --update-expression 'SET n = n + :one, #s = :s ADD tags :t' \
  --expression-attribute-names '{"#s":"status"}' \
  --expression-attribute-values '{":one":{"N":"1"},":s":{"S":"ok"},":t":{"SS":["y"]}}') ||
  fail "update-item"
json_is "update-item without --return-values" "$out" 'null'
out=$(awsddb update-item --table-name "$TABLE" --key "$KEY" \
  --update-expression 'SET n = n + :one REMOVE #s' --expression-attribute-names '{"#s":"status"}' \
  --expression-attribute-values '{":one":{"N":"1"}}' --return-values UPDATED_OLD) ||
  fail "update-item UPDATED_OLD"
json_is "UPDATED_OLD" "$out" '{"Attributes":{"n":{"N":"2"},"status":{"S":"ok"}}}'
out=$(awsddb update-item --table-name "$TABLE" --key "$KEY" \
  --update-expression 'SET created = if_not_exists(created, :t)' \
  --expression-attribute-values '{":t":{"S":"2024-01-01T00:00:00Z"}}' --return-values ALL_NEW) ||
  fail "update-item ALL_NEW"
python3 -c 'import json,sys
a = json.loads(sys.argv[1])["Attributes"]
a["tags"]["SS"].sort()
sys.exit(a != {"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"3"},"tags":{"SS":["x","y"]},
               "created":{"S":"2024-01-01T00:00:00Z"}})' "$out" || fail "ALL_NEW: $out"

# --- conditions ---
conditional_failure "conditional update-item" UpdateItem update-item --table-name "$TABLE" \
  --key "$KEY" --update-expression 'SET n = :v' --condition-expression 'n = :v' \
  --expression-attribute-values '{":v":{"N":"100"}}'
conditional_failure "update-item with ALL_OLD on failure" UpdateItem update-item \
  --table-name "$TABLE" --key "$KEY" --update-expression 'SET n = :v' \
  --condition-expression 'attribute_not_exists(pk)' --expression-attribute-values '{":v":{"N":"0"}}' \
  --return-values-on-condition-check-failure ALL_OLD
conditional_failure "conditional delete-item" DeleteItem delete-item --table-name "$TABLE" \
  --key "$KEY" --condition-expression 'n < :v' --expression-attribute-values '{":v":{"N":"0"}}'
got=$(awsddb get-item --table-name "$TABLE" --key "$KEY" --consistent-read \
  --query Item.n.N --output text) || fail "get-item"
[ "$got" = 3 ] || fail "failed conditions changed n to $got"

# --- legacy parameters ---
out=$(awsddb update-item --table-name "$TABLE" --key "$KEY" \
  --attribute-updates '{"n":{"Value":{"N":"10"},"Action":"ADD"},"tags":{"Action":"DELETE"}}' \
  --expected '{"n":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"3"}]}}' \
  --return-values UPDATED_NEW) || fail "update-item --attribute-updates"
json_is "AttributeUpdates UPDATED_NEW" "$out" '{"Attributes":{"n":{"N":"13"}}}'
conditional_failure "update-item --expected" UpdateItem update-item --table-name "$TABLE" \
  --key "$KEY" --attribute-updates '{"n":{"Value":{"N":"1"},"Action":"ADD"}}' \
  --expected '{"n":{"Exists":false}}'
for sk in 2 3 4; do
  awsddb put-item --table-name "$TABLE" \
    --item "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"$sk\"},\"w\":{\"N\":\"$((sk * 10))\"}}" ||
    fail "put-item $sk"
done
out=$(awsddb query --table-name "$TABLE" --key-conditions \
  '{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]},"sk":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"2"}]}}' \
  --no-scan-index-forward --query 'Items[].sk.N' --output text) || fail "query --key-conditions"
[ "$out" = "$(printf '4\t3\t2')" ] || fail "query --key-conditions: $out"
out=$(awsddb scan --table-name "$TABLE" --scan-filter \
  '{"w":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"25"}]}}' \
  --query '[Count, ScannedCount]' --output text) || fail "scan --scan-filter"
[ "$out" = "$(printf '2\t4')" ] || fail "scan --scan-filter Count/ScannedCount: $out"

awsddb delete-table --table-name "$TABLE" >/dev/null || fail "delete-table"
awsddb wait table-not-exists --table-name "$TABLE" || fail "wait table-not-exists"
echo "cli items: ok"
