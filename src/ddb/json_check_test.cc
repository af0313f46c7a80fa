// DynamoDB's wire-level request checks (json_check.h): types, then constraints, then the
// values the typed request cannot hold, with DynamoDB's exact messages.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ddb/json.h"

namespace ddb::json {
namespace {

template <class T>
Result<T> DecodeAs(std::string_view body) {
  return Decode<T>(body);
}

// The error Decode<Request of `op`> gives for `body` (kUnknown with "ok" when it succeeds).
Error ErrorFor(std::string_view op, std::string_view body) {
  auto error_of = [](auto result) {
    return result.ok() ? Error(ErrorCode::kUnknown, "ok") : result.error();
  };
  if (op == "CreateTable") return error_of(DecodeAs<CreateTableRequest>(body));
  if (op == "DescribeTable") return error_of(DecodeAs<DescribeTableRequest>(body));
  if (op == "ListTables") return error_of(DecodeAs<ListTablesRequest>(body));
  if (op == "DeleteTable") return error_of(DecodeAs<DeleteTableRequest>(body));
  if (op == "UpdateTable") return error_of(DecodeAs<UpdateTableRequest>(body));
  if (op == "PutItem") return error_of(DecodeAs<PutItemRequest>(body));
  if (op == "GetItem") return error_of(DecodeAs<GetItemRequest>(body));
  if (op == "UpdateItem") return error_of(DecodeAs<UpdateItemRequest>(body));
  if (op == "DeleteItem") return error_of(DecodeAs<DeleteItemRequest>(body));
  if (op == "BatchWriteItem") return error_of(DecodeAs<BatchWriteItemRequest>(body));
  if (op == "BatchGetItem") return error_of(DecodeAs<BatchGetItemRequest>(body));
  if (op == "Scan") return error_of(DecodeAs<ScanRequest>(body));
  if (op == "Query") return error_of(DecodeAs<QueryRequest>(body));
  return Error(ErrorCode::kUnknown, "no such operation in the test");
}

struct Case {
  std::string_view op;
  std::string_view body;
  ErrorCode code;
  std::string_view message;
};

// Each answer below is what dynalite (whose messages were taken from DynamoDB) sent for the
// body, recorded with curl against tests/peers' dynalite; the two cases where this project
// follows DynamoDB's documentation instead are tested apart, further down.
constexpr Case kRecorded[] = {
    {"PutItem", R"~({"TableName":true,"Item":{}})~", ErrorCode::kSerialization,
     R"~(TRUE_VALUE cannot be converted to String)~"},
    {"PutItem", R"~({"TableName":1.5,"Item":{}})~", ErrorCode::kSerialization,
     R"~(DECIMAL_VALUE cannot be converted to String)~"},
    {"PutItem", R"~({"TableName":[],"Item":{}})~", ErrorCode::kSerialization,
     R"~(Unrecognized collection type class java.lang.String)~"},
    {"PutItem", R"~({"TableName":{},"Item":{}})~", ErrorCode::kSerialization,
     R"~(Start of structure or map found where not expected)~"},
    {"PutItem", R"~({"TableName":"abc","Item":"x"})~", ErrorCode::kSerialization,
     R"~(Unexpected field type)~"},
    {"PutItem", R"~({"TableName":"abc","Item":[]})~", ErrorCode::kSerialization,
     R"~(Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":"x"}})~", ErrorCode::kSerialization,
     R"~(Unexpected value type in payload)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":[]}})~", ErrorCode::kSerialization,
     R"~(Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"B":5}}})~", ErrorCode::kSerialization,
     R"~(only base-64-encoded strings are convertible to bytes)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"B":"abc"}}})~", ErrorCode::kSerialization,
     R"~(Base64 encoded length is expected a multiple of 4 bytes but found: 3)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"B":"ab=c"}}})~", ErrorCode::kSerialization,
     R"~(Invalid last non-pad Base64 character dectected)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"BS":[true]}}})~", ErrorCode::kSerialization,
     R"~(only base-64-encoded strings are convertible to bytes)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"M":[]}}})~", ErrorCode::kSerialization,
     R"~(Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"L":{}}}})~", ErrorCode::kSerialization,
     R"~(Start of structure or map found where not expected)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"BOOL":5,"S":true}}})~",
     ErrorCode::kSerialization, R"~(TRUE_VALUE cannot be converted to String)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"SS":["a","a"]}}})~", ErrorCode::kValidation,
     R"~(One or more parameter values were invalid: Input collection [a, a] contains duplicates.)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"NS":["1","1.0"]}}})~", ErrorCode::kValidation,
     R"~(Input collection contains duplicates)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"BS":["YQ==","YQ=="]}}})~",
     ErrorCode::kValidation,
     R"~(One or more parameter values were invalid: Input collection [YQ==, YQ==]of type BS contains duplicates.)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"BS":[]}}})~", ErrorCode::kValidation,
     R"~(One or more parameter values were invalid: Binary sets should not be empty)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"S":"a","N":"x"}}})~", ErrorCode::kValidation,
     R"~(The parameter cannot be converted to a numeric value: x)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"NULL":"no"}}})~", ErrorCode::kValidation,
     R"~(One or more parameter values were invalid: Null attribute value types must have the value of true)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"N":"1e126"}}})~", ErrorCode::kValidation,
     R"~(Number overflow. Attempting to store a number with magnitude larger than supported range)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"Expected":[]})~",
     ErrorCode::kSerialization,
     R"~(Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue>)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"Expected":{"a":[]}})~",
     ErrorCode::kSerialization,
     R"~(Unrecognized collection type class com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"Expected":{"a":{"Value":5}}})~",
     ErrorCode::kSerialization, R"~(Unexpected field type)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"ExpressionAttributeNames":[]})~",
     ErrorCode::kSerialization,
     R"~(Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"ExpressionAttributeNames":{}})~",
     ErrorCode::kValidation,
     R"~(ExpressionAttributeNames can only be specified when using expressions)~"},
    {"PutItem",
     R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"ExpressionAttributeNames":{},"ConditionExpression":"a = b"})~",
     ErrorCode::kValidation, R"~(ExpressionAttributeNames must not be empty)~"},
    {"PutItem", R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"ExpressionAttributeValues":{}})~",
     ErrorCode::kValidation,
     R"~(ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null)~"},
    {"PutItem",
     R"~({"TableName":"abc","Item":{"a":{"S":"x"}},"ExpressionAttributeValues":{},"ConditionExpression":"a = b"})~",
     ErrorCode::kValidation, R"~(ExpressionAttributeValues must not be empty)~"},
    {"UpdateItem", R"~({"TableName":"abc","Key":{"a":{"S":"x"}},"ExpressionAttributeValues":{}})~",
     ErrorCode::kValidation,
     R"~(ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null)~"},
    {"Query", R"~({"TableName":"abc","ExpressionAttributeValues":{}})~", ErrorCode::kValidation,
     R"~(ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null)~"},
    {"PutItem",
     R"~({"TableName":"a;","ReturnValues":"x","ReturnConsumedCapacity":"y","ReturnItemCollectionMetrics":"z","ConditionalOperator":"q","Expected":{"a":{"ComparisonOperator":"x"}}})~", ErrorCode::kValidation, R"~(8 validation errors detected: Value 'y' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value 'a;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a;' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value null at 'item' failed to satisfy constraint: Member must not be null; Value 'q' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]; Value 'x' at 'expected.a.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]; Value 'x' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; Value 'z' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE])~"},
    {"BatchWriteItem", R"~({"RequestItems":{"a":[],"bbb":[{}]}})~", ErrorCode::kValidation,
     R"~(2 validation errors detected: Value '{"a":[],"bbb":[{}]}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]; Value '{"a":[],"bbb":[{}]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1])~"},
    {"BatchWriteItem", R"~({"RequestItems":[]})~", ErrorCode::kSerialization,
     R"~(Unrecognized collection type java.util.Map<java.lang.String, java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>>)~"},
    {"BatchWriteItem", R"~({"RequestItems":{"abc":{}}})~", ErrorCode::kSerialization,
     R"~(Start of structure or map found where not expected)~"},
    {"BatchWriteItem", R"~({"RequestItems":{"abc":[{"PutRequest":{}}]}})~", ErrorCode::kValidation,
     R"~(1 validation error detected: Value null at 'requestItems.abc.member.1.member.putRequest.item' failed to satisfy constraint: Member must not be null)~"},
    {"BatchWriteItem", R"~({"RequestItems":{"abc":[{"PutRequest":5}]}})~",
     ErrorCode::kSerialization, R"~(Unexpected field type)~"},
    {"BatchWriteItem", R"~({"RequestItems":{"abc":[5]}})~", ErrorCode::kSerialization,
     R"~(Unexpected value type in payload)~"},
    {"BatchWriteItem", R"~({"RequestItems":{"abc":[[]]}})~", ErrorCode::kSerialization,
     R"~(Unrecognized collection type class com.amazonaws.dynamodb.v20120810.WriteRequest)~"},
    {"BatchWriteItem", R"~({"RequestItems":{"abc":5}})~", ErrorCode::kSerialization,
     R"~(class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap'))~"},
    {"BatchGetItem", R"~({"RequestItems":{"abc":{"Keys":[5]}}})~", ErrorCode::kSerialization,
     R"~(class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap'))~"},
    {"BatchGetItem", R"~({"RequestItems":{"abc":{"Keys":[[]]}}})~", ErrorCode::kSerialization,
     R"~(Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>)~"},
    {"BatchGetItem", R"~({"RequestItems":{"abc":{"Keys":[]}}})~", ErrorCode::kValidation,
     R"~(1 validation error detected: Value '[]' at 'requestItems.abc.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1)~"},
    {"BatchGetItem", R"~({"RequestItems":{"ab":{}}})~", ErrorCode::kValidation, R"~(2 validation errors detected: Value '{"ab":{}}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]; Value null at 'requestItems.ab.member.keys' failed to satisfy constraint: Member must not be null)~"},
    {"BatchGetItem", R"~({"RequestItems":{}})~", ErrorCode::kValidation,
     R"~(1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1)~"},
    {"GetItem", R"~({"TableName":"abc","Key":{"a":{"S":"x"}},"AttributesToGet":[]})~",
     ErrorCode::kValidation,
     R"~(1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1)~"},
    {"GetItem",
     R"~({"TableName":"abc","Key":{"a":{"S":"x"}},"ConsistentRead":"YES","AttributesToGet":["a"],"ExpressionAttributeNames":{}})~",
     ErrorCode::kValidation,
     R"~(ExpressionAttributeNames can only be specified when using expressions)~"},
    {"Scan",
     R"~({"TableName":"abc","Limit":0,"Segment":-1,"TotalSegments":0,"IndexName":"x","Select":"y"})~",
     ErrorCode::kValidation,
     R"~(5 validation errors detected: Value 'y' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; Value 'x' at 'indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1)~"},
    {"Scan", R"~({"TableName":"abc","ExclusiveStartKey":{"a":{"NULL":false}}})~",
     ErrorCode::kValidation,
     R"~(The provided starting key is invalid: One or more parameter values were invalid: Null attribute value types must have the value of true)~"},
    {"Scan", R"~({"TableName":"abc","ExclusiveStartKey":{"a":{"N":"x"}}})~", ErrorCode::kValidation,
     R"~(The parameter cannot be converted to a numeric value: x)~"},
    {"Query", R"~({"TableName":"abc","KeyConditions":{"a":{}}})~", ErrorCode::kValidation,
     R"~(1 validation error detected: Value null at 'keyConditions.a.member.comparisonOperator' failed to satisfy constraint: Member must not be null)~"},
    {"Query",
     R"~({"TableName":"abc","QueryFilter":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a","N":"1"}]}}})~",
     ErrorCode::kValidation,
     R"~(Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes)~"},
    {"CreateTable", R"~({})~", ErrorCode::kValidation,
     R"~(The parameter 'TableName' is required but was not present in the request)~"},
    {"CreateTable", R"~({"TableName":"ab"})~", ErrorCode::kValidation,
     R"~(TableName must be at least 3 characters long and at most 255 characters long)~"},
    {"CreateTable", R"~({"TableName":"ab;"})~", ErrorCode::kValidation,
     R"~(3 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; Value 'ab;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value null at 'keySchema' failed to satisfy constraint: Member must not be null)~"},
    {"CreateTable",
     R"~({"TableName":"abc","KeySchema":[{},{},{}],"ProvisionedThroughput":{"ReadCapacityUnits":0},"AttributeDefinitions":[{"AttributeType":"X"}]})~", ErrorCode::kValidation,
     R"~(10 validation errors detected: Value null at 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must not be null; Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]; Value null at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must not be null; Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '[{}, {}, {}]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2; Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must not be null; Value null at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must not be null; Value null at 'keySchema.2.member.attributeName' failed to satisfy constraint: Member must not be null; Value null at 'keySchema.2.member.keyType' failed to satisfy constraint: Member must not be null; Value null at 'keySchema.3.member.attributeName' failed to satisfy constraint: Member must not be null)~"},
    {"CreateTable",
     R"~({"TableName":"abc","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"ProvisionedThroughput":{"ReadCapacityUnits":1.5,"WriteCapacityUnits":"1"}})~",
     ErrorCode::kSerialization, R"~(STRING_VALUE cannot be converted to Long)~"},
    {"CreateTable", R"~({"TableName":"abc","GlobalSecondaryIndexes":[{"IndexName":"x","KeySchema":[],"Projection":{"NonKeyAttributes":[]}}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}]})~", ErrorCode::kValidation, R"~(3 validation errors detected: Value 'x' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value '[]' at 'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '[]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1)~"},
    {"ListTables", R"~({"Limit":1000,"ExclusiveStartTableName":"a;"})~", ErrorCode::kValidation,
     R"~(3 validation errors detected: Value '1000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100; Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3)~"},
    {"ListTables", R"~({"Limit":true})~", ErrorCode::kSerialization,
     R"~(TRUE_VALUE cannot be converted to Integer)~"},
    {"Scan",
     R"~({"TableName":"a","AttributesToGet":[],"Limit":0,"Segment":-1,"TotalSegments":0,"IndexName":"x","Select":"y","ConditionalOperator":"z","ReturnConsumedCapacity":"w","ExclusiveStartTableName":"q","ScanFilter":{"a":{},"b":{"ComparisonOperator":"x"}}})~", ErrorCode::kValidation,
     R"~(10 validation errors detected: Value 'y' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; Value 'x' at 'indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1; Value 'w' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value 'a' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value 'z' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]; Value null at 'scanFilter.a.member.comparisonOperator' failed to satisfy constraint: Member must not be null; Value 'x' at 'scanFilter.b.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]; Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1)~"},
};

TEST(JsonCheckTest, AnswersAsDynaliteRecordedThem) {
  for (const Case& c : kRecorded) {
    const Error e = ErrorFor(c.op, c.body);
    EXPECT_EQ(e.code, c.code) << c.op << " " << c.body << "\n" << e.message;
    EXPECT_EQ(e.message, c.message) << c.op << " " << c.body;
  }
}

TEST(JsonCheckTest, TypeErrorsPerJsonType) {
  // String members.
  EXPECT_EQ(ErrorFor("DescribeTable", R"({"TableName":false})").message,
            "FALSE_VALUE cannot be converted to String");
  EXPECT_EQ(ErrorFor("DescribeTable", R"({"TableName":7})").message,
            "NUMBER_VALUE cannot be converted to String");
  EXPECT_EQ(ErrorFor("DescribeTable", R"({"TableName":7.0})").message,
            "NUMBER_VALUE cannot be converted to String");  // a whole number, as JSON reads it
  // Boolean members.
  EXPECT_EQ(ErrorFor("GetItem", R"({"ConsistentRead":1})").message,
            "NUMBER_VALUE cannot be converted to Boolean");
  EXPECT_EQ(ErrorFor("GetItem", R"({"ConsistentRead":0.5})").message,
            "DECIMAL_VALUE cannot be converted to Boolean");
  EXPECT_EQ(ErrorFor("GetItem", R"({"ConsistentRead":[]})").message,
            "Unrecognized collection type class java.lang.Boolean");
  EXPECT_EQ(ErrorFor("GetItem", R"({"ConsistentRead":{}})").message,
            "Start of structure or map found where not expected");
  // Integer members.
  EXPECT_EQ(ErrorFor("Scan", R"({"Limit":false})").message,
            "FALSE_VALUE cannot be converted to Integer");
  EXPECT_EQ(ErrorFor("Scan", R"({"Limit":[1]})").message,
            "Unrecognized collection type class java.lang.Integer");
  EXPECT_EQ(ErrorFor("Scan", R"({"Limit":{}})").message,
            "Start of structure or map found where not expected");
  // Lists.
  EXPECT_EQ(ErrorFor("GetItem", R"({"AttributesToGet":"a"})").message, "Unexpected field type");
  EXPECT_EQ(ErrorFor("GetItem", R"({"AttributesToGet":{}})").message,
            "Start of structure or map found where not expected");
  EXPECT_EQ(ErrorFor("GetItem", R"({"AttributesToGet":[1]})").message,
            "NUMBER_VALUE cannot be converted to String");
  // Structures: as a value (list element) and as a member.
  EXPECT_EQ(ErrorFor("CreateTable", R"({"KeySchema":[true]})").message,
            "Unexpected value type in payload");
  EXPECT_EQ(ErrorFor("CreateTable", R"({"ProvisionedThroughput":true})").message,
            "Unexpected field type");
  EXPECT_EQ(ErrorFor("CreateTable", R"({"ProvisionedThroughput":[]})").message,
            "Unrecognized collection type class "
            "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput");
  // The first type error in DynamoDB's member order wins, wherever it is in the body.
  EXPECT_EQ(ErrorFor("PutItem", R"({"Item":5,"ReturnConsumedCapacity":true})").message,
            "TRUE_VALUE cannot be converted to String");
  // A type error anywhere wins over constraint errors.
  EXPECT_EQ(ErrorFor("PutItem", R"({"TableName":"x","Item":{"a":{"S":1}}})").message,
            "NUMBER_VALUE cannot be converted to String");
}

TEST(JsonCheckTest, ValuesDynamoDbConvertsAreAccepted) {
  auto get = Decode<GetItemRequest>(
      R"({"TableName":"tab","Key":{"k":{"BOOL":"no"},"n":{"NULL":"TRUE"}},"ConsistentRead":"yes"})");
  ASSERT_TRUE(get.ok()) << get.error().message;
  EXPECT_TRUE(get->consistent_read);
  EXPECT_EQ(get->key.at("k"), AttributeValue::Bool(false));
  EXPECT_EQ(get->key.at("n"), AttributeValue::Nul());
  auto scan = Decode<ScanRequest>(R"({"TableName":"tab","Limit":2.7})");
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  EXPECT_EQ(scan->limit, 2);
  // Floored before the bounds are checked: 0.5 is 0.
  EXPECT_EQ(ErrorFor("Scan", R"({"TableName":"tab","Limit":0.5})").message,
            "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1");
  // Outside Java's int: refused rather than wrapped.
  EXPECT_EQ(ErrorFor("Scan", R"({"TableName":"tab","Limit":4294967296})").code,
            ErrorCode::kSerialization);
  // Nulls are absent, unknown members ignored, even of the wrong type.
  auto put = Decode<PutItemRequest>(
      R"({"TableName":"tab","Item":{"a":{"S":"x","Q":5}},"Expected":null,"Bogus":[{}]})");
  ASSERT_TRUE(put.ok()) << put.error().message;
  EXPECT_EQ(put->expected, std::nullopt);
}

TEST(JsonCheckTest, ConstraintErrorsAreCappedAtTen) {
  // Eleven violations (two per bad key schema element and more): DynamoDB lists ten.
  const Error e =
      ErrorFor("CreateTable",
               R"({"TableName":"ab;","KeySchema":[{},{},{},{},{}],"AttributeDefinitions":[{}]})");
  EXPECT_EQ(e.code, ErrorCode::kValidation);
  EXPECT_EQ(e.message.rfind("10 validation errors detected: ", 0), 0u) << e.message;
  size_t count = 0;
  for (size_t at = e.message.find("Value "); at != std::string::npos;
       at = e.message.find("Value ", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 10u) << e.message;
  EXPECT_NE(e.message.find("'keySchema.3.member.keyType'"), std::string::npos);
  EXPECT_EQ(e.message.find("'keySchema.4.member"), std::string::npos);
}

TEST(JsonCheckTest, MembersDynaliteDoesNotKnow) {
  EXPECT_EQ(ErrorFor("PutItem", R"({"TableName":"tab","Item":{},)"
                                R"("ReturnValuesOnConditionCheckFailure":"ALL_NEW"})")
                .message,
            "1 validation error detected: Value 'ALL_NEW' at "
            "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must "
            "satisfy enum value set: [ALL_OLD, NONE]");
  EXPECT_EQ(ErrorFor("Scan", R"({"TableName":"tab","ConsistentRead":"x"})").message,
            "Unexpected token received from parser");
  EXPECT_EQ(
      ErrorFor("Scan", R"({"TableName":"tab","Segment":1000000,"TotalSegments":1000001})").message,
      "2 validation errors detected: Value '1000001' at 'totalSegments' failed to satisfy "
      "constraint: Member must have value less than or equal to 1000000; Value '1000000' "
      "at 'segment' failed to satisfy constraint: Member must have value less than or "
      "equal to 999999");
  EXPECT_EQ(ErrorFor("UpdateItem", R"({"TableName":"tab","Key":{},)"
                                   R"("AttributeUpdates":{"a":{"Action":"X"}}})")
                .message,
            "1 validation error detected: Value 'X' at 'attributeUpdates.a.member.action' failed "
            "to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]");
  // DynamoDB's API reference makes ProvisionedThroughput optional when creating an index
  // (on-demand tables); dynalite requires it.
  EXPECT_EQ(ErrorFor("UpdateTable", R"({"TableName":"abc","GlobalSecondaryIndexUpdates":)"
                                    R"([{"Create":{"IndexName":"i"}}]})")
                .message,
            "3 validation errors detected: Value null at "
            "'globalSecondaryIndexUpdates.1.member.create.projection' failed to satisfy "
            "constraint: Member must not be null; Value 'i' at "
            "'globalSecondaryIndexUpdates.1.member.create.indexName' failed to satisfy "
            "constraint: Member must have length greater than or equal to 3; Value null at "
            "'globalSecondaryIndexUpdates.1.member.create.keySchema' failed to satisfy "
            "constraint: Member must not be null");
}

TEST(JsonCheckTest, ValuesTheTypedRequestCannotHold) {
  EXPECT_EQ(ErrorFor("Query", R"({"TableName":"tab","ExpressionAttributeNames":{},)"
                              R"("KeyConditionExpression":"a = :a"})")
                .message,
            "ExpressionAttributeNames must not be empty");
  EXPECT_EQ(ErrorFor("Scan", R"({"TableName":"tab","ExpressionAttributeValues":{},)"
                             R"("ProjectionExpression":"a"})")
                .message,
            "ExpressionAttributeValues can only be specified when using expressions: "
            "FilterExpression is null");
  EXPECT_EQ(ErrorFor("BatchGetItem", R"({"RequestItems":{"tab":{"Keys":[{"a":{"S":"x"}}],)"
                                     R"("ExpressionAttributeNames":{}}}})")
                .message,
            "ExpressionAttributeNames can only be specified when using expressions");
  // The key's values are judged before the empty map (DynamoDB's order).
  EXPECT_EQ(
      ErrorFor("DeleteItem", R"({"TableName":"tab","Key":{"a":{"N":"1e-131"}},)"
                             R"("ConditionExpression":"a = b","ExpressionAttributeNames":{}})")
          .message,
      "Number underflow. Attempting to store a number with magnitude smaller than "
      "supported range");
  // Legacy members hold attribute values too.
  EXPECT_EQ(
      ErrorFor("PutItem", R"({"TableName":"tab","Item":{},"Expected":{"a":{"Value":{}}}})").message,
      "Supplied AttributeValue is empty, must contain exactly one of the supported "
      "datatypes");
  EXPECT_EQ(ErrorFor("Scan", R"({"TableName":"tab","ScanFilter":{"a":{"ComparisonOperator":"EQ",)"
                             R"("AttributeValueList":[{"NS":[]}]}}})")
                .message,
            "One or more parameter values were invalid: An number set  may not be empty");
  EXPECT_EQ(ErrorFor("Query", R"({"TableName":"tab","ExclusiveStartKey":{"a":{}}})").message,
            "The provided starting key is invalid: Supplied AttributeValue is empty, must "
            "contain exactly one of the supported datatypes");
  EXPECT_EQ(ErrorFor("BatchWriteItem", R"({"RequestItems":{"tab":[{"PutRequest":{"Item":{}},)"
                                       R"("DeleteRequest":{"Key":{}}}]}})")
                .message,
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
            "of the supported datatypes");
}

}  // namespace
}  // namespace ddb::json
