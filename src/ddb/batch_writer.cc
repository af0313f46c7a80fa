#include "ddb/batch_writer.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ddb {
namespace {

size_t CountWrites(const std::map<std::string, std::vector<WriteRequest>, std::less<>>& m) {
  size_t n = 0;
  for (const auto& [table, writes] : m) n += writes.size();
  return n;
}

std::string TableList(const std::map<std::string, std::vector<WriteRequest>, std::less<>>& m) {
  std::string out;
  for (const auto& [table, writes] : m) {
    if (!out.empty()) out += ", ";
    out += '\'' + table + '\'';
  }
  return out;
}

void AppendSized(std::string& out, std::string_view bytes) {
  const auto n = static_cast<uint32_t>(bytes.size());
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(bytes);
}

// A byte string that identifies one item key of one table: equal keys give equal strings.
// Empty when the item lacks a key attribute or has one of a non-key type (the store will
// reject such a write; it is never treated as a duplicate).
std::string KeyIdentity(std::string_view table, const std::vector<std::string>& key_names,
                        const Item& item) {
  std::string id;
  AppendSized(id, table);
  for (const auto& name : key_names) {
    auto it = item.find(name);
    if (it == item.end()) return {};
    const AttributeValue& v = it->second;
    switch (v.type()) {
      case AttributeType::S:
        id += 'S';
        AppendSized(id, v.s());
        break;
      case AttributeType::B:
        id += 'B';
        AppendSized(id, v.b());
        break;
      case AttributeType::N: {
        // Numbers are kept normalized, so sign, coefficient and exponent identify the value.
        const Number& n = v.n();
        const Number::Coefficient c = n.coefficient();
        const int32_t e = n.exponent();
        id += n.is_negative() ? 'n' : 'N';
        id.append(reinterpret_cast<const char*>(&c), sizeof c);
        id.append(reinterpret_cast<const char*>(&e), sizeof e);
        break;
      }
      default:
        return {};
    }
  }
  return id;
}

// Exponential backoff with full jitter: uniform in [0, min(max, base * 2^attempt)].
std::chrono::milliseconds Backoff(int attempt, std::chrono::milliseconds base,
                                  std::chrono::milliseconds max, std::mt19937_64& rng) {
  const int shift = std::clamp(attempt, 0, 20);
  const int64_t cap = std::min<int64_t>(max.count(), base.count() << shift);
  std::uniform_int_distribution<int64_t> dist(0, std::max<int64_t>(cap, 0));
  return std::chrono::milliseconds(dist(rng));
}

struct Entry {
  std::string table;
  std::string key_id;  // empty: unknown key, never deduplicated
  WriteRequest write;
  bool live = true;  // false once a later write of the same key replaced it
};

// One BatchWriteItem request ready to send, with the identities of the keys it writes.
struct Batch {
  BatchWriteItemRequest request;
  std::vector<std::string> key_ids;
};

}  // namespace

class BatchWriter::Impl {
 public:
  Impl(Client& client, BatchWriterOptions options)
      : client_(client),
        opts_(options),
        seed_rng_(options.seed != 0
                      ? options.seed
                      : static_cast<uint64_t>(
                            std::chrono::steady_clock::now().time_since_epoch().count())) {}

  ~Impl() { WaitAll(); }

  Status Add(std::string_view table, WriteRequest write) {
    std::lock_guard api(api_mu_);
    XR_RETURN_IF_ERROR(StickyError());
    XR_ASSIGN_OR_RETURN(const std::vector<std::string>* names, KeyNames(table));
    const Item& key_source = write.put_item ? *write.put_item : *write.delete_key;
    std::string id = KeyIdentity(table, *names, key_source);
    if (!id.empty()) {
      auto [it, inserted] = index_.try_emplace(id, buffer_.size());
      if (!inserted) {
        // Only the last write of a key in one request counts (DynamoDB rejects a request
        // with two writes of one key).
        buffer_[it->second].live = false;
        --live_;
        it->second = buffer_.size();
      }
    }
    buffer_.push_back(Entry{std::string(table), std::move(id), std::move(write), true});
    ++live_;
    if (live_ >= kMaxBatchWriteItems) return SendBuffered();
    return OkStatus();
  }

  Status Flush() {
    std::lock_guard api(api_mu_);
    Status sent = live_ > 0 ? SendBuffered() : OkStatus();
    WaitAll();
    XR_RETURN_IF_ERROR(StickyError());
    return sent;
  }

  BatchWriterStats stats() const {
    std::lock_guard lock(mu_);
    return stats_;
  }

 private:
  Status StickyError() const {
    std::lock_guard lock(mu_);
    if (first_error_) return *first_error_;
    return OkStatus();
  }

  // The table's key attribute names (partition, then sort), read once per table.
  Result<const std::vector<std::string>*> KeyNames(std::string_view table) {
    if (auto it = key_names_.find(table); it != key_names_.end()) return &it->second;
    auto desc = client_.DescribeTable(table);
    std::mt19937_64 rng(seed_rng_());
    for (int attempt = 1; !desc.ok() && desc.error().retryable() && attempt < opts_.max_attempts;
         ++attempt) {
      std::this_thread::sleep_for(Backoff(attempt, opts_.base_delay, opts_.max_delay, rng));
      desc = client_.DescribeTable(table);
    }
    if (!desc.ok()) {
      Error e = std::move(desc).error();
      e.message =
          "BatchWriter: reading the key schema of table '" + std::string(table) + "': " + e.message;
      return e;
    }
    std::vector<std::string> names;
    for (const auto& k : desc->key_schema) {
      if (k.key_type == KeyType::HASH)
        names.insert(names.begin(), k.attribute_name);
      else
        names.push_back(k.attribute_name);
    }
    auto [it, inserted] = key_names_.emplace(std::string(table), std::move(names));
    return &it->second;
  }

  // Turns the live buffered writes into one request and sends it.
  Status SendBuffered() {
    Batch batch;
    for (auto& e : buffer_) {
      if (!e.live) continue;
      if (!e.key_id.empty()) batch.key_ids.push_back(std::move(e.key_id));
      batch.request.request_items[e.table].push_back(std::move(e.write));
    }
    buffer_.clear();
    index_.clear();
    live_ = 0;
    return Dispatch(std::move(batch));
  }

  Status Dispatch(Batch batch) {
    const uint64_t seed = seed_rng_();
    if (opts_.max_in_flight <= 1) return SendWithRetries(std::move(batch.request), seed);

    std::unique_lock lock(mu_);
    // Wait for a free slot and for every earlier request that writes one of our keys, so
    // two writes of one key never race (the later one must land last).
    cv_.wait(lock, [&] {
      if (in_flight_ >= opts_.max_in_flight) return false;
      return std::none_of(batch.key_ids.begin(), batch.key_ids.end(),
                          [&](const std::string& id) { return in_flight_keys_.count(id) > 0; });
    });
    if (first_error_) return *first_error_;
    ++in_flight_;
    for (const auto& id : batch.key_ids) in_flight_keys_.insert(id);
    lock.unlock();

    PruneFinished();
    workers_.push_back(std::async(std::launch::async, [this, seed, b = std::move(batch)]() mutable {
      Status s = SendWithRetries(std::move(b.request), seed);
      std::lock_guard done(mu_);
      for (const auto& id : b.key_ids) in_flight_keys_.erase(id);
      --in_flight_;
      if (!s.ok() && !first_error_) first_error_ = std::move(s).error();
      cv_.notify_all();
    }));
    return OkStatus();
  }

  void PruneFinished() {
    std::erase_if(workers_, [](std::future<void>& f) {
      return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    });
  }

  void WaitAll() {
    for (auto& f : workers_) f.wait();
    workers_.clear();
  }

  // Sends one request until every write is acknowledged or the attempt limit is reached.
  // Runs on worker threads: touches shared state only under mu_.
  Status SendWithRetries(BatchWriteItemRequest req, uint64_t seed) {
    std::mt19937_64 rng(seed);
    const size_t total = CountWrites(req.request_items);
    const std::string tables = TableList(req.request_items);
    std::optional<Error> last_error;
    const int max_attempts = std::max(opts_.max_attempts, 1);
    for (int attempt = 1;; ++attempt) {
      auto resp = client_.BatchWriteItem(req);
      const size_t pending = CountWrites(req.request_items);
      {
        std::lock_guard lock(mu_);
        ++stats_.requests_sent;
        if (!resp.ok() && resp.error().retryable()) ++stats_.throttled;
      }
      if (!resp.ok()) {
        if (!resp.error().retryable()) {
          Error e = std::move(resp).error();
          e.message = "BatchWriteItem on " + tables + " failed (" + std::to_string(pending) +
                      " of " + std::to_string(total) + " items unwritten): " + e.message;
          return e;
        }
        last_error = std::move(resp).error();
      } else {
        const size_t unprocessed = CountWrites(resp->unprocessed_items);
        {
          std::lock_guard lock(mu_);
          stats_.items_written += static_cast<int64_t>(pending - unprocessed);
          if (attempt < max_attempts)
            stats_.unprocessed_resent += static_cast<int64_t>(unprocessed);
        }
        if (unprocessed == 0) return OkStatus();
        req.request_items = std::move(resp->unprocessed_items);
        last_error = Error(ErrorCode::kProvisionedThroughputExceeded,
                           std::to_string(unprocessed) + " items came back as UnprocessedItems");
      }
      if (attempt >= max_attempts) {
        const size_t left = CountWrites(req.request_items);
        return Error(last_error->code, "BatchWriteItem on " + tables + ": " + std::to_string(left) +
                                           " of " + std::to_string(total) +
                                           " items remain unwritten after " +
                                           std::to_string(max_attempts) +
                                           " attempts; last error: " + last_error->ToString());
      }
      std::this_thread::sleep_for(Backoff(attempt, opts_.base_delay, opts_.max_delay, rng));
    }
  }

  Client& client_;
  const BatchWriterOptions opts_;

  // Caller-side state, guarded by api_mu_ (Put/Delete/Flush may come from several threads).
  std::mutex api_mu_;
  std::map<std::string, std::vector<std::string>, std::less<>> key_names_;
  std::vector<Entry> buffer_;
  size_t live_ = 0;
  std::map<std::string, size_t, std::less<>> index_;  // key identity -> buffer_ position
  std::mt19937_64 seed_rng_;
  std::vector<std::future<void>> workers_;

  // Shared with the workers, guarded by mu_.
  mutable std::mutex mu_;
  std::condition_variable cv_;
  BatchWriterStats stats_;
  std::set<std::string> in_flight_keys_;
  int in_flight_ = 0;
  std::optional<Error> first_error_;
};

BatchWriter::BatchWriter(Client& client, BatchWriterOptions options)
    : impl_(std::make_unique<Impl>(client, options)) {}

BatchWriter::~BatchWriter() {
  if (impl_) (void)impl_->Flush();
}

Status BatchWriter::Put(std::string_view table_name, Item item) {
  return impl_->Add(table_name, WriteRequest::Put(std::move(item)));
}

Status BatchWriter::Delete(std::string_view table_name, Key key) {
  return impl_->Add(table_name, WriteRequest::Delete(std::move(key)));
}

Status BatchWriter::Flush() { return impl_->Flush(); }

BatchWriterStats BatchWriter::stats() const { return impl_->stats(); }

}  // namespace ddb
