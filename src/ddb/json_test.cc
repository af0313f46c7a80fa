// DynamoDB JSON codec: values and items (see json_ops_test.cc for requests/responses).
#include "ddb/json.h"

#include <gtest/gtest.h>

#include <string>

namespace ddb::json {
namespace {

Number Num(std::string_view text) { return *Number::Parse(text); }

Item EveryType() {
  return {
      {"s", AttributeValue::S("héllo \"quoted\"\n\t\\ \x01")},
      {"empty", AttributeValue::S("")},
      {"n", AttributeValue::N(Num("-12.5e-3"))},
      {"big", AttributeValue::N(Num("9.9999999999999999999999999999999999999E+125"))},
      {"b", AttributeValue::B(std::string("\x00\xff\x10 bytes", 9))},
      {"t", AttributeValue::Bool(true)},
      {"f", AttributeValue::Bool(false)},
      {"null", AttributeValue::Nul()},
      {"m", AttributeValue::M(
                {{"inner", AttributeValue::L({AttributeValue::N(1), AttributeValue::M({})})}})},
      {"l", AttributeValue::L(
                {AttributeValue::S("x"), AttributeValue::L({}), AttributeValue::SS({"a"})})},
      {"ss", AttributeValue::SS({"b", "a", ""})},
      {"ns", AttributeValue::NS({Num("1"), Num("0.5"), Num("-3")})},
      {"bs", AttributeValue::BS({"x", std::string("\0", 1), ""})},
      {"", AttributeValue::S("empty name")},
      {"ünïcode 🚀", AttributeValue::S("名前")},
  };
}

TEST(JsonValueTest, EveryTypeRoundTrips) {
  const Item item = EveryType();
  const std::string text = EncodeItem(item);
  auto decoded = DecodeItem(text);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message << "\n" << text;
  EXPECT_EQ(*decoded, item);
  EXPECT_EQ(EncodeItem(*decoded), text);  // encoding is deterministic
  for (const auto& [name, value] : item) {
    auto one = DecodeAttributeValue(EncodeAttributeValue(value));
    ASSERT_TRUE(one.ok()) << name;
    EXPECT_EQ(*one, value) << name;
  }
}

TEST(JsonValueTest, WireShapes) {
  EXPECT_EQ(EncodeAttributeValue(AttributeValue::S("x")), R"({"S":"x"})");
  EXPECT_EQ(EncodeAttributeValue(AttributeValue::N(Num("1e2"))), R"({"N":"100"})");
  EXPECT_EQ(EncodeAttributeValue(AttributeValue::B("hi")), R"({"B":"aGk="})");
  EXPECT_EQ(EncodeAttributeValue(AttributeValue::Bool(false)), R"({"BOOL":false})");
  EXPECT_EQ(EncodeAttributeValue(AttributeValue::Nul()), R"({"NULL":true})");
  EXPECT_EQ(EncodeAttributeValue(AttributeValue::NS({Num("1.50")})), R"({"NS":["1.5"]})");
  EXPECT_EQ(EncodeAttributeValue(AttributeValue::L({})), R"({"L":[]})");
  EXPECT_EQ(EncodeItem({{"a", AttributeValue::M({})}}), R"({"a":{"M":{}}})");
  auto n = DecodeAttributeValue(R"({"N":"00012.3400"})");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->n().ToString(), "12.34");
}

TEST(JsonValueTest, DecodingIsLenientWhereDynamoDbIs) {
  // Unknown members and whitespace are ignored; a null member counts as absent.
  auto v = DecodeAttributeValue(R"( { "S" : "x", "Other": 5, "N": null } )");
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(*v, AttributeValue::S("x"));
  auto escaped = DecodeAttributeValue(R"({"S":"\u00e9\ud83d\ude80\u0000z"})");
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ(escaped->s(), std::string("\xc3\xa9\xf0\x9f\x9a\x80\0z", 8));
}

ErrorCode CodeOf(std::string_view json) {
  auto r = DecodeItem(json);
  return r.ok() ? ErrorCode::kUnknown : r.error().code;
}
std::string MessageOf(std::string_view json) {
  auto r = DecodeItem(json);
  return r.ok() ? std::string("(accepted)") : r.error().message;
}

TEST(JsonValueTest, MalformedJsonIsSerializationError) {
  for (const char* bad : {"", "{", "{\"a\":}", "[1,2", "{\"a\":{\"S\":\"x\"}} trailing", "nul",
                          "{\"a\":{\"S\":\"x\"},}", "{'a':1}", "{\"a\":{\"N\":1e999}}"}) {
    EXPECT_EQ(CodeOf(bad), ErrorCode::kSerialization) << bad;
  }
  auto nul = DecodeItem(std::string("{\"a\":{\"S\":\"x\"}}\0{", 17));
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, ErrorCode::kSerialization);
  // DynamoDB says nothing more about a body that is not JSON.
  EXPECT_EQ(nul.error().message, "");
  EXPECT_EQ(MessageOf("{\"a\":}"), "");
}

TEST(JsonValueTest, WrongJsonTypeIsSerializationErrorNamingTheMember) {
  EXPECT_EQ(CodeOf(R"([])"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":"x"})"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":{"S":5}})"), ErrorCode::kSerialization);
  EXPECT_NE(MessageOf(R"({"a":{"S":5}})").find("'S'"), std::string::npos);
  EXPECT_EQ(CodeOf(R"({"a":{"N":5}})"), ErrorCode::kSerialization);
  EXPECT_NE(MessageOf(R"({"a":{"N":5}})").find("'N'"), std::string::npos);
  EXPECT_EQ(CodeOf(R"({"a":{"BOOL":"true"}})"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":{"M":[]}})"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":{"L":{}}})"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":{"SS":"x"}})"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":{"NS":[1]}})"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":{"B":"not base64!"}})"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf(R"({"a":{"BS":["Zg="]}})"), ErrorCode::kSerialization);
}

TEST(JsonValueTest, AttributeValueMustHaveExactlyOneType) {
  EXPECT_EQ(MessageOf(R"({"a":{}})"),
            "Supplied AttributeValue is empty, must contain exactly one of the supported "
            "datatypes");
  EXPECT_EQ(CodeOf(R"({"a":{"X":"y"}})"), ErrorCode::kValidation);
  EXPECT_EQ(MessageOf(R"({"a":{"S":"x","N":"1"}})"),
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
            "of the supported datatypes");
  EXPECT_EQ(CodeOf(R"({"a":{"NULL":false}})"), ErrorCode::kValidation);
}

TEST(JsonValueTest, InvalidNumbersAreNumberParseErrors) {
  EXPECT_EQ(CodeOf(R"({"a":{"N":"abc"}})"), ErrorCode::kValidation);
  EXPECT_EQ(MessageOf(R"({"a":{"N":"abc"}})"),
            "The parameter cannot be converted to a numeric value: abc");
  EXPECT_EQ(MessageOf(R"({"a":{"N":""}})"), "The parameter cannot be converted to a numeric value");
  EXPECT_EQ(MessageOf(R"({"a":{"N":"1E+126"}})"),
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
  EXPECT_EQ(MessageOf(R"({"a":{"NS":["1","123456789012345678901234567890123456789"]}})"),
            "Attempting to store more than 38 significant digits in a Number");
}

TEST(JsonValueTest, SetsMustBeNonEmptyAndWithoutDuplicates) {
  EXPECT_EQ(MessageOf(R"({"a":{"SS":[]}})"),
            "One or more parameter values were invalid: An string set  may not be empty");
  EXPECT_EQ(MessageOf(R"({"a":{"NS":[]}})"),
            "One or more parameter values were invalid: An number set  may not be empty");
  EXPECT_EQ(CodeOf(R"({"a":{"BS":[]}})"), ErrorCode::kValidation);
  EXPECT_EQ(MessageOf(R"({"a":{"SS":["x","y","x"]}})"),
            "One or more parameter values were invalid: Input collection [x, y, x] contains "
            "duplicates.");
  EXPECT_EQ(CodeOf(R"({"a":{"NS":["1","1.0"]}})"), ErrorCode::kValidation);
  EXPECT_EQ(CodeOf(R"({"a":{"BS":["Zg==","Zg=="]}})"), ErrorCode::kValidation);
  EXPECT_EQ(CodeOf(R"({"a":{"L":[{"SS":[]}]}})"), ErrorCode::kValidation);
}

std::string Nested(int wrappers, const std::string& open, const std::string& close) {
  std::string s;
  for (int i = 0; i < wrappers; ++i) s += open;
  s += R"({"S":"x"})";
  for (int i = 0; i < wrappers; ++i) s += close;
  return s;
}

TEST(JsonValueTest, NestingIsBoundedAt32Levels) {
  // An attribute with 31 map/list wrappers above a scalar is 32 levels: accepted.
  const std::string ok_map = R"({"a":)" + Nested(31, R"({"M":{"k":)", "}}") + "}";
  EXPECT_TRUE(DecodeItem(ok_map).ok()) << MessageOf(ok_map);
  const std::string ok_list = R"({"a":)" + Nested(31, R"({"L":[)", "]}") + "}";
  EXPECT_TRUE(DecodeItem(ok_list).ok());
  const std::string deep = R"({"a":)" + Nested(32, R"({"M":{"k":)", "}}") + "}";
  EXPECT_EQ(MessageOf(deep),
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit");
  // Far deeper input neither overflows the stack nor is accepted.
  const std::string very_deep = R"({"a":)" + Nested(20000, R"({"L":[)", "]}") + "}";
  EXPECT_EQ(CodeOf(very_deep), ErrorCode::kValidation);
  const std::string raw_deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(CodeOf(raw_deep), ErrorCode::kSerialization);  // not an object
}

TEST(JsonValueTest, InvalidUtf8IsRejected) {
  EXPECT_EQ(CodeOf("{\"a\":{\"S\":\"\xff\"}}"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf("{\"a\":{\"S\":\"\xc3\"}}"), ErrorCode::kSerialization);
  EXPECT_EQ(CodeOf("{\"\xed\xa0\x80\":{\"S\":\"x\"}}"), ErrorCode::kSerialization);  // surrogate
  EXPECT_EQ(CodeOf("{\"a\":{\"S\":\"\xc0\xaf\"}}"), ErrorCode::kSerialization);      // overlong
  EXPECT_TRUE(DecodeItem("{\"a\":{\"S\":\"\xc3\xa9\"}}").ok());
}

TEST(JsonErrorTest, EncodeAndDecodeErrorBodies) {
  const Error e = ValidationError("bad \"thing\"");
  const std::string body = EncodeError(e);
  EXPECT_EQ(body, R"({"__type":"com.amazon.coral.validate#ValidationException",)"
                  R"("message":"bad \"thing\""})");
  Error back = DecodeError(400, body);
  EXPECT_EQ(back.code, ErrorCode::kValidation);
  EXPECT_EQ(back.message, "bad \"thing\"");
  Error capital =
      DecodeError(400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
                       R"("Message":"Requested resource not found"})");
  EXPECT_EQ(capital.code, ErrorCode::kResourceNotFound);
  EXPECT_EQ(capital.message, "Requested resource not found");
  Error unknown = DecodeError(400, R"({"__type":"x#BrandNewException","message":"m"})");
  EXPECT_EQ(unknown.code, ErrorCode::kUnknown);
  EXPECT_NE(unknown.message.find("BrandNewException"), std::string::npos);
  Error html = DecodeError(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(html.code, ErrorCode::kInternalServerError);
  EXPECT_NE(html.message.find("502"), std::string::npos);
  EXPECT_NE(html.message.find("<html>Bad Gateway"), std::string::npos);
  EXPECT_EQ(DecodeError(503, "").code, ErrorCode::kServiceUnavailable);
  EXPECT_EQ(DecodeError(400, "").code, ErrorCode::kUnknown);
}

}  // namespace
}  // namespace ddb::json

namespace ddb::json {
namespace {

TEST(QuoteStringTest, EscapesWhatJsonRequiresAndKeepsUtf8) {
  EXPECT_EQ(QuoteString(""), "\"\"");
  EXPECT_EQ(QuoteString("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(QuoteString("l1\nl2\t\r"), R"("l1\nl2\t\r")");
  EXPECT_EQ(QuoteString(std::string("x\x01y", 3)), R"("x\u0001y")");
  EXPECT_EQ(QuoteString("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  // What it writes is what the codec reads back.
  auto v = DecodeAttributeValue("{\"S\":" + QuoteString("q\"\x02\\") + "}");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->s(), "q\"\x02\\");
}

}  // namespace
}  // namespace ddb::json

namespace ddb::json {
namespace {

// Regression (json_codec_fuzzer): a body ending inside a multi-byte UTF-8 sequence made
// RapidJSON read past the parse buffer. Now a clean error (ASan checks the reads).
TEST(JsonRegressionTest, TruncatedUtf8AtTheEndIsAnErrorNotAnOverread) {
  for (std::string body :
       {std::string("\"GlobalSeco~daryIndexUpdates3\xf0"), std::string("{\"S\":\"x\xf0"),
        std::string("{\"S\":\"x\xe2\x82"), std::string("{\"a\":{\"S\":\"\xf4\x8f\xbf")}) {
    EXPECT_FALSE(DecodeItem(body).ok());
    EXPECT_FALSE(DecodeAttributeValue(body).ok());
    EXPECT_FALSE(Decode<PutItemRequest>(body).ok());
  }
}

}  // namespace
}  // namespace ddb::json

namespace ddb::json {
namespace {

// Regression (json_codec_fuzzer): "0e99" sent RapidJSON's full-precision parser into
// __builtin_clzll(0). Zero with any exponent or fraction must read as zero; strings that
// look like such numbers must stay untouched; malformed numbers must stay errors.
TEST(JsonRegressionTest, ZeroWithAHugeExponentIsZero) {
  for (const char* zero : {"0e99", "-0E+400", "0.000e-999", "0.0", "-0.00", "0e5"}) {
    const std::string body =
        std::string(R"({"Table":{"TableName":"t","CreationDateTime":)") + zero + "}}";
    auto r = Decode<DescribeTableResponse>(body);
    ASSERT_TRUE(r.ok()) << zero << ": " << r.error().ToString();
    EXPECT_EQ(r->table.creation_date_time, 0.0) << zero;
  }
  auto s = DecodeItem(R"({"a":{"S":"0e99 \"0e5\" 0.0e1"}})");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->at("a").s(), "0e99 \"0e5\" 0.0e1");
  for (const char* bad :
       {"0e", "0.e5", "0.0e+", "00e5", "0e99e", "0e+5-3", "-0.0e9.1", "0e0e99", "-0e0e99"}) {
    const std::string body =
        std::string(R"({"Table":{"TableName":"t","CreationDateTime":)") + bad + "}}";
    EXPECT_FALSE(Decode<DescribeTableResponse>(body).ok()) << bad;
  }
  auto ok = Decode<DescribeTableResponse>(R"({"Table":{"CreationDateTime":1764042000.125}})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->table.creation_date_time, 1764042000.125);
}

}  // namespace
}  // namespace ddb::json
