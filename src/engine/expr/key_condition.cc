// KeyConditionExpression: DynamoDB parses it with the condition grammar, then accepts only
// "hash = :v" optionally ANDed with one sort-key condition (=, <, <=, >, >=, BETWEEN,
// begins_with). The checks and messages below follow DynamoDB's, in its order.
#include <map>
#include <string>

#include "engine/expr/condition_ast.h"
#include "engine/expr/expressions.h"

namespace engine::expr {
namespace {

constexpr std::string_view kKind = "KeyConditionExpression";

// One primitive condition on one key attribute, as found in the tree.
struct KeyTerm {
  SortOp op = SortOp::kEq;
  ddb::AttributeValue value;
  ddb::AttributeValue value2;
};

ddb::Status CheckTermValues(const KeyTerm& term, bool is_hash, const KeyValueCheck& check) {
  if (!check) return ddb::OkStatus();
  XR_RETURN_IF_ERROR(check(is_hash, term.value));
  if (term.op == SortOp::kBetween) XR_RETURN_IF_ERROR(check(is_hash, term.value2));
  return ddb::OkStatus();
}

// DynamoDB allows ":v < k" and reads it as "k > :v".
SortOp Flipped(SortOp op) {
  switch (op) {
    case SortOp::kLt:
      return SortOp::kGt;
    case SortOp::kLe:
      return SortOp::kGe;
    case SortOp::kGt:
      return SortOp::kLt;
    case SortOp::kGe:
      return SortOp::kLe;
    default:
      return op;
  }
}

SortOp ToSortOp(CompareOp op) {
  switch (op) {
    case CompareOp::kLt:
      return SortOp::kLt;
    case CompareOp::kLe:
      return SortOp::kLe;
    case CompareOp::kGt:
      return SortOp::kGt;
    case CompareOp::kGe:
      return SortOp::kGe;
    default:
      return SortOp::kEq;
  }
}

class KeyTermCollector {
 public:
  // Walks the AND tree left to right; the first problem wins, as in DynamoDB.
  ddb::Status Collect(const ConditionNode& node) {
    using Kind = ConditionNode::Kind;
    switch (node.kind) {
      case Kind::kAnd:
        for (const auto& child : node.children) XR_RETURN_IF_ERROR(Collect(*child));
        return ddb::OkStatus();
      case Kind::kOr:
        return InvalidOperator("OR");
      case Kind::kNot:
        return InvalidOperator("NOT");
      case Kind::kIn:
        return InvalidOperator("IN");
      case Kind::kAttributeExists:
        return InvalidOperator("attribute_exists");
      case Kind::kAttributeNotExists:
        return InvalidOperator("attribute_not_exists");
      case Kind::kAttributeType:
        return InvalidOperator("attribute_type");
      case Kind::kContains:
        return InvalidOperator("contains");
      case Kind::kCompare:
        if (node.op == CompareOp::kNe) return InvalidOperator("<>");
        break;
      case Kind::kBetween:
      case Kind::kBeginsWith:
        if (node.operands[0].kind != Operand::Kind::kPath) {
          return ddb::ValidationError(std::string("Invalid condition in KeyConditionExpression: ") +
                                      (node.kind == Kind::kBetween ? "BETWEEN" : "begins_with") +
                                      " operator must have the key attribute as its first operand");
        }
        break;
    }
    return AddLeaf(node);
  }

  std::map<std::string, KeyTerm, std::less<>>& terms() { return terms_; }

 private:
  static ddb::Error InvalidOperator(std::string_view op) {
    return ddb::ValidationError("Invalid operator used in KeyConditionExpression: " +
                                std::string(op));
  }

  ddb::Status AddLeaf(const ConditionNode& node) {
    const std::string* attribute = nullptr;
    size_t attribute_index = 0;
    for (size_t i = 0; i < node.operands.size(); ++i) {
      const Operand& operand = node.operands[i];
      if (operand.kind == Operand::Kind::kSize) {
        return ddb::ValidationError("KeyConditionExpressions cannot contain nested operations");
      }
      if (operand.kind != Operand::Kind::kPath) continue;
      if (attribute != nullptr) {
        return ddb::ValidationError(
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
            "condition");
      }
      if (operand.path.size() > 1) {
        return ddb::ValidationError(
            "KeyConditionExpressions cannot have conditions on nested attributes");
      }
      attribute = &operand.path[0].name;
      attribute_index = i;
    }
    if (attribute == nullptr) {
      return ddb::ValidationError(
          "Invalid condition in KeyConditionExpression: No key attribute specified");
    }
    if (terms_.count(*attribute) != 0) {
      return ddb::ValidationError(
          "KeyConditionExpressions must only contain one condition per key");
    }
    KeyTerm term;
    switch (node.kind) {
      case ConditionNode::Kind::kBetween:
        term.op = SortOp::kBetween;
        term.value = node.operands[1].value;
        term.value2 = node.operands[2].value;
        break;
      case ConditionNode::Kind::kBeginsWith:
        term.op = SortOp::kBeginsWith;
        term.value = node.operands[1].value;
        break;
      default:
        term.op = ToSortOp(node.op);
        if (attribute_index != 0) term.op = Flipped(term.op);
        term.value = node.operands[attribute_index == 0 ? 1 : 0].value;
        break;
    }
    terms_.emplace(*attribute, std::move(term));
    return ddb::OkStatus();
  }

  std::map<std::string, KeyTerm, std::less<>> terms_;
};

}  // namespace

ddb::Status CheckKeyConditionSyntax(std::string_view expression,
                                    const ddb::ExpressionAttributeNames& names,
                                    const ddb::ExpressionAttributeValues& values, Usage* usage) {
  XR_ASSIGN_OR_RETURN(auto tree, ParseConditionTree(kKind, expression, names, values, usage));
  (void)tree;
  return ddb::OkStatus();
}

ddb::Status CheckKeyConditionShape(std::string_view expression,
                                   const ddb::ExpressionAttributeNames& names,
                                   const ddb::ExpressionAttributeValues& values) {
  Usage ignored;
  XR_ASSIGN_OR_RETURN(auto tree, ParseConditionTree(kKind, expression, names, values, &ignored));
  KeyTermCollector collector;
  XR_RETURN_IF_ERROR(collector.Collect(*tree));
  if (collector.terms().size() > 2) {
    return ddb::ValidationError("Conditions can be of length 1 or 2 only");
  }
  return ddb::OkStatus();
}

ddb::Result<KeyCondition> ParseKeyCondition(std::string_view expression,
                                            const ddb::ExpressionAttributeNames& names,
                                            const ddb::ExpressionAttributeValues& values,
                                            std::string_view hash_key,
                                            std::optional<std::string_view> range_key,
                                            Usage* usage, const KeyValueCheck& check_value) {
  XR_ASSIGN_OR_RETURN(auto tree, ParseConditionTree(kKind, expression, names, values, usage));
  KeyTermCollector collector;
  XR_RETURN_IF_ERROR(collector.Collect(*tree));
  auto& terms = collector.terms();
  if (terms.size() > 2) return ddb::ValidationError("Conditions can be of length 1 or 2 only");

  // Schema checks, in DynamoDB's order: hash key first, then the range key.
  if (!range_key && terms.size() > 1) {
    return ddb::ValidationError("Query key condition not supported");
  }
  auto hash = terms.find(hash_key);
  if (hash == terms.end()) {
    return ddb::ValidationError("Query condition missed key schema element: " +
                                std::string(hash_key));
  }
  XR_RETURN_IF_ERROR(CheckTermValues(hash->second, true, check_value));
  if (hash->second.op != SortOp::kEq) {
    return ddb::ValidationError("Query key condition not supported");
  }
  KeyCondition result;
  result.partition_attribute = std::string(hash_key);
  result.partition_value = std::move(hash->second.value);
  if (terms.size() == 2) {
    auto range = terms.find(*range_key);
    if (range == terms.end()) {
      return ddb::ValidationError("Query condition missed key schema element: " +
                                  std::string(*range_key));
    }
    XR_RETURN_IF_ERROR(CheckTermValues(range->second, false, check_value));
    SortKeyCondition sort;
    sort.attribute = std::string(*range_key);
    sort.op = range->second.op;
    sort.value = std::move(range->second.value);
    sort.value2 = std::move(range->second.value2);
    result.sort = std::move(sort);
  }
  return result;
}

}  // namespace engine::expr
