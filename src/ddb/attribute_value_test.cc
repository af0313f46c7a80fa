#include "ddb/attribute_value.h"

#include <gtest/gtest.h>

#include "ddb/base64.h"
#include "ddb/model.h"

namespace ddb {
namespace {

Number Num(std::string_view text) { return *Number::Parse(text); }

TEST(AttributeValueTest, TypeNames) {
  EXPECT_EQ(AttributeTypeName(AttributeType::S), "S");
  EXPECT_EQ(AttributeTypeName(AttributeType::NULL_), "NULL");
  EXPECT_EQ(AttributeTypeName(AttributeType::BS), "BS");
  EXPECT_EQ(AttributeValue::Nul().type(), AttributeType::NULL_);
  EXPECT_EQ(AttributeValue::NS({}).type(), AttributeType::NS);
}

TEST(AttributeValueTest, EqualityHasDynamoDbSemantics) {
  EXPECT_EQ(AttributeValue::N(Num("1.0")), AttributeValue::N(1));
  EXPECT_NE(AttributeValue::N(1), AttributeValue::S("1"));
  EXPECT_NE(AttributeValue::S("x"), AttributeValue::B("x"));
  EXPECT_EQ(AttributeValue::SS({"a", "b"}), AttributeValue::SS({"b", "a"}));
  EXPECT_NE(AttributeValue::SS({"a", "b"}), AttributeValue::SS({"a", "c"}));
  EXPECT_NE(AttributeValue::SS({"a"}), AttributeValue::SS({"a", "a"}));
  EXPECT_EQ(AttributeValue::NS({Num("1"), Num("2.50")}),
            AttributeValue::NS({Num("2.5"), Num("1")}));
  EXPECT_EQ(AttributeValue::BS({"\x01", "\x02"}), AttributeValue::BS({"\x02", "\x01"}));
  EXPECT_NE(AttributeValue::L({AttributeValue::N(1), AttributeValue::N(2)}),
            AttributeValue::L({AttributeValue::N(2), AttributeValue::N(1)}));
  EXPECT_EQ(AttributeValue::M({{"a", AttributeValue::NS({Num("1"), Num("2")})}}),
            AttributeValue::M({{"a", AttributeValue::NS({Num("2"), Num("1e0")})}}));
  EXPECT_NE(AttributeValue::M({{"a", AttributeValue::N(1)}}),
            AttributeValue::M({{"b", AttributeValue::N(1)}}));
  EXPECT_EQ(AttributeValue::Bool(true), AttributeValue::Bool(true));
  EXPECT_NE(AttributeValue::Bool(true), AttributeValue::Bool(false));
  EXPECT_EQ(AttributeValue::Nul(), AttributeValue());
}

TEST(AttributeValueTest, DebugString) {
  Item item = {{"id", AttributeValue::S("a\"b")},
               {"n", AttributeValue::N(Num("1e2"))},
               {"b", AttributeValue::B("hi")},
               {"l", AttributeValue::L({AttributeValue::Bool(true), AttributeValue::Nul()})},
               {"ss", AttributeValue::SS({"x"})}};
  EXPECT_EQ(AttributeValue::M(item).DebugString(),
            R"({"M":{"b":{"B":"aGk="},"id":{"S":"a\"b"},"l":{"L":[{"BOOL":true},{"NULL":true}]},)"
            R"("n":{"N":"100"},"ss":{"SS":["x"]}}})");
}

// Expected sizes below are worked out by hand from "Item sizes and formats" in the DynamoDB
// developer guide: name bytes + value bytes; numbers 1 byte + 1 per two significant digits
// (base-100 digits aligned on the decimal point) + 1 if negative; null/bool 1; list/map
// 3 + per element (value + 1); sets the sum of their members.
TEST(AttributeValueTest, NumberSizes) {
  auto size = [](std::string_view n) { return AttributeValueSize(AttributeValue::N(Num(n))); };
  EXPECT_EQ(size("0"), 1u);
  EXPECT_EQ(size("27"), 2u);   // AWS's example
  EXPECT_EQ(size("-27"), 3u);  // AWS's example: negative numbers take one more byte
  EXPECT_EQ(size("461"), 3u);  // AWS's example: 4|61
  EXPECT_EQ(size("1"), 2u);
  EXPECT_EQ(size("100"), 2u);         // 1|00: trailing zero pairs are not stored
  EXPECT_EQ(size("1000"), 2u);        // 10|00
  EXPECT_EQ(size("12345"), 4u);       // 1|23|45
  EXPECT_EQ(size("0.5"), 2u);         // .50
  EXPECT_EQ(size("1.5"), 3u);         // 1|.50
  EXPECT_EQ(size("0.001"), 2u);       // .00|10
  EXPECT_EQ(size("1786461547"), 6u);  // 17|86|46|15|47
  EXPECT_EQ(size(std::string(38, '9')), 20u);
  EXPECT_EQ(size("9." + std::string(37, '9')), 21u);  // 9|.99|...: 20 pairs
  EXPECT_EQ(size("-9." + std::string(37, '9')), 22u);
}

TEST(AttributeValueTest, ScalarAndContainerSizes) {
  EXPECT_EQ(AttributeValueSize(AttributeValue::S("hello")), 5u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::S("\xc3\xa9")), 2u);  // é: UTF-8 bytes
  EXPECT_EQ(AttributeValueSize(AttributeValue::B(std::string(10, '\0'))), 10u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::Bool(false)), 1u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::Nul()), 1u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::L({})), 3u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::M({})), 3u);
  // 3 + (1 + 1) + (5 + 1)
  EXPECT_EQ(AttributeValueSize(
                AttributeValue::L({AttributeValue::Bool(true), AttributeValue::S("abcde")})),
            11u);
  // 3 + ("k"=1 + "v"=1 + 1)
  EXPECT_EQ(AttributeValueSize(AttributeValue::M({{"k", AttributeValue::S("v")}})), 6u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::SS({"ab", "cde"})), 5u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::NS({Num("27"), Num("-27")})), 5u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::BS({"a", "bb"})), 3u);
}

TEST(AttributeValueTest, ItemSize) {
  // id(2)+"abc"(3) + count(5)+27(2) + tags(4)+L[3 + (S "x" 1+1) + (N 461 3+1)] = 5+7+13
  Item item = {{"id", AttributeValue::S("abc")},
               {"count", AttributeValue::N(27)},
               {"tags", AttributeValue::L({AttributeValue::S("x"), AttributeValue::N(461)})}};
  EXPECT_EQ(ItemSize(item), 25u);
  EXPECT_EQ(ItemSize({}), 0u);
  Item nested = {
      {"m", AttributeValue::M({{"in", AttributeValue::M({{"z", AttributeValue::Nul()}})}})}};
  // m(1) + [3 + in(2) + [3 + z(1) + 1 + 1] + 1]
  EXPECT_EQ(ItemSize(nested), 1u + 3 + 2 + 6 + 1);
}

TEST(ModelTest, EnumNamesRoundTrip) {
  for (auto v : {Select::ALL_ATTRIBUTES, Select::ALL_PROJECTED_ATTRIBUTES,
                 Select::SPECIFIC_ATTRIBUTES, Select::COUNT}) {
    EXPECT_EQ(ParseSelect(ToString(v)), v);
  }
  EXPECT_EQ(ToString(BillingMode::PAY_PER_REQUEST), "PAY_PER_REQUEST");
  EXPECT_EQ(ParseBillingMode("PROVISIONED"), BillingMode::PROVISIONED);
  EXPECT_EQ(ParseKeyType("RANGE"), KeyType::RANGE);
  EXPECT_EQ(ParseKeyType("range"), std::nullopt);
  EXPECT_EQ(ParseScalarAttributeType("B"), ScalarAttributeType::B);
  EXPECT_EQ(ParseProjectionType("KEYS_ONLY"), ProjectionType::KEYS_ONLY);
  EXPECT_EQ(ParseTableStatus("DELETING"), TableStatus::DELETING);
  EXPECT_EQ(ParseIndexStatus("ACTIVE"), IndexStatus::ACTIVE);
  EXPECT_EQ(ParseReturnValue("ALL_OLD"), ReturnValue::ALL_OLD);
  EXPECT_EQ(ToString(TableStatus::CREATING), "CREATING");
}

TEST(Base64Test, RoundTripsAndIsStrict) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(*Base64Decode(Base64Encode(s)), s);
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(*Base64Decode(Base64Encode(all)), all);
  for (const char* bad :
       {"Zg=", "Zg", "Z===", "====", "Zm9v!A==", "Zg==Zg==", "Zh==", "Zm9=", "Zm 9v", "Zm9v\n"}) {
    auto r = Base64Decode(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  }
}

}  // namespace
}  // namespace ddb
