// Query: one partition of the table or an index, narrowed by a sort-key condition that
// becomes a byte range of the order-preserving key encoding.
#include "engine/capacity.h"
#include "engine/engine_impl.h"
#include "engine/item_keys.h"
#include "engine/key_codec.h"
#include "engine/page_reader.h"
#include "engine/request_checks.h"
#include "engine/validation.h"

namespace engine {
namespace {

ddb::Error TypeMismatch() {
  return ddb::ValidationError(
      "One or more parameter values were invalid: Condition parameter type does not match "
      "schema type");
}

std::string ValueText(const ddb::AttributeValue& v) {
  std::string text = "{" + std::string(TypeName(v.type())) + ":";
  if (v.is_s()) text += v.s();
  if (v.is_n()) text += v.n().ToString();
  if (v.is_b()) text += "<" + std::to_string(v.b().size()) + " bytes>";
  return text + "}";
}

ddb::Status CheckKeyOperand(const KeyAttr& attr, const ddb::AttributeValue& v) {
  if (!keycodec::HasType(v, attr.type)) return TypeMismatch();
  if ((v.is_s() && v.s().empty()) || (v.is_b() && v.b().empty())) {
    return ddb::ValidationError(
        std::string("One or more parameter values are not valid. The AttributeValue for a key "
                    "attribute cannot contain an empty ") +
        (v.is_s() ? "string" : "binary") + " value. Key: " + attr.name);
  }
  return ddb::OkStatus();
}

std::string Encoded(const ddb::AttributeValue& v) {
  std::string out;
  keycodec::AppendValue(v, &out);
  return out;
}

// Narrows [*lower, *upper) (which starts as the whole partition P) to the sort-key condition.
ddb::Status ApplySortCondition(const KeyAttr& attr, const expr::SortKeyCondition& sort,
                               const std::string& partition, std::string* lower,
                               std::string* upper) {
  XR_RETURN_IF_ERROR(CheckKeyOperand(attr, sort.value));
  const std::string v = partition + Encoded(sort.value);
  switch (sort.op) {
    case expr::SortOp::kEq:
      *lower = v;
      *upper = keycodec::PrefixEnd(v);
      break;
    case expr::SortOp::kLt:
      *upper = v;
      break;
    case expr::SortOp::kLe:
      *upper = keycodec::PrefixEnd(v);
      break;
    case expr::SortOp::kGt:
      *lower = keycodec::PrefixEnd(v);
      break;
    case expr::SortOp::kGe:
      *lower = v;
      break;
    case expr::SortOp::kBetween: {
      XR_RETURN_IF_ERROR(CheckKeyOperand(attr, sort.value2));
      const std::string v2 = partition + Encoded(sort.value2);
      if (v > v2) {
        return ddb::ValidationError(
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be "
            "greater than or equal to lower bound; lower bound operand: AttributeValue: " +
            ValueText(sort.value) +
            ", upper bound operand: AttributeValue: " + ValueText(sort.value2));
      }
      *lower = v;
      *upper = keycodec::PrefixEnd(v2);
      break;
    }
    case expr::SortOp::kBeginsWith: {
      if (attr.type == ddb::ScalarAttributeType::N) {
        return ddb::ValidationError(
            "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: begins_with, operand type: N");
      }
      std::string prefix = partition;
      keycodec::AppendBytesPrefix(sort.value.is_s() ? sort.value.s() : sort.value.b(), &prefix);
      *lower = prefix;
      *upper = keycodec::PrefixEnd(prefix);
      break;
    }
  }
  return ddb::OkStatus();
}

// The key condition from KeyConditionExpression or the legacy KeyConditions.
ddb::Result<expr::KeyCondition> ParseQueryKeyCondition(const ddb::QueryRequest& request,
                                                       const KeySchema& schema,
                                                       expr::Usage* usage) {
  std::optional<std::string_view> range_name;
  if (schema.range) range_name = schema.range->name;
  // The type of each key value, checked where DynamoDB checks it (before the operator).
  const expr::KeyValueCheck check_type = [&schema](bool is_hash, const ddb::AttributeValue& v) {
    const KeyAttr& attr = is_hash ? schema.hash : *schema.range;
    return keycodec::HasType(v, attr.type) ? ddb::OkStatus() : ddb::Status(TypeMismatch());
  };
  if (request.key_condition_expression) {
    return expr::ParseKeyCondition(*request.key_condition_expression,
                                   request.expression_attribute_names,
                                   request.expression_attribute_values, schema.hash.name,
                                   range_name, usage, check_type);
  }
  return expr::KeyConditionFromLegacy(*request.key_conditions, schema.hash.name, range_name,
                                      check_type);
}

// A QueryFilter may not name the key attributes of the table or index queried.
ddb::Status CheckQueryFilterKeys(const std::optional<ddb::LegacyConditionMap>& filter,
                                 const KeySchema& schema) {
  if (!filter) return ddb::OkStatus();
  for (const KeyAttr* attr : {&schema.hash, schema.range ? &*schema.range : nullptr}) {
    if (attr != nullptr && filter->count(attr->name) != 0) {
      return ddb::ValidationError(
          "QueryFilter can only contain non-primary key attributes: Primary key attribute: " +
          attr->name);
    }
  }
  return ddb::OkStatus();
}

}  // namespace

ddb::Result<ddb::QueryResponse> EngineImpl::Query(const ddb::QueryRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto checks, CheckQuery(request));
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  const IndexMeta* maybe_index =
      request.index_name ? meta->FindIndex(*request.index_name) : nullptr;
  XR_ASSIGN_OR_RETURN(const IndexMeta* index,
                      ResolveIndex(*meta, request.index_name, request.consistent_read,
                                   maybe_index != nullptr && IndexCreating(*meta, *maybe_index)));
  const KeySchema& schema = index ? index->key : meta->key;
  XR_ASSIGN_OR_RETURN(auto condition, ParseQueryKeyCondition(request, schema, &checks.usage));
  XR_RETURN_IF_ERROR(CheckQueryFilterKeys(request.query_filter, schema));
  XR_RETURN_IF_ERROR(CheckSelectOnIndex(request.select, index));
  XR_RETURN_IF_ERROR(CheckKeyOperand(schema.hash, condition.partition_value));

  const uint16_t index_id = index ? index->id : layout::kPrimaryIndex;
  const std::string partition = PartitionPrefix(meta->id, index_id, condition.partition_value);
  PagePlan plan;
  plan.meta = meta.get();
  plan.index = index;
  plan.lower = partition;
  plan.upper = keycodec::PrefixEnd(partition);
  if (condition.sort) {
    if (!schema.range) return ddb::ValidationError("Query key condition not supported");
    XR_RETURN_IF_ERROR(
        ApplySortCondition(*schema.range, *condition.sort, partition, &plan.lower, &plan.upper));
  }
  plan.forward = request.scan_index_forward;
  if (request.exclusive_start_key) {
    XR_ASSIGN_OR_RETURN(const std::string start,
                        StartStorageKey(*meta, index, *request.exclusive_start_key));
    if (!std::string_view(start).starts_with(partition)) {
      return ddb::ValidationError(
          "The provided starting key is outside query boundaries based on provided conditions");
    }
    // Resume just after (forward) or just before (backward) the start key.
    if (plan.forward) {
      plan.lower = std::max(plan.lower, start + '\0');
    } else {
      plan.upper = std::min(plan.upper, start);
    }
  }
  plan.limit = request.limit;
  plan.filter = std::move(checks.filter);
  plan.projection = std::move(checks.projection);
  plan.count_only = checks.count_only;
  size_t bytes_read = 0;
  XR_ASSIGN_OR_RETURN(auto response, ReadPage(db_.get(), plan, &bytes_read));
  response.consumed_capacity = ReadCapacity(request.return_consumed_capacity, *meta, index,
                                            bytes_read, request.consistent_read);
  return response;
}

}  // namespace engine
