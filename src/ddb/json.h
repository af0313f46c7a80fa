// The DynamoDB JSON wire format (JSON 1.0 protocol) <-> the typed model, both ways, for
// items and for the request/response shapes of every operation in ddb/model.h.
// Decoding errors: SerializationException for malformed JSON or a member of the wrong JSON
// type; ValidationException for well-formed JSON that DynamoDB would reject (an
// AttributeValue with zero or several types, a bad number, an empty set, duplicates in a set).
#pragma once

#include <string>
#include <string_view>

#include "ddb/model.h"
#include "ddb/result.h"

namespace ddb::json {

std::string EncodeAttributeValue(const AttributeValue& v);  // {"S":"x"}
Result<AttributeValue> DecodeAttributeValue(std::string_view json);
std::string EncodeItem(const Item& item);  // {"a":{"S":"x"},...}
Result<Item> DecodeItem(std::string_view json);

// Requests and responses. Encode gives the request/response body; Decode<T> parses one.
std::string Encode(const CreateTableRequest& v);
std::string Encode(const CreateTableResponse& v);
std::string Encode(const DescribeTableRequest& v);
std::string Encode(const DescribeTableResponse& v);
std::string Encode(const ListTablesRequest& v);
std::string Encode(const ListTablesResponse& v);
std::string Encode(const DeleteTableRequest& v);
std::string Encode(const DeleteTableResponse& v);
std::string Encode(const UpdateTableRequest& v);
std::string Encode(const UpdateTableResponse& v);
std::string Encode(const PutItemRequest& v);
std::string Encode(const PutItemResponse& v);
std::string Encode(const GetItemRequest& v);
std::string Encode(const GetItemResponse& v);
std::string Encode(const DeleteItemRequest& v);
std::string Encode(const DeleteItemResponse& v);
std::string Encode(const UpdateItemRequest& v);
std::string Encode(const UpdateItemResponse& v);
std::string Encode(const BatchWriteItemRequest& v);
std::string Encode(const BatchWriteItemResponse& v);
std::string Encode(const BatchGetItemRequest& v);
std::string Encode(const BatchGetItemResponse& v);
std::string Encode(const ScanRequest& v);
std::string Encode(const QueryRequest& v);
std::string Encode(const ScanResponse& v);  // also QueryResponse (same type)
std::string Encode(const TransactWriteItemsRequest& v);
std::string Encode(const TransactWriteItemsResponse& v);
std::string Encode(const TransactGetItemsRequest& v);
std::string Encode(const TransactGetItemsResponse& v);
// The answer to Select=COUNT: DynamoDB leaves Items out (Count and ScannedCount only).
std::string EncodeWithoutItems(const ScanResponse& v);
// Tags, limits, endpoints (json_tag_ops.cc). TagResource and UntagResource answer with an
// empty body, as DynamoDB does.
std::string Encode(const TagResourceRequest& v);
std::string Encode(const TagResourceResponse& v);
std::string Encode(const UntagResourceRequest& v);
std::string Encode(const UntagResourceResponse& v);
std::string Encode(const ListTagsOfResourceRequest& v);
std::string Encode(const ListTagsOfResourceResponse& v);
std::string Encode(const DescribeLimitsRequest& v);
std::string Encode(const DescribeLimitsResponse& v);
std::string Encode(const DescribeEndpointsRequest& v);
std::string Encode(const DescribeEndpointsResponse& v);

// Explicitly specialized for every request and response type above.
// Requests are checked as DynamoDB checks them on the wire, in its order: member types
// (SerializationException), then constraints (one ValidationException listing up to 10,
// "1 validation error detected: Value null at 'tableName' failed to satisfy constraint:
// Member must not be null"), then the values the typed request cannot hold (attribute
// values, numbers, ExpressionAttributeNames/Values given as {}). The rest is the engine's.
template <class T>
Result<T> Decode(std::string_view body);

// s as a JSON string literal, quotes included ("a\"b"); control characters as \u00XX.
// The one JSON string escaper of the project (logs, CLI output, debug text use it too).
std::string QuoteString(std::string_view s);
// s with every byte that does not belong to a well-formed UTF-8 sequence (overlong forms,
// surrogates and code points past U+10FFFF count as malformed) replaced by U+FFFD, so text
// that echoes request bytes can go into a JSON body that every client decodes.
std::string ToValidUtf8(std::string_view s);
void AppendQuotedString(std::string* out, std::string_view s);

// Error bodies as DynamoDB writes them: "__type" in the service's namespace
// ("com.amazon.coral.validate#ValidationException", "com.amazon.coral.service#..." for
// protocol errors, "com.amazonaws.dynamodb.v20120810#..." for DynamoDB's own), "message"
// ("Message" for SerializationException, as DynamoDB spells it), and "Item" for a
// ConditionalCheckFailedException that carries the old item, "CancellationReasons" for a
// TransactionCanceledException. DecodeError never fails: an
// unreadable body becomes an error that quotes the HTTP status and the start of the body.
std::string EncodeError(const Error& e);
Error DecodeError(int http_status, std::string_view body);

// The X-Amz-Target operation names, e.g. "DynamoDB_20120810.PutItem".
constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";

}  // namespace ddb::json
