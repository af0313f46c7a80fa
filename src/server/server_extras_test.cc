// The server's HTTP extras on loopback: the GET health check, CORS preflights and headers,
// gzip request bodies (and their bound after inflation), DescribeEndpoints' Host.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "server/server.h"
#include "server/test_support.h"

namespace server {
namespace {

using testing::DynamoRequest;
using testing::HeaderOf;
using testing::RawConnection;
using testing::RawRequest;
using testing::ServedEngine;
namespace http = testing::http;

std::string Gzip(std::string_view in) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

RawRequest Gzipped(std::string_view target, std::string_view body) {
  RawRequest req = DynamoRequest(target, Gzip(body));
  req.set(http::field::content_encoding, "gzip");
  req.prepare_payload();
  return req;
}

TEST(ServerExtras, GetAnswersHealthyWithTheHostAsked) {
  ServedEngine served;
  ASSERT_TRUE(served.ok());
  RawConnection conn(served.port());
  RawRequest req{http::verb::get, "/", 11};
  const std::string host = "127.0.0.1:" + std::to_string(served.port());
  req.set(http::field::host, host);
  const auto res = conn.Send(req);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "healthy: " + host + " ");  // DynamoDB's form, trailing space included
}

TEST(ServerExtras, CorsPreflightAndHeaders) {
  ServedEngine served;
  ASSERT_TRUE(served.ok());
  RawConnection conn(served.port());
  RawRequest preflight{http::verb::options, "/", 11};
  preflight.set(http::field::host, "127.0.0.1");
  preflight.set(http::field::origin, "http://localhost:3000");
  preflight.set("Access-Control-Request-Method", "POST");
  preflight.set("Access-Control-Request-Headers", "content-type,x-amz-target");
  auto res = conn.Send(preflight);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(HeaderOf(res, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(HeaderOf(res, "Access-Control-Allow-Methods"), "POST");
  EXPECT_EQ(HeaderOf(res, "Access-Control-Allow-Headers"), "content-type,x-amz-target");
  EXPECT_EQ(HeaderOf(res, "Access-Control-Max-Age"), "172800");
  EXPECT_TRUE(res.body().empty());

  RawRequest list = DynamoRequest("DynamoDB_20120810.ListTables", "{}");
  list.set(http::field::origin, "http://localhost:3000");
  res = conn.Send(list);
  EXPECT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(HeaderOf(res, "Access-Control-Allow-Origin"), "*");

  // Without Origin, OPTIONS is no protocol request: 404 as dynalite answers.
  RawRequest bare{http::verb::options, "/", 11};
  bare.set(http::field::host, "127.0.0.1");
  res = conn.Send(bare);
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_TRUE(HeaderOf(res, "Access-Control-Allow-Origin").empty());
}

TEST(ServerExtras, GzipBodiesAreInflatedAndBoundedAfterInflation) {
  ServerOptions options;
  options.body_limit = 64 * 1024;
  ServedEngine served(options);
  ASSERT_TRUE(served.ok());
  {
    RawConnection conn(served.port());
    auto res = conn.Send(Gzipped("DynamoDB_20120810.ListTables", R"({"Limit":5})"));
    EXPECT_EQ(res.result_int(), 200) << res.body();
    EXPECT_NE(res.body().find("TableNames"), std::string::npos) << res.body();

    // A few hundred bytes that inflate past the limit: refused after inflation.
    const std::string bomb = R"({"ExclusiveStartTableName":")" + std::string(1 << 20, 'a') + "\"}";
    RawRequest big = Gzipped("DynamoDB_20120810.ListTables", bomb);
    ASSERT_LT(big.body().size(), options.body_limit);
    res = conn.Send(big);
    EXPECT_EQ(res.result_int(), 413) << res.body();
    EXPECT_NE(res.body().find("once inflated"), std::string::npos) << res.body();

    // The connection is still good after a refusal of a body it read whole.
    RawRequest broken = DynamoRequest("DynamoDB_20120810.ListTables", "not gzip at all");
    broken.set(http::field::content_encoding, "gzip");
    res = conn.Send(broken);
    EXPECT_EQ(res.result_int(), 400) << res.body();
    EXPECT_NE(res.body().find("SerializationException"), std::string::npos) << res.body();

    RawRequest truncated = Gzipped("DynamoDB_20120810.ListTables", "{}");
    truncated.body().resize(truncated.body().size() - 4);
    truncated.prepare_payload();
    res = conn.Send(truncated);
    EXPECT_EQ(res.result_int(), 400) << res.body();
  }
}

TEST(ServerExtras, DescribeEndpointsAndTagsOverHttp) {
  ServedEngine served;
  ASSERT_TRUE(served.ok());
  RawConnection conn(served.port());
  RawRequest req = DynamoRequest("DynamoDB_20120810.DescribeEndpoints", "{}");
  const std::string host = "127.0.0.1:" + std::to_string(served.port());
  req.set(http::field::host, host);
  auto res = conn.Send(req);
  EXPECT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res.body(),
            R"({"Endpoints":[{"Address":")" + host + R"(","CachePeriodInMinutes":1440}]})");

  res = conn.Send(
      DynamoRequest("DynamoDB_20120810.CreateTable",
                    R"({"TableName":"tagged","BillingMode":"PAY_PER_REQUEST",)"
                    R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
                    R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})"));
  ASSERT_EQ(res.result_int(), 200) << res.body();
  const std::string arn = "arn:aws:dynamodb:ddblocal:000000000000:table/tagged";
  res = conn.Send(
      DynamoRequest("DynamoDB_20120810.TagResource",
                    R"({"ResourceArn":")" + arn + R"(","Tags":[{"Key":"k","Value":"v"}]})"));
  EXPECT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res.body(), "");
  EXPECT_EQ(HeaderOf(res, "Content-Length"), "0");
  res = conn.Send(
      DynamoRequest("DynamoDB_20120810.ListTagsOfResource", R"({"ResourceArn":")" + arn + "\"}"));
  EXPECT_EQ(res.body(), R"({"Tags":[{"Key":"k","Value":"v"}]})");
}

}  // namespace
}  // namespace server
