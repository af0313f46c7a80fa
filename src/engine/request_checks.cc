#include "engine/request_checks.h"

#include <limits>
#include <set>
#include <string>
#include <vector>

#include "engine/page_reader.h"
#include "engine/validation.h"

namespace engine {
namespace {

constexpr int32_t kMaxTotalSegments = 1000000;

// One request parameter and whether the request carries it.
struct Param {
  std::string_view name;
  bool present;
};

std::string JoinPresent(const std::vector<Param>& params, std::string_view separator) {
  std::string out;
  for (const auto& p : params) {
    if (!p.present) continue;
    if (!out.empty()) out += separator;
    out += p.name;
  }
  return out;
}

// DynamoDB refuses a request that mixes expressions with the legacy parameters they replace,
// and ExpressionAttributeNames/Values without an expression that could use them.
ddb::Status CheckExpressionParams(const std::vector<Param>& expressions,
                                  const std::vector<Param>& legacy, bool has_names,
                                  bool has_values) {
  const std::string used = JoinPresent(expressions, ", ");
  if (!used.empty()) {
    const std::string mixed = JoinPresent(legacy, ", ");
    if (!mixed.empty()) {
      return ddb::ValidationError(
          "Can not use both expression and non-expression parameters in the same request: "
          "Non-expression parameters: {" +
          mixed + "} Expression parameters: {" + used + "}");
    }
  }
  if (has_names && used.empty()) {
    return ddb::ValidationError(
        "ExpressionAttributeNames can only be specified when using expressions");
  }
  // A ProjectionExpression takes no values: the message names only the other expressions.
  std::vector<Param> value_users;
  bool value_user_present = false;
  for (const auto& p : expressions) {
    if (p.name == "ProjectionExpression") continue;
    value_users.push_back({p.name, true});
    value_user_present = value_user_present || p.present;
  }
  if (!value_users.empty() && has_values && !value_user_present) {
    return ddb::ValidationError(
        "ExpressionAttributeValues can only be specified when using expressions: " +
        JoinPresent(value_users, " and ") + (value_users.size() > 1 ? " are null" : " is null"));
  }
  return ddb::OkStatus();
}

bool ValidPlaceholder(std::string_view key, char lead) {
  if (key.size() < 2 || key[0] != lead) return false;
  for (char c : key.substr(1)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_';
    if (!ok) return false;
  }
  return true;
}

// What DynamoDB checks of the placeholder maps before it parses any expression.
ddb::Status CheckExpressionMaps(const ddb::ExpressionAttributeNames& names,
                                const ddb::ExpressionAttributeValues& values) {
  for (const auto& [key, _] : names) {
    if (!ValidPlaceholder(key, '#')) {
      return ddb::ValidationError(
          "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
    }
  }
  for (const auto& [key, _] : values) {
    if (!ValidPlaceholder(key, ':')) {
      return ddb::ValidationError(
          "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
    }
  }
  for (const auto& [key, value] : values) {
    auto status = ValidateAttributeValue(value);
    if (!status.ok()) {
      return ddb::ValidationError("ExpressionAttributeValues contains invalid value: " +
                                  status.error().message + " for key " + key);
    }
  }
  return ddb::OkStatus();
}

ddb::Status CheckAttributesToGet(const std::optional<std::vector<std::string>>& attributes) {
  if (!attributes) return ddb::OkStatus();
  std::set<std::string_view> seen;
  for (const auto& name : *attributes) {
    if (!seen.insert(name).second) {
      return ddb::ValidationError(
          "One or more parameter values were invalid: Duplicate value in attribute name: " + name);
    }
  }
  return ddb::OkStatus();
}

ddb::Status CheckReturnAllOldOrNone(ddb::ReturnValue return_values) {
  if (return_values != ddb::ReturnValue::NONE && return_values != ddb::ReturnValue::ALL_OLD) {
    return ddb::ValidationError("ReturnValues can only be ALL_OLD or NONE");
  }
  return ddb::OkStatus();
}

// Expected + ConditionalOperator as a condition (nullopt: no Expected, or an empty one).
ddb::Result<std::optional<expr::Condition>> ExpectedCondition(
    const ddb::WriteConditionParams& params) {
  if (!params.expected) return std::optional<expr::Condition>();
  XR_ASSIGN_OR_RETURN(auto condition,
                      expr::ConditionFromExpected(*params.expected, params.conditional_operator));
  if (condition.empty()) return std::optional<expr::Condition>();
  return std::optional<expr::Condition>(std::move(condition));
}

// ConditionExpression (after the maps' checks) and the unused-placeholder check over every
// expression of the write; `usage` already holds what an UpdateExpression used.
ddb::Status ParseWriteCondition(const ddb::WriteConditionParams& params, expr::Usage* usage,
                                WriteChecks* out) {
  if (params.condition_expression) {
    XR_ASSIGN_OR_RETURN(out->condition,
                        expr::ParseCondition(*params.condition_expression,
                                             params.expression_attribute_names,
                                             params.expression_attribute_values, usage));
  }
  return expr::CheckAllUsed(*usage, params.expression_attribute_names,
                            params.expression_attribute_values);
}

// The Select rules that need no table. `projection_param` names the projection the request
// carries (empty: none).
ddb::Status CheckSelect(const std::optional<ddb::Select>& select, bool on_index,
                        std::string_view projection_param) {
  if (!select) return ddb::OkStatus();
  const bool has_projection = !projection_param.empty();
  const std::string cannot = "Cannot specify the " + std::string(projection_param) +
                             " when choosing to get ";
  switch (*select) {
    case ddb::Select::COUNT:
      if (has_projection) return ddb::ValidationError(cannot + "only the Count");
      break;
    case ddb::Select::SPECIFIC_ATTRIBUTES:
      if (!has_projection) {
        return ddb::ValidationError(
            "One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires "
            "a ProjectionExpression");
      }
      break;
    case ddb::Select::ALL_ATTRIBUTES:
      if (has_projection) return ddb::ValidationError(cannot + "ALL_ATTRIBUTES");
      break;
    case ddb::Select::ALL_PROJECTED_ATTRIBUTES:
      if (!on_index) {
        return ddb::ValidationError(
            "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is "
            "not supported for a table; use it with an IndexName");
      }
      if (has_projection) return ddb::ValidationError(cannot + "ALL_PROJECTED_ATTRIBUTES");
      break;
  }
  return ddb::OkStatus();
}

std::string_view ProjectionParam(const std::optional<std::string>& expression,
                                 const std::optional<std::vector<std::string>>& attributes) {
  if (expression) return "ProjectionExpression";
  if (attributes) return "AttributesToGet";
  return {};
}

// ProjectionExpression or AttributesToGet (the request may carry at most one of them).
ddb::Result<std::optional<expr::ProjectionList>> ParseProjectionParam(
    const std::optional<std::string>& expression,
    const std::optional<std::vector<std::string>>& attributes,
    const ddb::ExpressionAttributeNames& names, expr::Usage* usage) {
  if (expression) {
    XR_ASSIGN_OR_RETURN(auto projection, expr::ParseProjection(*expression, names, usage));
    return std::optional<expr::ProjectionList>(std::move(projection));
  }
  if (attributes) {
    return std::optional<expr::ProjectionList>(expr::ProjectionFromAttributes(*attributes));
  }
  return std::optional<expr::ProjectionList>();
}

// The legacy filter (ScanFilter / QueryFilter) as a condition; nullopt when absent or empty.
ddb::Result<std::optional<expr::Condition>> LegacyFilter(
    const std::optional<ddb::LegacyConditionMap>& filter,
    std::optional<ddb::ConditionalOperator> op) {
  if (!filter) return std::optional<expr::Condition>();
  XR_ASSIGN_OR_RETURN(auto condition, expr::ConditionFromFilter(*filter, op));
  if (condition.empty()) return std::optional<expr::Condition>();
  return std::optional<expr::Condition>(std::move(condition));
}

ddb::Status CheckSegments(const ddb::ScanRequest& request) {
  if (request.total_segments) {
    if (*request.total_segments < 1) {
      return ConstraintError(std::to_string(*request.total_segments), "totalSegments",
                             "Member must have value greater than or equal to 1");
    }
    if (*request.total_segments > kMaxTotalSegments) {
      return ConstraintError(std::to_string(*request.total_segments), "totalSegments",
                             "Member must have value less than or equal to 1000000");
    }
  }
  if (request.segment && *request.segment < 0) {
    return ConstraintError(std::to_string(*request.segment), "segment",
                           "Member must have value greater than or equal to 0");
  }
  return ddb::OkStatus();
}

// The custom Segment/TotalSegments rules, after the wire constraints and legacy checks.
ddb::Status CheckSegmentPair(const ddb::ScanRequest& request) {
  if (request.total_segments && !request.segment) {
    return ddb::ValidationError(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (request.segment && !request.total_segments) {
    return ddb::ValidationError(
        "The TotalSegments parameter is required but was not present in the request when "
        "Segment parameter is present");
  }
  if (request.segment && *request.segment >= *request.total_segments) {
    return ddb::ValidationError(
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: " +
        std::to_string(*request.segment) +
        " is out of bounds for TotalSegments: " + std::to_string(*request.total_segments));
  }
  return ddb::OkStatus();
}

// Filter and projection expressions of a Scan or Query (after the maps' checks).
ddb::Status ParseReadExpressions(const std::optional<std::string>& filter,
                                 const std::optional<std::string>& projection,
                                 const ddb::ExpressionAttributeNames& names,
                                 const ddb::ExpressionAttributeValues& values, ReadChecks* out) {
  if (filter) {
    XR_ASSIGN_OR_RETURN(out->filter, expr::ParseCondition(*filter, names, values, &out->usage,
                                                          expr::ConditionKind::kFilter));
  }
  if (projection) {
    XR_ASSIGN_OR_RETURN(out->projection, expr::ParseProjection(*projection, names, &out->usage));
  }
  return ddb::OkStatus();
}

// PutItem's and DeleteItem's checks, in DynamoDB's order. `values` is the item (Put) or the
// key (Delete); `item_to_write` is the Put's item, whose size and keys are checked too.
ddb::Result<WriteChecks> CheckConditionalWrite(std::string_view table_name,
                                               const ddb::WriteConditionParams& request,
                                               const ddb::Item& values,
                                               const ddb::Item* item_to_write) {
  XR_RETURN_IF_ERROR(ValidateTableName(table_name));
  XR_RETURN_IF_ERROR(CheckExpressionParams(
      {{"ConditionExpression", request.condition_expression.has_value()}},
      {{"Expected", request.expected.has_value()}},
      !request.expression_attribute_names.empty(), !request.expression_attribute_values.empty()));
  XR_RETURN_IF_ERROR(ValidateItemValues(values));
  XR_RETURN_IF_ERROR(CheckReturnAllOldOrNone(request.return_values));
  WriteChecks out;
  if (item_to_write != nullptr) {
    XR_RETURN_IF_ERROR(CheckItemToWrite(*item_to_write, &out.item_size));
  }
  XR_ASSIGN_OR_RETURN(out.condition, ExpectedCondition(request));
  XR_RETURN_IF_ERROR(
      CheckExpressionMaps(request.expression_attribute_names, request.expression_attribute_values));
  expr::Usage usage;
  XR_RETURN_IF_ERROR(ParseWriteCondition(request, &usage, &out));
  return out;
}

}  // namespace

ddb::Status CheckItemToWrite(const ddb::Item& item, size_t* item_size) {
  XR_RETURN_IF_ERROR(ValidateItemValues(item));
  *item_size = ddb::ItemSize(item);
  if (*item_size > ddb::kMaxItemSize) {
    return ddb::ValidationError("Item size has exceeded the maximum allowed size");
  }
  return ddb::OkStatus();
}

ddb::Result<WriteChecks> CheckPutItem(const ddb::PutItemRequest& request) {
  return CheckConditionalWrite(request.table_name, request, request.item, &request.item);
}

ddb::Result<WriteChecks> CheckDeleteItem(const ddb::DeleteItemRequest& request) {
  return CheckConditionalWrite(request.table_name, request, request.key, nullptr);
}

ddb::Result<WriteChecks> CheckUpdateItem(const ddb::UpdateItemRequest& request) {
  XR_RETURN_IF_ERROR(ValidateTableName(request.table_name));
  XR_RETURN_IF_ERROR(CheckExpressionParams(
      {{"UpdateExpression", request.update_expression.has_value()},
       {"ConditionExpression", request.condition_expression.has_value()}},
      {{"AttributeUpdates", request.attribute_updates.has_value()},
       {"Expected", request.expected.has_value()}},
      !request.expression_attribute_names.empty(), !request.expression_attribute_values.empty()));
  XR_RETURN_IF_ERROR(ValidateItemValues(request.key));
  WriteChecks out;
  if (request.attribute_updates) {
    for (const auto& [name, update] : *request.attribute_updates) {
      if (update.value) XR_RETURN_IF_ERROR(ValidateAttributeValue(*update.value));
    }
    XR_ASSIGN_OR_RETURN(out.update, expr::UpdateFromAttributeUpdates(*request.attribute_updates));
  }
  XR_ASSIGN_OR_RETURN(out.condition, ExpectedCondition(request));
  XR_RETURN_IF_ERROR(
      CheckExpressionMaps(request.expression_attribute_names, request.expression_attribute_values));
  expr::Usage usage;
  if (request.update_expression) {
    XR_ASSIGN_OR_RETURN(out.update, expr::ParseUpdate(*request.update_expression,
                                                      request.expression_attribute_names,
                                                      request.expression_attribute_values, &usage));
  }
  XR_RETURN_IF_ERROR(ParseWriteCondition(request, &usage, &out));
  return out;
}

ddb::Result<std::optional<expr::ProjectionList>> CheckGetItem(const ddb::GetItemRequest& request) {
  XR_RETURN_IF_ERROR(ValidateTableName(request.table_name));
  XR_RETURN_IF_ERROR(CheckExpressionParams(
      {{"ProjectionExpression", request.projection_expression.has_value()}},
      {{"AttributesToGet", request.attributes_to_get.has_value()}},
      !request.expression_attribute_names.empty(), false));
  XR_RETURN_IF_ERROR(ValidateItemValues(request.key));
  XR_RETURN_IF_ERROR(CheckAttributesToGet(request.attributes_to_get));
  XR_RETURN_IF_ERROR(CheckExpressionMaps(request.expression_attribute_names, {}));
  expr::Usage usage;
  XR_ASSIGN_OR_RETURN(auto projection,
                      ParseProjectionParam(request.projection_expression,
                                           request.attributes_to_get,
                                           request.expression_attribute_names, &usage));
  XR_RETURN_IF_ERROR(expr::CheckAllUsed(usage, request.expression_attribute_names, {}));
  return projection;
}

ddb::Result<std::optional<expr::ProjectionList>> CheckKeysAndAttributes(
    const ddb::KeysAndAttributes& keys) {
  XR_RETURN_IF_ERROR(CheckExpressionParams(
      {{"ProjectionExpression", keys.projection_expression.has_value()}},
      {{"AttributesToGet", keys.attributes_to_get.has_value()}},
      !keys.expression_attribute_names.empty(), false));
  XR_RETURN_IF_ERROR(CheckAttributesToGet(keys.attributes_to_get));
  XR_RETURN_IF_ERROR(CheckExpressionMaps(keys.expression_attribute_names, {}));
  expr::Usage usage;
  XR_ASSIGN_OR_RETURN(auto projection,
                      ParseProjectionParam(keys.projection_expression, keys.attributes_to_get,
                                           keys.expression_attribute_names, &usage));
  XR_RETURN_IF_ERROR(expr::CheckAllUsed(usage, keys.expression_attribute_names, {}));
  for (const auto& key : keys.keys) XR_RETURN_IF_ERROR(ValidateItemValues(key));
  return projection;
}

ddb::Result<ReadChecks> CheckScan(const ddb::ScanRequest& request) {
  XR_RETURN_IF_ERROR(ValidateTableName(request.table_name));
  XR_RETURN_IF_ERROR(ValidateLimit(request.limit, std::numeric_limits<int32_t>::max()));
  XR_RETURN_IF_ERROR(CheckSegments(request));
  XR_RETURN_IF_ERROR(CheckExpressionParams(
      {{"ProjectionExpression", request.projection_expression.has_value()},
       {"FilterExpression", request.filter_expression.has_value()}},
      {{"AttributesToGet", request.attributes_to_get.has_value()},
       {"ScanFilter", request.scan_filter.has_value()},
       {"ConditionalOperator", request.conditional_operator.has_value()}},
      !request.expression_attribute_names.empty(), !request.expression_attribute_values.empty()));
  XR_RETURN_IF_ERROR(CheckAttributesToGet(request.attributes_to_get));
  ReadChecks out;
  XR_ASSIGN_OR_RETURN(out.filter, LegacyFilter(request.scan_filter, request.conditional_operator));
  XR_RETURN_IF_ERROR(CheckSegmentPair(request));
  XR_RETURN_IF_ERROR(
      CheckSelect(request.select, request.index_name.has_value(),
                  ProjectionParam(request.projection_expression, request.attributes_to_get)));
  out.count_only = request.select == ddb::Select::COUNT;
  XR_RETURN_IF_ERROR(
      CheckExpressionMaps(request.expression_attribute_names, request.expression_attribute_values));
  XR_RETURN_IF_ERROR(ParseReadExpressions(request.filter_expression, request.projection_expression,
                                          request.expression_attribute_names,
                                          request.expression_attribute_values, &out));
  if (request.attributes_to_get) {
    out.projection = expr::ProjectionFromAttributes(*request.attributes_to_get);
  }
  XR_RETURN_IF_ERROR(expr::CheckAllUsed(out.usage, request.expression_attribute_names,
                                        request.expression_attribute_values));
  return out;
}

ddb::Result<ReadChecks> CheckQuery(const ddb::QueryRequest& request) {
  XR_RETURN_IF_ERROR(ValidateTableName(request.table_name));
  XR_RETURN_IF_ERROR(ValidateLimit(request.limit, std::numeric_limits<int32_t>::max()));
  // KeyConditions with a FilterExpression/ProjectionExpression is accepted (DynamoDB counts it
  // as mixing only next to a KeyConditionExpression).
  const bool key_conditions_mix =
      request.key_conditions.has_value() && request.key_condition_expression.has_value();
  XR_RETURN_IF_ERROR(CheckExpressionParams(
      {{"ProjectionExpression", request.projection_expression.has_value()},
       {"FilterExpression", request.filter_expression.has_value()},
       {"KeyConditionExpression", request.key_condition_expression.has_value()}},
      {{"AttributesToGet", request.attributes_to_get.has_value()},
       {"QueryFilter", request.query_filter.has_value()},
       {"ConditionalOperator", request.conditional_operator.has_value()},
       {"KeyConditions", key_conditions_mix}},
      !request.expression_attribute_names.empty(), !request.expression_attribute_values.empty()));
  ReadChecks out;
  XR_ASSIGN_OR_RETURN(out.filter,
                      LegacyFilter(request.query_filter, request.conditional_operator));
  XR_RETURN_IF_ERROR(CheckAttributesToGet(request.attributes_to_get));
  if (!request.key_conditions && !request.key_condition_expression) {
    return ddb::ValidationError(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  XR_RETURN_IF_ERROR(
      CheckSelect(request.select, request.index_name.has_value(),
                  ProjectionParam(request.projection_expression, request.attributes_to_get)));
  out.count_only = request.select == ddb::Select::COUNT;
  XR_RETURN_IF_ERROR(
      CheckExpressionMaps(request.expression_attribute_names, request.expression_attribute_values));
  // DynamoDB parses the key condition first, then the filter and the projection, checks that
  // every placeholder was used, and only then the key condition's operators -- all before the
  // table lookup; what needs the key schema waits for the table (Query).
  if (request.key_condition_expression) {
    XR_RETURN_IF_ERROR(expr::CheckKeyConditionSyntax(
        *request.key_condition_expression, request.expression_attribute_names,
        request.expression_attribute_values, &out.usage));
  }
  XR_RETURN_IF_ERROR(ParseReadExpressions(request.filter_expression, request.projection_expression,
                                          request.expression_attribute_names,
                                          request.expression_attribute_values, &out));
  if (request.attributes_to_get) {
    out.projection = expr::ProjectionFromAttributes(*request.attributes_to_get);
  }
  XR_RETURN_IF_ERROR(expr::CheckAllUsed(out.usage, request.expression_attribute_names,
                                        request.expression_attribute_values));
  if (request.key_condition_expression) {
    XR_RETURN_IF_ERROR(expr::CheckKeyConditionShape(*request.key_condition_expression,
                                                    request.expression_attribute_names,
                                                    request.expression_attribute_values));
  } else if (request.key_conditions) {
    XR_RETURN_IF_ERROR(expr::ValidateKeyConditions(*request.key_conditions));
  }
  return out;
}

ddb::Status CheckSelectOnIndex(const std::optional<ddb::Select>& select, const IndexMeta* index) {
  if (select == ddb::Select::ALL_ATTRIBUTES && index != nullptr &&
      index->projection.projection_type != ddb::ProjectionType::ALL) {
    return ddb::ValidationError(
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index " +
        index->name + " because its projection type is not ALL");
  }
  return ddb::OkStatus();
}

}  // namespace engine
