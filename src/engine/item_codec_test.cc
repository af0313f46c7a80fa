#include "engine/item_codec.h"

#include <gtest/gtest.h>

#include "engine/catalog.h"

namespace engine {
namespace {

using ddb::AttributeValue;

ddb::Number Num(std::string_view text) { return ddb::Number::Parse(text).value(); }

ddb::Item EveryType() {
  ddb::Item nested{{"inner", AttributeValue::S("x")}, {"n", AttributeValue::N(Num("-0.5"))}};
  return {
      {"s", AttributeValue::S("héllo\0world")},
      {"s0", AttributeValue::S(std::string("a\0b", 3))},
      {"n", AttributeValue::N(Num("12345678901234567890123456789012345678"))},
      {"nsmall", AttributeValue::N(Num("1E-130"))},
      {"nbig", AttributeValue::N(Num("-9.9999999999999999999999999999999999999E+125"))},
      {"nzero", AttributeValue::N(Num("0"))},
      {"b", AttributeValue::B(std::string("\x00\xFF\x01", 3))},
      {"t", AttributeValue::Bool(true)},
      {"f", AttributeValue::Bool(false)},
      {"null", AttributeValue::Nul()},
      {"m", AttributeValue::M(nested)},
      {"emptym", AttributeValue::M({})},
      {"l", AttributeValue::L({AttributeValue::S("a"), AttributeValue::N(1), AttributeValue::L({}),
                               AttributeValue::M(nested)})},
      {"ss", AttributeValue::SS({"b", "a", ""})},
      {"ns", AttributeValue::NS({Num("3"), Num("-1.25"), Num("1E100")})},
      {"bs", AttributeValue::BS({std::string("\x00", 1), "z"})},
  };
}

TEST(ItemCodecTest, RoundTripsEveryType) {
  const ddb::Item item = EveryType();
  const std::string bytes = itemcodec::EncodeItem(item);
  auto decoded = itemcodec::DecodeItem(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
  EXPECT_EQ(*decoded, item);
  // Exact: the number text and set order survive too, not only DynamoDB equality.
  EXPECT_EQ(decoded->at("n").n().ToString(), "12345678901234567890123456789012345678");
  EXPECT_EQ(decoded->at("nsmall").n().ToString(), item.at("nsmall").n().ToString());
  EXPECT_EQ(decoded->at("ss").ss(), item.at("ss").ss());
  EXPECT_EQ(decoded->at("s0").s(), std::string("a\0b", 3));
  EXPECT_EQ(decoded->at("b").b(), std::string("\x00\xFF\x01", 3));
  EXPECT_TRUE(decoded->at("null").is_null());
  EXPECT_TRUE(decoded->at("t").boolean());
}

TEST(ItemCodecTest, HeaderHoldsTheItemSize) {
  const ddb::Item item = EveryType();
  auto size = itemcodec::EncodedItemSize(itemcodec::EncodeItem(item));
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, ddb::ItemSize(item));
  EXPECT_FALSE(itemcodec::EncodedItemSize("").ok());
}

TEST(ItemCodecTest, NumbersRoundTripExactly) {
  for (const char* text :
       {"0", "1", "-1", "100", "0.001", "-123.456", "18446744073709551615", "18446744073709551616",
        "-99999999999999999999999999999999999999", "1E+125", "-1E-130", "4.2E-7"}) {
    const ddb::Item item{{"n", AttributeValue::N(Num(text))},
                         {"ns", AttributeValue::NS({Num(text), Num("7")})}};
    auto decoded = itemcodec::DecodeItem(itemcodec::EncodeItem(item));
    ASSERT_TRUE(decoded.ok()) << text;
    EXPECT_EQ(decoded->at("n").n().ToString(), Num(text).ToString()) << text;
    EXPECT_EQ(decoded->at("ns").ns()[0].ToString(), Num(text).ToString()) << text;
  }
}

TEST(ItemCodecTest, NumberPartsAreValidated) {
  // A stored coefficient of 39 digits (10^38 + 1) cannot be a DynamoDB number.
  std::string bytes = itemcodec::EncodeItem({{"n", AttributeValue::N(Num("1"))}});
  const std::string one = std::string(1, '\x02') + '\0' + '\x01';  // 1 byte, exponent 0, 1
  const size_t at = bytes.find(one);
  ASSERT_NE(at, std::string::npos);
  ddb::Number::Coefficient c = 1;
  for (int i = 0; i < 38; ++i) c *= 10;
  c += 1;
  std::string big(1, static_cast<char>(16 << 1));
  big.push_back('\0');
  for (int i = 0; i < 16; ++i, c >>= 8) big.push_back(static_cast<char>(c & 0xFF));
  bytes.replace(at, one.size(), big);
  auto decoded = itemcodec::DecodeItem(bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, ddb::ErrorCode::kIO);
}

TEST(ItemCodecTest, EmptyItem) {
  auto decoded = itemcodec::DecodeItem(itemcodec::EncodeItem(ddb::Item{}));
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->empty());
}

TEST(ItemCodecTest, CorruptInputIsAnErrorNotACrash) {
  const std::string bytes = itemcodec::EncodeItem(EveryType());
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    auto decoded = itemcodec::DecodeItem(std::string_view(bytes).substr(0, cut));
    ASSERT_FALSE(decoded.ok()) << "truncated at " << cut;
    EXPECT_EQ(decoded.error().code, ddb::ErrorCode::kIO);
  }
  std::string flipped = bytes;
  for (size_t i = 1; i < flipped.size(); i += 3) {
    std::string copy = bytes;
    copy[i] = static_cast<char>(copy[i] ^ 0x5A);
    (void)itemcodec::DecodeItem(copy);  // any result, but no crash or sanitizer report
  }
  EXPECT_FALSE(itemcodec::DecodeItem(bytes + "x").ok());
}

TEST(CatalogTest, TableMetaRoundTrip) {
  TableMeta meta;
  meta.id = 77;
  meta.name = "orders";
  meta.uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
  meta.key.hash = {"pk", ddb::ScalarAttributeType::S};
  meta.key.range = KeyAttr{"sk", ddb::ScalarAttributeType::N};
  meta.attribute_definitions = {{"pk", ddb::ScalarAttributeType::S},
                                {"sk", ddb::ScalarAttributeType::N},
                                {"email", ddb::ScalarAttributeType::B}};
  IndexMeta index;
  index.id = 3;
  index.name = "byEmail";
  index.key.hash = {"email", ddb::ScalarAttributeType::B};
  index.projection.projection_type = ddb::ProjectionType::INCLUDE;
  index.projection.non_key_attributes = {"a", "b"};
  index.throughput = ddb::ProvisionedThroughput{5, 7};
  index.created_ms = 1700000000123;
  meta.indexes.push_back(index);
  meta.billing_mode = ddb::BillingMode::PROVISIONED;
  meta.throughput = ddb::ProvisionedThroughput{1, 2};
  meta.created_ms = 1700000000000;
  meta.deleted_ms = -5;
  meta.next_index_id = 4;

  auto decoded = DecodeTableMeta(EncodeTableMeta(meta));
  ASSERT_TRUE(decoded.ok()) << decoded.error().ToString();
  EXPECT_EQ(decoded->id, 77u);
  EXPECT_EQ(decoded->name, "orders");
  EXPECT_EQ(decoded->uuid, meta.uuid);
  EXPECT_EQ(decoded->key.range->name, "sk");
  EXPECT_EQ(decoded->key.range->type, ddb::ScalarAttributeType::N);
  EXPECT_EQ(decoded->attribute_definitions, meta.attribute_definitions);
  ASSERT_EQ(decoded->indexes.size(), 1u);
  EXPECT_EQ(decoded->indexes[0].name, "byEmail");
  EXPECT_EQ(decoded->indexes[0].id, 3);
  EXPECT_EQ(decoded->indexes[0].projection, index.projection);
  EXPECT_EQ(decoded->indexes[0].throughput, index.throughput);
  EXPECT_EQ(decoded->indexes[0].created_ms, index.created_ms);
  EXPECT_FALSE(decoded->indexes[0].key.range.has_value());
  EXPECT_EQ(decoded->billing_mode, ddb::BillingMode::PROVISIONED);
  EXPECT_EQ(decoded->throughput, meta.throughput);
  EXPECT_EQ(decoded->created_ms, meta.created_ms);
  EXPECT_EQ(decoded->deleted_ms, -5);
  EXPECT_EQ(decoded->next_index_id, 4);
  EXPECT_FALSE(DecodeTableMeta("").ok());
  EXPECT_FALSE(DecodeTableMeta(EncodeTableMeta(meta).substr(0, 10)).ok());
}

TEST(CatalogTest, LayoutKeysOrder) {
  // Catalog records (table id 0) sort before every table; a table's stats sort after its
  // indexes, inside its DeleteRange.
  EXPECT_LT(layout::CatalogKey("zzz"), layout::TablePrefix(1));
  EXPECT_LT(layout::IndexPrefix(5, 3), layout::StatsKey(5, 0));
  EXPECT_LT(layout::StatsKey(5, 9), layout::TablePrefix(6));
  int64_t count = 0, bytes = 0;
  layout::DecodeStats(layout::EncodeStats(-3, 1234567890123), &count, &bytes);
  EXPECT_EQ(count, -3);
  EXPECT_EQ(bytes, 1234567890123);
}

}  // namespace
}  // namespace engine
