// The transport and the retry loop against a local fault-injecting server: what goes on the
// wire (signed headers), and what happens when the server throttles, fails, drops, stalls
// or damages an answer.
#include "ddb/http/transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <regex>

#include "ddb/http/fault_server.h"
#include "ddb/http/retry.h"

namespace ddb::http {
namespace {

using testing::Action;
using testing::FaultServer;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

ClientConfig ConfigFor(const std::string& url, std::string token = "") {
  ClientConfig c;
  c.endpoint = *ParseEndpoint(url);
  c.region = "us-east-1";
  c.profile = "default";
  c.credentials = {{"AKIDTEST", "test/secret+key", std::move(token)}, "test"};
  return c;
}

// Short timeouts keep the failure cases fast; 200 ms is far above loopback latency.
TransportOptions FastTimeouts() {
  TransportOptions o;
  o.connect_timeout = 200ms;
  o.request_timeout = 200ms;
  return o;
}

RetryPolicy FastRetries(int max_attempts) {
  RetryPolicy p;
  p.max_attempts = max_attempts;
  p.base_delay = 1ms;
  p.throttling_base_delay = 4ms;
  p.max_backoff = 20ms;
  return p;
}

struct Client {
  Transport transport;
  Retrier retrier;
  std::vector<Error> seen;  // errors that were retried, via the sleep hook
  Client(const std::string& url, int max_attempts)
      : transport(ConfigFor(url), FastTimeouts()), retrier(FastRetries(max_attempts)) {}
  Result<std::string> Call(std::string_view body = "{}") {
    return retrier.Run([&] { return transport.Post("ListTables", body); });
  }
};

TEST(Transport, SendsSignedDynamoDbRequest) {
  FaultServer server;
  server.SetFallback(Action::Ok(R"({"TableNames":[]})"));
  Transport transport(ConfigFor(server.url(), "SESSIONTOKEN"), FastTimeouts());
  const std::string body = R"({"Limit":5})";
  auto r = transport.Post("ListTables", body);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(*r, R"({"TableNames":[]})");

  ASSERT_EQ(server.request_count(), 1u);
  const auto req = server.requests()[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/");
  EXPECT_EQ(req.body, body);
  EXPECT_EQ(req.headers.at("x-amz-target"), "DynamoDB_20120810.ListTables");
  EXPECT_EQ(req.headers.at("content-type"), "application/x-amz-json-1.0");
  EXPECT_EQ(req.headers.at("host"), server.host());
  EXPECT_EQ(req.headers.at("accept-encoding"), "identity");
  EXPECT_EQ(req.headers.at("x-amz-security-token"), "SESSIONTOKEN");
  EXPECT_EQ(req.headers.count("expect"), 0u);
  const std::string& date = req.headers.at("x-amz-date");
  ASSERT_TRUE(std::regex_match(date, std::regex(R"(\d{8}T\d{6}Z)"))) << date;
  const std::string& authz = req.headers.at("authorization");
  EXPECT_TRUE(std::regex_match(
      authz, std::regex("AWS4-HMAC-SHA256 Credential=AKIDTEST/" + date.substr(0, 8) +
                        "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;"
                        "x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}")))
      << authz;

  // Verify as a server would: re-sign what arrived and compare.
  sigv4::Request arrived{"POST",
                         "/",
                         "",
                         {{"content-type", req.headers.at("content-type")},
                          {"host", req.headers.at("host")},
                          {"x-amz-date", date},
                          {"x-amz-security-token", req.headers.at("x-amz-security-token")},
                          {"x-amz-target", req.headers.at("x-amz-target")}},
                         req.body};
  auto expect = sigv4::Sign(arrived, {"AKIDTEST", "test/secret+key", "SESSIONTOKEN"},
                            {"us-east-1", "dynamodb", {}, false});
  EXPECT_EQ(authz, expect.authorization);
}

TEST(Transport, ReusesOneKeepAliveConnection) {
  FaultServer server;
  Transport transport(ConfigFor(server.url()), FastTimeouts());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(transport.Post("ListTables", "{}").ok());
  EXPECT_EQ(server.request_count(), 5u);
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(Transport, ManyThreadsShareOneTransport) {
  FaultServer server;
  Transport transport(ConfigFor(server.url()), FastTimeouts());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (!transport.Post("PutItem", "{}").ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(server.request_count(), 160u);
  EXPECT_LE(server.connection_count(), 16u);
}

TEST(Transport, MapsFailuresToErrors) {
  FaultServer server;
  Transport transport(ConfigFor(server.url()), FastTimeouts());

  server.Script({Action::BadCrc()});
  auto crc = transport.Post("ListTables", "{}");
  ASSERT_FALSE(crc.ok());
  EXPECT_EQ(crc.error().code, ErrorCode::kNetwork);
  EXPECT_TRUE(crc.error().retryable());
  EXPECT_THAT(crc.error().message, HasSubstr("x-amz-crc32"));

  server.Script({Action::Fail(400, "ResourceNotFoundException", "Requested resource not found")});
  auto missing = transport.Post("DescribeTable", "{}");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kResourceNotFound);
  EXPECT_THAT(missing.error().message, HasSubstr("Requested resource not found"));
  EXPECT_THAT(missing.error().message, HasSubstr("request id TESTREQUEST"));

  Action html{Action::Kind::kRespond, 502, "<html>bad gateway</html>"};
  server.Script({html});
  auto gateway = transport.Post("ListTables", "{}");
  ASSERT_FALSE(gateway.ok());
  EXPECT_TRUE(gateway.error().retryable()) << gateway.error().ToString();

  // On a fresh connection: libcurl itself resends once when a *reused* connection dies
  // before any answer, which would hide the drop.
  server.Script({Action::Drop()});
  Transport fresh(ConfigFor(server.url()), FastTimeouts());
  auto dropped = fresh.Post("ListTables", "{}");
  ASSERT_FALSE(dropped.ok());
  EXPECT_EQ(dropped.error().code, ErrorCode::kNetwork);
  EXPECT_THAT(dropped.error().message, HasSubstr(server.url()));

  server.Script({Action::Slow(600ms)});
  auto slow = transport.Post("ListTables", "{}");
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.error().code, ErrorCode::kTimeout);
  EXPECT_THAT(slow.error().message, HasSubstr(server.url()));
}

TEST(Transport, ConnectionRefusedIsANetworkErrorNamingTheEndpoint) {
  std::string url;
  {
    FaultServer gone;  // a port that was just free and is closed again
    url = gone.url();
  }
  Transport transport(ConfigFor(url), FastTimeouts());
  auto r = transport.Post("ListTables", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNetwork);
  EXPECT_THAT(r.error().message, HasSubstr(url));
}

TEST(Retries, ThrottlingBurstThenSuccess) {
  FaultServer server;
  server.Script({Action::Throttle(), Action::Throttle(), Action::Throttle(),
                 Action::Ok(R"({"TableNames":["t"]})")});
  Client client(server.url(), 8);
  auto r = client.Call();
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(*r, R"({"TableNames":["t"]})");
  EXPECT_EQ(server.request_count(), 4u);
}

TEST(Retries, ThrottlingSurfacesAfterMaxAttempts) {
  FaultServer server;
  server.SetFallback(Action::Throttle());
  Client client(server.url(), 3);
  auto r = client.Call();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kProvisionedThroughputExceeded);
  EXPECT_THAT(r.error().message, HasSubstr("gave up after 3 attempts"));
  EXPECT_EQ(server.request_count(), 3u);
}

TEST(Retries, ServerErrorsDropsTimeoutsAndBadCrcAreRetried) {
  FaultServer server;
  server.Script({Action::Fail(500, "InternalServerError"), Action::Drop(),
                 Action::Fail(503, "ServiceUnavailable"), Action::Slow(600ms), Action::BadCrc(),
                 Action::Ok(R"({"ok":1})")});
  Client client(server.url(), 8);
  auto r = client.Call();
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(*r, R"({"ok":1})");
  EXPECT_EQ(server.request_count(), 6u);
}

TEST(Retries, PersistentTimeoutSurfacesClearly) {
  FaultServer server;
  server.SetFallback(Action::Slow(500ms));
  Client client(server.url(), 2);
  auto r = client.Call();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTimeout);
  EXPECT_THAT(r.error().message, HasSubstr(server.url()));
  EXPECT_THAT(r.error().message, HasSubstr("gave up after 2 attempts"));
  EXPECT_EQ(server.request_count(), 2u);
}

TEST(Retries, ValidationErrorIsNotRetried) {
  FaultServer server;
  server.SetFallback(Action::Fail(400, "ValidationException", "One or more parameter values"));
  Client client(server.url(), 8);
  auto r = client.Call();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  EXPECT_EQ(server.request_count(), 1u);
}

TEST(RetryPolicyTest, BackoffIsFullJitterWithThrottlingBaseAndCap) {
  RetryPolicy p;  // SDK defaults: 25 ms, 500 ms for throttling, 20 s cap
  Error transient(ErrorCode::kInternalServerError, "");
  Error throttled(ErrorCode::kThrottling, "");
  EXPECT_EQ(Backoff(p, transient, 0, 1.0), 25ms);
  EXPECT_EQ(Backoff(p, transient, 3, 1.0), 200ms);
  EXPECT_EQ(Backoff(p, throttled, 0, 1.0), 500ms);
  EXPECT_EQ(Backoff(p, throttled, 2, 1.0), 2000ms);
  EXPECT_EQ(Backoff(p, throttled, 10, 1.0), 20000ms);
  EXPECT_EQ(Backoff(p, throttled, 1000, 1.0), 20000ms);
  EXPECT_EQ(Backoff(p, throttled, 2, 0.0), 0ms);
  EXPECT_EQ(Backoff(p, throttled, 2, 0.5), 1000ms);
  EXPECT_TRUE(IsThrottling(Error(ErrorCode::kRequestLimitExceeded, "")));
  EXPECT_FALSE(IsThrottling(transient));
}

TEST(RetryPolicyTest, SleepsGrowAndQuotaStopsRetryStorms) {
  RetryPolicy p;
  p.max_attempts = 100;
  p.quota_capacity = 12;  // two retries at 5 tokens each
  std::vector<std::chrono::milliseconds> sleeps;
  Retrier retrier(p, [&](std::chrono::milliseconds d) { sleeps.push_back(d); });
  int calls = 0;
  auto r = retrier.Run([&]() -> Result<std::string> {
    ++calls;
    return Error(ErrorCode::kInternalServerError, "boom");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_THAT(r.error().message, HasSubstr("retry quota"));
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_LE(sleeps[0], 25ms);
  EXPECT_LE(sleeps[1], 50ms);
  EXPECT_EQ(retrier.quota_available(), 2);

  // A success after a retry gives its tokens back; one without retries adds a token.
  int n = 0;
  auto ok = retrier.Run([&]() -> Result<std::string> {
    if (n++ == 0) return Error(ErrorCode::kNetwork, "reset");
    return std::string("x");
  });
  EXPECT_FALSE(ok.ok()) << "quota 2 < cost 5: not retried";
  auto plain = retrier.Run([]() -> Result<std::string> { return std::string("y"); });
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(retrier.quota_available(), 3);
}

}  // namespace
}  // namespace ddb::http
