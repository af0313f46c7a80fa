#include "ddb/ca_bundle.h"
#include "ddb/http/transport.h"

#include <curl/curl.h>
#include <zlib.h>

#include <cstdlib>

#include "ddb/json.h"

namespace ddb::http {
namespace {

constexpr std::string_view kContentType = "application/x-amz-json-1.0";
constexpr const char* kUserAgent = "xrouting/0.1 (DynamoDB JSON 1.0; libcurl)";

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

bool AppendHeader(Slist& list, const std::string& line) {
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) return false;
  if (!list) list.reset(head);  // later appends return the same head
  return true;
}

// What the callbacks collect from one response.
struct Response {
  std::string body;
  std::string crc32;       // x-amz-crc32, empty when absent
  std::string request_id;  // x-amzn-requestid, for error messages
};

size_t OnBody(char* data, size_t size, size_t nmemb, void* user) {
  static_cast<Response*>(user)->body.append(data, size * nmemb);
  return size * nmemb;
}

bool HeaderIs(std::string_view line, std::string_view lower_name) {
  if (line.size() <= lower_name.size() || line[lower_name.size()] != ':') return false;
  for (size_t i = 0; i < lower_name.size(); ++i) {
    char c = line[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_name[i]) return false;
  }
  return true;
}

std::string HeaderValue(std::string_view line) {
  line.remove_prefix(line.find(':') + 1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) {
    line.remove_suffix(1);
  }
  return std::string(line);
}

size_t OnHeader(char* data, size_t size, size_t nmemb, void* user) {
  auto* resp = static_cast<Response*>(user);
  std::string_view line(data, size * nmemb);
  // A new status line (after a 100 Continue, say) starts a new header block.
  if (line.substr(0, 5) == "HTTP/") {
    resp->crc32.clear();
    resp->request_id.clear();
  } else if (HeaderIs(line, "x-amz-crc32")) {
    resp->crc32 = HeaderValue(line);
  } else if (HeaderIs(line, "x-amzn-requestid")) {
    resp->request_id = HeaderValue(line);
  }
  return size * nmemb;
}

// DynamoDB sends the CRC32 of the body as a decimal number; a mismatch means the body was
// damaged on the way, which the SDKs treat as a retryable failure.
bool Crc32Matches(const Response& resp) {
  if (resp.crc32.empty()) return true;
  char* end = nullptr;
  unsigned long long expected = std::strtoull(resp.crc32.c_str(), &end, 10);
  if (end == resp.crc32.c_str() || *end != '\0') return false;
  uLong actual = crc32(0L, Z_NULL, 0);
  const auto* p = reinterpret_cast<const Bytef*>(resp.body.data());
  size_t left = resp.body.size();
  while (left > 0) {  // crc32 takes a uInt length
    uInt chunk = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
    actual = crc32(actual, p, chunk);
    p += chunk;
    left -= chunk;
  }
  return static_cast<unsigned long long>(actual) == expected;
}

Error CurlError(CURLcode code, const char* errbuf, const std::string& where) {
  std::string detail = (errbuf != nullptr && *errbuf != '\0') ? errbuf : curl_easy_strerror(code);
  std::string msg = where + ": " + detail + " (curl error " + std::to_string(code) + ")";
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return Error(ErrorCode::kTimeout, std::move(msg));
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      // Not transient: retrying cannot help, the endpoint or TLS setup must change.
      return Error(ErrorCode::kConfiguration,
                   msg + "; check the endpoint URL and the system's CA certificates");
    default:
      return Error(ErrorCode::kNetwork, std::move(msg));
  }
}

}  // namespace

void EnsureCurlGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

class Transport::Handle {
 public:
  Handle() : curl_(curl_easy_init()) {}
  ~Handle() {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  CURL* get() const { return curl_; }

 private:
  CURL* curl_;
};

Transport::Transport(ClientConfig config, TransportOptions options)
    : config_(std::move(config)), options_(options) {
  EnsureCurlGlobalInit();
}

Transport::~Transport() = default;

std::unique_ptr<Transport::Handle> Transport::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto h = std::move(idle_.back());
      idle_.pop_back();
      return h;
    }
  }
  return std::make_unique<Handle>();
}

void Transport::Release(std::unique_ptr<Handle> handle) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < options_.max_idle_handles) idle_.push_back(std::move(handle));
}

Result<std::string> Transport::Post(std::string_view operation, std::string_view body) {
  const std::string target = std::string(json::kTargetPrefix) + std::string(operation);
  const std::string where = "POST " + config_.endpoint.url + " (" + target + ")";

  std::unique_ptr<Handle> handle = Acquire();
  CURL* curl = handle->get();
  if (curl == nullptr) return Error(ErrorCode::kNetwork, where + ": curl_easy_init failed");

  // Signed fresh for every attempt: the signature covers X-Amz-Date, and servers reject
  // requests more than a few minutes old.
  sigv4::Request req{"POST",
                     config_.endpoint.path,
                     "",
                     {{"Host", config_.endpoint.host_header},
                      {"Content-Type", std::string(kContentType)},
                      {"X-Amz-Target", target}},
                     body};
  sigv4::Signature sig =
      sigv4::Sign(req, config_.credentials.credentials,
                  {config_.region, "dynamodb", std::chrono::system_clock::now()});

  Slist headers;
  bool ok = true;
  for (const auto& [name, value] : req.headers)
    ok = ok && AppendHeader(headers, name + ": " + value);
  for (const auto& [name, value] : sig.headers_to_add) {
    ok = ok && AppendHeader(headers, name + ": " + value);
  }
  // identity: no gzip (cheaper for DynamoDB-sized bodies, and the crc32 covers plain bytes).
  // "Expect:" stops curl's 100-continue round trip on bodies over 1 KB.
  ok = ok && AppendHeader(headers, "Accept-Encoding: identity") && AppendHeader(headers, "Expect:");
  if (!ok) return Error(ErrorCode::kNetwork, where + ": out of memory building headers");

  Response resp;
  char errbuf[CURL_ERROR_SIZE] = {0};
  const std::string url = config_.endpoint.url + (config_.endpoint.path == "/" ? "/" : "");
  // Reset keeps the live connection and caches; it clears options of the previous request.
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &resp);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &resp);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  // Signals are process-wide; threads must not use them for timeouts.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  if (const char* ca = ddb::CaBundleFromEnv()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca);

  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  // Unset the pointers into this frame before the handle goes back to the pool.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  Release(std::move(handle));

  if (rc != CURLE_OK) return CurlError(rc, errbuf, where);

  if (!Crc32Matches(resp)) {
    return Error(ErrorCode::kNetwork, where + ": response body (HTTP " + std::to_string(status) +
                                          ", " + std::to_string(resp.body.size()) +
                                          " bytes) failed its x-amz-crc32 check");
  }
  if (status >= 200 && status < 300) return std::move(resp.body);

  Error err = json::DecodeError(static_cast<int>(status), resp.body);
  // The SDKs retry these statuses whatever the body says (a proxy's HTML page, say).
  if (!err.retryable() && (status == 500 || status == 502 || status == 503 || status == 504)) {
    err.code = status == 503 ? ErrorCode::kServiceUnavailable : ErrorCode::kInternalServerError;
  }
  if (!resp.request_id.empty()) err.message += " (request id " + resp.request_id + ")";
  return err;
}

}  // namespace ddb::http
