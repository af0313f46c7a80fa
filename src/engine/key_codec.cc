#include "engine/key_codec.h"

#include <algorithm>

namespace engine::keycodec {
namespace {

constexpr uint8_t kSignNegative = 0x01;
constexpr uint8_t kSignZero = 0x02;
constexpr uint8_t kSignPositive = 0x03;

// Decimal digits of the coefficient, most significant first (no trailing zeros: Number keeps
// its coefficient normalized, which is what makes the digit string comparable).
std::string CoefficientDigits(ddb::Number::Coefficient c) {
  std::string digits;
  while (c != 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(c % 10)));
    c /= 10;
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

}  // namespace

void AppendBE16(uint16_t v, std::string* out) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xFF));
}

void AppendBE32(uint32_t v, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out->push_back(static_cast<char>((v >> shift) & 0xFF));
}

void AppendBE64(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out->push_back(static_cast<char>((v >> shift) & 0xFF));
}

uint64_t ReadBE64(std::string_view bytes) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

void AppendBytesPrefix(std::string_view prefix, std::string* out) {
  out->reserve(out->size() + prefix.size() + 2);
  for (char ch : prefix) {
    out->push_back(ch);
    if (ch == '\0') out->push_back(static_cast<char>(0xFF));
  }
}

void AppendBytes(std::string_view bytes, std::string* out) {
  AppendBytesPrefix(bytes, out);
  out->push_back('\0');
  out->push_back('\0');
}

void AppendNumber(const ddb::Number& n, std::string* out) {
  if (n.is_zero()) {
    out->push_back(static_cast<char>(kSignZero));
    return;
  }
  const bool negative = n.is_negative();
  // Every byte after the sign is inverted for negatives, so a bigger magnitude sorts lower.
  const uint8_t flip = negative ? 0xFF : 0x00;
  out->push_back(static_cast<char>(negative ? kSignNegative : kSignPositive));
  const uint16_t exponent = static_cast<uint16_t>(n.adjusted_exponent() + 0x8000);
  out->push_back(static_cast<char>((exponent >> 8) ^ flip));
  out->push_back(static_cast<char>((exponent & 0xFF) ^ flip));
  const std::string digits = CoefficientDigits(n.coefficient());
  for (size_t i = 0; i < digits.size(); i += 2) {
    const int hi = digits[i] - '0';
    const int lo = i + 1 < digits.size() ? digits[i + 1] - '0' : 0;
    out->push_back(static_cast<char>(static_cast<uint8_t>(hi * 10 + lo + 1) ^ flip));
  }
  out->push_back(static_cast<char>(flip));  // terminator: 0x00, or 0xFF for negatives
}

void AppendValue(const ddb::AttributeValue& v, std::string* out) {
  switch (v.type()) {
    case ddb::AttributeType::S:
      AppendBytes(v.s(), out);
      break;
    case ddb::AttributeType::B:
      AppendBytes(v.b(), out);
      break;
    case ddb::AttributeType::N:
      AppendNumber(v.n(), out);
      break;
    default:
      // Callers validate key types first; a non-scalar here is a programming error.
      break;
  }
}

bool HasType(const ddb::AttributeValue& v, ddb::ScalarAttributeType t) {
  switch (t) {
    case ddb::ScalarAttributeType::S:
      return v.is_s();
    case ddb::ScalarAttributeType::N:
      return v.is_n();
    case ddb::ScalarAttributeType::B:
      return v.is_b();
  }
  return false;
}

uint64_t Hash64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char ch : bytes) {
    h ^= static_cast<uint8_t>(ch);
    h *= 0x100000001b3ULL;
  }
  // FNV alone spreads short keys poorly over the high bits, which decide the Scan segment.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    const auto last = static_cast<uint8_t>(end.back());
    if (last != 0xFF) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

}  // namespace engine::keycodec
