// AWS Signature Version 4 (header signing) for non-S3 services: canonical request, string to
// sign, signing key and the Authorization header. Pure functions, no I/O, so the official
// test suite (testdata/sigv4) can check every step.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ddb::http::sigv4 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty when the credentials are long-term keys
};

using Header = std::pair<std::string, std::string>;

// The parts of an HTTP request that SigV4 signs.
struct Request {
  std::string method;           // "POST"
  std::string path;             // raw (not percent-encoded) path, e.g. "/"
  std::string query;            // text after '?', raw or already percent-encoded
  std::vector<Header> headers;  // in wire order; names in any case; repeats allowed
  std::string_view body;        // exact payload bytes
};

struct SigningParams {
  std::string region;   // "us-east-1"
  std::string service;  // "dynamodb"
  std::chrono::system_clock::time_point time;
  // aws-c-auth's omit_session_token: sign without the token and let the caller add the
  // header afterwards. Only the test suite's post-sts-header-after case needs it.
  bool omit_session_token = false;
};

// Every intermediate value, so tests (and debugging of InvalidSignatureException) can see
// exactly what was signed.
struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // lowercase hex
  std::string authorization;  // the Authorization header value
  // Headers to add to the request: X-Amz-Date and X-Amz-Security-Token when the request did
  // not carry them, then Authorization.
  std::vector<Header> headers_to_add;
};

// Signs `request`. X-Amz-Date (from params.time) and X-Amz-Security-Token (when the
// credentials have a token) are signed and returned in headers_to_add unless the request
// already has them.
Signature Sign(const Request& request, const Credentials& credentials, const SigningParams& params);

// Building blocks, exposed for tests.
std::string AmzDate(std::chrono::system_clock::time_point t);  // 20150830T123600Z
std::string CanonicalUri(std::string_view raw_path);           // normalized, encoded
std::string CanonicalQuery(std::string_view query);
// "name:value\n" lines (sorted, lower-cased, trimmed, values of a repeated name joined by
// ',') and the signed header list "a;b;c".
std::pair<std::string, std::string> CanonicalHeaders(const std::vector<Header>& headers);
std::string UriEncode(std::string_view s, bool encode_slash);
std::string PercentDecode(std::string_view s);
std::string HexSha256(std::string_view data);
std::string HexEncode(std::string_view bytes);
std::string HmacSha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service);  // raw 32 bytes

}  // namespace ddb::http::sigv4
