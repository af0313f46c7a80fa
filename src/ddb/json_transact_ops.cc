// Transactions (TransactWriteItems, TransactGetItems) <-> DynamoDB JSON. Requests pass
// DynamoDB's wire checks (json_check.h) before decoding.
#include "ddb/json.h"
#include "ddb/json_check.h"
#include "ddb/json_internal.h"

namespace ddb::json {
namespace internal {
namespace {

constexpr std::string_view kConditionExpressions[] = {"ConditionExpression"};
constexpr std::string_view kUpdateExpressions[] = {"UpdateExpression", "ConditionExpression"};
constexpr std::string_view kProjectionExpressions[] = {"ProjectionExpression"};

// --- Decoding ---

// The members every action shares; `key_member` is "Key" or "Item" (read by the caller).
Status ReadActionParams(const Value& v, std::span<const std::string_view> expressions,
                        TransactActionParams& out) {
  XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(v, expressions));
  XR_RETURN_IF_ERROR(RequireString(v, "TableName", out.table_name));
  XR_RETURN_IF_ERROR(ReadString(v, "ConditionExpression", out.condition_expression));
  XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(v, out.expression_attribute_names));
  XR_RETURN_IF_ERROR(CheckExpressionMapsNotEmpty(v));
  XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(v, out.expression_attribute_values));
  return ReadEnum(v, "ReturnValuesOnConditionCheckFailure",
                  &ParseReturnValuesOnConditionCheckFailure, "ALL_OLD, NONE",
                  out.return_values_on_condition_check_failure);
}

template <class Action>
Status ReadAction(const Value& parent, std::string_view name,
                  std::span<const std::string_view> expressions, std::optional<Action>& out) {
  const Value* v = Find(parent, name);
  if (v == nullptr) return OkStatus();
  XR_RETURN_IF_ERROR(ExpectObject(*v, name));
  out.emplace();
  if constexpr (std::is_same_v<Action, TransactPut>) {
    XR_RETURN_IF_ERROR(ReadItem(*v, "Item", out->item, /*required=*/true));
  } else {
    XR_RETURN_IF_ERROR(ReadItem(*v, "Key", out->key, /*required=*/true));
  }
  if constexpr (std::is_same_v<Action, TransactUpdate>) {
    XR_RETURN_IF_ERROR(RequireString(*v, "UpdateExpression", out->update_expression));
  }
  return ReadActionParams(*v, expressions, *out);
}

Status ReadTransactWriteItem(const Value& v, TransactWriteItem& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "TransactWriteItem"));
  XR_RETURN_IF_ERROR(ReadAction(v, "ConditionCheck", kConditionExpressions, out.condition_check));
  XR_RETURN_IF_ERROR(ReadAction(v, "Put", kConditionExpressions, out.put));
  XR_RETURN_IF_ERROR(ReadAction(v, "Delete", kConditionExpressions, out.delete_));
  return ReadAction(v, "Update", kUpdateExpressions, out.update);
}

Status ReadTransactGetItem(const Value& v, TransactGetItem& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "TransactGetItem"));
  const Value* get = Find(v, "Get");
  if (get == nullptr) return MissingMember("Get");
  XR_RETURN_IF_ERROR(ExpectObject(*get, "Get"));
  auto& g = out.get.emplace();
  XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(*get, kProjectionExpressions));
  XR_RETURN_IF_ERROR(RequireString(*get, "TableName", g.table_name));
  XR_RETURN_IF_ERROR(ReadItem(*get, "Key", g.key, /*required=*/true));
  XR_RETURN_IF_ERROR(CheckExpressionMapsNotEmpty(*get));
  XR_RETURN_IF_ERROR(ReadString(*get, "ProjectionExpression", g.projection_expression));
  return ReadExpressionAttributeNames(*get, g.expression_attribute_names);
}

Status ReadMetricsList(const Value& v, std::vector<ItemCollectionMetrics>& out) {
  if (!v.IsArray()) return WrongType("ItemCollectionMetrics", "an array", v);
  for (const Value& e : v.GetArray()) {
    XR_RETURN_IF_ERROR(ReadItemCollectionMetrics(e, out.emplace_back()));
  }
  return OkStatus();
}

// --- Encoding ---

void WriteActionParams(Writer& w, const TransactActionParams& p) {
  WriteMember(w, "TableName", p.table_name);
  WriteOptional(w, "ConditionExpression", p.condition_expression);
  WriteExpressionAttributeNames(w, p.expression_attribute_names);
  WriteExpressionAttributeValues(w, p.expression_attribute_values);
  if (p.return_values_on_condition_check_failure != ReturnValuesOnConditionCheckFailure::NONE) {
    WriteMember(w, "ReturnValuesOnConditionCheckFailure",
                ToString(p.return_values_on_condition_check_failure));
  }
}

template <class Action>
void WriteAction(Writer& w, std::string_view name, const std::optional<Action>& a) {
  if (!a) return;
  WriteKey(w, name);
  w.StartObject();
  if constexpr (std::is_same_v<Action, TransactPut>) {
    WriteKey(w, "Item");
    WriteItem(w, a->item);
  } else {
    WriteKey(w, "Key");
    WriteItem(w, a->key);
  }
  if constexpr (std::is_same_v<Action, TransactUpdate>) {
    WriteMember(w, "UpdateExpression", a->update_expression);
  }
  WriteActionParams(w, *a);
  w.EndObject();
}

}  // namespace
}  // namespace internal

using namespace internal;  // NOLINT: this file is the codec's own implementation

// --- TransactWriteItems ---

std::string Encode(const TransactWriteItemsRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteKey(w, "TransactItems");
    w.StartArray();
    for (const auto& item : v.transact_items) {
      w.StartObject();
      WriteAction(w, "ConditionCheck", item.condition_check);
      WriteAction(w, "Put", item.put);
      WriteAction(w, "Delete", item.delete_);
      WriteAction(w, "Update", item.update);
      w.EndObject();
    }
    w.EndArray();
    WriteOptional(w, "ClientRequestToken", v.client_request_token);
    WriteReturnConsumedCapacity(w, v.return_consumed_capacity);
    if (v.return_item_collection_metrics != ReturnItemCollectionMetrics::NONE) {
      WriteMember(w, "ReturnItemCollectionMetrics", ToString(v.return_item_collection_metrics));
    }
  });
}

template <>
Result<TransactWriteItemsRequest> Decode<TransactWriteItemsRequest>(std::string_view body) {
  return DecodeRequest<TransactWriteItemsRequest>(
      body, TransactWriteItemsSchema(),
      [](const Value& o, TransactWriteItemsRequest& out) -> Status {
        if (Find(o, "TransactItems") == nullptr) return MissingMember("TransactItems");
        XR_RETURN_IF_ERROR(ReadArray(o, "TransactItems", out.transact_items, ReadTransactWriteItem));
        XR_RETURN_IF_ERROR(ReadString(o, "ClientRequestToken", out.client_request_token));
        XR_RETURN_IF_ERROR(ReadReturnConsumedCapacity(o, out.return_consumed_capacity));
        return ReadEnum(o, "ReturnItemCollectionMetrics", &ParseReturnItemCollectionMetrics,
                        "SIZE, NONE", out.return_item_collection_metrics);
      });
}

std::string Encode(const TransactWriteItemsResponse& v) {
  return EncodeBody([&](Writer& w) {
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
Result<TransactWriteItemsResponse> Decode<TransactWriteItemsResponse>(std::string_view body) {
  return DecodeBody<TransactWriteItemsResponse>(
      body, [](const Value& o, TransactWriteItemsResponse& out) -> Status {
        XR_RETURN_IF_ERROR(ReadConsumedCapacityList(o, out.consumed_capacity));
        return ReadMap(o, "ItemCollectionMetrics", out.item_collection_metrics, ReadMetricsList);
      });
}

// --- TransactGetItems ---

std::string Encode(const TransactGetItemsRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteKey(w, "TransactItems");
    w.StartArray();
    for (const auto& item : v.transact_items) {
      w.StartObject();
      if (item.get) {
        const auto& g = *item.get;
        WriteKey(w, "Get");
        w.StartObject();
        WriteMember(w, "TableName", g.table_name);
        WriteKey(w, "Key");
        WriteItem(w, g.key);
        WriteOptional(w, "ProjectionExpression", g.projection_expression);
        WriteExpressionAttributeNames(w, g.expression_attribute_names);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
    WriteReturnConsumedCapacity(w, v.return_consumed_capacity);
  });
}

template <>
Result<TransactGetItemsRequest> Decode<TransactGetItemsRequest>(std::string_view body) {
  return DecodeRequest<TransactGetItemsRequest>(
      body, TransactGetItemsSchema(), [](const Value& o, TransactGetItemsRequest& out) -> Status {
        if (Find(o, "TransactItems") == nullptr) return MissingMember("TransactItems");
        XR_RETURN_IF_ERROR(ReadArray(o, "TransactItems", out.transact_items, ReadTransactGetItem));
        return ReadReturnConsumedCapacity(o, out.return_consumed_capacity);
      });
}

std::string Encode(const TransactGetItemsResponse& v) {
  // Responses: one entry per Get in request order, {} for an item that does not exist.
  return EncodeBody([&](Writer& w) {
    WriteKey(w, "Responses");
    w.StartArray();
    for (const auto& r : v.responses) {
      w.StartObject();
      if (r.item) {
        WriteKey(w, "Item");
        WriteItem(w, *r.item);
      }
      w.EndObject();
    }
    w.EndArray();
    WriteConsumedCapacityList(w, v.consumed_capacity);
  });
}

template <>
Result<TransactGetItemsResponse> Decode<TransactGetItemsResponse>(std::string_view body) {
  return DecodeBody<TransactGetItemsResponse>(
      body, [](const Value& o, TransactGetItemsResponse& out) -> Status {
        XR_RETURN_IF_ERROR(
            ReadArray(o, "Responses", out.responses, [](const Value& e, ItemResponse& r) -> Status {
              XR_RETURN_IF_ERROR(ExpectObject(e, "Responses"));
              return ReadItem(e, "Item", r.item);
            }));
        return ReadConsumedCapacityList(o, out.consumed_capacity);
      });
}

}  // namespace ddb::json
