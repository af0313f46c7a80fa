// JsonNode: a small JSON tree that keeps every number as its exact source text.
//
// RapidJSON's DOM either converts numbers to double (which rounds decimals such as 180.1)
// or, with kParseNumbersAsStringsFlag, stores them as strings so a number and a string can
// no longer be told apart. Strict parsing needs both the exact text and the type, so we
// build this tree from RapidJSON's SAX reader instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/result.h"

namespace app::spacex {

enum class JsonKind { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "boolean", "number", "string", "array", "object".
std::string_view JsonKindName(JsonKind kind);

struct JsonNode {
  JsonKind kind = JsonKind::kNull;
  bool boolean = false;
  std::string text;                // string value, or the number's source text
  std::string key;                 // member name when this node is an object member
  std::vector<JsonNode> children;  // array elements or object members, in source order

  // The member named key of an object (the first one if repeated); nullptr if absent.
  const JsonNode* Find(std::string_view member) const;
};

// Parses one JSON document. `label` names the input in errors (e.g. "launches.json").
// Errors (kValidation): empty input, invalid JSON with its offset, nesting deeper than
// kMaxJsonDepth.
constexpr size_t kMaxJsonDepth = 64;
ddb::Result<JsonNode> ParseJsonTree(std::string_view text, std::string_view label);

}  // namespace app::spacex
