// Expected (+ ConditionalOperator) and KeyConditions: DynamoDB's messages, in its order, and
// what the resulting conditions accept.
#include <gtest/gtest.h>

#include "engine/expr/expressions.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using ddb::AttributeValue;
using ddb::ConditionalOperator;
using ddb::ExpectedAttributeValue;
using testing::ErrorOf;
using testing::N;
using testing::S;
using Op = ddb::ComparisonOperator;

const std::string kInvalid = "One or more parameter values were invalid: ";

ExpectedAttributeValue ValueForm(std::optional<AttributeValue> value, std::optional<bool> exists) {
  ExpectedAttributeValue e;
  e.value = std::move(value);
  e.exists = exists;
  return e;
}

ExpectedAttributeValue OperatorForm(Op op, std::optional<ddb::AttributeList> list) {
  ExpectedAttributeValue e;
  e.comparison_operator = op;
  e.attribute_value_list = std::move(list);
  return e;
}

std::string ExpectedError(const ExpectedAttributeValue& e) {
  return ErrorOf(ConditionFromExpected({{"a", e}}, std::nullopt));
}

bool Holds(const ddb::ExpectedMap& expected, const ddb::Item& item,
           std::optional<ConditionalOperator> op = std::nullopt) {
  auto c = ConditionFromExpected(expected, op);
  EXPECT_TRUE(c.ok()) << ErrorOf(c);
  return c.ok() && c->Evaluate(item);
}

TEST(LegacyExpectedTest, ValueAndExistsForm) {
  const ddb::Item item = {{"a", S("x")}};
  EXPECT_TRUE(Holds({{"a", ValueForm(S("x"), std::nullopt)}}, item));
  EXPECT_FALSE(Holds({{"a", ValueForm(S("y"), std::nullopt)}}, item));
  // Exists true with a Value compares the value (API Reference), not only presence.
  EXPECT_TRUE(Holds({{"a", ValueForm(S("x"), true)}}, item));
  EXPECT_FALSE(Holds({{"a", ValueForm(S("y"), true)}}, item));
  EXPECT_FALSE(Holds({{"a", ValueForm(S("x"), std::nullopt)}}, {}));
  EXPECT_FALSE(Holds({{"a", ValueForm(std::nullopt, false)}}, item));
  EXPECT_TRUE(Holds({{"a", ValueForm(std::nullopt, false)}}, {}));
  EXPECT_TRUE(Holds({}, item));
}

TEST(LegacyExpectedTest, ValueAndExistsMessages) {
  EXPECT_EQ(ExpectedError(ValueForm(std::nullopt, std::nullopt)),
            kInvalid + "Value must be provided when Exists is null for Attribute: a");
  EXPECT_EQ(ExpectedError(ValueForm(std::nullopt, true)),
            kInvalid + "Value must be provided when Exists is true for Attribute: a");
  EXPECT_EQ(ExpectedError(ValueForm(S("x"), false)),
            kInvalid + "Value cannot be used when Exists is false for Attribute: a");
  ExpectedAttributeValue list_only;
  list_only.attribute_value_list = ddb::AttributeList{S("x")};
  EXPECT_EQ(ExpectedError(list_only),
            kInvalid + "AttributeValueList can only be used with a ComparisonOperator for "
                       "Attribute: a");
}

TEST(LegacyExpectedTest, OperatorFormMessagesInOrder) {
  // Value with AttributeValueList is reported first, even with other problems.
  auto both = OperatorForm(Op::BETWEEN, ddb::AttributeList{N(1)});
  both.value = N(1);
  both.exists = true;
  EXPECT_EQ(ExpectedError(both),
            kInvalid + "Value and AttributeValueList cannot be used together for Attribute: a");
  auto with_exists = OperatorForm(Op::EQ, std::nullopt);
  with_exists.exists = false;
  EXPECT_EQ(ExpectedError(with_exists),
            kInvalid + "Exists and ComparisonOperator cannot be used together for Attribute: a");
  EXPECT_EQ(ExpectedError(OperatorForm(Op::GT, std::nullopt)),
            kInvalid + "Value or AttributeValueList must be used with ComparisonOperator: GT for "
                       "Attribute: a");
  EXPECT_EQ(ExpectedError(OperatorForm(Op::EQ, ddb::AttributeList{})),
            kInvalid + "Invalid number of argument(s) for the EQ ComparisonOperator");
  EXPECT_EQ(ExpectedError(OperatorForm(Op::NULL_, ddb::AttributeList{S("x")})),
            kInvalid + "Invalid number of argument(s) for the NULL ComparisonOperator");
  auto between_value = OperatorForm(Op::BETWEEN, std::nullopt);
  between_value.value = N(1);
  EXPECT_EQ(ExpectedError(between_value),
            kInvalid + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
  EXPECT_EQ(ExpectedError(OperatorForm(Op::IN, ddb::AttributeList{S("x"), N(1)})),
            kInvalid + "AttributeValues inside AttributeValueList must be of same type");
  EXPECT_EQ(ExpectedError(OperatorForm(Op::LT, ddb::AttributeList{AttributeValue::SS({"x"})})),
            kInvalid + "ComparisonOperator LT is not valid for SS AttributeValue type");
  EXPECT_EQ(ExpectedError(OperatorForm(Op::BETWEEN, ddb::AttributeList{N(5), N(1)})),
            "The BETWEEN condition was provided a range where the lower bound is greater than "
            "the upper bound");
  EXPECT_EQ(ExpectedError(OperatorForm(Op::NOT_NULL, std::nullopt)), "");
}

TEST(LegacyExpectedTest, OperatorFormEvaluates) {
  const ddb::Item item = {{"n", N(5)}, {"s", S("abc")}};
  EXPECT_TRUE(Holds({{"n", OperatorForm(Op::GT, ddb::AttributeList{N(4)})}}, item));
  EXPECT_FALSE(Holds({{"n", OperatorForm(Op::GT, ddb::AttributeList{N(5)})}}, item));
  auto value_operand = OperatorForm(Op::BEGINS_WITH, std::nullopt);
  value_operand.value = S("ab");  // Value stands in for a one-element AttributeValueList
  EXPECT_TRUE(Holds({{"s", value_operand}}, item));
  EXPECT_TRUE(Holds({{"x", OperatorForm(Op::NULL_, std::nullopt)}}, item));
  EXPECT_TRUE(Holds({{"x", OperatorForm(Op::NE, ddb::AttributeList{N(1)})}}, item));
  EXPECT_TRUE(Holds({{"n", OperatorForm(Op::BETWEEN, ddb::AttributeList{N(1), N(5)})}}, item));
  EXPECT_TRUE(Holds({{"n", OperatorForm(Op::IN, ddb::AttributeList{N(1), N(5)})}}, item));
  EXPECT_FALSE(Holds({{"s", OperatorForm(Op::NOT_CONTAINS, ddb::AttributeList{S("b")})}}, item));
}

TEST(LegacyExpectedTest, ConditionalOperator) {
  const ddb::Item item = {{"a", N(1)}, {"b", N(2)}};
  const ddb::ExpectedMap one_wrong = {{"a", ValueForm(N(1), std::nullopt)},
                                      {"b", ValueForm(N(3), std::nullopt)}};
  EXPECT_FALSE(Holds(one_wrong, item));
  EXPECT_FALSE(Holds(one_wrong, item, ConditionalOperator::AND));
  EXPECT_TRUE(Holds(one_wrong, item, ConditionalOperator::OR));
  const ddb::ExpectedMap both_wrong = {{"a", ValueForm(N(0), std::nullopt)},
                                       {"b", ValueForm(std::nullopt, false)}};
  EXPECT_FALSE(Holds(both_wrong, item, ConditionalOperator::OR));
}

// --- KeyConditions ---

ddb::LegacyConditionMap Key(std::initializer_list<ddb::LegacyConditionMap::value_type> entries) {
  return ddb::LegacyConditionMap(entries);
}

TEST(LegacyKeyConditionTest, HashOnly) {
  auto key = KeyConditionFromLegacy(Key({{"id", {Op::EQ, {S("x")}}}}), "id", std::nullopt);
  ASSERT_TRUE(key.ok()) << ErrorOf(key);
  EXPECT_EQ(key->partition_attribute, "id");
  EXPECT_EQ(key->partition_value, S("x"));
  EXPECT_FALSE(key->sort.has_value());
}

TEST(LegacyKeyConditionTest, EveryRangeOperator) {
  const std::pair<Op, SortOp> ops[] = {{Op::EQ, SortOp::kEq}, {Op::LT, SortOp::kLt},
                                       {Op::LE, SortOp::kLe}, {Op::GT, SortOp::kGt},
                                       {Op::GE, SortOp::kGe}, {Op::BEGINS_WITH, SortOp::kBeginsWith}};
  for (auto [op, sort_op] : ops) {
    auto key = KeyConditionFromLegacy(Key({{"id", {Op::EQ, {N(1)}}}, {"r", {op, {S("v")}}}}), "id",
                                      "r");
    ASSERT_TRUE(key.ok()) << ErrorOf(key);
    ASSERT_TRUE(key->sort.has_value());
    EXPECT_EQ(key->sort->attribute, "r");
    EXPECT_EQ(key->sort->op, sort_op);
    EXPECT_EQ(key->sort->value, S("v"));
  }
  auto between = KeyConditionFromLegacy(
      Key({{"id", {Op::EQ, {N(1)}}}, {"r", {Op::BETWEEN, {N(1), N(9)}}}}), "id", "r");
  ASSERT_TRUE(between.ok()) << ErrorOf(between);
  EXPECT_EQ(between->sort->op, SortOp::kBetween);
  EXPECT_EQ(between->sort->value, N(1));
  EXPECT_EQ(between->sort->value2, N(9));
  // The range key condition is optional.
  auto hash_only = KeyConditionFromLegacy(Key({{"id", {Op::EQ, {N(1)}}}}), "id", "r");
  ASSERT_TRUE(hash_only.ok());
  EXPECT_FALSE(hash_only->sort.has_value());
}

std::string KeyError(ddb::LegacyConditionMap conditions,
                     std::optional<std::string_view> range = "r") {
  return ErrorOf(KeyConditionFromLegacy(conditions, "id", range));
}

TEST(LegacyKeyConditionTest, Messages) {
  EXPECT_EQ(KeyError({}), "Conditions can be of length 1 or 2 only");
  EXPECT_EQ(KeyError(Key({{"id", {Op::EQ, {N(1)}}}, {"r", {Op::EQ, {N(1)}}},
                          {"x", {Op::EQ, {N(1)}}}})),
            "Conditions can be of length 1 or 2 only");
  // Argument checks come before the count.
  EXPECT_EQ(KeyError(Key({{"id", {Op::EQ, {}}}, {"r", {Op::EQ, {N(1)}}}, {"x", {Op::EQ, {N(1)}}}})),
            kInvalid + "Invalid number of argument(s) for the EQ ComparisonOperator");
  EXPECT_EQ(KeyError(Key({{"r", {Op::EQ, {N(1)}}}})),
            "Query condition missed key schema element: id");
  EXPECT_EQ(KeyError(Key({{"x", {Op::EQ, {N(1)}}}}), std::nullopt),
            "Query condition missed key schema element: id");
  EXPECT_EQ(KeyError(Key({{"id", {Op::EQ, {N(1)}}}, {"x", {Op::EQ, {N(1)}}}})),
            "Query condition missed key schema element: r");
  EXPECT_EQ(KeyError(Key({{"id", {Op::EQ, {N(1)}}}, {"x", {Op::EQ, {N(1)}}}}), std::nullopt),
            "Query key condition not supported");
  EXPECT_EQ(KeyError(Key({{"id", {Op::GT, {N(1)}}}})), "Query key condition not supported");
  EXPECT_EQ(KeyError(Key({{"id", {Op::BEGINS_WITH, {S("a")}}}})),
            "Query key condition not supported");
  for (Op op : {Op::NE, Op::CONTAINS, Op::NOT_CONTAINS, Op::IN}) {
    EXPECT_EQ(KeyError(Key({{"id", {Op::EQ, {S("a")}}}, {"r", {op, {S("a")}}}})),
              "Attempted conditional constraint is not an indexable operation");
    EXPECT_EQ(KeyError(Key({{"id", {op, {S("a")}}}})),
              "Attempted conditional constraint is not an indexable operation");
  }
  EXPECT_EQ(KeyError(Key({{"id", {Op::NULL_, {}}}})),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(KeyError(Key({{"id", {Op::EQ, {S("a")}}}, {"r", {Op::NOT_NULL, {}}}})),
            "Attempted conditional constraint is not an indexable operation");
  // The hash key is checked before the range key.
  EXPECT_EQ(KeyError(Key({{"id", {Op::GT, {S("a")}}}, {"r", {Op::NE, {S("a")}}}})),
            "Query key condition not supported");
}

TEST(LegacyKeyConditionTest, ValidateKeyConditionsAlone) {
  EXPECT_TRUE(ValidateKeyConditions(Key({{"x", {Op::NE, {S("a")}}}})).ok());
  auto status = ValidateKeyConditions(Key({{"x", {Op::BETWEEN, {N(3), N(2)}}}}));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message,
            "The BETWEEN condition was provided a range where the lower bound is greater than "
            "the upper bound");
}

}  // namespace
}  // namespace engine::expr
