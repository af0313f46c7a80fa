// UpdateItem with an UpdateExpression, run on every backend (the embedded engine always,
// dynalite when XR_DYNALITE_ENDPOINT is set): the four clauses, the functions, document
// paths, every ReturnValues and DynamoDB's validation messages word for word. The same
// assertions on both keep the engine honest; each expectation is DynamoDB's documented
// behaviour (Developer Guide, "Update expressions").
#include <gtest/gtest.h>

#include "item_test_util.h"

namespace xr::testing {
namespace {

using namespace items;  // NOLINT: the short spellings are the point
using ddb::ErrorCode;
using ddb::ReturnValue;

class UpdateSuite : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    table_ = CreateActiveTable("upd", "id");
  }
  // PutItem that must succeed.
  void Seed(Item item) {
    auto put = client().PutItem(Put(table_, std::move(item)));
    ASSERT_TRUE(put.ok()) << put.error().ToString();
  }
  ddb::Result<ddb::UpdateItemResponse> Run(const ddb::UpdateItemRequest& req) {
    return client().UpdateItem(req);
  }
  std::optional<Item> Now(const std::string& id) { return Stored(client(), table_, id); }

  std::string table_;
};

TEST_P(UpdateSuite, SetRemoveAddDelete) {
  Seed({{"id", S("a")},
        {"n", N(1)},
        {"gone", S("z")},
        {"tags", SS({"x"})},
        {"colors", SS({"red", "blue"})}});
  auto done = Run(Update(table_, "a",
                         "SET #s = :s, n = n + :one REMOVE gone ADD cnt :two, tags :y "
                         "DELETE colors :red",
                         {{":s", S("ok")},
                          {":one", N(1)},
                          {":two", N(2)},
                          {":y", SS({"y"})},
                          {":red", SS({"red"})}},
                         {{"#s", "status"}}));
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  EXPECT_FALSE(done->attributes.has_value());  // ReturnValues NONE
  const Item want{{"id", S("a")},         {"n", N(2)},          {"status", S("ok")},
                  {"cnt", N(2)},          {"tags", SS({"x", "y"})}, {"colors", SS({"blue"})}};
  EXPECT_EQ(Now("a"), want) << Dump(Now("a"));

  // Deleting the last element of a set removes the attribute (sets are never empty).
  done = Run(Update(table_, "a", "DELETE colors :c ADD n :minus", {{":c", SS({"blue", "green"})},
                                                                   {":minus", N(-5)}}));
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  auto after = Now("a");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->count("colors"), 0u) << Dump(after);
  EXPECT_EQ(after->at("n"), N(-3));
}

TEST_P(UpdateSuite, UpdateCreatesTheItemAndIfNotExistsKeepsTheFirstValue) {
  auto req = Update(table_, "b", "SET createdAt = if_not_exists(createdAt, :t), lastUpdated = :t",
                    {{":t", S("2024-01-01T00:00:00Z")}});
  req.return_values = ReturnValue::ALL_NEW;
  auto first = Run(req);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  const Item created{{"id", S("b")},
                     {"createdAt", S("2024-01-01T00:00:00Z")},
                     {"lastUpdated", S("2024-01-01T00:00:00Z")}};
  EXPECT_EQ(first->attributes, created);

  req.expression_attribute_values[":t"] = S("2024-06-01T00:00:00Z");
  auto second = Run(req);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  const Item kept{{"id", S("b")},
                  {"createdAt", S("2024-01-01T00:00:00Z")},
                  {"lastUpdated", S("2024-06-01T00:00:00Z")}};
  EXPECT_EQ(second->attributes, kept);
  EXPECT_EQ(Now("b"), kept);
}

TEST_P(UpdateSuite, ListAppendReadsTheItemBeforeTheUpdate) {
  Seed({{"id", S("l")}, {"l", L({N(1)})}});
  // Every operand is evaluated on the item as it was: `front` sees the old l.
  auto done = Run(Update(table_, "l",
                         "SET l = list_append(l, :tail), front = list_append(:head, l), "
                         "fresh = list_append(if_not_exists(fresh, :empty), :tail)",
                         {{":tail", L({N(2), N(3)})}, {":head", L({N(0)})}, {":empty", L({})}}));
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  const Item want{{"id", S("l")},
                  {"l", L({N(1), N(2), N(3)})},
                  {"front", L({N(0), N(1)})},
                  {"fresh", L({N(2), N(3)})}};
  EXPECT_EQ(Now("l"), want) << Dump(Now("l"));
}

TEST_P(UpdateSuite, NestedPathsInMapsAndLists) {
  Seed({{"id", S("p")},
        {"m", M({{"a", M({{"b", N(1)}})}, {"c", S("x")}})},
        {"l", L({S("p"), S("q"), S("r")})}});
  auto done = Run(Update(table_, "p", "SET m.a.b = :two, m.a.d = :d, l[1] = :q REMOVE m.c",
                         {{":two", N(2)}, {":d", S("d")}, {":q", S("Q")}}));
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  Item want{{"id", S("p")},
            {"m", M({{"a", M({{"b", N(2)}, {"d", S("d")}})}})},
            {"l", L({S("p"), S("Q"), S("r")})}};
  EXPECT_EQ(Now("p"), want) << Dump(Now("p"));

  // REMOVE of a list element shifts the rest; SET past the end appends.
  ASSERT_TRUE(Run(Update(table_, "p", "REMOVE l[0]")).ok());
  ASSERT_TRUE(Run(Update(table_, "p", "SET l[10] = :z", {{":z", S("z")}})).ok());
  want["l"] = L({S("Q"), S("r"), S("z")});
  EXPECT_EQ(Now("p"), want) << Dump(Now("p"));

  // A path through an attribute that does not exist is not created.
  ExpectError(Run(Update(table_, "p", "SET nope.x = :v", {{":v", N(1)}})),
              ErrorCode::kValidation,
              "The document path provided in the update expression is invalid for update");
  EXPECT_EQ(Now("p"), want);
}

// One fresh item per ReturnValues, the same update each time.
class ReturnValuesSuite : public UpdateSuite {
 protected:
  std::optional<Item> UpdateReturning(ReturnValue rv) {
    Seed({{"id", S("r")}, {"keep", S("k")}, {"n", N(1)}, {"stale", S("o")}});
    auto req = Update(table_, "r", "SET n = n + :one, added = :x REMOVE stale",
                      {{":one", N(1)}, {":x", S("x")}});
    req.return_values = rv;
    auto done = Run(req);
    EXPECT_TRUE(done.ok()) << done.error().ToString();
    return done.ok() ? done->attributes : std::nullopt;
  }
};

TEST_P(ReturnValuesSuite, EachReturnValuesAnswersItsAttributes) {
  EXPECT_EQ(UpdateReturning(ReturnValue::NONE), std::nullopt);
  EXPECT_EQ(UpdateReturning(ReturnValue::ALL_OLD),
            (Item{{"id", S("r")}, {"keep", S("k")}, {"n", N(1)}, {"stale", S("o")}}));
  // UPDATED_OLD: the old values of the attributes the update touched (added did not exist).
  EXPECT_EQ(UpdateReturning(ReturnValue::UPDATED_OLD), (Item{{"n", N(1)}, {"stale", S("o")}}));
  EXPECT_EQ(UpdateReturning(ReturnValue::ALL_NEW),
            (Item{{"id", S("r")}, {"keep", S("k")}, {"n", N(2)}, {"added", S("x")}}));
  // UPDATED_NEW: the new values of what was set (a removed attribute has none).
  EXPECT_EQ(UpdateReturning(ReturnValue::UPDATED_NEW), (Item{{"n", N(2)}, {"added", S("x")}}));
}

TEST_P(ReturnValuesSuite, UpdatedValuesOfANestedPathAreTheNestedShape) {
  Seed({{"id", S("n")}, {"m", M({{"a", N(1)}, {"b", N(5)}})}});
  auto req = Update(table_, "n", "SET m.a = :v", {{":v", N(9)}});
  req.return_values = ReturnValue::UPDATED_OLD;
  auto old_values = Run(req);
  ASSERT_TRUE(old_values.ok()) << old_values.error().ToString();
  EXPECT_EQ(old_values->attributes, (Item{{"m", M({{"a", N(1)}})}}));
  req.return_values = ReturnValue::UPDATED_NEW;
  req.expression_attribute_values[":v"] = N(10);
  auto new_values = Run(req);
  ASSERT_TRUE(new_values.ok()) << new_values.error().ToString();
  EXPECT_EQ(new_values->attributes, (Item{{"m", M({{"a", N(10)}})}}));
}

TEST_P(ReturnValuesSuite, AllOldOfAnItemThatDidNotExistIsAbsent) {
  auto req = Update(table_, "new", "SET v = :v", {{":v", N(1)}});
  req.return_values = ReturnValue::ALL_OLD;
  auto done = Run(req);
  ASSERT_TRUE(done.ok()) << done.error().ToString();
  EXPECT_FALSE(done->attributes.has_value()) << Dump(done->attributes);
  EXPECT_EQ(Now("new"), (Item{{"id", S("new")}, {"v", N(1)}}));
}

// DynamoDB's messages, which both backends must give word for word.
TEST_P(UpdateSuite, ValidationMessagesAreDynamoDBs) {
  Seed({{"id", S("v")}, {"s", S("text")}, {"n", N(1)}});
  ExpectError(Run(Update(table_, "v", "SET id = :v", {{":v", S("other")}})),
              ErrorCode::kValidation,
              "One or more parameter values were invalid: Cannot update attribute id. This "
              "attribute is part of the key");
  ExpectError(Run(Update(table_, "v", "SET a = :v, a = :w", {{":v", N(1)}, {":w", N(2)}})),
              ErrorCode::kValidation,
              "Invalid UpdateExpression: Two document paths overlap with each other; must "
              "remove or rewrite one of these paths; path one: [a], path two: [a]");
  ExpectError(Run(Update(table_, "v", "ADD s :one", {{":one", N(1)}})), ErrorCode::kValidation,
              "An operand in the update expression has an incorrect data type");
  // A value's type is known from the request: refused before the item is read.
  ExpectError(Run(Update(table_, "v", "SET n = n + :s", {{":s", S("x")}})),
              ErrorCode::kValidation,
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: +, operand type: S");
  ExpectError(Run(Update(table_, "v", "SET n = s + :one", {{":one", N(1)}})),
              ErrorCode::kValidation,
              "An operand in the update expression has an incorrect data type");
  ExpectError(Run(Update(table_, "v", "SET x = nope")), ErrorCode::kValidation,
              "The provided expression refers to an attribute that does not exist in the item");
  ExpectError(Run(Update(table_, "v", "SET n = :one", {{":one", N(1)}, {":unused", N(2)}})),
              ErrorCode::kValidation,
              "Value provided in ExpressionAttributeValues unused in expressions: keys: "
              "{:unused}");
  auto both = Update(table_, "v", "SET n = :one", {{":one", N(1)}});
  both.attribute_updates = ddb::AttributeUpdates{{"n", {N(2), ddb::AttributeAction::PUT}}};
  ExpectError(Run(both), ErrorCode::kValidation,
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {AttributeUpdates} Expression parameters: "
              "{UpdateExpression}");
  // Nothing above changed the item.
  EXPECT_EQ(Now("v"), (Item{{"id", S("v")}, {"s", S("text")}, {"n", N(1)}}));
}

// A write consumes one unit per started KB of the larger of the old and the new item.
TEST_P(UpdateSuite, ConsumedCapacityCountsTheLargerOfOldAndNew) {
  Seed({{"id", S("c")}, {"big", S(std::string(1500, 'x'))}});
  auto req = Update(table_, "c", "REMOVE big");
  auto none = Run(req);
  ASSERT_TRUE(none.ok()) << none.error().ToString();
  EXPECT_FALSE(none->consumed_capacity.has_value());  // NONE: not answered
  Seed({{"id", S("c")}, {"big", S(std::string(1500, 'x'))}});
  req.return_consumed_capacity = ddb::ReturnConsumedCapacity::TOTAL;
  auto removed = Run(req);
  ASSERT_TRUE(removed.ok()) << removed.error().ToString();
  ASSERT_TRUE(removed->consumed_capacity.has_value());
  EXPECT_EQ(removed->consumed_capacity->table_name, table_);
  EXPECT_EQ(removed->consumed_capacity->capacity_units, 2);  // the old item: 1.5 KB
  EXPECT_FALSE(removed->consumed_capacity->table.has_value());  // TOTAL has no breakdown

  req = Update(table_, "c", "SET v = :v", {{":v", N(1)}});
  req.return_consumed_capacity = ddb::ReturnConsumedCapacity::INDEXES;
  auto small = Run(req);
  ASSERT_TRUE(small.ok()) << small.error().ToString();
  ASSERT_TRUE(small->consumed_capacity.has_value());
  EXPECT_EQ(small->consumed_capacity->capacity_units, 1);
  ASSERT_TRUE(small->consumed_capacity->table.has_value());
  EXPECT_EQ(small->consumed_capacity->table->capacity_units, 1);
  EXPECT_TRUE(small->consumed_capacity->global_secondary_indexes.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, UpdateSuite, ::testing::ValuesIn(AllBackendKinds()),
                         [](const auto& info) { return BackendKindName(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, ReturnValuesSuite, ::testing::ValuesIn(AllBackendKinds()),
                         [](const auto& info) { return BackendKindName(info.param); });

}  // namespace
}  // namespace xr::testing
