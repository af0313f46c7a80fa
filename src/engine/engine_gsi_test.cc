// Global secondary indexes: maintenance on put/overwrite/delete, sparse entries,
// projections, index queries and scans with pagination, backfill via UpdateTable, deletion,
// and the CREATING/backfilling state.
#include <set>
#include <thread>

#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::AttributeValue;
using ddb::ErrorCode;

class GsiTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto req = TableRequest("comments", "id");
    req.attribute_definitions.push_back({"componentId", ddb::ScalarAttributeType::S});
    req.attribute_definitions.push_back({"updated", ddb::ScalarAttributeType::N});
    req.global_secondary_indexes.push_back(Gsi("byComponent", "componentId", "updated"));
    req.global_secondary_indexes.push_back(
        Gsi("keysOnly", "componentId", std::nullopt, ddb::ProjectionType::KEYS_ONLY));
    auto include = Gsi("include", "componentId", std::nullopt, ddb::ProjectionType::INCLUDE);
    include.projection.non_key_attributes = {"msg"};
    req.global_secondary_indexes.push_back(include);
    Create(req);
  }

  ddb::Result<ddb::QueryResponse> QueryIndex(const std::string& index, const std::string& component,
                                             std::optional<ddb::Key> start = std::nullopt,
                                             std::optional<int32_t> limit = std::nullopt) {
    ddb::QueryRequest req;
    req.table_name = "comments";
    req.index_name = index;
    req.key_condition_expression = "componentId = :c";
    req.expression_attribute_values = {{":c", S(component)}};
    req.exclusive_start_key = std::move(start);
    req.limit = limit;
    return engine_->Query(req);
  }

  std::vector<std::string> Ids(const ddb::QueryResponse& r) {
    std::vector<std::string> ids;
    for (const auto& item : r.items) ids.push_back(item.at("id").s());
    return ids;
  }
};

TEST_F(GsiTest, MaintainedOnPutOverwriteAndDelete) {
  Put("comments", {{"id", S("c1")},
                   {"componentId", S("rocket")},
                   {"updated", N(3)},
                   {"msg", S("a")},
                   {"x", N(1)}});
  Put("comments",
      {{"id", S("c2")}, {"componentId", S("rocket")}, {"updated", N(1)}, {"msg", S("b")}});
  Put("comments", {{"id", S("c3")}, {"componentId", S("ship")}, {"updated", N(2)}});
  Put("comments", {{"id", S("c4")}, {"msg", S("no index key: sparse")}});

  auto r = QueryIndex("byComponent", "rocket");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"c2", "c1"}));  // by updated
  EXPECT_EQ(r->items[1].at("x"), N(1));                        // ALL projection

  r = QueryIndex("keysOnly", "rocket");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->items.size(), 2u);
  for (const auto& item : r->items) {
    EXPECT_EQ(item.size(), 2u);  // id + componentId only
    EXPECT_EQ(item.count("msg"), 0u);
  }
  r = QueryIndex("include", "rocket");
  ASSERT_TRUE(r.ok());
  for (const auto& item : r->items) {
    EXPECT_EQ(item.count("msg"), 1u);
    EXPECT_EQ(item.count("x"), 0u);
  }

  // Overwrite moves the entry: c1 leaves "rocket" for "ship".
  Put("comments", {{"id", S("c1")}, {"componentId", S("ship")}, {"updated", N(9)}});
  r = QueryIndex("byComponent", "rocket");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), std::vector<std::string>{"c2"});
  r = QueryIndex("byComponent", "ship");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), (std::vector<std::string>{"c3", "c1"}));

  // Removing the index attribute drops the entry; deleting the item drops it too.
  Put("comments", {{"id", S("c3")}, {"msg", S("unindexed now")}});
  ddb::DeleteItemRequest del;
  del.table_name = "comments";
  del.key = {{"id", S("c2")}};
  ASSERT_TRUE(engine_->DeleteItem(del).ok());
  r = QueryIndex("byComponent", "rocket");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->items.empty());
  r = QueryIndex("byComponent", "ship");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*r), std::vector<std::string>{"c1"});

  const auto d = DescribeTable("comments");
  EXPECT_EQ(d.item_count, 3);
  for (const auto& g : d.global_secondary_indexes) {
    EXPECT_EQ(g.item_count, 1) << g.index_name;
    EXPECT_GT(g.index_size_bytes, 0) << g.index_name;
  }

  // Scan of an index sees exactly its (sparse) entries.
  ddb::ScanRequest scan;
  scan.table_name = "comments";
  scan.index_name = "keysOnly";
  auto s = engine_->Scan(scan);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->count, 1);
}

TEST_F(GsiTest, WriteValidationAgainstIndexKeys) {
  ddb::PutItemRequest put;
  put.table_name = "comments";
  put.item = {{"id", S("bad")}, {"componentId", N(5)}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "One or more parameter values were invalid: Type mismatch for Index Key componentId "
              "Expected: S Actual: N IndexName: ");
  put.item = {{"id", S("bad")}, {"componentId", S("")}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation,
              "A value specified for a secondary index key is not supported");

  auto r = QueryIndex("nope", "x");
  ExpectError(r, ErrorCode::kValidation, "The table does not have the specified index: nope");
  ddb::QueryRequest consistent;
  consistent.table_name = "comments";
  consistent.index_name = "byComponent";
  consistent.consistent_read = true;
  consistent.key_condition_expression = "componentId = :c";
  consistent.expression_attribute_values = {{":c", S("x")}};
  ExpectError(engine_->Query(consistent), ErrorCode::kValidation,
              "Consistent reads are not supported on global secondary indexes");
  consistent.consistent_read = false;
  consistent.index_name = "keysOnly";
  consistent.select = ddb::Select::ALL_ATTRIBUTES;
  ExpectError(engine_->Query(consistent), ErrorCode::kValidation, "ALL_ATTRIBUTES");
}

TEST_F(GsiTest, IndexQueryPaginationCarriesTableAndIndexKeys) {
  // Many items share one index key value: pagination must still resume exactly.
  for (int i = 0; i < 60; ++i) {
    Put("comments",
        {{"id", S("i" + std::to_string(i))}, {"componentId", S("core")}, {"updated", N(i % 3)}});
  }
  std::set<std::string> seen;
  std::optional<ddb::Key> start;
  int pages = 0;
  while (true) {
    auto r = QueryIndex("byComponent", "core", start, 7);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    ++pages;
    for (const auto& id : Ids(*r)) EXPECT_TRUE(seen.insert(id).second) << id;
    if (!r->last_evaluated_key) break;
    // Table key + index key, as DynamoDB.
    EXPECT_EQ(r->last_evaluated_key->size(), 3u);
    EXPECT_EQ(r->last_evaluated_key->count("id"), 1u);
    EXPECT_EQ(r->last_evaluated_key->count("componentId"), 1u);
    EXPECT_EQ(r->last_evaluated_key->count("updated"), 1u);
    start = r->last_evaluated_key;
  }
  EXPECT_EQ(seen.size(), 60u);
  EXPECT_EQ(pages, 9);

  // Index scans paginate the same way.
  ddb::ScanRequest scan;
  scan.table_name = "comments";
  scan.index_name = "keysOnly";
  scan.limit = 11;
  size_t scanned = 0;
  while (true) {
    auto r = engine_->Scan(scan);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    scanned += r->items.size();
    if (!r->last_evaluated_key) break;
    scan.exclusive_start_key = r->last_evaluated_key;
  }
  EXPECT_EQ(scanned, 60u);
}

TEST_F(GsiTest, BackfillViaUpdateTableAndDelete) {
  Create(TableRequest("users", "id"));
  for (int i = 0; i < 300; ++i) {
    ddb::Item item{{"id", S("u" + std::to_string(i))}};
    if (i % 3 != 0) item["email"] = S("user" + std::to_string(i % 50) + "@x");
    if (i == 1) item["email"] = N(7);  // wrong type: not indexed by the backfill
    Put("users", item);
  }
  ddb::UpdateTableRequest update;
  update.table_name = "users";
  update.attribute_definitions.push_back({"email", ddb::ScalarAttributeType::S});
  ddb::GlobalSecondaryIndexUpdate create;
  create.create = Gsi("byEmail", "email");
  update.global_secondary_index_updates.push_back(create);
  auto r = engine_->UpdateTable(update);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->table_description.global_secondary_indexes.size(), 1u);
  EXPECT_EQ(r->table_description.global_secondary_indexes[0].item_count, 199);
  ExpectError(engine_->UpdateTable(update), ErrorCode::kValidation, "already exists");

  ddb::QueryRequest q;
  q.table_name = "users";
  q.index_name = "byEmail";
  q.key_condition_expression = "email = :e";
  q.expression_attribute_values = {{":e", S("user2@x")}};
  auto found = engine_->Query(q);
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  EXPECT_EQ(found->count, 4);  // u2, u52, u152, u202 (u102 is i%3==0)
  // Writes after the backfill maintain the new index.
  Put("users", {{"id", S("new")}, {"email", S("user2@x")}});
  found = engine_->Query(q);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->count, 5);
  // Writes now validate against the new index.
  ddb::PutItemRequest put;
  put.table_name = "users";
  put.item = {{"id", S("bad")}, {"email", N(1)}};
  ExpectError(engine_->PutItem(put), ErrorCode::kValidation, "Type mismatch for Index Key email");

  // Survives a restart.
  Reopen();
  found = engine_->Query(q);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->count, 5);

  ddb::UpdateTableRequest drop;
  drop.table_name = "users";
  ddb::GlobalSecondaryIndexUpdate del;
  del.delete_index_name = "byEmail";
  drop.global_secondary_index_updates.push_back(del);
  ASSERT_TRUE(engine_->UpdateTable(drop).ok());
  ExpectError(engine_->Query(q), ErrorCode::kValidation, "does not have the specified index");
  EXPECT_TRUE(DescribeTable("users").global_secondary_indexes.empty());
  ExpectError(engine_->UpdateTable(drop), ErrorCode::kResourceNotFound, "byEmail");
  // A new index of the same name starts from a fresh backfill, not the old entries.
  ASSERT_TRUE(engine_->UpdateTable(update).ok());
  found = engine_->Query(q);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->count, 5);
}

class GsiTransitionTest : public EngineTest {
 protected:
  GsiTransitionTest() { delay_ = std::chrono::milliseconds(300); }
};

TEST_F(GsiTransitionTest, NewIndexIsCreatingAndBackfillingUntilTheDelayPasses) {
  Create(TableRequest("slow", "id"));
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  Put("slow", {{"id", S("a")}, {"g", S("v")}});
  ddb::UpdateTableRequest update;
  update.table_name = "slow";
  update.attribute_definitions.push_back({"g", ddb::ScalarAttributeType::S});
  ddb::GlobalSecondaryIndexUpdate create;
  create.create = Gsi("byG", "g");
  update.global_secondary_index_updates.push_back(create);
  ASSERT_TRUE(engine_->UpdateTable(update).ok());
  auto g = DescribeTable("slow").global_secondary_indexes.at(0);
  EXPECT_EQ(g.index_status, ddb::IndexStatus::CREATING);
  EXPECT_TRUE(g.backfilling);
  ddb::QueryRequest q;
  q.table_name = "slow";
  q.index_name = "byG";
  q.key_condition_expression = "g = :g";
  q.expression_attribute_values = {{":g", S("v")}};
  ExpectError(engine_->Query(q), ErrorCode::kValidation,
              "Cannot read from backfilling global secondary index: byG");
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  g = DescribeTable("slow").global_secondary_indexes.at(0);
  EXPECT_EQ(g.index_status, ddb::IndexStatus::ACTIVE);
  EXPECT_FALSE(g.backfilling);
  auto r = engine_->Query(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->count, 1);
}

}  // namespace
}  // namespace engine::testing
