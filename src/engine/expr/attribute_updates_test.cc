// UpdateFromAttributeUpdates (the legacy AttributeUpdates) and ProjectPaths (UPDATED_OLD /
// UPDATED_NEW): DynamoDB's results and messages.
#include <gtest/gtest.h>

#include "engine/expr/expressions.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using ddb::AttributeAction;
using ddb::AttributeValue;
using testing::ErrorOf;
using testing::N;
using testing::S;

AttributeValue L(ddb::AttributeList l) { return AttributeValue::L(std::move(l)); }
AttributeValue M(ddb::Item m) { return AttributeValue::M(std::move(m)); }
AttributeValue SS(std::vector<std::string> v) { return AttributeValue::SS(std::move(v)); }
AttributeValue NS(std::vector<int64_t> v) {
  std::vector<ddb::Number> numbers;
  for (int64_t n : v) numbers.push_back(ddb::Number::FromInt(n));
  return AttributeValue::NS(std::move(numbers));
}

ddb::AttributeValueUpdate Update(std::optional<AttributeValue> value,
                                 std::optional<AttributeAction> action) {
  return ddb::AttributeValueUpdate{std::move(value), action};
}

const ddb::Item kBase = {{"id", S("k")},   {"n", N(10)},         {"s", S("str")},
                         {"l", L({N(1)})}, {"ss", SS({"a", "b"})}, {"ns", NS({1, 2})}};

ddb::Result<ddb::Item> Applied(const ddb::AttributeUpdates& updates, ddb::Item item = kBase) {
  XR_ASSIGN_OR_RETURN(UpdateExpression update, UpdateFromAttributeUpdates(updates));
  XR_RETURN_IF_ERROR(update.Apply(&item));
  return item;
}

ddb::Item With(ddb::Item item, const std::string& name, AttributeValue v) {
  item[name] = std::move(v);
  return item;
}

void ExpectItem(const ddb::AttributeUpdates& updates, const ddb::Item& want,
                ddb::Item item = kBase) {
  auto got = Applied(updates, std::move(item));
  ASSERT_TRUE(got.ok()) << ErrorOf(got);
  EXPECT_EQ(M(*got), M(want)) << M(*got).DebugString();
}

constexpr std::string_view kMismatch = "Type mismatch for attribute to update";

TEST(AttributeUpdatesTest, Put) {
  ExpectItem({{"s", Update(S("new"), std::nullopt)}, {"x", Update(N(1), AttributeAction::PUT)}},
             With(With(kBase, "s", S("new")), "x", N(1)));
}

TEST(AttributeUpdatesTest, Add) {
  ExpectItem({{"n", Update(N(5), AttributeAction::ADD)}, {"x", Update(N(2), AttributeAction::ADD)}},
             With(With(kBase, "n", N(15)), "x", N(2)));
  ExpectItem({{"ss", Update(SS({"b", "c"}), AttributeAction::ADD)},
              {"ns", Update(NS({3}), AttributeAction::ADD)}},
             With(With(kBase, "ss", SS({"a", "b", "c"})), "ns", NS({1, 2, 3})));
  // The legacy ADD appends lists (duplicates kept) and creates missing attributes.
  ExpectItem({{"l", Update(L({N(1), S("x")}), AttributeAction::ADD)},
              {"nl", Update(L({N(3)}), AttributeAction::ADD)}},
             With(With(kBase, "l", L({N(1), N(1), S("x")})), "nl", L({N(3)})));
  EXPECT_EQ(ErrorOf(Applied({{"s", Update(N(1), AttributeAction::ADD)}})), kMismatch);
  EXPECT_EQ(ErrorOf(Applied({{"n", Update(SS({"a"}), AttributeAction::ADD)}})), kMismatch);
  EXPECT_EQ(ErrorOf(Applied({{"ss", Update(NS({1}), AttributeAction::ADD)}})), kMismatch);
  EXPECT_EQ(ErrorOf(Applied({{"n", Update(L({N(1)}), AttributeAction::ADD)}})), kMismatch);
}

TEST(AttributeUpdatesTest, Delete) {
  ddb::Item want = kBase;
  want.erase("s");
  want.erase("ns");  // emptied sets disappear
  want["ss"] = SS({"b"});
  ExpectItem({{"s", Update(std::nullopt, AttributeAction::DELETE)},
              {"ss", Update(SS({"a", "z"}), AttributeAction::DELETE)},
              {"ns", Update(NS({1, 2}), AttributeAction::DELETE)},
              {"absent", Update(SS({"a"}), AttributeAction::DELETE)},
              {"gone", Update(std::nullopt, AttributeAction::DELETE)}},
             want);
  EXPECT_EQ(ErrorOf(Applied({{"ss", Update(NS({1}), AttributeAction::DELETE)}})), kMismatch);
  EXPECT_EQ(ErrorOf(Applied({{"s", Update(SS({"a"}), AttributeAction::DELETE)}})), kMismatch);
}

TEST(AttributeUpdatesTest, ValidationMessages) {
  const std::string prefix = "One or more parameter values were invalid: ";
  const std::string no_value = prefix +
                               "Only DELETE action is allowed when no attribute value is "
                               "specified";
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates({{"a", Update(std::nullopt, std::nullopt)}})),
            no_value);
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates(
                {{"a", Update(std::nullopt, AttributeAction::ADD)}})),
            no_value);
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates({{"a", Update(S("x"), AttributeAction::DELETE)}})),
            prefix + "DELETE action with value is not supported for the type S");
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates(
                {{"a", Update(L({N(1)}), AttributeAction::DELETE)}})),
            prefix + "DELETE action with value is not supported for the type L");
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates({{"a", Update(S("x"), AttributeAction::ADD)}})),
            prefix + "ADD action is not supported for the type S");
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates(
                {{"a", Update(AttributeValue::Bool(true), AttributeAction::ADD)}})),
            prefix + "ADD action is not supported for the type BOOL");
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates({{"a", Update(M({}), AttributeAction::ADD)}})),
            prefix + "ADD action is not supported for the type M");
  // The value itself is checked first, entry by entry in name order.
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates(
                {{"a", Update(SS({}), AttributeAction::ADD)},
                 {"b", Update(std::nullopt, AttributeAction::PUT)}})),
            prefix + "An string set  may not be empty");
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates(
                {{"a", Update(std::nullopt, AttributeAction::PUT)},
                 {"b", Update(SS({}), AttributeAction::ADD)}})),
            no_value);
}

TEST(AttributeUpdatesTest, PathsAreTheAttributes) {
  auto update = UpdateFromAttributeUpdates({{"b", Update(N(1), std::nullopt)},
                                            {"a", Update(std::nullopt, AttributeAction::DELETE)}});
  ASSERT_TRUE(update.ok()) << ErrorOf(update);
  ASSERT_EQ(update->paths().size(), 2u);
  EXPECT_EQ(update->paths()[0][0].name, "a");
  EXPECT_EQ(update->paths()[1][0].name, "b");
  ddb::Item item = {{"id", S("k")}};
  ASSERT_TRUE(update->Apply(&item).ok());
  EXPECT_EQ(M(item), M({{"id", S("k")}, {"b", N(1)}}));
}

// UPDATED_OLD / UPDATED_NEW: nested structure kept, list elements closed up in index order,
// missing paths left out.
TEST(ProjectPathsTest, KeepsStructureAndClosesUpLists) {
  const ddb::Item item = {{"a", M({{"b", N(1)}, {"c", N(2)}})},
                          {"l", L({N(0), N(1), N(2), N(3)})},
                          {"x", N(5)},
                          {"nested", L({M({{"p", N(1)}, {"q", N(2)}})})}};
  auto parsed = ParseUpdate("SET a.b = :v, l[3] = :v, l[1] = :v, x = :v, absent = :v, "
                            "a.zz = :v, l[9] = :v, nested[0].q = :v",
                            {}, {{":v", N(0)}}, nullptr);
  ASSERT_TRUE(parsed.ok()) << ErrorOf(parsed);
  const ddb::Item want = {{"a", M({{"b", N(1)}})},
                          {"l", L({N(1), N(3)})},
                          {"x", N(5)},
                          {"nested", L({M({{"q", N(2)}})})}};
  EXPECT_EQ(M(ProjectPaths(item, parsed->paths())), M(want));
  EXPECT_TRUE(ProjectPaths(item, {}).empty());
}

}  // namespace
}  // namespace engine::expr
