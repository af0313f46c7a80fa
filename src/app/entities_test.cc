#include "app/entities.h"

#include <gtest/gtest.h>

namespace app {
namespace {

TEST(Entities, MaintenanceRoundTripsWithSpecNames) {
  Maintenance m;
  m.id = m.maintenance_id = "m1";
  m.component_id = "c1";
  m.subcomponents_affected = {"a", "b"};
  m.date = "2020-01-01T00:00:00.000Z";
  m.performed_by = "u1";
  m.cost = 123456;
  m.description = "Routine maintenance";
  m.next_maintenance = "2021-01-01T00:00:00.000Z";
  m.failure_prediction = {"low", std::nullopt, "Routine maintenance after successful launch"};
  ASSERT_TRUE(m.Validate().ok());
  ddb::Item item = m.ToItem();
  for (const char* attr :
       {"id", "maintenanceId", "componentId", "subcomponentsAffected", "date", "performedBy",
        "cost", "description", "nextMaintenance", "failurePrediction"}) {
    EXPECT_EQ(item.count(attr), 1u) << attr;
  }
  EXPECT_TRUE(item.at("cost").is_n());
  EXPECT_EQ(item.at("cost").n().ToString(), "123456");
  EXPECT_EQ(item.at("failurePrediction").m().count("estimatedFailureDate"), 0u);
  auto back = Maintenance::FromItem(item);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, m);
}

TEST(Entities, EnumsAndTypesAreChecked) {
  Component c;
  c.id = "i";
  c.component_id = "x";
  c.name = "n";
  c.type = "rocket";
  c.status = "broken";
  c.category = "fixed";
  c.created_at = c.last_updated = "2024-01-01T00:00:00Z";
  auto s = c.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "Component: attribute \"status\": \"broken\" is not one of active, inactive, "
            "damaged, destroyed");
  c.status = "active";
  ddb::Item item = c.ToItem();
  item["hasSubcomponents"] = ddb::AttributeValue::S("yes");
  auto bad = Component::FromItem(item);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message,
            "Component: attribute \"hasSubcomponents\": expected type BOOL, got S");
  item.erase("hasSubcomponents");
  EXPECT_EQ(Component::FromItem(item).error().message,
            "Component: attribute \"hasSubcomponents\": missing");
}

TEST(Entities, UserPasswordMustBeBcryptAndIsNeverEchoed) {
  User u{"id", "Ada", "ada", "ada@example.com", "hunter2", "admin", true};
  auto s = u.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message.find("hunter2"), std::string::npos);
  u.password = "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
  EXPECT_TRUE(u.Validate().ok());
  auto back = User::FromItem(u.ToItem());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, u);
  u.role = "root";
  EXPECT_FALSE(u.Validate().ok());
}

TEST(Entities, FailureAndAnalyticRoundTrip) {
  SubComponentFailure f{"f", "s", "2020-01-01T00:00:00Z", "wear", "high", "u", "resolved", "m"};
  auto fb = SubComponentFailure::FromItem(f.ToItem());
  ASSERT_TRUE(fb.ok()) << fb.error().message;
  EXPECT_EQ(*fb, f);
  f.failure_type = "rust";
  EXPECT_FALSE(f.Validate().ok());
  Analytic a{"costSuccessRate", "Cost", "d.", {{{"n", ddb::AttributeValue::N(3)}}}, "now"};
  auto ab = Analytic::FromItem(a.ToItem());
  ASSERT_TRUE(ab.ok()) << ab.error().message;
  EXPECT_EQ(*ab, a);
}

}  // namespace
}  // namespace app
