#include "app/spacex/parse.h"

#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "app/spacex/json_tree.h"

namespace app::spacex {
namespace {

using ddb::Error;
using ddb::Result;

// Reads the fields of one JSON object of one record. `prefix` is the path of the object
// inside the record ("" for the record itself, "engines." or "cores[2]." for nested ones),
// so errors name the full field path.
class FieldReader {
 public:
  FieldReader(std::string_view label, size_t index, const std::string* id, const JsonNode& obj,
              std::string prefix = "")
      : label_(label), index_(index), id_(id), obj_(obj), prefix_(std::move(prefix)) {}

  Error Fail(std::string_view field, std::string_view problem) const {
    std::string msg = std::string(label_) + ": record " + std::to_string(index_);
    if (id_ != nullptr && !id_->empty()) msg += " (id " + *id_ + ")";
    msg += ": field \"" + prefix_ + std::string(field) + "\": " + std::string(problem);
    return ddb::ValidationError(std::move(msg));
  }

  // The member of the wanted kind; nullptr when it is null and `nullable`.
  Result<const JsonNode*> Get(std::string_view field, JsonKind want, bool nullable) const {
    const JsonNode* n = obj_.Find(field);
    if (n == nullptr) return Fail(field, "missing");
    if (n->kind == JsonKind::kNull && nullable) return static_cast<const JsonNode*>(nullptr);
    if (n->kind != want) {
      return Fail(field, "expected " + std::string(JsonKindName(want)) +
                             (nullable ? " or null" : "") + ", got " +
                             std::string(JsonKindName(n->kind)));
    }
    return n;
  }

  Result<std::string> String(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kString, false));
    return n->text;
  }
  // A required, non-empty string (ids and names).
  Result<std::string> NonEmptyString(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(std::string s, String(field));
    if (s.empty()) return Fail(field, "must not be empty");
    return s;
  }
  Result<std::optional<std::string>> NullableString(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kString, true));
    if (n == nullptr) return std::optional<std::string>();
    return std::optional<std::string>(n->text);
  }
  Result<bool> Bool(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kBool, false));
    return n->boolean;
  }
  Result<std::optional<bool>> NullableBool(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kBool, true));
    if (n == nullptr) return std::optional<bool>();
    return std::optional<bool>(n->boolean);
  }
  Result<ddb::Number> Number(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kNumber, false));
    return ToNumber(field, *n);
  }
  Result<std::optional<ddb::Number>> NullableNumber(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kNumber, true));
    if (n == nullptr) return std::optional<ddb::Number>();
    XR_ASSIGN_OR_RETURN(ddb::Number v, ToNumber(field, *n));
    return std::optional<ddb::Number>(v);
  }
  // A non-negative integer (counts).
  Result<int64_t> Count(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(ddb::Number v, Number(field));
    std::optional<int64_t> i = v.ToInt64();
    if (!i || *i < 0) return Fail(field, "expected a non-negative integer, got " + v.ToString());
    return *i;
  }
  Result<std::string> Timestamp(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(std::string s, String(field));
    if (!IsIsoUtcTimestamp(s)) {
      return Fail(field, "expected an ISO-8601 UTC timestamp (YYYY-MM-DDTHH:MM:SS[.sss]Z), got \"" +
                             s + "\"");
    }
    return s;
  }
  // An array of strings (ids); with `nullable_items`, null elements become nullopt.
  Result<std::vector<std::string>> StringArray(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kArray, false));
    std::vector<std::string> out;
    out.reserve(n->children.size());
    for (size_t i = 0; i < n->children.size(); ++i) {
      const JsonNode& c = n->children[i];
      std::string path = std::string(field) + "[" + std::to_string(i) + "]";
      if (c.kind != JsonKind::kString) {
        return Fail(path, "expected string, got " + std::string(JsonKindName(c.kind)));
      }
      if (c.text.empty()) return Fail(path, "must not be empty");
      out.push_back(c.text);
    }
    return out;
  }
  // Calls fn(reader, i) for each object element of an array field.
  ddb::Status Objects(std::string_view field,
                      const std::function<ddb::Status(const FieldReader&, size_t)>& fn) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kArray, false));
    for (size_t i = 0; i < n->children.size(); ++i) {
      std::string path = std::string(field) + "[" + std::to_string(i) + "]";
      const JsonNode& c = n->children[i];
      if (c.kind != JsonKind::kObject) {
        return Fail(path, "expected object, got " + std::string(JsonKindName(c.kind)));
      }
      XR_RETURN_IF_ERROR(fn(Nested(c, path), i));
    }
    return ddb::OkStatus();
  }
  Result<FieldReader> Object(std::string_view field) const {
    XR_ASSIGN_OR_RETURN(const JsonNode* n, Get(field, JsonKind::kObject, false));
    return Nested(*n, std::string(field));
  }

 private:
  FieldReader Nested(const JsonNode& obj, const std::string& path) const {
    return FieldReader(label_, index_, id_, obj, prefix_ + path + ".");
  }
  Result<ddb::Number> ToNumber(std::string_view field, const JsonNode& n) const {
    Result<ddb::Number> v = ddb::Number::Parse(n.text);
    if (!v.ok()) return Fail(field, "number " + n.text + " is not storable: " + v.error().message);
    return v;
  }

  std::string_view label_;
  size_t index_;
  const std::string* id_;
  const JsonNode& obj_;
  std::string prefix_;
};

// Parses the top-level array and calls parse_one(reader, id) per record; `id` is filled
// from the record's "id" first so every later error names it.
template <class T>
Result<std::vector<T>> ParseArray(
    std::string_view json, std::string_view label,
    const std::function<Result<T>(const FieldReader&, std::string id)>& parse_one) {
  XR_ASSIGN_OR_RETURN(JsonNode root, ParseJsonTree(json, label));
  if (root.kind != JsonKind::kArray) {
    return ddb::ValidationError(std::string(label) + ": expected a top-level JSON array, got " +
                                std::string(JsonKindName(root.kind)));
  }
  std::vector<T> out;
  out.reserve(root.children.size());
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < root.children.size(); ++i) {
    const JsonNode& rec = root.children[i];
    if (rec.kind != JsonKind::kObject) {
      return ddb::ValidationError(std::string(label) + ": record " + std::to_string(i) +
                                  ": expected object, got " + std::string(JsonKindName(rec.kind)));
    }
    std::string id;
    FieldReader r(label, i, &id, rec);
    XR_ASSIGN_OR_RETURN(id, r.NonEmptyString("id"));
    if (!seen.insert(id).second) return r.Fail("id", "duplicate id " + id);
    XR_ASSIGN_OR_RETURN(T value, parse_one(r, id));
    out.push_back(std::move(value));
  }
  return out;
}

Result<Rocket> ParseRocket(const FieldReader& r, std::string id) {
  Rocket x;
  x.id = std::move(id);
  XR_ASSIGN_OR_RETURN(x.name, r.NonEmptyString("name"));
  XR_ASSIGN_OR_RETURN(x.active, r.Bool("active"));
  XR_ASSIGN_OR_RETURN(x.description, r.String("description"));
  XR_ASSIGN_OR_RETURN(x.cost_per_launch, r.Number("cost_per_launch"));
  XR_ASSIGN_OR_RETURN(x.success_rate_pct, r.Number("success_rate_pct"));
  XR_ASSIGN_OR_RETURN(FieldReader e, r.Object("engines"));
  XR_ASSIGN_OR_RETURN(x.engines.number, e.Count("number"));
  XR_ASSIGN_OR_RETURN(x.engines.type, e.String("type"));
  XR_ASSIGN_OR_RETURN(x.engines.version, e.String("version"));
  XR_ASSIGN_OR_RETURN(x.engines.thrust_to_weight, e.Number("thrust_to_weight"));
  return x;
}

Result<Launch> ParseLaunch(const FieldReader& r, std::string id) {
  Launch x;
  x.id = std::move(id);
  XR_ASSIGN_OR_RETURN(x.name, r.NonEmptyString("name"));
  XR_ASSIGN_OR_RETURN(x.date_utc, r.Timestamp("date_utc"));
  XR_ASSIGN_OR_RETURN(x.upcoming, r.Bool("upcoming"));
  XR_ASSIGN_OR_RETURN(x.success, r.NullableBool("success"));
  XR_ASSIGN_OR_RETURN(x.details, r.NullableString("details"));
  XR_ASSIGN_OR_RETURN(x.rocket, r.NonEmptyString("rocket"));
  XR_ASSIGN_OR_RETURN(x.launchpad, r.NonEmptyString("launchpad"));
  XR_RETURN_IF_ERROR(r.Objects("cores", [&](const FieldReader& c, size_t) -> ddb::Status {
    LaunchCore core;
    // null: the booster of an upcoming launch is not assigned yet (allowed, skipped later).
    XR_ASSIGN_OR_RETURN(core.core, c.NullableString("core"));
    if (core.core && core.core->empty()) return c.Fail("core", "must not be empty");
    x.cores.push_back(std::move(core));
    return ddb::OkStatus();
  }));
  XR_ASSIGN_OR_RETURN(x.capsules, r.StringArray("capsules"));
  XR_ASSIGN_OR_RETURN(x.ships, r.StringArray("ships"));
  XR_RETURN_IF_ERROR(r.Objects("failures", [&](const FieldReader& f, size_t) -> ddb::Status {
    LaunchFailure failure;
    XR_ASSIGN_OR_RETURN(failure.time, f.NullableNumber("time"));
    XR_ASSIGN_OR_RETURN(failure.altitude, f.NullableNumber("altitude"));
    XR_ASSIGN_OR_RETURN(failure.reason, f.String("reason"));
    x.failures.push_back(std::move(failure));
    return ddb::OkStatus();
  }));
  return x;
}

Result<Launchpad> ParseLaunchpad(const FieldReader& r, std::string id) {
  Launchpad x;
  x.id = std::move(id);
  XR_ASSIGN_OR_RETURN(x.name, r.NonEmptyString("name"));
  XR_ASSIGN_OR_RETURN(x.status, r.NonEmptyString("status"));
  XR_ASSIGN_OR_RETURN(x.region, r.NonEmptyString("region"));
  XR_ASSIGN_OR_RETURN(x.latitude, r.Number("latitude"));
  XR_ASSIGN_OR_RETURN(x.longitude, r.Number("longitude"));
  XR_ASSIGN_OR_RETURN(x.launches, r.StringArray("launches"));
  return x;
}

Result<Core> ParseCore(const FieldReader& r, std::string id) {
  Core x;
  x.id = std::move(id);
  XR_ASSIGN_OR_RETURN(x.serial, r.NonEmptyString("serial"));
  // Any status is accepted: SPEC §5 maps unknown core statuses to inactive.
  XR_ASSIGN_OR_RETURN(x.status, r.NonEmptyString("status"));
  XR_ASSIGN_OR_RETURN(x.reuse_count, r.Count("reuse_count"));
  XR_ASSIGN_OR_RETURN(x.launches, r.StringArray("launches"));
  return x;
}

Result<Capsule> ParseCapsule(const FieldReader& r, std::string id) {
  Capsule x;
  x.id = std::move(id);
  XR_ASSIGN_OR_RETURN(x.serial, r.NonEmptyString("serial"));
  XR_ASSIGN_OR_RETURN(x.status, r.NonEmptyString("status"));
  // SPEC §5 maps exactly these four; anything else would be a silent guess.
  static constexpr std::string_view kStatuses[] = {"active", "retired", "unknown", "destroyed"};
  bool known = false;
  for (std::string_view s : kStatuses) known = known || x.status == s;
  if (!known) {
    return r.Fail("status",
                  "expected one of active, retired, unknown, destroyed, got \"" + x.status + "\"");
  }
  XR_ASSIGN_OR_RETURN(x.reuse_count, r.Count("reuse_count"));
  XR_ASSIGN_OR_RETURN(x.water_landings, r.Count("water_landings"));
  XR_ASSIGN_OR_RETURN(x.last_update, r.NullableString("last_update"));
  XR_ASSIGN_OR_RETURN(x.launches, r.StringArray("launches"));
  return x;
}

Result<Ship> ParseShip(const FieldReader& r, std::string id) {
  Ship x;
  x.id = std::move(id);
  XR_ASSIGN_OR_RETURN(x.name, r.NonEmptyString("name"));
  XR_ASSIGN_OR_RETURN(x.active, r.Bool("active"));
  XR_ASSIGN_OR_RETURN(x.home_port, r.String("home_port"));
  XR_ASSIGN_OR_RETURN(x.launches, r.StringArray("launches"));
  return x;
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool IsIsoUtcTimestamp(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 20 || !Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &mo) ||
      s[7] != '-' || !Digits(s, 8, 2, &d) || s[10] != 'T' || !Digits(s, 11, 2, &h) ||
      s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &se)) {
    return false;
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || h > 23 || mi > 59 || se > 60) {
    return false;
  }
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo == 2 && d == 29 && !leap) return false;
  size_t i = 19;
  if (s[i] == '.') {
    ++i;
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  return i + 1 == s.size() && s[i] == 'Z';
}

ddb::Result<std::vector<Rocket>> ParseRockets(std::string_view json, std::string_view label) {
  return ParseArray<Rocket>(json, label, ParseRocket);
}
ddb::Result<std::vector<Launch>> ParseLaunches(std::string_view json, std::string_view label) {
  return ParseArray<Launch>(json, label, ParseLaunch);
}
ddb::Result<std::vector<Launchpad>> ParseLaunchpads(std::string_view json, std::string_view label) {
  return ParseArray<Launchpad>(json, label, ParseLaunchpad);
}
ddb::Result<std::vector<Core>> ParseCores(std::string_view json, std::string_view label) {
  return ParseArray<Core>(json, label, ParseCore);
}
ddb::Result<std::vector<Capsule>> ParseCapsules(std::string_view json, std::string_view label) {
  return ParseArray<Capsule>(json, label, ParseCapsule);
}
ddb::Result<std::vector<Ship>> ParseShips(std::string_view json, std::string_view label) {
  return ParseArray<Ship>(json, label, ParseShip);
}

ddb::Result<Extract> ParseExtract(const RawExtract& raw) {
  auto label = [&](Endpoint e) -> std::string {
    const std::string& l = raw.label(e);
    return l.empty() ? std::string(EndpointName(e)) + ".json" : l;
  };
  Extract x;
  XR_ASSIGN_OR_RETURN(x.rockets,
                      ParseRockets(raw.body(Endpoint::kRockets), label(Endpoint::kRockets)));
  XR_ASSIGN_OR_RETURN(x.launches,
                      ParseLaunches(raw.body(Endpoint::kLaunches), label(Endpoint::kLaunches)));
  XR_ASSIGN_OR_RETURN(
      x.launchpads, ParseLaunchpads(raw.body(Endpoint::kLaunchpads), label(Endpoint::kLaunchpads)));
  XR_ASSIGN_OR_RETURN(x.cores, ParseCores(raw.body(Endpoint::kCores), label(Endpoint::kCores)));
  XR_ASSIGN_OR_RETURN(x.capsules,
                      ParseCapsules(raw.body(Endpoint::kCapsules), label(Endpoint::kCapsules)));
  XR_ASSIGN_OR_RETURN(x.ships, ParseShips(raw.body(Endpoint::kShips), label(Endpoint::kShips)));
  std::array<std::string, 6> labels;
  for (Endpoint e : kAllEndpoints) labels[static_cast<size_t>(e)] = label(e);
  XR_RETURN_IF_ERROR(ValidateReferences(x, labels));
  return x;
}

}  // namespace app::spacex
