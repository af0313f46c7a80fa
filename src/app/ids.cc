#include "app/ids.h"

#include <openssl/evp.h>

#include <string>

namespace app {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 16 bytes of a canonical UUID text; hyphens are skipped, invalid digits read as 0
// (the only caller passes a compile-time constant).
std::array<unsigned char, 16> UuidBytes(std::string_view text) {
  std::array<unsigned char, 16> out{};
  size_t n = 0;
  for (size_t i = 0; i + 1 < text.size() && n < out.size();) {
    if (text[i] == '-') {
      ++i;
      continue;
    }
    int hi = HexValue(text[i]);
    int lo = HexValue(text[i + 1]);
    out[n++] = static_cast<unsigned char>(((hi < 0 ? 0 : hi) << 4) | (lo < 0 ? 0 : lo));
    i += 2;
  }
  return out;
}

// SHA-1 of prefix + data (EVP: the low-level SHA1_* calls are deprecated in OpenSSL 3).
std::array<unsigned char, 20> Sha1(std::string_view prefix, std::string_view data) {
  std::string input;
  input.reserve(prefix.size() + data.size());
  input.append(prefix).append(data);
  std::array<unsigned char, 20> digest{};
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), digest.data(), &len, EVP_sha1(), nullptr);
  return digest;
}

}  // namespace

std::string UuidV5(std::string_view namespace_uuid, std::string_view name) {
  std::array<unsigned char, 16> ns = UuidBytes(namespace_uuid);
  auto digest = Sha1(std::string_view(reinterpret_cast<const char*>(ns.data()), ns.size()), name);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0F]);
  }
  return out;
}

std::string DeterministicId(std::string_view natural_key) {
  return UuidV5(kProjectNamespace, natural_key);
}

uint64_t StableHash(std::string_view key) {
  auto digest = Sha1({}, key);
  uint64_t h = 0;
  for (size_t i = 0; i < 8; ++i) h = (h << 8) | digest[i];
  return h;
}

}  // namespace app
