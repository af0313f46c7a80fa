// Repositories, migrations and the ETL on the real embedded engine: every test opens a fresh
// store in its own temporary directory and creates the seven tables with DynamoDBManager.
#include "app/etl/etl.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/etl/analytics.h"
#include "app/manager.h"
#include "app/migrations/fleet.h"
#include "app/migrations/users.h"
#include "app/repositories.h"
#include "app/schema.h"
#include "ddb/embedded/embedded_backend.h"
#include "engine/engine.h"

namespace app::etl {
namespace {

constexpr std::string_view kNow = "2024-01-01T00:00:00Z";
// The lowest cost MigrateUsers accepts: bcrypt at the production cost (12) would make these
// tests slow, under ASan especially.
constexpr int kTestBcryptCost = 10;

std::optional<std::string> NoEnv(const std::string&) { return std::nullopt; }

// One table's items as sorted DynamoDB-style text: an order-independent, printable dump.
using Rows = std::vector<std::string>;

class EtlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir_template = "/tmp/xr_app_etl_test_XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template.data()), nullptr) << "mkdtemp failed";
    dir_ = dir_template;
    engine::Options options;
    options.data_dir = (dir_ / "data").string();
    auto backend = ddb::MakeEmbeddedBackend(options);
    ASSERT_TRUE(backend.ok()) << backend.error().ToString();
    client_ = std::make_unique<ddb::Client>(std::shared_ptr<ddb::Backend>(std::move(*backend)));
    ManagerOptions manager_options;
    manager_options.waiter.delay = std::chrono::milliseconds(5);
    manager_options.waiter.max_attempts = 2000;
    auto ensured = DynamoDBManager(client(), manager_options).EnsureAll(AllTableSchemas());
    ASSERT_TRUE(ensured.ok()) << ensured.error().ToString();
  }
  void TearDown() override {
    client_.reset();  // closes the engine before its files go
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  ddb::Client& client() { return *client_; }

  void MigrateUsersOk() {
    auto users = migrations::MigrateUsers(client(), NoEnv, kTestBcryptCost);
    ASSERT_TRUE(users.ok()) << users.error().message;
  }
  std::vector<ddb::Item> Scan(const std::string& table) {
    auto items = client().ScanAll(table);
    EXPECT_TRUE(items.ok()) << table << ": " << items.error().ToString();
    return items.ok() ? std::move(*items) : std::vector<ddb::Item>{};
  }
  Rows Dump(const std::string& table) {
    Rows rows;
    for (ddb::Item& item : Scan(table)) {
      rows.push_back(ddb::AttributeValue::M(std::move(item)).DebugString());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }
  std::map<std::string, Rows> AllTables() {
    std::map<std::string, Rows> out;
    for (const auto& schema : AllTableSchemas()) out[schema.name] = Dump(schema.name);
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<ddb::Client> client_;
  spacex::SnapshotSource snapshot_;
};

TEST_F(EtlTest, LoadsEverythingAndSummarizesLikeTheLambda) {
  MigrateUsersOk();
  std::vector<std::string> phases;
  auto summary = RunEtl(client(), snapshot_, kNow,
                        [&](std::string_view m) { phases.emplace_back(m.substr(0, m.find(':'))); });
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->components_saved, 147);
  EXPECT_EQ(summary->sub_components_saved, 4);
  EXPECT_EQ(summary->failures_saved, 5);
  EXPECT_EQ(summary->analytics_saved, 7);
  EXPECT_EQ(phases,
            (std::vector<std::string>{"extract", "validate", "transform", "load", "analytics"}));
  EXPECT_EQ(static_cast<int64_t>(Scan("components").size()), 147);
  const std::vector<ddb::Item> maintenances = Scan("maintenances");
  EXPECT_EQ(static_cast<int64_t>(maintenances.size()), summary->maintenances_saved);
  EXPECT_EQ(static_cast<int64_t>(Scan("comments").size()), summary->comments_saved);
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
  auto admin = FindUserByEmail(client(), migrations::kAdminEmail);
  ASSERT_TRUE(admin.ok() && admin->has_value());
  for (const ddb::Item& item : maintenances) {
    EXPECT_EQ(item.at("performedBy").s(), (*admin)->id);
  }
}

TEST_F(EtlTest, SecondRunUpdatesInPlaceWithIdenticalItems) {
  MigrateUsersOk();
  ASSERT_TRUE(RunEtl(client(), snapshot_, kNow).ok());
  auto first = AllTables();
  ASSERT_TRUE(RunEtl(client(), snapshot_, kNow).ok());
  EXPECT_EQ(AllTables(), first);
}

TEST_F(EtlTest, NothingIsWrittenOnBadInput) {
  MigrateUsersOk();
  namespace fs = std::filesystem;
  const fs::path dir = dir_ / "snapshot";
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

  const auto before = AllTables();
  spacex::DirectorySource bad(dir.string());
  auto summary = RunEtl(client(), bad, kNow);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message.find("launchpad 000000000000000000000000 does not exist"),
            std::string::npos)
      << summary.error().message;
  const auto after = AllTables();
  EXPECT_EQ(after, before);  // the users, and nothing else
  for (const auto& [table, rows] : after) {
    EXPECT_EQ(rows.empty(), table != "users") << table;
  }
}

TEST_F(EtlTest, WithoutAnAdminNothingIsWritten) {
  auto summary = RunEtl(client(), snapshot_, kNow);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message.find("migrate users"), std::string::npos);
  const auto tables = AllTables();
  EXPECT_EQ(tables.size(), 7u);
  for (const auto& [table, rows] : tables) EXPECT_TRUE(rows.empty()) << table;
}

TEST_F(EtlTest, MigrateUsersIsIdempotentAndKeepsHashes) {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "XROUTING_ADMIN_PASSWORD") return std::string("admin-secret-1");
    return std::nullopt;
  };
  auto first = migrations::MigrateUsers(client(), env, kTestBcryptCost);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->created, 5);
  ASSERT_EQ(first->users.size(), 5u);
  EXPECT_FALSE(first->users[0].generated_password.has_value());  // from the environment
  for (size_t i = 1; i < 5; ++i) ASSERT_TRUE(first->users[i].generated_password.has_value());
  auto users = Repository<User>(client()).ListAll();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 5u);
  for (const User& u : *users) {
    EXPECT_EQ(u.password.rfind("$2b$" + std::to_string(kTestBcryptCost) + "$", 0), 0u)
        << u.password;
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
  const Rows before = Dump("users");
  ASSERT_EQ(before.size(), 5u);
  auto second = migrations::MigrateUsers(client(), env, kTestBcryptCost);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->existing, 5);
  for (const auto& m : second->users) EXPECT_FALSE(m.generated_password.has_value());
  EXPECT_EQ(Dump("users"), before);
}

TEST_F(EtlTest, InsertThenAnalyticsEqualsTheFullRun) {
  MigrateUsersOk();
  auto insert = migrations::MigrateInsert(client(), snapshot_, kNow);
  ASSERT_TRUE(insert.ok()) << insert.error().message;
  EXPECT_EQ(insert->analytics_saved, 0);
  EXPECT_TRUE(Scan("analytics").empty());
  auto analytics = migrations::MigrateAnalytics(client(), snapshot_, kNow);
  ASSERT_TRUE(analytics.ok()) << analytics.error().message;
  EXPECT_EQ(analytics->components_saved, 0);
  EXPECT_EQ(analytics->analytics_saved, 7);
  auto split = AllTables();
  ASSERT_TRUE(RunEtl(client(), snapshot_, kNow).ok());
  EXPECT_EQ(AllTables(), split);
}

TEST_F(EtlTest, MaintenanceFrequencyCountsEveryMaintenanceInTheTable) {
  MigrateUsersOk();
  const std::string ship = "5ea6ed2d080df4000697c901";  // a ship of the snapshot
  // Maintenances the application added itself, on a ship: one small, and enough with large
  // descriptions (~4 KB each, ~1.6 MB in all) that the table spans several 1 MB Scan pages.
  constexpr int kLarge = 400;
  std::vector<Maintenance> extra;
  for (int i = 0; i <= kLarge; ++i) {
    Maintenance m;
    m.id = m.maintenance_id = "zz-app-maintenance-" + std::to_string(i);
    m.component_id = ship;
    m.date = "2023-01-01T00:00:00Z";
    m.performed_by = "someone";
    m.cost = 1;
    m.description = i == 0 ? "hull check" : "hull check " + std::string(4000, 'x');
    m.next_maintenance = "2024-01-01T00:00:00Z";
    m.failure_prediction = {"medium", "2023-06-01T00:00:00Z", "corrosion"};
    extra.push_back(std::move(m));
  }
  ASSERT_TRUE(Repository<Maintenance>(client()).Save(extra[0]).ok());
  const std::vector<Maintenance> large(extra.begin() + 1, extra.end());
  auto saved = Repository<Maintenance>(client()).SaveAll(large);
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  ASSERT_EQ(*saved, kLarge);

  auto summary = RunEtl(client(), snapshot_, kNow);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  const int64_t expected = summary->maintenances_saved + kLarge + 1;

  // The table really is several pages: the first raw Scan page stops at the 1 MB limit.
  ddb::ScanRequest first_page;
  first_page.table_name = "maintenances";
  auto page = client().backend().Scan(first_page);
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  EXPECT_TRUE(page->last_evaluated_key.has_value());
  EXPECT_LT(page->count, expected);
  ASSERT_EQ(static_cast<int64_t>(Scan("maintenances").size()), expected);

  auto metric = Repository<Analytic>(client()).Get(kMaintenanceFrequency);
  ASSERT_TRUE(metric.ok() && metric->has_value());
  int64_t total = 0;
  int64_t ships = 0;
  for (const ddb::Item& row : (*metric)->data) {
    const int64_t count = *row.at("maintenanceCount").n().ToInt64();
    total += count;
    if (row.at("componentType").s() == "ship") ships = count;
  }
  EXPECT_EQ(total, expected);
  EXPECT_GE(ships, kLarge + 1);
}

TEST_F(EtlTest, IndexQueriesFindTheLoadedItems) {
  MigrateUsersOk();
  ASSERT_TRUE(RunEtl(client(), snapshot_, kNow).ok());
  const std::string falcon9 = "5e9d0d95eda69973a809d1ec";
  auto subs = SubComponentsByParent(client(), falcon9);
  ASSERT_TRUE(subs.ok()) << subs.error().message;
  ASSERT_EQ(subs->size(), 1u);
  EXPECT_EQ((*subs)[0].name, "merlin 1D+");
  auto maint = MaintenancesByComponent(client(), falcon9);
  ASSERT_TRUE(maint.ok());
  EXPECT_GT(maint->size(), 100u);
  for (const Maintenance& m : *maint) EXPECT_EQ(m.component_id, falcon9);
  auto comments = CommentsByComponent(client(), falcon9);
  ASSERT_TRUE(comments.ok());
  for (const Comment& c : *comments) EXPECT_EQ(c.component_id, falcon9);
  auto none = FindUserByEmail(client(), "nobody@example.com");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto component = Repository<Component>(client()).Get(falcon9);
  ASSERT_TRUE(component.ok() && component->has_value());
  EXPECT_EQ((*component)->name, "Falcon 9");
}

}  // namespace
}  // namespace app::etl
