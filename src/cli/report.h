// Uniform command output: errors as "error: <what failed>: <ErrorType>: <message>" plus a
// hint on what to do, on stderr; progress lines on stderr unless --quiet.
#pragma once

#include <string>
#include <string_view>

#include "ddb/client.h"
#include "ddb/error.h"

namespace cli {

class Context;

// Exit codes of every xrouting command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // an operation failed
inline constexpr int kExitUsage = 2;    // bad flags or arguments

// What the user can do about an error of this kind; empty when there is nothing general.
std::string HintFor(const ddb::Error& error);

// Prints the error (and its hint) to stderr and returns kExitFailure.
int ReportError(std::string_view what_failed, const ddb::Error& error);

// Prints "error: <message>" and a pointer to --help to stderr; returns kExitUsage.
int ReportUsageError(std::string_view message);

// The store of ctx, opened on first use; on failure reports the error (naming --db and
// --data-dir) and returns nullptr, and the command returns kExitFailure.
ddb::Client* OpenStoreOrReport(Context& ctx);

}  // namespace cli
