// The seven analytics of SPEC §6, computed from the extract, the components and every
// maintenance in the table. Counts use past (not upcoming) launches; a past launch is
// successful only when `success` is true; rates are percentages of those counts rounded
// half-up to two decimals (0 when the total is 0), never copied from the source.
#pragma once

#include <string_view>
#include <vector>

#include "app/entities.h"
#include "app/spacex/dto.h"
#include "ddb/number.h"
#include "ddb/result.h"

namespace app::etl {

inline constexpr std::string_view kCostSuccessRate = "costSuccessRate";
inline constexpr std::string_view kLaunchCostDistribution = "launchCostDistribution";
inline constexpr std::string_view kHistoricalSuccessFailure = "historicalSuccessFailure";
inline constexpr std::string_view kMissionsPerComponentType = "missionsPerComponentType";
inline constexpr std::string_view kComponentStatusDistribution = "componentStatusDistribution";
inline constexpr std::string_view kRegionSuccessRate = "regionSuccessRate";
inline constexpr std::string_view kMaintenanceFrequency = "maintenanceFrequency";

// Row order: rockets and launchpads in source order, regions by name, years ascending,
// component types in SPEC order (only types that have components / maintenances),
// statuses in SPEC order (all four, zeros included).
ddb::Result<Analytic> CostSuccessRate(const spacex::Extract& x, std::string_view now);
ddb::Result<Analytic> LaunchCostDistribution(const spacex::Extract& x, std::string_view now);
Analytic HistoricalSuccessFailure(const spacex::Extract& x, std::string_view now);
Analytic MissionsPerComponentType(const std::vector<Component>& components, std::string_view now);
Analytic ComponentStatusDistribution(const std::vector<Component>& components,
                                     std::string_view now);
Analytic RegionSuccessRate(const spacex::Extract& x, std::string_view now);
// `maintenances` is every maintenance of the table (all pages), `components` every
// component; a maintenance of an unknown component counts under "unknown".
Analytic MaintenanceFrequency(const std::vector<Component>& components,
                              const std::vector<Maintenance>& maintenances, std::string_view now);

// All seven, in the order above.
ddb::Result<std::vector<Analytic>> ComputeAnalytics(const spacex::Extract& x,
                                                    const std::vector<Component>& components,
                                                    const std::vector<Maintenance>& maintenances,
                                                    std::string_view now);

// 100 * part / total rounded half-up to 2 decimals; 0 when total is 0.
ddb::Number Percentage(int64_t part, int64_t total);

}  // namespace app::etl
