// DynamoDB JSON codec of the transactions: request/response round trips, the wire
// constraints, and CancellationReasons in error bodies.
#include <gtest/gtest.h>

#include "ddb/json.h"

namespace ddb::json {
namespace {

Key K(std::string id) { return {{"id", AttributeValue::S(std::move(id))}}; }

template <class T>
T RoundTrip(const T& value) {
  const std::string text = Encode(value);
  auto decoded = Decode<T>(text);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().ToString()) << "\n" << text;
  if (!decoded.ok()) return T{};
  EXPECT_EQ(Encode(*decoded), text);
  return std::move(decoded).value();
}

TEST(JsonTransactTest, TransactWriteItemsRoundTrip) {
  TransactWriteItemsRequest r;
  auto& check = r.transact_items.emplace_back().condition_check.emplace();
  check.table_name = "tbl";
  check.key = K("a");
  check.condition_expression = "attribute_exists(#n)";
  check.expression_attribute_names = {{"#n", "n"}};
  check.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::ALL_OLD;
  auto& put = r.transact_items.emplace_back().put.emplace();
  put.table_name = "tbl";
  put.item = {{"id", AttributeValue::S("b")}, {"v", AttributeValue::N(3)}};
  auto& del = r.transact_items.emplace_back().delete_.emplace();
  del.table_name = "tbl";
  del.key = K("c");
  auto& upd = r.transact_items.emplace_back().update.emplace();
  upd.table_name = "tbl";
  upd.key = K("d");
  upd.update_expression = "ADD v :one";
  upd.condition_expression = "v < :ten";
  upd.expression_attribute_values = {{":one", AttributeValue::N(1)}, {":ten", AttributeValue::N(10)}};
  r.client_request_token = "token-1";
  r.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  r.return_item_collection_metrics = ReturnItemCollectionMetrics::SIZE;
  auto back = RoundTrip(r);
  ASSERT_EQ(back.transact_items.size(), 4u);
  EXPECT_TRUE(back.transact_items[0].condition_check.has_value());
  EXPECT_TRUE(back.transact_items[3].update.has_value());
  EXPECT_EQ(back.transact_items[3].update->update_expression, "ADD v :one");

  TransactWriteItemsResponse resp;
  resp.consumed_capacity.push_back({.table_name = "tbl", .capacity_units = 8});
  EXPECT_EQ(RoundTrip(resp).consumed_capacity.size(), 1u);
}

TEST(JsonTransactTest, TransactGetItemsRoundTrip) {
  TransactGetItemsRequest r;
  auto& g = r.transact_items.emplace_back().get.emplace();
  g.table_name = "tbl";
  g.key = K("a");
  g.projection_expression = "#v";
  g.expression_attribute_names = {{"#v", "v"}};
  r.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  EXPECT_EQ(RoundTrip(r).transact_items.size(), 1u);

  TransactGetItemsResponse resp;
  resp.responses.push_back({K("a")});
  resp.responses.push_back({std::nullopt});
  EXPECT_EQ(Encode(resp), R"({"Responses":[{"Item":{"id":{"S":"a"}}},{}]})");
  auto back = RoundTrip(resp);
  ASSERT_EQ(back.responses.size(), 2u);
  EXPECT_FALSE(back.responses[1].item.has_value());
}

TEST(JsonTransactTest, WireConstraints) {
  auto none = Decode<TransactWriteItemsRequest>(R"({"TransactItems":[]})");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kValidation);
  EXPECT_NE(none.error().message.find("transactItems"), std::string::npos)
      << none.error().message;
  std::string many = R"({"TransactItems":[)";
  for (int i = 0; i < 101; ++i) {
    if (i > 0) many += ",";
    many += R"({"Get":{"TableName":"tbl","Key":{"id":{"S":"x"}}}})";
  }
  many += "]}";
  auto too_many = Decode<TransactGetItemsRequest>(many);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().message.find("less than or equal to 100"), std::string::npos)
      << too_many.error().message;
  auto wrong_type = Decode<TransactWriteItemsRequest>(R"({"TransactItems":"x"})");
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().code, ErrorCode::kSerialization);
}

TEST(JsonTransactTest, CancellationReasonsInTheErrorBody) {
  Error e(ErrorCode::kTransactionCanceled,
          "Transaction cancelled, please refer cancellation reasons for specific reasons [None, "
          "ConditionalCheckFailed]");
  e.cancellation_reasons.push_back({"None", "", nullptr});
  e.cancellation_reasons.push_back(
      {"ConditionalCheckFailed", "The conditional request failed", std::make_shared<Item>(K("a"))});
  const std::string body = EncodeError(e);
  EXPECT_NE(body.find(R"("__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException")"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find(R"("CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed",)"
                      R"("Message":"The conditional request failed","Item":{"id":{"S":"a"}}}])"),
            std::string::npos)
      << body;
  const Error back = DecodeError(400, body);
  EXPECT_EQ(back.code, ErrorCode::kTransactionCanceled);
  EXPECT_EQ(back.message, e.message);
  ASSERT_EQ(back.cancellation_reasons.size(), 2u);
  EXPECT_EQ(back.cancellation_reasons[0].code, "None");
  ASSERT_NE(back.cancellation_reasons[1].item, nullptr);
  EXPECT_EQ(*back.cancellation_reasons[1].item, K("a"));
  EXPECT_EQ(DecodeError(400, EncodeError(Error(ErrorCode::kIdempotentParameterMismatch, "x"))).code,
            ErrorCode::kIdempotentParameterMismatch);
}

}  // namespace
}  // namespace ddb::json
