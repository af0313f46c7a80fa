#include "app/manager.h"

#include <algorithm>

namespace app {
namespace {

using ddb::Error;
using ddb::ErrorCode;

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// "id (S)" for a declared key attribute.
std::string KeyText(const KeyAttribute& key) {
  return key.name + " (" + std::string(ddb::ToString(key.type)) + ")";
}

std::string DeclaredKeysText(const KeyAttribute& partition,
                             const std::optional<KeyAttribute>& sort) {
  std::string out = "partition key " + KeyText(partition);
  out += sort ? ", sort key " + KeyText(*sort) : ", no sort key";
  return out;
}

// The key attributes a table (or index) has, with their types from the table's attribute
// definitions.
struct ActualKeys {
  std::optional<KeyAttribute> partition;
  std::optional<KeyAttribute> sort;
};

ActualKeys KeysOf(const std::vector<ddb::KeySchemaElement>& key_schema,
                  const std::vector<ddb::AttributeDefinition>& defs) {
  ActualKeys keys;
  for (const auto& k : key_schema) {
    KeyAttribute attr{k.attribute_name, ddb::ScalarAttributeType::S};
    auto def = std::find_if(defs.begin(), defs.end(),
                            [&](const auto& d) { return d.attribute_name == k.attribute_name; });
    if (def != defs.end()) attr.type = def->attribute_type;
    (k.key_type == ddb::KeyType::HASH ? keys.partition : keys.sort) = attr;
  }
  return keys;
}

std::string ActualKeysText(const ActualKeys& keys) {
  std::string out = "partition key " + (keys.partition ? KeyText(*keys.partition) : "(none)");
  out += keys.sort ? ", sort key " + KeyText(*keys.sort) : ", no sort key";
  return out;
}

// Empty when equal; else what differs, e.g. "partition key is userId (S), declared id (S)".
std::string KeyDifference(const ActualKeys& actual, const KeyAttribute& partition,
                          const std::optional<KeyAttribute>& sort) {
  std::vector<std::string> diffs;
  if (actual.partition != partition) {
    diffs.push_back("partition key is " +
                    (actual.partition ? KeyText(*actual.partition) : std::string("missing")) +
                    ", declared " + KeyText(partition));
  }
  if (actual.sort != sort) {
    diffs.push_back("sort key is " + (actual.sort ? KeyText(*actual.sort) : std::string("absent")) +
                    ", declared " + (sort ? KeyText(*sort) : std::string("none")));
  }
  std::string out;
  for (const auto& d : diffs) out += (out.empty() ? "" : "; ") + d;
  return out;
}

}  // namespace

std::string_view ToString(EnsureOutcome outcome) {
  switch (outcome) {
    case EnsureOutcome::kCreated:
      return "created";
    case EnsureOutcome::kUnchanged:
      return "unchanged";
    case EnsureOutcome::kIndexesAdded:
      return "index added";
  }
  return "unknown";
}

ddb::Status DynamoDBManager::CheckKeySchema(const TableSchema& schema,
                                            const ddb::TableDescription& desc) const {
  const ActualKeys actual = KeysOf(desc.key_schema, desc.attribute_definitions);
  std::string diff = KeyDifference(actual, schema.partition_key, schema.sort_key);
  if (!diff.empty()) {
    return Error(ErrorCode::kValidation,
                 "table " + Quoted(schema.name) +
                     " exists with a different key schema than declared: " + diff + " (it has " +
                     ActualKeysText(actual) + "; declared " +
                     DeclaredKeysText(schema.partition_key, schema.sort_key) +
                     "). It is never dropped automatically: migrate its data and delete it, "
                     "or use another store");
  }
  for (const auto& index : schema.indexes) {
    auto it =
        std::find_if(desc.global_secondary_indexes.begin(), desc.global_secondary_indexes.end(),
                     [&](const auto& g) { return g.index_name == index.name; });
    if (it == desc.global_secondary_indexes.end()) continue;
    const ActualKeys index_keys = KeysOf(it->key_schema, desc.attribute_definitions);
    std::string index_diff = KeyDifference(index_keys, index.partition_key, index.sort_key);
    if (!index_diff.empty()) {
      return Error(ErrorCode::kValidation,
                   "index " + Quoted(index.name) + " of table " + Quoted(schema.name) +
                       " exists with different keys than declared: " + index_diff +
                       ". Delete the index (or the table) deliberately to recreate it");
    }
  }
  return ddb::OkStatus();
}

ddb::Result<std::vector<std::string>> DynamoDBManager::AddMissingIndexes(
    const TableSchema& schema, const ddb::TableDescription& desc) {
  std::vector<std::string> added;
  // A provisioned table needs throughput for each new index, whatever this manager's default.
  BillingOptions billing = options_.billing;
  billing.mode = desc.billing_mode;
  for (const auto& index : schema.indexes) {
    const bool exists =
        std::any_of(desc.global_secondary_indexes.begin(), desc.global_secondary_indexes.end(),
                    [&](const auto& g) { return g.index_name == index.name; });
    if (exists) continue;
    ddb::UpdateTableRequest req;
    req.table_name = schema.name;
    req.attribute_definitions = AttributeDefinitionsOf(schema);
    ddb::GlobalSecondaryIndexUpdate update;
    update.create = ToGlobalSecondaryIndex(index, billing);
    req.global_secondary_index_updates.push_back(std::move(update));
    // DynamoDB accepts one new index per UpdateTable: add them one at a time.
    auto updated = client_.UpdateTable(req);
    if (!updated.ok()) {
      Error e = std::move(updated).error();
      e.message = "adding index " + Quoted(index.name) + " to table " + Quoted(schema.name) + ": " +
                  e.message;
      return e;
    }
    XR_RETURN_IF_ERROR(client_.WaitUntilTableActive(schema.name, options_.waiter));
    // Some compatible servers (dynalite) accept the update and ignore the new index: check.
    XR_ASSIGN_OR_RETURN(auto after, client_.DescribeTable(schema.name));
    const bool created =
        std::any_of(after.global_secondary_indexes.begin(), after.global_secondary_indexes.end(),
                    [&](const auto& g) { return g.index_name == index.name; });
    if (!created) {
      return Error(ErrorCode::kUnknown,
                   "the store accepted UpdateTable but table " + Quoted(schema.name) +
                       " still has no index " + Quoted(index.name) +
                       ": it does not support adding indexes to existing tables (dynalite does "
                       "not); recreate the table to get the index");
    }
    added.push_back(index.name);
  }
  return added;
}

ddb::Result<EnsureResult> DynamoDBManager::EnsureTable(const TableSchema& schema) {
  EnsureResult result;
  result.table = schema.name;
  auto desc = client_.DescribeTable(schema.name);
  if (!desc.ok() && desc.error().code == ErrorCode::kResourceNotFound) {
    auto created = client_.CreateTable(ToCreateTableRequest(schema, options_.billing));
    if (created.ok()) {
      XR_RETURN_IF_ERROR(client_.WaitUntilTableActive(schema.name, options_.waiter));
      result.outcome = EnsureOutcome::kCreated;
      return result;
    }
    // Someone else created it meanwhile: check it like any existing table.
    if (created.error().code != ErrorCode::kResourceInUse) {
      Error e = std::move(created).error();
      e.message = "creating table " + Quoted(schema.name) + ": " + e.message;
      return e;
    }
    desc = client_.DescribeTable(schema.name);
  }
  if (!desc.ok()) {
    Error e = std::move(desc).error();
    e.message = "describing table " + Quoted(schema.name) + ": " + e.message;
    return e;
  }
  if (desc->table_status == ddb::TableStatus::DELETING) {
    return Error(ErrorCode::kResourceInUse,
                 "table " + Quoted(schema.name) +
                     " is being deleted; run the command again once it is gone");
  }
  XR_RETURN_IF_ERROR(CheckKeySchema(schema, *desc));
  if (desc->table_status != ddb::TableStatus::ACTIVE) {
    // UpdateTable needs an ACTIVE table; a table still CREATING is waited for either way.
    XR_RETURN_IF_ERROR(client_.WaitUntilTableActive(schema.name, options_.waiter));
  }
  XR_ASSIGN_OR_RETURN(result.indexes_added, AddMissingIndexes(schema, *desc));
  if (!result.indexes_added.empty()) {
    result.outcome = EnsureOutcome::kIndexesAdded;
  } else {
    // Existing indexes may still be backfilling (CREATING).
    XR_RETURN_IF_ERROR(client_.WaitUntilTableActive(schema.name, options_.waiter));
  }
  return result;
}

ddb::Result<std::vector<EnsureResult>> DynamoDBManager::EnsureAll(
    const std::vector<TableSchema>& schemas, const Progress& progress) {
  std::vector<EnsureResult> results;
  for (const auto& schema : schemas) {
    XR_ASSIGN_OR_RETURN(auto result, EnsureTable(schema));
    if (progress) progress(result);
    results.push_back(std::move(result));
  }
  return results;
}

ddb::Result<DeleteOutcome> DynamoDBManager::DeleteTable(std::string_view name) {
  auto deleted = client_.DeleteTable(name);
  if (!deleted.ok()) {
    switch (deleted.error().code) {
      case ErrorCode::kResourceNotFound:
        return DeleteOutcome::kAbsent;
      case ErrorCode::kResourceInUse: {
        // Being created, updated or already deleted: settle first, then delete.
        auto desc = client_.DescribeTable(name);
        if (!desc.ok()) {
          if (desc.error().code == ErrorCode::kResourceNotFound) return DeleteOutcome::kAbsent;
          return std::move(desc).error();
        }
        if (desc->table_status != ddb::TableStatus::DELETING) {
          XR_RETURN_IF_ERROR(client_.WaitUntilTableActive(name, options_.waiter));
          deleted = client_.DeleteTable(name);
          if (!deleted.ok() && deleted.error().code != ErrorCode::kResourceNotFound) {
            Error e = std::move(deleted).error();
            e.message = "deleting table " + Quoted(name) + ": " + e.message;
            return e;
          }
        }
        break;
      }
      default: {
        Error e = std::move(deleted).error();
        e.message = "deleting table " + Quoted(name) + ": " + e.message;
        return e;
      }
    }
  }
  XR_RETURN_IF_ERROR(client_.WaitUntilTableNotExists(name, options_.waiter));
  return DeleteOutcome::kDeleted;
}

ddb::Result<std::vector<std::string>> DynamoDBManager::ListTables() {
  return client_.ListAllTables();
}

ddb::Result<ddb::TableDescription> DynamoDBManager::Describe(std::string_view name) {
  return client_.DescribeTable(name);
}

}  // namespace app
