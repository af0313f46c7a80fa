// One DynamoDB JSON 1.0 request over HTTP(S): sign with SigV4, POST with libcurl, check the
// x-amz-crc32 of the answer, turn failures into ddb::Error. No retries here (retry.h).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/http/credentials.h"
#include "ddb/result.h"

namespace ddb::http {

// curl_global_init is not thread-safe; every entry point that creates a Transport calls this
// first. Runs once per process.
void EnsureCurlGlobalInit();

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{15000};
  // Idle easy handles kept for reuse; each holds its keep-alive connection.
  size_t max_idle_handles = 16;
};

class Transport {
 public:
  Transport(ClientConfig config, TransportOptions options);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // POSTs `body` as operation `operation` ("PutItem"). Returns the body of a 2xx answer; else
  // the server's DynamoDB error, or kNetwork (connection failures, crc32 mismatch) or
  // kTimeout, with the endpoint in the message. Safe to call from many threads.
  Result<std::string> Post(std::string_view operation, std::string_view body);

  const ClientConfig& config() const { return config_; }

 private:
  class Handle;  // RAII owner of one CURL easy handle
  std::unique_ptr<Handle> Acquire();
  void Release(std::unique_ptr<Handle> handle);

  const ClientConfig config_;
  const TransportOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Handle>> idle_;  // guarded by mu_
};

}  // namespace ddb::http
