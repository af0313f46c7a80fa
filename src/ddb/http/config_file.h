// The AWS shared configuration: environment access (injectable, so tests never read the real
// machine), the ~/.aws/credentials and ~/.aws/config file format, and the region and endpoint
// settings resolved in the AWS SDKs' order.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ddb/http/http_backend.h"
#include "ddb/result.h"

namespace ddb::http {

// Where settings come from: environment variables and files. SystemEnv() is the process;
// MapEnv is a fixed set for tests.
class Env {
 public:
  virtual ~Env() = default;
  // The variable's value; nullopt when it is unset or empty (the SDKs treat both alike).
  virtual std::optional<std::string> Get(std::string_view name) const = 0;
  // The whole file; nullopt when it does not exist or cannot be read.
  virtual std::optional<std::string> ReadFile(const std::string& path) const = 0;
};

const Env& SystemEnv();

class MapEnv : public Env {
 public:
  MapEnv() = default;
  MapEnv(std::map<std::string, std::string> vars, std::map<std::string, std::string> files)
      : vars_(vars.begin(), vars.end()), files_(files.begin(), files.end()) {}
  std::optional<std::string> Get(std::string_view name) const override;
  std::optional<std::string> ReadFile(const std::string& path) const override;

 private:
  std::map<std::string, std::string, std::less<>> vars_;
  std::map<std::string, std::string, std::less<>> files_;  // path -> contents
};

using Profile = std::map<std::string, std::string, std::less<>>;  // key -> value
using ProfileMap = std::map<std::string, Profile, std::less<>>;   // profile name -> keys

enum class ProfileFileKind {
  kCredentials,  // sections are [name]
  kConfig,       // sections are [profile name] and [default]; others ([sso-session x]) skipped
};

// Parses the INI dialect of the AWS shared files: '#' and ';' comment lines, comments after a
// section header and after a value when preceded by whitespace, keys lower-cased, values
// trimmed, indented lines continuing the previous value (nested settings such as "s3 =").
// Errors name the file and line, never the line's text (it may hold a secret).
Result<ProfileMap> ParseProfileFile(std::string_view text, ProfileFileKind kind,
                                    std::string_view file_name);

struct ProfileFile {
  std::string path;
  bool found = false;
  ProfileMap profiles;
};

struct SharedFiles {
  ProfileFile credentials;  // AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials
  ProfileFile config;       // AWS_CONFIG_FILE, else ~/.aws/config
  // A setting of the profile: the credentials file first, then the config file, as the SDKs
  // merge them.
  std::optional<std::string> Setting(std::string_view profile, std::string_view key) const;
};

// Missing files are fine (found=false); unreadable syntax is a kConfiguration error.
Result<SharedFiles> LoadSharedFiles(const Env& env);

// options.profile, else AWS_PROFILE, else "default".
std::string ProfileName(const HttpOptions& options, const Env& env);

// options.region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else us-east-1.
Result<std::string> ResolveRegion(const HttpOptions& options, const Env& env,
                                  const SharedFiles& files, std::string_view profile);

struct Endpoint {
  std::string url;          // "https://host[:port][/path]" without a trailing slash
  std::string scheme;       // "http" or "https"
  std::string host_header;  // "host" or "host:port" when the port is not the scheme's default
  std::string path;         // request path, "/" unless the URL has one
};

Result<Endpoint> ParseEndpoint(std::string_view url);

// options.endpoint, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, the profile's endpoint_url,
// else https://dynamodb.<region>.amazonaws.com (.com.cn in the China regions).
Result<Endpoint> ResolveEndpoint(const HttpOptions& options, const Env& env,
                                 const SharedFiles& files, std::string_view profile,
                                 std::string_view region);

}  // namespace ddb::http
