// The request members of every operation, their wire shapes and constraints, in the order
// DynamoDB checks and reports them. The order and the enum value orders are DynamoDB's as
// dynalite recorded them (validations/<operation>.js); members dynalite lacks are added from
// the API reference and noted below.
#include "ddb/json_check.h"

namespace ddb::json::internal {
namespace {

using S = Shape;

// --- Enum value sets, as DynamoDB prints them ---
constexpr std::string_view kCapacityValues[] = {"INDEXES", "TOTAL", "NONE"};
constexpr std::string_view kMetricsValues[] = {"SIZE", "NONE"};
constexpr std::string_view kReturnValuesValues[] = {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE",
                                                    "UPDATED_NEW"};
// Not in dynalite (newer than it); the API reference lists ALL_OLD | NONE.
constexpr std::string_view kOnConditionFailureValues[] = {"ALL_OLD", "NONE"};
constexpr std::string_view kConditionalOperatorValues[] = {"OR", "AND"};
constexpr std::string_view kComparisonValues[] = {
    "IN",       "NULL", "BETWEEN", "LT",          "NOT_CONTAINS", "EQ",      "GT",
    "NOT_NULL", "NE",   "LE",      "BEGINS_WITH", "GE",           "CONTAINS"};
// dynalite leaves Action unchecked; the API reference has ADD | PUT | DELETE.
constexpr std::string_view kActionValues[] = {"ADD", "PUT", "DELETE"};
constexpr std::string_view kSelectValues[] = {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES",
                                              "ALL_PROJECTED_ATTRIBUTES"};
constexpr std::string_view kBillingValues[] = {"PROVISIONED", "PAY_PER_REQUEST"};
constexpr std::string_view kKeyTypeValues[] = {"HASH", "RANGE"};
constexpr std::string_view kAttributeTypeValues[] = {"B", "N", "S"};
constexpr std::string_view kProjectionValues[] = {"ALL", "INCLUDE", "KEYS_ONLY"};

// --- Scalars ---
constexpr Node kString{.shape = S::kString};
constexpr Node kBoolean{.shape = S::kBoolean};
constexpr Node kNotNullString{.shape = S::kString, .not_null = true};
constexpr Node kTableName{.shape = S::kString,
                          .not_null = true,
                          .name_pattern = true,
                          .min_length = 3,
                          .max_length = 255};
// DescribeTable, DeleteTable, CreateTable, UpdateTable word a missing or short name apart.
constexpr Node kTableOpTableName{
    .shape = S::kString, .required_table_name = true, .name_pattern = true};
constexpr Node kIndexName{
    .shape = S::kString, .name_pattern = true, .min_length = 3, .max_length = 255};
constexpr Node kRequiredIndexName{.shape = S::kString,
                                  .not_null = true,
                                  .name_pattern = true,
                                  .min_length = 3,
                                  .max_length = 255};
constexpr Node kReturnConsumedCapacity{.shape = S::kString, .one_of = kCapacityValues};
constexpr Node kReturnItemCollectionMetrics{.shape = S::kString, .one_of = kMetricsValues};
constexpr Node kReturnValues{.shape = S::kString, .one_of = kReturnValuesValues};
constexpr Node kReturnValuesOnConditionCheckFailure{.shape = S::kString,
                                                    .one_of = kOnConditionFailureValues};
constexpr Node kConditionalOperator{.shape = S::kString, .one_of = kConditionalOperatorValues};
constexpr Node kComparisonOperator{.shape = S::kString, .one_of = kComparisonValues};
constexpr Node kRequiredComparisonOperator{
    .shape = S::kString, .not_null = true, .one_of = kComparisonValues};
constexpr Node kSelect{.shape = S::kString, .one_of = kSelectValues};
constexpr Node kLimit{.shape = S::kInteger, .min_value = 1};

// --- Attribute values and the maps that hold them ---
constexpr Node kAttributeValue{.shape = S::kAttributeValue};
constexpr Node kAttributeValueField{.shape = S::kAttributeValueField};
constexpr Node kAttributeMap{
    .shape = S::kMap, .java_type = "AttributeValue", .element = &kAttributeValue};
constexpr Node kRequiredAttributeMap{
    .shape = S::kMap, .java_type = "AttributeValue", .not_null = true, .element = &kAttributeValue};
constexpr Node kAttributeList{.shape = S::kList, .element = &kAttributeValue};
constexpr Node kExpressionAttributeNames{
    .shape = S::kMap, .java_type = "java.lang.String", .element = &kString};
constexpr Node kAttributesToGet{
    .shape = S::kList, .min_length = 1, .max_length = 255, .element = &kString};

// --- Legacy conditions and updates ---
constexpr Field kExpectedFields[] = {{"AttributeValueList", &kAttributeList},
                                     {"ComparisonOperator", &kComparisonOperator},
                                     {"Exists", &kBoolean},
                                     {"Value", &kAttributeValueField}};
constexpr Node kExpectedValue{
    .shape = S::kValueStruct, .java_type = "ExpectedAttributeValue", .fields = kExpectedFields};
constexpr Node kExpected{
    .shape = S::kMap, .java_type = "ExpectedAttributeValue", .element = &kExpectedValue};

// QueryFilter and ScanFilter list the members in one order, KeyConditions in the other.
constexpr Field kFilterConditionFields[] = {{"AttributeValueList", &kAttributeList},
                                            {"ComparisonOperator", &kRequiredComparisonOperator}};
constexpr Node kFilterCondition{
    .shape = S::kValueStruct, .java_type = "Condition", .fields = kFilterConditionFields};
constexpr Node kFilter{.shape = S::kMap, .java_type = "Condition", .element = &kFilterCondition};
constexpr Field kKeyConditionFields[] = {{"ComparisonOperator", &kRequiredComparisonOperator},
                                         {"AttributeValueList", &kAttributeList}};
constexpr Node kKeyCondition{
    .shape = S::kValueStruct, .java_type = "Condition", .fields = kKeyConditionFields};
constexpr Node kKeyConditions{
    .shape = S::kMap, .java_type = "Condition", .element = &kKeyCondition};

constexpr Node kAction{.shape = S::kString, .one_of = kActionValues};
constexpr Field kAttributeValueUpdateFields[] = {{"Action", &kAction},
                                                 {"Value", &kAttributeValueField}};
constexpr Node kAttributeValueUpdate{.shape = S::kValueStruct,
                                     .java_type = "AttributeValueUpdate",
                                     .fields = kAttributeValueUpdateFields};
constexpr Node kAttributeUpdates{
    .shape = S::kMap, .java_type = "AttributeValueUpdate", .element = &kAttributeValueUpdate};

// --- Item operations ---
constexpr Field kPutItem[] = {
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"TableName", &kTableName},
    {"Item", &kRequiredAttributeMap},
    {"ConditionalOperator", &kConditionalOperator},
    {"Expected", &kExpected},
    {"ReturnValues", &kReturnValues},
    {"ReturnItemCollectionMetrics", &kReturnItemCollectionMetrics},
    {"ConditionExpression", &kString},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ReturnValuesOnConditionCheckFailure", &kReturnValuesOnConditionCheckFailure},
};

constexpr Field kUpdateItem[] = {
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"TableName", &kTableName},
    {"ReturnItemCollectionMetrics", &kReturnItemCollectionMetrics},
    {"ReturnValues", &kReturnValues},
    {"Key", &kRequiredAttributeMap},
    {"ConditionalOperator", &kConditionalOperator},
    {"Expected", &kExpected},
    {"AttributeUpdates", &kAttributeUpdates},
    {"ConditionExpression", &kString},
    {"UpdateExpression", &kString},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ReturnValuesOnConditionCheckFailure", &kReturnValuesOnConditionCheckFailure},
};

constexpr Field kDeleteItem[] = {
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"TableName", &kTableName},
    {"ReturnValues", &kReturnValues},
    {"ReturnItemCollectionMetrics", &kReturnItemCollectionMetrics},
    {"Key", &kRequiredAttributeMap},
    {"ConditionalOperator", &kConditionalOperator},
    {"Expected", &kExpected},
    {"ConditionExpression", &kString},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ReturnValuesOnConditionCheckFailure", &kReturnValuesOnConditionCheckFailure},
};

constexpr Field kGetItem[] = {
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"AttributesToGet", &kAttributesToGet},
    {"TableName", &kTableName},
    {"Key", &kRequiredAttributeMap},
    {"ConsistentRead", &kBoolean},
    {"ProjectionExpression", &kString},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
};

// --- Batches ---
constexpr Node kKey{.shape = S::kParameterizedMap, .element = &kAttributeValue};
constexpr Node kKeys{
    .shape = S::kList, .not_null = true, .min_length = 1, .max_length = 100, .element = &kKey};
constexpr Field kKeysAndAttributesFields[] = {
    {"Keys", &kKeys},
    {"AttributesToGet", &kAttributesToGet},
    {"ConsistentRead", &kBoolean},
    {"ProjectionExpression", &kString},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
};
constexpr Node kKeysAndAttributes{
    .shape = S::kValueStruct, .java_type = "KeysAndAttributes", .fields = kKeysAndAttributesFields};
constexpr Node kGetRequestItems{.shape = S::kMap,
                                .java_type = "KeysAndAttributes",
                                .not_null = true,
                                .min_length = 1,
                                .table_name_keys = true,
                                .element = &kKeysAndAttributes};
constexpr Field kBatchGetItem[] = {
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"RequestItems", &kGetRequestItems},
};

constexpr Field kDeleteRequestFields[] = {{"Key", &kRequiredAttributeMap}};
constexpr Field kPutRequestFields[] = {{"Item", &kRequiredAttributeMap}};
constexpr Node kDeleteRequest{
    .shape = S::kFieldStruct, .java_type = "DeleteRequest", .fields = kDeleteRequestFields};
constexpr Node kPutRequest{
    .shape = S::kFieldStruct, .java_type = "PutRequest", .fields = kPutRequestFields};
constexpr Field kWriteRequestFields[] = {{"DeleteRequest", &kDeleteRequest},
                                         {"PutRequest", &kPutRequest}};
constexpr Node kWriteRequest{
    .shape = S::kValueStruct, .java_type = "WriteRequest", .fields = kWriteRequestFields};
constexpr Node kWriteRequests{.shape = S::kParameterizedList, .element = &kWriteRequest};
constexpr Node kWriteRequestItems{
    .shape = S::kMap,
    .java_type = "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>",
    .not_null = true,
    .min_length = 1,
    .table_name_keys = true,
    .batch_write_values = true,
    .element = &kWriteRequests};
constexpr Field kBatchWriteItem[] = {
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"ReturnItemCollectionMetrics", &kReturnItemCollectionMetrics},
    {"RequestItems", &kWriteRequestItems},
};

// --- Scan and Query ---
// dynalite has only the lower bounds; the upper ones are the API reference's.
constexpr Node kTotalSegments{.shape = S::kInteger, .min_value = 1, .max_value = 1000000};
constexpr Node kSegment{.shape = S::kInteger, .min_value = 0, .max_value = 999999};
constexpr Field kScan[] = {
    {"Select", &kSelect},
    {"IndexName", &kIndexName},
    {"TotalSegments", &kTotalSegments},
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"TableName", &kTableName},
    {"ConditionalOperator", &kConditionalOperator},
    {"ScanFilter", &kFilter},
    {"Segment", &kSegment},
    {"Limit", &kLimit},
    {"AttributesToGet", &kAttributesToGet},
    {"ExclusiveStartKey", &kAttributeMap},
    {"FilterExpression", &kString},
    {"ProjectionExpression", &kString},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ConsistentRead", &kBoolean},  // not in dynalite's Scan table
};

constexpr Field kQuery[] = {
    {"Select", &kSelect},
    {"IndexName", &kIndexName},
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"QueryFilter", &kFilter},
    {"TableName", &kTableName},
    {"ConditionalOperator", &kConditionalOperator},
    {"AttributesToGet", &kAttributesToGet},
    {"Limit", &kLimit},
    {"KeyConditions", &kKeyConditions},
    {"ExclusiveStartKey", &kAttributeMap},
    {"ConsistentRead", &kBoolean},
    {"ScanIndexForward", &kBoolean},
    {"KeyConditionExpression", &kString},
    {"FilterExpression", &kString},
    {"ProjectionExpression", &kString},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
};

// --- Transactions (not in dynalite: members and constraints from the API reference, in its
// order) ---
constexpr Node kClientRequestToken{.shape = S::kString, .min_length = 1, .max_length = 36};
constexpr Field kConditionCheckFields[] = {
    {"Key", &kRequiredAttributeMap},
    {"TableName", &kTableName},
    {"ConditionExpression", &kNotNullString},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ReturnValuesOnConditionCheckFailure", &kReturnValuesOnConditionCheckFailure},
};
constexpr Field kTransactPutFields[] = {
    {"Item", &kRequiredAttributeMap},
    {"TableName", &kTableName},
    {"ConditionExpression", &kString},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ReturnValuesOnConditionCheckFailure", &kReturnValuesOnConditionCheckFailure},
};
constexpr Field kTransactDeleteFields[] = {
    {"Key", &kRequiredAttributeMap},
    {"TableName", &kTableName},
    {"ConditionExpression", &kString},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ReturnValuesOnConditionCheckFailure", &kReturnValuesOnConditionCheckFailure},
};
constexpr Field kTransactUpdateFields[] = {
    {"Key", &kRequiredAttributeMap},
    {"UpdateExpression", &kNotNullString},
    {"TableName", &kTableName},
    {"ConditionExpression", &kString},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
    {"ExpressionAttributeValues", &kAttributeMap},
    {"ReturnValuesOnConditionCheckFailure", &kReturnValuesOnConditionCheckFailure},
};
constexpr Node kConditionCheck{
    .shape = S::kFieldStruct, .java_type = "ConditionCheck", .fields = kConditionCheckFields};
constexpr Node kTransactPut{.shape = S::kFieldStruct, .java_type = "Put", .fields = kTransactPutFields};
constexpr Node kTransactDelete{
    .shape = S::kFieldStruct, .java_type = "Delete", .fields = kTransactDeleteFields};
constexpr Node kTransactUpdate{
    .shape = S::kFieldStruct, .java_type = "Update", .fields = kTransactUpdateFields};
constexpr Field kTransactWriteItemFields[] = {{"ConditionCheck", &kConditionCheck},
                                              {"Put", &kTransactPut},
                                              {"Delete", &kTransactDelete},
                                              {"Update", &kTransactUpdate}};
constexpr Node kTransactWriteItem{.shape = S::kValueStruct,
                                  .java_type = "TransactWriteItem",
                                  .fields = kTransactWriteItemFields};
constexpr Node kTransactWriteItems{.shape = S::kList,
                                   .not_null = true,
                                   .min_length = 1,
                                   .max_length = 100,
                                   .element = &kTransactWriteItem};
constexpr Field kTransactWriteItemsFields[] = {
    {"TransactItems", &kTransactWriteItems},
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
    {"ReturnItemCollectionMetrics", &kReturnItemCollectionMetrics},
    {"ClientRequestToken", &kClientRequestToken},
};

constexpr Field kTransactGetFields[] = {
    {"Key", &kRequiredAttributeMap},
    {"TableName", &kTableName},
    {"ProjectionExpression", &kString},
    {"ExpressionAttributeNames", &kExpressionAttributeNames},
};
constexpr Node kTransactGet{.shape = S::kFieldStruct,
                            .java_type = "Get",
                            .not_null = true,
                            .fields = kTransactGetFields};
constexpr Field kTransactGetItemFields[] = {{"Get", &kTransactGet}};
constexpr Node kTransactGetItem{
    .shape = S::kValueStruct, .java_type = "TransactGetItem", .fields = kTransactGetItemFields};
constexpr Node kTransactGetItems{.shape = S::kList,
                                 .not_null = true,
                                 .min_length = 1,
                                 .max_length = 100,
                                 .element = &kTransactGetItem};
constexpr Field kTransactGetItemsFields[] = {
    {"TransactItems", &kTransactGetItems},
    {"ReturnConsumedCapacity", &kReturnConsumedCapacity},
};

// --- Table operations ---
constexpr Node kCapacityUnits{.shape = S::kLong, .not_null = true, .min_value = 1};
constexpr Field kThroughputFields[] = {{"WriteCapacityUnits", &kCapacityUnits},
                                       {"ReadCapacityUnits", &kCapacityUnits}};
constexpr Node kThroughput{
    .shape = S::kFieldStruct, .java_type = "ProvisionedThroughput", .fields = kThroughputFields};
constexpr Node kRequiredThroughput{.shape = S::kFieldStruct,
                                   .java_type = "ProvisionedThroughput",
                                   .not_null = true,
                                   .fields = kThroughputFields};

constexpr Node kAttributeType{
    .shape = S::kString, .not_null = true, .one_of = kAttributeTypeValues};
constexpr Field kAttributeDefinitionFields[] = {{"AttributeName", &kNotNullString},
                                                {"AttributeType", &kAttributeType}};
constexpr Node kAttributeDefinition{.shape = S::kValueStruct,
                                    .java_type = "AttributeDefinition",
                                    .fields = kAttributeDefinitionFields};
constexpr Node kAttributeDefinitions{
    .shape = S::kList, .not_null = true, .element = &kAttributeDefinition};
constexpr Node kOptionalAttributeDefinitions{.shape = S::kList, .element = &kAttributeDefinition};

// The table's key schema checks KeyType against the enum; index key schemas do not.
constexpr Node kKeyType{.shape = S::kString, .not_null = true, .one_of = kKeyTypeValues};
constexpr Field kKeySchemaElementFields[] = {{"AttributeName", &kNotNullString},
                                             {"KeyType", &kKeyType}};
constexpr Field kIndexKeySchemaElementFields[] = {{"AttributeName", &kNotNullString},
                                                  {"KeyType", &kNotNullString}};
constexpr Node kKeySchemaElement{
    .shape = S::kValueStruct, .java_type = "KeySchemaElement", .fields = kKeySchemaElementFields};
constexpr Node kIndexKeySchemaElement{.shape = S::kValueStruct,
                                      .java_type = "KeySchemaElement",
                                      .fields = kIndexKeySchemaElementFields};
constexpr Node kKeySchema{.shape = S::kList,
                          .not_null = true,
                          .min_length = 1,
                          .max_length = 2,
                          .element = &kKeySchemaElement};
constexpr Node kIndexKeySchema{.shape = S::kList,
                               .not_null = true,
                               .min_length = 1,
                               .max_length = 2,
                               .element = &kIndexKeySchemaElement};

constexpr Node kProjectionType{.shape = S::kString, .one_of = kProjectionValues};
constexpr Node kNonKeyAttributes{.shape = S::kList, .min_length = 1, .element = &kString};
constexpr Field kProjectionFields[] = {{"ProjectionType", &kProjectionType},
                                       {"NonKeyAttributes", &kNonKeyAttributes}};
constexpr Node kProjection{.shape = S::kFieldStruct,
                           .java_type = "Projection",
                           .not_null = true,
                           .fields = kProjectionFields};

constexpr Field kLocalIndexFields[] = {{"IndexName", &kRequiredIndexName},
                                       {"KeySchema", &kIndexKeySchema},
                                       {"Projection", &kProjection}};
constexpr Node kLocalIndex{
    .shape = S::kValueStruct, .java_type = "LocalSecondaryIndex", .fields = kLocalIndexFields};
constexpr Field kGlobalIndexFields[] = {{"IndexName", &kRequiredIndexName},
                                        {"KeySchema", &kIndexKeySchema},
                                        {"Projection", &kProjection},
                                        {"ProvisionedThroughput", &kThroughput}};
constexpr Node kGlobalIndex{
    .shape = S::kValueStruct, .java_type = "GlobalSecondaryIndex", .fields = kGlobalIndexFields};
constexpr Node kBillingMode{.shape = S::kString, .one_of = kBillingValues};

constexpr Node kLocalIndexes{.shape = S::kList, .element = &kLocalIndex};
constexpr Node kGlobalIndexes{.shape = S::kList, .element = &kGlobalIndex};

// --- Tags (dynalite records the types only; the constraints are the API reference's) ---
constexpr Node kTagKey{.shape = S::kString, .not_null = true, .min_length = 1, .max_length = 128};
constexpr Node kTagValue{.shape = S::kString, .not_null = true, .max_length = 256};
constexpr Field kTagFields[] = {{"Key", &kTagKey}, {"Value", &kTagValue}};
constexpr Node kTag{.shape = S::kValueStruct, .java_type = "Tag", .fields = kTagFields};
constexpr Node kTags{.shape = S::kList, .element = &kTag};
constexpr Node kRequiredTags{.shape = S::kList, .not_null = true, .element = &kTag};
constexpr Node kTagKeyString{.shape = S::kString, .min_length = 1, .max_length = 128};
constexpr Node kTagKeys{.shape = S::kList, .not_null = true, .element = &kTagKeyString};
// The type phase alone (TagResource and UntagResource check the ARN in between).
constexpr Field kTagTypeFields[] = {{"Key", &kString}, {"Value", &kString}};
constexpr Node kTagType{.shape = S::kValueStruct, .java_type = "Tag", .fields = kTagTypeFields};
constexpr Node kTagTypes{.shape = S::kList, .element = &kTagType};
constexpr Node kStringList{.shape = S::kList, .element = &kString};

constexpr Field kCreateTable[] = {
    {"AttributeDefinitions", &kAttributeDefinitions},
    {"TableName", &kTableOpTableName},
    {"BillingMode", &kBillingMode},
    {"ProvisionedThroughput", &kThroughput},
    {"KeySchema", &kKeySchema},
    {"LocalSecondaryIndexes", &kLocalIndexes},
    {"GlobalSecondaryIndexes", &kGlobalIndexes},
    {"Tags", &kTags},  // not in dynalite's table; placed last
};

constexpr Field kTagResourceTypes[] = {{"ResourceArn", &kString}, {"Tags", &kTagTypes}};
constexpr Field kTagResource[] = {{"ResourceArn", &kString}, {"Tags", &kRequiredTags}};
constexpr Field kUntagResourceTypes[] = {{"ResourceArn", &kString}, {"TagKeys", &kStringList}};
constexpr Field kUntagResource[] = {{"ResourceArn", &kString}, {"TagKeys", &kTagKeys}};
constexpr Field kListTagsOfResource[] = {{"ResourceArn", &kString}, {"NextToken", &kString}};

// dynalite requires ProvisionedThroughput in Update and Create; DynamoDB's API reference does
// not for Create (an on-demand table's new index has none), so only Update requires it.
constexpr Field kUpdateIndexFields[] = {{"IndexName", &kRequiredIndexName},
                                        {"ProvisionedThroughput", &kRequiredThroughput}};
constexpr Field kCreateIndexFields[] = {{"Projection", &kProjection},
                                        {"IndexName", &kRequiredIndexName},
                                        {"ProvisionedThroughput", &kThroughput},
                                        {"KeySchema", &kIndexKeySchema}};
constexpr Field kDeleteIndexFields[] = {{"IndexName", &kRequiredIndexName}};
constexpr Node kUpdateIndex{.shape = S::kFieldStruct,
                            .java_type = "UpdateGlobalSecondaryIndexAction",
                            .fields = kUpdateIndexFields};
constexpr Node kCreateIndex{.shape = S::kFieldStruct,
                            .java_type = "CreateGlobalSecondaryIndexAction",
                            .fields = kCreateIndexFields};
constexpr Node kDeleteIndex{.shape = S::kFieldStruct,
                            .java_type = "DeleteGlobalSecondaryIndexAction",
                            .fields = kDeleteIndexFields};
constexpr Field kIndexUpdateFields[] = {
    {"Update", &kUpdateIndex}, {"Create", &kCreateIndex}, {"Delete", &kDeleteIndex}};
constexpr Node kIndexUpdate{.shape = S::kValueStruct,
                            .java_type = "GlobalSecondaryIndexUpdate",
                            .fields = kIndexUpdateFields};
constexpr Node kIndexUpdates{.shape = S::kList, .element = &kIndexUpdate};

constexpr Field kUpdateTable[] = {
    {"TableName", &kTableOpTableName},
    {"ProvisionedThroughput", &kThroughput},
    {"BillingMode", &kBillingMode},
    {"GlobalSecondaryIndexUpdates", &kIndexUpdates},
    // Not in dynalite's table (which predates it); placed last.
    {"AttributeDefinitions", &kOptionalAttributeDefinitions},
};

constexpr Field kTableNameOnly[] = {{"TableName", &kTableOpTableName}};

constexpr Node kListLimit{.shape = S::kInteger, .min_value = 1, .max_value = 100};
constexpr Field kListTables[] = {{"Limit", &kListLimit}, {"ExclusiveStartTableName", &kIndexName}};

}  // namespace

Schema CreateTableSchema() { return kCreateTable; }
Schema DescribeTableSchema() { return kTableNameOnly; }
Schema ListTablesSchema() { return kListTables; }
Schema DeleteTableSchema() { return kTableNameOnly; }
Schema UpdateTableSchema() { return kUpdateTable; }
Schema PutItemSchema() { return kPutItem; }
Schema GetItemSchema() { return kGetItem; }
Schema UpdateItemSchema() { return kUpdateItem; }
Schema DeleteItemSchema() { return kDeleteItem; }
Schema BatchWriteItemSchema() { return kBatchWriteItem; }
Schema BatchGetItemSchema() { return kBatchGetItem; }
Schema ScanSchema() { return kScan; }
Schema QuerySchema() { return kQuery; }
Schema TagResourceTypesSchema() { return kTagResourceTypes; }
Schema TagResourceSchema() { return kTagResource; }
Schema UntagResourceTypesSchema() { return kUntagResourceTypes; }
Schema UntagResourceSchema() { return kUntagResource; }
Schema ListTagsOfResourceSchema() { return kListTagsOfResource; }
Schema NoMembersSchema() { return {}; }
Schema TransactWriteItemsSchema() { return kTransactWriteItemsFields; }
Schema TransactGetItemsSchema() { return kTransactGetItemsFields; }

}  // namespace ddb::json::internal
