// Test-only: a scripted HTTP/1.1 server on 127.0.0.1 (ephemeral port) that answers DynamoDB
// style, or misbehaves on purpose: throttling, 5xx, dropped connections, slow answers, bad
// x-amz-crc32. It records every request so tests can count attempts and check headers.
// Header-only so it stays out of the xr_ddb_http library; Boost.Beast (header-only).
#pragma once

#include <sys/socket.h>
#include <zlib.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ddb::http::testing {

struct Action {
  enum class Kind { kRespond, kDrop, kDelay };
  Kind kind = Kind::kRespond;
  int status = 200;
  std::string body = "{}";
  std::chrono::milliseconds delay{0};  // kDelay: wait this long, then respond
  bool send_crc = true;
  bool corrupt_crc = false;

  static Action Ok(std::string body = "{}") { return {Kind::kRespond, 200, std::move(body)}; }
  static Action Fail(int status, std::string_view type, std::string_view message = "injected") {
    return {Kind::kRespond, status,
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + std::string(type) +
                "\",\"message\":\"" + std::string(message) + "\"}"};
  }
  static Action Throttle() { return Fail(400, "ProvisionedThroughputExceededException"); }
  static Action Drop() { return {Kind::kDrop}; }
  static Action Slow(std::chrono::milliseconds d, std::string body = "{}") {
    Action a{Kind::kDelay, 200, std::move(body)};
    a.delay = d;
    return a;
  }
  static Action BadCrc(std::string body = "{}") {
    Action a = Ok(std::move(body));
    a.corrupt_crc = true;
    return a;
  }
};

struct RecordedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class FaultServer {
 public:
  FaultServer() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { AcceptLoop(); });
  }
  ~FaultServer() {
    // shutdown(2) wakes the blocked accept/read calls without racing on the descriptors.
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    accept_thread_.join();
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& s : sockets_) ::shutdown(s->native_handle(), SHUT_RDWR);
      threads.swap(conn_threads_);
    }
    for (auto& t : threads) t.join();
  }
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }

  // Actions are used one per request, in order; then `fallback` (default: 200 "{}").
  void Script(std::vector<Action> actions) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.assign(actions.begin(), actions.end());
  }
  void SetFallback(Action a) {
    std::lock_guard<std::mutex> lock(mu_);
    fallback_ = std::move(a);
  }
  size_t request_count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.size();
  }
  size_t connection_count() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sockets_.size();
  }
  std::vector<RecordedRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  using tcp = boost::asio::ip::tcp;

  void AcceptLoop() {
    for (;;) {
      auto sock = std::make_shared<tcp::socket>(io_);
      boost::system::error_code ec;
      acceptor_.accept(*sock, ec);
      if (ec) return;
      std::lock_guard<std::mutex> lock(mu_);
      sockets_.push_back(sock);
      conn_threads_.emplace_back([this, sock] { Serve(*sock); });
    }
  }

  Action Next(RecordedRequest rec) {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(std::move(rec));
    if (script_.empty()) return fallback_;
    Action a = std::move(script_.front());
    script_.pop_front();
    return a;
  }

  // One connection, keep-alive: requests until the client closes or an action drops it.
  void Serve(tcp::socket& sock) {
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      boost::beast::error_code ec;
      http::read(sock, buffer, req, ec);
      if (ec) return;
      RecordedRequest rec{
          std::string(req.method_string()), std::string(req.target()), {}, req.body()};
      for (const auto& field : req) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        rec.headers[name] = std::string(field.value());
      }
      Action action = Next(std::move(rec));
      if (action.kind == Action::Kind::kDrop) {
        sock.shutdown(tcp::socket::shutdown_both, ec);  // close without an answer
        return;
      }
      if (action.kind == Action::Kind::kDelay) std::this_thread::sleep_for(action.delay);
      http::response<http::string_body> res{static_cast<http::status>(action.status),
                                            req.version()};
      res.set(http::field::content_type, "application/x-amz-json-1.0");
      res.set("x-amzn-RequestId", "TESTREQUEST" + std::to_string(request_count()));
      if (action.send_crc) {
        uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(action.body.data()),
                          static_cast<uInt>(action.body.size()));
        if (action.corrupt_crc) crc ^= 1;
        res.set("x-amz-crc32", std::to_string(crc));
      }
      res.body() = action.body;
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      http::write(sock, res, ec);
      if (ec || !req.keep_alive()) return;
    }
  }

  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::thread accept_thread_;

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<tcp::socket>> sockets_;
  std::vector<std::thread> conn_threads_;
  std::deque<Action> script_;
  Action fallback_ = Action::Ok();
  std::vector<RecordedRequest> requests_;
};

}  // namespace ddb::http::testing
