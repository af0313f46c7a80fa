// xrouting lambda: the AWS Lambda custom-runtime loop (what `bootstrap` runs). Opens the
// store once (init), then serves one ETL run per invocation until the environment ends.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/context.h"
#include "cli/report.h"
#include "lambda/etl_handler.h"
#include "lambda/runtime.h"

namespace cli {
namespace {

struct LambdaFlags {
  int max_invocations = 0;
};

// Lambda is configured through environment variables. XROUTING_DB, XROUTING_DATA_DIR and
// XROUTING_SOURCE apply unless the same setting was given as a flag.
void ApplyEnvironment(CLI::App& root, GlobalOptions& options, bool in_lambda) {
  auto from_env = [&root](const char* flag, const char* var, std::string& target) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0' && root.get_option(flag)->count() == 0) target = v;
  };
  from_env("--db", "XROUTING_DB", options.db);
  from_env("--data-dir", "XROUTING_DATA_DIR", options.data_dir);
  const char* source_env = std::getenv("XROUTING_SOURCE");
  bool source_given =
      root.get_option("--source")->count() > 0 || (source_env != nullptr && *source_env != '\0');
  from_env("--source", "XROUTING_SOURCE", options.source);
  // In AWS the job is the live API; the bundled snapshot is the offline default elsewhere.
  if (in_lambda && !source_given) options.source = "live";
}

int RunLambda(CLI::App& root, Context& ctx, const LambdaFlags& flags) {
  bool in_lambda = std::getenv("AWS_LAMBDA_RUNTIME_API") != nullptr;
  ApplyEnvironment(root, ctx.options, in_lambda);

  if (!in_lambda) {
    return ReportUsageError(
        "`xrouting lambda` serves the AWS Lambda Runtime API: AWS_LAMBDA_RUNTIME_API is not "
        "set. Run `xrouting etl` for the same job locally.");
  }
  lambda::RuntimeOptions runtime;
  if (flags.max_invocations > 0) runtime.max_invocations = flags.max_invocations;

  // Init: open the store once per execution environment; a failure here is the init error
  // Lambda reports for every invocation of this environment, then the process exits.
  auto client = ctx.client();
  if (!client.ok()) {
    std::string message =
        "opening the store (XROUTING_DB=" + ctx.options.db +
        (ctx.options.db == "embedded" ? ", data dir " + ctx.options.data_dir : std::string()) +
        "): " + client.error().ToString();
    auto reported = lambda::ReportInitError(runtime, "Runtime.InitError", message);
    if (!reported.ok()) {
      lambda::Log(runtime.log, lambda::LogLevel::kError, "", reported.error().message);
    }
    return kExitFailure;
  }
  lambda::Log(runtime.log, lambda::LogLevel::kInfo, "",
              "xrouting lambda: store " + (*client)->Describe() + ", source " + ctx.options.source);

  lambda::EtlHandlerOptions handler_options;
  handler_options.source = ctx.options.source;
  handler_options.log = runtime.log;
  return lambda::RunLoop(lambda::MakeEtlHandler(**client, handler_options), runtime);
}

}  // namespace

void AddLambdaCommand(CLI::App& app, Context& ctx, int* exit_code) {
  auto flags = std::make_shared<LambdaFlags>();
  auto* cmd = app.add_subcommand(
      "lambda",
      "Run as the AWS Lambda custom runtime (what `bootstrap` runs): one ETL run per "
      "invocation. Configured by environment: AWS_LAMBDA_RUNTIME_API (set by Lambda), "
      "XROUTING_DB (default in Lambda: aws, i.e. DynamoDB in AWS_REGION with the role's "
      "credentials; or embedded, or an endpoint URL), XROUTING_DATA_DIR, XROUTING_SOURCE "
      "(default in Lambda: live). An event {\"spacexSource\": \"...\"} overrides the source "
      "for one invocation.");
  cmd->add_option("--max-invocations", flags->max_invocations,
                  "Exit after this many invocations (tests, benchmarks; default: serve until "
                  "the environment ends)");
  cmd->callback([&app, &ctx, exit_code, flags] { *exit_code = RunLambda(app, ctx, *flags); });
}

}  // namespace cli
