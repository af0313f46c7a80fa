// A backend test whose every case starts from the application's seven tables, freshly
// created and holding the migrated users, and drops them afterwards (the pipeline and ETL
// suites share it).
#pragma once

#include <optional>
#include <string>

#include "app/manager.h"
#include "app/migrations/users.h"
#include "app/schema.h"
#include "backend_fixture.h"

namespace xr::testing {

class AppTablesTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    DropTables();
    app::DynamoDBManager manager(client(), Manager());
    auto ensured = manager.EnsureAll(app::AllTableSchemas());
    ASSERT_TRUE(ensured.ok()) << ensured.error().ToString();
    auto users = app::migrations::MigrateUsers(
        client(), [](const std::string&) { return std::nullopt; }, /*bcrypt_cost=*/10);
    ASSERT_TRUE(users.ok()) << users.error().ToString();
  }
  void TearDown() override {
    if (!IsSkipped()) DropTables();
    BackendTest::TearDown();
  }
  void DropTables() {
    app::DynamoDBManager manager(client(), Manager());
    for (const auto& schema : app::AllTableSchemas()) {
      auto gone = manager.DeleteTable(schema.name);
      ASSERT_TRUE(gone.ok()) << gone.error().ToString();
    }
  }
};

}  // namespace xr::testing
