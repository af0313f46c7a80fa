// The codec of the tag operations, DescribeLimits and DescribeEndpoints, and the tag rules of
// ddb/tagging.h.
#include <gtest/gtest.h>

#include "ddb/json.h"
#include "ddb/tagging.h"

namespace ddb {
namespace {

constexpr std::string_view kArn = "arn:aws:dynamodb:ddblocal:000000000000:table/fleet";

TEST(JsonTags, RequestsRoundTrip) {
  TagResourceRequest tag{std::string(kArn), {{"env", "prod"}, {"empty", ""}}};
  auto tag_back = json::Decode<TagResourceRequest>(json::Encode(tag));
  ASSERT_TRUE(tag_back.ok()) << tag_back.error().ToString();
  EXPECT_EQ(tag_back->resource_arn, kArn);
  EXPECT_EQ(tag_back->tags, tag.tags);

  UntagResourceRequest untag{std::string(kArn), {"env", "team"}};
  auto untag_back = json::Decode<UntagResourceRequest>(json::Encode(untag));
  ASSERT_TRUE(untag_back.ok()) << untag_back.error().ToString();
  EXPECT_EQ(untag_back->tag_keys, untag.tag_keys);

  ListTagsOfResourceRequest list{std::string(kArn), "next"};
  auto list_back = json::Decode<ListTagsOfResourceRequest>(json::Encode(list));
  ASSERT_TRUE(list_back.ok());
  EXPECT_EQ(list_back->next_token, "next");

  CreateTableRequest create;
  create.table_name = "fleet";
  create.attribute_definitions = {{"id", ScalarAttributeType::S}};
  create.key_schema = {{"id", KeyType::HASH}};
  create.tags = {{"a", "b"}};
  auto create_back = json::Decode<CreateTableRequest>(json::Encode(create));
  ASSERT_TRUE(create_back.ok()) << create_back.error().ToString();
  EXPECT_EQ(create_back->tags, create.tags);
}

TEST(JsonTags, ResponsesRoundTrip) {
  EXPECT_EQ(json::Encode(TagResourceResponse{}), "");
  EXPECT_TRUE(json::Decode<TagResourceResponse>("").ok());
  EXPECT_TRUE(json::Decode<UntagResourceResponse>("{}").ok());

  ListTagsOfResourceResponse list;
  list.tags = {{"k", "v"}};
  auto list_back = json::Decode<ListTagsOfResourceResponse>(json::Encode(list));
  ASSERT_TRUE(list_back.ok());
  EXPECT_EQ(list_back->tags, list.tags);
  EXPECT_FALSE(list_back->next_token);

  DescribeLimitsResponse limits{80000, 80000, 40000, 40000};
  auto limits_back = json::Decode<DescribeLimitsResponse>(json::Encode(limits));
  ASSERT_TRUE(limits_back.ok());
  EXPECT_EQ(limits_back->table_max_write_capacity_units, 40000);

  DescribeEndpointsResponse endpoints;
  endpoints.endpoints.push_back({"localhost:8000", 1440});
  auto endpoints_back = json::Decode<DescribeEndpointsResponse>(json::Encode(endpoints));
  ASSERT_TRUE(endpoints_back.ok());
  ASSERT_EQ(endpoints_back->endpoints.size(), 1u);
  EXPECT_EQ(endpoints_back->endpoints[0].address, "localhost:8000");
  EXPECT_EQ(endpoints_back->endpoints[0].cache_period_in_minutes, 1440);
  EXPECT_TRUE(json::Decode<DescribeLimitsRequest>("{}").ok());
  EXPECT_TRUE(json::Decode<DescribeEndpointsRequest>(R"({"Unknown":1})").ok());
}

TEST(JsonTags, DecodeChecksInOrder) {
  auto r = json::Decode<TagResourceRequest>(R"({"ResourceArn":"x","Tags":[{"Key":1}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kSerialization);  // types before the ARN
  r = json::Decode<TagResourceRequest>(R"({"ResourceArn":null,"Tags":null})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Invalid TableArn");
  r = json::Decode<TagResourceRequest>(R"({"ResourceArn":"x"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAccessDenied);
  r = json::Decode<TagResourceRequest>(
      R"({"ResourceArn":"a:b:c:d:e:f/g","Tags":[{"Key":"k","Value":")" + std::string(257, 'v') +
      R"("}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("at 'tags.1.member.value' failed to satisfy constraint: "
                                   "Member must have length less than or equal to 256"),
            std::string::npos)
      << r.error().message;
  auto u = json::Decode<UntagResourceRequest>(R"({"ResourceArn":"a:b:c:d:e:f/g","TagKeys":[""]})");
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.error().message.find("'tagKeys.1.member'"), std::string::npos) << u.error().message;
}

TEST(JsonTags, AccessDeniedCapitalizesMessage) {
  const auto s = CheckResourceArnShape("TagResource", "x");
  ASSERT_FALSE(s.ok());
  const std::string body = json::EncodeError(s.error());
  EXPECT_EQ(body,
            R"({"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: )"
            R"(arn:aws:iam::000000000000:root is not authorized to perform: dynamodb:TagResource )"
            R"(on resource: x"})");
  EXPECT_EQ(json::DecodeError(400, body).message, s.error().message);
}

TEST(Tagging, ArnShapes) {
  EXPECT_TRUE(CheckResourceArnShape("TagResource", "a:b:c:d:e:f/g").ok());
  for (std::string_view bad : {"", "a:b:c:d:e:f", "a:b:c:d:e:/g", "::::::/", "a:b:c:d:e:f/",
                               "a:b:c:d::f/g", "a:b:c:d:e:f/g\n"}) {
    const auto s = CheckResourceArnShape("TagResource", bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code, ErrorCode::kAccessDenied) << bad;
  }
  auto name = TableNameFromArn(kArn);
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "fleet");
  for (std::string_view bad :
       {"arn:aws:dynamodb:r:1:table/ab", "arn:aws:dynamodb:r:x:table/abc",
        "arn:aws:dynamodb::table/abc", "arn:aws:s3:r:1:table/abc",
        "arn:aws:dynamodb:r:1:table/abc/index/gsi", "arn:aws:dynamodb:r:1:tablex/abc"}) {
    const auto r = TableNameFromArn(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message,
              "Invalid TableArn: Invalid ResourceArn provided as input " + std::string(bad));
  }
}

TEST(Tagging, MergeTags) {
  std::vector<Tag> tags = {{"a", "1"}};
  ASSERT_TRUE(MergeTags({{"b", "2"}, {"a", "3"}, {"b", "4"}}, &tags).ok());
  EXPECT_EQ(tags, (std::vector<Tag>{{"a", "3"}, {"b", "4"}}));
  std::vector<Tag> many;
  for (int i = 0; i < 51; ++i) many.push_back({std::to_string(i), ""});
  EXPECT_FALSE(MergeTags(many, &tags).ok());
  EXPECT_EQ(tags.size(), 2u);
}

}  // namespace
}  // namespace ddb
