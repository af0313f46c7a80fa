// DynamoDB JSON codec: every request and response type of ddb/model.h.
#include <gtest/gtest.h>

#include <string>

#include "ddb/json.h"

namespace ddb::json {
namespace {

Number Num(std::string_view text) { return *Number::Parse(text); }

Item SampleItem(std::string_view id) {
  return {{"id", AttributeValue::S(std::string(id))},
          {"n", AttributeValue::N(Num("3.25"))},
          {"tags", AttributeValue::SS({"a", "b"})},
          {"m", AttributeValue::M({{"x", AttributeValue::L({AttributeValue::Bool(true)})}})}};
}
Key SampleKey(std::string_view id) { return {{"id", AttributeValue::S(std::string(id))}}; }

// Encode -> Decode -> Encode gives the same text: nothing Encode writes is lost by Decode.
// Every field is set below, so this covers every member of every type.
template <class T>
T RoundTrip(const T& value) {
  const std::string text = Encode(value);
  auto decoded = Decode<T>(text);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().ToString()) << "\n" << text;
  if (!decoded.ok()) return T{};
  EXPECT_EQ(Encode(*decoded), text);
  return std::move(decoded).value();
}

TableDescription SampleDescription() {
  TableDescription t;
  t.table_name = "components";
  t.table_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/components";
  t.table_id = "4bd5d0b6-3b8e-4d6f-9c1e-1f2a3b4c5d6e";
  t.table_status = TableStatus::UPDATING;
  t.creation_date_time = 1732500000.125;
  t.attribute_definitions = {{"componentId", ScalarAttributeType::S},
                             {"date", ScalarAttributeType::N}};
  t.key_schema = {{"componentId", KeyType::HASH}, {"date", KeyType::RANGE}};
  GlobalSecondaryIndexDescription gsi;
  gsi.index_name = "byDate";
  gsi.key_schema = {{"date", KeyType::HASH}};
  gsi.projection = {ProjectionType::INCLUDE, {"name", "status"}};
  gsi.index_status = IndexStatus::CREATING;
  gsi.backfilling = true;
  gsi.provisioned_throughput = ProvisionedThroughput{5, 6};
  gsi.index_size_bytes = 1234;
  gsi.item_count = 12;
  gsi.index_arn = t.table_arn + "/index/byDate";
  t.global_secondary_indexes = {gsi};
  t.billing_mode = BillingMode::PROVISIONED;
  t.provisioned_throughput = ProvisionedThroughput{5, 5};
  t.item_count = 42;
  t.table_size_bytes = 4096;
  return t;
}

TEST(JsonOpsTest, CreateTable) {
  CreateTableRequest req;
  req.table_name = "components";
  req.attribute_definitions = {{"componentId", ScalarAttributeType::S},
                               {"blob", ScalarAttributeType::B}};
  req.key_schema = {{"componentId", KeyType::HASH}};
  GlobalSecondaryIndex gsi;
  gsi.index_name = "byBlob";
  gsi.key_schema = {{"blob", KeyType::HASH}, {"componentId", KeyType::RANGE}};
  gsi.projection = {ProjectionType::KEYS_ONLY, {}};
  gsi.provisioned_throughput = ProvisionedThroughput{1, 2};
  req.global_secondary_indexes = {gsi};
  req.billing_mode = BillingMode::PROVISIONED;
  req.provisioned_throughput = ProvisionedThroughput{5, 5};
  const CreateTableRequest back = RoundTrip(req);
  EXPECT_EQ(back.table_name, "components");
  EXPECT_EQ(back.attribute_definitions, req.attribute_definitions);
  EXPECT_EQ(back.key_schema, req.key_schema);
  ASSERT_EQ(back.global_secondary_indexes.size(), 1u);
  EXPECT_EQ(back.global_secondary_indexes[0].key_schema, gsi.key_schema);
  EXPECT_EQ(back.global_secondary_indexes[0].projection, gsi.projection);
  EXPECT_EQ(back.billing_mode, BillingMode::PROVISIONED);
  EXPECT_EQ(back.provisioned_throughput, (ProvisionedThroughput{5, 5}));

  // The wire shape, as the DynamoDB API reference spells it.
  CreateTableRequest small;
  small.table_name = "t";
  small.attribute_definitions = {{"id", ScalarAttributeType::S}};
  small.key_schema = {{"id", KeyType::HASH}};
  small.billing_mode = BillingMode::PAY_PER_REQUEST;
  EXPECT_EQ(
      Encode(small),
      R"({"TableName":"t","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})");

  CreateTableResponse resp{SampleDescription()};
  const CreateTableResponse rback = RoundTrip(resp);
  EXPECT_EQ(rback.table_description.table_name, "components");
  EXPECT_EQ(rback.table_description.creation_date_time, 1732500000.125);
  EXPECT_EQ(rback.table_description.table_status, TableStatus::UPDATING);
  ASSERT_EQ(rback.table_description.global_secondary_indexes.size(), 1u);
  EXPECT_TRUE(rback.table_description.global_secondary_indexes[0].backfilling);
  EXPECT_EQ(rback.table_description.global_secondary_indexes[0].index_status,
            IndexStatus::CREATING);
}

TEST(JsonOpsTest, DescribeListDeleteUpdateTable) {
  EXPECT_EQ(RoundTrip(DescribeTableRequest{"users"}).table_name, "users");
  EXPECT_EQ(Encode(DescribeTableRequest{"users"}), R"({"TableName":"users"})");
  EXPECT_EQ(RoundTrip(DescribeTableResponse{SampleDescription()}).table.item_count, 42);
  EXPECT_NE(Encode(DescribeTableResponse{SampleDescription()}).find(R"({"Table":{)"),
            std::string::npos);

  ListTablesRequest list{50, "comments"};
  const ListTablesRequest lback = RoundTrip(list);
  EXPECT_EQ(lback.limit, 50);
  EXPECT_EQ(lback.exclusive_start_table_name, "comments");
  EXPECT_EQ(Encode(ListTablesRequest{}), "{}");
  ListTablesResponse names{{"a", "b"}, "b"};
  EXPECT_EQ(RoundTrip(names).table_names, names.table_names);
  EXPECT_EQ(RoundTrip(ListTablesResponse{{"a"}, std::nullopt}).last_evaluated_table_name,
            std::nullopt);

  EXPECT_EQ(RoundTrip(DeleteTableRequest{"xyz"}).table_name, "xyz");
  EXPECT_EQ(RoundTrip(DeleteTableResponse{SampleDescription()}).table_description.table_id,
            SampleDescription().table_id);

  UpdateTableRequest upd;
  upd.table_name = "users";
  upd.attribute_definitions = {{"email", ScalarAttributeType::S}};
  GlobalSecondaryIndexUpdate create;
  create.create = GlobalSecondaryIndex{"byEmail", {{"email", KeyType::HASH}}, {}, std::nullopt};
  GlobalSecondaryIndexUpdate del;
  del.delete_index_name = "old";
  upd.global_secondary_index_updates = {create, del};
  upd.billing_mode = BillingMode::PAY_PER_REQUEST;
  const UpdateTableRequest uback = RoundTrip(upd);
  ASSERT_EQ(uback.global_secondary_index_updates.size(), 2u);
  EXPECT_EQ(uback.global_secondary_index_updates[0].create->index_name, "byEmail");
  EXPECT_EQ(uback.global_secondary_index_updates[1].delete_index_name, "old");
  EXPECT_NE(Encode(upd).find(R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byEmail")"),
            std::string::npos);
  EXPECT_NE(Encode(upd).find(R"({"Delete":{"IndexName":"old"}})"), std::string::npos);
  EXPECT_EQ(RoundTrip(UpdateTableResponse{SampleDescription()}).table_description.table_size_bytes,
            4096);
}

TEST(JsonOpsTest, BillingModeWithoutSummary) {
  // DynamoDB leaves out BillingModeSummary for tables that were always provisioned.
  auto provisioned = Decode<DescribeTableResponse>(
      R"({"Table":{"TableName":"t","ProvisionedThroughput":{"ReadCapacityUnits":5,)"
      R"("WriteCapacityUnits":5,"NumberOfDecreasesToday":0}}})");
  ASSERT_TRUE(provisioned.ok());
  EXPECT_EQ(provisioned->table.billing_mode, BillingMode::PROVISIONED);
  auto on_demand = Decode<DescribeTableResponse>(
      R"({"Table":{"TableName":"t","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"}}})");
  ASSERT_TRUE(on_demand.ok());
  EXPECT_EQ(on_demand->table.billing_mode, BillingMode::PAY_PER_REQUEST);
}

TEST(JsonOpsTest, PutGetDeleteItem) {
  PutItemRequest put;
  put.table_name = "users";
  put.item = SampleItem("u1");
  put.condition_expression = "attribute_not_exists(#id)";
  put.expression_attribute_names = {{"#id", "id"}};
  put.expression_attribute_values = {{":v", AttributeValue::NS({Num("1"), Num("2")})}};
  put.return_values = ReturnValue::ALL_OLD;
  const PutItemRequest pback = RoundTrip(put);
  EXPECT_EQ(pback.item, put.item);
  EXPECT_EQ(pback.expression_attribute_names, put.expression_attribute_names);
  EXPECT_EQ(pback.expression_attribute_values, put.expression_attribute_values);
  EXPECT_EQ(pback.return_values, ReturnValue::ALL_OLD);
  EXPECT_EQ(pback.condition_expression, put.condition_expression);
  EXPECT_EQ(RoundTrip(PutItemResponse{SampleItem("old")}).attributes, SampleItem("old"));
  EXPECT_EQ(Encode(PutItemResponse{}), "{}");

  GetItemRequest get;
  get.table_name = "users";
  get.key = SampleKey("u1");
  get.consistent_read = true;
  get.projection_expression = "#n, id";
  get.expression_attribute_names = {{"#n", "name"}};
  const GetItemRequest gback = RoundTrip(get);
  EXPECT_EQ(gback.key, get.key);
  EXPECT_TRUE(gback.consistent_read);
  EXPECT_EQ(gback.projection_expression, "#n, id");
  EXPECT_EQ(Encode(GetItemRequest{"t", SampleKey("k"), false, std::nullopt, {}}),
            R"({"TableName":"t","Key":{"id":{"S":"k"}}})");
  EXPECT_EQ(RoundTrip(GetItemResponse{SampleItem("u1")}).item, SampleItem("u1"));
  EXPECT_EQ(RoundTrip(GetItemResponse{}).item, std::nullopt);

  DeleteItemRequest del;
  del.table_name = "users";
  del.key = SampleKey("u1");
  del.condition_expression = "n > :min";
  del.expression_attribute_values = {{":min", AttributeValue::N(0)}};
  del.return_values = ReturnValue::ALL_OLD;
  const DeleteItemRequest dback = RoundTrip(del);
  EXPECT_EQ(dback.key, del.key);
  EXPECT_EQ(dback.expression_attribute_values, del.expression_attribute_values);
  EXPECT_EQ(RoundTrip(DeleteItemResponse{SampleItem("gone")}).attributes, SampleItem("gone"));
}

TEST(JsonOpsTest, BatchWriteAndGet) {
  BatchWriteItemRequest bw;
  bw.request_items["users"] = {WriteRequest::Put(SampleItem("a")),
                               WriteRequest::Delete(SampleKey("b"))};
  bw.request_items["comments"] = {WriteRequest::Put(SampleItem("c"))};
  const BatchWriteItemRequest bback = RoundTrip(bw);
  ASSERT_EQ(bback.request_items.at("users").size(), 2u);
  EXPECT_EQ(bback.request_items.at("users")[0].put_item, SampleItem("a"));
  EXPECT_EQ(bback.request_items.at("users")[1].delete_key, SampleKey("b"));
  EXPECT_NE(Encode(bw).find(R"("users":[{"PutRequest":{"Item":{)"), std::string::npos);
  EXPECT_NE(Encode(bw).find(R"({"DeleteRequest":{"Key":{"id":{"S":"b"}}}})"), std::string::npos);
  BatchWriteItemResponse bwr;
  bwr.unprocessed_items["users"] = {WriteRequest::Delete(SampleKey("b"))};
  EXPECT_EQ(RoundTrip(bwr).unprocessed_items.at("users")[0].delete_key, SampleKey("b"));
  EXPECT_EQ(Encode(BatchWriteItemResponse{}), R"({"UnprocessedItems":{}})");

  BatchGetItemRequest bg;
  bg.request_items["users"] = {{SampleKey("a"), SampleKey("b")}, true, "id", {{"#n", "name"}}};
  const BatchGetItemRequest gback = RoundTrip(bg);
  const KeysAndAttributes& ka = gback.request_items.at("users");
  EXPECT_EQ(ka.keys.size(), 2u);
  EXPECT_TRUE(ka.consistent_read);
  EXPECT_EQ(ka.projection_expression, "id");
  EXPECT_EQ(ka.expression_attribute_names.at("#n"), "name");
  BatchGetItemResponse bgr;
  bgr.responses["users"] = {SampleItem("a"), SampleItem("b")};
  bgr.unprocessed_keys["users"] = {{SampleKey("c")}, false, std::nullopt, {}};
  const BatchGetItemResponse rback = RoundTrip(bgr);
  EXPECT_EQ(rback.responses.at("users"), bgr.responses.at("users"));
  EXPECT_EQ(rback.unprocessed_keys.at("users").keys[0], SampleKey("c"));
}

TEST(JsonOpsTest, ScanAndQuery) {
  ScanRequest scan;
  scan.table_name = "components";
  scan.index_name = "byType";
  scan.limit = 10;
  scan.exclusive_start_key = SampleKey("k");
  scan.segment = 1;
  scan.total_segments = 4;
  scan.filter_expression = "#t = :t";
  scan.projection_expression = "id";
  scan.expression_attribute_names = {{"#t", "type"}};
  scan.expression_attribute_values = {{":t", AttributeValue::S("rocket")}};
  scan.select = Select::SPECIFIC_ATTRIBUTES;
  scan.consistent_read = true;
  const ScanRequest sback = RoundTrip(scan);
  EXPECT_EQ(sback.segment, 1);
  EXPECT_EQ(sback.total_segments, 4);
  EXPECT_EQ(sback.exclusive_start_key, SampleKey("k"));
  EXPECT_EQ(sback.select, Select::SPECIFIC_ATTRIBUTES);

  QueryRequest q;
  q.table_name = "comments";
  q.index_name = "byComponent";
  q.key_condition_expression = "componentId = :c AND updatedDate > :d";
  q.filter_expression = "attribute_exists(message)";
  q.projection_expression = "id, message";
  q.expression_attribute_values = {{":c", AttributeValue::S("x")},
                                   {":d", AttributeValue::S("2020")}};
  q.scan_index_forward = false;
  q.limit = 5;
  q.exclusive_start_key = SampleKey("k");
  q.select = Select::COUNT;
  q.consistent_read = false;
  const QueryRequest qback = RoundTrip(q);
  EXPECT_FALSE(qback.scan_index_forward);
  EXPECT_EQ(qback.key_condition_expression, q.key_condition_expression);
  EXPECT_EQ(qback.select, Select::COUNT);
  EXPECT_EQ(qback.limit, 5);

  ScanResponse resp;
  resp.items = {SampleItem("a"), SampleItem("b")};
  resp.count = 2;
  resp.scanned_count = 7;
  resp.last_evaluated_key = SampleKey("b");
  const ScanResponse rback = RoundTrip(resp);
  EXPECT_EQ(rback.items, resp.items);
  EXPECT_EQ(rback.scanned_count, 7);
  EXPECT_EQ(rback.last_evaluated_key, SampleKey("b"));
  EXPECT_EQ(Encode(ScanResponse{}), R"({"Items":[],"Count":0,"ScannedCount":0})");
}

template <class T>
Error ErrorOf(std::string_view body) {
  auto r = Decode<T>(body);
  EXPECT_FALSE(r.ok()) << body;
  return r.ok() ? Error() : r.error();
}

TEST(JsonOpsTest, DecodingErrors) {
  // Malformed body, wrong root, wrong member types: SerializationException.
  EXPECT_EQ(ErrorOf<PutItemRequest>("{").code, ErrorCode::kSerialization);
  EXPECT_EQ(ErrorOf<PutItemRequest>("[]").code, ErrorCode::kSerialization);
  Error e = ErrorOf<PutItemRequest>(R"({"TableName":5,"Item":{}})");
  EXPECT_EQ(e.code, ErrorCode::kSerialization);
  EXPECT_EQ(e.message, "NUMBER_VALUE cannot be converted to String");
  EXPECT_EQ(ErrorOf<ScanRequest>(R"({"TableName":"tab","Limit":"5"})").message,
            "STRING_VALUE cannot be converted to Integer");
  EXPECT_EQ(ErrorOf<ScanRequest>(R"({"TableName":"tab","Limit":99999999999})").code,
            ErrorCode::kSerialization);
  EXPECT_EQ(ErrorOf<GetItemRequest>(R"({"TableName":"tab","Key":{},"ConsistentRead":"maybe"})")
                .message,
            "Unexpected token received from parser");
  EXPECT_EQ(ErrorOf<CreateTableRequest>(R"({"TableName":"tab","KeySchema":{},)"
                                        R"("AttributeDefinitions":[]})")
                .message,
            "Start of structure or map found where not expected");
  // Missing required members and unknown enum values: ValidationException, DynamoDB's words.
  EXPECT_EQ(ErrorOf<DescribeTableRequest>("{}").message,
            "The parameter 'TableName' is required but was not present in the request");
  EXPECT_EQ(ErrorOf<GetItemRequest>("{}").message,
            "2 validation errors detected: Value null at 'tableName' failed to satisfy "
            "constraint: Member must not be null; Value null at 'key' failed to satisfy "
            "constraint: Member must not be null");
  EXPECT_EQ(ErrorOf<PutItemRequest>(R"({"TableName":"tab"})").code, ErrorCode::kValidation);
  EXPECT_EQ(ErrorOf<BatchWriteItemRequest>("{}").code, ErrorCode::kValidation);
  e = ErrorOf<CreateTableRequest>(
      R"({"TableName":"tab","KeySchema":[{"AttributeName":"id","KeyType":"hash"}],)"
      R"("AttributeDefinitions":[]})");
  EXPECT_EQ(e.message,
            "1 validation error detected: Value 'hash' at 'keySchema.1.member.keyType' failed to "
            "satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]");
  EXPECT_EQ(ErrorOf<ScanRequest>(R"({"TableName":"tab","Select":"SOME"})").code,
            ErrorCode::kValidation);
  EXPECT_EQ(ErrorOf<BatchWriteItemRequest>(R"({"RequestItems":{"tab":[{}]}})").message,
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
            "of the supported datatypes");
  EXPECT_EQ(ErrorOf<UpdateTableRequest>(
                R"({"TableName":"tab","GlobalSecondaryIndexUpdates":[{"Update":{}}]})")
                .code,
            ErrorCode::kValidation);
  // Bad values inside ExpressionAttributeValues name the placeholder, as DynamoDB does.
  e = ErrorOf<ScanRequest>(
      R"({"TableName":"tab","FilterExpression":"a = :o",)"
      R"("ExpressionAttributeValues":{":o":{"N":"1e-200"}}})");
  EXPECT_EQ(e.message,
            "ExpressionAttributeValues contains invalid value: Number underflow. Attempting to "
            "store a number with magnitude smaller than supported range for key :o");
  e = ErrorOf<ScanRequest>(
      R"({"TableName":"tab","FilterExpression":"a = :p",)"
      R"("ExpressionAttributeValues":{":p":{"SS":["a","a"]}}})");
  EXPECT_EQ(e.message,
            "ExpressionAttributeValues contains invalid value: One or more parameter values were "
            "invalid: Input collection [a, a] contains duplicates. for key :p");
  // Items inside requests carry the item errors.
  EXPECT_EQ(ErrorOf<PutItemRequest>(R"({"TableName":"tab","Item":{"a":{}}})").message,
            "Supplied AttributeValue is empty, must contain exactly one of the supported "
            "datatypes");
  EXPECT_EQ(
      ErrorOf<BatchGetItemRequest>(R"({"RequestItems":{"tab":{"Keys":[{"a":{"N":"x"}}]}}})")
          .message,
      "The parameter cannot be converted to a numeric value: x");
}

TEST(JsonOpsTest, UnknownMembersAndNullsAreIgnored) {
  auto r = Decode<GetItemRequest>(
      R"({"TableName":"tab","Key":{"id":{"S":"1"}},"ReturnConsumedCapacity":"TOTAL",)"
      R"("AttributesToGet":null,"Extra":{"deep":[1,2,{"x":null}]}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->table_name, "tab");
  EXPECT_EQ(r->return_consumed_capacity, ReturnConsumedCapacity::TOTAL);
  EXPECT_EQ(r->attributes_to_get, std::nullopt);
  auto resp = Decode<ScanResponse>(
      R"({"Items":[],"Count":0,"ScannedCount":0,"ConsumedCapacity":{"TableName":"t",)"
      R"("CapacityUnits":0.5}})");
  ASSERT_TRUE(resp.ok());
}

}  // namespace
}  // namespace ddb::json
