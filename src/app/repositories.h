// Repositories: the application's reads and writes per table (SPEC §3), over ddb::Client
// and ddb::BatchWriter only, so they work the same on every backend. Every write validates
// the entity first; every list reads every page; queries go through the SPEC §3 indexes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/entities.h"
#include "app/schema.h"
#include "ddb/batch_writer.h"
#include "ddb/client.h"

namespace app {

// An UpdateItem that writes every attribute of `item` except the key `key_attribute`
// (SET each one, through #n/:v placeholders since names like "name" and "status" are
// reserved words), and sets each of `keep_first` only when the stored item lacks it
// (SET a = if_not_exists(a, :v)), so a first-load value such as createdAt survives reloads.
// Unlike a PutItem, attributes the item does not name are left as they are.
ddb::UpdateItemRequest UpsertRequest(std::string_view table, std::string_view key_attribute,
                                     ddb::Item item, const std::vector<std::string>& keep_first);

// Sends every request with up to `concurrency` in flight (over HTTP each UpdateItem is a
// round trip, so a few at once cut the load several-fold). Returns the first error; after one,
// no further request is started.
ddb::Status UpdateConcurrently(ddb::Client& client, std::vector<ddb::UpdateItemRequest> requests,
                               int concurrency);

// Where each entity lives: its table, partition key attribute and the key of one entity.
template <class T>
struct TableOf;
template <>
struct TableOf<User> {
  static constexpr std::string_view kName = kUsersTable;
  static constexpr std::string_view kKey = "id";
  static const std::string& Key(const User& e) { return e.id; }
};
template <>
struct TableOf<Component> {
  static constexpr std::string_view kName = kComponentsTable;
  static constexpr std::string_view kKey = "componentId";
  static const std::string& Key(const Component& e) { return e.component_id; }
};
template <>
struct TableOf<SubComponent> {
  static constexpr std::string_view kName = kSubcomponentsTable;
  static constexpr std::string_view kKey = "subComponentId";
  static const std::string& Key(const SubComponent& e) { return e.sub_component_id; }
};
template <>
struct TableOf<Comment> {
  static constexpr std::string_view kName = kCommentsTable;
  static constexpr std::string_view kKey = "id";
  static const std::string& Key(const Comment& e) { return e.id; }
};
template <>
struct TableOf<Maintenance> {
  static constexpr std::string_view kName = kMaintenancesTable;
  static constexpr std::string_view kKey = "maintenanceId";
  static const std::string& Key(const Maintenance& e) { return e.maintenance_id; }
};
template <>
struct TableOf<Analytic> {
  static constexpr std::string_view kName = kAnalyticsTable;
  static constexpr std::string_view kKey = "id";
  static const std::string& Key(const Analytic& e) { return e.id; }
};
template <>
struct TableOf<SubComponentFailure> {
  static constexpr std::string_view kName = kSubcomponentFailuresTable;
  static constexpr std::string_view kKey = "id";
  static const std::string& Key(const SubComponentFailure& e) { return e.id; }
};

template <class T>
class Repository {
 public:
  explicit Repository(ddb::Client& client) : client_(client) {}

  // One PutItem (insert or replace).
  ddb::Status Save(const T& entity) {
    XR_RETURN_IF_ERROR(entity.Validate());
    return client_.PutItem(TableOf<T>::kName, entity.ToItem());
  }

  // Validates every entity first (nothing is written if one is invalid), then writes them
  // through `writer` (BatchWriteItem, 25 per request) and flushes. Returns the count.
  ddb::Result<int64_t> SaveAll(const std::vector<T>& entities, ddb::BatchWriter& writer) {
    for (const T& e : entities) XR_RETURN_IF_ERROR(e.Validate());
    for (const T& e : entities) XR_RETURN_IF_ERROR(writer.Put(TableOf<T>::kName, e.ToItem()));
    XR_RETURN_IF_ERROR(writer.Flush());
    return static_cast<int64_t>(entities.size());
  }
  ddb::Result<int64_t> SaveAll(const std::vector<T>& entities) {
    ddb::BatchWriter writer(client_);
    return SaveAll(entities, writer);
  }

  // Validates every entity first (nothing is written if one is invalid), then writes each
  // with an UpsertRequest (UpdateItem), keeping the stored value of every `keep_first`
  // attribute. Of entities sharing a key only the last is written (as SaveAll's BatchWriter
  // does), so concurrent updates of one key cannot race. Returns the count written.
  ddb::Result<int64_t> UpsertAll(const std::vector<T>& entities,
                                 const std::vector<std::string>& keep_first, int concurrency) {
    for (const T& e : entities) XR_RETURN_IF_ERROR(e.Validate());
    std::map<std::string_view, const T*> last;
    for (const T& e : entities) last[TableOf<T>::Key(e)] = &e;
    std::vector<ddb::UpdateItemRequest> requests;
    requests.reserve(last.size());
    for (const auto& [key, e] : last) {
      requests.push_back(
          UpsertRequest(TableOf<T>::kName, TableOf<T>::kKey, e->ToItem(), keep_first));
    }
    XR_RETURN_IF_ERROR(UpdateConcurrently(client_, std::move(requests), concurrency));
    return static_cast<int64_t>(last.size());
  }

  // The entity with this key, or nullopt.
  ddb::Result<std::optional<T>> Get(std::string_view key) {
    ddb::Key k{{std::string(TableOf<T>::kKey), ddb::AttributeValue::S(std::string(key))}};
    XR_ASSIGN_OR_RETURN(std::optional<ddb::Item> item, client_.GetItem(TableOf<T>::kName, k));
    if (!item) return std::optional<T>();
    XR_ASSIGN_OR_RETURN(T entity, T::FromItem(*item));
    return std::optional<T>(std::move(entity));
  }

  // Every entity of the table (every page of a Scan).
  ddb::Result<std::vector<T>> ListAll() {
    XR_ASSIGN_OR_RETURN(std::vector<ddb::Item> items, client_.ScanAll(TableOf<T>::kName));
    return FromItems(items);
  }

  // Every entity whose index partition key `attribute` equals `value` (every page).
  ddb::Result<std::vector<T>> QueryIndex(std::string_view index, std::string_view attribute,
                                         std::string_view value) {
    ddb::QueryRequest req;
    req.table_name = std::string(TableOf<T>::kName);
    req.index_name = std::string(index);
    req.key_condition_expression = "#k = :v";
    req.expression_attribute_names["#k"] = std::string(attribute);
    req.expression_attribute_values[":v"] = ddb::AttributeValue::S(std::string(value));
    XR_ASSIGN_OR_RETURN(std::vector<ddb::Item> items, client_.QueryAll(std::move(req)));
    return FromItems(items);
  }

 private:
  static ddb::Result<std::vector<T>> FromItems(const std::vector<ddb::Item>& items) {
    std::vector<T> out;
    out.reserve(items.size());
    for (const ddb::Item& item : items) {
      XR_ASSIGN_OR_RETURN(T entity, T::FromItem(item));
      out.push_back(std::move(entity));
    }
    return out;
  }

  ddb::Client& client_;
};

// The SPEC §3 index reads.
ddb::Result<std::optional<User>> FindUserByEmail(ddb::Client& client, std::string_view email);
ddb::Result<std::vector<Comment>> CommentsByComponent(ddb::Client& client,
                                                      std::string_view component_id);
ddb::Result<std::vector<Maintenance>> MaintenancesByComponent(ddb::Client& client,
                                                              std::string_view component_id);
ddb::Result<std::vector<SubComponent>> SubComponentsByParent(ddb::Client& client,
                                                             std::string_view parent_id);

}  // namespace app
