#include "app/etl/transform.h"

#include <gtest/gtest.h>

#include <set>

#include "app/ids.h"
#include "app/spacex/parse.h"
#include "app/spacex/source.h"

namespace app::etl {
namespace {

spacex::Extract Snapshot() {
  auto raw = spacex::SnapshotSource().Fetch();
  EXPECT_TRUE(raw.ok());
  auto x = spacex::ParseExtract(*raw);
  EXPECT_TRUE(x.ok());
  return std::move(x).value();
}

template <class T>
std::vector<ddb::Item> Items(const std::vector<T>& v) {
  std::vector<ddb::Item> out;
  for (const T& e : v) out.push_back(e.ToItem());
  return out;
}

TEST(Transform, TwoRunsGiveIdenticalItems) {
  const spacex::Extract x = Snapshot();
  auto a = Transform(x, "admin", "2024-01-01T00:00:00Z");
  auto b = Transform(Snapshot(), "admin", "2024-01-01T00:00:00Z");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Items(a->components), Items(b->components));
  EXPECT_EQ(Items(a->sub_components), Items(b->sub_components));
  EXPECT_EQ(Items(a->comments), Items(b->comments));
  EXPECT_EQ(Items(a->maintenances), Items(b->maintenances));
  EXPECT_EQ(Items(a->failures), Items(b->failures));
}

TEST(Transform, IdsAreUniquePerTable) {
  auto t = Transform(Snapshot(), "admin", "2024-01-01T00:00:00Z");
  ASSERT_TRUE(t.ok());
  auto unique = [](const auto& v, auto key) {
    std::set<std::string> s;
    for (const auto& e : v) s.insert(key(e));
    return s.size() == v.size();
  };
  EXPECT_TRUE(unique(t->components, [](const Component& c) { return c.component_id; }));
  EXPECT_TRUE(unique(t->sub_components, [](const SubComponent& c) { return c.sub_component_id; }));
  EXPECT_TRUE(unique(t->comments, [](const Comment& c) { return c.id; }));
  EXPECT_TRUE(unique(t->maintenances, [](const Maintenance& m) { return m.maintenance_id; }));
  EXPECT_TRUE(unique(t->failures, [](const SubComponentFailure& f) { return f.id; }));
}

TEST(Transform, RulesOnKnownRecords) {
  auto t = Transform(Snapshot(), "admin", "2024-01-01T00:00:00Z");
  ASSERT_TRUE(t.ok());
  // Sub-components: one per rocket, keyed by rocket, named "<type> <version>".
  ASSERT_EQ(t->sub_components.size(), 4u);
  EXPECT_EQ(t->sub_components[0].name, "merlin 1C");
  EXPECT_EQ(t->sub_components[0].parent_component_id, "5e9d0d95eda69955f709d1eb");
  EXPECT_EQ(t->sub_components[3].name, "raptor");
  EXPECT_EQ(t->sub_components[0].status, "good");
  // Falcon 1: inactive, launched, with engines.
  const Component& f1 = t->components[0];
  EXPECT_EQ(f1.type, "rocket");
  EXPECT_EQ(f1.status, "inactive");
  EXPECT_EQ(f1.category, "launched");
  EXPECT_TRUE(f1.has_subcomponents);
  EXPECT_EQ(f1.missions.size(), 5u);
  EXPECT_EQ(f1.created_at, "2024-01-01T00:00:00Z");
  // FalconSat failed: one emergency maintenance and one failure linked to it.
  const Maintenance* emergency = nullptr;
  for (const Maintenance& m : t->maintenances) {
    if (m.date == "2006-03-24T22:30:00.000Z") emergency = &m;
  }
  ASSERT_NE(emergency, nullptr);
  EXPECT_EQ(emergency->failure_prediction.risk_level, "high");
  EXPECT_EQ(emergency->failure_prediction.reason, "Emergency repair after failed launch");
  EXPECT_EQ(emergency->description, "Engine failure at 33 seconds and loss of vehicle");
  EXPECT_EQ(emergency->next_maintenance, "2007-03-24T22:30:00.000Z");
  EXPECT_EQ(emergency->performed_by, "admin");
  EXPECT_GE(emergency->cost, 500000);
  EXPECT_LE(emergency->cost, 1000000);
  EXPECT_EQ(emergency->subcomponents_affected,
            std::vector<std::string>{"5e9e289df35918033d3b2623"});
  ASSERT_FALSE(t->failures.empty());
  EXPECT_EQ(t->failures[0].maintenance_id, emergency->maintenance_id);
  EXPECT_EQ(t->failures[0].sub_component_id, EngineSubComponentId("5e9d0d95eda69955f709d1eb"));
  EXPECT_EQ(t->failures[0].status, "resolved");
  EXPECT_EQ(t->failures[0].severity, "high");
  for (const Maintenance& m : t->maintenances) {
    const bool rocket = m.component_id.rfind("5e9d0d95eda699", 0) == 0;
    if (m.failure_prediction.risk_level == "low" && rocket) {
      EXPECT_GE(m.cost, 50000);
      EXPECT_LE(m.cost, 200000);
    } else if (m.failure_prediction.risk_level == "low") {
      EXPECT_GE(m.cost, 200000);
      EXPECT_LE(m.cost, 500000);
      EXPECT_TRUE(m.subcomponents_affected.empty());
    }
  }
}

TEST(Transform, HelperRules) {
  EXPECT_EQ(FailureTypeFromReason("merlin engine failure"), "wear");
  EXPECT_EQ(FailureTypeFromReason("harmonic OSCILLATION leading to shutdown"), "vibrations");
  EXPECT_EQ(FailureTypeFromReason("Engine FIRE"), "overheating");
  EXPECT_EQ(FailureTypeFromReason("high temperature and pogo"), "overheating");
  EXPECT_EQ(AddOneYear("2020-02-29T10:00:00.000Z"), "2021-02-28T10:00:00.000Z");
  EXPECT_EQ(AddOneYear("2019-02-28T10:00:00Z"), "2020-02-28T10:00:00Z");
  EXPECT_EQ(AddOneYear("2022-12-31T23:59:59.123Z"), "2023-12-31T23:59:59.123Z");
  EXPECT_EQ(FormatIsoUtc(std::chrono::system_clock::time_point(std::chrono::seconds(0))),
            "1970-01-01T00:00:00Z");
  for (int i = 0; i < 100; ++i) {
    int64_t c = DeterministicCost(std::to_string(i), kRocketRoutineCost);
    EXPECT_GE(c, kRocketRoutineCost.min);
    EXPECT_LE(c, kRocketRoutineCost.max);
  }
  EXPECT_FALSE(Transform(spacex::Extract{}, "", "2024-01-01T00:00:00Z").ok());
}

TEST(Ids, UuidV5MatchesRfcExample) {
  // RFC 4122 namespace DNS, name "python.org" (Python's uuid.uuid5 documentation example).
  EXPECT_EQ(UuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_EQ(DeterministicId("x"), DeterministicId("x"));
  EXPECT_NE(DeterministicId("x"), DeterministicId("y"));
}

}  // namespace
}  // namespace app::etl
