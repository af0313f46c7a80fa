// The credential chain, region/endpoint resolution and the shared-file parser, all on an
// injected environment (MapEnv) so the machine's own ~/.aws never matters.
#include "ddb/http/credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ddb::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kHome = "/home/tester";
const std::string kCredsPath = kHome + "/.aws/credentials";
const std::string kConfigPath = kHome + "/.aws/config";

MapEnv MakeEnv(std::map<std::string, std::string> vars, std::map<std::string, std::string> files) {
  vars.emplace("HOME", kHome);
  return MapEnv(std::move(vars), std::move(files));
}

Result<ClientConfig> Resolve(const MapEnv& env, HttpOptions options = {}) {
  return ResolveClientConfig(options, env);
}

TEST(ProfileFile, ParsesSectionsCommentsAndWhitespace) {
  const std::string text =
      "# leading comment\n"
      "; another comment\n"
      "\n"
      "[default]\n"
      "aws_access_key_id=AKIDDEFAULT\n"
      "  aws_secret_access_key   =   s3cr3t/with+chars==   \n"
      "\t\n"
      "[ dev ]   # comment after a header\n"
      "AWS_Access_Key_Id = AKIDDEV ; trailing comment\n"
      "aws_secret_access_key = hash#inside\r\n"
      "s3 =\n"
      "  max_concurrent_requests = 20\n";
  auto parsed = ParseProfileFile(text, ProfileFileKind::kCredentials, "creds");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  const ProfileMap& p = *parsed;
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.at("default").at("aws_access_key_id"), "AKIDDEFAULT");
  EXPECT_EQ(p.at("default").at("aws_secret_access_key"), "s3cr3t/with+chars==");
  EXPECT_EQ(p.at("dev").at("aws_access_key_id"), "AKIDDEV");
  EXPECT_EQ(p.at("dev").at("aws_secret_access_key"), "hash#inside");
  EXPECT_EQ(p.at("dev").at("s3"), "\nmax_concurrent_requests = 20");
}

TEST(ProfileFile, ConfigFileUsesProfilePrefixAndSkipsOtherSections) {
  const std::string text =
      "[default]\nregion = eu-west-1\n"
      "[profile dev]\nregion=ap-south-1\n"
      "[profile  spaced ]\nregion=us-west-2\n"
      "[sso-session corp]\nsso_region = us-east-1\n"
      "[nope]\nregion = xx\n";
  auto parsed = ParseProfileFile(text, ProfileFileKind::kConfig, "config");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  EXPECT_EQ(parsed->size(), 3u);
  EXPECT_EQ(parsed->at("default").at("region"), "eu-west-1");
  EXPECT_EQ(parsed->at("dev").at("region"), "ap-south-1");
  EXPECT_EQ(parsed->at("spaced").at("region"), "us-west-2");
  EXPECT_EQ(parsed->count("nope"), 0u);
  EXPECT_EQ(parsed->count("sso-session corp"), 0u);
}

TEST(ProfileFile, SyntaxErrorsNameFileAndLineButNotTheText) {
  auto r = ParseProfileFile("[default]\naws_secret_access_key SECRETLINE\n",
                            ProfileFileKind::kCredentials, "/x/credentials");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConfiguration);
  EXPECT_THAT(r.error().message, HasSubstr("/x/credentials:2"));
  EXPECT_THAT(r.error().message, Not(HasSubstr("SECRETLINE")));

  EXPECT_FALSE(ParseProfileFile("key = v\n", ProfileFileKind::kConfig, "c").ok());
  EXPECT_FALSE(ParseProfileFile("[default\n", ProfileFileKind::kConfig, "c").ok());
  EXPECT_FALSE(ParseProfileFile("[default] junk\n", ProfileFileKind::kConfig, "c").ok());
  EXPECT_TRUE(ParseProfileFile("", ProfileFileKind::kConfig, "c").ok());
}

TEST(Credentials, MissingFilesAndNoKeysListEverySourceAndHowToFix) {
  auto r = Resolve(MakeEnv({}, {}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConfiguration);
  const std::string& m = r.error().message;
  EXPECT_THAT(m, HasSubstr("options"));
  EXPECT_THAT(m, HasSubstr("AWS_ACCESS_KEY_ID"));
  EXPECT_THAT(m, HasSubstr(kCredsPath + ": not found"));
  EXPECT_THAT(m, HasSubstr(kConfigPath + ": not found"));
  EXPECT_THAT(m, HasSubstr("aws configure"));
}

TEST(Credentials, ErrorNeverShowsSecretsOfOtherProfiles) {
  MapEnv env = MakeEnv({{"AWS_PROFILE", "missing"}}, {{kCredsPath,
                                                       "[default]\naws_access_key_id=AKIDX\n"
                                                       "aws_secret_access_key=TOPSECRETVALUE\n"}});
  auto r = Resolve(env);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("has no profile 'missing'"));
  EXPECT_THAT(r.error().message, Not(HasSubstr("TOPSECRETVALUE")));
}

TEST(Credentials, PartialOrMalformedKeysAreErrorsWithoutTheSecret) {
  auto half = Resolve(MakeEnv({{"AWS_SECRET_ACCESS_KEY", "HALFSECRET"}}, {}));
  ASSERT_FALSE(half.ok());
  EXPECT_THAT(half.error().message, HasSubstr("AWS_ACCESS_KEY_ID is not"));
  EXPECT_THAT(half.error().message, Not(HasSubstr("HALFSECRET")));

  auto quoted = Resolve(
      MakeEnv({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "\"QUOTEDSECRET\""}}, {}));
  ASSERT_FALSE(quoted.ok());
  EXPECT_THAT(quoted.error().message, HasSubstr("AWS_SECRET_ACCESS_KEY is wrapped in quotes"));
  EXPECT_THAT(quoted.error().message, Not(HasSubstr("QUOTEDSECRET")));

  auto spaced = Resolve(MakeEnv({}, {{kCredsPath,
                                      "[default]\naws_access_key_id=AKID\n"
                                      "aws_secret_access_key=SEC RET\n"}}));
  ASSERT_FALSE(spaced.ok());
  EXPECT_THAT(spaced.error().message, HasSubstr("aws_secret_access_key contains whitespace"));
  EXPECT_THAT(spaced.error().message, HasSubstr("profile 'default' in " + kCredsPath));
  EXPECT_THAT(spaced.error().message, Not(HasSubstr("SEC RET")));
}

TEST(Credentials, PrecedenceOptionsThenEnvThenCredentialsFileThenConfigFile) {
  std::map<std::string, std::string> files = {
      {kCredsPath, "[default]\naws_access_key_id=FROMCREDS\naws_secret_access_key=s1\n"},
      {kConfigPath, "[default]\naws_access_key_id=FROMCONFIG\naws_secret_access_key=s2\n"}};
  std::map<std::string, std::string> env_keys = {{"AWS_ACCESS_KEY_ID", "FROMENV"},
                                                 {"AWS_SECRET_ACCESS_KEY", "s3"},
                                                 {"AWS_SESSION_TOKEN", "tok"}};
  HttpOptions explicit_keys;
  explicit_keys.access_key_id = "FROMOPTIONS";
  explicit_keys.secret_access_key = "s4";

  auto r = Resolve(MakeEnv(env_keys, files), explicit_keys);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.credentials.access_key_id, "FROMOPTIONS");
  EXPECT_EQ(r->credentials.credentials.session_token, "");
  EXPECT_EQ(r->credentials.source, "options");

  r = Resolve(MakeEnv(env_keys, files));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.credentials.access_key_id, "FROMENV");
  EXPECT_EQ(r->credentials.credentials.session_token, "tok");
  EXPECT_EQ(r->credentials.source, "environment");

  r = Resolve(MakeEnv({}, files));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.credentials.access_key_id, "FROMCREDS");
  EXPECT_EQ(r->credentials.source, "profile 'default' in " + kCredsPath);

  files.erase(kCredsPath);
  r = Resolve(MakeEnv({}, files));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.credentials.access_key_id, "FROMCONFIG");
}

TEST(Credentials, ProfileSelectionAndFileOverrides) {
  std::map<std::string, std::string> files = {
      {"/etc/creds",
       "[default]\naws_access_key_id=D\naws_secret_access_key=d\n"
       "[dev]\naws_access_key_id=DEV\naws_secret_access_key=dev\n"
       "aws_session_token=devtoken\n"},
      {"/etc/conf", "[profile dev]\nregion = eu-central-1\n"}};
  MapEnv env = MakeEnv({{"AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"},
                        {"AWS_CONFIG_FILE", "/etc/conf"},
                        {"AWS_PROFILE", "dev"}},
                       files);
  auto r = Resolve(env);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->profile, "dev");
  EXPECT_EQ(r->credentials.credentials.access_key_id, "DEV");
  EXPECT_EQ(r->credentials.credentials.session_token, "devtoken");
  EXPECT_EQ(r->region, "eu-central-1");
  EXPECT_EQ(r->endpoint.url, "https://dynamodb.eu-central-1.amazonaws.com");

  // An explicit profile beats AWS_PROFILE and, like `aws --profile`, the env keys.
  MapEnv with_env_keys = MakeEnv({{"AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"},
                                  {"AWS_PROFILE", "dev"},
                                  {"AWS_ACCESS_KEY_ID", "ENV"},
                                  {"AWS_SECRET_ACCESS_KEY", "env"}},
                                 files);
  HttpOptions opts;
  opts.profile = "default";
  r = Resolve(with_env_keys, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.credentials.access_key_id, "D");
}

TEST(Credentials, UnsupportedProfileKindsGetAdvice) {
  MapEnv env = MakeEnv({}, {{kConfigPath, "[default]\ncredential_process = /bin/get-creds\n"}});
  auto r = Resolve(env);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().message, HasSubstr("credential_process"));
  EXPECT_THAT(r.error().message, HasSubstr("aws configure export-credentials --profile default"));
}

TEST(Region, PrecedenceAndValidation) {
  std::map<std::string, std::string> files = {
      {kCredsPath, "[default]\naws_access_key_id=A\naws_secret_access_key=s\n"},
      {kConfigPath, "[default]\nregion = ap-northeast-1\n"}};
  HttpOptions opts;
  opts.region = "sa-east-1";
  EXPECT_EQ(Resolve(MakeEnv({{"AWS_REGION", "eu-west-3"}}, files), opts)->region, "sa-east-1");
  EXPECT_EQ(
      Resolve(MakeEnv({{"AWS_REGION", "eu-west-3"}, {"AWS_DEFAULT_REGION", "eu-west-2"}}, files))
          ->region,
      "eu-west-3");
  EXPECT_EQ(Resolve(MakeEnv({{"AWS_DEFAULT_REGION", "eu-west-2"}}, files))->region, "eu-west-2");
  EXPECT_EQ(Resolve(MakeEnv({}, files))->region, "ap-northeast-1");
  files.erase(kConfigPath);
  EXPECT_EQ(Resolve(MakeEnv({}, files))->region, "us-east-1");

  auto bad = Resolve(MakeEnv({{"AWS_REGION", "US East"}}, files));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kConfiguration);
  EXPECT_THAT(bad.error().message, HasSubstr("AWS_REGION"));
}

TEST(EndpointConfig, PrecedenceAndDefaults) {
  std::map<std::string, std::string> files = {
      {kCredsPath, "[default]\naws_access_key_id=A\naws_secret_access_key=s\n"},
      {kConfigPath, "[default]\nendpoint_url = http://profile:1\n"}};
  HttpOptions opts;
  opts.endpoint = "http://option:1";
  std::map<std::string, std::string> vars = {{"AWS_ENDPOINT_URL_DYNAMODB", "http://ddb:1"},
                                             {"AWS_ENDPOINT_URL", "http://all:1"}};
  EXPECT_EQ(Resolve(MakeEnv(vars, files), opts)->endpoint.url, "http://option:1");
  EXPECT_EQ(Resolve(MakeEnv(vars, files))->endpoint.url, "http://ddb:1");
  vars.erase("AWS_ENDPOINT_URL_DYNAMODB");
  EXPECT_EQ(Resolve(MakeEnv(vars, files))->endpoint.url, "http://all:1");
  EXPECT_EQ(Resolve(MakeEnv({}, files))->endpoint.url, "http://profile:1");
  files.erase(kConfigPath);
  EXPECT_EQ(Resolve(MakeEnv({}, files))->endpoint.url, "https://dynamodb.us-east-1.amazonaws.com");
  EXPECT_EQ(Resolve(MakeEnv({{"AWS_REGION", "cn-north-1"}}, files))->endpoint.url,
            "https://dynamodb.cn-north-1.amazonaws.com.cn");
}

TEST(EndpointConfig, ParseKeepsNonDefaultPortsAndRejectsJunk) {
  auto e = ParseEndpoint("http://127.0.0.1:8000/");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->url, "http://127.0.0.1:8000");
  EXPECT_EQ(e->host_header, "127.0.0.1:8000");
  EXPECT_EQ(e->path, "/");
  e = ParseEndpoint("HTTPS://Dynamodb.us-east-1.amazonaws.com:443");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host_header, "dynamodb.us-east-1.amazonaws.com");
  e = ParseEndpoint("http://proxy:8080/ddb/");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->path, "/ddb");
  EXPECT_EQ(e->url, "http://proxy:8080/ddb");

  EXPECT_FALSE(ParseEndpoint("localhost:8000").ok());
  EXPECT_FALSE(ParseEndpoint("ftp://x").ok());
  EXPECT_FALSE(ParseEndpoint("http://").ok());
  EXPECT_FALSE(ParseEndpoint("http://x:abc").ok());
  auto userinfo = ParseEndpoint("http://user:PASSWORD@host");
  ASSERT_FALSE(userinfo.ok());
  EXPECT_THAT(userinfo.error().message, Not(HasSubstr("PASSWORD")));
}

TEST(SharedFiles, BrokenConfigFileIsAConfigurationError) {
  auto r = Resolve(MakeEnv({{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "s"}},
                           {{kConfigPath, "[default]\nthis is not ini\n"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConfiguration);
  EXPECT_THAT(r.error().message, HasSubstr(kConfigPath + ":2"));
}

TEST(SharedFiles, NoHomeMeansNoDefaultFiles) {
  MapEnv env({{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "s"}}, {});
  auto r = ResolveClientConfig({}, env);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->region, "us-east-1");
}

}  // namespace
}  // namespace ddb::http
