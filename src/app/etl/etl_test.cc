// Repositories, migrations and the ETL over an in-memory ddb::Backend (no database).
#include "app/etl/etl.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/etl/analytics.h"
#include "app/in_memory_backend_test_util.h"
#include "app/migrations/fleet.h"
#include "app/migrations/users.h"
#include "app/repositories.h"

namespace app::etl {
namespace {

constexpr std::string_view kNow = "2024-01-01T00:00:00Z";

std::optional<std::string> NoEnv(const std::string&) { return std::nullopt; }

class EtlTest : public ::testing::Test {
 protected:
  EtlTest() : backend_(std::make_shared<testing::InMemoryBackend>()), client_(backend_) {}

  void MigrateUsersOk() {
    auto users = migrations::MigrateUsers(client_, NoEnv, /*bcrypt_cost=*/10);
    ASSERT_TRUE(users.ok()) << users.error().message;
  }
  std::map<std::string, std::map<std::string, ddb::Item>> AllTables() const {
    std::map<std::string, std::map<std::string, ddb::Item>> out;
    for (const auto& schema : AllTableSchemas()) out[schema.name] = backend_->Table(schema.name);
    return out;
  }

  std::shared_ptr<testing::InMemoryBackend> backend_;
  ddb::Client client_;
  spacex::SnapshotSource snapshot_;
};

TEST_F(EtlTest, LoadsEverythingAndSummarizesLikeTheLambda) {
  MigrateUsersOk();
  std::vector<std::string> phases;
  auto summary = RunEtl(client_, snapshot_, kNow,
                        [&](std::string_view m) { phases.emplace_back(m.substr(0, m.find(':'))); });
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->components_saved, 147);
  EXPECT_EQ(summary->sub_components_saved, 4);
  EXPECT_EQ(summary->failures_saved, 5);
  EXPECT_EQ(summary->analytics_saved, 7);
  EXPECT_EQ(phases,
            (std::vector<std::string>{"extract", "validate", "transform", "load", "analytics"}));
  EXPECT_EQ(static_cast<int64_t>(backend_->Table("components").size()), 147);
  EXPECT_EQ(static_cast<int64_t>(backend_->Table("maintenances").size()),
            summary->maintenances_saved);
  EXPECT_EQ(static_cast<int64_t>(backend_->Table("comments").size()), summary->comments_saved);
  const std::string json = summary->ToJson();
  EXPECT_EQ(json.rfind("{\"statusCode\":200,\"body\":{\"componentsSaved\":147,"
                       "\"subComponentsSaved\":4,\"commentsSaved\":",
                       0),
            0u)
      << json;
  EXPECT_NE(json.find("\"analyticsSaved\":7,\"source\":\"snapshot\",\"timingsMs\":{"),
            std::string::npos)
      << json;
  // Every maintenance is performed by the admin found once for the run.
  auto admin = FindUserByEmail(client_, migrations::kAdminEmail);
  ASSERT_TRUE(admin.ok() && admin->has_value());
  for (const auto& [key, item] : backend_->Table("maintenances")) {
    EXPECT_EQ(item.at("performedBy").s(), (*admin)->id);
  }
}

TEST_F(EtlTest, SecondRunUpdatesInPlaceWithIdenticalItems) {
  MigrateUsersOk();
  ASSERT_TRUE(RunEtl(client_, snapshot_, kNow).ok());
  auto first = AllTables();
  ASSERT_TRUE(RunEtl(client_, snapshot_, kNow).ok());
  EXPECT_EQ(AllTables(), first);
}

TEST_F(EtlTest, NothingIsWrittenOnBadInput) {
  MigrateUsersOk();
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("xr_app_etl_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto raw = snapshot_.Fetch();
  ASSERT_TRUE(raw.ok());
  for (spacex::Endpoint e : spacex::kAllEndpoints) {
    std::ofstream(dir / (std::string(spacex::EndpointName(e)) + ".json")) << raw->body(e);
  }
  // The very last launch points at a launchpad that does not exist.
  std::string launches = raw->body(spacex::Endpoint::kLaunches);
  size_t pos = launches.rfind("\"launchpad\": \"");
  ASSERT_NE(pos, std::string::npos);
  launches.replace(pos + 14, 24, "000000000000000000000000");
  std::ofstream(dir / "launches.json", std::ios::trunc) << launches;

  const int64_t before = backend_->writes();
  spacex::DirectorySource bad(dir.string());
  auto summary = RunEtl(client_, bad, kNow);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message.find("launchpad 000000000000000000000000 does not exist"),
            std::string::npos)
      << summary.error().message;
  EXPECT_EQ(backend_->writes(), before);
  fs::remove_all(dir);
}

TEST_F(EtlTest, WithoutAnAdminNothingIsWritten) {
  auto summary = RunEtl(client_, snapshot_, kNow);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message.find("migrate users"), std::string::npos);
  EXPECT_EQ(backend_->writes(), 0);
}

TEST_F(EtlTest, MigrateUsersIsIdempotentAndKeepsHashes) {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "XROUTING_ADMIN_PASSWORD") return std::string("admin-secret-1");
    return std::nullopt;
  };
  auto first = migrations::MigrateUsers(client_, env);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->created, 5);
  ASSERT_EQ(first->users.size(), 5u);
  EXPECT_FALSE(first->users[0].generated_password.has_value());  // from the environment
  for (size_t i = 1; i < 5; ++i) ASSERT_TRUE(first->users[i].generated_password.has_value());
  auto users = Repository<User>(client_).ListAll();  // 5 users, pages of 16: one page
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 5u);
  for (const User& u : *users) {
    EXPECT_EQ(u.password.rfind("$2b$12$", 0), 0u);
    if (u.role == "admin") {
      EXPECT_TRUE(migrations::VerifyPassword("admin-secret-1", u.password));
    }
    for (const auto& m : first->users) {
      if (m.id == u.id && m.generated_password) {
        EXPECT_TRUE(migrations::VerifyPassword(*m.generated_password, u.password));
        EXPECT_EQ(u.password.find(*m.generated_password), std::string::npos);
      }
    }
  }
  const auto before = backend_->Table("users");
  auto second = migrations::MigrateUsers(client_, env);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->existing, 5);
  for (const auto& m : second->users) EXPECT_FALSE(m.generated_password.has_value());
  EXPECT_EQ(backend_->Table("users"), before);
}

TEST_F(EtlTest, InsertThenAnalyticsEqualsTheFullRun) {
  MigrateUsersOk();
  auto insert = migrations::MigrateInsert(client_, snapshot_, kNow);
  ASSERT_TRUE(insert.ok()) << insert.error().message;
  EXPECT_EQ(insert->analytics_saved, 0);
  EXPECT_TRUE(backend_->Table("analytics").empty());
  auto analytics = migrations::MigrateAnalytics(client_, snapshot_, kNow);
  ASSERT_TRUE(analytics.ok()) << analytics.error().message;
  EXPECT_EQ(analytics->components_saved, 0);
  EXPECT_EQ(analytics->analytics_saved, 7);
  auto split = AllTables();
  ASSERT_TRUE(RunEtl(client_, snapshot_, kNow).ok());
  EXPECT_EQ(AllTables(), split);
}

TEST_F(EtlTest, MaintenanceFrequencyCountsEveryMaintenanceInTheTable) {
  MigrateUsersOk();
  // One maintenance the application added itself, on a ship.
  Maintenance extra;
  extra.id = extra.maintenance_id = "zz-app-maintenance";
  extra.component_id = "5ea6ed2d080df4000697c901";  // a ship of the snapshot
  extra.date = "2023-01-01T00:00:00Z";
  extra.performed_by = "someone";
  extra.cost = 1;
  extra.description = "hull check";
  extra.next_maintenance = "2024-01-01T00:00:00Z";
  extra.failure_prediction = {"medium", "2023-06-01T00:00:00Z", "corrosion"};
  ASSERT_TRUE(Repository<Maintenance>(client_).Save(extra).ok());
  auto summary = RunEtl(client_, snapshot_, kNow);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  auto metric = Repository<Analytic>(client_).Get(kMaintenanceFrequency);
  ASSERT_TRUE(metric.ok() && metric->has_value());
  int64_t total = 0;
  bool ship = false;
  for (const ddb::Item& row : (*metric)->data) {
    total += *row.at("maintenanceCount").n().ToInt64();
    ship = ship || row.at("componentType").s() == "ship";
  }
  EXPECT_EQ(total, summary->maintenances_saved + 1);
  EXPECT_TRUE(ship);
}

TEST_F(EtlTest, IndexQueriesFindTheLoadedItems) {
  MigrateUsersOk();
  ASSERT_TRUE(RunEtl(client_, snapshot_, kNow).ok());
  const std::string falcon9 = "5e9d0d95eda69973a809d1ec";
  auto subs = SubComponentsByParent(client_, falcon9);
  ASSERT_TRUE(subs.ok()) << subs.error().message;
  ASSERT_EQ(subs->size(), 1u);
  EXPECT_EQ((*subs)[0].name, "merlin 1D+");
  auto maint = MaintenancesByComponent(client_, falcon9);
  ASSERT_TRUE(maint.ok());
  EXPECT_GT(maint->size(), 100u);  // more than one page
  for (const Maintenance& m : *maint) EXPECT_EQ(m.component_id, falcon9);
  auto comments = CommentsByComponent(client_, falcon9);
  ASSERT_TRUE(comments.ok());
  for (const Comment& c : *comments) EXPECT_EQ(c.component_id, falcon9);
  auto none = FindUserByEmail(client_, "nobody@example.com");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto component = Repository<Component>(client_).Get(falcon9);
  ASSERT_TRUE(component.ok() && component->has_value());
  EXPECT_EQ((*component)->name, "Falcon 9");
}

}  // namespace
}  // namespace app::etl
