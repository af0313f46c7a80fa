#include "app/entities.h"

#include <initializer_list>

namespace app {
namespace {

using ddb::AttributeValue;
using ddb::Item;
using ddb::Result;
using ddb::Status;

ddb::Error EntityError(std::string_view entity, std::string_view attr, std::string_view what) {
  return ddb::ValidationError(std::string(entity) + ": attribute \"" + std::string(attr) +
                              "\": " + std::string(what));
}

Status Required(std::string_view entity, std::string_view attr, const std::string& v) {
  if (v.empty()) return EntityError(entity, attr, "must not be empty");
  return ddb::OkStatus();
}

Status OneOf(std::string_view entity, std::string_view attr, const std::string& v,
             std::initializer_list<std::string_view> allowed) {
  std::string list;
  for (std::string_view a : allowed) {
    if (v == a) return ddb::OkStatus();
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  return EntityError(entity, attr, "\"" + v + "\" is not one of " + list);
}

AttributeValue StringList(const std::vector<std::string>& v) {
  ddb::AttributeList l;
  l.reserve(v.size());
  for (const std::string& s : v) l.push_back(AttributeValue::S(s));
  return AttributeValue::L(std::move(l));
}

// Typed reads of an item's attributes, naming the entity and attribute on error.
class ItemReader {
 public:
  ItemReader(std::string_view entity, const Item& item) : entity_(entity), item_(item) {}

  Result<const AttributeValue*> Get(std::string_view attr, ddb::AttributeType want,
                                    bool optional = false) const {
    auto it = item_.find(attr);
    if (it == item_.end()) {
      if (optional) return static_cast<const AttributeValue*>(nullptr);
      return EntityError(entity_, attr, "missing");
    }
    if (it->second.type() != want) {
      return EntityError(entity_, attr,
                         "expected type " + std::string(ddb::AttributeTypeName(want)) + ", got " +
                             std::string(ddb::AttributeTypeName(it->second.type())));
    }
    return &it->second;
  }
  Result<std::string> S(std::string_view attr) const {
    XR_ASSIGN_OR_RETURN(const AttributeValue* v, Get(attr, ddb::AttributeType::S));
    return v->s();
  }
  Result<std::optional<std::string>> OptionalS(std::string_view attr) const {
    XR_ASSIGN_OR_RETURN(const AttributeValue* v, Get(attr, ddb::AttributeType::S, true));
    if (v == nullptr) return std::optional<std::string>();
    return std::optional<std::string>(v->s());
  }
  Result<bool> Bool(std::string_view attr) const {
    XR_ASSIGN_OR_RETURN(const AttributeValue* v, Get(attr, ddb::AttributeType::BOOL));
    return v->boolean();
  }
  Result<int64_t> Int(std::string_view attr) const {
    XR_ASSIGN_OR_RETURN(const AttributeValue* v, Get(attr, ddb::AttributeType::N));
    std::optional<int64_t> i = v->n().ToInt64();
    if (!i) return EntityError(entity_, attr, "expected an integer, got " + v->n().ToString());
    return *i;
  }
  Result<std::vector<std::string>> StringList(std::string_view attr) const {
    XR_ASSIGN_OR_RETURN(const AttributeValue* v, Get(attr, ddb::AttributeType::L));
    std::vector<std::string> out;
    for (const AttributeValue& e : v->l()) {
      if (!e.is_s()) return EntityError(entity_, attr, "expected a list of strings");
      out.push_back(e.s());
    }
    return out;
  }
  Result<const Item*> Map(std::string_view attr) const {
    XR_ASSIGN_OR_RETURN(const AttributeValue* v, Get(attr, ddb::AttributeType::M));
    return &v->m();
  }
  Result<std::vector<Item>> MapList(std::string_view attr) const {
    XR_ASSIGN_OR_RETURN(const AttributeValue* v, Get(attr, ddb::AttributeType::L));
    std::vector<Item> out;
    for (const AttributeValue& e : v->l()) {
      if (!e.is_m()) return EntityError(entity_, attr, "expected a list of maps");
      out.push_back(e.m());
    }
    return out;
  }

 private:
  std::string_view entity_;
  const Item& item_;
};

}  // namespace

// --- User ---

Status User::Validate() const {
  XR_RETURN_IF_ERROR(Required("User", "id", id));
  XR_RETURN_IF_ERROR(Required("User", "name", name));
  XR_RETURN_IF_ERROR(Required("User", "username", username));
  XR_RETURN_IF_ERROR(Required("User", "email", email));
  if (email.find('@') == std::string::npos) {
    return EntityError("User", "email", "\"" + email + "\" is not an email address");
  }
  // Only a bcrypt hash may reach the table; never name the value (it could be plaintext).
  if (password.rfind("$2b$", 0) != 0 && password.rfind("$2a$", 0) != 0 &&
      password.rfind("$2y$", 0) != 0) {
    return EntityError("User", "password", "must be a bcrypt hash ($2b$...)");
  }
  return OneOf("User", "role", role, {"admin", "engineer", "viewer"});
}

Item User::ToItem() const {
  return {{"id", AttributeValue::S(id)},
          {"name", AttributeValue::S(name)},
          {"username", AttributeValue::S(username)},
          {"email", AttributeValue::S(email)},
          {"password", AttributeValue::S(password)},
          {"role", AttributeValue::S(role)},
          {"is_active", AttributeValue::Bool(is_active)}};
}

Result<User> User::FromItem(const Item& item) {
  ItemReader r("User", item);
  User u;
  XR_ASSIGN_OR_RETURN(u.id, r.S("id"));
  XR_ASSIGN_OR_RETURN(u.name, r.S("name"));
  XR_ASSIGN_OR_RETURN(u.username, r.S("username"));
  XR_ASSIGN_OR_RETURN(u.email, r.S("email"));
  XR_ASSIGN_OR_RETURN(u.password, r.S("password"));
  XR_ASSIGN_OR_RETURN(u.role, r.S("role"));
  XR_ASSIGN_OR_RETURN(u.is_active, r.Bool("is_active"));
  XR_RETURN_IF_ERROR(u.Validate());
  return u;
}

// --- Component ---

Status Component::Validate() const {
  XR_RETURN_IF_ERROR(Required("Component", "id", id));
  XR_RETURN_IF_ERROR(Required("Component", "componentId", component_id));
  XR_RETURN_IF_ERROR(Required("Component", "name", name));
  XR_RETURN_IF_ERROR(OneOf("Component", "type", type,
                           {"rocket", "capsule", "core", "launchpad", "ship", "engine"}));
  XR_RETURN_IF_ERROR(
      OneOf("Component", "status", status, {"active", "inactive", "damaged", "destroyed"}));
  XR_RETURN_IF_ERROR(OneOf("Component", "category", category, {"launched", "fixed"}));
  XR_RETURN_IF_ERROR(Required("Component", "createdAt", created_at));
  return Required("Component", "lastUpdated", last_updated);
}

Item Component::ToItem() const {
  return {{"id", AttributeValue::S(id)},
          {"componentId", AttributeValue::S(component_id)},
          {"name", AttributeValue::S(name)},
          {"type", AttributeValue::S(type)},
          {"status", AttributeValue::S(status)},
          {"category", AttributeValue::S(category)},
          {"missions", StringList(missions)},
          {"hasSubcomponents", AttributeValue::Bool(has_subcomponents)},
          {"createdAt", AttributeValue::S(created_at)},
          {"lastUpdated", AttributeValue::S(last_updated)}};
}

Result<Component> Component::FromItem(const Item& item) {
  ItemReader r("Component", item);
  Component c;
  XR_ASSIGN_OR_RETURN(c.id, r.S("id"));
  XR_ASSIGN_OR_RETURN(c.component_id, r.S("componentId"));
  XR_ASSIGN_OR_RETURN(c.name, r.S("name"));
  XR_ASSIGN_OR_RETURN(c.type, r.S("type"));
  XR_ASSIGN_OR_RETURN(c.status, r.S("status"));
  XR_ASSIGN_OR_RETURN(c.category, r.S("category"));
  XR_ASSIGN_OR_RETURN(c.missions, r.StringList("missions"));
  XR_ASSIGN_OR_RETURN(c.has_subcomponents, r.Bool("hasSubcomponents"));
  XR_ASSIGN_OR_RETURN(c.created_at, r.S("createdAt"));
  XR_ASSIGN_OR_RETURN(c.last_updated, r.S("lastUpdated"));
  XR_RETURN_IF_ERROR(c.Validate());
  return c;
}

// --- SubComponent ---

Status SubComponent::Validate() const {
  XR_RETURN_IF_ERROR(Required("SubComponent", "id", id));
  XR_RETURN_IF_ERROR(Required("SubComponent", "subComponentId", sub_component_id));
  XR_RETURN_IF_ERROR(Required("SubComponent", "parentComponentId", parent_component_id));
  XR_RETURN_IF_ERROR(Required("SubComponent", "name", name));
  return OneOf("SubComponent", "status", status, {"good", "needReview", "damaged", "destroyed"});
}

Item SubComponent::ToItem() const {
  return {{"id", AttributeValue::S(id)},
          {"subComponentId", AttributeValue::S(sub_component_id)},
          {"parentComponentId", AttributeValue::S(parent_component_id)},
          {"name", AttributeValue::S(name)},
          {"status", AttributeValue::S(status)}};
}

Result<SubComponent> SubComponent::FromItem(const Item& item) {
  ItemReader r("SubComponent", item);
  SubComponent s;
  XR_ASSIGN_OR_RETURN(s.id, r.S("id"));
  XR_ASSIGN_OR_RETURN(s.sub_component_id, r.S("subComponentId"));
  XR_ASSIGN_OR_RETURN(s.parent_component_id, r.S("parentComponentId"));
  XR_ASSIGN_OR_RETURN(s.name, r.S("name"));
  XR_ASSIGN_OR_RETURN(s.status, r.S("status"));
  XR_RETURN_IF_ERROR(s.Validate());
  return s;
}

// --- Comment ---

Status Comment::Validate() const {
  XR_RETURN_IF_ERROR(Required("Comment", "id", id));
  XR_RETURN_IF_ERROR(Required("Comment", "componentId", component_id));
  XR_RETURN_IF_ERROR(Required("Comment", "userId", user_id));
  XR_RETURN_IF_ERROR(Required("Comment", "message", message));
  return Required("Comment", "updatedDate", updated_date);
}

Item Comment::ToItem() const {
  return {{"id", AttributeValue::S(id)},
          {"componentId", AttributeValue::S(component_id)},
          {"userId", AttributeValue::S(user_id)},
          {"message", AttributeValue::S(message)},
          {"updatedDate", AttributeValue::S(updated_date)}};
}

Result<Comment> Comment::FromItem(const Item& item) {
  ItemReader r("Comment", item);
  Comment c;
  XR_ASSIGN_OR_RETURN(c.id, r.S("id"));
  XR_ASSIGN_OR_RETURN(c.component_id, r.S("componentId"));
  XR_ASSIGN_OR_RETURN(c.user_id, r.S("userId"));
  XR_ASSIGN_OR_RETURN(c.message, r.S("message"));
  XR_ASSIGN_OR_RETURN(c.updated_date, r.S("updatedDate"));
  XR_RETURN_IF_ERROR(c.Validate());
  return c;
}

// --- Maintenance ---

Status Maintenance::Validate() const {
  XR_RETURN_IF_ERROR(Required("Maintenance", "id", id));
  XR_RETURN_IF_ERROR(Required("Maintenance", "maintenanceId", maintenance_id));
  XR_RETURN_IF_ERROR(Required("Maintenance", "componentId", component_id));
  XR_RETURN_IF_ERROR(Required("Maintenance", "date", date));
  XR_RETURN_IF_ERROR(Required("Maintenance", "performedBy", performed_by));
  if (cost < 0) return EntityError("Maintenance", "cost", "must not be negative");
  XR_RETURN_IF_ERROR(Required("Maintenance", "description", description));
  XR_RETURN_IF_ERROR(Required("Maintenance", "nextMaintenance", next_maintenance));
  XR_RETURN_IF_ERROR(OneOf("Maintenance", "failurePrediction.riskLevel",
                           failure_prediction.risk_level, {"low", "medium", "high"}));
  return Required("Maintenance", "failurePrediction.reason", failure_prediction.reason);
}

Item Maintenance::ToItem() const {
  Item prediction = {{"riskLevel", AttributeValue::S(failure_prediction.risk_level)},
                     {"reason", AttributeValue::S(failure_prediction.reason)}};
  if (failure_prediction.estimated_failure_date) {
    prediction["estimatedFailureDate"] =
        AttributeValue::S(*failure_prediction.estimated_failure_date);
  }
  return {{"id", AttributeValue::S(id)},
          {"maintenanceId", AttributeValue::S(maintenance_id)},
          {"componentId", AttributeValue::S(component_id)},
          {"subcomponentsAffected", StringList(subcomponents_affected)},
          {"date", AttributeValue::S(date)},
          {"performedBy", AttributeValue::S(performed_by)},
          {"cost", AttributeValue::N(cost)},
          {"description", AttributeValue::S(description)},
          {"nextMaintenance", AttributeValue::S(next_maintenance)},
          {"failurePrediction", AttributeValue::M(std::move(prediction))}};
}

Result<Maintenance> Maintenance::FromItem(const Item& item) {
  ItemReader r("Maintenance", item);
  Maintenance m;
  XR_ASSIGN_OR_RETURN(m.id, r.S("id"));
  XR_ASSIGN_OR_RETURN(m.maintenance_id, r.S("maintenanceId"));
  XR_ASSIGN_OR_RETURN(m.component_id, r.S("componentId"));
  XR_ASSIGN_OR_RETURN(m.subcomponents_affected, r.StringList("subcomponentsAffected"));
  XR_ASSIGN_OR_RETURN(m.date, r.S("date"));
  XR_ASSIGN_OR_RETURN(m.performed_by, r.S("performedBy"));
  XR_ASSIGN_OR_RETURN(m.cost, r.Int("cost"));
  XR_ASSIGN_OR_RETURN(m.description, r.S("description"));
  XR_ASSIGN_OR_RETURN(m.next_maintenance, r.S("nextMaintenance"));
  XR_ASSIGN_OR_RETURN(const Item* fp, r.Map("failurePrediction"));
  ItemReader p("Maintenance.failurePrediction", *fp);
  XR_ASSIGN_OR_RETURN(m.failure_prediction.risk_level, p.S("riskLevel"));
  XR_ASSIGN_OR_RETURN(m.failure_prediction.estimated_failure_date,
                      p.OptionalS("estimatedFailureDate"));
  XR_ASSIGN_OR_RETURN(m.failure_prediction.reason, p.S("reason"));
  XR_RETURN_IF_ERROR(m.Validate());
  return m;
}

// --- Analytic ---

Status Analytic::Validate() const {
  XR_RETURN_IF_ERROR(Required("Analytic", "id", id));
  XR_RETURN_IF_ERROR(Required("Analytic", "metricName", metric_name));
  XR_RETURN_IF_ERROR(Required("Analytic", "description", description));
  return Required("Analytic", "updatedAt", updated_at);
}

Item Analytic::ToItem() const {
  ddb::AttributeList rows;
  rows.reserve(data.size());
  for (const Item& row : data) rows.push_back(AttributeValue::M(row));
  return {{"id", AttributeValue::S(id)},
          {"metricName", AttributeValue::S(metric_name)},
          {"description", AttributeValue::S(description)},
          {"data", AttributeValue::L(std::move(rows))},
          {"updatedAt", AttributeValue::S(updated_at)}};
}

Result<Analytic> Analytic::FromItem(const Item& item) {
  ItemReader r("Analytic", item);
  Analytic a;
  XR_ASSIGN_OR_RETURN(a.id, r.S("id"));
  XR_ASSIGN_OR_RETURN(a.metric_name, r.S("metricName"));
  XR_ASSIGN_OR_RETURN(a.description, r.S("description"));
  XR_ASSIGN_OR_RETURN(a.data, r.MapList("data"));
  XR_ASSIGN_OR_RETURN(a.updated_at, r.S("updatedAt"));
  XR_RETURN_IF_ERROR(a.Validate());
  return a;
}

// --- SubComponentFailure ---

Status SubComponentFailure::Validate() const {
  constexpr std::string_view kE = "SubComponentFailure";
  XR_RETURN_IF_ERROR(Required(kE, "id", id));
  XR_RETURN_IF_ERROR(Required(kE, "subComponentId", sub_component_id));
  XR_RETURN_IF_ERROR(Required(kE, "detectedAt", detected_at));
  XR_RETURN_IF_ERROR(OneOf(kE, "failureType", failure_type, {"wear", "overheating", "vibrations"}));
  XR_RETURN_IF_ERROR(OneOf(kE, "severity", severity, {"low", "medium", "high"}));
  XR_RETURN_IF_ERROR(Required(kE, "reportedBy", reported_by));
  XR_RETURN_IF_ERROR(OneOf(kE, "status", status, {"pending", "underRepair", "resolved"}));
  if (maintenance_id && maintenance_id->empty()) {
    return EntityError(kE, "maintenanceId", "must not be empty when present");
  }
  return ddb::OkStatus();
}

Item SubComponentFailure::ToItem() const {
  Item item = {{"id", AttributeValue::S(id)},
               {"subComponentId", AttributeValue::S(sub_component_id)},
               {"detectedAt", AttributeValue::S(detected_at)},
               {"failureType", AttributeValue::S(failure_type)},
               {"severity", AttributeValue::S(severity)},
               {"reportedBy", AttributeValue::S(reported_by)},
               {"status", AttributeValue::S(status)}};
  if (maintenance_id) item["maintenanceId"] = AttributeValue::S(*maintenance_id);
  return item;
}

Result<SubComponentFailure> SubComponentFailure::FromItem(const Item& item) {
  ItemReader r("SubComponentFailure", item);
  SubComponentFailure f;
  XR_ASSIGN_OR_RETURN(f.id, r.S("id"));
  XR_ASSIGN_OR_RETURN(f.sub_component_id, r.S("subComponentId"));
  XR_ASSIGN_OR_RETURN(f.detected_at, r.S("detectedAt"));
  XR_ASSIGN_OR_RETURN(f.failure_type, r.S("failureType"));
  XR_ASSIGN_OR_RETURN(f.severity, r.S("severity"));
  XR_ASSIGN_OR_RETURN(f.reported_by, r.S("reportedBy"));
  XR_ASSIGN_OR_RETURN(f.status, r.S("status"));
  XR_ASSIGN_OR_RETURN(f.maintenance_id, r.OptionalS("maintenanceId"));
  XR_RETURN_IF_ERROR(f.Validate());
  return f;
}

}  // namespace app
