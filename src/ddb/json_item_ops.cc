// Item operations (PutItem, GetItem, DeleteItem, BatchWriteItem, BatchGetItem, Scan, Query)
// <-> DynamoDB JSON.
#include "ddb/json.h"
#include "ddb/json_internal.h"

namespace ddb::json {
namespace internal {
namespace {

constexpr std::string_view kReturnValues = "NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW";
constexpr std::string_view kSelects =
    "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT";

// --- Decoding ---

Status ReadWriteRequest(const Value& v, WriteRequest& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "WriteRequest"));
  if (const Value* put = Find(v, "PutRequest")) {
    XR_RETURN_IF_ERROR(ExpectObject(*put, "PutRequest"));
    out.put_item.emplace();
    XR_RETURN_IF_ERROR(ReadItem(*put, "Item", *out.put_item, /*required=*/true));
  }
  if (const Value* del = Find(v, "DeleteRequest")) {
    XR_RETURN_IF_ERROR(ExpectObject(*del, "DeleteRequest"));
    out.delete_key.emplace();
    XR_RETURN_IF_ERROR(ReadItem(*del, "Key", *out.delete_key, /*required=*/true));
  }
  if (out.put_item.has_value() == out.delete_key.has_value()) {
    return ValidationError(
        "One or more parameter values were invalid: a WriteRequest must contain exactly one of "
        "PutRequest or DeleteRequest");
  }
  return OkStatus();
}

Status ReadWriteRequests(const Value& v, std::vector<WriteRequest>& out) {
  if (!v.IsArray()) return WrongType("RequestItems", "an array of WriteRequest", v);
  out.reserve(v.Size());
  for (const Value& e : v.GetArray()) {
    XR_RETURN_IF_ERROR(ReadWriteRequest(e, out.emplace_back()));
  }
  return OkStatus();
}

Status ReadKeysAndAttributes(const Value& v, KeysAndAttributes& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "KeysAndAttributes"));
  if (Find(v, "Keys") == nullptr) return MissingMember("Keys");
  XR_RETURN_IF_ERROR(ReadArray(v, "Keys", out.keys, [](const Value& e, Key& key) {
    return DecodeItemObject(e, "Keys", key);
  }));
  XR_RETURN_IF_ERROR(ReadBool(v, "ConsistentRead", out.consistent_read));
  XR_RETURN_IF_ERROR(ReadString(v, "ProjectionExpression", out.projection_expression));
  return ReadExpressionAttributeNames(v, out.expression_attribute_names);
}

Status ReadItems(const Value& v, std::vector<Item>& out) {
  if (!v.IsArray()) return WrongType("Items", "an array of items", v);
  out.reserve(v.Size());
  for (const Value& e : v.GetArray()) {
    XR_RETURN_IF_ERROR(DecodeItemObject(e, "Items", out.emplace_back()));
  }
  return OkStatus();
}

// --- Encoding ---

void WriteReturnValues(Writer& w, ReturnValue rv) {
  if (rv != ReturnValue::NONE) WriteMember(w, "ReturnValues", ToString(rv));
}

void WriteItemMember(Writer& w, std::string_view name, const Item& item) {
  WriteKey(w, name);
  WriteItem(w, item);
}

void WriteOptionalItem(Writer& w, std::string_view name, const std::optional<Item>& item) {
  if (item) WriteItemMember(w, name, *item);
}

void WriteBool(Writer& w, std::string_view name, bool value) {
  WriteKey(w, name);
  w.Bool(value);
}

void WriteOptionalInt(Writer& w, std::string_view name, const std::optional<int32_t>& v) {
  if (!v) return;
  WriteKey(w, name);
  w.Int(*v);
}

void WriteWriteRequests(Writer& w, std::string_view name,
                        const std::map<std::string, std::vector<WriteRequest>, std::less<>>& m) {
  WriteKey(w, name);
  w.StartObject();
  for (const auto& [table, requests] : m) {
    WriteKey(w, table);
    w.StartArray();
    for (const auto& r : requests) {
      w.StartObject();
      if (r.put_item) {
        WriteKey(w, "PutRequest");
        w.StartObject();
        WriteItemMember(w, "Item", *r.put_item);
        w.EndObject();
      }
      if (r.delete_key) {
        WriteKey(w, "DeleteRequest");
        w.StartObject();
        WriteItemMember(w, "Key", *r.delete_key);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void WriteKeysAndAttributes(Writer& w, std::string_view name,
                            const std::map<std::string, KeysAndAttributes, std::less<>>& m) {
  WriteKey(w, name);
  w.StartObject();
  for (const auto& [table, ka] : m) {
    WriteKey(w, table);
    w.StartObject();
    WriteKey(w, "Keys");
    w.StartArray();
    for (const auto& key : ka.keys) WriteItem(w, key);
    w.EndArray();
    if (ka.consistent_read) WriteBool(w, "ConsistentRead", true);
    WriteOptional(w, "ProjectionExpression", ka.projection_expression);
    WriteExpressionAttributeNames(w, ka.expression_attribute_names);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace
}  // namespace internal

using namespace internal;  // NOLINT: this file is the codec's own implementation

// --- PutItem ---

std::string Encode(const PutItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteItemMember(w, "Item", v.item);
    WriteOptional(w, "ConditionExpression", v.condition_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteExpressionAttributeValues(w, v.expression_attribute_values);
    WriteReturnValues(w, v.return_values);
  });
}

template <>
Result<PutItemRequest> Decode<PutItemRequest>(std::string_view body) {
  return DecodeBody<PutItemRequest>(body, [](const Value& o, PutItemRequest& out) -> Status {
    XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
    XR_RETURN_IF_ERROR(ReadItem(o, "Item", out.item, /*required=*/true));
    XR_RETURN_IF_ERROR(ReadString(o, "ConditionExpression", out.condition_expression));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(o, out.expression_attribute_values));
    return ReadEnum(o, "ReturnValues", &ParseReturnValue, kReturnValues, out.return_values);
  });
}

std::string Encode(const PutItemResponse& v) {
  return EncodeBody([&](Writer& w) { WriteOptionalItem(w, "Attributes", v.attributes); });
}

template <>
Result<PutItemResponse> Decode<PutItemResponse>(std::string_view body) {
  return DecodeBody<PutItemResponse>(body, [](const Value& o, PutItemResponse& out) {
    return ReadItem(o, "Attributes", out.attributes);
  });
}

// --- GetItem ---

std::string Encode(const GetItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteItemMember(w, "Key", v.key);
    if (v.consistent_read) WriteBool(w, "ConsistentRead", true);
    WriteOptional(w, "ProjectionExpression", v.projection_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
  });
}

template <>
Result<GetItemRequest> Decode<GetItemRequest>(std::string_view body) {
  return DecodeBody<GetItemRequest>(body, [](const Value& o, GetItemRequest& out) -> Status {
    XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
    XR_RETURN_IF_ERROR(ReadItem(o, "Key", out.key, /*required=*/true));
    XR_RETURN_IF_ERROR(ReadBool(o, "ConsistentRead", out.consistent_read));
    XR_RETURN_IF_ERROR(ReadString(o, "ProjectionExpression", out.projection_expression));
    return ReadExpressionAttributeNames(o, out.expression_attribute_names);
  });
}

std::string Encode(const GetItemResponse& v) {
  return EncodeBody([&](Writer& w) { WriteOptionalItem(w, "Item", v.item); });
}

template <>
Result<GetItemResponse> Decode<GetItemResponse>(std::string_view body) {
  return DecodeBody<GetItemResponse>(
      body, [](const Value& o, GetItemResponse& out) { return ReadItem(o, "Item", out.item); });
}

// --- DeleteItem ---

std::string Encode(const DeleteItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteItemMember(w, "Key", v.key);
    WriteOptional(w, "ConditionExpression", v.condition_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteExpressionAttributeValues(w, v.expression_attribute_values);
    WriteReturnValues(w, v.return_values);
  });
}

template <>
Result<DeleteItemRequest> Decode<DeleteItemRequest>(std::string_view body) {
  return DecodeBody<DeleteItemRequest>(body, [](const Value& o, DeleteItemRequest& out) -> Status {
    XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
    XR_RETURN_IF_ERROR(ReadItem(o, "Key", out.key, /*required=*/true));
    XR_RETURN_IF_ERROR(ReadString(o, "ConditionExpression", out.condition_expression));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(o, out.expression_attribute_values));
    return ReadEnum(o, "ReturnValues", &ParseReturnValue, kReturnValues, out.return_values);
  });
}

std::string Encode(const DeleteItemResponse& v) {
  return EncodeBody([&](Writer& w) { WriteOptionalItem(w, "Attributes", v.attributes); });
}

template <>
Result<DeleteItemResponse> Decode<DeleteItemResponse>(std::string_view body) {
  return DecodeBody<DeleteItemResponse>(body, [](const Value& o, DeleteItemResponse& out) {
    return ReadItem(o, "Attributes", out.attributes);
  });
}

// --- UpdateItem ---

std::string Encode(const UpdateItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteItemMember(w, "Key", v.key);
    WriteOptional(w, "UpdateExpression", v.update_expression);
    WriteOptional(w, "ConditionExpression", v.condition_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteExpressionAttributeValues(w, v.expression_attribute_values);
    WriteReturnValues(w, v.return_values);
  });
}

template <>
Result<UpdateItemRequest> Decode<UpdateItemRequest>(std::string_view body) {
  return DecodeBody<UpdateItemRequest>(body, [](const Value& o, UpdateItemRequest& out) -> Status {
    XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
    XR_RETURN_IF_ERROR(ReadItem(o, "Key", out.key, /*required=*/true));
    XR_RETURN_IF_ERROR(ReadString(o, "UpdateExpression", out.update_expression));
    XR_RETURN_IF_ERROR(ReadString(o, "ConditionExpression", out.condition_expression));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(o, out.expression_attribute_values));
    return ReadEnum(o, "ReturnValues", &ParseReturnValue, kReturnValues, out.return_values);
  });
}

std::string Encode(const UpdateItemResponse& v) {
  return EncodeBody([&](Writer& w) { WriteOptionalItem(w, "Attributes", v.attributes); });
}

template <>
Result<UpdateItemResponse> Decode<UpdateItemResponse>(std::string_view body) {
  return DecodeBody<UpdateItemResponse>(body, [](const Value& o, UpdateItemResponse& out) {
    return ReadItem(o, "Attributes", out.attributes);
  });
}

// --- BatchWriteItem ---

std::string Encode(const BatchWriteItemRequest& v) {
  return EncodeBody([&](Writer& w) { WriteWriteRequests(w, "RequestItems", v.request_items); });
}

template <>
Result<BatchWriteItemRequest> Decode<BatchWriteItemRequest>(std::string_view body) {
  return DecodeBody<BatchWriteItemRequest>(
      body, [](const Value& o, BatchWriteItemRequest& out) -> Status {
        if (Find(o, "RequestItems") == nullptr) return MissingMember("RequestItems");
        return ReadMap(o, "RequestItems", out.request_items, ReadWriteRequests);
      });
}

std::string Encode(const BatchWriteItemResponse& v) {
  // DynamoDB always answers with UnprocessedItems, empty when everything was written.
  return EncodeBody(
      [&](Writer& w) { WriteWriteRequests(w, "UnprocessedItems", v.unprocessed_items); });
}

template <>
Result<BatchWriteItemResponse> Decode<BatchWriteItemResponse>(std::string_view body) {
  return DecodeBody<BatchWriteItemResponse>(body, [](const Value& o, BatchWriteItemResponse& out) {
    return ReadMap(o, "UnprocessedItems", out.unprocessed_items, ReadWriteRequests);
  });
}

// --- BatchGetItem ---

std::string Encode(const BatchGetItemRequest& v) {
  return EncodeBody([&](Writer& w) { WriteKeysAndAttributes(w, "RequestItems", v.request_items); });
}

template <>
Result<BatchGetItemRequest> Decode<BatchGetItemRequest>(std::string_view body) {
  return DecodeBody<BatchGetItemRequest>(
      body, [](const Value& o, BatchGetItemRequest& out) -> Status {
        if (Find(o, "RequestItems") == nullptr) {
          return MissingMember("RequestItems");
        }
        return ReadMap(o, "RequestItems", out.request_items, ReadKeysAndAttributes);
      });
}

std::string Encode(const BatchGetItemResponse& v) {
  return EncodeBody([&](Writer& w) {
    WriteKey(w, "Responses");
    w.StartObject();
    for (const auto& [table, items] : v.responses) {
      WriteKey(w, table);
      w.StartArray();
      for (const auto& item : items) WriteItem(w, item);
      w.EndArray();
    }
    w.EndObject();
    WriteKeysAndAttributes(w, "UnprocessedKeys", v.unprocessed_keys);
  });
}

template <>
Result<BatchGetItemResponse> Decode<BatchGetItemResponse>(std::string_view body) {
  return DecodeBody<BatchGetItemResponse>(
      body, [](const Value& o, BatchGetItemResponse& out) -> Status {
        XR_RETURN_IF_ERROR(ReadMap(o, "Responses", out.responses, ReadItems));
        return ReadMap(o, "UnprocessedKeys", out.unprocessed_keys, ReadKeysAndAttributes);
      });
}

// --- Scan / Query ---

std::string Encode(const ScanRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteOptional(w, "IndexName", v.index_name);
    WriteOptionalInt(w, "Limit", v.limit);
    WriteOptionalItem(w, "ExclusiveStartKey", v.exclusive_start_key);
    WriteOptionalInt(w, "Segment", v.segment);
    WriteOptionalInt(w, "TotalSegments", v.total_segments);
    WriteOptional(w, "FilterExpression", v.filter_expression);
    WriteOptional(w, "ProjectionExpression", v.projection_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteExpressionAttributeValues(w, v.expression_attribute_values);
    if (v.select) WriteMember(w, "Select", ToString(*v.select));
    if (v.consistent_read) WriteBool(w, "ConsistentRead", true);
  });
}

template <>
Result<ScanRequest> Decode<ScanRequest>(std::string_view body) {
  return DecodeBody<ScanRequest>(body, [](const Value& o, ScanRequest& out) -> Status {
    XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
    XR_RETURN_IF_ERROR(ReadString(o, "IndexName", out.index_name));
    XR_RETURN_IF_ERROR(ReadInt32(o, "Limit", out.limit));
    XR_RETURN_IF_ERROR(ReadItem(o, "ExclusiveStartKey", out.exclusive_start_key));
    XR_RETURN_IF_ERROR(ReadInt32(o, "Segment", out.segment));
    XR_RETURN_IF_ERROR(ReadInt32(o, "TotalSegments", out.total_segments));
    XR_RETURN_IF_ERROR(ReadString(o, "FilterExpression", out.filter_expression));
    XR_RETURN_IF_ERROR(ReadString(o, "ProjectionExpression", out.projection_expression));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(o, out.expression_attribute_values));
    XR_RETURN_IF_ERROR(ReadEnum(o, "Select", &ParseSelect, kSelects, out.select));
    return ReadBool(o, "ConsistentRead", out.consistent_read);
  });
}

std::string Encode(const QueryRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteOptional(w, "IndexName", v.index_name);
    if (v.key_condition_expression) {
      WriteMember(w, "KeyConditionExpression", *v.key_condition_expression);
    }
    WriteOptional(w, "FilterExpression", v.filter_expression);
    WriteOptional(w, "ProjectionExpression", v.projection_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteExpressionAttributeValues(w, v.expression_attribute_values);
    if (!v.scan_index_forward) WriteBool(w, "ScanIndexForward", false);
    WriteOptionalInt(w, "Limit", v.limit);
    WriteOptionalItem(w, "ExclusiveStartKey", v.exclusive_start_key);
    if (v.select) WriteMember(w, "Select", ToString(*v.select));
    if (v.consistent_read) WriteBool(w, "ConsistentRead", true);
  });
}

template <>
Result<QueryRequest> Decode<QueryRequest>(std::string_view body) {
  return DecodeBody<QueryRequest>(body, [](const Value& o, QueryRequest& out) -> Status {
    XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
    XR_RETURN_IF_ERROR(ReadString(o, "IndexName", out.index_name));
    // Absent is left to the engine, which words that error as DynamoDB does.
    XR_RETURN_IF_ERROR(ReadString(o, "KeyConditionExpression", out.key_condition_expression));
    XR_RETURN_IF_ERROR(ReadString(o, "FilterExpression", out.filter_expression));
    XR_RETURN_IF_ERROR(ReadString(o, "ProjectionExpression", out.projection_expression));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
    XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(o, out.expression_attribute_values));
    XR_RETURN_IF_ERROR(ReadBool(o, "ScanIndexForward", out.scan_index_forward));
    XR_RETURN_IF_ERROR(ReadInt32(o, "Limit", out.limit));
    XR_RETURN_IF_ERROR(ReadItem(o, "ExclusiveStartKey", out.exclusive_start_key));
    XR_RETURN_IF_ERROR(ReadEnum(o, "Select", &ParseSelect, kSelects, out.select));
    return ReadBool(o, "ConsistentRead", out.consistent_read);
  });
}

std::string Encode(const ScanResponse& v) {
  return EncodeBody([&](Writer& w) {
    WriteKey(w, "Items");
    w.StartArray();
    for (const auto& item : v.items) WriteItem(w, item);
    w.EndArray();
    WriteKey(w, "Count");
    w.Int64(v.count);
    WriteKey(w, "ScannedCount");
    w.Int64(v.scanned_count);
    WriteOptionalItem(w, "LastEvaluatedKey", v.last_evaluated_key);
  });
}

template <>
Result<ScanResponse> Decode<ScanResponse>(std::string_view body) {
  return DecodeBody<ScanResponse>(body, [](const Value& o, ScanResponse& out) -> Status {
    if (const Value* items = Find(o, "Items")) XR_RETURN_IF_ERROR(ReadItems(*items, out.items));
    XR_RETURN_IF_ERROR(ReadInt64(o, "Count", out.count));
    XR_RETURN_IF_ERROR(ReadInt64(o, "ScannedCount", out.scanned_count));
    return ReadItem(o, "LastEvaluatedKey", out.last_evaluated_key);
  });
}

}  // namespace ddb::json
