// Engine vs raw RocksDB, side by side in one run, same machine, same write options.
//
//   write: BatchWriteItem (25 items per call) of ~1 KB items into the engine, versus raw
//          rocksdb::WriteBatch puts of the same encoded bytes (the engine's own storage keys
//          and item encoding, computed before the clock starts) into a plain RocksDB.
//   scan:  a full Scan (every 1 MB page, items decoded) of N items through the engine,
//          versus a raw RocksDB iterator over the same keys and values.
//
// Each side runs --runs times (default 3), interleaved so neither always runs on a warmer
// machine; every write run goes to fresh directories. Medians are compared.
//
// Usage: engine_bench [--write-items N] [--scan-items N] [--value-bytes N] [--runs N]
//                     [--dir DIR]
// Prints median items/s for both, the ratio engine/raw and the target ratio.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/item_codec.h"
#include "engine/item_keys.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

void Die(const std::string& what) {
  std::fprintf(stderr, "engine_bench: %s\n", what.c_str());
  std::exit(1);
}

std::vector<ddb::Item> MakeItems(size_t n, size_t value_bytes, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<ddb::Item> items;
  items.reserve(n);
  std::string payload(value_bytes, 'x');
  for (size_t i = 0; i < n; ++i) {
    for (auto& c : payload) c = static_cast<char>('a' + rng() % 26);
    char id[32];
    std::snprintf(id, sizeof id, "item-%010zu", i);
    ddb::Item item;
    item.emplace("id", ddb::AttributeValue::S(id));
    item.emplace("payload", ddb::AttributeValue::S(payload));
    item.emplace("n", ddb::AttributeValue::N(static_cast<int64_t>(i)));
    items.push_back(std::move(item));
  }
  return items;
}

std::unique_ptr<engine::Engine> OpenEngineWithTable(const std::string& dir) {
  engine::Options opts;
  opts.data_dir = dir;
  auto eng = engine::Engine::Open(opts);
  if (!eng.ok()) Die(eng.error().ToString());
  ddb::CreateTableRequest req;
  req.table_name = "bench";
  req.attribute_definitions = {{"id", ddb::ScalarAttributeType::S}};
  req.key_schema = {{"id", ddb::KeyType::HASH}};
  req.billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
  auto created = (*eng)->CreateTable(req);
  if (!created.ok()) Die(created.error().ToString());
  return std::move(eng).value();
}

double EngineWrite(engine::Engine& eng, const std::vector<ddb::Item>& items) {
  // Requests are built before the clock starts, like the raw side's encoded bytes.
  std::vector<ddb::BatchWriteItemRequest> reqs;
  for (size_t i = 0; i < items.size(); i += ddb::kMaxBatchWriteItems) {
    ddb::BatchWriteItemRequest req;
    auto& list = req.request_items["bench"];
    for (size_t j = i; j < std::min(items.size(), i + ddb::kMaxBatchWriteItems); ++j) {
      list.push_back(ddb::WriteRequest::Put(items[j]));
    }
    reqs.push_back(std::move(req));
  }
  const auto t0 = Clock::now();
  for (const auto& req : reqs) {
    auto r = eng.BatchWriteItem(req);
    if (!r.ok()) Die(r.error().ToString());
    if (!r->unprocessed_items.empty()) Die("unexpected unprocessed items");
  }
  return Seconds(t0, Clock::now());
}

std::unique_ptr<rocksdb::DB> OpenRaw(const std::string& dir) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  auto s = rocksdb::DB::Open(options, dir, &db);
  if (!s.ok()) Die("raw open: " + s.ToString());
  return std::unique_ptr<rocksdb::DB>(db);
}

double RawWrite(rocksdb::DB& db, const std::vector<ddb::Item>& items) {
  std::vector<std::pair<std::string, std::string>> kv;
  kv.reserve(items.size());
  for (const auto& item : items) {
    kv.emplace_back(engine::BuildStorageKey(1, 0, item.at("id"), nullptr),
                    engine::itemcodec::EncodeItem(item));
  }
  rocksdb::WriteOptions wo;  // the engine's default: WAL on, no fsync per write
  const auto t0 = Clock::now();
  for (size_t i = 0; i < kv.size(); i += ddb::kMaxBatchWriteItems) {
    rocksdb::WriteBatch batch;
    for (size_t j = i; j < std::min(kv.size(), i + ddb::kMaxBatchWriteItems); ++j) {
      batch.Put(kv[j].first, kv[j].second);
    }
    auto s = db.Write(wo, &batch);
    if (!s.ok()) Die("raw write: " + s.ToString());
  }
  return Seconds(t0, Clock::now());
}

double EngineScan(engine::Engine& eng, size_t expect) {
  ddb::ScanRequest req;
  req.table_name = "bench";
  size_t seen = 0;
  const auto t0 = Clock::now();
  for (;;) {
    auto r = eng.Scan(req);
    if (!r.ok()) Die(r.error().ToString());
    seen += r->items.size();
    if (!r->last_evaluated_key) break;
    req.exclusive_start_key = std::move(r->last_evaluated_key);
  }
  const double s = Seconds(t0, Clock::now());
  if (seen != expect) Die("engine scan saw " + std::to_string(seen) + " items");
  return s;
}

double RawScan(rocksdb::DB& db, size_t expect) {
  size_t seen = 0, bytes = 0;
  const auto t0 = Clock::now();
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(rocksdb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    bytes += it->key().size() + it->value().size();
    ++seen;
  }
  const double s = Seconds(t0, Clock::now());
  if (seen != expect) Die("raw scan saw " + std::to_string(seen) + " items");
  if (bytes == 0) Die("raw scan read nothing");
  return s;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void Report(const char* what, size_t n, const std::vector<double>& engine_s,
            const std::vector<double>& raw_s, double target) {
  const double e = n / Median(engine_s), r = n / Median(raw_s);
  std::printf(
      "%-30s engine %9.0f items/s  raw RocksDB %9.0f items/s  ratio %.2f (target >= %.2f%s)\n",
      what, e, r, e / r, target, e / r >= target ? ", met" : ", NOT met");
  std::printf("  runs (s): engine");
  for (double s : engine_s) std::printf(" %.3f", s);
  std::printf("  raw");
  for (double s : raw_s) std::printf(" %.3f", s);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  size_t write_items = 100000, scan_items = 500000, value_bytes = 1000, runs = 3;
  std::string base = std::filesystem::temp_directory_path() / "xrouting-engine-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--write-items")
      write_items = std::stoul(argv[i + 1]);
    else if (flag == "--scan-items")
      scan_items = std::stoul(argv[i + 1]);
    else if (flag == "--value-bytes")
      value_bytes = std::stoul(argv[i + 1]);
    else if (flag == "--runs")
      runs = std::max<size_t>(1, std::stoul(argv[i + 1]));
    else if (flag == "--dir")
      base = argv[i + 1];
    else
      Die("unknown flag " + flag);
  }
  std::filesystem::remove_all(base);

  {
    std::printf("write: %zu items of ~%zu bytes, 25 per batch, %zu runs\n", write_items,
                value_bytes, runs);
    const auto items = MakeItems(write_items, value_bytes, 1);
    std::vector<double> eng_s, raw_s;
    for (size_t run = 0; run < runs; ++run) {
      const std::string suffix = "-" + std::to_string(run);
      auto eng = OpenEngineWithTable(base + "/engine-write" + suffix);
      auto raw = OpenRaw(base + "/raw-write" + suffix);
      // Alternate order so neither side always runs on a warmer machine.
      if (run % 2 == 0) {
        raw_s.push_back(RawWrite(*raw, items));
        eng_s.push_back(EngineWrite(*eng, items));
      } else {
        eng_s.push_back(EngineWrite(*eng, items));
        raw_s.push_back(RawWrite(*raw, items));
      }
      eng.reset();
      raw.reset();
      std::filesystem::remove_all(base + "/engine-write" + suffix);
      std::filesystem::remove_all(base + "/raw-write" + suffix);
    }
    Report("BatchWriteItem vs WriteBatch", write_items, eng_s, raw_s, 0.60);
  }
  {
    std::printf("scan: %zu items of ~100 bytes, %zu runs\n", scan_items, runs);
    const auto items = MakeItems(scan_items, 100, 2);
    auto eng = OpenEngineWithTable(base + "/engine-scan");
    auto raw = OpenRaw(base + "/raw-scan");
    EngineWrite(*eng, items);
    RawWrite(*raw, items);
    // Warm both once (block cache, page cache), then time.
    EngineScan(*eng, scan_items);
    RawScan(*raw, scan_items);
    std::vector<double> eng_s, raw_s;
    for (size_t run = 0; run < runs; ++run) {
      if (run % 2 == 0) {
        eng_s.push_back(EngineScan(*eng, scan_items));
        raw_s.push_back(RawScan(*raw, scan_items));
      } else {
        raw_s.push_back(RawScan(*raw, scan_items));
        eng_s.push_back(EngineScan(*eng, scan_items));
      }
    }
    Report("Scan (all pages) vs iterator", scan_items, eng_s, raw_s, 0.50);
  }
  std::filesystem::remove_all(base);
  return 0;
}
