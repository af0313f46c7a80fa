// Small concurrency helpers of the engine: striped key locks for read-modify-write of one
// item (and its index entries and counters), and the fault injector.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <random>
#include <string_view>
#include <vector>

#include "engine/engine.h"

namespace engine {

// A fixed array of mutexes chosen by key hash: writers of one key serialize, writers of
// different keys rarely contend, and no per-key state has to be created or freed.
class StripedLocks {
 public:
  static constexpr size_t kStripes = 1024;

  // Holds a set of stripes, locked in ascending order (so two batches never deadlock).
  class Guard {
   public:
    Guard() = default;
    Guard(Guard&& other) noexcept : held_(std::move(other.held_)) { other.held_.clear(); }
    Guard& operator=(Guard&&) = delete;
    Guard(const Guard&) = delete;
    ~Guard() {
      for (auto it = held_.rbegin(); it != held_.rend(); ++it) (*it)->unlock();
    }

   private:
    friend class StripedLocks;
    std::vector<std::mutex*> held_;
  };

  size_t StripeOf(std::string_view storage_key) const;
  Guard Lock(std::vector<size_t> stripes);

 private:
  std::array<std::mutex, kStripes> mutexes_;
};

// Deterministic (seeded) fault decisions, safe for concurrent callers.
class FaultInjector {
 public:
  explicit FaultInjector(const FaultInjection& faults) { Set(faults); }
  void Set(const FaultInjection& faults);
  // Counts one data-plane call; true when it must fail with a throughput error.
  bool ShouldThrottle();
  // For n write requests, which ones to leave unprocessed.
  std::vector<bool> PickUnprocessed(size_t n);

 private:
  std::mutex mu_;
  FaultInjection faults_;
  uint64_t calls_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace engine
