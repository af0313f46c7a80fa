// Shared pieces of the DynamoDB JSON codec: parsing, typed member readers, error bodies.

#include <cctype>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

#include "ddb/json.h"
#include "ddb/json_internal.h"

namespace ddb::json {
namespace internal {
namespace {

std::string_view JsonTypeName(const Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "boolean";
    case rapidjson::kObjectType:
      return "object";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kNumberType:
      return "number";
  }
  return "value";
}

// DynamoDB names members in validation messages in lowerCamelCase ("tableName").
std::string LowerCamel(std::string_view name) {
  std::string out(name);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] + 32);
  return out;
}

}  // namespace

// RapidJSON 1.1's full-precision number parser calls __builtin_clzll(0) (undefined, and
// then shifts by the garbage result) for a zero significand with a large exponent, e.g.
// "0e99" (found by json_codec_fuzzer). Such a token is zero whatever its exponent, so it is
// rewritten in place to "0.0" (or "-0.0"), padded with spaces: same value, still a double,
// parsed by the exact fast path. Only number tokens outside strings that start with
// -?0(.0+)?([eE][+-]?digits)?, with a fraction or an exponent, are touched (that prefix).
static void NeutralizeZeroNumbers(std::string& text) {
  const size_t n = text.size();
  bool in_string = false;
  for (size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // skip the escaped character
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    size_t end = i;
    while (end < n &&
           (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
            text[end] == '+' || text[end] == '.' || text[end] == 'e' || text[end] == 'E')) {
      ++end;
    }
    size_t j = i;
    const bool negative = text[j] == '-';
    if (negative) ++j;
    bool zero_with_suffix = j < end && text[j] == '0';
    if (zero_with_suffix) {
      ++j;
      bool suffix = false;
      if (j < end && text[j] == '.') {
        ++j;
        const size_t digits = j;
        while (j < end && text[j] == '0') ++j;
        zero_with_suffix = j > digits;
        suffix = true;
      }
      if (zero_with_suffix && j < end && (text[j] == 'e' || text[j] == 'E')) {
        ++j;
        if (j < end && (text[j] == '+' || text[j] == '-')) ++j;
        const size_t digits = j;
        while (j < end && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
        zero_with_suffix = j > digits;
        suffix = true;
      }
      zero_with_suffix = zero_with_suffix && suffix;
    }
    if (zero_with_suffix && j < end) {
      // More number characters follow the zero (e.g. "0e0e99"): no valid JSON has that, but
      // padding the prefix could join the rest into a new zero-with-exponent. Make the
      // token an error at its first character instead.
      text[i] = '?';
    } else if (zero_with_suffix) {
      const std::string_view zero = negative ? "-0.0" : "0.0";
      text.replace(i, zero.size(), zero);
      for (size_t k = i + zero.size(); k < j; ++k) text[k] = ' ';
    }
    i = end - 1;
  }
}

Status ParsedBody::Parse(std::string_view body) {
  // In-situ parsing stops at a NUL byte, which would silently accept a truncated body.
  if (std::memchr(body.data(), '\0', body.size()) != nullptr) {
    return SerializationError("");
  }
  buffer_.assign(body.data(), body.size());
  // RapidJSON 1.1's UTF-8 validation takes a multi-byte sequence's continuation bytes before
  // checking them, so a body ending in a truncated sequence (e.g. 0xF0) is read up to three
  // bytes past its terminator. Padding with NULs keeps those reads inside the buffer (found
  // by json_codec_fuzzer; the input is in json_test and fuzz/seeds).
  buffer_.append(4, '\0');
  NeutralizeZeroNumbers(buffer_);
  // Iterative: no recursion however deep the input nests. Validate: strings are UTF-8.
  // Full precision: doubles (CreationDateTime) must read back exactly what was written.
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseFullPrecisionFlag;
  doc_.ParseInsitu<kFlags>(buffer_.data());
  if (doc_.HasParseError()) {
    // DynamoDB answers a body that is not JSON with a bare
    // {"__type":"com.amazon.coral.service#SerializationException"}: no message member.
    return SerializationError("");
  }
  return OkStatus();
}

Status ParseObject(std::string_view body, ParsedBody& parsed) {
  XR_RETURN_IF_ERROR(parsed.Parse(body));
  if (!parsed.root().IsObject()) {
    return SerializationError("Expected a JSON object at the top level, found " +
                              std::string(JsonTypeName(parsed.root())));
  }
  return OkStatus();
}

Error SerializationError(std::string message) {
  return Error(ErrorCode::kSerialization, std::move(message));
}

Error WrongType(std::string_view member, std::string_view expected, const Value& found) {
  return SerializationError("Member '" + std::string(member) + "' must be " +
                            std::string(expected) + ", found " + std::string(JsonTypeName(found)));
}

Error MissingMember(std::string_view member) {
  return ValidationError("1 validation error detected: Value null at '" + LowerCamel(member) +
                         "' failed to satisfy constraint: Member must not be null");
}

Error BadEnumValue(std::string_view member, std::string_view value, std::string_view allowed) {
  return ValidationError("1 validation error detected: Value '" + std::string(value) + "' at '" +
                         LowerCamel(member) +
                         "' failed to satisfy constraint: Member must satisfy enum value set: [" +
                         std::string(allowed) + "]");
}

const Value* Find(const Value& object, std::string_view name) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (View(it->name) == name) return it->value.IsNull() ? nullptr : &it->value;
  }
  return nullptr;
}

Status ExpectObject(const Value& v, std::string_view member) {
  if (!v.IsObject()) return WrongType(member, "an object", v);
  return OkStatus();
}

Status ReadString(const Value& object, std::string_view name, std::string& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  if (!v->IsString()) return WrongType(name, "a string", *v);
  out.assign(v->GetString(), v->GetStringLength());
  return OkStatus();
}

Status RequireString(const Value& object, std::string_view name, std::string& out) {
  if (Find(object, name) == nullptr) return MissingMember(name);
  return ReadString(object, name, out);
}

Status ReadString(const Value& object, std::string_view name, std::optional<std::string>& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) {
    out.reset();
    return OkStatus();
  }
  if (!v->IsString()) return WrongType(name, "a string", *v);
  out.emplace(v->GetString(), v->GetStringLength());
  return OkStatus();
}

Status ReadBool(const Value& object, std::string_view name, bool& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  if (!v->IsBool()) return WrongType(name, "a boolean", *v);
  out = v->GetBool();
  return OkStatus();
}

Status ReadInt64(const Value& object, std::string_view name, int64_t& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  if (!v->IsInt64()) return WrongType(name, "an integer (64-bit)", *v);
  out = v->GetInt64();
  return OkStatus();
}

Status ReadInt32(const Value& object, std::string_view name, std::optional<int32_t>& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) {
    out.reset();
    return OkStatus();
  }
  if (!v->IsInt()) return WrongType(name, "an integer (32-bit)", *v);
  out = v->GetInt();
  return OkStatus();
}

Status ReadDouble(const Value& object, std::string_view name, double& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  if (!v->IsNumber()) return WrongType(name, "a number", *v);
  out = v->GetDouble();
  return OkStatus();
}

Status ReadStringList(const Value& object, std::string_view name, std::vector<std::string>& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  if (!v->IsArray()) return WrongType(name, "an array", *v);
  out.clear();
  out.reserve(v->Size());
  for (const Value& e : v->GetArray()) {
    if (!e.IsString()) return WrongType(name, "an array of strings", e);
    out.emplace_back(e.GetString(), e.GetStringLength());
  }
  return OkStatus();
}

Status ReadExpressionAttributeNames(const Value& object, ExpressionAttributeNames& out) {
  constexpr std::string_view kName = "ExpressionAttributeNames";
  const Value* v = Find(object, kName);
  if (v == nullptr) return OkStatus();
  XR_RETURN_IF_ERROR(ExpectObject(*v, kName));
  out.clear();
  for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
    if (!it->value.IsString()) return WrongType(kName, "an object of strings", it->value);
    out.insert_or_assign(std::string(View(it->name)), std::string(View(it->value)));
  }
  return OkStatus();
}

void WriteStringList(Writer& w, std::string_view key, const std::vector<std::string>& values) {
  WriteKey(w, key);
  w.StartArray();
  for (const auto& s : values) WriteString(w, s);
  w.EndArray();
}

void WriteExpressionAttributeNames(Writer& w, const ExpressionAttributeNames& names) {
  if (names.empty()) return;
  WriteKey(w, "ExpressionAttributeNames");
  w.StartObject();
  for (const auto& [k, v] : names) WriteMember(w, k, v);
  w.EndObject();
}

}  // namespace internal

using internal::Find;
using internal::View;

namespace {

// The namespace DynamoDB's front end puts before each error type: the request validator's,
// the service framework's (protocol and authentication errors), or DynamoDB's own.
std::string_view WireNamespace(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return "com.amazon.coral.validate#";
    case ErrorCode::kSerialization:
    case ErrorCode::kUnknownOperation:
    case ErrorCode::kMissingAuthenticationToken:
    case ErrorCode::kUnrecognizedClient:
    case ErrorCode::kInvalidSignature:
    case ErrorCode::kIncompleteSignature:
    case ErrorCode::kExpiredToken:
    case ErrorCode::kAccessDenied:
      return "com.amazon.coral.service#";
    case ErrorCode::kThrottling:
      return "com.amazon.coral.availability#";
    default:
      return "com.amazonaws.dynamodb.v20120810#";
  }
}

}  // namespace

namespace {

// Length of the well-formed UTF-8 sequence starting s[i], or 0 when it is malformed.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 1, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 2, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 3, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n >= s.size()) return 0;
  for (size_t k = 1; k <= n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n + 1;
}

}  // namespace

std::string ToValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD, the replacement character
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string EncodeError(const Error& e) {
  rapidjson::StringBuffer buffer;
  internal::Writer w(buffer);
  w.StartObject();
  internal::WriteMember(w, "__type",
                        std::string(WireNamespace(e.code)) + std::string(e.type_name()));
  // DynamoDB capitalizes this one member for SerializationException and AccessDeniedException
  // (as dynalite records them) only, and sends none at all when there is nothing to say (a
  // body that is not JSON).
  // Messages may echo request bytes (a header, a name): never let them break the JSON.
  if (!e.message.empty()) {
    const bool capital =
        e.code == ErrorCode::kSerialization || e.code == ErrorCode::kAccessDenied;
    internal::WriteMember(w, capital ? "Message" : "message", ToValidUtf8(e.message));
  }
  if (e.item) {
    internal::WriteKey(w, "Item");
    internal::WriteItem(w, *e.item);
  }
  if (!e.cancellation_reasons.empty()) {
    internal::WriteKey(w, "CancellationReasons");
    w.StartArray();
    for (const auto& reason : e.cancellation_reasons) {
      w.StartObject();
      internal::WriteMember(w, "Code", reason.code);
      if (!reason.message.empty()) internal::WriteMember(w, "Message", reason.message);
      if (reason.item) {
        internal::WriteKey(w, "Item");
        internal::WriteItem(w, *reason.item);
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return internal::Finish(buffer);
}

Error DecodeError(int http_status, std::string_view body) {
  internal::ParsedBody parsed;
  if (internal::ParseObject(body, parsed).ok()) {
    const auto& root = parsed.root();
    const internal::Value* type = Find(root, "__type");
    const internal::Value* message = Find(root, "message");
    if (message == nullptr) message = Find(root, "Message");
    if (type != nullptr && type->IsString()) {
      const std::string_view type_name = View(*type);
      std::string text =
          message != nullptr && message->IsString() ? std::string(View(*message)) : std::string();
      const ErrorCode code = Error::FromTypeName(type_name);
      // Keep an unknown wire name visible so the user can look it up.
      if (code == ErrorCode::kUnknown) text = std::string(type_name) + ": " + text;
      Error error(code, std::move(text));
      // The old item of a failed condition (ReturnValuesOnConditionCheckFailure=ALL_OLD).
      // A malformed one is dropped rather than hiding the error it came with.
      if (const internal::Value* item = Find(root, "Item"); item != nullptr) {
        Item old;
        if (internal::DecodeItemObject(*item, "Item", old).ok()) {
          error.item = std::make_shared<const Item>(std::move(old));
        }
      }
      // TransactionCanceledException: the reason of each action, in request order.
      if (const internal::Value* reasons = Find(root, "CancellationReasons");
          reasons != nullptr && reasons->IsArray()) {
        for (const internal::Value& r : reasons->GetArray()) {
          CancellationReason reason;
          if (r.IsObject()) {
            if (const internal::Value* c = Find(r, "Code"); c != nullptr && c->IsString()) {
              reason.code = std::string(View(*c));
            }
            if (const internal::Value* m = Find(r, "Message"); m != nullptr && m->IsString()) {
              reason.message = std::string(View(*m));
            }
            if (const internal::Value* item = Find(r, "Item"); item != nullptr) {
              Item old;
              if (internal::DecodeItemObject(*item, "Item", old).ok()) {
                reason.item = std::make_shared<const Item>(std::move(old));
              }
            }
          }
          error.cancellation_reasons.push_back(std::move(reason));
        }
      }
      return error;
    }
  }
  ErrorCode code = ErrorCode::kUnknown;
  if (http_status == 503) {
    code = ErrorCode::kServiceUnavailable;
  } else if (http_status >= 500) {
    code = ErrorCode::kInternalServerError;
  }
  constexpr size_t kMaxQuoted = 200;
  std::string start(body.substr(0, kMaxQuoted));
  for (char& ch : start) {
    if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
  }
  return Error(code, "HTTP " + std::to_string(http_status) + " with an unreadable error body: \"" +
                         start + (body.size() > kMaxQuoted ? "...\"" : "\""));
}

void AppendQuotedString(std::string* out_ptr, std::string_view s) {
  std::string& out = *out_ptr;
  out.push_back('"');
  for (const char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(ch));
          out += buf;
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

std::string QuoteString(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendQuotedString(&out, s);
  return out;
}

}  // namespace ddb::json
