#!/usr/bin/env python3
"""boto3's item API against a DynamoDB-compatible endpoint: UpdateItem with every
ReturnValues (client and resource API), conditions and ReturnValuesOnConditionCheckFailure,
and the legacy parameters (AttributeUpdates, Expected, KeyConditions, ScanFilter).

Usage: boto3_items.py http://127.0.0.1:PORT [--peer-lacks-rvoccf]
--peer-lacks-rvoccf skips the one check dynalite cannot pass (it predates
ReturnValuesOnConditionCheckFailure), so the expectations can be proved on dynalite too.
Exits non-zero with a message on the first difference from what DynamoDB answers.
"""
import sys
from decimal import Decimal

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

TABLE = "boto3_items"
FAILED = "The conditional request failed"


def check(cond, what):
    if not cond:
        sys.exit(f"boto3 items: FAILED: {what}")


def expect_conditional_failure(call, what):
    """Runs call(); it must raise ConditionalCheckFailedException. Returns the ClientError."""
    try:
        call()
    except ClientError as e:
        err = e.response["Error"]
        check(err["Code"] == "ConditionalCheckFailedException", f"{what}: code {err['Code']}")
        check(err["Message"] == FAILED, f"{what}: message {err['Message']!r}")
        return e
    check(False, f"{what}: the call succeeded")
    return None


def key(pk, sk=1):
    return {"pk": {"S": pk}, "sk": {"N": str(sk)}}


def return_values(client):
    seed = {**key("rv"), "keep": {"S": "k"}, "n": {"N": "1"}, "stale": {"S": "o"}}
    want = {
        "ALL_OLD": seed,
        "UPDATED_OLD": {"n": {"N": "1"}, "stale": {"S": "o"}},
        "ALL_NEW": {**key("rv"), "keep": {"S": "k"}, "n": {"N": "2"}, "added": {"S": "x"}},
        "UPDATED_NEW": {"n": {"N": "2"}, "added": {"S": "x"}},
    }
    for rv in ("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"):
        client.put_item(TableName=TABLE, Item=seed)
        out = client.update_item(
            TableName=TABLE, Key=key("rv"), UpdateExpression="SET n = n + :one, added = :x REMOVE stale",
            ExpressionAttributeValues={":one": {"N": "1"}, ":x": {"S": "x"}}, ReturnValues=rv)
        if rv == "NONE":
            check("Attributes" not in out, f"ReturnValues NONE answered {out.get('Attributes')}")
        else:
            check(out.get("Attributes") == want[rv], f"ReturnValues {rv}: {out.get('Attributes')}")


def resource_update(table):
    table.put_item(Item={"pk": "res", "sk": 1, "price": Decimal("12.50"), "tags": {"a"}})
    out = table.update_item(
        Key={"pk": "res", "sk": 1},
        UpdateExpression="SET #c = if_not_exists(#c, :t), #l = list_append(if_not_exists(#l, :e), :l) "
                         "ADD price :p, tags :tags",
        ExpressionAttributeNames={"#c": "createdAt", "#l": "log"},
        ExpressionAttributeValues={":t": "2024-01-01T00:00:00Z", ":e": [], ":l": ["first"],
                                   ":p": Decimal("0.25"), ":tags": {"b"}},
        ReturnValues="ALL_NEW")
    want = {"pk": "res", "sk": Decimal(1), "price": Decimal("12.75"), "tags": {"a", "b"},
            "createdAt": "2024-01-01T00:00:00Z", "log": ["first"]}
    check(out["Attributes"] == want, f"resource update_item ALL_NEW: {out['Attributes']}")
    # Again: createdAt stays, the list grows.
    out = table.update_item(
        Key={"pk": "res", "sk": 1},
        UpdateExpression="SET createdAt = if_not_exists(createdAt, :t), #l = list_append(#l, :l)",
        ExpressionAttributeNames={"#l": "log"},
        ExpressionAttributeValues={":t": "2099-01-01T00:00:00Z", ":l": ["second"]},
        ReturnValues="UPDATED_NEW")
    check(out["Attributes"] == {"createdAt": "2024-01-01T00:00:00Z", "log": ["first", "second"]},
          f"resource update_item UPDATED_NEW: {out['Attributes']}")


def conditions(client, table, peer_lacks_rvoccf):
    client.put_item(TableName=TABLE, Item={**key("c"), "v": {"N": "1"}})
    expect_conditional_failure(lambda: client.update_item(
        TableName=TABLE, Key=key("c"), UpdateExpression="SET v = :two",
        ConditionExpression="v = :zero",
        ExpressionAttributeValues={":two": {"N": "2"}, ":zero": {"N": "0"}}), "update_item")
    # Modeled error class on the client.
    try:
        client.delete_item(TableName=TABLE, Key=key("c"), ConditionExpression="attribute_not_exists(v)")
        check(False, "conditional delete_item succeeded")
    except client.exceptions.ConditionalCheckFailedException as e:
        check("Item" not in e.response, f"Item without ALL_OLD: {e.response.get('Item')}")
    e = expect_conditional_failure(lambda: table.update_item(
        Key={"pk": "c", "sk": 1}, UpdateExpression="SET v = :v", ConditionExpression="v > :v",
        ExpressionAttributeValues={":v": 5}, ReturnValuesOnConditionCheckFailure="ALL_OLD"),
        "resource update_item with ALL_OLD")
    if not peer_lacks_rvoccf:
        # botocore parses the modeled error's members: the item, in the wire's typed form (the
        # resource layer does not convert errors).
        check(e.response.get("Item") == {**key("c"), "v": {"N": "1"}},
              f"resource error Item: {e.response.get('Item')}")
        e = expect_conditional_failure(lambda: client.put_item(
            TableName=TABLE, Item=key("c"), ConditionExpression="attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD"), "put_item with ALL_OLD")
        check(e.response.get("Item") == {**key("c"), "v": {"N": "1"}},
              f"client error Item: {e.response.get('Item')}")
    got = client.get_item(TableName=TABLE, Key=key("c"), ConsistentRead=True)["Item"]
    check(got == {**key("c"), "v": {"N": "1"}}, f"failed conditions wrote: {got}")


def legacy(client):
    client.put_item(TableName=TABLE, Item={**key("L"), "n": {"N": "1"}, "s": {"SS": ["a"]},
                                          "gone": {"S": "g"}})
    out = client.update_item(
        TableName=TABLE, Key=key("L"),
        AttributeUpdates={"n": {"Value": {"N": "5"}, "Action": "ADD"},
                          "s": {"Value": {"SS": ["b"]}, "Action": "ADD"},
                          "gone": {"Action": "DELETE"},
                          "name": {"Value": {"S": "N"}}},
        Expected={"n": {"Value": {"N": "1"}}, "nope": {"Exists": False}},
        ReturnValues="ALL_NEW")
    attrs = out["Attributes"]
    check(attrs.get("n") == {"N": "6"} and sorted(attrs["s"]["SS"]) == ["a", "b"]
          and "gone" not in attrs and attrs.get("name") == {"S": "N"}, f"AttributeUpdates: {attrs}")
    expect_conditional_failure(lambda: client.update_item(
        TableName=TABLE, Key=key("L"), AttributeUpdates={"n": {"Value": {"N": "1"}, "Action": "ADD"}},
        Expected={"n": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "6"}]}}),
        "Expected LT")
    out = client.update_item(
        TableName=TABLE, Key=key("L"), AttributeUpdates={"n": {"Value": {"N": "1"}, "Action": "ADD"}},
        # The true condition first: dynalite's OR gives up at the first false one.
        Expected={"name": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "N"}]},
                  "n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "100"}]}},
        ConditionalOperator="OR", ReturnValues="UPDATED_NEW")
    check(out["Attributes"] == {"n": {"N": "7"}}, f"Expected with OR: {out['Attributes']}")

    for sk in range(1, 6):
        client.put_item(TableName=TABLE, Item={**key("K", sk), "parity": {"N": str(sk % 2)}})
    q = client.query(TableName=TABLE, KeyConditions={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "K"}]},
        "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "2"}, {"N": "4"}]}},
        QueryFilter={"parity": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "0"}]}},
        ScanIndexForward=False)
    check([i["sk"]["N"] for i in q["Items"]] == ["4", "2"] and q["ScannedCount"] == 3,
          f"KeyConditions+QueryFilter: {q['Items']} scanned {q['ScannedCount']}")
    try:
        client.query(TableName=TABLE, KeyConditions={
            "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "K"}]}},
            QueryFilter={"f": {"ComparisonOperator": "EQ", "AttributeValueList": [{"BOOL": True}]}})
        check(False, "legacy EQ on a BOOL must be refused")
    except ClientError as e:
        check(e.response["Error"]["Code"] == "ValidationException" and e.response["Error"]["Message"]
              == "One or more parameter values were invalid: ComparisonOperator EQ is not valid "
                 "for BOOL AttributeValue type", f"legacy BOOL: {e.response['Error']}")
    s = client.scan(TableName=TABLE, ScanFilter={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "K"}]},
        "parity": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}},
        AttributesToGet=["sk"])
    sks = sorted(int(i["sk"]["N"]) for i in s["Items"])
    check(sks == [1, 3, 5] and all(set(i) == {"sk"} for i in s["Items"]),
          f"ScanFilter+AttributesToGet: {s['Items']}")


def main():
    endpoint = sys.argv[1]
    peer_lacks_rvoccf = "--peer-lacks-rvoccf" in sys.argv[2:]
    kwargs = dict(endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="fake", aws_secret_access_key="fake",
                  config=Config(retries={"max_attempts": 2}, connect_timeout=5, read_timeout=30))
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
    try:
        return_values(client)
        resource_update(table)
        conditions(client, table, peer_lacks_rvoccf)
        legacy(client)
    finally:
        client.delete_table(TableName=TABLE)
        client.get_waiter("table_not_exists").wait(TableName=TABLE,
                                                   WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    print("boto3 items: ok")


if __name__ == "__main__":
    main()
