#include "server/dispatch.h"

#include <array>
#include <cctype>

#include "ddb/json.h"
#include "server/auth.h"

namespace server {
namespace {

constexpr std::string_view kJson10 = "application/x-amz-json-1.0";
constexpr std::string_view kJson11 = "application/x-amz-json-1.1";

using Handler = ddb::Result<std::string> (*)(engine::Engine&, std::string_view body);

template <class Req, class Resp>
std::string EncodeResponse(const Req& /*request*/, const Resp& response) {
  return ddb::json::Encode(response);
}
// DynamoDB answers Select=COUNT without Items.
std::string EncodeResponse(const ddb::ScanRequest& request, const ddb::ScanResponse& response) {
  return request.select == ddb::Select::COUNT ? ddb::json::EncodeWithoutItems(response)
                                              : ddb::json::Encode(response);
}
std::string EncodeResponse(const ddb::QueryRequest& request, const ddb::QueryResponse& response) {
  return request.select == ddb::Select::COUNT ? ddb::json::EncodeWithoutItems(response)
                                              : ddb::json::Encode(response);
}

// Decode the request, call the engine, encode the response: the same three steps for every
// operation, so one template instead of twelve hand-written copies. Engine errors go out
// whole: a ConditionalCheckFailedException keeps its Item (ReturnValuesOnConditionCheckFailure).
template <class Req, class Resp, ddb::Result<Resp> (engine::Engine::*Method)(const Req&)>
ddb::Result<std::string> Call(engine::Engine& engine, std::string_view body) {
  XR_ASSIGN_OR_RETURN(Req request, ddb::json::Decode<Req>(body));
  XR_ASSIGN_OR_RETURN(Resp response, (engine.*Method)(request));
  return EncodeResponse(request, response);
}

struct Operation {
  std::string_view name;
  Handler handler;
};

using engine::Engine;
constexpr std::array kOperations = {
    Operation{"CreateTable",
              &Call<ddb::CreateTableRequest, ddb::CreateTableResponse, &Engine::CreateTable>},
    Operation{"DescribeTable",
              &Call<ddb::DescribeTableRequest, ddb::DescribeTableResponse, &Engine::DescribeTable>},
    Operation{"ListTables",
              &Call<ddb::ListTablesRequest, ddb::ListTablesResponse, &Engine::ListTables>},
    Operation{"DeleteTable",
              &Call<ddb::DeleteTableRequest, ddb::DeleteTableResponse, &Engine::DeleteTable>},
    Operation{"UpdateTable",
              &Call<ddb::UpdateTableRequest, ddb::UpdateTableResponse, &Engine::UpdateTable>},
    Operation{"PutItem", &Call<ddb::PutItemRequest, ddb::PutItemResponse, &Engine::PutItem>},
    Operation{"GetItem", &Call<ddb::GetItemRequest, ddb::GetItemResponse, &Engine::GetItem>},
    Operation{"DeleteItem",
              &Call<ddb::DeleteItemRequest, ddb::DeleteItemResponse, &Engine::DeleteItem>},
    Operation{"UpdateItem",
              &Call<ddb::UpdateItemRequest, ddb::UpdateItemResponse, &Engine::UpdateItem>},
    Operation{
        "BatchWriteItem",
        &Call<ddb::BatchWriteItemRequest, ddb::BatchWriteItemResponse, &Engine::BatchWriteItem>},
    Operation{"BatchGetItem",
              &Call<ddb::BatchGetItemRequest, ddb::BatchGetItemResponse, &Engine::BatchGetItem>},
    Operation{"Scan", &Call<ddb::ScanRequest, ddb::ScanResponse, &Engine::Scan>},
    Operation{"Query", &Call<ddb::QueryRequest, ddb::QueryResponse, &Engine::Query>},
    Operation{"TagResource",
              &Call<ddb::TagResourceRequest, ddb::TagResourceResponse, &Engine::TagResource>},
    Operation{
        "UntagResource",
        &Call<ddb::UntagResourceRequest, ddb::UntagResourceResponse, &Engine::UntagResource>},
    Operation{"ListTagsOfResource",
              &Call<ddb::ListTagsOfResourceRequest, ddb::ListTagsOfResourceResponse,
                    &Engine::ListTagsOfResource>},
    Operation{
        "DescribeLimits",
        &Call<ddb::DescribeLimitsRequest, ddb::DescribeLimitsResponse, &Engine::DescribeLimits>},
    // Answered from the request's Host, not the engine (Dispatcher::Handle).
    Operation{"DescribeEndpoints", nullptr},
    Operation{"TransactWriteItems",
              &Call<ddb::TransactWriteItemsRequest, ddb::TransactWriteItemsResponse,
                    &Engine::TransactWriteItems>},
    Operation{"TransactGetItems", &Call<ddb::TransactGetItemsRequest, ddb::TransactGetItemsResponse,
                                        &Engine::TransactGetItems>},
};

std::string SupportedList() {
  std::string out;
  for (const auto& op : kOperations) {
    if (!out.empty()) out += ", ";
    out += op.name;
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// "application/x-amz-json-1.0; charset=utf-8" -> "application/x-amz-json-1.0".
std::string_view MediaType(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
  while (!content_type.empty() && content_type.front() == ' ') content_type.remove_prefix(1);
  return content_type;
}

// Error types the DynamoDB wire protocol has; anything else is internal to this process.
bool IsWireError(ddb::ErrorCode code) {
  switch (code) {
    case ddb::ErrorCode::kNetwork:
    case ddb::ErrorCode::kTimeout:
    case ddb::ErrorCode::kConfiguration:
    case ddb::ErrorCode::kIO:
    case ddb::ErrorCode::kUnknown:
      return false;
    default:
      return true;
  }
}

HttpReply UnknownOperation(std::string message, int status = 400) {
  HttpReply reply = ErrorReply(ddb::Error{ddb::ErrorCode::kUnknownOperation, std::move(message)});
  reply.status = status;
  return reply;
}

}  // namespace

HttpReply ErrorReply(const ddb::Error& error, std::string_view content_type) {
  HttpReply reply;
  reply.content_type = std::string(content_type);
  if (IsWireError(error.code)) {
    reply.status = error.http_status();
    reply.body = ddb::json::EncodeError(error);
  } else {
    const ddb::Error internal{ddb::ErrorCode::kInternalServerError, error.ToString()};
    reply.status = internal.http_status();
    reply.body = ddb::json::EncodeError(internal);
  }
  return reply;
}

// The one endpoint is this server, as the client addressed it (the Host header), with the
// cache period DynamoDB gives (1440 minutes).
HttpReply Dispatcher::DescribeEndpoints(const HttpRequest& request,
                                        std::string_view reply_type) const {
  auto decoded = ddb::json::Decode<ddb::DescribeEndpointsRequest>(request.body);
  if (!decoded.ok()) return ErrorReply(decoded.error(), reply_type);
  ddb::DescribeEndpointsResponse response;
  ddb::Endpoint endpoint;
  endpoint.address = request.host && !request.host->empty() ? std::string(*request.host)
                                                            : std::string(kDefaultEndpoint);
  response.endpoints.push_back(std::move(endpoint));
  return HttpReply{200, std::string(reply_type), ddb::json::Encode(response)};
}

HttpReply Dispatcher::Handle(const HttpRequest& request) const {
  if (!request.origin) return Answer(request);
  HttpReply reply;
  if (request.method == "OPTIONS") {
    // A browser's preflight, answered as dynalite does: what it asks for is allowed.
    reply.status = 200;
    if (request.access_control_request_headers) {
      reply.headers.emplace_back("Access-Control-Allow-Headers",
                                 std::string(*request.access_control_request_headers));
    }
    if (request.access_control_request_method) {
      reply.headers.emplace_back("Access-Control-Allow-Methods",
                                 std::string(*request.access_control_request_method));
    }
    reply.headers.emplace_back("Access-Control-Max-Age", "172800");
  } else {
    reply = Answer(request);
  }
  reply.headers.emplace(reply.headers.begin(), "Access-Control-Allow-Origin", "*");
  return reply;
}

HttpReply Dispatcher::Answer(const HttpRequest& request) const {
  // A plain GET answers 200 like DynamoDB and dynalite do, so scripts can poll for readiness:
  // DynamoDB's "healthy: <its endpoint> " (the trailing space is DynamoDB's), here the host
  // the request came to.
  if (request.method == "GET") {
    const std::string_view host =
        request.host && !request.host->empty() ? *request.host : kDefaultEndpoint;
    return HttpReply{200, "text/plain; charset=utf-8", "healthy: " + std::string(host) + " "};
  }
  // Wrong method or media type: 404 UnknownOperationException, as dynalite answers.
  if (request.method != "POST") {
    return UnknownOperation("Method " + std::string(request.method) +
                                " is not supported: send POST / with the DynamoDB JSON protocol",
                            404);
  }
  std::string_view reply_type = kJson10;
  if (request.content_type) {
    const std::string_view media = MediaType(*request.content_type);
    if (EqualsIgnoreCase(media, kJson11)) {
      reply_type = kJson11;
    } else if (!EqualsIgnoreCase(media, kJson10) && !EqualsIgnoreCase(media, "application/json")) {
      return UnknownOperation(
          "Unsupported Content-Type '" + std::string(media) + "': send " + std::string(kJson10),
          404);
    }
  }

  if (!request.target || request.target->empty()) {
    return UnknownOperation("Missing X-Amz-Target header: send " +
                            std::string(ddb::json::kTargetPrefix) +
                            "<Operation>, e.g. DynamoDB_20120810.ListTables");
  }
  const std::string_view target = *request.target;
  if (target.substr(0, ddb::json::kTargetPrefix.size()) != ddb::json::kTargetPrefix) {
    return UnknownOperation("Unknown X-Amz-Target '" + std::string(target) + "': expected " +
                            std::string(ddb::json::kTargetPrefix) + "<Operation>");
  }
  const std::string_view name = target.substr(ddb::json::kTargetPrefix.size());
  const Operation* operation = nullptr;
  for (const auto& op : kOperations) {
    if (op.name == name) operation = &op;
  }
  if (operation == nullptr) {
    return UnknownOperation("Operation '" + std::string(name) +
                            "' is not supported by xrouting serve; supported: " + SupportedList());
  }

  if (auto auth = CheckAuthorization(request.authorization, request.has_date); !auth.ok()) {
    return ErrorReply(auth.error(), reply_type);
  }
  if (request.body.empty()) {
    // As DynamoDB: a bare SerializationException, no message member (ddb::json::EncodeError).
    return ErrorReply({ddb::ErrorCode::kSerialization, ""}, reply_type);
  }

  if (operation->handler == nullptr) return DescribeEndpoints(request, reply_type);
  auto result = operation->handler(engine_, request.body);
  if (!result.ok()) return ErrorReply(result.error(), reply_type);
  return HttpReply{200, std::string(reply_type), std::move(result).value()};
}

}  // namespace server
