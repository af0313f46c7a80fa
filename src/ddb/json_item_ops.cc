// Item operations (PutItem, GetItem, UpdateItem, DeleteItem, BatchWriteItem, BatchGetItem)
// <-> DynamoDB JSON. Requests pass DynamoDB's wire checks (json_check.h) before decoding.
#include "ddb/json.h"
#include "ddb/json_check.h"
#include "ddb/json_internal.h"

namespace ddb::json {
namespace internal {
namespace {

constexpr std::string_view kConditionExpressions[] = {"ConditionExpression"};
constexpr std::string_view kUpdateExpressions[] = {"UpdateExpression", "ConditionExpression"};
constexpr std::string_view kProjectionExpressions[] = {"ProjectionExpression"};

constexpr std::string_view kNotExactlyOneRequest =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
    "supported datatypes";

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
  return OkStatus();
}

// DynamoDB refuses a table's requests when any of them is not exactly one of PutRequest or
// DeleteRequest before it looks at their items, and words it as for an AttributeValue.
Status ReadWriteRequests(const Value& v, std::vector<WriteRequest>& out) {
  if (!v.IsArray()) return WrongType("RequestItems", "an array of WriteRequest", v);
  for (const Value& e : v.GetArray()) {
    const bool put = e.IsObject() && Find(e, "PutRequest") != nullptr;
    const bool del = e.IsObject() && Find(e, "DeleteRequest") != nullptr;
    if (put == del) return ValidationError(std::string(kNotExactlyOneRequest));
  }
  out.reserve(v.Size());
  for (const Value& e : v.GetArray()) {
    XR_RETURN_IF_ERROR(ReadWriteRequest(e, out.emplace_back()));
  }
  return OkStatus();
}

Status ReadKeysAndAttributes(const Value& v, KeysAndAttributes& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "KeysAndAttributes"));
  XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(v, kProjectionExpressions));
  XR_RETURN_IF_ERROR(ReadAttributesToGet(v, out.attributes_to_get));
  XR_RETURN_IF_ERROR(CheckExpressionMapsNotEmpty(v));
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

Status ReadMetricsList(const Value& v, std::vector<ItemCollectionMetrics>& out) {
  if (!v.IsArray()) return WrongType("ItemCollectionMetrics", "an array", v);
  out.reserve(v.Size());
  for (const Value& e : v.GetArray()) {
    XR_RETURN_IF_ERROR(ReadItemCollectionMetrics(e, out.emplace_back()));
  }
  return OkStatus();
}

// --- Encoding ---

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

void WriteReturnItemCollectionMetrics(Writer& w, ReturnItemCollectionMetrics v) {
  if (v != ReturnItemCollectionMetrics::NONE) {
    WriteMember(w, "ReturnItemCollectionMetrics", ToString(v));
  }
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
    WriteAttributesToGet(w, ka.attributes_to_get);
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
    WriteWriteConditionParams(w, v);
  });
}

template <>
Result<PutItemRequest> Decode<PutItemRequest>(std::string_view body) {
  return DecodeRequest<PutItemRequest>(
      body, PutItemSchema(), [](const Value& o, PutItemRequest& out) -> Status {
        XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(o, kConditionExpressions));
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadItem(o, "Item", out.item, /*required=*/true));
        return ReadWriteConditionParams(o, out);
      });
}

std::string Encode(const PutItemResponse& v) {
  return EncodeBody([&](Writer& w) { WriteWriteItemResponse(w, v); });
}

template <>
Result<PutItemResponse> Decode<PutItemResponse>(std::string_view body) {
  return DecodeBody<PutItemResponse>(
      body, [](const Value& o, PutItemResponse& out) { return ReadWriteItemResponse(o, out); });
}

// --- GetItem ---

std::string Encode(const GetItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteItemMember(w, "Key", v.key);
    WriteAttributesToGet(w, v.attributes_to_get);
    if (v.consistent_read) WriteBool(w, "ConsistentRead", true);
    WriteOptional(w, "ProjectionExpression", v.projection_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteReturnConsumedCapacity(w, v.return_consumed_capacity);
  });
}

template <>
Result<GetItemRequest> Decode<GetItemRequest>(std::string_view body) {
  return DecodeRequest<GetItemRequest>(
      body, GetItemSchema(), [](const Value& o, GetItemRequest& out) -> Status {
        XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(o, kProjectionExpressions));
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadItem(o, "Key", out.key, /*required=*/true));
        XR_RETURN_IF_ERROR(ReadAttributesToGet(o, out.attributes_to_get));
        XR_RETURN_IF_ERROR(CheckExpressionMapsNotEmpty(o));
        XR_RETURN_IF_ERROR(ReadBool(o, "ConsistentRead", out.consistent_read));
        XR_RETURN_IF_ERROR(ReadString(o, "ProjectionExpression", out.projection_expression));
        XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
        return ReadReturnConsumedCapacity(o, out.return_consumed_capacity);
      });
}

std::string Encode(const GetItemResponse& v) {
  return EncodeBody([&](Writer& w) {
    WriteOptionalItem(w, "Item", v.item);
    WriteConsumedCapacity(w, v.consumed_capacity);
  });
}

template <>
Result<GetItemResponse> Decode<GetItemResponse>(std::string_view body) {
  return DecodeBody<GetItemResponse>(body, [](const Value& o, GetItemResponse& out) -> Status {
    XR_RETURN_IF_ERROR(ReadItem(o, "Item", out.item));
    return ReadConsumedCapacity(o, out.consumed_capacity);
  });
}

// --- DeleteItem ---

std::string Encode(const DeleteItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteItemMember(w, "Key", v.key);
    WriteWriteConditionParams(w, v);
  });
}

template <>
Result<DeleteItemRequest> Decode<DeleteItemRequest>(std::string_view body) {
  return DecodeRequest<DeleteItemRequest>(
      body, DeleteItemSchema(), [](const Value& o, DeleteItemRequest& out) -> Status {
        XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(o, kConditionExpressions));
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadItem(o, "Key", out.key, /*required=*/true));
        return ReadWriteConditionParams(o, out);
      });
}

std::string Encode(const DeleteItemResponse& v) {
  return EncodeBody([&](Writer& w) { WriteWriteItemResponse(w, v); });
}

template <>
Result<DeleteItemResponse> Decode<DeleteItemResponse>(std::string_view body) {
  return DecodeBody<DeleteItemResponse>(
      body, [](const Value& o, DeleteItemResponse& out) { return ReadWriteItemResponse(o, out); });
}

// --- UpdateItem ---

std::string Encode(const UpdateItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteItemMember(w, "Key", v.key);
    WriteOptional(w, "UpdateExpression", v.update_expression);
    WriteAttributeUpdates(w, v.attribute_updates);
    WriteWriteConditionParams(w, v);
  });
}

template <>
Result<UpdateItemRequest> Decode<UpdateItemRequest>(std::string_view body) {
  return DecodeRequest<UpdateItemRequest>(
      body, UpdateItemSchema(), [](const Value& o, UpdateItemRequest& out) -> Status {
        XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(o, kUpdateExpressions));
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadItem(o, "Key", out.key, /*required=*/true));
        XR_RETURN_IF_ERROR(ReadAttributeUpdates(o, out.attribute_updates));
        XR_RETURN_IF_ERROR(ReadString(o, "UpdateExpression", out.update_expression));
        return ReadWriteConditionParams(o, out);
      });
}

std::string Encode(const UpdateItemResponse& v) {
  return EncodeBody([&](Writer& w) { WriteWriteItemResponse(w, v); });
}

template <>
Result<UpdateItemResponse> Decode<UpdateItemResponse>(std::string_view body) {
  return DecodeBody<UpdateItemResponse>(
      body, [](const Value& o, UpdateItemResponse& out) { return ReadWriteItemResponse(o, out); });
}

// --- BatchWriteItem ---

std::string Encode(const BatchWriteItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteWriteRequests(w, "RequestItems", v.request_items);
    WriteReturnConsumedCapacity(w, v.return_consumed_capacity);
    WriteReturnItemCollectionMetrics(w, v.return_item_collection_metrics);
  });
}

template <>
Result<BatchWriteItemRequest> Decode<BatchWriteItemRequest>(std::string_view body) {
  return DecodeRequest<BatchWriteItemRequest>(
      body, BatchWriteItemSchema(), [](const Value& o, BatchWriteItemRequest& out) -> Status {
        if (Find(o, "RequestItems") == nullptr) return MissingMember("RequestItems");
        XR_RETURN_IF_ERROR(ReadMap(o, "RequestItems", out.request_items, ReadWriteRequests));
        XR_RETURN_IF_ERROR(ReadReturnConsumedCapacity(o, out.return_consumed_capacity));
        return ReadEnum(o, "ReturnItemCollectionMetrics", &ParseReturnItemCollectionMetrics,
                        "SIZE, NONE", out.return_item_collection_metrics);
      });
}

std::string Encode(const BatchWriteItemResponse& v) {
  // DynamoDB always answers with UnprocessedItems, {} when everything was written.
  return EncodeBody([&](Writer& w) {
    WriteWriteRequests(w, "UnprocessedItems", v.unprocessed_items);
    WriteConsumedCapacityList(w, v.consumed_capacity);
    if (v.item_collection_metrics.empty()) return;
    WriteKey(w, "ItemCollectionMetrics");
    w.StartObject();
    for (const auto& [table, metrics] : v.item_collection_metrics) {
      WriteKey(w, table);
      w.StartArray();
      for (const auto& m : metrics) WriteItemCollectionMetrics(w, m);
      w.EndArray();
    }
    w.EndObject();
  });
}

template <>
Result<BatchWriteItemResponse> Decode<BatchWriteItemResponse>(std::string_view body) {
  return DecodeBody<BatchWriteItemResponse>(
      body, [](const Value& o, BatchWriteItemResponse& out) -> Status {
        XR_RETURN_IF_ERROR(
            ReadMap(o, "UnprocessedItems", out.unprocessed_items, ReadWriteRequests));
        XR_RETURN_IF_ERROR(ReadConsumedCapacityList(o, out.consumed_capacity));
        return ReadMap(o, "ItemCollectionMetrics", out.item_collection_metrics, ReadMetricsList);
      });
}

// --- BatchGetItem ---

std::string Encode(const BatchGetItemRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteKeysAndAttributes(w, "RequestItems", v.request_items);
    WriteReturnConsumedCapacity(w, v.return_consumed_capacity);
  });
}

template <>
Result<BatchGetItemRequest> Decode<BatchGetItemRequest>(std::string_view body) {
  return DecodeRequest<BatchGetItemRequest>(
      body, BatchGetItemSchema(), [](const Value& o, BatchGetItemRequest& out) -> Status {
        if (Find(o, "RequestItems") == nullptr) return MissingMember("RequestItems");
        XR_RETURN_IF_ERROR(ReadMap(o, "RequestItems", out.request_items, ReadKeysAndAttributes));
        return ReadReturnConsumedCapacity(o, out.return_consumed_capacity);
      });
}

std::string Encode(const BatchGetItemResponse& v) {
  // Responses and UnprocessedKeys are always there ({} when empty), as DynamoDB answers.
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
    WriteConsumedCapacityList(w, v.consumed_capacity);
  });
}

template <>
Result<BatchGetItemResponse> Decode<BatchGetItemResponse>(std::string_view body) {
  return DecodeBody<BatchGetItemResponse>(
      body, [](const Value& o, BatchGetItemResponse& out) -> Status {
        XR_RETURN_IF_ERROR(ReadMap(o, "Responses", out.responses, ReadItems));
        XR_RETURN_IF_ERROR(
            ReadMap(o, "UnprocessedKeys", out.unprocessed_keys, ReadKeysAndAttributes));
        return ReadConsumedCapacityList(o, out.consumed_capacity);
      });
}

}  // namespace ddb::json
