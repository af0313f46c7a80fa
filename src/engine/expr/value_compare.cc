#include "engine/expr/value_compare.h"

#include <string_view>

namespace engine::expr {
namespace {

int Sign(int v) { return (v > 0) - (v < 0); }

}  // namespace

std::optional<int> CompareOrdered(const ddb::AttributeValue& a, const ddb::AttributeValue& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case ddb::AttributeType::N:
      return a.n().Compare(b.n());
    // std::string_view::compare uses char_traits<char>::compare, which orders bytes as
    // unsigned char, as DynamoDB orders strings (UTF-8) and binary.
    case ddb::AttributeType::S:
      return Sign(std::string_view(a.s()).compare(b.s()));
    case ddb::AttributeType::B:
      return Sign(std::string_view(a.b()).compare(b.b()));
    default:
      return std::nullopt;
  }
}

}  // namespace engine::expr
