// HandleRawRequest: raw bytes through the server's parser and limits to the dispatcher.
#include "server/http_parse.h"

#include <gtest/gtest.h>

#include "server/test_support.h"

namespace server {
namespace {

class HttpParseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine::Options options;
    options.data_dir = dir_.path() + "/data";
    auto engine = engine::Engine::Open(options);
    ASSERT_TRUE(engine.ok()) << engine.error().ToString();
    engine_ = std::move(engine).value();
    dispatcher_.emplace(*engine_);
  }

  static std::string ListTables(std::string_view extra_headers = "") {
    return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
           "X-Amz-Target: DynamoDB_20120810.ListTables\r\nX-Amz-Date: 20240101T000000Z\r\n"
           "Authorization: " +
           std::string(testing::kFakeAuthorization) + "\r\n" + std::string(extra_headers) +
           "Content-Length: 2\r\n\r\n{}";
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::optional<Dispatcher> dispatcher_;
};

TEST_F(HttpParseTest, WellFormedRequestReachesTheDispatcher) {
  auto reply = HandleRawRequest(*dispatcher_, ListTables());
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200) << reply->body;
  EXPECT_NE(reply->body.find("TableNames"), std::string::npos) << reply->body;
}

TEST_F(HttpParseTest, ChunkedBody) {
  const std::string request =
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
      "X-Amz-Target: DynamoDB_20120810.ListTables\r\nX-Amz-Date: 20240101T000000Z\r\n"
      "Authorization: " +
      std::string(testing::kFakeAuthorization) +
      "\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n1\r\n}\r\n0\r\n\r\n";
  auto reply = HandleRawRequest(*dispatcher_, request);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200) << reply->body;
}

TEST_F(HttpParseTest, TruncatedRequestGetsNoAnswer) {
  const std::string request = ListTables();
  EXPECT_FALSE(HandleRawRequest(*dispatcher_, request.substr(0, request.size() - 1)));
  EXPECT_FALSE(HandleRawRequest(*dispatcher_, "POST / HTTP/1.1\r\nHost"));
  EXPECT_FALSE(HandleRawRequest(*dispatcher_, ""));
}

TEST_F(HttpParseTest, MalformedHttpIs400) {
  auto reply = HandleRawRequest(*dispatcher_, "NOT HTTP AT ALL\r\n\r\n");
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 400);
  EXPECT_NE(reply->body.find("Malformed HTTP request: "), std::string::npos) << reply->body;
}

TEST_F(HttpParseTest, LimitsAnswer413And431) {
  auto body = HandleRawRequest(*dispatcher_, ListTables(), {/*body_limit=*/1, 32 * 1024});
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->status, 413);
  EXPECT_NE(body->body.find("Request body exceeds the limit of 1 bytes"), std::string::npos);
  auto headers = HandleRawRequest(*dispatcher_, ListTables(), {16 * 1024, /*header_limit=*/64});
  ASSERT_TRUE(headers.has_value());
  EXPECT_EQ(headers->status, 431);
  EXPECT_NE(headers->body.find("Request headers exceed the limit of 64 bytes"),
            std::string::npos);
}

}  // namespace
}  // namespace server
