// Internal to the DynamoDB JSON codec: DynamoDB's wire-level request checks, run on the
// parsed body before it is decoded into the typed request.
//
// DynamoDB checks a request in phases, and the first phase that fails answers:
//   1. types: every member the operation knows must have the right JSON type
//      (SerializationException with the service's Java-flavoured messages, e.g.
//      "NUMBER_VALUE cannot be converted to String"); unknown members and nulls are ignored;
//   2. constraints: not-null, lengths, name patterns, enum value sets, numeric bounds,
//      collected into one ValidationException ("2 validation errors detected: ...; ...",
//      at most 10), each naming the member by its lowerCamel path ("keySchema.1.member.keyType").
// Both follow the members in DynamoDB's order (recorded by dynalite's validations tables), so
// one walk of the DOM does both: a type error found anywhere wins over the constraints.
// The walk also normalizes what DynamoDB converts silently, so the decoders see clean JSON:
// "true"/"yes"/"1" (any case) for a Boolean becomes true, a fractional Integer/Long is floored.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "ddb/json_internal.h"

namespace ddb::json::internal {

// The wire shapes DynamoDB's deserializer distinguishes (each words its errors its own way).
enum class Shape : uint8_t {
  kString,
  kBoolean,
  kInteger,
  kLong,
  kBlob,
  kList,
  kParameterizedList,  // a list that is a map's value (BatchWriteItem RequestItems)
  kMap,
  kParameterizedMap,    // a map that is a list's element (BatchGetItem Keys)
  kValueStruct,         // a structure where a value is expected (list element, map value)
  kFieldStruct,         // a structure as a member of another structure
  kAttributeValue,      // an AttributeValue where a value is expected (Item, Key, L, M)
  kAttributeValueField  // an AttributeValue as a member (Expected.Value, AttributeUpdates.Value)
};

inline constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::min();

struct Field;

// One member's shape and constraints. Constraints are checked, and reported, in the order
// of the members below, which is DynamoDB's.
struct Node {
  Shape shape = Shape::kString;
  // The Java type named in collection errors: the structure ("KeysAndAttributes") or the
  // map's value type ("java.lang.String"; a name without '.' is in DynamoDB's package).
  std::string_view java_type = {};
  // Table operations' TableName: "The parameter 'TableName' is required but was not present
  // in the request" and the 3..255 length message, both before the collected errors.
  bool required_table_name = false;
  bool not_null = false;
  bool name_pattern = false;  // [a-zA-Z0-9_.-]+
  int64_t min_length = kUnbounded;
  int64_t max_length = kUnbounded;
  int64_t min_value = kUnbounded;
  int64_t max_value = kUnbounded;
  std::span<const std::string_view> one_of = {};  // enum values, in DynamoDB's printed order
  bool table_name_keys = false;        // map keys are table names (3..255, the name pattern)
  bool batch_write_values = false;     // map values are lists of 1..25 write requests
  const Node* element = nullptr;       // List / Map element
  std::span<const Field> fields = {};  // ValueStruct / FieldStruct members
};

struct Field {
  std::string_view name;
  const Node* node;
};

using Schema = std::span<const Field>;

// The request members of each operation, in DynamoDB's order (json_schema.cc).
Schema CreateTableSchema();
Schema DescribeTableSchema();
Schema ListTablesSchema();
Schema DeleteTableSchema();
Schema UpdateTableSchema();
Schema PutItemSchema();
Schema GetItemSchema();
Schema UpdateItemSchema();
Schema DeleteItemSchema();
Schema BatchWriteItemSchema();
Schema BatchGetItemSchema();
Schema ScanSchema();
Schema QuerySchema();
// TagResource and UntagResource: the type phase alone, then the whole (the ARN is checked
// in between, json_tag_ops.cc).
Schema TagResourceTypesSchema();
Schema TagResourceSchema();
Schema UntagResourceTypesSchema();
Schema UntagResourceSchema();
Schema ListTagsOfResourceSchema();
Schema NoMembersSchema();  // DescribeLimits, DescribeEndpoints
Schema TransactWriteItemsSchema();
Schema TransactGetItemsSchema();

// Runs the type and constraint phases over `root` (a JSON object), normalizing it in place.
Status CheckRequest(Schema schema, Value& root);

// Parses `body`, checks it against `schema`, then fills a T with `read(const Value&, T&)`.
template <class T, class Fn>
Result<T> DecodeRequest(std::string_view body, Schema schema, Fn read) {
  ParsedBody parsed;
  XR_RETURN_IF_ERROR(ParseObject(body, parsed));
  XR_RETURN_IF_ERROR(CheckRequest(schema, parsed.mutable_root()));
  T out{};
  XR_RETURN_IF_ERROR(read(parsed.root(), out));
  return out;
}

}  // namespace ddb::json::internal
