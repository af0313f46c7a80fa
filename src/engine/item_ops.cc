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
  XR_ASSIGN_OR_RETURN(auto key, ValidateItemForWrite(*meta, request.item));
  XR_ASSIGN_OR_RETURN(auto condition, ParseWriteCondition(request.condition_expression,
                                                          request.expression_attribute_names,
                                                          request.expression_attribute_values));
  auto guard = key_locks_.Lock({key_locks_.StripeOf(key)});
  XR_ASSIGN_OR_RETURN(auto old, ReadItem(key));
  if (condition && !condition->Evaluate(old ? *old : ddb::Item{})) return ConditionFailed();
  rocksdb::WriteBatch batch;
  AddItemChange(*meta, key, old, &request.item, &batch);
  XR_RETURN_IF_ERROR(Commit(&batch));
  ddb::PutItemResponse response;
  if (request.return_values == ddb::ReturnValue::ALL_OLD) response.attributes = std::move(old);
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
  XR_ASSIGN_OR_RETURN(auto old, ReadItem(key));
  if (condition && !condition->Evaluate(old ? *old : ddb::Item{})) return ConditionFailed();
  ddb::DeleteItemResponse response;
  if (!old) return response;
  rocksdb::WriteBatch batch;
  AddItemChange(*meta, key, old, nullptr, &batch);
  XR_RETURN_IF_ERROR(Commit(&batch));
  if (request.return_values == ddb::ReturnValue::ALL_OLD) response.attributes = std::move(old);
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
    MetaPtr meta;
    std::string table;
    const ddb::WriteRequest* write;
    std::string key;
  };
  std::shared_lock ddl(ddl_mu_);
  std::vector<Op> ops;
  std::set<std::string, std::less<>> seen;
  for (const auto& [table, writes] : request.request_items) {
    XR_ASSIGN_OR_RETURN(auto meta, GetTable(table, Access::kData));
    for (const auto& write : writes) {
      if (write.put_item.has_value() == write.delete_key.has_value()) {
        return ddb::ValidationError(
            "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest");
      }
      std::string key;
      if (write.put_item) {
        XR_ASSIGN_OR_RETURN(key, ValidateItemForWrite(*meta, *write.put_item));
      } else {
        XR_ASSIGN_OR_RETURN(key, TableItemKey(*meta, *write.delete_key, KeyUse::kKey));
      }
      if (!seen.insert(key).second) return Duplicates();
      ops.push_back(Op{meta, table, &write, std::move(key)});
    }
  }

  // Fault injection: some requests come back unprocessed, like a throttled DynamoDB.
  ddb::BatchWriteItemResponse response;
  const std::vector<bool> skip = faults_.PickUnprocessed(ops.size());
  std::vector<size_t> stripes;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (skip[i]) {
      response.unprocessed_items[ops[i].table].push_back(*ops[i].write);
    } else {
      stripes.push_back(key_locks_.StripeOf(ops[i].key));
    }
  }
  auto guard = key_locks_.Lock(std::move(stripes));
  rocksdb::WriteBatch batch;  // every write of the call, index entries and counters: atomic
  for (size_t i = 0; i < ops.size(); ++i) {
    if (skip[i]) continue;
    const Op& op = ops[i];
    XR_ASSIGN_OR_RETURN(auto old, ReadItem(op.key));
    const ddb::Item* put = op.write->put_item ? &*op.write->put_item : nullptr;
    if (put == nullptr && !old) continue;
    AddItemChange(*op.meta, op.key, old, put, &batch);
  }
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
