#include "server/auth.h"

#include <gtest/gtest.h>

namespace server {
namespace {

constexpr std::string_view kGood =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400";

ddb::ErrorCode CodeOf(const ddb::Status& s) {
  return s.ok() ? ddb::ErrorCode::kUnknown : s.error().code;
}

TEST(Auth, AcceptsAnyWellFormedSigV4WithoutVerifyingIt) {
  EXPECT_TRUE(CheckAuthorization(kGood, true).ok());
  // No spaces after the commas is also what some clients send.
  EXPECT_TRUE(CheckAuthorization("AWS4-HMAC-SHA256 Credential=k/d/r/s/aws4_request,"
                                 "SignedHeaders=host,Signature=00",
                                 true)
                  .ok());
}

TEST(Auth, MissingHeaderIsMissingAuthenticationToken) {
  auto s = CheckAuthorization(std::nullopt, true);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ddb::ErrorCode::kMissingAuthenticationToken);
  EXPECT_EQ(s.error().message, "Request is missing Authentication Token");
  EXPECT_EQ(CodeOf(CheckAuthorization("Bearer abc", true)),
            ddb::ErrorCode::kMissingAuthenticationToken);
  EXPECT_EQ(CodeOf(CheckAuthorization("", true)), ddb::ErrorCode::kMissingAuthenticationToken);
}

TEST(Auth, IncompleteSignatureNamesWhatIsMissing) {
  auto s = CheckAuthorization("AWS4-HMAC-SHA256 Credential=k/d/r/s/aws4_request", true);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ddb::ErrorCode::kIncompleteSignature);
  EXPECT_NE(s.error().message.find("'Signature'"), std::string::npos);
  EXPECT_NE(s.error().message.find("'SignedHeaders'"), std::string::npos);
  EXPECT_EQ(s.error().message.find("'Credential'"), std::string::npos);

  auto no_date = CheckAuthorization(kGood, false);
  ASSERT_FALSE(no_date.ok());
  EXPECT_EQ(no_date.error().code, ddb::ErrorCode::kIncompleteSignature);
  EXPECT_NE(no_date.error().message.find("X-Amz-Date"), std::string::npos);
}

TEST(Auth, MalformedCredentialOrAlgorithm) {
  EXPECT_EQ(CodeOf(CheckAuthorization(
                "AWS4-HMAC-SHA256 Credential=k/d/r, SignedHeaders=host, Signature=00", true)),
            ddb::ErrorCode::kIncompleteSignature);
  EXPECT_EQ(CodeOf(CheckAuthorization(
                "AWS4-HMAC-SHA1 Credential=k/d/r/s/t, SignedHeaders=host, Signature=00", true)),
            ddb::ErrorCode::kIncompleteSignature);
}

}  // namespace
}  // namespace server
