#include "ddb/number.h"

#include <array>
#include <cstdlib>
#include <limits>
#include <utility>

namespace ddb {
namespace {

using Coefficient = Number::Coefficient;

// 10^0 .. 10^38; 10^38 < 2^127, so every entry fits the coefficient type.
constexpr std::array<Coefficient, 39> MakePowersOfTen() {
  std::array<Coefficient, 39> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<Coefficient, 39> kPow10 = MakePowersOfTen();

int CountDigits(Coefficient c) {
  if (c == 0) return 0;
  // At most 39 steps; the coefficient never exceeds 39 digits in any intermediate we count.
  int n = 1;
  while (n < static_cast<int>(kPow10.size()) && c >= kPow10[n]) ++n;
  return n;
}

// The wording DynamoDB uses for these conditions, so callers see familiar messages.
Error TooManyDigits() {
  return ValidationError("Attempting to store more than 38 significant digits in a Number");
}
Error Overflow() {
  return ValidationError(
      "Number overflow. Attempting to store a number with magnitude larger than supported range");
}
Error Underflow() {
  return ValidationError(
      "Number underflow. Attempting to store a number with magnitude smaller than supported "
      "range");
}
Error NotANumber(std::string_view text) {
  // Quote (a bounded, printable prefix of) the input so the user can find the bad value.
  constexpr size_t kMaxQuoted = 64;
  std::string quoted;
  for (size_t i = 0; i < text.size() && i < kMaxQuoted; ++i) {
    const unsigned char ch = static_cast<unsigned char>(text[i]);
    quoted.push_back(ch >= 0x20 && ch < 0x7f ? static_cast<char>(ch) : '?');
  }
  if (text.size() > kMaxQuoted) quoted += "...";
  return ValidationError("A value provided cannot be converted into a number: \"" + quoted + "\"");
}

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

// Normalizes (strips trailing zeros) and checks DynamoDB's precision and range. The exponent
// is 64-bit so callers can pass unchecked sums; on success it fits in int32_t.
Status Normalize(Coefficient& c, int64_t& exponent) {
  if (c == 0) {
    exponent = 0;
    return OkStatus();
  }
  while (c % 10 == 0) {
    c /= 10;
    ++exponent;
  }
  // Range before precision: DynamoDB reports 9.99...9E+125 + 1E+125 as an overflow.
  const int digits = CountDigits(c);
  const int64_t adjusted = exponent + digits - 1;
  if (adjusted > Number::kMaxExponent) return Overflow();
  if (adjusted < Number::kMinExponent) return Underflow();
  if (digits > Number::kMaxDigits) return TooManyDigits();
  return OkStatus();
}

}  // namespace

Result<Number> Number::Parse(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }

  // Mantissa: digits with at most one '.', at least one digit overall.
  Coefficient c = 0;
  int ndigits = 0;              // digits held in c (first to last non-zero)
  int64_t pending_zeros = 0;    // zeros after the last non-zero digit
  int64_t fraction_digits = 0;  // digits after the '.'
  bool too_many_digits = false;
  bool seen_digit = false;
  bool seen_point = false;
  constexpr int64_t kSaturate = int64_t{1} << 40;  // far beyond any valid exponent
  for (; i < n; ++i) {
    const char ch = text[i];
    if (ch == '.') {
      if (seen_point) return NotANumber(text);
      seen_point = true;
      continue;
    }
    if (!IsDigit(ch)) break;
    seen_digit = true;
    if (seen_point && fraction_digits < kSaturate) ++fraction_digits;
    const int d = ch - '0';
    if (d == 0) {
      if (ndigits > 0 && pending_zeros < kSaturate) ++pending_zeros;
      continue;
    }
    if (too_many_digits || ndigits + pending_zeros + 1 > kMaxDigits) {
      too_many_digits = true;  // keep scanning: a syntax error still wins
      continue;
    }
    c = c * kPow10[pending_zeros + 1] + static_cast<Coefficient>(d);
    ndigits += static_cast<int>(pending_zeros) + 1;
    pending_zeros = 0;
  }
  if (!seen_digit) return NotANumber(text);

  int64_t exp = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    if (i >= n || !IsDigit(text[i])) return NotANumber(text);
    for (; i < n && IsDigit(text[i]); ++i) {
      // Saturate instead of overflowing: any exponent this large is out of range anyway.
      if (exp < kSaturate) exp = exp * 10 + (text[i] - '0');
    }
    if (exp_negative) exp = -exp;
  }
  if (i != n) return NotANumber(text);
  if (too_many_digits) return TooManyDigits();
  if (c == 0) return Number();
  int64_t exponent = pending_zeros - fraction_digits + exp;
  XR_RETURN_IF_ERROR(Normalize(c, exponent));
  return Number(negative, c, static_cast<int32_t>(exponent));
}

Number Number::FromInt(int64_t v) {
  const bool negative = v < 0;
  // Negate in unsigned arithmetic so INT64_MIN has no overflow.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  Coefficient c = magnitude;
  int64_t exponent = 0;
  // 19 digits at most: Normalize cannot fail.
  if (!Normalize(c, exponent).ok()) return Number();
  if (c == 0) return Number();
  return Number(negative, c, static_cast<int32_t>(exponent));
}

Result<Number> Number::FromParts(bool negative, Coefficient c, int32_t exponent) {
  if (c == 0) return Number();
  // Fast path for the common already-normalized coefficient of at most 19 digits: 64-bit
  // arithmetic instead of 128-bit division (this runs for every number a Scan decodes).
  if (c <= std::numeric_limits<uint64_t>::max()) {
    const auto small = static_cast<uint64_t>(c);
    if (small % 10 != 0) {
      int digits = 1;
      for (uint64_t p = 10; digits < 20 && small >= p; p *= 10) ++digits;
      const int64_t adjusted = int64_t{exponent} + digits - 1;
      if (adjusted > kMaxExponent) return Overflow();
      if (adjusted < kMinExponent) return Underflow();
      return Number(negative, c, exponent);
    }
  }
  int64_t e = exponent;
  XR_RETURN_IF_ERROR(Normalize(c, e));
  return Number(negative, c, static_cast<int32_t>(e));
}

int Number::digits() const { return CountDigits(coefficient_); }

std::string Number::ToString() const {
  if (coefficient_ == 0) return "0";
  // Coefficient digits, most significant first.
  char buf[40];
  int len = 0;
  for (Coefficient c = coefficient_; c != 0; c /= 10) {
    buf[len++] = static_cast<char>('0' + static_cast<int>(c % 10));
  }
  std::string out;
  out.reserve(static_cast<size_t>(len) + 3 +
              static_cast<size_t>(exponent_ < 0 ? -exponent_ : exponent_));
  if (negative_) out.push_back('-');
  if (exponent_ >= 0) {
    for (int k = len - 1; k >= 0; --k) out.push_back(buf[k]);
    out.append(static_cast<size_t>(exponent_), '0');
    return out;
  }
  const int frac = -exponent_;
  if (len > frac) {
    for (int k = len - 1; k >= frac; --k) out.push_back(buf[k]);
    out.push_back('.');
    for (int k = frac - 1; k >= 0; --k) out.push_back(buf[k]);
  } else {
    out += "0.";
    out.append(static_cast<size_t>(frac - len), '0');
    for (int k = len - 1; k >= 0; --k) out.push_back(buf[k]);
  }
  return out;
}

int Number::Compare(const Number& other) const {
  if (is_zero() || other.is_zero()) {
    auto sign = [](const Number& x) { return x.is_zero() ? 0 : (x.negative_ ? -1 : 1); };
    const int a = sign(*this);
    const int b = sign(other);
    return a < b ? -1 : (a > b ? 1 : 0);
  }
  if (negative_ != other.negative_) return negative_ ? -1 : 1;
  const int flip = negative_ ? -1 : 1;
  const int32_t adj_a = adjusted_exponent();
  const int32_t adj_b = other.adjusted_exponent();
  if (adj_a != adj_b) return adj_a < adj_b ? -flip : flip;
  // Same magnitude order: align both coefficients to the same digit count (<= 38 digits,
  // so the scaled value still fits) and compare them.
  Coefficient a = coefficient_;
  Coefficient b = other.coefficient_;
  const int da = digits();
  const int db = other.digits();
  if (da < db) a *= kPow10[db - da];
  if (db < da) b *= kPow10[da - db];
  if (a == b) return 0;
  return a < b ? -flip : flip;
}

Number Number::Negated() const {
  if (is_zero()) return *this;
  return Number(!negative_, coefficient_, exponent_);
}

Result<Number> Number::Subtract(const Number& other) const { return Add(other.Negated()); }

Result<Number> Number::Add(const Number& other) const {
  auto sum = AddExact(other);
  // A sum that needs more than 38 digits is refused with DynamoDB's overflow message, not
  // the digits one a literal gets (DynamoDB answers 1e50 + 1 so; scylladb's
  // test/alternator/test_number.py test_update_expression_plus_imprecise, run against AWS).
  if (!sum.ok() && sum.error().message == TooManyDigits().message) return Overflow();
  return sum;
}

Result<Number> Number::AddExact(const Number& other) const {
  if (other.is_zero()) return *this;
  if (is_zero()) return other;
  // Shift the operand with the larger exponent down to the smaller exponent. If that needs
  // more than 128 bits, the exact result has more than 38 significant digits: its lowest
  // non-zero digit is at the smaller exponent (only one operand has a digit there) and its
  // magnitude is still above 10^38 units of that exponent.
  const Number* hi = this;
  const Number* lo = &other;
  if (hi->exponent_ < lo->exponent_) std::swap(hi, lo);
  const int64_t shift = static_cast<int64_t>(hi->exponent_) - lo->exponent_;
  Coefficient shifted = hi->coefficient_;
  if (shift > 0) {
    if (shift >= static_cast<int64_t>(kPow10.size()) ||
        __builtin_mul_overflow(shifted, kPow10[shift], &shifted)) {
      return TooManyDigits();
    }
  }
  bool negative = hi->negative_;
  Coefficient c = 0;
  if (hi->negative_ == lo->negative_) {
    if (__builtin_add_overflow(shifted, lo->coefficient_, &c)) return TooManyDigits();
  } else if (shifted >= lo->coefficient_) {
    c = shifted - lo->coefficient_;
  } else {
    c = lo->coefficient_ - shifted;
    negative = lo->negative_;
  }
  if (c == 0) return Number();
  int64_t exponent = lo->exponent_;
  XR_RETURN_IF_ERROR(Normalize(c, exponent));
  return Number(negative, c, static_cast<int32_t>(exponent));
}

std::optional<int64_t> Number::ToInt64() const {
  if (is_zero()) return 0;
  if (exponent_ < 0) return std::nullopt;  // normalized, so it has a fractional part
  if (digits() + exponent_ > 19) return std::nullopt;
  Coefficient magnitude = coefficient_ * kPow10[exponent_];
  const Coefficient limit =
      static_cast<Coefficient>(std::numeric_limits<int64_t>::max()) + (negative_ ? 1 : 0);
  if (magnitude > limit) return std::nullopt;
  if (negative_) {
    return static_cast<int64_t>(0 - static_cast<uint64_t>(magnitude));
  }
  return static_cast<int64_t>(magnitude);
}

double Number::ToDouble() const {
  if (is_zero()) return 0.0;
  // "<digits>e<exponent>" through strtod rounds correctly, unlike repeated scaling.
  std::string text = negative_ ? "-" : "";
  text += Number(false, coefficient_, 0).ToString();
  text += 'e';
  text += std::to_string(exponent_);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace ddb
