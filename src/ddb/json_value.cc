// AttributeValue and Item <-> DynamoDB JSON ({"S":"x"}, {"N":"1"}, {"M":{...}}, ...).
#include <algorithm>
#include <array>

#include "ddb/base64.h"
#include "ddb/json.h"
#include "ddb/json_internal.h"

namespace ddb::json {
namespace internal {
namespace {

constexpr std::string_view kInvalidParameter = "One or more parameter values were invalid: ";

Error NestingTooDeep() {
  return ValidationError(
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit");
}

// The type member names, in AttributeType order.
constexpr std::array<std::string_view, 10> kTypeNames = {"S", "N", "B",  "BOOL", "NULL",
                                                         "M", "L", "SS", "NS",   "BS"};

std::optional<AttributeType> TypeFromName(std::string_view name) {
  // Short names: a length switch first keeps this cheap on the hot path.
  if (name.empty() || name.size() > 4) return std::nullopt;
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) return static_cast<AttributeType>(i);
  }
  return std::nullopt;
}

Error EmptySet(AttributeType t) {
  // DynamoDB's wording, including its grammar and double space.
  switch (t) {
    case AttributeType::SS:
      return ValidationError(std::string(kInvalidParameter) + "An string set  may not be empty");
    case AttributeType::NS:
      return ValidationError(std::string(kInvalidParameter) + "An number set  may not be empty");
    default:
      return ValidationError(std::string(kInvalidParameter) + "Binary sets should not be empty");
  }
}

// "[a, b, a]": the members as sent (bounded).
template <class Range, class Show>
std::string ListText(const Range& members, Show show) {
  constexpr size_t kMaxListed = 200;
  std::string listed;
  for (const auto& m : members) {
    if (!listed.empty()) listed += ", ";
    if (listed.size() > kMaxListed) {
      listed += "...";
      break;
    }
    listed += show(m);
  }
  return "[" + listed + "]";
}

template <class T, class Less>
bool HasDuplicates(std::vector<T> sorted, Less less) {
  std::sort(sorted.begin(), sorted.end(), less);
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (!less(sorted[i - 1], sorted[i])) return true;
  }
  return false;
}

// Number::Parse's errors, worded as DynamoDB words them for a value in a request.
Result<Number> ParseNumber(std::string_view text) {
  auto n = Number::Parse(text);
  if (n.ok()) return n;
  if (text.empty()) return ValidationError("The parameter cannot be converted to a numeric value");
  const std::string_view why = n.error().message;
  if (why.starts_with("Number ") || why.starts_with("Attempting ")) return n;
  return ValidationError("The parameter cannot be converted to a numeric value: " +
                         std::string(text));
}

// Sets: emptiness first, then the members, then duplicates, as DynamoDB checks them.
Status ReadStringSet(const Value& v, std::vector<std::string>& out) {
  if (!v.IsArray()) return WrongType("SS", "an array of strings", v);
  if (v.Empty()) return EmptySet(AttributeType::SS);
  out.reserve(v.Size());
  std::vector<std::string_view> views;
  views.reserve(v.Size());
  for (const Value& e : v.GetArray()) {
    if (!e.IsString()) return WrongType("SS", "an array of strings", e);
    out.emplace_back(e.GetString(), e.GetStringLength());
    views.push_back(View(e));
  }
  if (HasDuplicates(std::move(views), std::less<>())) {
    return ValidationError(std::string(kInvalidParameter) + "Input collection " +
                           ListText(out, [](const std::string& s) { return s; }) +
                           " contains duplicates.");
  }
  return OkStatus();
}

Status ReadNumberSet(const Value& v, std::vector<Number>& out) {
  if (!v.IsArray()) return WrongType("NS", "an array of strings", v);
  if (v.Empty()) return EmptySet(AttributeType::NS);
  out.reserve(v.Size());
  for (const Value& e : v.GetArray()) {
    if (!e.IsString()) return WrongType("NS", "an array of strings", e);
    XR_ASSIGN_OR_RETURN(Number n, ParseNumber(View(e)));
    out.push_back(n);
  }
  // Numerically equal members ("1" and "1.0") are duplicates too. DynamoDB's words for
  // number sets have neither the prefix nor the members.
  if (HasDuplicates(out, [](const Number& a, const Number& b) { return a.Compare(b) < 0; })) {
    return ValidationError("Input collection contains duplicates");
  }
  return OkStatus();
}

Status ReadBinarySet(const Value& v, std::vector<std::string>& out) {
  if (!v.IsArray()) return WrongType("BS", "an array of base64 strings", v);
  if (v.Empty()) return EmptySet(AttributeType::BS);
  out.reserve(v.Size());
  for (const Value& e : v.GetArray()) {
    if (!e.IsString()) return WrongType("BS", "an array of base64 strings", e);
    auto bytes = Base64Decode(View(e));
    if (!bytes.ok()) return SerializationError("Member 'BS': " + bytes.error().message);
    out.push_back(std::move(bytes).value());
  }
  std::vector<std::string_view> views(out.begin(), out.end());
  if (HasDuplicates(std::move(views), std::less<>())) {
    // DynamoDB's words, the missing space before "of" included.
    return ValidationError(
        std::string(kInvalidParameter) + "Input collection " +
        ListText(v.GetArray(), [](const Value& e) { return std::string(View(e)); }) +
        "of type BS contains duplicates.");
  }
  return OkStatus();
}

// One typed member of an AttributeValue ({"S": ...}'s "..."), validated.
Result<AttributeValue> DecodeTyped(AttributeType type, const Value& m, int depth) {
  const std::string_view name = kTypeNames[static_cast<size_t>(type)];
  switch (type) {
    case AttributeType::S:
      if (!m.IsString()) return WrongType(name, "a string", m);
      return AttributeValue::S(std::string(m.GetString(), m.GetStringLength()));
    case AttributeType::N: {
      if (!m.IsString()) return WrongType(name, "a string holding a number", m);
      XR_ASSIGN_OR_RETURN(Number n, ParseNumber(View(m)));
      return AttributeValue::N(n);
    }
    case AttributeType::B: {
      if (!m.IsString()) return WrongType(name, "a base64 string", m);
      auto bytes = Base64Decode(View(m));
      if (!bytes.ok()) return SerializationError("Member 'B': " + bytes.error().message);
      return AttributeValue::B(std::move(bytes).value());
    }
    case AttributeType::BOOL:
      if (!m.IsBool()) return WrongType(name, "a boolean", m);
      return AttributeValue::Bool(m.GetBool());
    case AttributeType::NULL_:
      if (!m.IsBool()) return WrongType(name, "a boolean", m);
      if (!m.GetBool()) {
        return ValidationError(std::string(kInvalidParameter) +
                               "Null attribute value types must have the value of true");
      }
      return AttributeValue::Nul();
    case AttributeType::M: {
      if (!m.IsObject()) return WrongType(name, "an object", m);
      Item item;
      for (auto it = m.MemberBegin(); it != m.MemberEnd(); ++it) {
        XR_ASSIGN_OR_RETURN(AttributeValue e, DecodeValue(it->value, depth + 1));
        item.insert_or_assign(std::string(View(it->name)), std::move(e));
      }
      return AttributeValue::M(std::move(item));
    }
    case AttributeType::L: {
      if (!m.IsArray()) return WrongType(name, "an array", m);
      AttributeList list;
      list.reserve(m.Size());
      for (const Value& e : m.GetArray()) {
        XR_ASSIGN_OR_RETURN(AttributeValue decoded, DecodeValue(e, depth + 1));
        list.push_back(std::move(decoded));
      }
      return AttributeValue::L(std::move(list));
    }
    case AttributeType::SS: {
      std::vector<std::string> values;
      XR_RETURN_IF_ERROR(ReadStringSet(m, values));
      return AttributeValue::SS(std::move(values));
    }
    case AttributeType::NS: {
      std::vector<Number> values;
      XR_RETURN_IF_ERROR(ReadNumberSet(m, values));
      return AttributeValue::NS(std::move(values));
    }
    case AttributeType::BS: {
      std::vector<std::string> values;
      XR_RETURN_IF_ERROR(ReadBinarySet(m, values));
      return AttributeValue::BS(std::move(values));
    }
  }
  return ValidationError("Unsupported AttributeValue type");
}

}  // namespace

// DynamoDB validates every typed member (in the order sent) before it complains that there
// are several, so {"S":"a","N":"x"} is a number error.
Result<AttributeValue> DecodeValue(const Value& v, int depth) {
  if (v.IsNull()) {
    return ValidationError(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (!v.IsObject()) return WrongType("AttributeValue", "an object", v);
  if (depth > kMaxNestingDepth) return NestingTooDeep();
  std::optional<AttributeValue> first;
  int types = 0;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    if (it->value.IsNull()) continue;  // null members count as absent
    const auto t = TypeFromName(View(it->name));
    if (!t) continue;  // unknown members are ignored, as DynamoDB does
    ++types;
    XR_ASSIGN_OR_RETURN(AttributeValue decoded, DecodeTyped(*t, it->value, depth));
    if (!first) first.emplace(std::move(decoded));
  }
  if (types == 0) {
    return ValidationError(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (types > 1) {
    return ValidationError(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  }
  return std::move(*first);
}

Status DecodeItemObject(const Value& v, std::string_view member, Item& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, member));
  out.clear();
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    XR_ASSIGN_OR_RETURN(AttributeValue value, DecodeValue(it->value, 1));
    out.insert_or_assign(std::string(View(it->name)), std::move(value));
  }
  return OkStatus();
}

Status ReadItem(const Value& object, std::string_view name, Item& out, bool required) {
  const Value* v = Find(object, name);
  if (v == nullptr) return required ? Status(MissingMember(name)) : OkStatus();
  return DecodeItemObject(*v, name, out);
}

Status ReadItem(const Value& object, std::string_view name, std::optional<Item>& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) {
    out.reset();
    return OkStatus();
  }
  out.emplace();
  return DecodeItemObject(*v, name, *out);
}

Status ReadExpressionAttributeValues(const Value& object, ExpressionAttributeValues& out) {
  constexpr std::string_view kName = "ExpressionAttributeValues";
  const Value* v = Find(object, kName);
  if (v == nullptr) return OkStatus();
  XR_RETURN_IF_ERROR(ExpectObject(*v, kName));
  out.clear();
  for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
    auto value = DecodeValue(it->value, 1);
    if (!value.ok()) {
      Error e = std::move(value).error();
      if (e.code != ErrorCode::kValidation) return e;
      // DynamoDB: "ExpressionAttributeValues contains invalid value: <why> for key :v".
      return ValidationError("ExpressionAttributeValues contains invalid value: " + e.message +
                             " for key " + std::string(View(it->name)));
    }
    out.insert_or_assign(std::string(View(it->name)), std::move(value).value());
  }
  return OkStatus();
}

void WriteAttributeValue(Writer& w, const AttributeValue& v) {
  w.StartObject();
  WriteKey(w, kTypeNames[static_cast<size_t>(v.type())]);
  switch (v.type()) {
    case AttributeType::S:
      WriteString(w, v.s());
      break;
    case AttributeType::N:
      WriteString(w, v.n().ToString());
      break;
    case AttributeType::B:
      WriteString(w, Base64Encode(v.b()));
      break;
    case AttributeType::BOOL:
      w.Bool(v.boolean());
      break;
    case AttributeType::NULL_:
      w.Bool(true);
      break;
    case AttributeType::M:
      WriteItem(w, v.m());
      break;
    case AttributeType::L:
      w.StartArray();
      for (const auto& e : v.l()) WriteAttributeValue(w, e);
      w.EndArray();
      break;
    case AttributeType::SS:
      w.StartArray();
      for (const auto& e : v.ss()) WriteString(w, e);
      w.EndArray();
      break;
    case AttributeType::NS:
      w.StartArray();
      for (const auto& e : v.ns()) WriteString(w, e.ToString());
      w.EndArray();
      break;
    case AttributeType::BS:
      w.StartArray();
      for (const auto& e : v.bs()) WriteString(w, Base64Encode(e));
      w.EndArray();
      break;
  }
  w.EndObject();
}

void WriteItem(Writer& w, const Item& item) {
  w.StartObject();
  for (const auto& [name, value] : item) {
    WriteKey(w, name);
    WriteAttributeValue(w, value);
  }
  w.EndObject();
}

void WriteExpressionAttributeValues(Writer& w, const ExpressionAttributeValues& values) {
  if (values.empty()) return;
  WriteKey(w, "ExpressionAttributeValues");
  WriteItem(w, values);
}

}  // namespace internal

std::string EncodeAttributeValue(const AttributeValue& v) {
  rapidjson::StringBuffer buffer;
  internal::Writer w(buffer);
  internal::WriteAttributeValue(w, v);
  return internal::Finish(buffer);
}

Result<AttributeValue> DecodeAttributeValue(std::string_view json) {
  internal::ParsedBody parsed;
  XR_RETURN_IF_ERROR(parsed.Parse(json));
  return internal::DecodeValue(parsed.root(), 1);
}

std::string EncodeItem(const Item& item) {
  rapidjson::StringBuffer buffer;
  internal::Writer w(buffer);
  internal::WriteItem(w, item);
  return internal::Finish(buffer);
}

Result<Item> DecodeItem(std::string_view json) {
  internal::ParsedBody parsed;
  XR_RETURN_IF_ERROR(parsed.Parse(json));
  Item item;
  XR_RETURN_IF_ERROR(internal::DecodeItemObject(parsed.root(), "Item", item));
  return item;
}

}  // namespace ddb::json
