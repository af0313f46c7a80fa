// DynamoDB's wire-level request checks (see json_check.h): one walk over the parsed body that
// type-checks and normalizes every known member and collects the constraint violations.
#include "ddb/json_check.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace ddb::json::internal {
namespace {

constexpr size_t kMaxErrors = 10;  // DynamoDB reports at most ten constraint violations
constexpr std::string_view kPackage = "com.amazonaws.dynamodb.v20120810.";
constexpr std::string_view kStartOfStructure = "Start of structure or map found where not expected";
constexpr std::string_view kUnexpectedField = "Unexpected field type";
constexpr std::string_view kUnexpectedValue = "Unexpected value type in payload";
constexpr std::string_view kParameterizedType =
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class "
    "java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
    "java.lang.Class are in module java.base of loader 'bootstrap')";
constexpr std::string_view kAttributeValueMap =
    "Unrecognized collection type java.util.Map<java.lang.String, "
    "com.amazonaws.dynamodb.v20120810.AttributeValue>";
constexpr std::string_view kNamePatternRule =
    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
constexpr std::string_view kTableNameKeysRule =
    "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
    "Member must have length greater than or equal to 3, Member must satisfy regular "
    "expression pattern: [a-zA-Z0-9_.-]+]";
constexpr std::string_view kBatchWriteValuesRule =
    "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
    "Member must have length greater than or equal to 1]";

// The members of an AttributeValue in the order DynamoDB type-checks them.
enum Rank { kS, kB, kN, kBool, kNull, kBS, kNS, kSS, kL, kM, kRanks };
constexpr std::array<std::string_view, kRanks> kRankNames = {"S",  "B",  "N",  "BOOL", "NULL",
                                                             "BS", "NS", "SS", "L",    "M"};

int RankOf(std::string_view name) {
  for (int i = 0; i < kRanks; ++i) {
    if (kRankNames[i] == name) return i;
  }
  return -1;
}

// An AttributeValue's typed members, by rank (the first of duplicates; nulls are absent).
template <class V>
std::array<V*, kRanks> MembersByRank(V& v) {
  std::array<V*, kRanks> out{};
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    const int rank = RankOf(View(it->name));
    if (rank >= 0 && out[rank] == nullptr && !it->value.IsNull()) out[rank] = &it->value;
  }
  return out;
}

Value* FindMutable(Value& object, std::string_view name) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (View(it->name) == name) return it->value.IsNull() ? nullptr : &it->value;
  }
  return nullptr;
}

// JavaScript's (and Java's) String.length: UTF-16 code units.
int64_t Utf16Length(std::string_view s) {
  int64_t n = 0;
  for (const char ch : s) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte & 0xC0) != 0x80) ++n;  // not a continuation byte
    if (byte >= 0xF0) ++n;           // a 4-byte sequence is a surrogate pair
  }
  return n;
}

bool MatchesNamePattern(std::string_view s) {
  if (s.empty()) return false;
  for (const char ch : s) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsTableName(std::string_view s) {
  const int64_t n = Utf16Length(s);
  return n >= 3 && n <= 255 && MatchesNamePattern(s);
}

int Base64Index(char ch) {
  if (ch >= 'A' && ch <= 'Z') return ch - 'A';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9') return ch - '0' + 52;
  if (ch == '+') return 62;
  if (ch == '/') return 63;
  return -1;
}

// True when `s` (a multiple of 4 long) is the one canonical base64 spelling of its bytes:
// standard alphabet, '=' only as one or two final pads, unused trailing bits zero.
bool IsCanonicalBase64(std::string_view s) {
  size_t pads = 0;
  while (pads < 2 && pads < s.size() && s[s.size() - 1 - pads] == '=') ++pads;
  const size_t data = s.size() - pads;
  for (size_t i = 0; i < data; ++i) {
    if (Base64Index(s[i]) < 0) return false;
  }
  if (pads == 0) return true;
  const int last = Base64Index(s[data - 1]);
  return (last & (pads == 1 ? 0x03 : 0x0F)) == 0;
}

bool IsWholeNumber(const Value& v) {
  if (!v.IsDouble()) return true;
  const double d = v.GetDouble();
  return std::isfinite(d) && std::floor(d) == d;
}

// How DynamoDB names a JSON token that cannot become the expected type.
std::string_view TokenName(const Value& v) {
  if (v.IsBool()) return v.GetBool() ? "TRUE_VALUE" : "FALSE_VALUE";
  if (v.IsString()) return "STRING_VALUE";
  return IsWholeNumber(v) ? "NUMBER_VALUE" : "DECIMAL_VALUE";
}

std::string QualifiedType(std::string_view java_type) {
  if (java_type.find('.') != std::string_view::npos) return std::string(java_type);
  return std::string(kPackage) + std::string(java_type);
}

// A member's place in the request, rendered only when an error names it, as DynamoDB does:
// fields lowerCamel, list elements "<n>.member" (1-based), map values "<key>.member".
struct Path {
  enum Kind { kField, kListElement, kMapValue };
  const Path* parent = nullptr;
  Kind kind = kField;
  std::string_view text;  // the field name or the map key
  size_t position = 0;    // list elements

  void Render(std::string& out) const {
    if (parent != nullptr) {
      parent->Render(out);
      out += '.';
    }
    switch (kind) {
      case kField:
        if (!text.empty()) {
          out += static_cast<char>(text[0] >= 'A' && text[0] <= 'Z' ? text[0] + 32 : text[0]);
          out.append(text.substr(1));
        }
        break;
      case kListElement:
        out += std::to_string(position);
        out += ".member";
        break;
      case kMapValue:
        out.append(text);
        out += ".member";
        break;
    }
  }
};

// The value as DynamoDB quotes it in a constraint message: strings raw, lists as
// "[a, b]", structures and maps as compact JSON of their known members.
void WriteJson(const Node& node, const Value& v, Writer& w);

void WriteAttributeValueJson(const Value& v, Writer& w) {
  w.StartObject();
  const auto members = MembersByRank(v);
  for (int rank = 0; rank < kRanks; ++rank) {
    const Value* m = members[rank];
    if (m == nullptr) continue;
    WriteKey(w, kRankNames[rank]);
    if (rank == kL && m->IsArray()) {
      w.StartArray();
      for (const Value& e : m->GetArray()) WriteAttributeValueJson(e, w);
      w.EndArray();
    } else if (rank == kM && m->IsObject()) {
      w.StartObject();
      for (auto it = m->MemberBegin(); it != m->MemberEnd(); ++it) {
        WriteKey(w, View(it->name));
        WriteAttributeValueJson(it->value, w);
      }
      w.EndObject();
    } else {
      m->Accept(w);  // scalars and sets of strings (or what is past the nesting limit)
    }
  }
  w.EndObject();
}

void WriteJson(const Node& node, const Value& v, Writer& w) {
  const bool container = v.IsObject() || v.IsArray();
  const bool is_list = node.shape == Shape::kList || node.shape == Shape::kParameterizedList;
  if (!container || v.IsArray() != is_list) {  // scalars (and anything left unchecked)
    v.Accept(w);
    return;
  }
  switch (node.shape) {
    case Shape::kAttributeValue:
    case Shape::kAttributeValueField:
      WriteAttributeValueJson(v, w);
      return;
    case Shape::kValueStruct:
    case Shape::kFieldStruct:
      w.StartObject();
      for (const Field& f : node.fields) {
        const Value* m = Find(v, f.name);
        if (m == nullptr) continue;
        WriteKey(w, f.name);
        WriteJson(*f.node, *m, w);
      }
      w.EndObject();
      return;
    case Shape::kMap:
    case Shape::kParameterizedMap:
      w.StartObject();
      for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
        WriteKey(w, View(it->name));
        WriteJson(*node.element, it->value, w);
      }
      w.EndObject();
      return;
    case Shape::kList:
    case Shape::kParameterizedList:
      w.StartArray();
      for (const Value& e : v.GetArray()) WriteJson(*node.element, e, w);
      w.EndArray();
      return;
    default:
      v.Accept(w);
  }
}

void AppendShown(const Node& node, const Value& v, std::string& out) {
  if (v.IsNull()) {
    out += "null";
  } else if (v.IsString()) {
    out.append(View(v));
  } else if (v.IsArray() && node.element != nullptr) {
    out += '[';
    bool first = true;
    for (const Value& e : v.GetArray()) {
      if (!first) out += ", ";
      first = false;
      AppendShown(*node.element, e, out);
    }
    out += ']';
  } else {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    WriteJson(node, v, w);
    out.append(buffer.GetString(), buffer.GetSize());
  }
}

int64_t LengthOf(const Value& v) {
  if (v.IsString()) return Utf16Length(View(v));
  if (v.IsArray()) return v.Size();
  if (v.IsObject()) return v.MemberCount();
  return 0;
}

class Checker {
 public:
  void CheckFields(Schema fields, Value& object, const Path* parent) {
    for (const Field& f : fields) {
      if (failed()) return;
      const Path path{parent, Path::kField, f.name};
      CheckMember(*f.node, FindMutable(object, f.name), path);
    }
  }

  Status Finish() const {
    if (failed()) return SerializationError(type_error_);
    if (!fatal_.empty()) return ValidationError(fatal_);
    if (errors_.empty()) return OkStatus();
    std::string message = std::to_string(errors_.size()) + " validation error" +
                          (errors_.size() > 1 ? "s" : "") + " detected: ";
    for (size_t i = 0; i < errors_.size(); ++i) {
      if (i > 0) message += "; ";
      const Violation& v = errors_[i];
      message += "Value ";
      if (v.value == nullptr) {
        message += "null";
      } else {
        message += '\'';
        AppendShown(*v.node, *v.value, message);
        message += '\'';
      }
      message += " at '" + v.path + "' failed to satisfy constraint: " + v.rule;
    }
    return ValidationError(std::move(message));
  }

 private:
  bool failed() const { return !type_error_.empty(); }
  bool Fail(std::string message) {
    type_error_ = std::move(message);
    return false;
  }

  void CheckMember(const Node& node, Value* v, const Path& path) {
    if (v != nullptr && !CheckShape(node, *v)) return;
    CheckConstraints(node, v, path);
    if (v == nullptr) return;
    switch (node.shape) {
      case Shape::kList:
      case Shape::kParameterizedList: {
        size_t position = 0;
        for (Value& e : v->GetArray()) {
          if (failed()) return;
          const Path element{&path, Path::kListElement, {}, ++position};
          CheckMember(*node.element, e.IsNull() ? nullptr : &e, element);
        }
        return;
      }
      case Shape::kMap:
      case Shape::kParameterizedMap:
        for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
          if (failed()) return;
          const Path element{&path, Path::kMapValue, View(it->name)};
          CheckMember(*node.element, it->value.IsNull() ? nullptr : &it->value, element);
        }
        return;
      case Shape::kValueStruct:
      case Shape::kFieldStruct:
        CheckFields(node.fields, *v, &path);
        return;
      default:
        return;
    }
  }

  // The JSON type check of one value (not its children, except an AttributeValue's).
  bool CheckShape(const Node& node, Value& v) {
    switch (node.shape) {
      case Shape::kString:
      case Shape::kBoolean:
      case Shape::kInteger:
      case Shape::kLong:
      case Shape::kBlob:
        return CheckScalar(node.shape, v);
      case Shape::kList:
        if (v.IsArray()) return true;
        return Fail(std::string(v.IsObject() ? kStartOfStructure : kUnexpectedField));
      case Shape::kParameterizedList:
        if (v.IsArray()) return true;
        return Fail(std::string(v.IsObject() ? kStartOfStructure : kParameterizedType));
      case Shape::kMap:
        if (v.IsObject()) return true;
        if (!v.IsArray()) return Fail(std::string(kUnexpectedField));
        return Fail("Unrecognized collection type java.util.Map<java.lang.String, " +
                    QualifiedType(node.java_type) + ">");
      case Shape::kParameterizedMap:
        if (v.IsObject()) return true;
        return Fail(std::string(v.IsArray() ? kAttributeValueMap : kParameterizedType));
      case Shape::kValueStruct:
      case Shape::kFieldStruct:
        return CheckStruct(node.shape == Shape::kFieldStruct, node.java_type, v);
      case Shape::kAttributeValue:
      case Shape::kAttributeValueField:
        return CheckAttributeValue(v, node.shape == Shape::kAttributeValueField, 1);
    }
    return true;
  }

  bool CheckStruct(bool as_field, std::string_view java_type, const Value& v) {
    if (v.IsObject()) return true;
    if (v.IsArray()) {
      return Fail("Unrecognized collection type class " + QualifiedType(java_type));
    }
    return Fail(std::string(as_field ? kUnexpectedField : kUnexpectedValue));
  }

  bool CheckScalar(Shape shape, Value& v) {
    if (v.IsObject()) return Fail(std::string(kStartOfStructure));
    switch (shape) {
      case Shape::kString:
        if (v.IsString()) return true;
        if (v.IsArray()) return Fail("Unrecognized collection type class java.lang.String");
        return Fail(std::string(TokenName(v)) + " cannot be converted to String");
      case Shape::kBoolean:
        return CheckBoolean(v);
      case Shape::kInteger:
      case Shape::kLong:
        return CheckInteger(shape == Shape::kLong, v);
      case Shape::kBlob:
        return CheckBlob(v);
      default:
        return true;
    }
  }

  // DynamoDB reads "true"/"yes"/"1" and "false"/"no"/"0" (any case) as booleans.
  bool CheckBoolean(Value& v) {
    if (v.IsBool()) return true;
    if (v.IsArray()) return Fail("Unrecognized collection type class java.lang.Boolean");
    if (!v.IsString()) return Fail(std::string(TokenName(v)) + " cannot be converted to Boolean");
    std::string upper(View(v));
    for (char& ch : upper) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
    }
    if (upper == "TRUE" || upper == "1" || upper == "YES") {
      v.SetBool(true);
    } else if (upper == "FALSE" || upper == "0" || upper == "NO") {
      v.SetBool(false);
    } else {
      return Fail("Unexpected token received from parser");
    }
    return true;
  }

  // Numbers are floored (DynamoDB accepts 1.5 for an Integer as 1). A value outside the
  // Java type's range is refused (no dynalite record of DynamoDB's words for this).
  bool CheckInteger(bool is_long, Value& v) {
    const std::string type = is_long ? "Long" : "Integer";
    if (v.IsArray()) return Fail("Unrecognized collection type class java.lang." + type);
    if (!v.IsNumber()) return Fail(std::string(TokenName(v)) + " cannot be converted to " + type);
    const double lo = is_long ? -9223372036854775808.0 : -2147483648.0;
    const double hi = is_long ? 9223372036854775808.0 : 2147483648.0;
    const double d = v.IsInt64() ? static_cast<double>(v.GetInt64()) : std::floor(v.GetDouble());
    const bool fits = (is_long && v.IsInt64()) || (d >= lo && d < hi);
    if (!fits) {
      return Fail(std::string(TokenName(v)) + " cannot be converted to " + type);
    }
    // Exact for every int64 (no round trip through double when the token was an integer).
    v.SetInt64(v.IsInt64() ? v.GetInt64() : static_cast<int64_t>(d));
    return true;
  }

  bool CheckBlob(const Value& v) {
    if (v.IsArray()) return Fail("Unrecognized collection type class java.nio.ByteBuffer");
    if (!v.IsString()) return Fail("only base-64-encoded strings are convertible to bytes");
    const std::string_view text = View(v);
    if (text.size() % 4 != 0) {
      return Fail("Base64 encoded length is expected a multiple of 4 bytes but found: " +
                  std::to_string(Utf16Length(text)));
    }
    // DynamoDB's own spelling, "dectected" included.
    if (!IsCanonicalBase64(text)) return Fail("Invalid last non-pad Base64 character dectected");
    return true;
  }

  // The value itself, then its members in rank order. Deeper than DynamoDB's nesting limit
  // is left unchecked: decoding reports the nesting error.
  bool CheckAttributeValue(Value& v, bool as_field, int depth) {
    if (!CheckStruct(as_field, "AttributeValue", v)) return false;
    if (depth > kMaxNestingDepth) return true;
    const auto members = MembersByRank(v);
    for (int rank = 0; rank < kRanks; ++rank) {
      Value* m = members[rank];
      if (m != nullptr && !CheckTypedMember(rank, *m, depth)) return false;
    }
    return true;
  }

  bool CheckTypedMember(int rank, Value& m, int depth) {
    switch (rank) {
      case kS:
      case kN:
        return CheckScalar(Shape::kString, m);
      case kB:
        return CheckScalar(Shape::kBlob, m);
      case kBool:
      case kNull:
        return CheckScalar(Shape::kBoolean, m);
      case kL:
      case kBS:
      case kNS:
      case kSS:
        if (!m.IsArray()) {
          return Fail(std::string(m.IsObject() ? kStartOfStructure : kUnexpectedField));
        }
        for (Value& e : m.GetArray()) {
          if (e.IsNull()) continue;
          const bool ok = rank == kL    ? CheckAttributeValue(e, false, depth + 1)
                          : rank == kBS ? CheckScalar(Shape::kBlob, e)
                                        : CheckScalar(Shape::kString, e);
          if (!ok) return false;
        }
        return true;
      case kM:
        if (!m.IsObject()) {
          return Fail(std::string(m.IsArray() ? kAttributeValueMap : kUnexpectedField));
        }
        for (auto it = m.MemberBegin(); it != m.MemberEnd(); ++it) {
          if (it->value.IsNull()) continue;
          if (!CheckAttributeValue(it->value, false, depth + 1)) return false;
        }
        return true;
      default:
        return true;
    }
  }

  void CheckConstraints(const Node& node, const Value* v, const Path& path) {
    if (node.required_table_name && fatal_.empty()) {
      if (v == nullptr) {
        fatal_ = "The parameter '" + std::string(path.text) +
                 "' is required but was not present in the request";
      } else if (v->IsString() && (Utf16Length(View(*v)) < 3 || Utf16Length(View(*v)) > 255)) {
        fatal_ = std::string(path.text) +
                 " must be at least 3 characters long and at most 255 characters long";
      }
    }
    if (node.not_null && v == nullptr) Add(node, v, path, "Member must not be null");
    if (v == nullptr) return;
    if (node.name_pattern && v->IsString() && !MatchesNamePattern(View(*v))) {
      Add(node, v, path, kNamePatternRule);
    }
    CheckBounds(node, *v, path);
    if (!node.one_of.empty() && v->IsString()) {
      bool found = false;
      std::string set;
      for (const std::string_view e : node.one_of) {
        found = found || e == View(*v);
        if (!set.empty()) set += ", ";
        set.append(e);
      }
      if (!found) Add(node, v, path, "Member must satisfy enum value set: [" + set + "]");
    }
    if (node.table_name_keys && v->IsObject()) {
      for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
        if (!IsTableName(View(it->name))) Add(node, v, path, kTableNameKeysRule);
      }
    }
    if (node.batch_write_values && v->IsObject()) {
      for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
        const Value& list = it->value;
        if (!list.IsArray() || list.Empty() || list.Size() > 25) {
          Add(node, v, path, kBatchWriteValuesRule);
        }
      }
    }
  }

  void CheckBounds(const Node& node, const Value& v, const Path& path) {
    if (node.min_length != kUnbounded && LengthOf(v) < node.min_length) {
      Add(node, &v, path,
          "Member must have length greater than or equal to " + std::to_string(node.min_length));
    }
    if (node.max_length != kUnbounded && LengthOf(v) > node.max_length) {
      Add(node, &v, path,
          "Member must have length less than or equal to " + std::to_string(node.max_length));
    }
    if (!v.IsInt64()) return;
    if (node.min_value != kUnbounded && v.GetInt64() < node.min_value) {
      Add(node, &v, path,
          "Member must have value greater than or equal to " + std::to_string(node.min_value));
    }
    if (node.max_value != kUnbounded && v.GetInt64() > node.max_value) {
      Add(node, &v, path,
          "Member must have value less than or equal to " + std::to_string(node.max_value));
    }
  }

  // The value is shown when the message is written, after the whole body was checked and
  // normalized (as DynamoDB shows it), and only if no type error came later.
  struct Violation {
    std::string path;
    const Node* node;
    const Value* value;
    std::string rule;
  };

  void Add(const Node& node, const Value* v, const Path& path, std::string_view rule) {
    if (errors_.size() >= kMaxErrors) return;
    std::string rendered;
    path.Render(rendered);
    errors_.push_back(Violation{std::move(rendered), &node, v, std::string(rule)});
  }

  std::string type_error_;  // the first type error; it wins over everything else
  std::string fatal_;       // a table operation's missing or short TableName
  std::vector<Violation> errors_;
};

}  // namespace

Status CheckRequest(Schema schema, Value& root) {
  Checker checker;
  checker.CheckFields(schema, root, nullptr);
  return checker.Finish();
}

}  // namespace ddb::json::internal
