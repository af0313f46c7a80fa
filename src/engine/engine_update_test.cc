// UpdateItem: upserts, every ReturnValues, key attributes refused, conditions (with the old
// item on failure), the size limit after the update, index entries following the update,
// the legacy AttributeUpdates, and DynamoDB's order of checks.
#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::AttributeValue;
using ddb::ErrorCode;
using ddb::ReturnValue;

class UpdateTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto items = TableRequest("items", "id");
    items.attribute_definitions.push_back({"g", ddb::ScalarAttributeType::S});
    items.global_secondary_indexes.push_back(Gsi("byG", "g"));
    Create(items);
    Create(TableRequest("ranged", "pk", ddb::ScalarAttributeType::S, "sk",
                        ddb::ScalarAttributeType::N));
  }
  ddb::UpdateItemRequest Update(std::string expression, ddb::ExpressionAttributeValues values = {}) {
    ddb::UpdateItemRequest r;
    r.table_name = "items";
    r.key = {{"id", S("k")}};
    r.update_expression = std::move(expression);
    r.expression_attribute_values = std::move(values);
    return r;
  }
  ddb::UpdateItemResponse MustUpdate(const ddb::UpdateItemRequest& r) {
    auto result = engine_->UpdateItem(r);
    EXPECT_TRUE(result.ok()) << result.error().ToString();
    return result.ok() ? *result : ddb::UpdateItemResponse{};
  }
  std::vector<std::string> IdsWithG(const std::string& g) {
    ddb::QueryRequest q;
    q.table_name = "items";
    q.index_name = "byG";
    q.key_condition_expression = "g = :g";
    q.expression_attribute_values = {{":g", S(g)}};
    auto r = engine_->Query(q);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const auto& item : r->items) ids.push_back(item.at("id").s());
    }
    return ids;
  }
};

TEST_F(UpdateTest, UpsertsAMissingItem) {
  auto r = Update("SET a = :a", {{":a", N(1)}});
  r.return_values = ReturnValue::ALL_NEW;
  auto response = MustUpdate(r);
  ASSERT_TRUE(response.attributes.has_value());
  EXPECT_EQ(*response.attributes, (ddb::Item{{"id", S("k")}, {"a", N(1)}}));
  EXPECT_EQ(Get("items", {{"id", S("k")}}), (ddb::Item{{"id", S("k")}, {"a", N(1)}}));
  EXPECT_EQ(DescribeTable("items").item_count, 1);
}

TEST_F(UpdateTest, WithoutAnUpdateCreatesTheItemFromItsKey) {
  ddb::UpdateItemRequest r;
  r.table_name = "items";
  r.key = {{"id", S("k")}};
  r.return_values = ReturnValue::ALL_NEW;
  auto response = MustUpdate(r);
  EXPECT_EQ(*response.attributes, (ddb::Item{{"id", S("k")}}));
  EXPECT_EQ(Get("items", {{"id", S("k")}}), (ddb::Item{{"id", S("k")}}));
  // On an existing item it changes nothing and still succeeds.
  Put("items", {{"id", S("k")}, {"a", N(7)}});
  response = MustUpdate(r);
  EXPECT_EQ(*response.attributes, (ddb::Item{{"id", S("k")}, {"a", N(7)}}));
  EXPECT_EQ(DescribeTable("items").item_count, 1);
}

TEST_F(UpdateTest, EveryReturnValues) {
  const ddb::Item old{{"id", S("k")}, {"a", N(1)}, {"b", N(2)}, {"c", N(3)}};
  const auto run = [&](ReturnValue mode) {
    Put("items", old);
    auto r = Update("SET a = :n REMOVE b", {{":n", N(10)}});
    r.return_values = mode;
    return MustUpdate(r).attributes;
  };
  EXPECT_FALSE(run(ReturnValue::NONE).has_value());
  EXPECT_EQ(run(ReturnValue::ALL_OLD), old);
  EXPECT_EQ(run(ReturnValue::UPDATED_OLD), (ddb::Item{{"a", N(1)}, {"b", N(2)}}));
  EXPECT_EQ(run(ReturnValue::ALL_NEW), (ddb::Item{{"id", S("k")}, {"a", N(10)}, {"c", N(3)}}));
  // A removed attribute is not part of the new item.
  EXPECT_EQ(run(ReturnValue::UPDATED_NEW), (ddb::Item{{"a", N(10)}}));
  // ALL_OLD / UPDATED_OLD of an item that did not exist: no Attributes.
  ddb::DeleteItemRequest del;
  del.table_name = "items";
  del.key = {{"id", S("k")}};
  ASSERT_TRUE(engine_->DeleteItem(del).ok());
  auto r = Update("SET a = :n", {{":n", N(10)}});
  r.return_values = ReturnValue::UPDATED_OLD;
  EXPECT_FALSE(MustUpdate(r).attributes.has_value());
  // UPDATED_NEW of a REMOVE only: nothing updated is left, no Attributes.
  r = Update("REMOVE a");
  r.return_values = ReturnValue::UPDATED_NEW;
  EXPECT_FALSE(MustUpdate(r).attributes.has_value());
}

TEST_F(UpdateTest, ArithmeticReadsTheOldItem) {
  Put("items", {{"id", S("k")}, {"n", N(5)}});
  auto r = Update("SET n = n + :one, m = n", {{":one", N(1)}});
  r.return_values = ReturnValue::UPDATED_NEW;
  EXPECT_EQ(MustUpdate(r).attributes, (ddb::Item{{"n", N(6)}, {"m", N(5)}}));
}

TEST_F(UpdateTest, KeyAttributesCannotBeUpdated) {
  ExpectError(engine_->UpdateItem(Update("SET id = :v", {{":v", S("x")}})), ErrorCode::kValidation,
              "One or more parameter values were invalid: Cannot update attribute id. This "
              "attribute is part of the key");
  ddb::UpdateItemRequest r;
  r.table_name = "ranged";
  r.key = {{"pk", S("p")}, {"sk", N(1)}};
  r.update_expression = "SET a = :v REMOVE sk";
  r.expression_attribute_values = {{":v", S("x")}};
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "One or more parameter values were invalid: Cannot update attribute sk. This "
              "attribute is part of the key");
  // The legacy form is refused the same way.
  r.update_expression.reset();
  r.expression_attribute_values.clear();
  r.attribute_updates = ddb::AttributeUpdates{{"pk", {S("q"), ddb::AttributeAction::PUT}}};
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "Cannot update attribute pk. This attribute is part of the key");
  // The key is checked against the schema first.
  r.key = {{"pk", S("p")}};
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "The provided key element does not match the schema");
  EXPECT_EQ(DescribeTable("ranged").item_count, 0);
}

TEST_F(UpdateTest, ConditionFailureReturnsTheOldItemWhenAsked) {
  const ddb::Item old{{"id", S("k")}, {"a", N(1)}};
  Put("items", old);
  auto r = Update("SET a = :n", {{":n", N(2)}, {":x", N(9)}});
  r.condition_expression = "a = :x";
  auto result = engine_->UpdateItem(r);
  ExpectError(result, ErrorCode::kConditionalCheckFailed, "The conditional request failed");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().item, nullptr);
  r.return_values_on_condition_check_failure = ddb::ReturnValuesOnConditionCheckFailure::ALL_OLD;
  result = engine_->UpdateItem(r);
  ExpectError(result, ErrorCode::kConditionalCheckFailed, "The conditional request failed");
  ASSERT_FALSE(result.ok());
  ASSERT_NE(result.error().item, nullptr);
  EXPECT_EQ(*result.error().item, old);
  EXPECT_EQ(Get("items", {{"id", S("k")}}), old);
  // No item: the condition sees an empty item, and there is nothing to return.
  r.key = {{"id", S("missing")}};
  result = engine_->UpdateItem(r);
  ExpectError(result, ErrorCode::kConditionalCheckFailed, "The conditional request failed");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().item, nullptr);
  EXPECT_FALSE(Get("items", {{"id", S("missing")}}).has_value());
  // A passing condition applies the update.
  r.key = {{"id", S("k")}};
  r.expression_attribute_values[":x"] = N(1);
  MustUpdate(r);
  EXPECT_EQ(Get("items", {{"id", S("k")}})->at("a"), N(2));
}

TEST_F(UpdateTest, ItemSizeIsCheckedAfterTheUpdate) {
  Put("items", {{"id", S("k")}, {"big", S(std::string(300 * 1024, 'x'))}});
  auto r = Update("SET more = :m", {{":m", S(std::string(200 * 1024, 'y'))}});
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "Item size to update has exceeded the maximum allowed size");
  EXPECT_EQ(Get("items", {{"id", S("k")}})->count("more"), 0u);
}

TEST_F(UpdateTest, IndexEntriesFollowTheUpdate) {
  Put("items", {{"id", S("k")}, {"a", N(1)}});
  EXPECT_TRUE(IdsWithG("x").empty());
  MustUpdate(Update("SET g = :g", {{":g", S("x")}}));
  EXPECT_EQ(IdsWithG("x"), std::vector<std::string>{"k"});
  MustUpdate(Update("SET g = :g, a = :a", {{":g", S("y")}, {":a", N(2)}}));
  EXPECT_TRUE(IdsWithG("x").empty());
  EXPECT_EQ(IdsWithG("y"), std::vector<std::string>{"k"});
  ddb::QueryRequest q;
  q.table_name = "items";
  q.index_name = "byG";
  q.key_condition_expression = "g = :g";
  q.expression_attribute_values = {{":g", S("y")}};
  auto page = engine_->Query(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].at("a"), N(2));  // an ALL projection carries the new values
  EXPECT_EQ(DescribeTable("items").global_secondary_indexes[0].item_count, 1);
  MustUpdate(Update("REMOVE g"));
  EXPECT_TRUE(IdsWithG("y").empty());
  EXPECT_EQ(DescribeTable("items").global_secondary_indexes[0].item_count, 0);
  EXPECT_EQ(DescribeTable("items").item_count, 1);
}

TEST_F(UpdateTest, IndexKeyTypesAreChecked) {
  ExpectError(engine_->UpdateItem(Update("SET g = :g", {{":g", N(1)}})), ErrorCode::kValidation,
              "The update expression attempted to update the secondary index key to unsupported "
              "type");
  ddb::UpdateItemRequest r;
  r.table_name = "items";
  r.key = {{"id", S("k")}};
  r.attribute_updates = ddb::AttributeUpdates{{"g", {N(1), ddb::AttributeAction::PUT}}};
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "One or more parameter values were invalid: Type mismatch for Index Key g "
              "Expected: S Actual: N IndexName: byG");
  EXPECT_FALSE(Get("items", {{"id", S("k")}}).has_value());
}

TEST_F(UpdateTest, LegacyAttributeUpdatesAndExpected) {
  Put("items", {{"id", S("k")}, {"n", N(1)}, {"gone", S("x")}});
  ddb::UpdateItemRequest r;
  r.table_name = "items";
  r.key = {{"id", S("k")}};
  r.attribute_updates = ddb::AttributeUpdates{
      {"n", {N(4), ddb::AttributeAction::ADD}},
      {"s", {S("v"), std::nullopt}},  // no Action means PUT
      {"gone", {std::nullopt, ddb::AttributeAction::DELETE}},
  };
  r.expected = ddb::ExpectedMap{{"n", {N(1), std::nullopt, std::nullopt, std::nullopt}}};
  r.return_values = ReturnValue::UPDATED_NEW;
  auto response = MustUpdate(r);
  EXPECT_EQ(response.attributes, (ddb::Item{{"n", N(5)}, {"s", S("v")}}));
  EXPECT_EQ(Get("items", {{"id", S("k")}}),
            (ddb::Item{{"id", S("k")}, {"n", N(5)}, {"s", S("v")}}));
  // Expected no longer holds (n is 5 now).
  ExpectError(engine_->UpdateItem(r), ErrorCode::kConditionalCheckFailed,
              "The conditional request failed");
}

TEST_F(UpdateTest, ExpressionParameterRules) {
  auto r = Update("SET a = :a", {{":a", N(1)}});
  r.attribute_updates = ddb::AttributeUpdates{{"b", {N(1), ddb::AttributeAction::PUT}}};
  r.expected = ddb::ExpectedMap{{"b", {std::nullopt, false, std::nullopt, std::nullopt}}};
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: "
              "{UpdateExpression}");
  ddb::UpdateItemRequest legacy;
  legacy.table_name = "items";
  legacy.key = {{"id", S("k")}};
  legacy.expression_attribute_values = {{":a", N(1)}};
  ExpectError(engine_->UpdateItem(legacy), ErrorCode::kValidation,
              "ExpressionAttributeValues can only be specified when using expressions: "
              "UpdateExpression and ConditionExpression are null");
  legacy.expression_attribute_values.clear();
  legacy.expression_attribute_names = {{"#a", "a"}};
  ExpectError(engine_->UpdateItem(legacy), ErrorCode::kValidation,
              "ExpressionAttributeNames can only be specified when using expressions");
  // Names and values count as used by any expression of the request.
  r = Update("SET #a = :a", {{":a", N(1)}, {":c", N(2)}});
  r.expression_attribute_names = {{"#a", "a"}};
  r.condition_expression = "attribute_not_exists(b) OR b = :c";
  MustUpdate(r);
  r.expression_attribute_values[":unused"] = N(3);
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "Value provided in ExpressionAttributeValues unused in expressions: keys: "
              "{:unused}");
}

TEST_F(UpdateTest, RequestChecksComeBeforeTheTableLookup) {
  auto r = Update("SET a = ", {});
  r.table_name = "missing";
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation, "Invalid UpdateExpression");
  r.update_expression = "SET a = :a";
  r.expression_attribute_values = {{":a", N(1)}, {":b", N(1)}};
  ExpectError(engine_->UpdateItem(r), ErrorCode::kValidation,
              "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}");
  r.expression_attribute_values.erase(":b");
  ExpectError(engine_->UpdateItem(r), ErrorCode::kResourceNotFound,
              "Requested resource not found");
  // The table comes before the key's schema.
  r.key = {{"nope", S("x")}};
  ExpectError(engine_->UpdateItem(r), ErrorCode::kResourceNotFound,
              "Requested resource not found");
}

}  // namespace
}  // namespace engine::testing
