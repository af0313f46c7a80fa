#include "app/spacex/parse.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/spacex/source.h"

namespace app::spacex {
namespace {

std::string SnapshotDir() { return std::string(XR_SOURCE_DIR) + "/data/spacex-v4"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Replaces the first occurrence of `from` (which must exist) in `text`.
std::string ReplaceFirst(std::string text, const std::string& from, const std::string& to) {
  size_t pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

RawExtract Snapshot() {
  auto raw = SnapshotSource().Fetch();
  EXPECT_TRUE(raw.ok());
  return std::move(raw).value();
}

TEST(SpaceXParse, SnapshotParsesWithExpectedCounts) {
  auto x = ParseExtract(Snapshot());
  ASSERT_TRUE(x.ok()) << x.error().message;
  EXPECT_EQ(x->rockets.size(), 4u);
  EXPECT_EQ(x->launches.size(), 205u);
  EXPECT_EQ(x->launchpads.size(), 6u);
  EXPECT_EQ(x->cores.size(), 83u);
  EXPECT_EQ(x->capsules.size(), 25u);
  EXPECT_EQ(x->ships.size(), 29u);
}

TEST(SpaceXParse, NumbersKeepTheirExactDecimalText) {
  auto x = ParseExtract(Snapshot());
  ASSERT_TRUE(x.ok()) << x.error().message;
  const Rocket& f9 = x->rockets[1];
  EXPECT_EQ(f9.name, "Falcon 9");
  EXPECT_EQ(f9.engines.thrust_to_weight.ToString(), "180.1");
  EXPECT_EQ(f9.cost_per_launch.ToString(), "50000000");
  EXPECT_EQ(f9.engines.number, 9);
  EXPECT_EQ(x->launchpads[0].latitude.ToString(), "34.6440904");
  EXPECT_EQ(x->launchpads[0].longitude.ToString(), "-120.5931438");
  // 17 significant digits would be lost by a double round trip.
  auto pads = ParseLaunchpads(ReplaceFirst(Snapshot().body(Endpoint::kLaunchpads), "34.6440904",
                                           "34.64409040000000000000001"),
                              "launchpads.json");
  ASSERT_TRUE(pads.ok()) << pads.error().message;
  EXPECT_EQ((*pads)[0].latitude.ToString(), "34.64409040000000000000001");
}

TEST(SpaceXParse, NullCoresAreKeptAsUnassigned) {
  auto x = ParseExtract(Snapshot());
  ASSERT_TRUE(x.ok());
  int nulls = 0;
  for (const Launch& l : x->launches) {
    for (const LaunchCore& c : l.cores) nulls += c.core ? 0 : 1;
  }
  EXPECT_EQ(nulls, 19);
}

TEST(SpaceXParse, WrongTypeNamesFileRecordIdAndField) {
  RawExtract raw = Snapshot();
  raw.body(Endpoint::kLaunches) =
      ReplaceFirst(raw.body(Endpoint::kLaunches), "\"date_utc\": \"2006-03-24T22:30:00.000Z\"",
                   "\"date_utc\": 1143239400");
  auto x = ParseExtract(raw);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.error().code, ddb::ErrorCode::kValidation);
  EXPECT_EQ(x.error().message,
            "launches.json: record 0 (id 5eb87cd9ffd86e000604b32a): field \"date_utc\": "
            "expected string, got number");
}

TEST(SpaceXParse, MissingFieldIsAnError) {
  std::string rockets = Snapshot().body(Endpoint::kRockets);
  rockets = ReplaceFirst(rockets, "\"cost_per_launch\": 6700000,", "");
  auto r = ParseRockets(rockets, "rockets.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("rockets.json: record 0 (id 5e9d0d95eda69955f709d1eb): "
                                   "field \"cost_per_launch\": missing"),
            std::string::npos)
      << r.error().message;
}

TEST(SpaceXParse, NestedFieldPathIsNamed) {
  std::string rockets = ReplaceFirst(Snapshot().body(Endpoint::kRockets),
                                     "\"thrust_to_weight\": 96", "\"thrust_to_weight\": \"96\"");
  auto r = ParseRockets(rockets, "rockets.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("field \"engines.thrust_to_weight\": expected number, got "
                                   "string"),
            std::string::npos)
      << r.error().message;
}

TEST(SpaceXParse, InvalidJsonEmptyAndNonArray) {
  auto bad = ParseShips("[{\"id\": \"x\",", "ships.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("ships.json: invalid JSON at offset"), std::string::npos)
      << bad.error().message;
  auto empty = ParseShips(" \n", "ships.json");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "ships.json: empty input, expected a JSON array");
  auto obj = ParseShips("{\"docs\": []}", "ships.json");
  ASSERT_FALSE(obj.ok());
  EXPECT_EQ(obj.error().message, "ships.json: expected a top-level JSON array, got object");
  auto deep = ParseShips(std::string(100000, '[') + std::string(100000, ']'), "ships.json");
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.error().message.find("nested deeper"), std::string::npos);
}

TEST(SpaceXParse, BadTimestampAndDuplicateIdAndCapsuleStatus) {
  auto l = ParseLaunches(ReplaceFirst(Snapshot().body(Endpoint::kLaunches),
                                      "2006-03-24T22:30:00.000Z", "2006-02-30T22:30:00.000Z"),
                         "launches.json");
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.error().message.find("field \"date_utc\": expected an ISO-8601"), std::string::npos);
  auto s = ParseShips(R"([{"id":"a","name":"A","active":true,"home_port":"P","launches":[]},
                          {"id":"a","name":"B","active":true,"home_port":"P","launches":[]}])",
                      "ships.json");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "ships.json: record 1 (id a): field \"id\": duplicate id a");
  auto c = ParseCapsules(ReplaceFirst(Snapshot().body(Endpoint::kCapsules),
                                      "\"status\": \"retired\"", "\"status\": \"lost\""),
                         "capsules.json");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("field \"status\": expected one of"), std::string::npos);
}

TEST(SpaceXParse, DanglingLaunchpadNamesBothRecords) {
  RawExtract raw = Snapshot();
  raw.body(Endpoint::kLaunches) =
      ReplaceFirst(raw.body(Endpoint::kLaunches), "\"launchpad\": \"5e9e4502f5090995de566f86\"",
                   "\"launchpad\": \"000000000000000000000000\"");
  auto x = ParseExtract(raw);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.error().message,
            "launches.json: record 0 (id 5eb87cd9ffd86e000604b32a): field \"launchpad\": "
            "dangling reference: launchpad 000000000000000000000000 does not exist in "
            "launchpads.json");
}

TEST(SpaceXParse, DanglingLaunchInCoreIsAnError) {
  RawExtract raw = Snapshot();
  // Remove the last launch: every record that lists it now points nowhere.
  auto launches = ParseLaunches(raw.body(Endpoint::kLaunches), "launches.json");
  ASSERT_TRUE(launches.ok());
  std::string id = launches->front().id;
  raw.body(Endpoint::kLaunches) =
      ReplaceFirst(raw.body(Endpoint::kLaunches), "\"id\": \"" + id + "\"",
                   "\"id\": \"ffffffffffffffffffffffff\"");
  auto x = ParseExtract(raw);
  ASSERT_FALSE(x.ok());
  EXPECT_NE(x.error().message.find("launch " + id + " does not exist in launches.json"),
            std::string::npos)
      << x.error().message;
}

TEST(SpaceXSource, DirectorySourceReadsFilesAndNamesMissingOnes) {
  auto raw = DirectorySource(SnapshotDir()).Fetch();
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw->body(Endpoint::kLaunches), Snapshot().body(Endpoint::kLaunches));
  auto missing = DirectorySource("/nonexistent-xrouting-dir").Fetch();
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("rockets.json"), std::string::npos);
}

TEST(SpaceXSource, EmbeddedSnapshotMatchesTheFilesByteForByte) {
  RawExtract raw = Snapshot();
  for (Endpoint e : kAllEndpoints) {
    std::string name(EndpointName(e));
    EXPECT_EQ(raw.body(e), ReadFile(SnapshotDir() + "/" + name + ".json")) << name;
  }
}

TEST(SpaceXSource, ModifiedCopyInTempDirFailsValidation) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("xr_app_parse_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (Endpoint e : kAllEndpoints) {
    std::string name = std::string(EndpointName(e)) + ".json";
    fs::copy_file(SnapshotDir() + "/" + name, dir / name, fs::copy_options::overwrite_existing);
  }
  std::ofstream(dir / "cores.json", std::ios::trunc) << "";
  auto raw = DirectorySource(dir.string()).Fetch();
  ASSERT_TRUE(raw.ok());
  auto x = ParseExtract(*raw);
  ASSERT_FALSE(x.ok());
  EXPECT_NE(x.error().message.find("cores.json: empty input"), std::string::npos)
      << x.error().message;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace app::spacex
