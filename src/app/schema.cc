#include "app/schema.h"

#include <algorithm>

namespace app {
namespace {

KeyAttribute S(std::string_view name) { return {std::string(name), ddb::ScalarAttributeType::S}; }

void AddDefinition(std::vector<ddb::AttributeDefinition>& defs, const KeyAttribute& key) {
  const bool known = std::any_of(defs.begin(), defs.end(),
                                 [&](const auto& d) { return d.attribute_name == key.name; });
  if (!known) defs.push_back({key.name, key.type});
}

}  // namespace

std::vector<TableSchema> AllTableSchemas() {
  return {
      {std::string(kUsersTable),
       S("id"),
       std::nullopt,
       {{std::string(kUsersByEmailIndex), S("email"), std::nullopt}}},
      {std::string(kComponentsTable), S("componentId"), std::nullopt, {}},
      {std::string(kSubcomponentsTable),
       S("subComponentId"),
       std::nullopt,
       {{std::string(kSubcomponentsByParentIndex), S("parentComponentId"), std::nullopt}}},
      {std::string(kCommentsTable),
       S("id"),
       std::nullopt,
       {{std::string(kCommentsByComponentIndex), S("componentId"), S("updatedDate")}}},
      {std::string(kMaintenancesTable),
       S("maintenanceId"),
       std::nullopt,
       {{std::string(kMaintenancesByComponentIndex), S("componentId"), S("date")}}},
      {std::string(kAnalyticsTable), S("id"), std::nullopt, {}},
      {std::string(kSubcomponentFailuresTable), S("id"), std::nullopt, {}},
  };
}

std::optional<TableSchema> FindTableSchema(std::string_view name) {
  for (auto& schema : AllTableSchemas()) {
    if (schema.name == name) return std::move(schema);
  }
  return std::nullopt;
}

std::vector<ddb::KeySchemaElement> KeySchemaOf(const KeyAttribute& partition,
                                               const std::optional<KeyAttribute>& sort) {
  std::vector<ddb::KeySchemaElement> keys{{partition.name, ddb::KeyType::HASH}};
  if (sort) keys.push_back({sort->name, ddb::KeyType::RANGE});
  return keys;
}

std::vector<ddb::AttributeDefinition> AttributeDefinitionsOf(const TableSchema& schema) {
  std::vector<ddb::AttributeDefinition> defs;
  AddDefinition(defs, schema.partition_key);
  if (schema.sort_key) AddDefinition(defs, *schema.sort_key);
  for (const auto& index : schema.indexes) {
    AddDefinition(defs, index.partition_key);
    if (index.sort_key) AddDefinition(defs, *index.sort_key);
  }
  return defs;
}

ddb::GlobalSecondaryIndex ToGlobalSecondaryIndex(const IndexSchema& index,
                                                 const BillingOptions& billing) {
  ddb::GlobalSecondaryIndex gsi;
  gsi.index_name = index.name;
  gsi.key_schema = KeySchemaOf(index.partition_key, index.sort_key);
  gsi.projection.projection_type = ddb::ProjectionType::ALL;
  if (billing.mode == ddb::BillingMode::PROVISIONED) {
    gsi.provisioned_throughput = billing.provisioned;
  }
  return gsi;
}

ddb::CreateTableRequest ToCreateTableRequest(const TableSchema& schema,
                                             const BillingOptions& billing) {
  ddb::CreateTableRequest req;
  req.table_name = schema.name;
  req.attribute_definitions = AttributeDefinitionsOf(schema);
  req.key_schema = KeySchemaOf(schema.partition_key, schema.sort_key);
  for (const auto& index : schema.indexes) {
    req.global_secondary_indexes.push_back(ToGlobalSecondaryIndex(index, billing));
  }
  req.billing_mode = billing.mode;
  if (billing.mode == ddb::BillingMode::PROVISIONED) {
    req.provisioned_throughput = billing.provisioned;
  }
  return req;
}

}  // namespace app
