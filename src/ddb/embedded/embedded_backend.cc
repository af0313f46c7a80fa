#include "ddb/embedded/embedded_backend.h"

#include <utility>

namespace ddb {
namespace {

// Forwards every call to the engine: the typed requests are the engine's own API, so there
// is nothing to translate.
class EmbeddedBackend final : public Backend {
 public:
  EmbeddedBackend(std::shared_ptr<engine::Engine> engine, std::string description)
      : engine_(std::move(engine)), description_(std::move(description)) {}

  std::string Describe() const override { return description_; }

  Result<CreateTableResponse> CreateTable(const CreateTableRequest& req) override {
    return engine_->CreateTable(req);
  }
  Result<DescribeTableResponse> DescribeTable(const DescribeTableRequest& req) override {
    return engine_->DescribeTable(req);
  }
  Result<ListTablesResponse> ListTables(const ListTablesRequest& req) override {
    return engine_->ListTables(req);
  }
  Result<DeleteTableResponse> DeleteTable(const DeleteTableRequest& req) override {
    return engine_->DeleteTable(req);
  }
  Result<UpdateTableResponse> UpdateTable(const UpdateTableRequest& req) override {
    return engine_->UpdateTable(req);
  }
  Result<PutItemResponse> PutItem(const PutItemRequest& req) override {
    return engine_->PutItem(req);
  }
  Result<UpdateItemResponse> UpdateItem(const UpdateItemRequest& req) override {
    return engine_->UpdateItem(req);
  }
  Result<GetItemResponse> GetItem(const GetItemRequest& req) override {
    return engine_->GetItem(req);
  }
  Result<DeleteItemResponse> DeleteItem(const DeleteItemRequest& req) override {
    return engine_->DeleteItem(req);
  }
  Result<BatchWriteItemResponse> BatchWriteItem(const BatchWriteItemRequest& req) override {
    return engine_->BatchWriteItem(req);
  }
  Result<BatchGetItemResponse> BatchGetItem(const BatchGetItemRequest& req) override {
    return engine_->BatchGetItem(req);
  }
  Result<ScanResponse> Scan(const ScanRequest& req) override { return engine_->Scan(req); }
  Result<QueryResponse> Query(const QueryRequest& req) override { return engine_->Query(req); }
  Result<TransactWriteItemsResponse> TransactWriteItems(
      const TransactWriteItemsRequest& req) override {
    return engine_->TransactWriteItems(req);
  }
  Result<TransactGetItemsResponse> TransactGetItems(const TransactGetItemsRequest& req) override {
    return engine_->TransactGetItems(req);
  }

 private:
  std::shared_ptr<engine::Engine> engine_;
  std::string description_;
};

}  // namespace

Result<std::unique_ptr<Backend>> MakeEmbeddedBackend(const engine::Options& options) {
  XR_ASSIGN_OR_RETURN(std::unique_ptr<engine::Engine> engine, engine::Engine::Open(options));
  return std::unique_ptr<Backend>(std::make_unique<EmbeddedBackend>(
      std::shared_ptr<engine::Engine>(std::move(engine)), "embedded:" + options.data_dir));
}

std::unique_ptr<Backend> MakeEmbeddedBackend(std::shared_ptr<engine::Engine> engine,
                                             std::string description) {
  return std::make_unique<EmbeddedBackend>(std::move(engine), std::move(description));
}

}  // namespace ddb
