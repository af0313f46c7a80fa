// TagResource, UntagResource, ListTagsOfResource, CreateTable's Tags, DescribeLimits and
// DescribeEndpoints through the dispatcher: the wire order of DynamoDB's checks and answers.
#include <gtest/gtest.h>

#include "ddb/json.h"
#include "server/dispatch.h"
#include "server/test_support.h"

namespace server {
namespace {

using testing::kFakeAuthorization;

constexpr std::string_view kArn = "arn:aws:dynamodb:ddblocal:000000000000:table/fleet";

class DispatchTagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine::Options options;
    options.data_dir = dir_.path() + "/data";
    auto engine = engine::Engine::Open(options);
    ASSERT_TRUE(engine.ok()) << engine.error().ToString();
    engine_ = std::move(engine).value();
    dispatcher_.emplace(*engine_);
  }

  HttpReply Call(std::string_view operation, std::string_view body,
                 std::optional<std::string_view> host = std::nullopt) {
    target_ = "DynamoDB_20120810." + std::string(operation);
    HttpRequest req;
    req.method = "POST";
    req.content_type = "application/x-amz-json-1.0";
    req.target = target_;
    req.authorization = kFakeAuthorization;
    req.has_date = true;
    req.host = host;
    req.body = body;
    return dispatcher_->Handle(req);
  }

  void CreateFleet() {
    const HttpReply reply = Call(
        "CreateTable", R"({"TableName":"fleet","BillingMode":"PAY_PER_REQUEST",)"
                       R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
                       R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
                       R"("Tags":[{"Key":"env","Value":"prod"}]})");
    ASSERT_EQ(reply.status, 200) << reply.body;
  }

  static void ExpectError(const HttpReply& reply, std::string_view type, std::string_view message) {
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_NE(reply.body.find("#" + std::string(type) + "\""), std::string::npos) << reply.body;
    EXPECT_NE(reply.body.find(message), std::string::npos) << reply.body;
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::optional<Dispatcher> dispatcher_;
  std::string target_;
};

TEST_F(DispatchTagTest, TagListUntagOverTheWire) {
  CreateFleet();
  const std::string arn(kArn);
  HttpReply reply = Call("ListTagsOfResource", R"({"ResourceArn":")" + arn + R"("})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, R"({"Tags":[{"Key":"env","Value":"prod"}]})");

  reply = Call("TagResource",
               R"({"ResourceArn":")" + arn + R"(","Tags":[{"Key":"team","Value":"ops"}]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, "");  // DynamoDB answers TagResource with an empty body
  reply = Call("UntagResource", R"({"ResourceArn":")" + arn + R"(","TagKeys":["env"]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, "");
  reply = Call("ListTagsOfResource", R"({"ResourceArn":")" + arn + R"("})");
  EXPECT_EQ(reply.body, R"({"Tags":[{"Key":"team","Value":"ops"}]})");
}

TEST_F(DispatchTagTest, ChecksInDynamoDBsOrder) {
  CreateFleet();
  const std::string arn(kArn);
  // Types first.
  HttpReply reply = Call("TagResource", R"({"ResourceArn":5,"Tags":[]})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("SerializationException"), std::string::npos) << reply.body;
  // A missing ARN, then its shape (authorization), before the member constraints.
  ExpectError(Call("TagResource", R"({"Tags":[{"Key":""}]})"), "ValidationException",
              R"("Invalid TableArn")");
  ExpectError(Call("TagResource", R"({"ResourceArn":"","Tags":[{"Key":""}]})"),
              "AccessDeniedException", "dynamodb:TagResource on resource: *");
  ExpectError(Call("TagResource", R"({"ResourceArn":")" + arn + R"("})"), "ValidationException",
              "1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
              "Member must not be null");
  ExpectError(
      Call("TagResource", R"({"ResourceArn":")" + arn + R"(","Tags":[{"Key":"","Value":"v"}]})"),
      "ValidationException",
      "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length "
      "greater than or equal to 1");
  ExpectError(Call("UntagResource", R"({"ResourceArn":")" + arn + R"("})"), "ValidationException",
              "Value null at 'tagKeys' failed to satisfy constraint");
  // Then the engine's: table ARN, empty lists, the table itself.
  ExpectError(Call("TagResource", R"({"ResourceArn":"a:b:c:d:e:f/g","Tags":[]})"),
              "ValidationException", "Invalid TableArn: Invalid ResourceArn provided as input");
  ExpectError(Call("TagResource", R"({"ResourceArn":")" + arn + R"(","Tags":[]})"),
              "ValidationException", "Atleast one Tag needs to be provided as Input.");
  ExpectError(Call("ListTagsOfResource", R"({"ResourceArn":")" + arn + R"(x"})"),
              "ResourceNotFoundException", "ResourcArn: " + arn + "x not found");
}

TEST_F(DispatchTagTest, CreateTableTagsAreValidated) {
  const HttpReply reply =
      Call("CreateTable", R"({"TableName":"bad","BillingMode":"PAY_PER_REQUEST",)"
                          R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
                          R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
                          R"("Tags":[{"Key":"k"}]})");
  ExpectError(reply, "ValidationException",
              "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not "
              "be null");
}

TEST_F(DispatchTagTest, DescribeLimits) {
  const HttpReply reply = Call("DescribeLimits", "{}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body,
            R"({"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,)"
            R"("TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})");
}

TEST_F(DispatchTagTest, DescribeEndpointsNamesTheHostAsked) {
  HttpReply reply = Call("DescribeEndpoints", "{}", "127.0.0.1:8000");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body,
            R"({"Endpoints":[{"Address":"127.0.0.1:8000","CachePeriodInMinutes":1440}]})");
  reply = Call("DescribeEndpoints", "{}");
  EXPECT_NE(reply.body.find(kDefaultEndpoint), std::string::npos) << reply.body;
  reply = Call("DescribeEndpoints", "");
  EXPECT_EQ(reply.status, 400);  // an empty body is a SerializationException, as elsewhere
}

}  // namespace
}  // namespace server
