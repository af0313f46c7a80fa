#include "engine/engine_impl.h"

#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/table.h>

#include <chrono>
#include <filesystem>
#include <mutex>

#include "engine/item_codec.h"
#include "engine/item_keys.h"
#include "engine/key_codec.h"
#include "engine/validation.h"

namespace engine {
namespace {

// Sums (count, bytes) deltas, so item writes update the table's counters inside their own
// WriteBatch without reading them first.
class StatsMergeOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    int64_t count = 0, bytes = 0, add_count = 0, add_bytes = 0;
    if (existing != nullptr) {
      layout::DecodeStats(std::string_view(existing->data(), existing->size()), &count, &bytes);
    }
    layout::DecodeStats(std::string_view(value.data(), value.size()), &add_count, &add_bytes);
    *new_value = layout::EncodeStats(count + add_count, bytes + add_bytes);
    return true;
  }
  const char* Name() const override { return "xrouting.StatsAdd"; }
};

ddb::Error IoError(std::string_view what, const rocksdb::Status& s) {
  return {ddb::ErrorCode::kIO, std::string(what) + ": " + s.ToString()};
}

std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

}  // namespace

ddb::Result<std::unique_ptr<Engine>> Engine::Open(const Options& options) {
  return EngineImpl::Open(options);
}

ddb::Result<std::unique_ptr<Engine>> EngineImpl::Open(const Options& options) {
  if (options.data_dir.empty()) {
    return ddb::Error(ddb::ErrorCode::kConfiguration, "no data directory given for the engine");
  }
  if (options.create_if_missing) {
    std::error_code ec;
    std::filesystem::create_directories(options.data_dir, ec);
    if (ec) {
      return ddb::Error(ddb::ErrorCode::kIO,
                        "cannot create data directory " + options.data_dir + ": " + ec.message());
    }
  }
  rocksdb::Options db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.merge_operator = std::make_shared<StatsMergeOperator>();
  // Cold starts matter (Lambda): keep the info log small and skip periodic stats dumps.
  db_options.keep_log_file_num = 2;
  db_options.stats_dump_period_sec = 0;
  db_options.stats_persist_period_sec = 0;
  // Counter keys take a merge operand per write; collapsing long runs in the memtable keeps
  // DescribeTable (which reads them) cheap between compactions.
  db_options.max_successive_merges = 64;
  // Every item write first looks up the item it replaces (counters, index entries), and
  // most writes are inserts: bloom filters (in SST files and the memtable) answer "not there"
  // without searching the skiplist or reading data blocks.
  rocksdb::BlockBasedTableOptions table_options;
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  db_options.memtable_prefix_bloom_size_ratio = 0.02;
  db_options.memtable_whole_key_filtering = true;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status s = rocksdb::DB::Open(db_options, options.data_dir, &raw);
  if (!s.ok()) {
    const std::string text = s.ToString();
    if (s.IsIOError() &&
        (text.find("lock") != std::string::npos || text.find("LOCK") != std::string::npos)) {
      return ddb::Error(ddb::ErrorCode::kIO,
                        "data directory " + options.data_dir +
                            " is locked: another xrouting process holds it (stop that process "
                            "or use another --data-dir); " +
                            text);
    }
    return IoError("cannot open data directory " + options.data_dir, s);
  }
  std::unique_ptr<EngineImpl> engine(new EngineImpl(options, std::unique_ptr<rocksdb::DB>(raw)));
  XR_RETURN_IF_ERROR(engine->LoadCatalog());
  {
    std::unique_lock ddl(engine->ddl_mu_);
    XR_RETURN_IF_ERROR(engine->PurgeGoneTables());
  }
  return std::unique_ptr<Engine>(std::move(engine));
}

EngineImpl::EngineImpl(const Options& options, std::unique_ptr<rocksdb::DB> db)
    : options_(options), db_(std::move(db)), faults_(options.faults) {
  write_options_.sync = options.sync_writes;
  write_options_.disableWAL = false;
}

EngineImpl::~EngineImpl() {
  if (db_) {
    // Close() waits for background flushes/compactions; errors cannot be reported from a
    // destructor, and the WAL already holds every acknowledged write.
    (void)db_->Close();
  }
}

ddb::Status EngineImpl::LoadCatalog() {
  // The catalog is a handful of small records: reading it is the only work at open.
  const std::string prefix = layout::CatalogPrefix();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    XR_ASSIGN_OR_RETURN(auto meta, DecodeTableMeta(View(it->value())));
    next_table_id_ = std::max(next_table_id_, meta.id + 1);
    auto name = meta.name;
    tables_[name] = std::make_shared<const TableMeta>(std::move(meta));
  }
  if (!it->status().ok()) return IoError("cannot read the catalog", it->status());
  std::string next;
  const auto s = db_->Get(rocksdb::ReadOptions(), layout::NextTableIdKey(), &next);
  if (s.ok() && next.size() == 4) {
    uint32_t v = 0;
    for (char c : next) v = (v << 8) | static_cast<uint8_t>(c);
    next_table_id_ = std::max(next_table_id_, v);
  } else if (!s.ok() && !s.IsNotFound()) {
    return IoError("cannot read the catalog", s);
  }
  return ddb::OkStatus();
}

int64_t EngineImpl::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ddb::TableStatus EngineImpl::StatusOf(const TableMeta& meta) const {
  if (meta.deleted_ms != 0) return ddb::TableStatus::DELETING;
  if (NowMs() < meta.created_ms + options_.transition_delay.count()) {
    return ddb::TableStatus::CREATING;
  }
  return ddb::TableStatus::ACTIVE;
}

bool EngineImpl::IsGone(const TableMeta& meta) const {
  return meta.deleted_ms != 0 && NowMs() >= meta.deleted_ms + options_.transition_delay.count();
}

bool EngineImpl::IndexCreating(const TableMeta& /*meta*/, const IndexMeta& index) const {
  return NowMs() < index.created_ms + options_.transition_delay.count();
}

ddb::Result<EngineImpl::MetaPtr> EngineImpl::GetTable(std::string_view name, Access access) const {
  XR_RETURN_IF_ERROR(ValidateTableName(name));
  MetaPtr meta;
  {
    std::shared_lock lock(catalog_mu_);
    const auto it = tables_.find(name);
    if (it != tables_.end()) meta = it->second;
  }
  // DynamoDB names the table only on control-plane calls (DescribeTable, UpdateTable,
  // DeleteTable); data-plane calls (GetItem, Query, BatchWriteItem, ...) say just
  // "Requested resource not found", which is what SDKs and dynalite see.
  const auto not_found = [&] {
    if (access == Access::kData) return ddb::NotFoundError("Requested resource not found");
    return ddb::NotFoundError("Requested resource not found: Table: " + std::string(name) +
                              " not found");
  };
  if (!meta || IsGone(*meta)) return not_found();
  // DynamoDB answers data-plane calls on a table that is not yet (or no longer) there as if
  // it did not exist.
  if (access == Access::kData && StatusOf(*meta) != ddb::TableStatus::ACTIVE) return not_found();
  return meta;
}

ddb::Status EngineImpl::PurgeGoneTables() {
  std::vector<MetaPtr> gone;
  {
    std::shared_lock lock(catalog_mu_);
    for (const auto& [name, meta] : tables_) {
      if (IsGone(*meta)) gone.push_back(meta);
    }
  }
  for (const auto& meta : gone) {
    rocksdb::WriteBatch batch;
    batch.Delete(layout::CatalogKey(meta->name));
    batch.DeleteRange(layout::TablePrefix(meta->id), layout::TablePrefix(meta->id + 1));
    XR_RETURN_IF_ERROR(Commit(&batch));
    std::unique_lock lock(catalog_mu_);
    const auto it = tables_.find(meta->name);
    if (it != tables_.end() && it->second == meta) tables_.erase(it);
  }
  return ddb::OkStatus();
}

void EngineImpl::ReadStats(uint32_t table_id, uint16_t index_id, int64_t* count,
                           int64_t* bytes) const {
  std::string value;
  *count = 0;
  *bytes = 0;
  if (db_->Get(rocksdb::ReadOptions(), layout::StatsKey(table_id, index_id), &value).ok()) {
    layout::DecodeStats(value, count, bytes);
  }
}

ddb::TableDescription EngineImpl::Describe(const TableMeta& meta) const {
  ddb::TableDescription d;
  d.table_name = meta.name;
  d.table_arn = "arn:aws:dynamodb:ddblocal:000000000000:table/" + meta.name;
  d.table_id = meta.uuid;
  d.table_status = StatusOf(meta);
  d.creation_date_time = static_cast<double>(meta.created_ms) / 1000.0;
  d.attribute_definitions = meta.attribute_definitions;
  d.key_schema.push_back({meta.key.hash.name, ddb::KeyType::HASH});
  if (meta.key.range) d.key_schema.push_back({meta.key.range->name, ddb::KeyType::RANGE});
  d.billing_mode = meta.billing_mode;
  d.provisioned_throughput = meta.throughput;
  ReadStats(meta.id, layout::kPrimaryIndex, &d.item_count, &d.table_size_bytes);
  for (const auto& index : meta.indexes) {
    ddb::GlobalSecondaryIndexDescription g;
    g.index_name = index.name;
    g.key_schema.push_back({index.key.hash.name, ddb::KeyType::HASH});
    if (index.key.range) g.key_schema.push_back({index.key.range->name, ddb::KeyType::RANGE});
    g.projection = index.projection;
    const bool creating = IndexCreating(meta, index);
    g.index_status = d.table_status == ddb::TableStatus::DELETING ? ddb::IndexStatus::DELETING
                     : creating                                   ? ddb::IndexStatus::CREATING
                                                                  : ddb::IndexStatus::ACTIVE;
    // Only an index added to an existing table backfills; one created with the table does not.
    g.backfilling = creating && index.created_ms > meta.created_ms;
    g.provisioned_throughput = index.throughput;
    ReadStats(meta.id, index.id, &g.item_count, &g.index_size_bytes);
    g.index_arn = d.table_arn + "/index/" + index.name;
    d.global_secondary_indexes.push_back(std::move(g));
  }
  return d;
}

ddb::Status EngineImpl::PersistMeta(const TableMeta& meta, rocksdb::WriteBatch* batch) {
  batch->Put(layout::CatalogKey(meta.name), EncodeTableMeta(meta));
  return ddb::OkStatus();
}

void EngineImpl::PublishMeta(TableMeta meta) {
  std::unique_lock lock(catalog_mu_);
  auto name = meta.name;
  tables_[name] = std::make_shared<const TableMeta>(std::move(meta));
}

ddb::Status EngineImpl::CheckThrottle() {
  if (faults_.ShouldThrottle()) {
    return ddb::Error(ddb::ErrorCode::kProvisionedThroughputExceeded,
                      "The level of configured provisioned throughput for the table was exceeded. "
                      "Consider increasing your provisioning level with the UpdateTable API.");
  }
  return ddb::OkStatus();
}

ddb::Status EngineImpl::Commit(rocksdb::WriteBatch* batch) {
  const auto s = db_->Write(write_options_, batch);
  if (!s.ok()) return IoError("write failed", s);
  return ddb::OkStatus();
}

void EngineImpl::StatsDeltas::Add(uint32_t table_id, uint16_t index_id, int64_t count,
                                  int64_t bytes) {
  if (count == 0 && bytes == 0) return;
  for (auto& d : deltas_) {
    if (d.table_id == table_id && d.index_id == index_id) {
      d.count += count;
      d.bytes += bytes;
      return;
    }
  }
  deltas_.push_back({table_id, index_id, count, bytes});
}

void EngineImpl::StatsDeltas::AddTo(rocksdb::WriteBatch* batch) const {
  for (const auto& d : deltas_) {
    if (d.count == 0 && d.bytes == 0) continue;
    batch->Merge(layout::StatsKey(d.table_id, d.index_id), layout::EncodeStats(d.count, d.bytes));
  }
}

ddb::Result<EngineImpl::OldItem> EngineImpl::ToOldItem(const rocksdb::Slice* value, bool decode) {
  OldItem old;
  if (value == nullptr) return old;
  old.exists = true;
  XR_ASSIGN_OR_RETURN(old.size, itemcodec::EncodedItemSize(View(*value)));
  if (decode) {
    old.item.emplace();
    XR_RETURN_IF_ERROR(itemcodec::DecodeItem(View(*value), &*old.item));
  }
  return old;
}

ddb::Result<EngineImpl::OldItem> EngineImpl::ReadOld(const std::string& key, bool decode) const {
  rocksdb::PinnableSlice value;
  const auto s = db_->Get(rocksdb::ReadOptions(), db_->DefaultColumnFamily(), key, &value);
  if (s.IsNotFound()) return OldItem();
  if (!s.ok()) return IoError("read failed", s);
  return ToOldItem(&value, decode);
}

ddb::Result<std::optional<ddb::Item>> EngineImpl::ReadItem(const std::string& key) const {
  XR_ASSIGN_OR_RETURN(auto old, ReadOld(key, true));
  return std::move(old.item);
}

void EngineImpl::AddItemChange(const TableMeta& meta, const std::string& key, const OldItem& old,
                               const ddb::Item* put, size_t put_size, StatsDeltas* stats,
                               std::string* scratch, rocksdb::WriteBatch* batch) const {
  if (put != nullptr) {
    scratch->clear();
    itemcodec::EncodeItem(*put, put_size, scratch);
    batch->Put(key, *scratch);
  } else if (old.exists) {
    batch->Delete(key);
  }
  const int64_t old_size = old.exists ? static_cast<int64_t>(old.size) : 0;
  const int64_t new_size = put ? static_cast<int64_t>(put_size) : 0;
  stats->Add(meta.id, layout::kPrimaryIndex, (put ? 1 : 0) - (old.exists ? 1 : 0),
             new_size - old_size);
  for (const auto& index : meta.indexes) {
    const ddb::Item* old_item = old.exists ? &*old.item : nullptr;
    const auto old_entry = old_item ? IndexEntryKey(meta, index, *old_item) : std::nullopt;
    const auto new_entry = put ? IndexEntryKey(meta, index, *put) : std::nullopt;
    if (!old_entry && !new_entry) continue;
    // An ALL projection is the item itself: no copy, and its size is already known.
    const bool all = index.projection.projection_type == ddb::ProjectionType::ALL;
    int64_t count = 0, bytes = 0;
    if (old_entry) {
      if (old_entry != new_entry) batch->Delete(*old_entry);
      --count;
      bytes -= static_cast<int64_t>(all ? old.size
                                        : ddb::ItemSize(ProjectToIndex(meta, index, *old_item)));
    }
    if (new_entry) {
      scratch->clear();
      size_t projected_size = put_size;
      if (all) {
        itemcodec::EncodeItem(*put, put_size, scratch);
      } else {
        const ddb::Item projected = ProjectToIndex(meta, index, *put);
        projected_size = ddb::ItemSize(projected);
        itemcodec::EncodeItem(projected, projected_size, scratch);
      }
      batch->Put(*new_entry, *scratch);
      ++count;
      bytes += static_cast<int64_t>(projected_size);
    }
    stats->Add(meta.id, index.id, count, bytes);
  }
}

ddb::Result<std::string> EngineImpl::ItemStorageKey(const TableMeta& meta,
                                                    const ddb::Item& item) const {
  XR_ASSIGN_OR_RETURN(auto key, TableItemKey(meta, item, KeyUse::kItem));
  XR_RETURN_IF_ERROR(ValidateIndexKeys(meta, item));
  return key;
}

ddb::Status EngineImpl::CheckCondition(const std::optional<expr::Condition>& condition,
                                       const OldItem& old,
                                       ddb::ReturnValuesOnConditionCheckFailure on_failure) {
  if (!condition) return ddb::OkStatus();
  static const ddb::Item kNoItem;
  if (condition->Evaluate(old.item ? *old.item : kNoItem)) return ddb::OkStatus();
  ddb::Error error(ddb::ErrorCode::kConditionalCheckFailed, "The conditional request failed");
  if (on_failure == ddb::ReturnValuesOnConditionCheckFailure::ALL_OLD && old.item) {
    error.item = std::make_shared<const ddb::Item>(*old.item);
  }
  return error;
}

}  // namespace engine
