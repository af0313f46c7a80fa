// The DynamoDB JSON codec for the item API's newer and legacy members: every field both ways
// (the HTTP client encodes requests and decodes responses; the server does the reverse),
// the response shapes DynamoDB answers with, and error bodies with the old item.
#include <gtest/gtest.h>

#include <string>

#include "ddb/json.h"

namespace ddb::json {
namespace {

Number Num(std::string_view text) { return *Number::Parse(text); }
Key SampleKey(std::string_view id) { return {{"id", AttributeValue::S(std::string(id))}}; }

// Encode -> Decode -> Encode gives the same text: nothing Encode writes is lost by Decode.
template <class T>
T RoundTrip(const T& value) {
  const std::string text = Encode(value);
  auto decoded = Decode<T>(text);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().ToString()) << "\n" << text;
  if (!decoded.ok()) return T{};
  EXPECT_EQ(Encode(*decoded), text);
  return std::move(decoded).value();
}

ConsumedCapacity SampleCapacity() {
  ConsumedCapacity c;
  c.table_name = "users";
  c.capacity_units = 3.5;
  c.read_capacity_units = 1.5;
  c.write_capacity_units = 2.0;
  c.table = Capacity{2.5, 0.5, 2.0};
  c.local_secondary_indexes["byLocal"] = Capacity{0.5, std::nullopt, std::nullopt};
  c.global_secondary_indexes["byEmail"] = Capacity{0.5, 0.5, std::nullopt};
  return c;
}

ItemCollectionMetrics SampleMetrics() { return {SampleKey("u1"), {0.0, 1.5}}; }

void ExpectSameCapacity(const ConsumedCapacity& a, const ConsumedCapacity& b) {
  EXPECT_EQ(a.table_name, b.table_name);
  EXPECT_EQ(a.capacity_units, b.capacity_units);
  EXPECT_EQ(a.read_capacity_units, b.read_capacity_units);
  EXPECT_EQ(a.write_capacity_units, b.write_capacity_units);
  ASSERT_EQ(a.table.has_value(), b.table.has_value());
  if (a.table) {
    EXPECT_EQ(a.table->capacity_units, b.table->capacity_units);
  }
  EXPECT_EQ(a.local_secondary_indexes.size(), b.local_secondary_indexes.size());
  EXPECT_EQ(a.global_secondary_indexes.at("byEmail").read_capacity_units,
            b.global_secondary_indexes.at("byEmail").read_capacity_units);
}

TEST(JsonParamsTest, WriteParametersRoundTrip) {
  UpdateItemRequest u;
  u.table_name = "users";
  u.key = SampleKey("u1");
  u.update_expression = "SET #n = :n";
  u.condition_expression = "attribute_exists(id)";
  u.expression_attribute_names = {{"#n", "name"}};
  u.expression_attribute_values = {{":n", AttributeValue::S("Ada")}};
  u.return_values = ReturnValue::UPDATED_NEW;
  u.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::ALL_OLD;
  u.return_consumed_capacity = ReturnConsumedCapacity::INDEXES;
  u.return_item_collection_metrics = ReturnItemCollectionMetrics::SIZE;
  const UpdateItemRequest back = RoundTrip(u);
  EXPECT_EQ(back.update_expression, u.update_expression);
  EXPECT_EQ(back.return_values, ReturnValue::UPDATED_NEW);
  EXPECT_EQ(back.return_values_on_condition_check_failure,
            ReturnValuesOnConditionCheckFailure::ALL_OLD);
  EXPECT_EQ(back.return_consumed_capacity, ReturnConsumedCapacity::INDEXES);
  EXPECT_EQ(back.return_item_collection_metrics, ReturnItemCollectionMetrics::SIZE);
  // Defaults are not sent.
  EXPECT_EQ(Encode(UpdateItemRequest{{}, "users", SampleKey("u1"), std::nullopt, std::nullopt}),
            R"({"TableName":"users","Key":{"id":{"S":"u1"}}})");
}

TEST(JsonParamsTest, LegacyWriteParametersRoundTrip) {
  UpdateItemRequest u;
  u.table_name = "users";
  u.key = SampleKey("u1");
  u.attribute_updates = AttributeUpdates{
      {"n", {AttributeValue::N(Num("1")), AttributeAction::ADD}},
      {"gone", {std::nullopt, AttributeAction::DELETE}},
      {"name", {AttributeValue::S("x"), std::nullopt}},
  };
  ExpectedMap expected;
  expected["id"] = {AttributeValue::S("u1"), true, std::nullopt, std::nullopt};
  expected["age"] = {std::nullopt, std::nullopt, ComparisonOperator::BETWEEN,
                     AttributeList{AttributeValue::N(1), AttributeValue::N(9)}};
  expected["nope"] = {std::nullopt, false, std::nullopt, std::nullopt};
  expected["null"] = {std::nullopt, std::nullopt, ComparisonOperator::NULL_, std::nullopt};
  u.expected = expected;
  u.conditional_operator = ConditionalOperator::OR;
  const UpdateItemRequest back = RoundTrip(u);
  ASSERT_TRUE(back.attribute_updates.has_value());
  EXPECT_EQ(back.attribute_updates->at("n").action, AttributeAction::ADD);
  EXPECT_EQ(back.attribute_updates->at("name").action, std::nullopt);
  EXPECT_EQ(back.attribute_updates->at("gone").value, std::nullopt);
  ASSERT_TRUE(back.expected.has_value());
  EXPECT_EQ(back.expected->at("id").exists, true);
  EXPECT_EQ(back.expected->at("nope").exists, false);
  EXPECT_EQ(back.expected->at("age").attribute_value_list->size(), 2u);
  EXPECT_EQ(back.expected->at("null").comparison_operator, ComparisonOperator::NULL_);
  EXPECT_EQ(back.conditional_operator, ConditionalOperator::OR);
  EXPECT_NE(Encode(u).find(R"("null":{"ComparisonOperator":"NULL"})"), std::string::npos);
  // An empty Expected is kept as sent: present, with nothing in it.
  PutItemRequest put;
  put.table_name = "users";
  put.item = SampleKey("u1");
  put.expected = ExpectedMap{};
  const PutItemRequest pback = RoundTrip(put);
  ASSERT_TRUE(pback.expected.has_value()) << Encode(put);
  EXPECT_TRUE(pback.expected->empty());
}

TEST(JsonParamsTest, ReadParametersRoundTrip) {
  GetItemRequest get;
  get.table_name = "users";
  get.key = SampleKey("u1");
  get.attributes_to_get = std::vector<std::string>{"id", "name"};
  get.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  const GetItemRequest gback = RoundTrip(get);
  EXPECT_EQ(gback.attributes_to_get, get.attributes_to_get);
  EXPECT_EQ(gback.return_consumed_capacity, ReturnConsumedCapacity::TOTAL);

  QueryRequest q;
  q.table_name = "comments";
  q.key_conditions =
      LegacyConditionMap{{"componentId", {ComparisonOperator::EQ, {AttributeValue::S("c1")}}},
                         {"date", {ComparisonOperator::BEGINS_WITH, {AttributeValue::S("2020")}}}};
  q.query_filter = LegacyConditionMap{{"flag", {ComparisonOperator::NOT_NULL, {}}}};
  q.conditional_operator = ConditionalOperator::AND;
  q.attributes_to_get = std::vector<std::string>{"message"};
  q.select = Select::SPECIFIC_ATTRIBUTES;
  q.return_consumed_capacity = ReturnConsumedCapacity::INDEXES;
  const QueryRequest qback = RoundTrip(q);
  ASSERT_TRUE(qback.key_conditions.has_value());
  EXPECT_EQ(qback.key_conditions->at("date").comparison_operator, ComparisonOperator::BEGINS_WITH);
  EXPECT_EQ(qback.query_filter->at("flag").attribute_value_list.size(), 0u);
  EXPECT_EQ(qback.attributes_to_get, q.attributes_to_get);
  EXPECT_EQ(qback.return_consumed_capacity, ReturnConsumedCapacity::INDEXES);

  ScanRequest s;
  s.table_name = "components";
  s.scan_filter = LegacyConditionMap{
      {"n", {ComparisonOperator::IN, {AttributeValue::N(1), AttributeValue::N(2)}}}};
  s.conditional_operator = ConditionalOperator::OR;
  s.attributes_to_get = std::vector<std::string>{"n"};
  s.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  const ScanRequest sback = RoundTrip(s);
  EXPECT_EQ(sback.scan_filter->at("n").attribute_value_list.size(), 2u);
  EXPECT_EQ(sback.conditional_operator, ConditionalOperator::OR);

  BatchGetItemRequest bg;
  bg.request_items["users"].keys = {SampleKey("a")};
  bg.request_items["users"].attributes_to_get = std::vector<std::string>{"id"};
  bg.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  const BatchGetItemRequest bgback = RoundTrip(bg);
  EXPECT_EQ(bgback.request_items.at("users").attributes_to_get, std::vector<std::string>{"id"});
  EXPECT_EQ(bgback.return_consumed_capacity, ReturnConsumedCapacity::TOTAL);

  BatchWriteItemRequest bw;
  bw.request_items["users"] = {WriteRequest::Put(SampleKey("a"))};
  bw.return_consumed_capacity = ReturnConsumedCapacity::INDEXES;
  bw.return_item_collection_metrics = ReturnItemCollectionMetrics::SIZE;
  const BatchWriteItemRequest bwback = RoundTrip(bw);
  EXPECT_EQ(bwback.return_item_collection_metrics, ReturnItemCollectionMetrics::SIZE);
}

TEST(JsonParamsTest, WriteResponsesCarryWhatWasAskedFor) {
  UpdateItemResponse r;
  r.attributes = SampleKey("u1");
  r.consumed_capacity = SampleCapacity();
  r.item_collection_metrics = SampleMetrics();
  const UpdateItemResponse back = RoundTrip(r);
  EXPECT_EQ(back.attributes, r.attributes);
  ExpectSameCapacity(*back.consumed_capacity, *r.consumed_capacity);
  EXPECT_EQ(back.item_collection_metrics->item_collection_key, SampleKey("u1"));
  EXPECT_EQ(back.item_collection_metrics->size_estimate_range_gb, (std::vector<double>{0, 1.5}));
  // The shapes of the API reference; nothing at all when nothing was asked for.
  EXPECT_EQ(Encode(UpdateItemResponse{}), "{}");
  EXPECT_EQ(Encode(DeleteItemResponse{}), "{}");
  PutItemResponse total;
  total.consumed_capacity = ConsumedCapacity{"users", 1.0};
  EXPECT_EQ(Encode(total), R"({"ConsumedCapacity":{"TableName":"users","CapacityUnits":1.0}})");
  EXPECT_NE(Encode(r).find(R"("Table":{"CapacityUnits":2.5,"ReadCapacityUnits":0.5,)"
                           R"("WriteCapacityUnits":2.0})"),
            std::string::npos)
      << Encode(r);
  EXPECT_NE(Encode(r).find(R"("ItemCollectionMetrics":{"ItemCollectionKey":{"id":{"S":"u1"}},)"
                           R"("SizeEstimateRangeGB":[0.0,1.5]})"),
            std::string::npos)
      << Encode(r);
  EXPECT_EQ(RoundTrip(PutItemResponse{r}).consumed_capacity->table_name, "users");
  EXPECT_EQ(RoundTrip(DeleteItemResponse{r}).item_collection_metrics->size_estimate_range_gb[1],
            1.5);
}

TEST(JsonParamsTest, ReadResponsesCarryConsumedCapacity) {
  GetItemResponse get{std::nullopt, SampleCapacity()};
  ExpectSameCapacity(*RoundTrip(get).consumed_capacity, SampleCapacity());
  EXPECT_EQ(Encode(GetItemResponse{}), "{}");

  ScanResponse scan;
  scan.count = 3;
  scan.scanned_count = 4;
  scan.consumed_capacity = SampleCapacity();
  ExpectSameCapacity(*RoundTrip(scan).consumed_capacity, SampleCapacity());
  // Select=COUNT: no Items member.
  EXPECT_EQ(EncodeWithoutItems(ScanResponse{{}, 3, 4, std::nullopt, std::nullopt}),
            R"({"Count":3,"ScannedCount":4})");
  auto counted = Decode<ScanResponse>(R"({"Count":3,"ScannedCount":4})");
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->count, 3);
  EXPECT_TRUE(counted->items.empty());
}

TEST(JsonParamsTest, BatchResponses) {
  // UnprocessedItems / Responses and UnprocessedKeys are always present, {} when empty.
  EXPECT_EQ(Encode(BatchWriteItemResponse{}), R"({"UnprocessedItems":{}})");
  EXPECT_EQ(Encode(BatchGetItemResponse{}), R"({"Responses":{},"UnprocessedKeys":{}})");

  BatchWriteItemResponse bw;
  bw.consumed_capacity = {SampleCapacity(), ConsumedCapacity{"comments", 2.0}};
  bw.item_collection_metrics["users"] = {SampleMetrics()};
  const BatchWriteItemResponse bwback = RoundTrip(bw);
  ASSERT_EQ(bwback.consumed_capacity.size(), 2u);
  EXPECT_EQ(bwback.consumed_capacity[1].table_name, "comments");
  EXPECT_EQ(bwback.item_collection_metrics.at("users")[0].item_collection_key, SampleKey("u1"));

  BatchGetItemResponse bg;
  bg.responses["users"] = {};
  bg.consumed_capacity = {ConsumedCapacity{"users", 0.5}};
  const BatchGetItemResponse bgback = RoundTrip(bg);
  EXPECT_EQ(bgback.consumed_capacity.at(0).capacity_units, 0.5);
  EXPECT_EQ(Encode(bg), R"({"Responses":{"users":[]},"UnprocessedKeys":{},)"
                        R"("ConsumedCapacity":[{"TableName":"users","CapacityUnits":0.5}]})");
}

TEST(JsonParamsTest, ErrorBodies) {
  Error failed(ErrorCode::kConditionalCheckFailed, "The conditional request failed");
  failed.item = std::make_shared<const Item>(Item{{"id", AttributeValue::S("u1")}});
  const std::string body = EncodeError(failed);
  EXPECT_EQ(body, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
                  R"("message":"The conditional request failed","Item":{"id":{"S":"u1"}}})");
  const Error back = DecodeError(400, body);
  EXPECT_EQ(back.code, ErrorCode::kConditionalCheckFailed);
  EXPECT_EQ(back.message, "The conditional request failed");
  ASSERT_NE(back.item, nullptr);
  EXPECT_EQ(*back.item, *failed.item);
  EXPECT_EQ(DecodeError(400, EncodeError(Error(ErrorCode::kConditionalCheckFailed, "x"))).item,
            nullptr);
  // A malformed Item does not hide the error it came with.
  const Error odd = DecodeError(
      400, R"({"__type":"x#ConditionalCheckFailedException","message":"m","Item":{"a":{}}})");
  EXPECT_EQ(odd.code, ErrorCode::kConditionalCheckFailed);
  EXPECT_EQ(odd.item, nullptr);
  // Each error type in DynamoDB's own namespace; SerializationException says "Message".
  EXPECT_EQ(EncodeError(Error(ErrorCode::kSerialization, "s")),
            R"({"__type":"com.amazon.coral.service#SerializationException","Message":"s"})");
  EXPECT_EQ(EncodeError(Error(ErrorCode::kUnknownOperation, "u")),
            R"({"__type":"com.amazon.coral.service#UnknownOperationException","message":"u"})");
  EXPECT_EQ(EncodeError(NotFoundError("n")),
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
            R"("message":"n"})");
  EXPECT_EQ(DecodeError(400, EncodeError(Error(ErrorCode::kSerialization, "s"))).message, "s");
  // Nothing to say (a body that is not JSON): no message member, as DynamoDB; it still
  // decodes to the same error.
  EXPECT_EQ(EncodeError(Error(ErrorCode::kSerialization, "")),
            R"({"__type":"com.amazon.coral.service#SerializationException"})");
  const Error bare = DecodeError(400, EncodeError(Error(ErrorCode::kSerialization, "")));
  EXPECT_EQ(bare.code, ErrorCode::kSerialization);
  EXPECT_EQ(bare.message, "");
}

}  // namespace
}  // namespace ddb::json
