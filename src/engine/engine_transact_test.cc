// TransactWriteItems and TransactGetItems: all-or-nothing, cancellation reasons, duplicate
// items, limits, index entries, ClientRequestToken, snapshot reads, capacity, and a
// concurrent transfer workload whose total never changes.
#include <atomic>
#include <random>
#include <thread>

#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

using ddb::ErrorCode;

ddb::TransactWriteItem PutAction(std::string table, ddb::Item item,
                                 std::optional<std::string> condition = std::nullopt) {
  ddb::TransactWriteItem a;
  a.put.emplace();
  a.put->table_name = std::move(table);
  a.put->item = std::move(item);
  a.put->condition_expression = std::move(condition);
  return a;
}

ddb::TransactWriteItem CheckAction(std::string table, ddb::Key key, std::string condition,
                                   bool all_old = false) {
  ddb::TransactWriteItem a;
  a.condition_check.emplace();
  a.condition_check->table_name = std::move(table);
  a.condition_check->key = std::move(key);
  a.condition_check->condition_expression = std::move(condition);
  if (all_old) {
    a.condition_check->return_values_on_condition_check_failure =
        ddb::ReturnValuesOnConditionCheckFailure::ALL_OLD;
  }
  return a;
}

ddb::TransactWriteItem DeleteAction(std::string table, ddb::Key key) {
  ddb::TransactWriteItem a;
  a.delete_.emplace();
  a.delete_->table_name = std::move(table);
  a.delete_->key = std::move(key);
  return a;
}

ddb::TransactWriteItem AddAction(std::string table, ddb::Key key, int64_t delta,
                                 std::optional<int64_t> at_least = std::nullopt) {
  ddb::TransactWriteItem a;
  a.update.emplace();
  a.update->table_name = std::move(table);
  a.update->key = std::move(key);
  a.update->update_expression = "ADD balance :d";
  a.update->expression_attribute_values = {{":d", N(delta)}};
  if (at_least) {
    a.update->condition_expression = "balance >= :min";
    a.update->expression_attribute_values[":min"] = N(*at_least);
  }
  return a;
}

ddb::TransactGetItem GetAction(std::string table, ddb::Key key) {
  ddb::TransactGetItem g;
  g.get.emplace();
  g.get->table_name = std::move(table);
  g.get->key = std::move(key);
  return g;
}

class TransactTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto req = TableRequest("tbl", "id");
    req.attribute_definitions.push_back({"g", ddb::ScalarAttributeType::S});
    req.global_secondary_indexes.push_back(Gsi("byG", "g"));
    Create(req);
  }
  ddb::Result<ddb::TransactWriteItemsResponse> Write(std::vector<ddb::TransactWriteItem> items,
                                                     std::optional<std::string> token = {}) {
    ddb::TransactWriteItemsRequest r;
    r.transact_items = std::move(items);
    r.client_request_token = std::move(token);
    return engine_->TransactWriteItems(r);
  }
  int64_t CountIndex(const std::string& g) {
    ddb::QueryRequest q;
    q.table_name = "tbl";
    q.index_name = "byG";
    q.key_condition_expression = "g = :g";
    q.expression_attribute_values = {{":g", S(g)}};
    auto r = engine_->Query(q);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? r->count : -1;
  }
};

TEST_F(TransactTest, AllOrNothingWithFailingConditionCheck) {
  Put("tbl", {{"id", S("a")}, {"v", N(1)}});
  auto r = Write({PutAction("tbl", {{"id", S("b")}, {"g", S("x")}}),
                  CheckAction("tbl", {{"id", S("a")}}, "v = :two", /*all_old=*/true)});
  ASSERT_FALSE(r.ok());
  // The check needs its value: give it one and try again.
  std::vector<ddb::TransactWriteItem> items = {
      PutAction("tbl", {{"id", S("b")}, {"g", S("x")}}),
      CheckAction("tbl", {{"id", S("a")}}, "v = :two", /*all_old=*/true)};
  items[1].condition_check->expression_attribute_values = {{":two", N(2)}};
  r = Write(items);
  ExpectError(r, ErrorCode::kTransactionCanceled,
              "Transaction cancelled, please refer cancellation reasons for specific reasons "
              "[None, ConditionalCheckFailed]");
  ASSERT_EQ(r.error().cancellation_reasons.size(), 2u);
  EXPECT_EQ(r.error().cancellation_reasons[0].code, "None");
  EXPECT_EQ(r.error().cancellation_reasons[1].code, "ConditionalCheckFailed");
  EXPECT_EQ(r.error().cancellation_reasons[1].message, "The conditional request failed");
  ASSERT_NE(r.error().cancellation_reasons[1].item, nullptr);
  EXPECT_EQ(r.error().cancellation_reasons[1].item->at("v"), N(1));
  EXPECT_FALSE(Get("tbl", {{"id", S("b")}}).has_value());  // nothing written
  EXPECT_EQ(CountIndex("x"), 0);

  items[1].condition_check->expression_attribute_values = {{":two", N(1)}};
  ASSERT_TRUE(Write(items).ok());
  EXPECT_TRUE(Get("tbl", {{"id", S("b")}}).has_value());
  EXPECT_EQ(CountIndex("x"), 1);
}

TEST_F(TransactTest, IndexEntriesAndCountersFollowEveryAction) {
  Put("tbl", {{"id", S("old")}, {"g", S("x")}});
  ASSERT_TRUE(Write({PutAction("tbl", {{"id", S("n1")}, {"g", S("y")}}),
                     DeleteAction("tbl", {{"id", S("old")}}),
                     AddAction("tbl", {{"id", S("n2")}}, 5)})
                  .ok());
  EXPECT_EQ(CountIndex("x"), 0);
  EXPECT_EQ(CountIndex("y"), 1);
  EXPECT_EQ(Get("tbl", {{"id", S("n2")}})->at("balance"), N(5));
  EXPECT_EQ(DescribeTable("tbl").item_count, 2);
}

TEST_F(TransactTest, RefusesTwoActionsOnOneItemAndTooManyActions) {
  ExpectError(Write({PutAction("tbl", {{"id", S("a")}}), DeleteAction("tbl", {{"id", S("a")}})}),
              ErrorCode::kValidation,
              "Transaction request cannot include multiple operations on one item");
  std::vector<ddb::TransactWriteItem> many;
  for (int i = 0; i < 101; ++i) many.push_back(PutAction("tbl", {{"id", S(std::to_string(i))}}));
  ExpectError(Write(many), ErrorCode::kValidation, "less than or equal to 100");
  many.pop_back();
  ASSERT_TRUE(Write(many).ok());
  EXPECT_EQ(DescribeTable("tbl").item_count, 100);
  ExpectError(Write({}), ErrorCode::kValidation, "greater than or equal to 1");
  ExpectError(Write({PutAction("nope", {{"id", S("a")}})}), ErrorCode::kResourceNotFound, "");
}

TEST_F(TransactTest, ClientRequestTokenIsIdempotent) {
  ASSERT_TRUE(Write({AddAction("tbl", {{"id", S("a")}}, 1)}, "tok").ok());
  ASSERT_TRUE(Write({AddAction("tbl", {{"id", S("a")}}, 1)}, "tok").ok());  // not applied again
  EXPECT_EQ(Get("tbl", {{"id", S("a")}})->at("balance"), N(1));
  ExpectError(Write({AddAction("tbl", {{"id", S("a")}}, 2)}, "tok"),
              ErrorCode::kIdempotentParameterMismatch, "");
  ASSERT_TRUE(Write({AddAction("tbl", {{"id", S("a")}}, 1)}, "other").ok());
  EXPECT_EQ(Get("tbl", {{"id", S("a")}})->at("balance"), N(2));
}

TEST_F(TransactTest, TransactGetAnswersInOrderWithCapacity) {
  Put("tbl", {{"id", S("a")}, {"v", N(1)}});
  Put("tbl", {{"id", S("c")}, {"v", N(3)}});
  ddb::TransactGetItemsRequest r;
  r.transact_items = {GetAction("tbl", {{"id", S("c")}}), GetAction("tbl", {{"id", S("b")}}),
                      GetAction("tbl", {{"id", S("a")}})};
  r.transact_items[2].get->projection_expression = "v";
  r.return_consumed_capacity = ddb::ReturnConsumedCapacity::TOTAL;
  auto got = engine_->TransactGetItems(r);
  ASSERT_TRUE(got.ok()) << got.error().ToString();
  ASSERT_EQ(got->responses.size(), 3u);
  EXPECT_EQ(got->responses[0].item->at("v"), N(3));
  EXPECT_FALSE(got->responses[1].item.has_value());
  EXPECT_EQ(*got->responses[2].item, (ddb::Item{{"v", N(1)}}));
  ASSERT_EQ(got->consumed_capacity.size(), 1u);
  EXPECT_EQ(got->consumed_capacity[0].capacity_units, 6);  // 3 reads, twice each

  r.transact_items.push_back(GetAction("tbl", {{"id", S("a")}}));
  ExpectError(engine_->TransactGetItems(r), ErrorCode::kValidation,
              "Transaction request cannot include multiple operations on one item");
}

TEST_F(TransactTest, TransactionalWritesCostTwice) {
  ddb::TransactWriteItemsRequest r;
  r.transact_items = {PutAction("tbl", {{"id", S("a")}})};
  r.return_consumed_capacity = ddb::ReturnConsumedCapacity::TOTAL;
  auto w = engine_->TransactWriteItems(r);
  ASSERT_TRUE(w.ok()) << w.error().ToString();
  ASSERT_EQ(w->consumed_capacity.size(), 1u);
  EXPECT_EQ(w->consumed_capacity[0].capacity_units, 2);
}

// 4 writers move money between 10 accounts while 2 readers sum them in one TransactGetItems.
TEST_F(TransactTest, ConcurrentTransfersKeepTheTotal) {
  constexpr int kAccounts = 10;
  constexpr int64_t kStart = 100;
  for (int i = 0; i < kAccounts; ++i) {
    Put("tbl", {{"id", S("acct" + std::to_string(i))}, {"balance", N(kStart)}});
  }
  std::atomic<int> bad_errors{0}, committed{0}, reads{0}, wrong_totals{0};
  std::atomic<bool> writers_done{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 rng(w + 1);
      for (int op = 0; op < 200; ++op) {
        const int from = rng() % kAccounts;
        const int to = (from + 1 + rng() % (kAccounts - 1)) % kAccounts;
        const int64_t amount = 1 + rng() % 30;
        ddb::TransactWriteItemsRequest r;
        r.transact_items = {AddAction("tbl", {{"id", S("acct" + std::to_string(from))}}, -amount,
                                      amount),
                            AddAction("tbl", {{"id", S("acct" + std::to_string(to))}}, amount)};
        auto result = engine_->TransactWriteItems(r);
        if (result.ok()) {
          ++committed;
        } else if (result.error().code != ErrorCode::kTransactionCanceled &&
                   result.error().code != ErrorCode::kTransactionConflict) {
          ++bad_errors;
        }
      }
    });
  }
  for (int g = 0; g < 2; ++g) {
    threads.emplace_back([&] {
      for (int n = 0; n < 2000 && !(writers_done && n > 10); ++n) {
        ddb::TransactGetItemsRequest r;
        for (int i = 0; i < kAccounts; ++i) {
          r.transact_items.push_back(GetAction("tbl", {{"id", S("acct" + std::to_string(i))}}));
        }
        auto result = engine_->TransactGetItems(r);
        if (!result.ok()) {
          if (result.error().code != ErrorCode::kTransactionCanceled &&
              result.error().code != ErrorCode::kTransactionConflict) {
            ++bad_errors;
          }
          continue;
        }
        int64_t total = 0;
        for (const auto& resp : result->responses) {
          total += resp.item->at("balance").n().ToInt64().value();
        }
        if (total != kAccounts * kStart) ++wrong_totals;
        ++reads;
      }
    });
  }
  for (int i = 0; i < 4; ++i) threads[i].join();
  writers_done = true;
  for (size_t i = 4; i < threads.size(); ++i) threads[i].join();
  EXPECT_EQ(bad_errors.load(), 0);
  EXPECT_EQ(wrong_totals.load(), 0);
  EXPECT_GT(committed.load(), 0);
  EXPECT_GT(reads.load(), 0);
}

}  // namespace
}  // namespace engine::testing
