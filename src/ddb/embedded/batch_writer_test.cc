// BatchWriter against the embedded engine with fault injection: the engine really leaves
// items unprocessed and really throttles, and the test reads back what was stored.
#include "ddb/batch_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "ddb/embedded/embedded_test_util.h"

namespace ddb {
namespace {

using testing::EmbeddedStore;
using testing::HashTable;
using testing::MakeItem;

constexpr char kTable[] = "writes";

class BatchWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(store_.client, nullptr);
    ASSERT_TRUE(store_.client->CreateTable(HashTable(kTable)).ok());
    ASSERT_TRUE(store_.client->WaitUntilTableActive(kTable).ok());
  }

  Client& client() { return *store_.client; }

  // Every item of the table, by id, read with faults off.
  std::map<std::string, int64_t> ReadBack() {
    store_.engine->SetFaults({});
    std::map<std::string, int64_t> out;
    auto items = client().ScanAll(kTable);
    EXPECT_TRUE(items.ok()) << items.error().ToString();
    if (!items.ok()) return out;
    for (const auto& item : *items) {
      out[item.at("id").s()] = item.at("v").n().ToInt64().value_or(-1);
    }
    return out;
  }

  static BatchWriterOptions FastOptions(int in_flight = 1) {
    BatchWriterOptions o;
    o.base_delay = std::chrono::milliseconds(1);
    o.max_delay = std::chrono::milliseconds(10);
    o.max_attempts = 50;
    o.max_in_flight = in_flight;
    o.seed = 42;
    return o;
  }

  EmbeddedStore store_;
};

TEST_F(BatchWriterTest, WritesEveryItemOnceDespiteUnprocessedItemsAndThrottling) {
  store_.engine->SetFaults({.unprocessed_fraction = 0.4, .throttle_every = 3, .seed = 7});
  BatchWriter writer(client(), FastOptions());
  constexpr int kItems = 500;
  for (int i = 0; i < kItems; ++i) {
    ASSERT_TRUE(writer.Put(kTable, MakeItem("item-" + std::to_string(i), i)).ok());
  }
  const Status flushed = writer.Flush();
  ASSERT_TRUE(flushed.ok()) << flushed.error().ToString();

  const BatchWriterStats stats = writer.stats();
  EXPECT_EQ(stats.items_written, kItems);  // each item acknowledged exactly once
  EXPECT_GT(stats.unprocessed_resent, 0);
  EXPECT_GT(stats.throttled, 0);
  EXPECT_GT(stats.requests_sent, kItems / 25);

  const auto stored = ReadBack();
  ASSERT_EQ(stored.size(), static_cast<size_t>(kItems));
  for (int i = 0; i < kItems; ++i) {
    EXPECT_EQ(stored.at("item-" + std::to_string(i)), i);
  }
}

TEST_F(BatchWriterTest, FourInFlightKeepsTheLastWriteOfEveryKey) {
  store_.engine->SetFaults({.unprocessed_fraction = 0.3, .throttle_every = 5, .seed = 3});
  BatchWriter writer(client(), FastOptions(/*in_flight=*/4));
  // 40 keys written 30 times each, spread over many requests: the value stored must be the
  // last one written, however requests overlap and resends interleave.
  constexpr int kKeys = 40;
  constexpr int kRounds = 30;
  for (int round = 0; round < kRounds; ++round) {
    for (int k = 0; k < kKeys; ++k) {
      ASSERT_TRUE(writer.Put(kTable, MakeItem("key-" + std::to_string(k), round)).ok());
    }
  }
  const Status flushed = writer.Flush();
  ASSERT_TRUE(flushed.ok()) << flushed.error().ToString();
  EXPECT_GT(writer.stats().unprocessed_resent, 0);

  const auto stored = ReadBack();
  ASSERT_EQ(stored.size(), static_cast<size_t>(kKeys));
  for (const auto& [id, v] : stored) EXPECT_EQ(v, kRounds - 1) << id;
}

TEST_F(BatchWriterTest, FourInFlightWritesManyDistinctItems) {
  store_.engine->SetFaults({.unprocessed_fraction = 0.2, .throttle_every = 4, .seed = 11});
  BatchWriter writer(client(), FastOptions(/*in_flight=*/4));
  constexpr int kItems = 1000;
  for (int i = 0; i < kItems; ++i) {
    ASSERT_TRUE(writer.Put(kTable, MakeItem("p-" + std::to_string(i), i)).ok());
  }
  ASSERT_TRUE(writer.Flush().ok());
  EXPECT_EQ(writer.stats().items_written, kItems);
  EXPECT_EQ(ReadBack().size(), static_cast<size_t>(kItems));
}

TEST_F(BatchWriterTest, DropsEarlierDuplicatesWithinARequest) {
  BatchWriter writer(client(), FastOptions());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(writer.Put(kTable, MakeItem("same", i)).ok());
  ASSERT_TRUE(writer.Put(kTable, MakeItem("other", 1)).ok());
  ASSERT_TRUE(writer.Delete(kTable, Key{{"id", AttributeValue::S("other")}}).ok());
  ASSERT_TRUE(writer.Flush().ok());

  const BatchWriterStats stats = writer.stats();
  EXPECT_EQ(stats.requests_sent, 1);  // DynamoDB would reject two writes of one key
  EXPECT_EQ(stats.items_written, 2);  // "same" (last put) and "other" (the delete)
  const auto stored = ReadBack();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.at("same"), 9);
}

TEST_F(BatchWriterTest, SendsARequestEvery25Writes) {
  BatchWriter writer(client(), FastOptions());
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(writer.Put(kTable, MakeItem(std::to_string(i), i)).ok());
  EXPECT_EQ(writer.stats().requests_sent, 2);  // 50 sent, 10 buffered
  ASSERT_TRUE(writer.Flush().ok());
  EXPECT_EQ(writer.stats().requests_sent, 3);
  EXPECT_EQ(writer.stats().items_written, 60);
}

TEST_F(BatchWriterTest, AttemptLimitGivesAClearError) {
  store_.engine->SetFaults({.unprocessed_fraction = 1.0, .throttle_every = 0, .seed = 1});
  BatchWriterOptions options = FastOptions();
  options.max_attempts = 3;
  BatchWriter writer(client(), options);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(writer.Put(kTable, MakeItem(std::to_string(i), i)).ok());
  const Status flushed = writer.Flush();
  ASSERT_FALSE(flushed.ok());
  const std::string message = flushed.error().message;
  EXPECT_NE(message.find("5 of 5 items remain unwritten"), std::string::npos) << message;
  EXPECT_NE(message.find("3 attempts"), std::string::npos) << message;
  EXPECT_NE(message.find("UnprocessedItems"), std::string::npos) << message;
  EXPECT_NE(message.find(kTable), std::string::npos) << message;
  EXPECT_EQ(writer.stats().requests_sent, 3);
}

TEST_F(BatchWriterTest, PersistentThrottlingGivesTheLastErrorAfterTheLimit) {
  store_.engine->SetFaults({.unprocessed_fraction = 0, .throttle_every = 1, .seed = 1});
  BatchWriterOptions options = FastOptions();
  options.max_attempts = 4;
  BatchWriter writer(client(), options);
  ASSERT_TRUE(writer.Put(kTable, MakeItem("a", 1)).ok());
  const Status flushed = writer.Flush();
  ASSERT_FALSE(flushed.ok());
  EXPECT_EQ(flushed.error().code, ErrorCode::kProvisionedThroughputExceeded);
  EXPECT_NE(flushed.error().message.find("1 of 1 items remain unwritten after 4 attempts"),
            std::string::npos)
      << flushed.error().message;
  EXPECT_EQ(writer.stats().throttled, 4);
  EXPECT_EQ(writer.stats().items_written, 0);
}

TEST_F(BatchWriterTest, NonRetryableErrorIsReturnedWithItsType) {
  BatchWriter writer(client(), FastOptions());
  // A put without the key attribute: the store rejects the whole request.
  ASSERT_TRUE(writer.Put(kTable, Item{{"v", AttributeValue::N(1)}}).ok());
  const Status flushed = writer.Flush();
  ASSERT_FALSE(flushed.ok());
  EXPECT_EQ(flushed.error().code, ErrorCode::kValidation) << flushed.error().ToString();
}

TEST_F(BatchWriterTest, UnknownTableIsReportedByName) {
  BatchWriter writer(client(), FastOptions());
  const Status put = writer.Put("no-such-table", MakeItem("a", 1));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().code, ErrorCode::kResourceNotFound);
  EXPECT_NE(put.error().message.find("no-such-table"), std::string::npos);
}

}  // namespace
}  // namespace ddb
