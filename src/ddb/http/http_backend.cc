#include "ddb/http/http_backend.h"

#include "ddb/http/http_backend_internal.h"
#include "ddb/json.h"

namespace ddb::http {
namespace {

class HttpBackend final : public Backend {
 public:
  HttpBackend(ClientConfig config, TransportOptions transport, RetryPolicy retry,
              Retrier::Sleep sleep)
      : transport_(std::move(config), transport), retrier_(retry, std::move(sleep)) {}

  std::string Describe() const override {
    const ClientConfig& c = transport_.config();
    return c.endpoint.url + " (region " + c.region + ")";
  }

  Result<CreateTableResponse> CreateTable(const CreateTableRequest& req) override {
    return Call<CreateTableResponse>("CreateTable", req);
  }
  Result<DescribeTableResponse> DescribeTable(const DescribeTableRequest& req) override {
    return Call<DescribeTableResponse>("DescribeTable", req);
  }
  Result<ListTablesResponse> ListTables(const ListTablesRequest& req) override {
    return Call<ListTablesResponse>("ListTables", req);
  }
  Result<DeleteTableResponse> DeleteTable(const DeleteTableRequest& req) override {
    return Call<DeleteTableResponse>("DeleteTable", req);
  }
  Result<UpdateTableResponse> UpdateTable(const UpdateTableRequest& req) override {
    return Call<UpdateTableResponse>("UpdateTable", req);
  }
  Result<PutItemResponse> PutItem(const PutItemRequest& req) override {
    return Call<PutItemResponse>("PutItem", req);
  }
  Result<UpdateItemResponse> UpdateItem(const UpdateItemRequest& req) override {
    return Call<UpdateItemResponse>("UpdateItem", req);
  }
  Result<GetItemResponse> GetItem(const GetItemRequest& req) override {
    return Call<GetItemResponse>("GetItem", req);
  }
  Result<DeleteItemResponse> DeleteItem(const DeleteItemRequest& req) override {
    return Call<DeleteItemResponse>("DeleteItem", req);
  }
  Result<BatchWriteItemResponse> BatchWriteItem(const BatchWriteItemRequest& req) override {
    return Call<BatchWriteItemResponse>("BatchWriteItem", req);
  }
  Result<BatchGetItemResponse> BatchGetItem(const BatchGetItemRequest& req) override {
    return Call<BatchGetItemResponse>("BatchGetItem", req);
  }
  Result<ScanResponse> Scan(const ScanRequest& req) override {
    return Call<ScanResponse>("Scan", req);
  }
  Result<QueryResponse> Query(const QueryRequest& req) override {
    return Call<QueryResponse>("Query", req);
  }
  Result<TransactWriteItemsResponse> TransactWriteItems(
      const TransactWriteItemsRequest& req) override {
    return Call<TransactWriteItemsResponse>("TransactWriteItems", req);
  }
  Result<TransactGetItemsResponse> TransactGetItems(const TransactGetItemsRequest& req) override {
    return Call<TransactGetItemsResponse>("TransactGetItems", req);
  }

 private:
  // Encodes once; every attempt resends the same bytes, signed afresh by the transport.
  template <class Resp, class Req>
  Result<Resp> Call(std::string_view operation, const Req& req) {
    const std::string body = json::Encode(req);
    XR_ASSIGN_OR_RETURN(std::string answer,
                        retrier_.Run([&] { return transport_.Post(operation, body); }));
    Result<Resp> decoded = json::Decode<Resp>(answer);
    // The codec says nothing about malformed JSON (DynamoDB's wire answer to a request); a
    // client reading a malformed response needs to know which one it was.
    if (!decoded.ok() && decoded.error().message.empty()) {
      return Error(decoded.error().code,
                   "the " + std::string(operation) + " response is not valid JSON");
    }
    return decoded;
  }

  // Both are safe for concurrent use: the transport pools curl handles behind a mutex and
  // the retrier guards its quota and random generator.
  Transport transport_;
  Retrier retrier_;
};

}  // namespace

std::unique_ptr<Backend> NewHttpBackend(ClientConfig config, TransportOptions transport,
                                        RetryPolicy retry, Retrier::Sleep sleep) {
  return std::make_unique<HttpBackend>(std::move(config), transport, retry, std::move(sleep));
}

Result<std::unique_ptr<Backend>> MakeHttpBackend(const HttpOptions& options) {
  EnsureCurlGlobalInit();
  if (options.max_attempts < 1) {
    return Error(ErrorCode::kConfiguration, "max_attempts must be at least 1 (the first try)");
  }
  if (options.connect_timeout.count() <= 0 || options.request_timeout.count() <= 0) {
    return Error(ErrorCode::kConfiguration, "HTTP timeouts must be positive");
  }
  XR_ASSIGN_OR_RETURN(ClientConfig config, ResolveClientConfig(options, SystemEnv()));
  TransportOptions transport;
  transport.connect_timeout = options.connect_timeout;
  transport.request_timeout = options.request_timeout;
  RetryPolicy retry;
  retry.max_attempts = options.max_attempts;
  return NewHttpBackend(std::move(config), transport, retry);
}

}  // namespace ddb::http
