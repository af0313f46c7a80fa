// DynamoDBManager: makes the tables exist as the schemas declare them, idempotently, and
// deletes them. Works over any ddb::Client (embedded engine, DynamoDB, compatible servers).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/schema.h"
#include "ddb/client.h"

namespace app {

enum class EnsureOutcome {
  kCreated,       // the table did not exist and was created (and is ACTIVE)
  kUnchanged,     // it existed with the declared keys and every declared index
  kIndexesAdded,  // it existed; missing indexes were added (and are ACTIVE)
};
std::string_view ToString(EnsureOutcome outcome);  // "created", "unchanged", "index added"

struct EnsureResult {
  std::string table;
  EnsureOutcome outcome = EnsureOutcome::kUnchanged;
  std::vector<std::string> indexes_added;
};

enum class DeleteOutcome {
  kDeleted,  // it existed and is gone now
  kAbsent,   // there was nothing to delete
};

struct ManagerOptions {
  BillingOptions billing;     // for tables and indexes this manager creates
  ddb::WaiterOptions waiter;  // how long to wait for ACTIVE / gone
};

class DynamoDBManager {
 public:
  explicit DynamoDBManager(ddb::Client& client, ManagerOptions options = {})
      : client_(client), options_(std::move(options)) {}

  // Makes the table exist as declared and waits until it and its indexes are ACTIVE. A table
  // whose key schema differs from the declaration is an error naming the difference; it is
  // never dropped. Indexes the table has beyond the declared ones are left alone.
  ddb::Result<EnsureResult> EnsureTable(const TableSchema& schema);

  // Called after each table is done (for progress output).
  using Progress = std::function<void(const EnsureResult&)>;
  // EnsureTable for every schema in order; stops at the first error.
  ddb::Result<std::vector<EnsureResult>> EnsureAll(const std::vector<TableSchema>& schemas,
                                                   const Progress& progress = {});

  // Deletes the table and waits until it is gone; an absent table is not an error.
  ddb::Result<DeleteOutcome> DeleteTable(std::string_view name);

  ddb::Result<std::vector<std::string>> ListTables();
  ddb::Result<ddb::TableDescription> Describe(std::string_view name);

  const ManagerOptions& options() const { return options_; }

 private:
  ddb::Status CheckKeySchema(const TableSchema& schema, const ddb::TableDescription& desc) const;
  ddb::Result<std::vector<std::string>> AddMissingIndexes(const TableSchema& schema,
                                                          const ddb::TableDescription& desc);

  ddb::Client& client_;
  ManagerOptions options_;
};

}  // namespace app
