#include "ddb/http/retry.h"

#include <algorithm>
#include <thread>

namespace ddb::http {

bool IsThrottling(const Error& e) {
  return e.code == ErrorCode::kProvisionedThroughputExceeded || e.code == ErrorCode::kThrottling ||
         e.code == ErrorCode::kRequestLimitExceeded;
}

std::chrono::milliseconds Backoff(const RetryPolicy& policy, const Error& e, int retry,
                                  double random01) {
  const double base = static_cast<double>(
      (IsThrottling(e) ? policy.throttling_base_delay : policy.base_delay).count());
  const double cap = static_cast<double>(policy.max_backoff.count());
  // Past 2^30 the cap has long won; stop doubling before the double overflows.
  const double exp = base * static_cast<double>(1ULL << std::min(retry, 30));
  return std::chrono::milliseconds(static_cast<int64_t>(random01 * std::min(cap, exp)));
}

Retrier::Retrier(RetryPolicy policy, Sleep sleep)
    : policy_(policy),
      sleep_(sleep ? std::move(sleep)
                   : Sleep([](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); })),
      rng_(std::random_device{}()),
      quota_(policy.quota_capacity) {}

double Retrier::Random01() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
}

bool Retrier::AcquireQuota(int cost) {
  std::lock_guard<std::mutex> lock(mu_);
  if (quota_ < cost) return false;
  quota_ -= cost;
  return true;
}

void Retrier::ReleaseQuota(int amount) {
  std::lock_guard<std::mutex> lock(mu_);
  quota_ = std::min(policy_.quota_capacity, quota_ + amount);
}

int Retrier::quota_available() const {
  std::lock_guard<std::mutex> lock(mu_);
  return quota_;
}

Result<std::string> Retrier::Run(const Attempt& attempt) {
  const int max_attempts = std::max(1, policy_.max_attempts);
  int last_cost = 0;  // tokens the latest retry took
  for (int n = 1;; ++n) {
    Result<std::string> r = attempt();
    if (r.ok()) {
      ReleaseQuota(last_cost > 0 ? last_cost : 1);
      return r;
    }
    Error err = std::move(r).error();
    if (!err.retryable()) return err;
    if (n >= max_attempts) {
      err.message += " (gave up after " + std::to_string(n) + " attempts)";
      return err;
    }
    const int cost =
        err.code == ErrorCode::kTimeout ? policy_.timeout_retry_cost : policy_.retry_cost;
    if (!AcquireQuota(cost)) {
      err.message += " (not retried: the client's retry quota is used up after many failures)";
      return err;
    }
    last_cost = cost;
    sleep_(Backoff(policy_, err, n - 1, Random01()));
  }
}

}  // namespace ddb::http
