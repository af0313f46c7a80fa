#include "lambda/runtime.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ddb/json.h"

namespace lambda {
namespace {

constexpr std::string_view kApiVersion = "/2018-06-01";

int64_t NowEpochMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// curl_global_init is reference counted; holding one for the lifetime of the loop keeps
// libcurl initialised even if the handler's own HTTP client cleans up its share.
class CurlGlobal {
 public:
  CurlGlobal() : ok_(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) {}
  ~CurlGlobal() {
    if (ok_) curl_global_cleanup();
  }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_;
};

struct CurlDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

struct HttpReply {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

size_t CollectBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t CollectHeader(char* data, size_t size, size_t n, void* user) {
  std::string_view line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    (*static_cast<std::map<std::string, std::string>*>(user))[name] = std::string(value);
  }
  return size * n;
}

// One keep-alive connection to the Runtime API. The handle is reused across requests so
// the loop does not pay a TCP handshake per invocation.
class ApiClient {
 public:
  explicit ApiClient(std::string endpoint)
      : base_("http://" + std::move(endpoint) + std::string(kApiVersion)),
        curl_(curl_easy_init()) {}

  bool ok() const { return curl_ != nullptr; }

  ddb::Result<HttpReply> Get(std::string_view path) { return Send(path, nullptr, {}); }

  ddb::Result<HttpReply> Post(std::string_view path, const std::string& body,
                              const std::vector<std::string>& headers) {
    return Send(path, &body, headers);
  }

 private:
  ddb::Result<HttpReply> Send(std::string_view path, const std::string* body,
                              const std::vector<std::string>& extra_headers) {
    CURL* h = curl_.get();
    // Reset keeps the connection cache, so keep-alive survives between requests.
    curl_easy_reset(h);
    HttpReply reply;
    std::string url = base_ + std::string(path);
    SlistPtr headers;
    auto add_header = [&headers](const std::string& line) {
      curl_slist* next = curl_slist_append(headers.get(), line.c_str());
      if (next != nullptr) {
        (void)headers.release();
        headers.reset(next);
      }
    };
    // curl would otherwise send "Expect: 100-continue" for larger bodies and wait for it.
    add_header("Expect:");
    for (const auto& line : extra_headers) add_header(line);

    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    // No CURLOPT_TIMEOUT: /next is a long poll and the environment may be frozen between
    // invocations; the Runtime API documentation asks runtimes not to time it out.
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_PROXY, "");  // the Runtime API is local, never proxied
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &CollectBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &CollectHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &reply.headers);
    if (body != nullptr) {
      add_header("Content-Type: application/json");
      curl_easy_setopt(h, CURLOPT_POST, 1L);
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->data());
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
      return ddb::Error(ddb::ErrorCode::kNetwork,
                        fmt::format("Lambda Runtime API {} {}: {}", body ? "POST" : "GET", url,
                                    curl_easy_strerror(rc)));
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
  }

  std::string base_;
  CurlPtr curl_;
};

std::string ResolveEndpoint(const RuntimeOptions& options) {
  if (!options.api_endpoint.empty()) return options.api_endpoint;
  const char* env = std::getenv("AWS_LAMBDA_RUNTIME_API");
  return env != nullptr ? std::string(env) : std::string();
}

ddb::Status CheckAccepted(const HttpReply& reply, std::string_view what) {
  if (reply.status >= 200 && reply.status < 300) return ddb::OkStatus();
  return ddb::Error(ddb::ErrorCode::kUnknown,
                    fmt::format("Lambda Runtime API rejected {}: HTTP {} {}", what, reply.status,
                                reply.body.substr(0, 300)));
}

ddb::Result<Invocation> NextInvocation(ApiClient& api) {
  XR_ASSIGN_OR_RETURN(HttpReply reply, api.Get("/runtime/invocation/next"));
  if (reply.status != 200) {
    return ddb::Error(ddb::ErrorCode::kUnknown,
                      fmt::format("Lambda Runtime API /next answered HTTP {}: {}", reply.status,
                                  reply.body.substr(0, 300)));
  }
  Invocation inv;
  inv.request_id = reply.header("lambda-runtime-aws-request-id");
  if (inv.request_id.empty()) {
    return ddb::Error(ddb::ErrorCode::kUnknown,
                      "Lambda Runtime API /next answered without Lambda-Runtime-Aws-Request-Id");
  }
  std::string deadline = reply.header("lambda-runtime-deadline-ms");
  if (!deadline.empty()) {
    char* end = nullptr;
    long long v = std::strtoll(deadline.c_str(), &end, 10);
    if (end != nullptr && *end == '\0') inv.deadline_ms = v;
  }
  inv.trace_id = reply.header("lambda-runtime-trace-id");
  inv.function_arn = reply.header("lambda-runtime-invoked-function-arn");
  inv.payload = std::move(reply.body);
  return inv;
}

// Runs the handler; an exception escaping it is turned into an error outcome so that one
// bad event cannot take the execution environment down.
Outcome CallHandler(const Handler& handler, const Invocation& inv) {
  try {
    return handler(inv);
  } catch (const std::exception& e) {
    return Outcome::Failure("Runtime.UnhandledException", e.what());
  } catch (...) {
    return Outcome::Failure("Runtime.UnhandledException", "unknown exception");
  }
}

}  // namespace

int64_t Invocation::remaining_ms() const {
  // No deadline header (never the case in Lambda): treat as unlimited.
  if (deadline_ms == 0) return std::numeric_limits<int64_t>::max();
  return deadline_ms - NowEpochMs();
}

Outcome Outcome::Success(std::string payload) {
  Outcome o;
  o.payload = std::move(payload);
  return o;
}

Outcome Outcome::Failure(std::string error_type, std::string message) {
  Outcome o;
  o.ok = false;
  o.error_type = std::move(error_type);
  o.error_message = std::move(message);
  return o;
}

std::string ErrorBody(std::string_view error_type, std::string_view message) {
  return fmt::format(R"({{"errorMessage":{},"errorType":{},"stackTrace":[]}})",
                     ddb::json::QuoteString(message), ddb::json::QuoteString(error_type));
}

void Log(std::FILE* out, LogLevel level, std::string_view request_id, std::string_view message) {
  if (out == nullptr) return;
  static constexpr const char* kNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};
  int64_t now = NowEpochMs();
  std::time_t secs = static_cast<std::time_t>(now / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::string line = fmt::format(
      R"({{"timestamp":"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z","level":"{}","requestId":{},"message":{}}})",
      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
      static_cast<int>(now % 1000), kNames[static_cast<int>(level)],
      request_id.empty() ? std::string("null") : ddb::json::QuoteString(request_id),
      ddb::json::QuoteString(message));
  line.push_back('\n');
  // One write per line so lines from concurrent writers never interleave mid-line.
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
}

ddb::Status ReportInitError(const RuntimeOptions& options, std::string_view error_type,
                            std::string_view message) {
  Log(options.log, LogLevel::kError, "", fmt::format("init error {}: {}", error_type, message));
  std::string endpoint = ResolveEndpoint(options);
  if (endpoint.empty()) {
    return ddb::Error(ddb::ErrorCode::kConfiguration,
                      "AWS_LAMBDA_RUNTIME_API is not set: not running inside Lambda");
  }
  CurlGlobal global;
  ApiClient api(endpoint);
  if (!global.ok() || !api.ok()) {
    return ddb::Error(ddb::ErrorCode::kUnknown, "libcurl could not be initialised");
  }
  XR_ASSIGN_OR_RETURN(HttpReply reply,
                      api.Post("/runtime/init/error", ErrorBody(error_type, message),
                               {"Lambda-Runtime-Function-Error-Type: " + std::string(error_type)}));
  return CheckAccepted(reply, "init error");
}

int RunLoop(const Handler& handler, const RuntimeOptions& options) {
  std::string endpoint = ResolveEndpoint(options);
  if (endpoint.empty()) {
    Log(options.log, LogLevel::kError, "",
        "AWS_LAMBDA_RUNTIME_API is not set: the lambda command runs inside AWS Lambda (or "
        "next to a Runtime API emulator)");
    return 1;
  }
  CurlGlobal global;
  ApiClient api(endpoint);
  if (!global.ok() || !api.ok()) {
    Log(options.log, LogLevel::kError, "", "libcurl could not be initialised");
    return 1;
  }
  for (int served = 0; !options.max_invocations || served < *options.max_invocations; ++served) {
    auto next = NextInvocation(api);
    if (!next.ok()) {
      Log(options.log, LogLevel::kError, "", next.error().message);
      return 1;
    }
    const Invocation& inv = *next;
    if (options.export_trace_id) {
      // The trace id belongs to this invocation only: clear a stale one when absent.
      if (inv.trace_id.empty()) {
        unsetenv("_X_AMZN_TRACE_ID");
      } else {
        setenv("_X_AMZN_TRACE_ID", inv.trace_id.c_str(), 1);
      }
    }
    Log(options.log, LogLevel::kInfo, inv.request_id,
        fmt::format("invocation start, {} ms left", inv.remaining_ms()));
    auto started = std::chrono::steady_clock::now();

    // An event that arrives already past its deadline cannot be served; say so instead of
    // starting work Lambda is about to kill.
    Outcome outcome =
        inv.remaining_ms() <= 0
            ? Outcome::Failure("Runtime.Timeout",
                               "the invocation's deadline had passed before it started")
            : CallHandler(handler, inv);

    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - started)
                       .count();
    ddb::Result<HttpReply> posted = ddb::Error(ddb::ErrorCode::kUnknown, "not posted");
    if (outcome.ok) {
      posted = api.Post("/runtime/invocation/" + inv.request_id + "/response", outcome.payload, {});
      Log(options.log, LogLevel::kInfo, inv.request_id,
          fmt::format("invocation succeeded in {} ms", elapsed));
    } else {
      posted = api.Post("/runtime/invocation/" + inv.request_id + "/error",
                        ErrorBody(outcome.error_type, outcome.error_message),
                        {"Lambda-Runtime-Function-Error-Type: " + outcome.error_type});
      Log(options.log, LogLevel::kError, inv.request_id,
          fmt::format("invocation failed in {} ms: {}: {}", elapsed, outcome.error_type,
                      outcome.error_message));
    }
    if (!posted.ok()) {
      Log(options.log, LogLevel::kError, inv.request_id, posted.error().message);
      return 1;
    }
    if (posted->status >= 500) {
      // The documented meaning of 500 here: the runtime should exit promptly.
      Log(options.log, LogLevel::kError, inv.request_id,
          fmt::format("Lambda Runtime API answered HTTP {}: exiting", posted->status));
      return 1;
    }
    if (auto st = CheckAccepted(*posted, outcome.ok ? "the response" : "the error"); !st.ok()) {
      // e.g. 413 for a response over the payload limit: the invocation is lost, but the
      // environment is fine and the next event can still be served.
      Log(options.log, LogLevel::kError, inv.request_id, st.error().message);
    }
  }
  return 0;
}

}  // namespace lambda
