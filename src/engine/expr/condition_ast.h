// The parsed form of a condition (ConditionExpression, FilterExpression and, before its own
// checks, KeyConditionExpression). Placeholders are already substituted: paths hold real
// attribute names and value operands hold copies of the ExpressionAttributeValues.
#pragma once

#include <memory>
#include <vector>

#include "ddb/attribute_value.h"
#include "engine/expr/expressions.h"

namespace engine::expr {

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

struct Operand {
  enum class Kind { kPath, kValue, kSize };
  Kind kind = Kind::kValue;
  // kPath: the path. kSize: the argument of size() when it is a path.
  DocumentPath path;
  // kValue: the value. kSize: the argument of size() when it is a :value.
  ddb::AttributeValue value;
  bool size_of_value = false;  // kSize only: which of path/value is the argument
};

struct ConditionNode {
  enum class Kind {
    kAnd,                 // children (two or more)
    kOr,                  // children (two or more)
    kNot,                 // children[0]
    kCompare,             // operands[0] op operands[1]
    kBetween,             // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,                  // operands[0] IN (operands[1..])
    kAttributeExists,     // operands[0] is a path
    kAttributeNotExists,  // operands[0] is a path
    kAttributeType,       // operands[0], operands[1] is an S value naming a type
    kBeginsWith,          // operands[0], operands[1]
    kContains,            // operands[0], operands[1]
  };
  Kind kind = Kind::kAnd;
  CompareOp op = CompareOp::kEq;
  // kContains built from the legacy CONTAINS / NOT_CONTAINS ComparisonOperator (Expected,
  // QueryFilter, ScanFilter): also true when a B attribute holds the B operand as a byte
  // subsequence, which the API Reference documents for CONTAINS but not for contains().
  bool binary_subsequence = false;
  std::vector<std::unique_ptr<ConditionNode>> children;
  std::vector<Operand> operands;
};

// Parses a condition; kind names the request parameter in error messages (e.g.
// "FilterExpression"). Records used names and values in usage (may be null).
ddb::Result<std::unique_ptr<ConditionNode>> ParseConditionTree(
    std::string_view kind, std::string_view expression, const ddb::ExpressionAttributeNames& names,
    const ddb::ExpressionAttributeValues& values, Usage* usage);

}  // namespace engine::expr
