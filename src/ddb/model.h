// Typed request/response shapes of the DynamoDB operations this project speaks.
// Field names follow the DynamoDB API reference (snake_case of the wire names).
// Optional wire members are std::optional; absent collections are empty.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ddb/attribute_value.h"

namespace ddb {

using ExpressionAttributeNames = std::map<std::string, std::string, std::less<>>;
using ExpressionAttributeValues = std::map<std::string, AttributeValue, std::less<>>;

enum class ScalarAttributeType { S, N, B };
enum class KeyType { HASH, RANGE };
enum class ProjectionType { ALL, KEYS_ONLY, INCLUDE };
enum class BillingMode { PAY_PER_REQUEST, PROVISIONED };
enum class TableStatus { CREATING, UPDATING, DELETING, ACTIVE };
enum class IndexStatus { CREATING, UPDATING, DELETING, ACTIVE };
enum class ReturnValue { NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW };
enum class Select { ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT };
enum class ReturnValuesOnConditionCheckFailure { NONE, ALL_OLD };
enum class ReturnConsumedCapacity { NONE, TOTAL, INDEXES };
enum class ReturnItemCollectionMetrics { NONE, SIZE };
// Legacy (pre-expression) parameters.
enum class ConditionalOperator { AND, OR };
enum class ComparisonOperator {
  EQ, NE, IN, LE, LT, GE, GT, BETWEEN, NOT_NULL, NULL_, CONTAINS, NOT_CONTAINS, BEGINS_WITH
};
enum class AttributeAction { ADD, PUT, DELETE };

std::string_view ToString(ScalarAttributeType v);
std::string_view ToString(KeyType v);
std::string_view ToString(ProjectionType v);
std::string_view ToString(BillingMode v);
std::string_view ToString(TableStatus v);
std::string_view ToString(IndexStatus v);
std::string_view ToString(ReturnValue v);
std::string_view ToString(Select v);
std::string_view ToString(ReturnValuesOnConditionCheckFailure v);
std::string_view ToString(ReturnConsumedCapacity v);
std::string_view ToString(ReturnItemCollectionMetrics v);
std::string_view ToString(ConditionalOperator v);
std::string_view ToString(ComparisonOperator v);  // NULL_ -> "NULL"
std::string_view ToString(AttributeAction v);
// Parse the wire spelling; nullopt when unknown.
std::optional<ScalarAttributeType> ParseScalarAttributeType(std::string_view s);
std::optional<KeyType> ParseKeyType(std::string_view s);
std::optional<ProjectionType> ParseProjectionType(std::string_view s);
std::optional<BillingMode> ParseBillingMode(std::string_view s);
std::optional<TableStatus> ParseTableStatus(std::string_view s);
std::optional<IndexStatus> ParseIndexStatus(std::string_view s);
std::optional<ReturnValue> ParseReturnValue(std::string_view s);
std::optional<Select> ParseSelect(std::string_view s);
std::optional<ReturnValuesOnConditionCheckFailure> ParseReturnValuesOnConditionCheckFailure(
    std::string_view s);
std::optional<ReturnConsumedCapacity> ParseReturnConsumedCapacity(std::string_view s);
std::optional<ReturnItemCollectionMetrics> ParseReturnItemCollectionMetrics(std::string_view s);
std::optional<ConditionalOperator> ParseConditionalOperator(std::string_view s);
std::optional<ComparisonOperator> ParseComparisonOperator(std::string_view s);
std::optional<AttributeAction> ParseAttributeAction(std::string_view s);

// --- Legacy parameter shapes (Expected, KeyConditions/QueryFilter/ScanFilter, AttributeUpdates) ---

// One entry of Expected. Which members were present matters to DynamoDB's validation
// ("Value and AttributeValueList cannot be used together ..."), so each is optional.
struct ExpectedAttributeValue {
  std::optional<AttributeValue> value;
  std::optional<bool> exists;
  std::optional<ComparisonOperator> comparison_operator;
  std::optional<AttributeList> attribute_value_list;
};
using ExpectedMap = std::map<std::string, ExpectedAttributeValue, std::less<>>;

// One entry of KeyConditions, QueryFilter or ScanFilter.
struct LegacyCondition {
  ComparisonOperator comparison_operator = ComparisonOperator::EQ;
  AttributeList attribute_value_list;
};
using LegacyConditionMap = std::map<std::string, LegacyCondition, std::less<>>;

// One entry of AttributeUpdates; an absent Action means PUT.
struct AttributeValueUpdate {
  std::optional<AttributeValue> value;
  std::optional<AttributeAction> action;
};
using AttributeUpdates = std::map<std::string, AttributeValueUpdate, std::less<>>;

// --- Capacity and item collections (ReturnConsumedCapacity, ReturnItemCollectionMetrics) ---

struct Capacity {
  double capacity_units = 0;
  std::optional<double> read_capacity_units;
  std::optional<double> write_capacity_units;
};

// As DynamoDB answers: TOTAL fills table_name and the totals; INDEXES also `table` and the
// per-index maps (only indexes that were touched).
struct ConsumedCapacity {
  std::string table_name;
  double capacity_units = 0;
  std::optional<double> read_capacity_units;
  std::optional<double> write_capacity_units;
  std::optional<Capacity> table;
  std::map<std::string, Capacity, std::less<>> local_secondary_indexes;
  std::map<std::string, Capacity, std::less<>> global_secondary_indexes;
};

struct ItemCollectionMetrics {
  Key item_collection_key;
  std::vector<double> size_estimate_range_gb;
};

struct AttributeDefinition {
  std::string attribute_name;
  ScalarAttributeType attribute_type = ScalarAttributeType::S;
  friend bool operator==(const AttributeDefinition&, const AttributeDefinition&) = default;
};

struct KeySchemaElement {
  std::string attribute_name;
  KeyType key_type = KeyType::HASH;
  friend bool operator==(const KeySchemaElement&, const KeySchemaElement&) = default;
};

struct Projection {
  ProjectionType projection_type = ProjectionType::ALL;
  std::vector<std::string> non_key_attributes;  // INCLUDE only
  friend bool operator==(const Projection&, const Projection&) = default;
};

struct ProvisionedThroughput {
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
  friend bool operator==(const ProvisionedThroughput&, const ProvisionedThroughput&) = default;
};

struct GlobalSecondaryIndex {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  std::optional<ProvisionedThroughput> provisioned_throughput;
};

struct GlobalSecondaryIndexDescription {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  IndexStatus index_status = IndexStatus::ACTIVE;
  bool backfilling = false;
  std::optional<ProvisionedThroughput> provisioned_throughput;
  int64_t index_size_bytes = 0;
  int64_t item_count = 0;
  std::string index_arn;
};

struct TableDescription {
  std::string table_name;
  std::string table_arn;
  std::string table_id;
  TableStatus table_status = TableStatus::ACTIVE;
  double creation_date_time = 0;  // seconds since the epoch
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<KeySchemaElement> key_schema;
  std::vector<GlobalSecondaryIndexDescription> global_secondary_indexes;
  BillingMode billing_mode = BillingMode::PAY_PER_REQUEST;
  std::optional<ProvisionedThroughput> provisioned_throughput;
  int64_t item_count = 0;
  int64_t table_size_bytes = 0;
};

// A tag of a table (TagResource, CreateTable's Tags): key 1..128, value 0..256 characters.
struct Tag {
  std::string key;
  std::string value;
  friend bool operator==(const Tag&, const Tag&) = default;
};
constexpr size_t kMaxTagsPerResource = 50;

// --- Table operations ---

struct CreateTableRequest {
  std::string table_name;
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<KeySchemaElement> key_schema;
  std::vector<GlobalSecondaryIndex> global_secondary_indexes;
  std::optional<BillingMode> billing_mode;  // absent means PROVISIONED on the wire
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::vector<Tag> tags;
};
struct CreateTableResponse {
  TableDescription table_description;
};

struct DescribeTableRequest {
  std::string table_name;
};
struct DescribeTableResponse {
  TableDescription table;
};

struct ListTablesRequest {
  std::optional<int32_t> limit;  // 1..100
  std::optional<std::string> exclusive_start_table_name;
};
struct ListTablesResponse {
  std::vector<std::string> table_names;
  std::optional<std::string> last_evaluated_table_name;
};

struct DeleteTableRequest {
  std::string table_name;
};
struct DeleteTableResponse {
  TableDescription table_description;
};

struct GlobalSecondaryIndexUpdate {
  std::optional<GlobalSecondaryIndex> create;
  std::optional<std::string> delete_index_name;
};
struct UpdateTableRequest {
  std::string table_name;
  std::vector<AttributeDefinition> attribute_definitions;  // needed for new index keys
  std::vector<GlobalSecondaryIndexUpdate> global_secondary_index_updates;
  std::optional<BillingMode> billing_mode;
  std::optional<ProvisionedThroughput> provisioned_throughput;
};
struct UpdateTableResponse {
  TableDescription table_description;
};

// --- Item operations ---

// The parameters every single-item write shares (PutItem, UpdateItem, DeleteItem).
struct WriteConditionParams {
  std::optional<std::string> condition_expression;
  ExpressionAttributeNames expression_attribute_names;
  ExpressionAttributeValues expression_attribute_values;
  std::optional<ExpectedMap> expected;  // legacy; present (even empty) when sent
  std::optional<ConditionalOperator> conditional_operator;
  ReturnValue return_values = ReturnValue::NONE;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::NONE;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::NONE;
};

struct PutItemRequest : WriteConditionParams {
  std::string table_name;
  Item item;
};
struct WriteItemResponse {
  std::optional<Item> attributes;  // per ReturnValues
  std::optional<ConsumedCapacity> consumed_capacity;
  std::optional<ItemCollectionMetrics> item_collection_metrics;
};
struct PutItemResponse : WriteItemResponse {};

struct UpdateItemRequest : WriteConditionParams {
  std::string table_name;
  Key key;
  std::optional<std::string> update_expression;
  std::optional<AttributeUpdates> attribute_updates;  // legacy
};
struct UpdateItemResponse : WriteItemResponse {};

struct GetItemRequest {
  std::string table_name;
  Key key;
  bool consistent_read = false;
  std::optional<std::string> projection_expression;
  ExpressionAttributeNames expression_attribute_names;
  std::optional<std::vector<std::string>> attributes_to_get;  // legacy
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
};
struct GetItemResponse {
  std::optional<Item> item;
  std::optional<ConsumedCapacity> consumed_capacity;
};

struct DeleteItemRequest : WriteConditionParams {
  std::string table_name;
  Key key;
};
struct DeleteItemResponse : WriteItemResponse {};

// One element of a BatchWriteItem: exactly one of put_item / delete_key is set.
struct WriteRequest {
  std::optional<Item> put_item;
  std::optional<Key> delete_key;
  static WriteRequest Put(Item item) { return WriteRequest{std::move(item), std::nullopt}; }
  static WriteRequest Delete(Key key) { return WriteRequest{std::nullopt, std::move(key)}; }
};

constexpr size_t kMaxBatchWriteItems = 25;
constexpr size_t kMaxBatchGetKeys = 100;
constexpr size_t kMaxPageBytes = 1024 * 1024;  // Scan/Query page limit (1 MB)

struct BatchWriteItemRequest {
  std::map<std::string, std::vector<WriteRequest>, std::less<>> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::NONE;
};
struct BatchWriteItemResponse {
  std::map<std::string, std::vector<WriteRequest>, std::less<>> unprocessed_items;
  std::vector<ConsumedCapacity> consumed_capacity;  // one per table, when asked
  std::map<std::string, std::vector<ItemCollectionMetrics>, std::less<>> item_collection_metrics;
};

struct KeysAndAttributes {
  std::vector<Key> keys;
  bool consistent_read = false;
  std::optional<std::string> projection_expression;
  ExpressionAttributeNames expression_attribute_names;
  std::optional<std::vector<std::string>> attributes_to_get;  // legacy
};
struct BatchGetItemRequest {
  std::map<std::string, KeysAndAttributes, std::less<>> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
};
struct BatchGetItemResponse {
  std::map<std::string, std::vector<Item>, std::less<>> responses;
  std::map<std::string, KeysAndAttributes, std::less<>> unprocessed_keys;
  std::vector<ConsumedCapacity> consumed_capacity;  // one per table, when asked
};

struct ScanRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<int32_t> limit;
  std::optional<Key> exclusive_start_key;
  std::optional<int32_t> segment;
  std::optional<int32_t> total_segments;
  std::optional<std::string> filter_expression;
  std::optional<std::string> projection_expression;
  ExpressionAttributeNames expression_attribute_names;
  ExpressionAttributeValues expression_attribute_values;
  std::optional<Select> select;
  bool consistent_read = false;
  // Legacy parameters.
  std::optional<std::vector<std::string>> attributes_to_get;
  std::optional<LegacyConditionMap> scan_filter;
  std::optional<ConditionalOperator> conditional_operator;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
};

struct QueryRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<std::string> key_condition_expression;
  std::optional<std::string> filter_expression;
  std::optional<std::string> projection_expression;
  ExpressionAttributeNames expression_attribute_names;
  ExpressionAttributeValues expression_attribute_values;
  bool scan_index_forward = true;
  std::optional<int32_t> limit;
  std::optional<Key> exclusive_start_key;
  std::optional<Select> select;
  bool consistent_read = false;
  // Legacy parameters.
  std::optional<std::vector<std::string>> attributes_to_get;
  std::optional<LegacyConditionMap> key_conditions;
  std::optional<LegacyConditionMap> query_filter;
  std::optional<ConditionalOperator> conditional_operator;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
};

// Scan and Query answer with the same shape.
struct ScanResponse {
  std::vector<Item> items;
  int64_t count = 0;
  int64_t scanned_count = 0;
  std::optional<Key> last_evaluated_key;
  std::optional<ConsumedCapacity> consumed_capacity;
};
using QueryResponse = ScanResponse;

// --- Tags, limits, endpoints (TagResource, UntagResource, ListTagsOfResource,
// DescribeLimits, DescribeEndpoints) ---

struct TagResourceRequest {
  std::string resource_arn;  // the table's ARN, as DescribeTable gives it
  std::vector<Tag> tags;
};
struct TagResourceResponse {};
struct UntagResourceRequest {
  std::string resource_arn;
  std::vector<std::string> tag_keys;
};
struct UntagResourceResponse {};
struct ListTagsOfResourceRequest {
  std::string resource_arn;
  std::optional<std::string> next_token;
};
struct ListTagsOfResourceResponse {
  std::vector<Tag> tags;
  std::optional<std::string> next_token;
};

struct DescribeLimitsRequest {};
struct DescribeLimitsResponse {
  int64_t account_max_read_capacity_units = 0;
  int64_t account_max_write_capacity_units = 0;
  int64_t table_max_read_capacity_units = 0;
  int64_t table_max_write_capacity_units = 0;
};

struct DescribeEndpointsRequest {};
struct Endpoint {
  std::string address;
  int64_t cache_period_in_minutes = 1440;
};
struct DescribeEndpointsResponse {
  std::vector<Endpoint> endpoints;
};

// --- Transactions (TransactWriteItems, TransactGetItems) ---

constexpr size_t kMaxTransactItems = 100;
constexpr size_t kMaxTransactBytes = 4 * 1024 * 1024;  // aggregate size of one transaction

// The members every TransactWriteItem action shares.
struct TransactActionParams {
  std::string table_name;
  std::optional<std::string> condition_expression;
  ExpressionAttributeNames expression_attribute_names;
  ExpressionAttributeValues expression_attribute_values;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::NONE;
};
struct TransactConditionCheck : TransactActionParams {
  Key key;  // condition_expression is required
};
struct TransactPut : TransactActionParams {
  Item item;
};
struct TransactDelete : TransactActionParams {
  Key key;
};
struct TransactUpdate : TransactActionParams {
  Key key;
  std::string update_expression;
};
// Exactly one member is set.
struct TransactWriteItem {
  std::optional<TransactConditionCheck> condition_check;
  std::optional<TransactPut> put;
  std::optional<TransactDelete> delete_;
  std::optional<TransactUpdate> update;
};
struct TransactWriteItemsRequest {
  std::vector<TransactWriteItem> transact_items;
  std::optional<std::string> client_request_token;  // 1..36 characters
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::NONE;
};
struct TransactWriteItemsResponse {
  std::vector<ConsumedCapacity> consumed_capacity;  // one per table, when asked
  std::map<std::string, std::vector<ItemCollectionMetrics>, std::less<>> item_collection_metrics;
};

struct TransactGet {
  std::string table_name;
  Key key;
  std::optional<std::string> projection_expression;
  ExpressionAttributeNames expression_attribute_names;
};
struct TransactGetItem {
  std::optional<TransactGet> get;  // required on the wire
};
struct TransactGetItemsRequest {
  std::vector<TransactGetItem> transact_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::NONE;
};
struct ItemResponse {
  std::optional<Item> item;  // absent when the item does not exist
};
struct TransactGetItemsResponse {
  std::vector<ItemResponse> responses;  // in request order
  std::vector<ConsumedCapacity> consumed_capacity;
};

}  // namespace ddb
