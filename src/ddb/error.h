// DynamoDB error types as a typed error, shared by every layer (engine, clients, server).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ddb {

class AttributeValue;
using Item = std::map<std::string, AttributeValue, std::less<>>;  // as in attribute_value.h

// The DynamoDB error types (the part after '#' in the wire "__type"), plus a few
// client-side conditions (network, timeout, configuration) that never come from a server.
enum class ErrorCode {
  kValidation,                     // ValidationException (400)
  kResourceNotFound,               // ResourceNotFoundException (400)
  kResourceInUse,                  // ResourceInUseException (400)
  kConditionalCheckFailed,         // ConditionalCheckFailedException (400)
  kProvisionedThroughputExceeded,  // ProvisionedThroughputExceededException (400, retryable)
  kThrottling,                     // ThrottlingException (400, retryable)
  kRequestLimitExceeded,           // RequestLimitExceeded (400, retryable)
  kLimitExceeded,                  // LimitExceededException (400)
  kItemCollectionSizeLimitExceeded,
  kTransactionConflict,            // TransactionConflictException (400, retryable)
  kTransactionCanceled,            // TransactionCanceledException (400), CancellationReasons
  kIdempotentParameterMismatch,    // IdempotentParameterMismatchException (400)
  kSerialization,                  // SerializationException (400): malformed request body
  kUnknownOperation,               // UnknownOperationException (400)
  kMissingAuthenticationToken,     // MissingAuthenticationTokenException (400)
  kUnrecognizedClient,             // UnrecognizedClientException (400): bad access key
  kInvalidSignature,               // InvalidSignatureException (400)
  kIncompleteSignature,            // IncompleteSignatureException (400)
  kExpiredToken,                   // ExpiredTokenException (400)
  kAccessDenied,                   // AccessDeniedException (400)
  kInternalServerError,            // InternalServerError (500, retryable)
  kServiceUnavailable,             // ServiceUnavailable (503, retryable)
  // Client-side, never on the wire from a server:
  kNetwork,       // connection refused/reset, DNS failure (retryable)
  kTimeout,       // request or connect timeout (retryable)
  kConfiguration, // missing credentials, bad endpoint, bad flags
  kIO,            // local storage failure (RocksDB, files)
  kUnknown,       // an error type we do not know; message keeps the wire name
};

// One entry of a TransactionCanceledException's CancellationReasons, per action in request
// order: Code "None", "ConditionalCheckFailed", "ValidationError", "TransactionConflict", ...;
// Item: the old item with ReturnValuesOnConditionCheckFailure=ALL_OLD.
struct CancellationReason {
  std::string code = "None";
  std::string message;
  std::shared_ptr<const Item> item;
};

struct Error {
  ErrorCode code = ErrorCode::kUnknown;
  std::string message;
  // ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure=ALL_OLD: the
  // item as it was (the wire's "Item" member). Null otherwise.
  std::shared_ptr<const Item> item;
  // TransactionCanceledException: the reasons, one per action (empty otherwise).
  std::vector<CancellationReason> cancellation_reasons;

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

  // Wire name, e.g. "ValidationException"; client-side codes get descriptive names.
  std::string_view type_name() const { return ErrorTypeName(code); }
  // HTTP status a DynamoDB server answers with for this error.
  int http_status() const;
  // True for errors the AWS SDKs' standard retry mode retries.
  bool retryable() const;
  // "ValidationException: <message>"
  std::string ToString() const;

  static std::string_view ErrorTypeName(ErrorCode code);
  // Accepts "ValidationException" or "com.amazonaws.dynamodb.v20120810#ValidationException".
  static ErrorCode FromTypeName(std::string_view name);
};

inline Error ValidationError(std::string msg) { return {ErrorCode::kValidation, std::move(msg)}; }
inline Error NotFoundError(std::string msg) {
  return {ErrorCode::kResourceNotFound, std::move(msg)};
}
inline Error InUseError(std::string msg) { return {ErrorCode::kResourceInUse, std::move(msg)}; }

}  // namespace ddb
