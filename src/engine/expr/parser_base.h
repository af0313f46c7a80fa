// What the condition and projection parsers share: the token cursor, document paths with
// #name substitution, reserved-word checks and DynamoDB's error reporting.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/model.h"
#include "ddb/result.h"
#include "engine/expr/expressions.h"
#include "engine/expr/lexer.h"

namespace engine::expr {

// DynamoDB caps every expression string at 4 KB.
constexpr size_t kMaxExpressionBytes = 4096;
// Parentheses and NOTs nest at most this deep, so a hostile "((((…" cannot overflow the stack.
constexpr int kMaxNestingDepth = 256;

// An error DynamoDB reports as "Invalid <kind>: <message>", e.g. kind "ConditionExpression".
ddb::Error InvalidExpression(std::string_view kind, std::string_view message);

// Checks DynamoDB does before parsing: empty expression, size limit.
ddb::Status CheckExpressionText(std::string_view kind, std::string_view expression);

// Semantic errors found while parsing. DynamoDB parses the whole expression and then reports
// one error by a fixed priority (a syntax error first, then redundant parentheses, unknown
// functions, ...), so the parser records the first error of each category and goes on.
class ParseErrors {
 public:
  enum Category {
    kSyntax,
    kParens,
    kUnknownFunction,
    kMisusedFunction,
    kReserved,
    kUndefined,
    kOperandCount,
    kDistinct,
    kOperandType,
    // Used only by the update expression, which has its own priority (see UpdateParser).
    kSection,
    kUndefinedValue,
    kOverlap,
    kConflict,
    kOperator,
    kCategoryCount,
  };
  // The default priority is the order of Category above.
  ParseErrors() = default;
  // A different priority: categories earlier in order win; kSyntax always wins first.
  explicit ParseErrors(std::vector<Category> order) : order_(std::move(order)) {}
  void Add(Category category, std::string message) {
    if (!messages_[category]) messages_[category] = std::move(message);
  }
  bool syntax_failed() const { return messages_[kSyntax].has_value(); }
  // The message DynamoDB would report, if any.
  std::optional<std::string> First() const;

 private:
  std::array<std::optional<std::string>, kCategoryCount> messages_;
  std::vector<Category> order_;
};

// "[a, b, [2]]": how DynamoDB prints a document path in error messages.
std::string PathToString(const DocumentPath& path);

class ParserBase {
 protected:
  ParserBase(std::string_view src, const ddb::ExpressionAttributeNames& names, Usage* usage);

  const Token& Peek(size_t ahead = 0) const;
  const Token& Next();
  bool At(TokenType type) const { return Peek().type == type; }
  // True for a kName token spelling keyword (AND, OR, NOT, BETWEEN, IN) in any case.
  static bool IsKeyword(const Token& token, std::string_view keyword);
  static bool IsAnyKeyword(const Token& token);
  // Records a syntax error at the current token, in DynamoDB's words:
  // Syntax error; token: "<tok>", near: "<previous token, tok, next token>".
  void SyntaxError();
  bool failed() const { return errors_.syntax_failed(); }

  // True when the current token can start a document path.
  bool AtPathStart() const;
  // Parses name or #name followed by any number of .name, .#name and [index]. Returns
  // nullopt only on a syntax error.
  std::optional<DocumentPath> ParsePath();
  // The DynamoDB error for the recorded errors, or OK.
  ddb::Status Finish(std::string_view kind) const;
  // Consumes a token of `type`, or records a syntax error at the current one.
  bool Expect(TokenType type);
  // Parentheses and function calls nest at most kMaxNestingDepth deep, so a hostile input
  // is an error rather than a stack overflow: Enter() before descending (false: stop, the
  // error is recorded), Leave() after.
  bool Enter();
  void Leave() { --depth_; }

  std::string_view src_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  const ddb::ExpressionAttributeNames& names_;
  Usage* usage_;
  ParseErrors errors_;

 private:
  int depth_ = 0;
  std::optional<std::string> ParsePathName();
};

}  // namespace engine::expr
