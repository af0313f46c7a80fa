// ItemCodec: the compact binary form items are stored in. A version byte, the item's size
// as DynamoDB counts it (varint; so writes and page limits need not decode or re-measure a
// stored item), then the item as a map: varint count, then (varint name length, name, value)
// per attribute. A value is a type byte (ddb::AttributeType) and:
//   S, B          varint length + bytes
//   N             a byte (bit 0: negative, bits 1..5: coefficient byte count 0..16), the
//                 exponent (zigzag varint), then the coefficient's bytes, least significant
//                 first; rebuilt by ddb::Number::FromParts, which re-validates it. Binary, not
//                 text: decoding numbers is on every Scan's hot path.
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

// Appends the encoding to *out; `item_size` must be ddb::ItemSize(item) (callers that
// validated the item already have it).
void EncodeItem(const ddb::Item& item, size_t item_size, std::string* out);
std::string EncodeItem(const ddb::Item& item);
ddb::Result<ddb::Item> DecodeItem(std::string_view bytes);
// Decodes into *out (which must be empty), so callers can decode in place (e.g. straight
// into a response's item vector).
ddb::Status DecodeItem(std::string_view bytes, ddb::Item* out);
// The stored ddb::ItemSize of an encoded item, read from its header without decoding it.
ddb::Result<size_t> EncodedItemSize(std::string_view bytes);

// Varints shared with the catalog codec.
void PutVarint(uint64_t v, std::string* out);
bool GetVarint(std::string_view* in, uint64_t* v);
void PutLengthPrefixed(std::string_view bytes, std::string* out);
bool GetLengthPrefixed(std::string_view* in, std::string_view* bytes);

}  // namespace engine::itemcodec
