#include "engine/key_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "engine/item_codec.h"

namespace engine::keycodec {
namespace {

std::string Enc(const ddb::AttributeValue& v) {
  std::string out;
  AppendValue(v, &out);
  return out;
}

int Sign(int v) { return (v > 0) - (v < 0); }

ddb::Number Num(std::string_view text) { return ddb::Number::Parse(text).value(); }

// Random numbers across the whole range: any digit count 1..38, any exponent, any sign.
std::vector<ddb::Number> RandomNumbers(std::mt19937_64& rng, int count) {
  std::vector<ddb::Number> out;
  std::uniform_int_distribution<int> digits_dist(1, 38), digit(0, 9), exp_dist(-120, 80),
      coin(0, 1), small(-3, 3);
  for (int i = 0; i < count; ++i) {
    std::string text = coin(rng) ? "-" : "";
    const int digits = digits_dist(rng) / (coin(rng) ? 1 : 8) + 1;
    for (int d = 0; d < digits; ++d) text.push_back(static_cast<char>('0' + digit(rng)));
    // Many values share an exponent so that digit-by-digit comparison gets exercised.
    text += "E" + std::to_string(coin(rng) ? small(rng) : exp_dist(rng));
    auto n = ddb::Number::Parse(text);
    if (n.ok()) out.push_back(*n);
  }
  return out;
}

TEST(KeyCodecTest, NumberOrderMatchesNumberCompare) {
  std::mt19937_64 rng(42);
  std::vector<ddb::Number> numbers = RandomNumbers(rng, 1500);
  for (const char* edge : {"0",
                           "1",
                           "-1",
                           "10",
                           "-10",
                           "0.1",
                           "-0.1",
                           "1E-130",
                           "-1E-130",
                           "9.9999999999999999999999999999999999999E+125",
                           "-9.9999999999999999999999999999999999999E+125",
                           "12345678901234567890123456789012345678",
                           "1.5",
                           "1.05",
                           "1.50000001",
                           "2",
                           "19",
                           "190",
                           "1.9",
                           "-1.9",
                           "-19",
                           "-190",
                           "99",
                           "100",
                           "101",
                           "-99",
                           "-100",
                           "-101",
                           "5E-1",
                           "0.0000001",
                           "123.456",
                           "-123.456"}) {
    numbers.push_back(Num(edge));
  }
  std::vector<std::string> encoded;
  for (const auto& n : numbers) encoded.push_back(Enc(ddb::AttributeValue::N(n)));
  for (size_t i = 0; i < numbers.size(); ++i) {
    for (size_t j = 0; j < numbers.size(); j += 7) {
      const int want = numbers[i].Compare(numbers[j]);
      const int got = Sign(encoded[i].compare(encoded[j]));
      ASSERT_EQ(got, want) << numbers[i].ToString() << " vs " << numbers[j].ToString();
    }
  }
}

TEST(KeyCodecTest, NumberEncodingIsCanonical) {
  EXPECT_EQ(Enc(ddb::AttributeValue::N(Num("1.50"))), Enc(ddb::AttributeValue::N(Num("1.5"))));
  EXPECT_EQ(Enc(ddb::AttributeValue::N(Num("-0"))), Enc(ddb::AttributeValue::N(Num("0"))));
  EXPECT_EQ(Enc(ddb::AttributeValue::N(Num("100"))), Enc(ddb::AttributeValue::N(Num("1E2"))));
}

std::string RandomBytes(std::mt19937_64& rng) {
  // Few distinct bytes (with 0x00 and 0xFF) so that shared prefixes are common.
  static constexpr char kAlphabet[] = {'\0', '\x01', 'a', 'b', '\xFF', '\xFE'};
  std::uniform_int_distribution<int> len(0, 6), pick(0, 5);
  std::string s;
  const int n = len(rng);
  for (int i = 0; i < n; ++i) s.push_back(kAlphabet[pick(rng)]);
  return s;
}

int CompareBytes(const std::string& a, const std::string& b) {
  // DynamoDB compares S and B as unsigned bytes.
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return Sign(c);
  return Sign(static_cast<int>(a.size()) - static_cast<int>(b.size()));
}

TEST(KeyCodecTest, BytesOrderAndConcatenation) {
  std::mt19937_64 rng(7);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 600; ++i) pairs.emplace_back(RandomBytes(rng), RandomBytes(rng));
  for (const auto& [a1, a2] : pairs) {
    for (const auto& [b1, b2] : pairs) {
      // Single values.
      ASSERT_EQ(Sign(Enc(ddb::AttributeValue::B(a1)).compare(Enc(ddb::AttributeValue::B(b1)))),
                CompareBytes(a1, b1));
      // Concatenated (hash, range) keys compare as the pair.
      const std::string ka = Enc(ddb::AttributeValue::S(a1)) + Enc(ddb::AttributeValue::S(a2));
      const std::string kb = Enc(ddb::AttributeValue::S(b1)) + Enc(ddb::AttributeValue::S(b2));
      int want = CompareBytes(a1, b1);
      if (want == 0) want = CompareBytes(a2, b2);
      ASSERT_EQ(Sign(ka.compare(kb)), want);
    }
  }
}

TEST(KeyCodecTest, NumberThenStringConcatenates) {
  std::mt19937_64 rng(9);
  auto numbers = RandomNumbers(rng, 80);
  std::vector<std::pair<ddb::Number, std::string>> keys;
  for (const auto& n : numbers) keys.emplace_back(n, RandomBytes(rng));
  for (const auto& [n1, s1] : keys) {
    for (const auto& [n2, s2] : keys) {
      const std::string k1 = Enc(ddb::AttributeValue::N(n1)) + Enc(ddb::AttributeValue::S(s1));
      const std::string k2 = Enc(ddb::AttributeValue::N(n2)) + Enc(ddb::AttributeValue::S(s2));
      int want = n1.Compare(n2);
      if (want == 0) want = CompareBytes(s1, s2);
      ASSERT_EQ(Sign(k1.compare(k2)), want);
    }
  }
}

TEST(KeyCodecTest, BytesPrefixIsPrefixOfEncodings) {
  for (std::string s : {std::string("ab"), std::string("a\0", 2), std::string("")}) {
    std::string prefix;
    AppendBytesPrefix(s, &prefix);
    for (std::string tail : {std::string(""), std::string("c"), std::string("\0x", 2)}) {
      EXPECT_TRUE(Enc(ddb::AttributeValue::S(s + tail)).starts_with(prefix));
    }
  }
  std::string prefix;
  AppendBytesPrefix("ab", &prefix);
  EXPECT_FALSE(Enc(ddb::AttributeValue::S("a")).starts_with(prefix));
  EXPECT_FALSE(Enc(ddb::AttributeValue::S("ac")).starts_with(prefix));
}

TEST(KeyCodecTest, PrefixEnd) {
  EXPECT_EQ(PrefixEnd("ab"), "ac");
  EXPECT_EQ(PrefixEnd(std::string("a\xFF", 2)), "b");
  EXPECT_EQ(PrefixEnd(std::string("\xFF\xFF", 2)), "");
}

TEST(KeyCodecTest, HashIsStableAndSpread) {
  // Persisted in keys: a change here would make existing data unreachable.
  EXPECT_EQ(Hash64(""), Hash64(""));
  EXPECT_NE(Hash64("a"), Hash64("b"));
  int high = 0;
  for (int i = 0; i < 1000; ++i) high += Hash64("key" + std::to_string(i)) >> 63;
  EXPECT_GT(high, 400);
  EXPECT_LT(high, 600);
}

TEST(KeyCodecTest, BigEndianHelpers) {
  std::string out;
  AppendBE64(0x0102030405060708ULL, &out);
  EXPECT_EQ(ReadBE64(out), 0x0102030405060708ULL);
  out.clear();
  AppendBE32(0x01020304, &out);
  EXPECT_EQ(out, std::string("\x01\x02\x03\x04", 4));
}

}  // namespace
}  // namespace engine::keycodec
