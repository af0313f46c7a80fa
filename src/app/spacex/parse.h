// Strict parsing of the SpaceX v4 arrays into DTOs, and validation of the whole extract.
//
// Every error is a kValidation ddb::Error whose message names the input, the record (its
// index and, once known, its id) and the field, e.g.
//   launches.json: record 17 (id 5eb87cdeffd86e000604b330): field "date_utc": expected
//   string, got number
// Nothing is partially accepted: ParseExtract returns the whole extract or an error.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "app/spacex/dto.h"
#include "ddb/result.h"

namespace app::spacex {

ddb::Result<std::vector<Rocket>> ParseRockets(std::string_view json, std::string_view label);
ddb::Result<std::vector<Launch>> ParseLaunches(std::string_view json, std::string_view label);
ddb::Result<std::vector<Launchpad>> ParseLaunchpads(std::string_view json, std::string_view label);
ddb::Result<std::vector<Core>> ParseCores(std::string_view json, std::string_view label);
ddb::Result<std::vector<Capsule>> ParseCapsules(std::string_view json, std::string_view label);
ddb::Result<std::vector<Ship>> ParseShips(std::string_view json, std::string_view label);

// Ids unique per endpoint, and every reference resolves: launch.rocket, launch.launchpad,
// launch.cores[].core (null allowed), launch.capsules[], launch.ships[], and the launches[]
// of launchpads, cores, capsules and ships. `labels` name the endpoints in errors.
ddb::Status ValidateReferences(const Extract& extract, const std::array<std::string, 6>& labels);

// Parses all six bodies and validates the references.
ddb::Result<Extract> ParseExtract(const RawExtract& raw);

// True for "YYYY-MM-DDTHH:MM:SS[.fraction]Z" with a valid calendar date and time.
bool IsIsoUtcTimestamp(std::string_view s);

}  // namespace app::spacex
