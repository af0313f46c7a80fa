#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace cli {

int Main(int argc, char** argv) {
  CLI::App app{"xrouting: SpaceX fleet-maintenance data platform on DynamoDB"};
  app.require_subcommand(1);
  auto* version = app.add_subcommand("version", "Print the version");
  version->callback([] { std::puts("xrouting 0.1.0"); });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace cli
