#include <gtest/gtest.h>

#include "engine/expr/expressions.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using testing::ErrorOf;
using testing::N;
using testing::S;

const ddb::ExpressionAttributeValues kValues = {
    {":p", S("p1")}, {":c", N(5)}, {":c2", N(9)}, {":s", S("ab")}, {":n", N(3)}};

ddb::Result<KeyCondition> Parse(std::string_view expr,
                                const ddb::ExpressionAttributeNames& names = {},
                                std::optional<std::string_view> range = "c",
                                Usage* usage = nullptr) {
  return ParseKeyCondition(expr, names, kValues, "p", range, usage);
}

TEST(KeyConditionTest, PartitionOnly) {
  auto r = Parse("p = :p");
  ASSERT_TRUE(r.ok()) << ErrorOf(r);
  EXPECT_EQ(r->partition_attribute, "p");
  EXPECT_EQ(r->partition_value, S("p1"));
  EXPECT_FALSE(r->sort.has_value());
  auto hash_only = Parse("  p=:p ", {}, std::nullopt);
  ASSERT_TRUE(hash_only.ok()) << ErrorOf(hash_only);
}

TEST(KeyConditionTest, EverySortOperator) {
  struct Case {
    const char* expr;
    SortOp op;
  };
  for (const Case& c :
       {Case{"p = :p AND c = :c", SortOp::kEq}, Case{"p = :p AND c < :c", SortOp::kLt},
        Case{"p = :p AND c <= :c", SortOp::kLe}, Case{"p = :p AND c > :c", SortOp::kGt},
        Case{"p = :p AND c >= :c", SortOp::kGe}}) {
    auto r = Parse(c.expr);
    ASSERT_TRUE(r.ok()) << c.expr << ": " << ErrorOf(r);
    ASSERT_TRUE(r->sort.has_value());
    EXPECT_EQ(r->sort->attribute, "c");
    EXPECT_EQ(r->sort->op, c.op) << c.expr;
    EXPECT_EQ(r->sort->value, N(5));
  }
  auto between = Parse("p = :p AND c BETWEEN :c AND :c2");
  ASSERT_TRUE(between.ok()) << ErrorOf(between);
  EXPECT_EQ(between->sort->op, SortOp::kBetween);
  EXPECT_EQ(between->sort->value, N(5));
  EXPECT_EQ(between->sort->value2, N(9));
  auto begins = Parse("p = :p AND begins_with(c, :s)");
  ASSERT_TRUE(begins.ok()) << ErrorOf(begins);
  EXPECT_EQ(begins->sort->op, SortOp::kBeginsWith);
  EXPECT_EQ(begins->sort->value, S("ab"));
}

TEST(KeyConditionTest, ReversedOperandsFlipTheOperator) {
  struct Case {
    const char* expr;
    SortOp op;
  };
  for (const Case& c :
       {Case{":p = p AND :c = c", SortOp::kEq}, Case{":p = p AND :c < c", SortOp::kGt},
        Case{":p = p AND :c <= c", SortOp::kGe}, Case{":p = p AND :c > c", SortOp::kLt},
        Case{":p = p AND :c >= c", SortOp::kLe}}) {
    auto r = Parse(c.expr);
    ASSERT_TRUE(r.ok()) << c.expr << ": " << ErrorOf(r);
    EXPECT_EQ(r->partition_value, S("p1"));
    EXPECT_EQ(r->sort->op, c.op) << c.expr;
    EXPECT_EQ(r->sort->value, N(5));
  }
}

TEST(KeyConditionTest, OrderKeywordCaseParenthesesAndPlaceholders) {
  auto r = Parse("c = :c AND p = :p");
  ASSERT_TRUE(r.ok()) << ErrorOf(r);
  EXPECT_EQ(r->sort->attribute, "c");
  r = Parse("p=:p AnD c BeTwEeN :c aNd :c2");
  ASSERT_TRUE(r.ok()) << ErrorOf(r);
  r = Parse("((c=:c) AND (p=:p))");
  ASSERT_TRUE(r.ok()) << ErrorOf(r);
  Usage usage;
  r = Parse("#k1 = :p AND #k2 > :c", {{"#k1", "p"}, {"#k2", "c"}}, "c", &usage);
  ASSERT_TRUE(r.ok()) << ErrorOf(r);
  EXPECT_EQ(r->partition_attribute, "p");
  EXPECT_EQ(r->sort->attribute, "c");
  EXPECT_EQ(usage.names, (std::set<std::string, std::less<>>{"#k1", "#k2"}));
  EXPECT_EQ(usage.values, (std::set<std::string, std::less<>>{":p", ":c"}));
}

TEST(KeyConditionTest, RejectsWhatDynamoDbRejects) {
  struct Case {
    const char* expr;
    const char* message;
  };
  const Case cases[] = {
      {"", "Invalid KeyConditionExpression: The expression can not be empty;"},
      {"p = :p AND c != :c",
       "Invalid KeyConditionExpression: Syntax error; token: \"!\", near: \"c !=\""},
      {"p > 4", "Invalid KeyConditionExpression: Syntax error; token: \"4\", near: \"> 4\""},
      {"p = :p OR c = :c", "Invalid operator used in KeyConditionExpression: OR"},
      {"NOT p = :p", "Invalid operator used in KeyConditionExpression: NOT"},
      {"p = :p AND c IN (:c)", "Invalid operator used in KeyConditionExpression: IN"},
      {"p = :p AND c <> :c", "Invalid operator used in KeyConditionExpression: <>"},
      {"p = :p AND attribute_exists(c)",
       "Invalid operator used in KeyConditionExpression: attribute_exists"},
      {"p = :p AND attribute_not_exists(c)",
       "Invalid operator used in KeyConditionExpression: attribute_not_exists"},
      {"p = :p AND attribute_type(c, :s)",
       "Invalid KeyConditionExpression: Invalid attribute type name found; type: ab, valid "
       "types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
      {"p = :p AND contains(c, :s)", "Invalid operator used in KeyConditionExpression: contains"},
      {"p = :p AND dog(c, :s)",
       "Invalid KeyConditionExpression: Invalid function name; function: dog"},
      {"p = :p AND BEGINS_WITH(c, :s)",
       "Invalid KeyConditionExpression: Invalid function name; function: BEGINS_WITH"},
      {"p = :p AND begins_with(c, :c)",
       "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
       "operator or function: begins_with, operand type: N"},
      {"p = :p AND begins_with(:s, c)",
       "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
       "attribute as its first operand"},
      {"p = :p AND :c BETWEEN c AND :c2",
       "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
       "attribute as its first operand"},
      {"p = :p AND size(c) > :c", "KeyConditionExpressions cannot contain nested operations"},
      {"p = c",
       "Invalid condition in KeyConditionExpression: Multiple attribute names used in "
       "one condition"},
      {":p = :c", "Invalid condition in KeyConditionExpression: No key attribute specified"},
      {"p = :p AND c.d < :c",
       "KeyConditionExpressions cannot have conditions on nested attributes"},
      {"p = :p AND c[0] < :c",
       "KeyConditionExpressions cannot have conditions on nested attributes"},
      {"p = :p AND p = :p", "KeyConditionExpressions must only contain one condition per key"},
      {"p = :p AND c > :c AND c < :c2",
       "KeyConditionExpressions must only contain one condition per key"},
      {"p = :p AND c < :c AND a < :n", "Conditions can be of length 1 or 2 only"},
      {"c = :c", "Query condition missed key schema element: p"},
      {"p = :p AND a < :n", "Query condition missed key schema element: c"},
      {"p < :p", "Query key condition not supported"},
      {"p BETWEEN :p AND :p", "Query key condition not supported"},
      {"begins_with(p, :p)", "Query key condition not supported"},
      {"p = :p AND c = :undefined",
       "Invalid KeyConditionExpression: An expression attribute value used in expression is not "
       "defined; attribute value: :undefined"},
      {"#nope = :p",
       "Invalid KeyConditionExpression: An expression attribute name used in the document path "
       "is not defined; attribute name: #nope"},
      {"p = :p AND c BETWEEN :c2 AND :c",
       "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater "
       "than or equal to lower bound; lower bound operand: AttributeValue: {N:9}, upper bound "
       "operand: AttributeValue: {N:5}"},
      {"p = :p AND c BETWEEN :s AND :c",
       "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower "
       "and upper bounds; lower bound operand: AttributeValue: {S:ab}, upper bound operand: "
       "AttributeValue: {N:5}"},
      {"p", "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"p\""},
      {"status = :p",
       "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
       "status"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ErrorOf(Parse(c.expr)), c.message) << c.expr;
  }
}

TEST(KeyConditionTest, HashOnlyTableRejectsASecondCondition) {
  EXPECT_EQ(ErrorOf(Parse("p = :p AND c = :c", {}, std::nullopt)),
            "Query key condition not supported");
  EXPECT_EQ(ErrorOf(Parse("c = :c", {}, std::nullopt)),
            "Query condition missed key schema element: p");
}

}  // namespace
}  // namespace engine::expr
