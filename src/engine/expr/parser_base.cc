#include "engine/expr/parser_base.h"

#include <cctype>
#include <limits>

#include "engine/expr/reserved_words.h"

namespace engine::expr {

ddb::Error InvalidExpression(std::string_view kind, std::string_view message) {
  std::string text = "Invalid ";
  text += kind;
  text += ": ";
  text += message;
  return ddb::ValidationError(std::move(text));
}

ddb::Status CheckExpressionText(std::string_view kind, std::string_view expression) {
  if (expression.empty()) return InvalidExpression(kind, "The expression can not be empty;");
  if (expression.size() > kMaxExpressionBytes) {
    return InvalidExpression(
        kind, "Expression size has exceeded the maximum allowed size; expression size: " +
                  std::to_string(expression.size()));
  }
  return ddb::OkStatus();
}

std::optional<std::string> ParseErrors::First() const {
  if (order_.empty()) {
    for (const auto& message : messages_) {
      if (message) return message;
    }
    return std::nullopt;
  }
  if (messages_[kSyntax]) return messages_[kSyntax];
  for (Category category : order_) {
    if (messages_[category]) return messages_[category];
  }
  return std::nullopt;
}

std::string PathToString(const DocumentPath& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out += ", ";
    if (path[i].index) {
      out += "[" + std::to_string(*path[i].index) + "]";
    } else {
      out += path[i].name;
    }
  }
  out += "]";
  return out;
}

ParserBase::ParserBase(std::string_view src, const ddb::ExpressionAttributeNames& names,
                       Usage* usage)
    : src_(src), tokens_(Tokenize(src)), names_(names), usage_(usage) {}

const Token& ParserBase::Peek(size_t ahead) const {
  const size_t i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

const Token& ParserBase::Next() {
  const Token& token = Peek();
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return token;
}

bool ParserBase::IsKeyword(const Token& token, std::string_view keyword) {
  if (token.type != TokenType::kName || token.text.size() != keyword.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != keyword[i]) return false;
  }
  return true;
}

bool ParserBase::IsAnyKeyword(const Token& token) {
  return IsKeyword(token, "AND") || IsKeyword(token, "OR") || IsKeyword(token, "NOT") ||
         IsKeyword(token, "BETWEEN") || IsKeyword(token, "IN");
}

void ParserBase::SyntaxError() {
  if (failed()) return;
  const Token& token = Peek();
  // DynamoDB quotes the offending token and its neighbours as they appear in the text.
  size_t near_begin = token.offset;
  if (pos_ > 0) near_begin = tokens_[pos_ - 1].offset;
  size_t near_end = token.offset + token.text.size();
  if (token.type == TokenType::kEnd) {
    if (pos_ > 0) near_end = tokens_[pos_ - 1].offset + tokens_[pos_ - 1].text.size();
  } else if (pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].type != TokenType::kEnd) {
    const Token& next = tokens_[pos_ + 1];
    near_end = next.offset + next.text.size();
  }
  std::string text = token.type == TokenType::kEnd ? "<EOF>" : std::string(token.text);
  errors_.Add(ParseErrors::kSyntax,
              "Syntax error; token: \"" + text + "\", near: \"" +
                  std::string(src_.substr(near_begin, near_end - near_begin)) + "\"");
}

bool ParserBase::AtPathStart() const {
  const Token& token = Peek();
  return token.type == TokenType::kNamePlaceholder ||
         (token.type == TokenType::kName && !IsAnyKeyword(token));
}

std::optional<std::string> ParserBase::ParsePathName() {
  if (!AtPathStart()) {
    SyntaxError();
    return std::nullopt;
  }
  const Token& token = Next();
  if (token.type == TokenType::kName) {
    if (IsReservedWord(token.text)) {
      errors_.Add(
          ParseErrors::kReserved,
          "Attribute name is a reserved keyword; reserved keyword: " + std::string(token.text));
    }
    return std::string(token.text);
  }
  auto it = names_.find(token.text);
  if (it == names_.end()) {
    errors_.Add(ParseErrors::kUndefined,
                "An expression attribute name used in the document path is not defined; "
                "attribute name: " +
                    std::string(token.text));
    return std::string(token.text);
  }
  if (usage_ != nullptr) usage_->names.emplace(token.text);
  return it->second;
}

std::optional<DocumentPath> ParserBase::ParsePath() {
  DocumentPath path;
  auto first = ParsePathName();
  if (!first) return std::nullopt;
  path.push_back(PathElement{std::move(*first), std::nullopt});
  while (true) {
    if (At(TokenType::kDot)) {
      Next();
      auto name = ParsePathName();
      if (!name) return std::nullopt;
      path.push_back(PathElement{std::move(*name), std::nullopt});
    } else if (At(TokenType::kLBracket)) {
      Next();
      if (!At(TokenType::kNumber)) {
        SyntaxError();
        return std::nullopt;
      }
      // Indexes beyond any real list saturate instead of overflowing; they match nothing.
      size_t index = 0;
      for (char c : Next().text) {
        const size_t digit = static_cast<size_t>(c - '0');
        if (index > (std::numeric_limits<size_t>::max() - digit) / 10) {
          index = std::numeric_limits<size_t>::max();
        } else {
          index = index * 10 + digit;
        }
      }
      if (!At(TokenType::kRBracket)) {
        SyntaxError();
        return std::nullopt;
      }
      Next();
      path.push_back(PathElement{std::string(), index});
    } else {
      return path;
    }
  }
}

ddb::Status ParserBase::Finish(std::string_view kind) const {
  if (auto message = errors_.First()) return InvalidExpression(kind, *message);
  return ddb::OkStatus();
}

bool ParserBase::Expect(TokenType type) {
  if (!At(type)) {
    SyntaxError();
    return false;
  }
  Next();
  return true;
}

bool ParserBase::Enter() {
  if (depth_ >= kMaxNestingDepth) {
    errors_.Add(ParseErrors::kSyntax, "The expression is nested too deeply; maximum nesting depth: " +
                                          std::to_string(kMaxNestingDepth));
    return false;
  }
  ++depth_;
  return true;
}

}  // namespace engine::expr
