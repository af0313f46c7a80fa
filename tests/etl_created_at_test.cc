// A component's createdAt is the time of its first load: the ETL writes components with
// UpdateItem (createdAt = if_not_exists(createdAt, :now)), so a later run keeps it while
// lastUpdated and every other attribute take the new run's values. Run on every backend (the
// embedded engine always, dynalite when XR_DYNALITE_ENDPOINT is set). The application's
// tables have fixed names, so each test deletes them first and last.
#include <gtest/gtest.h>

#include <map>

#include "app/etl/etl.h"
#include "app/manager.h"
#include "app/migrations/users.h"
#include "app/repositories.h"
#include "app/schema.h"
#include "app_tables_fixture.h"

namespace xr::testing {
namespace {

constexpr std::string_view kFirstRun = "2024-01-01T00:00:00Z";
constexpr std::string_view kSecondRun = "2024-07-01T06:00:00Z";

class EtlCreatedAt : public AppTablesTest {
 protected:
  void RunEtl(std::string_view now) {
    app::spacex::SnapshotSource source;
    auto run = app::etl::RunEtl(client(), source, now);
    ASSERT_TRUE(run.ok()) << run.error().ToString();
    EXPECT_EQ(run->components_saved, 147);
  }
  std::vector<app::Component> Components() {
    auto all = app::Repository<app::Component>(client()).ListAll();
    EXPECT_TRUE(all.ok()) << all.error().ToString();
    return all.ok() ? std::move(*all) : std::vector<app::Component>{};
  }
};

TEST_P(EtlCreatedAt, SecondRunKeepsCreatedAtAndUpdatesTheRest) {
  RunEtl(kFirstRun);
  std::vector<app::Component> first = Components();
  ASSERT_EQ(first.size(), 147u);
  for (const auto& c : first) {
    EXPECT_EQ(c.created_at, kFirstRun) << c.component_id;
    EXPECT_EQ(c.last_updated, kFirstRun) << c.component_id;
  }

  // Someone changed a component meanwhile: the next load restores the source's values.
  const std::string id = first.front().component_id;
  ddb::UpdateItemRequest tamper;
  tamper.table_name = std::string(app::kComponentsTable);
  tamper.key = ddb::Key{{"componentId", ddb::AttributeValue::S(id)}};
  tamper.update_expression = "SET #n = :n";
  tamper.expression_attribute_names["#n"] = "name";
  tamper.expression_attribute_values[":n"] = ddb::AttributeValue::S("renamed by hand");
  auto tampered = client().UpdateItem(tamper);
  ASSERT_TRUE(tampered.ok()) << tampered.error().ToString();

  RunEtl(kSecondRun);
  std::vector<app::Component> second = Components();
  ASSERT_EQ(second.size(), first.size());
  std::map<std::string, app::Component> before;
  for (auto& c : first) before.emplace(c.component_id, c);
  for (const auto& c : second) {
    ASSERT_TRUE(before.count(c.component_id)) << c.component_id;
    app::Component want = before.at(c.component_id);
    want.last_updated = std::string(kSecondRun);  // only lastUpdated moves
    EXPECT_EQ(c, want) << c.component_id;
  }
}

TEST_P(EtlCreatedAt, AComponentWithoutCreatedAtGetsTheRunsTime) {
  RunEtl(kFirstRun);
  const std::string id = Components().front().component_id;
  // As written by a version that had no createdAt.
  ddb::UpdateItemRequest strip;
  strip.table_name = std::string(app::kComponentsTable);
  strip.key = ddb::Key{{"componentId", ddb::AttributeValue::S(id)}};
  strip.update_expression = "REMOVE createdAt";
  ASSERT_TRUE(client().UpdateItem(strip).ok());

  RunEtl(kSecondRun);
  auto got = app::Repository<app::Component>(client()).Get(id);
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->created_at, kSecondRun);
  EXPECT_EQ((*got)->last_updated, kSecondRun);
}

INSTANTIATE_TEST_SUITE_P(Backends, EtlCreatedAt, ::testing::ValuesIn(AllBackendKinds()),
                         [](const auto& info) { return BackendKindName(info.param); });

}  // namespace
}  // namespace xr::testing
