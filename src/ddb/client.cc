#include "ddb/client.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

namespace ddb {
namespace {

using Clock = std::chrono::steady_clock;

// A just-created table may be invisible for a moment on eventually-consistent servers
// (DynamoDB documents this for DescribeTable right after CreateTable): the waiter tolerates
// this many ResourceNotFoundException answers before it concludes the table is not there.
constexpr int kNotFoundTolerance = 5;

// BatchGetAll resends unprocessed keys (and retryable errors) this many times at most.
constexpr int kBatchGetMaxAttempts = 10;
constexpr std::chrono::milliseconds kBatchGetBaseDelay{25};
constexpr std::chrono::milliseconds kBatchGetMaxDelay{2000};

std::string Seconds(Clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs",
                std::chrono::duration_cast<std::chrono::duration<double>>(d).count());
  return buf;
}

// "CREATING (index byEmail CREATING)" or "ACTIVE".
std::string StatusText(const TableDescription& t) {
  std::string out(ToString(t.table_status));
  for (const auto& gsi : t.global_secondary_indexes) {
    if (gsi.index_status == IndexStatus::ACTIVE) continue;
    out += ", index ";
    out += gsi.index_name;
    out += ' ';
    out += ToString(gsi.index_status);
  }
  return out;
}

bool AllActive(const TableDescription& t) {
  if (t.table_status != TableStatus::ACTIVE) return false;
  return std::all_of(t.global_secondary_indexes.begin(), t.global_secondary_indexes.end(),
                     [](const auto& gsi) { return gsi.index_status == IndexStatus::ACTIVE; });
}

// Prefixes an error's message with what was being done, keeping its type.
Error WithContext(Error e, std::string_view what) {
  e.message = std::string(what) + ": " + e.message;
  return e;
}

// Exponential backoff with full jitter: uniform in [0, min(max, base * 2^attempt)].
std::chrono::milliseconds Backoff(int attempt, std::chrono::milliseconds base,
                                  std::chrono::milliseconds max, std::mt19937_64& rng) {
  const int shift = std::min(attempt, 20);
  const int64_t cap = std::min<int64_t>(max.count(), base.count() << shift);
  std::uniform_int_distribution<int64_t> dist(0, std::max<int64_t>(cap, 0));
  return std::chrono::milliseconds(dist(rng));
}

}  // namespace

Result<TableDescription> Client::CreateTable(const CreateTableRequest& req) {
  XR_ASSIGN_OR_RETURN(auto resp, backend_->CreateTable(req));
  return std::move(resp.table_description);
}

Result<TableDescription> Client::DescribeTable(std::string_view table_name) {
  XR_ASSIGN_OR_RETURN(auto resp, backend_->DescribeTable({std::string(table_name)}));
  return std::move(resp.table);
}

Result<std::vector<std::string>> Client::ListAllTables() {
  std::vector<std::string> names;
  ListTablesRequest req;
  while (true) {
    XR_ASSIGN_OR_RETURN(auto resp, backend_->ListTables(req));
    names.insert(names.end(), std::make_move_iterator(resp.table_names.begin()),
                 std::make_move_iterator(resp.table_names.end()));
    if (!resp.last_evaluated_table_name) break;
    req.exclusive_start_table_name = std::move(resp.last_evaluated_table_name);
  }
  return names;
}

Result<TableDescription> Client::DeleteTable(std::string_view table_name) {
  XR_ASSIGN_OR_RETURN(auto resp, backend_->DeleteTable({std::string(table_name)}));
  return std::move(resp.table_description);
}

Result<TableDescription> Client::UpdateTable(const UpdateTableRequest& req) {
  XR_ASSIGN_OR_RETURN(auto resp, backend_->UpdateTable(req));
  return std::move(resp.table_description);
}

Status Client::WaitUntilTableActive(std::string_view table_name, const WaiterOptions& opts) {
  const auto start = Clock::now();
  std::string last_status = "not found";
  int not_found = 0;
  const int attempts = std::max(opts.max_attempts, 1);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    auto desc = DescribeTable(table_name);
    if (desc.ok()) {
      if (AllActive(*desc)) return OkStatus();
      last_status = StatusText(*desc);
      if (desc->table_status == TableStatus::DELETING) {
        return InUseError("table '" + std::string(table_name) +
                          "' is being deleted (status DELETING); it will not become ACTIVE");
      }
    } else if (desc.error().code == ErrorCode::kResourceNotFound) {
      last_status = "not found";
      if (++not_found > kNotFoundTolerance) {
        return NotFoundError("table '" + std::string(table_name) + "' does not exist (" +
                             std::to_string(not_found) + " DescribeTable calls over " +
                             Seconds(Clock::now() - start) + " answered ResourceNotFound)");
      }
    } else {
      return WithContext(std::move(desc).error(),
                         "waiting for table '" + std::string(table_name) + "' to become ACTIVE");
    }
    if (attempt < attempts) std::this_thread::sleep_for(opts.delay);
  }
  return Error(ErrorCode::kTimeout,
               "table '" + std::string(table_name) + "' did not become ACTIVE after " +
                   Seconds(Clock::now() - start) + " (" + std::to_string(attempts) +
                   " checks); last status: " + last_status);
}

Status Client::WaitUntilTableNotExists(std::string_view table_name, const WaiterOptions& opts) {
  const auto start = Clock::now();
  std::string last_status = "unknown";
  const int attempts = std::max(opts.max_attempts, 1);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    auto desc = DescribeTable(table_name);
    if (!desc.ok()) {
      if (desc.error().code == ErrorCode::kResourceNotFound) return OkStatus();
      return WithContext(std::move(desc).error(),
                         "waiting for table '" + std::string(table_name) + "' to be deleted");
    }
    last_status = StatusText(*desc);
    if (attempt < attempts) std::this_thread::sleep_for(opts.delay);
  }
  return Error(ErrorCode::kTimeout, "table '" + std::string(table_name) + "' still exists after " +
                                        Seconds(Clock::now() - start) + " (" +
                                        std::to_string(attempts) +
                                        " checks); last status: " + last_status);
}

Result<PutItemResponse> Client::PutItem(const PutItemRequest& req) {
  return backend_->PutItem(req);
}

Result<UpdateItemResponse> Client::UpdateItem(const UpdateItemRequest& req) {
  return backend_->UpdateItem(req);
}

Status Client::PutItem(std::string_view table_name, Item item) {
  PutItemRequest req;
  req.table_name = std::string(table_name);
  req.item = std::move(item);
  XR_RETURN_IF_ERROR(backend_->PutItem(req));
  return OkStatus();
}

Result<std::optional<Item>> Client::GetItem(std::string_view table_name, Key key,
                                            bool consistent_read) {
  GetItemRequest req;
  req.table_name = std::string(table_name);
  req.key = std::move(key);
  req.consistent_read = consistent_read;
  XR_ASSIGN_OR_RETURN(auto resp, backend_->GetItem(req));
  return std::move(resp.item);
}

Result<DeleteItemResponse> Client::DeleteItem(const DeleteItemRequest& req) {
  return backend_->DeleteItem(req);
}

Result<BatchWriteItemResponse> Client::BatchWriteItem(const BatchWriteItemRequest& req) {
  return backend_->BatchWriteItem(req);
}

Result<BatchGetItemResponse> Client::BatchGetItem(const BatchGetItemRequest& req) {
  return backend_->BatchGetItem(req);
}

Result<TransactWriteItemsResponse> Client::TransactWriteItems(
    const TransactWriteItemsRequest& req) {
  return backend_->TransactWriteItems(req);
}

Result<TransactGetItemsResponse> Client::TransactGetItems(const TransactGetItemsRequest& req) {
  return backend_->TransactGetItems(req);
}

Result<std::vector<Item>> Client::BatchGetAll(std::string_view table_name,
                                              const std::vector<Key>& keys) {
  std::vector<Item> items;
  std::mt19937_64 rng(static_cast<uint64_t>(Clock::now().time_since_epoch().count()));
  for (size_t begin = 0; begin < keys.size(); begin += kMaxBatchGetKeys) {
    const size_t end = std::min(keys.size(), begin + kMaxBatchGetKeys);
    KeysAndAttributes pending;
    pending.consistent_read = true;
    pending.keys.assign(keys.begin() + static_cast<std::ptrdiff_t>(begin),
                        keys.begin() + static_cast<std::ptrdiff_t>(end));
    std::string last_problem;
    int attempt = 0;
    while (!pending.keys.empty()) {
      if (++attempt > kBatchGetMaxAttempts) {
        return Error(ErrorCode::kProvisionedThroughputExceeded,
                     "BatchGetItem on table '" + std::string(table_name) + "': " +
                         std::to_string(pending.keys.size()) + " keys still unprocessed after " +
                         std::to_string(kBatchGetMaxAttempts) + " attempts; last: " + last_problem);
      }
      if (attempt > 1) {
        std::this_thread::sleep_for(
            Backoff(attempt - 1, kBatchGetBaseDelay, kBatchGetMaxDelay, rng));
      }
      BatchGetItemRequest req;
      req.request_items.emplace(std::string(table_name), pending);
      auto resp = backend_->BatchGetItem(req);
      if (!resp.ok()) {
        if (resp.error().retryable()) {
          last_problem = resp.error().ToString();
          continue;
        }
        return WithContext(std::move(resp).error(),
                           "BatchGetItem on table '" + std::string(table_name) + "'");
      }
      for (auto& [name, got] : resp->responses) {
        items.insert(items.end(), std::make_move_iterator(got.begin()),
                     std::make_move_iterator(got.end()));
      }
      auto it = resp->unprocessed_keys.find(table_name);
      if (it == resp->unprocessed_keys.end() || it->second.keys.empty()) break;
      last_problem = std::to_string(it->second.keys.size()) + " keys returned as UnprocessedKeys";
      pending.keys = std::move(it->second.keys);
    }
  }
  return items;
}

Status Client::ScanPages(ScanRequest req,
                         const std::function<Status(const ScanResponse&)>& on_page) {
  while (true) {
    XR_ASSIGN_OR_RETURN(auto page, backend_->Scan(req));
    XR_RETURN_IF_ERROR(on_page(page));
    if (!page.last_evaluated_key) return OkStatus();
    req.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

Status Client::QueryPages(QueryRequest req,
                          const std::function<Status(const QueryResponse&)>& on_page) {
  while (true) {
    XR_ASSIGN_OR_RETURN(auto page, backend_->Query(req));
    XR_RETURN_IF_ERROR(on_page(page));
    if (!page.last_evaluated_key) return OkStatus();
    req.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

// ScanAll/QueryAll loop themselves (instead of over ScanPages) to move each page's items.
Result<std::vector<Item>> Client::ScanAll(ScanRequest req) {
  std::vector<Item> items;
  while (true) {
    XR_ASSIGN_OR_RETURN(auto page, backend_->Scan(req));
    items.insert(items.end(), std::make_move_iterator(page.items.begin()),
                 std::make_move_iterator(page.items.end()));
    if (!page.last_evaluated_key) return items;
    req.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

Result<std::vector<Item>> Client::QueryAll(QueryRequest req) {
  std::vector<Item> items;
  while (true) {
    XR_ASSIGN_OR_RETURN(auto page, backend_->Query(req));
    items.insert(items.end(), std::make_move_iterator(page.items.begin()),
                 std::make_move_iterator(page.items.end()));
    if (!page.last_evaluated_key) return items;
    req.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

Result<std::vector<Item>> Client::ScanAll(std::string_view table_name) {
  ScanRequest req;
  req.table_name = std::string(table_name);
  return ScanAll(std::move(req));
}

}  // namespace ddb
