// HttpBackend: DynamoDB JSON 1.0 over HTTP(S) with SigV4, the AWS credential chain and the
// SDKs' standard retry mode. Talks to real DynamoDB or any compatible endpoint.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "ddb/backend.h"

namespace ddb::http {

struct HttpOptions {
  // Each unset field is resolved as the AWS SDKs do (see credentials.h / config.h).
  std::optional<std::string> endpoint;  // else AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL,
                                        // else https://dynamodb.<region>.amazonaws.com
  std::optional<std::string> region;    // else AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1
  std::optional<std::string> profile;   // else AWS_PROFILE, else "default"
  std::optional<std::string> access_key_id;
  std::optional<std::string> secret_access_key;
  std::optional<std::string> session_token;
  int max_attempts = 8;  // standard retry mode, counting the first attempt
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{15000};
};

// Resolves configuration and credentials; a clear kConfiguration error (listing the sources
// tried, never a secret) when credentials are missing or malformed.
Result<std::unique_ptr<Backend>> MakeHttpBackend(const HttpOptions& options);

}  // namespace ddb::http
