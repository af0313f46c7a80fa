// `xrouting serve`: the embedded engine over HTTP/1.1 with the DynamoDB JSON 1.0 protocol,
// so the AWS CLI, boto3 and the AWS SDKs can use it like DynamoDB Local.
// Boost.Beast/Asio: one io_context run by a small thread pool, keep-alive connections, a
// bounded request size. Engine calls run on the pool threads (they are short and the engine
// is thread-safe), so the pool size bounds the number of requests in flight.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "ddb/result.h"
#include "engine/engine.h"

namespace server {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address; "localhost" means 127.0.0.1
  uint16_t port = 8000;            // 0 picks a free port (see Server::port())
  int threads = 0;                 // 0: one per hardware thread
  // DynamoDB's own request limit is 16 MB; larger bodies get 413 before they are read.
  size_t body_limit = 16 * 1024 * 1024;
  // SigV4 headers with a session token are a few KB; anything far larger is not a client.
  size_t header_limit = 32 * 1024;
  // A keep-alive connection idle this long is closed; also bounds a stalled read or write.
  std::chrono::seconds idle_timeout{120};
};

class Server {
 public:
  // Binds and starts serving on the pool threads before returning. engine must outlive the
  // server. Errors: kConfiguration for a bad host, kNetwork when the port cannot be bound.
  static ddb::Result<std::unique_ptr<Server>> Start(engine::Engine& engine,
                                                    const ServerOptions& options);
  ~Server();  // Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;    // the bound port (the chosen one when options.port was 0)
  std::string url() const;  // "http://127.0.0.1:8000"

  // Stops accepting, closes idle connections, lets requests in flight finish and joins the
  // pool. Idempotent. Must not be called from a pool thread (it joins them).
  void Stop();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace server
