#include "app/repositories.h"

namespace app {

ddb::Result<std::optional<User>> FindUserByEmail(ddb::Client& client, std::string_view email) {
  XR_ASSIGN_OR_RETURN(std::vector<User> users,
                      Repository<User>(client).QueryIndex(kUsersByEmailIndex, "email", email));
  if (users.empty()) return std::optional<User>();
  if (users.size() > 1) {
    // Emails identify users (migrations are idempotent by email); two is a data error the
    // operator must resolve, not something to pick from silently.
    return ddb::ValidationError("users: " + std::to_string(users.size()) +
                                " users share the email " + std::string(email));
  }
  return std::optional<User>(std::move(users.front()));
}

ddb::Result<std::vector<Comment>> CommentsByComponent(ddb::Client& client,
                                                      std::string_view component_id) {
  return Repository<Comment>(client).QueryIndex(kCommentsByComponentIndex, "componentId",
                                                component_id);
}

ddb::Result<std::vector<Maintenance>> MaintenancesByComponent(ddb::Client& client,
                                                              std::string_view component_id) {
  return Repository<Maintenance>(client).QueryIndex(kMaintenancesByComponentIndex, "componentId",
                                                    component_id);
}

ddb::Result<std::vector<SubComponent>> SubComponentsByParent(ddb::Client& client,
                                                             std::string_view parent_id) {
  return Repository<SubComponent>(client).QueryIndex(kSubcomponentsByParentIndex,
                                                     "parentComponentId", parent_id);
}

}  // namespace app
