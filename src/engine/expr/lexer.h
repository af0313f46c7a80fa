// Tokens of DynamoDB's expression languages (condition, key condition, projection, update).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace engine::expr {

enum class TokenType {
  kName,              // attribute name or keyword: [A-Za-z_][A-Za-z0-9_]*
  kNamePlaceholder,   // #name
  kValuePlaceholder,  // :value
  kNumber,            // digits; only valid as a list index
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kDot,
  kComma,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,     // '+': only the update expression's SET uses it
  kMinus,    // '-': only the update expression's SET uses it
  kInvalid,  // a character no token starts with; the parser reports it as a syntax error
  kEnd,
};

struct Token {
  TokenType type = TokenType::kEnd;
  std::string_view text;  // a view into the expression
  size_t offset = 0;      // byte offset of text in the expression
};

// Splits the whole expression into tokens; the last one is always kEnd. Never fails: bad
// characters become kInvalid tokens, so the syntax error can quote what follows them too.
std::vector<Token> Tokenize(std::string_view src);

}  // namespace engine::expr
