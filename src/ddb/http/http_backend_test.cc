// HttpBackend end to end: the twelve operations on the wire against the local fault server,
// MakeHttpBackend's option checks, and a smoke test against dynalite when
// XR_DYNALITE_ENDPOINT is set (scripts/test.sh starts it).
#include "ddb/http/http_backend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

#include "ddb/http/fault_server.h"
#include "ddb/http/http_backend_internal.h"

namespace ddb::http {
namespace {

using testing::Action;
using testing::FaultServer;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

std::unique_ptr<Backend> FastBackend(const FaultServer& server) {
  ClientConfig c;
  c.endpoint = *ParseEndpoint(server.url());
  c.region = "eu-west-1";
  c.credentials = {{"AKIDTEST", "secret", ""}, "test"};
  TransportOptions t;
  t.connect_timeout = t.request_timeout = 200ms;
  RetryPolicy r;
  r.base_delay = 1ms;
  r.throttling_base_delay = 2ms;
  r.max_attempts = 5;
  return NewHttpBackend(std::move(c), t, r);
}

TEST(HttpBackend, EveryOperationSendsItsTarget) {
  FaultServer server;
  auto backend = FastBackend(server);
  EXPECT_EQ(backend->Describe(), server.url() + " (region eu-west-1)");

  // The answers ("{}") may not decode for every operation; only the wire matters here.
  (void)backend->CreateTable({});
  (void)backend->DescribeTable({});
  (void)backend->ListTables({});
  (void)backend->DeleteTable({});
  (void)backend->UpdateTable({});
  (void)backend->PutItem({});
  (void)backend->GetItem({});
  (void)backend->DeleteItem({});
  (void)backend->BatchWriteItem({});
  (void)backend->BatchGetItem({});
  (void)backend->Scan({});
  (void)backend->Query({});
  std::vector<std::string> targets;
  for (const auto& r : server.requests()) targets.push_back(r.headers.at("x-amz-target"));
  const std::vector<std::string> expected = {
      "CreateTable", "DescribeTable", "ListTables",     "DeleteTable",  "UpdateTable", "PutItem",
      "GetItem",     "DeleteItem",    "BatchWriteItem", "BatchGetItem", "Scan",        "Query"};
  ASSERT_EQ(targets.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(targets[i], "DynamoDB_20120810." + expected[i]);
  }
}

TEST(HttpBackend, DecodesAnswersAndRetriesThrottling) {
  FaultServer server;
  server.Script({Action::Throttle(), Action::Fail(500, "InternalServerError"),
                 Action::Ok(R"({"TableNames":["a","b"],"LastEvaluatedTableName":"b"})")});
  auto backend = FastBackend(server);
  ListTablesRequest req;
  req.limit = 2;
  auto r = backend->ListTables(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->table_names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r->last_evaluated_table_name, "b");
  ASSERT_EQ(server.request_count(), 3u);
  EXPECT_THAT(server.requests()[0].body, HasSubstr("\"Limit\":2"));
}

TEST(HttpBackend, ConditionalCheckFailureSurfacesAtOnce) {
  FaultServer server;
  server.SetFallback(
      Action::Fail(400, "ConditionalCheckFailedException", "The conditional request failed"));
  auto backend = FastBackend(server);
  PutItemRequest put;
  put.table_name = "t";
  put.item["pk"] = AttributeValue::S("x");
  auto r = backend->PutItem(put);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConditionalCheckFailed);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST(HttpBackend, MalformedAnswerSaysWhichResponse) {
  // The codec's parse error says nothing (DynamoDB's wire answer to a malformed request);
  // the client names the response it could not read.
  FaultServer server;
  server.SetFallback(Action::Ok("{not json"));
  auto backend = FastBackend(server);
  auto r = backend->ListTables({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kSerialization);
  EXPECT_EQ(r.error().message, "the ListTables response is not valid JSON");
  // A SerializationException without a message is still a SerializationException.
  server.SetFallback(Action{Action::Kind::kRespond, 400,
                            R"({"__type":"com.amazon.coral.service#SerializationException"})"});
  auto e = backend->ListTables({});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::kSerialization);
}

TEST(MakeHttpBackend, ChecksOptions) {
  HttpOptions o;
  o.endpoint = "http://127.0.0.1:1";
  o.access_key_id = "AKID";
  o.secret_access_key = "secret";
  o.region = "us-west-2";
  auto ok = MakeHttpBackend(o);
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  EXPECT_EQ((*ok)->Describe(), "http://127.0.0.1:1 (region us-west-2)");

  HttpOptions zero = o;
  zero.max_attempts = 0;
  EXPECT_EQ(MakeHttpBackend(zero).error().code, ErrorCode::kConfiguration);
  HttpOptions bad_url = o;
  bad_url.endpoint = "127.0.0.1:8000";
  EXPECT_EQ(MakeHttpBackend(bad_url).error().code, ErrorCode::kConfiguration);
}

// --- dynalite smoke test ---

TEST(HttpBackendDynalite, CreatePutGetScanDelete) {
  const char* endpoint = std::getenv("XR_DYNALITE_ENDPOINT");
  if (endpoint == nullptr || *endpoint == '\0') {
    GTEST_SKIP() << "XR_DYNALITE_ENDPOINT is not set (scripts/test.sh starts dynalite)";
  }
  HttpOptions o;
  o.endpoint = endpoint;
  o.access_key_id = "fake";  // dynalite accepts any signed request
  o.secret_access_key = "fake";
  o.region = "us-east-1";
  o.connect_timeout = 2000ms;
  o.request_timeout = 10000ms;
  auto made = MakeHttpBackend(o);
  ASSERT_TRUE(made.ok()) << made.error().ToString();
  Backend& db = **made;
  const std::string table = "xr_http_smoke_" + std::to_string(::getpid());

  CreateTableRequest create;
  create.table_name = table;
  create.attribute_definitions = {{"pk", ScalarAttributeType::S}};
  create.key_schema = {{"pk", KeyType::HASH}};
  create.billing_mode = BillingMode::PAY_PER_REQUEST;
  auto created = db.CreateTable(create);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->table_description.table_name, table);

  bool active = false;
  for (int i = 0; i < 200 && !active; ++i) {
    auto d = db.DescribeTable({table});
    ASSERT_TRUE(d.ok()) << d.error().ToString();
    active = d->table.table_status == TableStatus::ACTIVE;
    if (!active) std::this_thread::sleep_for(25ms);
  }
  ASSERT_TRUE(active);

  PutItemRequest put;
  put.table_name = table;
  put.item["pk"] = AttributeValue::S("core-1");
  put.item["flights"] = AttributeValue::N(*Number::Parse("12345678901234567890.5"));
  put.item["tags"] = AttributeValue::SS({"a", "b"});
  ASSERT_TRUE(db.PutItem(put).ok());

  GetItemRequest get;
  get.table_name = table;
  get.key["pk"] = AttributeValue::S("core-1");
  get.consistent_read = true;
  auto got = db.GetItem(get);
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  ASSERT_TRUE(got->item.has_value());
  EXPECT_EQ(got->item->at("flights").n().ToString(), "12345678901234567890.5");

  ScanRequest scan;
  scan.table_name = table;
  auto scanned = db.Scan(scan);
  ASSERT_TRUE(scanned.ok()) << scanned.error().ToString();
  EXPECT_EQ(scanned->count, 1);
  ASSERT_EQ(scanned->items.size(), 1u);
  EXPECT_EQ(scanned->items[0].at("pk").s(), "core-1");

  auto missing = db.DescribeTable({table + "_missing"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kResourceNotFound);

  auto deleted = db.DeleteTable({table});
  ASSERT_TRUE(deleted.ok()) << deleted.error().ToString();
}

}  // namespace
}  // namespace ddb::http
