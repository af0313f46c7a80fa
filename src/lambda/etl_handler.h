// The Lambda's handler: one ETL run (app::etl::RunEtl) per invocation, on a store opened
// once at init, answering the run's summary or an error whose errorType says which side
// failed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "ddb/client.h"
#include "ddb/result.h"
#include "lambda/runtime.h"

namespace lambda {

// errorType values the handler reports (besides the runtime's own "Runtime.*").
inline constexpr const char* kSpaceXSourceError = "SpaceXSourceError";  // could not read the data
inline constexpr const char* kValidationError = "ValidationError";  // the data or event is wrong
inline constexpr const char* kDynamoDBError = "DynamoDBError";      // the store failed
inline constexpr const char* kTimeoutError = "TimeoutError";        // not enough time left

struct EtlHandlerOptions {
  // Where the SpaceX data comes from: "live", "snapshot", a directory or a base URL
  // (app::spacex::MakeSource). An event {"spacexSource": "<spec>"} overrides it for one
  // invocation; EventBridge's scheduled events carry no such member.
  std::string source = "live";
  // With less time than this left, the run is not started: it could not finish.
  int64_t min_start_ms = 10000;
  // Once less than this is left, no further DynamoDB call is issued and the run ends with a
  // TimeoutError, so it stops between writes instead of being killed in the middle of one.
  int64_t stop_margin_ms = 2000;
  std::FILE* log = stdout;  // progress lines, as the runtime's JSON log lines
};

// The handler over `client`, which must outlive it.
Handler MakeEtlHandler(ddb::Client& client, EtlHandlerOptions options);

// The spacexSource member of an invocation event: empty when absent (or the event is not an
// object); a ValidationError when the event is not JSON or the member is not a string.
ddb::Result<std::string> SourceOverride(const std::string& event);

}  // namespace lambda
