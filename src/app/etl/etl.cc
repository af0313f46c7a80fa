#include "app/etl/etl.h"

#include <algorithm>
#include <chrono>

#include "app/etl/analytics.h"
#include "app/etl/transform.h"
#include "app/migrations/users.h"
#include "app/repositories.h"
#include "app/spacex/parse.h"
#include "ddb/rapidjson.h"

namespace app::etl {
namespace {

class Stopwatch {
 public:
  double ElapsedMs() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
        .count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void Report(const Progress& progress, std::string_view message) {
  if (progress) progress(message);
}

ddb::BatchWriterOptions WriterOptions(const EtlOptions& options) {
  ddb::BatchWriterOptions w;
  w.max_in_flight = std::max(1, options.write_concurrency);
  return w;
}

// Writes every entity kind through one BatchWriter; errors name the table.
template <class T>
ddb::Result<int64_t> Load(ddb::Client& client, ddb::BatchWriter& writer,
                          const std::vector<T>& entities) {
  auto saved = Repository<T>(client).SaveAll(entities, writer);
  if (!saved.ok()) {
    ddb::Error e = std::move(saved).error();
    e.message = "loading " + std::string(TableOf<T>::kName) + ": " + e.message;
    return e;
  }
  return saved;
}

// Components are written with UpdateItem, not BatchWriteItem: createdAt is the time of the
// component's first load (SPEC §4), so a reload must keep the stored one while every other
// attribute, lastUpdated included, takes this run's value.
ddb::Result<int64_t> LoadComponents(ddb::Client& client, const std::vector<Component>& components,
                                    const EtlOptions& options) {
  auto saved = Repository<Component>(client).UpsertAll(components, {"createdAt"},
                                                       std::max(1, options.write_concurrency));
  if (!saved.ok()) {
    ddb::Error e = std::move(saved).error();
    e.message = "loading " + std::string(kComponentsTable) + ": " + e.message;
    return e;
  }
  return saved;
}

}  // namespace

std::string NowIso() { return FormatIsoUtc(std::chrono::system_clock::now()); }

ddb::Result<EtlSummary> RunEtl(ddb::Client& client, spacex::SpaceXSource& source,
                               std::string_view now, const Progress& progress,
                               const EtlOptions& options) {
  EtlSummary summary;
  summary.source = source.Describe();

  Report(progress, "extract: reading SpaceX data from " + summary.source);
  Stopwatch extract;
  XR_ASSIGN_OR_RETURN(spacex::RawExtract raw, source.Fetch());
  summary.timings.extract = extract.ElapsedMs();

  Report(progress, "validate: parsing and cross-checking the six endpoints");
  Stopwatch validate;
  XR_ASSIGN_OR_RETURN(spacex::Extract extract_data, spacex::ParseExtract(raw));
  summary.timings.validate = validate.ElapsedMs();

  Report(progress, "transform: building entities");
  Stopwatch transform;
  // Looked up once per run (the earlier scripts scanned the users table once per launch).
  XR_ASSIGN_OR_RETURN(summary.admin_user_id, migrations::FindAdminUserId(client));
  XR_ASSIGN_OR_RETURN(TransformResult fleet, Transform(extract_data, summary.admin_user_id, now));
  // Dry run of the analytics on what is about to be loaded: an error here (e.g. a cost sum
  // beyond 38 digits) must stop the run before the first write, not after the fleet load.
  XR_RETURN_IF_ERROR(ComputeAnalytics(extract_data, fleet.components, fleet.maintenances, now));
  summary.timings.transform = transform.ElapsedMs();

  if (options.load_fleet) {
    Report(progress,
           "load: writing components, sub-components, comments, maintenances, "
           "failures");
    Stopwatch load;
    XR_ASSIGN_OR_RETURN(summary.components_saved,
                        LoadComponents(client, fleet.components, options));
    ddb::BatchWriter writer(client, WriterOptions(options));
    XR_ASSIGN_OR_RETURN(summary.sub_components_saved, Load(client, writer, fleet.sub_components));
    XR_ASSIGN_OR_RETURN(summary.comments_saved, Load(client, writer, fleet.comments));
    XR_ASSIGN_OR_RETURN(summary.maintenances_saved, Load(client, writer, fleet.maintenances));
    XR_ASSIGN_OR_RETURN(summary.failures_saved, Load(client, writer, fleet.failures));
    summary.timings.load = load.ElapsedMs();
  }

  if (options.load_analytics) {
    Report(progress, "analytics: computing the seven metrics");
    Stopwatch analytics;
    std::vector<Component> components = std::move(fleet.components);
    if (!options.load_fleet) {
      XR_ASSIGN_OR_RETURN(components, Repository<Component>(client).ListAll());
    }
    // SPEC §6: maintenanceFrequency counts every maintenance in the table (all pages),
    // including any the application added besides ours.
    XR_ASSIGN_OR_RETURN(std::vector<Maintenance> maintenances,
                        Repository<Maintenance>(client).ListAll());
    XR_ASSIGN_OR_RETURN(std::vector<Analytic> metrics,
                        ComputeAnalytics(extract_data, components, maintenances, now));
    ddb::BatchWriter writer(client, WriterOptions(options));
    XR_ASSIGN_OR_RETURN(summary.analytics_saved, Load(client, writer, metrics));
    summary.timings.analytics = analytics.ElapsedMs();
  }
  return summary;
}

std::string EtlSummary::ToJson() const {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("statusCode");
  w.Int(200);
  w.Key("body");
  w.StartObject();
  auto count = [&](const char* key, int64_t v) {
    w.Key(key);
    w.Int64(v);
  };
  count("componentsSaved", components_saved);
  count("subComponentsSaved", sub_components_saved);
  count("commentsSaved", comments_saved);
  count("maintenancesSaved", maintenances_saved);
  count("failuresSaved", failures_saved);
  count("analyticsSaved", analytics_saved);
  w.Key("source");
  w.String(source.c_str(), static_cast<rapidjson::SizeType>(source.size()));
  w.Key("timingsMs");
  w.StartObject();
  auto ms = [&](const char* key, double v) {
    w.Key(key);
    w.Double(static_cast<double>(static_cast<int64_t>(v * 1000 + 0.5)) / 1000);  // µs precision
  };
  ms("extract", timings.extract);
  ms("validate", timings.validate);
  ms("transform", timings.transform);
  ms("load", timings.load);
  ms("analytics", timings.analytics);
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return buf.GetString();
}

}  // namespace app::etl
