// ParseProjection, ProjectionList::Apply and CheckAllUsed.
#include <gtest/gtest.h>

#include "engine/expr/expressions.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using ddb::AttributeValue;
using testing::ErrorOf;
using testing::N;
using testing::S;

ddb::Item Project(std::string_view expr, const ddb::Item& item,
                  const ddb::ExpressionAttributeNames& names = {}) {
  auto p = ParseProjection(expr, names, nullptr);
  EXPECT_TRUE(p.ok()) << expr << ": " << ErrorOf(p);
  return p.ok() ? p->Apply(item) : ddb::Item{};
}

const ddb::Item kItem = {
    {"id", S("1")},
    {"n", N(5)},
    {"a", AttributeValue::M({{"b", AttributeValue::L({S("b0"), S("b1"), S("b2")})},
                             {"c", S("c")},
                             {"d", AttributeValue::M({{"e", N(1)}, {"f", N(2)}})}})},
    {"l", AttributeValue::L(
              {AttributeValue::M({{"x", N(1)}, {"y", N(2)}}), AttributeValue::M({{"x", N(3)}})})},
};

TEST(ProjectionTest, TopLevelAttributes) {
  EXPECT_EQ(Project("id, n", kItem), (ddb::Item{{"id", S("1")}, {"n", N(5)}}));
  EXPECT_EQ(Project("id,nope", kItem), (ddb::Item{{"id", S("1")}}));
  EXPECT_EQ(Project("a", kItem), (ddb::Item{{"a", kItem.at("a")}}));
  EXPECT_EQ(Project("nope", kItem), ddb::Item{});
}

TEST(ProjectionTest, NestedPathsKeepTheirStructure) {
  EXPECT_EQ(Project("a.b[1]", kItem),
            (ddb::Item{{"a", AttributeValue::M({{"b", AttributeValue::L({S("b1")})}})}}));
  EXPECT_EQ(Project("a.d.f, a.c", kItem),
            (ddb::Item{{"a", AttributeValue::M(
                                 {{"c", S("c")}, {"d", AttributeValue::M({{"f", N(2)}})}})}}));
  // Several elements of one list close up, in list order whatever the order asked.
  EXPECT_EQ(Project("a.b[2], a.b[0]", kItem),
            (ddb::Item{{"a", AttributeValue::M({{"b", AttributeValue::L({S("b0"), S("b2")})}})}}));
  EXPECT_EQ(Project("l[0].y, l[1].x", kItem),
            (ddb::Item{{"l", AttributeValue::L({AttributeValue::M({{"y", N(2)}}),
                                                AttributeValue::M({{"x", N(3)}})})}}));
  EXPECT_EQ(Project("#a.#b", kItem, {{"#a", "a"}, {"#b", "c"}}),
            (ddb::Item{{"a", AttributeValue::M({{"c", S("c")}})}}));
}

TEST(ProjectionTest, MissingOrMistypedPathsAreSkipped) {
  EXPECT_EQ(Project("a.nope", kItem), ddb::Item{});
  EXPECT_EQ(Project("a.b[7]", kItem), ddb::Item{});
  EXPECT_EQ(Project("a[0]", kItem), ddb::Item{});  // a is a map, not a list
  EXPECT_EQ(Project("l.x", kItem), ddb::Item{});   // l is a list, not a map
  EXPECT_EQ(Project("id.x, n[0]", kItem), ddb::Item{});
  EXPECT_EQ(Project("l[1].y, id", kItem), (ddb::Item{{"id", S("1")}}));
}

TEST(ProjectionTest, PathsAndUsage) {
  Usage usage;
  auto p = ParseProjection("#x, a.b[12].#y", {{"#x", "x"}, {"#y", "y"}, {"#z", "z"}}, &usage);
  ASSERT_TRUE(p.ok()) << ErrorOf(p);
  ASSERT_EQ(p->paths().size(), 2u);
  EXPECT_EQ(p->paths()[0][0].name, "x");
  ASSERT_EQ(p->paths()[1].size(), 4u);
  EXPECT_EQ(p->paths()[1][2].index, std::optional<size_t>(12));
  EXPECT_EQ(p->paths()[1][3].name, "y");
  EXPECT_EQ(usage.names, (std::set<std::string, std::less<>>{"#x", "#y"}));
}

TEST(ProjectionTest, Errors) {
  struct Case {
    const char* expr;
    const char* message;
  };
  const Case cases[] = {
      {"", "The expression can not be empty;"},
      {"a,", "Syntax error; token: \"<EOF>\", near: \",\""},
      {"a b", "Syntax error; token: \"b\", near: \"a b\""},
      {"a-type", "Syntax error; token: \"-\", near: \"a-type\""},
      {":v", "Syntax error; token: \":v\", near: \":v\""},
      {"a[", "Syntax error; token: \"<EOF>\", near: \"[\""},
      {"status", "Attribute name is a reserved keyword; reserved keyword: status"},
      {"a.#nope",
       "An expression attribute name used in the document path is not defined; "
       "attribute name: #nope"},
      {"a, a",
       "Two document paths overlap with each other; must remove or rewrite one of these "
       "paths; path one: [a], path two: [a]"},
      {"a.b, a",
       "Two document paths overlap with each other; must remove or rewrite one of "
       "these paths; path one: [a, b], path two: [a]"},
      {"a[1], a[1].c",
       "Two document paths overlap with each other; must remove or rewrite one "
       "of these paths; path one: [a, [1]], path two: [a, [1], c]"},
      {"a.b, a[0]",
       "Two document paths conflict with each other; must remove or rewrite one of "
       "these paths; path one: [a, b], path two: [a, [0]]"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ErrorOf(ParseProjection(c.expr, {}, nullptr)),
              "Invalid ProjectionExpression: " + std::string(c.message))
        << c.expr;
  }
  EXPECT_FALSE(ParseProjection("a.b, a.c, a[0]x", {}, nullptr).ok());
  EXPECT_TRUE(ParseProjection("a.b, a.c, b[0], b[1]", {}, nullptr).ok());
  EXPECT_NE(ErrorOf(ParseProjection(std::string(5000, 'a'), {}, nullptr)), "");
}

TEST(CheckAllUsedTest, ReportsUnusedNamesThenValues) {
  Usage usage;
  usage.names = {"#a"};
  usage.values = {":a"};
  const ddb::ExpressionAttributeNames names = {{"#a", "a"}, {"#b", "b"}, {"#c", "c"}};
  const ddb::ExpressionAttributeValues values = {{":a", N(1)}, {":x", N(2)}};
  EXPECT_EQ(ErrorOf(CheckAllUsed(usage, names, values)),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}");
  usage.names = {"#a", "#b", "#c"};
  EXPECT_EQ(ErrorOf(CheckAllUsed(usage, names, values)),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
  usage.values = {":a", ":x"};
  EXPECT_TRUE(CheckAllUsed(usage, names, values).ok());
  EXPECT_TRUE(CheckAllUsed(Usage{}, {}, {}).ok());
}

// Usage accumulates over all expressions of one request, as DynamoDB counts it.
TEST(CheckAllUsedTest, UsageSpansExpressions) {
  const ddb::ExpressionAttributeNames names = {{"#p", "p"}, {"#f", "f"}, {"#x", "x"}};
  const ddb::ExpressionAttributeValues values = {{":p", S("1")}, {":f", N(1)}};
  Usage usage;
  ASSERT_TRUE(ParseKeyCondition("#p = :p", names, values, "p", std::nullopt, &usage).ok());
  ASSERT_TRUE(ParseCondition("#f > :f", names, values, &usage, ConditionKind::kFilter).ok());
  EXPECT_EQ(ErrorOf(CheckAllUsed(usage, names, values)),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}");
  ASSERT_TRUE(ParseProjection("#x", names, &usage).ok());
  EXPECT_TRUE(CheckAllUsed(usage, names, values).ok());
}

}  // namespace
}  // namespace engine::expr
