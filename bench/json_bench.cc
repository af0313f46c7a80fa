// JSON library choice, measured: RapidJSON (what the project uses) against simdjson on the
// same inputs in one run — the six SpaceX snapshot files (the ETL's extract) and a
// BatchWriteItem request body of 25 items (the DynamoDB wire codec's typical input).
//
// Parse: RapidJSON DOM (the codec's flags: validate UTF-8, full precision) vs simdjson's DOM
// parser (it validates UTF-8 always). Both walk the whole document afterwards (count
// values), so neither side can skip work lazily. Encoding: simdjson has no writer, so the
// codec would need a second library for encoding; RapidJSON's Writer is measured alone.
//
// Usage: json_bench [--seconds-per-case S]   (default 1)
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ddb/json.h"
#include "ddb/rapidjson.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

size_t CountRapid(const rapidjson::Value& v) {
  size_t n = 1;
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) n += CountRapid(e);
  } else if (v.IsObject()) {
    for (const auto& m : v.GetObject()) n += CountRapid(m.value);
  }
  return n;
}

size_t CountSimd(simdjson::dom::element v) {
  size_t n = 1;
  if (v.is_array()) {
    for (auto e : v.get_array()) n += CountSimd(e);
  } else if (v.is_object()) {
    for (auto m : v.get_object()) n += CountSimd(m.value);
  }
  return n;
}

// Runs fn repeatedly for about `seconds`; returns MB/s over `bytes` per call.
template <class Fn>
double Throughput(size_t bytes, double seconds, Fn&& fn) {
  size_t calls = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    fn();
    ++calls;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return static_cast<double>(bytes) * calls / elapsed / 1e6;
}

std::string BatchWriteBody() {
  ddb::BatchWriteItemRequest req;
  auto& list = req.request_items["maintenances"];
  for (int i = 0; i < 25; ++i) {
    ddb::Item item;
    item.emplace("maintenanceId", ddb::AttributeValue::S("m-" + std::to_string(i)));
    item.emplace("componentId", ddb::AttributeValue::S("5e9d0d95eda69973a809d1ec"));
    item.emplace("cost", ddb::AttributeValue::N(int64_t{200000} + i));
    item.emplace("date", ddb::AttributeValue::S("2010-06-04T18:45:00.000Z"));
    item.emplace("description", ddb::AttributeValue::S(std::string(200, 'd')));
    item.emplace("subcomponentsAffected",
                 ddb::AttributeValue::L(
                     {ddb::AttributeValue::S("core-a"), ddb::AttributeValue::S("core-b")}));
    ddb::Item prediction;
    prediction.emplace("riskLevel", ddb::AttributeValue::S("low"));
    prediction.emplace("reason", ddb::AttributeValue::S("Routine maintenance"));
    item.emplace("failurePrediction", ddb::AttributeValue::M(std::move(prediction)));
    list.push_back(ddb::WriteRequest::Put(std::move(item)));
  }
  return ddb::json::Encode(req);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 1.0;
  if (argc == 3 && std::string(argv[1]) == "--seconds-per-case") seconds = std::stod(argv[2]);

  struct Case {
    std::string name;
    std::string text;
  };
  std::vector<Case> cases;
  for (const char* f : {"launches", "cores", "launchpads", "rockets", "capsules", "ships"}) {
    cases.push_back({std::string("spacex ") + f + ".json",
                     ReadFile(std::string(XR_SOURCE_DIR "/data/spacex-v4/") + f + ".json")});
    if (cases.back().text.empty()) {
      std::fprintf(stderr, "json_bench: cannot read the snapshot under %s\n", XR_SOURCE_DIR);
      return 1;
    }
  }
  cases.push_back({"BatchWriteItem body, 25 items", BatchWriteBody()});

  std::printf("%-32s %9s %14s %14s %8s\n", "input", "bytes", "RapidJSON MB/s", "simdjson MB/s",
              "ratio");
  simdjson::dom::parser simd;
  for (const auto& c : cases) {
    const simdjson::padded_string padded(c.text);
    size_t rapid_values = 0, simd_values = 0;
    constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag |
                                rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag;
    const double rapid = Throughput(c.text.size(), seconds, [&] {
      rapidjson::Document doc;
      doc.Parse<kFlags>(c.text.data(), c.text.size());
      rapid_values = doc.HasParseError() ? 0 : CountRapid(doc);
    });
    const double simdjson_mbs = Throughput(c.text.size(), seconds, [&] {
      simdjson::dom::element doc;
      simd_values = simd.parse(padded).get(doc) ? 0 : CountSimd(doc);
    });
    if (rapid_values == 0 || rapid_values != simd_values) {
      std::fprintf(stderr, "json_bench: %s: the parsers disagree (%zu vs %zu values)\n",
                   c.name.c_str(), rapid_values, simd_values);
      return 1;
    }
    std::printf("%-32s %9zu %14.0f %14.0f %7.2fx\n", c.name.c_str(), c.text.size(), rapid,
                simdjson_mbs, rapid / simdjson_mbs);
  }
  const std::string body = cases.back().text;
  ddb::BatchWriteItemRequest req = *ddb::json::Decode<ddb::BatchWriteItemRequest>(body);
  const double encode = Throughput(body.size(), seconds, [&] { (void)ddb::json::Encode(req); });
  const double decode = Throughput(
      body.size(), seconds, [&] { (void)ddb::json::Decode<ddb::BatchWriteItemRequest>(body); });
  std::printf(
      "ddb::json codec (RapidJSON) on the BatchWriteItem body: encode %.0f MB/s, "
      "decode to typed items %.0f MB/s; simdjson has no writer\n",
      encode, decode);
  return 0;
}
