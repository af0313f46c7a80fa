// Item operations: PutItem, GetItem, DeleteItem, BatchWriteItem, BatchGetItem.
#include <rocksdb/snapshot.h>

#include <mutex>
#include <set>

#include "engine/capacity.h"
#include "engine/engine_impl.h"
#include "engine/expr/expressions.h"
#include "engine/item_codec.h"
#include "engine/item_keys.h"
#include "engine/request_checks.h"
#include "engine/validation.h"

namespace engine {
namespace {

ddb::Error Duplicates() {
  return ddb::ValidationError("Provided list of item keys contains duplicates");
}

ddb::Error RequestItemsConstraint(std::string_view constraint) {
  return ddb::ValidationError(
      "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: " +
      std::string(constraint));
}

// The RequestItems constraints DynamoDB checks first (counts of tables and writes).
ddb::Status CheckBatchWriteShape(const ddb::BatchWriteItemRequest& request) {
  size_t total = 0;
  for (const auto& [table, writes] : request.request_items) {
    if (writes.empty()) {
      return RequestItemsConstraint(
          "Map value must satisfy constraint: [Member must have length greater than or equal "
          "to 1]");
    }
    total += writes.size();
  }
  if (request.request_items.empty()) {
    return RequestItemsConstraint("Member must have length greater than or equal to 1");
  }
  if (total > ddb::kMaxBatchWriteItems) {
    return RequestItemsConstraint(
        "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
        "Member must have length greater than or equal to 1]");
  }
  return ddb::OkStatus();
}

}  // namespace

ddb::Result<ddb::PutItemResponse> EngineImpl::PutItem(const ddb::PutItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto checks, CheckPutItem(request));
  std::shared_lock ddl(ddl_mu_);
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  XR_ASSIGN_OR_RETURN(auto key, ItemStorageKey(*meta, request.item));
  auto guard = key_locks_.Lock({key_locks_.StripeOf(key)});
  const bool want_old = checks.condition || !meta->indexes.empty() ||
                        request.return_values == ddb::ReturnValue::ALL_OLD;
  XR_ASSIGN_OR_RETURN(auto old, ReadOld(key, want_old));
  XR_RETURN_IF_ERROR(
      CheckCondition(checks.condition, old, request.return_values_on_condition_check_failure));
  rocksdb::WriteBatch batch;
  StatsDeltas stats;
  std::string scratch;
  AddItemChange(*meta, key, old, &request.item, checks.item_size, &stats, &scratch, &batch);
  stats.AddTo(&batch);
  XR_RETURN_IF_ERROR(Commit(&batch));
  ddb::PutItemResponse response;
  CapacityMeter meter(request.return_consumed_capacity);
  meter.AddWrite(*meta, old.item ? &*old.item : nullptr, old.exists ? old.size : 0,
                 &request.item, checks.item_size);
  response.consumed_capacity = meter.For(meta->name);
  if (request.return_values == ddb::ReturnValue::ALL_OLD) response.attributes = std::move(old.item);
  return response;
}

ddb::Result<ddb::GetItemResponse> EngineImpl::GetItem(const ddb::GetItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto projection, CheckGetItem(request));
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  XR_ASSIGN_OR_RETURN(auto key, TableItemKey(*meta, request.key, KeyUse::kKey));
  XR_ASSIGN_OR_RETURN(auto old, ReadOld(key, true));
  ddb::GetItemResponse response;
  CapacityMeter meter(request.return_consumed_capacity);
  meter.AddTable(meta->name, ReadUnits(old.exists ? old.size : 0, request.consistent_read));
  response.consumed_capacity = meter.For(meta->name);
  if (old.item) response.item = projection ? projection->Apply(*old.item) : std::move(*old.item);
  return response;
}

ddb::Result<ddb::DeleteItemResponse> EngineImpl::DeleteItem(const ddb::DeleteItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto checks, CheckDeleteItem(request));
  std::shared_lock ddl(ddl_mu_);
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  XR_ASSIGN_OR_RETURN(auto key, TableItemKey(*meta, request.key, KeyUse::kKey));
  auto guard = key_locks_.Lock({key_locks_.StripeOf(key)});
  XR_ASSIGN_OR_RETURN(auto old, ReadOld(key, true));
  XR_RETURN_IF_ERROR(
      CheckCondition(checks.condition, old, request.return_values_on_condition_check_failure));
  ddb::DeleteItemResponse response;
  // Deleting an item that is not there still costs a write unit.
  CapacityMeter meter(request.return_consumed_capacity);
  meter.AddWrite(*meta, old.item ? &*old.item : nullptr, old.exists ? old.size : 0, nullptr, 0);
  response.consumed_capacity = meter.For(meta->name);
  if (!old.exists) return response;
  rocksdb::WriteBatch batch;
  StatsDeltas stats;
  std::string scratch;
  AddItemChange(*meta, key, old, nullptr, 0, &stats, &scratch, &batch);
  stats.AddTo(&batch);
  XR_RETURN_IF_ERROR(Commit(&batch));
  if (request.return_values == ddb::ReturnValue::ALL_OLD) response.attributes = std::move(old.item);
  return response;
}

ddb::Result<ddb::BatchWriteItemResponse> EngineImpl::BatchWriteItem(
    const ddb::BatchWriteItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_RETURN_IF_ERROR(CheckBatchWriteShape(request));
  struct Op {
    const TableMeta* meta;  // owned by `metas`
    const std::string* table;
    const ddb::WriteRequest* write;
    std::string key;
    size_t item_size = 0;  // of the put item
  };
  // Request-level checks of every write before any table is looked up.
  std::vector<Op> ops;
  for (const auto& [table, writes] : request.request_items) {
    XR_RETURN_IF_ERROR(ValidateTableName(table));
    for (const auto& write : writes) {
      if (write.put_item.has_value() == write.delete_key.has_value()) {
        return ddb::ValidationError(
            "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest");
      }
      Op op{nullptr, &table, &write, {}, 0};
      if (write.put_item) {
        XR_RETURN_IF_ERROR(CheckItemToWrite(*write.put_item, &op.item_size));
      } else {
        XR_RETURN_IF_ERROR(ValidateItemValues(*write.delete_key));
      }
      ops.push_back(std::move(op));
    }
  }

  std::shared_lock ddl(ddl_mu_);
  std::vector<MetaPtr> metas;  // keeps each table's metadata alive for the call
  for (auto& op : ops) {
    if (metas.empty() || metas.back()->name != *op.table) {
      XR_ASSIGN_OR_RETURN(auto meta, GetTable(*op.table, Access::kData));
      metas.push_back(std::move(meta));
    }
    op.meta = metas.back().get();
    if (op.write->put_item) {
      XR_ASSIGN_OR_RETURN(op.key, ItemStorageKey(*op.meta, *op.write->put_item));
    } else {
      XR_ASSIGN_OR_RETURN(op.key, TableItemKey(*op.meta, *op.write->delete_key, KeyUse::kKey));
    }
    // Storage keys embed the table id: equal keys are the same item of the same table. At
    // most 25 keys, so a linear pass costs less than a set (and keeps the error order).
    for (const auto* earlier = ops.data(); earlier != &op; ++earlier) {
      if (earlier->key == op.key) return Duplicates();
    }
  }

  // Fault injection: some requests come back unprocessed, like a throttled DynamoDB.
  ddb::BatchWriteItemResponse response;
  const std::vector<bool> skip = faults_.PickUnprocessed(ops.size());
  std::vector<size_t> stripes;
  std::vector<rocksdb::Slice> keys;
  std::vector<size_t> key_op;  // op index of each key
  stripes.reserve(ops.size());
  keys.reserve(ops.size());
  key_op.reserve(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    if (skip[i]) {
      response.unprocessed_items[*ops[i].table].push_back(*ops[i].write);
    } else {
      stripes.push_back(key_locks_.StripeOf(ops[i].key));
      keys.emplace_back(ops[i].key);
      key_op.push_back(i);
    }
  }
  auto guard = key_locks_.Lock(std::move(stripes));
  // One MultiGet for the items the batch replaces (counters and index entries depend on
  // them): RocksDB batches the lookups instead of doing a full Get per item.
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(rocksdb::ReadOptions(), db_->DefaultColumnFamily(), keys.size(), keys.data(),
                values.data(), statuses.data());
  rocksdb::WriteBatch batch;  // every write of the call, index entries and counters: atomic
  StatsDeltas stats;
  std::string scratch;
  CapacityMeter meter(request.return_consumed_capacity);
  for (size_t k = 0; k < keys.size(); ++k) {
    const Op& op = ops[key_op[k]];
    if (!statuses[k].ok() && !statuses[k].IsNotFound()) {
      return ddb::Error(ddb::ErrorCode::kIO, "read failed: " + statuses[k].ToString());
    }
    const bool found = statuses[k].ok();
    const ddb::Item* put = op.write->put_item ? &*op.write->put_item : nullptr;
    // Only index maintenance needs the old item itself; counters need just its stored size.
    XR_ASSIGN_OR_RETURN(auto old,
                        ToOldItem(found ? &values[k] : nullptr, !op.meta->indexes.empty()));
    meter.AddWrite(*op.meta, old.item ? &*old.item : nullptr, old.exists ? old.size : 0, put,
                   op.item_size);
    if (put == nullptr && !found) continue;
    AddItemChange(*op.meta, op.key, old, put, op.item_size, &stats, &scratch, &batch);
  }
  stats.AddTo(&batch);
  if (batch.Count() > 0) XR_RETURN_IF_ERROR(Commit(&batch));
  response.consumed_capacity = meter.All();
  return response;
}

ddb::Result<ddb::BatchGetItemResponse> EngineImpl::BatchGetItem(
    const ddb::BatchGetItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  if (request.request_items.empty()) {
    return RequestItemsConstraint("Member must have length greater than or equal to 1");
  }
  for (const auto& [table, keys] : request.request_items) {
    if (keys.keys.empty()) {
      return ddb::ValidationError(
          "1 validation error detected: Value at 'requestItems." + table +
          ".member.keys' failed to satisfy constraint: Member must have length greater than or "
          "equal to 1");
    }
  }
  struct TableRead {
    const std::string* table;
    const ddb::KeysAndAttributes* request;
    std::optional<expr::ProjectionList> projection;
    std::vector<std::string> keys;
  };
  // Request-level checks of every table's part before any table is looked up.
  std::vector<TableRead> reads;
  size_t total = 0;
  for (const auto& [table, keys] : request.request_items) {
    XR_RETURN_IF_ERROR(ValidateTableName(table));
    TableRead read{&table, &keys, std::nullopt, {}};
    XR_ASSIGN_OR_RETURN(read.projection, CheckKeysAndAttributes(keys));
    total += keys.keys.size();
    if (total > ddb::kMaxBatchGetKeys) {
      return ddb::ValidationError("Too many items requested for the BatchGetItem call");
    }
    reads.push_back(std::move(read));
  }
  std::set<std::string, std::less<>> seen;
  for (auto& read : reads) {
    XR_ASSIGN_OR_RETURN(auto meta, GetTable(*read.table, Access::kData));
    for (const auto& key : read.request->keys) {
      XR_ASSIGN_OR_RETURN(auto storage_key, TableItemKey(*meta, key, KeyUse::kKey));
      if (!seen.insert(storage_key).second) return Duplicates();
      read.keys.push_back(std::move(storage_key));
    }
  }

  // One snapshot for the whole call, so the answer is one consistent view.
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot.snapshot();
  ddb::BatchGetItemResponse response;
  CapacityMeter meter(request.return_consumed_capacity);
  for (const auto& read : reads) {
    auto& items = response.responses[*read.table];
    for (const auto& key : read.keys) {
      rocksdb::PinnableSlice value;
      const auto s = db_->Get(read_options, db_->DefaultColumnFamily(), key, &value);
      if (!s.ok() && !s.IsNotFound()) {
        return ddb::Error(ddb::ErrorCode::kIO, "read failed: " + s.ToString());
      }
      // Each key is read (and costs) as a GetItem of its own, found or not.
      XR_ASSIGN_OR_RETURN(auto old, ToOldItem(s.ok() ? &value : nullptr, true));
      meter.AddTable(*read.table, ReadUnits(old.size, read.request->consistent_read));
      if (!old.item) continue;
      items.push_back(read.projection ? read.projection->Apply(*old.item) : std::move(*old.item));
    }
  }
  response.consumed_capacity = meter.All();
  return response;
}

}  // namespace engine
