// libFuzzer target for the server: raw HTTP/1.1 request bytes go through the server's own
// parsing (Beast's request parser with ServerOptions' limits, server/http_parse.h) and
// Dispatcher::Handle on a real engine in a temporary directory. At start-up one table (hash
// + range key, one GSI) gets a few items, so well-formed requests reach real code paths.
// No input may crash, hang, or make the server answer 500 (DynamoDB answers bad input with
// a 4xx); every answer is a JSON body (or an empty 200), and every error body decodes as a
// DynamoDB error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ddb/json.h"
#include "engine/engine.h"
#include "server/dispatch.h"
#include "server/http_parse.h"
#include "server/server.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

std::string Post(std::string_view operation, std::string_view body) {
  return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         "Content-Type: application/x-amz-json-1.0\r\n"
         "X-Amz-Target: DynamoDB_20120810." +
         std::string(operation) +
         "\r\nX-Amz-Date: 20240101T000000Z\r\n"
         "Authorization: AWS4-HMAC-SHA256 Credential=fake/20240101/us-east-1/dynamodb/"
         "aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

constexpr std::string_view kCreateTable = R"({"TableName":"fuzz",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
    {"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
  "GlobalSecondaryIndexes":[{"IndexName":"by_g","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}}],
  "BillingMode":"PAY_PER_REQUEST"})";

constexpr std::string_view kItems[] = {
    R"({"TableName":"fuzz","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"n":{"N":"5"}}})",
    R"({"TableName":"fuzz","Item":{"pk":{"S":"a"},"sk":{"N":"2"},"ss":{"SS":["p","q"]},
        "m":{"M":{"l":{"L":[{"S":"deep"},{"N":"1"}]}}}}})",
    R"({"TableName":"fuzz","Item":{"pk":{"S":"b"},"sk":{"N":"1"},"g":{"S":"y"},"b":{"B":"AQI="}}})",
};

// The engine, its dispatcher and the temporary directory they live in, for the whole run.
class Fixture {
 public:
  Fixture() {
    char pattern[] = "/tmp/xr_server_fuzz.XXXXXX";
    Check(mkdtemp(pattern) != nullptr);
    dir_ = pattern;
    engine::Options options;
    options.data_dir = dir_ + "/data";
    auto opened = engine::Engine::Open(options);
    Check(opened.ok());
    engine_ = std::move(opened).value();
    dispatcher_ = std::make_unique<server::Dispatcher>(*engine_);
    Check(Send(Post("CreateTable", kCreateTable)) == 200);
    for (std::string_view item : kItems) Check(Send(Post("PutItem", item)) == 200);
  }
  ~Fixture() {
    dispatcher_.reset();
    engine_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::optional<server::HttpReply> Handle(std::string_view bytes) const {
    const server::ServerOptions defaults;
    return server::HandleRawRequest(*dispatcher_, bytes,
                                    {defaults.body_limit, defaults.header_limit});
  }

 private:
  int Send(const std::string& request) const {
    auto reply = Handle(request);
    return reply ? reply->status : -1;
  }

  std::string dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<server::Dispatcher> dispatcher_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Fixture fixture;
  const auto reply = fixture.Handle({reinterpret_cast<const char*>(data), size});
  if (!reply) return 0;  // the bytes ended mid-request: the server waits, then closes
  // Only a 200 may be empty: TagResource and UntagResource answer so, as does a CORS preflight.
  bool ok = reply->status >= 200 && reply->status < 500 &&
            (!reply->body.empty() || reply->status == 200);
  // Every error body must decode, even when its message echoes malformed request bytes
  // (EncodeError replaces them; this target found that case).
  if (ok && reply->status >= 400) {
    ok = ddb::json::DecodeError(reply->status, reply->body).code != ddb::ErrorCode::kUnknown;
  }
  if (!ok) {
    std::fprintf(stderr, "bad reply: %d %s\n", reply->status, reply->body.c_str());
    __builtin_trap();
  }
  return 0;
}
