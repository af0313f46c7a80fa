#include "ddb/attribute_value.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "ddb/base64.h"
#include "ddb/json.h"

namespace ddb {
namespace {

template <class T, class Less>
bool SameElements(std::vector<T> a, std::vector<T> b, Less less) {
  if (a.size() != b.size()) return false;
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  return a == b;
}

void AppendDebug(std::string& out, const AttributeValue& v);

void AppendItem(std::string& out, const Item& item) {
  out.push_back('{');
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out.push_back(',');
    first = false;
    json::AppendQuotedString(&out, name);
    out.push_back(':');
    AppendDebug(out, value);
  }
  out.push_back('}');
}

template <class Range, class Fn>
void AppendArray(std::string& out, const Range& values, Fn fn) {
  out.push_back('[');
  bool first = true;
  for (const auto& v : values) {
    if (!first) out.push_back(',');
    first = false;
    fn(v);
  }
  out.push_back(']');
}

void AppendDebug(std::string& out, const AttributeValue& v) {
  out += "{\"";
  out += AttributeTypeName(v.type());
  out += "\":";
  switch (v.type()) {
    case AttributeType::S:
      json::AppendQuotedString(&out, v.s());
      break;
    case AttributeType::N:
      json::AppendQuotedString(&out, v.n().ToString());
      break;
    case AttributeType::B:
      json::AppendQuotedString(&out, Base64Encode(v.b()));
      break;
    case AttributeType::BOOL:
      out += v.boolean() ? "true" : "false";
      break;
    case AttributeType::NULL_:
      out += "true";
      break;
    case AttributeType::M:
      AppendItem(out, v.m());
      break;
    case AttributeType::L:
      AppendArray(out, v.l(), [&](const AttributeValue& e) { AppendDebug(out, e); });
      break;
    case AttributeType::SS:
      AppendArray(out, v.ss(), [&](const std::string& e) { json::AppendQuotedString(&out, e); });
      break;
    case AttributeType::NS:
      AppendArray(out, v.ns(),
                  [&](const Number& e) { json::AppendQuotedString(&out, e.ToString()); });
      break;
    case AttributeType::BS:
      AppendArray(out, v.bs(),
                  [&](const std::string& e) { json::AppendQuotedString(&out, Base64Encode(e)); });
      break;
  }
  out.push_back('}');
}

// DynamoDB stores numbers as base-100 digits aligned on the decimal point, plus one byte
// of exponent and, for negative numbers, one terminator byte. This matches the documented
// "1 byte per two significant digits plus 1 byte" and AWS's own examples (27 -> 2 bytes,
// -27 -> 3 bytes, 461 -> 3 bytes), and it is exact where that rule is approximate.
size_t NumberSize(const Number& n) {
  if (n.is_zero()) return 1;
  auto pair_index = [](int64_t position) {  // floor(position / 2)
    return position >= 0 ? position / 2 : -((1 - position) / 2);
  };
  const int64_t low = n.exponent();
  const int64_t high = n.adjusted_exponent();
  const size_t pairs = static_cast<size_t>(pair_index(high) - pair_index(low) + 1);
  return 1 + pairs + (n.is_negative() ? 1 : 0);
}

}  // namespace

std::string_view AttributeTypeName(AttributeType t) {
  static constexpr std::array<std::string_view, 10> kNames = {"S", "N", "B",  "BOOL", "NULL",
                                                              "M", "L", "SS", "NS",   "BS"};
  return kNames[static_cast<size_t>(t)];
}

bool operator==(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case AttributeType::SS:
      return SameElements(a.ss(), b.ss(), std::less<>());
    case AttributeType::BS:
      return SameElements(a.bs(), b.bs(), std::less<>());
    case AttributeType::NS:
      return SameElements(a.ns(), b.ns(),
                          [](const Number& x, const Number& y) { return x.Compare(y) < 0; });
    case AttributeType::S:
      return a.s() == b.s();
    case AttributeType::N:
      return a.n() == b.n();
    case AttributeType::B:
      return a.b() == b.b();
    case AttributeType::BOOL:
      return a.boolean() == b.boolean();
    case AttributeType::NULL_:
      return true;
    case AttributeType::M:
      return a.m() == b.m();  // recurses through this operator
    case AttributeType::L:
      return a.l() == b.l();
  }
  return false;
}

std::string AttributeValue::DebugString() const {
  std::string out;
  AppendDebug(out, *this);
  return out;
}

size_t AttributeValueSize(const AttributeValue& v) {
  switch (v.type()) {
    case AttributeType::S:
      return v.s().size();
    case AttributeType::N:
      return NumberSize(v.n());
    case AttributeType::B:
      return v.b().size();
    case AttributeType::BOOL:
    case AttributeType::NULL_:
      return 1;
    case AttributeType::M: {
      size_t size = 3;
      for (const auto& [name, value] : v.m()) size += name.size() + AttributeValueSize(value) + 1;
      return size;
    }
    case AttributeType::L: {
      size_t size = 3;
      for (const auto& e : v.l()) size += AttributeValueSize(e) + 1;
      return size;
    }
    case AttributeType::SS:
    case AttributeType::BS: {
      size_t size = 0;
      for (const auto& e : v.type() == AttributeType::SS ? v.ss() : v.bs()) size += e.size();
      return size;
    }
    case AttributeType::NS: {
      size_t size = 0;
      for (const auto& e : v.ns()) size += NumberSize(e);
      return size;
    }
  }
  return 0;
}

size_t ItemSize(const Item& item) {
  size_t size = 0;
  for (const auto& [name, value] : item) size += name.size() + AttributeValueSize(value);
  return size;
}

}  // namespace ddb
