// `migrate users`: the application's five users (1 admin, 3 engineers, 1 viewer), with
// bcrypt-hashed passwords. Idempotent by email: a user that exists keeps its id and its
// password hash; only missing users are created.
//
// Passwords come from the environment, one variable per user:
//   XROUTING_ADMIN_PASSWORD, XROUTING_ENGINEER1_PASSWORD, XROUTING_ENGINEER2_PASSWORD,
//   XROUTING_ENGINEER3_PASSWORD, XROUTING_VIEWER_PASSWORD
// or, when a variable is unset or empty, are generated randomly and returned once in the
// result (so the caller can show them to the operator); they are never logged or stored.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/entities.h"
#include "ddb/client.h"

namespace app::migrations {

struct UserSeed {
  std::string name;
  std::string username;
  std::string email;
  std::string role;
  std::string password_env;  // the variable holding this user's password
};

// The five users, admin first.
const std::vector<UserSeed>& DefaultUsers();
// The admin's email (how the pipeline finds the admin user).
inline constexpr std::string_view kAdminEmail = "admin@xrouting.local";

struct MigratedUser {
  std::string id;
  std::string email;
  std::string role;
  bool created = false;  // false: it existed and was left as it was
  // The plaintext password, only for a user created just now with a generated password.
  std::optional<std::string> generated_password;
};

struct MigrateUsersResult {
  std::vector<MigratedUser> users;
  int created = 0;
  int existing = 0;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
// getenv.
std::optional<std::string> ProcessEnv(const std::string& name);

// bcrypt "$2b$" at `cost` (SPEC: cost >= 10; we use 12) with a random salt (libxcrypt).
inline constexpr int kBcryptCost = 12;

// `bcrypt_cost` below 10 is raised to 10 (the application's API requires >= 10).
ddb::Result<MigrateUsersResult> MigrateUsers(ddb::Client& client, const EnvLookup& env = ProcessEnv,
                                             int bcrypt_cost = kBcryptCost);

ddb::Result<std::string> HashPassword(std::string_view plaintext, int cost = kBcryptCost);
// True when `hash` is a bcrypt hash of `plaintext` (constant-time compare).
bool VerifyPassword(std::string_view plaintext, std::string_view hash);
// 20 random characters from [A-Za-z0-9] (OpenSSL RAND_bytes), about 119 bits.
ddb::Result<std::string> GeneratePassword();

// The user the pipeline acts as: the admin by email, else any user with role admin
// (smallest id, so the choice is stable). An error that says to run `migrate users` when
// there is none.
ddb::Result<std::string> FindAdminUserId(ddb::Client& client);

}  // namespace app::migrations
