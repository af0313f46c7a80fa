// Scan and Query: 1 MB pages, Limit, ExclusiveStartKey, segments, filters, Select COUNT and
// sort-key order/conditions for S, N and B sort keys.
#include <algorithm>
#include <random>
#include <set>

#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::AttributeValue;
using ddb::ErrorCode;

constexpr int kBigItems = 5000;

// One table of 5,000 items of ~1 KB (> 4 pages of 1 MB), shared by the pagination tests.
class ReadTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Create(
        TableRequest("big", "pk", ddb::ScalarAttributeType::S, "sk", ddb::ScalarAttributeType::N));
    const std::string pad(1000, 'p');
    for (int start = 0; start < kBigItems; start += 25) {
      ddb::BatchWriteItemRequest write;
      for (int i = start; i < start + 25; ++i) {
        write.request_items["big"].push_back(
            ddb::WriteRequest::Put({{"pk", S("part" + std::to_string(i % 4))},
                                    {"sk", N(i)},
                                    {"pad", S(pad)},
                                    {"even", AttributeValue::Bool(i % 2 == 0)}}));
      }
      auto r = engine_->BatchWriteItem(write);
      ASSERT_TRUE(r.ok()) << r.error().ToString();
    }
  }

  // Scans to the end; returns every sk seen and the number of pages.
  std::pair<std::vector<int64_t>, int> ScanAll(ddb::ScanRequest req) {
    std::vector<int64_t> seen;
    int pages = 0;
    while (true) {
      auto r = engine_->Scan(req);
      EXPECT_TRUE(r.ok()) << r.error().ToString();
      if (!r.ok()) break;
      ++pages;
      for (const auto& item : r->items) seen.push_back(*item.at("sk").n().ToInt64());
      if (!r->last_evaluated_key) break;
      req.exclusive_start_key = r->last_evaluated_key;
    }
    return {seen, pages};
  }
};

void ExpectEachOnce(std::vector<int64_t> seen, int n) {
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) ASSERT_EQ(seen[i], i);
}

TEST_F(ReadTest, ScanPagesAtOneMegabyteAndSeesEveryItemOnce) {
  ddb::ScanRequest req;
  req.table_name = "big";
  auto first = engine_->Scan(req);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->last_evaluated_key.has_value());
  EXPECT_EQ(first->last_evaluated_key->size(), 2u);  // exactly the table key
  EXPECT_LT(first->items.size(), 1100u);
  EXPECT_GT(first->items.size(), 900u);
  auto [seen, pages] = ScanAll(req);
  EXPECT_GE(pages, 5);
  ExpectEachOnce(seen, kBigItems);
}

TEST_F(ReadTest, ScanLimitFilterAndCount) {
  ddb::ScanRequest req;
  req.table_name = "big";
  req.limit = 100;
  req.filter_expression = "even = :t";
  req.expression_attribute_values = {{":t", AttributeValue::Bool(true)}};
  auto r = engine_->Scan(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  // The filter runs after Limit: 100 read, about half returned.
  EXPECT_EQ(r->scanned_count, 100);
  EXPECT_EQ(r->count, static_cast<int64_t>(r->items.size()));
  EXPECT_LT(r->count, 100);
  EXPECT_TRUE(r->last_evaluated_key.has_value());
  auto [seen, pages] = ScanAll(req);
  EXPECT_EQ(pages, kBigItems / 100 + 1);  // the last full page still names a LastEvaluatedKey
  EXPECT_EQ(seen.size(), static_cast<size_t>(kBigItems / 2));

  // Select COUNT over every page: counts add up, no items come back. (A single page holds
  // one partition's items only, all even or all odd, so sum over the whole table.)
  req.select = ddb::Select::COUNT;
  req.limit.reset();
  req.exclusive_start_key.reset();
  int64_t count = 0, scanned = 0;
  while (true) {
    auto counted = engine_->Scan(req);
    ASSERT_TRUE(counted.ok());
    EXPECT_TRUE(counted->items.empty());
    count += counted->count;
    scanned += counted->scanned_count;
    if (!counted->last_evaluated_key) break;
    req.exclusive_start_key = counted->last_evaluated_key;
  }
  EXPECT_EQ(count, kBigItems / 2);
  EXPECT_EQ(scanned, kBigItems);

  ddb::ScanRequest bad;
  bad.table_name = "big";
  bad.limit = 0;
  ExpectError(engine_->Scan(bad), ErrorCode::kValidation,
              "Member must have value greater than or equal to 1");
  bad.limit.reset();
  bad.exclusive_start_key = ddb::Key{{"pk", S("x")}};
  ExpectError(engine_->Scan(bad), ErrorCode::kValidation, "The provided starting key is invalid");
}

// Regression: filter errors used to be worded as ConditionExpression errors.
TEST_F(ReadTest, FilterErrorsNameTheFilterExpression) {
  ddb::ScanRequest scan;
  scan.table_name = "big";
  scan.filter_expression = "even = = :t";
  scan.expression_attribute_values = {{":t", AttributeValue::Bool(true)}};
  ExpectError(engine_->Scan(scan), ErrorCode::kValidation, "Invalid FilterExpression");
  ddb::QueryRequest query;
  query.table_name = "big";
  query.key_condition_expression = "pk = :p";
  query.filter_expression = "attribute_exists(";
  query.expression_attribute_values = {{":p", S("x")}};
  ExpectError(engine_->Query(query), ErrorCode::kValidation, "Invalid FilterExpression");
}

TEST_F(ReadTest, SegmentsCoverTheTableExactlyOnce) {
  for (int total : {1, 3, 7}) {
    std::vector<int64_t> all;
    for (int segment = 0; segment < total; ++segment) {
      ddb::ScanRequest req;
      req.table_name = "big";
      req.segment = segment;
      req.total_segments = total;
      req.projection_expression = "sk";
      auto [seen, pages] = ScanAll(req);
      if (total > 1) {
        EXPECT_LT(seen.size(), static_cast<size_t>(kBigItems));
      }
      all.insert(all.end(), seen.begin(), seen.end());
    }
    ExpectEachOnce(all, kBigItems);
  }
  ddb::ScanRequest bad;
  bad.table_name = "big";
  bad.total_segments = 2;
  ExpectError(engine_->Scan(bad), ErrorCode::kValidation,
              "The Segment parameter is required but was not present in the request when "
              "parameter TotalSegments is present");
  bad.segment = 2;
  ExpectError(engine_->Scan(bad), ErrorCode::kValidation,
              "The Segment parameter is zero-based and must be less than parameter "
              "TotalSegments: Segment: 2 is out of bounds for TotalSegments: 2");
  bad.total_segments.reset();
  ExpectError(engine_->Scan(bad), ErrorCode::kValidation,
              "The TotalSegments parameter is required");
  bad.total_segments = 1000001;
  bad.segment = 0;
  ExpectError(engine_->Scan(bad), ErrorCode::kValidation,
              "Member must have value less than or equal to 1000000");
}

TEST_F(ReadTest, QueryPaginatesForwardAndBackward) {
  for (bool forward : {true, false}) {
    ddb::QueryRequest req;
    req.table_name = "big";
    req.key_condition_expression = "pk = :p";
    req.expression_attribute_values = {{":p", S("part1")}};
    req.scan_index_forward = forward;
    std::vector<int64_t> seen;
    int pages = 0;
    while (true) {
      auto r = engine_->Query(req);
      ASSERT_TRUE(r.ok()) << r.error().ToString();
      ++pages;
      for (const auto& item : r->items) seen.push_back(*item.at("sk").n().ToInt64());
      if (!r->last_evaluated_key) break;
      req.exclusive_start_key = r->last_evaluated_key;
    }
    EXPECT_GE(pages, 2);
    ASSERT_EQ(seen.size(), static_cast<size_t>(kBigItems / 4));
    for (size_t i = 1; i < seen.size(); ++i) {
      ASSERT_EQ(seen[i], forward ? seen[i - 1] + 4 : seen[i - 1] - 4);
    }
  }
}

TEST_F(ReadTest, QueryLimitSelectCountAndSortConditions) {
  ddb::QueryRequest req;
  req.table_name = "big";
  req.key_condition_expression = "pk = :p AND sk BETWEEN :lo AND :hi";
  req.expression_attribute_values = {{":p", S("part2")}, {":lo", N(10)}, {":hi", N(30)}};
  auto r = engine_->Query(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  std::vector<int64_t> sks;
  for (const auto& item : r->items) sks.push_back(*item.at("sk").n().ToInt64());
  EXPECT_EQ(sks, (std::vector<int64_t>{10, 14, 18, 22, 26, 30}));
  EXPECT_FALSE(r->last_evaluated_key.has_value());

  req.limit = 4;
  req.select = ddb::Select::COUNT;
  r = engine_->Query(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->count, 4);
  EXPECT_TRUE(r->items.empty());
  ASSERT_TRUE(r->last_evaluated_key.has_value());
  EXPECT_EQ(r->last_evaluated_key->at("sk"), N(22));

  req.expression_attribute_values = {{":p", S("part2")}, {":lo", N(30)}, {":hi", N(10)}};
  ExpectError(engine_->Query(req), ErrorCode::kValidation,
              "The BETWEEN operator requires upper bound to be greater than or equal to lower "
              "bound");
  req.key_condition_expression = "pk = :p";
  req.expression_attribute_values = {{":p", N(2)}};
  ExpectError(engine_->Query(req), ErrorCode::kValidation,
              "Condition parameter type does not match schema type");
}

// Sort-key order and every operator for S, N and B sort keys.
class SortKeyTest : public EngineTest {
 protected:
  std::vector<AttributeValue> QuerySorted(const std::string& table, const std::string& cond,
                                          ddb::ExpressionAttributeValues values,
                                          bool forward = true) {
    ddb::QueryRequest req;
    req.table_name = table;
    req.key_condition_expression = cond;
    values[":p"] = S("p");
    req.expression_attribute_values = std::move(values);
    req.scan_index_forward = forward;
    auto r = engine_->Query(req);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    std::vector<AttributeValue> out;
    if (r.ok()) {
      for (const auto& item : r->items) out.push_back(item.at("sk"));
    }
    return out;
  }
};

TEST_F(SortKeyTest, NumberSortKeys) {
  Create(
      TableRequest("nums", "pk", ddb::ScalarAttributeType::S, "sk", ddb::ScalarAttributeType::N));
  std::vector<std::string> texts = {"-1E+100", "-1000",  "-10.5", "-10", "-1",    "-0.001",
                                    "0",       "1E-130", "0.5",   "1",   "1.5",   "2",
                                    "10",      "10.01",  "99",    "100", "1E+125"};
  std::mt19937 rng(3);
  auto shuffled = texts;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (const auto& t : shuffled) Put("nums", {{"pk", S("p")}, {"sk", NT(t)}});
  auto all = QuerySorted("nums", "pk = :p", {});
  ASSERT_EQ(all.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(all[i], NT(texts[i])) << i;
  auto reversed = QuerySorted("nums", "pk = :p", {}, false);
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(reversed, all);

  EXPECT_EQ(QuerySorted("nums", "pk = :p AND sk < :v", {{":v", N(-1)}}).size(), 4u);
  EXPECT_EQ(QuerySorted("nums", "pk = :p AND sk <= :v", {{":v", N(-1)}}).size(), 5u);
  EXPECT_EQ(QuerySorted("nums", "pk = :p AND sk > :v", {{":v", N(10)}}).size(), 4u);
  EXPECT_EQ(QuerySorted("nums", "pk = :p AND sk >= :v", {{":v", N(10)}}).size(), 5u);
  EXPECT_EQ(QuerySorted("nums", "pk = :p AND sk = :v", {{":v", NT("1.50")}}),
            std::vector<AttributeValue>{NT("1.5")});
  EXPECT_EQ(
      QuerySorted("nums", "pk = :p AND sk BETWEEN :a AND :b", {{":a", N(0)}, {":b", N(2)}}).size(),
      6u);
  ddb::QueryRequest bad;
  bad.table_name = "nums";
  bad.key_condition_expression = "pk = :p AND begins_with(sk, :v)";
  bad.expression_attribute_values = {{":p", S("p")}, {":v", N(1)}};
  ExpectError(engine_->Query(bad), ErrorCode::kValidation, "begins_with");
}

TEST_F(SortKeyTest, StringAndBinarySortKeys) {
  Create(TableRequest("strs", "pk", ddb::ScalarAttributeType::S, "sk"));
  Create(
      TableRequest("bins", "pk", ddb::ScalarAttributeType::S, "sk", ddb::ScalarAttributeType::B));
  // Byte order (UTF-8), not locale order: "B" < "a" < "ab" < "b" < "é".
  std::vector<std::string> strs = {"B", "a", std::string("a\0", 2), "ab", "abc", "b", "\xC3\xA9"};
  std::vector<std::string> bins = {std::string("\x00", 1),
                                   std::string("\x00\x00", 2),
                                   "\x01",
                                   "\x7F",
                                   "\x80",
                                   "\xFF",
                                   "\xFF\xFF"};
  for (size_t i = strs.size(); i-- > 0;) Put("strs", {{"pk", S("p")}, {"sk", S(strs[i])}});
  for (size_t i = bins.size(); i-- > 0;) Put("bins", {{"pk", S("p")}, {"sk", B(bins[i])}});
  auto s = QuerySorted("strs", "pk = :p", {});
  ASSERT_EQ(s.size(), strs.size());
  for (size_t i = 0; i < strs.size(); ++i) EXPECT_EQ(s[i].s(), strs[i]) << i;
  auto b = QuerySorted("bins", "pk = :p", {});
  ASSERT_EQ(b.size(), bins.size());
  for (size_t i = 0; i < bins.size(); ++i) EXPECT_EQ(b[i].b(), bins[i]) << i;

  auto prefixed = QuerySorted("strs", "pk = :p AND begins_with(sk, :v)", {{":v", S("a")}});
  EXPECT_EQ(prefixed.size(), 4u);
  prefixed = QuerySorted("strs", "pk = :p AND begins_with(sk, :v)", {{":v", S("ab")}});
  EXPECT_EQ(prefixed.size(), 2u);
  auto bin_prefixed =
      QuerySorted("bins", "pk = :p AND begins_with(sk, :v)", {{":v", B(std::string("\x00", 1))}});
  EXPECT_EQ(bin_prefixed.size(), 2u);
  EXPECT_EQ(QuerySorted("strs", "pk = :p AND sk > :v", {{":v", S("ab")}}).size(), 3u);
  EXPECT_EQ(QuerySorted("bins", "pk = :p AND sk < :v", {{":v", B("\x80")}}).size(), 4u);
}

}  // namespace
}  // namespace engine::testing
