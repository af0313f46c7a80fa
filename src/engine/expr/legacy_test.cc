// The legacy conditions (Expected, QueryFilter/ScanFilter, KeyConditions, AttributesToGet):
// DynamoDB's validation messages in its order, and every ComparisonOperator on every type
// it accepts.
#include <gtest/gtest.h>

#include "engine/expr/expressions.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using ddb::AttributeValue;
using ddb::ComparisonOperator;
using ddb::ConditionalOperator;
using testing::B;
using testing::ErrorOf;
using testing::N;
using testing::S;
using Op = ComparisonOperator;

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

ddb::LegacyConditionMap Filter(const std::string& name, Op op, ddb::AttributeList values) {
  return {{name, ddb::LegacyCondition{op, std::move(values)}}};
}

class LegacyFilterTest : public ::testing::Test {
 protected:
  LegacyFilterTest() {
    item_ = {
        {"s", S("hello")},
        {"n", N(10)},
        {"b", B(std::string("\x01\x80\xff", 3))},
        {"t", AttributeValue::Bool(true)},
        {"ss", AttributeValue::SS({"x", "y"})},
        {"ns", AttributeValue::NS({ddb::Number::FromInt(1), ddb::Number::FromInt(2)})},
        {"bs", AttributeValue::BS({"a", "b"})},
        {"l", AttributeValue::L({S("x"), N(2), B("q")})},
        {"m", AttributeValue::M({{"k", S("v")}})},
        {"a.b", S("dotted")},
    };
  }

  // Evaluates one filter condition against item_.
  bool Eval(const std::string& name, Op op, ddb::AttributeList values) {
    auto c = ConditionFromFilter(Filter(name, op, std::move(values)), std::nullopt);
    EXPECT_TRUE(c.ok()) << ErrorOf(c);
    return c.ok() && c->Evaluate(item_);
  }
  std::string FilterError(Op op, ddb::AttributeList values) {
    return ErrorOf(ConditionFromFilter(Filter("a", op, std::move(values)), std::nullopt));
  }

  ddb::Item item_;
};

TEST_F(LegacyFilterTest, EqAndNeOnScalarsAndSets) {
  EXPECT_TRUE(Eval("s", Op::EQ, {S("hello")}));
  EXPECT_FALSE(Eval("s", Op::EQ, {S("hell")}));
  EXPECT_TRUE(Eval("n", Op::EQ, {testing::Num("10.0")}));
  EXPECT_FALSE(Eval("n", Op::EQ, {S("10")}));  // another type never matches
  EXPECT_TRUE(Eval("b", Op::EQ, {B(std::string("\x01\x80\xff", 3))}));
  EXPECT_TRUE(Eval("ss", Op::EQ, {AttributeValue::SS({"y", "x"})}));  // sets, not lists
  EXPECT_FALSE(Eval("ss", Op::EQ, {AttributeValue::SS({"x"})}));
  EXPECT_TRUE(Eval("ns", Op::EQ,
                   {AttributeValue::NS({ddb::Number::FromInt(2), ddb::Number::FromInt(1)})}));
  EXPECT_TRUE(Eval("bs", Op::EQ, {AttributeValue::BS({"b", "a"})}));
  EXPECT_FALSE(Eval("missing", Op::EQ, {S("x")}));

  EXPECT_FALSE(Eval("s", Op::NE, {S("hello")}));
  EXPECT_TRUE(Eval("s", Op::NE, {S("other")}));
  EXPECT_TRUE(Eval("n", Op::NE, {S("10")}));
  EXPECT_FALSE(Eval("ss", Op::NE, {AttributeValue::SS({"y", "x"})}));
  EXPECT_TRUE(Eval("missing", Op::NE, {S("x")}));  // NE holds for a missing attribute
}

TEST_F(LegacyFilterTest, OrderingOnEachScalarType) {
  EXPECT_TRUE(Eval("n", Op::LT, {N(11)}));
  EXPECT_FALSE(Eval("n", Op::LT, {N(10)}));
  EXPECT_TRUE(Eval("n", Op::LE, {N(10)}));
  EXPECT_FALSE(Eval("n", Op::LE, {N(9)}));
  EXPECT_TRUE(Eval("n", Op::GT, {N(9)}));
  EXPECT_FALSE(Eval("n", Op::GT, {N(10)}));
  EXPECT_TRUE(Eval("n", Op::GE, {N(10)}));
  EXPECT_FALSE(Eval("n", Op::GE, {N(11)}));
  EXPECT_TRUE(Eval("s", Op::GT, {S("hell")}));
  EXPECT_TRUE(Eval("s", Op::LT, {S("z")}));
  EXPECT_TRUE(Eval("b", Op::GT, {B("\x01\x7f")}));  // unsigned bytes: 0x80 > 0x7f
  EXPECT_FALSE(Eval("s", Op::LT, {N(99)}));         // mixed types compare false
  EXPECT_FALSE(Eval("missing", Op::LT, {N(99)}));
  EXPECT_FALSE(Eval("missing", Op::GE, {N(0)}));
}

TEST_F(LegacyFilterTest, NullAndNotNull) {
  EXPECT_TRUE(Eval("t", Op::NOT_NULL, {}));
  EXPECT_TRUE(Eval("m", Op::NOT_NULL, {}));
  EXPECT_FALSE(Eval("missing", Op::NOT_NULL, {}));
  EXPECT_TRUE(Eval("missing", Op::NULL_, {}));
  EXPECT_FALSE(Eval("l", Op::NULL_, {}));
}

TEST_F(LegacyFilterTest, ContainsAndNotContains) {
  EXPECT_TRUE(Eval("s", Op::CONTAINS, {S("ell")}));
  EXPECT_FALSE(Eval("s", Op::CONTAINS, {S("xyz")}));
  EXPECT_TRUE(Eval("ss", Op::CONTAINS, {S("y")}));
  EXPECT_FALSE(Eval("ss", Op::CONTAINS, {S("z")}));
  EXPECT_TRUE(Eval("ns", Op::CONTAINS, {N(2)}));
  EXPECT_FALSE(Eval("ns", Op::CONTAINS, {N(3)}));
  EXPECT_TRUE(Eval("bs", Op::CONTAINS, {B("a")}));
  EXPECT_TRUE(Eval("b", Op::CONTAINS, {B("\x80\xff")}));  // byte subsequence of a B
  EXPECT_FALSE(Eval("b", Op::CONTAINS, {B("\xff\x80")}));
  EXPECT_TRUE(Eval("l", Op::CONTAINS, {S("x")}));
  EXPECT_TRUE(Eval("l", Op::CONTAINS, {N(2)}));
  EXPECT_TRUE(Eval("l", Op::CONTAINS, {B("q")}));
  EXPECT_FALSE(Eval("l", Op::CONTAINS, {S("2")}));
  EXPECT_FALSE(Eval("n", Op::CONTAINS, {N(1)}));  // a number is not a sequence
  EXPECT_FALSE(Eval("missing", Op::CONTAINS, {S("x")}));

  EXPECT_FALSE(Eval("s", Op::NOT_CONTAINS, {S("ell")}));
  EXPECT_TRUE(Eval("s", Op::NOT_CONTAINS, {S("xyz")}));
  EXPECT_FALSE(Eval("ss", Op::NOT_CONTAINS, {S("x")}));
  EXPECT_TRUE(Eval("ns", Op::NOT_CONTAINS, {N(7)}));
  EXPECT_FALSE(Eval("b", Op::NOT_CONTAINS, {B("\x01")}));
  EXPECT_TRUE(Eval("missing", Op::NOT_CONTAINS, {S("x")}));
}

TEST_F(LegacyFilterTest, BeginsWithInBetween) {
  EXPECT_TRUE(Eval("s", Op::BEGINS_WITH, {S("he")}));
  EXPECT_FALSE(Eval("s", Op::BEGINS_WITH, {S("lo")}));
  EXPECT_TRUE(Eval("b", Op::BEGINS_WITH, {B("\x01\x80")}));
  EXPECT_FALSE(Eval("b", Op::BEGINS_WITH, {S("\x01")}));
  EXPECT_FALSE(Eval("missing", Op::BEGINS_WITH, {S("h")}));

  EXPECT_TRUE(Eval("s", Op::IN, {S("a"), S("hello")}));
  EXPECT_FALSE(Eval("s", Op::IN, {S("a"), S("b")}));
  EXPECT_TRUE(Eval("n", Op::IN, {N(10)}));
  EXPECT_TRUE(Eval("b", Op::IN, {B(std::string("\x01\x80\xff", 3))}));
  EXPECT_FALSE(Eval("missing", Op::IN, {S("a")}));

  EXPECT_TRUE(Eval("n", Op::BETWEEN, {N(10), N(10)}));
  EXPECT_TRUE(Eval("n", Op::BETWEEN, {N(1), N(20)}));
  EXPECT_FALSE(Eval("n", Op::BETWEEN, {N(11), N(20)}));
  EXPECT_TRUE(Eval("s", Op::BETWEEN, {S("a"), S("z")}));
  EXPECT_TRUE(Eval("b", Op::BETWEEN, {B("\x01"), B("\x02")}));
  EXPECT_FALSE(Eval("s", Op::BETWEEN, {N(1), N(2)}));
  EXPECT_FALSE(Eval("missing", Op::BETWEEN, {N(1), N(2)}));
}

TEST_F(LegacyFilterTest, DottedNameIsOneAttribute) {
  EXPECT_TRUE(Eval("a.b", Op::EQ, {S("dotted")}));
  EXPECT_FALSE(Eval("m.k", Op::EQ, {S("v")}));
}

TEST_F(LegacyFilterTest, AndIsTheDefaultOrIsAny) {
  ddb::LegacyConditionMap filter = {{"s", {Op::EQ, {S("hello")}}}, {"n", {Op::EQ, {N(1)}}}};
  auto and_default = ConditionFromFilter(filter, std::nullopt);
  ASSERT_TRUE(and_default.ok());
  EXPECT_FALSE(and_default->Evaluate(item_));
  auto and_explicit = ConditionFromFilter(filter, ConditionalOperator::AND);
  ASSERT_TRUE(and_explicit.ok());
  EXPECT_FALSE(and_explicit->Evaluate(item_));
  auto any = ConditionFromFilter(filter, ConditionalOperator::OR);
  ASSERT_TRUE(any.ok());
  EXPECT_TRUE(any->Evaluate(item_));
  filter["n"].attribute_value_list = {N(10)};
  EXPECT_TRUE(ConditionFromFilter(filter, std::nullopt)->Evaluate(item_));

  auto empty = ConditionFromFilter({}, ConditionalOperator::OR);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_TRUE(empty->Evaluate(item_));
}

TEST_F(LegacyFilterTest, ArgumentCounts) {
  const std::string prefix = std::string(kInvalid) + "Invalid number of argument(s) for the ";
  EXPECT_EQ(FilterError(Op::EQ, {}), prefix + "EQ ComparisonOperator");
  EXPECT_EQ(FilterError(Op::NE, {S("a"), S("b")}), prefix + "NE ComparisonOperator");
  EXPECT_EQ(FilterError(Op::LT, {}), prefix + "LT ComparisonOperator");
  EXPECT_EQ(FilterError(Op::CONTAINS, {S("a"), S("b")}), prefix + "CONTAINS ComparisonOperator");
  EXPECT_EQ(FilterError(Op::BEGINS_WITH, {}), prefix + "BEGINS_WITH ComparisonOperator");
  EXPECT_EQ(FilterError(Op::NULL_, {S("a")}), prefix + "NULL ComparisonOperator");
  EXPECT_EQ(FilterError(Op::NOT_NULL, {S("a")}), prefix + "NOT_NULL ComparisonOperator");
  EXPECT_EQ(FilterError(Op::IN, {}), prefix + "IN ComparisonOperator");
  EXPECT_EQ(FilterError(Op::BETWEEN, {N(1)}), prefix + "BETWEEN ComparisonOperator");
  EXPECT_EQ(FilterError(Op::BETWEEN, {N(1), N(2), N(3)}), prefix + "BETWEEN ComparisonOperator");
  EXPECT_EQ(FilterError(Op::IN, {S("a"), S("b"), S("c"), S("d")}), "");
}

TEST_F(LegacyFilterTest, ValueTypes) {
  EXPECT_EQ(FilterError(Op::IN, {S("a"), N(1)}),
            std::string(kInvalid) + "AttributeValues inside AttributeValueList must be of same type");
  auto not_valid = [](std::string_view op, std::string_view type) {
    return std::string(kInvalid) + "ComparisonOperator " + std::string(op) + " is not valid for " +
           std::string(type) + " AttributeValue type";
  };
  EXPECT_EQ(FilterError(Op::EQ, {AttributeValue::Bool(true)}), not_valid("EQ", "BOOL"));
  EXPECT_EQ(FilterError(Op::NE, {AttributeValue::Nul()}), not_valid("NE", "NULL"));
  EXPECT_EQ(FilterError(Op::EQ, {AttributeValue::L({})}), not_valid("EQ", "L"));
  EXPECT_EQ(FilterError(Op::EQ, {AttributeValue::M({})}), not_valid("EQ", "M"));
  EXPECT_EQ(FilterError(Op::LT, {AttributeValue::SS({"a"})}), not_valid("LT", "SS"));
  EXPECT_EQ(FilterError(Op::GE, {AttributeValue::NS({ddb::Number::FromInt(1)})}),
            not_valid("GE", "NS"));
  EXPECT_EQ(FilterError(Op::CONTAINS, {AttributeValue::BS({"a"})}), not_valid("CONTAINS", "BS"));
  EXPECT_EQ(FilterError(Op::NOT_CONTAINS, {AttributeValue::Bool(false)}),
            not_valid("NOT_CONTAINS", "BOOL"));
  EXPECT_EQ(FilterError(Op::BEGINS_WITH, {N(1)}), not_valid("BEGINS_WITH", "N"));
  EXPECT_EQ(FilterError(Op::IN, {AttributeValue::SS({"a"})}), not_valid("IN", "SS"));
  EXPECT_EQ(FilterError(Op::BETWEEN, {AttributeValue::L({}), AttributeValue::L({})}),
            not_valid("BETWEEN", "L"));
  // Same type is checked before the operator's types.
  EXPECT_EQ(FilterError(Op::BETWEEN, {AttributeValue::SS({"a"}), N(1)}),
            std::string(kInvalid) + "AttributeValues inside AttributeValueList must be of same type");
  EXPECT_EQ(FilterError(Op::EQ, {AttributeValue::SS({"a"})}), "");
}

TEST_F(LegacyFilterTest, BetweenBoundsInOrder) {
  const std::string message =
      "The BETWEEN condition was provided a range where the lower bound is greater than the "
      "upper bound";
  EXPECT_EQ(FilterError(Op::BETWEEN, {N(2), N(1)}), message);
  EXPECT_EQ(FilterError(Op::BETWEEN, {S("b"), S("a")}), message);
  EXPECT_EQ(FilterError(Op::BETWEEN, {B("\x80"), B("\x7f")}), message);
  EXPECT_EQ(FilterError(Op::BETWEEN, {N(1), N(1)}), "");
}

TEST_F(LegacyFilterTest, FirstInvalidConditionWins) {
  ddb::LegacyConditionMap filter = {{"a", {Op::EQ, {}}}, {"b", {Op::BETWEEN, {N(1)}}}};
  EXPECT_EQ(ErrorOf(ConditionFromFilter(filter, std::nullopt)),
            std::string(kInvalid) + "Invalid number of argument(s) for the EQ ComparisonOperator");
}

TEST(LegacyProjectionTest, TopLevelAttributesOnly) {
  const ddb::Item item = {{"a", N(1)},
                          {"a.b", N(2)},
                          {"m", AttributeValue::M({{"b", N(3)}})},
                          {"other", N(4)}};
  const ProjectionList projection = ProjectionFromAttributes({"a.b", "m", "missing"});
  const ddb::Item expected = {{"a.b", N(2)}, {"m", AttributeValue::M({{"b", N(3)}})}};
  EXPECT_EQ(projection.Apply(item), expected);
  ASSERT_EQ(projection.paths().size(), 3u);
  EXPECT_EQ(projection.paths()[0].size(), 1u);
  EXPECT_EQ(projection.paths()[0][0].name, "a.b");
}

}  // namespace
}  // namespace engine::expr
