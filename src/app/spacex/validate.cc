// Cross-reference validation of a parsed extract (ValidateReferences, declared in parse.h).
#include <string>
#include <unordered_map>

#include "app/spacex/parse.h"

namespace app::spacex {
namespace {

// id -> index of the record in its endpoint's array.
template <class T>
std::unordered_map<std::string_view, size_t> IndexById(const std::vector<T>& records) {
  std::unordered_map<std::string_view, size_t> index;
  index.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) index.emplace(records[i].id, i);
  return index;
}

class RefChecker {
 public:
  explicit RefChecker(const std::array<std::string, 6>& labels) : labels_(labels) {}

  // An error unless `target` is an id of the `to` endpoint. Names the referencing record
  // (endpoint, index, id, field) and the missing record (endpoint, id).
  ddb::Status Check(Endpoint from, size_t index, std::string_view from_id, std::string_view field,
                    std::string_view target, Endpoint to,
                    const std::unordered_map<std::string_view, size_t>& targets) const {
    if (targets.count(target) != 0) return ddb::OkStatus();
    std::string singular(EndpointName(to));
    if (to == Endpoint::kLaunches) {
      singular = "launch";
    } else {
      singular.pop_back();  // rockets -> rocket, ships -> ship, ...
    }
    return ddb::ValidationError(label(from) + ": record " + std::to_string(index) + " (id " +
                                std::string(from_id) + "): field \"" + std::string(field) +
                                "\": dangling reference: " + singular + " " + std::string(target) +
                                " does not exist in " + label(to));
  }

  template <class T>
  ddb::Status CheckLaunches(Endpoint from, const std::vector<T>& records,
                            const std::unordered_map<std::string_view, size_t>& launches) const {
    for (size_t i = 0; i < records.size(); ++i) {
      const auto& ids = records[i].launches;
      for (size_t j = 0; j < ids.size(); ++j) {
        XR_RETURN_IF_ERROR(Check(from, i, records[i].id, "launches[" + std::to_string(j) + "]",
                                 ids[j], Endpoint::kLaunches, launches));
      }
    }
    return ddb::OkStatus();
  }

 private:
  const std::string& label(Endpoint e) const { return labels_[static_cast<size_t>(e)]; }
  const std::array<std::string, 6>& labels_;
};

}  // namespace

ddb::Status ValidateReferences(const Extract& x, const std::array<std::string, 6>& labels) {
  const auto rockets = IndexById(x.rockets);
  const auto launches = IndexById(x.launches);
  const auto pads = IndexById(x.launchpads);
  const auto cores = IndexById(x.cores);
  const auto capsules = IndexById(x.capsules);
  const auto ships = IndexById(x.ships);
  RefChecker c(labels);
  constexpr Endpoint kL = Endpoint::kLaunches;
  for (size_t i = 0; i < x.launches.size(); ++i) {
    const Launch& l = x.launches[i];
    XR_RETURN_IF_ERROR(c.Check(kL, i, l.id, "rocket", l.rocket, Endpoint::kRockets, rockets));
    XR_RETURN_IF_ERROR(c.Check(kL, i, l.id, "launchpad", l.launchpad, Endpoint::kLaunchpads, pads));
    for (size_t j = 0; j < l.cores.size(); ++j) {
      // A null core is an unassigned booster of an upcoming launch (19 in the snapshot):
      // allowed, and skipped by the transform. Only a non-null id must resolve.
      if (!l.cores[j].core) continue;
      XR_RETURN_IF_ERROR(c.Check(kL, i, l.id, "cores[" + std::to_string(j) + "].core",
                                 *l.cores[j].core, Endpoint::kCores, cores));
    }
    for (size_t j = 0; j < l.capsules.size(); ++j) {
      XR_RETURN_IF_ERROR(c.Check(kL, i, l.id, "capsules[" + std::to_string(j) + "]", l.capsules[j],
                                 Endpoint::kCapsules, capsules));
    }
    for (size_t j = 0; j < l.ships.size(); ++j) {
      XR_RETURN_IF_ERROR(c.Check(kL, i, l.id, "ships[" + std::to_string(j) + "]", l.ships[j],
                                 Endpoint::kShips, ships));
    }
  }
  XR_RETURN_IF_ERROR(c.CheckLaunches(Endpoint::kLaunchpads, x.launchpads, launches));
  XR_RETURN_IF_ERROR(c.CheckLaunches(Endpoint::kCores, x.cores, launches));
  XR_RETURN_IF_ERROR(c.CheckLaunches(Endpoint::kCapsules, x.capsules, launches));
  XR_RETURN_IF_ERROR(c.CheckLaunches(Endpoint::kShips, x.ships, launches));
  return ddb::OkStatus();
}

}  // namespace app::spacex
