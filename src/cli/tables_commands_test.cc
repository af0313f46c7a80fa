// Runs the real xrouting binary in a temporary directory and checks what a user sees:
// output, messages and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "engine/engine.h"

namespace cli {
namespace {

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

class TablesCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("xr-cli-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string DataDir() const { return (dir_ / "data").string(); }

  // Runs `xrouting <args> --data-dir <tmp>/data` in the temp dir.
  ProcessResult Xrouting(const std::string& args, bool with_data_dir = true) const {
    std::string cmd = "cd '" + dir_.string() + "' && '" XR_BINARY_DIR "/xrouting' " + args;
    if (with_data_dir) cmd += " --data-dir '" + DataDir() + "'";
    cmd += " 2>&1";
    ProcessResult run;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) {
      ADD_FAILURE() << "popen failed: " << cmd;
      return run;
    }
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) run.output.append(buf.data(), n);
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  std::filesystem::path dir_;
};

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(TablesCommandsTest, CreateTwiceSecondRunChangesNothing) {
  const ProcessResult first = Xrouting("tables create");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(Contains(first.output, "users: created")) << first.output;
  EXPECT_TRUE(Contains(first.output, "7 tables: 7 created, 0 unchanged")) << first.output;

  const ProcessResult second = Xrouting("tables create");
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_TRUE(Contains(second.output, "users: unchanged")) << second.output;
  EXPECT_TRUE(Contains(second.output, "7 tables: 0 created, 7 unchanged")) << second.output;
}

TEST_F(TablesCommandsTest, ListShowsTheSevenTables) {
  ASSERT_EQ(Xrouting("tables create --quiet").exit_code, 0);
  const ProcessResult list = Xrouting("tables list");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  for (const char* table : {"users", "components", "subcomponents", "comments", "maintenances",
                            "analytics", "subcomponentFailures"}) {
    EXPECT_TRUE(Contains(list.output, std::string(table) + "\n")) << table << "\n" << list.output;
  }
}

TEST_F(TablesCommandsTest, DescribeUsersShowsItsIndex) {
  ASSERT_EQ(Xrouting("tables create --table users -q").exit_code, 0);
  const ProcessResult describe = Xrouting("tables describe users");
  ASSERT_EQ(describe.exit_code, 0) << describe.output;
  EXPECT_TRUE(Contains(describe.output, "ACTIVE")) << describe.output;
  EXPECT_TRUE(Contains(describe.output, "partition key: id (S)")) << describe.output;
  EXPECT_TRUE(Contains(describe.output, "byEmail: partition key email (S)")) << describe.output;

  const ProcessResult json = Xrouting("tables describe users --json");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  EXPECT_TRUE(Contains(json.output, "\"IndexName\":\"byEmail\"")) << json.output;
  EXPECT_TRUE(Contains(json.output, "\"TableName\":\"users\"")) << json.output;
}

TEST_F(TablesCommandsTest, DescribeMissingTableFailsWithHint) {
  const ProcessResult describe = Xrouting("tables describe users");
  EXPECT_EQ(describe.exit_code, 1) << describe.output;
  EXPECT_TRUE(
      Contains(describe.output, "error: describing table 'users': ResourceNotFoundException"))
      << describe.output;
  EXPECT_TRUE(Contains(describe.output, "hint: ")) << describe.output;
}

TEST_F(TablesCommandsTest, DeleteNeedsYesForAllTablesAndWaitsUntilGone) {
  ASSERT_EQ(Xrouting("tables create -q").exit_code, 0);
  const ProcessResult refused = Xrouting("tables delete");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_TRUE(Contains(refused.output, "--yes")) << refused.output;

  const ProcessResult one = Xrouting("tables delete --table comments");
  ASSERT_EQ(one.exit_code, 0) << one.output;
  EXPECT_TRUE(Contains(one.output, "comments: deleted")) << one.output;

  const ProcessResult all = Xrouting("tables delete --yes");
  ASSERT_EQ(all.exit_code, 0) << all.output;
  EXPECT_TRUE(Contains(all.output, "7 tables: 6 deleted, 1 absent")) << all.output;
  const ProcessResult list = Xrouting("tables list");
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_FALSE(Contains(list.output, "users")) << list.output;
}

TEST_F(TablesCommandsTest, UnknownDbIsAClearError) {
  const ProcessResult run = Xrouting("tables list --db nonsense");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Contains(run.output, "unknown --db value 'nonsense'")) << run.output;
  EXPECT_TRUE(Contains(run.output, "embedded")) << run.output;
  EXPECT_TRUE(Contains(run.output, "aws")) << run.output;
  EXPECT_TRUE(Contains(run.output, "http://")) << run.output;
}

TEST_F(TablesCommandsTest, UsageErrorsExitWith2) {
  EXPECT_EQ(Xrouting("tables create --table nosuchtable").exit_code, 2);
  EXPECT_EQ(Xrouting("no-such-command").exit_code, 2);
  EXPECT_EQ(Xrouting("tables describe").exit_code, 2);
}

TEST_F(TablesCommandsTest, HelpDescribesDbValues) {
  const ProcessResult help = Xrouting("--help", /*with_data_dir=*/false);
  EXPECT_EQ(help.exit_code, 0) << help.output;
  EXPECT_TRUE(Contains(help.output, "--db")) << help.output;
  EXPECT_TRUE(Contains(help.output, "embedded")) << help.output;
  EXPECT_TRUE(Contains(help.output, "aws")) << help.output;
  const ProcessResult sub = Xrouting("tables create --help", /*with_data_dir=*/false);
  EXPECT_EQ(sub.exit_code, 0) << sub.output;
  EXPECT_TRUE(Contains(sub.output, "--provisioned")) << sub.output;
  EXPECT_FALSE(std::filesystem::exists(DataDir())) << "--help must not open the store";
}

TEST_F(TablesCommandsTest, LockedDataDirNamesTheDirectory) {
  std::filesystem::create_directories(DataDir());
  engine::Options options;
  options.data_dir = DataDir();
  auto holder = engine::Engine::Open(options);  // this process holds the lock
  ASSERT_TRUE(holder.ok()) << holder.error().ToString();
  const ProcessResult run = Xrouting("tables list");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(Contains(run.output, DataDir())) << run.output;
  EXPECT_TRUE(Contains(run.output, "error: ")) << run.output;
}

}  // namespace
}  // namespace cli
