// UpdateExpression::Apply with DynamoDB's semantics: every SET value is computed from the
// item as it was before the update, then the actions run in order. List indexes always name
// the elements of the old list: removed elements close up and elements set past the end are
// appended (in index order) only after all other actions ran.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "engine/expr/expressions.h"
#include "engine/expr/update_ast.h"

namespace engine::expr {
namespace {

ddb::Error MissingAttribute() {
  return ddb::ValidationError(
      "The provided expression refers to an attribute that does not exist in the item");
}
ddb::Error WrongType() {
  return ddb::ValidationError("An operand in the update expression has an incorrect data type");
}
ddb::Error InvalidPath() {
  return ddb::ValidationError(
      "The document path provided in the update expression is invalid for update");
}
ddb::Error LegacyTypeMismatch() {
  return ddb::ValidationError("Type mismatch for attribute to update");
}

bool SamePath(const DocumentPath& a, const DocumentPath& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].index != b[i].index) return false;
  }
  return true;
}

const ddb::AttributeValue* Lookup(const ddb::Item& item, const DocumentPath& path) {
  if (path.empty() || path[0].index) return nullptr;
  auto it = item.find(path[0].name);
  if (it == item.end()) return nullptr;
  const ddb::AttributeValue* v = &it->second;
  for (size_t i = 1; i < path.size() && v != nullptr; ++i) {
    if (path[i].index) {
      v = v->is_l() && *path[i].index < v->l().size() ? &v->l()[*path[i].index] : nullptr;
    } else if (v->is_m()) {
      auto member = v->m().find(path[i].name);
      v = member == v->m().end() ? nullptr : &member->second;
    } else {
      v = nullptr;
    }
  }
  return v;
}

ddb::Result<ddb::AttributeValue> Evaluate(const UpdateValue& v, const ddb::Item& old) {
  switch (v.kind) {
    case UpdateValue::Kind::kValue:
      return v.value;
    case UpdateValue::Kind::kPath: {
      const ddb::AttributeValue* found = Lookup(old, v.path);
      if (found == nullptr) return MissingAttribute();
      return *found;
    }
    case UpdateValue::Kind::kIfNotExists: {
      const ddb::AttributeValue* found = Lookup(old, v.args[0].path);
      if (found != nullptr) return *found;
      return Evaluate(v.args[1], old);
    }
    case UpdateValue::Kind::kListAppend: {
      XR_ASSIGN_OR_RETURN(ddb::AttributeValue first, Evaluate(v.args[0], old));
      if (!first.is_l()) return WrongType();
      XR_ASSIGN_OR_RETURN(ddb::AttributeValue second, Evaluate(v.args[1], old));
      if (!second.is_l()) return WrongType();
      ddb::AttributeList joined = std::move(first.l());
      for (auto& e : second.l()) joined.push_back(std::move(e));
      return ddb::AttributeValue::L(std::move(joined));
    }
    case UpdateValue::Kind::kPlus:
    case UpdateValue::Kind::kMinus: {
      XR_ASSIGN_OR_RETURN(ddb::AttributeValue a, Evaluate(v.args[0], old));
      if (!a.is_n()) return WrongType();
      XR_ASSIGN_OR_RETURN(ddb::AttributeValue b, Evaluate(v.args[1], old));
      if (!b.is_n()) return WrongType();
      XR_ASSIGN_OR_RETURN(ddb::Number n, v.kind == UpdateValue::Kind::kPlus
                                             ? a.n().Add(b.n())
                                             : a.n().Subtract(b.n()));
      return ddb::AttributeValue::N(n);
    }
  }
  return WrongType();
}

// Union (add) or difference (!add) of two sets of one type; the elements of a keep their order.
template <class T>
std::vector<T> Combine(const std::vector<T>& a, const std::vector<T>& b, bool add) {
  auto in = [](const std::vector<T>& set, const T& x) {
    return std::find(set.begin(), set.end(), x) != set.end();
  };
  std::vector<T> out;
  for (const T& x : a) {
    if (add || !in(b, x)) out.push_back(x);
  }
  if (add) {
    for (const T& x : b) {
      if (!in(a, x)) out.push_back(x);
    }
  }
  return out;
}

bool IsSet(const ddb::AttributeValue& v) {
  return v.type() == ddb::AttributeType::SS || v.type() == ddb::AttributeType::NS ||
         v.type() == ddb::AttributeType::BS;
}

// a and b are sets of the same type. The result may be empty (the caller removes it).
ddb::AttributeValue CombineSets(const ddb::AttributeValue& a, const ddb::AttributeValue& b,
                                bool add) {
  switch (a.type()) {
    case ddb::AttributeType::SS:
      return ddb::AttributeValue::SS(Combine(a.ss(), b.ss(), add));
    case ddb::AttributeType::NS:
      return ddb::AttributeValue::NS(Combine(a.ns(), b.ns(), add));
    default:
      return ddb::AttributeValue::BS(Combine(a.bs(), b.bs(), add));
  }
}

bool IsEmptySet(const ddb::AttributeValue& v) {
  switch (v.type()) {
    case ddb::AttributeType::SS:
      return v.ss().empty();
    case ddb::AttributeType::NS:
      return v.ns().empty();
    case ddb::AttributeType::BS:
      return v.bs().empty();
    default:
      return false;
  }
}

// ADD: number addition or set union; a missing attribute is 0 or the empty set.
ddb::Result<ddb::AttributeValue> Add(const ddb::AttributeValue* existing,
                                     const ddb::AttributeValue& value, bool legacy) {
  const ddb::Error mismatch = legacy ? LegacyTypeMismatch() : WrongType();
  if (!value.is_n() && !IsSet(value) && !(legacy && value.is_l())) return WrongType();
  if (existing == nullptr) return value;
  if (existing->type() != value.type()) return mismatch;
  if (value.is_n()) {
    XR_ASSIGN_OR_RETURN(ddb::Number sum, existing->n().Add(value.n()));
    return ddb::AttributeValue::N(sum);
  }
  if (value.is_l()) {  // legacy ADD appends the list
    ddb::AttributeList joined = existing->l();
    joined.insert(joined.end(), value.l().begin(), value.l().end());
    return ddb::AttributeValue::L(std::move(joined));
  }
  return CombineSets(*existing, value, /*add=*/true);
}

// Where the last element of a path lives: a map (the item or an M) or a list (an L).
struct Slot {
  ddb::Item* map = nullptr;
  ddb::AttributeList* list = nullptr;
  ddb::AttributeValue* Find(const PathElement& e) const {
    if (map != nullptr) {
      auto it = map->find(e.name);
      return it == map->end() ? nullptr : &it->second;
    }
    return *e.index < list->size() ? &(*list)[*e.index] : nullptr;
  }
};

// The slot for the last element of path; the parents must exist and be of the kind (map or
// list) the next element needs.
ddb::Result<Slot> SlotOf(ddb::Item* item, const DocumentPath& path) {
  Slot slot{item, nullptr};
  for (size_t i = 0; i < path.size(); ++i) {
    const bool want_list = path[i].index.has_value();
    if (want_list != (slot.list != nullptr)) return InvalidPath();
    if (i + 1 == path.size()) break;
    ddb::AttributeValue* child = slot.Find(path[i]);
    if (child == nullptr) return InvalidPath();
    if (child->is_m()) {
      slot = Slot{&child->m(), nullptr};
    } else if (child->is_l()) {
      slot = Slot{nullptr, &child->l()};
    } else {
      return InvalidPath();
    }
  }
  return slot;
}

// Changes to one list that must wait until every action has used the old indexes.
struct ListEdit {
  DocumentPath list_path;
  std::vector<size_t> removals;
  std::vector<std::pair<size_t, ddb::AttributeValue>> appends;
};

class Applier {
 public:
  explicit Applier(ddb::Item* item) : item_(item) {}

  ddb::Status Run(const UpdatePlan& plan) {
    // Every SET value first, from the untouched item.
    std::vector<ddb::AttributeValue> values;
    for (const UpdateAction& action : plan.actions) {
      if (action.kind != UpdateAction::Kind::kSet) continue;
      XR_ASSIGN_OR_RETURN(ddb::AttributeValue v, Evaluate(action.value, *item_));
      values.push_back(std::move(v));
    }
    size_t next_value = 0;
    for (const UpdateAction& action : plan.actions) {
      if (action.kind == UpdateAction::Kind::kSet) {
        XR_RETURN_IF_ERROR(Put(action.path, std::move(values[next_value++])));
      } else {
        XR_RETURN_IF_ERROR(ApplyOne(action));
      }
    }
    return FinishLists();
  }

 private:
  ddb::Status ApplyOne(const UpdateAction& action) {
    XR_ASSIGN_OR_RETURN(Slot slot, SlotOf(item_, action.path));
    ddb::AttributeValue* existing = slot.Find(action.path.back());
    switch (action.kind) {
      case UpdateAction::Kind::kRemove:
        if (existing != nullptr) Erase(slot, action.path);
        return ddb::OkStatus();
      case UpdateAction::Kind::kAdd:
      case UpdateAction::Kind::kLegacyAdd: {
        const bool legacy = action.kind == UpdateAction::Kind::kLegacyAdd;
        XR_ASSIGN_OR_RETURN(ddb::AttributeValue sum, Add(existing, action.value.value, legacy));
        return Put(action.path, std::move(sum));
      }
      case UpdateAction::Kind::kDelete:
      case UpdateAction::Kind::kLegacyDelete: {
        const ddb::AttributeValue& value = action.value.value;
        if (!IsSet(value)) return WrongType();
        if (existing == nullptr) return ddb::OkStatus();
        if (existing->type() != value.type()) {
          return action.kind == UpdateAction::Kind::kLegacyDelete ? LegacyTypeMismatch()
                                                                   : WrongType();
        }
        *existing = CombineSets(*existing, value, /*add=*/false);
        if (IsEmptySet(*existing)) Erase(slot, action.path);  // DynamoDB has no empty sets
        return ddb::OkStatus();
      }
      case UpdateAction::Kind::kSet:
        break;
    }
    return ddb::OkStatus();
  }

  // Writes value at path; an index past the end of its list appends (later).
  ddb::Status Put(const DocumentPath& path, ddb::AttributeValue value) {
    XR_ASSIGN_OR_RETURN(Slot slot, SlotOf(item_, path));
    if (slot.map != nullptr) {
      (*slot.map)[path.back().name] = std::move(value);
    } else if (ddb::AttributeValue* existing = slot.Find(path.back())) {
      *existing = std::move(value);
    } else {
      EditOf(path).appends.emplace_back(*path.back().index, std::move(value));
    }
    return ddb::OkStatus();
  }

  void Erase(const Slot& slot, const DocumentPath& path) {
    if (slot.map != nullptr) {
      slot.map->erase(path.back().name);
    } else {
      EditOf(path).removals.push_back(*path.back().index);
    }
  }

  ListEdit& EditOf(const DocumentPath& element_path) {
    DocumentPath list_path(element_path.begin(), element_path.end() - 1);
    for (ListEdit& edit : edits_) {
      if (SamePath(edit.list_path, list_path)) return edit;
    }
    edits_.push_back(ListEdit{std::move(list_path), {}, {}});
    return edits_.back();
  }

  // Deeper lists first, so the indexes on the way to a list are still the old ones.
  ddb::Status FinishLists() {
    std::stable_sort(edits_.begin(), edits_.end(), [](const ListEdit& a, const ListEdit& b) {
      return a.list_path.size() > b.list_path.size();
    });
    for (ListEdit& edit : edits_) {
      DocumentPath probe = edit.list_path;
      probe.push_back(PathElement{std::string(), 0});
      XR_ASSIGN_OR_RETURN(Slot slot, SlotOf(item_, probe));
      ddb::AttributeList& list = *slot.list;
      std::sort(edit.removals.rbegin(), edit.removals.rend());
      edit.removals.erase(std::unique(edit.removals.begin(), edit.removals.end()),
                          edit.removals.end());
      for (size_t index : edit.removals) list.erase(list.begin() + static_cast<long>(index));
      std::stable_sort(edit.appends.begin(), edit.appends.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [index, value] : edit.appends) list.push_back(std::move(value));
    }
    return ddb::OkStatus();
  }

  ddb::Item* item_;
  std::vector<ListEdit> edits_;
};

// ProjectPaths' tree of wanted paths: a leaf copies the whole value.
struct PathNode {
  bool leaf = false;
  std::map<std::string, PathNode, std::less<>> members;
  std::map<size_t, PathNode> elements;
};

std::optional<ddb::AttributeValue> Project(const PathNode& node, const ddb::AttributeValue& v) {
  if (node.leaf) return v;
  if (v.is_m() && !node.members.empty()) {
    ddb::Item out;
    for (const auto& [name, child] : node.members) {
      auto it = v.m().find(name);
      if (it == v.m().end()) continue;
      if (auto projected = Project(child, it->second)) out.emplace(name, std::move(*projected));
    }
    if (!out.empty()) return ddb::AttributeValue::M(std::move(out));
  } else if (v.is_l() && !node.elements.empty()) {
    // The selected elements close up, in index order, as DynamoDB returns them.
    ddb::AttributeList out;
    for (const auto& [index, child] : node.elements) {
      if (index >= v.l().size()) break;
      if (auto projected = Project(child, v.l()[index])) out.push_back(std::move(*projected));
    }
    if (!out.empty()) return ddb::AttributeValue::L(std::move(out));
  }
  return std::nullopt;
}

}  // namespace

ddb::Status UpdateExpression::Apply(ddb::Item* item) const {
  if (plan_ == nullptr) return ddb::OkStatus();
  Applier applier(item);
  return applier.Run(*plan_);
}

const std::vector<DocumentPath>& UpdateExpression::paths() const {
  static const std::vector<DocumentPath> kNone;
  return plan_ == nullptr ? kNone : plan_->paths;
}

ddb::Item ProjectPaths(const ddb::Item& item, const std::vector<DocumentPath>& paths) {
  PathNode root;
  for (const DocumentPath& path : paths) {
    PathNode* node = &root;
    for (const PathElement& e : path) {
      node = e.index ? &node->elements[*e.index] : &node->members[e.name];
    }
    node->leaf = true;
  }
  ddb::Item out;
  for (const auto& [name, child] : root.members) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    if (auto projected = Project(child, it->second)) out.emplace(name, std::move(*projected));
  }
  return out;
}

}  // namespace engine::expr
