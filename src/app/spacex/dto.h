// SpaceX API v4 records: exactly the fields SPEC §2 lists (plus nothing else), with
// numbers that reach a table kept as exact decimals (ddb::Number), never doubles.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/number.h"

namespace app::spacex {

// The six endpoints of the v4 API, in the order the pipeline reads them.
enum class Endpoint { kRockets, kLaunches, kLaunchpads, kCores, kCapsules, kShips };
inline constexpr std::array<Endpoint, 6> kAllEndpoints = {
    Endpoint::kRockets, Endpoint::kLaunches, Endpoint::kLaunchpads,
    Endpoint::kCores,   Endpoint::kCapsules, Endpoint::kShips};
// "rockets", "launches", ... (the URL path and the file name without ".json").
std::string_view EndpointName(Endpoint e);

struct RocketEngines {
  int64_t number = 0;
  std::string type;
  std::string version;  // "" for Starship in the snapshot
  ddb::Number thrust_to_weight;
};

struct Rocket {
  std::string id;
  std::string name;
  bool active = false;
  std::string description;
  ddb::Number cost_per_launch;
  ddb::Number success_rate_pct;
  RocketEngines engines;
};

struct LaunchCore {
  // Null on upcoming launches whose booster is not assigned yet (19 in the snapshot).
  std::optional<std::string> core;
};

struct LaunchFailure {
  std::optional<ddb::Number> time;      // seconds after liftoff
  std::optional<ddb::Number> altitude;  // km; null for FalconSat
  std::string reason;
};

struct Launch {
  std::string id;
  std::string name;
  std::string date_utc;  // validated ISO-8601 UTC ("2006-03-24T22:30:00.000Z")
  bool upcoming = false;
  std::optional<bool> success;
  std::optional<std::string> details;
  std::string rocket;
  std::string launchpad;
  std::vector<LaunchCore> cores;
  std::vector<std::string> capsules;
  std::vector<std::string> ships;
  std::vector<LaunchFailure> failures;

  // The launch's core ids without the unassigned (null) ones.
  std::vector<std::string> CoreIds() const;
  // Calendar year of date_utc.
  int Year() const;
};

struct Launchpad {
  std::string id;
  std::string name;
  std::string status;
  std::string region;
  ddb::Number latitude;
  ddb::Number longitude;
  std::vector<std::string> launches;
};

struct Core {
  std::string id;
  std::string serial;
  std::string status;
  int64_t reuse_count = 0;
  std::vector<std::string> launches;
};

struct Capsule {
  std::string id;
  std::string serial;
  std::string status;  // active | retired | unknown | destroyed
  int64_t reuse_count = 0;
  int64_t water_landings = 0;
  std::optional<std::string> last_update;
  std::vector<std::string> launches;
};

struct Ship {
  std::string id;
  std::string name;
  bool active = false;
  std::string home_port;
  std::vector<std::string> launches;
};

// The raw JSON text of each endpoint as fetched, before any parsing. `labels` name each
// body in errors: the file name for a snapshot or directory, the URL for the live API.
struct RawExtract {
  std::array<std::string, 6> bodies;
  std::array<std::string, 6> labels;

  std::string& body(Endpoint e) { return bodies[static_cast<size_t>(e)]; }
  const std::string& body(Endpoint e) const { return bodies[static_cast<size_t>(e)]; }
  std::string& label(Endpoint e) { return labels[static_cast<size_t>(e)]; }
  const std::string& label(Endpoint e) const { return labels[static_cast<size_t>(e)]; }
};

// The whole, validated extract of the six endpoints.
struct Extract {
  std::vector<Rocket> rockets;
  std::vector<Launch> launches;
  std::vector<Launchpad> launchpads;
  std::vector<Core> cores;
  std::vector<Capsule> capsules;
  std::vector<Ship> ships;
};

}  // namespace app::spacex
