// Condition::Evaluate: DynamoDB's semantics for every operator and function on every type.
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

class EvaluateTest : public ::testing::Test {
 protected:
  EvaluateTest() {
    item_ = {
        {"s", S("hello")},
        {"n", N(10)},
        {"d", Num("10.50")},
        {"b", B(std::string("\x01\x80\xff", 3))},
        {"t", AttributeValue::Bool(true)},
        {"z", AttributeValue::Nul()},
        {"ss", AttributeValue::SS({"x", "y"})},
        {"ns", AttributeValue::NS({ddb::Number::FromInt(1), ddb::Number::FromInt(2)})},
        {"bs", AttributeValue::BS({"a", "b"})},
        {"l", AttributeValue::L({S("x"), N(2), AttributeValue::M({{"k", S("v")}})})},
        {"m", AttributeValue::M({{"a", AttributeValue::M({{"b", AttributeValue::L({N(7), N(8)})}})},
                                 {"x", S("y")}})},
        {"blank", S("")},
    };
    values_ = {
        {":s", S("hello")},
        {":h", S("he")},
        {":lo", S("a")},
        {":hi", S("z")},
        {":n", N(10)},
        {":n1", Num("10.0")},
        {":n5", N(5)},
        {":n20", N(20)},
        {":d", Num("10.5")},
        {":b", B(std::string("\x01\x80\xff", 3))},
        {":bp", B(std::string("\x01\x80", 2))},
        {":b7f", B(std::string("\x7f", 1))},
        {":t", AttributeValue::Bool(true)},
        {":f", AttributeValue::Bool(false)},
        {":null", AttributeValue::Nul()},
        {":x", S("x")},
        {":one", N(1)},
        {":a", S("a")},
        {":k", AttributeValue::M({{"k", S("v")}})},
        {":ss", AttributeValue::SS({"y", "x"})},
        {":2", N(2)},
        {":3", N(3)},
        {":tS", S("S")},
        {":tN", S("N")},
        {":tB", S("B")},
        {":tBOOL", S("BOOL")},
        {":tNULL", S("NULL")},
        {":tM", S("M")},
        {":tL", S("L")},
        {":tSS", S("SS")},
        {":tNS", S("NS")},
        {":tBS", S("BS")},
        {":ell", S("ell")},
        {":empty", S("")},
        {":7", N(7)},
        {":y", S("y")},
        {":0", N(0)},
    };
  }

  // Evaluates expr against item_; fails the test if it does not parse.
  bool Eval(std::string_view expr) {
    auto c = ParseCondition(expr, names_, values_, nullptr);
    EXPECT_TRUE(c.ok()) << expr << ": " << ErrorOf(c);
    return c.ok() && c->Evaluate(item_);
  }

  ddb::Item item_;
  ddb::ExpressionAttributeNames names_ = {{"#s", "s"}, {"#dot", "a.b"}};
  ddb::ExpressionAttributeValues values_;
};

TEST_F(EvaluateTest, EqualityOnEveryType) {
  EXPECT_TRUE(Eval("s = :s"));
  EXPECT_FALSE(Eval("s = :h"));
  EXPECT_TRUE(Eval("n = :n1"));  // numeric, not textual
  EXPECT_TRUE(Eval("d = :d"));
  EXPECT_TRUE(Eval("b = :b"));
  EXPECT_TRUE(Eval("t = :t"));
  EXPECT_FALSE(Eval("t = :f"));
  EXPECT_TRUE(Eval("z = :null"));
  EXPECT_TRUE(Eval("ss = :ss"));  // sets ignore order
  EXPECT_TRUE(Eval("l[2] = :k"));
  EXPECT_FALSE(Eval("n = :s"));  // different types are never equal
  EXPECT_TRUE(Eval("n <> :s"));
  EXPECT_FALSE(Eval("s <> :s"));
  EXPECT_TRUE(Eval("#s = :s"));
  EXPECT_TRUE(Eval(":s = s"));
  EXPECT_TRUE(Eval(":n = :n1"));
}

TEST_F(EvaluateTest, OrderingOnOrderedTypes) {
  EXPECT_TRUE(Eval("n > :n5"));
  EXPECT_TRUE(Eval("n >= :n1"));
  EXPECT_TRUE(Eval("n <= :n1"));
  EXPECT_TRUE(Eval("n < :d"));
  EXPECT_FALSE(Eval("n < :n5"));
  EXPECT_TRUE(Eval("s > :h"));
  EXPECT_TRUE(Eval("s < :hi"));
  EXPECT_TRUE(Eval("b > :bp"));
  EXPECT_TRUE(Eval("b < :b7f"));
  values_[":b80"] = B("\x80");
  EXPECT_TRUE(Eval(":b80 > :b7f"));  // bytes compare unsigned
  values_[":e"] = S("\xc3\xa9");
  EXPECT_TRUE(Eval(":e > :hi"));  // strings compare by UTF-8 bytes
}

TEST_F(EvaluateTest, OrderingAcrossTypesIsFalse) {
  EXPECT_FALSE(Eval("n < :s"));
  EXPECT_FALSE(Eval("n > :s"));
  EXPECT_FALSE(Eval("s >= :n"));
  // Item attributes of unordered types make ordering false (constants of such types are
  // refused at parse time, see the parser tests).
  EXPECT_FALSE(Eval("t < :n"));
  EXPECT_FALSE(Eval("t <= z"));
  EXPECT_FALSE(Eval("ss >= :s"));
  EXPECT_FALSE(Eval("l > :n"));
  EXPECT_FALSE(Eval("m.a <= :s"));
}

TEST_F(EvaluateTest, Between) {
  EXPECT_TRUE(Eval("n BETWEEN :n5 AND :n20"));
  EXPECT_TRUE(Eval("n BETWEEN :n AND :n1"));  // inclusive
  EXPECT_FALSE(Eval("n BETWEEN :d AND :n20"));
  EXPECT_TRUE(Eval("s BETWEEN :lo AND :hi"));
  EXPECT_FALSE(Eval("s BETWEEN :n5 AND :n20"));
  EXPECT_FALSE(Eval("nope BETWEEN :n5 AND :n20"));
}

TEST_F(EvaluateTest, In) {
  EXPECT_TRUE(Eval("n IN (:n5, :n1)"));
  EXPECT_FALSE(Eval("n IN (:n5, :s)"));
  EXPECT_TRUE(Eval("s in (:s)"));
  EXPECT_TRUE(Eval("l[2] IN (:k)"));
  EXPECT_FALSE(Eval("nope IN (:n5, :null)"));
  EXPECT_TRUE(Eval("n IN (s, n)"));  // operands may be paths
}

TEST_F(EvaluateTest, MissingAttributes) {
  EXPECT_FALSE(Eval("nope = :s"));
  EXPECT_TRUE(Eval("nope <> :s"));
  EXPECT_FALSE(Eval("nope < :s"));
  EXPECT_FALSE(Eval("nope >= :s"));
  EXPECT_FALSE(Eval("m.a.nope = :s"));
  EXPECT_FALSE(Eval("l[9] = :s"));
  EXPECT_FALSE(Eval("s.x = :s"));  // a string has no members
  EXPECT_FALSE(Eval("s[0] = :s"));
  EXPECT_FALSE(Eval("begins_with(nope, :h)"));
  EXPECT_FALSE(Eval("contains(nope, :h)"));
  EXPECT_FALSE(Eval("size(nope) >= :0"));
  EXPECT_TRUE(Eval("NOT nope = :s"));
}

TEST_F(EvaluateTest, NestedPaths) {
  EXPECT_FALSE(Eval("m.a.b[1] = :2"));
  EXPECT_TRUE(Eval("l [ 2 ] . k = m.x") == false);
  values_[":8"] = N(8);
  EXPECT_TRUE(Eval("m.a.b[1] = :8"));
  EXPECT_TRUE(Eval("m.a.b[0] = :7"));
  EXPECT_TRUE(Eval("l[0] = :x"));
  EXPECT_TRUE(Eval("m.x = :y"));
  EXPECT_FALSE(Eval("#dot = :s"));  // "#dot" names the attribute "a.b", not a path
  item_["a.b"] = S("hello");
  EXPECT_TRUE(Eval("#dot = :s"));
}

TEST_F(EvaluateTest, AttributeExistsAndNotExists) {
  EXPECT_TRUE(Eval("attribute_exists(s)"));
  EXPECT_TRUE(Eval("attribute_exists(z)"));  // NULL is a value
  EXPECT_TRUE(Eval("attribute_exists(m.a.b[1])"));
  EXPECT_FALSE(Eval("attribute_exists(m.a.b[2])"));
  EXPECT_FALSE(Eval("attribute_exists(nope)"));
  EXPECT_TRUE(Eval("attribute_not_exists(nope)"));
  EXPECT_FALSE(Eval("attribute_not_exists(#s)"));
}

TEST_F(EvaluateTest, AttributeType) {
  const std::pair<const char*, const char*> typed[] = {
      {"s", ":tS"}, {"n", ":tN"}, {"b", ":tB"},   {"t", ":tBOOL"}, {"z", ":tNULL"},
      {"m", ":tM"}, {"l", ":tL"}, {"ss", ":tSS"}, {"ns", ":tNS"},  {"bs", ":tBS"}};
  for (const auto& [attr, type] : typed) {
    for (const auto& [_, other] : typed) {
      std::string expr = std::string("attribute_type(") + attr + ", " + other + ")";
      EXPECT_EQ(Eval(expr), std::string_view(type) == other) << expr;
    }
  }
  EXPECT_FALSE(Eval("attribute_type(nope, :tS)"));
}

TEST_F(EvaluateTest, BeginsWith) {
  EXPECT_TRUE(Eval("begins_with(s, :h)"));
  EXPECT_TRUE(Eval("begins_with(s, :s)"));
  EXPECT_TRUE(Eval("begins_with(s, :empty)"));
  EXPECT_FALSE(Eval("begins_with(s, :ell)"));
  EXPECT_TRUE(Eval("begins_with(b, :bp)"));
  EXPECT_FALSE(Eval("begins_with(b, :h)"));  // B against S
  EXPECT_FALSE(Eval("begins_with(n, :h)"));
  EXPECT_FALSE(Eval("begins_with(ss, :x)"));
  EXPECT_FALSE(Eval("begins_with(l, :x)"));
}

TEST_F(EvaluateTest, Contains) {
  EXPECT_TRUE(Eval("contains(s, :ell)"));
  EXPECT_FALSE(Eval("contains(s, :x)"));
  EXPECT_TRUE(Eval("contains(ss, :x)"));
  EXPECT_FALSE(Eval("contains(ss, :a)"));
  EXPECT_TRUE(Eval("contains(ns, :2)"));
  EXPECT_FALSE(Eval("contains(ns, :3)"));
  EXPECT_FALSE(Eval("contains(ns, :x)"));
  values_[":ba"] = B("a");
  EXPECT_TRUE(Eval("contains(bs, :ba)"));
  EXPECT_FALSE(Eval("contains(bs, :a)"));  // S is not a member of a BS
  EXPECT_TRUE(Eval("contains(l, :x)"));
  EXPECT_TRUE(Eval("contains(l, :2)"));
  EXPECT_TRUE(Eval("contains(l, :k)"));  // lists hold any type
  EXPECT_FALSE(Eval("contains(l, :3)"));
  EXPECT_FALSE(Eval("contains(m, :x)"));  // maps: never
  EXPECT_FALSE(Eval("contains(n, :n)"));
  item_["part"] = S("ll");
  EXPECT_TRUE(Eval("contains(s, part)"));  // the operand may be a path
}

TEST_F(EvaluateTest, Size) {
  EXPECT_TRUE(Eval("size(s) = :n5"));
  EXPECT_TRUE(Eval("size(blank) = :0"));
  EXPECT_TRUE(Eval("size(b) = :3"));
  EXPECT_TRUE(Eval("size(ss) = :2"));
  EXPECT_TRUE(Eval("size(ns) = :2"));
  EXPECT_TRUE(Eval("size(bs) = :2"));
  EXPECT_TRUE(Eval("size(l) = :3"));
  EXPECT_TRUE(Eval("size(m) = :2"));
  EXPECT_TRUE(Eval("size(m.a.b) < :3"));
  EXPECT_FALSE(Eval("size(n) = :2"));  // numbers have no size
  EXPECT_FALSE(Eval("size(t) >= :0"));
  EXPECT_FALSE(Eval("size(z) >= :0"));
  EXPECT_TRUE(Eval(":3 = size(l)"));
  EXPECT_TRUE(Eval("size(s) BETWEEN :3 AND :n5"));
  EXPECT_TRUE(Eval("size(s) IN (:n5)"));
  EXPECT_TRUE(Eval("size(:s) = :n5"));
  // Strings are measured in UTF-16 code units, as DynamoDB measures them (dynalite agrees):
  // é is one (two bytes of UTF-8), U+1D11E a surrogate pair (four bytes).
  item_["u"] = S("\xc3\xa9");
  EXPECT_TRUE(Eval("size(u) = :one"));
  item_["u"] = S("\xc3\xa9\xf0\x9d\x84\x9e");
  EXPECT_TRUE(Eval("size(u) = :3"));
  item_["u"] = S("\xe2\x82\xac" "a");  // a three-byte character and an ASCII one
  EXPECT_TRUE(Eval("size(u) = :2"));
}

TEST_F(EvaluateTest, LogicAndPrecedence) {
  EXPECT_TRUE(Eval("s = :s AND n = :n"));
  EXPECT_FALSE(Eval("s = :s AND n = :s"));
  EXPECT_TRUE(Eval("s = :n OR n = :n"));
  EXPECT_FALSE(Eval("NOT s = :s"));
  // AND binds tighter than OR: true OR (false AND false).
  EXPECT_TRUE(Eval("s = :s OR n = :s AND n = :s"));
  EXPECT_FALSE(Eval("(s = :s OR n = :s) AND n = :s"));
  // NOT binds tighter than AND: (NOT false) AND true.
  EXPECT_TRUE(Eval("NOT n = :s AND s = :s"));
  EXPECT_FALSE(Eval("NOT (n = :n AND s = :s)"));
  EXPECT_TRUE(Eval("NOT NOT s = :s"));
  EXPECT_TRUE(Eval("not (s = :h) and (n = :n or n = :s)"));
  EXPECT_TRUE(Eval("(s) = :s"));
  EXPECT_TRUE(Eval("(size(s)) = (:n5)"));
}

TEST(ConditionTest, EmptyConditionIsTrueAndCopiesShareTheTree) {
  Condition empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(empty.Evaluate({}));
  auto c = ParseCondition("attribute_exists(a)", {}, {}, nullptr);
  ASSERT_TRUE(c.ok());
  Condition copy = *c;
  EXPECT_FALSE(copy.empty());
  EXPECT_TRUE(copy.Evaluate({{"a", S("x")}}));
  EXPECT_FALSE(copy.Evaluate({}));
}

}  // namespace
}  // namespace engine::expr
