// Scan and Query <-> DynamoDB JSON. Requests pass DynamoDB's wire checks (json_check.h)
// before decoding.
#include "ddb/json.h"
#include "ddb/json_check.h"
#include "ddb/json_internal.h"

namespace ddb::json {
namespace internal {
namespace {

constexpr std::string_view kSelects =
    "SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES";
constexpr std::string_view kScanExpressions[] = {"ProjectionExpression", "FilterExpression"};
constexpr std::string_view kQueryExpressions[] = {"ProjectionExpression", "FilterExpression",
                                                  "KeyConditionExpression"};

// DynamoDB prefixes most errors in an ExclusiveStartKey's values with "The provided starting
// key is invalid: ", but not those about numbers and duplicates (as dynalite recorded).
bool KeepsItsOwnWords(std::string_view message) {
  for (const std::string_view part : {"contains duplicates", "number set", "numeric value",
                                      "significant digits", "number with magnitude"}) {
    if (message.find(part) != std::string_view::npos) return true;
  }
  return false;
}

Status ReadStartKey(const Value& o, std::optional<Key>& out) {
  Status status = ReadItem(o, "ExclusiveStartKey", out);
  if (status.ok() || status.error().code != ErrorCode::kValidation ||
      KeepsItsOwnWords(status.error().message)) {
    return status;
  }
  return ValidationError("The provided starting key is invalid: " + status.error().message);
}

void WriteOptionalInt(Writer& w, std::string_view name, const std::optional<int32_t>& v) {
  if (!v) return;
  WriteKey(w, name);
  w.Int(*v);
}

void WriteBool(Writer& w, std::string_view name, bool value) {
  WriteKey(w, name);
  w.Bool(value);
}

void WriteOptionalKey(Writer& w, std::string_view name, const std::optional<Key>& key) {
  if (!key) return;
  WriteKey(w, name);
  WriteItem(w, *key);
}

void WriteScanResponse(Writer& w, const ScanResponse& v, bool with_items) {
  if (with_items) {
    WriteKey(w, "Items");
    w.StartArray();
    for (const auto& item : v.items) WriteItem(w, item);
    w.EndArray();
  }
  WriteKey(w, "Count");
  w.Int64(v.count);
  WriteKey(w, "ScannedCount");
  w.Int64(v.scanned_count);
  WriteOptionalKey(w, "LastEvaluatedKey", v.last_evaluated_key);
  WriteConsumedCapacity(w, v.consumed_capacity);
}

}  // namespace
}  // namespace internal

using namespace internal;  // NOLINT: this file is the codec's own implementation

// --- Scan ---

std::string Encode(const ScanRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteOptional(w, "IndexName", v.index_name);
    WriteOptionalInt(w, "Limit", v.limit);
    WriteOptionalKey(w, "ExclusiveStartKey", v.exclusive_start_key);
    WriteOptionalInt(w, "Segment", v.segment);
    WriteOptionalInt(w, "TotalSegments", v.total_segments);
    WriteOptional(w, "FilterExpression", v.filter_expression);
    WriteOptional(w, "ProjectionExpression", v.projection_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteExpressionAttributeValues(w, v.expression_attribute_values);
    if (v.select) WriteMember(w, "Select", ToString(*v.select));
    if (v.consistent_read) WriteBool(w, "ConsistentRead", true);
    WriteAttributesToGet(w, v.attributes_to_get);
    WriteConditions(w, "ScanFilter", v.scan_filter);
    WriteConditionalOperator(w, v.conditional_operator);
    WriteReturnConsumedCapacity(w, v.return_consumed_capacity);
  });
}

template <>
Result<ScanRequest> Decode<ScanRequest>(std::string_view body) {
  return DecodeRequest<ScanRequest>(
      body, ScanSchema(), [](const Value& o, ScanRequest& out) -> Status {
        // In DynamoDB's order: legacy parameters, the start key, then the expression maps.
        XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(o, kScanExpressions));
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadAttributesToGet(o, out.attributes_to_get));
        XR_RETURN_IF_ERROR(ReadConditions(o, "ScanFilter", out.scan_filter));
        XR_RETURN_IF_ERROR(ReadStartKey(o, out.exclusive_start_key));
        XR_RETURN_IF_ERROR(CheckExpressionMapsNotEmpty(o));
        XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(o, out.expression_attribute_values));
        XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
        XR_RETURN_IF_ERROR(ReadConditionalOperator(o, out.conditional_operator));
        XR_RETURN_IF_ERROR(ReadString(o, "IndexName", out.index_name));
        XR_RETURN_IF_ERROR(ReadInt32(o, "Limit", out.limit));
        XR_RETURN_IF_ERROR(ReadInt32(o, "Segment", out.segment));
        XR_RETURN_IF_ERROR(ReadInt32(o, "TotalSegments", out.total_segments));
        XR_RETURN_IF_ERROR(ReadString(o, "FilterExpression", out.filter_expression));
        XR_RETURN_IF_ERROR(ReadString(o, "ProjectionExpression", out.projection_expression));
        XR_RETURN_IF_ERROR(ReadEnum(o, "Select", &ParseSelect, kSelects, out.select));
        XR_RETURN_IF_ERROR(ReadReturnConsumedCapacity(o, out.return_consumed_capacity));
        return ReadBool(o, "ConsistentRead", out.consistent_read);
      });
}

// --- Query ---

std::string Encode(const QueryRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteOptional(w, "IndexName", v.index_name);
    WriteOptional(w, "KeyConditionExpression", v.key_condition_expression);
    WriteOptional(w, "FilterExpression", v.filter_expression);
    WriteOptional(w, "ProjectionExpression", v.projection_expression);
    WriteExpressionAttributeNames(w, v.expression_attribute_names);
    WriteExpressionAttributeValues(w, v.expression_attribute_values);
    if (!v.scan_index_forward) WriteBool(w, "ScanIndexForward", false);
    WriteOptionalInt(w, "Limit", v.limit);
    WriteOptionalKey(w, "ExclusiveStartKey", v.exclusive_start_key);
    if (v.select) WriteMember(w, "Select", ToString(*v.select));
    if (v.consistent_read) WriteBool(w, "ConsistentRead", true);
    WriteAttributesToGet(w, v.attributes_to_get);
    WriteConditions(w, "KeyConditions", v.key_conditions);
    WriteConditions(w, "QueryFilter", v.query_filter);
    WriteConditionalOperator(w, v.conditional_operator);
    WriteReturnConsumedCapacity(w, v.return_consumed_capacity);
  });
}

template <>
Result<QueryRequest> Decode<QueryRequest>(std::string_view body) {
  return DecodeRequest<QueryRequest>(
      body, QuerySchema(), [](const Value& o, QueryRequest& out) -> Status {
        XR_RETURN_IF_ERROR(CheckExpressionMapsUsed(o, kQueryExpressions));
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadConditions(o, "QueryFilter", out.query_filter));
        XR_RETURN_IF_ERROR(ReadAttributesToGet(o, out.attributes_to_get));
        XR_RETURN_IF_ERROR(ReadStartKey(o, out.exclusive_start_key));
        XR_RETURN_IF_ERROR(CheckExpressionMapsNotEmpty(o));
        XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(o, out.expression_attribute_values));
        XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(o, out.expression_attribute_names));
        XR_RETURN_IF_ERROR(ReadConditions(o, "KeyConditions", out.key_conditions));
        XR_RETURN_IF_ERROR(ReadConditionalOperator(o, out.conditional_operator));
        XR_RETURN_IF_ERROR(ReadString(o, "IndexName", out.index_name));
        // Absent is left to the engine, which words that error as DynamoDB does.
        XR_RETURN_IF_ERROR(ReadString(o, "KeyConditionExpression", out.key_condition_expression));
        XR_RETURN_IF_ERROR(ReadString(o, "FilterExpression", out.filter_expression));
        XR_RETURN_IF_ERROR(ReadString(o, "ProjectionExpression", out.projection_expression));
        XR_RETURN_IF_ERROR(ReadBool(o, "ScanIndexForward", out.scan_index_forward));
        XR_RETURN_IF_ERROR(ReadInt32(o, "Limit", out.limit));
        XR_RETURN_IF_ERROR(ReadEnum(o, "Select", &ParseSelect, kSelects, out.select));
        XR_RETURN_IF_ERROR(ReadReturnConsumedCapacity(o, out.return_consumed_capacity));
        return ReadBool(o, "ConsistentRead", out.consistent_read);
      });
}

// --- Responses (Scan and Query share the shape) ---

std::string Encode(const ScanResponse& v) {
  return EncodeBody([&](Writer& w) { WriteScanResponse(w, v, /*with_items=*/true); });
}

std::string EncodeWithoutItems(const ScanResponse& v) {
  return EncodeBody([&](Writer& w) { WriteScanResponse(w, v, /*with_items=*/false); });
}

template <>
Result<ScanResponse> Decode<ScanResponse>(std::string_view body) {
  return DecodeBody<ScanResponse>(body, [](const Value& o, ScanResponse& out) -> Status {
    if (const Value* items = Find(o, "Items")) {
      if (!items->IsArray()) return WrongType("Items", "an array of items", *items);
      out.items.reserve(items->Size());
      for (const Value& e : items->GetArray()) {
        XR_RETURN_IF_ERROR(DecodeItemObject(e, "Items", out.items.emplace_back()));
      }
    }
    XR_RETURN_IF_ERROR(ReadInt64(o, "Count", out.count));
    XR_RETURN_IF_ERROR(ReadInt64(o, "ScannedCount", out.scanned_count));
    XR_RETURN_IF_ERROR(ReadItem(o, "LastEvaluatedKey", out.last_evaluated_key));
    return ReadConsumedCapacity(o, out.consumed_capacity);
  });
}

}  // namespace ddb::json
