// The AWS SDKs' "standard" retry mode: retry Error::retryable() errors with exponential
// backoff and full jitter, throttling with a larger base delay, bounded by max_attempts and
// by a retry quota (token bucket) that stops retry storms when a service is down.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <random>
#include <string>

#include "ddb/result.h"

namespace ddb::http {

struct RetryPolicy {
  int max_attempts = 8;  // counting the first attempt
  // The SDKs use 25 ms for DynamoDB's transient errors and a larger base for throttling,
  // which only clears as the table's capacity refills.
  std::chrono::milliseconds base_delay{25};
  std::chrono::milliseconds throttling_base_delay{500};
  std::chrono::milliseconds max_backoff{20000};
  // Standard mode's quota: a retry costs 5 tokens (10 after a timeout); a success returns
  // what its retries took, or 1 token when it needed none.
  int quota_capacity = 500;
  int retry_cost = 5;
  int timeout_retry_cost = 10;
};

// ProvisionedThroughputExceeded, Throttling, RequestLimitExceeded.
bool IsThrottling(const Error& e);

// Full jitter: random01 * min(max_backoff, base * 2^retry), retry = 0 for the first retry.
std::chrono::milliseconds Backoff(const RetryPolicy& policy, const Error& e, int retry,
                                  double random01);

// Runs an attempt until it succeeds, fails with a non-retryable error, uses max_attempts, or
// the quota runs dry. One Retrier serves all threads of a backend.
class Retrier {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  using Attempt = std::function<Result<std::string>()>;

  explicit Retrier(RetryPolicy policy, Sleep sleep = {});

  Result<std::string> Run(const Attempt& attempt);

  int quota_available() const;

 private:
  double Random01();
  bool AcquireQuota(int cost);
  void ReleaseQuota(int amount);

  const RetryPolicy policy_;
  const Sleep sleep_;
  mutable std::mutex mu_;
  std::mt19937_64 rng_;  // guarded by mu_
  int quota_;            // guarded by mu_
};

}  // namespace ddb::http
