// Request and response members several operations share: the legacy parameters (Expected,
// KeyConditions/QueryFilter/ScanFilter, AttributeUpdates, AttributesToGet,
// ConditionalOperator), the write parameters (ReturnValues & co.), consumed capacity and
// item collection metrics <-> DynamoDB JSON.
#include <cmath>

#include "ddb/json.h"
#include "ddb/json_internal.h"

namespace ddb::json::internal {
namespace {

constexpr std::string_view kReturnValues = "ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW";
constexpr std::string_view kCapacityValues = "INDEXES, TOTAL, NONE";
constexpr std::string_view kMetricsValues = "SIZE, NONE";
constexpr std::string_view kOnFailureValues = "ALL_OLD, NONE";
constexpr std::string_view kOperatorValues = "OR, AND";
constexpr std::string_view kComparisonValues =
    "IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS";
constexpr std::string_view kActionValues = "ADD, PUT, DELETE";

Status ReadAttributeValueList(const Value& object, AttributeList& out) {
  const Value* v = Find(object, "AttributeValueList");
  if (v == nullptr) return OkStatus();
  if (!v->IsArray()) return WrongType("AttributeValueList", "an array", *v);
  out.reserve(v->Size());
  for (const Value& e : v->GetArray()) {
    XR_ASSIGN_OR_RETURN(AttributeValue value, DecodeValue(e, 1));
    out.push_back(std::move(value));
  }
  return OkStatus();
}

Status ReadOptionalValue(const Value& object, std::optional<AttributeValue>& out) {
  const Value* v = Find(object, "Value");
  if (v == nullptr) return OkStatus();
  XR_ASSIGN_OR_RETURN(AttributeValue value, DecodeValue(*v, 1));
  out.emplace(std::move(value));
  return OkStatus();
}

Status ReadExpectedValue(const Value& v, ExpectedAttributeValue& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "Expected"));
  XR_RETURN_IF_ERROR(ReadOptionalValue(v, out.value));
  if (const Value* exists = Find(v, "Exists")) {
    if (!exists->IsBool()) return WrongType("Exists", "a boolean", *exists);
    out.exists = exists->GetBool();
  }
  XR_RETURN_IF_ERROR(ReadEnum(v, "ComparisonOperator", &ParseComparisonOperator, kComparisonValues,
                              out.comparison_operator));
  if (Find(v, "AttributeValueList") != nullptr) {
    out.attribute_value_list.emplace();
    XR_RETURN_IF_ERROR(ReadAttributeValueList(v, *out.attribute_value_list));
  }
  return OkStatus();
}

Status ReadCondition(const Value& v, LegacyCondition& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "Condition"));
  if (Find(v, "ComparisonOperator") == nullptr) return MissingMember("ComparisonOperator");
  XR_RETURN_IF_ERROR(ReadEnum(v, "ComparisonOperator", &ParseComparisonOperator, kComparisonValues,
                              out.comparison_operator));
  return ReadAttributeValueList(v, out.attribute_value_list);
}

Status ReadAttributeValueUpdate(const Value& v, AttributeValueUpdate& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "AttributeUpdates"));
  XR_RETURN_IF_ERROR(ReadOptionalValue(v, out.value));
  return ReadEnum(v, "Action", &ParseAttributeAction, kActionValues, out.action);
}

template <class Map, class Fn>
Status ReadOptionalMap(const Value& object, std::string_view name, std::optional<Map>& out,
                       Fn read) {
  if (Find(object, name) == nullptr) {
    out.reset();
    return OkStatus();
  }
  out.emplace();
  return ReadMap(object, name, *out, read);
}

Status ReadCapacity(const Value& v, Capacity& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "Capacity"));
  XR_RETURN_IF_ERROR(ReadDouble(v, "CapacityUnits", out.capacity_units));
  if (Find(v, "ReadCapacityUnits") != nullptr) {
    out.read_capacity_units.emplace();
    XR_RETURN_IF_ERROR(ReadDouble(v, "ReadCapacityUnits", *out.read_capacity_units));
  }
  if (Find(v, "WriteCapacityUnits") != nullptr) {
    out.write_capacity_units.emplace();
    XR_RETURN_IF_ERROR(ReadDouble(v, "WriteCapacityUnits", *out.write_capacity_units));
  }
  return OkStatus();
}

void WriteDouble(Writer& w, std::string_view key, double d) {
  WriteKey(w, key);
  w.Double(std::isfinite(d) ? d : 0.0);  // RapidJSON writes nothing for NaN/infinity
}

void WriteOptionalDouble(Writer& w, std::string_view key, const std::optional<double>& d) {
  if (d) WriteDouble(w, key, *d);
}

void WriteCapacity(Writer& w, const Capacity& c) {
  w.StartObject();
  WriteDouble(w, "CapacityUnits", c.capacity_units);
  WriteOptionalDouble(w, "ReadCapacityUnits", c.read_capacity_units);
  WriteOptionalDouble(w, "WriteCapacityUnits", c.write_capacity_units);
  w.EndObject();
}

void WriteCapacityMap(Writer& w, std::string_view key,
                      const std::map<std::string, Capacity, std::less<>>& m) {
  if (m.empty()) return;
  WriteKey(w, key);
  w.StartObject();
  for (const auto& [name, c] : m) {
    WriteKey(w, name);
    WriteCapacity(w, c);
  }
  w.EndObject();
}

void WriteAttributeValueList(Writer& w, const AttributeList& list) {
  WriteKey(w, "AttributeValueList");
  w.StartArray();
  for (const auto& v : list) WriteAttributeValue(w, v);
  w.EndArray();
}

}  // namespace

Status CheckExpressionMapsUsed(const Value& object, std::span<const std::string_view> expressions) {
  const Value* names = Find(object, "ExpressionAttributeNames");
  const Value* values = Find(object, "ExpressionAttributeValues");
  const bool empty_names = names != nullptr && names->IsObject() && names->ObjectEmpty();
  const bool empty_values = values != nullptr && values->IsObject() && values->ObjectEmpty();
  if (!empty_names && !empty_values) return OkStatus();  // the engine words the rest
  bool any_expression = false;
  bool any_value_expression = false;  // ProjectionExpression takes no values
  std::string value_expressions;
  size_t value_expression_count = 0;
  for (const std::string_view e : expressions) {
    const bool present = Find(object, e) != nullptr;
    any_expression = any_expression || present;
    if (e == "ProjectionExpression") continue;
    any_value_expression = any_value_expression || present;
    if (!value_expressions.empty()) value_expressions += " and ";
    value_expressions.append(e);
    ++value_expression_count;
  }
  if (names != nullptr && !any_expression) {
    return ValidationError("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (values != nullptr && value_expression_count > 0 && !any_value_expression) {
    return ValidationError(
        "ExpressionAttributeValues can only be specified when using "
        "expressions: " +
        value_expressions + (value_expression_count > 1 ? " are" : " is") + " null");
  }
  return OkStatus();
}

Status CheckExpressionMapsNotEmpty(const Value& object) {
  for (const std::string_view name : {"ExpressionAttributeNames", "ExpressionAttributeValues"}) {
    const Value* v = Find(object, name);
    if (v != nullptr && v->IsObject() && v->ObjectEmpty()) {
      return ValidationError(std::string(name) + " must not be empty");
    }
  }
  return OkStatus();
}

Status ReadAttributesToGet(const Value& object, std::optional<std::vector<std::string>>& out) {
  if (Find(object, "AttributesToGet") == nullptr) {
    out.reset();
    return OkStatus();
  }
  out.emplace();
  return ReadStringList(object, "AttributesToGet", *out);
}

Status ReadExpected(const Value& object, std::optional<ExpectedMap>& out) {
  return ReadOptionalMap(object, "Expected", out, ReadExpectedValue);
}

Status ReadConditions(const Value& object, std::string_view name,
                      std::optional<LegacyConditionMap>& out) {
  return ReadOptionalMap(object, name, out, ReadCondition);
}

Status ReadAttributeUpdates(const Value& object, std::optional<AttributeUpdates>& out) {
  return ReadOptionalMap(object, "AttributeUpdates", out, ReadAttributeValueUpdate);
}

Status ReadReturnConsumedCapacity(const Value& object, ReturnConsumedCapacity& out) {
  return ReadEnum(object, "ReturnConsumedCapacity", &ParseReturnConsumedCapacity, kCapacityValues,
                  out);
}

Status ReadConditionalOperator(const Value& object, std::optional<ConditionalOperator>& out) {
  return ReadEnum(object, "ConditionalOperator", &ParseConditionalOperator, kOperatorValues, out);
}

Status ReadWriteConditionParams(const Value& object, WriteConditionParams& out) {
  XR_RETURN_IF_ERROR(ReadExpected(object, out.expected));
  XR_RETURN_IF_ERROR(ReadString(object, "ConditionExpression", out.condition_expression));
  XR_RETURN_IF_ERROR(ReadExpressionAttributeNames(object, out.expression_attribute_names));
  XR_RETURN_IF_ERROR(CheckExpressionMapsNotEmpty(object));
  XR_RETURN_IF_ERROR(ReadExpressionAttributeValues(object, out.expression_attribute_values));
  XR_RETURN_IF_ERROR(ReadConditionalOperator(object, out.conditional_operator));
  XR_RETURN_IF_ERROR(
      ReadEnum(object, "ReturnValues", &ParseReturnValue, kReturnValues, out.return_values));
  XR_RETURN_IF_ERROR(ReadEnum(object, "ReturnValuesOnConditionCheckFailure",
                              &ParseReturnValuesOnConditionCheckFailure, kOnFailureValues,
                              out.return_values_on_condition_check_failure));
  XR_RETURN_IF_ERROR(ReadReturnConsumedCapacity(object, out.return_consumed_capacity));
  return ReadEnum(object, "ReturnItemCollectionMetrics", &ParseReturnItemCollectionMetrics,
                  kMetricsValues, out.return_item_collection_metrics);
}

Status ReadConsumedCapacity(const Value& v, ConsumedCapacity& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "ConsumedCapacity"));
  XR_RETURN_IF_ERROR(ReadString(v, "TableName", out.table_name));
  Capacity totals;
  XR_RETURN_IF_ERROR(ReadCapacity(v, totals));
  out.capacity_units = totals.capacity_units;
  out.read_capacity_units = totals.read_capacity_units;
  out.write_capacity_units = totals.write_capacity_units;
  if (const Value* table = Find(v, "Table")) {
    out.table.emplace();
    XR_RETURN_IF_ERROR(ReadCapacity(*table, *out.table));
  }
  XR_RETURN_IF_ERROR(
      ReadMap(v, "LocalSecondaryIndexes", out.local_secondary_indexes, ReadCapacity));
  return ReadMap(v, "GlobalSecondaryIndexes", out.global_secondary_indexes, ReadCapacity);
}

Status ReadConsumedCapacity(const Value& object, std::optional<ConsumedCapacity>& out) {
  const Value* v = Find(object, "ConsumedCapacity");
  if (v == nullptr) {
    out.reset();
    return OkStatus();
  }
  out.emplace();
  return ReadConsumedCapacity(*v, *out);
}

Status ReadConsumedCapacityList(const Value& object, std::vector<ConsumedCapacity>& out) {
  return ReadArray(object, "ConsumedCapacity", out,
                   [](const Value& e, ConsumedCapacity& c) { return ReadConsumedCapacity(e, c); });
}

Status ReadItemCollectionMetrics(const Value& v, ItemCollectionMetrics& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "ItemCollectionMetrics"));
  XR_RETURN_IF_ERROR(ReadItem(v, "ItemCollectionKey", out.item_collection_key, false));
  return ReadArray(v, "SizeEstimateRangeGB", out.size_estimate_range_gb,
                   [](const Value& e, double& d) -> Status {
                     if (!e.IsNumber()) return WrongType("SizeEstimateRangeGB", "a number", e);
                     d = e.GetDouble();
                     return OkStatus();
                   });
}

Status ReadWriteItemResponse(const Value& object, WriteItemResponse& out) {
  XR_RETURN_IF_ERROR(ReadItem(object, "Attributes", out.attributes));
  XR_RETURN_IF_ERROR(ReadConsumedCapacity(object, out.consumed_capacity));
  const Value* metrics = Find(object, "ItemCollectionMetrics");
  if (metrics == nullptr) return OkStatus();
  out.item_collection_metrics.emplace();
  return ReadItemCollectionMetrics(*metrics, *out.item_collection_metrics);
}

// --- Writing ---

void WriteAttributesToGet(Writer& w, const std::optional<std::vector<std::string>>& names) {
  if (names) WriteStringList(w, "AttributesToGet", *names);
}

void WriteExpected(Writer& w, const std::optional<ExpectedMap>& expected) {
  if (!expected) return;
  WriteKey(w, "Expected");
  w.StartObject();
  for (const auto& [name, e] : *expected) {
    WriteKey(w, name);
    w.StartObject();
    if (e.value) {
      WriteKey(w, "Value");
      WriteAttributeValue(w, *e.value);
    }
    if (e.exists) {
      WriteKey(w, "Exists");
      w.Bool(*e.exists);
    }
    if (e.comparison_operator) {
      WriteMember(w, "ComparisonOperator", ToString(*e.comparison_operator));
    }
    if (e.attribute_value_list) WriteAttributeValueList(w, *e.attribute_value_list);
    w.EndObject();
  }
  w.EndObject();
}

void WriteConditions(Writer& w, std::string_view key, const std::optional<LegacyConditionMap>& m) {
  if (!m) return;
  WriteKey(w, key);
  w.StartObject();
  for (const auto& [name, c] : *m) {
    WriteKey(w, name);
    w.StartObject();
    WriteMember(w, "ComparisonOperator", ToString(c.comparison_operator));
    if (!c.attribute_value_list.empty()) WriteAttributeValueList(w, c.attribute_value_list);
    w.EndObject();
  }
  w.EndObject();
}

void WriteAttributeUpdates(Writer& w, const std::optional<AttributeUpdates>& updates) {
  if (!updates) return;
  WriteKey(w, "AttributeUpdates");
  w.StartObject();
  for (const auto& [name, u] : *updates) {
    WriteKey(w, name);
    w.StartObject();
    if (u.value) {
      WriteKey(w, "Value");
      WriteAttributeValue(w, *u.value);
    }
    if (u.action) WriteMember(w, "Action", ToString(*u.action));
    w.EndObject();
  }
  w.EndObject();
}

void WriteReturnConsumedCapacity(Writer& w, ReturnConsumedCapacity v) {
  if (v != ReturnConsumedCapacity::NONE) WriteMember(w, "ReturnConsumedCapacity", ToString(v));
}

void WriteConditionalOperator(Writer& w, const std::optional<ConditionalOperator>& v) {
  if (v) WriteMember(w, "ConditionalOperator", ToString(*v));
}

void WriteWriteConditionParams(Writer& w, const WriteConditionParams& p) {
  WriteOptional(w, "ConditionExpression", p.condition_expression);
  WriteExpressionAttributeNames(w, p.expression_attribute_names);
  WriteExpressionAttributeValues(w, p.expression_attribute_values);
  WriteExpected(w, p.expected);
  WriteConditionalOperator(w, p.conditional_operator);
  if (p.return_values != ReturnValue::NONE) {
    WriteMember(w, "ReturnValues", ToString(p.return_values));
  }
  if (p.return_values_on_condition_check_failure != ReturnValuesOnConditionCheckFailure::NONE) {
    WriteMember(w, "ReturnValuesOnConditionCheckFailure",
                ToString(p.return_values_on_condition_check_failure));
  }
  WriteReturnConsumedCapacity(w, p.return_consumed_capacity);
  if (p.return_item_collection_metrics != ReturnItemCollectionMetrics::NONE) {
    WriteMember(w, "ReturnItemCollectionMetrics", ToString(p.return_item_collection_metrics));
  }
}

void WriteConsumedCapacity(Writer& w, const ConsumedCapacity& c) {
  w.StartObject();
  WriteMember(w, "TableName", c.table_name);
  WriteDouble(w, "CapacityUnits", c.capacity_units);
  WriteOptionalDouble(w, "ReadCapacityUnits", c.read_capacity_units);
  WriteOptionalDouble(w, "WriteCapacityUnits", c.write_capacity_units);
  if (c.table) {
    WriteKey(w, "Table");
    WriteCapacity(w, *c.table);
  }
  WriteCapacityMap(w, "LocalSecondaryIndexes", c.local_secondary_indexes);
  WriteCapacityMap(w, "GlobalSecondaryIndexes", c.global_secondary_indexes);
  w.EndObject();
}

void WriteConsumedCapacity(Writer& w, const std::optional<ConsumedCapacity>& c) {
  if (!c) return;
  WriteKey(w, "ConsumedCapacity");
  WriteConsumedCapacity(w, *c);
}

void WriteConsumedCapacityList(Writer& w, const std::vector<ConsumedCapacity>& list) {
  if (list.empty()) return;
  WriteKey(w, "ConsumedCapacity");
  w.StartArray();
  for (const auto& c : list) WriteConsumedCapacity(w, c);
  w.EndArray();
}

void WriteItemCollectionMetrics(Writer& w, const ItemCollectionMetrics& m) {
  w.StartObject();
  WriteKey(w, "ItemCollectionKey");
  WriteItem(w, m.item_collection_key);
  WriteKey(w, "SizeEstimateRangeGB");
  w.StartArray();
  for (const double d : m.size_estimate_range_gb) w.Double(std::isfinite(d) ? d : 0.0);
  w.EndArray();
  w.EndObject();
}

void WriteWriteItemResponse(Writer& w, const WriteItemResponse& r) {
  if (r.attributes) {
    WriteKey(w, "Attributes");
    WriteItem(w, *r.attributes);
  }
  WriteConsumedCapacity(w, r.consumed_capacity);
  if (r.item_collection_metrics) {
    WriteKey(w, "ItemCollectionMetrics");
    WriteItemCollectionMetrics(w, *r.item_collection_metrics);
  }
}

}  // namespace ddb::json::internal
