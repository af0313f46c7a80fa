// Client waiters against the engine's real CREATING -> ACTIVE and DELETING -> gone
// transitions (engine::Options::transition_delay).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "ddb/client.h"
#include "ddb/embedded/embedded_test_util.h"

namespace ddb {
namespace {

using std::chrono::milliseconds;
using testing::EmbeddedStore;
using testing::HashTable;
using Clock = std::chrono::steady_clock;

engine::Options Delayed(milliseconds delay) {
  engine::Options o;
  o.transition_delay = delay;
  return o;
}

WaiterOptions Poll(milliseconds delay, int attempts) {
  WaiterOptions w;
  w.delay = delay;
  w.max_attempts = attempts;
  return w;
}

TEST(WaiterTest, WaitsForCreatingTableToBecomeActive) {
  EmbeddedStore store(Delayed(milliseconds(300)));
  ASSERT_NE(store.client, nullptr);
  Client& client = *store.client;
  const auto start = Clock::now();
  auto created = client.CreateTable(HashTable("slow"));
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->table_status, TableStatus::CREATING);

  const Status waited = client.WaitUntilTableActive("slow", Poll(milliseconds(20), 100));
  ASSERT_TRUE(waited.ok()) << waited.error().ToString();
  EXPECT_GE(Clock::now() - start, milliseconds(250));
  auto desc = client.DescribeTable("slow");
  ASSERT_TRUE(desc.ok());
  EXPECT_EQ(desc->table_status, TableStatus::ACTIVE);
}

TEST(WaiterTest, WaitsForDeletingTableToDisappear) {
  EmbeddedStore store(Delayed(milliseconds(200)));
  ASSERT_NE(store.client, nullptr);
  Client& client = *store.client;
  ASSERT_TRUE(client.CreateTable(HashTable("gone")).ok());
  ASSERT_TRUE(client.WaitUntilTableActive("gone", Poll(milliseconds(20), 100)).ok());

  auto deleted = client.DeleteTable("gone");
  ASSERT_TRUE(deleted.ok()) << deleted.error().ToString();
  EXPECT_EQ(deleted->table_status, TableStatus::DELETING);
  auto during = client.DescribeTable("gone");
  ASSERT_TRUE(during.ok()) << "a DELETING table is still described";
  EXPECT_EQ(during->table_status, TableStatus::DELETING);

  const Status waited = client.WaitUntilTableNotExists("gone", Poll(milliseconds(20), 100));
  ASSERT_TRUE(waited.ok()) << waited.error().ToString();
  auto after = client.DescribeTable("gone");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kResourceNotFound);
}

TEST(WaiterTest, WaitsForANewIndexToBecomeActive) {
  EmbeddedStore store(Delayed(milliseconds(200)));
  ASSERT_NE(store.client, nullptr);
  Client& client = *store.client;
  ASSERT_TRUE(client.CreateTable(HashTable("indexed")).ok());
  ASSERT_TRUE(client.WaitUntilTableActive("indexed", Poll(milliseconds(20), 100)).ok());

  UpdateTableRequest update;
  update.table_name = "indexed";
  update.attribute_definitions = {{"id", ScalarAttributeType::S},
                                  {"email", ScalarAttributeType::S}};
  GlobalSecondaryIndex gsi;
  gsi.index_name = "byEmail";
  gsi.key_schema = {{"email", KeyType::HASH}};
  update.global_secondary_index_updates.push_back({gsi, std::nullopt});
  auto updated = client.UpdateTable(update);
  ASSERT_TRUE(updated.ok()) << updated.error().ToString();

  ASSERT_TRUE(client.WaitUntilTableActive("indexed", Poll(milliseconds(20), 100)).ok());
  auto desc = client.DescribeTable("indexed");
  ASSERT_TRUE(desc.ok());
  ASSERT_EQ(desc->global_secondary_indexes.size(), 1u);
  EXPECT_EQ(desc->global_secondary_indexes[0].index_status, IndexStatus::ACTIVE);
}

TEST(WaiterTest, TimeoutNamesTableStatusAndDuration) {
  EmbeddedStore store(Delayed(milliseconds(5000)));
  ASSERT_NE(store.client, nullptr);
  ASSERT_TRUE(store.client->CreateTable(HashTable("stuck")).ok());
  const Status waited = store.client->WaitUntilTableActive("stuck", Poll(milliseconds(10), 3));
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, ErrorCode::kTimeout);
  const std::string& m = waited.error().message;
  EXPECT_NE(m.find("'stuck'"), std::string::npos) << m;
  EXPECT_NE(m.find("CREATING"), std::string::npos) << m;
  EXPECT_NE(m.find("3 checks"), std::string::npos) << m;
  EXPECT_NE(m.find("s ("), std::string::npos) << "names how long it waited: " << m;
}

TEST(WaiterTest, MissingTableIsNotFoundAfterAFewAttempts) {
  EmbeddedStore store;
  ASSERT_NE(store.client, nullptr);
  const Status waited = store.client->WaitUntilTableActive("never", Poll(milliseconds(1), 100));
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, ErrorCode::kResourceNotFound);
  EXPECT_NE(waited.error().message.find("'never'"), std::string::npos);
}

TEST(WaiterTest, NotExistsOnAbsentTableReturnsAtOnce) {
  EmbeddedStore store;
  ASSERT_NE(store.client, nullptr);
  EXPECT_TRUE(store.client->WaitUntilTableNotExists("absent", Poll(milliseconds(1), 1)).ok());
}

TEST(WaiterTest, NotExistsTimeoutNamesTheTable) {
  EmbeddedStore store;
  ASSERT_NE(store.client, nullptr);
  ASSERT_TRUE(store.client->CreateTable(HashTable("stays")).ok());
  const Status waited = store.client->WaitUntilTableNotExists("stays", Poll(milliseconds(1), 2));
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, ErrorCode::kTimeout);
  EXPECT_NE(waited.error().message.find("'stays' still exists"), std::string::npos);
  EXPECT_NE(waited.error().message.find("ACTIVE"), std::string::npos);
}

}  // namespace
}  // namespace ddb
