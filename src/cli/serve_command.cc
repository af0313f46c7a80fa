// `xrouting serve`: the embedded store over HTTP with the DynamoDB JSON protocol.
// It opens the engine itself (not through Context::client()): the server needs the engine's
// typed interface, and the data directory's lock keeps a second process out while it runs.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/context.h"
#include "cli/report.h"
#include "engine/engine.h"
#include "server/server.h"

namespace cli {
namespace {

struct ServeFlags {
  std::string host = "127.0.0.1";
  int port = 8000;
  int threads = 0;
};

// Blocks SIGINT/SIGTERM in the calling thread for its lifetime, so every thread started
// meanwhile (the server pool, RocksDB's) inherits the mask and sigwait() in this thread is
// the only receiver: a clean stop without a signal handler or global state.
class BlockedStopSignals {
 public:
  BlockedStopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
  }
  ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  BlockedStopSignals(const BlockedStopSignals&) = delete;
  BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;

  int Wait() const {
    int sig = 0;
    sigwait(&set_, &sig);
    return sig;
  }

 private:
  sigset_t set_{};
  sigset_t old_{};
};

int RunServe(const GlobalOptions& global, const ServeFlags& flags) {
  if (global.db != "embedded") {
    return ReportUsageError(
        "serve serves the embedded store only (--db embedded, the default), got --db " + global.db +
        "; point clients at that store directly instead");
  }
  const BlockedStopSignals signals;

  engine::Options engine_options;
  engine_options.data_dir = global.data_dir;
  auto engine = engine::Engine::Open(engine_options);
  if (!engine.ok()) {
    return ReportError("opening the embedded store in " + global.data_dir, engine.error());
  }

  server::ServerOptions options;
  options.host = flags.host;
  options.port = static_cast<uint16_t>(flags.port);
  options.threads = flags.threads;
  auto server = server::Server::Start(**engine, options);
  if (!server.ok()) {
    // Not ReportError: its hints speak of remote endpoints; this message carries its own.
    std::fprintf(stderr, "error: starting the server: %s\n", server.error().message.c_str());
    return kExitFailure;
  }
  // Tests and scripts read the chosen port from this line (with --port 0).
  std::printf("listening on %s\n", (*server)->url().c_str());
  std::fflush(stdout);
  if (!global.quiet) {
    std::fprintf(stderr,
                 "xrouting serve: embedded store %s over the DynamoDB JSON protocol; "
                 "e.g. aws dynamodb list-tables --endpoint-url %s; Ctrl-C stops\n",
                 global.data_dir.c_str(), (*server)->url().c_str());
  }

  const int sig = signals.Wait();
  if (!global.quiet) {
    std::fprintf(stderr, "xrouting serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  }
  (*server)->Stop();  // answers the requests in flight before the engine closes
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, Context& ctx, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();  // owned by the callback, lives as long as app
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the embedded store over HTTP with the DynamoDB JSON protocol (like DynamoDB "
      "Local), for the AWS CLI, boto3 and the AWS SDKs");
  cmd->add_option("--host", flags->host, "Address to listen on (an IP address)")
      ->capture_default_str();
  cmd->add_option("--port", flags->port, "Port to listen on; 0 picks a free one (printed)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", flags->threads, "Request threads; 0 = one per hardware thread")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->callback([&ctx, exit_code, flags] { *exit_code = RunServe(ctx.options, *flags); });
}

}  // namespace cli
