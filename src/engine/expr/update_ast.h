// The parsed form of an UpdateExpression (and of the legacy AttributeUpdates, which become
// the same actions). Placeholders are already substituted: paths hold real attribute names
// and values hold copies of the ExpressionAttributeValues.
#pragma once

#include <vector>

#include "ddb/attribute_value.h"
#include "engine/expr/expressions.h"

namespace engine::expr {

// The right-hand side of a SET action, or an argument of one of its functions.
struct UpdateValue {
  enum class Kind {
    kPath,         // path: read from the old item; missing is an error
    kValue,        // value
    kIfNotExists,  // args[0] (always a kPath) if it exists, else args[1]
    kListAppend,   // args[0] and args[1] are lists; their concatenation
    kPlus,         // args[0] + args[1], both numbers
    kMinus,        // args[0] - args[1], both numbers
  };
  Kind kind = Kind::kValue;
  DocumentPath path;
  ddb::AttributeValue value;
  std::vector<UpdateValue> args;
};

struct UpdateAction {
  enum class Kind {
    kSet,     // path = value
    kRemove,  // path
    kAdd,     // path value: number addition or set union
    kDelete,  // path value: set difference
    // The legacy AttributeUpdates ADD, which also appends a list to a list and is checked
    // with the legacy API's messages ("Type mismatch for attribute to update").
    kLegacyAdd,
    kLegacyDelete,  // legacy DELETE with a value (set difference)
  };
  Kind kind = Kind::kSet;
  DocumentPath path;
  UpdateValue value;  // kSet: any value; kAdd/kDelete: always a kValue
};

struct UpdatePlan {
  std::vector<UpdateAction> actions;  // in expression order
  std::vector<DocumentPath> paths;    // the path of each action, in the same order
};

}  // namespace engine::expr
