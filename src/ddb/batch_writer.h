// BatchWriter: buffers puts and deletes into BatchWriteItem requests of 25, keeps only the
// last write of each key within a request, and resends UnprocessedItems (and throttled
// requests) with exponential backoff and full jitter until everything is written or the
// attempt limit gives a clear error. Optionally several requests in flight.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "ddb/client.h"

namespace ddb {

struct BatchWriterOptions {
  int max_attempts = 12;  // per request, counting the first send
  std::chrono::milliseconds base_delay{25};
  std::chrono::milliseconds max_delay{2000};
  int max_in_flight = 1;  // concurrent BatchWriteItem requests
  uint64_t seed = 0;      // jitter seed (0: from the clock)
};

struct BatchWriterStats {
  int64_t items_written = 0;     // puts + deletes acknowledged by the store
  int64_t requests_sent = 0;     // BatchWriteItem calls, including resends
  int64_t unprocessed_resent = 0;  // items that came back unprocessed and were resent
  int64_t throttled = 0;         // calls that failed with a retryable error
};

class BatchWriter {
 public:
  BatchWriter(Client& client, BatchWriterOptions options = {});
  // Flushes what is buffered; errors are lost here, so call Flush() yourself.
  ~BatchWriter();
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // Buffer one write; sends a request whenever 25 are buffered. The table's key schema is
  // read once (DescribeTable) to find duplicate keys.
  Status Put(std::string_view table_name, Item item);
  Status Delete(std::string_view table_name, Key key);
  // Sends everything buffered and waits for every request in flight.
  Status Flush();

  BatchWriterStats stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ddb
