// The DynamoDB JSON 1.0 protocol in front of an engine::Engine, without any transport:
// one HTTP request in (already read and bounded by the server), one HTTP reply out.
// Kept apart from the socket code so every protocol rule is testable without a network.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ddb/error.h"
#include "engine/engine.h"

namespace server {

// The parts of an HTTP request the protocol looks at. Views into the caller's request.
struct HttpRequest {
  std::string_view method;  // "GET", "POST", ...
  std::optional<std::string_view> content_type;
  std::optional<std::string_view> target;  // X-Amz-Target
  std::optional<std::string_view> authorization;
  std::optional<std::string_view> host;  // DescribeEndpoints answers with it
  // CORS (browsers): Origin, and a preflight's Access-Control-Request-Method/-Headers.
  std::optional<std::string_view> origin;
  std::optional<std::string_view> access_control_request_method;
  std::optional<std::string_view> access_control_request_headers;
  bool has_date = false;  // X-Amz-Date or Date present
  std::string_view body;
};

struct HttpReply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers = {};  // extra ones (CORS)
};

// A reply carrying a DynamoDB error body. Errors that are not DynamoDB wire types (storage
// failures, unknown errors) go out as InternalServerError (500), which SDKs know and retry.
HttpReply ErrorReply(const ddb::Error& error,
                     std::string_view content_type = "application/x-amz-json-1.0");

// DescribeEndpoints' address when a request has no Host header.
inline constexpr std::string_view kDefaultEndpoint = "dynamodb.ddblocal.amazonaws.com";

class Dispatcher {
 public:
  // engine must outlive the dispatcher.
  explicit Dispatcher(engine::Engine& engine) : engine_(engine) {}

  // Thread-safe (the engine is). Order of checks, as dynalite and DynamoDB do: CORS
  // preflight (an OPTIONS with Origin: 200, no body), the GET health check, method and
  // content type, target, authentication, then the body. A request with Origin gets
  // Access-Control-Allow-Origin: * on every answer.
  HttpReply Handle(const HttpRequest& request) const;

 private:
  HttpReply Answer(const HttpRequest& request) const;  // Handle without CORS
  HttpReply DescribeEndpoints(const HttpRequest& request, std::string_view reply_type) const;

  engine::Engine& engine_;
};

}  // namespace server
