// The server end to end through the project's own HTTP client backend (SigV4, JSON codec,
// retries): the same typed calls as on the embedded backend, and the error types survive
// the wire.
#include "server/server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "ddb/http/http_backend.h"
#include "server/test_support.h"

namespace server {
namespace {

using ddb::AttributeValue;
using ddb::ErrorCode;
using ddb::Item;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(served_.ok());
    ddb::http::HttpOptions options;
    options.endpoint = served_.url();
    options.region = "us-east-1";
    options.access_key_id = "fake";
    options.secret_access_key = "fake";
    options.max_attempts = 2;
    auto backend = ddb::http::MakeHttpBackend(options);
    ASSERT_TRUE(backend.ok()) << backend.error().ToString();
    db_ = std::move(backend).value();
  }

  void CreateTable(const std::string& name) {
    ddb::CreateTableRequest req;
    req.table_name = name;
    req.attribute_definitions = {{"pk", ddb::ScalarAttributeType::S},
                                 {"sk", ddb::ScalarAttributeType::N}};
    req.key_schema = {{"pk", ddb::KeyType::HASH}, {"sk", ddb::KeyType::RANGE}};
    req.billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
    auto created = db_->CreateTable(req);
    ASSERT_TRUE(created.ok()) << created.error().ToString();
    EXPECT_EQ(created->table_description.table_name, name);
  }

  static Item Row(const std::string& pk, int64_t sk, const std::string& v) {
    return Item{
        {"pk", AttributeValue::S(pk)}, {"sk", AttributeValue::N(sk)}, {"v", AttributeValue::S(v)}};
  }
  static ddb::Key KeyOf(const std::string& pk, int64_t sk) {
    return ddb::Key{{"pk", AttributeValue::S(pk)}, {"sk", AttributeValue::N(sk)}};
  }

  Item Put(const std::string& table, Item item) {
    ddb::PutItemRequest req;
    req.table_name = table;
    req.item = item;
    auto put = db_->PutItem(req);
    EXPECT_TRUE(put.ok()) << put.error().ToString();
    return item;
  }

  testing::ServedEngine served_;
  std::unique_ptr<ddb::Backend> db_;
};

TEST_F(ServerTest, TableLifecycle) {
  CreateTable("tbl");
  ddb::CreateTableRequest again;
  again.table_name = "tbl";
  again.attribute_definitions = {{"pk", ddb::ScalarAttributeType::S}};
  again.key_schema = {{"pk", ddb::KeyType::HASH}};
  again.billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
  auto dup = db_->CreateTable(again);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kResourceInUse) << dup.error().ToString();

  auto described = db_->DescribeTable({"tbl"});
  ASSERT_TRUE(described.ok()) << described.error().ToString();
  EXPECT_EQ(described->table.table_status, ddb::TableStatus::ACTIVE);
  EXPECT_EQ(described->table.key_schema.size(), 2u);

  auto listed = db_->ListTables({});
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  EXPECT_EQ(listed->table_names, std::vector<std::string>{"tbl"});

  auto deleted = db_->DeleteTable({"tbl"});
  ASSERT_TRUE(deleted.ok()) << deleted.error().ToString();
  auto gone = db_->DescribeTable({"tbl"});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kResourceNotFound) << gone.error().ToString();
}

TEST_F(ServerTest, PutGetDeleteAndConditions) {
  CreateTable("items");
  const Item item = Put("items", Row("a", 1, "x"));

  ddb::GetItemRequest get;
  get.table_name = "items";
  get.key = KeyOf("a", 1);
  get.consistent_read = true;
  auto got = db_->GetItem(get);
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  ASSERT_TRUE(got->item.has_value());
  EXPECT_EQ(*got->item, item);

  ddb::PutItemRequest conditional;
  conditional.table_name = "items";
  conditional.item = Row("a", 1, "y");
  conditional.condition_expression = "attribute_not_exists(pk)";
  auto failed = db_->PutItem(conditional);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kConditionalCheckFailed) << failed.error().ToString();

  ddb::DeleteItemRequest del;
  del.table_name = "items";
  del.key = KeyOf("a", 1);
  del.return_values = ddb::ReturnValue::ALL_OLD;
  auto deleted = db_->DeleteItem(del);
  ASSERT_TRUE(deleted.ok()) << deleted.error().ToString();
  ASSERT_TRUE(deleted->attributes.has_value());
  EXPECT_EQ(*deleted->attributes, item);
  auto after = db_->GetItem(get);
  ASSERT_TRUE(after.ok()) << after.error().ToString();
  EXPECT_FALSE(after->item.has_value());
}

TEST_F(ServerTest, ValidationAndNotFoundSurviveTheWire) {
  CreateTable("val");
  ddb::PutItemRequest no_key;
  no_key.table_name = "val";
  no_key.item = Item{{"v", AttributeValue::S("x")}};
  auto bad = db_->PutItem(no_key);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kValidation) << bad.error().ToString();

  ddb::PutItemRequest missing_table;
  missing_table.table_name = "nope";
  missing_table.item = Row("a", 1, "x");
  auto nf = db_->PutItem(missing_table);
  ASSERT_FALSE(nf.ok());
  EXPECT_EQ(nf.error().code, ErrorCode::kResourceNotFound) << nf.error().ToString();
}

TEST_F(ServerTest, BatchScanAndQuery) {
  CreateTable("batch");
  for (int chunk = 0; chunk < 4; ++chunk) {
    ddb::BatchWriteItemRequest batch;
    for (int i = 0; i < 25; ++i) {
      const int n = chunk * 25 + i;
      batch.request_items["batch"].push_back(
          ddb::WriteRequest::Put(Row(n % 2 ? "odd" : "even", n, std::string(100, 'x'))));
    }
    auto written = db_->BatchWriteItem(batch);
    ASSERT_TRUE(written.ok()) << written.error().ToString();
    EXPECT_TRUE(written->unprocessed_items.empty());
  }

  ddb::BatchGetItemRequest get;
  get.request_items["batch"].keys = {KeyOf("even", 0), KeyOf("odd", 1), KeyOf("odd", 2)};
  auto got = db_->BatchGetItem(get);
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_EQ(got->responses["batch"].size(), 2u);  // ("odd", 2) does not exist

  // Scan in pages of 30: every item once.
  ddb::ScanRequest scan;
  scan.table_name = "batch";
  scan.limit = 30;
  std::set<int64_t> seen;
  int pages = 0;
  for (;;) {
    auto page = db_->Scan(scan);
    ASSERT_TRUE(page.ok()) << page.error().ToString();
    ++pages;
    for (const auto& item : page->items) seen.insert(std::stoll(item.at("sk").n().ToString()));
    if (!page->last_evaluated_key) break;
    scan.exclusive_start_key = page->last_evaluated_key;
    ASSERT_LT(pages, 20);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_GE(pages, 4);

  ddb::QueryRequest query;
  query.table_name = "batch";
  query.key_condition_expression = "pk = :p AND sk BETWEEN :lo AND :hi";
  query.expression_attribute_values = {{":p", AttributeValue::S("odd")},
                                       {":lo", AttributeValue::N(10)},
                                       {":hi", AttributeValue::N(20)}};
  query.scan_index_forward = false;
  auto queried = db_->Query(query);
  ASSERT_TRUE(queried.ok()) << queried.error().ToString();
  ASSERT_EQ(queried->count, 5);  // 19, 17, 15, 13, 11
  EXPECT_EQ(queried->items.front().at("sk"), AttributeValue::N(19));
  EXPECT_EQ(queried->items.back().at("sk"), AttributeValue::N(11));
}

TEST_F(ServerTest, ConcurrentClientsOnThePool) {
  CreateTable("conc");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kPerThread; ++i) Put("conc", Row("t" + std::to_string(t), i, "v"));
    });
  }
  for (auto& th : threads) th.join();
  ddb::ScanRequest scan;
  scan.table_name = "conc";
  scan.select = ddb::Select::COUNT;
  auto counted = db_->Scan(scan);
  ASSERT_TRUE(counted.ok()) << counted.error().ToString();
  EXPECT_EQ(counted->count, kThreads * kPerThread);
}

TEST(ServerLifecycle, StopClosesIdleKeepAliveConnectionsQuickly) {
  testing::ServedEngine served;
  ASSERT_TRUE(served.ok());
  testing::RawConnection conn(served.port());
  auto res = conn.Send(testing::DynamoRequest("DynamoDB_20120810.ListTables", "{}"));
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_TRUE(res.keep_alive());
  const auto start = std::chrono::steady_clock::now();
  served.server().Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  served.server().Stop();  // idempotent
}

TEST(ServerLifecycle, BusyPortIsAClearError) {
  testing::ServedEngine first;
  ASSERT_TRUE(first.ok());
  testing::TempDir dir;
  engine::Options engine_options;
  engine_options.data_dir = dir.path() + "/data";
  auto engine = engine::Engine::Open(engine_options);
  ASSERT_TRUE(engine.ok()) << engine.error().ToString();
  ServerOptions options;
  options.port = first.port();
  auto second = Server::Start(**engine, options);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find(std::to_string(first.port())), std::string::npos)
      << second.error().message;

  options.host = "not-an-address";
  options.port = 0;
  auto bad_host = Server::Start(**engine, options);
  ASSERT_FALSE(bad_host.ok());
  EXPECT_EQ(bad_host.error().code, ErrorCode::kConfiguration);
}

}  // namespace
}  // namespace server
