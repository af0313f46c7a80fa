// Ordering of DynamoDB values as conditions see it.
#pragma once

#include <optional>

#include "ddb/attribute_value.h"

namespace engine::expr {

// -1/0/1 for two values of the same ordered type (N numerically, S and B by unsigned
// bytes); nullopt when the types differ or are not ordered (DynamoDB's <, <=, >, >=,
// BETWEEN are then false).
std::optional<int> CompareOrdered(const ddb::AttributeValue& a, const ddb::AttributeValue& b);

}  // namespace engine::expr
