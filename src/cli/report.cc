#include "cli/report.h"

#include <cstdio>

#include "cli/context.h"

namespace cli {

std::string HintFor(const ddb::Error& error) {
  using ddb::ErrorCode;
  switch (error.code) {
    case ErrorCode::kIO:
      return "check that the data directory (--data-dir) is writable and that no other "
             "xrouting process (e.g. `xrouting serve`) is using it";
    case ErrorCode::kConfiguration:
      return "check --db (embedded, aws or an http(s):// endpoint URL), --region, --profile and "
             "the AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials)";
    case ErrorCode::kNetwork:
    case ErrorCode::kTimeout:
      return "check that the endpoint is reachable and retry";
    case ErrorCode::kResourceNotFound:
      return "create the tables first: xrouting tables create";
    case ErrorCode::kResourceInUse:
      return "the table is changing state; retry in a moment";
    case ErrorCode::kUnrecognizedClient:
    case ErrorCode::kInvalidSignature:
    case ErrorCode::kIncompleteSignature:
    case ErrorCode::kExpiredToken:
    case ErrorCode::kMissingAuthenticationToken:
    case ErrorCode::kAccessDenied:
      return "check the AWS credentials and permissions (aws sts get-caller-identity)";
    case ErrorCode::kProvisionedThroughputExceeded:
    case ErrorCode::kThrottling:
    case ErrorCode::kRequestLimitExceeded:
      return "the store is throttling requests; retry later or raise its capacity";
    default:
      return {};
  }
}

int ReportError(std::string_view what_failed, const ddb::Error& error) {
  std::fprintf(stderr, "error: %.*s: %s\n", static_cast<int>(what_failed.size()),
               what_failed.data(), error.ToString().c_str());
  if (std::string hint = HintFor(error); !hint.empty()) {
    std::fprintf(stderr, "hint: %s\n", hint.c_str());
  }
  return kExitFailure;
}

int ReportUsageError(std::string_view message) {
  std::fprintf(stderr, "error: %.*s\nRun with --help for more information.\n",
               static_cast<int>(message.size()), message.data());
  return kExitUsage;
}

ddb::Client* OpenStoreOrReport(Context& ctx) {
  auto client = ctx.client();
  if (client.ok()) return *client;
  std::string what = "opening the store (--db " + ctx.options.db;
  if (ctx.options.db == "embedded") what += ", --data-dir " + ctx.options.data_dir;
  ReportError(what + ")", client.error());
  return nullptr;
}

}  // namespace cli
