// `migrate insert` and `migrate analytics`: the seed's insert.py and insertAnalitics.py as
// two halves of the ETL (same validation, same deterministic ids, so running either again
// updates items in place).
#pragma once

#include <string_view>

#include "app/etl/etl.h"

namespace app::migrations {

// Components, sub-components, comments, maintenances and failures from `source`.
inline ddb::Result<etl::EtlSummary> MigrateInsert(ddb::Client& client, spacex::SpaceXSource& source,
                                                  std::string_view now,
                                                  const etl::Progress& progress = {}) {
  return etl::RunEtl(client, source, now, progress, {.load_fleet = true, .load_analytics = false});
}

// The seven analytics, from `source` and the components and maintenances in the tables.
inline ddb::Result<etl::EtlSummary> MigrateAnalytics(ddb::Client& client,
                                                     spacex::SpaceXSource& source,
                                                     std::string_view now,
                                                     const etl::Progress& progress = {}) {
  return etl::RunEtl(client, source, now, progress, {.load_fleet = false, .load_analytics = true});
}

}  // namespace app::migrations
