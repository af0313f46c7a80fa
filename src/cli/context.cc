#include "cli/context.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "ddb/embedded/embedded_backend.h"
#include "ddb/http/http_backend.h"
#include "engine/engine.h"

namespace cli {
namespace {

bool IsEndpointUrl(std::string_view db) {
  return db.starts_with("http://") || db.starts_with("https://");
}

ddb::Result<std::unique_ptr<ddb::Backend>> OpenEmbedded(const GlobalOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    return ddb::Error(ddb::ErrorCode::kIO, "cannot create the data directory '" + options.data_dir +
                                               "': " + ec.message());
  }
  engine::Options engine_options;
  engine_options.data_dir = options.data_dir;
  return ddb::MakeEmbeddedBackend(engine_options);
}

ddb::Result<std::unique_ptr<ddb::Backend>> OpenHttp(const GlobalOptions& options) {
  ddb::http::HttpOptions http;
  if (IsEndpointUrl(options.db)) http.endpoint = options.db;
  if (!options.region.empty()) http.region = options.region;
  if (!options.profile.empty()) http.profile = options.profile;
  return ddb::http::MakeHttpBackend(http);
}

ddb::Error UnknownDb(const std::string& db) {
  return ddb::Error(ddb::ErrorCode::kConfiguration,
                    "unknown --db value '" + db +
                        "': expected 'embedded' (the local data directory), 'aws' (Amazon "
                        "DynamoDB via the AWS credential chain) or an endpoint URL such as "
                        "http://127.0.0.1:8000");
}

}  // namespace

ddb::Result<ddb::Client*> Context::client() {
  if (client_) return client_.get();
  ddb::Result<std::unique_ptr<ddb::Backend>> backend = UnknownDb(options.db);
  if (options.db == "embedded") {
    backend = OpenEmbedded(options);
  } else if (options.db == "aws" || IsEndpointUrl(options.db)) {
    backend = OpenHttp(options);
  }
  if (!backend.ok()) return std::move(backend).error();
  client_ = std::make_unique<ddb::Client>(std::shared_ptr<ddb::Backend>(std::move(*backend)));
  return client_.get();
}

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  // In AWS Lambda the store is DynamoDB itself (in AWS_REGION) unless told otherwise.
  if (std::getenv("AWS_LAMBDA_RUNTIME_API") != nullptr) options.db = "aws";
  app.add_option("--db", options.db,
                 "Where the tables live: 'embedded' (default: the embedded engine in "
                 "--data-dir, no AWS account needed), 'aws' (Amazon DynamoDB; credentials and "
                 "region from the AWS chain, --region/--profile), or an endpoint URL such as "
                 "http://127.0.0.1:8000 (DynamoDB Local, dynalite, `xrouting serve`)")
      ->envname("XROUTING_DB")
      ->capture_default_str();
  app.add_option("--data-dir", options.data_dir,
                 "Data directory of the embedded store (created if missing)")
      ->envname("XROUTING_DATA_DIR")
      ->capture_default_str();
  app.add_option("--region", options.region,
                 "AWS region for --db aws/URL (default: AWS_REGION, the profile, us-east-1)");
  app.add_option("--profile", options.profile, "AWS profile for --db aws (default: AWS_PROFILE)");
  app.add_option("--source", options.source,
                 "SpaceX data to read: 'snapshot' (bundled, default), a directory with the six "
                 "JSON files, 'live' (https://api.spacexdata.com/v4) or a base URL")
      ->envname("XROUTING_SOURCE")
      ->capture_default_str();
  app.add_flag("--json", options.json, "Machine-readable output (JSON)");
  app.add_flag("-q,--quiet", options.quiet, "No progress messages on stderr");
}

}  // namespace cli
