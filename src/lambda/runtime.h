// The AWS Lambda Runtime API client (version 2018-06-01) for a custom runtime: fetches
// invocations, hands each to a handler, posts its response or error. The user writes a
// function from Invocation to Outcome and nothing else (the aws-lambda-cpp model).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "ddb/result.h"

namespace lambda {

// One event, as the Runtime API's /next answer describes it.
struct Invocation {
  std::string request_id;    // Lambda-Runtime-Aws-Request-Id
  int64_t deadline_ms = 0;   // Lambda-Runtime-Deadline-Ms: Unix epoch milliseconds
  std::string trace_id;      // Lambda-Runtime-Trace-Id (X-Ray header)
  std::string function_arn;  // Lambda-Runtime-Invoked-Function-Arn
  std::string payload;       // the event JSON

  // Milliseconds left before Lambda kills the invocation (negative once past). A handler
  // that does long work checks this so it can stop with a clear error instead of being
  // killed mid-write.
  int64_t remaining_ms() const;
};

// What a handler returns: a response body, or an error the runtime posts to /error.
struct Outcome {
  bool ok = true;
  std::string payload;        // success: the response body (JSON)
  std::string error_type;     // failure: e.g. "DynamoDBError", "Runtime.Timeout"
  std::string error_message;  // failure: what went wrong, for a human

  static Outcome Success(std::string payload);
  static Outcome Failure(std::string error_type, std::string message);
};

using Handler = std::function<Outcome(const Invocation&)>;

struct RuntimeOptions {
  // host:port of the Runtime API; empty means the AWS_LAMBDA_RUNTIME_API variable.
  std::string api_endpoint;
  // Stop after this many invocations (tests, benchmarks); unset: serve until killed.
  std::optional<int> max_invocations;
  // Where the JSON log lines go; stdout is what CloudWatch Logs captures.
  std::FILE* log = stdout;
  // Export each invocation's trace id as _X_AMZN_TRACE_ID, as the managed runtimes do, so
  // X-Ray-aware code further down sees it.
  bool export_trace_id = true;
};

// Serves invocations until max_invocations is reached (returns 0) or the Runtime API fails
// in a way the runtime cannot recover from, e.g. an unreachable endpoint or HTTP 500
// (returns 1; Lambda then starts a new execution environment). A handler failure is posted
// to /error and the loop goes on.
int RunLoop(const Handler& handler, const RuntimeOptions& options);

// Posts an initialization error to /runtime/init/error. The caller then exits non-zero.
ddb::Status ReportInitError(const RuntimeOptions& options, std::string_view error_type,
                            std::string_view message);

// Logging: one JSON object per line, {"timestamp","level","requestId","message"}, so that
// CloudWatch Logs Insights can filter on the fields.
enum class LogLevel { kDebug, kInfo, kWarn, kError };
void Log(std::FILE* out, LogLevel level, std::string_view request_id, std::string_view message);

// The body /error and /init/error expect: {"errorMessage","errorType","stackTrace":[]}.
std::string ErrorBody(std::string_view error_type, std::string_view message);

}  // namespace lambda
