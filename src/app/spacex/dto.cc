#include "app/spacex/dto.h"

namespace app::spacex {

std::string_view EndpointName(Endpoint e) {
  switch (e) {
    case Endpoint::kRockets:
      return "rockets";
    case Endpoint::kLaunches:
      return "launches";
    case Endpoint::kLaunchpads:
      return "launchpads";
    case Endpoint::kCores:
      return "cores";
    case Endpoint::kCapsules:
      return "capsules";
    case Endpoint::kShips:
      return "ships";
  }
  return "?";
}

std::vector<std::string> Launch::CoreIds() const {
  std::vector<std::string> ids;
  for (const LaunchCore& c : cores) {
    if (c.core) ids.push_back(*c.core);
  }
  return ids;
}

int Launch::Year() const {
  // date_utc was validated by the parser, so the first four characters are digits.
  int year = 0;
  for (size_t i = 0; i < 4 && i < date_utc.size(); ++i) year = year * 10 + (date_utc[i] - '0');
  return year;
}

}  // namespace app::spacex
