// Crash safety: a child process writes batches and reports each acknowledged batch number
// through a pipe; the parent SIGKILLs it mid-stream, reopens the directory and checks that
// every acknowledged item is there and intact.
//
// The child is this test binary re-executed (fork + exec) with a filter that runs only
// CrashChild.WriteUntilKilled: a forked copy of a process that already ran RocksDB would
// inherit background thread pools whose threads do not exist in the child.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>

#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

constexpr char kDirEnv[] = "XR_CRASH_CHILD_DIR";
constexpr char kFdEnv[] = "XR_CRASH_CHILD_FD";
constexpr int kItemsPerBatch = 25;

ddb::Item BatchItem(int64_t batch, int i) {
  return {{"pk", S("b" + std::to_string(batch))},
          {"sk", N(i)},
          {"payload", S(std::string(200, static_cast<char>('a' + (batch + i) % 26)))},
          {"batch", N(batch)}};
}

// Runs only in the child: writes batches forever, acknowledging each on the pipe.
TEST(CrashChild, WriteUntilKilled) {
  const char* dir = std::getenv(kDirEnv);
  const char* fd_text = std::getenv(kFdEnv);
  if (dir == nullptr || fd_text == nullptr) GTEST_SKIP() << "only runs as the crash test's child";
  const int fd = std::atoi(fd_text);
  Options options;
  options.data_dir = dir;
  auto engine = OpenEngine(options);
  ASSERT_NE(engine, nullptr);
  for (int64_t batch = 0;; ++batch) {
    ddb::BatchWriteItemRequest req;
    for (int i = 0; i < kItemsPerBatch; ++i) {
      req.request_items["crash"].push_back(ddb::WriteRequest::Put(BatchItem(batch, i)));
    }
    auto r = engine->BatchWriteItem(req);
    if (!r.ok() || !r->unprocessed_items.empty()) std::_Exit(3);
    if (write(fd, &batch, sizeof(batch)) != static_cast<ssize_t>(sizeof(batch))) std::_Exit(4);
  }
}

TEST(CrashTest, AcknowledgedBatchesSurviveSigkill) {
  TempDir dir;
  {
    Options options;
    options.data_dir = dir.path();
    auto engine = OpenEngine(options);
    ASSERT_NE(engine, nullptr);
    auto req =
        TableRequest("crash", "pk", ddb::ScalarAttributeType::S, "sk", ddb::ScalarAttributeType::N);
    ASSERT_TRUE(engine->CreateTable(req).ok());
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    // Keep the child's test output out of the parent's report.
    const int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
      dup2(devnull, STDOUT_FILENO);
      close(devnull);
    }
    setenv(kDirEnv, dir.path().c_str(), 1);
    setenv(kFdEnv, std::to_string(fds[1]).c_str(), 1);
    execl("/proc/self/exe", "test_engine", "--gtest_filter=CrashChild.WriteUntilKilled",
          static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  close(fds[1]);
  std::set<int64_t> acknowledged;
  int64_t batch = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  // Kill somewhere in the stream, after a varying number of acknowledgements.
  const size_t kill_after = 40 + static_cast<size_t>(getpid() % 40);
  while (acknowledged.size() < kill_after && std::chrono::steady_clock::now() < deadline) {
    const ssize_t n = read(fds[0], &batch, sizeof(batch));
    if (n != static_cast<ssize_t>(sizeof(batch))) break;
    acknowledged.insert(batch);
  }
  kill(pid, SIGKILL);
  // Acknowledgements already in the pipe were acknowledged before the kill: they count too.
  while (read(fds[0], &batch, sizeof(batch)) == static_cast<ssize_t>(sizeof(batch))) {
    acknowledged.insert(batch);
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with status " << WEXITSTATUS(status);
  ASSERT_GE(acknowledged.size(), kill_after);

  Options options;
  options.data_dir = dir.path();
  auto engine = OpenEngine(options);
  ASSERT_NE(engine, nullptr);
  for (int64_t b : acknowledged) {
    ddb::QueryRequest q;
    q.table_name = "crash";
    q.key_condition_expression = "pk = :p";
    q.expression_attribute_values = {{":p", S("b" + std::to_string(b))}};
    auto r = engine->Query(q);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    ASSERT_EQ(r->items.size(), static_cast<size_t>(kItemsPerBatch)) << "batch " << b;
    for (int i = 0; i < kItemsPerBatch; ++i) ASSERT_EQ(r->items[i], BatchItem(b, i));
  }
  // Batches are atomic: any batch past the acknowledged ones is all there or not at all, and
  // the counters agree with the items.
  ddb::ScanRequest scan;
  scan.table_name = "crash";
  scan.select = ddb::Select::COUNT;
  int64_t total = 0;
  while (true) {
    auto r = engine->Scan(scan);
    ASSERT_TRUE(r.ok());
    total += r->count;
    if (!r->last_evaluated_key) break;
    scan.exclusive_start_key = r->last_evaluated_key;
  }
  EXPECT_EQ(total % kItemsPerBatch, 0);
  auto d = engine->DescribeTable({"crash"});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->table.item_count, total);
}

}  // namespace
}  // namespace engine::testing
