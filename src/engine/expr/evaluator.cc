// Condition::Evaluate with DynamoDB's semantics: a missing attribute makes every test false
// except "<>" (which is true) and attribute_not_exists; ordering comparisons need operands
// of the same ordered type (S, N, B).
#include <string>

#include "engine/expr/condition_ast.h"
#include "engine/expr/expressions.h"
#include "engine/expr/value_compare.h"

namespace engine::expr {
namespace {

const ddb::AttributeValue* Lookup(const ddb::Item& item, const DocumentPath& path) {
  if (path.empty() || path[0].index) return nullptr;
  auto it = item.find(path[0].name);
  if (it == item.end()) return nullptr;
  const ddb::AttributeValue* v = &it->second;
  for (size_t i = 1; i < path.size(); ++i) {
    const PathElement& e = path[i];
    if (e.index) {
      if (!v->is_l() || *e.index >= v->l().size()) return nullptr;
      v = &v->l()[*e.index];
    } else {
      if (!v->is_m()) return nullptr;
      auto member = v->m().find(e.name);
      if (member == v->m().end()) return nullptr;
      v = &member->second;
    }
  }
  return v;
}

// The length of a (valid) UTF-8 string in UTF-16 code units: one per character, two for a
// character past U+FFFF (a surrogate pair).
int64_t Utf16Length(std::string_view s) {
  int64_t n = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) ++n;  // a character starts here
    if (c >= 0xF0) ++n;           // a four-byte sequence: two UTF-16 units
  }
  return n;
}

// size(): UTF-16 code units of S (as DynamoDB counts them: size("\u00e9\U0001D11E") is 3,
// checked against DynamoDB in ExtendDB/extenddb#67), bytes of B, elements of sets, lists
// and maps; nothing for other types.
std::optional<int64_t> SizeOf(const ddb::AttributeValue& v) {
  switch (v.type()) {
    case ddb::AttributeType::S:
      return Utf16Length(v.s());
    case ddb::AttributeType::B:
      return static_cast<int64_t>(v.b().size());
    case ddb::AttributeType::SS:
      return static_cast<int64_t>(v.ss().size());
    case ddb::AttributeType::NS:
      return static_cast<int64_t>(v.ns().size());
    case ddb::AttributeType::BS:
      return static_cast<int64_t>(v.bs().size());
    case ddb::AttributeType::L:
      return static_cast<int64_t>(v.l().size());
    case ddb::AttributeType::M:
      return static_cast<int64_t>(v.m().size());
    default:
      return std::nullopt;
  }
}

// An operand's value for one item: a pointer into the item or the expression, or (for
// size()) a number computed into scratch. Null when the operand has no value.
const ddb::AttributeValue* Resolve(const Operand& operand, const ddb::Item& item,
                                   ddb::AttributeValue& scratch) {
  switch (operand.kind) {
    case Operand::Kind::kValue:
      return &operand.value;
    case Operand::Kind::kPath:
      return Lookup(item, operand.path);
    case Operand::Kind::kSize: {
      const ddb::AttributeValue* arg =
          operand.size_of_value ? &operand.value : Lookup(item, operand.path);
      if (arg == nullptr) return nullptr;
      auto size = SizeOf(*arg);
      if (!size) return nullptr;
      scratch = ddb::AttributeValue::N(*size);
      return &scratch;
    }
  }
  return nullptr;
}

bool Compare(CompareOp op, const ddb::AttributeValue* a, const ddb::AttributeValue* b) {
  if (a == nullptr || b == nullptr) return op == CompareOp::kNe;
  switch (op) {
    case CompareOp::kEq:
      return *a == *b;
    case CompareOp::kNe:
      return !(*a == *b);
    default:
      break;
  }
  auto order = CompareOrdered(*a, *b);
  if (!order) return false;
  switch (op) {
    case CompareOp::kLt:
      return *order < 0;
    case CompareOp::kLe:
      return *order <= 0;
    case CompareOp::kGt:
      return *order > 0;
    case CompareOp::kGe:
      return *order >= 0;
    default:
      return false;
  }
}

bool BeginsWith(const ddb::AttributeValue* a, const ddb::AttributeValue* prefix) {
  if (a == nullptr || prefix == nullptr || a->type() != prefix->type()) return false;
  if (a->is_s()) return std::string_view(a->s()).starts_with(prefix->s());
  if (a->is_b()) return std::string_view(a->b()).starts_with(prefix->b());
  return false;
}

bool Contains(const ddb::AttributeValue* a, const ddb::AttributeValue* x) {
  if (a == nullptr || x == nullptr) return false;
  switch (a->type()) {
    case ddb::AttributeType::S:
      return x->is_s() && a->s().find(x->s()) != std::string::npos;
    case ddb::AttributeType::SS:
      if (!x->is_s()) return false;
      for (const auto& s : a->ss()) {
        if (s == x->s()) return true;
      }
      return false;
    case ddb::AttributeType::NS:
      if (!x->is_n()) return false;
      for (const auto& n : a->ns()) {
        if (n == x->n()) return true;
      }
      return false;
    case ddb::AttributeType::BS:
      if (!x->is_b()) return false;
      for (const auto& b : a->bs()) {
        if (b == x->b()) return true;
      }
      return false;
    case ddb::AttributeType::L:
      for (const auto& element : a->l()) {
        if (element == *x) return true;
      }
      return false;
    default:
      return false;
  }
}

// Legacy CONTAINS: a B attribute containing the B operand's bytes, else as contains().
bool LegacyContains(const ddb::AttributeValue* a, const ddb::AttributeValue* x) {
  if (a != nullptr && x != nullptr && a->is_b() && x->is_b()) {
    return a->b().find(x->b()) != std::string::npos;
  }
  return Contains(a, x);
}

bool Eval(const ConditionNode& node, const ddb::Item& item) {
  using Kind = ConditionNode::Kind;
  ddb::AttributeValue s0, s1, s2;
  switch (node.kind) {
    case Kind::kAnd:
      for (const auto& child : node.children) {
        if (!Eval(*child, item)) return false;
      }
      return true;
    case Kind::kOr:
      for (const auto& child : node.children) {
        if (Eval(*child, item)) return true;
      }
      return false;
    case Kind::kNot:
      return !Eval(*node.children[0], item);
    case Kind::kCompare:
      return Compare(node.op, Resolve(node.operands[0], item, s0),
                     Resolve(node.operands[1], item, s1));
    case Kind::kBetween: {
      const auto* a = Resolve(node.operands[0], item, s0);
      return Compare(CompareOp::kGe, a, Resolve(node.operands[1], item, s1)) &&
             Compare(CompareOp::kLe, a, Resolve(node.operands[2], item, s2));
    }
    case Kind::kIn: {
      const auto* a = Resolve(node.operands[0], item, s0);
      if (a == nullptr) return false;
      for (size_t i = 1; i < node.operands.size(); ++i) {
        const auto* candidate = Resolve(node.operands[i], item, s1);
        if (candidate != nullptr && *a == *candidate) return true;
      }
      return false;
    }
    case Kind::kAttributeExists:
      return Lookup(item, node.operands[0].path) != nullptr;
    case Kind::kAttributeNotExists:
      return Lookup(item, node.operands[0].path) == nullptr;
    case Kind::kAttributeType: {
      const auto* a = Resolve(node.operands[0], item, s0);
      const auto* type = Resolve(node.operands[1], item, s1);
      return a != nullptr && type != nullptr && type->is_s() &&
             ddb::AttributeTypeName(a->type()) == type->s();
    }
    case Kind::kBeginsWith:
      return BeginsWith(Resolve(node.operands[0], item, s0), Resolve(node.operands[1], item, s1));
    case Kind::kContains: {
      const auto* a = Resolve(node.operands[0], item, s0);
      const auto* x = Resolve(node.operands[1], item, s1);
      return node.binary_subsequence ? LegacyContains(a, x) : Contains(a, x);
    }
  }
  return false;
}

}  // namespace

bool Condition::Evaluate(const ddb::Item& item) const {
  return root_ == nullptr || Eval(*root_, item);
}

ddb::Result<Condition> ParseCondition(std::string_view expression,
                                      const ddb::ExpressionAttributeNames& names,
                                      const ddb::ExpressionAttributeValues& values, Usage* usage,
                                      ConditionKind kind) {
  const std::string_view label =
      kind == ConditionKind::kFilter ? "FilterExpression" : "ConditionExpression";
  XR_ASSIGN_OR_RETURN(auto tree, ParseConditionTree(label, expression, names, values, usage));
  Condition condition;
  condition.root_ = std::shared_ptr<const ConditionNode>(std::move(tree));
  return condition;
}

ddb::Result<Condition> ParseCondition(std::string_view expression,
                                      const ddb::ExpressionAttributeNames& names,
                                      const ddb::ExpressionAttributeValues& values, Usage* usage) {
  return ParseCondition(expression, names, values, usage, ConditionKind::kCondition);
}

}  // namespace engine::expr
