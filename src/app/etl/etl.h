// The pipeline the Lambda runs every 6 hours (and `xrouting etl` locally): extract the
// SpaceX data, validate all of it, transform it into entities, load them, then compute and
// load the analytics. Nothing is written unless the whole extract is valid and every
// entity passes validation. Works over any ddb::Client.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "app/spacex/source.h"
#include "ddb/client.h"

namespace app::etl {

struct PhaseTimings {  // milliseconds
  double extract = 0;
  double validate = 0;
  double transform = 0;
  double load = 0;
  double analytics = 0;
};

struct EtlSummary {
  int64_t components_saved = 0;
  int64_t sub_components_saved = 0;
  int64_t comments_saved = 0;
  int64_t maintenances_saved = 0;
  int64_t failures_saved = 0;
  int64_t analytics_saved = 0;
  std::string source;         // SpaceXSource::Describe()
  std::string admin_user_id;  // who performed the maintenances
  PhaseTimings timings;

  // What the Lambda returns:
  // {"statusCode":200,"body":{"componentsSaved":147,...,"timingsMs":{...}}}
  std::string ToJson() const;
};

struct EtlOptions {
  bool load_fleet = true;  // components, sub-components, comments, maintenances, failures
  // The seven analytics. Without load_fleet, components and maintenances are read back from
  // their tables (as `migrate analytics` does after `migrate insert`).
  bool load_analytics = true;
  // BatchWriteItem requests in flight at once: over HTTP the load is round-trip bound, so a
  // few concurrent requests cut it several-fold; harmless on the embedded engine.
  int write_concurrency = 4;
};

// Called at the start of each phase with a short human line (for stderr progress).
using Progress = std::function<void(std::string_view message)>;

// `now` (ISO-8601 UTC) stamps lastUpdated/updatedAt, and createdAt of components loaded for
// the first time (a component already in the table keeps its createdAt).
ddb::Result<EtlSummary> RunEtl(ddb::Client& client, spacex::SpaceXSource& source,
                               std::string_view now, const Progress& progress = {},
                               const EtlOptions& options = {});

// The Lambda handler's name in ARCHITECTURE.md.
inline ddb::Result<EtlSummary> run_etl(ddb::Client& client, spacex::SpaceXSource& source,
                                       std::string_view now, const Progress& progress = {}) {
  return RunEtl(client, source, now, progress);
}

// The current time as "YYYY-MM-DDTHH:MM:SSZ".
std::string NowIso();

}  // namespace app::etl
