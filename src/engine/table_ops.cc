// Table operations: CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable.
#include <algorithm>
#include <mutex>
#include <random>

#include "ddb/tagging.h"
#include "engine/engine_impl.h"
#include "engine/item_codec.h"
#include "engine/item_keys.h"
#include "engine/key_codec.h"
#include "engine/validation.h"

namespace engine {
namespace {

constexpr size_t kMaxIndexes = 20;
constexpr size_t kBackfillBatchBytes = 4 << 20;

// A random RFC 4122 version-4 UUID: DynamoDB's TableId has this shape.
std::string NewUuid() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  const uint64_t hi = (gen() & 0xFFFFFFFFFFFF0FFFULL) | 0x4000ULL;
  const uint64_t lo = (gen() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[37];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

ddb::Error InUse(const TableMeta& meta, ddb::TableStatus status) {
  return ddb::InUseError(std::string("Attempt to change a resource which is still in use: ") +
                         (status == ddb::TableStatus::CREATING ? "Table is being created: "
                                                               : "Table is being deleted: ") +
                         meta.name);
}

}  // namespace

ddb::Result<ddb::CreateTableResponse> EngineImpl::CreateTable(
    const ddb::CreateTableRequest& request) {
  XR_ASSIGN_OR_RETURN(TableMeta meta, BuildTableMeta(request));
  XR_RETURN_IF_ERROR(ddb::CheckTagsToSet(request.tags));
  XR_RETURN_IF_ERROR(ddb::MergeTags(request.tags, &meta.tags));
  std::unique_lock ddl(ddl_mu_);
  XR_RETURN_IF_ERROR(PurgeGoneTables());
  {
    std::shared_lock lock(catalog_mu_);
    if (tables_.count(meta.name) != 0) {
      return ddb::InUseError("Table already exists: " + meta.name);
    }
    meta.id = next_table_id_;
  }
  meta.uuid = NewUuid();
  meta.created_ms = NowMs();
  for (auto& index : meta.indexes) index.created_ms = meta.created_ms;
  rocksdb::WriteBatch batch;
  XR_RETURN_IF_ERROR(PersistMeta(meta, &batch));
  std::string next;
  keycodec::AppendBE32(meta.id + 1, &next);
  batch.Put(layout::NextTableIdKey(), next);
  XR_RETURN_IF_ERROR(Commit(&batch));
  {
    std::unique_lock lock(catalog_mu_);
    next_table_id_ = meta.id + 1;
  }
  ddb::CreateTableResponse response;
  response.table_description = Describe(meta);
  PublishMeta(std::move(meta));
  return response;
}

ddb::Result<ddb::DescribeTableResponse> EngineImpl::DescribeTable(
    const ddb::DescribeTableRequest& request) {
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kDescribe));
  ddb::DescribeTableResponse response;
  response.table = Describe(*meta);
  return response;
}

ddb::Result<ddb::ListTablesResponse> EngineImpl::ListTables(const ddb::ListTablesRequest& request) {
  XR_RETURN_IF_ERROR(ValidateLimit(request.limit, 100));
  if (request.exclusive_start_table_name) {
    XR_RETURN_IF_ERROR(ValidateTableName(*request.exclusive_start_table_name));
  }
  const size_t limit = static_cast<size_t>(request.limit.value_or(100));
  ddb::ListTablesResponse response;
  std::shared_lock lock(catalog_mu_);
  auto it = request.exclusive_start_table_name
                ? tables_.upper_bound(*request.exclusive_start_table_name)
                : tables_.begin();
  for (; it != tables_.end(); ++it) {
    if (IsGone(*it->second)) continue;
    if (response.table_names.size() == limit) {
      response.last_evaluated_table_name = response.table_names.back();
      break;
    }
    response.table_names.push_back(it->first);
  }
  return response;
}

ddb::Result<ddb::DeleteTableResponse> EngineImpl::DeleteTable(
    const ddb::DeleteTableRequest& request) {
  std::unique_lock ddl(ddl_mu_);
  XR_RETURN_IF_ERROR(PurgeGoneTables());
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kDescribe));
  const auto status = StatusOf(*meta);
  if (status != ddb::TableStatus::ACTIVE) return InUse(*meta, status);
  TableMeta deleted = *meta;
  deleted.deleted_ms = NowMs();
  ddb::DeleteTableResponse response;
  response.table_description = Describe(deleted);
  rocksdb::WriteBatch batch;
  if (options_.transition_delay.count() == 0) {
    // Immediate: the catalog record and every key the table owns go in one atomic write.
    batch.Delete(layout::CatalogKey(meta->name));
    batch.DeleteRange(layout::TablePrefix(meta->id), layout::TablePrefix(meta->id + 1));
    XR_RETURN_IF_ERROR(Commit(&batch));
    std::unique_lock lock(catalog_mu_);
    tables_.erase(meta->name);
  } else {
    // DELETING for the delay; PurgeGoneTables drops it afterwards.
    XR_RETURN_IF_ERROR(PersistMeta(deleted, &batch));
    XR_RETURN_IF_ERROR(Commit(&batch));
    PublishMeta(std::move(deleted));
  }
  return response;
}

ddb::Status EngineImpl::Backfill(const TableMeta& meta, const IndexMeta& index,
                                 rocksdb::WriteBatch* last) {
  // Runs with ddl_mu_ held exclusively, so no write changes the table underneath; the
  // iterator's implicit snapshot keeps the walk consistent anyway.
  const std::string prefix = layout::IndexPrefix(meta.id, layout::kPrimaryIndex);
  const std::string end = keycodec::PrefixEnd(prefix);
  rocksdb::ReadOptions read_options;
  rocksdb::Slice upper(end);
  read_options.iterate_upper_bound = &upper;
  read_options.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options));
  rocksdb::WriteBatch batch;
  int64_t count = 0, bytes = 0;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    XR_ASSIGN_OR_RETURN(
        auto item, itemcodec::DecodeItem(std::string_view(it->value().data(), it->value().size())));
    const auto entry = IndexEntryKey(meta, index, item);
    if (!entry) continue;  // sparse: no (correctly typed) index key
    const ddb::Item projected = ProjectToIndex(meta, index, item);
    batch.Put(*entry, itemcodec::EncodeItem(projected));
    ++count;
    bytes += static_cast<int64_t>(ddb::ItemSize(projected));
    if (batch.GetDataSize() >= kBackfillBatchBytes) {
      XR_RETURN_IF_ERROR(Commit(&batch));
      batch.Clear();
    }
  }
  if (!it->status().ok()) {
    return ddb::Error(ddb::ErrorCode::kIO, "index backfill failed: " + it->status().ToString());
  }
  XR_RETURN_IF_ERROR(Commit(&batch));
  last->Merge(layout::StatsKey(meta.id, index.id), layout::EncodeStats(count, bytes));
  return ddb::OkStatus();
}

ddb::Status EngineImpl::AddIndex(TableMeta* meta, const ddb::GlobalSecondaryIndex& gsi,
                                 const std::vector<ddb::AttributeDefinition>& request_defs) {
  // The definitions the new index may use: the table's plus the request's new ones.
  std::vector<ddb::AttributeDefinition> defs = meta->attribute_definitions;
  for (const auto& def : request_defs) {
    const auto same = std::find_if(defs.begin(), defs.end(), [&](const auto& d) {
      return d.attribute_name == def.attribute_name;
    });
    if (same == defs.end()) {
      defs.push_back(def);
    } else if (same->attribute_type != def.attribute_type) {
      return ddb::ValidationError("One or more parameter values were invalid: Attribute " +
                                  def.attribute_name + " is already defined with type " +
                                  std::string(TypeName(same->attribute_type)));
    }
  }
  XR_ASSIGN_OR_RETURN(auto index, BuildIndexMeta(gsi, defs, meta->billing_mode,
                                                 "globalSecondaryIndexUpdates.1.member.create"));
  if (meta->FindIndex(index.name) != nullptr) {
    return ddb::ValidationError("One or more parameter values were invalid: Index with name " +
                                index.name + " already exists");
  }
  if (meta->indexes.size() >= kMaxIndexes) {
    return ddb::Error(ddb::ErrorCode::kLimitExceeded,
                      "One or more parameter values were invalid: GlobalSecondaryIndex count "
                      "exceeds the per-table limit of 20");
  }
  // Keep only definitions some key uses, as DynamoDB does.
  for (const auto* attr : {&index.key.hash, index.key.range ? &*index.key.range : nullptr}) {
    if (attr == nullptr) continue;
    const bool known =
        std::any_of(meta->attribute_definitions.begin(), meta->attribute_definitions.end(),
                    [&](const auto& d) { return d.attribute_name == attr->name; });
    if (!known) meta->attribute_definitions.push_back({attr->name, attr->type});
  }
  index.id = meta->next_index_id++;
  index.created_ms = NowMs();
  // Burn the index id first: if the process dies mid-backfill, the partial entries sit
  // under an id no index will ever use again (and go away with the table).
  rocksdb::WriteBatch burn;
  XR_RETURN_IF_ERROR(PersistMeta(*meta, &burn));
  XR_RETURN_IF_ERROR(Commit(&burn));
  rocksdb::WriteBatch last;
  XR_RETURN_IF_ERROR(Backfill(*meta, index, &last));
  meta->indexes.push_back(std::move(index));
  XR_RETURN_IF_ERROR(PersistMeta(*meta, &last));
  return Commit(&last);
}

ddb::Result<ddb::UpdateTableResponse> EngineImpl::UpdateTable(
    const ddb::UpdateTableRequest& request) {
  std::unique_lock ddl(ddl_mu_);
  XR_RETURN_IF_ERROR(PurgeGoneTables());
  XR_ASSIGN_OR_RETURN(auto current, GetTable(request.table_name, Access::kDescribe));
  const auto status = StatusOf(*current);
  if (status != ddb::TableStatus::ACTIVE) return InUse(*current, status);
  if (request.global_secondary_index_updates.empty() && !request.billing_mode &&
      !request.provisioned_throughput) {
    return ddb::ValidationError(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  }
  if (request.global_secondary_index_updates.size() > 1) {
    return ddb::Error(ddb::ErrorCode::kLimitExceeded,
                      "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                      "simultaneously per table");
  }
  TableMeta meta = *current;
  // Billing and throughput first: a new index takes its throughput rules from them.
  if (request.billing_mode) meta.billing_mode = *request.billing_mode;
  if (meta.billing_mode == ddb::BillingMode::PAY_PER_REQUEST) {
    if (request.provisioned_throughput) {
      return ddb::ValidationError(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
          "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    meta.throughput.reset();
    for (auto& index : meta.indexes) index.throughput.reset();
  } else {
    if (request.provisioned_throughput) meta.throughput = request.provisioned_throughput;
    if (!meta.throughput) {
      return ddb::ValidationError(
          "One or more parameter values were invalid: ProvisionedThroughput must be specified "
          "when BillingMode is PROVISIONED");
    }
    for (auto& index : meta.indexes) {
      if (!index.throughput) index.throughput = meta.throughput;
    }
  }
  for (const auto& update : request.global_secondary_index_updates) {
    if (update.create) {
      XR_RETURN_IF_ERROR(AddIndex(&meta, *update.create, request.attribute_definitions));
      continue;
    }
    if (!update.delete_index_name) continue;
    const auto it = std::find_if(meta.indexes.begin(), meta.indexes.end(), [&](const auto& i) {
      return i.name == *update.delete_index_name;
    });
    if (it == meta.indexes.end()) {
      return ddb::NotFoundError(
          "Requested resource not found: Index: " + *update.delete_index_name + " not found");
    }
    rocksdb::WriteBatch batch;
    batch.DeleteRange(layout::IndexPrefix(meta.id, it->id),
                      layout::IndexPrefix(meta.id, static_cast<uint16_t>(it->id + 1)));
    batch.Delete(layout::StatsKey(meta.id, it->id));
    meta.indexes.erase(it);
    XR_RETURN_IF_ERROR(PersistMeta(meta, &batch));
    XR_RETURN_IF_ERROR(Commit(&batch));
  }
  rocksdb::WriteBatch batch;
  XR_RETURN_IF_ERROR(PersistMeta(meta, &batch));
  XR_RETURN_IF_ERROR(Commit(&batch));
  ddb::UpdateTableResponse response;
  response.table_description = Describe(meta);
  PublishMeta(std::move(meta));
  return response;
}

}  // namespace engine
