// Test helpers for the embedded-backend tests: a temporary data directory and a Client over
// a freshly opened engine whose fault injection the test can change.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "ddb/client.h"
#include "ddb/embedded/embedded_backend.h"
#include "engine/engine.h"

namespace ddb::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() / ("xr-embedded-test-" + std::to_string(::getpid()) +
                                                  "-" + std::to_string(counter.fetch_add(1)));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// An engine in a temporary directory and a Client over it.
struct EmbeddedStore {
  TempDir dir;
  std::shared_ptr<engine::Engine> engine;
  std::unique_ptr<Client> client;

  explicit EmbeddedStore(engine::Options options = {}) {
    options.data_dir = (dir.path() / "data").string();
    auto opened = engine::Engine::Open(options);
    if (!opened.ok()) {
      ADD_FAILURE() << "engine::Open: " << opened.error().ToString();
      return;
    }
    engine = std::shared_ptr<engine::Engine>(std::move(*opened));
    client = std::make_unique<Client>(
        std::shared_ptr<Backend>(MakeEmbeddedBackend(engine, "embedded:test")));
  }
};

inline CreateTableRequest HashTable(const std::string& name, const std::string& pk = "id",
                                    std::optional<std::string> sk = std::nullopt) {
  CreateTableRequest req;
  req.table_name = name;
  req.billing_mode = BillingMode::PAY_PER_REQUEST;
  req.attribute_definitions.push_back({pk, ScalarAttributeType::S});
  req.key_schema.push_back({pk, KeyType::HASH});
  if (sk) {
    req.attribute_definitions.push_back({*sk, ScalarAttributeType::S});
    req.key_schema.push_back({*sk, KeyType::RANGE});
  }
  return req;
}

inline Item MakeItem(const std::string& id, int64_t v) {
  return Item{{"id", AttributeValue::S(id)}, {"v", AttributeValue::N(v)}};
}

}  // namespace ddb::testing
