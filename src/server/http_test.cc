// The HTTP layer with a raw client: what SDKs never send (malformed input, huge bodies,
// missing headers) and what they rely on (keep-alive, x-amz-crc32, request ids).
#include <gtest/gtest.h>
#include <zlib.h>

#include <set>
#include <sstream>
#include <string>

#include "server/test_support.h"

namespace server {
namespace {

using testing::DynamoRequest;
using testing::HeaderOf;
using testing::RawConnection;
using testing::RawRequest;
using testing::RawResponse;
namespace http = testing::http;

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(served_.ok()); }

  RawResponse Send(const RawRequest& req) {
    RawConnection conn(served_.port());
    return conn.Send(req);
  }

  static void ExpectErrorType(const RawResponse& res, unsigned status, std::string_view type) {
    EXPECT_EQ(res.result_int(), status) << res.body();
    EXPECT_NE(res.body().find("#" + std::string(type) + "\""), std::string::npos) << res.body();
    EXPECT_EQ(HeaderOf(res, "Content-Type"), "application/x-amz-json-1.0");
  }

  testing::ServedEngine served_;
};

TEST_F(HttpTest, ResponseHeadersCrcAndRequestId) {
  const RawResponse res = Send(DynamoRequest("DynamoDB_20120810.ListTables", "{}"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_EQ(HeaderOf(res, "Content-Type"), "application/x-amz-json-1.0");
  const auto crc =
      crc32_z(0L, reinterpret_cast<const Bytef*>(res.body().data()), res.body().size());
  EXPECT_EQ(HeaderOf(res, "x-amz-crc32"), std::to_string(crc));
  EXPECT_EQ(HeaderOf(res, "x-amzn-RequestId").size(), 36u);  // a uuid

  const RawResponse err = Send(DynamoRequest("DynamoDB_20120810.Bogus", "{}"));
  const auto err_crc =
      crc32_z(0L, reinterpret_cast<const Bytef*>(err.body().data()), err.body().size());
  EXPECT_EQ(HeaderOf(err, "x-amz-crc32"), std::to_string(err_crc));
}

TEST_F(HttpTest, MalformedJsonIsSerializationException) {
  ExpectErrorType(Send(DynamoRequest("DynamoDB_20120810.PutItem", "{\"TableName\": ")), 400,
                  "SerializationException");
}

TEST_F(HttpTest, UnknownAndMissingTarget) {
  ExpectErrorType(Send(DynamoRequest("DynamoDB_20120810.Frobnicate", "{}")), 400,
                  "UnknownOperationException");
  const RawResponse missing = Send(DynamoRequest("", "{}"));
  ExpectErrorType(missing, 400, "UnknownOperationException");
  EXPECT_NE(missing.body().find("Missing X-Amz-Target"), std::string::npos) << missing.body();
}

TEST_F(HttpTest, MissingAuthorization) {
  RawRequest req = DynamoRequest("DynamoDB_20120810.ListTables", "{}");
  req.erase(http::field::authorization);
  const RawResponse res = Send(req);
  ExpectErrorType(res, 400, "MissingAuthenticationTokenException");
  EXPECT_NE(res.body().find("Request is missing Authentication Token"), std::string::npos);
}

TEST_F(HttpTest, GetAnswersHealthy) {
  RawRequest req{http::verb::get, "/", 11};
  req.set(http::field::host, "127.0.0.1");
  const RawResponse res = Send(req);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_EQ(res.body().rfind("healthy", 0), 0u) << res.body();
}

TEST_F(HttpTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RawConnection conn(served_.port());
  std::set<std::string> ids;
  const std::string create =
      R"({"TableName":"keepalive","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})";
  auto res = conn.Send(DynamoRequest("DynamoDB_20120810.CreateTable", create));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  ids.insert(HeaderOf(res, "x-amzn-RequestId"));
  for (int i = 0; i < 5; ++i) {
    const std::string put = R"({"TableName":"keepalive","Item":{"id":{"S":"i)" + std::to_string(i) +
                            R"("},"n":{"N":")" + std::to_string(i) + R"("}}})";
    res = conn.Send(DynamoRequest("DynamoDB_20120810.PutItem", put));
    ASSERT_EQ(res.result_int(), 200u) << res.body();
    EXPECT_TRUE(res.keep_alive());
    ids.insert(HeaderOf(res, "x-amzn-RequestId"));
  }
  // An error does not close the connection either.
  res = conn.Send(DynamoRequest("DynamoDB_20120810.Nope", "{}"));
  EXPECT_EQ(res.result_int(), 400u);
  res = conn.Send(DynamoRequest("DynamoDB_20120810.Scan", R"({"TableName":"keepalive"})"));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_NE(res.body().find("\"Count\":5"), std::string::npos) << res.body();
  ids.insert(HeaderOf(res, "x-amzn-RequestId"));
  EXPECT_EQ(ids.size(), 7u);  // a fresh id per request
}

TEST_F(HttpTest, ConnectionCloseIsHonoured) {
  RawConnection conn(served_.port());
  RawRequest req = DynamoRequest("DynamoDB_20120810.ListTables", "{}");
  req.keep_alive(false);
  const RawResponse res = conn.Send(req);
  EXPECT_EQ(res.result_int(), 200u);
  EXPECT_FALSE(res.keep_alive());
}

TEST_F(HttpTest, HugeBodyIs413) {
  const std::string huge(17 * 1024 * 1024, ' ');
  // The whole body sent: the server answers, then reads and drops the rest so the client
  // sees the answer instead of a reset.
  RawConnection conn(served_.port());
  const RawResponse res = conn.Send(DynamoRequest("DynamoDB_20120810.PutItem", huge));
  ExpectErrorType(res, 413, "SerializationException");
  EXPECT_FALSE(res.keep_alive());
}

TEST_F(HttpTest, HugeChunkedBodyIs413) {
  // No Content-Length: the limit is enforced while the chunks arrive.
  RawConnection conn(served_.port());
  RawRequest req = DynamoRequest("DynamoDB_20120810.PutItem", "");
  req.erase(http::field::content_length);
  req.chunked(true);
  std::ostringstream head;
  head << req.base();
  const size_t size = 17 * 1024 * 1024;
  std::ostringstream chunk_size;
  chunk_size << std::hex << size << "\r\n";
  const std::string wire = head.str() + chunk_size.str() + std::string(size, ' ') + "\r\n0\r\n\r\n";
  boost::asio::write(conn.socket(), boost::asio::buffer(wire));
  ExpectErrorType(conn.Read(), 413, "SerializationException");
}

TEST_F(HttpTest, HugeBodyWithExpectContinueIsRefusedBeforeTheBody) {
  RawConnection conn(served_.port());
  RawRequest req = DynamoRequest("DynamoDB_20120810.PutItem", std::string(17 * 1024 * 1024, ' '));
  req.set(http::field::expect, "100-continue");
  http::request_serializer<http::string_body> sr{req};
  http::write_header(conn.socket(), sr);
  ExpectErrorType(conn.Read(), 413, "SerializationException");
}

TEST_F(HttpTest, ExpectContinueGetsAnInterimResponse) {
  RawConnection conn(served_.port());
  RawRequest req = DynamoRequest("DynamoDB_20120810.ListTables", "{}");
  req.set(http::field::expect, "100-continue");
  http::request_serializer<http::string_body> sr{req};
  http::write_header(conn.socket(), sr);
  const RawResponse interim = conn.Read();
  EXPECT_EQ(interim.result_int(), 100u);
  http::write(conn.socket(), sr);
  const RawResponse res = conn.Read();
  EXPECT_EQ(res.result_int(), 200u) << res.body();
}

TEST_F(HttpTest, OversizedHeadersAre431) {
  RawConnection conn(served_.port());
  RawRequest req = DynamoRequest("DynamoDB_20120810.ListTables", "{}");
  req.set("X-Padding", std::string(40 * 1024, 'p'));
  const RawResponse res = conn.Send(req);
  EXPECT_EQ(res.result_int(), 431u) << res.body();
}

TEST_F(HttpTest, GarbageIsA400NotACrash) {
  RawConnection conn(served_.port());
  boost::asio::write(conn.socket(), boost::asio::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
  const RawResponse res = conn.Read();
  EXPECT_EQ(res.result_int(), 400u) << res.body();
  // The server is still fine.
  EXPECT_EQ(Send(DynamoRequest("DynamoDB_20120810.ListTables", "{}")).result_int(), 200u);
}

}  // namespace
}  // namespace server
