// Tags (TagResource, UntagResource, ListTagsOfResource, CreateTable's Tags), their
// persistence in the catalog record, and DescribeLimits.
#include <string>

#include "engine/catalog.h"
#include "engine/engine_test_util.h"

namespace engine::testing {
namespace {

const std::string kArn = "arn:aws:dynamodb:ddblocal:000000000000:table/tagged";

class TagTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Create(TableRequest("tagged", "id"));
  }
  std::vector<ddb::Tag> Tags(const std::string& arn = kArn) {
    auto r = engine_->ListTagsOfResource({arn, std::nullopt});
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? r->tags : std::vector<ddb::Tag>{};
  }
  ddb::Status Tag(std::vector<ddb::Tag> tags, const std::string& arn = kArn) {
    auto r = engine_->TagResource({arn, std::move(tags)});
    if (!r.ok()) return r.error();
    return ddb::OkStatus();
  }
};

std::vector<ddb::Tag> Numbered(int from, int to) {
  std::vector<ddb::Tag> tags;
  for (int i = from; i < to; ++i) tags.push_back({std::to_string(i), std::to_string(i)});
  return tags;
}

TEST_F(TagTest, TagOverwriteUntagList) {
  EXPECT_TRUE(Tags().empty());
  ASSERT_TRUE(Tag({{"env", "prod"}, {"team", "fleet"}, {"7", " "}}).ok());
  EXPECT_EQ(Tags(), (std::vector<ddb::Tag>{{"env", "prod"}, {"team", "fleet"}, {"7", " "}}));
  ASSERT_TRUE(Tag({{"env", "test"}}).ok());  // same key: the value is replaced in place
  EXPECT_EQ(Tags()[0], (ddb::Tag{"env", "test"}));
  EXPECT_EQ(Tags().size(), 3u);
  // Removing keys the table does not have is not an error.
  ASSERT_TRUE(engine_->UntagResource({kArn, {"team", "absent"}}).ok());
  EXPECT_EQ(Tags(), (std::vector<ddb::Tag>{{"env", "test"}, {"7", " "}}));
}

TEST_F(TagTest, TagsSurviveReopenAndDieWithTheTable) {
  ASSERT_TRUE(Tag({{"env", "prod"}}).ok());
  Reopen();
  EXPECT_EQ(Tags(), (std::vector<ddb::Tag>{{"env", "prod"}}));
  ASSERT_TRUE(engine_->DeleteTable({"tagged"}).ok());
  Create(TableRequest("tagged", "id"));
  EXPECT_TRUE(Tags().empty());
}

TEST_F(TagTest, CreateTableWithTags) {
  auto request = TableRequest("born_tagged", "id");
  request.tags = {{"a", "1"}, {"b", ""}};
  Create(request);
  EXPECT_EQ(Tags("arn:aws:dynamodb:ddblocal:000000000000:table/born_tagged"), request.tags);
  auto too_many = TableRequest("not_created", "id");
  too_many.tags = Numbered(0, 51);
  ExpectError(engine_->CreateTable(too_many), ddb::ErrorCode::kValidation, "50");
  ExpectError(engine_->DescribeTable({"not_created"}), ddb::ErrorCode::kResourceNotFound, "");
}

TEST_F(TagTest, FiftyTagsPerTable) {
  ASSERT_TRUE(Tag(Numbered(0, 30)).ok());
  ASSERT_TRUE(Tag(Numbered(20, 40)).ok());  // overlapping keys count once: 40
  ExpectError(Tag(Numbered(40, 60)), ddb::ErrorCode::kValidation, "cannot exceed 50");
  EXPECT_EQ(Tags().size(), 40u);  // nothing of the refused request was applied
  ASSERT_TRUE(Tag(Numbered(40, 50)).ok());
  EXPECT_EQ(Tags().size(), 50u);
}

TEST_F(TagTest, TagRules) {
  ExpectError(Tag({}), ddb::ErrorCode::kValidation,
              "Atleast one Tag needs to be provided as Input.");
  ExpectError(Tag({{"aws:owner", "x"}}), ddb::ErrorCode::kValidation, "aws:");
  ExpectError(Tag({{"", "x"}}), ddb::ErrorCode::kValidation, "between 1 and 128");
  ExpectError(Tag({{std::string(129, 'k'), "x"}}), ddb::ErrorCode::kValidation, "128");
  ExpectError(Tag({{"k", std::string(257, 'v')}}), ddb::ErrorCode::kValidation, "256");
  ExpectError(Tag({{"ok", "#!%"}}), ddb::ErrorCode::kValidation, "may only contain");
  EXPECT_TRUE(Tag({{std::string(128, 'k'), std::string(256, 'v')}}).ok());
  EXPECT_TRUE(Tag({{"user:a+b-c=d.e_f/g h", "Ѯ ok"}}).ok());
  ExpectError(engine_->UntagResource({kArn, {}}), ddb::ErrorCode::kValidation,
              "Atleast one Tag Key needs to be provided as Input.");
}

TEST_F(TagTest, ArnErrors) {
  ExpectError(Tag({{"k", "v"}}, "not-an-arn"), ddb::ErrorCode::kAccessDenied,
              "is not authorized to perform: dynamodb:TagResource on resource: not-an-arn");
  ExpectError(engine_->ListTagsOfResource({"", std::nullopt}), ddb::ErrorCode::kAccessDenied,
              "dynamodb:ListTagsOfResource on resource: *");
  ExpectError(engine_->UntagResource({"a:b:c", {"k"}}), ddb::ErrorCode::kAccessDenied,
              "dynamodb:UntagResource");
  ExpectError(engine_->ListTagsOfResource({kArn + "/index/gsi", std::nullopt}),
              ddb::ErrorCode::kValidation,
              "Invalid TableArn: Invalid ResourceArn provided as input " + kArn + "/index/gsi");
  ExpectError(Tag({{"k", "v"}}, "arn:aws:s3:us-east-1:1:table/tagged"), ddb::ErrorCode::kValidation,
              "Invalid TableArn");
  const std::string missing = "arn:aws:dynamodb:ddblocal:000000000000:table/missing";
  ExpectError(Tag({{"k", "v"}}, missing), ddb::ErrorCode::kResourceNotFound,
              "Requested resource not found: ResourcArn: " + missing + " not found");
  ExpectError(engine_->ListTagsOfResource({missing, std::nullopt}),
              ddb::ErrorCode::kResourceNotFound, "ResourcArn: " + missing);
  ExpectError(engine_->UntagResource({missing, {"k"}}), ddb::ErrorCode::kResourceNotFound,
              "Requested resource not found");
  // The table exists, but not in this region and account.
  ExpectError(Tag({{"k", "v"}}, "arn:aws:dynamodb:us-east-1:123456789012:table/tagged"),
              ddb::ErrorCode::kResourceNotFound, "not found");
}

TEST(CatalogTags, OldRecordsReadWithoutTags) {
  TableMeta meta;
  meta.id = 7;
  meta.name = "t";
  meta.key.hash = {"id", ddb::ScalarAttributeType::S};
  const std::string old_record = EncodeTableMeta(meta);  // no tags: the old layout
  meta.tags = {{"k", "v"}, {"e", ""}};
  const std::string record = EncodeTableMeta(meta);
  EXPECT_EQ(record.substr(0, old_record.size()), old_record);
  auto old_back = DecodeTableMeta(old_record);
  ASSERT_TRUE(old_back.ok());
  EXPECT_TRUE(old_back->tags.empty());
  auto back = DecodeTableMeta(record);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->tags, meta.tags);
  EXPECT_FALSE(DecodeTableMeta(record.substr(0, record.size() - 1)).ok());
}

TEST_F(EngineTest, DescribeLimitsGivesDynamoDBsDefaultQuotas) {
  auto r = engine_->DescribeLimits({});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->account_max_read_capacity_units, 80000);
  EXPECT_EQ(r->account_max_write_capacity_units, 80000);
  EXPECT_EQ(r->table_max_read_capacity_units, 40000);
  EXPECT_EQ(r->table_max_write_capacity_units, 40000);
}

}  // namespace
}  // namespace engine::testing
