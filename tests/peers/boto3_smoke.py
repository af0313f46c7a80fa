#!/usr/bin/env python3
"""boto3 against a DynamoDB-compatible endpoint: the smoke test of `xrouting serve`.

Usage: boto3_smoke.py http://127.0.0.1:PORT
Exits non-zero with a message on the first difference from what DynamoDB would answer.
botocore also checks every response's x-amz-crc32 header against the body.
"""
import sys
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Key
from botocore.config import Config
from botocore.exceptions import ClientError

TABLE = "boto3_smoke"


def check(cond, what):
    if not cond:
        sys.exit(f"boto3 smoke: FAILED: {what}")


def main():
    endpoint = sys.argv[1]
    kwargs = dict(endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="fake", aws_secret_access_key="fake",
                  config=Config(retries={"max_attempts": 2}, connect_timeout=5,
                                read_timeout=30))
    client = boto3.client("dynamodb", **kwargs)
    table = boto3.resource("dynamodb", **kwargs).Table(TABLE)

    client.create_table(
        TableName=TABLE,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                              {"AttributeName": "sk", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                   {"AttributeName": "sk", "KeyType": "RANGE"}],
        BillingMode="PAY_PER_REQUEST")
    client.get_waiter("table_exists").wait(TableName=TABLE,
                                           WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    check(TABLE in client.list_tables()["TableNames"], "table listed")

    # batch_writer: 25 items per BatchWriteItem, resending UnprocessedItems.
    with table.batch_writer() as writer:
        for i in range(100):
            writer.put_item(Item={"pk": f"p{i % 4}", "sk": i, "payload": "x" * 200,
                                  "price": Decimal("12.50"), "tags": {"a", "b"}})

    # Scan in pages of 7: every item exactly once, several pages.
    pages, seen = 0, []
    for page in client.get_paginator("scan").paginate(
            TableName=TABLE, PaginationConfig={"PageSize": 7}):
        pages += 1
        seen.extend(int(item["sk"]["N"]) for item in page["Items"])
    check(sorted(seen) == list(range(100)), f"scan saw every item once, got {len(seen)}")
    check(pages >= 15, f"scan paginated (PageSize 7), got {pages} pages")

    # Query: pk p1 holds 1, 5, 9, ...; between 10 and 30 -> 13, 17, 21, 25, 29.
    result = table.query(KeyConditionExpression=Key("pk").eq("p1") & Key("sk").between(10, 30),
                         ScanIndexForward=False)
    sks = [int(item["sk"]) for item in result["Items"]]
    check(sks == [29, 25, 21, 17, 13], f"query order and range, got {sks}")
    item = result["Items"][0]
    check(item["price"] == Decimal("12.5"), f"exact decimal, got {item['price']!r}")
    check(item["tags"] == {"a", "b"}, f"string set, got {item['tags']!r}")

    got = table.get_item(Key={"pk": "p2", "sk": 2}, ConsistentRead=True)
    check(got.get("Item", {}).get("payload") == "x" * 200, "get_item")

    try:
        table.put_item(Item={"pk": "p0", "sk": 0},
                       ConditionExpression="attribute_not_exists(pk)")
        check(False, "conditional put on an existing item must fail")
    except ClientError as e:
        code = e.response["Error"]["Code"]
        check(code == "ConditionalCheckFailedException", f"error code, got {code}")
    try:
        client.describe_table(TableName="no_such_table")
        check(False, "describe of a missing table must fail")
    except client.exceptions.ResourceNotFoundException:
        pass

    client.delete_table(TableName=TABLE)
    client.get_waiter("table_not_exists").wait(TableName=TABLE,
                                               WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    print("boto3 smoke: ok")


if __name__ == "__main__":
    main()
