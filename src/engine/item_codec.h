// ItemCodec: the compact binary form items are stored in. A version byte, then the item as
// a map: varint count, then (varint name length, name, value) per attribute. A value is a
// type byte (ddb::AttributeType) and:
//   S, B          varint length + bytes
//   N             varint length + the number as "<digits>E<exponent>" (exact, and parsed back
//                 by ddb::Number::Parse, the one place that knows how to build a Number)
//   BOOL          one byte 0/1;  NULL  nothing
//   M             a nested map;  L  varint count + values
//   SS, BS, NS    varint count + (varint length + bytes) per element
// Decoding never trusts its input: a truncated or corrupt value is an IO error, not a crash.
#pragma once

#include <string>
#include <string_view>

#include "ddb/attribute_value.h"
#include "ddb/result.h"

namespace engine::itemcodec {

void EncodeItem(const ddb::Item& item, std::string* out);
std::string EncodeItem(const ddb::Item& item);
ddb::Result<ddb::Item> DecodeItem(std::string_view bytes);

// Varints shared with the catalog codec.
void PutVarint(uint64_t v, std::string* out);
bool GetVarint(std::string_view* in, uint64_t* v);
void PutLengthPrefixed(std::string_view bytes, std::string* out);
bool GetLengthPrefixed(std::string_view* in, std::string_view* bytes);

}  // namespace engine::itemcodec
