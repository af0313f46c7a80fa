// Validation of requests as DynamoDB does it, with DynamoDB's error types and wording:
// table and index definitions, attribute values (empty sets, duplicate set members) and
// request-level limits. Key validation lives with key encoding (item_keys.h).
#pragma once

#include <string>
#include <string_view>

#include "ddb/model.h"
#include "ddb/result.h"
#include "engine/catalog.h"

namespace engine {

std::string_view TypeName(ddb::AttributeType t);
std::string_view TypeName(ddb::ScalarAttributeType t);

// "tableName" / "indexName"-style field of a 3..255 [a-zA-Z0-9_.-]+ name.
ddb::Status ValidateTableName(std::string_view name);
ddb::Status ValidateIndexName(std::string_view name, std::string_view field);

// Validates a CreateTable request and builds the table's metadata (id, uuid and times are
// left for the caller).
ddb::Result<TableMeta> BuildTableMeta(const ddb::CreateTableRequest& request);

// Validates one GSI definition against the attribute definitions it may use.
ddb::Result<IndexMeta> BuildIndexMeta(const ddb::GlobalSecondaryIndex& index,
                                      const std::vector<ddb::AttributeDefinition>& definitions,
                                      ddb::BillingMode billing_mode, std::string_view field);

// Every value of an item (recursively): no empty sets, no duplicate set members.
ddb::Status ValidateItemValues(const ddb::Item& item);
// The same rules for one value (an ExpressionAttributeValues entry, an AttributeUpdates value).
ddb::Status ValidateAttributeValue(const ddb::AttributeValue& value);

// Limit parameters of Scan/Query/ListTables ("Value '0' at 'limit' failed to satisfy ...").
ddb::Status ValidateLimit(const std::optional<int32_t>& limit, int32_t max);

}  // namespace engine
