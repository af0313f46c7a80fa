#include "ddb/number.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace ddb {
namespace {

Number N(std::string_view text) {
  auto r = Number::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Number();
}

std::string Canonical(std::string_view text) { return N(text).ToString(); }

TEST(NumberTest, ParsesWhatDynamoDbAccepts) {
  EXPECT_EQ(Canonical("1"), "1");
  EXPECT_EQ(Canonical("-0.5"), "-0.5");
  EXPECT_EQ(Canonical("1e5"), "100000");
  EXPECT_EQ(Canonical("1E+5"), "100000");
  EXPECT_EQ(Canonical("1.5E2"), "150");
  EXPECT_EQ(Canonical(".5"), "0.5");
  EXPECT_EQ(Canonical("5."), "5");
  EXPECT_EQ(Canonical("00012.3400"), "12.34");
  EXPECT_EQ(Canonical("00042"), "42");
  EXPECT_EQ(Canonical("1.0"), "1");
  EXPECT_EQ(Canonical("+7"), "7");
  EXPECT_EQ(Canonical("12e-3"), "0.012");
  EXPECT_EQ(Canonical("0.001"), "0.001");
  EXPECT_EQ(Canonical("-12.5"), "-12.5");
  EXPECT_EQ(Canonical("100"), "100");
  EXPECT_EQ(Canonical("1000e-3"), "1");
}

TEST(NumberTest, ZeroIsNeverNegative) {
  for (const char* z : {"0", "-0", "+0", "0.000", "-0.0e10", "0e999999999999", "000"}) {
    Number n = N(z);
    EXPECT_TRUE(n.is_zero()) << z;
    EXPECT_FALSE(n.is_negative()) << z;
    EXPECT_EQ(n.exponent(), 0) << z;
    EXPECT_EQ(n.ToString(), "0") << z;
  }
  EXPECT_EQ(N("-0"), Number());
  EXPECT_FALSE(Number::FromInt(0).is_negative());
  EXPECT_EQ(N("5").Subtract(N("5"))->ToString(), "0");
  EXPECT_FALSE(N("-5").Add(N("5"))->is_negative());
  EXPECT_FALSE(Number().Negated().is_negative());
}

TEST(NumberTest, RejectsWhatDynamoDbRejects) {
  for (const char* bad : {"",      "abc",  "1e",       "1e+",       "--1", "+",    "-",     " 1",
                          "1 ",    "NaN",  "Infinity", "-Infinity", ".",   "1..2", "1.2.3", "e5",
                          "1e5.0", "0x10", "1,000",    "١",         "1e-", "+-1",  "1_000"}) {
    auto r = Number::Parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    EXPECT_NE(r.error().message.find("cannot be converted into a number"), std::string::npos);
    if (std::string_view(bad) != "١") {  // non-ASCII bytes are shown as '?'
      EXPECT_NE(r.error().message.find(std::string("\"") + bad + "\""), std::string::npos)
          << r.error().message;
    }
  }
}

TEST(NumberTest, ThirtyEightDigitsAndNoMore) {
  const std::string d38(38, '9');
  EXPECT_EQ(Canonical(d38), d38);
  EXPECT_EQ(N(d38).digits(), 38);
  auto r = Number::Parse(d38 + "9");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Attempting to store more than 38 significant digits in a Number");
  // Leading and trailing zeros are not significant.
  EXPECT_TRUE(Number::Parse("000" + d38 + "000").ok());
  EXPECT_TRUE(Number::Parse("0.000" + d38 + "000").ok());
  EXPECT_EQ(N("1" + std::string(36, '0') + "1").digits(), 38);
  EXPECT_FALSE(Number::Parse("1" + std::string(37, '0') + "1").ok());
  EXPECT_FALSE(Number::Parse("1." + std::string(37, '0') + "1").ok());
  // A syntax error after too many digits is still a syntax error.
  auto bad = Number::Parse(std::string(50, '1') + "x");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("cannot be converted"), std::string::npos);
}

TEST(NumberTest, RangeLimits) {
  EXPECT_EQ(N("1E-130").ToString(), "0." + std::string(129, '0') + "1");
  EXPECT_EQ(N("-1E-130").adjusted_exponent(), -130);
  EXPECT_TRUE(Number::Parse("9.9999999999999999999999999999999999999E+125").ok());
  EXPECT_TRUE(Number::Parse("-9.9999999999999999999999999999999999999E+125").ok());
  EXPECT_TRUE(Number::Parse("1.5E-130").ok());
  auto over = Number::Parse("1E+126");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().message,
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
  auto under = Number::Parse("1E-131");
  ASSERT_FALSE(under.ok());
  EXPECT_NE(under.error().message.find("Number underflow"), std::string::npos);
  EXPECT_FALSE(Number::Parse("0.99E-130").ok());
  EXPECT_FALSE(Number::Parse("10E125").ok());
  // Huge exponent text must not overflow anything.
  EXPECT_FALSE(Number::Parse("1e999999999999").ok());
  EXPECT_FALSE(Number::Parse("1e-999999999999999999999999999999").ok());
  EXPECT_FALSE(Number::Parse("1e" + std::string(5000, '9')).ok());
  EXPECT_TRUE(Number::Parse("0." + std::string(200, '0') + "1e200").ok());
  EXPECT_EQ(Canonical("0." + std::string(200, '0') + "1e201"), "1");
  EXPECT_EQ(Canonical("1" + std::string(200, '0') + "e-200"), "1");
}

TEST(NumberTest, CanonicalFormIsUnique) {
  EXPECT_EQ(N("1.50").coefficient(), 15u);
  EXPECT_EQ(N("1.50").exponent(), -1);
  EXPECT_EQ(N("1500").coefficient(), 15u);
  EXPECT_EQ(N("1500").exponent(), 2);
  EXPECT_EQ(N("1500").adjusted_exponent(), 3);
  EXPECT_EQ(N("0.015").adjusted_exponent(), -2);
}

TEST(NumberTest, OrdersAShuffledListOfTrickyNumbers) {
  const std::vector<std::string> sorted = {
      "-9.9999999999999999999999999999999999999E+125",
      "-1E+125",
      "-12345678901234567890123456789012345678",
      "-100",
      "-99.99",
      "-10",
      "-9",
      "-1.000000000000000000000000000000000001",
      "-1",
      "-0.5",
      "-1E-130",
      "0",
      "1E-130",
      "1.1E-130",
      "0.000123",
      "0.00123",
      "0.1",
      "0.99999999999999999999999999999999999999",
      "1",
      "1." + std::string(36, '0') + "1",
      "2",
      "10",
      "99.99",
      "100",
      "12345678901234567890123456789012345678",
      "12345678901234567890123456789012345679",
      "1E+38",
      "1E+125",
      "9.9999999999999999999999999999999999999E+125",
  };
  std::vector<Number> nums;
  for (const auto& s : sorted) nums.push_back(N(s));
  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::vector<Number> shuffled = nums;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    std::sort(shuffled.begin(), shuffled.end());
    for (size_t i = 0; i < nums.size(); ++i) {
      EXPECT_EQ(shuffled[i].ToString(), nums[i].ToString()) << i;
    }
  }
  for (size_t i = 0; i < nums.size(); ++i) {
    for (size_t j = 0; j < nums.size(); ++j) {
      const int expected = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ(nums[i].Compare(nums[j]), expected) << sorted[i] << " vs " << sorted[j];
    }
  }
  EXPECT_EQ(N("1.0"), N("1"));
  EXPECT_EQ(N("100"), N("1e2"));
}

TEST(NumberTest, AddAndSubtractAreExact) {
  EXPECT_EQ(N("0.1").Add(N("0.2"))->ToString(), "0.3");
  EXPECT_EQ(N("1").Subtract(N("0.001"))->ToString(), "0.999");
  EXPECT_EQ(N("-5").Add(N("3"))->ToString(), "-2");
  EXPECT_EQ(N("3").Subtract(N("5"))->ToString(), "-2");
  EXPECT_EQ(N("1e10").Add(N("1e-10"))->ToString(), "10000000000.0000000001");
  EXPECT_EQ(N("99").Add(N("1"))->ToString(), "100");
  EXPECT_EQ(N("5").Add(Number())->ToString(), "5");
  EXPECT_EQ(Number().Subtract(N("5"))->ToString(), "-5");
  // A 38-digit operand minus its neighbour: wide intermediate, tiny result.
  EXPECT_EQ(N("1E38").Subtract(N(std::string(38, '9')))->ToString(), "1");
  EXPECT_EQ(N(std::string(38, '9')).Add(N("1"))->ToString(), "1" + std::string(38, '0'));
}

TEST(NumberTest, AddReportsPrecisionAndRangeErrors) {
  // DynamoDB words an imprecise sum as an overflow (1e50 + 1 is refused so), not with the
  // digits message a literal with 39 digits gets.
  auto digits = N("1E30").Add(N("1E-30"));
  ASSERT_FALSE(digits.ok());
  EXPECT_EQ(digits.error().message,
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
  auto imprecise = N("1E50").Add(N("1"));
  ASSERT_FALSE(imprecise.ok());
  EXPECT_EQ(imprecise.error().message, digits.error().message);
  EXPECT_FALSE(N(std::string(38, '9')).Add(N("0.1")).ok());
  EXPECT_FALSE(N("1E100").Add(N("1")).ok());
  auto over = N("9.9999999999999999999999999999999999999E+125").Add(N("1E+125"));
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.error().message.find("Number overflow"), std::string::npos);
  EXPECT_FALSE(N("-9.9999999999999999999999999999999999999E+125").Subtract(N("1E+125")).ok());
  auto under = N("1.1E-130").Subtract(N("1E-130"));
  ASSERT_FALSE(under.ok());
  EXPECT_NE(under.error().message.find("Number underflow"), std::string::npos);
}

TEST(NumberTest, Conversions) {
  EXPECT_EQ(N("42").ToInt64(), 42);
  EXPECT_EQ(N("-42e3").ToInt64(), -42000);
  EXPECT_EQ(N("9223372036854775807").ToInt64(), INT64_MAX);
  EXPECT_EQ(N("-9223372036854775808").ToInt64(), INT64_MIN);
  EXPECT_EQ(N("9223372036854775808").ToInt64(), std::nullopt);
  EXPECT_EQ(N("1.5").ToInt64(), std::nullopt);
  EXPECT_EQ(N("1e30").ToInt64(), std::nullopt);
  EXPECT_EQ(N("0").ToInt64(), 0);
  EXPECT_EQ(Number::FromInt(INT64_MIN).ToString(), "-9223372036854775808");
  EXPECT_EQ(Number::FromInt(1200).coefficient(), 12u);
  EXPECT_DOUBLE_EQ(N("0.1").ToDouble(), 0.1);
  EXPECT_DOUBLE_EQ(N("-1.5e100").ToDouble(), -1.5e100);
  EXPECT_DOUBLE_EQ(N("1E-130").ToDouble(), 1e-130);
  EXPECT_EQ(N("0").ToDouble(), 0.0);
}

}  // namespace
}  // namespace ddb
