// Item operations: every type stored and read back, key and value validation with
// DynamoDB's error types, conditions, ReturnValues, batches and fault injection.
#include <thread>

#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::AttributeValue;
using ddb::ErrorCode;

class ItemTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Create(TableRequest("items", "id"));
    Create(TableRequest("ranged", "pk", ddb::ScalarAttributeType::S, "sk",
                        ddb::ScalarAttributeType::N));
  }
  ddb::Result<ddb::PutItemResponse> TryPut(const std::string& table, ddb::Item item) {
    ddb::PutItemRequest r;
    r.table_name = table;
    r.item = std::move(item);
    return engine_->PutItem(r);
  }
};

TEST_F(ItemTest, EveryTypeRoundTrips) {
  ddb::Item item{
      {"id", S("all")},
      {"s", S("text ünïcode")},
      {"n", NT("-123.4560")},
      {"big", NT("99999999999999999999999999999999999999")},
      {"b", B(std::string("\x00\x01\xFF", 3))},
      {"t", AttributeValue::Bool(true)},
      {"nul", AttributeValue::Nul()},
      {"m", AttributeValue::M({{"a", N(1)}, {"deep", AttributeValue::M({{"x", S("y")}})}})},
      {"l", AttributeValue::L({S("a"), N(2), AttributeValue::L({})})},
      {"ss", AttributeValue::SS({"x", "y"})},
      {"ns", AttributeValue::NS({ddb::Number::FromInt(1), ddb::Number::Parse("2.5").value()})},
      {"bs", AttributeValue::BS({"p", "q"})},
  };
  Put("items", item);
  auto got = Get("items", {{"id", S("all")}});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, item);
  EXPECT_EQ(got->at("n").n().ToString(), "-123.456");

  // ProjectionExpression picks attributes (nested paths too).
  ddb::GetItemRequest get;
  get.table_name = "items";
  get.key = {{"id", S("all")}};
  get.projection_expression = "s, m.deep, #l";
  get.expression_attribute_names = {{"#l", "l"}};
  auto projected = engine_->GetItem(get);
  ASSERT_TRUE(projected.ok()) << projected.error().ToString();
  ASSERT_TRUE(projected->item.has_value());
  EXPECT_EQ(projected->item->size(), 3u);
  EXPECT_EQ(projected->item->at("m").m().at("deep").m().at("x").s(), "y");
  EXPECT_EQ(projected->item->count("n"), 0u);
  get.expression_attribute_names["#unused"] = "zzz";
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation, "unused");
}

TEST_F(ItemTest, OverwriteDeleteAndReturnValues) {
  Put("items", {{"id", S("k")}, {"v", N(1)}});
  ddb::PutItemRequest put;
  put.table_name = "items";
  put.item = {{"id", S("k")}, {"v", N(2)}};
  put.return_values = ddb::ReturnValue::ALL_OLD;
  auto r = engine_->PutItem(put);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->attributes.has_value());
  EXPECT_EQ(r->attributes->at("v"), N(1));
  EXPECT_EQ(DescribeTable("items").item_count, 1);

  ddb::DeleteItemRequest del;
  del.table_name = "items";
  del.key = {{"id", S("k")}};
  del.return_values = ddb::ReturnValue::ALL_OLD;
  auto d = engine_->DeleteItem(del);
  ASSERT_TRUE(d.ok());
  ASSERT_TRUE(d->attributes.has_value());
  EXPECT_EQ(d->attributes->at("v"), N(2));
  EXPECT_FALSE(Get("items", {{"id", S("k")}}).has_value());
  EXPECT_EQ(DescribeTable("items").item_count, 0);
  EXPECT_EQ(DescribeTable("items").table_size_bytes, 0);
  // Deleting what is not there is fine and returns nothing.
  d = engine_->DeleteItem(del);
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->attributes.has_value());
}

TEST_F(ItemTest, ConditionExpressions) {
  ddb::PutItemRequest put;
  put.table_name = "items";
  put.item = {{"id", S("c")}, {"v", N(1)}};
  put.condition_expression = "attribute_not_exists(id)";
  ASSERT_TRUE(engine_->PutItem(put).ok());
  ExpectError(engine_->PutItem(put), ErrorCode::kConditionalCheckFailed,
              "The conditional request failed");
  put.condition_expression = "v = :one";
  put.expression_attribute_values = {{":one", N(1)}};
  put.item["v"] = N(5);
  ASSERT_TRUE(engine_->PutItem(put).ok());
  ExpectError(engine_->PutItem(put), ErrorCode::kConditionalCheckFailed, "conditional");
  EXPECT_EQ(Get("items", {{"id", S("c")}})->at("v"), N(5));

  put.expression_attribute_values[":unused"] = N(3);
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation, "unused");

  ddb::DeleteItemRequest del;
  del.table_name = "items";
  del.key = {{"id", S("c")}};
  del.condition_expression = "v > :x";
  del.expression_attribute_values = {{":x", N(10)}};
  ExpectError(engine_->DeleteItem(del), ErrorCode::kConditionalCheckFailed, "conditional");
  del.expression_attribute_values = {{":x", N(1)}};
  ASSERT_TRUE(engine_->DeleteItem(del).ok());
  EXPECT_FALSE(Get("items", {{"id", S("c")}}).has_value());
}

TEST_F(ItemTest, KeyValidation) {
  ExpectError(TryPut("items", {{"other", S("x")}}), ErrorCode::kValidation,
              "One or more parameter values were invalid: Missing the key id in the item");
  ExpectError(TryPut("items", {{"id", N(1)}}), ErrorCode::kValidation,
              "One or more parameter values were invalid: Type mismatch for key id expected: S "
              "actual: N");
  ExpectError(TryPut("items", {{"id", S("")}}), ErrorCode::kValidation,
              "One or more parameter values are not valid. The AttributeValue for a key attribute "
              "cannot contain an empty string value. Key: id");
  ExpectError(TryPut("ranged", {{"pk", S("p")}, {"sk", S("not a number")}}), ErrorCode::kValidation,
              "Type mismatch for key sk expected: N actual: S");
  ExpectError(TryPut("items", {{"id", S(std::string(2049, 'k'))}}), ErrorCode::kValidation,
              "Size of hashkey has exceeded the maximum size limit of2048 bytes");
  ASSERT_TRUE(TryPut("items", {{"id", S(std::string(2048, 'k'))}}).ok());
  Create(TableRequest("rangeds", "pk", ddb::ScalarAttributeType::S, "sk"));
  ExpectError(TryPut("rangeds", {{"pk", S("p")}, {"sk", S(std::string(1025, 's'))}}),
              ErrorCode::kValidation,
              "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  ASSERT_TRUE(TryPut("rangeds", {{"pk", S("p")}, {"sk", S(std::string(1024, 's'))}}).ok());
  Create(TableRequest("binkeys", "id", ddb::ScalarAttributeType::B));
  ExpectError(TryPut("binkeys", {{"id", B("")}}), ErrorCode::kValidation,
              "cannot contain an empty binary value. Key: id");

  ddb::GetItemRequest get;
  get.table_name = "ranged";
  get.key = {{"pk", S("p")}};
  // A missing key attribute does not match the schema either (DynamoDB's words).
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation,
              "The provided key element does not match the schema");
  get.key = {{"pk", S("p")}, {"sk", N(1)}, {"extra", S("x")}};
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation,
              "The provided key element does not match the schema");
  get.key = {{"pk", S("p")}, {"other", N(1)}};
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation,
              "The provided key element does not match the schema");
  get.key = {{"pk", S("p")}, {"sk", S("1")}};
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation,
              "The provided key element does not match the schema");
  get.key = {{"pk", S("")}, {"sk", N(1)}};
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation, "empty string value. Key: pk");
  ddb::DeleteItemRequest del;
  del.table_name = "items";
  del.key = {{"id", S("x")}, {"v", N(1)}};
  ExpectError(engine_->DeleteItem(del), ErrorCode::kValidation,
              "The provided key element does not match the schema");
}

TEST_F(ItemTest, ValueValidationAndItemSize) {
  ExpectError(TryPut("items", {{"id", S("x")}, {"ss", AttributeValue::SS({})}}),
              ErrorCode::kValidation, "An string set  may not be empty");
  ExpectError(TryPut("items", {{"id", S("x")}, {"ns", AttributeValue::NS({})}}),
              ErrorCode::kValidation, "An number set  may not be empty");
  // The codec's (and DynamoDB's) wording for binary sets, so embedded callers read the same.
  ExpectError(TryPut("items", {{"id", S("x")}, {"bs", AttributeValue::BS({})}}),
              ErrorCode::kValidation,
              "One or more parameter values were invalid: Binary sets should not be empty");
  ExpectError(TryPut("items", {{"id", S("x")}, {"bs", AttributeValue::BS({"ab", "ab"})}}),
              ErrorCode::kValidation,
              "One or more parameter values were invalid: Input collection [YWI=, YWI=]of type BS "
              "contains duplicates.");
  ExpectError(
      TryPut("items", {{"id", S("x")}, {"m", AttributeValue::M({{"ss", AttributeValue::SS({})}})}}),
      ErrorCode::kValidation, "may not be empty");
  ExpectError(TryPut("items", {{"id", S("x")}, {"ss", AttributeValue::SS({"a", "a"})}}),
              ErrorCode::kValidation, "contains duplicates");
  ExpectError(TryPut("items", {{"id", S("x")},
                               {"ns", AttributeValue::NS({ddb::Number::FromInt(1),
                                                          ddb::Number::Parse("1.0").value()})}}),
              ErrorCode::kValidation, "Input collection contains duplicates");
  {
    // Number sets: neither the parameter prefix nor the members, as the codec words it.
    const auto ns_dup = TryPut("items", {{"id", S("x")},
                                         {"ns", AttributeValue::NS({ddb::Number::FromInt(2),
                                                                    ddb::Number::FromInt(2)})}});
    ASSERT_FALSE(ns_dup.ok());
    EXPECT_EQ(ns_dup.error().message, "Input collection contains duplicates");
  }
  ExpectError(TryPut("items", {{"id", S("x")}, {"big", S(std::string(400 * 1024, 'x'))}}),
              ErrorCode::kValidation, "Item size has exceeded the maximum allowed size");
  // Just under the limit is fine: 400 KB counts names and values.
  ASSERT_TRUE(
      TryPut("items", {{"id", S("x")}, {"big", S(std::string(400 * 1024 - 10, 'x'))}}).ok());
  // Empty strings are fine outside keys.
  ASSERT_TRUE(TryPut("items", {{"id", S("y")}, {"empty", S("")}}).ok());
}

TEST_F(ItemTest, BatchWriteAndBatchGet) {
  ddb::BatchWriteItemRequest write;
  for (int i = 0; i < 20; ++i) {
    write.request_items["items"].push_back(
        ddb::WriteRequest::Put({{"id", S("b" + std::to_string(i))}, {"v", N(i)}}));
  }
  for (int i = 0; i < 5; ++i) {
    write.request_items["ranged"].push_back(ddb::WriteRequest::Put({{"pk", S("p")}, {"sk", N(i)}}));
  }
  auto w = engine_->BatchWriteItem(write);
  ASSERT_TRUE(w.ok()) << w.error().ToString();
  EXPECT_TRUE(w->unprocessed_items.empty());
  EXPECT_EQ(DescribeTable("items").item_count, 20);
  EXPECT_EQ(DescribeTable("ranged").item_count, 5);

  write.request_items["items"].push_back(ddb::WriteRequest::Put({{"id", S("one-too-many")}}));
  ExpectError(engine_->BatchWriteItem(write), ErrorCode::kValidation,
              "Member must have length less than or equal to 25");

  ddb::BatchWriteItemRequest dup;
  dup.request_items["items"].push_back(ddb::WriteRequest::Put({{"id", S("d")}}));
  dup.request_items["items"].push_back(ddb::WriteRequest::Delete({{"id", S("d")}}));
  ExpectError(engine_->BatchWriteItem(dup), ErrorCode::kValidation,
              "Provided list of item keys contains duplicates");

  // A bad request anywhere rejects the whole batch: nothing is written.
  ddb::BatchWriteItemRequest bad;
  bad.request_items["items"].push_back(ddb::WriteRequest::Put({{"id", S("good")}}));
  bad.request_items["items"].push_back(ddb::WriteRequest::Put({{"id", N(1)}}));
  ExpectError(engine_->BatchWriteItem(bad), ErrorCode::kValidation, "Type mismatch");
  EXPECT_FALSE(Get("items", {{"id", S("good")}}).has_value());

  ddb::BatchWriteItemRequest mixed;
  mixed.request_items["items"].push_back(ddb::WriteRequest::Delete({{"id", S("b0")}}));
  mixed.request_items["items"].push_back(ddb::WriteRequest::Delete({{"id", S("never")}}));
  ASSERT_TRUE(engine_->BatchWriteItem(mixed).ok());
  EXPECT_EQ(DescribeTable("items").item_count, 19);

  ddb::BatchGetItemRequest get;
  for (int i = 0; i < 20; ++i)
    get.request_items["items"].keys.push_back({{"id", S("b" + std::to_string(i))}});
  get.request_items["items"].projection_expression = "v";
  get.request_items["ranged"].keys.push_back({{"pk", S("p")}, {"sk", N(3)}});
  auto g = engine_->BatchGetItem(get);
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_EQ(g->responses["items"].size(), 19u);
  for (const auto& item : g->responses["items"]) EXPECT_EQ(item.size(), 1u);  // projected
  ASSERT_EQ(g->responses["ranged"].size(), 1u);
  EXPECT_EQ(g->responses["ranged"][0].at("sk"), N(3));

  ddb::BatchGetItemRequest too_many;
  for (int i = 0; i < 101; ++i)
    too_many.request_items["items"].keys.push_back({{"id", S(std::to_string(i))}});
  ExpectError(engine_->BatchGetItem(too_many), ErrorCode::kValidation,
              "Too many items requested for the BatchGetItem call");
  ddb::BatchGetItemRequest dup_get;
  dup_get.request_items["items"].keys = {{{"id", S("a")}}, {{"id", S("a")}}};
  ExpectError(engine_->BatchGetItem(dup_get), ErrorCode::kValidation,
              "Provided list of item keys contains duplicates");
}

TEST_F(ItemTest, FaultInjection) {
  FaultInjection faults;
  faults.throttle_every = 3;
  engine_->SetFaults(faults);
  int throttled = 0;
  for (int i = 0; i < 9; ++i) {
    auto r = TryPut("items", {{"id", S("f" + std::to_string(i))}});
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, ErrorCode::kProvisionedThroughputExceeded);
      EXPECT_TRUE(r.error().retryable());
      ++throttled;
    }
  }
  EXPECT_EQ(throttled, 3);

  faults = FaultInjection{};
  faults.unprocessed_fraction = 0.5;
  faults.seed = 11;
  engine_->SetFaults(faults);
  const auto run = [&] {
    ddb::BatchWriteItemRequest write;
    for (int i = 0; i < 25; ++i) {
      write.request_items["items"].push_back(
          ddb::WriteRequest::Put({{"id", S("u" + std::to_string(i))}}));
    }
    auto w = engine_->BatchWriteItem(write);
    EXPECT_TRUE(w.ok());
    std::vector<std::string> skipped;
    for (const auto& req : w->unprocessed_items["items"])
      skipped.push_back(req.put_item->at("id").s());
    return skipped;
  };
  const auto skipped = run();
  EXPECT_GT(skipped.size(), 3u);
  EXPECT_LT(skipped.size(), 22u);
  for (const auto& id : skipped) EXPECT_FALSE(Get("items", {{"id", S(id)}}).has_value()) << id;
  EXPECT_EQ(DescribeTable("items").item_count, static_cast<int64_t>(25 + 6 - skipped.size()));
  // Deterministic from the seed.
  engine_->SetFaults(faults);
  EXPECT_EQ(run(), skipped);
  engine_->SetFaults(FaultInjection{});
  EXPECT_TRUE(run().empty());
}

TEST_F(ItemTest, ConcurrentWritersKeepCountsExact) {
  constexpr int kThreads = 4, kPerThread = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Threads overwrite each other's keys half of the time.
        ddb::PutItemRequest r;
        r.table_name = "items";
        r.item = {{"id", S("c" + std::to_string((i + t * (i % 2)) % kPerThread))}, {"t", N(t)}};
        EXPECT_TRUE(engine_->PutItem(r).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(DescribeTable("items").item_count, kPerThread);
}

}  // namespace
}  // namespace engine::testing
