// ProjectionExpression ("a, b.c, d[1]") and CheckAllUsed.
#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "engine/expr/expressions.h"
#include "engine/expr/parser_base.h"

namespace engine::expr {
namespace {

constexpr std::string_view kKind = "ProjectionExpression";

class ProjectionParser : public ParserBase {
 public:
  ProjectionParser(std::string_view src, const ddb::ExpressionAttributeNames& names, Usage* usage)
      : ParserBase(src, names, usage) {}

  ddb::Result<std::vector<DocumentPath>> Parse() {
    std::vector<DocumentPath> paths;
    do {
      if (!paths.empty()) Next();  // the comma
      auto path = ParsePath();
      if (!path) break;
      paths.push_back(std::move(*path));
    } while (At(TokenType::kComma));
    if (!failed() && !At(TokenType::kEnd)) SyntaxError();
    XR_RETURN_IF_ERROR(Finish(kKind));
    return paths;
  }
};

// DynamoDB refuses two paths where one is a prefix of the other ("overlap") or where they
// use one attribute both as a map and as a list ("conflict").
ddb::Status CheckOverlaps(const std::vector<DocumentPath>& paths) {
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t j = i + 1; j < paths.size(); ++j) {
      const DocumentPath& a = paths[i];
      const DocumentPath& b = paths[j];
      const size_t common = std::min(a.size(), b.size());
      size_t k = 0;
      while (k < common && a[k].name == b[k].name && a[k].index == b[k].index) ++k;
      std::string_view problem;
      if (k == common) {
        problem = "Two document paths overlap with each other";
      } else if (a[k].index.has_value() != b[k].index.has_value()) {
        problem = "Two document paths conflict with each other";
      } else {
        continue;
      }
      return InvalidExpression(kKind, std::string(problem) +
                                          "; must remove or rewrite one of these paths; path "
                                          "one: " +
                                          PathToString(a) + ", path two: " + PathToString(b));
    }
  }
  return ddb::OkStatus();
}

// The projected paths as a tree. Overlaps are rejected at parse time, so a node is either a
// leaf (copy the whole value) or has only member or only index children.
struct ProjectionNode {
  bool leaf = false;
  std::map<std::string, ProjectionNode, std::less<>> members;
  std::map<size_t, ProjectionNode> elements;
};

void AddPath(ProjectionNode& root, const DocumentPath& path) {
  ProjectionNode* node = &root;
  for (const PathElement& e : path) {
    node = e.index ? &node->elements[*e.index] : &node->members[e.name];
  }
  node->leaf = true;
}

// The part of v the node selects; nullopt when nothing of it is selected.
std::optional<ddb::AttributeValue> Project(const ProjectionNode& node,
                                           const ddb::AttributeValue& v) {
  if (node.leaf) return v;
  if (!node.members.empty() && v.is_m()) {
    ddb::Item out;
    for (const auto& [name, child] : node.members) {
      auto it = v.m().find(name);
      if (it == v.m().end()) continue;
      if (auto projected = Project(child, it->second)) out.emplace(name, std::move(*projected));
    }
    if (!out.empty()) return ddb::AttributeValue::M(std::move(out));
  } else if (!node.elements.empty() && v.is_l()) {
    // Selected elements keep their order and close up, as DynamoDB returns them.
    ddb::AttributeList out;
    for (const auto& [index, child] : node.elements) {
      if (index >= v.l().size()) break;
      if (auto projected = Project(child, v.l()[index])) out.push_back(std::move(*projected));
    }
    if (!out.empty()) return ddb::AttributeValue::L(std::move(out));
  }
  return std::nullopt;
}

std::string KeyList(const std::vector<std::string>& keys) {
  std::string out = "{";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    out += keys[i];
  }
  return out + "}";
}

}  // namespace

ddb::Result<ProjectionList> ParseProjection(std::string_view expression,
                                            const ddb::ExpressionAttributeNames& names,
                                            Usage* usage) {
  XR_RETURN_IF_ERROR(CheckExpressionText(kKind, expression));
  ProjectionParser parser(expression, names, usage);
  XR_ASSIGN_OR_RETURN(auto paths, parser.Parse());
  XR_RETURN_IF_ERROR(CheckOverlaps(paths));
  ProjectionList list;
  list.paths_ = std::move(paths);
  return list;
}

ddb::Item ProjectionList::Apply(const ddb::Item& item) const {
  ProjectionNode root;
  for (const DocumentPath& path : paths_) AddPath(root, path);
  ddb::Item out;
  for (const auto& [name, child] : root.members) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    if (auto projected = Project(child, it->second)) out.emplace(name, std::move(*projected));
  }
  return out;
}

ddb::Status CheckAllUsed(const Usage& usage, const ddb::ExpressionAttributeNames& names,
                         const ddb::ExpressionAttributeValues& values) {
  std::vector<std::string> unused;
  for (const auto& [name, _] : names) {
    if (usage.names.count(name) == 0) unused.push_back(name);
  }
  if (!unused.empty()) {
    return ddb::ValidationError(
        "Value provided in ExpressionAttributeNames unused in expressions: keys: " +
        KeyList(unused));
  }
  for (const auto& [value, _] : values) {
    if (usage.values.count(value) == 0) unused.push_back(value);
  }
  if (!unused.empty()) {
    return ddb::ValidationError(
        "Value provided in ExpressionAttributeValues unused in expressions: keys: " +
        KeyList(unused));
  }
  return ddb::OkStatus();
}

}  // namespace engine::expr
