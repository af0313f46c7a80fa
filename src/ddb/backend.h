// Backend: the one interface ddb::Client calls. Two implementations: EmbeddedBackend
// (the engine in process, typed requests, no JSON, no socket) and HttpBackend (DynamoDB
// JSON 1.0 over HTTP with SigV4). Implementations must be safe for concurrent callers.
#pragma once

#include <string_view>

#include "ddb/model.h"
#include "ddb/result.h"

namespace ddb {

class Backend {
 public:
  virtual ~Backend() = default;

  // Short human description for logs and --help output, e.g. "embedded:/path" or an URL.
  virtual std::string Describe() const = 0;

  virtual Result<CreateTableResponse> CreateTable(const CreateTableRequest& req) = 0;
  virtual Result<DescribeTableResponse> DescribeTable(const DescribeTableRequest& req) = 0;
  virtual Result<ListTablesResponse> ListTables(const ListTablesRequest& req) = 0;
  virtual Result<DeleteTableResponse> DeleteTable(const DeleteTableRequest& req) = 0;
  virtual Result<UpdateTableResponse> UpdateTable(const UpdateTableRequest& req) = 0;
  virtual Result<PutItemResponse> PutItem(const PutItemRequest& req) = 0;
  virtual Result<GetItemResponse> GetItem(const GetItemRequest& req) = 0;
  virtual Result<DeleteItemResponse> DeleteItem(const DeleteItemRequest& req) = 0;
  virtual Result<UpdateItemResponse> UpdateItem(const UpdateItemRequest& req) = 0;
  virtual Result<BatchWriteItemResponse> BatchWriteItem(const BatchWriteItemRequest& req) = 0;
  virtual Result<BatchGetItemResponse> BatchGetItem(const BatchGetItemRequest& req) = 0;
  virtual Result<ScanResponse> Scan(const ScanRequest& req) = 0;
  virtual Result<QueryResponse> Query(const QueryRequest& req) = 0;
  // Transactions. The defaults answer UnknownOperationException, for backends without them.
  virtual Result<TransactWriteItemsResponse> TransactWriteItems(
      const TransactWriteItemsRequest& /*req*/) {
    return Error(ErrorCode::kUnknownOperation, "TransactWriteItems is not supported");
  }
  virtual Result<TransactGetItemsResponse> TransactGetItems(const TransactGetItemsRequest& /*req*/) {
    return Error(ErrorCode::kUnknownOperation, "TransactGetItems is not supported");
  }
};

}  // namespace ddb
