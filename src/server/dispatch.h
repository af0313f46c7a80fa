// The DynamoDB JSON 1.0 protocol in front of an engine::Engine, without any transport:
// one HTTP request in (already read and bounded by the server), one HTTP reply out.
// Kept apart from the socket code so every protocol rule is testable without a network.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ddb/error.h"
#include "engine/engine.h"

namespace server {

// The parts of an HTTP request the protocol looks at. Views into the caller's request.
struct HttpRequest {
  std::string_view method;  // "GET", "POST", ...
  std::optional<std::string_view> content_type;
  std::optional<std::string_view> target;  // X-Amz-Target
  std::optional<std::string_view> authorization;
  bool has_date = false;  // X-Amz-Date or Date present
  std::string_view body;
};

struct HttpReply {
  int status = 200;
  std::string content_type;
  std::string body;
};

// A reply carrying a DynamoDB error body. Errors that are not DynamoDB wire types (storage
// failures, unknown errors) go out as InternalServerError (500), which SDKs know and retry.
HttpReply ErrorReply(const ddb::Error& error,
                     std::string_view content_type = "application/x-amz-json-1.0");

class Dispatcher {
 public:
  // engine must outlive the dispatcher.
  explicit Dispatcher(engine::Engine& engine) : engine_(engine) {}

  // Thread-safe (the engine is). Order of checks, as dynalite and DynamoDB do: method and
  // content type, target, authentication, then the body.
  HttpReply Handle(const HttpRequest& request) const;

 private:
  engine::Engine& engine_;
};

}  // namespace server
