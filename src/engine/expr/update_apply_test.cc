// UpdateExpression::Apply, ProjectPaths and UpdateFromAttributeUpdates: DynamoDB's results
// and messages.
#include <gtest/gtest.h>

#include "engine/expr/expressions.h"
#include "engine/expr/test_util.h"

namespace engine::expr {
namespace {

using ddb::AttributeValue;
using testing::B;
using testing::ErrorOf;
using testing::N;
using testing::Num;
using testing::S;

AttributeValue L(ddb::AttributeList l) { return AttributeValue::L(std::move(l)); }
AttributeValue M(ddb::Item m) { return AttributeValue::M(std::move(m)); }
AttributeValue SS(std::vector<std::string> v) { return AttributeValue::SS(std::move(v)); }
AttributeValue BS(std::vector<std::string> v) { return AttributeValue::BS(std::move(v)); }
AttributeValue NS(std::vector<int64_t> v) {
  std::vector<ddb::Number> numbers;
  for (int64_t n : v) numbers.push_back(ddb::Number::FromInt(n));
  return AttributeValue::NS(std::move(numbers));
}

const ddb::ExpressionAttributeNames kNames = {{"#a", "a"}};
const ddb::ExpressionAttributeValues kValues = {
    {":v", S("x")},       {":n", N(1)},          {":n5", N(5)},
    {":l", L({N(9)})},    {":ss", SS({"b", "c"})}, {":ns", NS({2, 3})},
    {":bs", BS({"\x02"})}, {":m", M({{"k", N(1)}})},
};

const ddb::Item kBase = {
    {"id", S("k")},
    {"n", N(10)},
    {"s", S("str")},
    {"lst", L({S("l0"), S("l1"), S("l2"), S("l3")})},
    {"mp", M({{"in1", M({{"x", N(1)}})}, {"arr", L({N(0), M({{"y", N(2)}})})}})},
    {"ss", SS({"a", "b"})},
    {"ns", NS({1, 2})},
    {"bs", BS({"\x01", "\x02"})},
};

// The item after applying expr to item; fails the test on a parse error.
ddb::Result<ddb::Item> Run(std::string_view expr, ddb::Item item = kBase) {
  auto update = ParseUpdate(expr, kNames, kValues, nullptr);
  EXPECT_TRUE(update.ok()) << expr << ": " << ErrorOf(update);
  if (!update.ok()) return update.error();
  XR_RETURN_IF_ERROR(update->Apply(&item));
  return item;
}

ddb::Item With(ddb::Item item, const std::string& name, AttributeValue v) {
  item[name] = std::move(v);
  return item;
}
ddb::Item Without(ddb::Item item, const std::string& name) {
  item.erase(name);
  return item;
}

void ExpectItem(std::string_view expr, const ddb::Item& want, ddb::Item item = kBase) {
  auto got = Run(expr, std::move(item));
  ASSERT_TRUE(got.ok()) << expr << ": " << ErrorOf(got);
  EXPECT_EQ(M(*got), M(want)) << expr << "\n got: " << M(*got).DebugString();
}

void ExpectError(std::string_view expr, std::string_view message, ddb::Item item = kBase) {
  EXPECT_EQ(ErrorOf(Run(expr, std::move(item))), message) << expr;
}

constexpr std::string_view kInvalidPath =
    "The document path provided in the update expression is invalid for update";
constexpr std::string_view kWrongType =
    "An operand in the update expression has an incorrect data type";
constexpr std::string_view kMissing =
    "The provided expression refers to an attribute that does not exist in the item";

TEST(UpdateApplyTest, SetTopLevelAndNested) {
  ExpectItem("SET s = :v, added = :n", With(With(kBase, "s", S("x")), "added", N(1)));
  ddb::Item want = kBase;
  want["mp"].m()["in1"].m()["x"] = S("x");
  want["mp"].m()["in1"].m()["z"] = N(1);
  want["mp"].m()["arr"].l()[1].m()["y"] = N(5);
  ExpectItem("SET mp.in1.x = :v, #a = :m, mp.in1.z = :n, mp.arr[1].y = :n5",
             With(want, "a", M({{"k", N(1)}})));
}

TEST(UpdateApplyTest, InvalidPaths) {
  ExpectError("SET absent.b = :v", kInvalidPath);
  ExpectError("SET s.b = :v", kInvalidPath);       // parent is a string
  ExpectError("SET mp[0] = :v", kInvalidPath);    // index into a map
  ExpectError("SET lst.x = :v", kInvalidPath);    // member of a list
  ExpectError("SET lst[7].x = :v", kInvalidPath); // absent list element as parent
  ExpectError("REMOVE absent.b", kInvalidPath);
  ExpectError("ADD mp.nope.c :n", kInvalidPath);
  ExpectError("DELETE s.x :ss", kInvalidPath);
}

TEST(UpdateApplyTest, ListIndexPastTheEndAppendsInIndexOrder) {
  ExpectItem("SET lst[1] = :v, lst[20] = :n5, lst[10] = :n",
             With(kBase, "lst", L({S("l0"), S("x"), S("l2"), S("l3"), N(1), N(5)})));
  ExpectItem("SET lst[4] = :v", With(kBase, "lst",
                                      L({S("l0"), S("l1"), S("l2"), S("l3"), S("x")})));
}

TEST(UpdateApplyTest, RemoveCompactsListsByOldIndexes) {
  ExpectItem("REMOVE lst[3], lst[0], lst[2], lst[9]", With(kBase, "lst", L({S("l1")})));
  // Indexes name the old list even when elements are set, removed and appended together.
  ExpectItem("REMOVE lst[0] SET lst[2] = :v, lst[8] = :n",
             With(kBase, "lst", L({S("l1"), S("x"), S("l3"), N(1)})));
  ddb::Item want = kBase;
  want["mp"].m()["arr"] = L({M({{"y", N(2)}})});
  ExpectItem("REMOVE mp.arr[0], absent, mp.in1.nothing", want);
  ExpectItem("REMOVE s, n", Without(Without(kBase, "s"), "n"));
}

TEST(UpdateApplyTest, RemoveInsideRemovedNeighbour) {
  ddb::Item item = {{"id", S("k")}, {"l", L({L({N(1), N(2)}), L({N(3), N(4)})})}};
  ddb::Item want = {{"id", S("k")}, {"l", L({L({N(4)})})}};
  ExpectItem("REMOVE l[0], l[1][0]", want, item);
}

TEST(UpdateApplyTest, ArithmeticAndFunctions) {
  ExpectItem("SET n = n + :n5", With(kBase, "n", N(15)));
  ExpectItem("SET n = :n - n", With(kBase, "n", N(-9)));
  ExpectItem("SET c = if_not_exists(c, :n5) + :n", With(kBase, "c", N(6)));
  ExpectItem("SET n = if_not_exists(n, :n5)", kBase);
  ExpectItem("SET lst = list_append(lst, :l)",
             With(kBase, "lst", L({S("l0"), S("l1"), S("l2"), S("l3"), N(9)})));
  ExpectItem("SET lst = list_append(:l, lst)",
             With(kBase, "lst", L({N(9), S("l0"), S("l1"), S("l2"), S("l3")})));
  ExpectItem("SET x = list_append(if_not_exists(x, :l), :l)", With(kBase, "x", L({N(9), N(9)})));
  ExpectError("SET n = s + :n", kWrongType);
  ExpectError("SET n = absent + :n", kMissing);
  ExpectError("SET n = list_append(n, :l)", kWrongType);
  ExpectError("SET n = list_append(:l, s)", kWrongType);
  ExpectError("SET x = absent", kMissing);
  ExpectError("SET x = mp.in1.nope", kMissing);
}

TEST(UpdateApplyTest, OperandsReadTheOldItem) {
  ddb::Item item = {{"id", S("k")}, {"a", N(1)}, {"b", N(2)}};
  ExpectItem("SET a = b, b = a", {{"id", S("k")}, {"a", N(2)}, {"b", N(1)}}, item);
  ExpectItem("SET a = :n5, b = a + :n", {{"id", S("k")}, {"a", N(5)}, {"b", N(2)}}, item);
  ExpectItem("REMOVE a SET b = a", {{"id", S("k")}, {"b", N(1)}}, item);
}

TEST(UpdateApplyTest, UpsertFromTheKeyOnly) {
  ddb::Item key = {{"id", S("k")}};
  ExpectItem("SET a = :v, n = if_not_exists(n, :n5) ADD c :n, s :ss REMOVE gone DELETE d :ns",
             {{"id", S("k")}, {"a", S("x")}, {"n", N(5)}, {"c", N(1)}, {"s", SS({"b", "c"})}},
             key);
  ExpectError("SET a.b = :v", kInvalidPath, key);
}

TEST(UpdateApplyTest, AddNumbersAndSets) {
  ExpectItem("ADD n :n5, fresh :n", With(With(kBase, "n", N(15)), "fresh", N(1)));
  ExpectItem("ADD ss :ss, ns :ns, bs :bs",
             With(With(With(kBase, "ss", SS({"a", "b", "c"})), "ns", NS({1, 2, 3})), "bs",
                  BS({"\x01", "\x02"})));
  ExpectItem("ADD newset :ss", With(kBase, "newset", SS({"b", "c"})));
  ExpectItem("ADD mp.in1.x :n", [] {
    ddb::Item want = kBase;
    want["mp"].m()["in1"].m()["x"] = N(2);
    return want;
  }());
  ExpectItem("ADD lst[6] :n", With(kBase, "lst", L({S("l0"), S("l1"), S("l2"), S("l3"), N(1)})));
  ExpectError("ADD s :n", kWrongType);
  ExpectError("ADD ns :ss", kWrongType);
  ExpectError("ADD n :ns", kWrongType);
}

TEST(UpdateApplyTest, DeleteFromSets) {
  ExpectItem("DELETE ss :ss, ns :ns, bs :bs",
             With(With(With(kBase, "ss", SS({"a"})), "ns", NS({1})), "bs", BS({"\x01"})));
  ExpectItem("DELETE absent :ss", kBase);
  // An emptied set disappears: DynamoDB has no empty sets.
  ddb::Item item = {{"id", S("k")}, {"t", SS({"b"})}, {"l", L({NS({2}), N(7)})}};
  ExpectItem("DELETE t :ss, l[0] :ns", {{"id", S("k")}, {"l", L({N(7)})}}, item);
  ExpectError("DELETE ss :ns", kWrongType);
  ExpectError("DELETE s :ss", kWrongType);
}

TEST(UpdateApplyTest, NumbersAreExact) {
  ddb::Item item = {{"id", S("k")}, {"n", Num("0.1")}};
  ddb::ExpressionAttributeValues values = {{":d", Num("0.2")}};
  auto update = ParseUpdate("ADD n :d", {}, values, nullptr);
  ASSERT_TRUE(update.ok()) << ErrorOf(update);
  ASSERT_TRUE(update->Apply(&item).ok());
  EXPECT_EQ(item["n"], Num("0.3"));
  EXPECT_EQ(item["n"].n().ToString(), "0.3");
}

}  // namespace
}  // namespace engine::expr
