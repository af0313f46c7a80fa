// Helpers shared by the expression tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "ddb/model.h"
#include "ddb/result.h"

namespace engine::expr::testing {

inline ddb::AttributeValue S(std::string s) { return ddb::AttributeValue::S(std::move(s)); }
inline ddb::AttributeValue N(int64_t n) { return ddb::AttributeValue::N(n); }
inline ddb::AttributeValue Num(std::string_view text) {
  return ddb::AttributeValue::N(ddb::Number::Parse(text).value());
}
inline ddb::AttributeValue B(std::string bytes) { return ddb::AttributeValue::B(std::move(bytes)); }

// The message of a failed result ("" when it succeeded, so EXPECT_EQ shows the difference).
template <class T>
std::string ErrorOf(const ddb::Result<T>& r) {
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, ddb::ErrorCode::kValidation);
  return r.error().message;
}

}  // namespace engine::expr::testing
