#include "lambda/etl_handler.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/manager.h"
#include "app/migrations/users.h"
#include "app/schema.h"
#include "ddb/embedded/embedded_backend.h"
#include "ddb/rapidjson.h"
#include "lambda/fake_runtime_api.h"

namespace lambda {
namespace {

namespace fs = std::filesystem;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct TempDir {
  fs::path path;
  TempDir() {
    path =
        fs::temp_directory_path() / ("xr-lambda-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(NowMs()) + "-" + std::to_string(counter()++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

// Records every operation (as its IAM action name) and table the ETL issues; optionally
// slows each call down so a deadline can fall in the middle of a run.
class RecordingBackend : public ddb::Backend {
 public:
  explicit RecordingBackend(std::unique_ptr<ddb::Backend> inner) : inner_(std::move(inner)) {}

  struct Call {
    std::string action;
    std::string table;
    int64_t at_ms;
  };
  std::vector<Call> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  void Clear() {
    std::lock_guard lock(mu_);
    calls_.clear();
  }
  std::chrono::milliseconds delay{0};

  std::string Describe() const override { return inner_->Describe(); }
  ddb::Result<ddb::CreateTableResponse> CreateTable(const ddb::CreateTableRequest& r) override {
    Note("CreateTable", r.table_name);
    return inner_->CreateTable(r);
  }
  ddb::Result<ddb::DescribeTableResponse> DescribeTable(
      const ddb::DescribeTableRequest& r) override {
    Note("DescribeTable", r.table_name);
    return inner_->DescribeTable(r);
  }
  ddb::Result<ddb::ListTablesResponse> ListTables(const ddb::ListTablesRequest& r) override {
    Note("ListTables", "*");
    return inner_->ListTables(r);
  }
  ddb::Result<ddb::DeleteTableResponse> DeleteTable(const ddb::DeleteTableRequest& r) override {
    Note("DeleteTable", r.table_name);
    return inner_->DeleteTable(r);
  }
  ddb::Result<ddb::UpdateTableResponse> UpdateTable(const ddb::UpdateTableRequest& r) override {
    Note("UpdateTable", r.table_name);
    return inner_->UpdateTable(r);
  }
  ddb::Result<ddb::PutItemResponse> PutItem(const ddb::PutItemRequest& r) override {
    Note("PutItem", r.table_name);
    return inner_->PutItem(r);
  }
  ddb::Result<ddb::GetItemResponse> GetItem(const ddb::GetItemRequest& r) override {
    Note("GetItem", r.table_name);
    return inner_->GetItem(r);
  }
  ddb::Result<ddb::DeleteItemResponse> DeleteItem(const ddb::DeleteItemRequest& r) override {
    Note("DeleteItem", r.table_name);
    return inner_->DeleteItem(r);
  }
  ddb::Result<ddb::UpdateItemResponse> UpdateItem(const ddb::UpdateItemRequest& r) override {
    Note("UpdateItem", r.table_name);
    return inner_->UpdateItem(r);
  }
  ddb::Result<ddb::BatchWriteItemResponse> BatchWriteItem(
      const ddb::BatchWriteItemRequest& r) override {
    for (const auto& [table, writes] : r.request_items) Note("BatchWriteItem", table);
    return inner_->BatchWriteItem(r);
  }
  ddb::Result<ddb::BatchGetItemResponse> BatchGetItem(const ddb::BatchGetItemRequest& r) override {
    for (const auto& [table, keys] : r.request_items) Note("BatchGetItem", table);
    return inner_->BatchGetItem(r);
  }
  ddb::Result<ddb::ScanResponse> Scan(const ddb::ScanRequest& r) override {
    Note("Scan", r.table_name);
    return inner_->Scan(r);
  }
  ddb::Result<ddb::QueryResponse> Query(const ddb::QueryRequest& r) override {
    Note("Query", r.table_name);
    return inner_->Query(r);
  }
  ddb::Result<ddb::TransactWriteItemsResponse> TransactWriteItems(
      const ddb::TransactWriteItemsRequest& r) override {
    return inner_->TransactWriteItems(r);
  }
  ddb::Result<ddb::TransactGetItemsResponse> TransactGetItems(
      const ddb::TransactGetItemsRequest& r) override {
    return inner_->TransactGetItems(r);
  }

 private:
  void Note(const std::string& action, const std::string& table) {
    {
      std::lock_guard lock(mu_);
      calls_.push_back({action, table, NowMs()});
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
  }
  std::unique_ptr<ddb::Backend> inner_;
  mutable std::mutex mu_;
  std::vector<Call> calls_;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "componentsSaved":147 -> 147
int64_t Count(const std::string& summary, const std::string& key) {
  std::smatch m;
  std::regex re("\"" + key + "\":([0-9]+)");
  if (!std::regex_search(summary, m, re)) return -1;
  return std::stoll(m[1]);
}

class EtlHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine::Options opts;
    opts.data_dir = (dir_.path / "store").string();
    auto embedded = ddb::MakeEmbeddedBackend(opts);
    ASSERT_TRUE(embedded.ok()) << embedded.error().ToString();
    auto recording = std::make_shared<RecordingBackend>(std::move(*embedded));
    recording_ = recording.get();
    client_ = std::make_unique<ddb::Client>(recording);
    log_ = std::tmpfile();
  }
  void TearDown() override {
    if (log_) std::fclose(log_);
  }

  // Tables and users, as `xrouting tables create` and `migrate users` make them.
  void Migrate(bool users = true) {
    app::DynamoDBManager manager(*client_);
    auto tables = manager.EnsureAll(app::AllTableSchemas());
    ASSERT_TRUE(tables.ok()) << tables.error().ToString();
    if (users) {
      auto migrated = app::migrations::MigrateUsers(
          *client_, [](const std::string&) { return std::optional<std::string>("pw-for-tests"); });
      ASSERT_TRUE(migrated.ok()) << migrated.error().ToString();
    }
    recording_->Clear();
  }

  Handler MakeHandler(std::string source = "snapshot") {
    EtlHandlerOptions o;
    o.source = std::move(source);
    o.log = log_;
    return MakeEtlHandler(*client_, o);
  }

  static Invocation Inv(std::string payload = "{}", int64_t deadline_ms = 0) {
    Invocation inv;
    inv.request_id = "test-request";
    inv.payload = std::move(payload);
    inv.deadline_ms = deadline_ms == 0 ? NowMs() + 300000 : deadline_ms;
    return inv;
  }

  TempDir dir_;
  RecordingBackend* recording_ = nullptr;
  std::unique_ptr<ddb::Client> client_;
  std::FILE* log_ = nullptr;
};

// The tables deploy/iam-policy.json grants each DynamoDB action on ("UpdateItem" ->
// {"components"}); index resources are left out, the ETL names tables only.
std::map<std::string, std::set<std::string>> PolicyGrants() {
  rapidjson::Document doc;
  doc.Parse(ReadFile(fs::path(XR_SOURCE_DIR) / "deploy" / "iam-policy.json").c_str());
  std::map<std::string, std::set<std::string>> grants;
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("Statement")) return grants;
  const std::string prefix = "arn:aws:dynamodb:*:*:table/";
  for (const auto& statement : doc["Statement"].GetArray()) {
    for (const auto& action : statement["Action"].GetArray()) {
      const std::string name = action.GetString();
      if (name.rfind("dynamodb:", 0) != 0) continue;
      for (const auto& resource : statement["Resource"].GetArray()) {
        const std::string arn = resource.GetString();
        if (arn.rfind(prefix, 0) != 0 || arn.find('/', prefix.size()) != std::string::npos) continue;
        grants[name.substr(9)].insert(arn.substr(prefix.size()));
      }
    }
  }
  return grants;
}

// The IAM actions deploy/iam-policy.json grants on DynamoDB.
std::set<std::string> PolicyActions() {
  std::string policy = ReadFile(fs::path(XR_SOURCE_DIR) / "deploy" / "iam-policy.json");
  std::set<std::string> actions;
  std::regex re("\"dynamodb:([A-Za-z]+)\"");
  for (auto it = std::sregex_iterator(policy.begin(), policy.end(), re);
       it != std::sregex_iterator(); ++it) {
    actions.insert((*it)[1]);
  }
  return actions;
}

TEST_F(EtlHandlerTest, SnapshotRunAnswersTheSummaryAndStaysWithinThePolicy) {
  Migrate();
  Handler handler = MakeHandler();
  Outcome first = handler(Inv());
  ASSERT_TRUE(first.ok) << first.error_type << ": " << first.error_message;
  EXPECT_EQ(first.payload.rfind(R"({"statusCode":200,"body":{"componentsSaved":)", 0), 0u)
      << first.payload;
  EXPECT_GT(Count(first.payload, "componentsSaved"), 0);
  EXPECT_GT(Count(first.payload, "maintenancesSaved"), 0);
  EXPECT_EQ(Count(first.payload, "analyticsSaved"), 7);

  // Every operation the ETL issued is granted by the function's policy, on that table.
  std::set<std::string> granted = PolicyActions();
  ASSERT_FALSE(granted.empty());
  const auto grants = PolicyGrants();
  std::set<std::string> tables;
  for (const auto& s : app::AllTableSchemas()) tables.insert(s.name);
  std::set<std::string> used;
  for (const auto& call : recording_->calls()) {
    used.insert(call.action);
    EXPECT_TRUE(granted.count(call.action))
        << "deploy/iam-policy.json lacks dynamodb:" << call.action << " (on " << call.table << ")";
    EXPECT_TRUE(tables.count(call.table)) << call.action << " on " << call.table;
    auto on = grants.find(call.action);
    EXPECT_TRUE(on != grants.end() && on->second.count(call.table))
        << "deploy/iam-policy.json grants dynamodb:" << call.action << " but not on table "
        << call.table;
  }
  // Components are written with UpdateItem (createdAt kept), the rest in batches.
  EXPECT_TRUE(used.count("UpdateItem"));
  EXPECT_EQ(grants.count("UpdateItem") ? grants.at("UpdateItem") : std::set<std::string>{},
            std::set<std::string>{std::string(app::kComponentsTable)});
  // ...and the policy grants nothing the ETL does not use.
  EXPECT_EQ(used, granted);

  // A second invocation in the same environment: same counts, nothing duplicated.
  Outcome second = handler(Inv());
  ASSERT_TRUE(second.ok) << second.error_message;
  for (const char* key : {"componentsSaved", "subComponentsSaved", "commentsSaved",
                          "maintenancesSaved", "failuresSaved", "analyticsSaved"}) {
    EXPECT_EQ(Count(first.payload, key), Count(second.payload, key)) << key;
  }
  auto components = client_->ScanAll(app::kComponentsTable);
  ASSERT_TRUE(components.ok());
  EXPECT_EQ(static_cast<int64_t>(components->size()), Count(first.payload, "componentsSaved"));
}

TEST_F(EtlHandlerTest, UnreadableSourceIsASpaceXSourceErrorAndTheNextRunWorks) {
  Migrate();
  Handler handler = MakeHandler();
  std::string missing = (dir_.path / "no-such-dir").string();
  Outcome bad = handler(Inv(R"({"spacexSource":")" + missing + R"("})"));
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.error_type, kSpaceXSourceError);
  EXPECT_NE(bad.error_message.find(missing), std::string::npos) << bad.error_message;
  for (const auto& call : recording_->calls()) {
    EXPECT_NE(call.action, "BatchWriteItem");
    EXPECT_NE(call.action, "UpdateItem");
  }

  Outcome good = handler(Inv());
  EXPECT_TRUE(good.ok) << good.error_message;
}

TEST_F(EtlHandlerTest, InvalidDataIsAValidationErrorAndNothingIsWritten) {
  Migrate();
  fs::path data = dir_.path / "broken";
  fs::create_directories(data);
  for (const char* f : {"rockets", "launches", "launchpads", "cores", "capsules", "ships"}) {
    fs::copy_file(fs::path(XR_SOURCE_DIR) / "data" / "spacex-v4" / (std::string(f) + ".json"),
                  data / (std::string(f) + ".json"));
  }
  std::ofstream(data / "rockets.json") << R"([{"id": 5}])";
  Outcome bad = MakeHandler(data.string())(Inv());
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.error_type, kValidationError) << bad.error_message;
  for (const auto& call : recording_->calls()) {
    EXPECT_NE(call.action, "BatchWriteItem");
    EXPECT_NE(call.action, "UpdateItem");
  }
}

TEST_F(EtlHandlerTest, MissingTablesAreADynamoDBErrorWithAHint) {
  Outcome bad = MakeHandler()(Inv());
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.error_type, kDynamoDBError);
  EXPECT_NE(bad.error_message.find("ResourceNotFoundException"), std::string::npos)
      << bad.error_message;
  EXPECT_NE(bad.error_message.find("tables create"), std::string::npos) << bad.error_message;
}

TEST_F(EtlHandlerTest, NoAdminUserIsAValidationError) {
  Migrate(/*users=*/false);
  Outcome bad = MakeHandler()(Inv());
  EXPECT_EQ(bad.error_type, kValidationError);
  EXPECT_NE(bad.error_message.find("migrate users"), std::string::npos) << bad.error_message;
}

TEST_F(EtlHandlerTest, TooLittleTimeLeftIsATimeoutErrorBeforeAnyWork) {
  Migrate();
  Outcome late = MakeHandler()(Inv("{}", NowMs() + 3000));  // below min_start_ms (10 s)
  EXPECT_EQ(late.error_type, kTimeoutError);
  EXPECT_TRUE(recording_->calls().empty());
}

TEST_F(EtlHandlerTest, DeadlineInTheMiddleStopsBetweenDynamoDBCalls) {
  Migrate();
  // Slow enough that the run cannot finish in the 400 ms before the stop margin even with the
  // ETL's concurrent batch writes (about 20 requests, 4 in flight, plus serial reads).
  recording_->delay = std::chrono::milliseconds(80);
  EtlHandlerOptions o;
  o.source = "snapshot";
  o.log = log_;
  o.min_start_ms = 0;
  o.stop_margin_ms = 200;
  Handler handler = MakeEtlHandler(*client_, o);
  int64_t deadline = NowMs() + 600;
  Outcome out = handler(Inv("{}", deadline));
  EXPECT_EQ(out.error_type, kTimeoutError) << out.error_message;
  auto calls = recording_->calls();
  ASSERT_FALSE(calls.empty());
  for (const auto& call : calls) EXPECT_LT(call.at_ms, deadline - o.stop_margin_ms) << call.action;

  // The guard is disarmed afterwards: the same handler serves a normal invocation.
  recording_->delay = std::chrono::milliseconds(0);
  Outcome next = handler(Inv());
  EXPECT_TRUE(next.ok) << next.error_message;
}

TEST_F(EtlHandlerTest, ServedThroughTheRuntimeLoop) {
  Migrate();
  testing::FakeRuntimeApi api;
  testing::QueuedEvent ok1;
  ok1.request_id = "one";
  testing::QueuedEvent bad;
  bad.request_id = "two";
  bad.payload = R"({"spacexSource":")" + (dir_.path / "nothing").string() + R"("})";
  testing::QueuedEvent ok2;
  ok2.request_id = "three";
  api.Enqueue(ok1);
  api.Enqueue(bad);
  api.Enqueue(ok2);
  RuntimeOptions ro;
  ro.api_endpoint = api.endpoint();
  ro.max_invocations = 3;
  ro.log = log_;
  EXPECT_EQ(RunLoop(MakeHandler(), ro), 0);
  auto posted = api.posted();
  ASSERT_EQ(posted.size(), 3u);
  EXPECT_EQ(posted[0].kind, "response");
  EXPECT_GT(Count(posted[0].body, "componentsSaved"), 0);
  EXPECT_EQ(posted[1].kind, "error");
  EXPECT_EQ(posted[1].error_type, kSpaceXSourceError);
  EXPECT_EQ(posted[2].kind, "response");
  EXPECT_EQ(posted[2].body.substr(0, 40), posted[0].body.substr(0, 40));
}

TEST(SourceOverrideTest, ReadsOnlyTheTopLevelStringMember) {
  EXPECT_EQ(*SourceOverride("{}"), "");
  EXPECT_EQ(*SourceOverride(R"({"spacexSource":"snapshot"})"), "snapshot");
  EXPECT_EQ(*SourceOverride(R"({"a":[1,{"spacexSource":"x"}],"spacexSource":"/d"})"), "/d");
  EXPECT_EQ(*SourceOverride(R"({"detail":{"spacexSource":"nested"}})"), "");
  // EventBridge's scheduled event: its "source" is not ours.
  EXPECT_EQ(*SourceOverride(R"({"version":"0","source":"aws.events","detail-type":)"
                            R"("Scheduled Event","detail":{}})"),
            "");
  EXPECT_EQ(*SourceOverride("null"), "");
  EXPECT_EQ(*SourceOverride(R"(["spacexSource","x"])"), "");
  EXPECT_FALSE(SourceOverride(R"({"spacexSource":1})").ok());
  EXPECT_FALSE(SourceOverride(R"({"spacexSource":{"a":"b"}})").ok());
  EXPECT_FALSE(SourceOverride("not json").ok());
  EXPECT_FALSE(SourceOverride("").ok());
}

// Regression: an event ending inside a multi-byte UTF-8 sequence was read past its buffer.
TEST(SourceOverrideTest, TruncatedUtf8IsAnErrorNotAnOverread) {
  EXPECT_FALSE(SourceOverride("{\"spacexSource\":\"x\xf0").ok());
  EXPECT_FALSE(SourceOverride("\"\xe2\x82").ok());
  EXPECT_EQ(*SourceOverride("{\"spacexSource\":\"caf\xc3\xa9\"}"), "caf\xc3\xa9");
}

}  // namespace
}  // namespace lambda
