// The xrouting command line: parses flags, picks the store and the source, runs a command.
#pragma once

namespace cli {

// Runs the xrouting command line; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace cli
