#include "engine/validation.h"

#include <algorithm>
#include <set>

#include "ddb/base64.h"

namespace engine {
namespace {

constexpr size_t kMaxIndexes = 20;
constexpr int64_t kMaxCapacityUnits = 1000000000000;

ddb::Error Invalid(std::string_view detail) {
  return ddb::ValidationError("One or more parameter values were invalid: " + std::string(detail));
}

ddb::Error ConstraintError(std::string_view value, std::string_view field,
                           std::string_view constraint) {
  return ddb::ValidationError("1 validation error detected: Value '" + std::string(value) +
                              "' at '" + std::string(field) +
                              "' failed to satisfy constraint: " + std::string(constraint));
}

bool NameCharsValid(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
  });
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

// Checks the 1..2 element key schema shape shared by tables and indexes.
ddb::Result<KeySchema> BuildKeySchema(const std::vector<ddb::KeySchemaElement>& elements,
                                      const std::vector<ddb::AttributeDefinition>& definitions,
                                      std::string_view field) {
  if (elements.empty()) {
    return ConstraintError("[]", field, "Member must have length greater than or equal to 1");
  }
  if (elements.size() > 2) {
    return ConstraintError("[...]", field, "Member must have length less than or equal to 2");
  }
  std::vector<std::string> keys, defs;
  for (const auto& e : elements) keys.push_back(e.attribute_name);
  for (const auto& d : definitions) defs.push_back(d.attribute_name);
  const auto find_def = [&](std::string_view name) -> const ddb::AttributeDefinition* {
    for (const auto& d : definitions) {
      if (d.attribute_name == name) return &d;
    }
    return nullptr;
  };
  for (const auto& k : keys) {
    if (find_def(k) == nullptr) {
      return Invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                     Join(keys) + "], AttributeDefinitions: [" + Join(defs) + "]");
    }
  }
  if (keys.size() == 2 && keys[0] == keys[1]) {
    return ddb::ValidationError(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (elements[0].key_type != ddb::KeyType::HASH) {
    return ddb::ValidationError(
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (elements.size() == 2 && elements[1].key_type != ddb::KeyType::RANGE) {
    return ddb::ValidationError(
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  KeySchema key;
  key.hash = KeyAttr{keys[0], find_def(keys[0])->attribute_type};
  if (keys.size() == 2) key.range = KeyAttr{keys[1], find_def(keys[1])->attribute_type};
  return key;
}

ddb::Status ValidateThroughput(const ddb::ProvisionedThroughput& t) {
  if (t.read_capacity_units < 1) {
    return ConstraintError(std::to_string(t.read_capacity_units),
                           "provisionedThroughput.readCapacityUnits",
                           "Member must have value greater than or equal to 1");
  }
  if (t.write_capacity_units < 1) {
    return ConstraintError(std::to_string(t.write_capacity_units),
                           "provisionedThroughput.writeCapacityUnits",
                           "Member must have value greater than or equal to 1");
  }
  if (t.read_capacity_units > kMaxCapacityUnits) {
    return ddb::ValidationError("Given value " + std::to_string(t.read_capacity_units) +
                                " for ReadCapacityUnits is out of bounds");
  }
  if (t.write_capacity_units > kMaxCapacityUnits) {
    return ddb::ValidationError("Given value " + std::to_string(t.write_capacity_units) +
                                " for WriteCapacityUnits is out of bounds");
  }
  return ddb::OkStatus();
}

template <class T, class Less>
bool HasDuplicates(std::vector<T> values, Less less) {
  std::sort(values.begin(), values.end(), less);
  for (size_t i = 1; i < values.size(); ++i) {
    if (!less(values[i - 1], values[i])) return true;
  }
  return false;
}

std::string ListText(const std::vector<std::string>& values) { return "[" + Join(values) + "]"; }

ddb::Status ValidateValue(const ddb::AttributeValue& v, int depth) {
  switch (v.type()) {
    case ddb::AttributeType::SS:
      if (v.ss().empty()) return Invalid("An string set  may not be empty");
      if (HasDuplicates(v.ss(), std::less<>())) {
        return Invalid("Input collection " + ListText(v.ss()) + " contains duplicates.");
      }
      break;
    case ddb::AttributeType::BS:
      // The codec's wording (src/ddb/json_value.cc), so an embedded caller reads the same
      // text as an HTTP one: DynamoDB words binary sets differently from the others.
      if (v.bs().empty()) return Invalid("Binary sets should not be empty");
      if (HasDuplicates(v.bs(), std::less<>())) {
        std::vector<std::string> texts;
        for (const auto& b : v.bs()) texts.push_back(ddb::Base64Encode(b));
        // DynamoDB lists the members as sent (base64), without a space before "of".
        return Invalid("Input collection " + ListText(texts) + "of type BS contains duplicates.");
      }
      break;
    case ddb::AttributeType::NS:
      if (v.ns().empty()) return Invalid("An number set  may not be empty");
      if (HasDuplicates(v.ns(), [](const ddb::Number& a, const ddb::Number& b) {
            return a.Compare(b) < 0;
          })) {
        // DynamoDB's words for number sets have neither the prefix nor the members.
        return ddb::ValidationError("Input collection contains duplicates");
      }
      break;
    case ddb::AttributeType::M:
      for (const auto& [name, child] : v.m()) XR_RETURN_IF_ERROR(ValidateValue(child, depth + 1));
      break;
    case ddb::AttributeType::L:
      for (const auto& child : v.l()) XR_RETURN_IF_ERROR(ValidateValue(child, depth + 1));
      break;
    default:
      break;
  }
  if (depth > 32) return Invalid("Nesting Levels have exceeded supported limits");
  return ddb::OkStatus();
}

}  // namespace

std::string_view TypeName(ddb::AttributeType t) {
  static constexpr std::string_view kNames[] = {"S", "N", "B",  "BOOL", "NULL",
                                                "M", "L", "SS", "NS",   "BS"};
  return kNames[static_cast<size_t>(t)];
}

std::string_view TypeName(ddb::ScalarAttributeType t) {
  switch (t) {
    case ddb::ScalarAttributeType::S:
      return "S";
    case ddb::ScalarAttributeType::N:
      return "N";
    case ddb::ScalarAttributeType::B:
      return "B";
  }
  return "?";
}

ddb::Status ValidateTableName(std::string_view name) {
  if (name.size() < 3 || name.size() > 255) {
    return ddb::ValidationError(
        "TableName must be at least 3 characters long and at most 255 characters long");
  }
  if (!NameCharsValid(name)) {
    return ConstraintError(name, "tableName",
                           "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
  return ddb::OkStatus();
}

ddb::Status ValidateIndexName(std::string_view name, std::string_view field) {
  if (name.size() < 3) {
    return ConstraintError(name, field, "Member must have length greater than or equal to 3");
  }
  if (name.size() > 255) {
    return ConstraintError(name, field, "Member must have length less than or equal to 255");
  }
  if (!NameCharsValid(name)) {
    return ConstraintError(name, field,
                           "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
  return ddb::OkStatus();
}

ddb::Result<IndexMeta> BuildIndexMeta(const ddb::GlobalSecondaryIndex& index,
                                      const std::vector<ddb::AttributeDefinition>& definitions,
                                      ddb::BillingMode billing_mode, std::string_view field) {
  XR_RETURN_IF_ERROR(ValidateIndexName(index.index_name, std::string(field) + ".indexName"));
  IndexMeta meta;
  meta.name = index.index_name;
  XR_ASSIGN_OR_RETURN(
      meta.key, BuildKeySchema(index.key_schema, definitions, std::string(field) + ".keySchema"));
  const auto& projection = index.projection;
  if (projection.projection_type != ddb::ProjectionType::INCLUDE &&
      !projection.non_key_attributes.empty()) {
    return Invalid(std::string("ProjectionType is ") +
                   (projection.projection_type == ddb::ProjectionType::ALL ? "ALL" : "KEYS_ONLY") +
                   ", but NonKeyAttributes is specified");
  }
  if (projection.projection_type == ddb::ProjectionType::INCLUDE &&
      projection.non_key_attributes.empty()) {
    return Invalid("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  meta.projection = projection;
  if (billing_mode == ddb::BillingMode::PAY_PER_REQUEST && index.provisioned_throughput) {
    return Invalid("ProvisionedThroughput should not be specified for index: " + index.index_name +
                   " when BillingMode is PAY_PER_REQUEST");
  }
  if (billing_mode == ddb::BillingMode::PROVISIONED) {
    if (!index.provisioned_throughput) {
      return Invalid("ProvisionedThroughput must be specified for index: " + index.index_name);
    }
    XR_RETURN_IF_ERROR(ValidateThroughput(*index.provisioned_throughput));
    meta.throughput = index.provisioned_throughput;
  }
  return meta;
}

ddb::Result<TableMeta> BuildTableMeta(const ddb::CreateTableRequest& request) {
  XR_RETURN_IF_ERROR(ValidateTableName(request.table_name));
  TableMeta meta;
  meta.name = request.table_name;
  // Absent BillingMode means PROVISIONED, as on the wire.
  meta.billing_mode = request.billing_mode.value_or(ddb::BillingMode::PROVISIONED);
  if (meta.billing_mode == ddb::BillingMode::PAY_PER_REQUEST) {
    if (request.provisioned_throughput) {
      return Invalid(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
          "PAY_PER_REQUEST");
    }
  } else {
    if (!request.provisioned_throughput) {
      return Invalid(
          "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
          "PROVISIONED");
    }
    XR_RETURN_IF_ERROR(ValidateThroughput(*request.provisioned_throughput));
    meta.throughput = request.provisioned_throughput;
  }
  std::set<std::string, std::less<>> defined;
  for (const auto& def : request.attribute_definitions) {
    if (!defined.insert(def.attribute_name).second) {
      return Invalid("Cannot have two attributes with the same name: " + def.attribute_name);
    }
  }
  if (request.key_schema.size() > request.attribute_definitions.size() &&
      request.key_schema.size() <= 2) {
    return ddb::ValidationError("Invalid KeySchema: Some index key attribute have no definition");
  }
  XR_ASSIGN_OR_RETURN(
      meta.key, BuildKeySchema(request.key_schema, request.attribute_definitions, "keySchema"));
  if (request.global_secondary_indexes.empty() &&
      request.key_schema.size() != request.attribute_definitions.size()) {
    return Invalid(
        "Number of attributes in KeySchema does not exactly match number of attributes defined in "
        "AttributeDefinitions");
  }
  std::set<std::string, std::less<>> used{meta.key.hash.name};
  if (meta.key.range) used.insert(meta.key.range->name);
  std::set<std::string, std::less<>> index_names;
  for (size_t i = 0; i < request.global_secondary_indexes.size(); ++i) {
    const auto& gsi = request.global_secondary_indexes[i];
    XR_ASSIGN_OR_RETURN(
        auto index, BuildIndexMeta(gsi, request.attribute_definitions, meta.billing_mode,
                                   "globalSecondaryIndexes." + std::to_string(i + 1) + ".member"));
    if (!index_names.insert(index.name).second) {
      return Invalid("Duplicate index name: " + index.name);
    }
    used.insert(index.key.hash.name);
    if (index.key.range) used.insert(index.key.range->name);
    index.id = meta.next_index_id++;
    meta.indexes.push_back(std::move(index));
  }
  if (meta.indexes.size() > kMaxIndexes) {
    return Invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
  }
  if (used.size() != defined.size()) {
    std::vector<std::string> defs(defined.begin(), defined.end());
    std::vector<std::string> keys(used.begin(), used.end());
    return Invalid("Some AttributeDefinitions are not used. AttributeDefinitions: [" + Join(defs) +
                   "], keys used: [" + Join(keys) + "]");
  }
  meta.attribute_definitions = request.attribute_definitions;
  return meta;
}

ddb::Status ValidateItemValues(const ddb::Item& item) {
  for (const auto& [name, value] : item) {
    if (name.empty()) {
      return ddb::ValidationError(
          "One or more parameter values are not valid. A attribute name cannot be empty");
    }
    XR_RETURN_IF_ERROR(ValidateValue(value, 1));
  }
  return ddb::OkStatus();
}

ddb::Status ValidateAttributeValue(const ddb::AttributeValue& value) {
  return ValidateValue(value, 1);
}

ddb::Status ValidateLimit(const std::optional<int32_t>& limit, int32_t max) {
  if (!limit) return ddb::OkStatus();
  if (*limit < 1) {
    return ConstraintError(std::to_string(*limit), "limit",
                           "Member must have value greater than or equal to 1");
  }
  if (*limit > max) {
    return ConstraintError(std::to_string(*limit), "limit",
                           "Member must have value less than or equal to " + std::to_string(max));
  }
  return ddb::OkStatus();
}

}  // namespace engine
