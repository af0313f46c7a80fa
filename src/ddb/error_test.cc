#include "ddb/error.h"

#include <gtest/gtest.h>

#include "ddb/result.h"

namespace ddb {
namespace {

TEST(ErrorTest, TypeNamesRoundTrip) {
  for (ErrorCode c : {ErrorCode::kValidation, ErrorCode::kResourceNotFound,
                      ErrorCode::kResourceInUse, ErrorCode::kConditionalCheckFailed,
                      ErrorCode::kProvisionedThroughputExceeded, ErrorCode::kThrottling,
                      ErrorCode::kRequestLimitExceeded, ErrorCode::kInternalServerError}) {
    EXPECT_EQ(Error::FromTypeName(Error::ErrorTypeName(c)), c);
  }
}

TEST(ErrorTest, ParsesQualifiedWireName) {
  EXPECT_EQ(Error::FromTypeName("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"),
            ErrorCode::kResourceNotFound);
  EXPECT_EQ(Error::FromTypeName("com.amazon.coral.validate#ValidationException"),
            ErrorCode::kValidation);
  EXPECT_EQ(Error::FromTypeName("SomethingNew"), ErrorCode::kUnknown);
}

TEST(ErrorTest, RetryableAndStatus) {
  EXPECT_TRUE(Error(ErrorCode::kThrottling, "").retryable());
  EXPECT_TRUE(Error(ErrorCode::kProvisionedThroughputExceeded, "").retryable());
  EXPECT_TRUE(Error(ErrorCode::kInternalServerError, "").retryable());
  EXPECT_FALSE(Error(ErrorCode::kValidation, "").retryable());
  EXPECT_EQ(Error(ErrorCode::kValidation, "").http_status(), 400);
  EXPECT_EQ(Error(ErrorCode::kServiceUnavailable, "").http_status(), 503);
  EXPECT_EQ(ValidationError("bad").ToString(), "ValidationException: bad");
}

Result<int> Half(int x) {
  if (x % 2) return ValidationError("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  XR_ASSIGN_OR_RETURN(int h, Half(x));
  XR_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "odd");
}

}  // namespace
}  // namespace ddb
