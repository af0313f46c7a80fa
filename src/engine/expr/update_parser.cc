// Recursive-descent parser for DynamoDB update expressions. Grammar (clause keywords
// case-insensitive, function names case-sensitive):
//
//   update  := clause { clause }            each of SET/REMOVE/ADD/DELETE at most once
//   clause  := SET path = value { , path = value }
//            | REMOVE path { , path }
//            | ADD path :value { , path :value }
//            | DELETE path :value { , path :value }
//   value   := term [ ( + | - ) term ]
//   term    := ( value ) | function ( value { , value } ) | :value | path
//
// Semantic errors are collected and reported once the whole text has parsed, by the priority
// DynamoDB uses for update expressions (kUpdateErrorOrder below).
#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "engine/expr/parser_base.h"
#include "engine/expr/update_ast.h"

namespace engine::expr {
namespace {

constexpr std::string_view kKind = "UpdateExpression";

// Reserved words first, then unknown functions, repeated clauses, undefined names, undefined
// values, overlapping and conflicting paths, ADD/DELETE operand types, and last the operand
// counts and types of functions and + / -.
const std::vector<ParseErrors::Category> kUpdateErrorOrder = {
    ParseErrors::kReserved,  ParseErrors::kUnknownFunction, ParseErrors::kSection,
    ParseErrors::kUndefined, ParseErrors::kUndefinedValue,  ParseErrors::kOverlap,
    ParseErrors::kConflict,  ParseErrors::kOperator,        ParseErrors::kOperandCount,
};

constexpr std::string_view kClauses[] = {"SET", "REMOVE", "ADD", "DELETE"};

// Functions of condition expressions; DynamoDB names them as misplaced, not unknown.
constexpr std::string_view kConditionFunctions[] = {
    "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains",
    "size"};

// How DynamoDB names a value's type in ADD/DELETE operand errors; empty for the set types,
// which both accept.
std::string_view OperatorTypeName(ddb::AttributeType type) {
  switch (type) {
    case ddb::AttributeType::S:
      return "STRING";
    case ddb::AttributeType::N:
      return "NUMBER";
    case ddb::AttributeType::B:
      return "BINARY";
    case ddb::AttributeType::NULL_:
      return "NULL";
    case ddb::AttributeType::BOOL:
      return "BOOLEAN";
    case ddb::AttributeType::L:
      return "LIST";
    case ddb::AttributeType::M:
      return "MAP";
    default:
      return "";
  }
}

class UpdateParser : public ParserBase {
 public:
  UpdateParser(std::string_view src, const ddb::ExpressionAttributeNames& names,
               const ddb::ExpressionAttributeValues& values, Usage* usage)
      : ParserBase(src, names, usage), values_(values) {
    errors_ = ParseErrors(kUpdateErrorOrder);
  }

  ddb::Result<UpdatePlan> Parse() {
    UpdatePlan plan;
    do {
      ParseClause(&plan);
    } while (!failed() && !At(TokenType::kEnd));
    XR_RETURN_IF_ERROR(Finish(kKind));
    return plan;
  }

 private:
  std::optional<std::string_view> ClauseAt() const {
    for (std::string_view clause : kClauses) {
      if (IsKeyword(Peek(), clause)) return clause;
    }
    return std::nullopt;
  }

  void ParseClause(UpdatePlan* plan) {
    auto clause = ClauseAt();
    if (!clause) {
      SyntaxError();
      return;
    }
    Next();
    if (!seen_clauses_.insert(std::string(*clause)).second) {
      errors_.Add(ParseErrors::kSection, "The \"" + std::string(*clause) +
                                             "\" section can only be used once in an update "
                                             "expression;");
    }
    UpdateAction::Kind kind = UpdateAction::Kind::kSet;
    if (*clause == "REMOVE") kind = UpdateAction::Kind::kRemove;
    if (*clause == "ADD") kind = UpdateAction::Kind::kAdd;
    if (*clause == "DELETE") kind = UpdateAction::Kind::kDelete;
    bool first = true;
    do {
      if (!first) Next();  // the comma
      first = false;
      auto action = ParseAction(kind);
      if (!action) return;
      CheckPath(plan->paths, action->path);
      plan->paths.push_back(action->path);
      plan->actions.push_back(std::move(*action));
    } while (At(TokenType::kComma));
    // An action ends at a comma, the next clause or the end of the text.
    if (!At(TokenType::kEnd) && !ClauseAt()) SyntaxError();
  }

  std::optional<UpdateAction> ParseAction(UpdateAction::Kind kind) {
    UpdateAction action;
    action.kind = kind;
    auto path = ParseActionPath();
    if (!path) return std::nullopt;
    action.path = std::move(*path);
    switch (kind) {
      case UpdateAction::Kind::kSet: {
        if (!Expect(TokenType::kEq)) return std::nullopt;
        auto value = ParseValue();
        if (!value) return std::nullopt;
        action.value = std::move(*value);
        break;
      }
      case UpdateAction::Kind::kAdd:
      case UpdateAction::Kind::kDelete: {
        if (!At(TokenType::kValuePlaceholder)) {
          SyntaxError();
          return std::nullopt;
        }
        action.value = ValueOperand(Next());
        CheckOperatorType(kind == UpdateAction::Kind::kAdd ? "ADD" : "DELETE", action.value);
        break;
      }
      default:
        break;
    }
    return action;
  }

  // A clause keyword cannot start a path ("SET a = :v, REMOVE b" is a syntax error at REMOVE).
  std::optional<DocumentPath> ParseActionPath() {
    if (ClauseAt()) {
      SyntaxError();
      return std::nullopt;
    }
    return ParsePath();
  }

  std::optional<UpdateValue> ParseValue() {
    auto left = ParseTerm();
    if (!left) return std::nullopt;
    if (!At(TokenType::kPlus) && !At(TokenType::kMinus)) return left;
    const bool plus = Next().type == TokenType::kPlus;
    auto right = ParseTerm();
    if (!right) return std::nullopt;
    UpdateValue sum;
    sum.kind = plus ? UpdateValue::Kind::kPlus : UpdateValue::Kind::kMinus;
    sum.args.push_back(std::move(*left));
    sum.args.push_back(std::move(*right));
    CheckArgumentTypes(plus ? "+" : "-", "N", sum.args);
    return sum;
  }

  std::optional<UpdateValue> ParseTerm() {
    const Token& token = Peek();
    if (token.type == TokenType::kLParen) {
      if (!Enter()) return std::nullopt;
      Next();
      auto inner = ParseValue();
      Leave();
      if (!inner || !Expect(TokenType::kRParen)) return std::nullopt;
      return inner;
    }
    if (token.type == TokenType::kName && Peek(1).type == TokenType::kLParen &&
        !IsAnyKeyword(token) && !ClauseAt()) {
      return ParseFunction();
    }
    if (token.type == TokenType::kValuePlaceholder) return ValueOperand(Next());
    if (AtPathStart() && !ClauseAt()) {
      auto path = ParsePath();
      if (!path) return std::nullopt;
      UpdateValue value;
      value.kind = UpdateValue::Kind::kPath;
      value.path = std::move(*path);
      return value;
    }
    SyntaxError();
    return std::nullopt;
  }

  std::optional<UpdateValue> ParseFunction();

  UpdateValue ValueOperand(const Token& token) {
    UpdateValue operand;
    auto it = values_.find(token.text);
    if (it == values_.end()) {
      errors_.Add(ParseErrors::kUndefinedValue,
                  "An expression attribute value used in expression is not defined; "
                  "attribute value: " +
                      std::string(token.text));
      return operand;
    }
    if (usage_ != nullptr) usage_->values.emplace(token.text);
    operand.value = it->second;
    return operand;
  }

  // ADD takes a number or a set, DELETE only a set; other constants are refused up front.
  void CheckOperatorType(std::string_view op, const UpdateValue& operand) {
    const ddb::AttributeType type = operand.value.type();
    std::string_view name = OperatorTypeName(type);
    if (name.empty() || (op == "ADD" && type == ddb::AttributeType::N)) return;
    errors_.Add(ParseErrors::kOperator,
                "Incorrect operand type for operator or function; operator: " + std::string(op) +
                    ", operand type: " + std::string(name));
  }

  // A constant argument of the wrong type (only constants can be told before applying).
  void CheckArgumentTypes(std::string_view function, std::string_view want,
                          const std::vector<UpdateValue>& args) {
    for (const UpdateValue& arg : args) {
      if (arg.kind != UpdateValue::Kind::kValue) continue;
      std::string_view type = ddb::AttributeTypeName(arg.value.type());
      if (type == want) continue;
      errors_.Add(ParseErrors::kOperandCount,
                  "Incorrect operand type for operator or function; operator or function: " +
                      std::string(function) + ", operand type: " + std::string(type));
      return;
    }
  }

  // DynamoDB refuses two actions on one path or on paths where one contains the other
  // ("overlap"), and paths that use one attribute both as a map and as a list ("conflict").
  void CheckPath(const std::vector<DocumentPath>& earlier, const DocumentPath& path) {
    for (const DocumentPath& other : earlier) {
      const size_t common = std::min(other.size(), path.size());
      size_t k = 0;
      while (k < common && other[k].index.has_value() == path[k].index.has_value() &&
             other[k].name == path[k].name && other[k].index == path[k].index) {
        ++k;
      }
      const std::string paths = "; must remove or rewrite one of these paths; path one: " +
                                PathToString(other) + ", path two: " + PathToString(path);
      if (k == common) {
        errors_.Add(ParseErrors::kOverlap, "Two document paths overlap with each other" + paths);
        return;
      }
      if (other[k].index.has_value() != path[k].index.has_value()) {
        errors_.Add(ParseErrors::kConflict,
                    "Two document paths conflict with each other" + paths);
      }
    }
  }



  const ddb::ExpressionAttributeValues& values_;
  std::set<std::string> seen_clauses_;
};

std::optional<UpdateValue> UpdateParser::ParseFunction() {
  const std::string name(Next().text);
  Next();  // '('
  if (!Enter()) return std::nullopt;
  std::vector<UpdateValue> args;
  do {
    if (!args.empty()) Next();  // the comma
    auto arg = ParseValue();
    if (!arg) return std::nullopt;
    args.push_back(std::move(*arg));
  } while (At(TokenType::kComma));
  Leave();
  if (!Expect(TokenType::kRParen)) return std::nullopt;

  UpdateValue call;
  call.args = std::move(args);
  if (name == "if_not_exists") {
    call.kind = UpdateValue::Kind::kIfNotExists;
  } else if (name == "list_append") {
    call.kind = UpdateValue::Kind::kListAppend;
  } else {
    bool condition_function = false;
    for (std::string_view f : kConditionFunctions) condition_function |= f == name;
    errors_.Add(ParseErrors::kUnknownFunction,
                condition_function
                    ? "The function is not allowed in an update expression; function: " + name
                    : "Invalid function name; function: " + name);
    return call;
  }
  if (call.args.size() != 2) {
    errors_.Add(ParseErrors::kOperandCount,
                "Incorrect number of operands for operator or function; operator or function: " +
                    name + ", number of operands: " + std::to_string(call.args.size()));
    return call;
  }
  if (call.kind == UpdateValue::Kind::kIfNotExists) {
    if (call.args[0].kind != UpdateValue::Kind::kPath) {
      errors_.Add(ParseErrors::kOperandCount,
                  "Operator or function requires a document path; operator or function: " + name);
    }
  } else {
    CheckArgumentTypes(name, "L", call.args);
  }
  return call;
}

}  // namespace

ddb::Result<UpdateExpression> ParseUpdate(std::string_view expression,
                                          const ddb::ExpressionAttributeNames& names,
                                          const ddb::ExpressionAttributeValues& values,
                                          Usage* usage) {
  XR_RETURN_IF_ERROR(CheckExpressionText(kKind, expression));
  UpdateParser parser(expression, names, values, usage);
  XR_ASSIGN_OR_RETURN(UpdatePlan plan, parser.Parse());
  UpdateExpression update;
  update.plan_ = std::make_shared<const UpdatePlan>(std::move(plan));
  return update;
}

}  // namespace engine::expr
