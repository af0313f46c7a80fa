// Golden tests: the pipeline on the bundled snapshot against values computed independently
// by tests/reference/spacex_reference.py (Python standard library only, from the SPEC
// rules), checked in as tests/reference/spacex_golden.json.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "app/etl/analytics.h"
#include "app/etl/transform.h"
#include "app/spacex/json_tree.h"
#include "app/spacex/parse.h"
#include "app/spacex/source.h"

namespace app::etl {
namespace {

using spacex::JsonKind;
using spacex::JsonNode;

constexpr std::string_view kNow = "2024-01-01T00:00:00Z";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string GoldenPath() {
  return std::string(XR_SOURCE_DIR) + "/tests/reference/spacex_golden.json";
}

// {"S": "x"} / {"N": "1.5"} / {"BOOL": true} -> AttributeValue.
ddb::AttributeValue FromTyped(const JsonNode& n) {
  const JsonNode& v = n.children.at(0);
  if (v.key == "S") return ddb::AttributeValue::S(v.text);
  if (v.key == "N") return ddb::AttributeValue::N(ddb::Number::Parse(v.text).value());
  if (v.key == "BOOL") return ddb::AttributeValue::Bool(v.boolean);
  ADD_FAILURE() << "unexpected type " << v.key;
  return {};
}

class GoldenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto raw = spacex::SnapshotSource().Fetch();
    ASSERT_TRUE(raw.ok());
    auto x = spacex::ParseExtract(*raw);
    ASSERT_TRUE(x.ok()) << x.error().message;
    extract_ = std::move(x).value();
    auto t = Transform(extract_, "admin-user-id", kNow);
    ASSERT_TRUE(t.ok()) << t.error().message;
    result_ = std::move(t).value();
    auto golden = spacex::ParseJsonTree(ReadFile(GoldenPath()), "spacex_golden.json");
    ASSERT_TRUE(golden.ok()) << golden.error().message;
    golden_ = std::move(golden).value();
  }
  int64_t GoldenInt(std::string_view section, std::string_view key) const {
    const JsonNode* s = golden_.Find(section);
    const JsonNode* v = s == nullptr ? nullptr : s->Find(key);
    EXPECT_NE(v, nullptr) << section << "." << key;
    return v == nullptr ? -1 : std::stoll(v->text);
  }

  spacex::Extract extract_;
  TransformResult result_;
  JsonNode golden_;
};

TEST_F(GoldenTest, EntityCounts) {
  EXPECT_EQ(static_cast<int64_t>(result_.components.size()), GoldenInt("counts", "components"));
  EXPECT_EQ(static_cast<int64_t>(result_.sub_components.size()),
            GoldenInt("counts", "subComponents"));
  EXPECT_EQ(static_cast<int64_t>(result_.comments.size()), GoldenInt("counts", "comments"));
  EXPECT_EQ(static_cast<int64_t>(result_.maintenances.size()), GoldenInt("counts", "maintenances"));
  EXPECT_EQ(static_cast<int64_t>(result_.failures.size()), GoldenInt("counts", "failures"));
  // The snapshot's known shape (SOURCE.md), as a sanity check of the golden file itself.
  EXPECT_EQ(GoldenInt("counts", "components"), 4 + 25 + 83 + 6 + 29);
  EXPECT_EQ(GoldenInt("counts", "pastLaunches"), 187);
  EXPECT_EQ(GoldenInt("counts", "failures"), 5);
}

TEST_F(GoldenTest, ComponentsByTypeFailureTypesAndCosts) {
  std::map<std::string, int64_t> by_type;
  for (const Component& c : result_.components) ++by_type[c.type];
  for (const auto& [type, n] : by_type) EXPECT_EQ(n, GoldenInt("componentsByType", type)) << type;
  EXPECT_EQ(by_type.size(), golden_.Find("componentsByType")->children.size());

  std::map<std::string, int64_t> failure_types;
  for (const SubComponentFailure& f : result_.failures) ++failure_types[f.failure_type];
  for (const auto& [type, n] : failure_types) EXPECT_EQ(n, GoldenInt("failureTypes", type));
  EXPECT_EQ(failure_types.size(), golden_.Find("failureTypes")->children.size());

  int64_t total = 0;
  for (const Maintenance& m : result_.maintenances) total += m.cost;
  EXPECT_EQ(total, std::stoll(golden_.Find("maintenanceTotalCost")->text));
}

TEST_F(GoldenTest, CommentIdsAndTheirComponents) {
  const JsonNode* expected = golden_.Find("commentComponents");
  ASSERT_NE(expected, nullptr);
  ASSERT_EQ(result_.comments.size(), expected->children.size());
  for (const Comment& c : result_.comments) {
    const JsonNode* want = expected->Find(c.id);
    ASSERT_NE(want, nullptr) << "unexpected comment id " << c.id;
    EXPECT_EQ(c.component_id, want->text) << c.id;
  }
}

TEST_F(GoldenTest, EveryAnalyticMatchesTheReference) {
  auto analytics = ComputeAnalytics(extract_, result_.components, result_.maintenances, kNow);
  ASSERT_TRUE(analytics.ok()) << analytics.error().message;
  const JsonNode* expected = golden_.Find("analytics");
  ASSERT_NE(expected, nullptr);
  ASSERT_EQ(analytics->size(), 7u);
  ASSERT_EQ(expected->children.size(), 7u);
  for (size_t i = 0; i < analytics->size(); ++i) {
    const Analytic& a = (*analytics)[i];
    const JsonNode& want = expected->children[i];
    EXPECT_EQ(a.id, want.key);
    ASSERT_EQ(a.data.size(), want.children.size()) << a.id;
    for (size_t r = 0; r < a.data.size(); ++r) {
      ddb::Item row;
      for (const JsonNode& field : want.children[r].children) row[field.key] = FromTyped(field);
      EXPECT_TRUE(a.data[r] == row)
          << a.id << " row " << r << ": got " << ddb::AttributeValue::M(a.data[r]).DebugString()
          << " want " << ddb::AttributeValue::M(row).DebugString();
    }
  }
}

TEST(GoldenReference, ScriptStillReproducesTheGoldenFile) {
  const std::string cmd = "python3 '" + std::string(XR_SOURCE_DIR) +
                          "/tests/reference/spacex_reference.py' '" + std::string(XR_SOURCE_DIR) +
                          "/data/spacex-v4' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  if (rc != 0 && out.find("not found") != std::string::npos) GTEST_SKIP() << "no python3";
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(out, ReadFile(GoldenPath()))
      << "tests/reference/spacex_golden.json is stale: regenerate it with the script";
}

}  // namespace
}  // namespace app::etl
