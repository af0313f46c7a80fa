// The one way this project includes RapidJSON. Every translation unit that uses RapidJSON
// must include this header instead of <rapidjson/...>: RapidJSON's functions are inline, the
// linker keeps one copy of each, and that copy must carry the exemption below.
//
// RapidJSON 1.1's internal stack computes `nullptr + n` before its first allocation, which
// UBSan's pointer-overflow check reports (harmless on every supported compiler, but fatal
// with -fno-sanitize-recover). Exempt only RapidJSON's own functions from that one check.
// The standard headers RapidJSON uses come first, so the pragma reaches only RapidJSON.
#pragma once

#include <cassert>
#include <cinttypes>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#if defined(__clang__)
#pragma clang attribute push(__attribute__((no_sanitize("pointer-overflow"))), apply_to = function)
#endif
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#if defined(__clang__)
#pragma clang attribute pop
#endif
