#include "app/repositories.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace app {

ddb::UpdateItemRequest UpsertRequest(std::string_view table, std::string_view key_attribute,
                                     ddb::Item item, const std::vector<std::string>& keep_first) {
  ddb::UpdateItemRequest req;
  req.table_name = std::string(table);
  std::string expression;
  int n = 0;
  for (auto& [name, value] : item) {
    if (name == key_attribute) continue;
    const std::string tag = std::to_string(n++);
    const std::string path = "#n" + tag;
    const std::string placeholder = ":v" + tag;
    const bool keep = std::find(keep_first.begin(), keep_first.end(), name) != keep_first.end();
    expression += expression.empty() ? "SET " : ", ";
    expression += path + " = ";
    expression += keep ? "if_not_exists(" + path + ", " + placeholder + ")" : placeholder;
    req.expression_attribute_names[path] = name;
    req.expression_attribute_values[placeholder] = std::move(value);
  }
  auto key = item.extract(std::string(key_attribute));
  if (!key.empty()) req.key.insert(std::move(key));
  req.update_expression = std::move(expression);
  return req;
}

ddb::Status UpdateConcurrently(ddb::Client& client, std::vector<ddb::UpdateItemRequest> requests,
                               int concurrency) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  ddb::Status first_error = ddb::OkStatus();
  auto work = [&] {
    for (size_t i = next++; i < requests.size() && !failed; i = next++) {
      auto done = client.UpdateItem(requests[i]);
      if (done.ok()) continue;
      std::lock_guard lock(mu);
      if (!failed.exchange(true)) first_error = std::move(done).error();
    }
  };
  const size_t threads =
      std::min(requests.size(), static_cast<size_t>(std::max(1, concurrency)));
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();  // the calling thread is one of the workers
  for (auto& w : workers) w.join();
  return first_error;
}

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
