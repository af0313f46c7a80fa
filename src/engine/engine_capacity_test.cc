// ReturnConsumedCapacity: read units in 4 KB (halved for eventually consistent reads), write
// units in 1 KB of the larger of the old and new item, index writes, Scan/Query rounding once
// per request, batches one entry per table, and the TOTAL / INDEXES shapes.
#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::ReturnConsumedCapacity;

// An item of exactly `bytes` (ddb::ItemSize: names plus values) with the given extra attributes.
ddb::Item Sized(const std::string& id, size_t bytes, ddb::Item extra = {}) {
  ddb::Item item = std::move(extra);
  item["id"] = S(id);
  const size_t used = ddb::ItemSize(item) + 1;  // + the name "d"
  item["d"] = S(std::string(bytes - used, 'x'));
  EXPECT_EQ(ddb::ItemSize(item), bytes);
  return item;
}

class CapacityTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto req = TableRequest("cap", "id");
    req.attribute_definitions.push_back({"g", ddb::ScalarAttributeType::S});
    req.attribute_definitions.push_back({"h", ddb::ScalarAttributeType::S});
    req.global_secondary_indexes.push_back(Gsi("byG", "g"));
    req.global_secondary_indexes.push_back(
        Gsi("byH", "h", std::nullopt, ddb::ProjectionType::KEYS_ONLY));
    Create(req);
    Create(TableRequest("plain", "id"));
  }
  ddb::ConsumedCapacity PutCapacity(const std::string& table, ddb::Item item,
                                    ReturnConsumedCapacity mode = ReturnConsumedCapacity::INDEXES) {
    ddb::PutItemRequest r;
    r.table_name = table;
    r.item = std::move(item);
    r.return_consumed_capacity = mode;
    auto result = engine_->PutItem(r);
    EXPECT_TRUE(result.ok()) << result.error().ToString();
    EXPECT_TRUE(result.ok() && result->consumed_capacity.has_value());
    return result.ok() && result->consumed_capacity ? *result->consumed_capacity
                                                    : ddb::ConsumedCapacity{};
  }
  ddb::ConsumedCapacity UpdateCapacity(std::string expression, ddb::ExpressionAttributeValues values) {
    ddb::UpdateItemRequest r;
    r.table_name = "cap";
    r.key = {{"id", S("k")}};
    r.update_expression = std::move(expression);
    r.expression_attribute_values = std::move(values);
    r.return_consumed_capacity = ReturnConsumedCapacity::INDEXES;
    auto result = engine_->UpdateItem(r);
    EXPECT_TRUE(result.ok()) << result.error().ToString();
    return result.ok() && result->consumed_capacity ? *result->consumed_capacity
                                                    : ddb::ConsumedCapacity{};
  }
  std::optional<ddb::ConsumedCapacity> GetCapacity(const std::string& id, bool consistent,
                                                   ReturnConsumedCapacity mode) {
    ddb::GetItemRequest r;
    r.table_name = "plain";
    r.key = {{"id", S(id)}};
    r.consistent_read = consistent;
    r.return_consumed_capacity = mode;
    auto result = engine_->GetItem(r);
    EXPECT_TRUE(result.ok()) << result.error().ToString();
    return result.ok() ? result->consumed_capacity : std::nullopt;
  }
  double IndexUnits(const ddb::ConsumedCapacity& c, const std::string& index) {
    const auto it = c.global_secondary_indexes.find(index);
    return it == c.global_secondary_indexes.end() ? -1 : it->second.capacity_units;
  }
};

TEST_F(CapacityTest, GetItemReadsIn4KBUnits) {
  Put("plain", Sized("small", 3000));
  Put("plain", Sized("large", 10000));
  EXPECT_EQ(GetCapacity("small", false, ReturnConsumedCapacity::TOTAL)->capacity_units, 0.5);
  EXPECT_EQ(GetCapacity("small", true, ReturnConsumedCapacity::TOTAL)->capacity_units, 1.0);
  EXPECT_EQ(GetCapacity("large", true, ReturnConsumedCapacity::TOTAL)->capacity_units, 3.0);
  EXPECT_EQ(GetCapacity("large", false, ReturnConsumedCapacity::TOTAL)->capacity_units, 1.5);
  // Reading nothing still costs one unit.
  EXPECT_EQ(GetCapacity("missing", false, ReturnConsumedCapacity::TOTAL)->capacity_units, 0.5);
  EXPECT_FALSE(GetCapacity("small", false, ReturnConsumedCapacity::NONE).has_value());
  const auto total = *GetCapacity("small", false, ReturnConsumedCapacity::TOTAL);
  EXPECT_EQ(total.table_name, "plain");
  EXPECT_FALSE(total.table.has_value());
  const auto indexes = *GetCapacity("small", false, ReturnConsumedCapacity::INDEXES);
  ASSERT_TRUE(indexes.table.has_value());
  EXPECT_EQ(indexes.table->capacity_units, 0.5);
  EXPECT_TRUE(indexes.global_secondary_indexes.empty());
}

TEST_F(CapacityTest, WritesIn1KBUnitsOfTheLargerItem) {
  EXPECT_EQ(PutCapacity("plain", Sized("k", 500)).capacity_units, 1.0);
  EXPECT_EQ(PutCapacity("plain", Sized("k", 2500)).capacity_units, 3.0);
  // Replacing a larger item costs its size.
  EXPECT_EQ(PutCapacity("plain", Sized("k", 100)).capacity_units, 3.0);
  ddb::DeleteItemRequest del;
  del.table_name = "plain";
  del.key = {{"id", S("k")}};
  del.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  auto d = engine_->DeleteItem(del);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->consumed_capacity->capacity_units, 1.0);
  d = engine_->DeleteItem(del);  // nothing there: still one unit
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->consumed_capacity->capacity_units, 1.0);
  // UpdateItem: the larger of before and after.
  Put("cap", Sized("k", 100));
  auto u = UpdateCapacity("SET d = :d", {{":d", S(std::string(5000, 'y'))}});
  EXPECT_EQ(u.capacity_units, 5.0);
  u = UpdateCapacity("SET d = :d", {{":d", S("small")}});
  EXPECT_EQ(u.capacity_units, 5.0);
  ASSERT_TRUE(u.table.has_value());
  EXPECT_EQ(u.table->capacity_units, 5.0);
}

TEST_F(CapacityTest, IndexWritesAreCountedPerIndex) {
  // A new item with g: one put into byG (an ALL projection: the whole item).
  auto c = PutCapacity("cap", Sized("k", 1500, {{"g", S("x")}}));
  EXPECT_EQ(c.table->capacity_units, 2.0);
  EXPECT_EQ(IndexUnits(c, "byG"), 2.0);
  EXPECT_EQ(IndexUnits(c, "byH"), -1);  // no h: byH untouched
  EXPECT_EQ(c.capacity_units, 4.0);
  // Changing g: a delete of the old entry plus a put of the new one.
  c = UpdateCapacity("SET g = :g", {{":g", S("y")}});
  EXPECT_EQ(IndexUnits(c, "byG"), 4.0);
  EXPECT_EQ(c.capacity_units, 6.0);
  // Setting h puts a small KEYS_ONLY entry into byH.
  c = UpdateCapacity("SET h = :h", {{":h", S("z")}});
  EXPECT_EQ(IndexUnits(c, "byH"), 1.0);
  // An attribute byH does not project: no write to byH, one to byG.
  c = UpdateCapacity("SET e = :e", {{":e", S("v")}});
  EXPECT_EQ(IndexUnits(c, "byH"), -1);
  EXPECT_EQ(IndexUnits(c, "byG"), 2.0);
  // TOTAL reports the sum without the split.
  c = PutCapacity("cap", Sized("k", 1500, {{"g", S("y")}, {"h", S("z")}}),
                  ReturnConsumedCapacity::TOTAL);
  EXPECT_FALSE(c.table.has_value());
  EXPECT_TRUE(c.global_secondary_indexes.empty());
  EXPECT_EQ(c.capacity_units, 2.0 + 2.0);  // e removed: byG rewritten; byH unchanged
}

TEST_F(CapacityTest, QueryAndScanRoundOncePerRequest) {
  Create(TableRequest("events", "pk", ddb::ScalarAttributeType::S, "sk",
                      ddb::ScalarAttributeType::N));
  for (int i = 0; i < 3; ++i) {
    ddb::Item item{{"pk", S("p")}, {"sk", N(i)}, {"d", S(std::string(1500, 'x'))}};
    Put("events", item);
  }
  ddb::QueryRequest q;
  q.table_name = "events";
  q.key_condition_expression = "pk = :p";
  q.expression_attribute_values = {{":p", S("p")}};
  q.filter_expression = "sk = :none";  // filtered-out items are read (and paid for) too
  q.expression_attribute_values[":none"] = N(99);
  q.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  auto r = engine_->Query(q);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->count, 0);
  EXPECT_EQ(r->consumed_capacity->capacity_units, 1.0);  // ~4.5 KB: 2 units, halved
  q.consistent_read = true;
  r = engine_->Query(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed_capacity->capacity_units, 2.0);
  q.expression_attribute_values[":p"] = S("nothing");
  r = engine_->Query(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed_capacity->capacity_units, 1.0);  // the minimum, strongly consistent
  ddb::ScanRequest s;
  s.table_name = "events";
  s.return_consumed_capacity = ReturnConsumedCapacity::INDEXES;
  auto page = engine_->Scan(s);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->consumed_capacity->capacity_units, 1.0);
  EXPECT_EQ(page->consumed_capacity->table->capacity_units, 1.0);
}

TEST_F(CapacityTest, IndexReadsAreChargedToTheIndex) {
  for (const char* id : {"a", "b"}) Put("cap", Sized(id, 3000, {{"g", S("x")}}));
  ddb::QueryRequest q;
  q.table_name = "cap";
  q.index_name = "byG";
  q.key_condition_expression = "g = :g";
  q.expression_attribute_values = {{":g", S("x")}};
  q.return_consumed_capacity = ReturnConsumedCapacity::INDEXES;
  auto r = engine_->Query(q);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->count, 2);
  const auto& c = *r->consumed_capacity;
  EXPECT_EQ(c.capacity_units, 1.0);  // 6000 bytes: 2 units, eventually consistent
  EXPECT_EQ(c.table->capacity_units, 0.0);
  EXPECT_EQ(IndexUnits(c, "byG"), 1.0);
}

TEST_F(CapacityTest, BatchesAnswerOneEntryPerTable) {
  Put("plain", Sized("a", 1500));
  Put("plain", Sized("b", 6500));
  Put("cap", Sized("c", 100));
  ddb::BatchGetItemRequest get;
  get.request_items["plain"].keys = {{{"id", S("a")}}, {{"id", S("b")}}};
  get.request_items["plain"].consistent_read = true;
  get.request_items["cap"].keys = {{{"id", S("c")}}, {{"id", S("missing")}}};
  get.return_consumed_capacity = ReturnConsumedCapacity::TOTAL;
  auto r = engine_->BatchGetItem(get);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->consumed_capacity.size(), 2u);
  EXPECT_EQ(r->consumed_capacity[0].table_name, "cap");
  EXPECT_EQ(r->consumed_capacity[0].capacity_units, 1.0);  // 0.5 each, found or not
  EXPECT_EQ(r->consumed_capacity[1].table_name, "plain");
  EXPECT_EQ(r->consumed_capacity[1].capacity_units, 3.0);  // 4 KB + 8 KB, not 8 KB

  ddb::BatchWriteItemRequest write;
  write.request_items["plain"] = {ddb::WriteRequest::Put(Sized("x", 500)),
                                  ddb::WriteRequest::Delete({{"id", S("b")}})};
  write.request_items["cap"] = {ddb::WriteRequest::Put(Sized("y", 1500, {{"g", S("x")}}))};
  write.return_consumed_capacity = ReturnConsumedCapacity::INDEXES;
  auto w = engine_->BatchWriteItem(write);
  ASSERT_TRUE(w.ok()) << w.error().ToString();
  ASSERT_EQ(w->consumed_capacity.size(), 2u);
  EXPECT_EQ(w->consumed_capacity[0].table_name, "cap");
  EXPECT_EQ(w->consumed_capacity[0].capacity_units, 4.0);
  EXPECT_EQ(IndexUnits(w->consumed_capacity[0], "byG"), 2.0);
  EXPECT_EQ(w->consumed_capacity[1].table_name, "plain");
  EXPECT_EQ(w->consumed_capacity[1].capacity_units, 1.0 + 7.0);
  write.return_consumed_capacity = ReturnConsumedCapacity::NONE;
  w = engine_->BatchWriteItem(write);
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE(w->consumed_capacity.empty());
}

}  // namespace
}  // namespace engine::testing
