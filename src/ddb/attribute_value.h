// AttributeValue: one DynamoDB value of any of the ten types, and Item/Key (attribute maps).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ddb/number.h"

namespace ddb {

class AttributeValue;

using Item = std::map<std::string, AttributeValue, std::less<>>;  // attribute name -> value
using Key = Item;                                                 // key attributes only
using AttributeList = std::vector<AttributeValue>;

enum class AttributeType : uint8_t { S, N, B, BOOL, NULL_, M, L, SS, NS, BS };
std::string_view AttributeTypeName(AttributeType t);  // "S", "N", ..., "NULL", ...

// Binary bytes (type B), distinct from a string so the variant can tell them apart.
struct Binary {
  std::string bytes;
  friend bool operator==(const Binary&, const Binary&) = default;
};
struct Null {
  friend bool operator==(const Null&, const Null&) = default;
};
// Sets keep insertion order as given; DynamoDB treats them as unordered and without
// duplicates, which validation (not this type) enforces. Equality ignores order.
struct StringSet {
  std::vector<std::string> values;
};
struct NumberSet {
  std::vector<Number> values;
};
struct BinarySet {
  std::vector<std::string> values;
};

class AttributeValue {
 public:
  AttributeValue() : v_(Null{}) {}

  static AttributeValue S(std::string s) { return AttributeValue(std::move(s)); }
  static AttributeValue N(Number n) { return AttributeValue(n); }
  static AttributeValue N(int64_t n) { return AttributeValue(Number::FromInt(n)); }
  static AttributeValue B(std::string bytes) { return AttributeValue(Binary{std::move(bytes)}); }
  static AttributeValue Bool(bool b) { return AttributeValue(b); }
  static AttributeValue Nul() { return AttributeValue(Null{}); }
  static AttributeValue M(Item m) { return AttributeValue(std::move(m)); }
  static AttributeValue L(AttributeList l) { return AttributeValue(std::move(l)); }
  static AttributeValue SS(std::vector<std::string> v) {
    return AttributeValue(StringSet{std::move(v)});
  }
  static AttributeValue NS(std::vector<Number> v) { return AttributeValue(NumberSet{std::move(v)}); }
  static AttributeValue BS(std::vector<std::string> v) {
    return AttributeValue(BinarySet{std::move(v)});
  }

  AttributeType type() const { return static_cast<AttributeType>(v_.index()); }
  bool is_s() const { return type() == AttributeType::S; }
  bool is_n() const { return type() == AttributeType::N; }
  bool is_b() const { return type() == AttributeType::B; }
  bool is_bool() const { return type() == AttributeType::BOOL; }
  bool is_null() const { return type() == AttributeType::NULL_; }
  bool is_m() const { return type() == AttributeType::M; }
  bool is_l() const { return type() == AttributeType::L; }

  // Accessors: precondition is the matching type (checked by assert via std::get).
  const std::string& s() const { return std::get<std::string>(v_); }
  const Number& n() const { return std::get<Number>(v_); }
  const std::string& b() const { return std::get<Binary>(v_).bytes; }
  bool boolean() const { return std::get<bool>(v_); }
  const Item& m() const { return std::get<Item>(v_); }
  Item& m() { return std::get<Item>(v_); }
  const AttributeList& l() const { return std::get<AttributeList>(v_); }
  AttributeList& l() { return std::get<AttributeList>(v_); }
  const std::vector<std::string>& ss() const { return std::get<StringSet>(v_).values; }
  const std::vector<Number>& ns() const { return std::get<NumberSet>(v_).values; }
  const std::vector<std::string>& bs() const { return std::get<BinarySet>(v_).values; }

  // Deep equality with DynamoDB semantics: numbers compare numerically, sets ignore order.
  friend bool operator==(const AttributeValue& a, const AttributeValue& b);

  // Debug/human text, e.g. {"S":"x"} style; not the wire codec (see ddb/json.h).
  std::string DebugString() const;

 private:
  template <class V>
  explicit AttributeValue(V v) : v_(std::move(v)) {}

  // Index order matches AttributeType.
  std::variant<std::string, Number, Binary, bool, Null, Item, AttributeList, StringSet,
               NumberSet, BinarySet>
      v_;
};

// Size of an item as DynamoDB computes it for the 400 KB limit: for each attribute the
// UTF-8 length of its name plus the size of its value (strings: UTF-8 bytes; binary:
// bytes; numbers: about 1 byte per two significant digits plus 1; booleans and null: 1;
// lists and maps: 3 bytes plus their elements, each element plus 1 byte; sets: the sum of
// their elements).
size_t ItemSize(const Item& item);
size_t AttributeValueSize(const AttributeValue& v);

constexpr size_t kMaxItemSize = 400 * 1024;
constexpr size_t kMaxPartitionKeySize = 2048;
constexpr size_t kMaxSortKeySize = 1024;

}  // namespace ddb
