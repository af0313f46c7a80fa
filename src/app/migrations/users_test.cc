#include "app/migrations/users.h"

#include <gtest/gtest.h>

#include <set>

namespace app::migrations {
namespace {

TEST(Passwords, BcryptHashVerifiesWithCostAtLeast10AndNoPlaintext) {
  const std::string plain = "correct horse battery staple";
  auto hash = HashPassword(plain);
  ASSERT_TRUE(hash.ok()) << hash.error().message;
  EXPECT_EQ(hash->rfind("$2b$12$", 0), 0u) << *hash;
  EXPECT_EQ(hash->size(), 60u);
  EXPECT_GE(std::stoi(hash->substr(4, 2)), 10);
  EXPECT_EQ(hash->find(plain), std::string::npos);
  EXPECT_TRUE(VerifyPassword(plain, *hash));
  EXPECT_FALSE(VerifyPassword("wrong", *hash));
  EXPECT_FALSE(VerifyPassword(plain, "not a hash"));
  // A second hash of the same password uses a fresh salt.
  auto again = HashPassword(plain, 10);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*again, *hash);
  EXPECT_TRUE(VerifyPassword(plain, *again));
}

TEST(Passwords, GeneratedPasswordsAreRandomAlphanumeric) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    auto p = GeneratePassword();
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->size(), 20u);
    for (char c : *p) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
    seen.insert(*p);
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(Users, FiveUsersWithTheSpecRolesAndDistinctEmails) {
  const auto& users = DefaultUsers();
  ASSERT_EQ(users.size(), 5u);
  int admins = 0, engineers = 0, viewers = 0;
  std::set<std::string> emails, envs;
  for (const UserSeed& u : users) {
    admins += u.role == "admin";
    engineers += u.role == "engineer";
    viewers += u.role == "viewer";
    emails.insert(u.email);
    envs.insert(u.password_env);
  }
  EXPECT_EQ(admins, 1);
  EXPECT_EQ(engineers, 3);
  EXPECT_EQ(viewers, 1);
  EXPECT_EQ(emails.size(), 5u);
  EXPECT_EQ(envs.size(), 5u);
  EXPECT_EQ(users[0].email, kAdminEmail);
}

}  // namespace
}  // namespace app::migrations
