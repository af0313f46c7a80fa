// Authentication for `xrouting serve`, as DynamoDB Local and dynalite do it: a request must
// carry a well-formed AWS Signature Version 4 Authorization header, but the signature is not
// verified (there are no users and no secrets on a local server). Checking the shape still
// catches clients that are not configured with credentials at all, so a script that works
// here also signs its requests when pointed at real DynamoDB.
#pragma once

#include <optional>
#include <string_view>

#include "ddb/result.h"

namespace server {

// authorization: the Authorization header, nullopt when absent. has_date: an X-Amz-Date or
// Date header is present (SigV4 signs one of them).
//   absent, or not an AWS4 scheme    -> MissingAuthenticationTokenException
//   AWS4 but incomplete or malformed -> IncompleteSignatureException
ddb::Status CheckAuthorization(std::optional<std::string_view> authorization, bool has_date);

}  // namespace server
