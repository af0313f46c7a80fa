// The transformation of a validated SpaceX extract into the application's entities,
// exactly as SPEC §5 describes. Pure: no I/O, no clock, no randomness — the admin user id
// and "now" are inputs, every id is a UUID v5 of a natural key and every cost a hash of
// ids, so two runs over the same extract give identical entities.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "app/entities.h"
#include "app/spacex/dto.h"
#include "ddb/result.h"

namespace app::etl {

struct TransformResult {
  std::vector<Component> components;
  std::vector<SubComponent> sub_components;
  std::vector<Comment> comments;
  std::vector<Maintenance> maintenances;
  std::vector<SubComponentFailure> failures;
};

// `admin_user_id` performs every maintenance and writes every comment; `now` (ISO-8601 UTC)
// stamps createdAt/lastUpdated. Errors only when an entity fails validation.
ddb::Result<TransformResult> Transform(const spacex::Extract& extract,
                                       std::string_view admin_user_id, std::string_view now);

// Cost ranges of SPEC §5, inclusive, in dollars.
struct CostRange {
  int64_t min;
  int64_t max;
};
inline constexpr CostRange kCapsuleRoutineCost{200'000, 500'000};
inline constexpr CostRange kRocketRoutineCost{50'000, 200'000};
inline constexpr CostRange kRocketEmergencyCost{500'000, 1'000'000};
// min + StableHash(maintenance_id) mod (max - min + 1).
int64_t DeterministicCost(std::string_view maintenance_id, CostRange range);

// wear | overheating | vibrations, from a failure reason (case-insensitive substrings:
// heat/fire/temperature first, then vibration/pogo/oscillation).
std::string FailureTypeFromReason(std::string_view reason);

// "YYYY-MM-DDTHH:MM:SSZ" of a point in time.
std::string FormatIsoUtc(std::chrono::system_clock::time_point t);
// The same timestamp one calendar year later (Feb 29 becomes Feb 28); the rest of the text
// (time, fraction, "Z") is kept. Precondition: spacex::IsIsoUtcTimestamp(iso).
std::string AddOneYear(std::string_view iso);

// Natural keys of the deterministic ids, shared with the analytics and tests.
std::string ComponentId(std::string_view type, std::string_view spacex_id);
std::string EngineSubComponentId(std::string_view rocket_id);

}  // namespace app::etl
