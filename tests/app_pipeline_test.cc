// The application pipeline (migrations, ETL, repositories) on real stores: the embedded
// engine always, and dynalite when scripts/test.sh provides it. The application's tables
// have fixed names, so each test deletes them first and last.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "app/etl/etl.h"
#include "app/manager.h"
#include "app/migrations/users.h"
#include "app/repositories.h"
#include "app/schema.h"
#include "app_tables_fixture.h"

namespace xr::testing {
namespace {

constexpr std::string_view kNow = "2024-01-01T00:00:00Z";

class AppPipeline : public AppTablesTest {
 protected:
  // Every table's items keyed by their DynamoDB JSON (order-independent comparison).
  std::map<std::string, std::vector<std::string>> Dump() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& schema : app::AllTableSchemas()) {
      auto items = client().ScanAll(schema.name);
      EXPECT_TRUE(items.ok()) << items.error().ToString();
      if (!items.ok()) continue;
      auto& rows = out[schema.name];
      for (const auto& item : *items) rows.push_back(ddb::AttributeValue::M(item).DebugString());
      std::sort(rows.begin(), rows.end());
    }
    return out;
  }
};

TEST_P(AppPipeline, EtlTwiceGivesIdenticalTables) {
  app::spacex::SnapshotSource source;
  auto first = app::etl::RunEtl(client(), source, kNow);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_EQ(first->components_saved, 147);
  EXPECT_EQ(first->analytics_saved, 7);
  auto before = Dump();
  EXPECT_EQ(before["components"].size(), 147u);
  EXPECT_EQ(static_cast<int64_t>(before["maintenances"].size()), first->maintenances_saved);
  EXPECT_EQ(static_cast<int64_t>(before["comments"].size()), first->comments_saved);
  EXPECT_EQ(before["users"].size(), 5u);
  auto second = app::etl::RunEtl(client(), source, kNow);
  ASSERT_TRUE(second.ok()) << second.error().ToString();
  EXPECT_EQ(second->ToJson().substr(0, 150), first->ToJson().substr(0, 150));
  EXPECT_EQ(Dump(), before);
}

TEST_P(AppPipeline, NothingIsWrittenOnADanglingLaunchpad) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() /
                 ("xr_pipeline_" + std::to_string(::getpid()) + "_" + BackendKindName(GetParam()));
  fs::create_directories(dir);
  auto raw = app::spacex::SnapshotSource().Fetch();
  ASSERT_TRUE(raw.ok());
  for (auto e : app::spacex::kAllEndpoints) {
    std::ofstream(dir / (std::string(app::spacex::EndpointName(e)) + ".json")) << raw->body(e);
  }
  std::string launches = raw->body(app::spacex::Endpoint::kLaunches);
  size_t pos = launches.rfind("\"launchpad\": \"");
  launches.replace(pos + 14, 24, "000000000000000000000000");
  std::ofstream(dir / "launches.json", std::ios::trunc) << launches;
  app::spacex::DirectorySource bad(dir.string());
  auto summary = app::etl::RunEtl(client(), bad, kNow);
  fs::remove_all(dir);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message.find("dangling reference"), std::string::npos);
  auto dump = Dump();
  for (const auto& [table, rows] : dump) {
    if (table != "users") {
      EXPECT_TRUE(rows.empty()) << table;
    }
  }
}

TEST_P(AppPipeline, IndexReadsAndIdempotentUsers) {
  app::spacex::SnapshotSource source;
  ASSERT_TRUE(app::etl::RunEtl(client(), source, kNow).ok());
  const std::string falcon9 = "5e9d0d95eda69973a809d1ec";
  auto subs = app::SubComponentsByParent(client(), falcon9);
  ASSERT_TRUE(subs.ok()) << subs.error().ToString();
  ASSERT_EQ(subs->size(), 1u);
  auto maint = app::MaintenancesByComponent(client(), falcon9);
  ASSERT_TRUE(maint.ok()) << maint.error().ToString();
  EXPECT_GT(maint->size(), 100u);
  auto admin = app::FindUserByEmail(client(), app::migrations::kAdminEmail);
  ASSERT_TRUE(admin.ok() && admin->has_value());
  const std::string hash = (*admin)->password;
  auto again = app::migrations::MigrateUsers(
      client(), [](const std::string&) { return std::nullopt; }, 10);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  auto same = app::FindUserByEmail(client(), app::migrations::kAdminEmail);
  ASSERT_TRUE(same.ok() && same->has_value());
  EXPECT_EQ((*same)->password, hash);
}

INSTANTIATE_TEST_SUITE_P(Backends, AppPipeline, ::testing::ValuesIn(AllBackendKinds()),
                         [](const auto& info) { return BackendKindName(info.param); });

}  // namespace
}  // namespace xr::testing
