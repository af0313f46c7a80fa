// What every xrouting command shares: the global options (where to store, where to read
// SpaceX data, output format) and the store, opened lazily on first use so commands that
// do not need it (e.g. --help) never touch a data directory or the network.
#pragma once

#include <memory>
#include <string>

#include "ddb/client.h"

namespace CLI {
class App;
}

namespace cli {

struct GlobalOptions {
  // "embedded" (default), "aws", or an endpoint URL (http://127.0.0.1:8000).
  std::string db = "embedded";
  std::string data_dir = ".xrouting/data";  // embedded store
  std::string region;                       // empty: the credential chain decides
  std::string profile;
  // "snapshot" (bundled, default), a directory with the six JSON files, or "live"
  // (https://api.spacexdata.com/v4) or an URL.
  std::string source = "snapshot";
  bool json = false;   // machine-readable output (JSON lines)
  bool quiet = false;  // no progress on stderr
};

class Context {
 public:
  GlobalOptions options;

  // Opens the store on first call; later calls return the same client.
  ddb::Result<ddb::Client*> client();

 private:
  std::unique_ptr<ddb::Client> client_;
};

// Adds --db, --data-dir, --region, --profile, --source, --json, --quiet to app.
void AddGlobalOptions(CLI::App& app, GlobalOptions& options);

// Each command group registers its subcommands; callbacks set *exit_code.
void AddTablesCommands(CLI::App& app, Context& ctx, int* exit_code);
void AddAppCommands(CLI::App& app, Context& ctx, int* exit_code);  // migrate, etl, scan/get/query
void AddServeCommand(CLI::App& app, Context& ctx, int* exit_code);
void AddLambdaCommand(CLI::App& app, Context& ctx, int* exit_code);

}  // namespace cli
