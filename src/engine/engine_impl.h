// EngineImpl: the RocksDB-backed Engine. Its operations are split over files by concern:
// engine_impl.cc (open, catalog cache, table states, shared write path), table_ops.cc
// (Create/Describe/List/Delete/UpdateTable), item_ops.cc (Put/Get/Delete, batches),
// update_ops.cc (UpdateItem), scan_ops.cc and query_ops.cc. Every operation first runs its
// request-level checks (request_checks.h), then looks the table up.
//
// Locking: data-plane writes hold ddl_mu_ shared and the striped locks of the keys they
// change; DDL holds ddl_mu_ exclusive (so an index backfill or a table drop never races a
// write that still sees the old schema). Readers take no engine lock: they copy the table's
// metadata pointer and read through RocksDB snapshots/iterators.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.h"
#include "engine/concurrency.h"
#include "engine/engine.h"
#include "engine/expr/expressions.h"

namespace engine {

class EngineImpl final : public Engine {
 public:
  static ddb::Result<std::unique_ptr<Engine>> Open(const Options& options);
  ~EngineImpl() override;

  ddb::Result<ddb::CreateTableResponse> CreateTable(const ddb::CreateTableRequest&) override;
  ddb::Result<ddb::DescribeTableResponse> DescribeTable(const ddb::DescribeTableRequest&) override;
  ddb::Result<ddb::ListTablesResponse> ListTables(const ddb::ListTablesRequest&) override;
  ddb::Result<ddb::DeleteTableResponse> DeleteTable(const ddb::DeleteTableRequest&) override;
  ddb::Result<ddb::UpdateTableResponse> UpdateTable(const ddb::UpdateTableRequest&) override;
  ddb::Result<ddb::PutItemResponse> PutItem(const ddb::PutItemRequest&) override;
  ddb::Result<ddb::GetItemResponse> GetItem(const ddb::GetItemRequest&) override;
  ddb::Result<ddb::DeleteItemResponse> DeleteItem(const ddb::DeleteItemRequest&) override;
  ddb::Result<ddb::UpdateItemResponse> UpdateItem(const ddb::UpdateItemRequest&) override;
  ddb::Result<ddb::BatchWriteItemResponse> BatchWriteItem(
      const ddb::BatchWriteItemRequest&) override;
  ddb::Result<ddb::BatchGetItemResponse> BatchGetItem(const ddb::BatchGetItemRequest&) override;
  ddb::Result<ddb::ScanResponse> Scan(const ddb::ScanRequest&) override;
  ddb::Result<ddb::QueryResponse> Query(const ddb::QueryRequest&) override;
  ddb::Result<ddb::TagResourceResponse> TagResource(const ddb::TagResourceRequest&) override;
  ddb::Result<ddb::UntagResourceResponse> UntagResource(
      const ddb::UntagResourceRequest&) override;  // tag_ops.cc
  ddb::Result<ddb::ListTagsOfResourceResponse> ListTagsOfResource(
      const ddb::ListTagsOfResourceRequest&) override;  // tag_ops.cc
  ddb::Result<ddb::DescribeLimitsResponse> DescribeLimits(
      const ddb::DescribeLimitsRequest&) override;  // tag_ops.cc
  ddb::Result<ddb::TransactWriteItemsResponse> TransactWriteItems(
      const ddb::TransactWriteItemsRequest&) override;  // transact_ops.cc
  ddb::Result<ddb::TransactGetItemsResponse> TransactGetItems(
      const ddb::TransactGetItemsRequest&) override;  // transact_ops.cc
  void SetFaults(const FaultInjection& faults) override { faults_.Set(faults); }

 private:
  using MetaPtr = std::shared_ptr<const TableMeta>;
  // What a caller is about to do with a table; decides which states refuse it.
  enum class Access { kDescribe, kData };

  EngineImpl(const Options& options, std::unique_ptr<rocksdb::DB> db);
  ddb::Status LoadCatalog();

  // --- catalog and states (engine_impl.cc) ---
  int64_t NowMs() const;
  ddb::TableStatus StatusOf(const TableMeta& meta) const;
  bool IsGone(const TableMeta& meta) const;  // deleted and past the DELETING delay
  bool IndexCreating(const TableMeta& meta, const IndexMeta& index) const;
  // The table's metadata, or ResourceNotFoundException (also for states `access` refuses).
  ddb::Result<MetaPtr> GetTable(std::string_view name, Access access) const;
  // Drops tables whose DELETING delay has passed (caller holds ddl_mu_ exclusive).
  ddb::Status PurgeGoneTables();
  ddb::TableDescription Describe(const TableMeta& meta) const;
  void ReadStats(uint32_t table_id, uint16_t index_id, int64_t* count, int64_t* bytes) const;
  ddb::Status PersistMeta(const TableMeta& meta, rocksdb::WriteBatch* batch);
  void PublishMeta(TableMeta meta);

  // --- shared write path (engine_impl.cc) ---
  ddb::Status CheckThrottle();
  ddb::Status Commit(rocksdb::WriteBatch* batch);
  // What a write replaces at a storage key: whether an item is there, its stored size, and
  // the item itself when `decode` was asked (conditions, ALL_OLD, index maintenance).
  struct OldItem {
    bool exists = false;
    size_t size = 0;
    std::optional<ddb::Item> item;
  };
  // Counter deltas of one write call, merged once per (table, index) at the end rather than
  // once per item: fewer merge operands to write and to collapse later.
  class StatsDeltas {
   public:
    void Add(uint32_t table_id, uint16_t index_id, int64_t count, int64_t bytes);
    void AddTo(rocksdb::WriteBatch* batch) const;

   private:
    struct Delta {
      uint32_t table_id;
      uint16_t index_id;
      int64_t count, bytes;
    };
    std::vector<Delta> deltas_;
  };
  // Builds an OldItem from a stored value (nullptr: no item).
  static ddb::Result<OldItem> ToOldItem(const rocksdb::Slice* value, bool decode);
  // Reads the current item at a storage key (caller holds its stripe lock).
  ddb::Result<OldItem> ReadOld(const std::string& key, bool decode) const;
  ddb::Result<std::optional<ddb::Item>> ReadItem(const std::string& key) const;
  // Adds the writes that replace `old` by `put` (nullptr: delete; put_size is its
  // ddb::ItemSize) at `key`, with index entries, to batch and the counter changes to stats.
  // `old.item` must be set when the table has indexes. `scratch` is an encoding buffer the
  // caller may reuse across items.
  void AddItemChange(const TableMeta& meta, const std::string& key, const OldItem& old,
                     const ddb::Item* put, size_t put_size, StatsDeltas* stats,
                     std::string* scratch, rocksdb::WriteBatch* batch) const;
  // The table-level checks of an item to be written (its key and index keys; values and size
  // are request-level, see request_checks.h); the result is the item's storage key.
  ddb::Result<std::string> ItemStorageKey(const TableMeta& meta, const ddb::Item& item) const;
  // A write's condition against the item it replaces: ConditionalCheckFailedException when it
  // fails, with the old item attached when the request asked for ALL_OLD on failure.
  static ddb::Status CheckCondition(const std::optional<expr::Condition>& condition,
                                    const OldItem& old,
                                    ddb::ReturnValuesOnConditionCheckFailure on_failure);

  // --- tags (tag_ops.cc) ---
  // The table a tag operation's ARN names: AccessDeniedException for what is not an ARN,
  // ValidationException for an ARN that is not a table's, ResourceNotFoundException
  // (`not_found`) when no table has this ARN.
  ddb::Result<MetaPtr> TableForArn(std::string_view operation, std::string_view arn,
                                   std::string_view not_found) const;

  // --- table operations (table_ops.cc) ---
  ddb::Status AddIndex(TableMeta* meta, const ddb::GlobalSecondaryIndex& gsi,
                       const std::vector<ddb::AttributeDefinition>& definitions);
  ddb::Status Backfill(const TableMeta& meta, const IndexMeta& index, rocksdb::WriteBatch* last);

  Options options_;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::WriteOptions write_options_;

  mutable std::shared_mutex ddl_mu_;
  mutable std::shared_mutex catalog_mu_;  // guards tables_ and next_table_id_
  std::map<std::string, MetaPtr, std::less<>> tables_;
  uint32_t next_table_id_ = 1;

  StripedLocks key_locks_;
  FaultInjector faults_;

  // TransactWriteItems' ClientRequestTokens (transact_ops.cc), in memory only: token ->
  // fingerprint of the request and when it committed (kept 10 minutes).
  struct TokenUse {
    uint64_t request_hash = 0;
    int64_t at_ms = 0;
  };
  std::mutex tokens_mu_;
  std::map<std::string, TokenUse, std::less<>> tokens_;
};

}  // namespace engine
