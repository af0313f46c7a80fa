// AWS SDK for JavaScript v3 against a DynamoDB-compatible endpoint: the smoke test of
// `xrouting serve`. Usage: node js_smoke.mjs http://127.0.0.1:PORT
// @aws-sdk/client-dynamodb resolves from tests/peers/node_modules (scripts/setup.sh).
import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  paginateScan,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from "@aws-sdk/client-dynamodb";

const TABLE = "js_smoke";

function check(cond, what) {
  if (!cond) {
    console.error(`js smoke: FAILED: ${what}`);
    process.exit(1);
  }
}

async function expectError(promise, type, what) {
  try {
    await promise;
  } catch (e) {
    check(e instanceof type, `${what}: expected ${type.name}, got ${e.name}: ${e.message}`);
    return;
  }
  check(false, `${what}: expected ${type.name}, call succeeded`);
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

const requests = [];
for (let i = 0; i < 25; i++) {
  requests.push({ PutRequest: { Item: { pk: { S: "p" }, sk: { N: String(i) }, v: { S: `v${i}` } } } });
}
const batch = await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: requests } }));
check(Object.keys(batch.UnprocessedItems ?? {}).length === 0, "batch fully processed");

await client.send(new PutItemCommand({
  TableName: TABLE,
  Item: { pk: { S: "q" }, sk: { N: "1" }, m: { M: { n: { N: "1e2" }, l: { L: [{ BOOL: true }, { NULL: true }] } } } },
}));
const got = await client.send(new GetItemCommand({
  TableName: TABLE, Key: { pk: { S: "q" }, sk: { N: "1" } }, ConsistentRead: true,
}));
check(got.Item?.m?.M?.n?.N === "100", `nested number canonical, got ${JSON.stringify(got.Item)}`);
check(got.Item?.m?.M?.l?.L?.[0]?.BOOL === true, "nested list");

let scanned = 0;
let pages = 0;
for await (const page of paginateScan({ client, pageSize: 10 }, { TableName: TABLE })) {
  scanned += page.Items.length;
  pages += 1;
}
check(scanned === 26, `scan count, got ${scanned}`);
check(pages >= 3, `scan paginated, got ${pages} pages`);

const q = await client.send(new QueryCommand({
  TableName: TABLE,
  KeyConditionExpression: "pk = :p AND sk >= :lo",
  ExpressionAttributeValues: { ":p": { S: "p" }, ":lo": { N: "20" } },
}));
check(q.Count === 5 && q.Items[0].sk.N === "20", `query, got ${JSON.stringify(q.Items)}`);

await expectError(client.send(new PutItemCommand({
  TableName: TABLE,
  Item: { pk: { S: "p" }, sk: { N: "0" } },
  ConditionExpression: "attribute_not_exists(pk)",
})), ConditionalCheckFailedException, "conditional put");
await expectError(client.send(new DescribeTableCommand({ TableName: "no_such_table" })),
  ResourceNotFoundException, "describe missing table");

await client.send(new DeleteTableCommand({ TableName: TABLE }));
await waitUntilTableNotExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: TABLE });
console.log("js smoke: ok");
