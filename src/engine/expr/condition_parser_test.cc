// ParseCondition: what DynamoDB accepts and how it words what it refuses.
#include <gtest/gtest.h>

#include "engine/expr/expressions.h"
#include "engine/expr/reserved_words.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using testing::ErrorOf;
using testing::N;
using testing::S;

const ddb::ExpressionAttributeNames kNames = {{"#a", "a"}, {"#status", "status"}};
const ddb::ExpressionAttributeValues kValues = {{":v", S("x")},
                                                {":n", N(1)},
                                                {":n2", N(2)},
                                                {":t", ddb::AttributeValue::Bool(true)},
                                                {":type", S("S")},
                                                {":bad", S("STRING")},
                                                {":null", ddb::AttributeValue::Nul()}};

std::string Error(std::string_view expr, ConditionKind kind = ConditionKind::kCondition) {
  return ErrorOf(ParseCondition(expr, kNames, kValues, nullptr, kind));
}

TEST(ConditionParserTest, AcceptsTheGrammar) {
  const char* accepted[] = {
      "a = :v",
      "a <> :v AND b < :n OR c <= :n AND d > :n OR e >= :n",
      "a BETWEEN :n AND :n2",
      "a IN (:v)",
      "a IN (:v, :n, b.c, size(d))",
      "attribute_exists(a) AND attribute_not_exists(b.c[3].d)",
      "attribute_type(a, :type)",
      "begins_with(a, :v) OR contains(a, :v) OR contains(a, b)",
      "size(a) > :n AND :n < size(b[0])",
      "NOT (a = :v)",
      "not a = :v and NOT b = :v",
      "(a = :v) AND ((b = :v) OR c = :v)",
      "#a = :v AND #status = :v",
      "a.#a[1].b = :v",
      "  a\t=\n:v  ",
      "a between :n and :n2 and b in (:v)",
      "_a1 = :v",
      "(a) = :v",
      "a = (:v)",
      "a = :t AND a <> :null",  // = and <> take any type
  };
  for (const char* expr : accepted) {
    EXPECT_EQ(Error(expr), "") << expr;
  }
}

TEST(ConditionParserTest, RecordsUsage) {
  Usage usage;
  auto c = ParseCondition("#a = :v OR b IN (:n, :n)", kNames, kValues, &usage);
  ASSERT_TRUE(c.ok()) << ErrorOf(c);
  EXPECT_EQ(usage.names, (std::set<std::string, std::less<>>{"#a"}));
  EXPECT_EQ(usage.values, (std::set<std::string, std::less<>>{":v", ":n"}));
}

TEST(ConditionParserTest, SyntaxErrors) {
  struct Case {
    const char* expr;
    const char* message;
  };
  const Case cases[] = {
      {"a", "Syntax error; token: \"<EOF>\", near: \"a\""},
      {"a = ", "Syntax error; token: \"<EOF>\", near: \"=\""},
      {"a-b", "Syntax error; token: \"-\", near: \"a-b\""},
      {"a = = :v", "Syntax error; token: \"=\", near: \"= = :v\""},
      {"a = :v AND", "Syntax error; token: \"<EOF>\", near: \"AND\""},
      {"a AND b = :v", "Syntax error; token: \"AND\", near: \"a AND b\""},
      {"a = :v b = :v", "Syntax error; token: \"b\", near: \":v b =\""},
      {"a = 4", "Syntax error; token: \"4\", near: \"= 4\""},
      {"a[-1] = :v", "Syntax error; token: \"-\", near: \"[-1\""},
      {"a[x] = :v", "Syntax error; token: \"x\", near: \"[x]\""},
      {"a. = :v", "Syntax error; token: \"=\", near: \". = :v\""},
      {"(a = :v", "Syntax error; token: \"<EOF>\", near: \":v\""},
      {"a = :v)", "Syntax error; token: \")\", near: \":v)\""},
      {"a BETWEEN :n OR :n2", "Syntax error; token: \"OR\", near: \":n OR :n2\""},
      {"a IN :v", "Syntax error; token: \":v\", near: \"IN :v\""},
      {"a IN ()", "Syntax error; token: \")\", near: \"()\""},
      {"AND = :v", "Syntax error; token: \"AND\", near: \"AND =\""},
      {"a = # ", "Syntax error; token: \"#\", near: \"= #\""},
      {"a = : ", "Syntax error; token: \":\", near: \"= :\""},
      {"a = :v AND NOT", "Syntax error; token: \"<EOF>\", near: \"NOT\""},
      {"x = (a = :v)", "Syntax error; token: \"=\", near: \"a = :v\""},
      {"(a = :v) = :v", "Syntax error; token: \"=\", near: \") = :v\""},
      {"a = :v \xc3\xa9", "Syntax error; token: \"\xc3\xa9\", near: \":v \xc3\xa9\""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Error(c.expr), "Invalid ConditionExpression: " + std::string(c.message)) << c.expr;
  }
  EXPECT_EQ(Error("a", ConditionKind::kFilter),
            "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
}

TEST(ConditionParserTest, SemanticErrors) {
  struct Case {
    const char* expr;
    const char* message;
  };
  const Case cases[] = {
      {"", "The expression can not be empty;"},
      {"status = :v", "Attribute name is a reserved keyword; reserved keyword: status"},
      {"a.Comment = :v", "Attribute name is a reserved keyword; reserved keyword: Comment"},
      {"a = :nope",
       "An expression attribute value used in expression is not defined; attribute value: :nope"},
      {"#nope = :v",
       "An expression attribute name used in the document path is not defined; attribute name: "
       "#nope"},
      {"foo(a)", "Invalid function name; function: foo"},
      {"Size(a) = :n", "Invalid function name; function: Size"},
      {"size(a)",
       "The function is not allowed to be used this way in an expression; function: size"},
      {"a = :v AND size(a)",
       "The function is not allowed to be used this way in an expression; function: size"},
      {"attribute_exists(a) = :t",
       "The function is not allowed to be used this way in an expression; function: "
       "attribute_exists"},
      {"contains(a, begins_with(a, :v))",
       "The function is not allowed to be used this way in an expression; function: begins_with"},
      {"attribute_exists(a, b)",
       "Incorrect number of operands for operator or function; operator or function: "
       "attribute_exists, number of operands: 2"},
      {"begins_with(a)",
       "Incorrect number of operands for operator or function; operator or function: "
       "begins_with, number of operands: 1"},
      {"a = a",
       "The first operand must be distinct from the remaining operands for this operator or "
       "function; operator: =, first operand: [a]"},
      {"contains(a.b[1], #a.b[1])",
       "The first operand must be distinct from the remaining operands for this operator or "
       "function; operator: contains, first operand: [a, b, [1]]"},
      {"attribute_exists(:v)",
       "Operator or function requires a document path; operator or function: attribute_exists"},
      {"begins_with(a, :n)",
       "Incorrect operand type for operator or function; operator or function: begins_with, "
       "operand type: N"},
      {"attribute_type(a, :n)",
       "Incorrect operand type for operator or function; operator or function: attribute_type, "
       "operand type: N"},
      {"attribute_type(a, b)",
       "Incorrect operand type for operator or function; operator or function: attribute_type, "
       "operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"},
      {"attribute_type(a, :bad)",
       "Invalid attribute type name found; type: STRING, valid types: "
       "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
      {"size(:t) = :n",
       "Incorrect operand type for operator or function; operator or function: size, operand "
       "type: BOOL"},
      {"size(size(a)) = :n",
       "Incorrect operand type for operator or function; operator or function: size, operand "
       "type: N"},
      {"a BETWEEN :n AND :v",
       "The BETWEEN operator requires same data type for lower and upper bounds; lower bound "
       "operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}"},
      {"a BETWEEN :n2 AND :n",
       "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
       "lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}"},
      {"a < :t",
       "Incorrect operand type for operator or function; operator or function: <, operand type: "
       "BOOL"},
      {":null >= a",
       "Incorrect operand type for operator or function; operator or function: >=, operand "
       "type: NULL"},
      {"((a = :v))", "The expression has redundant parentheses;"},
      {"((a)) = :v", "The expression has redundant parentheses;"},
      {"a = ((:v))", "The expression has redundant parentheses;"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Error(c.expr), "Invalid ConditionExpression: " + std::string(c.message)) << c.expr;
  }
}

// DynamoDB reports one error by a fixed priority, whatever the order in the text.
TEST(ConditionParserTest, ErrorPriority) {
  // A syntax error beats everything.
  EXPECT_EQ(Error("status = :nope AND"),
            "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
  // Redundant parentheses beat unknown functions, which beat misused functions, which beat
  // reserved words, which beat undefined placeholders.
  EXPECT_EQ(Error("foo(a) AND ((b = :v))"),
            "Invalid ConditionExpression: The expression has redundant parentheses;");
  EXPECT_EQ(Error("size(a) AND foo(a)"),
            "Invalid ConditionExpression: Invalid function name; function: foo");
  EXPECT_EQ(Error("status = :v AND size(a)"),
            "Invalid ConditionExpression: The function is not allowed to be used this way in an "
            "expression; function: size");
  EXPECT_EQ(Error("a = :nope AND status = :v"),
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
            "status");
  EXPECT_EQ(Error("begins_with(a, :n) AND b = :nope"),
            "Invalid ConditionExpression: An expression attribute value used in expression is not "
            "defined; attribute value: :nope");
}

TEST(ConditionParserTest, ReservedWordsAreCaseInsensitiveAndComplete) {
  EXPECT_TRUE(IsReservedWord("status"));
  EXPECT_TRUE(IsReservedWord("STATUS"));
  EXPECT_TRUE(IsReservedWord("Abort"));
  EXPECT_TRUE(IsReservedWord("zone"));
  EXPECT_TRUE(IsReservedWord("localtimestamp"));
  EXPECT_FALSE(IsReservedWord("statuses"));
  EXPECT_FALSE(IsReservedWord("pk"));
  EXPECT_FALSE(IsReservedWord(""));
  // Keywords used bare are rejected; the same names through placeholders are fine.
  for (const char* word : {"name", "date", "year", "size", "data", "count", "type", "value"}) {
    EXPECT_EQ(Error(std::string(word) + " = :v"),
              "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved "
              "keyword: " +
                  std::string(word));
    ddb::ExpressionAttributeNames names = {{"#w", word}};
    EXPECT_TRUE(ParseCondition("#w = :v", names, kValues, nullptr).ok()) << word;
  }
}

TEST(ConditionParserTest, InAcceptsAtMostOneHundredOperands) {
  ddb::ExpressionAttributeValues values;
  std::string list;
  for (int i = 0; i < 101; ++i) {
    values[":v" + std::to_string(i)] = N(i);
  }
  auto in_list = [&](int count) {
    std::string expr = "a IN (";
    for (int i = 0; i < count; ++i) expr += (i ? ", :v" : ":v") + std::to_string(i);
    return expr + ")";
  };
  EXPECT_TRUE(ParseCondition(in_list(100), {}, values, nullptr).ok());
  EXPECT_EQ(ErrorOf(ParseCondition(in_list(101), {}, values, nullptr)),
            "Invalid ConditionExpression: The IN operator is provided with too many operands; "
            "number of operands: 101");
}

TEST(ConditionParserTest, PathologicalInput) {
  // Longer than DynamoDB's 4 KB limit: refused before parsing.
  const std::string deep(100000, '(');
  EXPECT_EQ(Error(deep),
            "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
            "expression size: 100000");
  // Within the limit, nesting is bounded instead of recursing without end.
  EXPECT_EQ(Error(std::string(4000, '(')),
            "Invalid ConditionExpression: The expression is nested too deeply; maximum nesting "
            "depth: 256");
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "NOT ";
  EXPECT_EQ(Error(nots + "a = :v"),
            "Invalid ConditionExpression: The expression is nested too deeply; maximum nesting "
            "depth: 256");
  std::string sizes = "a = ";
  for (int i = 0; i < 500; ++i) sizes += "size(";
  EXPECT_NE(Error(sizes), "");
  // Deep but legal nesting works, and so does a long flat chain.
  std::string ok_nots;
  for (int i = 0; i < 200; ++i) ok_nots += "NOT ";
  auto c = ParseCondition(ok_nots + "a = :v", kNames, kValues, nullptr);
  ASSERT_TRUE(c.ok()) << ErrorOf(c);
  EXPECT_TRUE(c->Evaluate({{"a", S("x")}}));  // an even number of NOTs
  std::string chain = "a = :v";
  while (chain.size() < 4000) chain += " OR a = :v";
  EXPECT_EQ(Error(chain), "");
  // Exactly 4096 bytes is allowed.
  std::string exact = "a = :v";
  exact += std::string(4096 - exact.size(), ' ');
  EXPECT_EQ(Error(exact), "");
  EXPECT_NE(Error(exact + " "), "");
}

}  // namespace
}  // namespace engine::expr
