// The legacy (pre-expression) conditions: Expected, QueryFilter/ScanFilter, KeyConditions and
// AttributesToGet, validated with DynamoDB's messages in DynamoDB's order and turned into the
// same trees the expressions use, so Condition::Evaluate runs them.
//
// Semantics per ComparisonOperator (API Reference, "Condition"): a missing attribute fails
// every operator except NE, NULL and NOT_CONTAINS; values of another type never match.
#include <span>
#include <string>

#include "engine/expr/condition_ast.h"
#include "engine/expr/expressions.h"
#include "engine/expr/value_compare.h"

namespace engine::expr {
namespace {

using ddb::AttributeType;
using ddb::ComparisonOperator;

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

ddb::Error Invalid(std::string_view message) {
  return ddb::ValidationError(std::string(kInvalid) + std::string(message));
}

std::string OpName(ComparisonOperator op) { return std::string(ddb::ToString(op)); }

// How many values each operator takes (IN: one or more).
bool ArgumentCountValid(ComparisonOperator op, size_t count) {
  switch (op) {
    case ComparisonOperator::NULL_:
    case ComparisonOperator::NOT_NULL:
      return count == 0;
    case ComparisonOperator::IN:
      return count >= 1;
    case ComparisonOperator::BETWEEN:
      return count == 2;
    default:
      return count == 1;
  }
}

// The value types each operator accepts: scalars everywhere, sets only for EQ/NE, no N for
// BEGINS_WITH; lists, maps, BOOL and NULL never.
bool AcceptsType(ComparisonOperator op, AttributeType type) {
  const bool scalar =
      type == AttributeType::S || type == AttributeType::N || type == AttributeType::B;
  const bool set =
      type == AttributeType::SS || type == AttributeType::NS || type == AttributeType::BS;
  switch (op) {
    case ComparisonOperator::EQ:
    case ComparisonOperator::NE:
      return scalar || set;
    case ComparisonOperator::BEGINS_WITH:
      return type == AttributeType::S || type == AttributeType::B;
    default:
      return scalar;
  }
}

// The checks DynamoDB makes on the values of one condition once their number is known to be
// right for the operator: one type for all, a type the operator accepts, BETWEEN bounds in
// order.
ddb::Status CheckValueTypes(ComparisonOperator op, std::span<const ddb::AttributeValue> values) {
  if (values.empty()) return ddb::OkStatus();
  for (const auto& v : values) {
    if (v.type() != values[0].type()) {
      return Invalid("AttributeValues inside AttributeValueList must be of same type");
    }
  }
  if (!AcceptsType(op, values[0].type())) {
    return Invalid("ComparisonOperator " + OpName(op) + " is not valid for " +
                   std::string(ddb::AttributeTypeName(values[0].type())) +
                   " AttributeValue type");
  }
  if (op == ComparisonOperator::BETWEEN) {
    auto order = CompareOrdered(values[0], values[1]);
    if (order && *order > 0) {
      return ddb::ValidationError(
          "The BETWEEN condition was provided a range where the lower bound is greater than "
          "the upper bound");
    }
  }
  return ddb::OkStatus();
}

// One condition of QueryFilter, ScanFilter or KeyConditions.
ddb::Status ValidateCondition(const ddb::LegacyCondition& condition) {
  const ComparisonOperator op = condition.comparison_operator;
  if (!ArgumentCountValid(op, condition.attribute_value_list.size())) {
    return Invalid("Invalid number of argument(s) for the " + OpName(op) + " ComparisonOperator");
  }
  return CheckValueTypes(op, condition.attribute_value_list);
}

// The values of Expected's ComparisonOperator form: AttributeValueList, or Value alone.
std::span<const ddb::AttributeValue> ExpectedValues(const ddb::ExpectedAttributeValue& e) {
  if (e.attribute_value_list) return *e.attribute_value_list;
  if (e.value) return std::span(&*e.value, 1);
  return {};
}

// One entry of Expected, in DynamoDB's order: the two forms must not mix, then the
// ComparisonOperator form's arguments or the Value/Exists form's consistency.
ddb::Status ValidateExpected(const std::string& name, const ddb::ExpectedAttributeValue& e) {
  if (e.attribute_value_list && e.value) {
    return Invalid("Value and AttributeValueList cannot be used together for Attribute: " + name);
  }
  if (e.comparison_operator) {
    const ComparisonOperator op = *e.comparison_operator;
    if (e.exists) {
      return Invalid("Exists and ComparisonOperator cannot be used together for Attribute: " +
                     name);
    }
    if (op != ComparisonOperator::NULL_ && op != ComparisonOperator::NOT_NULL &&
        !e.attribute_value_list && !e.value) {
      return Invalid("Value or AttributeValueList must be used with ComparisonOperator: " +
                     OpName(op) + " for Attribute: " + name);
    }
    const size_t count = e.attribute_value_list ? e.attribute_value_list->size() : e.value ? 1 : 0;
    if (!ArgumentCountValid(op, count)) {
      return Invalid("Invalid number of argument(s) for the " + OpName(op) +
                     " ComparisonOperator");
    }
    return CheckValueTypes(op, ExpectedValues(e));
  }
  if (e.attribute_value_list) {
    return Invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " +
                   name);
  }
  const bool exists = e.exists.value_or(true);
  if (exists && !e.value) {
    return Invalid("Value must be provided when Exists is " +
                   std::string(e.exists ? "true" : "null") + " for Attribute: " + name);
  }
  if (!exists && e.value) {
    return Invalid("Value cannot be used when Exists is false for Attribute: " + name);
  }
  return ddb::OkStatus();
}

Operand PathOf(const std::string& attribute) {
  Operand operand;
  operand.kind = Operand::Kind::kPath;
  operand.path = {PathElement{attribute, std::nullopt}};  // dots are part of the name
  return operand;
}

Operand ValueOf(const ddb::AttributeValue& value) {
  Operand operand;
  operand.kind = Operand::Kind::kValue;
  operand.value = value;
  return operand;
}

std::unique_ptr<ConditionNode> Node(ConditionNode::Kind kind, const std::string& attribute,
                                    std::span<const ddb::AttributeValue> values) {
  auto node = std::make_unique<ConditionNode>();
  node->kind = kind;
  node->operands.push_back(PathOf(attribute));
  for (const auto& v : values) node->operands.push_back(ValueOf(v));
  return node;
}

std::unique_ptr<ConditionNode> CompareNode(CompareOp op, const std::string& attribute,
                                           std::span<const ddb::AttributeValue> values) {
  auto node = Node(ConditionNode::Kind::kCompare, attribute, values);
  node->op = op;
  return node;
}

std::unique_ptr<ConditionNode> ContainsNode(const std::string& attribute,
                                            std::span<const ddb::AttributeValue> values) {
  auto node = Node(ConditionNode::Kind::kContains, attribute, values);
  node->binary_subsequence = true;
  return node;
}

// "attribute OP values" as a tree; values are already validated for op.
std::unique_ptr<ConditionNode> Comparison(const std::string& attribute, ComparisonOperator op,
                                          std::span<const ddb::AttributeValue> values) {
  using Kind = ConditionNode::Kind;
  switch (op) {
    case ComparisonOperator::EQ:
      return CompareNode(CompareOp::kEq, attribute, values);
    case ComparisonOperator::NE:
      return CompareNode(CompareOp::kNe, attribute, values);
    case ComparisonOperator::LT:
      return CompareNode(CompareOp::kLt, attribute, values);
    case ComparisonOperator::LE:
      return CompareNode(CompareOp::kLe, attribute, values);
    case ComparisonOperator::GT:
      return CompareNode(CompareOp::kGt, attribute, values);
    case ComparisonOperator::GE:
      return CompareNode(CompareOp::kGe, attribute, values);
    case ComparisonOperator::NOT_NULL:
      return Node(Kind::kAttributeExists, attribute, {});
    case ComparisonOperator::NULL_:
      return Node(Kind::kAttributeNotExists, attribute, {});
    case ComparisonOperator::CONTAINS:
      return ContainsNode(attribute, values);
    case ComparisonOperator::NOT_CONTAINS: {
      // True when the attribute is missing, as NOT contains() is.
      auto node = std::make_unique<ConditionNode>();
      node->kind = Kind::kNot;
      node->children.push_back(ContainsNode(attribute, values));
      return node;
    }
    case ComparisonOperator::BEGINS_WITH:
      return Node(Kind::kBeginsWith, attribute, values);
    case ComparisonOperator::IN:
      return Node(Kind::kIn, attribute, values);
    case ComparisonOperator::BETWEEN:
      return Node(Kind::kBetween, attribute, values);
  }
  return nullptr;
}

// The Expected entry's test: Value alone (or with Exists true) is EQ, Exists false is NULL.
std::unique_ptr<ConditionNode> ExpectedNode(const std::string& name,
                                            const ddb::ExpectedAttributeValue& e) {
  if (e.comparison_operator) {
    return Comparison(name, *e.comparison_operator, ExpectedValues(e));
  }
  if (!e.exists.value_or(true)) return Comparison(name, ComparisonOperator::NULL_, {});
  return Comparison(name, ComparisonOperator::EQ, std::span(&*e.value, 1));
}

// Joins the per-attribute tests with ConditionalOperator (AND when absent).
std::shared_ptr<const ConditionNode> Join(std::vector<std::unique_ptr<ConditionNode>> tests,
                                          std::optional<ddb::ConditionalOperator> op) {
  if (tests.empty()) return nullptr;
  if (tests.size() == 1) return std::move(tests[0]);
  auto root = std::make_unique<ConditionNode>();
  root->kind = op == ddb::ConditionalOperator::OR ? ConditionNode::Kind::kOr
                                                  : ConditionNode::Kind::kAnd;
  root->children = std::move(tests);
  return root;
}

std::optional<SortOp> ToSortOp(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::EQ:
      return SortOp::kEq;
    case ComparisonOperator::LT:
      return SortOp::kLt;
    case ComparisonOperator::LE:
      return SortOp::kLe;
    case ComparisonOperator::GT:
      return SortOp::kGt;
    case ComparisonOperator::GE:
      return SortOp::kGe;
    case ComparisonOperator::BETWEEN:
      return SortOp::kBetween;
    case ComparisonOperator::BEGINS_WITH:
      return SortOp::kBeginsWith;
    default:
      return std::nullopt;  // NE, IN, NULL, NOT_NULL, CONTAINS, NOT_CONTAINS
  }
}

// The checks DynamoDB makes on one key attribute's condition once it has the key schema
// (hash key first, then range key). A range key without a condition is fine.
ddb::Status CheckKeyAttribute(const ddb::LegacyConditionMap& conditions, std::string_view key,
                              bool is_hash, bool hash_only, const KeyValueCheck& check_value) {
  if (is_hash && hash_only && conditions.size() > 1) {
    return ddb::ValidationError("Query key condition not supported");
  }
  auto it = conditions.find(key);
  if (it == conditions.end()) {
    if (is_hash || conditions.size() > 1) {
      return ddb::ValidationError("Query condition missed key schema element: " +
                                  std::string(key));
    }
    return ddb::OkStatus();
  }
  const ComparisonOperator op = it->second.comparison_operator;
  if (!ToSortOp(op)) {
    return ddb::ValidationError("Attempted conditional constraint is not an indexable operation");
  }
  if (check_value) {
    for (const auto& v : it->second.attribute_value_list) XR_RETURN_IF_ERROR(check_value(is_hash, v));
  }
  if (is_hash && op != ComparisonOperator::EQ) {
    return ddb::ValidationError("Query key condition not supported");
  }
  return ddb::OkStatus();
}

}  // namespace

ddb::Result<Condition> ConditionFromExpected(const ddb::ExpectedMap& expected,
                                             std::optional<ddb::ConditionalOperator> op) {
  for (const auto& [name, entry] : expected) XR_RETURN_IF_ERROR(ValidateExpected(name, entry));
  std::vector<std::unique_ptr<ConditionNode>> tests;
  for (const auto& [name, entry] : expected) tests.push_back(ExpectedNode(name, entry));
  Condition condition;
  condition.root_ = Join(std::move(tests), op);
  return condition;
}

ddb::Result<Condition> ConditionFromFilter(const ddb::LegacyConditionMap& filter,
                                           std::optional<ddb::ConditionalOperator> op) {
  for (const auto& [name, condition] : filter) XR_RETURN_IF_ERROR(ValidateCondition(condition));
  std::vector<std::unique_ptr<ConditionNode>> tests;
  for (const auto& [name, c] : filter) {
    tests.push_back(Comparison(name, c.comparison_operator, c.attribute_value_list));
  }
  Condition condition;
  condition.root_ = Join(std::move(tests), op);
  return condition;
}

ddb::Status ValidateKeyConditions(const ddb::LegacyConditionMap& conditions) {
  for (const auto& [name, c] : conditions) XR_RETURN_IF_ERROR(ValidateCondition(c));
  if (conditions.size() != 1 && conditions.size() != 2) {
    return ddb::ValidationError("Conditions can be of length 1 or 2 only");
  }
  return ddb::OkStatus();
}

ddb::Result<KeyCondition> KeyConditionFromLegacy(const ddb::LegacyConditionMap& conditions,
                                                 std::string_view hash_key,
                                                 std::optional<std::string_view> range_key,
                                                 const KeyValueCheck& check_value) {
  XR_RETURN_IF_ERROR(ValidateKeyConditions(conditions));
  XR_RETURN_IF_ERROR(
      CheckKeyAttribute(conditions, hash_key, true, !range_key.has_value(), check_value));
  if (range_key) {
    XR_RETURN_IF_ERROR(CheckKeyAttribute(conditions, *range_key, false, false, check_value));
  }

  KeyCondition key;
  key.partition_attribute = std::string(hash_key);
  key.partition_value = conditions.find(hash_key)->second.attribute_value_list[0];
  if (!range_key) return key;
  auto range = conditions.find(*range_key);
  if (range == conditions.end()) return key;
  const auto& values = range->second.attribute_value_list;
  SortKeyCondition sort;
  sort.attribute = std::string(*range_key);
  sort.op = *ToSortOp(range->second.comparison_operator);
  sort.value = values[0];
  if (values.size() > 1) sort.value2 = values[1];
  key.sort = std::move(sort);
  return key;
}

ProjectionList ProjectionFromAttributes(const std::vector<std::string>& attributes) {
  ProjectionList projection;
  for (const auto& name : attributes) {
    projection.paths_.push_back({PathElement{name, std::nullopt}});
  }
  return projection;
}

}  // namespace engine::expr
