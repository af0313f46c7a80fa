// Transactions: TransactWriteItems and TransactGetItems.
//
// TransactWriteItems runs every action's request-level checks (those of PutItem, UpdateItem,
// DeleteItem; a ConditionCheck is checked as a DeleteItem with its condition), looks the
// tables up, refuses two actions on one item, then takes the striped locks of every item at
// once (ascending order, so two transactions never deadlock), checks every condition, and
// writes all the changes with their index entries and counters in ONE WriteBatch. A failed
// condition cancels the whole transaction with a reason per action, in request order.
// TransactGetItems reads every item from one RocksDB snapshot.
// Capacity: DynamoDB charges a transactional write or read twice (prepare and commit).
#include <rocksdb/snapshot.h>

#include <mutex>

#include "engine/capacity.h"
#include "engine/engine_impl.h"
#include "engine/item_codec.h"
#include "engine/item_keys.h"
#include "engine/request_checks.h"
#include "engine/update_checks.h"
#include "engine/validation.h"

namespace engine {
namespace {

constexpr int64_t kTokenLifetimeMs = 10 * 60 * 1000;  // ClientRequestToken: 10 minutes

ddb::Error TransactItemsConstraint(std::string_view constraint) {
  return ddb::ValidationError(
      "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: " +
      std::string(constraint));
}

ddb::Status CheckTransactCount(size_t n) {
  if (n == 0) return TransactItemsConstraint("Member must have length greater than or equal to 1");
  if (n > ddb::kMaxTransactItems) {
    return TransactItemsConstraint("Member must have length less than or equal to 100");
  }
  return ddb::OkStatus();
}

ddb::Error MultipleOperationsOnOneItem() {
  return ddb::ValidationError("Transaction request cannot include multiple operations on one item");
}

// The single-item request equivalent to a transaction action, for the shared checks.
template <class Req>
void CopyParams(const ddb::TransactActionParams& from, Req* to) {
  to->table_name = from.table_name;
  to->condition_expression = from.condition_expression;
  to->expression_attribute_names = from.expression_attribute_names;
  to->expression_attribute_values = from.expression_attribute_values;
  to->return_values_on_condition_check_failure = from.return_values_on_condition_check_failure;
}

// A fingerprint of the request, for ClientRequestToken (FNV-1a over a length-prefixed dump).
class Fingerprint {
 public:
  void Text(std::string_view s) {
    AddRaw(std::to_string(s.size()));
    AddRaw(":");
    AddRaw(s);
  }
  void Item(const ddb::Item& item) { Text(itemcodec::EncodeItem(item)); }
  void Optional(const std::optional<std::string>& s) { s ? Text(*s) : Text("-"); }
  void Params(const ddb::TransactActionParams& p) {
    Text(p.table_name);
    Optional(p.condition_expression);
    for (const auto& [k, v] : p.expression_attribute_names) Text(k), Text(v);
    Text("|");
    Item(p.expression_attribute_values);
    Text(ddb::ToString(p.return_values_on_condition_check_failure));
  }
  uint64_t value() const { return hash_; }

 private:
  void AddRaw(std::string_view s) {
    for (unsigned char c : s) hash_ = (hash_ ^ c) * 1099511628211ULL;
  }
  uint64_t hash_ = 14695981039346656037ULL;
};

uint64_t HashRequest(const ddb::TransactWriteItemsRequest& request) {
  Fingerprint f;
  for (const auto& action : request.transact_items) {
    if (action.condition_check) {
      f.Text("C"), f.Params(*action.condition_check), f.Item(action.condition_check->key);
    }
    if (action.put) f.Text("P"), f.Params(*action.put), f.Item(action.put->item);
    if (action.delete_) f.Text("D"), f.Params(*action.delete_), f.Item(action.delete_->key);
    if (action.update) {
      f.Text("U"), f.Params(*action.update), f.Item(action.update->key);
      f.Text(action.update->update_expression);
    }
  }
  f.Text(ddb::ToString(request.return_consumed_capacity));
  f.Text(ddb::ToString(request.return_item_collection_metrics));
  return f.value();
}

std::string CancelledMessage(const std::vector<ddb::CancellationReason>& reasons) {
  std::string out = "Transaction cancelled, please refer cancellation reasons for specific reasons [";
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (i > 0) out += ", ";
    out += reasons[i].code;
  }
  return out + "]";
}

}  // namespace

ddb::Result<ddb::TransactWriteItemsResponse> EngineImpl::TransactWriteItems(
    const ddb::TransactWriteItemsRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_RETURN_IF_ERROR(CheckTransactCount(request.transact_items.size()));
  if (request.client_request_token &&
      (request.client_request_token->empty() || request.client_request_token->size() > 36)) {
    return ddb::ValidationError(
        "1 validation error detected: Value at 'clientRequestToken' failed to satisfy "
        "constraint: Member must have length less than or equal to 36");
  }
  enum class Kind { kCheck, kPut, kDelete, kUpdate };
  struct Op {
    Kind kind;
    const ddb::TransactActionParams* params;
    const ddb::Key* key = nullptr;     // ConditionCheck, Delete, Update
    const ddb::Item* item = nullptr;   // Put
    WriteChecks checks;
    const TableMeta* meta = nullptr;   // owned by `metas`
    std::string storage_key;
  };
  // Request-level checks of every action before any table is looked up.
  std::vector<Op> ops;
  ops.reserve(request.transact_items.size());
  size_t total_size = 0;
  for (const auto& action : request.transact_items) {
    const int set = action.condition_check.has_value() + action.put.has_value() +
                    action.delete_.has_value() + action.update.has_value();
    if (set != 1) {
      return ddb::ValidationError(
          "TransactItems can only contain one of Check, Put, Update or Delete");
    }
    Op op{Kind::kCheck, nullptr};
    if (action.condition_check) {
      const auto& a = *action.condition_check;
      if (!a.condition_expression) {
        return ddb::ValidationError(
            "1 validation error detected: Value null at 'conditionExpression' failed to "
            "satisfy constraint: Member must not be null");
      }
      ddb::DeleteItemRequest r;
      CopyParams(a, &r);
      r.key = a.key;
      XR_ASSIGN_OR_RETURN(op.checks, CheckDeleteItem(r));
      op = Op{Kind::kCheck, &a, &a.key, nullptr, std::move(op.checks)};
      total_size += ddb::ItemSize(a.key);
    } else if (action.put) {
      const auto& a = *action.put;
      ddb::PutItemRequest r;
      CopyParams(a, &r);
      r.item = a.item;
      XR_ASSIGN_OR_RETURN(op.checks, CheckPutItem(r));
      total_size += op.checks.item_size;
      op = Op{Kind::kPut, &a, nullptr, &a.item, std::move(op.checks)};
    } else if (action.delete_) {
      const auto& a = *action.delete_;
      ddb::DeleteItemRequest r;
      CopyParams(a, &r);
      r.key = a.key;
      XR_ASSIGN_OR_RETURN(op.checks, CheckDeleteItem(r));
      op = Op{Kind::kDelete, &a, &a.key, nullptr, std::move(op.checks)};
      total_size += ddb::ItemSize(a.key);
    } else {
      const auto& a = *action.update;
      ddb::UpdateItemRequest r;
      CopyParams(a, &r);
      r.key = a.key;
      r.update_expression = a.update_expression;
      XR_ASSIGN_OR_RETURN(op.checks, CheckUpdateItem(r));
      op = Op{Kind::kUpdate, &a, &a.key, nullptr, std::move(op.checks)};
      total_size += ddb::ItemSize(a.key);
    }
    ops.push_back(std::move(op));
  }
  if (total_size > ddb::kMaxTransactBytes) {
    return ddb::ValidationError("Transaction request size has exceeded the maximum allowed size");
  }

  std::shared_lock ddl(ddl_mu_);
  std::vector<MetaPtr> metas;  // keeps each table's metadata alive for the call
  std::vector<size_t> stripes;
  for (auto& op : ops) {
    if (metas.empty() || metas.back()->name != op.params->table_name) {
      XR_ASSIGN_OR_RETURN(auto meta, GetTable(op.params->table_name, Access::kData));
      metas.push_back(std::move(meta));
    }
    op.meta = metas.back().get();
    if (op.item != nullptr) {
      XR_ASSIGN_OR_RETURN(op.storage_key, ItemStorageKey(*op.meta, *op.item));
    } else {
      XR_ASSIGN_OR_RETURN(op.storage_key, TableItemKey(*op.meta, *op.key, KeyUse::kKey));
    }
    if (op.kind == Kind::kUpdate && op.checks.update) {
      XR_RETURN_IF_ERROR(CheckKeyNotUpdated(op.meta->key, op.checks.update->paths()));
    }
    // Storage keys embed the table id: equal keys are the same item of the same table.
    for (const Op* earlier = ops.data(); earlier != &op; ++earlier) {
      if (earlier->storage_key == op.storage_key) return MultipleOperationsOnOneItem();
    }
    stripes.push_back(key_locks_.StripeOf(op.storage_key));
  }

  auto guard = key_locks_.Lock(std::move(stripes));
  // The token is looked at under the items' locks: a retry of the same request waits for the
  // first one and then sees its token.
  const uint64_t request_hash = request.client_request_token ? HashRequest(request) : 0;
  if (request.client_request_token) {
    std::lock_guard lock(tokens_mu_);
    const int64_t now = NowMs();
    std::erase_if(tokens_, [&](const auto& e) { return now - e.second.at_ms > kTokenLifetimeMs; });
    if (auto it = tokens_.find(*request.client_request_token); it != tokens_.end()) {
      if (it->second.request_hash != request_hash) {
        return ddb::Error(ddb::ErrorCode::kIdempotentParameterMismatch,
                          "Request parameters do not match the previous request with the same "
                          "client token");
      }
      return ddb::TransactWriteItemsResponse{};  // already applied: answer without writing
    }
  }

  std::vector<ddb::CancellationReason> reasons(ops.size());
  std::vector<OldItem> olds(ops.size());
  std::vector<std::optional<ddb::Item>> updated(ops.size());
  std::vector<size_t> new_sizes(ops.size(), 0);
  bool cancelled = false;
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    XR_ASSIGN_OR_RETURN(olds[i], ReadOld(op.storage_key, true));
    auto status = CheckCondition(op.checks.condition, olds[i],
                                 op.params->return_values_on_condition_check_failure);
    if (status.ok() && op.kind == Kind::kUpdate) {
      ddb::Item item = olds[i].item ? *olds[i].item : *op.key;
      if (op.checks.update && !op.checks.update->empty()) status = op.checks.update->Apply(&item);
      if (status.ok()) {
        new_sizes[i] = ddb::ItemSize(item);
        if (new_sizes[i] > ddb::kMaxItemSize) {
          status = ddb::ValidationError("Item size to update has exceeded the maximum allowed size");
        } else {
          status = CheckUpdatedIndexKeys(*op.meta, item, true);
        }
      }
      updated[i] = std::move(item);
    }
    if (status.ok()) continue;
    cancelled = true;
    auto& reason = reasons[i];
    if (status.error().code == ddb::ErrorCode::kConditionalCheckFailed) {
      reason.code = "ConditionalCheckFailed";
      reason.message = status.error().message;
      reason.item = status.error().item;
    } else if (status.error().code == ddb::ErrorCode::kValidation) {
      reason.code = "ValidationError";
      reason.message = status.error().message;
    } else {
      return status.error();
    }
  }
  if (cancelled) {
    ddb::Error error(ddb::ErrorCode::kTransactionCanceled, CancelledMessage(reasons));
    error.cancellation_reasons = std::move(reasons);
    return error;
  }

  rocksdb::WriteBatch batch;  // every change of the transaction: atomic
  StatsDeltas stats;
  std::string scratch;
  CapacityMeter meter(request.return_consumed_capacity);
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const OldItem& old = olds[i];
    const ddb::Item* old_item = old.item ? &*old.item : nullptr;
    const size_t old_size = old.exists ? old.size : 0;
    const ddb::Item* put = nullptr;
    size_t put_size = 0;
    switch (op.kind) {
      case Kind::kCheck:
        // A condition check costs the write units of the item it reads, twice.
        meter.AddTable(op.meta->name, 2 * WriteUnits(old_size));
        continue;
      case Kind::kPut:
        put = op.item, put_size = op.checks.item_size;
        break;
      case Kind::kUpdate:
        put = &*updated[i], put_size = new_sizes[i];
        break;
      case Kind::kDelete:
        break;
    }
    // Twice the units of the same write outside a transaction.
    for (int k = 0; k < 2; ++k) meter.AddWrite(*op.meta, old_item, old_size, put, put_size);
    if (put == nullptr && !old.exists) continue;
    AddItemChange(*op.meta, op.storage_key, old, put, put_size, &stats, &scratch, &batch);
  }
  stats.AddTo(&batch);
  if (batch.Count() > 0) XR_RETURN_IF_ERROR(Commit(&batch));
  if (request.client_request_token) {
    std::lock_guard lock(tokens_mu_);
    tokens_[*request.client_request_token] = TokenUse{request_hash, NowMs()};
  }
  ddb::TransactWriteItemsResponse response;
  response.consumed_capacity = meter.All();
  return response;
}

ddb::Result<ddb::TransactGetItemsResponse> EngineImpl::TransactGetItems(
    const ddb::TransactGetItemsRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_RETURN_IF_ERROR(CheckTransactCount(request.transact_items.size()));
  struct Read {
    const ddb::TransactGet* get;
    std::optional<expr::ProjectionList> projection;
    MetaPtr meta;
    std::string key;
  };
  std::vector<Read> reads;
  reads.reserve(request.transact_items.size());
  for (const auto& item : request.transact_items) {
    if (!item.get) {
      return ddb::ValidationError(
          "1 validation error detected: Value null at 'transactItems.member.get' failed to "
          "satisfy constraint: Member must not be null");
    }
    ddb::GetItemRequest r;
    r.table_name = item.get->table_name;
    r.key = item.get->key;
    r.projection_expression = item.get->projection_expression;
    r.expression_attribute_names = item.get->expression_attribute_names;
    XR_ASSIGN_OR_RETURN(auto projection, CheckGetItem(r));
    reads.push_back(Read{&*item.get, std::move(projection), nullptr, {}});
  }
  for (auto& read : reads) {
    XR_ASSIGN_OR_RETURN(read.meta, GetTable(read.get->table_name, Access::kData));
    XR_ASSIGN_OR_RETURN(read.key, TableItemKey(*read.meta, read.get->key, KeyUse::kKey));
    for (const Read* earlier = reads.data(); earlier != &read; ++earlier) {
      if (earlier->key == read.key) return MultipleOperationsOnOneItem();
    }
  }

  // One snapshot for every read: the answer is one consistent view.
  rocksdb::ManagedSnapshot snapshot(db_.get());
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot.snapshot();
  ddb::TransactGetItemsResponse response;
  CapacityMeter meter(request.return_consumed_capacity);
  for (const auto& read : reads) {
    rocksdb::PinnableSlice value;
    const auto s = db_->Get(read_options, db_->DefaultColumnFamily(), read.key, &value);
    if (!s.ok() && !s.IsNotFound()) {
      return ddb::Error(ddb::ErrorCode::kIO, "read failed: " + s.ToString());
    }
    XR_ASSIGN_OR_RETURN(auto old, ToOldItem(s.ok() ? &value : nullptr, true));
    // A transactional read costs twice a consistent read.
    meter.AddTable(read.meta->name, 2 * ReadUnits(old.exists ? old.size : 0, true));
    auto& out = response.responses.emplace_back();
    if (old.item) out.item = read.projection ? read.projection->Apply(*old.item) : *old.item;
  }
  response.consumed_capacity = meter.All();
  return response;
}

}  // namespace engine
