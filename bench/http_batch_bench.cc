// http_batch_bench: BatchWriteItem throughput of ddb::BatchWriter over HTTP (SigV4, the
// HttpBackend) to a DynamoDB-compatible endpoint, at max_in_flight 1 and 8.
//
//   http_batch_bench --endpoint http://127.0.0.1:PORT [--items 5000] [--runs 3]
//                    [--concurrency 1,8] [--server-pid PID] [--jsonl]
//
// Each run: a fresh table (create, wait ACTIVE), N items of ~200 B written through one
// BatchWriter (timed: first Put to the end of Flush), the count verified by Scan with
// Select COUNT, the table deleted. The item shape is the one bench/boto3_batch_writer.py
// writes, so the two can be compared (bench/http_batch.sh runs both against dynalite).
// --jsonl prints one JSON line per run on stdout (what http_batch.sh reads); the human
// lines go to stderr. Credentials are fake and the region is us-east-1: it is meant for a
// local endpoint (dynalite, DynamoDB Local, `xrouting serve`), never real DynamoDB.
// --server-pid: also report the server's CPU use during the timed writes (from
// /proc/PID/stat; 100% = one core busy), to show when the server is the bottleneck.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/batch_writer.h"
#include "ddb/client.h"
#include "ddb/http/http_backend.h"

namespace {

struct Flags {
  std::string endpoint;
  int items = 5000;
  int runs = 3;
  std::vector<int> concurrency{1, 8};
  int server_pid = 0;
  bool jsonl = false;
};

[[noreturn]] void Usage(const char* why) {
  std::fprintf(stderr,
               "http_batch_bench: %s\n"
               "usage: http_batch_bench --endpoint URL [--items N] [--runs R] "
               "[--concurrency 1,8] [--server-pid PID] [--jsonl]\n",
               why);
  std::exit(2);
}

std::vector<int> ParseList(const std::string& s) {
  std::vector<int> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    int v = std::atoi(s.substr(start, comma - start).c_str());
    if (v < 1) Usage("--concurrency takes positive integers, e.g. 1,8");
    out.push_back(v);
    start = comma + 1;
  }
  return out;
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  if (const char* env = std::getenv("XR_DYNALITE_ENDPOINT")) f.endpoint = env;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage("missing value");
      return argv[++i];
    };
    if (a == "--endpoint") {
      f.endpoint = value();
    } else if (a == "--items") {
      f.items = std::atoi(value().c_str());
    } else if (a == "--runs") {
      f.runs = std::atoi(value().c_str());
    } else if (a == "--concurrency") {
      f.concurrency = ParseList(value());
    } else if (a == "--server-pid") {
      f.server_pid = std::atoi(value().c_str());
    } else if (a == "--jsonl") {
      f.jsonl = true;
    } else {
      Usage("unknown argument");
    }
  }
  if (f.endpoint.empty()) Usage("--endpoint (or XR_DYNALITE_ENDPOINT) is required");
  if (f.items < 1 || f.runs < 1) Usage("--items and --runs must be positive");
  return f;
}

// The shared item shape (~200 B; boto3_batch_writer.py builds the same one):
// pk S, name S(24), payload S(120), count N, active BOOL, tag S.
ddb::Item MakeItem(int i) {
  char pk[32];
  std::snprintf(pk, sizeof pk, "item-%07d", i);
  char name[40];
  std::snprintf(name, sizeof name, "component-%08d-abcde", i);
  std::string payload(120, 'a');
  for (int k = 0; k < 120; ++k) payload[k] = static_cast<char>('a' + (i + k) % 26);
  return ddb::Item{{"pk", ddb::AttributeValue::S(pk)},
                   {"name", ddb::AttributeValue::S(name)},
                   {"payload", ddb::AttributeValue::S(std::move(payload))},
                   {"count", ddb::AttributeValue::N(static_cast<int64_t>(i))},
                   {"active", ddb::AttributeValue::Bool(i % 2 == 0)},
                   {"tag", ddb::AttributeValue::S("bench")}};
}

// User + system CPU seconds of a process so far; -1 when unknown.
double CpuSeconds(int pid) {
  if (pid <= 0) return -1;
  std::string path = "/proc/" + std::to_string(pid) + "/stat";
  FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return -1;
  char buf[1024];
  size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = '\0';
  std::string_view stat(buf, n);
  size_t paren = stat.rfind(')');  // the command name may hold spaces
  if (paren == std::string_view::npos) return -1;
  // After ") ": state is field 3; utime and stime are fields 14 and 15.
  unsigned long long utime = 0, stime = 0;
  if (std::sscanf(buf + paren + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                  &stime) != 2) {
    return -1;
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct RunResult {
  double seconds = 0;
  double server_cpu = -1;  // server CPU seconds / wall seconds during the writes
  int64_t verified = 0;
  ddb::BatchWriterStats stats;
};

ddb::Result<RunResult> RunOnce(ddb::Client& client, const std::string& table,
                               const std::vector<ddb::Item>& items, int in_flight, int server_pid) {
  ddb::CreateTableRequest create;
  create.table_name = table;
  create.attribute_definitions = {{"pk", ddb::ScalarAttributeType::S}};
  create.key_schema = {{"pk", ddb::KeyType::HASH}};
  create.billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
  if (auto r = client.CreateTable(create); !r.ok()) return r.error();
  ddb::WaiterOptions wait{.delay = std::chrono::milliseconds(50), .max_attempts = 200};
  XR_RETURN_IF_ERROR(client.WaitUntilTableActive(table, wait));

  RunResult result;
  {
    ddb::BatchWriter writer(client, {.max_in_flight = in_flight});
    // DescribeTable for the key schema happens on the first Put: part of the timed work,
    // as boto3's batch_writer has its own setup on the first flush.
    const double cpu_start = CpuSeconds(server_pid);
    auto start = std::chrono::steady_clock::now();
    for (const ddb::Item& item : items) XR_RETURN_IF_ERROR(writer.Put(table, item));
    XR_RETURN_IF_ERROR(writer.Flush());
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu_end = CpuSeconds(server_pid);
    if (cpu_start >= 0 && cpu_end >= 0) result.server_cpu = (cpu_end - cpu_start) / result.seconds;
    result.stats = writer.stats();
  }

  ddb::ScanRequest count;
  count.table_name = table;
  count.select = ddb::Select::COUNT;
  count.consistent_read = true;
  XR_RETURN_IF_ERROR(client.ScanPages(count, [&](const ddb::ScanResponse& page) {
    result.verified += page.count;
    return ddb::OkStatus();
  }));
  if (auto r = client.DeleteTable(table); !r.ok()) return r.error();
  XR_RETURN_IF_ERROR(client.WaitUntilTableNotExists(table, wait));
  if (result.verified != static_cast<int64_t>(items.size())) {
    return ddb::Error(ddb::ErrorCode::kUnknown,
                      "table " + table + " holds " + std::to_string(result.verified) +
                          " items after writing " + std::to_string(items.size()));
  }
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  ddb::http::HttpOptions options;
  options.endpoint = flags.endpoint;
  options.region = "us-east-1";
  options.access_key_id = "fake";
  options.secret_access_key = "fake";
  auto backend = ddb::http::MakeHttpBackend(options);
  if (!backend.ok()) {
    std::fprintf(stderr, "http_batch_bench: %s\n", backend.error().message.c_str());
    return 1;
  }
  ddb::Client client(std::shared_ptr<ddb::Backend>(std::move(*backend)));

  std::vector<ddb::Item> items;
  items.reserve(flags.items);
  for (int i = 0; i < flags.items; ++i) items.push_back(MakeItem(i));

  const auto stamp = std::chrono::system_clock::now().time_since_epoch().count();
  for (int run = 1; run <= flags.runs; ++run) {
    for (int c : flags.concurrency) {
      std::string table = "xr-bench-cpp-c" + std::to_string(c) + "-" + std::to_string(stamp) + "-" +
                          std::to_string(run);
      auto r = RunOnce(client, table, items, c, flags.server_pid);
      if (!r.ok()) {
        std::fprintf(stderr, "http_batch_bench: run %d, max_in_flight %d: %s: %s\n", run, c,
                     std::string(r.error().type_name()).c_str(), r.error().message.c_str());
        return 1;
      }
      const double rate = static_cast<double>(flags.items) / r->seconds;
      std::fprintf(stderr,
                   "xrouting BatchWriter max_in_flight=%d run %d: %d items in %.3f s = %.0f "
                   "items/s (%lld requests, %lld unprocessed resent, %lld throttled; server CPU "
                   "%.0f%%)\n",
                   c, run, flags.items, r->seconds, rate,
                   static_cast<long long>(r->stats.requests_sent),
                   static_cast<long long>(r->stats.unprocessed_resent),
                   static_cast<long long>(r->stats.throttled), r->server_cpu * 100);
      if (flags.jsonl) {
        std::printf(
            "{\"impl\":\"xrouting\",\"concurrency\":%d,\"run\":%d,\"items\":%d,"
            "\"seconds\":%.6f,\"items_per_s\":%.1f,\"verified\":%lld,\"requests\":%lld,"
            "\"unprocessed_resent\":%lld,\"server_cpu\":%.3f}\n",
            c, run, flags.items, r->seconds, rate, static_cast<long long>(r->verified),
            static_cast<long long>(r->stats.requests_sent),
            static_cast<long long>(r->stats.unprocessed_resent), r->server_cpu);
        std::fflush(stdout);
      }
    }
  }
  return 0;
}
