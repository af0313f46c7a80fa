// The request-level checks of the item operations: everything DynamoDB validates before it
// looks the table up (so a bad request on a missing table is a ValidationException, not a
// ResourceNotFoundException), in DynamoDB's order: the table name, mixing expression and
// legacy parameters, attribute values, ReturnValues, item size, the legacy parameters
// (Expected, AttributeUpdates, QueryFilter/ScanFilter, AttributesToGet), then the expressions
// and the unused ExpressionAttributeNames/Values. The results are the parsed expressions the
// operation goes on with.
#pragma once

#include <optional>
#include <string_view>

#include "ddb/model.h"
#include "ddb/result.h"
#include "engine/catalog.h"
#include "engine/expr/expressions.h"

namespace engine {

// A single-item write's condition (from ConditionExpression or Expected; nullopt: none) and,
// for UpdateItem, its update (from UpdateExpression or AttributeUpdates; nullopt: neither).
struct WriteChecks {
  std::optional<expr::Condition> condition;
  std::optional<expr::UpdateExpression> update;
  size_t item_size = 0;  // PutItem: ddb::ItemSize of the item
};

ddb::Result<WriteChecks> CheckPutItem(const ddb::PutItemRequest& request);
ddb::Result<WriteChecks> CheckDeleteItem(const ddb::DeleteItemRequest& request);
ddb::Result<WriteChecks> CheckUpdateItem(const ddb::UpdateItemRequest& request);

// The values of an item to be written (no empty sets, no duplicates) and its size (returned in
// *item_size): "Item size has exceeded the maximum allowed size".
ddb::Status CheckItemToWrite(const ddb::Item& item, size_t* item_size);

// GetItem and one table of BatchGetItem: the projection (ProjectionExpression or
// AttributesToGet; nullopt: the whole item).
ddb::Result<std::optional<expr::ProjectionList>> CheckGetItem(const ddb::GetItemRequest& request);
ddb::Result<std::optional<expr::ProjectionList>> CheckKeysAndAttributes(
    const ddb::KeysAndAttributes& keys);

// Scan and Query: the filter (FilterExpression or ScanFilter/QueryFilter), the projection
// (ProjectionExpression or AttributesToGet), Select, and what the expressions used so far.
struct ReadChecks {
  std::optional<expr::Condition> filter;
  std::optional<expr::ProjectionList> projection;
  bool count_only = false;
  expr::Usage usage;
};

ddb::Result<ReadChecks> CheckScan(const ddb::ScanRequest& request);
// Query: also the schema-free checks of the key condition (syntax, placeholders, operators)
// and the unused-placeholder check; the caller resolves the key condition against the key
// schema after the table lookup.
ddb::Result<ReadChecks> CheckQuery(const ddb::QueryRequest& request);

// The Select rules that need the index: ALL_ATTRIBUTES on an index that does not project
// every attribute.
ddb::Status CheckSelectOnIndex(const std::optional<ddb::Select>& select, const IndexMeta* index);

}  // namespace engine
