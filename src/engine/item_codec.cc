#include "engine/item_codec.h"

#include <cstdint>
#include <tuple>
#include <utility>

namespace engine::itemcodec {
namespace {

constexpr uint8_t kFormatVersion = 2;
// Deeper nesting than DynamoDB's 32 levels means corrupt data, not a real item.
constexpr int kMaxDepth = 64;
constexpr int kMaxCoefficientBytes = 16;

void PutNumber(const ddb::Number& n, std::string* out) {
  ddb::Number::Coefficient c = n.coefficient();
  char bytes[kMaxCoefficientBytes];
  int len = 0;
  for (; c != 0; c >>= 8) bytes[len++] = static_cast<char>(static_cast<uint8_t>(c));
  out->push_back(static_cast<char>((n.is_negative() ? 1 : 0) | (len << 1)));
  const int64_t e = n.exponent();
  PutVarint(static_cast<uint64_t>((e << 1) ^ (e >> 63)), out);  // zigzag
  out->append(bytes, static_cast<size_t>(len));
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

// Builds values straight into their final place (each value is a prvalue moved once into its
// map node or list slot). Malformed input sets failed_ and yields placeholder values; only
// the top level turns that into an error, so no Result/Error objects are on the hot path.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  bool Map(int depth, ddb::Item* item) {
    uint64_t count = 0;
    if (depth > kMaxDepth || !GetVarint(&in_, &count) || count > in_.size()) return Fail();
    for (uint64_t i = 0; i < count && !failed_; ++i) {
      std::string_view name;
      if (!GetLengthPrefixed(&in_, &name)) return Fail();
      // Names were written from a sorted map: the end hint makes each insert O(1).
      item->emplace_hint(item->end(), std::piecewise_construct, std::forward_as_tuple(name),
                         std::forward_as_tuple(Value(depth)));
    }
    return !failed_;
  }

  ddb::AttributeValue Value(int depth) {
    if (in_.empty()) return Failed();
    const auto type = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    std::string_view bytes;
    uint64_t count = 0;
    switch (static_cast<ddb::AttributeType>(type)) {
      case ddb::AttributeType::S:
        if (!GetLengthPrefixed(&in_, &bytes)) return Failed();
        return ddb::AttributeValue::S(std::string(bytes));
      case ddb::AttributeType::B:
        if (!GetLengthPrefixed(&in_, &bytes)) return Failed();
        return ddb::AttributeValue::B(std::string(bytes));
      case ddb::AttributeType::N:
        return ddb::AttributeValue::N(Number());
      case ddb::AttributeType::BOOL: {
        if (in_.empty()) return Failed();
        const bool b = in_.front() != 0;
        in_.remove_prefix(1);
        return ddb::AttributeValue::Bool(b);
      }
      case ddb::AttributeType::NULL_:
        return ddb::AttributeValue::Nul();
      case ddb::AttributeType::M: {
        ddb::Item m;
        Map(depth + 1, &m);
        return ddb::AttributeValue::M(std::move(m));
      }
      case ddb::AttributeType::L: {
        if (!GetVarint(&in_, &count) || count > in_.size()) return Failed();
        ddb::AttributeList list;
        list.reserve(count);
        for (uint64_t i = 0; i < count && !failed_; ++i) list.push_back(Value(depth + 1));
        return ddb::AttributeValue::L(std::move(list));
      }
      case ddb::AttributeType::SS:
      case ddb::AttributeType::BS: {
        if (!GetVarint(&in_, &count) || count > in_.size()) return Failed();
        std::vector<std::string> values;
        values.reserve(count);
        for (uint64_t i = 0; i < count; ++i) {
          if (!GetLengthPrefixed(&in_, &bytes)) return Failed();
          values.emplace_back(bytes);
        }
        return static_cast<ddb::AttributeType>(type) == ddb::AttributeType::SS
                   ? ddb::AttributeValue::SS(std::move(values))
                   : ddb::AttributeValue::BS(std::move(values));
      }
      case ddb::AttributeType::NS: {
        if (!GetVarint(&in_, &count) || count > in_.size()) return Failed();
        std::vector<ddb::Number> values;
        values.reserve(count);
        for (uint64_t i = 0; i < count && !failed_; ++i) values.push_back(Number());
        return ddb::AttributeValue::NS(std::move(values));
      }
    }
    return Failed();
  }

  bool done() const { return !failed_ && in_.empty(); }

 private:
  bool Fail() {
    failed_ = true;
    return false;
  }
  ddb::AttributeValue Failed() {
    failed_ = true;
    return ddb::AttributeValue();
  }

  ddb::Number Number() {
    if (in_.empty()) return FailedNumber();
    const auto head = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    const int len = head >> 1;
    uint64_t zigzag = 0;
    if (len > kMaxCoefficientBytes || !GetVarint(&in_, &zigzag)) return FailedNumber();
    const auto e = static_cast<int64_t>(zigzag >> 1) ^ -static_cast<int64_t>(zigzag & 1);
    if (e < INT32_MIN || e > INT32_MAX || in_.size() < static_cast<size_t>(len)) {
      return FailedNumber();
    }
    ddb::Number::Coefficient c = 0;
    for (int i = len - 1; i >= 0; --i) c = (c << 8) | static_cast<uint8_t>(in_[i]);
    in_.remove_prefix(static_cast<size_t>(len));
    auto n = ddb::Number::FromParts((head & 1) != 0, c, static_cast<int32_t>(e));
    if (!n.ok()) return FailedNumber();
    return *n;
  }
  ddb::Number FailedNumber() {
    failed_ = true;
    return ddb::Number();
  }

  std::string_view in_;
  bool failed_ = false;
};

// Splits the header (version, item size) from the map.
bool ReadHeader(std::string_view* bytes, uint64_t* item_size) {
  if (bytes->empty() || static_cast<uint8_t>(bytes->front()) != kFormatVersion) return false;
  bytes->remove_prefix(1);
  return GetVarint(bytes, item_size);
}

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

void EncodeItem(const ddb::Item& item, size_t item_size, std::string* out) {
  out->push_back(static_cast<char>(kFormatVersion));
  PutVarint(item_size, out);
  PutMap(item, out);
}

std::string EncodeItem(const ddb::Item& item) {
  std::string out;
  EncodeItem(item, ddb::ItemSize(item), &out);
  return out;
}

ddb::Status DecodeItem(std::string_view bytes, ddb::Item* out) {
  uint64_t item_size = 0;
  if (!ReadHeader(&bytes, &item_size)) return Corrupt();
  Decoder decoder(bytes);
  decoder.Map(0, out);
  if (!decoder.done()) return Corrupt();
  return ddb::OkStatus();
}

ddb::Result<ddb::Item> DecodeItem(std::string_view bytes) {
  ddb::Item item;
  XR_RETURN_IF_ERROR(DecodeItem(bytes, &item));
  return item;
}

ddb::Result<size_t> EncodedItemSize(std::string_view bytes) {
  uint64_t item_size = 0;
  if (!ReadHeader(&bytes, &item_size) || item_size > SIZE_MAX) return Corrupt();
  return static_cast<size_t>(item_size);
}

}  // namespace engine::itemcodec
