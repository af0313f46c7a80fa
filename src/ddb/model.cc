#include "ddb/model.h"

#include <array>
#include <utility>

namespace ddb {
namespace {

// Wire spellings, indexed by the enum's value.
constexpr std::array<std::string_view, 3> kScalarAttributeTypes = {"S", "N", "B"};
constexpr std::array<std::string_view, 2> kKeyTypes = {"HASH", "RANGE"};
constexpr std::array<std::string_view, 3> kProjectionTypes = {"ALL", "KEYS_ONLY", "INCLUDE"};
constexpr std::array<std::string_view, 2> kBillingModes = {"PAY_PER_REQUEST", "PROVISIONED"};
constexpr std::array<std::string_view, 4> kStatuses = {"CREATING", "UPDATING", "DELETING",
                                                       "ACTIVE"};
constexpr std::array<std::string_view, 5> kReturnValues = {"NONE", "ALL_OLD", "UPDATED_OLD",
                                                           "ALL_NEW", "UPDATED_NEW"};
constexpr std::array<std::string_view, 2> kReturnValuesOnFailure = {"NONE", "ALL_OLD"};
constexpr std::array<std::string_view, 3> kReturnConsumedCapacity = {"NONE", "TOTAL", "INDEXES"};
constexpr std::array<std::string_view, 2> kReturnItemCollectionMetrics = {"NONE", "SIZE"};
constexpr std::array<std::string_view, 2> kConditionalOperators = {"AND", "OR"};
constexpr std::array<std::string_view, 13> kComparisonOperators = {
    "EQ",      "NE",       "IN",       "LE",           "LT",         "GE", "GT",
    "BETWEEN", "NOT_NULL", "NULL",     "CONTAINS",     "NOT_CONTAINS", "BEGINS_WITH"};
constexpr std::array<std::string_view, 3> kAttributeActions = {"ADD", "PUT", "DELETE"};
constexpr std::array<std::string_view, 4> kSelects = {"ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES",
                                                      "SPECIFIC_ATTRIBUTES", "COUNT"};

template <class E, size_t N>
std::string_view Name(const std::array<std::string_view, N>& names, E v) {
  const auto i = static_cast<size_t>(v);
  return i < N ? names[i] : std::string_view("UNKNOWN");
}

template <class E, size_t N>
std::optional<E> Lookup(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(ScalarAttributeType v) { return Name(kScalarAttributeTypes, v); }
std::string_view ToString(KeyType v) { return Name(kKeyTypes, v); }
std::string_view ToString(ProjectionType v) { return Name(kProjectionTypes, v); }
std::string_view ToString(BillingMode v) { return Name(kBillingModes, v); }
std::string_view ToString(TableStatus v) { return Name(kStatuses, v); }
std::string_view ToString(IndexStatus v) { return Name(kStatuses, v); }
std::string_view ToString(ReturnValue v) { return Name(kReturnValues, v); }
std::string_view ToString(Select v) { return Name(kSelects, v); }
std::string_view ToString(ReturnValuesOnConditionCheckFailure v) {
  return Name(kReturnValuesOnFailure, v);
}
std::string_view ToString(ReturnConsumedCapacity v) { return Name(kReturnConsumedCapacity, v); }
std::string_view ToString(ReturnItemCollectionMetrics v) {
  return Name(kReturnItemCollectionMetrics, v);
}
std::string_view ToString(ConditionalOperator v) { return Name(kConditionalOperators, v); }
std::string_view ToString(ComparisonOperator v) { return Name(kComparisonOperators, v); }
std::string_view ToString(AttributeAction v) { return Name(kAttributeActions, v); }

std::optional<ScalarAttributeType> ParseScalarAttributeType(std::string_view s) {
  return Lookup<ScalarAttributeType>(kScalarAttributeTypes, s);
}
std::optional<KeyType> ParseKeyType(std::string_view s) { return Lookup<KeyType>(kKeyTypes, s); }
std::optional<ProjectionType> ParseProjectionType(std::string_view s) {
  return Lookup<ProjectionType>(kProjectionTypes, s);
}
std::optional<BillingMode> ParseBillingMode(std::string_view s) {
  return Lookup<BillingMode>(kBillingModes, s);
}
std::optional<TableStatus> ParseTableStatus(std::string_view s) {
  return Lookup<TableStatus>(kStatuses, s);
}
std::optional<IndexStatus> ParseIndexStatus(std::string_view s) {
  return Lookup<IndexStatus>(kStatuses, s);
}
std::optional<ReturnValue> ParseReturnValue(std::string_view s) {
  return Lookup<ReturnValue>(kReturnValues, s);
}
std::optional<Select> ParseSelect(std::string_view s) { return Lookup<Select>(kSelects, s); }
std::optional<ReturnValuesOnConditionCheckFailure> ParseReturnValuesOnConditionCheckFailure(
    std::string_view s) {
  return Lookup<ReturnValuesOnConditionCheckFailure>(kReturnValuesOnFailure, s);
}
std::optional<ReturnConsumedCapacity> ParseReturnConsumedCapacity(std::string_view s) {
  return Lookup<ReturnConsumedCapacity>(kReturnConsumedCapacity, s);
}
std::optional<ReturnItemCollectionMetrics> ParseReturnItemCollectionMetrics(std::string_view s) {
  return Lookup<ReturnItemCollectionMetrics>(kReturnItemCollectionMetrics, s);
}
std::optional<ConditionalOperator> ParseConditionalOperator(std::string_view s) {
  return Lookup<ConditionalOperator>(kConditionalOperators, s);
}
std::optional<ComparisonOperator> ParseComparisonOperator(std::string_view s) {
  return Lookup<ComparisonOperator>(kComparisonOperators, s);
}
std::optional<AttributeAction> ParseAttributeAction(std::string_view s) {
  return Lookup<AttributeAction>(kAttributeActions, s);
}

}  // namespace ddb
