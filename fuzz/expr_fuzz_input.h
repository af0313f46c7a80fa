// Shared by the expression fuzzers: splits an input into an expression and its
// ExpressionAttributeNames/Values, and provides a few fixed items to evaluate against.
//
// Input: the first line is the expression. Each further line adds or replaces one entry:
//   #name=attribute        an ExpressionAttributeNames entry
//   :value={"S":"..."}     an ExpressionAttributeValues entry (DynamoDB JSON)
// Lines that fit neither form, or whose value does not decode, are ignored. A fixed set of
// names and values is always present so short inputs reach the evaluators.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/json.h"
#include "ddb/model.h"

namespace fuzz {

inline void Check(bool ok) {
  if (!ok) __builtin_trap();
}

struct ExprInput {
  std::string expression;
  ddb::ExpressionAttributeNames names;
  ddb::ExpressionAttributeValues values;
};

inline ddb::AttributeValue Json(std::string_view text) {
  auto v = ddb::json::DecodeAttributeValue(text);
  Check(v.ok());
  return std::move(v).value();
}

inline ExprInput SplitInput(std::string_view input) {
  ExprInput out;
  out.names = {{"#a", "a"}, {"#b", "b"}, {"#d", "dotted.name"}, {"#k", "pk"}, {"#r", "sk"}};
  out.values = {
      {":s", Json(R"({"S":"hello"})")},
      {":n", Json(R"({"N":"42"})")},
      {":b", Json(R"({"B":"AQI="})")},
      {":l", Json(R"({"L":[{"S":"x"},{"N":"1"}]})")},
      {":m", Json(R"({"M":{"k":{"S":"v"},"n":{"N":"-1.5"}}})")},
      {":ss", Json(R"({"SS":["x","y"]})")},
      {":ns", Json(R"({"NS":["1","2"]})")},
      {":t", Json(R"({"BOOL":true})")},
      {":z", Json(R"({"NULL":true})")},
  };
  size_t newline = input.find('\n');
  out.expression = std::string(input.substr(0, newline));
  while (newline != std::string_view::npos) {
    input.remove_prefix(newline + 1);
    newline = input.find('\n');
    const std::string_view line = input.substr(0, newline);
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    const std::string key(line.substr(0, eq));
    const std::string_view rest = line.substr(eq + 1);
    if (key[0] == '#') {
      out.names[key] = std::string(rest);
    } else if (key[0] == ':') {
      auto v = ddb::json::DecodeAttributeValue(rest);
      if (v.ok()) out.values[key] = std::move(v).value();
    }
  }
  return out;
}

// Items with every type, nesting, and the attributes the fixed names point to.
inline std::vector<ddb::Item> FixedItems() {
  std::vector<ddb::Item> items;
  items.push_back({});
  items.push_back({{"pk", Json(R"({"S":"p"})")}, {"sk", Json(R"({"N":"1"})")}});
  auto full = ddb::json::DecodeItem(R"({
    "pk": {"S": "p"}, "sk": {"N": "2"},
    "a": {"M": {"b": {"L": [{"N": "1"}, {"M": {"c": {"S": "deep"}}}, {"SS": ["x"]}]},
                "s": {"S": "hello"}}},
    "b": {"L": [{"S": "x"}, {"N": "1"}, {"L": [{"B": "AQI="}]}]},
    "dotted.name": {"S": "he"},
    "n": {"N": "42"}, "s": {"S": "hello"}, "bin": {"B": "AQID"},
    "ss": {"SS": ["x", "y"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]},
    "t": {"BOOL": false}, "z": {"NULL": true}, "e": {"M": {}}, "el": {"L": []}
  })");
  Check(full.ok());
  items.push_back(std::move(full).value());
  return items;
}

// What every successful result must satisfy: it survives the wire codec unchanged and its
// size is computable.
inline void CheckItem(const ddb::Item& item) {
  auto again = ddb::json::DecodeItem(ddb::json::EncodeItem(item));
  Check(again.ok() && *again == item);
  (void)ddb::ItemSize(item);
}

}  // namespace fuzz
