// The AWS credential chain as the SDKs walk it, and the whole client configuration
// (credentials, region, endpoint) that MakeHttpBackend needs.
#pragma once

#include <string>

#include "ddb/http/config_file.h"
#include "ddb/http/http_backend.h"
#include "ddb/http/sigv4.h"
#include "ddb/result.h"

namespace ddb::http {

struct ResolvedCredentials {
  sigv4::Credentials credentials;
  std::string source;  // e.g. "environment" or "profile 'dev' in /home/u/.aws/credentials"
};

// In order: the options' keys; AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
// (skipped when options.profile names a profile, as the AWS CLI's --profile does); the
// profile in the shared credentials file; the profile in the shared config file.
// kConfiguration when none has keys or one has only half of them; the message lists every
// source tried and how to fix it, and never holds a secret.
Result<ResolvedCredentials> ResolveCredentials(const HttpOptions& options, const Env& env,
                                               const SharedFiles& files, std::string_view profile);

struct ClientConfig {
  Endpoint endpoint;
  std::string region;
  std::string profile;
  ResolvedCredentials credentials;
};

Result<ClientConfig> ResolveClientConfig(const HttpOptions& options, const Env& env);

}  // namespace ddb::http
