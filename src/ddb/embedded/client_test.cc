// Client paginators and BatchGetAll against the embedded engine: tables bigger than one
// 1 MB page, so every page boundary is a real one.
#include "ddb/client.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ddb/batch_writer.h"
#include "ddb/embedded/embedded_test_util.h"

namespace ddb {
namespace {

using testing::EmbeddedStore;
using testing::HashTable;
using testing::MakeItem;

constexpr int kBigItems = 40;
constexpr size_t kPayload = 100 * 1024;  // 40 x 100 KB = 4 MB: at least 4 pages

class PaginatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(store_.client, nullptr);
    ASSERT_TRUE(store_.client->CreateTable(HashTable("big", "pk", "sk")).ok());
    ASSERT_TRUE(store_.client->WaitUntilTableActive("big").ok());
    BatchWriter writer(*store_.client);
    const std::string payload(kPayload, 'x');
    for (int i = 0; i < kBigItems; ++i) {
      char sk[16];
      std::snprintf(sk, sizeof sk, "%04d", i);
      ASSERT_TRUE(writer
                      .Put("big", Item{{"pk", AttributeValue::S("p")},
                                       {"sk", AttributeValue::S(sk)},
                                       {"payload", AttributeValue::S(payload)}})
                      .ok());
    }
    const Status flushed = writer.Flush();
    ASSERT_TRUE(flushed.ok()) << flushed.error().ToString();
  }

  Client& client() { return *store_.client; }
  EmbeddedStore store_;
};

TEST_F(PaginatorTest, ScanPagesReadsEveryPageOfA4MBTable) {
  ScanRequest req;
  req.table_name = "big";
  int pages = 0;
  std::set<std::string> seen;
  const Status s = client().ScanPages(req, [&](const ScanResponse& page) {
    ++pages;
    for (const auto& item : page.items) seen.insert(item.at("sk").s());
    return OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_GE(pages, 4);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kBigItems));

  auto all = client().ScanAll("big");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), static_cast<size_t>(kBigItems));
}

TEST_F(PaginatorTest, QueryPagesReadsEveryPageInOrder) {
  QueryRequest req;
  req.table_name = "big";
  req.key_condition_expression = "pk = :p";
  req.expression_attribute_values[":p"] = AttributeValue::S("p");
  int pages = 0;
  std::vector<std::string> order;
  const Status s = client().QueryPages(req, [&](const QueryResponse& page) {
    ++pages;
    for (const auto& item : page.items) order.push_back(item.at("sk").s());
    return OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_GE(pages, 4);
  ASSERT_EQ(order.size(), static_cast<size_t>(kBigItems));
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));

  auto all = client().QueryAll(req);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), static_cast<size_t>(kBigItems));
}

TEST_F(PaginatorTest, LimitMakesSmallPagesAndAllAreRead) {
  ScanRequest req;
  req.table_name = "big";
  req.limit = 7;
  req.projection_expression = "sk";
  int pages = 0;
  size_t items = 0;
  ASSERT_TRUE(client()
                  .ScanPages(req,
                             [&](const ScanResponse& page) {
                               ++pages;
                               items += page.items.size();
                               EXPECT_LE(page.items.size(), 7u);
                               return OkStatus();
                             })
                  .ok());
  EXPECT_GE(pages, 6);
  EXPECT_EQ(items, static_cast<size_t>(kBigItems));
}

TEST_F(PaginatorTest, PageCallbackErrorStopsAndIsReturned) {
  ScanRequest req;
  req.table_name = "big";
  int pages = 0;
  const Status s = client().ScanPages(req, [&](const ScanResponse&) {
    ++pages;
    return Status(ValidationError("stop here"));
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "stop here");
  EXPECT_EQ(pages, 1);
}

// Every second call is throttled: BatchGetAll resends until it has every chunk.
TEST(ClientTest, BatchGetAllChunksRetriesAndSkipsMissingKeys) {
  EmbeddedStore store;
  ASSERT_NE(store.client, nullptr);
  Client& client = *store.client;
  ASSERT_TRUE(client.CreateTable(HashTable("many")).ok());
  ASSERT_TRUE(client.WaitUntilTableActive("many").ok());
  BatchWriter writer(client);
  for (int i = 0; i < 250; ++i) {
    ASSERT_TRUE(writer.Put("many", MakeItem("k" + std::to_string(i), i)).ok());
  }
  ASSERT_TRUE(writer.Flush().ok());

  store.engine->SetFaults({.unprocessed_fraction = 0, .throttle_every = 2, .seed = 1});
  std::vector<Key> keys;
  for (int i = 0; i < 260; ++i)
    keys.push_back(Key{{"id", AttributeValue::S("k" + std::to_string(i))}});
  auto items = client.BatchGetAll("many", keys);
  ASSERT_TRUE(items.ok()) << items.error().ToString();
  EXPECT_EQ(items->size(), 250u);
  std::set<std::string> ids;
  for (const auto& item : *items) ids.insert(item.at("id").s());
  EXPECT_EQ(ids.size(), 250u);
}

TEST(ClientTest, TypedItemCallsRoundTrip) {
  EmbeddedStore store;
  ASSERT_NE(store.client, nullptr);
  Client& client = *store.client;
  ASSERT_TRUE(client.CreateTable(HashTable("items")).ok());
  ASSERT_TRUE(client.WaitUntilTableActive("items").ok());
  auto exact = Number::Parse("12345678901234567890.123456789012345678");
  ASSERT_TRUE(exact.ok());
  Item item{{"id", AttributeValue::S("a")}, {"n", AttributeValue::N(*exact)}};
  ASSERT_TRUE(client.PutItem("items", item).ok());
  auto got = client.GetItem("items", Key{{"id", AttributeValue::S("a")}});
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, item);

  auto missing = client.GetItem("items", Key{{"id", AttributeValue::S("b")}});
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  auto tables = client.ListAllTables();
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(*tables, std::vector<std::string>{"items"});
}

TEST(ClientTest, ListAllTablesReadsEveryPage) {
  EmbeddedStore store;
  ASSERT_NE(store.client, nullptr);
  // More than one ListTables page (100 names).
  for (int i = 0; i < 105; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "t%03d", i);
    ASSERT_TRUE(store.client->CreateTable(HashTable(name)).ok());
  }
  auto tables = store.client->ListAllTables();
  ASSERT_TRUE(tables.ok()) << tables.error().ToString();
  EXPECT_EQ(tables->size(), 105u);
}

}  // namespace
}  // namespace ddb
