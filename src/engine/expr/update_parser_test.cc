// ParseUpdate: what DynamoDB accepts and how it words what it refuses.
#include <gtest/gtest.h>

#include <random>

#include "engine/expr/expressions.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using testing::B;
using testing::ErrorOf;
using testing::N;
using testing::S;

const ddb::ExpressionAttributeNames kNames = {{"#a", "a"}, {"#name", "name"}};
const ddb::ExpressionAttributeValues kValues = {
    {":v", S("x")},
    {":n", N(1)},
    {":b", B("\x01")},
    {":t", ddb::AttributeValue::Bool(true)},
    {":null", ddb::AttributeValue::Nul()},
    {":l", ddb::AttributeValue::L({N(1)})},
    {":m", ddb::AttributeValue::M({{"k", N(1)}})},
    {":ss", ddb::AttributeValue::SS({"a"})},
    {":ns", ddb::AttributeValue::NS({ddb::Number::FromInt(1)})},
    {":bs", ddb::AttributeValue::BS({"\x01"})},
};

std::string Error(std::string_view expr) {
  return ErrorOf(ParseUpdate(expr, kNames, kValues, nullptr));
}

// "a.b[1]" for a parsed path.
std::string PathToStringForTest(const DocumentPath& path) {
  std::string out;
  for (const PathElement& e : path) {
    if (e.index) {
      out += "[" + std::to_string(*e.index) + "]";
    } else {
      out += (out.empty() ? "" : ".") + e.name;
    }
  }
  return out;
}

std::string Invalid(std::string_view message) {
  return "Invalid UpdateExpression: " + std::string(message);
}

TEST(UpdateParserTest, AcceptsTheGrammar) {
  const char* accepted[] = {
      "SET a = :v",
      "SET a = :v REMOVE b ADD c :n DELETE d :ss",
      "DELETE d :ss ADD c :n REMOVE b SET a = :v",  // any order
      "set a = :v remove b add c :ns delete d :bs",
      "SET a.b[2].c = :v, #name = b, z = :n",
      "REMOVE a, b[1], c.d, e[0][1]",
      "SET a = b + :n, c = :n - d, e = if_not_exists(e, :n)",
      "SET f = list_append(f, :l), g = list_append(:l, g)",
      "SET a = (b + :n), c = (:n) + d, e = ((:v))",
      "SET a = if_not_exists(b, if_not_exists(c, :n)) + :n",
      "SET a = list_append(if_not_exists(a, :l), :l)",
      "  SET\ta\n=\r:v  ",
      "ADD s :ss, n :n",
      "SET settings = :v, removed = :v, adder = :v",  // clause keywords only as whole words
  };
  for (const char* expr : accepted) {
    EXPECT_EQ(Error(expr), "") << expr;
  }
}

TEST(UpdateParserTest, RecordsUsageAndPaths) {
  Usage usage;
  auto update = ParseUpdate("SET #a.b = :v REMOVE c[1] ADD d :n", kNames, kValues, &usage);
  ASSERT_TRUE(update.ok()) << ErrorOf(update);
  EXPECT_EQ(usage.names, (std::set<std::string, std::less<>>{"#a"}));
  EXPECT_EQ(usage.values, (std::set<std::string, std::less<>>{":n", ":v"}));
  const auto& paths = update->paths();
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_EQ(PathToStringForTest(paths[0]), "a.b");
  EXPECT_EQ(PathToStringForTest(paths[1]), "c[1]");
  EXPECT_EQ(PathToStringForTest(paths[2]), "d");
  EXPECT_FALSE(update->empty());
}

TEST(UpdateParserTest, ExpressionText) {
  EXPECT_EQ(Error(""), Invalid("The expression can not be empty;"));
  std::string big = "SET a = :v" + std::string(4096, ' ');
  EXPECT_EQ(Error(big), Invalid("Expression size has exceeded the maximum allowed size; "
                                "expression size: 4106"));
}

TEST(UpdateParserTest, SyntaxErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {"SET", "Syntax error; token: \"<EOF>\", near: \"SET\""},
      {"SET a = :v,", "Syntax error; token: \"<EOF>\", near: \",\""},
      {"a = :v", "Syntax error; token: \"a\", near: \"a =\""},
      {"UPDATE a = :v", "Syntax error; token: \"UPDATE\", near: \"UPDATE a\""},
      {"SET a = b + c + d", "Syntax error; token: \"+\", near: \"c + d\""},
      {"SET a = :v, REMOVE b", "Syntax error; token: \"REMOVE\", near: \", REMOVE b\""},
      {"SET a :v", "Syntax error; token: \":v\", near: \"a :v\""},
      {"REMOVE a :v", "Syntax error; token: \":v\", near: \"a :v\""},
      {"ADD a b", "Syntax error; token: \"b\", near: \"a b\""},
      {"DELETE a", "Syntax error; token: \"<EOF>\", near: \"a\""},
      {"SET a = if_not_exists(a, :n", "Syntax error; token: \"<EOF>\", near: \":n\""},
      {"SET a = :n * :n", "Syntax error; token: \"*\", near: \":n * :n\""},
      {"SET a = (:n", "Syntax error; token: \"<EOF>\", near: \":n\""},
      {"REMOVE a = :v", "Syntax error; token: \"=\", near: \"a = :v\""},
      // Even with other errors around, a syntax error is reported first.
      {"SET name = foo( ADD", "Syntax error; token: \"ADD\", near: \"( ADD\""},
  };
  for (const auto& [expr, message] : cases) {
    EXPECT_EQ(Error(expr), Invalid(message)) << expr;
  }
}

TEST(UpdateParserTest, SemanticErrors) {
  const std::pair<const char*, const char*> cases[] = {
      {"SET a = :v SET b = :v",
       "The \"SET\" section can only be used once in an update expression;"},
      {"remove a SET c = :v Remove b",
       "The \"REMOVE\" section can only be used once in an update expression;"},
      {"SET a = :v, a = :n",
       "Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [a], path two: [a]"},
      {"SET a = :v REMOVE a.b",
       "Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [a], path two: [a, b]"},
      {"REMOVE a.b[1] ADD a.b :n",
       "Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [a, b, [1]], path two: [a, b]"},
      {"SET a[1] = :v REMOVE a.b",
       "Two document paths conflict with each other; must remove or rewrite one of these "
       "paths; path one: [a, [1]], path two: [a, b]"},
      {"SET a = #x", "An expression attribute name used in the document path is not defined; "
                     "attribute name: #x"},
      {"SET a = :x", "An expression attribute value used in expression is not defined; "
                     "attribute value: :x"},
      {"ADD a :x", "An expression attribute value used in expression is not defined; "
                   "attribute value: :x"},
      {"SET name = :v", "Attribute name is a reserved keyword; reserved keyword: name"},
      {"REMOVE a.value", "Attribute name is a reserved keyword; reserved keyword: value"},
      {"SET a = foo(b)", "Invalid function name; function: foo"},
      {"SET a = IF_NOT_EXISTS(a, :n)", "Invalid function name; function: IF_NOT_EXISTS"},
      {"SET a = attribute_exists(b)",
       "The function is not allowed in an update expression; function: attribute_exists"},
      {"SET a = size(b)", "The function is not allowed in an update expression; function: size"},
      {"SET a = if_not_exists(a)",
       "Incorrect number of operands for operator or function; operator or function: "
       "if_not_exists, number of operands: 1"},
      {"SET a = list_append(a, b, c)",
       "Incorrect number of operands for operator or function; operator or function: "
       "list_append, number of operands: 3"},
      {"SET a = if_not_exists(:n, a)",
       "Operator or function requires a document path; operator or function: if_not_exists"},
      {"SET a = :v + :n",
       "Incorrect operand type for operator or function; operator or function: +, operand "
       "type: S"},
      {"SET a = b - :l",
       "Incorrect operand type for operator or function; operator or function: -, operand "
       "type: L"},
      {"SET a = list_append(:n, a)",
       "Incorrect operand type for operator or function; operator or function: list_append, "
       "operand type: N"},
      {"ADD a :v",
       "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"},
      {"ADD a :l",
       "Incorrect operand type for operator or function; operator: ADD, operand type: LIST"},
      {"ADD a :m",
       "Incorrect operand type for operator or function; operator: ADD, operand type: MAP"},
      {"ADD a :t",
       "Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN"},
      {"ADD a :null",
       "Incorrect operand type for operator or function; operator: ADD, operand type: NULL"},
      {"ADD a :b",
       "Incorrect operand type for operator or function; operator: ADD, operand type: BINARY"},
      {"DELETE a :n",
       "Incorrect operand type for operator or function; operator: DELETE, operand type: "
       "NUMBER"},
  };
  for (const auto& [expr, message] : cases) {
    EXPECT_EQ(Error(expr), Invalid(message)) << expr;
  }
}

// With several errors DynamoDB reports by a fixed priority: reserved word, function name,
// repeated clause, undefined name, undefined value, overlap, conflict, ADD/DELETE operand,
// function operands.
TEST(UpdateParserTest, ErrorPriority) {
  const std::pair<const char*, const char*> cases[] = {
      {"SET a = foo(:x), name = :v",
       "Attribute name is a reserved keyword; reserved keyword: name"},
      {"SET a = #x SET b = foo(b)", "Invalid function name; function: foo"},
      {"SET a = #x SET b = :v",
       "The \"SET\" section can only be used once in an update expression;"},
      {"SET a = :x, b = #x", "An expression attribute name used in the document path is not "
                             "defined; attribute name: #x"},
      {"SET a = :v, a = :x", "An expression attribute value used in expression is not "
                             "defined; attribute value: :x"},
      {"SET a[1] = :v, a.b = :v, c = :v, c = :v",
       "Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [c], path two: [c]"},
      {"SET a[1] = :v, a.b = :v ADD c :v",
       "Two document paths conflict with each other; must remove or rewrite one of these "
       "paths; path one: [a, [1]], path two: [a, b]"},
      {"SET a = if_not_exists(a) ADD c :v",
       "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"},
  };
  for (const auto& [expr, message] : cases) {
    EXPECT_EQ(Error(expr), Invalid(message)) << expr;
  }
}

// Hostile input is a clean error: no stack overflow, no hang.
TEST(UpdateParserTest, DeepNestingIsRefused) {
  const std::string too_deep = "The expression is nested too deeply; maximum nesting depth: 256";
  std::string parens = "SET a = " + std::string(2000, '(') + ":n" + std::string(2000, ')');
  EXPECT_EQ(Error(parens), Invalid(too_deep));
  std::string calls = "SET a = ";
  for (int i = 0; i < 1000; ++i) calls += "f(";
  EXPECT_EQ(Error(calls), Invalid(too_deep));
  std::string nested_ok = "SET a = ";
  for (int i = 0; i < 100; ++i) nested_ok += "if_not_exists(a,";
  nested_ok += ":n" + std::string(100, ')');
  EXPECT_EQ(Error(nested_ok), "");
}

// Token soup from a fixed seed: every input parses or fails with a message, and what parses
// applies (or fails with a message) to an item without crashing.
TEST(UpdateParserTest, TokenSoupNeverCrashes) {
  const char* fragments[] = {"SET ", "REMOVE ", "ADD ", "DELETE ", "a", "b", ".c", "[0]",
                             "[9]", " = ", " + ", " - ", ", ", "(", ")", ":n", ":l", ":ss",
                             ":v", "#a", "if_not_exists(", "list_append(", "size(", "x"};
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, std::size(fragments) - 1);
  const ddb::Item base = {{"a", ddb::AttributeValue::L({N(1), N(2)})},
                          {"b", ddb::AttributeValue::M({{"c", N(3)}})}};
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string expr;
    const size_t length = 1 + i % 14;
    for (size_t k = 0; k < length; ++k) expr += fragments[pick(rng)];
    auto update = ParseUpdate(expr, kNames, kValues, nullptr);
    if (!update.ok()) {
      EXPECT_FALSE(update.error().message.empty()) << expr;
      continue;
    }
    ++parsed;
    ddb::Item item = base;
    auto status = update->Apply(&item);
    if (!status.ok()) EXPECT_FALSE(status.error().message.empty()) << expr;
  }
  EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace engine::expr
