#!/usr/bin/env bash
# deploy.sh — puts the xrouting ETL into AWS Lambda with its 6-hourly EventBridge schedule.
# Idempotent: every resource is created when missing and updated when it exists, so the
# same command deploys a new build.
#
#   bash deploy/deploy.sh [--dry-run]
#
# Needs: the AWS CLI v2 configured with a deployer identity (deploy/deployer-policy.json),
# and the zip from deploy/package.sh (built first when missing).
# Settings (environment): AWS_REGION (default us-east-1), FUNCTION_NAME (xrouting-etl),
# ROLE_NAME (xrouting-etl-role), RULE_NAME (xrouting-etl-every-6-hours),
# SCHEDULE ("rate(6 hours)"), XROUTING_SOURCE (live), LOG_RETENTION_DAYS (30),
# ZIP (build/lambda/xrouting-lambda.zip).
# --dry-run prints the AWS CLI commands instead of running them (nothing is contacted);
# with DRY_RUN_EXISTING=1 it shows the commands for an existing deployment.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

dry_run=0
[[ "${1:-}" == "--dry-run" ]] && dry_run=1

region=${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}
function_name=${FUNCTION_NAME:-xrouting-etl}
role_name=${ROLE_NAME:-xrouting-etl-role}
rule_name=${RULE_NAME:-xrouting-etl-every-6-hours}
schedule=${SCHEDULE:-rate(6 hours)}
source_spec=${XROUTING_SOURCE:-live}
retention=${LOG_RETENTION_DAYS:-30}
zip=${ZIP:-$root/build/lambda/xrouting-lambda.zip}
policy_name=xrouting-etl-dynamodb-logs
export AWS_PAGER=""  # never stop in a pager

say() { echo "deploy: $*" >&2; }
# Runs an AWS CLI command, or prints it under --dry-run.
run() {
  if ((dry_run)); then
    printf '+ aws' >&2
    printf ' %q' "$@" >&2
    echo >&2
  else
    aws --region "$region" "$@"
  fi
}
# True when the resource exists. Under --dry-run: false (the create path), or true with
# DRY_RUN_EXISTING=1 (the update path).
exists() {
  ((dry_run)) && { [[ "${DRY_RUN_EXISTING:-0}" == 1 ]]; return; }
  aws --region "$region" "$@" >/dev/null 2>&1
}
# Runs a command whose failure is expected and harmless (already exists / already gone).
try_quietly() {
  if ((dry_run)); then
    run "$@"
  else
    aws --region "$region" "$@" >/dev/null 2>&1 || true
  fi
}

if ((!dry_run)) && [[ ! -f "$zip" ]]; then
  say "no $zip yet: packaging a release build"
  bash "$here/package.sh"
fi

if ((dry_run)); then
  account=123456789012
else
  account=$(aws sts get-caller-identity --query Account --output text)
fi
role_arn="arn:aws:iam::${account}:role/${role_name}"
function_arn="arn:aws:lambda:${region}:${account}:function:${function_name}"

# The role policy names the function's log group; follow a renamed function.
policy_file=$(mktemp)
trap 'rm -f "$policy_file"' EXIT
sed "s#/aws/lambda/xrouting-etl#/aws/lambda/${function_name}#g" "$here/iam-policy.json" >"$policy_file"

# 1. Execution role: trust Lambda, least-privilege inline policy.
if exists iam get-role --role-name "$role_name"; then
  say "updating role $role_name"
  run iam update-assume-role-policy --role-name "$role_name" \
    --policy-document "file://$here/trust-policy.json"
  new_role=0
else
  say "creating role $role_name"
  run iam create-role --role-name "$role_name" \
    --assume-role-policy-document "file://$here/trust-policy.json" \
    --description "xrouting ETL Lambda: its DynamoDB tables and its log group"
  run iam wait role-exists --role-name "$role_name"
  new_role=1
fi
run iam put-role-policy --role-name "$role_name" --policy-name "$policy_name" \
  --policy-document "file://$policy_file"

# 2. Log group with a retention, so logs do not accumulate forever.
try_quietly logs create-log-group --log-group-name "/aws/lambda/$function_name"
run logs put-retention-policy --log-group-name "/aws/lambda/$function_name" \
  --retention-in-days "$retention"

# 3. The function: custom runtime, `bootstrap` in the zip is the entry point.
env_vars="Variables={XROUTING_DB=aws,XROUTING_SOURCE=${source_spec}}"
if exists lambda get-function --function-name "$function_name"; then
  say "updating function $function_name"
  run lambda update-function-code --function-name "$function_name" \
    --zip-file "fileb://$zip" --architectures x86_64
  run lambda wait function-updated --function-name "$function_name"
  run lambda update-function-configuration --function-name "$function_name" \
    --role "$role_arn" --runtime provided.al2023 --handler bootstrap \
    --memory-size 256 --timeout 300 --environment "$env_vars"
  run lambda wait function-updated --function-name "$function_name"
else
  say "creating function $function_name"
  # A just-created role takes a few seconds to become assumable by Lambda (IAM is
  # eventually consistent): retry instead of failing the first deploy.
  for attempt in 1 2 3 4 5 6; do
    if run lambda create-function --function-name "$function_name" \
      --runtime provided.al2023 --handler bootstrap --architectures x86_64 \
      --memory-size 256 --timeout 300 --role "$role_arn" \
      --zip-file "fileb://$zip" --environment "$env_vars" \
      --description "xrouting ETL: SpaceX API v4 -> DynamoDB, every 6 hours"; then
      break
    fi
    ((new_role && attempt < 6)) || exit 1
    say "role not assumable yet; retrying in 10 s"
    sleep 10
  done
  run lambda wait function-active --function-name "$function_name"
fi

# 4. Schedule: put-rule and put-targets create or update in place.
run events put-rule --name "$rule_name" --schedule-expression "$schedule" --state ENABLED \
  --description "Runs $function_name: $schedule"
rule_arn="arn:aws:events:${region}:${account}:rule/${rule_name}"
statement_id="${rule_name}-invoke"
# add-permission refuses a duplicate statement id: drop the old grant first.
try_quietly lambda remove-permission --function-name "$function_name" \
  --statement-id "$statement_id"
run lambda add-permission --function-name "$function_name" --statement-id "$statement_id" \
  --action lambda:InvokeFunction --principal events.amazonaws.com --source-arn "$rule_arn"
run events put-targets --rule "$rule_name" --targets "Id=${function_name},Arn=${function_arn}"

say "done: $function_name in $region runs on '$schedule'."
say "try it now: aws lambda invoke --region $region --function-name $function_name out.json && cat out.json"
