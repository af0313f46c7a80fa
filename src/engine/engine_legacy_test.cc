// Scan and Query with the legacy parameters (ScanFilter, QueryFilter, KeyConditions,
// AttributesToGet, ConditionalOperator), the Select rules, Count/ScannedCount, and the
// request-level checks that come before the table lookup.
#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::AttributeValue;
using ddb::ComparisonOperator;
using ddb::ErrorCode;

ddb::LegacyCondition Cond(ComparisonOperator op, ddb::AttributeList values = {}) {
  return {op, std::move(values)};
}

class LegacyReadTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto req = TableRequest("events", "pk", ddb::ScalarAttributeType::S, "sk",
                            ddb::ScalarAttributeType::N);
    req.attribute_definitions.push_back({"g", ddb::ScalarAttributeType::S});
    req.global_secondary_indexes.push_back(
        Gsi("keysOnly", "g", std::nullopt, ddb::ProjectionType::KEYS_ONLY));
    Create(req);
    for (int i = 1; i <= 6; ++i) {
      Put("events", {{"pk", S("p")}, {"sk", N(i)}, {"v", N(i * 10)}, {"g", S("x")}});
    }
    Put("events", {{"pk", S("q")}, {"sk", N(1)}, {"v", N(5)}});
  }
  ddb::QueryRequest LegacyQuery() {
    ddb::QueryRequest q;
    q.table_name = "events";
    q.key_conditions = ddb::LegacyConditionMap{{"pk", Cond(ComparisonOperator::EQ, {S("p")})}};
    return q;
  }
  ddb::ScanRequest ScanOf(std::string table) {
    ddb::ScanRequest s;
    s.table_name = std::move(table);
    return s;
  }
};

TEST_F(LegacyReadTest, QueryWithKeyConditionsFilterAndAttributesToGet) {
  auto q = LegacyQuery();
  q.key_conditions->emplace("sk", Cond(ComparisonOperator::BETWEEN, {N(2), N(5)}));
  q.query_filter = ddb::LegacyConditionMap{{"v", Cond(ComparisonOperator::GE, {N(30)})}};
  q.attributes_to_get = std::vector<std::string>{"sk"};
  auto r = engine_->Query(q);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->scanned_count, 4);
  EXPECT_EQ(r->count, 3);
  ASSERT_EQ(r->items.size(), 3u);
  EXPECT_EQ(r->items[0], (ddb::Item{{"sk", N(3)}}));
  // ConditionalOperator OR over two filter entries.
  q.query_filter = ddb::LegacyConditionMap{{"v", Cond(ComparisonOperator::GE, {N(50)})},
                                           {"g", Cond(ComparisonOperator::NULL_)}};
  q.conditional_operator = ddb::ConditionalOperator::OR;
  r = engine_->Query(q);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->count, 1);  // only v=50 (every item has g)
}

TEST_F(LegacyReadTest, QueryRules) {
  ddb::QueryRequest q;
  q.table_name = "missing";
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
              "the request.");
  q = LegacyQuery();
  q.key_condition_expression = "pk = :p";
  q.expression_attribute_values = {{":p", S("p")}};
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {KeyConditions} Expression parameters: "
              "{KeyConditionExpression}");
  // KeyConditions next to a FilterExpression is accepted.
  q = LegacyQuery();
  q.filter_expression = "v > :v";
  q.expression_attribute_values = {{":v", N(40)}};
  auto r = engine_->Query(q);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->count, 2);
  q.filter_expression.reset();
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "ExpressionAttributeValues can only be specified when using expressions: "
              "FilterExpression and KeyConditionExpression are null");
  q = LegacyQuery();
  q.query_filter = ddb::LegacyConditionMap{{"sk", Cond(ComparisonOperator::GT, {N(1)})}};
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "QueryFilter can only contain non-primary key attributes: Primary key attribute: "
              "sk");
  q = LegacyQuery();
  q.key_conditions->emplace("v", Cond(ComparisonOperator::EQ, {N(1)}));
  q.key_conditions->emplace("w", Cond(ComparisonOperator::EQ, {N(1)}));
  q.table_name = "missing";
  ExpectError(engine_->Query(q), ErrorCode::kValidation, "Conditions can be of length 1 or 2 only");
}

// A key value of the wrong type is refused before the operator is judged, for each key
// attribute in turn (hash, then range), in KeyConditions and KeyConditionExpression alike.
TEST_F(LegacyReadTest, KeyValueTypeIsCheckedBeforeTheOperator) {
  constexpr std::string_view kMismatch =
      "One or more parameter values were invalid: Condition parameter type does not match "
      "schema type";
  auto q = LegacyQuery();
  (*q.key_conditions)["pk"] = Cond(ComparisonOperator::GT, {N(1)});
  ExpectError(engine_->Query(q), ErrorCode::kValidation, kMismatch);
  (*q.key_conditions)["pk"] = Cond(ComparisonOperator::GT, {S("p")});
  ExpectError(engine_->Query(q), ErrorCode::kValidation, "Query key condition not supported");
  q = LegacyQuery();
  q.key_conditions->emplace("sk", Cond(ComparisonOperator::BETWEEN, {S("a"), S("x")}));
  ExpectError(engine_->Query(q), ErrorCode::kValidation, kMismatch);
  // An indexable operator is checked first.
  q = LegacyQuery();
  (*q.key_conditions)["pk"] = Cond(ComparisonOperator::NE, {N(1)});
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Attempted conditional constraint is not an indexable operation");

  ddb::QueryRequest e;
  e.table_name = "events";
  e.key_condition_expression = "pk > :v";
  e.expression_attribute_values = {{":v", N(1)}};
  ExpectError(engine_->Query(e), ErrorCode::kValidation, kMismatch);
  e.key_condition_expression = "begins_with(pk, :v)";
  e.expression_attribute_values = {{":v", B("a")}};
  ExpectError(engine_->Query(e), ErrorCode::kValidation, kMismatch);
  e.expression_attribute_values = {{":v", S("p")}};
  ExpectError(engine_->Query(e), ErrorCode::kValidation, "Query key condition not supported");
  e.key_condition_expression = "pk = :v AND sk BETWEEN :lo AND :hi";
  e.expression_attribute_values = {{":v", S("p")}, {":lo", S("a")}, {":hi", S("x")}};
  ExpectError(engine_->Query(e), ErrorCode::kValidation, kMismatch);
}

TEST_F(LegacyReadTest, ScanFilterAndMixing) {
  auto s = ScanOf("events");
  s.scan_filter = ddb::LegacyConditionMap{{"v", Cond(ComparisonOperator::LT, {N(25)})}};
  auto r = engine_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->scanned_count, 7);
  EXPECT_EQ(r->count, 3);  // 10, 20 and q's 5
  s.filter_expression = "v < :v";
  s.expression_attribute_values = {{":v", N(25)}};
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}");
  s = ScanOf("events");
  s.projection_expression = "v";
  s.conditional_operator = ddb::ConditionalOperator::AND;
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Non-expression parameters: {ConditionalOperator} Expression parameters: "
              "{ProjectionExpression}");
  s = ScanOf("events");
  s.expression_attribute_values = {{":v", N(1)}};
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "ExpressionAttributeValues can only be specified when using expressions: "
              "FilterExpression is null");
}

TEST_F(LegacyReadTest, CountAndScannedCountWithLimitAndFilter) {
  auto s = ScanOf("events");
  s.limit = 4;
  s.filter_expression = "v >= :v";
  s.expression_attribute_values = {{":v", N(1000)}};
  auto r = engine_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->scanned_count, 4);
  EXPECT_EQ(r->count, 0);
  EXPECT_TRUE(r->items.empty());
  EXPECT_TRUE(r->last_evaluated_key.has_value());
  auto q = LegacyQuery();
  q.select = ddb::Select::COUNT;
  q.limit = 5;
  auto page = engine_->Query(q);
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_EQ(page->count, 5);
  EXPECT_EQ(page->scanned_count, 5);
  EXPECT_TRUE(page->items.empty());
}

TEST_F(LegacyReadTest, SelectRules) {
  auto s = ScanOf("missing");  // every rule but the index one comes before the table lookup
  s.select = ddb::Select::COUNT;
  s.attributes_to_get = std::vector<std::string>{"v"};
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Cannot specify the AttributesToGet when choosing to get only the Count");
  s.attributes_to_get.reset();
  s.projection_expression = "v";
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Cannot specify the ProjectionExpression when choosing to get only the Count");
  s.select = ddb::Select::ALL_ATTRIBUTES;
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
  s.projection_expression.reset();
  s.select = ddb::Select::SPECIFIC_ATTRIBUTES;
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Select type SPECIFIC_ATTRIBUTES requires a ProjectionExpression");
  s.select = ddb::Select::ALL_PROJECTED_ATTRIBUTES;
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Select type ALL_PROJECTED_ATTRIBUTES is not supported for a table");
  s.select = ddb::Select::COUNT;
  ExpectError(engine_->Scan(s), ErrorCode::kResourceNotFound, "Requested resource not found");

  s = ScanOf("events");
  s.index_name = "keysOnly";
  s.select = ddb::Select::ALL_ATTRIBUTES;
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
              "supported for global secondary index keysOnly because its projection type is not "
              "ALL");
  s.select = ddb::Select::ALL_PROJECTED_ATTRIBUTES;
  auto r = engine_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->items.size(), 6u);
  EXPECT_EQ(r->items[0].count("v"), 0u);  // KEYS_ONLY
  s.select = ddb::Select::SPECIFIC_ATTRIBUTES;
  s.attributes_to_get = std::vector<std::string>{"sk"};
  r = engine_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->items[0].size(), 1u);
  s.consistent_read = true;
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Consistent reads are not supported on global secondary indexes");
  auto q = LegacyQuery();
  q.index_name = "keysOnly";
  q.key_conditions = ddb::LegacyConditionMap{{"g", Cond(ComparisonOperator::EQ, {S("x")})}};
  q.consistent_read = true;
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Consistent reads are not supported on global secondary indexes");
  q.consistent_read = false;
  auto page = engine_->Query(q);
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_EQ(page->count, 6);
}

TEST_F(LegacyReadTest, ScanRequestChecksComeBeforeTheTable) {
  auto s = ScanOf("missing");
  s.segment = 1;
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "The TotalSegments parameter is required but was not present in the request when "
              "Segment parameter is present");
  s = ScanOf("missing");
  s.filter_expression = "v = :v";
  ExpectError(engine_->Scan(s), ErrorCode::kValidation, "Invalid FilterExpression");
  s = ScanOf("missing");
  s.attributes_to_get = std::vector<std::string>{"a", "a"};
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "One or more parameter values were invalid: Duplicate value in attribute name: a");
  s = ScanOf("missing");
  s.scan_filter = ddb::LegacyConditionMap{{"v", Cond(ComparisonOperator::BETWEEN, {N(1)})}};
  ExpectError(engine_->Scan(s), ErrorCode::kValidation,
              "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
}

}  // namespace
}  // namespace engine::testing
