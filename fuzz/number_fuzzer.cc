// libFuzzer target for ddb::Number: whatever Parse accepts must print canonically, re-parse
// to the identical value, order consistently and add/subtract exactly.
// Input: up to two number texts separated by a newline.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ddb/number.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckOne(const ddb::Number& n) {
  const std::string text = n.ToString();
  auto again = ddb::Number::Parse(text);
  Check(again.ok());
  Check(again->coefficient() == n.coefficient() && again->exponent() == n.exponent() &&
        again->is_negative() == n.is_negative());
  Check(again->ToString() == text);
  Check(n.Compare(n) == 0 && n == *again);
  Check(n.digits() <= ddb::Number::kMaxDigits);
  Check(n.is_zero() || (n.coefficient() % 10 != 0));  // normalized
  Check(!(n.is_zero() && n.is_negative()));
  Check(n.Negated().Negated() == n);
  if (auto i = n.ToInt64()) Check(ddb::Number::FromInt(*i) == n);
  (void)n.ToDouble();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view first = input.substr(0, newline);
  auto a = ddb::Number::Parse(first);
  if (a.ok()) CheckOne(*a);
  if (newline == std::string_view::npos || !a.ok()) return 0;
  auto b = ddb::Number::Parse(input.substr(newline + 1));
  if (!b.ok()) return 0;
  CheckOne(*b);
  // Ordering is antisymmetric and agrees with the sign of the difference.
  Check(a->Compare(*b) == -b->Compare(*a));
  auto sum = a->Add(*b);
  if (sum.ok()) {
    CheckOne(*sum);
    auto back = sum->Subtract(*b);  // exact: (a + b) - b == a, always representable
    Check(back.ok() && *back == *a);
  }
  auto diff = a->Subtract(*b);
  if (diff.ok()) {
    CheckOne(*diff);
    Check(diff->is_zero() == (a->Compare(*b) == 0));
    if (!diff->is_zero()) Check(diff->is_negative() == (a->Compare(*b) < 0));
  }
  return 0;
}
