// Deterministic identity (SPEC §5): every id is a name-based UUID v5 of a natural key, so
// a second run of a migration or the ETL overwrites items instead of adding new ones.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace app {

// The fixed namespace of every xrouting id. Changing it changes every id in every table.
inline constexpr std::string_view kProjectNamespace = "8c4f3a52-7d1e-4b6a-9f0c-2e5d81a7b3c9";

// RFC 4122 §4.3 name-based UUID (version 5, SHA-1) of `name` under `namespace_uuid`
// (canonical 8-4-4-4-12 text). Lowercase canonical text.
std::string UuidV5(std::string_view namespace_uuid, std::string_view name);

// UuidV5(kProjectNamespace, natural_key).
std::string DeterministicId(std::string_view natural_key);

// A stable 64-bit hash of `key`: the first 8 bytes of its SHA-1, big-endian. Used where a
// "random but reproducible" choice is needed (costs, which component a comment lands on).
uint64_t StableHash(std::string_view key);

}  // namespace app
