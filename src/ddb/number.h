// Number: DynamoDB's exact decimal number. Never a double.
//
// value = (negative ? -1 : 1) * coefficient * 10^exponent, with up to 38 significant
// digits (10^38 < 2^127, so an unsigned 128-bit coefficient holds every one) and magnitude
// between 1E-130 and 9.9999999999999999999999999999999999999E+125, as DynamoDB allows.
// Values are kept normalized (no trailing zeros in the coefficient; zero is 0E0, never
// negative), so equal numbers have equal representations.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ddb/result.h"

namespace ddb {

class Number {
 public:
  using Coefficient = unsigned __int128;
  static constexpr int kMaxDigits = 38;
  static constexpr int kMinExponent = -130;  // smallest magnitude 1E-130
  static constexpr int kMaxExponent = 125;   // largest magnitude < 1E+126

  Number() = default;  // zero

  // Parses DynamoDB number text: optional sign, digits with optional '.', optional
  // exponent (e/E, optional sign). Leading/trailing zeros do not count as significant.
  // Errors are ValidationException with DynamoDB's wording where it has one.
  static Result<Number> Parse(std::string_view text);
  static Number FromInt(int64_t v);
  // Builds (-1)^negative * c * 10^exponent, normalized and range-checked like Parse, without
  // going through text: for codecs that store the parts (e.g. the engine's item codec).
  static Result<Number> FromParts(bool negative, Coefficient c, int32_t exponent);

  // Canonical text as DynamoDB returns it: plain decimal notation, no exponent, no
  // trailing fractional zeros, no '+', "-" only for negative non-zero values.
  std::string ToString() const;

  bool is_zero() const { return coefficient_ == 0; }
  bool is_negative() const { return negative_; }
  Coefficient coefficient() const { return coefficient_; }
  int32_t exponent() const { return exponent_; }
  // Number of significant digits in the coefficient (0 for zero).
  int digits() const;
  // Base-10 exponent of the most significant digit (value in [10^a, 10^(a+1))); 0 for zero.
  int32_t adjusted_exponent() const { return exponent_ + digits() - 1; }

  // Numeric comparison: -1, 0, 1.
  int Compare(const Number& other) const;
  friend bool operator==(const Number& a, const Number& b) { return a.Compare(b) == 0; }
  friend std::strong_ordering operator<=>(const Number& a, const Number& b) {
    return a.Compare(b) <=> 0;
  }

  // Exact sum/difference; an error (ValidationException) when the result leaves DynamoDB's
  // range or needs more than 38 significant digits (both worded "Number overflow", as
  // DynamoDB words an imprecise sum).
  Result<Number> Add(const Number& other) const;
  Result<Number> Subtract(const Number& other) const;
  Number Negated() const;

  // Exact conversion when the value is an integer in range; nullopt otherwise.
  std::optional<int64_t> ToInt64() const;
  // Approximate; for display and statistics only, never for storage.
  double ToDouble() const;

 private:
  // Add, with a too-precise result reported as too many digits.
  Result<Number> AddExact(const Number& other) const;
  Number(bool negative, Coefficient c, int32_t e) : negative_(negative), coefficient_(c),
                                                    exponent_(e) {}
  bool negative_ = false;
  Coefficient coefficient_ = 0;
  int32_t exponent_ = 0;
};

}  // namespace ddb
