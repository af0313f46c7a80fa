// Conditions and the request rules of PutItem, DeleteItem, GetItem and BatchGetItem: legacy
// Expected, ReturnValuesOnConditionCheckFailure, ReturnValues, mixing expression and legacy
// parameters, AttributesToGet, and the request-level checks that come before the table.
#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::AttributeValue;
using ddb::ErrorCode;

ddb::ExpectedAttributeValue ExpectValue(AttributeValue v) {
  return {std::move(v), std::nullopt, std::nullopt, std::nullopt};
}
ddb::ExpectedAttributeValue ExpectExists(bool exists) {
  return {std::nullopt, exists, std::nullopt, std::nullopt};
}

class ConditionsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Create(TableRequest("items", "id"));
  }
  ddb::PutItemRequest PutRequest(ddb::Item item) {
    ddb::PutItemRequest r;
    r.table_name = "items";
    r.item = std::move(item);
    return r;
  }
  ddb::DeleteItemRequest DeleteRequest(std::string id) {
    ddb::DeleteItemRequest r;
    r.table_name = "items";
    r.key = {{"id", S(std::move(id))}};
    return r;
  }
};

TEST_F(ConditionsTest, ReturnValuesOfPutAndDelete) {
  auto put = PutRequest({{"id", S("k")}});
  for (auto mode : {ddb::ReturnValue::UPDATED_OLD, ddb::ReturnValue::ALL_NEW,
                    ddb::ReturnValue::UPDATED_NEW}) {
    put.return_values = mode;
    ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
                "ReturnValues can only be ALL_OLD or NONE");
    auto del = DeleteRequest("k");
    del.return_values = mode;
    ExpectError(engine_->DeleteItem(del), ErrorCode::kValidation,
                "ReturnValues can only be ALL_OLD or NONE");
  }
  EXPECT_FALSE(Get("items", {{"id", S("k")}}).has_value());
}

TEST_F(ConditionsTest, LegacyExpectedOnPutAndDelete) {
  auto put = PutRequest({{"id", S("k")}, {"v", N(1)}});
  put.expected = ddb::ExpectedMap{{"id", ExpectExists(false)}};
  ASSERT_TRUE(engine_->PutItem(put).ok());
  ExpectError(engine_->PutItem(put), ErrorCode::kConditionalCheckFailed,
              "The conditional request failed");
  // Value form, and ConditionalOperator OR: one true entry is enough.
  put.item["v"] = N(2);
  put.expected = ddb::ExpectedMap{{"v", ExpectValue(N(9))}, {"id", ExpectValue(S("k"))}};
  put.conditional_operator = ddb::ConditionalOperator::OR;
  auto ored = engine_->PutItem(put);
  ASSERT_TRUE(ored.ok()) << ored.error().ToString();
  put.conditional_operator = ddb::ConditionalOperator::AND;
  ExpectError(engine_->PutItem(put), ErrorCode::kConditionalCheckFailed,
              "The conditional request failed");
  auto del = DeleteRequest("k");
  del.expected = ddb::ExpectedMap{{"v", ExpectValue(N(1))}};
  ExpectError(engine_->DeleteItem(del), ErrorCode::kConditionalCheckFailed,
              "The conditional request failed");
  del.expected = ddb::ExpectedMap{{"v", ExpectValue(N(2))}};
  ASSERT_TRUE(engine_->DeleteItem(del).ok());
  EXPECT_FALSE(Get("items", {{"id", S("k")}}).has_value());
  // Expected's own validation runs before the table lookup.
  del.table_name = "missing";
  del.expected = ddb::ExpectedMap{{"v", ExpectExists(true)}};
  ExpectError(engine_->DeleteItem(del), ErrorCode::kValidation,
              "One or more parameter values were invalid: Value must be provided when Exists is "
              "true for Attribute: v");
}

TEST_F(ConditionsTest, ConditionFailureCanReturnTheOldItem) {
  const ddb::Item old{{"id", S("k")}, {"v", N(1)}};
  Put("items", old);
  auto put = PutRequest({{"id", S("k")}, {"v", N(2)}});
  put.condition_expression = "attribute_not_exists(id)";
  put.return_values_on_condition_check_failure =
      ddb::ReturnValuesOnConditionCheckFailure::ALL_OLD;
  auto result = engine_->PutItem(put);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConditionalCheckFailed);
  ASSERT_NE(result.error().item, nullptr);
  EXPECT_EQ(*result.error().item, old);

  auto del = DeleteRequest("k");
  del.expected = ddb::ExpectedMap{{"v", ExpectValue(N(5))}};
  auto deleted = engine_->DeleteItem(del);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.error().item, nullptr);  // not asked for
  del.return_values_on_condition_check_failure =
      ddb::ReturnValuesOnConditionCheckFailure::ALL_OLD;
  deleted = engine_->DeleteItem(del);
  ASSERT_FALSE(deleted.ok());
  ASSERT_NE(deleted.error().item, nullptr);
  EXPECT_EQ(*deleted.error().item, old);
  EXPECT_EQ(Get("items", {{"id", S("k")}}), old);
}

TEST_F(ConditionsTest, ExpressionAndLegacyParametersDoNotMix) {
  auto put = PutRequest({{"id", S("k")}});
  put.condition_expression = "attribute_not_exists(id)";
  put.expected = ddb::ExpectedMap{{"id", ExpectExists(false)}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {Expected} Expression parameters: "
              "{ConditionExpression}");
  put.condition_expression.reset();
  put.expression_attribute_names = {{"#a", "a"}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "ExpressionAttributeNames can only be specified when using expressions");
  auto del = DeleteRequest("k");
  del.expression_attribute_values = {{":a", N(1)}};
  ExpectError(engine_->DeleteItem(del), ErrorCode::kValidation,
              "ExpressionAttributeValues can only be specified when using expressions: "
              "ConditionExpression is null");
}

TEST_F(ConditionsTest, PlaceholderMapsAreChecked) {
  auto put = PutRequest({{"id", S("k")}});
  put.condition_expression = "attribute_not_exists(id)";
  put.expression_attribute_values = {{"x", N(1)}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "ExpressionAttributeValues contains invalid key: Syntax error; key: \"x\"");
  put.expression_attribute_values = {{":x", AttributeValue::SS({})}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "ExpressionAttributeValues contains invalid value: One or more parameter values "
              "were invalid: An string set  may not be empty for key :x");
  put.expression_attribute_values.clear();
  put.expression_attribute_names = {{"a", "a"}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
}

TEST_F(ConditionsTest, RequestChecksComeBeforeTheTableLookup) {
  auto put = PutRequest({{"id", S("k")}, {"ss", AttributeValue::SS({})}});
  put.table_name = "missing";
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation, "An string set  may not be empty");
  put.item = {{"id", S("k")}, {"big", S(std::string(400 * 1024, 'x'))}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "Item size has exceeded the maximum allowed size");
  put.item = {{"id", S("k")}};
  put.condition_expression = "a = ";
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation, "Invalid ConditionExpression");
  put.condition_expression = "a = :a";
  put.expression_attribute_values = {{":a", N(1)}};
  ExpectError(engine_->PutItem(put), ErrorCode::kResourceNotFound,
              "Requested resource not found");
  // The table lookup comes before the key checks.
  put.item = {{"other", S("k")}};
  ExpectError(engine_->PutItem(put), ErrorCode::kResourceNotFound, "Requested resource not found");
  auto del = DeleteRequest("k");
  del.table_name = "missing";
  del.condition_expression = "a = :a";
  ExpectError(engine_->DeleteItem(del), ErrorCode::kValidation,
              "An expression attribute value used in expression is not defined");
}

TEST_F(ConditionsTest, GetItemAttributesToGet) {
  Put("items", {{"id", S("k")}, {"a", N(1)}, {"b", N(2)}});
  ddb::GetItemRequest get;
  get.table_name = "items";
  get.key = {{"id", S("k")}};
  get.attributes_to_get = std::vector<std::string>{"a", "missing"};
  auto r = engine_->GetItem(get);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->item, (ddb::Item{{"a", N(1)}}));
  get.attributes_to_get = std::vector<std::string>{"a", "b", "a"};
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation,
              "One or more parameter values were invalid: Duplicate value in attribute name: a");
  get.attributes_to_get = std::vector<std::string>{"a"};
  get.projection_expression = "b";
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation,
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {AttributesToGet} Expression parameters: "
              "{ProjectionExpression}");
  get.projection_expression.reset();
  get.expression_attribute_names = {{"#a", "a"}};
  ExpectError(engine_->GetItem(get), ErrorCode::kValidation,
              "ExpressionAttributeNames can only be specified when using expressions");
}

TEST_F(ConditionsTest, BatchGetItemAttributesToGet) {
  Put("items", {{"id", S("k")}, {"a", N(1)}, {"b", N(2)}});
  ddb::BatchGetItemRequest batch;
  auto& keys = batch.request_items["items"];
  keys.keys = {{{"id", S("k")}}};
  keys.attributes_to_get = std::vector<std::string>{"b"};
  auto r = engine_->BatchGetItem(batch);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->responses["items"].size(), 1u);
  EXPECT_EQ(r->responses["items"][0], (ddb::Item{{"b", N(2)}}));
  keys.projection_expression = "a";
  ExpectError(engine_->BatchGetItem(batch), ErrorCode::kValidation,
              "Non-expression parameters: {AttributesToGet} Expression parameters: "
              "{ProjectionExpression}");
  // Checked before any table is looked up.
  keys.attributes_to_get.reset();
  keys.projection_expression = "a, a";
  batch.request_items["missing"].keys = {{{"id", S("k")}}};
  ExpectError(engine_->BatchGetItem(batch), ErrorCode::kValidation,
              "Invalid ProjectionExpression");
}

TEST_F(ConditionsTest, BatchWriteChecksItemsBeforeTables) {
  ddb::BatchWriteItemRequest batch;
  batch.request_items["missing"].push_back(ddb::WriteRequest::Put({{"id", S("k")}}));
  batch.request_items["items"].push_back(
      ddb::WriteRequest::Put({{"id", S("k")}, {"big", S(std::string(400 * 1024, 'x'))}}));
  ExpectError(engine_->BatchWriteItem(batch), ErrorCode::kValidation,
              "Item size has exceeded the maximum allowed size");
  batch.request_items["items"][0] = ddb::WriteRequest::Put({{"id", S("k")}});
  ExpectError(engine_->BatchWriteItem(batch), ErrorCode::kResourceNotFound,
              "Requested resource not found");
}

// Regression: the key condition was parsed only after the table lookup (it needs the key
// schema), so its syntax and placeholder errors came after ResourceNotFoundException.
TEST_F(ConditionsTest, KeyConditionSyntaxComesBeforeTheTableLookup) {
  ddb::QueryRequest q;
  q.table_name = "missing";
  q.key_condition_expression = "id = = :v";
  q.expression_attribute_values = {{":v", S("k")}};
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Invalid KeyConditionExpression: Syntax error");
  q.key_condition_expression = "id = :w";
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "An expression attribute value used in expression is not defined");
  q.key_condition_expression = "id = :v";
  q.expression_attribute_values[":unused"] = S("x");
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Value provided in ExpressionAttributeValues unused in expressions");
  q.expression_attribute_values.erase(":unused");
  q.key_condition_expression = "id = :v OR id = :v";
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Invalid operator used in KeyConditionExpression: OR");
  // What needs the key schema comes after the lookup.
  q.key_condition_expression = "nokey = :v";
  ExpectError(engine_->Query(q), ErrorCode::kResourceNotFound, "Requested resource not found");
  q.table_name = "items";
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Query condition missed key schema element: id");
}

}  // namespace
}  // namespace engine::testing
