#include "app/spacex/source.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

// Symbols defined by snapshot_data.S.
extern "C" {
#define XR_DECLARE_EMBEDDED(name)                 \
  extern const char xr_snapshot_##name##_begin[]; \
  extern const char xr_snapshot_##name##_end[];
XR_DECLARE_EMBEDDED(rockets)
XR_DECLARE_EMBEDDED(launches)
XR_DECLARE_EMBEDDED(launchpads)
XR_DECLARE_EMBEDDED(cores)
XR_DECLARE_EMBEDDED(capsules)
XR_DECLARE_EMBEDDED(ships)
#undef XR_DECLARE_EMBEDDED
}

namespace app::spacex {
namespace {

std::string_view Embedded(Endpoint e) {
  auto view = [](const char* b, const char* end) {
    return std::string_view(b, static_cast<size_t>(end - b));
  };
  switch (e) {
    case Endpoint::kRockets:
      return view(xr_snapshot_rockets_begin, xr_snapshot_rockets_end);
    case Endpoint::kLaunches:
      return view(xr_snapshot_launches_begin, xr_snapshot_launches_end);
    case Endpoint::kLaunchpads:
      return view(xr_snapshot_launchpads_begin, xr_snapshot_launchpads_end);
    case Endpoint::kCores:
      return view(xr_snapshot_cores_begin, xr_snapshot_cores_end);
    case Endpoint::kCapsules:
      return view(xr_snapshot_capsules_begin, xr_snapshot_capsules_end);
    case Endpoint::kShips:
      return view(xr_snapshot_ships_begin, xr_snapshot_ships_end);
  }
  return {};
}

}  // namespace

ddb::Result<RawExtract> SnapshotSource::Fetch() {
  RawExtract raw;
  for (Endpoint e : kAllEndpoints) {
    raw.body(e) = std::string(Embedded(e));
    raw.label(e) = std::string(EndpointName(e)) + ".json";
  }
  return raw;
}

ddb::Result<RawExtract> DirectorySource::Fetch() {
  RawExtract raw;
  for (Endpoint e : kAllEndpoints) {
    std::string path = path_ + "/" + std::string(EndpointName(e)) + ".json";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return ddb::Error(ddb::ErrorCode::kConfiguration,
                        "cannot open " + path + ": " + std::strerror(errno) +
                            " (a SpaceX source directory needs rockets.json, launches.json, "
                            "launchpads.json, cores.json, capsules.json and ships.json)");
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) return ddb::Error(ddb::ErrorCode::kIO, "cannot read " + path);
    raw.body(e) = std::move(buf).str();
    raw.label(e) = path;
  }
  return raw;
}

std::unique_ptr<SpaceXSource> MakeSource(const std::string& spec) {
  if (spec.empty() || spec == "snapshot") return std::make_unique<SnapshotSource>();
  if (spec == "live") return std::make_unique<LiveSource>();
  if (spec.rfind("http://", 0) == 0 || spec.rfind("https://", 0) == 0) {
    return std::make_unique<LiveSource>(spec);
  }
  return std::make_unique<DirectorySource>(spec);
}

}  // namespace app::spacex
