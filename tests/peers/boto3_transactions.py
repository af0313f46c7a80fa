#!/usr/bin/env python3
"""boto3's transactions against `xrouting serve`: transact_write_items (Put, Update,
Delete, ConditionCheck; all or nothing; CancellationReasons with the item for
ReturnValuesOnConditionCheckFailure=ALL_OLD; ClientRequestToken idempotency) and
transact_get_items, through the client and the resource layer's types.
dynalite has no transactions, so this runs against serve only.

Usage: boto3_transactions.py http://127.0.0.1:PORT
Exits non-zero with a message on the first difference from what DynamoDB answers.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

TABLE = "boto3_transactions"


def check(cond, what):
    if not cond:
        sys.exit(f"boto3 transactions: FAILED: {what}")


def key(pk):
    return {"pk": {"S": pk}}


def balances(client, *names):
    out = client.transact_get_items(
        TransactItems=[{"Get": {"TableName": TABLE, "Key": key(n)}} for n in names])
    check(len(out["Responses"]) == len(names), f"transact_get_items answered {out}")
    return [int(r["Item"]["balance"]["N"]) if "Item" in r else None for r in out["Responses"]]


def transfer(amount, token=None):
    items = [
        {"Update": {"TableName": TABLE, "Key": key("alice"),
                    "UpdateExpression": "ADD balance :minus",
                    "ConditionExpression": "balance >= :amount",
                    "ExpressionAttributeValues": {":minus": {"N": str(-amount)},
                                                  ":amount": {"N": str(amount)}},
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        {"Update": {"TableName": TABLE, "Key": key("bob"), "UpdateExpression": "ADD balance :plus",
                    "ExpressionAttributeValues": {":plus": {"N": str(amount)}}}},
    ]
    extra = {"ClientRequestToken": token} if token else {}
    return dict(TransactItems=items, **extra)


def main():
    endpoint = sys.argv[1]
    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="fake", aws_secret_access_key="fake",
                          config=Config(retries={"max_attempts": 1}, connect_timeout=5,
                                        read_timeout=30))
    client.create_table(TableName=TABLE,
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                        BillingMode="PAY_PER_REQUEST")
    client.get_waiter("table_exists").wait(TableName=TABLE,
                                           WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    try:
        # Put and ConditionCheck in one transaction.
        client.transact_write_items(TransactItems=[
            {"Put": {"TableName": TABLE, "Item": {**key("alice"), "balance": {"N": "100"}}}},
            {"Put": {"TableName": TABLE, "Item": {**key("bob"), "balance": {"N": "0"}}}},
            {"Put": {"TableName": TABLE, "Item": {**key("gone"), "balance": {"N": "1"}}}},
        ])
        check(balances(client, "alice", "bob") == [100, 0], "puts did not land")

        client.transact_write_items(**transfer(30))
        check(balances(client, "alice", "bob") == [70, 30], "transfer of 30")

        # A failing condition cancels both updates; the reasons come in request order.
        try:
            client.transact_write_items(**transfer(1000))
            check(False, "an overdraft transfer succeeded")
        except ClientError as e:
            err = e.response["Error"]
            check(err["Code"] == "TransactionCanceledException", f"code {err['Code']}")
            reasons = e.response.get("CancellationReasons")
            check(reasons is not None and [r["Code"] for r in reasons] ==
                  ["ConditionalCheckFailed", "None"], f"reasons {reasons}")
            check(reasons[0].get("Item") == {**key("alice"), "balance": {"N": "70"}},
                  f"ALL_OLD item {reasons[0].get('Item')}")
            check("[ConditionalCheckFailed, None]" in err["Message"], f"message {err['Message']}")
        check(balances(client, "alice", "bob") == [70, 30], "a cancelled transaction wrote")

        # The same token and request within 10 minutes is applied once.
        for _ in range(2):
            client.transact_write_items(**transfer(5, token="token-1"))
        check(balances(client, "alice", "bob") == [65, 35], "a retried token applied twice")
        try:
            client.transact_write_items(**transfer(6, token="token-1"))
            check(False, "a different request with a used token succeeded")
        except ClientError as e:
            code = e.response["Error"]["Code"]
            check(code == "IdempotentParameterMismatchException", f"token reuse code {code}")

        # Delete with a condition, and two actions on one item refused.
        client.transact_write_items(TransactItems=[
            {"Delete": {"TableName": TABLE, "Key": key("gone"),
                        "ConditionExpression": "attribute_exists(pk)"}},
            {"ConditionCheck": {"TableName": TABLE, "Key": key("bob"),
                                "ConditionExpression": "balance > :z",
                                "ExpressionAttributeValues": {":z": {"N": "0"}}}},
        ])
        check(balances(client, "gone") == [None], "the delete did not land")
        try:
            client.transact_write_items(TransactItems=[
                {"ConditionCheck": {"TableName": TABLE, "Key": key("bob"),
                                    "ConditionExpression": "attribute_exists(pk)"}},
                {"Delete": {"TableName": TABLE, "Key": key("bob")}},
            ])
            check(False, "two actions on one item succeeded")
        except ClientError as e:
            err = e.response["Error"]
            check(err["Code"] == "ValidationException" and err["Message"] ==
                  "Transaction request cannot include multiple operations on one item",
                  f"two actions on one item: {err}")
    finally:
        client.delete_table(TableName=TABLE)
        client.get_waiter("table_not_exists").wait(TableName=TABLE,
                                                   WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    print("boto3 transactions: ok")


if __name__ == "__main__":
    main()
