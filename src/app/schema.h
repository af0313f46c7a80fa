// The application's tables (SPEC §3) as declarative values: names, key attributes and the
// secondary indexes the application reads through. DynamoDBManager turns them into
// CreateTable/UpdateTable calls.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/model.h"

namespace app {

struct KeyAttribute {
  std::string name;
  ddb::ScalarAttributeType type = ddb::ScalarAttributeType::S;
  friend bool operator==(const KeyAttribute&, const KeyAttribute&) = default;
};

struct IndexSchema {
  std::string name;
  KeyAttribute partition_key;
  std::optional<KeyAttribute> sort_key;
  // Every index projects ALL attributes: the application reads whole items through them.
};

struct TableSchema {
  std::string name;
  KeyAttribute partition_key;
  std::optional<KeyAttribute> sort_key;
  std::vector<IndexSchema> indexes;
};

// How new tables (and indexes) are billed.
struct BillingOptions {
  ddb::BillingMode mode = ddb::BillingMode::PAY_PER_REQUEST;
  ddb::ProvisionedThroughput provisioned{5, 5};  // PROVISIONED only
};

// Table names, as the existing application's API and dashboard read them.
inline constexpr std::string_view kUsersTable = "users";
inline constexpr std::string_view kComponentsTable = "components";
inline constexpr std::string_view kSubcomponentsTable = "subcomponents";
inline constexpr std::string_view kCommentsTable = "comments";
inline constexpr std::string_view kMaintenancesTable = "maintenances";
inline constexpr std::string_view kAnalyticsTable = "analytics";
inline constexpr std::string_view kSubcomponentFailuresTable = "subcomponentFailures";

// Index names.
inline constexpr std::string_view kUsersByEmailIndex = "byEmail";
inline constexpr std::string_view kCommentsByComponentIndex = "byComponent";
inline constexpr std::string_view kMaintenancesByComponentIndex = "byComponent";
inline constexpr std::string_view kSubcomponentsByParentIndex = "byParent";

// The seven tables of SPEC §3, in creation order.
std::vector<TableSchema> AllTableSchemas();
// One of them by name; nullopt when the name is not one of ours.
std::optional<TableSchema> FindTableSchema(std::string_view name);

// The key schema/attribute definitions of a table or index, in DynamoDB's shape.
std::vector<ddb::KeySchemaElement> KeySchemaOf(const KeyAttribute& partition,
                                               const std::optional<KeyAttribute>& sort);
// Attribute definitions for every key attribute of the table and its indexes (deduplicated).
std::vector<ddb::AttributeDefinition> AttributeDefinitionsOf(const TableSchema& schema);
ddb::GlobalSecondaryIndex ToGlobalSecondaryIndex(const IndexSchema& index,
                                                 const BillingOptions& billing);
ddb::CreateTableRequest ToCreateTableRequest(const TableSchema& schema,
                                             const BillingOptions& billing);

}  // namespace app
