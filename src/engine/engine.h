// Engine: the embedded, persistent, DynamoDB-compatible engine on RocksDB.
// One Engine owns one data directory (RocksDB's LOCK file keeps a second process out).
// Every operation takes and returns the typed shapes of ddb/model.h; safe for concurrent
// callers.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "ddb/model.h"
#include "ddb/result.h"

namespace engine {

// Test hooks that make the engine answer like a busy DynamoDB, so retry logic is tested
// against real state instead of mocks.
struct FaultInjection {
  // Fraction (0..1) of the write requests of each BatchWriteItem left unprocessed
  // (returned in UnprocessedItems, not written).
  double unprocessed_fraction = 0;
  // When > 0, every Nth data-plane call fails with ProvisionedThroughputExceededException
  // before doing anything.
  int throttle_every = 0;
  uint64_t seed = 1;
};

struct Options {
  std::string data_dir;
  bool create_if_missing = true;
  // Tables stay CREATING / DELETING (and indexes CREATING) for this long before they become
  // ACTIVE / disappear, like DynamoDB; 0 makes transitions immediate.
  std::chrono::milliseconds transition_delay{0};
  // fsync the WAL on every write (survives power loss); without it an acknowledged write
  // survives a crash of the process (the WAL is written before the call returns).
  bool sync_writes = false;
  FaultInjection faults;
};

class Engine {
 public:
  // Opens (or creates) the store. A directory locked by another process gives an IO error
  // naming the directory.
  static ddb::Result<std::unique_ptr<Engine>> Open(const Options& options);
  virtual ~Engine() = default;

  virtual ddb::Result<ddb::CreateTableResponse> CreateTable(const ddb::CreateTableRequest&) = 0;
  virtual ddb::Result<ddb::DescribeTableResponse> DescribeTable(
      const ddb::DescribeTableRequest&) = 0;
  virtual ddb::Result<ddb::ListTablesResponse> ListTables(const ddb::ListTablesRequest&) = 0;
  virtual ddb::Result<ddb::DeleteTableResponse> DeleteTable(const ddb::DeleteTableRequest&) = 0;
  virtual ddb::Result<ddb::UpdateTableResponse> UpdateTable(const ddb::UpdateTableRequest&) = 0;
  virtual ddb::Result<ddb::PutItemResponse> PutItem(const ddb::PutItemRequest&) = 0;
  virtual ddb::Result<ddb::GetItemResponse> GetItem(const ddb::GetItemRequest&) = 0;
  virtual ddb::Result<ddb::DeleteItemResponse> DeleteItem(const ddb::DeleteItemRequest&) = 0;
  virtual ddb::Result<ddb::UpdateItemResponse> UpdateItem(const ddb::UpdateItemRequest&) = 0;
  virtual ddb::Result<ddb::BatchWriteItemResponse> BatchWriteItem(
      const ddb::BatchWriteItemRequest&) = 0;
  virtual ddb::Result<ddb::BatchGetItemResponse> BatchGetItem(
      const ddb::BatchGetItemRequest&) = 0;
  virtual ddb::Result<ddb::ScanResponse> Scan(const ddb::ScanRequest&) = 0;
  virtual ddb::Result<ddb::QueryResponse> Query(const ddb::QueryRequest&) = 0;
  // Tags of a table, addressed by its ARN (tag_ops.cc); DescribeLimits' fixed quotas.
  virtual ddb::Result<ddb::TagResourceResponse> TagResource(const ddb::TagResourceRequest&) = 0;
  virtual ddb::Result<ddb::UntagResourceResponse> UntagResource(
      const ddb::UntagResourceRequest&) = 0;
  virtual ddb::Result<ddb::ListTagsOfResourceResponse> ListTagsOfResource(
      const ddb::ListTagsOfResourceRequest&) = 0;
  virtual ddb::Result<ddb::DescribeLimitsResponse> DescribeLimits(
      const ddb::DescribeLimitsRequest&) = 0;
  virtual ddb::Result<ddb::TransactWriteItemsResponse> TransactWriteItems(
      const ddb::TransactWriteItemsRequest&) = 0;
  virtual ddb::Result<ddb::TransactGetItemsResponse> TransactGetItems(
      const ddb::TransactGetItemsRequest&) = 0;

  // Replaces the fault-injection settings (thread-safe).
  virtual void SetFaults(const FaultInjection& faults) = 0;
};

}  // namespace engine
