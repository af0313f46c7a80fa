#include "lambda/etl_handler.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <utility>
#include <vector>

#include "app/etl/etl.h"
#include "app/spacex/source.h"
#include "ddb/rapidjson.h"

namespace lambda {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Forwards to the store until the invocation's stop time, then refuses every call. RunEtl
// has no cancellation hook; failing its next DynamoDB call is how it stops between writes
// (every load is idempotent, so the next run completes what this one left).
class DeadlineBackend : public ddb::Backend {
 public:
  explicit DeadlineBackend(ddb::Backend& inner) : inner_(inner) {}

  // Refuses calls from stop_at_ms on (0: never); clears the previous run's trip.
  void Arm(int64_t stop_at_ms) {
    stop_at_ms_ = stop_at_ms;
    tripped_ = false;
  }
  void Disarm() { stop_at_ms_ = 0; }
  bool tripped() const { return tripped_; }

  std::string Describe() const override { return inner_.Describe(); }
  ddb::Result<ddb::CreateTableResponse> CreateTable(const ddb::CreateTableRequest& r) override {
    return Guard([&] { return inner_.CreateTable(r); });
  }
  ddb::Result<ddb::DescribeTableResponse> DescribeTable(
      const ddb::DescribeTableRequest& r) override {
    return Guard([&] { return inner_.DescribeTable(r); });
  }
  ddb::Result<ddb::ListTablesResponse> ListTables(const ddb::ListTablesRequest& r) override {
    return Guard([&] { return inner_.ListTables(r); });
  }
  ddb::Result<ddb::DeleteTableResponse> DeleteTable(const ddb::DeleteTableRequest& r) override {
    return Guard([&] { return inner_.DeleteTable(r); });
  }
  ddb::Result<ddb::UpdateTableResponse> UpdateTable(const ddb::UpdateTableRequest& r) override {
    return Guard([&] { return inner_.UpdateTable(r); });
  }
  ddb::Result<ddb::PutItemResponse> PutItem(const ddb::PutItemRequest& r) override {
    return Guard([&] { return inner_.PutItem(r); });
  }
  ddb::Result<ddb::GetItemResponse> GetItem(const ddb::GetItemRequest& r) override {
    return Guard([&] { return inner_.GetItem(r); });
  }
  ddb::Result<ddb::DeleteItemResponse> DeleteItem(const ddb::DeleteItemRequest& r) override {
    return Guard([&] { return inner_.DeleteItem(r); });
  }
  ddb::Result<ddb::UpdateItemResponse> UpdateItem(const ddb::UpdateItemRequest& r) override {
    return Guard([&] { return inner_.UpdateItem(r); });
  }
  ddb::Result<ddb::BatchWriteItemResponse> BatchWriteItem(
      const ddb::BatchWriteItemRequest& r) override {
    return Guard([&] { return inner_.BatchWriteItem(r); });
  }
  ddb::Result<ddb::BatchGetItemResponse> BatchGetItem(const ddb::BatchGetItemRequest& r) override {
    return Guard([&] { return inner_.BatchGetItem(r); });
  }
  ddb::Result<ddb::ScanResponse> Scan(const ddb::ScanRequest& r) override {
    return Guard([&] { return inner_.Scan(r); });
  }
  ddb::Result<ddb::QueryResponse> Query(const ddb::QueryRequest& r) override {
    return Guard([&] { return inner_.Query(r); });
  }
  ddb::Result<ddb::TransactWriteItemsResponse> TransactWriteItems(
      const ddb::TransactWriteItemsRequest& r) override {
    return Guard([&] { return inner_.TransactWriteItems(r); });
  }
  ddb::Result<ddb::TransactGetItemsResponse> TransactGetItems(
      const ddb::TransactGetItemsRequest& r) override {
    return Guard([&] { return inner_.TransactGetItems(r); });
  }

 private:
  template <class Call>
  auto Guard(Call&& call) -> decltype(call()) {
    int64_t stop_at = stop_at_ms_;
    if (stop_at != 0 && NowMs() >= stop_at) {
      tripped_ = true;
      // Not kTimeout: that one is retryable and the client would wait and try again.
      return ddb::Error(ddb::ErrorCode::kConfiguration,
                        "stopped before the invocation's deadline (no DynamoDB call is started "
                        "in its last moments)");
    }
    return call();
  }

  ddb::Backend& inner_;
  // Atomics: the batch writer may call from several threads.
  std::atomic<int64_t> stop_at_ms_{0};
  std::atomic<bool> tripped_{false};
};

// Remembers whether the extract failed, so that its error is reported as the source's.
class TrackedSource : public app::spacex::SpaceXSource {
 public:
  explicit TrackedSource(std::unique_ptr<app::spacex::SpaceXSource> inner)
      : inner_(std::move(inner)) {}
  ddb::Result<app::spacex::RawExtract> Fetch() override {
    auto r = inner_->Fetch();
    failed_ = !r.ok();
    return r;
  }
  std::string Describe() const override { return inner_->Describe(); }
  bool failed() const { return failed_; }

 private:
  std::unique_ptr<app::spacex::SpaceXSource> inner_;
  bool failed_ = false;
};

// The live API's timeouts are fitted to the time left: six endpoints, each with its
// retries, must all fit before the deadline (the defaults could add up to minutes).
std::unique_ptr<app::spacex::SpaceXSource> MakeSourceFor(const std::string& spec,
                                                         int64_t budget_ms) {
  bool live = spec == "live";
  if (!live && !spec.starts_with("http://") && !spec.starts_with("https://")) {
    return app::spacex::MakeSource(spec);
  }
  app::spacex::LiveSourceOptions opts;
  opts.max_attempts = 3;
  int64_t per_request = std::clamp<int64_t>(budget_ms / (6 * opts.max_attempts), 2000, 30000);
  opts.total_timeout = std::chrono::milliseconds(per_request);
  opts.connect_timeout = std::chrono::milliseconds(std::min<int64_t>(per_request, 5000));
  return std::make_unique<app::spacex::LiveSource>(
      live ? std::string(app::spacex::LiveSource::kDefaultBaseUrl) : spec, opts);
}

// SAX reader for the one member we read; parsed in situ so no parse stack is allocated.
class OverrideReader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, OverrideReader> {
 public:
  bool Default() { return Value(false, {}); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return Value(true, {s, n}); }
  bool StartObject() { return Open(true); }
  bool StartArray() { return Open(false); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (depth_ == 1 && is_object_root_) at_member_ = std::string_view(s, n) == "spacexSource";
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  std::string value;
  bool wrong_type = false;

 private:
  bool Open(bool object) {
    if (depth_ == 0) is_object_root_ = object;
    if (at_member_) wrong_type = true;
    at_member_ = false;
    ++depth_;
    return true;
  }
  bool Close() {
    --depth_;
    return true;
  }
  bool Value(bool is_string, std::string_view s) {
    if (at_member_) {
      if (is_string) {
        value = std::string(s);
      } else {
        wrong_type = true;
      }
      at_member_ = false;
    }
    return true;
  }

  int depth_ = 0;
  bool is_object_root_ = false;
  bool at_member_ = false;
};

// What to do about the store errors an operator can fix.
std::string HintFor(ddb::ErrorCode code) {
  switch (code) {
    case ddb::ErrorCode::kResourceNotFound:
      return "; create the tables first: `xrouting --db aws tables create` (see deploy/README.md)";
    case ddb::ErrorCode::kAccessDenied:
    case ddb::ErrorCode::kUnrecognizedClient:
    case ddb::ErrorCode::kMissingAuthenticationToken:
    case ddb::ErrorCode::kExpiredToken:
      return "; check the function role's policy (deploy/iam-policy.json) and the region";
    default:
      return "";
  }
}

class EtlHandler {
 public:
  EtlHandler(ddb::Client& store, EtlHandlerOptions options)
      : guard_(std::make_shared<DeadlineBackend>(store.backend())),
        client_(guard_),
        options_(std::move(options)) {}

  Outcome operator()(const Invocation& inv) {
    auto override_spec = SourceOverride(inv.payload);
    if (!override_spec.ok())
      return Outcome::Failure(kValidationError, override_spec.error().message);
    const std::string spec = override_spec->empty() ? options_.source : *override_spec;

    int64_t left = inv.remaining_ms();
    if (left < options_.min_start_ms) {
      return Outcome::Failure(
          kTimeoutError, fmt::format("only {} ms left before the deadline; the ETL needs at least "
                                     "{} ms to run: not started (raise the function's timeout)",
                                     left, options_.min_start_ms));
    }
    guard_->Arm(inv.deadline_ms == 0 ? 0 : inv.deadline_ms - options_.stop_margin_ms);
    TrackedSource source(MakeSourceFor(spec, left - options_.stop_margin_ms));
    auto progress = [&](std::string_view message) {
      Log(options_.log, LogLevel::kInfo, inv.request_id, message);
    };
    auto summary = app::etl::RunEtl(client_, source, app::etl::NowIso(), progress);
    guard_->Disarm();

    if (summary.ok()) return Outcome::Success(summary->ToJson());
    const ddb::Error& e = summary.error();
    if (guard_->tripped()) {
      return Outcome::Failure(kTimeoutError,
                              fmt::format("the ETL did not finish before the deadline and stopped "
                                          "between writes (the next run completes it): {}",
                                          e.message));
    }
    if (source.failed()) {
      return Outcome::Failure(kSpaceXSourceError, fmt::format("reading SpaceX data from {}: {}",
                                                              source.Describe(), e.ToString()));
    }
    if (e.code == ddb::ErrorCode::kValidation) {
      return Outcome::Failure(kValidationError, e.message);
    }
    return Outcome::Failure(kDynamoDBError, fmt::format("{} (store: {}){}", e.ToString(),
                                                        client_.Describe(), HintFor(e.code)));
  }

 private:
  std::shared_ptr<DeadlineBackend> guard_;
  ddb::Client client_;
  EtlHandlerOptions options_;
};

}  // namespace

ddb::Result<std::string> SourceOverride(const std::string& event) {
  // A bounded stream, not in-situ: RapidJSON 1.1's UTF-8 validation reads past the end of a
  // NUL-terminated buffer when the text ends inside a multi-byte sequence.
  rapidjson::MemoryStream stream(event.data(), event.size());
  rapidjson::Reader reader;
  OverrideReader handler;
  reader.Parse<rapidjson::kParseValidateEncodingFlag>(stream, handler);
  if (reader.HasParseError()) {
    return ddb::ValidationError(fmt::format(
        "the invocation event is not valid JSON: {} (at offset {})",
        rapidjson::GetParseError_En(reader.GetParseErrorCode()), reader.GetErrorOffset()));
  }
  if (handler.wrong_type) {
    return ddb::ValidationError(
        "the event's spacexSource must be a string: \"live\", \"snapshot\", a directory or an URL");
  }
  return handler.value;
}

Handler MakeEtlHandler(ddb::Client& client, EtlHandlerOptions options) {
  auto handler = std::make_shared<EtlHandler>(client, std::move(options));
  return [handler](const Invocation& inv) { return (*handler)(inv); };
}

}  // namespace lambda
