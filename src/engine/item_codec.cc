#include "engine/item_codec.h"

#include <algorithm>

namespace engine::itemcodec {
namespace {

constexpr uint8_t kFormatVersion = 1;
// Deeper nesting than DynamoDB's 32 levels means corrupt data, not a real item.
constexpr int kMaxDepth = 64;

void PutNumber(const ddb::Number& n, std::string* out) {
  std::string text;
  if (n.is_negative()) text.push_back('-');
  std::string digits;
  for (auto c = n.coefficient(); c != 0; c /= 10) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(c % 10)));
  }
  if (digits.empty()) digits = "0";
  std::reverse(digits.begin(), digits.end());
  text += digits;
  if (n.exponent() != 0) {
    text.push_back('E');
    text += std::to_string(n.exponent());
  }
  PutLengthPrefixed(text, out);
}

void PutValue(const ddb::AttributeValue& v, std::string* out);

void PutMap(const ddb::Item& item, std::string* out) {
  PutVarint(item.size(), out);
  for (const auto& [name, value] : item) {
    PutLengthPrefixed(name, out);
    PutValue(value, out);
  }
}

void PutValue(const ddb::AttributeValue& v, std::string* out) {
  out->push_back(static_cast<char>(v.type()));
  switch (v.type()) {
    case ddb::AttributeType::S:
      PutLengthPrefixed(v.s(), out);
      break;
    case ddb::AttributeType::B:
      PutLengthPrefixed(v.b(), out);
      break;
    case ddb::AttributeType::N:
      PutNumber(v.n(), out);
      break;
    case ddb::AttributeType::BOOL:
      out->push_back(v.boolean() ? 1 : 0);
      break;
    case ddb::AttributeType::NULL_:
      break;
    case ddb::AttributeType::M:
      PutMap(v.m(), out);
      break;
    case ddb::AttributeType::L:
      PutVarint(v.l().size(), out);
      for (const auto& e : v.l()) PutValue(e, out);
      break;
    case ddb::AttributeType::SS:
      PutVarint(v.ss().size(), out);
      for (const auto& e : v.ss()) PutLengthPrefixed(e, out);
      break;
    case ddb::AttributeType::NS:
      PutVarint(v.ns().size(), out);
      for (const auto& e : v.ns()) PutNumber(e, out);
      break;
    case ddb::AttributeType::BS:
      PutVarint(v.bs().size(), out);
      for (const auto& e : v.bs()) PutLengthPrefixed(e, out);
      break;
  }
}

ddb::Error Corrupt() {
  return {ddb::ErrorCode::kIO,
          "stored item is corrupt (cannot decode it); the data directory "
          "may be damaged"};
}

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  ddb::Result<ddb::Item> Map(int depth) {
    if (depth > kMaxDepth) return Corrupt();
    uint64_t count = 0;
    if (!GetVarint(&in_, &count) || count > in_.size()) return Corrupt();
    ddb::Item item;
    for (uint64_t i = 0; i < count; ++i) {
      std::string_view name;
      if (!GetLengthPrefixed(&in_, &name)) return Corrupt();
      XR_ASSIGN_OR_RETURN(auto value, Value(depth));
      item.emplace_hint(item.end(), std::string(name), std::move(value));
    }
    return item;
  }

  ddb::Result<ddb::AttributeValue> Value(int depth) {
    if (in_.empty()) return Corrupt();
    const auto type = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    std::string_view bytes;
    uint64_t count = 0;
    switch (static_cast<ddb::AttributeType>(type)) {
      case ddb::AttributeType::S:
        if (!GetLengthPrefixed(&in_, &bytes)) return Corrupt();
        return ddb::AttributeValue::S(std::string(bytes));
      case ddb::AttributeType::B:
        if (!GetLengthPrefixed(&in_, &bytes)) return Corrupt();
        return ddb::AttributeValue::B(std::string(bytes));
      case ddb::AttributeType::N: {
        XR_ASSIGN_OR_RETURN(auto n, Number());
        return ddb::AttributeValue::N(n);
      }
      case ddb::AttributeType::BOOL:
        if (in_.empty()) return Corrupt();
        bytes = in_.substr(0, 1);
        in_.remove_prefix(1);
        return ddb::AttributeValue::Bool(bytes[0] != 0);
      case ddb::AttributeType::NULL_:
        return ddb::AttributeValue::Nul();
      case ddb::AttributeType::M: {
        XR_ASSIGN_OR_RETURN(auto m, Map(depth + 1));
        return ddb::AttributeValue::M(std::move(m));
      }
      case ddb::AttributeType::L: {
        if (!GetVarint(&in_, &count) || count > in_.size()) return Corrupt();
        ddb::AttributeList list;
        list.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
          XR_ASSIGN_OR_RETURN(auto e, Value(depth + 1));
          list.push_back(std::move(e));
        }
        return ddb::AttributeValue::L(std::move(list));
      }
      case ddb::AttributeType::SS:
      case ddb::AttributeType::BS: {
        if (!GetVarint(&in_, &count) || count > in_.size()) return Corrupt();
        std::vector<std::string> values;
        values.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
          if (!GetLengthPrefixed(&in_, &bytes)) return Corrupt();
          values.emplace_back(bytes);
        }
        return static_cast<ddb::AttributeType>(type) == ddb::AttributeType::SS
                   ? ddb::AttributeValue::SS(std::move(values))
                   : ddb::AttributeValue::BS(std::move(values));
      }
      case ddb::AttributeType::NS: {
        if (!GetVarint(&in_, &count) || count > in_.size()) return Corrupt();
        std::vector<ddb::Number> values;
        values.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
          XR_ASSIGN_OR_RETURN(auto n, Number());
          values.push_back(n);
        }
        return ddb::AttributeValue::NS(std::move(values));
      }
    }
    return Corrupt();
  }

  bool done() const { return in_.empty(); }

 private:
  ddb::Result<ddb::Number> Number() {
    std::string_view text;
    if (!GetLengthPrefixed(&in_, &text)) return Corrupt();
    auto n = ddb::Number::Parse(text);
    if (!n.ok()) return Corrupt();
    return *n;
  }

  std::string_view in_;
};

}  // namespace

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    const auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

void PutLengthPrefixed(std::string_view bytes, std::string* out) {
  PutVarint(bytes.size(), out);
  out->append(bytes);
}

bool GetLengthPrefixed(std::string_view* in, std::string_view* bytes) {
  uint64_t len = 0;
  if (!GetVarint(in, &len) || len > in->size()) return false;
  *bytes = in->substr(0, len);
  in->remove_prefix(len);
  return true;
}

void EncodeItem(const ddb::Item& item, std::string* out) {
  out->push_back(static_cast<char>(kFormatVersion));
  PutMap(item, out);
}

std::string EncodeItem(const ddb::Item& item) {
  std::string out;
  EncodeItem(item, &out);
  return out;
}

ddb::Result<ddb::Item> DecodeItem(std::string_view bytes) {
  if (bytes.empty() || static_cast<uint8_t>(bytes.front()) != kFormatVersion) return Corrupt();
  Decoder decoder(bytes.substr(1));
  XR_ASSIGN_OR_RETURN(auto item, decoder.Map(0));
  if (!decoder.done()) return Corrupt();
  return item;
}

}  // namespace engine::itemcodec
