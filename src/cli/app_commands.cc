// xrouting migrate users|insert|analytics|all, etl, scan, get, query: the application's
// pipeline (app/) and reading back what it loaded.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/etl/etl.h"
#include "app/manager.h"
#include "app/migrations/fleet.h"
#include "app/migrations/users.h"
#include "app/schema.h"
#include "app/spacex/source.h"
#include "cli/context.h"
#include "cli/report.h"
#include "ddb/json.h"

namespace cli {
namespace {

struct AppFlags {
  std::string table;
  std::string key;
  std::string index;
  int limit = 0;  // 0: every item
};

void Progress(const GlobalOptions& options, std::string_view line) {
  if (!options.quiet) std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
}

app::etl::Progress ProgressFn(const GlobalOptions& options) {
  return [&options](std::string_view line) { Progress(options, line); };
}

int RunUsers(Context& ctx, ddb::Client& client) {
  Progress(ctx.options, "users: creating missing users (bcrypt cost 12, a few seconds)");
  auto result = app::migrations::MigrateUsers(client);
  if (!result.ok()) return ReportError("migrating users", result.error());
  if (ctx.options.json) {
    std::string out = "{\"created\":" + std::to_string(result->created) +
                      ",\"existing\":" + std::to_string(result->existing) + ",\"users\":[";
    for (size_t i = 0; i < result->users.size(); ++i) {
      const auto& u = result->users[i];
      out += std::string(i ? "," : "") + "{\"id\":\"" + u.id +
             "\",\"email\":" + ddb::json::QuoteString(u.email) + ",\"role\":\"" + u.role +
             "\",\"created\":" + (u.created ? "true" : "false");
      if (u.generated_password) out += ",\"password\":\"" + *u.generated_password + "\"";
      out += "}";
    }
    std::printf("%s]}\n", out.c_str());
    return kExitOk;
  }
  bool any_generated = false;
  for (const auto& u : result->users) {
    std::printf("%-28s %-9s %s%s\n", u.email.c_str(), u.role.c_str(),
                u.created ? "created" : "exists (kept)",
                u.generated_password ? ("  password: " + *u.generated_password).c_str() : "");
    any_generated = any_generated || u.generated_password.has_value();
  }
  if (any_generated) {
    std::printf(
        "Generated passwords are shown only now; only their bcrypt hashes are stored. Set "
        "XROUTING_ADMIN_PASSWORD, XROUTING_ENGINEER{1,2,3}_PASSWORD, XROUTING_VIEWER_PASSWORD "
        "to choose them.\n");
  }
  std::printf("users: %d created, %d existing\n", result->created, result->existing);
  return kExitOk;
}

// insert / analytics / etl: one RunEtl with the phases the command needs.
int RunPipeline(Context& ctx, ddb::Client& client, const app::etl::EtlOptions& options,
                const char* what) {
  std::unique_ptr<app::spacex::SpaceXSource> source = app::spacex::MakeSource(ctx.options.source);
  auto summary =
      app::etl::RunEtl(client, *source, app::etl::NowIso(), ProgressFn(ctx.options), options);
  if (!summary.ok()) return ReportError(what, summary.error());
  std::printf("%s\n", summary->ToJson().c_str());
  return kExitOk;
}

int RunMigrate(Context& ctx, const std::string& step) {
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  Progress(ctx.options, "store: " + client->Describe());
  if (step == "users") return RunUsers(ctx, *client);
  if (step == "insert") {
    return RunPipeline(ctx, *client, {.load_fleet = true, .load_analytics = false},
                       "inserting fleet data");
  }
  if (step == "analytics") {
    return RunPipeline(ctx, *client, {.load_fleet = false, .load_analytics = true},
                       "inserting analytics");
  }
  // all: the seed's four migrations in order (create tables, users, insert, analytics).
  app::DynamoDBManager manager(*client);
  auto tables = manager.EnsureAll(app::AllTableSchemas(), [&](const app::EnsureResult& r) {
    Progress(ctx.options, "tables: " + r.table + ": " + std::string(app::ToString(r.outcome)));
  });
  if (!tables.ok()) return ReportError("creating tables", tables.error());
  if (int rc = RunUsers(ctx, *client); rc != kExitOk) return rc;
  return RunPipeline(ctx, *client, {}, "running the pipeline");
}

int RunEtlCommand(Context& ctx) {
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  Progress(ctx.options, "store: " + client->Describe());
  return RunPipeline(ctx, *client, {}, "running the ETL");
}

// One cell of the human table: strings as they are, numbers as exact text, containers
// summarized.
std::string Cell(const ddb::AttributeValue& v) {
  std::string s;
  switch (v.type()) {
    case ddb::AttributeType::S:
      s = v.s();
      break;
    case ddb::AttributeType::N:
      s = v.n().ToString();
      break;
    case ddb::AttributeType::BOOL:
      s = v.boolean() ? "true" : "false";
      break;
    case ddb::AttributeType::NULL_:
      s = "null";
      break;
    case ddb::AttributeType::L:
      s = "[" + std::to_string(v.l().size()) + " items]";
      break;
    case ddb::AttributeType::M:
      s = "{" + std::to_string(v.m().size()) + " keys}";
      break;
    default:
      s = ddb::json::EncodeAttributeValue(v);
  }
  for (char& c : s) c = (c == '\n' || c == '\t') ? ' ' : c;
  return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

void PrintItems(const GlobalOptions& options, const std::vector<ddb::Item>& items,
                const app::TableSchema& schema) {
  if (options.json) {  // JSON lines: one item per line in DynamoDB JSON (exact numbers)
    for (const ddb::Item& item : items) std::printf("%s\n", ddb::json::EncodeItem(item).c_str());
    return;
  }
  // Columns: the key first, then every other attribute name in order of first appearance.
  std::vector<std::string> columns{schema.partition_key.name};
  for (const ddb::Item& item : items) {
    for (const auto& [name, value] : item) {
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
        columns.push_back(name);
      }
    }
  }
  std::vector<std::vector<std::string>> rows{columns};
  for (const ddb::Item& item : items) {
    std::vector<std::string> row;
    for (const std::string& c : columns) {
      auto it = item.find(c);
      row.push_back(it == item.end() ? "" : Cell(it->second));
    }
    rows.push_back(std::move(row));
  }
  std::vector<size_t> width(columns.size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i] + std::string(i + 1 < row.size() ? width[i] - row[i].size() + 2 : 0, ' ');
    }
    std::printf("%s\n", line.c_str());
  }
  std::fprintf(stderr, "%zu items\n", items.size());
}

std::optional<app::TableSchema> SchemaOrReport(const std::string& table) {
  auto schema = app::FindTableSchema(table);
  if (!schema) ReportUsageError("unknown table '" + table + "'");
  return schema;
}

int RunScan(Context& ctx, const AppFlags& flags) {
  auto schema = SchemaOrReport(flags.table);
  if (!schema) return kExitUsage;
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  std::vector<ddb::Item> items;
  ddb::ScanRequest req;
  req.table_name = flags.table;
  bool stopped = false;  // --limit reached: the paginator is stopped by an error we ignore
  auto status = client->ScanPages(req, [&](const ddb::ScanResponse& page) -> ddb::Status {
    for (const ddb::Item& item : page.items) {
      if (flags.limit > 0 && static_cast<int>(items.size()) >= flags.limit) break;
      items.push_back(item);
    }
    if (flags.limit > 0 && static_cast<int>(items.size()) >= flags.limit) {
      stopped = true;
      return ddb::Error(ddb::ErrorCode::kUnknown, "limit reached");
    }
    return ddb::OkStatus();
  });
  if (!status.ok() && !stopped) {
    return ReportError("scanning '" + flags.table + "'", status.error());
  }
  PrintItems(ctx.options, items, *schema);
  return kExitOk;
}

int RunGet(Context& ctx, const AppFlags& flags) {
  auto schema = SchemaOrReport(flags.table);
  if (!schema) return kExitUsage;
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  ddb::Key key{{schema->partition_key.name, ddb::AttributeValue::S(flags.key)}};
  auto item = client->GetItem(flags.table, key);
  if (!item.ok()) return ReportError("getting from '" + flags.table + "'", item.error());
  if (!item->has_value()) {
    std::fprintf(stderr, "error: no item with %s = \"%s\" in '%s'\n",
                 schema->partition_key.name.c_str(), flags.key.c_str(), flags.table.c_str());
    return kExitFailure;
  }
  PrintItems(ctx.options, {**item}, *schema);
  return kExitOk;
}

int RunQuery(Context& ctx, const AppFlags& flags) {
  auto schema = SchemaOrReport(flags.table);
  if (!schema) return kExitUsage;
  const app::IndexSchema* index = nullptr;
  for (const auto& i : schema->indexes) {
    if (i.name == flags.index) index = &i;
  }
  if (!flags.index.empty() && index == nullptr) {
    return ReportUsageError("table '" + flags.table + "' has no index '" + flags.index + "'");
  }
  ddb::Client* client = OpenStoreOrReport(ctx);
  if (client == nullptr) return kExitFailure;
  ddb::QueryRequest req;
  req.table_name = flags.table;
  if (index != nullptr) req.index_name = index->name;
  req.key_condition_expression = "#k = :v";
  req.expression_attribute_names["#k"] =
      index != nullptr ? index->partition_key.name : schema->partition_key.name;
  req.expression_attribute_values[":v"] = ddb::AttributeValue::S(flags.key);
  auto items = client->QueryAll(std::move(req));
  if (!items.ok()) return ReportError("querying '" + flags.table + "'", items.error());
  PrintItems(ctx.options, *items, *schema);
  return kExitOk;
}

}  // namespace

void AddAppCommands(CLI::App& app, Context& ctx, int* exit_code) {
  auto flags = std::make_shared<AppFlags>();
  std::vector<std::string> tables;
  for (const auto& s : app::AllTableSchemas()) tables.push_back(s.name);

  auto* migrate = app.add_subcommand(
      "migrate", "The seed's migrations: users, insert (fleet data), analytics, or all");
  migrate->require_subcommand(1);
  migrate
      ->add_subcommand("users",
                       "Create the five users (1 admin, 3 engineers, 1 viewer) if missing; "
                       "passwords from XROUTING_*_PASSWORD or generated and printed once")
      ->callback([&ctx, exit_code] { *exit_code = RunMigrate(ctx, "users"); });
  migrate
      ->add_subcommand("insert",
                       "Insert components, sub-components, comments, maintenances and "
                       "failures from the SpaceX source (--source)")
      ->callback([&ctx, exit_code] { *exit_code = RunMigrate(ctx, "insert"); });
  migrate->add_subcommand("analytics", "Compute and insert the seven analytics")
      ->callback([&ctx, exit_code] { *exit_code = RunMigrate(ctx, "analytics"); });
  migrate->add_subcommand("all", "Create the tables, then users, insert and analytics")
      ->callback([&ctx, exit_code] { *exit_code = RunMigrate(ctx, "all"); });

  app.add_subcommand("etl",
                     "Run the Lambda's job locally: extract, validate, transform, load, "
                     "analytics; prints the Lambda's JSON summary")
      ->callback([&ctx, exit_code] { *exit_code = RunEtlCommand(ctx); });

  auto* scan = app.add_subcommand("scan", "Print every item of a table (--json: JSON lines)");
  scan->add_option("table", flags->table, "Table name")->required()->check(CLI::IsMember(tables));
  scan->add_option("--limit", flags->limit, "At most this many items")->check(CLI::PositiveNumber);
  scan->callback([&ctx, flags, exit_code] { *exit_code = RunScan(ctx, *flags); });

  auto* get = app.add_subcommand("get", "Print one item by its partition key");
  get->add_option("table", flags->table, "Table name")->required()->check(CLI::IsMember(tables));
  get->add_option("key", flags->key, "Partition key value")->required();
  get->callback([&ctx, flags, exit_code] { *exit_code = RunGet(ctx, *flags); });

  auto* query = app.add_subcommand(
      "query",
      "Print the items whose key equals a value, on the table or one of its indexes (users "
      "byEmail, comments byComponent, maintenances byComponent, subcomponents byParent)");
  query->add_option("table", flags->table, "Table name")->required()->check(CLI::IsMember(tables));
  query->add_option("key", flags->key, "Partition key value (of the index with --index)")
      ->required();
  query->add_option("--index", flags->index, "Index name");
  query->callback([&ctx, flags, exit_code] { *exit_code = RunQuery(ctx, *flags); });
}

}  // namespace cli
