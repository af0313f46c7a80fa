// The table-level checks of an update (UpdateItem and TransactWriteItems' Update), defined in
// update_ops.cc.
#pragma once

#include <vector>

#include "ddb/model.h"
#include "ddb/result.h"
#include "engine/catalog.h"
#include "engine/expr/expressions.h"

namespace engine {

// No update path may start at a key attribute (the hash key is reported first).
ddb::Status CheckKeyNotUpdated(const KeySchema& key, const std::vector<expr::DocumentPath>& paths);
// The updated item's index keys: an UpdateExpression that gave one the wrong type gets
// DynamoDB's update-specific message; the other rules (empty, too long) are PutItem's.
ddb::Status CheckUpdatedIndexKeys(const TableMeta& meta, const ddb::Item& item,
                                  bool from_expression);

}  // namespace engine
