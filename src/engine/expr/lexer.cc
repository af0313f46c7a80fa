#include "engine/expr/lexer.h"

#include <algorithm>

namespace engine::expr {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNamePart(char c) { return IsNameStart(c) || IsDigit(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Length of the UTF-8 sequence starting with byte c, so an invalid non-ASCII character is
// quoted whole in the error message.
size_t Utf8Length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view src) {
  std::vector<Token> tokens;
  size_t i = 0;
  const size_t n = src.size();
  auto emit = [&](TokenType type, size_t start, size_t end) {
    tokens.push_back(Token{type, src.substr(start, end - start), start});
  };
  while (i < n) {
    const char c = src[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    const size_t start = i;
    if (IsNameStart(c)) {
      while (i < n && IsNamePart(src[i])) ++i;
      emit(TokenType::kName, start, i);
    } else if (IsDigit(c)) {
      while (i < n && IsDigit(src[i])) ++i;
      emit(TokenType::kNumber, start, i);
    } else if (c == '#' || c == ':') {
      ++i;
      while (i < n && IsNamePart(src[i])) ++i;
      if (i == start + 1) {
        emit(TokenType::kInvalid, start, i);  // a bare '#' or ':' names nothing
      } else {
        emit(c == '#' ? TokenType::kNamePlaceholder : TokenType::kValuePlaceholder, start, i);
      }
    } else if (c == '<') {
      if (i + 1 < n && src[i + 1] == '=') {
        i += 2;
        emit(TokenType::kLe, start, i);
      } else if (i + 1 < n && src[i + 1] == '>') {
        i += 2;
        emit(TokenType::kNe, start, i);
      } else {
        ++i;
        emit(TokenType::kLt, start, i);
      }
    } else if (c == '>') {
      if (i + 1 < n && src[i + 1] == '=') {
        i += 2;
        emit(TokenType::kGe, start, i);
      } else {
        ++i;
        emit(TokenType::kGt, start, i);
      }
    } else {
      TokenType type = TokenType::kInvalid;
      switch (c) {
        case '(':
          type = TokenType::kLParen;
          break;
        case ')':
          type = TokenType::kRParen;
          break;
        case '[':
          type = TokenType::kLBracket;
          break;
        case ']':
          type = TokenType::kRBracket;
          break;
        case '.':
          type = TokenType::kDot;
          break;
        case ',':
          type = TokenType::kComma;
          break;
        case '=':
          type = TokenType::kEq;
          break;
        case '+':
          type = TokenType::kPlus;
          break;
        case '-':
          type = TokenType::kMinus;
          break;
        default:
          break;
      }
      size_t len = type == TokenType::kInvalid ? Utf8Length(static_cast<unsigned char>(c)) : 1;
      i = std::min(n, i + len);
      emit(type, start, i);
    }
  }
  tokens.push_back(Token{TokenType::kEnd, src.substr(n), n});
  return tokens;
}

}  // namespace engine::expr
