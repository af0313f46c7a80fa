// Base64 (RFC 4648, standard alphabet, with padding): DynamoDB sends binary values (B, BS)
// as base64 strings inside JSON.
#pragma once

#include <string>
#include <string_view>

#include "ddb/result.h"

namespace ddb {

std::string Base64Encode(std::string_view bytes);

// Strict decoding: the length must be a multiple of 4, only the standard alphabet, '='
// only as the last one or two characters, and the unused bits of the last symbol must be
// zero (so every byte string has exactly one accepted encoding). Whitespace is not
// allowed. Errors are ValidationException naming the problem.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace ddb
