#include "ddb/error.h"

#include <array>
#include <utility>

namespace ddb {
namespace {

struct NameEntry {
  ErrorCode code;
  std::string_view name;
  int status;
  bool retryable;
};

constexpr std::array kNames = {
    NameEntry{ErrorCode::kValidation, "ValidationException", 400, false},
    NameEntry{ErrorCode::kResourceNotFound, "ResourceNotFoundException", 400, false},
    NameEntry{ErrorCode::kResourceInUse, "ResourceInUseException", 400, false},
    NameEntry{ErrorCode::kConditionalCheckFailed, "ConditionalCheckFailedException", 400, false},
    NameEntry{ErrorCode::kProvisionedThroughputExceeded, "ProvisionedThroughputExceededException",
              400, true},
    NameEntry{ErrorCode::kThrottling, "ThrottlingException", 400, true},
    NameEntry{ErrorCode::kRequestLimitExceeded, "RequestLimitExceeded", 400, true},
    NameEntry{ErrorCode::kLimitExceeded, "LimitExceededException", 400, false},
    NameEntry{ErrorCode::kItemCollectionSizeLimitExceeded,
              "ItemCollectionSizeLimitExceededException", 400, false},
    NameEntry{ErrorCode::kTransactionConflict, "TransactionConflictException", 400, true},
    NameEntry{ErrorCode::kTransactionCanceled, "TransactionCanceledException", 400, false},
    NameEntry{ErrorCode::kIdempotentParameterMismatch, "IdempotentParameterMismatchException",
              400, false},
    NameEntry{ErrorCode::kSerialization, "SerializationException", 400, false},
    NameEntry{ErrorCode::kUnknownOperation, "UnknownOperationException", 400, false},
    NameEntry{ErrorCode::kMissingAuthenticationToken, "MissingAuthenticationTokenException", 400,
              false},
    NameEntry{ErrorCode::kUnrecognizedClient, "UnrecognizedClientException", 400, false},
    NameEntry{ErrorCode::kInvalidSignature, "InvalidSignatureException", 400, false},
    NameEntry{ErrorCode::kIncompleteSignature, "IncompleteSignatureException", 400, false},
    NameEntry{ErrorCode::kExpiredToken, "ExpiredTokenException", 400, false},
    NameEntry{ErrorCode::kAccessDenied, "AccessDeniedException", 400, false},
    NameEntry{ErrorCode::kInternalServerError, "InternalServerError", 500, true},
    NameEntry{ErrorCode::kServiceUnavailable, "ServiceUnavailable", 503, true},
    NameEntry{ErrorCode::kNetwork, "NetworkError", 0, true},
    NameEntry{ErrorCode::kTimeout, "TimeoutError", 0, true},
    NameEntry{ErrorCode::kConfiguration, "ConfigurationError", 0, false},
    NameEntry{ErrorCode::kIO, "StorageError", 500, false},
    NameEntry{ErrorCode::kUnknown, "UnknownError", 500, false},
};

const NameEntry& Find(ErrorCode code) {
  for (const auto& e : kNames) {
    if (e.code == code) return e;
  }
  return kNames.back();
}

}  // namespace

std::string_view Error::ErrorTypeName(ErrorCode code) { return Find(code).name; }

int Error::http_status() const { return Find(code).status; }

bool Error::retryable() const { return Find(code).retryable; }

std::string Error::ToString() const {
  std::string out(type_name());
  if (!message.empty()) {
    out += ": ";
    out += message;
  }
  return out;
}

ErrorCode Error::FromTypeName(std::string_view name) {
  if (auto hash = name.rfind('#'); hash != std::string_view::npos) name = name.substr(hash + 1);
  for (const auto& e : kNames) {
    if (e.name == name) return e.code;
  }
  return ErrorCode::kUnknown;
}

}  // namespace ddb
