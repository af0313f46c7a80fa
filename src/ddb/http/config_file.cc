#include "ddb/http/config_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ddb::http {
namespace {

class ProcessEnv : public Env {
 public:
  std::optional<std::string> Get(std::string_view name) const override {
    const char* v = std::getenv(std::string(name).c_str());
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  }
  std::optional<std::string> ReadFile(const std::string& path) const override {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Cuts a trailing comment that starts with '#' or ';' after whitespace: "us-east-1 # home".
// A '#' with no space before it stays part of the value, as the SDKs read it.
std::string_view StripTrailingComment(std::string_view s) {
  for (size_t i = 1; i < s.size(); ++i) {
    if ((s[i] == '#' || s[i] == ';') && IsSpace(s[i - 1])) return Trim(s.substr(0, i));
  }
  return s;
}

Error ParseError(std::string_view file, size_t line, std::string_view what) {
  return Error(ErrorCode::kConfiguration, std::string(file) + ":" + std::to_string(line) + ": " +
                                              std::string(what) +
                                              " (the AWS shared file format is `[profile]` "
                                              "sections of `key = value` lines)");
}

// The section header's profile name, or nullopt for a section that holds no profile.
std::optional<std::string> SectionProfile(std::string_view name, ProfileFileKind kind) {
  if (kind == ProfileFileKind::kCredentials) return std::string(name);
  if (name == "default") return std::string(name);
  if (name.substr(0, 7) == "profile" && name.size() > 7 && IsSpace(name[7])) {
    return std::string(Trim(name.substr(8)));
  }
  return std::nullopt;  // [sso-session x], [services x], or a name without "profile "
}

std::string HomeDir(const Env& env) { return env.Get("HOME").value_or(""); }

std::string ExpandHome(const std::string& path, const Env& env) {
  if (path == "~" || path.rfind("~/", 0) == 0) return HomeDir(env) + path.substr(1);
  return path;
}

Result<ProfileFile> LoadFile(const Env& env, const char* override_var, const char* default_name,
                             ProfileFileKind kind) {
  ProfileFile file;
  if (auto p = env.Get(override_var)) {
    file.path = ExpandHome(*p, env);
  } else {
    std::string home = HomeDir(env);
    // Without HOME there is no default file; the path says why in error messages.
    file.path = home.empty() ? std::string("~/.aws/") + default_name + " (HOME is not set)"
                             : home + "/.aws/" + default_name;
    if (home.empty()) return file;
  }
  std::optional<std::string> text = env.ReadFile(file.path);
  if (!text) return file;
  file.found = true;
  XR_ASSIGN_OR_RETURN(file.profiles, ParseProfileFile(*text, kind, file.path));
  return file;
}

bool IsRegionName(std::string_view r) {
  if (r.empty() || r.size() > 64) return false;
  for (char c : r) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

const Env& SystemEnv() {
  static const ProcessEnv env;  // stateless: reads the process environment on each call
  return env;
}

std::optional<std::string> MapEnv::Get(std::string_view name) const {
  auto it = vars_.find(name);
  if (it == vars_.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::optional<std::string> MapEnv::ReadFile(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

Result<ProfileMap> ParseProfileFile(std::string_view text, ProfileFileKind kind,
                                    std::string_view file_name) {
  ProfileMap profiles;
  Profile* current = nullptr;  // null outside a section or inside a skipped one
  bool in_section = false;
  std::string* last_value = nullptr;  // for indented continuation lines
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;

    if (line[0] == '[') {
      size_t close = line.find(']');
      if (close == std::string_view::npos) return ParseError(file_name, line_no, "missing ']'");
      std::string_view rest = Trim(line.substr(close + 1));
      if (!rest.empty() && rest[0] != '#' && rest[0] != ';') {
        return ParseError(file_name, line_no, "text after a section header");
      }
      std::string_view name = Trim(line.substr(1, close - 1));
      if (name.empty()) return ParseError(file_name, line_no, "empty section name");
      in_section = true;
      last_value = nullptr;
      std::optional<std::string> profile = SectionProfile(name, kind);
      current = profile ? &profiles[*profile] : nullptr;
      continue;
    }

    // A nested setting under "key =" (e.g. "s3 =" then "  max_concurrent_requests = 20").
    // Other indented lines are read as ordinary settings: more forgiving than the SDKs,
    // which would glue an indented "aws_secret_access_key = ..." onto the line above.
    if (IsSpace(raw[0]) && last_value != nullptr &&
        (last_value->empty() || last_value->front() == '\n')) {
      *last_value += '\n';
      *last_value += line;
      continue;
    }

    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return ParseError(file_name, line_no, "expected `key = value`");
    }
    if (!in_section) return ParseError(file_name, line_no, "setting outside of any [section]");
    std::string key = Lower(Trim(line.substr(0, eq)));
    if (key.empty()) return ParseError(file_name, line_no, "empty key before '='");
    std::string value(StripTrailingComment(Trim(line.substr(eq + 1))));
    if (current == nullptr) {
      last_value = nullptr;
      continue;
    }
    std::string& slot = (*current)[key];
    slot = std::move(value);
    last_value = &slot;
  }
  return profiles;
}

std::optional<std::string> SharedFiles::Setting(std::string_view profile,
                                                std::string_view key) const {
  for (const ProfileFile* f : {&credentials, &config}) {
    auto p = f->profiles.find(profile);
    if (p == f->profiles.end()) continue;
    auto k = p->second.find(key);
    if (k != p->second.end() && !k->second.empty()) return k->second;
  }
  return std::nullopt;
}

Result<SharedFiles> LoadSharedFiles(const Env& env) {
  SharedFiles files;
  XR_ASSIGN_OR_RETURN(files.credentials, LoadFile(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials",
                                                  ProfileFileKind::kCredentials));
  XR_ASSIGN_OR_RETURN(files.config,
                      LoadFile(env, "AWS_CONFIG_FILE", "config", ProfileFileKind::kConfig));
  return files;
}

std::string ProfileName(const HttpOptions& options, const Env& env) {
  if (options.profile && !options.profile->empty()) return *options.profile;
  return env.Get("AWS_PROFILE").value_or("default");
}

Result<std::string> ResolveRegion(const HttpOptions& options, const Env& env,
                                  const SharedFiles& files, std::string_view profile) {
  std::string region, source;
  if (options.region && !options.region->empty()) {
    region = *options.region, source = "the region option";
  } else if (auto r = env.Get("AWS_REGION")) {
    region = *r, source = "AWS_REGION";
  } else if (auto r2 = env.Get("AWS_DEFAULT_REGION")) {
    region = *r2, source = "AWS_DEFAULT_REGION";
  } else if (auto r3 = files.Setting(profile, "region")) {
    region = *r3, source = "profile '" + std::string(profile) + "'";
  } else {
    return std::string("us-east-1");
  }
  if (!IsRegionName(region)) {
    return Error(ErrorCode::kConfiguration,
                 "region '" + region + "' from " + source +
                     " is not a region name like us-east-1; set AWS_REGION or run `aws configure`");
  }
  return region;
}

Result<Endpoint> ParseEndpoint(std::string_view url) {
  // A URL with user info may carry a password: never echo it.
  const std::string shown =
      url.find('@') == std::string_view::npos ? "'" + std::string(url) + "'" : "(not shown)";
  auto bad = [&](std::string_view why) {
    return Error(ErrorCode::kConfiguration, "endpoint " + shown + " " + std::string(why) +
                                                "; expected a URL like http://127.0.0.1:8000 or "
                                                "https://dynamodb.us-east-1.amazonaws.com");
  };
  Endpoint ep;
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return bad("has no scheme");
  ep.scheme = Lower(url.substr(0, sep));
  if (ep.scheme != "http" && ep.scheme != "https") return bad("is not http or https");
  std::string_view rest = url.substr(sep + 3);
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (authority.empty()) return bad("has no host");
  if (authority.find('@') != std::string_view::npos) return bad("must not hold user info");
  if (path.find_first_of("?#") != std::string_view::npos) return bad("must not hold a query");
  // Drop the scheme's default port so the signed Host matches what servers see.
  std::string_view host = authority;
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos) {
      return bad("has a bad port");
    }
    if ((ep.scheme == "http" && port == "80") || (ep.scheme == "https" && port == "443")) {
      host = authority.substr(0, colon);
    }
  }
  ep.host_header = Lower(host);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  ep.path = std::string(path);
  ep.url = ep.scheme + "://" + std::string(authority) + (ep.path == "/" ? "" : ep.path);
  return ep;
}

Result<Endpoint> ResolveEndpoint(const HttpOptions& options, const Env& env,
                                 const SharedFiles& files, std::string_view profile,
                                 std::string_view region) {
  if (options.endpoint && !options.endpoint->empty()) return ParseEndpoint(*options.endpoint);
  if (auto e = env.Get("AWS_ENDPOINT_URL_DYNAMODB")) return ParseEndpoint(*e);
  if (auto e = env.Get("AWS_ENDPOINT_URL")) return ParseEndpoint(*e);
  if (auto e = files.Setting(profile, "endpoint_url")) return ParseEndpoint(*e);
  std::string suffix = region.rfind("cn-", 0) == 0 ? ".amazonaws.com.cn" : ".amazonaws.com";
  return ParseEndpoint("https://dynamodb." + std::string(region) + suffix);
}

}  // namespace ddb::http
