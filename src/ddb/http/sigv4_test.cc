// SigV4 against the official AWS test suite (testdata/sigv4, see its SOURCE.md) plus a few
// hand-checked building blocks.
#include "ddb/http/sigv4.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace ddb::http::sigv4 {
namespace {

namespace fs = std::filesystem;

const fs::path kSuiteDir = fs::path(XR_SOURCE_DIR) / "testdata" / "sigv4";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (true) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.emplace_back(text.substr(pos));
      return lines;
    }
    lines.emplace_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
}

// Parses a raw .req file as SOURCE.md describes: the request target is whatever lies between
// the first and the last space of line 1; obs-fold lines continue the previous header; an
// empty line starts the body.
Request ParseReq(const std::string& text, std::string* body_storage) {
  std::vector<std::string> lines = SplitLines(text);
  Request req;
  const std::string& first = lines.at(0);
  size_t sp1 = first.find(' ');
  size_t sp2 = first.rfind(' ');
  req.method = first.substr(0, sp1);
  std::string target = first.substr(sp1 + 1, sp2 - sp1 - 1);
  size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);
  size_t i = 1;
  for (; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      req.headers.back().second += " " + line;
      continue;
    }
    size_t colon = line.find(':');
    req.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  body_storage->clear();
  for (size_t j = i + 1; j < lines.size(); ++j) {
    if (j > i + 1) *body_storage += '\n';
    *body_storage += lines[j];
  }
  req.body = *body_storage;
  return req;
}

std::string CreqValue(const std::string& creq, std::string_view header) {
  for (const auto& line : SplitLines(creq)) {
    if (line.rfind(std::string(header) + ":", 0) == 0) return line.substr(header.size() + 1);
  }
  return {};
}

struct Case {
  std::string id;  // relative dir, e.g. "normalize-path/get-slash"
  fs::path dir;
};

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (const auto& entry : fs::recursive_directory_iterator(kSuiteDir)) {
    if (entry.path().extension() != ".req") continue;
    cases.push_back({fs::relative(entry.path().parent_path(), kSuiteDir).generic_string(),
                     entry.path().parent_path()});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.id < b.id; });
  return cases;
}

TEST(SigV4Suite, EveryCaseMatchesCanonicalRequestStringToSignAndAuthorization) {
  const std::vector<Case> cases = AllCases();
  // SOURCE.md: 34 cases. No case is excluded.
  ASSERT_EQ(cases.size(), 34u) << "test suite not found or changed under " << kSuiteDir;

  const Credentials base{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  const std::string long_token = [] {
    // post-sts-token/readme.txt holds the long example token; take it from the
    // header-before request, where it is an ordinary signed header.
    std::string text = ReadAll(kSuiteDir /
                               "post-sts-token/post-sts-header-before/"
                               "post-sts-header-before.req");
    size_t at = text.find("X-Amz-Security-Token:");
    size_t end = text.find('\n', at);
    return text.substr(at + 21, end == std::string::npos ? std::string::npos : end - at - 21);
  }();
  ASSERT_FALSE(long_token.empty());

  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    const std::string name = c.dir.filename().string();
    const std::string creq = ReadAll(c.dir / (name + ".creq"));
    std::string body;
    Request req = ParseReq(ReadAll(c.dir / (name + ".req")), &body);

    Credentials creds = base;
    SigningParams params{"us-east-1", "service", {}, false};
    // The request time is the X-Amz-Date of every .req; give the same instant explicitly.
    params.time = std::chrono::system_clock::from_time_t(1440938160);  // 20150830T123600Z
    if (c.id == "get-vanilla-with-session-token") {
      // SOURCE.md: the .req has no token; the signer adds and signs it.
      creds.session_token = CreqValue(creq, "x-amz-security-token");
      ASSERT_FALSE(creds.session_token.empty());
    } else if (c.id == "post-sts-token/post-sts-header-before") {
      creds.session_token = long_token;  // already in the .req: must not be added twice
    } else if (c.id == "post-sts-token/post-sts-header-after") {
      creds.session_token = long_token;  // aws-c-auth's omit_session_token: true
      params.omit_session_token = true;
    }

    Signature sig = Sign(req, creds, params);
    EXPECT_EQ(sig.canonical_request, creq);
    EXPECT_EQ(sig.string_to_sign, ReadAll(c.dir / (name + ".sts")));
    EXPECT_EQ(sig.authorization, ReadAll(c.dir / (name + ".authz")));

    std::set<std::string> added;
    for (const auto& h : sig.headers_to_add) added.insert(h.first);
    EXPECT_EQ(added.count("X-Amz-Date"), 0u) << "every .req already has X-Amz-Date";
    EXPECT_EQ(added.count("X-Amz-Security-Token"),
              c.id == "get-vanilla-with-session-token" ? 1u : 0u);
    EXPECT_EQ(added.count("Authorization"), 1u);
  }
}

TEST(SigV4, SigningKeyMatchesAwsDocumentationExample) {
  // The derived-key example of the AWS General Reference (IAM, 20120215).
  EXPECT_EQ(HexEncode(SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215",
                                 "us-east-1", "iam")),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4, AmzDateIsUtcBasicFormat) {
  EXPECT_EQ(AmzDate(std::chrono::system_clock::from_time_t(1440938160)), "20150830T123600Z");
  EXPECT_EQ(AmzDate(std::chrono::system_clock::from_time_t(0)), "19700101T000000Z");
}

TEST(SigV4, CanonicalUriNormalizesAndEncodes) {
  EXPECT_EQ(CanonicalUri(""), "/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri("/a/./b/../c/"), "/a/c/");
  EXPECT_EQ(CanonicalUri("/a/b/.."), "/a/");
  EXPECT_EQ(CanonicalUri("/../.."), "/");
  EXPECT_EQ(CanonicalUri("/a b/$"), "/a%20b/%24");
}

TEST(SigV4, QueryValueEncodingKeepsPlusAndEncodesSlash) {
  EXPECT_EQ(CanonicalQuery("b=2&a=x/y&c=1+1&flag"), "a=x%2Fy&b=2&c=1%2B1&flag=");
}

TEST(SigV4, AddsDateAndTokenWhenMissing) {
  Request req{"POST", "/", "", {{"Host", "dynamodb.us-east-1.amazonaws.com"}}, "{}"};
  Credentials creds{"AKID", "secret", "token"};
  Signature sig =
      Sign(req, creds,
           {"us-east-1", "dynamodb", std::chrono::system_clock::from_time_t(1440938160), false});
  ASSERT_EQ(sig.headers_to_add.size(), 3u);
  EXPECT_EQ(sig.headers_to_add[0], (Header{"X-Amz-Date", "20150830T123600Z"}));
  EXPECT_EQ(sig.headers_to_add[1], (Header{"X-Amz-Security-Token", "token"}));
  EXPECT_EQ(sig.headers_to_add[2].first, "Authorization");
  EXPECT_NE(sig.authorization.find("Credential=AKID/20150830/us-east-1/dynamodb/aws4_request, "
                                   "SignedHeaders=host;x-amz-date;x-amz-security-token, "
                                   "Signature="),
            std::string::npos)
      << sig.authorization;
  EXPECT_EQ(sig.authorization.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace ddb::http::sigv4
