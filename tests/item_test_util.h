// Short spellings for the item-API suites (backend_update_test.cc, backend_conditions_test.cc):
// attribute values, a single-attribute key and request builders.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "backend_fixture.h"
#include "ddb/client.h"

namespace xr::testing::items {

using ddb::AttributeValue;
using ddb::Item;
using ddb::Key;

inline AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
inline AttributeValue N(int64_t n) { return AttributeValue::N(n); }
inline AttributeValue SS(std::vector<std::string> v) { return AttributeValue::SS(std::move(v)); }
inline AttributeValue L(ddb::AttributeList l) { return AttributeValue::L(std::move(l)); }
inline AttributeValue M(Item m) { return AttributeValue::M(std::move(m)); }

inline Key IdKey(const std::string& id) { return Key{{"id", S(id)}}; }

inline ddb::UpdateItemRequest Update(const std::string& table, const std::string& id,
                                     std::string expression,
                                     ddb::ExpressionAttributeValues values = {},
                                     ddb::ExpressionAttributeNames names = {}) {
  ddb::UpdateItemRequest req;
  req.table_name = table;
  req.key = IdKey(id);
  req.update_expression = std::move(expression);
  req.expression_attribute_values = std::move(values);
  req.expression_attribute_names = std::move(names);
  return req;
}

inline ddb::PutItemRequest Put(const std::string& table, Item item) {
  ddb::PutItemRequest req;
  req.table_name = table;
  req.item = std::move(item);
  return req;
}

inline ddb::DeleteItemRequest Delete(const std::string& table, const std::string& id) {
  ddb::DeleteItemRequest req;
  req.table_name = table;
  req.key = IdKey(id);
  return req;
}

// The item as stored now (consistent read); nullopt when absent or on error (reported).
inline std::optional<Item> Stored(ddb::Client& client, const std::string& table,
                                  const std::string& id) {
  auto got = client.GetItem(table, IdKey(id));
  EXPECT_TRUE(got.ok()) << got.error().ToString();
  if (!got.ok()) return std::nullopt;
  return *got;
}

inline std::string Dump(const std::optional<Item>& item) {
  return item ? AttributeValue::M(*item).DebugString() : "(none)";
}

// The server's message: the HTTP backend appends " (request id ...)" for the operator's
// sake; that is the client's addition, not the server's answer.
inline std::string ServerMessage(const ddb::Error& e) {
  const size_t at = e.message.rfind(" (request id ");
  return at == std::string::npos ? e.message : e.message.substr(0, at);
}

// Expects a failed call with this error type and, when given, exactly this message.
template <class R>
void ExpectError(const R& result, ddb::ErrorCode code, const std::string& message = {}) {
  ASSERT_FALSE(result.ok()) << "the call succeeded";
  EXPECT_EQ(result.error().code, code) << result.error().ToString();
  if (!message.empty()) {
    EXPECT_EQ(ServerMessage(result.error()), message);
  }
}

}  // namespace xr::testing::items

namespace ddb {
// Readable gtest failures for items and values (found by argument-dependent lookup).
inline void PrintTo(const AttributeValue& v, std::ostream* os) { *os << v.DebugString(); }
}  // namespace ddb
