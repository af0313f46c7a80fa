// Helpers shared by the engine tests: a temporary data directory, an opened engine, and
// short builders for requests and values.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "engine/engine.h"

namespace engine::testing {

inline ddb::AttributeValue S(std::string s) { return ddb::AttributeValue::S(std::move(s)); }
inline ddb::AttributeValue N(int64_t n) { return ddb::AttributeValue::N(n); }
inline ddb::AttributeValue NT(std::string_view text) {
  return ddb::AttributeValue::N(ddb::Number::Parse(text).value());
}
inline ddb::AttributeValue B(std::string b) { return ddb::AttributeValue::B(std::move(b)); }

// A directory under /tmp removed (recursively) when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "xr-engine-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::unique_ptr<Engine> OpenEngine(const Options& options) {
  auto engine = Engine::Open(options);
  EXPECT_TRUE(engine.ok()) << (engine.ok() ? "" : engine.error().ToString());
  return engine.ok() ? std::move(engine).value() : nullptr;
}

inline ddb::CreateTableRequest TableRequest(
    std::string name, std::string hash,
    ddb::ScalarAttributeType hash_type = ddb::ScalarAttributeType::S,
    std::optional<std::string> range = std::nullopt,
    ddb::ScalarAttributeType range_type = ddb::ScalarAttributeType::S) {
  ddb::CreateTableRequest r;
  r.table_name = std::move(name);
  r.billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
  r.attribute_definitions.push_back({hash, hash_type});
  r.key_schema.push_back({hash, ddb::KeyType::HASH});
  if (range) {
    r.attribute_definitions.push_back({*range, range_type});
    r.key_schema.push_back({*range, ddb::KeyType::RANGE});
  }
  return r;
}

inline ddb::GlobalSecondaryIndex Gsi(std::string name, std::string hash,
                                     std::optional<std::string> range = std::nullopt,
                                     ddb::ProjectionType projection = ddb::ProjectionType::ALL) {
  ddb::GlobalSecondaryIndex g;
  g.index_name = std::move(name);
  g.key_schema.push_back({std::move(hash), ddb::KeyType::HASH});
  if (range) g.key_schema.push_back({*range, ddb::KeyType::RANGE});
  g.projection.projection_type = projection;
  return g;
}

// Expects `result` to fail with `code` and a message containing `text`.
template <class R>
void ExpectError(const R& result, ddb::ErrorCode code, std::string_view text) {
  ASSERT_FALSE(result.ok()) << "expected an error containing: " << text;
  EXPECT_EQ(result.error().code, code) << result.error().ToString();
  EXPECT_NE(result.error().message.find(text), std::string::npos)
      << "message: " << result.error().message << "\nexpected to contain: " << text;
}

// A fresh engine on a temporary directory.
class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    engine_.reset();
    Options options;
    options.data_dir = dir_.path();
    options.transition_delay = delay_;
    engine_ = OpenEngine(options);
    ASSERT_NE(engine_, nullptr);
  }
  void Create(const ddb::CreateTableRequest& request) {
    auto r = engine_->CreateTable(request);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
  }
  void Put(const std::string& table, ddb::Item item) {
    ddb::PutItemRequest r;
    r.table_name = table;
    r.item = std::move(item);
    auto result = engine_->PutItem(r);
    ASSERT_TRUE(result.ok()) << result.error().ToString();
  }
  std::optional<ddb::Item> Get(const std::string& table, ddb::Key key) {
    ddb::GetItemRequest r;
    r.table_name = table;
    r.key = std::move(key);
    auto result = engine_->GetItem(r);
    EXPECT_TRUE(result.ok()) << result.error().ToString();
    return result.ok() ? result->item : std::nullopt;
  }
  ddb::TableDescription DescribeTable(const std::string& table) {
    auto r = engine_->DescribeTable({table});
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? r->table : ddb::TableDescription{};
  }

  TempDir dir_;
  std::chrono::milliseconds delay_{0};
  std::unique_ptr<Engine> engine_;
};

}  // namespace engine::testing
