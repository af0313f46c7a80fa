// The user's path end to end with the real xrouting binary: `tables create` (twice),
// `migrate all`, `etl` (twice), then `scan --json` of every table — on the embedded store and,
// when scripts/test.sh provides it, on dynalite over HTTP (waiting through its CREATING
// state). Both stores must end with the same items, apart from timestamps.
//
// Runs in the test_integration binary, the only one that touches dynalite's application
// tables, so no other test races these fixed table names.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "ddb/json.h"

namespace {

struct Outcome {
  int exit_code = -1;
  std::string out;  // stdout only
};

class CliPipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/xrouting-cli-pipeline-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Runs xrouting with the given store flags; stderr goes to a file shown on failure.
  Outcome X(const std::string& store, const std::string& args) {
    const std::string err = (dir_ / "stderr.txt").string();
    const std::string cmd = "cd '" + dir_.string() +
                            "' && AWS_ACCESS_KEY_ID=fake AWS_SECRET_ACCESS_KEY=fake "
                            "AWS_REGION=us-east-1 '" XR_BINARY_DIR "/xrouting' " +
                            store + " " + args + " 2>'" + err + "'";
    Outcome run;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return run;
    std::array<char, 8192> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) run.out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (run.exit_code != 0) {
      std::ifstream f(err);
      std::stringstream s;
      s << f.rdbuf();
      ADD_FAILURE() << "xrouting " << args << " exited " << run.exit_code << "\n" << s.str();
    }
    return run;
  }

  // table -> sorted item texts with the run-dependent timestamps removed.
  std::map<std::string, std::multiset<std::string>> Dump(const std::string& store) {
    std::map<std::string, std::multiset<std::string>> out;
    for (const char* table : {"users", "components", "subcomponents", "comments", "maintenances",
                              "analytics", "subcomponentFailures"}) {
      const Outcome run = X(store, std::string("scan ") + table + " --json");
      std::istringstream lines(run.out);
      std::string line;
      auto& rows = out[table];
      while (std::getline(lines, line)) {
        if (line.empty()) continue;
        auto item = ddb::json::DecodeItem(line);
        EXPECT_TRUE(item.ok()) << line;
        if (!item.ok()) continue;
        for (const char* volatile_field : {"createdAt", "lastUpdated", "updatedAt", "password"}) {
          item->erase(volatile_field);
        }
        rows.insert(ddb::json::EncodeItem(*item));
      }
    }
    return out;
  }

  // The whole user path on one store; returns the final dump.
  std::map<std::string, std::multiset<std::string>> Pipeline(const std::string& store) {
    const Outcome first = X(store, "tables create");
    EXPECT_EQ(first.exit_code, 0);
    const Outcome again = X(store, "tables create");
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_NE(again.out.find("0 created, 7 unchanged"), std::string::npos) << again.out;
    EXPECT_EQ(X(store, "migrate all").exit_code, 0);
    const Outcome etl1 = X(store, "etl");
    EXPECT_NE(etl1.out.find(R"("statusCode":200)"), std::string::npos) << etl1.out;
    EXPECT_NE(etl1.out.find(R"("componentsSaved":147)"), std::string::npos) << etl1.out;
    const auto after_first = Dump(store);
    EXPECT_EQ(X(store, "migrate all").exit_code, 0);
    EXPECT_EQ(X(store, "etl").exit_code, 0);
    const auto after_second = Dump(store);
    EXPECT_EQ(after_first, after_second) << "a second run changed or duplicated items";
    return after_second;
  }

  std::filesystem::path dir_;
};

TEST_F(CliPipeline, EmbeddedAndDynaliteEndWithTheSameItems) {
  const std::string embedded = "--data-dir '" + (dir_ / "data").string() + "'";
  const auto local = Pipeline(embedded);
  EXPECT_EQ(local.at("components").size(), 147u);
  EXPECT_EQ(local.at("users").size(), 5u);
  EXPECT_EQ(local.at("analytics").size(), 7u);

  const char* endpoint = std::getenv("XR_DYNALITE_ENDPOINT");
  if (endpoint == nullptr || *endpoint == '\0') {
    GTEST_SKIP() << "XR_DYNALITE_ENDPOINT is not set (scripts/test.sh starts dynalite and sets "
                    "it); the embedded half ran";
  }
  const std::string remote_store = std::string("--db ") + endpoint;
  X(remote_store, "tables delete --yes");  // a clean start; absent tables are fine
  const auto remote = Pipeline(remote_store);
  EXPECT_EQ(remote, local) << "dynalite and the embedded engine disagree";
  EXPECT_EQ(X(remote_store, "tables delete --yes").exit_code, 0);
}

}  // namespace
