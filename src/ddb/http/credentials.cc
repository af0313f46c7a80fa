#include "ddb/http/credentials.h"

#include <array>
#include <optional>
#include <vector>

namespace ddb::http {
namespace {

// Profile settings that name a credential source this client does not implement (assumed
// roles, SSO, external processes, web identity). Seeing one turns "no keys" into advice.
constexpr std::array<std::string_view, 7> kUnsupportedProfileKeys = {
    "role_arn",      "source_profile",          "credential_process", "sso_session",
    "sso_start_url", "web_identity_token_file", "credential_source"};

// The mistakes of a pasted key: quotes, spaces, a newline. Says what is wrong, never the value.
std::optional<std::string> WhyMalformed(std::string_view value) {
  if (value.size() >= 1 && (value.front() == '"' || value.front() == '\'')) {
    return "is wrapped in quotes";
  }
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f) return "contains whitespace, control or non-ASCII characters";
  }
  return std::nullopt;
}

struct Named {
  std::string name;  // "AWS_ACCESS_KEY_ID", "aws_access_key_id", "the access key id option"
  std::optional<std::string> value;
};

// Keys from one source: nullopt when the source has neither key, an error when it has only one
// or a malformed one.
Result<std::optional<sigv4::Credentials>> FromSource(const std::string& source, const Named& id,
                                                     const Named& secret, const Named& token) {
  if (!id.value && !secret.value) return std::optional<sigv4::Credentials>();
  auto fail = [&](const std::string& what) {
    return Error(ErrorCode::kConfiguration,
                 "AWS credentials from " + source + " are incomplete or malformed: " + what +
                     ". Fix them (run `aws configure`, or export AWS_ACCESS_KEY_ID and "
                     "AWS_SECRET_ACCESS_KEY) and try again.");
  };
  if (!id.value) return fail(secret.name + " is set but " + id.name + " is not");
  if (!secret.value) return fail(id.name + " is set but " + secret.name + " is not");
  for (const Named* n : {&id, &secret, &token}) {
    if (!n->value) continue;
    if (auto why = WhyMalformed(*n->value)) return fail(n->name + " " + *why);
  }
  return std::optional<sigv4::Credentials>(
      sigv4::Credentials{*id.value, *secret.value, token.value.value_or("")});
}

std::optional<std::string> NonEmpty(const std::optional<std::string>& v) {
  if (v && !v->empty()) return v;
  return std::nullopt;
}

std::optional<std::string> Lookup(const Profile& p, std::string_view key) {
  auto it = p.find(key);
  if (it == p.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace

Result<ResolvedCredentials> ResolveCredentials(const HttpOptions& options, const Env& env,
                                               const SharedFiles& files, std::string_view profile) {
  std::vector<std::string> tried;
  std::optional<std::string> unsupported;  // "credential_process" etc. seen in the profile

  // 1. Explicit options.
  {
    XR_ASSIGN_OR_RETURN(
        auto creds,
        FromSource("the options", {"the access key id", NonEmpty(options.access_key_id)},
                   {"the secret access key", NonEmpty(options.secret_access_key)},
                   {"the session token", NonEmpty(options.session_token)}));
    if (creds) return ResolvedCredentials{*creds, "options"};
    tried.push_back("options: no access key given");
  }

  // 2. Environment. A profile named in the options wins over it, as `aws --profile` does.
  if (options.profile && !options.profile->empty()) {
    tried.push_back("environment: skipped because a profile was named explicitly");
  } else {
    XR_ASSIGN_OR_RETURN(
        auto creds,
        FromSource("the environment", {"AWS_ACCESS_KEY_ID", env.Get("AWS_ACCESS_KEY_ID")},
                   {"AWS_SECRET_ACCESS_KEY", env.Get("AWS_SECRET_ACCESS_KEY")},
                   {"AWS_SESSION_TOKEN", env.Get("AWS_SESSION_TOKEN")}));
    if (creds) return ResolvedCredentials{*creds, "environment"};
    tried.push_back("environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
  }

  // 3 and 4. The profile in the shared credentials file, then in the shared config file.
  const std::string quoted = "profile '" + std::string(profile) + "'";
  for (const ProfileFile* file : {&files.credentials, &files.config}) {
    const std::string where = file->path;
    if (!file->found) {
      tried.push_back(where + ": not found");
      continue;
    }
    auto p = file->profiles.find(profile);
    if (p == file->profiles.end()) {
      tried.push_back(where + ": has no " + quoted);
      continue;
    }
    XR_ASSIGN_OR_RETURN(
        auto creds,
        FromSource(quoted + " in " + where,
                   {"aws_access_key_id", Lookup(p->second, "aws_access_key_id")},
                   {"aws_secret_access_key", Lookup(p->second, "aws_secret_access_key")},
                   {"aws_session_token", Lookup(p->second, "aws_session_token")}));
    if (creds) return ResolvedCredentials{*creds, quoted + " in " + where};
    std::string line = where + ": " + quoted + " has no aws_access_key_id";
    for (std::string_view key : kUnsupportedProfileKeys) {
      if (Lookup(p->second, key)) {
        unsupported = std::string(key);
        line += " (it uses " + std::string(key) + ", which xrouting does not support)";
        break;
      }
    }
    tried.push_back(line);
  }

  std::string msg = "no AWS credentials found. Tried, in order:";
  for (const auto& t : tried) msg += "\n  - " + t;
  msg +=
      "\nTo fix: run `aws configure` (it writes ~/.aws/credentials), or export "
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
      "credentials), or pick a profile with AWS_PROFILE. A local endpoint (dynalite, DynamoDB "
      "Local) accepts any non-empty values.";
  if (unsupported) {
    msg +=
        "\nFor a role, SSO or credential_process profile, export temporary keys first: "
        "eval \"$(aws configure export-credentials --profile " +
        std::string(profile) + " --format env)\"";
  }
  if (env.Get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") ||
      env.Get("AWS_CONTAINER_CREDENTIALS_FULL_URI") || env.Get("AWS_WEB_IDENTITY_TOKEN_FILE")) {
    msg +=
        "\nContainer and web-identity credentials are not supported; pass keys through the "
        "environment instead.";
  }
  return Error(ErrorCode::kConfiguration, std::move(msg));
}

Result<ClientConfig> ResolveClientConfig(const HttpOptions& options, const Env& env) {
  ClientConfig config;
  XR_ASSIGN_OR_RETURN(SharedFiles files, LoadSharedFiles(env));
  config.profile = ProfileName(options, env);
  XR_ASSIGN_OR_RETURN(config.credentials, ResolveCredentials(options, env, files, config.profile));
  XR_ASSIGN_OR_RETURN(config.region, ResolveRegion(options, env, files, config.profile));
  XR_ASSIGN_OR_RETURN(config.endpoint,
                      ResolveEndpoint(options, env, files, config.profile, config.region));
  return config;
}

}  // namespace ddb::http
