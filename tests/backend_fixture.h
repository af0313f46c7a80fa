// A gtest fixture parameterized by backend: the embedded engine (always) or a
// DynamoDB-compatible HTTP endpoint (XR_DYNALITE_ENDPOINT, set by scripts/test.sh).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/manager.h"
#include "ddb/client.h"
#include "ddb/embedded/embedded_backend.h"
#include "ddb/http/http_backend.h"
#include "engine/engine.h"

namespace xr::testing {

enum class BackendKind { kEmbedded, kDynalite };

inline std::vector<BackendKind> AllBackendKinds() {
  return {BackendKind::kEmbedded, BackendKind::kDynalite};
}
inline std::string BackendKindName(BackendKind kind) {
  return kind == BackendKind::kEmbedded ? "Embedded" : "Dynalite";
}

class BackendTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override {
    if (GetParam() == BackendKind::kEmbedded) {
      dir_ = std::filesystem::temp_directory_path() /
             ("xr-suite-" + std::to_string(::getpid()) + "-" + std::to_string(Counter()++));
      std::filesystem::remove_all(dir_);
      engine::Options options;
      options.data_dir = (dir_ / "data").string();
      // Short but real CREATING/DELETING states, as dynalite has with --createTableMs 50.
      options.transition_delay = std::chrono::milliseconds(30);
      auto backend = ddb::MakeEmbeddedBackend(options);
      ASSERT_TRUE(backend.ok()) << backend.error().ToString();
      client_ = std::make_unique<ddb::Client>(std::shared_ptr<ddb::Backend>(std::move(*backend)));
    } else {
      const char* endpoint = std::getenv("XR_DYNALITE_ENDPOINT");
      if (endpoint == nullptr || *endpoint == '\0') {
        GTEST_SKIP() << "XR_DYNALITE_ENDPOINT is not set: the HTTP backend suite needs a "
                        "running dynalite (scripts/test.sh starts one and sets it)";
      }
      ddb::http::HttpOptions options;
      options.endpoint = endpoint;
      options.region = "us-east-1";
      options.access_key_id = "fake";
      options.secret_access_key = "fake";
      auto backend = ddb::http::MakeHttpBackend(options);
      ASSERT_TRUE(backend.ok()) << backend.error().ToString();
      client_ = std::make_unique<ddb::Client>(std::shared_ptr<ddb::Backend>(std::move(*backend)));
    }
  }

  void TearDown() override {
    if (client_ && dir_.empty()) {
      for (const auto& name : created_) {
        (void)client_->DeleteTable(name);  // best effort: dynalite outlives the test
      }
    }
    client_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  ddb::Client& client() { return *client_; }

  // A table name unique across tests, processes and runs against one server; remembered for
  // cleanup.
  std::string UniqueName(const std::string& base) {
    std::string name =
        base + "-" + std::to_string(::getpid()) + "-" + std::to_string(Counter()++) + "-" +
        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
    created_.push_back(name);
    return name;
  }

  // The schema with a unique table name.
  app::TableSchema Renamed(app::TableSchema schema) {
    schema.name = UniqueName(schema.name);
    return schema;
  }

  static ddb::WaiterOptions Waiter() {
    ddb::WaiterOptions w;
    w.delay = std::chrono::milliseconds(20);
    w.max_attempts = 500;
    return w;
  }

  static app::ManagerOptions Manager() {
    app::ManagerOptions o;
    o.waiter = Waiter();
    return o;
  }

  static ddb::CreateTableRequest SimpleTable(const std::string& name, const std::string& pk,
                                             std::optional<std::string> sk = std::nullopt) {
    ddb::CreateTableRequest req;
    req.table_name = name;
    req.billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
    req.attribute_definitions.push_back({pk, ddb::ScalarAttributeType::S});
    req.key_schema.push_back({pk, ddb::KeyType::HASH});
    if (sk) {
      req.attribute_definitions.push_back({*sk, ddb::ScalarAttributeType::S});
      req.key_schema.push_back({*sk, ddb::KeyType::RANGE});
    }
    return req;
  }

  // Creates a table with a unique name and waits until it is ACTIVE.
  std::string CreateActiveTable(const std::string& base, const std::string& pk,
                                std::optional<std::string> sk = std::nullopt) {
    const std::string name = UniqueName(base);
    auto created = client().CreateTable(SimpleTable(name, pk, std::move(sk)));
    EXPECT_TRUE(created.ok()) << created.error().ToString();
    const ddb::Status active = client().WaitUntilTableActive(name, Waiter());
    EXPECT_TRUE(active.ok()) << active.error().ToString();
    return name;
  }

  static std::string IdOf(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "id-%04d", i);
    return buf;
  }
  static ddb::Item NumberedItem(int i) {
    return ddb::Item{{"id", ddb::AttributeValue::S(IdOf(i))}, {"v", ddb::AttributeValue::N(i)}};
  }

 private:
  static std::atomic<int>& Counter() {
    static std::atomic<int> counter{0};
    return counter;
  }

  std::filesystem::path dir_;
  std::unique_ptr<ddb::Client> client_;
  std::vector<std::string> created_;
};

}  // namespace xr::testing
