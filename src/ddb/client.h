// ddb::Client: typed DynamoDB calls over any Backend, paginators that read every page,
// and waiters. BatchWriter (ddb/batch_writer.h) buffers writes on top of it.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/backend.h"

namespace ddb {

struct WaiterOptions {
  std::chrono::milliseconds delay{200};  // between DescribeTable polls
  int max_attempts = 150;                // then a clear error naming the table and state
};

class Client {
 public:
  explicit Client(std::shared_ptr<Backend> backend) : backend_(std::move(backend)) {}

  Backend& backend() { return *backend_; }
  std::string Describe() const { return backend_->Describe(); }

  // Table operations.
  Result<TableDescription> CreateTable(const CreateTableRequest& req);
  // ResourceNotFoundException when the table does not exist.
  Result<TableDescription> DescribeTable(std::string_view table_name);
  // Every page of ListTables.
  Result<std::vector<std::string>> ListAllTables();
  Result<TableDescription> DeleteTable(std::string_view table_name);
  Result<TableDescription> UpdateTable(const UpdateTableRequest& req);

  // Waits until the table exists and it and all its indexes are ACTIVE.
  Status WaitUntilTableActive(std::string_view table_name, const WaiterOptions& opts = {});
  // Waits until DescribeTable answers ResourceNotFoundException.
  Status WaitUntilTableNotExists(std::string_view table_name, const WaiterOptions& opts = {});

  // Item operations.
  Result<PutItemResponse> PutItem(const PutItemRequest& req);
  Result<UpdateItemResponse> UpdateItem(const UpdateItemRequest& req);
  Status PutItem(std::string_view table_name, Item item);
  Result<std::optional<Item>> GetItem(std::string_view table_name, Key key,
                                      bool consistent_read = true);
  Result<DeleteItemResponse> DeleteItem(const DeleteItemRequest& req);
  // Single BatchWriteItem/BatchGetItem calls (no retry of unprocessed; see BatchWriter and
  // BatchGetAll for that).
  Result<BatchWriteItemResponse> BatchWriteItem(const BatchWriteItemRequest& req);
  Result<BatchGetItemResponse> BatchGetItem(const BatchGetItemRequest& req);
  // Transactions: all writes or none (TransactionCanceledException with CancellationReasons),
  // and up to 100 reads from one consistent view.
  Result<TransactWriteItemsResponse> TransactWriteItems(const TransactWriteItemsRequest& req);
  Result<TransactGetItemsResponse> TransactGetItems(const TransactGetItemsRequest& req);
  // Gets every key (any count, chunked by 100, unprocessed keys resent with backoff).
  // Missing items are simply absent from the result.
  Result<std::vector<Item>> BatchGetAll(std::string_view table_name, const std::vector<Key>& keys);

  // Paginators: call on_page for every page until LastEvaluatedKey is absent or on_page
  // returns an error (which is then returned). The request's ExclusiveStartKey is the start.
  Status ScanPages(ScanRequest req, const std::function<Status(const ScanResponse&)>& on_page);
  Status QueryPages(QueryRequest req, const std::function<Status(const QueryResponse&)>& on_page);
  // Every item of every page.
  Result<std::vector<Item>> ScanAll(ScanRequest req);
  Result<std::vector<Item>> QueryAll(QueryRequest req);
  Result<std::vector<Item>> ScanAll(std::string_view table_name);

 private:
  std::shared_ptr<Backend> backend_;
};

}  // namespace ddb
