// Recursive-descent parser for DynamoDB conditions. Grammar (keywords case-insensitive,
// function names case-sensitive, precedence NOT > AND > OR):
//
//   or         := and { OR and }
//   and        := not { AND not }
//   not        := NOT not | comparison
//   comparison := primary [ comparator operand | BETWEEN operand AND operand
//                           | IN ( operand { , operand } ) ]
//   primary    := ( or ) | function | operand
//   operand    := ( operand ) | function | :value | path
//
// A primary may turn out to be an operand (e.g. "(a) = :v") or a condition; the rules above
// it decide whether that role fits. Semantic errors are collected and reported by
// DynamoDB's priority once the whole text has parsed (see ParseErrors).
#include <optional>
#include <string>

#include "ddb/base64.h"
#include "engine/expr/condition_ast.h"
#include "engine/expr/parser_base.h"
#include "engine/expr/value_compare.h"

namespace engine::expr {
namespace {

constexpr size_t kMaxInOperands = 100;

// What a primary turned out to be. A call of a function other than size() is a condition;
// size() and unknown functions can stand in either role, so both members may be set.
struct Parsed {
  std::unique_ptr<ConditionNode> cond;
  std::optional<Operand> operand;
  std::string function;  // the function's name when this is a call
  bool wrapped = false;  // directly enclosed in parentheses
};

std::optional<CompareOp> ComparatorOf(TokenType type) {
  switch (type) {
    case TokenType::kEq:
      return CompareOp::kEq;
    case TokenType::kNe:
      return CompareOp::kNe;
    case TokenType::kLt:
      return CompareOp::kLt;
    case TokenType::kLe:
      return CompareOp::kLe;
    case TokenType::kGt:
      return CompareOp::kGt;
    case TokenType::kGe:
      return CompareOp::kGe;
    default:
      return std::nullopt;
  }
}

// The type DynamoDB can tell from the expression alone: a :value's type, "N" for size().
std::optional<std::string_view> StaticType(const Operand& operand) {
  switch (operand.kind) {
    case Operand::Kind::kValue:
      return ddb::AttributeTypeName(operand.value.type());
    case Operand::Kind::kSize:
      return "N";
    case Operand::Kind::kPath:
      return std::nullopt;
  }
  return std::nullopt;
}

// "AttributeValue: {N:1}" as DynamoDB prints a BETWEEN bound.
std::string BoundToString(const ddb::AttributeValue& v) {
  std::string text;
  switch (v.type()) {
    case ddb::AttributeType::S:
      text = v.s();
      break;
    case ddb::AttributeType::N:
      text = v.n().ToString();
      break;
    case ddb::AttributeType::B:
      text = ddb::Base64Encode(v.b());
      break;
    default:
      return "AttributeValue: " + v.DebugString();
  }
  return "AttributeValue: {" + std::string(ddb::AttributeTypeName(v.type())) + ":" + text + "}";
}

std::unique_ptr<ConditionNode> NewNode(ConditionNode::Kind kind) {
  auto node = std::make_unique<ConditionNode>();
  node->kind = kind;
  return node;
}

class ConditionParser : public ParserBase {
 public:
  ConditionParser(std::string_view src, const ddb::ExpressionAttributeNames& names,
                  const ddb::ExpressionAttributeValues& values, Usage* usage)
      : ParserBase(src, names, usage), values_(values) {}

  ddb::Result<std::unique_ptr<ConditionNode>> Parse(std::string_view kind) {
    std::unique_ptr<ConditionNode> root;
    Parsed top = ParseOr();
    if (!failed()) root = AsCondition(std::move(top));
    if (!failed() && !At(TokenType::kEnd)) SyntaxError();
    XR_RETURN_IF_ERROR(Finish(kind));
    return root;
  }

 private:
  Parsed ParseOr() { return ParseChain("OR", ConditionNode::Kind::kOr); }
  Parsed ParseAnd() { return ParseChain("AND", ConditionNode::Kind::kAnd); }

  // "x AND y AND z" as one n-ary node, so long chains stay shallow.
  Parsed ParseChain(std::string_view keyword, ConditionNode::Kind kind) {
    const bool is_or = kind == ConditionNode::Kind::kOr;
    Parsed first = is_or ? ParseAnd() : ParseNot();
    if (failed() || !IsKeyword(Peek(), keyword)) return first;
    auto node = NewNode(kind);
    node->children.push_back(AsCondition(std::move(first)));
    while (!failed() && IsKeyword(Peek(), keyword)) {
      Next();
      Parsed next = is_or ? ParseAnd() : ParseNot();
      if (failed()) break;
      node->children.push_back(AsCondition(std::move(next)));
    }
    if (failed()) return {};
    Parsed out;
    out.cond = std::move(node);
    return out;
  }

  Parsed ParseNot() {
    if (!IsKeyword(Peek(), "NOT")) return ParseComparison();
    if (!Enter()) return {};
    Next();
    Parsed child = ParseNot();
    Leave();
    if (failed()) return {};
    auto node = NewNode(ConditionNode::Kind::kNot);
    node->children.push_back(AsCondition(std::move(child)));
    if (failed()) return {};
    Parsed out;
    out.cond = std::move(node);
    return out;
  }

  Parsed ParseComparison() {
    Parsed left = ParsePrimary(/*operand_only=*/false);
    if (failed()) return {};
    const Token& token = Peek();
    std::unique_ptr<ConditionNode> node;
    if (auto op = ComparatorOf(token.type)) {
      node = NewNode(ConditionNode::Kind::kCompare);
      node->op = *op;
      if (!AddOperand(node.get(), AsOperand(std::move(left)))) return {};
      const std::string op_text(token.text);
      Next();
      if (!AddOperand(node.get(), ParseOperand())) return {};
      CheckDistinct(op_text, node->operands);
      if (*op != CompareOp::kEq && *op != CompareOp::kNe) {
        CheckOrderable(op_text, node->operands);
      }
    } else if (IsKeyword(token, "BETWEEN")) {
      node = NewNode(ConditionNode::Kind::kBetween);
      if (!AddOperand(node.get(), AsOperand(std::move(left)))) return {};
      Next();
      if (!AddOperand(node.get(), ParseOperand())) return {};
      if (!IsKeyword(Peek(), "AND")) {
        SyntaxError();
        return {};
      }
      Next();
      if (!AddOperand(node.get(), ParseOperand())) return {};
      CheckBetweenBounds(node->operands[1], node->operands[2]);
    } else if (IsKeyword(token, "IN")) {
      node = NewNode(ConditionNode::Kind::kIn);
      if (!AddOperand(node.get(), AsOperand(std::move(left)))) return {};
      Next();
      if (!Expect(TokenType::kLParen)) return {};
      do {
        if (node->operands.size() > 1) Next();  // the comma
        if (!AddOperand(node.get(), ParseOperand())) return {};
      } while (At(TokenType::kComma));
      if (!Expect(TokenType::kRParen)) return {};
      if (node->operands.size() - 1 > kMaxInOperands) {
        errors_.Add(ParseErrors::kOperandCount,
                    "The IN operator is provided with too many operands; number of operands: " +
                        std::to_string(node->operands.size() - 1));
      }
    } else {
      return left;
    }
    Parsed out;
    out.cond = std::move(node);
    return out;
  }

  Parsed ParsePrimary(bool operand_only) {
    const Token& token = Peek();
    if (token.type == TokenType::kLParen) {
      if (!Enter()) return {};
      Next();
      Parsed inner = operand_only ? ParsePrimary(true) : ParseOr();
      Leave();
      if (failed() || !Expect(TokenType::kRParen)) return {};
      if (inner.wrapped) {
        errors_.Add(ParseErrors::kParens, "The expression has redundant parentheses;");
      }
      inner.wrapped = true;
      return inner;
    }
    if (token.type == TokenType::kName && Peek(1).type == TokenType::kLParen &&
        !IsAnyKeyword(token)) {
      return ParseFunction();
    }
    Parsed out;
    if (token.type == TokenType::kValuePlaceholder) {
      out.operand = ValueOperand(Next());
      return out;
    }
    if (AtPathStart()) {
      auto path = ParsePath();
      if (!path) return {};
      out.operand = Operand{Operand::Kind::kPath, std::move(*path), {}, false};
      return out;
    }
    SyntaxError();
    return {};
  }

  Parsed ParseFunction();

  std::optional<Operand> ParseOperand() {
    Parsed p = ParsePrimary(/*operand_only=*/true);
    if (failed()) return std::nullopt;
    return AsOperand(std::move(p));
  }

  // A primary where a condition must stand. On a wrong role the result is a placeholder
  // node; the recorded error makes sure nobody evaluates it.
  std::unique_ptr<ConditionNode> AsCondition(Parsed p) {
    if (p.cond) return std::move(p.cond);
    if (p.function == "size") {
      Misused("size");
    } else {
      SyntaxError();  // a bare operand: DynamoDB wanted a comparator at this token
    }
    return NewNode(ConditionNode::Kind::kAnd);
  }

  // A primary where an operand must stand (nullopt only after a syntax error).
  std::optional<Operand> AsOperand(Parsed p) {
    if (!p.function.empty() && p.function != "size") Misused(p.function);
    if (p.operand) return std::move(p.operand);
    if (p.function.empty()) {
      SyntaxError();  // a parenthesized condition used as a value
      return std::nullopt;
    }
    return Operand{};
  }

  bool AddOperand(ConditionNode* node, std::optional<Operand> operand) {
    if (failed() || !operand) return false;
    node->operands.push_back(std::move(*operand));
    return true;
  }



  Operand ValueOperand(const Token& token) {
    Operand operand;
    auto it = values_.find(token.text);
    if (it == values_.end()) {
      errors_.Add(ParseErrors::kUndefined,
                  "An expression attribute value used in expression is not defined; "
                  "attribute value: " +
                      std::string(token.text));
      return operand;
    }
    if (usage_ != nullptr) usage_->values.emplace(token.text);
    operand.value = it->second;
    return operand;
  }

  void Misused(std::string_view function) {
    errors_.Add(ParseErrors::kMisusedFunction,
                "The function is not allowed to be used this way in an expression; function: " +
                    std::string(function));
  }

  void OperandTypeError(std::string_view function, std::string_view type) {
    errors_.Add(ParseErrors::kOperandType,
                "Incorrect operand type for operator or function; operator or function: " +
                    std::string(function) + ", operand type: " + std::string(type));
  }

  // DynamoDB rejects "a = a", "contains(a, a)": the two operands must differ.
  void CheckDistinct(std::string_view op, const std::vector<Operand>& operands) {
    if (operands.size() != 2 || operands[0].kind != Operand::Kind::kPath ||
        operands[1].kind != Operand::Kind::kPath) {
      return;
    }
    const DocumentPath& a = operands[0].path;
    const DocumentPath& b = operands[1].path;
    if (a.size() != b.size()) return;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].name != b[i].name || a[i].index != b[i].index) return;
    }
    errors_.Add(ParseErrors::kDistinct,
                "The first operand must be distinct from the remaining operands for this "
                "operator or function; operator: " +
                    std::string(op) + ", first operand: " + PathToString(a));
  }

  // A constant that can never be ordered ("a < :list") is an error, not a false comparison;
  // an item attribute of such a type only makes the comparison false.
  void CheckOrderable(std::string_view op, const std::vector<Operand>& operands) {
    for (const Operand& operand : operands) {
      auto type = StaticType(operand);
      if (type && *type != "S" && *type != "N" && *type != "B") {
        OperandTypeError(op, *type);
        return;
      }
    }
  }

  void CheckBetweenBounds(const Operand& lower, const Operand& upper) {
    if (lower.kind != Operand::Kind::kValue || upper.kind != Operand::Kind::kValue) return;
    const std::string bounds = "lower bound operand: " + BoundToString(lower.value) +
                               ", upper bound operand: " + BoundToString(upper.value);
    if (lower.value.type() != upper.value.type()) {
      errors_.Add(
          ParseErrors::kOperandType,
          "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
      return;
    }
    auto order = CompareOrdered(lower.value, upper.value);
    if (order && *order > 0) {
      errors_.Add(ParseErrors::kOperandType,
                  "The BETWEEN operator requires upper bound to be greater than or equal to "
                  "lower bound; " +
                      bounds);
    }
  }

  const ddb::ExpressionAttributeValues& values_;
};

Parsed ConditionParser::ParseFunction() {
  const std::string name(Next().text);
  Next();  // '('
  if (!Enter()) return {};
  std::vector<Parsed> args;
  do {
    if (!args.empty()) Next();  // the comma
    args.push_back(ParsePrimary(/*operand_only=*/true));
    if (failed()) return {};
  } while (At(TokenType::kComma));
  Leave();
  if (!Expect(TokenType::kRParen)) return {};

  struct FunctionInfo {
    std::string_view name;
    size_t arity;
    ConditionNode::Kind kind;
  };
  static constexpr FunctionInfo kFunctions[] = {
      {"attribute_exists", 1, ConditionNode::Kind::kAttributeExists},
      {"attribute_not_exists", 1, ConditionNode::Kind::kAttributeNotExists},
      {"attribute_type", 2, ConditionNode::Kind::kAttributeType},
      {"begins_with", 2, ConditionNode::Kind::kBeginsWith},
      {"contains", 2, ConditionNode::Kind::kContains},
      {"size", 1, ConditionNode::Kind::kAnd},  // kind unused: size() is an operand
  };
  const FunctionInfo* info = nullptr;
  for (const auto& f : kFunctions) {
    if (f.name == name) info = &f;
  }

  std::vector<Operand> operands;
  for (Parsed& arg : args) {
    if (!arg.function.empty() && arg.function != "size") Misused(arg.function);
    operands.push_back(arg.operand ? std::move(*arg.operand) : Operand{});
  }

  Parsed out;
  out.function = name;
  const bool is_size = info != nullptr && info->name == "size";
  // Whatever goes wrong below, the result keeps the role the function normally has.
  if (info == nullptr || !is_size) out.cond = NewNode(ConditionNode::Kind::kAnd);
  if (info == nullptr || is_size) out.operand = Operand{};
  if (info == nullptr) {
    errors_.Add(ParseErrors::kUnknownFunction, "Invalid function name; function: " + name);
    return out;
  }
  if (operands.size() != info->arity) {
    errors_.Add(ParseErrors::kOperandCount,
                "Incorrect number of operands for operator or function; operator or function: " +
                    name + ", number of operands: " + std::to_string(operands.size()));
    return out;
  }
  CheckDistinct(name, operands);

  switch (info->kind) {
    case ConditionNode::Kind::kAttributeExists:
    case ConditionNode::Kind::kAttributeNotExists:
      if (operands[0].kind != Operand::Kind::kPath) {
        errors_.Add(ParseErrors::kOperandType,
                    "Operator or function requires a document path; operator or function: " + name);
      }
      break;
    case ConditionNode::Kind::kBeginsWith:
      for (const Operand& operand : operands) {
        auto type = StaticType(operand);
        if (type && *type != "S" && *type != "B") {
          OperandTypeError(name, *type);
          break;
        }
      }
      break;
    case ConditionNode::Kind::kAttributeType: {
      auto type = StaticType(operands[1]);
      if (type != "S") {
        OperandTypeError(name, type ? *type : "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        break;
      }
      static constexpr std::string_view kTypes[] = {"S", "N", "B",  "BOOL", "NULL",
                                                    "M", "L", "SS", "NS",   "BS"};
      bool known = false;
      for (auto t : kTypes) known = known || t == operands[1].value.s();
      if (!known) {
        errors_.Add(ParseErrors::kOperandType,
                    "Invalid attribute type name found; type: " + operands[1].value.s() +
                        ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
      }
      break;
    }
    default:
      break;
  }

  if (is_size) {
    auto type = StaticType(operands[0]);
    if (type == "N" || type == "BOOL" || type == "NULL") OperandTypeError(name, *type);
    Operand size;
    size.kind = Operand::Kind::kSize;
    size.size_of_value = operands[0].kind == Operand::Kind::kValue;
    if (size.size_of_value) {
      size.value = std::move(operands[0].value);
    } else {
      size.path = std::move(operands[0].path);
    }
    out.operand = std::move(size);
    return out;
  }
  out.cond->kind = info->kind;
  out.cond->operands = std::move(operands);
  return out;
}

}  // namespace

ddb::Result<std::unique_ptr<ConditionNode>> ParseConditionTree(
    std::string_view kind, std::string_view expression, const ddb::ExpressionAttributeNames& names,
    const ddb::ExpressionAttributeValues& values, Usage* usage) {
  XR_RETURN_IF_ERROR(CheckExpressionText(kind, expression));
  ConditionParser parser(expression, names, values, usage);
  return parser.Parse(kind);
}

}  // namespace engine::expr
