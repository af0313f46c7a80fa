// The AWS SDK for JavaScript v3's item API against a DynamoDB-compatible endpoint:
// UpdateItemCommand with ReturnValues, conditions (ConditionalCheckFailedException, and its
// Item with ReturnValuesOnConditionCheckFailure=ALL_OLD), and the legacy parameters.
// Usage: node js_items.mjs http://127.0.0.1:PORT [--peer-lacks-rvoccf]
// (--peer-lacks-rvoccf skips the Item check dynalite cannot pass: it predates the parameter.)
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from "@aws-sdk/client-dynamodb";
import { isDeepStrictEqual } from "node:util";

const TABLE = "js_items";
const peerLacksRvoccf = process.argv.includes("--peer-lacks-rvoccf");

function check(cond, what) {
  if (!cond) {
    console.error(`js items: FAILED: ${what}`);
    process.exit(1);
  }
}
const json = (v) => JSON.stringify(v);
const key = (pk, sk = 1) => ({ pk: { S: pk }, sk: { N: String(sk) } });

// The call must reject with ConditionalCheckFailedException; returns the exception.
async function conditionalFailure(promise, what) {
  try {
    await promise;
  } catch (e) {
    check(e instanceof ConditionalCheckFailedException, `${what}: got ${e.name}: ${e.message}`);
    check(e.message === "The conditional request failed", `${what}: message ${e.message}`);
    check(e.$metadata?.httpStatusCode === 400, `${what}: status ${e.$metadata?.httpStatusCode}`);
    return e;
  }
  check(false, `${what}: the call succeeded`);
  return null;
}

const client = new DynamoDBClient({
  endpoint: process.argv[2],
  region: "us-east-1",
  credentials: { accessKeyId: "fake", secretAccessKey: "fake" },
  maxAttempts: 2,
});

await client.send(new CreateTableCommand({
  TableName: TABLE,
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "N" },
  ],
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  BillingMode: "PAY_PER_REQUEST",
}));
await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: TABLE });

// --- UpdateItemCommand and ReturnValues ---
const seed = { ...key("u"), n: { N: "1" }, stale: { S: "o" }, m: { M: { a: { N: "1" } } } };
const want = {
  ALL_OLD: seed,
  UPDATED_OLD: { n: { N: "1" }, stale: { S: "o" }, m: { M: { a: { N: "1" } } } },
  ALL_NEW: { ...key("u"), n: { N: "2" }, m: { M: { a: { N: "1" }, b: { SS: ["x"] } } } },
  UPDATED_NEW: { n: { N: "2" }, m: { M: { b: { SS: ["x"] } } } },
};
for (const rv of ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]) {
  await client.send(new PutItemCommand({ TableName: TABLE, Item: seed }));
  const out = await client.send(new UpdateItemCommand({
    TableName: TABLE,
    Key: key("u"),
    UpdateExpression: "SET n = n + :one, m.b = :x REMOVE stale",
    ExpressionAttributeValues: { ":one": { N: "1" }, ":x": { SS: ["x"] } },
    ReturnValues: rv,
  }));
  if (rv === "NONE") {
    check(out.Attributes === undefined, `NONE answered ${json(out.Attributes)}`);
  } else if (rv === "UPDATED_OLD") {
    // m.b did not exist: UPDATED_OLD has only what existed before.
    check(isDeepStrictEqual(out.Attributes, { n: { N: "1" }, stale: { S: "o" } }),
      `UPDATED_OLD: ${json(out.Attributes)}`);
  } else {
    check(isDeepStrictEqual(out.Attributes, want[rv]), `${rv}: ${json(out.Attributes)}`);
  }
}

// --- conditions ---
await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("c"), v: { N: "1" } } }));
let e = await conditionalFailure(client.send(new UpdateItemCommand({
  TableName: TABLE,
  Key: key("c"),
  UpdateExpression: "SET v = :v",
  ConditionExpression: "v <> :one",
  ExpressionAttributeValues: { ":v": { N: "2" }, ":one": { N: "1" } },
})), "conditional update");
check(e.Item === undefined, `Item without ALL_OLD: ${json(e.Item)}`);
e = await conditionalFailure(client.send(new UpdateItemCommand({
  TableName: TABLE,
  Key: key("c"),
  UpdateExpression: "SET v = :v",
  ConditionExpression: "attribute_not_exists(v)",
  ExpressionAttributeValues: { ":v": { N: "2" } },
  ReturnValuesOnConditionCheckFailure: "ALL_OLD",
})), "conditional update with ALL_OLD");
if (!peerLacksRvoccf) {
  check(isDeepStrictEqual(e.Item, { ...key("c"), v: { N: "1" } }), `error Item: ${json(e.Item)}`);
}
const stored = await client.send(new GetItemCommand({ TableName: TABLE, Key: key("c"), ConsistentRead: true }));
check(isDeepStrictEqual(stored.Item, { ...key("c"), v: { N: "1" } }), `after failures: ${json(stored.Item)}`);

// --- legacy parameters ---
const legacy = await client.send(new UpdateItemCommand({
  TableName: TABLE,
  Key: key("c"),
  AttributeUpdates: { v: { Action: "ADD", Value: { N: "10" } }, note: { Value: { S: "legacy" } } },
  Expected: { v: { ComparisonOperator: "EQ", AttributeValueList: [{ N: "1" }] } },
  ReturnValues: "UPDATED_NEW",
}));
check(isDeepStrictEqual(legacy.Attributes, { v: { N: "11" }, note: { S: "legacy" } }),
  `AttributeUpdates: ${json(legacy.Attributes)}`);
await conditionalFailure(client.send(new UpdateItemCommand({
  TableName: TABLE,
  Key: key("c"),
  AttributeUpdates: { note: { Action: "DELETE" } },
  Expected: { note: { Exists: false } },
})), "Expected Exists false");
for (let sk = 1; sk <= 4; sk++) {
  await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("k", sk), w: { N: String(sk * 10) } } }));
}
const q = await client.send(new QueryCommand({
  TableName: TABLE,
  KeyConditions: {
    pk: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "k" }] },
    sk: { ComparisonOperator: "GT", AttributeValueList: [{ N: "1" }] },
  },
  AttributesToGet: ["sk"],
}));
check(isDeepStrictEqual(q.Items, [{ sk: { N: "2" } }, { sk: { N: "3" } }, { sk: { N: "4" } }]),
  `KeyConditions: ${json(q.Items)}`);
const s = await client.send(new ScanCommand({
  TableName: TABLE,
  ScanFilter: { w: { ComparisonOperator: "BETWEEN", AttributeValueList: [{ N: "15" }, { N: "30" }] } },
}));
check(s.Count === 2 && s.ScannedCount >= 6, `ScanFilter: ${s.Count} of ${s.ScannedCount}`);

await client.send(new DeleteTableCommand({ TableName: TABLE }));
await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: TABLE });
console.log("js items: ok");
