// Table operations: validation of definitions, describe/list/delete, persistence, the
// directory lock and the CREATING/DELETING transitions.
#include <thread>

#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::ErrorCode;

class TableTest : public EngineTest {};

TEST_F(TableTest, CreateDescribeListDelete) {
  auto req = TableRequest("users", "id");
  req.global_secondary_indexes.push_back(Gsi("byEmail", "email"));
  req.attribute_definitions.push_back({"email", ddb::ScalarAttributeType::S});
  auto created = engine_->CreateTable(req);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  const auto& d = created->table_description;
  EXPECT_EQ(d.table_name, "users");
  EXPECT_EQ(d.table_status, ddb::TableStatus::ACTIVE);
  EXPECT_EQ(d.table_arn, "arn:aws:dynamodb:ddblocal:000000000000:table/users");
  EXPECT_EQ(d.table_id.size(), 36u);
  EXPECT_GT(d.creation_date_time, 1.6e9);
  ASSERT_EQ(d.key_schema.size(), 1u);
  EXPECT_EQ(d.key_schema[0].attribute_name, "id");
  ASSERT_EQ(d.global_secondary_indexes.size(), 1u);
  EXPECT_EQ(d.global_secondary_indexes[0].index_name, "byEmail");
  EXPECT_EQ(d.global_secondary_indexes[0].index_status, ddb::IndexStatus::ACTIVE);
  EXPECT_EQ(d.global_secondary_indexes[0].index_arn,
            "arn:aws:dynamodb:ddblocal:000000000000:table/users/index/byEmail");
  EXPECT_EQ(d.billing_mode, ddb::BillingMode::PAY_PER_REQUEST);

  ExpectError(engine_->CreateTable(req), ErrorCode::kResourceInUse, "Table already exists: users");

  Put("users", {{"id", S("u1")}, {"email", S("a@b")}, {"pad", S(std::string(100, 'x'))}});
  const auto described = DescribeTable("users");
  EXPECT_EQ(described.item_count, 1);
  EXPECT_GT(described.table_size_bytes, 100);
  EXPECT_EQ(described.global_secondary_indexes[0].item_count, 1);
  EXPECT_EQ(described.table_id, d.table_id);

  auto deleted = engine_->DeleteTable({"users"});
  ASSERT_TRUE(deleted.ok()) << deleted.error().ToString();
  EXPECT_EQ(deleted->table_description.table_status, ddb::TableStatus::DELETING);
  ExpectError(engine_->DescribeTable({"users"}), ErrorCode::kResourceNotFound,
              "Requested resource not found: Table: users not found");
  ExpectError(engine_->DeleteTable({"users"}), ErrorCode::kResourceNotFound,
              "Requested resource not found");

  // A new table of the same name starts empty (a new table id; the old range is gone).
  Create(TableRequest("users", "id"));
  EXPECT_FALSE(Get("users", {{"id", S("u1")}}).has_value());
  EXPECT_EQ(DescribeTable("users").item_count, 0);
}

TEST_F(TableTest, ListTablesPaginates) {
  for (const char* name : {"delta", "alpha", "charlie", "bravo", "echo"}) {
    Create(TableRequest(name, "id"));
  }
  ddb::ListTablesRequest req;
  req.limit = 2;
  std::vector<std::string> all;
  for (int pages = 0; pages < 10; ++pages) {
    auto r = engine_->ListTables(req);
    ASSERT_TRUE(r.ok());
    all.insert(all.end(), r->table_names.begin(), r->table_names.end());
    if (!r->last_evaluated_table_name) break;
    EXPECT_EQ(*r->last_evaluated_table_name, r->table_names.back());
    req.exclusive_start_table_name = r->last_evaluated_table_name;
  }
  EXPECT_EQ(all, (std::vector<std::string>{"alpha", "bravo", "charlie", "delta", "echo"}));
  auto everything = engine_->ListTables({});
  ASSERT_TRUE(everything.ok());
  EXPECT_EQ(everything->table_names.size(), 5u);
  EXPECT_FALSE(everything->last_evaluated_table_name);
  ddb::ListTablesRequest bad;
  bad.limit = 0;
  ExpectError(engine_->ListTables(bad), ErrorCode::kValidation,
              "Member must have value greater than or equal to 1");
  bad.limit = 101;
  ExpectError(engine_->ListTables(bad), ErrorCode::kValidation,
              "Member must have value less than or equal to 100");
}

TEST_F(TableTest, CreateTableValidation) {
  ExpectError(engine_->CreateTable(TableRequest("ab", "id")), ErrorCode::kValidation,
              "TableName must be at least 3 characters long and at most 255 characters long");
  ExpectError(engine_->CreateTable(TableRequest(std::string(256, 'a'), "id")),
              ErrorCode::kValidation, "at most 255 characters");
  ExpectError(engine_->CreateTable(TableRequest("bad name!", "id")), ErrorCode::kValidation,
              "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");

  auto extra = TableRequest("t1_", "id");
  extra.attribute_definitions.push_back({"other", ddb::ScalarAttributeType::S});
  ExpectError(engine_->CreateTable(extra), ErrorCode::kValidation,
              "Number of attributes in KeySchema does not exactly match number of attributes "
              "defined in AttributeDefinitions");

  auto undefined = TableRequest("t1_", "id");
  undefined.attribute_definitions[0].attribute_name = "other";
  ExpectError(engine_->CreateTable(undefined), ErrorCode::kValidation,
              "Some index key attributes are not defined in AttributeDefinitions. Keys: [id], "
              "AttributeDefinitions: [other]");

  auto two_hash = TableRequest("t1_", "id", ddb::ScalarAttributeType::S, "sk");
  two_hash.key_schema[1].key_type = ddb::KeyType::HASH;
  ExpectError(engine_->CreateTable(two_hash), ErrorCode::kValidation,
              "The second KeySchemaElement is not a RANGE key type");

  auto no_keys = TableRequest("t1_", "id");
  no_keys.key_schema.clear();
  ExpectError(engine_->CreateTable(no_keys), ErrorCode::kValidation,
              "Member must have length greater than or equal to 1");

  auto provisioned = TableRequest("t1_", "id");
  provisioned.billing_mode = ddb::BillingMode::PROVISIONED;
  ExpectError(engine_->CreateTable(provisioned), ErrorCode::kValidation,
              "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode "
              "is PROVISIONED");
  provisioned.billing_mode.reset();  // absent means PROVISIONED
  ExpectError(engine_->CreateTable(provisioned), ErrorCode::kValidation, "must both be specified");
  provisioned.provisioned_throughput = ddb::ProvisionedThroughput{5, 5};
  Create(provisioned);
  EXPECT_EQ(DescribeTable("t1_").billing_mode, ddb::BillingMode::PROVISIONED);
  EXPECT_EQ(DescribeTable("t1_").provisioned_throughput->read_capacity_units, 5);

  auto on_demand = TableRequest("t2_", "id");
  on_demand.provisioned_throughput = ddb::ProvisionedThroughput{5, 5};
  ExpectError(engine_->CreateTable(on_demand), ErrorCode::kValidation,
              "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
              "is PAY_PER_REQUEST");

  auto gsis = TableRequest("t3_", "id");
  gsis.attribute_definitions.push_back({"g", ddb::ScalarAttributeType::S});
  gsis.global_secondary_indexes.push_back(Gsi("idx", "g"));
  gsis.global_secondary_indexes.push_back(Gsi("idx", "g"));
  ExpectError(engine_->CreateTable(gsis), ErrorCode::kValidation, "Duplicate index name: idx");
  gsis.global_secondary_indexes.clear();
  for (int i = 0; i < 21; ++i)
    gsis.global_secondary_indexes.push_back(Gsi("idx" + std::to_string(i), "g"));
  ExpectError(engine_->CreateTable(gsis), ErrorCode::kValidation,
              "GlobalSecondaryIndex count exceeds the per-table limit of 20");
  gsis.global_secondary_indexes.resize(1);
  gsis.global_secondary_indexes[0].index_name = "ix";
  ExpectError(engine_->CreateTable(gsis), ErrorCode::kValidation,
              "Member must have length greater than or equal to 3");
  gsis.global_secondary_indexes[0] = Gsi("idx", "missing");
  ExpectError(engine_->CreateTable(gsis), ErrorCode::kValidation,
              "Some index key attributes are not defined in AttributeDefinitions");
  gsis.global_secondary_indexes[0] = Gsi("idx", "id");
  ExpectError(engine_->CreateTable(gsis), ErrorCode::kValidation,
              "Some AttributeDefinitions are not used");
}

TEST_F(TableTest, UnknownTable) {
  ExpectError(engine_->DescribeTable({"nope"}), ErrorCode::kResourceNotFound,
              "Requested resource not found: Table: nope not found");
  ddb::PutItemRequest put;
  put.table_name = "nope";
  put.item = {{"id", S("x")}};
  // Data-plane calls do not name the table (DynamoDB's short form); DescribeTable does.
  const auto put_result = engine_->PutItem(put);
  ASSERT_FALSE(put_result.ok());
  EXPECT_EQ(put_result.error().message, "Requested resource not found");
  ddb::ScanRequest scan;
  scan.table_name = "nope";
  const auto scan_result = engine_->Scan(scan);
  ASSERT_FALSE(scan_result.ok());
  EXPECT_EQ(scan_result.error().code, ErrorCode::kResourceNotFound);
  EXPECT_EQ(scan_result.error().message, "Requested resource not found");
}

TEST_F(TableTest, DataSurvivesReopen) {
  Create(TableRequest("keep", "id", ddb::ScalarAttributeType::N));
  for (int i = 0; i < 50; ++i) Put("keep", {{"id", N(i)}, {"v", S("value" + std::to_string(i))}});
  const std::string uuid = DescribeTable("keep").table_id;
  Reopen();
  EXPECT_EQ(DescribeTable("keep").table_id, uuid);
  EXPECT_EQ(DescribeTable("keep").item_count, 50);
  for (int i = 0; i < 50; ++i) {
    auto item = Get("keep", {{"id", N(i)}});
    ASSERT_TRUE(item.has_value());
    EXPECT_EQ(item->at("v").s(), "value" + std::to_string(i));
  }
  // Table ids keep growing across restarts: a table created now never reuses an old id.
  Create(TableRequest("fresh", "id"));
  EXPECT_FALSE(Get("fresh", {{"id", S("0")}}).has_value());
}

TEST_F(TableTest, SecondOpenOfLockedDirectoryFailsClearly) {
  Options options;
  options.data_dir = dir_.path();
  auto second = Engine::Open(options);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kIO);
  EXPECT_NE(second.error().message.find(dir_.path()), std::string::npos) << second.error().message;
  EXPECT_NE(second.error().message.find("another xrouting process holds it"), std::string::npos)
      << second.error().message;
}

TEST_F(TableTest, UpdateTableBillingMode) {
  Create(TableRequest("bill", "id"));
  ddb::UpdateTableRequest req;
  req.table_name = "bill";
  ExpectError(engine_->UpdateTable(req), ErrorCode::kValidation, "At least one of");
  req.billing_mode = ddb::BillingMode::PROVISIONED;
  ExpectError(engine_->UpdateTable(req), ErrorCode::kValidation, "ProvisionedThroughput");
  req.provisioned_throughput = ddb::ProvisionedThroughput{3, 4};
  auto r = engine_->UpdateTable(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->table_description.billing_mode, ddb::BillingMode::PROVISIONED);
  EXPECT_EQ(DescribeTable("bill").provisioned_throughput->write_capacity_units, 4);
  ddb::UpdateTableRequest back;
  back.table_name = "bill";
  back.billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
  ASSERT_TRUE(engine_->UpdateTable(back).ok());
  EXPECT_EQ(DescribeTable("bill").billing_mode, ddb::BillingMode::PAY_PER_REQUEST);
  EXPECT_FALSE(DescribeTable("bill").provisioned_throughput.has_value());
}

class TransitionTest : public EngineTest {
 protected:
  TransitionTest() { delay_ = std::chrono::milliseconds(300); }
};

TEST_F(TransitionTest, CreatingThenActiveThenDeletingThenGone) {
  auto req = TableRequest("slow", "id");
  auto created = engine_->CreateTable(req);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->table_description.table_status, ddb::TableStatus::CREATING);
  EXPECT_EQ(DescribeTable("slow").table_status, ddb::TableStatus::CREATING);
  ddb::PutItemRequest put;
  put.table_name = "slow";
  put.item = {{"id", S("a")}};
  ExpectError(engine_->PutItem(put), ErrorCode::kResourceNotFound, "Requested resource not found");
  ExpectError(engine_->DeleteTable({"slow"}), ErrorCode::kResourceInUse,
              "Attempt to change a resource which is still in use");
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  EXPECT_EQ(DescribeTable("slow").table_status, ddb::TableStatus::ACTIVE);
  ASSERT_TRUE(engine_->PutItem(put).ok());

  auto deleted = engine_->DeleteTable({"slow"});
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->table_description.table_status, ddb::TableStatus::DELETING);
  EXPECT_EQ(DescribeTable("slow").table_status, ddb::TableStatus::DELETING);
  ExpectError(engine_->PutItem(put), ErrorCode::kResourceNotFound, "Requested resource not found");
  ExpectError(engine_->CreateTable(req), ErrorCode::kResourceInUse, "Table already exists");
  auto listed = engine_->ListTables({});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->table_names, std::vector<std::string>{"slow"});
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  ExpectError(engine_->DescribeTable({"slow"}), ErrorCode::kResourceNotFound, "not found");
  listed = engine_->ListTables({});
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->table_names.empty());

  // Gone tables are purged lazily; the name is free again and the new table is empty.
  ASSERT_TRUE(engine_->CreateTable(req).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  ddb::GetItemRequest get;
  get.table_name = "slow";
  get.key = {{"id", S("a")}};
  auto got = engine_->GetItem(get);
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  EXPECT_FALSE(got->item.has_value());
}

}  // namespace
}  // namespace engine::testing
