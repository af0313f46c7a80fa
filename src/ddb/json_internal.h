// Internal to the DynamoDB JSON codec (json_*.cc): the RapidJSON document holder and the
// typed member readers/writers shared by the per-operation encoders and decoders.
// Not part of the public surface; include ddb/json.h instead.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/model.h"
#include "ddb/rapidjson.h"
#include "ddb/result.h"

namespace ddb::json::internal {

using Value = rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// DynamoDB's document nesting limit: an item attribute is level 1, each M/L adds one.
constexpr int kMaxNestingDepth = 32;

// Owns a mutable copy of the body (parsed in situ, so strings point into it) and the DOM.
class ParsedBody {
 public:
  // SerializationException unless `body` is one valid UTF-8 JSON value.
  Status Parse(std::string_view body);
  const Value& root() const { return doc_; }
  // For the request checks, which normalize values in place (see json_check.h).
  Value& mutable_root() { return doc_; }

 private:
  std::string buffer_;
  rapidjson::Document doc_;
};

// Parses `body` and checks that its root is a JSON object.
Status ParseObject(std::string_view body, ParsedBody& parsed);

Error SerializationError(std::string message);
// SerializationException naming the member and the JSON type found.
Error WrongType(std::string_view member, std::string_view expected, const Value& found);
// ValidationException, as DynamoDB words a missing required member.
Error MissingMember(std::string_view member);

inline std::string_view View(const Value& v) { return {v.GetString(), v.GetStringLength()}; }

// Member lookup; a JSON null counts as absent (as DynamoDB treats it).
const Value* Find(const Value& object, std::string_view name);

// Readers: an absent member leaves `out` unchanged (or resets an optional to nullopt) and
// succeeds, unless the Require* form is used. A member of the wrong JSON type is a
// SerializationException naming it.
Status ExpectObject(const Value& v, std::string_view member);
Status ReadString(const Value& object, std::string_view name, std::string& out);
Status RequireString(const Value& object, std::string_view name, std::string& out);
Status ReadString(const Value& object, std::string_view name, std::optional<std::string>& out);
Status ReadBool(const Value& object, std::string_view name, bool& out);
Status ReadInt64(const Value& object, std::string_view name, int64_t& out);
Status ReadInt32(const Value& object, std::string_view name, std::optional<int32_t>& out);
Status ReadDouble(const Value& object, std::string_view name, double& out);
Status ReadStringList(const Value& object, std::string_view name, std::vector<std::string>& out);
Status ReadExpressionAttributeNames(const Value& object, ExpressionAttributeNames& out);

// Enums: an unknown spelling is a ValidationException listing the allowed values.
template <class E>
using EnumParser = std::optional<E> (*)(std::string_view);
Error BadEnumValue(std::string_view member, std::string_view value, std::string_view allowed);
template <class E>
Status ReadEnum(const Value& object, std::string_view name, EnumParser<E> parse,
                std::string_view allowed, std::optional<E>& out) {
  std::optional<std::string> text;
  XR_RETURN_IF_ERROR(ReadString(object, name, text));
  if (!text) {
    out.reset();
    return OkStatus();
  }
  out = parse(*text);
  if (!out) return BadEnumValue(name, *text, allowed);
  return OkStatus();
}
template <class E>
Status ReadEnum(const Value& object, std::string_view name, EnumParser<E> parse,
                std::string_view allowed, E& out) {
  std::optional<E> v;
  XR_RETURN_IF_ERROR(ReadEnum(object, name, parse, allowed, v));
  if (v) out = *v;
  return OkStatus();
}

// AttributeValue and item decoding with DynamoDB's validation (exactly one type, valid
// numbers, non-empty sets without duplicates, nesting limit). `depth` is the level of `v`.
Result<AttributeValue> DecodeValue(const Value& v, int depth);
// `v` must be a JSON object of attribute name -> AttributeValue.
Status DecodeItemObject(const Value& v, std::string_view member, Item& out);
Status ReadItem(const Value& object, std::string_view name, Item& out, bool required);
Status ReadItem(const Value& object, std::string_view name, std::optional<Item>& out);
// Errors in values are worded as DynamoDB does for this member ("... for key :v").
Status ReadExpressionAttributeValues(const Value& object, ExpressionAttributeValues& out);

// --- Parameters shared by several operations (json_params.cc) ---

// ExpressionAttributeNames/Values sent as {} cannot be told from absent in the typed request,
// so DynamoDB's refusal of them is worded here, in its two steps (dynalite
// validateExpressionParams, then validateExpressions): first "... can only be specified when
// using expressions" (`expressions`: the operation's expression parameters), later, after
// the key or item values, "... must not be empty". Non-empty maps are the engine's to judge.
Status CheckExpressionMapsUsed(const Value& object, std::span<const std::string_view> expressions);
Status CheckExpressionMapsNotEmpty(const Value& object);
Status ReadAttributesToGet(const Value& object, std::optional<std::vector<std::string>>& out);
Status ReadExpected(const Value& object, std::optional<ExpectedMap>& out);
// KeyConditions, QueryFilter, ScanFilter.
Status ReadConditions(const Value& object, std::string_view name,
                      std::optional<LegacyConditionMap>& out);
Status ReadAttributeUpdates(const Value& object, std::optional<AttributeUpdates>& out);
Status ReadReturnConsumedCapacity(const Value& object, ReturnConsumedCapacity& out);
Status ReadConditionalOperator(const Value& object, std::optional<ConditionalOperator>& out);
// Everything of WriteConditionParams (Expected first, then the expression members, with
// CheckExpressionMapsNotEmpty before the values).
Status ReadWriteConditionParams(const Value& object, WriteConditionParams& out);
Status ReadConsumedCapacity(const Value& v, ConsumedCapacity& out);
Status ReadConsumedCapacity(const Value& object, std::optional<ConsumedCapacity>& out);
Status ReadConsumedCapacityList(const Value& object, std::vector<ConsumedCapacity>& out);
Status ReadItemCollectionMetrics(const Value& v, ItemCollectionMetrics& out);
// Attributes, ConsumedCapacity, ItemCollectionMetrics of a PutItem/UpdateItem/DeleteItem answer.
Status ReadWriteItemResponse(const Value& object, WriteItemResponse& out);

// --- Writing ---

inline void WriteKey(Writer& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}
inline void WriteString(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline void WriteMember(Writer& w, std::string_view key, std::string_view value) {
  WriteKey(w, key);
  WriteString(w, value);
}
inline void WriteOptional(Writer& w, std::string_view key, const std::optional<std::string>& v) {
  if (v) WriteMember(w, key, std::string_view(*v));
}
void WriteAttributeValue(Writer& w, const AttributeValue& v);
void WriteItem(Writer& w, const Item& item);
void WriteStringList(Writer& w, std::string_view key, const std::vector<std::string>& values);
// Both omit the member when the map is empty.
void WriteExpressionAttributeNames(Writer& w, const ExpressionAttributeNames& names);
void WriteExpressionAttributeValues(Writer& w, const ExpressionAttributeValues& values);

// Shared parameters (json_params.cc). Each writes nothing when the value is absent/default.
void WriteAttributesToGet(Writer& w, const std::optional<std::vector<std::string>>& names);
void WriteExpected(Writer& w, const std::optional<ExpectedMap>& expected);
void WriteConditions(Writer& w, std::string_view key, const std::optional<LegacyConditionMap>& m);
void WriteAttributeUpdates(Writer& w, const std::optional<AttributeUpdates>& updates);
void WriteReturnConsumedCapacity(Writer& w, ReturnConsumedCapacity v);
void WriteConditionalOperator(Writer& w, const std::optional<ConditionalOperator>& v);
void WriteWriteConditionParams(Writer& w, const WriteConditionParams& p);
void WriteConsumedCapacity(Writer& w, const ConsumedCapacity& c);  // the object only
void WriteConsumedCapacity(Writer& w, const std::optional<ConsumedCapacity>& c);
void WriteConsumedCapacityList(Writer& w, const std::vector<ConsumedCapacity>& list);
void WriteItemCollectionMetrics(Writer& w, const ItemCollectionMetrics& m);  // the object only
void WriteWriteItemResponse(Writer& w, const WriteItemResponse& r);
// The "Tags" member (TagResource, ListTagsOfResource, CreateTable; json_tag_ops.cc).
Status ReadTags(const Value& object, std::vector<Tag>& out);
void WriteTags(Writer& w, const std::vector<Tag>& tags);

inline std::string Finish(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

// --- Glue for the per-operation codecs ---

// Reads the array member `name` element by element with `read(const Value&, T&) -> Status`.
template <class T, class Fn>
Status ReadArray(const Value& object, std::string_view name, std::vector<T>& out, Fn read) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  if (!v->IsArray()) return WrongType(name, "an array", *v);
  out.clear();
  out.reserve(v->Size());
  for (const Value& e : v->GetArray()) {
    XR_RETURN_IF_ERROR(read(e, out.emplace_back()));
  }
  return OkStatus();
}

// Reads the object member `name` (a map keyed by table name) with `read(const Value&, T&)`.
template <class Map, class Fn>
Status ReadMap(const Value& object, std::string_view name, Map& out, Fn read) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  XR_RETURN_IF_ERROR(ExpectObject(*v, name));
  out.clear();
  for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
    typename Map::mapped_type value{};
    XR_RETURN_IF_ERROR(read(it->value, value));
    out.insert_or_assign(std::string(View(it->name)), std::move(value));
  }
  return OkStatus();
}

// Parses a body whose root must be an object and fills a T with `read(const Value&, T&)`.
template <class T, class Fn>
Result<T> DecodeBody(std::string_view body, Fn read) {
  ParsedBody parsed;
  XR_RETURN_IF_ERROR(ParseObject(body, parsed));
  T out{};
  XR_RETURN_IF_ERROR(read(parsed.root(), out));
  return out;
}

// Writes one JSON object whose members `write(Writer&)` emits.
template <class Fn>
std::string EncodeBody(Fn write) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  write(w);
  w.EndObject();
  return Finish(buffer);
}

}  // namespace ddb::json::internal
