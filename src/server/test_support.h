// Test helpers for the server suites: a temporary data directory, an engine and a server on
// a free port, and a raw HTTP/1.1 client (Boost.Beast) for what the SDK clients never send.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "engine/engine.h"
#include "server/server.h"

namespace server::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xr-server-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// An engine in a fresh directory served on 127.0.0.1 on a free port.
class ServedEngine {
 public:
  explicit ServedEngine(ServerOptions options = {}) {
    engine::Options engine_options;
    engine_options.data_dir = dir_.path() + "/data";
    auto engine = engine::Engine::Open(engine_options);
    if (!engine.ok()) {
      ADD_FAILURE() << engine.error().ToString();
      return;
    }
    engine_ = std::move(engine).value();
    options.port = 0;
    if (options.threads == 0) options.threads = 4;
    auto server = Server::Start(*engine_, options);
    if (!server.ok()) {
      ADD_FAILURE() << server.error().ToString();
      return;
    }
    server_ = std::move(server).value();
  }
  ~ServedEngine() {
    server_.reset();  // before the engine it serves
    engine_.reset();
  }

  bool ok() const { return server_ != nullptr; }
  Server& server() { return *server_; }
  engine::Engine& engine() { return *engine_; }
  uint16_t port() const { return server_->port(); }
  std::string url() const { return server_->url(); }

 private:
  TempDir dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<Server> server_;
};

namespace beast = boost::beast;
namespace http = beast::http;

using RawRequest = http::request<http::string_body>;
using RawResponse = http::response<http::string_body>;

// A well-formed (unverified) SigV4 Authorization header, as any SDK sends.
inline constexpr std::string_view kFakeAuthorization =
    "AWS4-HMAC-SHA256 Credential=fake/20240101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc123";

// POST / with the DynamoDB JSON protocol headers; target "" leaves X-Amz-Target out.
inline RawRequest DynamoRequest(std::string_view target, std::string body) {
  RawRequest req{http::verb::post, "/", 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/x-amz-json-1.0");
  if (!target.empty()) req.set("X-Amz-Target", std::string(target));
  req.set(http::field::authorization, std::string(kFakeAuthorization));
  req.set("X-Amz-Date", "20240101T000000Z");
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

// One TCP connection; Send() may be called several times (keep-alive).
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) : socket_(ioc_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  }
  RawResponse Send(const RawRequest& req) {
    http::write(socket_, req);
    return Read();
  }
  RawResponse Read() {
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }
  boost::asio::ip::tcp::socket& socket() { return socket_; }

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  beast::flat_buffer buffer_;
};

inline std::string HeaderOf(const RawResponse& res, std::string_view name) {
  auto it = res.find(beast::string_view(name.data(), name.size()));
  return it == res.end() ? std::string() : std::string(it->value());
}

}  // namespace server::testing
