#include "app/etl/transform.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <set>
#include <unordered_map>

#include "app/ids.h"

namespace app::etl {
namespace {

using spacex::Extract;
using spacex::Launch;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ContainsAny(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (haystack.find(n) != std::string::npos) return true;
  }
  return false;
}

// Everything a component needs besides its type-specific status and missions.
Component MakeComponent(std::string_view type, const std::string& spacex_id, std::string name,
                        std::string status, std::vector<std::string> missions,
                        std::string_view now) {
  Component c;
  c.id = ComponentId(type, spacex_id);
  c.component_id = spacex_id;
  c.name = std::move(name);
  c.type = std::string(type);
  c.status = std::move(status);
  c.category = missions.empty() ? "fixed" : "launched";
  c.missions = std::move(missions);
  c.created_at = std::string(now);
  c.last_updated = std::string(now);
  return c;
}

std::string CapsuleStatus(const std::string& s) {
  if (s == "active") return "active";
  if (s == "retired") return "inactive";
  if (s == "unknown") return "damaged";
  return "destroyed";  // "destroyed": the parser rejects any other capsule status
}

std::string CoreStatus(const std::string& s) {
  if (s == "active") return "active";
  if (s == "lost") return "destroyed";
  if (s == "expended") return "damaged";
  return "inactive";  // "inactive", "unknown" and anything new
}

void AddComponents(const Extract& x, std::string_view now, TransformResult* out) {
  // Rockets list no launches themselves: their missions come from launch.rocket.
  std::unordered_map<std::string_view, std::vector<std::string>> by_rocket;
  for (const Launch& l : x.launches) by_rocket[l.rocket].push_back(l.id);
  for (const spacex::Rocket& r : x.rockets) {
    Component c = MakeComponent("rocket", r.id, r.name, r.active ? "active" : "inactive",
                                by_rocket[r.id], now);
    c.has_subcomponents = r.engines.number > 0;
    out->components.push_back(std::move(c));
  }
  for (const spacex::Capsule& k : x.capsules) {
    out->components.push_back(
        MakeComponent("capsule", k.id, k.serial, CapsuleStatus(k.status), k.launches, now));
  }
  for (const spacex::Core& k : x.cores) {
    out->components.push_back(
        MakeComponent("core", k.id, k.serial, CoreStatus(k.status), k.launches, now));
  }
  for (const spacex::Launchpad& p : x.launchpads) {
    out->components.push_back(MakeComponent(
        "launchpad", p.id, p.name, p.status == "active" ? "active" : "inactive", p.launches, now));
  }
  for (const spacex::Ship& s : x.ships) {
    out->components.push_back(
        MakeComponent("ship", s.id, s.name, s.active ? "active" : "inactive", s.launches, now));
  }
}

void AddSubComponents(const Extract& x, TransformResult* out) {
  for (const spacex::Rocket& r : x.rockets) {
    if (r.engines.number <= 0) continue;
    SubComponent s;
    // Keyed by the rocket (not the engine count, which several rockets share).
    s.id = EngineSubComponentId(r.id);
    s.sub_component_id = s.id;
    s.parent_component_id = r.id;
    // "<type> <version>"; Starship's version is "", and "raptor" reads better than "raptor ".
    s.name = r.engines.version.empty() ? r.engines.type : r.engines.type + " " + r.engines.version;
    s.status = "good";
    out->sub_components.push_back(std::move(s));
  }
}

void AddComments(const Extract& x, std::string_view admin, TransformResult* out) {
  for (const Launch& l : x.launches) {
    if (!l.details || l.details->empty()) continue;
    const std::string details = Lower(*l.details);
    const std::pair<std::string_view, std::vector<std::string>> candidates[] = {
        {"rocket", {l.rocket}},
        {"launchpad", {l.launchpad}},
        {"core", l.CoreIds()},
        {"capsule", l.capsules},
        {"ship", l.ships}};
    for (const auto& [keyword, ids] : candidates) {
      // A plain substring match, as the earlier scripts did: "cores" and "spaceship" count.
      if (ids.empty() || details.find(keyword) == std::string::npos) continue;
      Comment c;
      c.id = DeterministicId("comment:" + l.id + ":" + std::string(keyword));
      c.component_id = ids[StableHash(c.id) % ids.size()];
      c.user_id = std::string(admin);
      c.message = *l.details;
      // The launch date, not "now": the comment is about that launch, and the byComponent
      // index then orders a component's comments by mission.
      c.updated_date = l.date_utc;
      out->comments.push_back(std::move(c));
    }
  }
}

Maintenance MakeMaintenance(const Launch& l, std::string_view kind, const std::string& component,
                            CostRange range, std::string_view admin) {
  Maintenance m;
  m.id = DeterministicId("maintenance:" + l.id + ":" + std::string(kind) + ":" + component);
  m.maintenance_id = m.id;
  m.component_id = component;
  m.date = l.date_utc;
  m.next_maintenance = AddOneYear(l.date_utc);
  m.performed_by = std::string(admin);
  m.cost = DeterministicCost(m.id, range);
  return m;
}

void AddMaintenances(const Extract& x, std::string_view admin, TransformResult* out) {
  std::unordered_map<std::string_view, const spacex::Rocket*> rockets;
  for (const spacex::Rocket& r : x.rockets) rockets[r.id] = &r;
  for (const Launch& l : x.launches) {
    // Upcoming launches and launches of unknown outcome say nothing about wear.
    if (l.upcoming || !l.success) continue;
    if (*l.success) {
      std::set<std::string> seen;  // a capsule listed twice still gets one maintenance
      for (const std::string& capsule : l.capsules) {
        if (!seen.insert(capsule).second) continue;
        Maintenance m = MakeMaintenance(l, "routine", capsule, kCapsuleRoutineCost, admin);
        m.description = l.details.value_or("Routine maintenance");
        m.failure_prediction = {"low", std::nullopt, "Routine maintenance after successful launch"};
        out->maintenances.push_back(std::move(m));
      }
      Maintenance m = MakeMaintenance(l, "routine", l.rocket, kRocketRoutineCost, admin);
      m.subcomponents_affected = l.CoreIds();
      m.description = l.details.value_or("Routine maintenance");
      m.failure_prediction = {"low", std::nullopt, "Routine maintenance after successful launch"};
      out->maintenances.push_back(std::move(m));
      continue;
    }
    Maintenance m = MakeMaintenance(l, "emergency", l.rocket, kRocketEmergencyCost, admin);
    m.subcomponents_affected = l.CoreIds();
    m.description = l.details.value_or("Emergency repair due to failed launch");
    m.failure_prediction = {"high", std::nullopt, "Emergency repair after failed launch"};
    const spacex::Rocket* rocket = rockets[l.rocket];
    for (size_t i = 0; i < l.failures.size(); ++i) {
      SubComponentFailure f;
      f.id = DeterministicId("failure:" + l.id + ":" + std::to_string(i));
      // The rocket's engines sub-component; a rocket without engines has none, so the
      // failure is recorded against the rocket itself.
      f.sub_component_id = rocket != nullptr && rocket->engines.number > 0
                               ? EngineSubComponentId(l.rocket)
                               : l.rocket;
      f.detected_at = l.date_utc;
      f.failure_type = FailureTypeFromReason(l.failures[i].reason);
      f.severity = "high";
      f.reported_by = std::string(admin);
      f.status = "resolved";
      f.maintenance_id = m.id;
      out->failures.push_back(std::move(f));
    }
    out->maintenances.push_back(std::move(m));
  }
}

template <class T>
ddb::Status ValidateAll(const std::vector<T>& entities) {
  for (const T& e : entities) XR_RETURN_IF_ERROR(e.Validate());
  return ddb::OkStatus();
}

}  // namespace

std::string ComponentId(std::string_view type, std::string_view spacex_id) {
  return DeterministicId("component:" + std::string(type) + ":" + std::string(spacex_id));
}

std::string EngineSubComponentId(std::string_view rocket_id) {
  return DeterministicId("subcomponent:" + std::string(rocket_id) + ":engines");
}

int64_t DeterministicCost(std::string_view maintenance_id, CostRange range) {
  const uint64_t span = static_cast<uint64_t>(range.max - range.min + 1);
  return range.min + static_cast<int64_t>(StableHash(maintenance_id) % span);
}

std::string FailureTypeFromReason(std::string_view reason) {
  const std::string r = Lower(reason);
  if (ContainsAny(r, {"heat", "fire", "temperature"})) return "overheating";
  if (ContainsAny(r, {"vibration", "pogo", "oscillation"})) return "vibrations";
  return "wear";
}

std::string FormatIsoUtc(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string AddOneYear(std::string_view iso) {
  int year = 0;
  for (size_t i = 0; i < 4; ++i) year = year * 10 + (iso[i] - '0');
  ++year;
  std::string out = std::to_string(year);
  while (out.size() < 4) out.insert(out.begin(), '0');
  out += iso.substr(4);
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (!leap && out.compare(4, 6, "-02-29") == 0) out[9] = '8';
  return out;
}

ddb::Result<TransformResult> Transform(const spacex::Extract& extract,
                                       std::string_view admin_user_id, std::string_view now) {
  if (admin_user_id.empty()) return ddb::ValidationError("transform: the admin user id is empty");
  TransformResult out;
  AddComponents(extract, now, &out);
  AddSubComponents(extract, &out);
  AddComments(extract, admin_user_id, &out);
  AddMaintenances(extract, admin_user_id, &out);
  XR_RETURN_IF_ERROR(ValidateAll(out.components));
  XR_RETURN_IF_ERROR(ValidateAll(out.sub_components));
  XR_RETURN_IF_ERROR(ValidateAll(out.comments));
  XR_RETURN_IF_ERROR(ValidateAll(out.maintenances));
  XR_RETURN_IF_ERROR(ValidateAll(out.failures));
  return out;
}

}  // namespace app::etl
