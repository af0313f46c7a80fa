// KeyCodec: order-preserving, self-delimiting byte encodings of key values (S, N, B), so
// that memcmp order of the encodings is DynamoDB's order of the values, and a partition key
// followed by a sort key can be concatenated and still compare correctly.
//
//   S, B   the bytes, each 0x00 escaped as 0x00 0xFF, then the terminator 0x00 0x00.
//          A shorter value sorts first because 0x00 0x00 < 0x00 0xFF and < any other byte.
//   N      a sign byte (0x01 negative, 0x02 zero, 0x03 positive); for non-zero values the
//          adjusted exponent as 2 bytes big-endian (biased by 0x8000), then the significant
//          digits packed two per byte (d1*10 + d2 + 1, so 1..100), then a 0x00 terminator.
//          Negative numbers invert every byte after the sign, so larger magnitudes sort first
//          and the terminator becomes 0xFF (never a digit byte).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ddb/attribute_value.h"
#include "ddb/model.h"

namespace engine::keycodec {

// Appends the encoding of a key value; v must be S, N or B.
void AppendValue(const ddb::AttributeValue& v, std::string* out);
void AppendNumber(const ddb::Number& n, std::string* out);
void AppendBytes(std::string_view bytes, std::string* out);
// The escaped bytes without the terminator: every encoding of a value that begins with
// `prefix` starts with this (used for begins_with on sort keys).
void AppendBytesPrefix(std::string_view prefix, std::string* out);

// True when v's type is the scalar type t.
bool HasType(const ddb::AttributeValue& v, ddb::ScalarAttributeType t);

// A stable 64-bit hash (FNV-1a with a murmur-style finalizer): persisted in storage keys,
// so it must never change.
uint64_t Hash64(std::string_view bytes);

void AppendBE16(uint16_t v, std::string* out);
void AppendBE32(uint32_t v, std::string* out);
void AppendBE64(uint64_t v, std::string* out);
uint64_t ReadBE64(std::string_view bytes);  // bytes.size() >= 8

// The smallest string greater than every string that starts with `prefix`; empty when
// there is none (prefix is all 0xFF).
std::string PrefixEnd(std::string_view prefix);

}  // namespace engine::keycodec
