// Protocol rules of the dispatcher, without sockets: a real engine in a temp directory.
#include "server/dispatch.h"

#include <gtest/gtest.h>

#include "ddb/json.h"
#include "server/test_support.h"

namespace server {
namespace {

using testing::kFakeAuthorization;

class DispatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine::Options options;
    options.data_dir = dir_.path() + "/data";
    auto engine = engine::Engine::Open(options);
    ASSERT_TRUE(engine.ok()) << engine.error().ToString();
    engine_ = std::move(engine).value();
    dispatcher_.emplace(*engine_);
  }

  HttpRequest Post(std::string_view target, std::string_view body) {
    HttpRequest req;
    req.method = "POST";
    req.content_type = "application/x-amz-json-1.0";
    req.target = target;
    req.authorization = kFakeAuthorization;
    req.has_date = true;
    req.body = body;
    return req;
  }

  HttpReply Handle(const HttpRequest& req) { return dispatcher_->Handle(req); }

  static void ExpectError(const HttpReply& reply, int status, std::string_view type) {
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_NE(reply.body.find("#" + std::string(type) + "\""), std::string::npos) << reply.body;
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::Engine> engine_;
  std::optional<Dispatcher> dispatcher_;
};

TEST_F(DispatchTest, GetIsAHealthCheck) {
  HttpRequest req;
  req.method = "GET";
  const HttpReply reply = Handle(req);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.rfind("healthy", 0), 0u);
}

TEST_F(DispatchTest, ListTablesRoundTrip) {
  const HttpReply reply = Handle(Post("DynamoDB_20120810.ListTables", "{}"));
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "application/x-amz-json-1.0");
  EXPECT_NE(reply.body.find("TableNames"), std::string::npos) << reply.body;
}

TEST_F(DispatchTest, Json11IsAcceptedAndEchoed) {
  HttpRequest req = Post("DynamoDB_20120810.ListTables", "{}");
  req.content_type = "application/x-amz-json-1.1; charset=utf-8";
  const HttpReply reply = Handle(req);
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.content_type, "application/x-amz-json-1.1");
}

TEST_F(DispatchTest, TargetErrors) {
  HttpRequest missing = Post("", "{}");
  missing.target.reset();
  const HttpReply no_target = Handle(missing);
  ExpectError(no_target, 400, "UnknownOperationException");
  EXPECT_NE(no_target.body.find("X-Amz-Target"), std::string::npos);

  ExpectError(Handle(Post("DynamoDB_20120810.Nope", "{}")), 400, "UnknownOperationException");
  ExpectError(Handle(Post("Other_1.ListTables", "{}")), 400, "UnknownOperationException");
  const HttpReply unsupported = Handle(Post("DynamoDB_20120810.ExecuteStatement", "{}"));
  ExpectError(unsupported, 400, "UnknownOperationException");
  EXPECT_NE(unsupported.body.find("not supported"), std::string::npos);
}

TEST_F(DispatchTest, MethodAndContentTypeErrorsAre404LikeDynalite) {
  HttpRequest put = Post("DynamoDB_20120810.ListTables", "{}");
  put.method = "PUT";
  ExpectError(Handle(put), 404, "UnknownOperationException");
  HttpRequest text = Post("DynamoDB_20120810.ListTables", "{}");
  text.content_type = "text/plain";
  ExpectError(Handle(text), 404, "UnknownOperationException");
}

TEST_F(DispatchTest, AuthenticationIsRequiredButNotVerified) {
  HttpRequest req = Post("DynamoDB_20120810.ListTables", "{}");
  req.authorization.reset();
  const HttpReply reply = Handle(req);
  ExpectError(reply, 400, "MissingAuthenticationTokenException");
  EXPECT_NE(reply.body.find("Request is missing Authentication Token"), std::string::npos);

  req.authorization = "AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/dynamodb/aws4_request";
  ExpectError(Handle(req), 400, "IncompleteSignatureException");
}

TEST_F(DispatchTest, MalformedOrEmptyBodyIsSerializationException) {
  // DynamoDB's exact body: the type and no message member at all.
  constexpr std::string_view kBare = R"({"__type":"com.amazon.coral.service#SerializationException"})";
  for (std::string_view body : {std::string_view("{not json"), std::string_view(""),
                                std::string_view("not json"), std::string_view(R"({"a":1,})"),
                                std::string_view("{\"a\":\0}", 7)}) {
    const HttpReply reply = Handle(Post("DynamoDB_20120810.PutItem", body));
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(reply.body, kBare) << body;
  }
  // The client side still reads it as a SerializationException.
  const ddb::Error decoded = ddb::json::DecodeError(400, kBare);
  EXPECT_EQ(decoded.code, ddb::ErrorCode::kSerialization);
  EXPECT_EQ(decoded.message, "");
}

TEST_F(DispatchTest, EngineErrorsKeepTheirType) {
  ExpectError(Handle(Post("DynamoDB_20120810.DescribeTable", R"({"TableName":"missing"})")), 400,
              "ResourceNotFoundException");
}

TEST_F(DispatchTest, UpdateItemWireErrorsAreDynamoDbBodies) {
  constexpr std::string_view kTarget = "DynamoDB_20120810.UpdateItem";
  HttpReply reply = Handle(Post(kTarget, R"({"TableName":"things","Key":{"id":{"S":"1"}},)"
                                         R"("ReturnValues":"EVERYTHING"})"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body,
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"1 )"
            R"(validation error detected: Value 'EVERYTHING' at 'returnValues' failed to )"
            R"(satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, )"
            R"(ALL_OLD, NONE, UPDATED_NEW]"})");
  reply = Handle(Post(kTarget, R"({"TableName":"things","Key":{"id":{"S":1}}})"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body, R"({"__type":"com.amazon.coral.service#SerializationException",)"
                        R"("Message":"NUMBER_VALUE cannot be converted to String"})");
  reply =
      Handle(Post(kTarget, R"({"TableName":"things","Key":{"id":{"S":"1"}},)"
                           R"("UpdateExpression":"SET a = :a","ExpressionAttributeValues":{}})"));
  EXPECT_EQ(reply.body, R"({"__type":"com.amazon.coral.validate#ValidationException",)"
                        R"("message":"ExpressionAttributeValues must not be empty"})");
  reply = Handle(Post(kTarget, R"({"TableName":"missing","Key":{"id":{"S":"1"}},)"
                               R"("UpdateExpression":"SET a = :a",)"
                               R"("ExpressionAttributeValues":{":a":{"N":"1"}}})"));
  ExpectError(reply, 400, "ResourceNotFoundException");
  EXPECT_NE(reply.body.find("com.amazonaws.dynamodb.v20120810#"), std::string::npos);
}

TEST_F(DispatchTest, CountScansAnswerWithoutItems) {
  ASSERT_EQ(Handle(Post("DynamoDB_20120810.CreateTable",
                        R"({"TableName":"things","BillingMode":"PAY_PER_REQUEST",)"
                        R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
                        R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})"))
                .status,
            200);
  ASSERT_EQ(
      Handle(Post("DynamoDB_20120810.PutItem", R"({"TableName":"things","Item":{"id":{"S":"1"}}})"))
          .status,
      200);
  HttpReply reply =
      Handle(Post("DynamoDB_20120810.Scan", R"({"TableName":"things","Select":"COUNT"})"));
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, R"({"Count":1,"ScannedCount":1})");
  reply = Handle(Post("DynamoDB_20120810.Scan", R"({"TableName":"things"})"));
  EXPECT_EQ(reply.body, R"({"Items":[{"id":{"S":"1"}}],"Count":1,"ScannedCount":1})");
}

TEST(ErrorReply, ConditionalCheckFailedCarriesTheOldItem) {
  ddb::Error failed{ddb::ErrorCode::kConditionalCheckFailed, "The conditional request failed"};
  failed.item = std::make_shared<const ddb::Item>(
      ddb::Item{{"id", ddb::AttributeValue::S("1")}, {"n", ddb::AttributeValue::N(2)}});
  const HttpReply reply = ErrorReply(failed);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
            R"("message":"The conditional request failed",)"
            R"("Item":{"id":{"S":"1"},"n":{"N":"2"}}})");
  // Without ALL_OLD there is no Item member at all.
  EXPECT_EQ(ErrorReply({ddb::ErrorCode::kConditionalCheckFailed, "The conditional request failed"})
                .body.find("Item"),
            std::string::npos);
}

TEST(ErrorReply, InternalErrorsBecomeInternalServerError) {
  const HttpReply io = ErrorReply({ddb::ErrorCode::kIO, "disk on fire"});
  EXPECT_EQ(io.status, 500);
  EXPECT_NE(io.body.find("#InternalServerError\""), std::string::npos) << io.body;
  EXPECT_NE(io.body.find("disk on fire"), std::string::npos) << io.body;
  const HttpReply v = ErrorReply(ddb::ValidationError("bad"));
  EXPECT_EQ(v.status, 400);
  EXPECT_NE(v.body.find("#ValidationException\""), std::string::npos) << v.body;
}

TEST_F(DispatchTest, TransactionsAreDispatched) {
  ASSERT_EQ(Handle(Post("DynamoDB_20120810.CreateTable",
                        R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",)"
                        R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
                        R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})"))
                .status,
            200);
  HttpReply reply = Handle(Post("DynamoDB_20120810.TransactWriteItems",
                                R"({"TransactItems":[{"Put":{"TableName":"tbl",)"
                                R"("Item":{"id":{"S":"a"},"v":{"N":"1"}}}}]})"));
  EXPECT_EQ(reply.status, 200) << reply.body;
  reply = Handle(Post("DynamoDB_20120810.TransactWriteItems",
                      R"({"TransactItems":[{"Put":{"TableName":"tbl","Item":{"id":{"S":"b"}}}},)"
                      R"({"ConditionCheck":{"TableName":"tbl","Key":{"id":{"S":"a"}},)"
                      R"("ConditionExpression":"v = :two","ExpressionAttributeValues":)"
                      R"({":two":{"N":"2"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}]})"));
  ExpectError(reply, 400, "TransactionCanceledException");
  EXPECT_NE(reply.body.find(R"("CancellationReasons":[{"Code":"None"},)"
                            R"({"Code":"ConditionalCheckFailed")"),
            std::string::npos)
      << reply.body;
  reply = Handle(Post("DynamoDB_20120810.TransactGetItems",
                      R"({"TransactItems":[{"Get":{"TableName":"tbl","Key":{"id":{"S":"b"}}}},)"
                      R"({"Get":{"TableName":"tbl","Key":{"id":{"S":"a"}}}}]})"));
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.body.find(R"({"Responses":[{},{"Item":{")"), std::string::npos) << reply.body;
}

}  // namespace
}  // namespace server
