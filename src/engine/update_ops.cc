// UpdateItem: the old item (or, when there is none, just the key: an update upserts) with an
// UpdateExpression or the legacy AttributeUpdates applied, under the same striped key lock
// and in one WriteBatch with its index entries, like PutItem.
#include <mutex>

#include "engine/capacity.h"
#include "engine/engine_impl.h"
#include "engine/item_keys.h"
#include "engine/key_codec.h"
#include "engine/request_checks.h"
#include "engine/update_checks.h"
#include "engine/validation.h"

namespace engine {
namespace {

// AttributeUpdates give each value's type up front: an index key of the wrong type is refused
// before the item is read.
ddb::Status CheckLegacyIndexTypes(const TableMeta& meta, const ddb::AttributeUpdates& updates) {
  for (const auto& index : meta.indexes) {
    for (const KeyAttr* attr : {&index.key.hash, index.key.range ? &*index.key.range : nullptr}) {
      if (attr == nullptr) continue;
      const auto it = updates.find(attr->name);
      if (it == updates.end() || !it->second.value) continue;
      if (!keycodec::HasType(*it->second.value, attr->type)) {
        return ddb::ValidationError(
            "One or more parameter values were invalid: Type mismatch for Index Key " +
            attr->name + " Expected: " + std::string(TypeName(attr->type)) +
            " Actual: " + std::string(TypeName(it->second.value->type())) +
            " IndexName: " + index.name);
      }
    }
  }
  return ddb::OkStatus();
}

// The Attributes of the answer, per ReturnValues (nullopt: none to return).
std::optional<ddb::Item> ReturnedAttributes(ddb::ReturnValue mode, std::optional<ddb::Item>* old,
                                            ddb::Item* updated,
                                            const std::vector<expr::DocumentPath>& paths) {
  std::optional<ddb::Item> out;
  switch (mode) {
    case ddb::ReturnValue::NONE:
      break;
    case ddb::ReturnValue::ALL_OLD:
      out = std::move(*old);
      break;
    case ddb::ReturnValue::UPDATED_OLD:
      if (*old) out = expr::ProjectPaths(**old, paths);
      break;
    case ddb::ReturnValue::ALL_NEW:
      out = std::move(*updated);
      break;
    case ddb::ReturnValue::UPDATED_NEW:
      out = expr::ProjectPaths(*updated, paths);
      break;
  }
  // DynamoDB leaves Attributes out rather than answer an empty map.
  if (out && out->empty() && mode != ddb::ReturnValue::ALL_NEW) out.reset();
  return out;
}

}  // namespace

// No update path may start at a key attribute (the hash key is reported first).
ddb::Status CheckKeyNotUpdated(const KeySchema& key, const std::vector<expr::DocumentPath>& paths) {
  for (const KeyAttr* attr : {&key.hash, key.range ? &*key.range : nullptr}) {
    if (attr == nullptr) continue;
    for (const auto& path : paths) {
      if (!path.empty() && path.front().name == attr->name) {
        return ddb::ValidationError("One or more parameter values were invalid: Cannot update "
                                    "attribute " +
                                    attr->name + ". This attribute is part of the key");
      }
    }
  }
  return ddb::OkStatus();
}

// The updated item's index keys: an UpdateExpression that gave one the wrong type gets
// DynamoDB's update-specific message; the other rules (empty, too long) are PutItem's.
ddb::Status CheckUpdatedIndexKeys(const TableMeta& meta, const ddb::Item& item,
                                  bool from_expression) {
  if (from_expression) {
    for (const auto& index : meta.indexes) {
      for (const KeyAttr* attr :
           {&index.key.hash, index.key.range ? &*index.key.range : nullptr}) {
        if (attr == nullptr) continue;
        const auto it = item.find(attr->name);
        if (it != item.end() && !keycodec::HasType(it->second, attr->type)) {
          return ddb::ValidationError(
              "The update expression attempted to update the secondary index key to "
              "unsupported type");
        }
      }
    }
  }
  return ValidateIndexKeys(meta, item);
}

ddb::Result<ddb::UpdateItemResponse> EngineImpl::UpdateItem(const ddb::UpdateItemRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto checks, CheckUpdateItem(request));
  // An update with no actions (neither parameter, or an empty AttributeUpdates) writes the
  // item as it is, creating it from the key when missing.
  const expr::UpdateExpression* update =
      checks.update && !checks.update->empty() ? &*checks.update : nullptr;
  static const std::vector<expr::DocumentPath> kNoPaths;
  const auto& paths = update ? update->paths() : kNoPaths;
  std::shared_lock ddl(ddl_mu_);
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  XR_ASSIGN_OR_RETURN(auto key, TableItemKey(*meta, request.key, KeyUse::kKey));
  XR_RETURN_IF_ERROR(CheckKeyNotUpdated(meta->key, paths));
  if (request.attribute_updates) {
    XR_RETURN_IF_ERROR(CheckLegacyIndexTypes(*meta, *request.attribute_updates));
  }

  auto guard = key_locks_.Lock({key_locks_.StripeOf(key)});
  XR_ASSIGN_OR_RETURN(auto old, ReadOld(key, true));
  XR_RETURN_IF_ERROR(
      CheckCondition(checks.condition, old, request.return_values_on_condition_check_failure));
  ddb::Item item = old.item ? *old.item : request.key;
  if (update) XR_RETURN_IF_ERROR(update->Apply(&item));
  const size_t item_size = ddb::ItemSize(item);
  if (item_size > ddb::kMaxItemSize) {
    return ddb::ValidationError("Item size to update has exceeded the maximum allowed size");
  }
  XR_RETURN_IF_ERROR(
      CheckUpdatedIndexKeys(*meta, item, request.update_expression.has_value()));

  rocksdb::WriteBatch batch;
  StatsDeltas stats;
  std::string scratch;
  AddItemChange(*meta, key, old, &item, item_size, &stats, &scratch, &batch);
  stats.AddTo(&batch);
  XR_RETURN_IF_ERROR(Commit(&batch));

  ddb::UpdateItemResponse response;
  CapacityMeter meter(request.return_consumed_capacity);
  meter.AddWrite(*meta, old.item ? &*old.item : nullptr, old.exists ? old.size : 0, &item,
                 item_size);
  response.consumed_capacity = meter.For(meta->name);
  response.attributes = ReturnedAttributes(request.return_values, &old.item, &item, paths);
  return response;
}

}  // namespace engine
