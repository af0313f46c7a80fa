// Where the pipeline reads SpaceX data from: one interface, three sources.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "app/spacex/dto.h"
#include "ddb/result.h"

namespace app::spacex {

class SpaceXSource {
 public:
  virtual ~SpaceXSource() = default;
  // The raw JSON text of the six endpoints (not yet parsed), or the first error.
  virtual ddb::Result<RawExtract> Fetch() = 0;
  // For logs and summaries: "snapshot", a directory path, or the base URL.
  virtual std::string Describe() const = 0;
};

// The snapshot bundled into the binary at build time (data/spacex-v4).
class SnapshotSource : public SpaceXSource {
 public:
  ddb::Result<RawExtract> Fetch() override;
  std::string Describe() const override { return "snapshot"; }
};

// A directory holding rockets.json, launches.json, ... (e.g. a newer snapshot).
class DirectorySource : public SpaceXSource {
 public:
  explicit DirectorySource(std::string path) : path_(std::move(path)) {}
  ddb::Result<RawExtract> Fetch() override;
  std::string Describe() const override { return path_; }

 private:
  std::string path_;
};

struct LiveSourceOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};  // per request
  int max_attempts = 4;                            // 5xx and network errors are retried
  std::chrono::milliseconds base_backoff{500};     // doubled after each failed attempt
};

// The live API over HTTPS (libcurl): GET <base_url>/<endpoint> for the six endpoints.
class LiveSource : public SpaceXSource {
 public:
  static constexpr const char* kDefaultBaseUrl = "https://api.spacexdata.com/v4";
  explicit LiveSource(std::string base_url = kDefaultBaseUrl, LiveSourceOptions options = {});
  ddb::Result<RawExtract> Fetch() override;
  std::string Describe() const override { return base_url_; }

 private:
  std::string base_url_;
  LiveSourceOptions options_;
};

// "snapshot" -> SnapshotSource, "live" -> LiveSource(default URL), "http(s)://..." ->
// LiveSource(url), anything else -> DirectorySource(path).
std::unique_ptr<SpaceXSource> MakeSource(const std::string& spec);

}  // namespace app::spacex
