// The legacy AttributeUpdates parameter as update actions on top-level attributes:
// PUT (the default) sets, ADD adds a number, unites a set or appends a list, DELETE without
// a value removes the attribute and DELETE with a set value removes those elements.
#include <memory>
#include <string>

#include "engine/expr/expressions.h"
#include "engine/expr/update_ast.h"
#include "engine/validation.h"

namespace engine::expr {
namespace {

ddb::Error InvalidParameter(std::string message) {
  return ddb::ValidationError("One or more parameter values were invalid: " + std::move(message));
}

bool IsSetType(ddb::AttributeType t) {
  return t == ddb::AttributeType::SS || t == ddb::AttributeType::NS ||
         t == ddb::AttributeType::BS;
}

// DynamoDB's checks of one entry, in its order: the value itself, then what the action
// allows.
ddb::Status CheckUpdate(const ddb::AttributeValueUpdate& update) {
  const ddb::AttributeAction action = update.action.value_or(ddb::AttributeAction::PUT);
  if (update.value) XR_RETURN_IF_ERROR(ValidateAttributeValue(*update.value));
  if (!update.value) {
    if (action != ddb::AttributeAction::DELETE) {
      return InvalidParameter("Only DELETE action is allowed when no attribute value is specified");
    }
    return ddb::OkStatus();
  }
  const ddb::AttributeType type = update.value->type();
  const std::string type_name(ddb::AttributeTypeName(type));
  if (action == ddb::AttributeAction::DELETE && !IsSetType(type)) {
    return InvalidParameter("DELETE action with value is not supported for the type " + type_name);
  }
  if (action == ddb::AttributeAction::ADD && !IsSetType(type) && type != ddb::AttributeType::N &&
      type != ddb::AttributeType::L) {
    return InvalidParameter("ADD action is not supported for the type " + type_name);
  }
  return ddb::OkStatus();
}

UpdateAction ActionFor(const std::string& name, const ddb::AttributeValueUpdate& update) {
  UpdateAction out;
  out.path.push_back(PathElement{name, std::nullopt});
  if (update.value) {
    out.value.kind = UpdateValue::Kind::kValue;
    out.value.value = *update.value;
  }
  switch (update.action.value_or(ddb::AttributeAction::PUT)) {
    case ddb::AttributeAction::PUT:
      out.kind = UpdateAction::Kind::kSet;
      break;
    case ddb::AttributeAction::ADD:
      out.kind = UpdateAction::Kind::kLegacyAdd;
      break;
    case ddb::AttributeAction::DELETE:
      out.kind = update.value ? UpdateAction::Kind::kLegacyDelete : UpdateAction::Kind::kRemove;
      break;
  }
  return out;
}

}  // namespace

ddb::Result<UpdateExpression> UpdateFromAttributeUpdates(const ddb::AttributeUpdates& updates) {
  UpdatePlan plan;
  for (const auto& [name, update] : updates) {
    XR_RETURN_IF_ERROR(CheckUpdate(update));
    plan.actions.push_back(ActionFor(name, update));
    plan.paths.push_back(plan.actions.back().path);
  }
  UpdateExpression expression;
  expression.plan_ = std::make_shared<const UpdatePlan>(std::move(plan));
  return expression;
}

}  // namespace engine::expr
