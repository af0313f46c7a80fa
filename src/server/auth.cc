#include "server/auth.h"

#include <algorithm>
#include <string>

namespace server {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `name=` among the comma-separated parameters after the algorithm; nullopt
// when absent. Names are case-sensitive, as in SigV4.
std::optional<std::string_view> Param(std::string_view params, std::string_view name) {
  while (!params.empty()) {
    const size_t comma = params.find(',');
    std::string_view part = Trim(params.substr(0, comma));
    params = comma == std::string_view::npos ? std::string_view{} : params.substr(comma + 1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && Trim(part.substr(0, eq)) == name) {
      return Trim(part.substr(eq + 1));
    }
  }
  return std::nullopt;
}

ddb::Error Incomplete(std::string msg) {
  return {ddb::ErrorCode::kIncompleteSignature, std::move(msg)};
}

}  // namespace

ddb::Status CheckAuthorization(std::optional<std::string_view> authorization, bool has_date) {
  // Real DynamoDB and dynalite answer this exact type and message; SDKs surface it as is.
  if (!authorization || Trim(*authorization).substr(0, 5) != "AWS4-") {
    return ddb::Error{ddb::ErrorCode::kMissingAuthenticationToken,
                      "Request is missing Authentication Token"};
  }
  const std::string_view header = Trim(*authorization);
  const size_t space = header.find(' ');
  const std::string_view algorithm = header.substr(0, space);
  if (algorithm != kAlgorithm) {
    return Incomplete("Unsupported AWS 'algorithm': '" + std::string(algorithm) + "' (only " +
                      std::string(kAlgorithm) + " is supported)");
  }
  const std::string_view params =
      space == std::string_view::npos ? std::string_view{} : header.substr(space + 1);

  std::string missing;
  for (std::string_view name : {"Credential", "Signature", "SignedHeaders"}) {
    auto value = Param(params, name);
    if (!value || value->empty()) {
      missing += "Authorization header requires '" + std::string(name) + "' parameter. ";
    }
  }
  if (!has_date) {
    missing +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
        "header. ";
  }
  if (!missing.empty()) return Incomplete(missing + "Authorization=" + std::string(header));

  // Credential is accesskey/yyyymmdd/region/service/aws4_request.
  const std::string_view credential = *Param(params, "Credential");
  if (std::count(credential.begin(), credential.end(), '/') != 4 || credential.front() == '/') {
    return Incomplete(
        "Credential must have exactly 5 slash-delimited elements, e.g. "
        "keyid/date/region/service/term, got '" +
        std::string(credential) + "'");
  }
  return ddb::OkStatus();
}

}  // namespace server
