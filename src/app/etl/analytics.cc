#include "app/etl/analytics.h"

#include <map>
#include <string>
#include <unordered_map>

namespace app::etl {
namespace {

using ddb::AttributeValue;
using ddb::Item;

constexpr std::string_view kComponentTypes[] = {"rocket",    "capsule", "core",
                                                "launchpad", "ship",    "engine"};
constexpr std::string_view kComponentStatuses[] = {"active", "inactive", "damaged", "destroyed"};

Analytic Make(std::string_view id, std::string_view name, std::string_view description,
              std::vector<Item> rows, std::string_view now) {
  Analytic a;
  a.id = std::string(id);
  a.metric_name = std::string(name);
  a.description = std::string(description);
  a.data = std::move(rows);
  a.updated_at = std::string(now);
  return a;
}

struct Tally {
  int64_t total = 0;
  int64_t successful = 0;
  void Add(const spacex::Launch& l) {
    ++total;
    if (l.success.value_or(false)) ++successful;
  }
};

// Rows keyed by component type, in SPEC order, for the types present in `counts`.
std::vector<Item> TypeRows(const std::map<std::string, int64_t>& counts,
                           std::string_view value_name) {
  std::vector<Item> rows;
  auto add = [&](const std::string& type, int64_t n) {
    rows.push_back({{"componentType", AttributeValue::S(type)},
                    {std::string(value_name), AttributeValue::N(n)}});
  };
  for (std::string_view t : kComponentTypes) {
    auto it = counts.find(std::string(t));
    if (it != counts.end()) add(it->first, it->second);
  }
  auto unknown = counts.find("unknown");
  if (unknown != counts.end()) add(unknown->first, unknown->second);
  return rows;
}

}  // namespace

ddb::Number Percentage(int64_t part, int64_t total) {
  if (total <= 0) return ddb::Number();
  // Hundredths of a percent, rounded half-up, in integers: exact, no floating point.
  const int64_t hundredths = (part * 20000 + total) / (2 * total);
  std::string text = std::to_string(hundredths / 100) + "." + (hundredths % 100 < 10 ? "0" : "") +
                     std::to_string(hundredths % 100);
  return ddb::Number::Parse(text).value();  // always a valid, short decimal
}

ddb::Result<Analytic> CostSuccessRate(const spacex::Extract& x, std::string_view now) {
  std::unordered_map<std::string_view, Tally> by_rocket;
  for (const spacex::Launch& l : x.launches) {
    if (!l.upcoming) by_rocket[l.rocket].Add(l);
  }
  std::vector<Item> rows;
  for (const spacex::Rocket& r : x.rockets) {
    const Tally t = by_rocket[r.id];
    rows.push_back({{"rocketId", AttributeValue::S(r.id)},
                    {"rocketName", AttributeValue::S(r.name)},
                    {"costPerLaunch", AttributeValue::N(r.cost_per_launch)},
                    {"successRate", AttributeValue::N(Percentage(t.successful, t.total))},
                    {"engineCount", AttributeValue::N(r.engines.number)},
                    {"active", AttributeValue::Bool(r.active)},
                    {"totalLaunches", AttributeValue::N(t.total)}});
  }
  return Make(kCostSuccessRate, "Cost vs. Success Rate of Rockets",
              "Each rocket's cost per launch against its success rate over its past launches.",
              std::move(rows), now);
}

ddb::Result<Analytic> LaunchCostDistribution(const spacex::Extract& x, std::string_view now) {
  std::unordered_map<std::string_view, const spacex::Rocket*> rockets;
  for (const spacex::Rocket& r : x.rockets) rockets[r.id] = &r;
  std::unordered_map<std::string_view, const spacex::Launchpad*> pads;
  for (const spacex::Launchpad& p : x.launchpads) pads[p.id] = &p;
  std::map<std::string, ddb::Number> by_region;  // sorted by region name
  for (const spacex::Launch& l : x.launches) {
    if (l.upcoming) continue;
    auto pad = pads.find(l.launchpad);
    auto rocket = rockets.find(l.rocket);
    if (pad == pads.end() || rocket == rockets.end()) continue;  // validated: cannot happen
    ddb::Number& sum = by_region[pad->second->region];
    XR_ASSIGN_OR_RETURN(sum, sum.Add(rocket->second->cost_per_launch));
  }
  std::vector<Item> rows;
  for (const auto& [region, total] : by_region) {
    rows.push_back(
        {{"region", AttributeValue::S(region)}, {"totalLaunchCost", AttributeValue::N(total)}});
  }
  return Make(kLaunchCostDistribution, "Launch Cost Distribution by Region",
              "Total launch cost per launchpad region, summing the rocket's cost per launch "
              "over every past launch from that region.",
              std::move(rows), now);
}

Analytic HistoricalSuccessFailure(const spacex::Extract& x, std::string_view now) {
  std::map<int, Tally> by_year;  // ascending years
  for (const spacex::Launch& l : x.launches) {
    if (!l.upcoming) by_year[l.Year()].Add(l);
  }
  std::vector<Item> rows;
  for (const auto& [year, t] : by_year) {
    rows.push_back({{"year", AttributeValue::N(year)},
                    {"totalLaunches", AttributeValue::N(t.total)},
                    {"successfulLaunches", AttributeValue::N(t.successful)},
                    {"failedLaunches", AttributeValue::N(t.total - t.successful)},
                    {"successRate", AttributeValue::N(Percentage(t.successful, t.total))}});
  }
  return Make(kHistoricalSuccessFailure, "Historical Success & Failure Rates per Year",
              "Past launches per year with their successful and failed counts and success rate.",
              std::move(rows), now);
}

Analytic MissionsPerComponentType(const std::vector<Component>& components, std::string_view now) {
  std::map<std::string, int64_t> missions;
  for (const Component& c : components) {
    missions[c.type] += static_cast<int64_t>(c.missions.size());
  }
  return Make(kMissionsPerComponentType, "Number of Missions per Component Type",
              "Total missions of the components of each type, summing each component's list of "
              "missions.",
              TypeRows(missions, "totalMissions"), now);
}

Analytic ComponentStatusDistribution(const std::vector<Component>& components,
                                     std::string_view now) {
  std::map<std::string, int64_t> counts;
  for (const Component& c : components) ++counts[c.status];
  std::vector<Item> rows;
  for (std::string_view s : kComponentStatuses) {
    rows.push_back({{"status", AttributeValue::S(std::string(s))},
                    {"count", AttributeValue::N(counts[std::string(s)])}});
  }
  return Make(kComponentStatusDistribution, "Overall Component Status Distribution",
              "Number of components in each status.", std::move(rows), now);
}

Analytic RegionSuccessRate(const spacex::Extract& x, std::string_view now) {
  std::unordered_map<std::string_view, Tally> by_pad;
  for (const spacex::Launch& l : x.launches) {
    if (!l.upcoming) by_pad[l.launchpad].Add(l);
  }
  std::vector<Item> rows;
  for (const spacex::Launchpad& p : x.launchpads) {
    const Tally t = by_pad[p.id];
    if (t.total == 0) continue;  // only launchpads with at least one past launch
    rows.push_back({{"launchpad", AttributeValue::S(p.name)},
                    {"region", AttributeValue::S(p.region)},
                    {"latitude", AttributeValue::N(p.latitude)},
                    {"longitude", AttributeValue::N(p.longitude)},
                    {"totalLaunches", AttributeValue::N(t.total)},
                    {"successfulLaunches", AttributeValue::N(t.successful)},
                    {"successRate", AttributeValue::N(Percentage(t.successful, t.total))}});
  }
  return Make(kRegionSuccessRate, "Impact of Region on Launch Success",
              "Past launches, successful launches and success rate of each launchpad, with its "
              "region and coordinates.",
              std::move(rows), now);
}

Analytic MaintenanceFrequency(const std::vector<Component>& components,
                              const std::vector<Maintenance>& maintenances, std::string_view now) {
  std::unordered_map<std::string_view, std::string_view> type_of;
  for (const Component& c : components) type_of[c.component_id] = c.type;
  std::map<std::string, int64_t> counts;
  for (const Maintenance& m : maintenances) {
    auto it = type_of.find(m.component_id);
    ++counts[it == type_of.end() ? std::string("unknown") : std::string(it->second)];
  }
  return Make(kMaintenanceFrequency, "Maintenance Frequency per Component Type",
              "Number of maintenances per component type, over every maintenance in the table.",
              TypeRows(counts, "maintenanceCount"), now);
}

ddb::Result<std::vector<Analytic>> ComputeAnalytics(const spacex::Extract& x,
                                                    const std::vector<Component>& components,
                                                    const std::vector<Maintenance>& maintenances,
                                                    std::string_view now) {
  std::vector<Analytic> out;
  XR_ASSIGN_OR_RETURN(Analytic cost, CostSuccessRate(x, now));
  out.push_back(std::move(cost));
  XR_ASSIGN_OR_RETURN(Analytic distribution, LaunchCostDistribution(x, now));
  out.push_back(std::move(distribution));
  out.push_back(HistoricalSuccessFailure(x, now));
  out.push_back(MissionsPerComponentType(components, now));
  out.push_back(ComponentStatusDistribution(components, now));
  out.push_back(RegionSuccessRate(x, now));
  out.push_back(MaintenanceFrequency(components, maintenances, now));
  for (const Analytic& a : out) XR_RETURN_IF_ERROR(a.Validate());
  return out;
}

}  // namespace app::etl
