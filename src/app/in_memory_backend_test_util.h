// Test-only ddb::Backend holding the seven application tables in memory, so test_app can
// exercise repositories, migrations and the ETL without a database. It implements just
// what they use: DescribeTable (keys from app::FindTableSchema), PutItem, GetItem,
// BatchWriteItem, Scan and Query (on an index, "#k = :v" only), with small pages so
// pagination is exercised. The real engines are covered by tests/app_pipeline_test.cc.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "app/schema.h"
#include "ddb/backend.h"

namespace app::testing {

class InMemoryBackend : public ddb::Backend {
 public:
  static constexpr size_t kPageItems = 16;

  std::string Describe() const override { return "in-memory test backend"; }

  // Number of items written (puts) since construction.
  int64_t writes() const {
    std::lock_guard<std::mutex> lock(mu_);
    return writes_;
  }
  // Snapshot of one table, ordered by key.
  std::map<std::string, ddb::Item> Table(const std::string& name) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tables_.find(name);
    return it == tables_.end() ? std::map<std::string, ddb::Item>{} : it->second;
  }

  ddb::Result<ddb::DescribeTableResponse> DescribeTable(
      const ddb::DescribeTableRequest& req) override {
    auto schema = FindTableSchema(req.table_name);
    if (!schema) return ddb::NotFoundError("Requested resource not found: " + req.table_name);
    ddb::DescribeTableResponse resp;
    resp.table.table_name = req.table_name;
    resp.table.key_schema = KeySchemaOf(schema->partition_key, schema->sort_key);
    resp.table.attribute_definitions = AttributeDefinitionsOf(*schema);
    return resp;
  }
  ddb::Result<ddb::PutItemResponse> PutItem(const ddb::PutItemRequest& req) override {
    std::lock_guard<std::mutex> lock(mu_);
    XR_ASSIGN_OR_RETURN(std::string key, KeyOf(req.table_name, req.item));
    tables_[req.table_name][key] = req.item;
    ++writes_;
    return ddb::PutItemResponse{};
  }
  ddb::Result<ddb::GetItemResponse> GetItem(const ddb::GetItemRequest& req) override {
    std::lock_guard<std::mutex> lock(mu_);
    XR_ASSIGN_OR_RETURN(std::string key, KeyOf(req.table_name, req.key));
    ddb::GetItemResponse resp;
    auto& table = tables_[req.table_name];
    auto it = table.find(key);
    if (it != table.end()) resp.item = it->second;
    return resp;
  }
  ddb::Result<ddb::BatchWriteItemResponse> BatchWriteItem(
      const ddb::BatchWriteItemRequest& req) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [table, writes] : req.request_items) {
      for (const ddb::WriteRequest& w : writes) {
        if (!w.put_item) return ddb::ValidationError("test backend: only puts");
        XR_ASSIGN_OR_RETURN(std::string key, KeyOf(table, *w.put_item));
        tables_[table][key] = *w.put_item;
        ++writes_;
      }
    }
    return ddb::BatchWriteItemResponse{};
  }
  ddb::Result<ddb::ScanResponse> Scan(const ddb::ScanRequest& req) override {
    std::lock_guard<std::mutex> lock(mu_);
    return Page(req.table_name, req.exclusive_start_key, [](const ddb::Item&) { return true; });
  }
  ddb::Result<ddb::QueryResponse> Query(const ddb::QueryRequest& req) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (req.key_condition_expression != "#k = :v" || !req.index_name) {
      return ddb::ValidationError("test backend: only index queries of the form #k = :v");
    }
    const std::string attr = req.expression_attribute_names.at("#k");
    const ddb::AttributeValue value = req.expression_attribute_values.at(":v");
    return Page(req.table_name, req.exclusive_start_key, [&](const ddb::Item& item) {
      auto it = item.find(attr);
      return it != item.end() && it->second == value;
    });
  }

  // Not used by the application layer.
  ddb::Result<ddb::CreateTableResponse> CreateTable(const ddb::CreateTableRequest&) override {
    return Unsupported();
  }
  ddb::Result<ddb::ListTablesResponse> ListTables(const ddb::ListTablesRequest&) override {
    return Unsupported();
  }
  ddb::Result<ddb::DeleteTableResponse> DeleteTable(const ddb::DeleteTableRequest&) override {
    return Unsupported();
  }
  ddb::Result<ddb::UpdateTableResponse> UpdateTable(const ddb::UpdateTableRequest&) override {
    return Unsupported();
  }
  ddb::Result<ddb::DeleteItemResponse> DeleteItem(const ddb::DeleteItemRequest&) override {
    return Unsupported();
  }
  ddb::Result<ddb::BatchGetItemResponse> BatchGetItem(const ddb::BatchGetItemRequest&) override {
    return Unsupported();
  }

 private:
  static ddb::Error Unsupported() { return ddb::ValidationError("test backend: unsupported"); }

  ddb::Result<std::string> KeyOf(const std::string& table, const ddb::Item& item) const {
    auto schema = FindTableSchema(table);
    if (!schema) return ddb::NotFoundError("Requested resource not found: " + table);
    auto it = item.find(schema->partition_key.name);
    if (it == item.end() || !it->second.is_s()) {
      return ddb::ValidationError("missing key " + schema->partition_key.name);
    }
    return it->second.s();
  }

  template <class Pred>
  ddb::Result<ddb::ScanResponse> Page(const std::string& table,
                                      const std::optional<ddb::Key>& start, Pred pred) {
    if (!FindTableSchema(table)) return ddb::NotFoundError("Requested resource not found");
    const auto& items = tables_[table];
    auto it = items.begin();
    if (start) {
      XR_ASSIGN_OR_RETURN(std::string k, KeyOf(table, *start));
      it = items.upper_bound(k);
    }
    ddb::ScanResponse resp;
    for (; it != items.end(); ++it) {
      if (resp.items.size() == kPageItems) {
        auto schema = FindTableSchema(table);
        resp.last_evaluated_key = ddb::Key{
            {schema->partition_key.name, resp.items.back().at(schema->partition_key.name)}};
        break;
      }
      if (pred(it->second)) resp.items.push_back(it->second);
    }
    resp.count = static_cast<int64_t>(resp.items.size());
    resp.scanned_count = resp.count;
    return resp;
  }

  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, ddb::Item>> tables_;
  int64_t writes_ = 0;
};

}  // namespace app::testing
