#include "engine/concurrency.h"

#include <algorithm>

#include "engine/key_codec.h"

namespace engine {

size_t StripedLocks::StripeOf(std::string_view storage_key) const {
  return keycodec::Hash64(storage_key) % kStripes;
}

StripedLocks::Guard StripedLocks::Lock(std::vector<size_t> stripes) {
  std::sort(stripes.begin(), stripes.end());
  stripes.erase(std::unique(stripes.begin(), stripes.end()), stripes.end());
  Guard guard;
  guard.held_.reserve(stripes.size());
  for (size_t s : stripes) {
    mutexes_[s].lock();
    guard.held_.push_back(&mutexes_[s]);
  }
  return guard;
}

void FaultInjector::Set(const FaultInjection& faults) {
  std::lock_guard lock(mu_);
  faults_ = faults;
  calls_ = 0;
  rng_.seed(faults.seed);
}

bool FaultInjector::ShouldThrottle() {
  std::lock_guard lock(mu_);
  if (faults_.throttle_every <= 0) return false;
  ++calls_;
  return calls_ % static_cast<uint64_t>(faults_.throttle_every) == 0;
}

std::vector<bool> FaultInjector::PickUnprocessed(size_t n) {
  std::lock_guard lock(mu_);
  std::vector<bool> picked(n, false);
  if (faults_.unprocessed_fraction <= 0) return picked;
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (size_t i = 0; i < n; ++i) picked[i] = uniform(rng_) < faults_.unprocessed_fraction;
  return picked;
}

}  // namespace engine
