// LiveSource: the six endpoints over HTTPS with libcurl, retried with backoff.
#include <curl/curl.h>

#include <memory>
#include <string>
#include <thread>

#include "ddb/ca_bundle.h"
#include "app/spacex/source.h"

namespace app::spacex {
namespace {

// The API answers a few hundred KB; anything far larger is not the SpaceX API.
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

size_t AppendBody(char* data, size_t size, size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  if (body->size() + size * n > kMaxBodyBytes) return 0;  // aborts the transfer
  body->append(data, size * n);
  return size * n;
}

struct Attempt {
  CURLcode curl = CURLE_OK;
  long status = 0;
  std::string body;
  std::string content_type;
  std::string curl_message;
};

Attempt GetOnce(const std::string& url, const LiveSourceOptions& opt) {
  Attempt a;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    a.curl = CURLE_FAILED_INIT;
    a.curl_message = "curl_easy_init failed";
    return a;
  }
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: thread-safe
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opt.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(opt.total_timeout.count()));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "xrouting/0.1");
  if (const char* ca = ddb::CaBundleFromEnv()) curl_easy_setopt(c, CURLOPT_CAINFO, ca);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &a.body);
  a.curl = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  char* ct = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct != nullptr) {
    a.content_type = ct;
  }
  a.curl_message = errbuf[0] != 0 ? errbuf : curl_easy_strerror(a.curl);
  return a;
}

bool LooksLikeJson(const std::string& body) {
  size_t i = body.find_first_not_of(" \t\r\n");
  return i != std::string::npos && (body[i] == '[' || body[i] == '{');
}

// One endpoint: retries network errors, timeouts and 5xx; other failures are final.
ddb::Result<std::string> Get(const std::string& url, const LiveSourceOptions& opt) {
  std::chrono::milliseconds backoff = opt.base_backoff;
  const int attempts = opt.max_attempts < 1 ? 1 : opt.max_attempts;
  for (int i = 1;; ++i) {
    Attempt a = GetOnce(url, opt);
    std::string where =
        "GET " + url + " (attempt " + std::to_string(i) + " of " + std::to_string(attempts) + ")";
    ddb::Error error;
    if (a.curl == CURLE_OPERATION_TIMEDOUT) {
      error = ddb::Error(ddb::ErrorCode::kTimeout, where + ": timed out: " + a.curl_message);
    } else if (a.curl != CURLE_OK) {
      error = ddb::Error(ddb::ErrorCode::kNetwork, where + ": " + a.curl_message);
    } else if (a.status >= 500) {
      error = ddb::Error(ddb::ErrorCode::kServiceUnavailable,
                         where + ": HTTP status " + std::to_string(a.status));
    } else if (a.status != 200) {
      return ddb::Error(
          ddb::ErrorCode::kConfiguration,
          where + ": HTTP status " + std::to_string(a.status) + " (check the SpaceX API base URL)");
    } else if (!LooksLikeJson(a.body)) {
      return ddb::ValidationError(
          where + ": HTTP status 200 but the body is not JSON (Content-Type \"" + a.content_type +
          "\", starts with \"" + a.body.substr(0, 40) + "\")");
    } else {
      return std::move(a.body);
    }
    if (i >= attempts) return error;
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
}

}  // namespace

LiveSource::LiveSource(std::string base_url, LiveSourceOptions options)
    : base_url_(std::move(base_url)), options_(options) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

ddb::Result<RawExtract> LiveSource::Fetch() {
  RawExtract raw;
  for (Endpoint e : kAllEndpoints) {
    std::string url = base_url_ + "/" + std::string(EndpointName(e));
    XR_ASSIGN_OR_RETURN(raw.body(e), Get(url, options_));
    raw.label(e) = url;
  }
  return raw;
}

}  // namespace app::spacex
