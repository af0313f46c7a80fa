#include "ddb/http/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>
#include <map>

namespace ddb::http::sigv4 {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ToLowerAscii);
  return out;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Trims both ends and collapses every run of spaces into one; SigV4 does this even inside
// quoted strings.
std::string TrimAndCollapse(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  bool pending_space = false;
  for (char c : v) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

const std::string* FindHeader(const std::vector<Header>& headers, std::string_view lower_name) {
  for (const auto& [name, value] : headers) {
    if (Lower(name) == lower_name) return &value;
  }
  return nullptr;
}

// Non-S3 services sign the path with dot segments removed and repeated slashes merged
// (RFC 3986 section 5.2.4 plus the SigV4 rule for empty segments).
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  bool trailing_slash = path.empty() || path.back() == '/';
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view seg = path.substr(pos, next - pos);
    pos = next + 1;
    if (seg.empty() || seg == ".") {
      if (seg == "." && pos > path.size()) trailing_slash = true;
      continue;
    }
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      if (pos > path.size()) trailing_slash = true;
      continue;
    }
    segments.push_back(seg);
  }
  std::string out = "/";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  if (trailing_slash && !segments.empty()) out += '/';
  return out;
}

}  // namespace

std::string AmzDate(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string UriEncode(std::string_view s, bool encode_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (c == '/' && !encode_slash)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);  // '+' stays '+': SigV4 does not use form encoding
    }
  }
  return out;
}

std::string CanonicalUri(std::string_view raw_path) {
  return UriEncode(NormalizePath(raw_path), /*encode_slash=*/false);
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view part = query.substr(pos, amp - pos);
    pos = amp + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string_view key = part.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
    // Decode first so raw and pre-encoded inputs end up encoded exactly once.
    params.emplace_back(UriEncode(PercentDecode(key), true), UriEncode(PercentDecode(value), true));
  }
  // Byte order of the encoded key, then of the encoded value (not of "k=v").
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += v;
  }
  return out;
}

std::pair<std::string, std::string> CanonicalHeaders(const std::vector<Header>& headers) {
  std::map<std::string, std::string> merged;  // sorted by lower-case name
  for (const auto& [name, value] : headers) {
    std::string key = Lower(name);
    std::string v = TrimAndCollapse(value);
    auto [it, inserted] = merged.try_emplace(std::move(key), v);
    if (!inserted) {
      it->second += ',';
      it->second += v;
    }
  }
  std::string canonical, signed_headers;
  for (const auto& [name, value] : merged) {
    canonical += name;
    canonical += ':';
    canonical += value;
    canonical += '\n';
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += name;
  }
  return {canonical, signed_headers};
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

std::string HexSha256(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(md), len));
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len);
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service) {
  std::string k_date = HmacSha256("AWS4" + std::string(secret), date);
  std::string k_region = HmacSha256(k_date, region);
  std::string k_service = HmacSha256(k_region, service);
  return HmacSha256(k_service, "aws4_request");
}

Signature Sign(const Request& request, const Credentials& credentials,
               const SigningParams& params) {
  Signature sig;
  std::vector<Header> headers = request.headers;
  std::string amz_date;
  if (const std::string* existing = FindHeader(headers, "x-amz-date")) {
    amz_date = TrimAndCollapse(*existing);
  } else {
    amz_date = AmzDate(params.time);
    headers.emplace_back("X-Amz-Date", amz_date);
    sig.headers_to_add.emplace_back("X-Amz-Date", amz_date);
  }
  if (!credentials.session_token.empty() && !params.omit_session_token &&
      FindHeader(headers, "x-amz-security-token") == nullptr) {
    headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
    sig.headers_to_add.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  auto [canonical_headers, signed_headers] = CanonicalHeaders(headers);
  sig.canonical_request = request.method + "\n" + CanonicalUri(request.path) + "\n" +
                          CanonicalQuery(request.query) + "\n" + canonical_headers + "\n" +
                          signed_headers + "\n" + HexSha256(request.body);

  const std::string date = amz_date.substr(0, 8);
  const std::string scope = date + "/" + params.region + "/" + params.service + "/aws4_request";
  sig.string_to_sign = std::string(kAlgorithm) + "\n" + amz_date + "\n" + scope + "\n" +
                       HexSha256(sig.canonical_request);

  const std::string key =
      SigningKey(credentials.secret_access_key, date, params.region, params.service);
  sig.signature = HexEncode(HmacSha256(key, sig.string_to_sign));
  sig.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" +
                      scope + ", SignedHeaders=" + signed_headers + ", Signature=" + sig.signature;
  sig.headers_to_add.emplace_back("Authorization", sig.authorization);
  return sig;
}

}  // namespace ddb::http::sigv4
