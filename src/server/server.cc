#include "server/server.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/dispatch.h"
#include "server/http_parse.h"

namespace server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

class Session;

bool IsQuietDisconnect(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::operation_aborted || ec == beast::error::timeout ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == http::error::partial_message;
}

}  // namespace

// Owns the io_context, the acceptor, the pool threads and the registry of open connections
// (the registry exists so Stop() can close idle keep-alive connections instead of waiting
// for their timeout).
class Server::Impl {
 public:
  Impl(engine::Engine& engine, const ServerOptions& options)
      : options_(options),
        dispatcher_(engine),
        acceptor_(asio::make_strand(ioc_)),
        accept_retry_(acceptor_.get_executor()) {}

  ddb::Status Listen();
  void Run();
  void Stop();

  const ServerOptions& options() const { return options_; }
  const Dispatcher& dispatcher() const { return dispatcher_; }
  bool stopping() const { return stopping_flag_.load(std::memory_order_acquire); }
  const tcp::endpoint& endpoint() const { return endpoint_; }

  // False when the server is stopping: the caller drops the connection.
  bool Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);

 private:
  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);

  const ServerOptions options_;
  const Dispatcher dispatcher_;
  std::mutex stop_mu_;  // serializes Stop() callers
  // Declared before ioc_: handlers destroyed with the io_context unregister their session.
  std::mutex mu_;
  bool stopping_ = false;  // guarded by mu_
  std::atomic<bool> stopping_flag_{false};
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // guarded by mu_
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;
  tcp::endpoint endpoint_;
  std::vector<std::thread> threads_;
};

namespace {

// One TCP connection: reads requests one after another (keep-alive), answers each.
// All of its handlers run on its own strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {}
  ~Session() { server_.Unregister(this); }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // From any thread: closes the connection if it is waiting for a request; a request in
  // progress finishes and the connection closes after its response.
  void Close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_) self->stream_.close();
    });
  }

 private:
  const ServerOptions& options() const { return server_.options(); }

  void ReadHeader() {
    parser_.emplace();
    parser_->body_limit(options().body_limit);
    parser_->header_limit(static_cast<uint32_t>(options().header_limit));
    reading_ = true;
    stream_.expires_after(options().idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    reading_ = false;
    if (ec) return OnReadError(ec);
    const auto& req = parser_->get();
    // curl (and so the HTTP backend) sends "Expect: 100-continue" before large bodies and
    // waits for this interim answer; without it every large request would stall ~1 s.
    if (req.version() == 11 && beast::iequals(req[http::field::expect], "100-continue")) {
      continue_ = http::response<http::empty_body>{http::status::continue_, req.version()};
      http::async_write(stream_, continue_,
                        [self = shared_from_this()](beast::error_code wec, size_t) {
                          if (wec) return self->Shutdown();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    reading_ = true;
    stream_.expires_after(options().idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnBody, shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    reading_ = false;
    if (ec) return OnReadError(ec);
    Respond();
  }

  void OnReadError(const beast::error_code& ec) {
    if (ec == http::error::body_limit) {
      return SendAndClose(413, {ddb::ErrorCode::kSerialization,
                                "Request body exceeds the limit of " +
                                    std::to_string(options().body_limit) + " bytes"});
    }
    if (ec == http::error::header_limit) {
      return SendAndClose(431, {ddb::ErrorCode::kSerialization,
                                "Request headers exceed the limit of " +
                                    std::to_string(options().header_limit) + " bytes"});
    }
    if (IsQuietDisconnect(ec)) return Shutdown();
    SendAndClose(400, {ddb::ErrorCode::kSerialization, "Malformed HTTP request: " + ec.message()});
  }

  void Respond() {
    const auto& req = parser_->get();
    HttpRequest view = RequestView(req);
    std::string inflated;  // a gzip body, inflated (view.body points into it)
    HttpReply reply;
    try {
      auto refusal = InflateRequestBody(req, options().body_limit, &inflated, &view);
      reply = refusal ? std::move(*refusal) : server_.dispatcher().Handle(view);
    } catch (const std::exception& e) {
      // Nothing below is meant to throw; if something does (bad_alloc), the client still
      // gets a DynamoDB answer it knows how to retry and the server keeps running.
      reply = ErrorReply({ddb::ErrorCode::kInternalServerError, e.what()});
    }
    const bool keep_alive = req.keep_alive() && !server_.stopping();
    Write(std::move(reply), req.version(), keep_alive, /*drain_after=*/false);
  }

  // An error the connection cannot continue after (the rest of the request was not read):
  // answer, stop sending, and read what the client still sends so it sees the answer
  // instead of a connection reset.
  void SendAndClose(int status, const ddb::Error& error) {
    HttpReply reply = ErrorReply(error);
    reply.status = status;
    const unsigned version = parser_ ? parser_->get().version() : 11;
    Write(std::move(reply), version ? version : 11, /*keep_alive=*/false, /*drain_after=*/true);
  }

  void Write(HttpReply reply, unsigned version, bool keep_alive, bool drain_after) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(reply.status));
    response_.set(http::field::server, "xrouting");
    if (!reply.content_type.empty()) response_.set(http::field::content_type, reply.content_type);
    for (auto& [name, value] : reply.headers) response_.set(name, value);
    response_.set("x-amzn-RequestId", boost::uuids::to_string(uuids_()));
    const auto crc =
        crc32_z(0L, reinterpret_cast<const Bytef*>(reply.body.data()), reply.body.size());
    response_.set("x-amz-crc32", std::to_string(crc));
    response_.body() = std::move(reply.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    stream_.expires_after(options().idle_timeout);
    http::async_write(
        stream_, response_,
        [self = shared_from_this(), keep_alive, drain_after](beast::error_code ec, size_t) {
          if (ec) return self->Shutdown();
          if (drain_after) return self->Drain();
          if (!keep_alive || self->server_.stopping()) return self->Shutdown();
          self->ReadHeader();
        });
  }

  void Drain() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    DrainSome();
  }

  void DrainSome() {
    // Bounded in bytes and time: a client that keeps sending forever is cut off.
    if (drained_ > 4 * options().body_limit) return stream_.close();
    reading_ = true;
    stream_.expires_after(std::chrono::seconds(5));
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(64 * 1024),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->reading_ = false;
                              if (ec) return self->stream_.close();
                              self->drained_ += n;
                              self->DrainSome();
                            });
  }

  void Shutdown() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::empty_body> continue_;
  http::response<http::string_body> response_;
  boost::uuids::random_generator uuids_;  // per connection: not thread-safe, cheap to use
  bool reading_ = false;                  // a read is pending (Close() may cancel it)
  size_t drained_ = 0;
};

}  // namespace

ddb::Status Server::Impl::Listen() {
  beast::error_code ec;
  const std::string host = options_.host == "localhost" ? "127.0.0.1" : options_.host;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) {
    return ddb::Error{
        ddb::ErrorCode::kConfiguration,
        "--host must be an IP address such as 127.0.0.1, got '" + options_.host + "'"};
  }
  const tcp::endpoint wanted(address, options_.port);
  const std::string where = host + ":" + std::to_string(options_.port);
  auto fail = [&](std::string_view step) {
    return ddb::Error{ddb::ErrorCode::kNetwork, "cannot listen on " + where + " (" +
                                                    std::string(step) + "): " + ec.message() +
                                                    "; is another server on it? try --port 0"};
  };
  if (acceptor_.open(wanted.protocol(), ec); ec) return fail("open");
  // Lets a restarted server bind while old connections sit in TIME_WAIT.
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) return fail("option");
  if (acceptor_.bind(wanted, ec); ec) return fail("bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) return fail("listen");
  endpoint_ = acceptor_.local_endpoint(ec);
  if (ec) return fail("local_endpoint");
  return ddb::OkStatus();
}

void Server::Impl::Run() {
  Accept();
  const int n = options_.threads > 0
                    ? options_.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads_.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    threads_.emplace_back([this] {
      for (;;) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception& e) {
          // A handler threw (it should not): keep the pool alive rather than lose a thread.
          std::fprintf(stderr, "xrouting serve: unexpected exception: %s\n", e.what());
        }
      }
    });
  }
}

void Server::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(ioc_), beast::bind_front_handler(&Impl::OnAccept, this));
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec) {
    // E.g. out of file descriptors: back off instead of spinning on the error.
    accept_retry_.expires_after(std::chrono::milliseconds(100));
    accept_retry_.async_wait([this](beast::error_code wec) {
      if (!wec && acceptor_.is_open()) Accept();
    });
    return;
  }
  beast::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);  // small responses, keep-alive: no Nagle
  auto session = std::make_shared<Session>(std::move(socket), *this);
  if (Register(session)) session->Start();
  Accept();
}

bool Server::Impl::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mu_);
  if (stopping_) return false;
  sessions_.emplace(session.get(), session);
  return true;
}

void Server::Impl::Unregister(Session* session) {
  std::lock_guard lock(mu_);
  sessions_.erase(session);
}

void Server::Impl::Stop() {
  std::lock_guard stop_lock(stop_mu_);
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    stopping_flag_.store(true, std::memory_order_release);
    for (auto& [ptr, weak] : sessions_) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_.cancel();
  });
  for (auto& s : open) s->Close();
  open.clear();  // outside mu_: the last reference may run ~Session, which takes mu_
  // With the acceptor closed and idle connections gone, run() returns once the requests
  // in flight are answered.
  for (auto& t : threads_) t.join();
  threads_.clear();
}

ddb::Result<std::unique_ptr<Server>> Server::Start(engine::Engine& engine,
                                                   const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(engine, options);
  XR_RETURN_IF_ERROR(impl->Listen());
  impl->Run();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

void Server::Stop() { impl_->Stop(); }

uint16_t Server::port() const { return impl_->endpoint().port(); }

std::string Server::url() const {
  const auto address = impl_->endpoint().address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return "http://" + host + ":" + std::to_string(port());
}

}  // namespace server
