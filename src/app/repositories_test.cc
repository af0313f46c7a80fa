// Repository upserts (UpdateItem per entity) on the embedded engine, and the request they send.
#include "app/repositories.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "app/manager.h"
#include "ddb/embedded/embedded_backend.h"
#include "engine/engine.h"

namespace app {
namespace {

using ddb::AttributeValue;

TEST(UpsertRequestTest, SetsEveryAttributeButTheKeyAndKeepsTheFirstOfKeepFirst) {
  ddb::Item item{{"componentId", AttributeValue::S("c1")},
                 {"name", AttributeValue::S("Falcon 9")},
                 {"createdAt", AttributeValue::S("now")}};
  ddb::UpdateItemRequest req = UpsertRequest("components", "componentId", item, {"createdAt"});
  EXPECT_EQ(req.table_name, "components");
  EXPECT_EQ(req.key, (ddb::Key{{"componentId", AttributeValue::S("c1")}}));
  // Map order: componentId (the key, skipped), createdAt, name. Names go through
  // placeholders: "name" is a reserved word.
  EXPECT_EQ(req.update_expression, "SET #n0 = if_not_exists(#n0, :v0), #n1 = :v1");
  EXPECT_EQ(req.expression_attribute_names,
            (ddb::ExpressionAttributeNames{{"#n0", "createdAt"}, {"#n1", "name"}}));
  EXPECT_EQ(req.expression_attribute_values.at(":v0"), AttributeValue::S("now"));
  EXPECT_EQ(req.expression_attribute_values.at(":v1"), AttributeValue::S("Falcon 9"));
  EXPECT_FALSE(req.condition_expression.has_value());
}

class RepositoryUpsertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir_template = "/tmp/xr_app_repo_test_XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template.data()), nullptr);
    dir_ = dir_template;
    engine::Options options;
    options.data_dir = (dir_ / "data").string();
    auto backend = ddb::MakeEmbeddedBackend(options);
    ASSERT_TRUE(backend.ok()) << backend.error().ToString();
    client_ = std::make_unique<ddb::Client>(std::shared_ptr<ddb::Backend>(std::move(*backend)));
    ManagerOptions manager_options;
    manager_options.waiter.delay = std::chrono::milliseconds(5);
    manager_options.waiter.max_attempts = 2000;
    auto ensured = DynamoDBManager(*client_, manager_options)
                       .EnsureTable(*FindTableSchema(kComponentsTable));
    ASSERT_TRUE(ensured.ok()) << ensured.error().ToString();
  }
  void TearDown() override {
    client_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  static Component Make(const std::string& id, const std::string& name, const std::string& at) {
    Component c;
    c.id = "uuid-" + id;
    c.component_id = id;
    c.name = name;
    c.type = "rocket";
    c.status = "active";
    c.category = "fixed";
    c.created_at = c.last_updated = at;
    return c;
  }

  std::filesystem::path dir_;
  std::unique_ptr<ddb::Client> client_;
};

TEST_F(RepositoryUpsertTest, ReloadKeepsCreatedAtAndTheLastOfADuplicateKeyWins) {
  Repository<Component> repo(*client_);
  std::vector<Component> first;
  for (int i = 0; i < 20; ++i) first.push_back(Make("c" + std::to_string(i), "n", "t1"));
  auto saved = repo.UpsertAll(first, {"createdAt"}, 4);
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  EXPECT_EQ(*saved, 20);

  // c0 twice: only the last one is written (no race between concurrent updates of one key).
  std::vector<Component> second{Make("c0", "early", "t2"), Make("c0", "late", "t2")};
  saved = repo.UpsertAll(second, {"createdAt"}, 4);
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  EXPECT_EQ(*saved, 1);
  auto got = repo.Get("c0");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->name, "late");
  EXPECT_EQ((*got)->created_at, "t1");
  EXPECT_EQ((*got)->last_updated, "t2");
}

TEST_F(RepositoryUpsertTest, InvalidEntityWritesNothingAndAStoreErrorIsReturned) {
  Repository<Component> repo(*client_);
  std::vector<Component> batch{Make("ok", "n", "t1"), Make("bad", "n", "t1")};
  batch[1].status = "broken";
  auto refused = repo.UpsertAll(batch, {"createdAt"}, 2);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ddb::ErrorCode::kValidation);
  auto all = repo.ListAll();
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());

  // Every request fails (no such table): the first error comes back, not a count.
  std::vector<ddb::UpdateItemRequest> requests;
  for (int i = 0; i < 10; ++i) {
    requests.push_back(UpsertRequest("no-such-table", "id",
                                     {{"id", AttributeValue::S(std::to_string(i))},
                                      {"v", AttributeValue::N(i)}},
                                     {}));
  }
  auto failed = UpdateConcurrently(*client_, std::move(requests), 3);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ddb::ErrorCode::kResourceNotFound) << failed.error().ToString();
}

}  // namespace
}  // namespace app
