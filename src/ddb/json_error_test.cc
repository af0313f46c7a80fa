// Error bodies stay valid JSON whatever bytes their message echoes (found by
// server_request_fuzzer: an Authorization header with a 0xFF byte made an undecodable body).
#include <gtest/gtest.h>

#include "ddb/json.h"

namespace ddb::json {
namespace {

TEST(ToValidUtf8, KeepsWellFormedTextAndReplacesEachMalformedByte) {
  EXPECT_EQ(ToValidUtf8("plain ascii"), "plain ascii");
  EXPECT_EQ(ToValidUtf8("\xC3\xBC \xE2\x82\xAC \xF0\x9F\x9A\x80"), "\xC3\xBC \xE2\x82\xAC \xF0\x9F\x9A\x80");
  EXPECT_EQ(ToValidUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(ToValidUtf8("\xC3"), "\xEF\xBF\xBD");                  // truncated
  EXPECT_EQ(ToValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(ToValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(ToValidUtf8("\xF4\x90\x80\x80").size(), 12u);          // past U+10FFFF
}

TEST(EncodeError, MessageEchoingMalformedBytesStillDecodes) {
  const Error error(ErrorCode::kIncompleteSignature,
                    "Unsupported algorithm AWS4-HMAC-SHA25\xFF\xFE in the Authorization header");
  const std::string body = EncodeError(error);
  const Error decoded = DecodeError(400, body);
  EXPECT_EQ(decoded.code, ErrorCode::kIncompleteSignature);
  EXPECT_EQ(decoded.message,
            "Unsupported algorithm AWS4-HMAC-SHA25\xEF\xBF\xBD\xEF\xBF\xBD in the Authorization "
            "header");
}

}  // namespace
}  // namespace ddb::json
