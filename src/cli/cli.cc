#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.h"
#include "cli/report.h"

namespace cli {

int Main(int argc, char** argv) {
  CLI::App app{
      "xrouting: SpaceX fleet-maintenance data platform on DynamoDB.\n"
      "Runs on an embedded DynamoDB-compatible store by default (--db embedded), on Amazon "
      "DynamoDB (--db aws) or on any DynamoDB-compatible endpoint (--db http://HOST:PORT)."};
  // Global options are accepted after the subcommand too: `xrouting tables list --db aws`.
  app.fallthrough();
  app.require_subcommand(1);

  Context ctx;
  int exit_code = kExitOk;
  AddGlobalOptions(app, ctx.options);

  auto* version = app.add_subcommand("version", "Print the version");
  version->callback([] { std::puts("xrouting 0.1.0"); });
  AddTablesCommands(app, ctx, &exit_code);
  AddAppCommands(app, ctx, &exit_code);
  AddServeCommand(app, ctx, &exit_code);
  AddLambdaCommand(app, ctx, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --help-all
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}

}  // namespace cli
