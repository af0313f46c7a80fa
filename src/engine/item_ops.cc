// Item operations: PutItem, GetItem, DeleteItem, BatchWriteItem, BatchGetItem.
#include <rocksdb/snapshot.h>

#include <mutex>
#include <set>

#include "engine/engine_impl.h"
#include "engine/expr/expressions.h"
#include "engine/item_codec.h"
#include "engine/item_keys.h"
#include "engine/validation.h"

namespace engine {
namespace {

ddb::Error ConditionFailed() {
  return {ddb::ErrorCode::kConditionalCheckFailed, "The conditional request failed"};
}

ddb::Error Duplicates() {
  return ddb::ValidationError("Provided list of item keys contains duplicates");
}

// Parses the optional ConditionExpression and checks every supplied name/value is used.
ddb::Result<std::optional<expr::Condition>> ParseWriteCondition(
    const std::optional<std::string>& expression, const ddb::ExpressionAttributeNames& names,
    const ddb::ExpressionAttributeValues& values) {
  expr::Usage usage;
  std::optional<expr::Condition> condition;
  if (expression) {
    XR_ASSIGN_OR_RETURN(condition, expr::ParseCondition(*expression, names, values, &usage));
  }
  XR_RETURN_IF_ERROR(expr::CheckAllUsed(usage, names, values));
  return condition;
}

ddb::Result<std::optional<expr::ProjectionList>> ParseReadProjection(
    const std::optional<std::string>& expression, const ddb::ExpressionAttributeNames& names) {
  expr::Usage usage;
  std::optional<expr::ProjectionList> projection;
  if (expression) {
    XR_ASSIGN_OR_RETURN(projection, expr::ParseProjection(*expression, names, &usage));
  }
  XR_RETURN_IF_ERROR(expr::CheckAllUsed(usage, names, {}));
  return projection;
}

ddb::Error RequestItemsConstraint(std::string_view constraint) {
  return ddb::ValidationError(
      "1 validation error detected: Value at 'requestItems' failed to satisfy constraint: " +
      std::string(constraint));
}

}  // namespace

ddb::Result<ddb::PutItemResponse> EngineImpl::PutItem(const ddb::PutItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  std::shared_lock ddl(ddl_mu_);
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  size_t item_size = 0;
  XR_ASSIGN_OR_RETURN(auto key, ValidateItemForWrite(*meta, request.item, &item_size));
  XR_ASSIGN_OR_RETURN(auto condition, ParseWriteCondition(request.condition_expression,
                                                          request.expression_attribute_names,
                                                          request.expression_attribute_values));
  auto guard = key_locks_.Lock({key_locks_.StripeOf(key)});
  const bool want_old =
      condition || !meta->indexes.empty() || request.return_values == ddb::ReturnValue::ALL_OLD;
  XR_ASSIGN_OR_RETURN(auto old, ReadOld(key, want_old));
  if (condition && !condition->Evaluate(old.item ? *old.item : ddb::Item{})) {
    return ConditionFailed();
  }
  rocksdb::WriteBatch batch;
  StatsDeltas stats;
  std::string scratch;
  AddItemChange(*meta, key, old, &request.item, item_size, &stats, &scratch, &batch);
  stats.AddTo(&batch);
  XR_RETURN_IF_ERROR(Commit(&batch));
  ddb::PutItemResponse response;
  if (request.return_values == ddb::ReturnValue::ALL_OLD) response.attributes = std::move(old.item);
  return response;
}

ddb::Result<ddb::GetItemResponse> EngineImpl::GetItem(const ddb::GetItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  XR_ASSIGN_OR_RETURN(auto key, TableItemKey(*meta, request.key, KeyUse::kKey));
  XR_ASSIGN_OR_RETURN(auto projection, ParseReadProjection(request.projection_expression,
                                                           request.expression_attribute_names));
  XR_ASSIGN_OR_RETURN(auto item, ReadItem(key));
  ddb::GetItemResponse response;
  if (item) response.item = projection ? projection->Apply(*item) : std::move(*item);
  return response;
}

ddb::Result<ddb::DeleteItemResponse> EngineImpl::DeleteItem(const ddb::DeleteItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  std::shared_lock ddl(ddl_mu_);
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  XR_ASSIGN_OR_RETURN(auto key, TableItemKey(*meta, request.key, KeyUse::kKey));
  XR_ASSIGN_OR_RETURN(auto condition, ParseWriteCondition(request.condition_expression,
                                                          request.expression_attribute_names,
                                                          request.expression_attribute_values));
  auto guard = key_locks_.Lock({key_locks_.StripeOf(key)});
  XR_ASSIGN_OR_RETURN(auto old, ReadOld(key, true));
  if (condition && !condition->Evaluate(old.item ? *old.item : ddb::Item{})) {
    return ConditionFailed();
  }
  ddb::DeleteItemResponse response;
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

  struct Op {
    const TableMeta* meta;  // owned by `metas`
    const std::string* table;
    const ddb::WriteRequest* write;
    std::string key;
    size_t item_size = 0;  // of the put item
  };
  std::shared_lock ddl(ddl_mu_);
  std::vector<MetaPtr> metas;  // keeps each table's metadata alive for the call
  std::vector<Op> ops;
  ops.reserve(total);
  for (const auto& [table, writes] : request.request_items) {
    XR_ASSIGN_OR_RETURN(auto meta, GetTable(table, Access::kData));
    metas.push_back(meta);
    for (const auto& write : writes) {
      if (write.put_item.has_value() == write.delete_key.has_value()) {
        return ddb::ValidationError(
            "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest");
      }
      Op op{meta.get(), &table, &write, {}, 0};
      if (write.put_item) {
        XR_ASSIGN_OR_RETURN(op.key, ValidateItemForWrite(*meta, *write.put_item, &op.item_size));
      } else {
        XR_ASSIGN_OR_RETURN(op.key, TableItemKey(*meta, *write.delete_key, KeyUse::kKey));
      }
      // Storage keys embed the table id: equal keys are the same item of the same table. At
      // most 25 keys, so a linear pass costs less than a set (and keeps the error order).
      for (const auto& earlier : ops) {
        if (earlier.key == op.key) return Duplicates();
      }
      ops.push_back(std::move(op));
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
  for (size_t k = 0; k < keys.size(); ++k) {
    const Op& op = ops[key_op[k]];
    if (!statuses[k].ok() && !statuses[k].IsNotFound()) {
      return ddb::Error(ddb::ErrorCode::kIO, "read failed: " + statuses[k].ToString());
    }
    const bool found = statuses[k].ok();
    const ddb::Item* put = op.write->put_item ? &*op.write->put_item : nullptr;
    if (put == nullptr && !found) continue;
    // Only index maintenance needs the old item itself; counters need just its stored size.
    XR_ASSIGN_OR_RETURN(auto old,
                        ToOldItem(found ? &values[k] : nullptr, !op.meta->indexes.empty()));
    AddItemChange(*op.meta, op.key, old, put, op.item_size, &stats, &scratch, &batch);
  }
  stats.AddTo(&batch);
  if (batch.Count() > 0) XR_RETURN_IF_ERROR(Commit(&batch));
  return response;
}

ddb::Result<ddb::BatchGetItemResponse> EngineImpl::BatchGetItem(
    const ddb::BatchGetItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  if (request.request_items.empty()) {
    return RequestItemsConstraint("Member must have length greater than or equal to 1");
  }
  size_t total = 0;
  for (const auto& [table, keys] : request.request_items) {
    if (keys.keys.empty()) {
      return ddb::ValidationError(
          "1 validation error detected: Value at 'requestItems." + table +
          ".member.keys' failed to satisfy constraint: Member must have length greater than or "
          "equal to 1");
    }
    total += keys.keys.size();
  }
  if (total > ddb::kMaxBatchGetKeys) {
    return ddb::ValidationError("Too many items requested for the BatchGetItem call");
  }

  struct TableRead {
    std::string table;
    std::optional<expr::ProjectionList> projection;
    std::vector<std::string> keys;
  };
  std::vector<TableRead> reads;
  std::set<std::string, std::less<>> seen;
  for (const auto& [table, keys] : request.request_items) {
    XR_ASSIGN_OR_RETURN(auto meta, GetTable(table, Access::kData));
    TableRead read{table, std::nullopt, {}};
    XR_ASSIGN_OR_RETURN(read.projection, ParseReadProjection(keys.projection_expression,
                                                             keys.expression_attribute_names));
    for (const auto& key : keys.keys) {
      XR_ASSIGN_OR_RETURN(auto storage_key, TableItemKey(*meta, key, KeyUse::kKey));
      if (!seen.insert(storage_key).second) return Duplicates();
      read.keys.push_back(std::move(storage_key));
    }
    reads.push_back(std::move(read));
  }

  // One snapshot for the whole call, so the answer is one consistent view.
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot.snapshot();
  ddb::BatchGetItemResponse response;
  for (const auto& read : reads) {
    auto& items = response.responses[read.table];
    for (const auto& key : read.keys) {
      rocksdb::PinnableSlice value;
      const auto s = db_->Get(read_options, db_->DefaultColumnFamily(), key, &value);
      if (s.IsNotFound()) continue;
      if (!s.ok()) return ddb::Error(ddb::ErrorCode::kIO, "read failed: " + s.ToString());
      XR_ASSIGN_OR_RETURN(auto item,
                          itemcodec::DecodeItem(std::string_view(value.data(), value.size())));
      items.push_back(read.projection ? read.projection->Apply(item) : std::move(item));
    }
  }
  return response;
}

}  // namespace engine
