// xrouting tables create | delete | list | describe
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "app/manager.h"
#include "app/schema.h"
#include "cli/context.h"
#include "cli/report.h"
#include "ddb/json.h"

namespace cli {
namespace {

struct TablesFlags {
  bool provisioned = false;
  std::vector<std::string> tables;  // empty: all seven
  bool yes = false;
  std::string describe_name;
};

std::vector<std::string> OurTableNames() {
  std::vector<std::string> names;
  for (const auto& schema : app::AllTableSchemas()) names.push_back(schema.name);
  return names;
}

std::vector<app::TableSchema> Selected(const std::vector<std::string>& names) {
  if (names.empty()) return app::AllTableSchemas();
  std::vector<app::TableSchema> out;
  for (const auto& name : names) {
    if (auto schema = app::FindTableSchema(name)) out.push_back(std::move(*schema));
  }
  return out;
}

void Progress(const GlobalOptions& options, const std::string& line) {
  if (!options.quiet) std::fprintf(stderr, "%s\n", line.c_str());
}

std::string KeyText(const ddb::TableDescription& t, const std::vector<ddb::KeySchemaElement>& keys,
                    ddb::KeyType type) {
  for (const auto& k : keys) {
    if (k.key_type != type) continue;
    std::string out = k.attribute_name;
    for (const auto& d : t.attribute_definitions) {
      if (d.attribute_name == k.attribute_name) {
        out += " (" + std::string(ddb::ToString(d.attribute_type)) + ")";
      }
    }
    return out;
  }
  return "-";
}

std::string TimeText(double epoch_seconds) {
  if (epoch_seconds <= 0) return "-";
  const auto t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int RunCreate(Context& ctx, const TablesFlags& flags) {
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  app::ManagerOptions options;
  if (flags.provisioned) options.billing.mode = ddb::BillingMode::PROVISIONED;
  app::DynamoDBManager manager(*client, options);
  const auto schemas = Selected(flags.tables);
  Progress(ctx.options, "store: " + client->Describe());
  int created = 0;
  int unchanged = 0;
  int indexes_added = 0;
  for (const auto& schema : schemas) {
    const auto start = std::chrono::steady_clock::now();
    auto result = manager.EnsureTable(schema);
    if (!result.ok()) return ReportError("creating table '" + schema.name + "'", result.error());
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    std::string line = schema.name + ": " + std::string(app::ToString(result->outcome));
    for (size_t i = 0; i < result->indexes_added.size(); ++i) {
      line += (i == 0 ? " (" : ", ") + result->indexes_added[i];
      if (i + 1 == result->indexes_added.size()) line += ")";
    }
    if (result->outcome != app::EnsureOutcome::kUnchanged) {
      line += " in " + std::to_string(ms) + " ms";
    }
    Progress(ctx.options, line);
    switch (result->outcome) {
      case app::EnsureOutcome::kCreated:
        ++created;
        break;
      case app::EnsureOutcome::kUnchanged:
        ++unchanged;
        break;
      case app::EnsureOutcome::kIndexesAdded:
        ++indexes_added;
        break;
    }
  }
  if (ctx.options.json) {
    std::printf("{\"tables\":%zu,\"created\":%d,\"unchanged\":%d,\"indexesAdded\":%d}\n",
                schemas.size(), created, unchanged, indexes_added);
  } else {
    std::string summary = std::to_string(schemas.size()) + " tables: " + std::to_string(created) +
                          " created, " + std::to_string(unchanged) + " unchanged";
    if (indexes_added > 0) summary += ", " + std::to_string(indexes_added) + " with indexes added";
    if (created == 0 && indexes_added == 0) summary += " (nothing to do)";
    std::printf("%s\n", summary.c_str());
  }
  return kExitOk;
}

int RunDelete(Context& ctx, const TablesFlags& flags) {
  if (flags.tables.empty() && !flags.yes) {
    return ReportUsageError(
        "refusing to delete all application tables (and their data) without --yes; name "
        "tables with --table NAME or add --yes");
  }
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  app::DynamoDBManager manager(*client);
  Progress(ctx.options, "store: " + client->Describe());
  const std::vector<std::string> names = flags.tables.empty() ? OurTableNames() : flags.tables;
  int deleted = 0;
  int absent = 0;
  for (const auto& name : names) {
    auto outcome = manager.DeleteTable(name);
    if (!outcome.ok()) return ReportError("deleting table '" + name + "'", outcome.error());
    const bool gone = *outcome == app::DeleteOutcome::kDeleted;
    (gone ? deleted : absent)++;
    Progress(ctx.options, name + (gone ? ": deleted" : ": absent (nothing to delete)"));
  }
  if (ctx.options.json) {
    std::printf("{\"tables\":%zu,\"deleted\":%d,\"absent\":%d}\n", names.size(), deleted, absent);
  } else {
    std::printf("%zu tables: %d deleted, %d absent\n", names.size(), deleted, absent);
  }
  return kExitOk;
}

int RunList(Context& ctx) {
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  auto names = client->ListAllTables();
  if (!names.ok()) return ReportError("listing tables", names.error());
  if (ctx.options.json) {
    std::string out = "{\"TableNames\":[";
    for (size_t i = 0; i < names->size(); ++i) {
      out += (i ? "," : "") + ddb::json::QuoteString((*names)[i]);
    }
    std::printf("%s]}\n", out.c_str());
  } else {
    for (const auto& name : *names) std::printf("%s\n", name.c_str());
  }
  return kExitOk;
}

int RunDescribe(Context& ctx, const TablesFlags& flags) {
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  auto desc = client->DescribeTable(flags.describe_name);
  if (!desc.ok()) {
    return ReportError("describing table '" + flags.describe_name + "'", desc.error());
  }
  const ddb::TableDescription& t = *desc;
  if (ctx.options.json) {
    std::printf("%s\n", ddb::json::Encode(ddb::DescribeTableResponse{t}).c_str());
    return kExitOk;
  }
  std::printf("table:         %s\n", t.table_name.c_str());
  std::printf("status:        %s\n", std::string(ddb::ToString(t.table_status)).c_str());
  std::printf("partition key: %s\n", KeyText(t, t.key_schema, ddb::KeyType::HASH).c_str());
  std::printf("sort key:      %s\n", KeyText(t, t.key_schema, ddb::KeyType::RANGE).c_str());
  std::string billing(ddb::ToString(t.billing_mode));
  if (t.provisioned_throughput && t.billing_mode == ddb::BillingMode::PROVISIONED) {
    billing += " (" + std::to_string(t.provisioned_throughput->read_capacity_units) + " RCU, " +
               std::to_string(t.provisioned_throughput->write_capacity_units) + " WCU)";
  }
  std::printf("billing:       %s\n", billing.c_str());
  std::printf("items:         %lld\n", static_cast<long long>(t.item_count));
  std::printf("size:          %lld bytes\n", static_cast<long long>(t.table_size_bytes));
  std::printf("created:       %s\n", TimeText(t.creation_date_time).c_str());
  if (t.global_secondary_indexes.empty()) {
    std::printf("indexes:       (none)\n");
  } else {
    std::printf("indexes:\n");
    for (const auto& g : t.global_secondary_indexes) {
      std::printf("  %s: partition key %s, sort key %s, projection %s, %s, %lld items\n",
                  g.index_name.c_str(), KeyText(t, g.key_schema, ddb::KeyType::HASH).c_str(),
                  KeyText(t, g.key_schema, ddb::KeyType::RANGE).c_str(),
                  std::string(ddb::ToString(g.projection.projection_type)).c_str(),
                  std::string(ddb::ToString(g.index_status)).c_str(),
                  static_cast<long long>(g.item_count));
    }
  }
  return kExitOk;
}

}  // namespace

void AddTablesCommands(CLI::App& app, Context& ctx, int* exit_code) {
  auto flags = std::make_shared<TablesFlags>();
  auto* tables = app.add_subcommand("tables", "Create, delete, list and describe the tables");
  tables->require_subcommand(1);
  const std::vector<std::string> ours = OurTableNames();
  std::string ours_text;
  for (const auto& n : ours) ours_text += (ours_text.empty() ? "" : ", ") + n;

  auto* create = tables->add_subcommand(
      "create",
      "Create the application's tables and indexes and wait until they are ACTIVE. Idempotent: "
      "existing tables are left alone, missing indexes are added, a table whose key schema "
      "differs is an error (never dropped)");
  create->add_flag("--provisioned", flags->provisioned,
                   "Provisioned billing (5 RCU / 5 WCU) for new tables instead of on-demand");
  create->add_option("--table", flags->tables, "Only these tables (repeatable): " + ours_text)
      ->check(CLI::IsMember(ours));
  create->callback([&ctx, flags, exit_code] { *exit_code = RunCreate(ctx, *flags); });

  auto* del = tables->add_subcommand(
      "delete", "Delete the application's tables and wait until they are gone");
  del->add_option("--table", flags->tables, "Only these tables (repeatable): " + ours_text)
      ->check(CLI::IsMember(ours));
  del->add_flag("-y,--yes", flags->yes, "Confirm deleting every application table");
  del->callback([&ctx, flags, exit_code] { *exit_code = RunDelete(ctx, *flags); });

  auto* list = tables->add_subcommand("list", "List every table in the store");
  list->callback([&ctx, exit_code] { *exit_code = RunList(ctx); });

  auto* describe = tables->add_subcommand(
      "describe",
      "Show a table: status, keys, indexes, item count, size, creation time (--json: the "
      "DescribeTable answer)");
  describe->add_option("name", flags->describe_name, "Table name")->required();
  describe->callback([&ctx, flags, exit_code] { *exit_code = RunDescribe(ctx, *flags); });
}

}  // namespace cli
