#include "lambda/runtime.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "ddb/json.h"
#include "lambda/fake_runtime_api.h"

namespace lambda {
namespace {

using testing::FakeRuntimeApi;
using testing::Posted;
using testing::QueuedEvent;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Log lines go to a temporary file the test can read back.
struct TempLog {
  std::FILE* f = std::tmpfile();
  ~TempLog() {
    if (f) std::fclose(f);
  }
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    std::fflush(f);
    std::rewind(f);
    char buf[4096];
    while (std::fgets(buf, sizeof buf, f)) {
      std::string line(buf);
      if (!line.empty() && line.back() == '\n') line.pop_back();
      lines.push_back(line);
    }
    return lines;
  }
};

class RuntimeTest : public ::testing::Test {
 protected:
  RuntimeOptions Options(int max_invocations) {
    RuntimeOptions o;
    o.api_endpoint = api_.endpoint();
    o.max_invocations = max_invocations;
    o.log = log_.f;
    return o;
  }
  FakeRuntimeApi api_;
  TempLog log_;
};

QueuedEvent Event(std::string id, std::string payload = "{}", int64_t deadline_ms = 0) {
  QueuedEvent e;
  e.request_id = std::move(id);
  e.payload = std::move(payload);
  e.deadline_ms = deadline_ms;
  return e;
}

// Checked as exact text rather than through a JSON parser: the runtime owns this encoding,
// and Debian's RapidJSON trips UBSan (null-pointer arithmetic in its parse stack).
bool IsLogLine(const std::string& line) {
  static const std::regex kLine(
      R"re(\{"timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","level":"(DEBUG|INFO|WARN|ERROR)",)re"
      R"re("requestId":(null|"[^"\\]*"),"message":"([^"\\\x00-\x1f]|\\["\\nrt]|\\u00[0-9a-f]{2})*"\})re");
  return std::regex_match(line, kLine);
}

TEST_F(RuntimeTest, ServesInvocationsWithTheirHeadersAndPostsResponses) {
  api_.Enqueue({"req-1", R"({"n":1})", NowMs() + 30000, "Root=1-aaa;Parent=b;Sampled=1", "arn:1"});
  api_.Enqueue({"req-2", R"({"n":2})", NowMs() + 30000, "Root=1-bbb;Parent=c;Sampled=0", "arn:2"});
  struct Seen {
    Invocation inv;
    std::string trace_env;
  };
  std::vector<Seen> seen;
  int rc = RunLoop(
      [&](const Invocation& inv) {
        const char* env = std::getenv("_X_AMZN_TRACE_ID");
        seen.push_back({inv, env ? env : ""});
        return Outcome::Success(R"({"echo":)" + inv.payload + "}");
      },
      Options(2));
  EXPECT_EQ(rc, 0);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].inv.request_id, "req-1");
  EXPECT_EQ(seen[0].inv.payload, R"({"n":1})");
  EXPECT_EQ(seen[0].inv.function_arn, "arn:1");
  EXPECT_EQ(seen[0].inv.trace_id, "Root=1-aaa;Parent=b;Sampled=1");
  EXPECT_EQ(seen[0].trace_env, "Root=1-aaa;Parent=b;Sampled=1");
  EXPECT_EQ(seen[1].trace_env, "Root=1-bbb;Parent=c;Sampled=0");
  EXPECT_GT(seen[0].inv.remaining_ms(), 20000);

  auto posted = api_.posted();
  ASSERT_EQ(posted.size(), 2u);
  EXPECT_EQ(posted[0].kind, "response");
  EXPECT_EQ(posted[0].request_id, "req-1");
  EXPECT_EQ(posted[0].body, R"({"echo":{"n":1}})");
  EXPECT_EQ(posted[1].request_id, "req-2");
  EXPECT_EQ(posted[1].body, R"({"echo":{"n":2}})");
  // Never asks for an event it will not serve.
  EXPECT_EQ(api_.next_requests(), 2);
  // One keep-alive connection for the whole loop.
  EXPECT_EQ(api_.connections(), 1);
}

TEST_F(RuntimeTest, FailingHandlerIsPostedToErrorAndTheLoopGoesOn) {
  api_.Enqueue(Event("ok-1"));
  api_.Enqueue(Event("bad", R"({"fail":true})"));
  api_.Enqueue(Event("ok-2"));
  int rc = RunLoop(
      [](const Invocation& inv) {
        if (inv.request_id == "bad") {
          return Outcome::Failure("ValidationError", "launch \"x\": field 'rocket'\nmissing");
        }
        return Outcome::Success("{}");
      },
      Options(3));
  EXPECT_EQ(rc, 0);
  auto posted = api_.posted();
  ASSERT_EQ(posted.size(), 3u);
  EXPECT_EQ(posted[0].kind, "response");
  EXPECT_EQ(posted[1].kind, "error");
  EXPECT_EQ(posted[1].request_id, "bad");
  EXPECT_EQ(posted[1].error_type, "ValidationError");
  EXPECT_EQ(posted[1].body, R"({"errorMessage":"launch \"x\": field 'rocket'\nmissing",)"
                            R"("errorType":"ValidationError","stackTrace":[]})");
  EXPECT_EQ(posted[2].kind, "response");
  EXPECT_EQ(posted[2].request_id, "ok-2");
}

TEST_F(RuntimeTest, ExceptionFromHandlerBecomesAnError) {
  api_.Enqueue(Event("throws"));
  api_.Enqueue(Event("after"));
  int rc = RunLoop(
      [](const Invocation& inv) -> Outcome {
        if (inv.request_id == "throws") throw std::runtime_error("boom");
        return Outcome::Success("{}");
      },
      Options(2));
  EXPECT_EQ(rc, 0);
  auto posted = api_.posted();
  ASSERT_EQ(posted.size(), 2u);
  EXPECT_EQ(posted[0].kind, "error");
  EXPECT_EQ(posted[0].error_type, "Runtime.UnhandledException");
  EXPECT_NE(posted[0].body.find("boom"), std::string::npos);
  EXPECT_EQ(posted[1].kind, "response");
}

TEST_F(RuntimeTest, InitErrorIsPostedToInitError) {
  RuntimeOptions o = Options(0);
  ASSERT_TRUE(ReportInitError(o, "Runtime.InitError", "XROUTING_DB: unknown store 'x'").ok());
  auto posted = api_.posted();
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].kind, "init_error");
  EXPECT_EQ(posted[0].error_type, "Runtime.InitError");
  EXPECT_EQ(posted[0].body,
            R"({"errorMessage":"XROUTING_DB: unknown store 'x'","errorType":"Runtime.InitError",)"
            R"("stackTrace":[]})");
}

TEST_F(RuntimeTest, HandlerSeesItsDeadlineAndCanStopBeforeIt) {
  api_.Enqueue(Event("short", "{}", NowMs() + 1500));
  int64_t seen_remaining = 0;
  int rc = RunLoop(
      [&](const Invocation& inv) {
        seen_remaining = inv.remaining_ms();
        // Cooperative work loop: stops with a clear error when too little time is left.
        while (inv.remaining_ms() > 1000)
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return Outcome::Failure("Runtime.Timeout", "stopped 1000 ms before the deadline");
      },
      Options(1));
  EXPECT_EQ(rc, 0);
  EXPECT_GT(seen_remaining, 1000);
  EXPECT_LE(seen_remaining, 1500);
  auto posted = api_.posted();
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].kind, "error");
  EXPECT_EQ(posted[0].error_type, "Runtime.Timeout");
}

TEST_F(RuntimeTest, EventPastItsDeadlineIsNotHandled) {
  api_.Enqueue(Event("late", "{}", NowMs() - 10));
  api_.Enqueue(Event("fine"));
  std::vector<std::string> handled;
  int rc = RunLoop(
      [&](const Invocation& inv) {
        handled.push_back(inv.request_id);
        return Outcome::Success("{}");
      },
      Options(2));
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(handled, std::vector<std::string>{"fine"});
  auto posted = api_.posted();
  ASSERT_EQ(posted.size(), 2u);
  EXPECT_EQ(posted[0].error_type, "Runtime.Timeout");
}

TEST_F(RuntimeTest, RuntimeApiFailureStopsTheLoop) {
  api_.set_empty_queue_status(500);
  int calls = 0;
  int rc = RunLoop(
      [&](const Invocation&) {
        ++calls;
        return Outcome::Success("{}");
      },
      Options(5));
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(calls, 0);
}

TEST_F(RuntimeTest, Http500OnPostStopsTheLoop) {
  api_.Enqueue(Event("one"));
  api_.Enqueue(Event("two"));
  api_.set_post_status(500);
  int rc = RunLoop([](const Invocation&) { return Outcome::Success("{}"); }, Options(2));
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(api_.posted().size(), 1u);
}

TEST_F(RuntimeTest, UnreachableEndpointFailsFast) {
  RuntimeOptions o;
  {
    FakeRuntimeApi gone;  // take a port, then free it
    o.api_endpoint = gone.endpoint();
  }
  o.max_invocations = 1;
  o.log = log_.f;
  EXPECT_EQ(RunLoop([](const Invocation&) { return Outcome::Success("{}"); }, o), 1);
  EXPECT_FALSE(ReportInitError(o, "Runtime.InitError", "x").ok());
}

TEST_F(RuntimeTest, LogsAreOneJsonObjectPerLine) {
  api_.Enqueue(Event("log-req"));
  ASSERT_EQ(RunLoop([](const Invocation&) { return Outcome::Success("{}"); }, Options(1)), 0);
  Log(log_.f, LogLevel::kWarn, "", "tab\there \"quoted\"");
  auto lines = log_.Lines();
  ASSERT_GE(lines.size(), 3u);
  for (const auto& line : lines) EXPECT_TRUE(IsLogLine(line)) << line;
  EXPECT_NE(lines.front().find(R"("level":"INFO","requestId":"log-req")"), std::string::npos);
  EXPECT_NE(lines.back().find(R"("level":"WARN","requestId":null,)"
                              R"("message":"tab\there \"quoted\""})"),
            std::string::npos)
      << lines.back();
  EXPECT_FALSE(IsLogLine(R"({"timestamp":"x","level":"INFO","requestId":null,"message":""})"));
}

TEST(JsonStringTest, EscapesControlCharacters) {
  EXPECT_EQ(ddb::json::QuoteString(std::string("a\x01") + "b"), "\"a\\u0001b\"");
  EXPECT_EQ(ErrorBody("T", "m"), R"({"errorMessage":"m","errorType":"T","stackTrace":[]})");
}

}  // namespace
}  // namespace lambda
