// Test-only: a local Lambda Runtime API (2018-06-01) on 127.0.0.1 and an ephemeral port,
// serving queued events and recording what the runtime posts back. Boost.Beast, blocking
// I/O, one thread per connection; everything stops and joins in the destructor.
#pragma once

#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lambda::testing {

struct QueuedEvent {
  std::string request_id;
  std::string payload = "{}";
  int64_t deadline_ms = 0;  // 0: now + 60 s when served
  std::string trace_id;
  std::string function_arn = "arn:aws:lambda:us-east-1:123456789012:function:xrouting-etl";
};

struct Posted {
  std::string kind;        // "response", "error" or "init_error"
  std::string request_id;  // empty for init_error
  std::string body;
  std::string error_type;  // the Lambda-Runtime-Function-Error-Type header
};

class FakeRuntimeApi {
 public:
  FakeRuntimeApi()
      : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        port_(acceptor_.local_endpoint().port()),
        accept_thread_([this] { AcceptLoop(); }) {}

  ~FakeRuntimeApi() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    // Wake the blocking accept with a throwaway connection.
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket poke(ioc_);
    poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    accept_thread_.join();
    {
      std::lock_guard lock(mu_);
      // Unblocks connection threads waiting in a read.
      for (auto& s : sockets_) ::shutdown(s->native_handle(), SHUT_RDWR);
    }
    for (auto& t : conn_threads_) t.join();
  }

  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

  void Enqueue(QueuedEvent e) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(std::move(e));
    }
    cv_.notify_all();
  }
  // /next on an empty queue answers this status at once instead of waiting (0: wait).
  void set_empty_queue_status(int status) {
    std::lock_guard lock(mu_);
    empty_queue_status_ = status;
  }
  // Status for posted responses/errors (202 unless told otherwise).
  void set_post_status(int status) {
    std::lock_guard lock(mu_);
    post_status_ = status;
  }
  std::vector<Posted> posted() const {
    std::lock_guard lock(mu_);
    return posted_;
  }
  int next_requests() const {
    std::lock_guard lock(mu_);
    return next_requests_;
  }
  int connections() const {
    std::lock_guard lock(mu_);
    return connections_;
  }

 private:
  using Tcp = boost::asio::ip::tcp;
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void AcceptLoop() {
    for (;;) {
      Tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      std::lock_guard lock(mu_);
      if (stopping_ || ec) return;
      ++connections_;
      // Kept until the destructor so the descriptor cannot be reused while we may still
      // shut it down.
      auto shared = std::make_shared<Tcp::socket>(std::move(socket));
      sockets_.push_back(shared);
      conn_threads_.emplace_back([this, shared] { Serve(*shared); });
    }
  }

  void Serve(Tcp::socket& socket) {
    boost::beast::flat_buffer buffer;
    for (;;) {
      Request req;
      boost::system::error_code ec;
      boost::beast::http::read(socket, buffer, req, ec);
      if (ec) return;
      Response res = Handle(req);
      res.version(req.version());
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      boost::beast::http::write(socket, res, ec);
      if (ec || !req.keep_alive()) return;
    }
  }

  static Response Reply(int status, std::string body) {
    Response res;
    res.result(static_cast<unsigned>(status));
    res.set(boost::beast::http::field::content_type, "application/json");
    res.body() = std::move(body);
    return res;
  }

  Response Handle(const Request& req) {
    const std::string target(req.target());
    const std::string prefix = "/2018-06-01/runtime/";
    if (target.rfind(prefix, 0) != 0) return Reply(404, R"({"errorType":"NotFound"})");
    const std::string path = target.substr(prefix.size());
    namespace http = boost::beast::http;
    if (req.method() == http::verb::get && path == "invocation/next") return Next();
    if (req.method() != http::verb::post) return Reply(405, "{}");
    Posted p;
    p.body = req.body();
    if (auto it = req.find("Lambda-Runtime-Function-Error-Type"); it != req.end()) {
      p.error_type = std::string(it->value());
    }
    const std::string inv = "invocation/";
    if (path == "init/error") {
      p.kind = "init_error";
    } else if (path.rfind(inv, 0) == 0 && path.find('/', inv.size()) != std::string::npos) {
      size_t slash = path.find('/', inv.size());
      p.request_id = path.substr(inv.size(), slash - inv.size());
      p.kind = path.substr(slash + 1);
      if (p.kind != "response" && p.kind != "error") return Reply(404, "{}");
    } else {
      return Reply(404, "{}");
    }
    std::lock_guard lock(mu_);
    posted_.push_back(std::move(p));
    return Reply(post_status_, R"({"status":"OK"})");
  }

  Response Next() {
    std::unique_lock lock(mu_);
    ++next_requests_;
    if (queue_.empty() && empty_queue_status_ != 0) {
      return Reply(empty_queue_status_, R"({"errorType":"NoMoreEvents"})");
    }
    // Bounded wait: a test that forgets max_invocations fails instead of hanging.
    cv_.wait_for(lock, std::chrono::seconds(20), [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return Reply(500, R"({"errorType":"NoMoreEvents"})");
    QueuedEvent e = std::move(queue_.front());
    queue_.pop_front();
    if (e.deadline_ms == 0) {
      e.deadline_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count() +
                      60000;
    }
    Response res = Reply(200, e.payload);
    res.set("Lambda-Runtime-Aws-Request-Id", e.request_id);
    res.set("Lambda-Runtime-Deadline-Ms", std::to_string(e.deadline_ms));
    res.set("Lambda-Runtime-Invoked-Function-Arn", e.function_arn);
    if (!e.trace_id.empty()) res.set("Lambda-Runtime-Trace-Id", e.trace_id);
    return res;
  }

  boost::asio::io_context ioc_;
  Tcp::acceptor acceptor_;
  unsigned short port_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::deque<QueuedEvent> queue_;
  std::vector<Posted> posted_;
  int empty_queue_status_ = 0;
  int post_status_ = 202;
  int next_requests_ = 0;
  int connections_ = 0;
  std::vector<std::shared_ptr<Tcp::socket>> sockets_;
  std::vector<std::thread> conn_threads_;
  std::thread accept_thread_;  // last: starts after everything above is constructed
};

}  // namespace lambda::testing
