// Where HTTPS clients find trusted CA certificates when the system default does not fit.
// Debian's libcurl looks for /etc/ssl/certs/ca-certificates.crt, which Amazon Linux
// (Lambda's provided.al2023) does not have; the AWS SDKs honour AWS_CA_BUNDLE for this, and
// OpenSSL tools SSL_CERT_FILE. Lambda's bootstrap script exports both.
#pragma once

#include <cstdlib>
#include <initializer_list>

namespace ddb {

// The CA bundle file named by AWS_CA_BUNDLE, else SSL_CERT_FILE; nullptr for the default.
inline const char* CaBundleFromEnv() {
  for (const char* name : {"AWS_CA_BUNDLE", "SSL_CERT_FILE"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return v;
  }
  return nullptr;
}

}  // namespace ddb
