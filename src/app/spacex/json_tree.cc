#include "app/spacex/json_tree.h"

#include "ddb/rapidjson.h"

#include <string>

namespace app::spacex {
namespace {

// SAX handler that appends nodes to the container on top of `stack_`. Pointers on the
// stack stay valid: a container only grows while it is the top, and then its finished
// children are the only nodes that move.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  explicit TreeBuilder(JsonNode* root) : root_(root) {}

  bool Null() { return Add(JsonKind::kNull) != nullptr; }
  bool Bool(bool b) {
    JsonNode* n = Add(JsonKind::kBool);
    if (n != nullptr) n->boolean = b;
    return n != nullptr;
  }
  bool RawNumber(const char* str, rapidjson::SizeType len, bool /*copy*/) {
    JsonNode* n = Add(JsonKind::kNumber);
    if (n != nullptr) n->text.assign(str, len);
    return n != nullptr;
  }
  bool String(const char* str, rapidjson::SizeType len, bool /*copy*/) {
    JsonNode* n = Add(JsonKind::kString);
    if (n != nullptr) n->text.assign(str, len);
    return n != nullptr;
  }
  bool StartObject() { return Open(JsonKind::kObject); }
  bool Key(const char* str, rapidjson::SizeType len, bool /*copy*/) {
    pending_key_.assign(str, len);
    return true;
  }
  bool EndObject(rapidjson::SizeType /*count*/) { return Close(); }
  bool StartArray() { return Open(JsonKind::kArray); }
  bool EndArray(rapidjson::SizeType /*count*/) { return Close(); }

  bool too_deep() const { return too_deep_; }

 private:
  JsonNode* Add(JsonKind kind) {
    JsonNode* node = root_;
    if (!stack_.empty()) {
      JsonNode* parent = stack_.back();
      parent->children.emplace_back();
      node = &parent->children.back();
      if (parent->kind == JsonKind::kObject) node->key = std::move(pending_key_);
    }
    node->kind = kind;
    return node;
  }
  bool Open(JsonKind kind) {
    if (stack_.size() >= kMaxJsonDepth) {
      too_deep_ = true;
      return false;
    }
    stack_.push_back(Add(kind));
    return true;
  }
  bool Close() {
    stack_.pop_back();
    return true;
  }

  JsonNode* root_;
  std::vector<JsonNode*> stack_;
  std::string pending_key_;
  bool too_deep_ = false;
};

}  // namespace

std::string_view JsonKindName(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull:
      return "null";
    case JsonKind::kBool:
      return "boolean";
    case JsonKind::kNumber:
      return "number";
    case JsonKind::kString:
      return "string";
    case JsonKind::kArray:
      return "array";
    case JsonKind::kObject:
      return "object";
  }
  return "?";
}

const JsonNode* JsonNode::Find(std::string_view member) const {
  for (const JsonNode& c : children) {
    if (c.key == member) return &c;
  }
  return nullptr;
}

ddb::Result<JsonNode> ParseJsonTree(std::string_view text, std::string_view label) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return ddb::ValidationError(std::string(label) + ": empty input, expected a JSON array");
  }
  JsonNode root;
  TreeBuilder builder(&root);
  rapidjson::MemoryStream stream(text.data(), text.size());
  rapidjson::Reader reader;
  // Iterative parsing: a hostile, deeply nested document cannot overflow the C++ stack.
  constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseIterativeFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (!ok) {
    if (builder.too_deep()) {
      return ddb::ValidationError(std::string(label) + ": invalid JSON: nested deeper than " +
                                  std::to_string(kMaxJsonDepth) + " levels");
    }
    return ddb::ValidationError(std::string(label) + ": invalid JSON at offset " +
                                std::to_string(ok.Offset()) + ": " +
                                rapidjson::GetParseError_En(ok.Code()));
  }
  return root;
}

}  // namespace app::spacex
