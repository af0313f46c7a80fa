#include "app/migrations/users.h"

#include <crypt.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "app/ids.h"
#include "app/repositories.h"

namespace app::migrations {

const std::vector<UserSeed>& DefaultUsers() {
  // Function-local constant (no mutable global state, built on first use).
  static const std::vector<UserSeed> kUsers = {
      {"Fleet Administrator", "admin", std::string(kAdminEmail), "admin",
       "XROUTING_ADMIN_PASSWORD"},
      {"Engineer One", "engineer1", "engineer1@xrouting.local", "engineer",
       "XROUTING_ENGINEER1_PASSWORD"},
      {"Engineer Two", "engineer2", "engineer2@xrouting.local", "engineer",
       "XROUTING_ENGINEER2_PASSWORD"},
      {"Engineer Three", "engineer3", "engineer3@xrouting.local", "engineer",
       "XROUTING_ENGINEER3_PASSWORD"},
      {"Fleet Viewer", "viewer", "viewer@xrouting.local", "viewer", "XROUTING_VIEWER_PASSWORD"},
  };
  return kUsers;
}

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

ddb::Result<std::string> HashPassword(std::string_view plaintext, int cost) {
  if (plaintext.find('\0') != std::string_view::npos) {
    return ddb::ValidationError("password must not contain a NUL character");
  }
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  // rbytes == nullptr: libxcrypt draws the salt from the OS random source.
  if (crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, setting,
                       sizeof setting) == nullptr) {
    return ddb::Error(ddb::ErrorCode::kConfiguration,
                      "bcrypt: cannot make a $2b$ salt (cost " + std::to_string(cost) + ")");
  }
  auto data = std::make_unique<crypt_data>();  // ~32 KB: on the heap, not the stack
  const std::string phrase(plaintext);
  const char* hash = crypt_rn(phrase.c_str(), setting, data.get(), sizeof(crypt_data));
  if (hash == nullptr || hash[0] == '*') {
    return ddb::Error(ddb::ErrorCode::kConfiguration, "bcrypt: hashing failed");
  }
  std::string out(hash);
  OPENSSL_cleanse(data.get(), sizeof(crypt_data));
  return out;
}

bool VerifyPassword(std::string_view plaintext, std::string_view hash) {
  auto data = std::make_unique<crypt_data>();
  const std::string phrase(plaintext);
  const std::string setting(hash);
  const char* got = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
  bool ok = got != nullptr && got[0] != '*' && std::string_view(got).size() == hash.size() &&
            CRYPTO_memcmp(got, hash.data(), hash.size()) == 0;
  OPENSSL_cleanse(data.get(), sizeof(crypt_data));
  return ok;
}

ddb::Result<std::string> GeneratePassword() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  constexpr size_t kLength = 20;
  std::string out;
  while (out.size() < kLength) {
    unsigned char buf[32];
    if (RAND_bytes(buf, sizeof buf) != 1) {
      return ddb::Error(ddb::ErrorCode::kConfiguration, "no secure random source");
    }
    for (unsigned char b : buf) {
      // Rejection sampling: 248 = 4 * 62, so every character is equally likely.
      if (b < 248 && out.size() < kLength) out.push_back(kAlphabet[b % 62]);
    }
  }
  return out;
}

ddb::Result<MigrateUsersResult> MigrateUsers(ddb::Client& client, const EnvLookup& env,
                                             int bcrypt_cost) {
  MigrateUsersResult result;
  Repository<User> users(client);
  for (const UserSeed& seed : DefaultUsers()) {
    XR_ASSIGN_OR_RETURN(std::optional<User> existing, FindUserByEmail(client, seed.email));
    MigratedUser m;
    m.email = seed.email;
    m.role = seed.role;
    if (existing) {
      m.id = existing->id;
      ++result.existing;
      result.users.push_back(std::move(m));
      continue;
    }
    std::optional<std::string> password = env ? env(seed.password_env) : std::nullopt;
    if (!password || password->empty()) {
      XR_ASSIGN_OR_RETURN(std::string generated, GeneratePassword());
      m.generated_password = generated;
      password = std::move(generated);
    }
    User u;
    u.id = DeterministicId("user:" + seed.email);
    u.name = seed.name;
    u.username = seed.username;
    u.email = seed.email;
    u.role = seed.role;
    u.is_active = true;
    XR_ASSIGN_OR_RETURN(u.password, HashPassword(*password, std::max(bcrypt_cost, 10)));
    XR_RETURN_IF_ERROR(users.Save(u));
    m.id = u.id;
    m.created = true;
    ++result.created;
    result.users.push_back(std::move(m));
  }
  return result;
}

ddb::Result<std::string> FindAdminUserId(ddb::Client& client) {
  XR_ASSIGN_OR_RETURN(std::optional<User> admin, FindUserByEmail(client, kAdminEmail));
  if (admin && admin->role == "admin") return admin->id;
  // Users created by the application itself may not use our email; any admin will do.
  XR_ASSIGN_OR_RETURN(std::vector<User> all, Repository<User>(client).ListAll());
  const User* best = nullptr;
  for (const User& u : all) {
    if (u.role == "admin" && (best == nullptr || u.id < best->id)) best = &u;
  }
  if (best == nullptr) {
    return ddb::ValidationError(
        "no admin user in the users table: run `xrouting migrate users` first");
  }
  return best->id;
}

}  // namespace app::migrations
