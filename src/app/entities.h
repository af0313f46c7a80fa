// The application's entities (SPEC §4), one per table, with their DynamoDB item form.
// Attribute names in items are exactly SPEC §4's; C++ members are their snake_case twins.
// ToItem() never fails (call Validate() first; the repositories do); FromItem() checks
// types and enums and names the attribute that is wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/attribute_value.h"
#include "ddb/result.h"

namespace app {

struct User {
  std::string id;
  std::string name;
  std::string username;
  std::string email;
  std::string password;  // a bcrypt "$2b$" hash, never plaintext
  std::string role;      // admin | engineer | viewer
  bool is_active = true;

  ddb::Status Validate() const;
  ddb::Item ToItem() const;
  static ddb::Result<User> FromItem(const ddb::Item& item);
  friend bool operator==(const User&, const User&) = default;
};

struct Component {
  std::string id;
  std::string component_id;  // the SpaceX id
  std::string name;
  std::string type;                   // rocket | capsule | core | launchpad | ship | engine
  std::string status;                 // active | inactive | damaged | destroyed
  std::string category;               // launched | fixed
  std::vector<std::string> missions;  // launch ids
  bool has_subcomponents = false;
  std::string created_at;
  std::string last_updated;

  ddb::Status Validate() const;
  ddb::Item ToItem() const;
  static ddb::Result<Component> FromItem(const ddb::Item& item);
  friend bool operator==(const Component&, const Component&) = default;
};

struct SubComponent {
  std::string id;
  std::string sub_component_id;
  std::string parent_component_id;
  std::string name;
  std::string status;  // good | needReview | damaged | destroyed

  ddb::Status Validate() const;
  ddb::Item ToItem() const;
  static ddb::Result<SubComponent> FromItem(const ddb::Item& item);
  friend bool operator==(const SubComponent&, const SubComponent&) = default;
};

struct Comment {
  std::string id;
  std::string component_id;
  std::string user_id;
  std::string message;
  std::string updated_date;

  ddb::Status Validate() const;
  ddb::Item ToItem() const;
  static ddb::Result<Comment> FromItem(const ddb::Item& item);
  friend bool operator==(const Comment&, const Comment&) = default;
};

struct FailurePrediction {
  std::string risk_level;  // low | medium | high
  std::optional<std::string> estimated_failure_date;
  std::string reason;
  friend bool operator==(const FailurePrediction&, const FailurePrediction&) = default;
};

struct Maintenance {
  std::string id;
  std::string maintenance_id;
  std::string component_id;
  std::vector<std::string> subcomponents_affected;
  std::string date;
  std::string performed_by;  // user id
  int64_t cost = 0;
  std::string description;
  std::string next_maintenance;
  FailurePrediction failure_prediction;

  ddb::Status Validate() const;
  ddb::Item ToItem() const;
  static ddb::Result<Maintenance> FromItem(const ddb::Item& item);
  friend bool operator==(const Maintenance&, const Maintenance&) = default;
};

struct Analytic {
  std::string id;  // the metric id, e.g. "costSuccessRate"
  std::string metric_name;
  std::string description;
  std::vector<ddb::Item> data;  // one map per row
  std::string updated_at;

  ddb::Status Validate() const;
  ddb::Item ToItem() const;
  static ddb::Result<Analytic> FromItem(const ddb::Item& item);
  friend bool operator==(const Analytic&, const Analytic&) = default;
};

struct SubComponentFailure {
  std::string id;
  std::string sub_component_id;
  std::string detected_at;
  std::string failure_type;  // wear | overheating | vibrations
  std::string severity;      // low | medium | high
  std::string reported_by;
  std::string status;  // pending | underRepair | resolved
  std::optional<std::string> maintenance_id;

  ddb::Status Validate() const;
  ddb::Item ToItem() const;
  static ddb::Result<SubComponentFailure> FromItem(const ddb::Item& item);
  friend bool operator==(const SubComponentFailure&, const SubComponentFailure&) = default;
};

}  // namespace app
