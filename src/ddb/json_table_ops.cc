// Table operations (CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable) and
// TableDescription <-> DynamoDB JSON.
#include <cmath>

#include "ddb/json.h"
#include "ddb/json_check.h"
#include "ddb/json_internal.h"

namespace ddb::json {
namespace internal {
namespace {

constexpr std::string_view kScalarTypes = "B, N, S";
constexpr std::string_view kKeyTypes = "HASH, RANGE";
constexpr std::string_view kProjectionTypes = "ALL, INCLUDE, KEYS_ONLY";
constexpr std::string_view kBillingModes = "PROVISIONED, PAY_PER_REQUEST";
constexpr std::string_view kStatuses = "CREATING, UPDATING, DELETING, ACTIVE";

// --- Decoding ---

Status ReadAttributeDefinition(const Value& v, AttributeDefinition& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "AttributeDefinitions"));
  XR_RETURN_IF_ERROR(RequireString(v, "AttributeName", out.attribute_name));
  if (Find(v, "AttributeType") == nullptr) return MissingMember("AttributeType");
  return ReadEnum(v, "AttributeType", &ParseScalarAttributeType, kScalarTypes, out.attribute_type);
}

Status ReadKeySchemaElement(const Value& v, KeySchemaElement& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "KeySchema"));
  XR_RETURN_IF_ERROR(RequireString(v, "AttributeName", out.attribute_name));
  if (Find(v, "KeyType") == nullptr) return MissingMember("KeyType");
  return ReadEnum(v, "KeyType", &ParseKeyType, kKeyTypes, out.key_type);
}

Status ReadKeySchema(const Value& object, std::vector<KeySchemaElement>& out, bool required) {
  if (required && Find(object, "KeySchema") == nullptr) return MissingMember("KeySchema");
  return ReadArray(object, "KeySchema", out, ReadKeySchemaElement);
}

Status ReadAttributeDefinitions(const Value& object, std::vector<AttributeDefinition>& out,
                                bool required) {
  if (required && Find(object, "AttributeDefinitions") == nullptr) {
    return MissingMember("AttributeDefinitions");
  }
  return ReadArray(object, "AttributeDefinitions", out, ReadAttributeDefinition);
}

Status ReadProjection(const Value& object, Projection& out) {
  const Value* v = Find(object, "Projection");
  if (v == nullptr) return OkStatus();
  XR_RETURN_IF_ERROR(ExpectObject(*v, "Projection"));
  XR_RETURN_IF_ERROR(
      ReadEnum(*v, "ProjectionType", &ParseProjectionType, kProjectionTypes, out.projection_type));
  return ReadStringList(*v, "NonKeyAttributes", out.non_key_attributes);
}

Status ReadThroughput(const Value& object, std::optional<ProvisionedThroughput>& out) {
  const Value* v = Find(object, "ProvisionedThroughput");
  if (v == nullptr) {
    out.reset();
    return OkStatus();
  }
  XR_RETURN_IF_ERROR(ExpectObject(*v, "ProvisionedThroughput"));
  out.emplace();
  XR_RETURN_IF_ERROR(ReadInt64(*v, "ReadCapacityUnits", out->read_capacity_units));
  return ReadInt64(*v, "WriteCapacityUnits", out->write_capacity_units);
}

Status ReadGlobalSecondaryIndex(const Value& v, GlobalSecondaryIndex& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "GlobalSecondaryIndexes"));
  XR_RETURN_IF_ERROR(RequireString(v, "IndexName", out.index_name));
  XR_RETURN_IF_ERROR(ReadKeySchema(v, out.key_schema, /*required=*/true));
  XR_RETURN_IF_ERROR(ReadProjection(v, out.projection));
  return ReadThroughput(v, out.provisioned_throughput);
}

Status ReadIndexDescription(const Value& v, GlobalSecondaryIndexDescription& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "GlobalSecondaryIndexes"));
  XR_RETURN_IF_ERROR(ReadString(v, "IndexName", out.index_name));
  XR_RETURN_IF_ERROR(ReadKeySchema(v, out.key_schema, /*required=*/false));
  XR_RETURN_IF_ERROR(ReadProjection(v, out.projection));
  XR_RETURN_IF_ERROR(ReadEnum(v, "IndexStatus", &ParseIndexStatus, kStatuses, out.index_status));
  XR_RETURN_IF_ERROR(ReadBool(v, "Backfilling", out.backfilling));
  XR_RETURN_IF_ERROR(ReadThroughput(v, out.provisioned_throughput));
  XR_RETURN_IF_ERROR(ReadInt64(v, "IndexSizeBytes", out.index_size_bytes));
  XR_RETURN_IF_ERROR(ReadInt64(v, "ItemCount", out.item_count));
  return ReadString(v, "IndexArn", out.index_arn);
}

Status ReadTableDescription(const Value& v, std::string_view member, TableDescription& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, member));
  XR_RETURN_IF_ERROR(ReadString(v, "TableName", out.table_name));
  XR_RETURN_IF_ERROR(ReadString(v, "TableArn", out.table_arn));
  XR_RETURN_IF_ERROR(ReadString(v, "TableId", out.table_id));
  XR_RETURN_IF_ERROR(ReadEnum(v, "TableStatus", &ParseTableStatus, kStatuses, out.table_status));
  XR_RETURN_IF_ERROR(ReadDouble(v, "CreationDateTime", out.creation_date_time));
  XR_RETURN_IF_ERROR(ReadAttributeDefinitions(v, out.attribute_definitions, false));
  XR_RETURN_IF_ERROR(ReadKeySchema(v, out.key_schema, false));
  XR_RETURN_IF_ERROR(
      ReadArray(v, "GlobalSecondaryIndexes", out.global_secondary_indexes, ReadIndexDescription));
  XR_RETURN_IF_ERROR(ReadThroughput(v, out.provisioned_throughput));
  XR_RETURN_IF_ERROR(ReadInt64(v, "ItemCount", out.item_count));
  XR_RETURN_IF_ERROR(ReadInt64(v, "TableSizeBytes", out.table_size_bytes));
  // DynamoDB omits BillingModeSummary for tables that were always provisioned; some
  // emulators omit it for on-demand tables too, which show 0/0 throughput.
  const Value* summary = Find(v, "BillingModeSummary");
  if (summary != nullptr) {
    XR_RETURN_IF_ERROR(ExpectObject(*summary, "BillingModeSummary"));
    return ReadEnum(*summary, "BillingMode", &ParseBillingMode, kBillingModes, out.billing_mode);
  }
  const bool zero_throughput = out.provisioned_throughput &&
                               out.provisioned_throughput->read_capacity_units == 0 &&
                               out.provisioned_throughput->write_capacity_units == 0;
  out.billing_mode = zero_throughput ? BillingMode::PAY_PER_REQUEST : BillingMode::PROVISIONED;
  return OkStatus();
}

Status ReadTableDescriptionMember(const Value& object, std::string_view name,
                                  TableDescription& out) {
  const Value* v = Find(object, name);
  if (v == nullptr) return OkStatus();
  return ReadTableDescription(*v, name, out);
}

Status ReadIndexUpdate(const Value& v, GlobalSecondaryIndexUpdate& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "GlobalSecondaryIndexUpdates"));
  if (const Value* create = Find(v, "Create")) {
    out.create.emplace();
    XR_RETURN_IF_ERROR(ReadGlobalSecondaryIndex(*create, *out.create));
  }
  if (const Value* del = Find(v, "Delete")) {
    XR_RETURN_IF_ERROR(ExpectObject(*del, "Delete"));
    out.delete_index_name.emplace();
    XR_RETURN_IF_ERROR(RequireString(*del, "IndexName", *out.delete_index_name));
  }
  if (!out.create && !out.delete_index_name && Find(v, "Update") == nullptr) {
    return ValidationError(
        "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
        "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
  }
  if (out.create.has_value() == out.delete_index_name.has_value()) {
    return ValidationError(
        "One or more parameter values were invalid: each GlobalSecondaryIndexUpdates element "
        "must set exactly one of Create or Delete (Update is not supported)");
  }
  return OkStatus();
}

// --- Encoding ---

void WriteKeySchema(Writer& w, const std::vector<KeySchemaElement>& schema) {
  WriteKey(w, "KeySchema");
  w.StartArray();
  for (const auto& e : schema) {
    w.StartObject();
    WriteMember(w, "AttributeName", e.attribute_name);
    WriteMember(w, "KeyType", ToString(e.key_type));
    w.EndObject();
  }
  w.EndArray();
}

void WriteAttributeDefinitions(Writer& w, const std::vector<AttributeDefinition>& defs) {
  WriteKey(w, "AttributeDefinitions");
  w.StartArray();
  for (const auto& d : defs) {
    w.StartObject();
    WriteMember(w, "AttributeName", d.attribute_name);
    WriteMember(w, "AttributeType", ToString(d.attribute_type));
    w.EndObject();
  }
  w.EndArray();
}

void WriteProjection(Writer& w, const Projection& p) {
  WriteKey(w, "Projection");
  w.StartObject();
  WriteMember(w, "ProjectionType", ToString(p.projection_type));
  if (!p.non_key_attributes.empty()) WriteStringList(w, "NonKeyAttributes", p.non_key_attributes);
  w.EndObject();
}

void WriteThroughput(Writer& w, const std::optional<ProvisionedThroughput>& t) {
  if (!t) return;
  WriteKey(w, "ProvisionedThroughput");
  w.StartObject();
  WriteKey(w, "ReadCapacityUnits");
  w.Int64(t->read_capacity_units);
  WriteKey(w, "WriteCapacityUnits");
  w.Int64(t->write_capacity_units);
  w.EndObject();
}

void WriteGlobalSecondaryIndex(Writer& w, const GlobalSecondaryIndex& gsi) {
  w.StartObject();
  WriteMember(w, "IndexName", gsi.index_name);
  WriteKeySchema(w, gsi.key_schema);
  WriteProjection(w, gsi.projection);
  WriteThroughput(w, gsi.provisioned_throughput);
  w.EndObject();
}

void WriteIndexDescription(Writer& w, const GlobalSecondaryIndexDescription& d) {
  w.StartObject();
  WriteMember(w, "IndexName", d.index_name);
  WriteKeySchema(w, d.key_schema);
  WriteProjection(w, d.projection);
  WriteMember(w, "IndexStatus", ToString(d.index_status));
  if (d.backfilling) {  // DynamoDB shows it only while an index is being built
    WriteKey(w, "Backfilling");
    w.Bool(true);
  }
  WriteThroughput(w, d.provisioned_throughput);
  WriteKey(w, "IndexSizeBytes");
  w.Int64(d.index_size_bytes);
  WriteKey(w, "ItemCount");
  w.Int64(d.item_count);
  if (!d.index_arn.empty()) WriteMember(w, "IndexArn", d.index_arn);
  w.EndObject();
}

void WriteTableDescription(Writer& w, std::string_view member, const TableDescription& t) {
  WriteKey(w, member);
  w.StartObject();
  WriteMember(w, "TableName", t.table_name);
  if (!t.table_arn.empty()) WriteMember(w, "TableArn", t.table_arn);
  if (!t.table_id.empty()) WriteMember(w, "TableId", t.table_id);
  WriteMember(w, "TableStatus", ToString(t.table_status));
  WriteKey(w, "CreationDateTime");
  // RapidJSON writes nothing for NaN/infinity, which would corrupt the body.
  w.Double(std::isfinite(t.creation_date_time) ? t.creation_date_time : 0.0);
  WriteAttributeDefinitions(w, t.attribute_definitions);
  WriteKeySchema(w, t.key_schema);
  if (!t.global_secondary_indexes.empty()) {
    WriteKey(w, "GlobalSecondaryIndexes");
    w.StartArray();
    for (const auto& gsi : t.global_secondary_indexes) WriteIndexDescription(w, gsi);
    w.EndArray();
  }
  WriteKey(w, "BillingModeSummary");
  w.StartObject();
  WriteMember(w, "BillingMode", ToString(t.billing_mode));
  w.EndObject();
  WriteThroughput(w, t.provisioned_throughput);
  WriteKey(w, "ItemCount");
  w.Int64(t.item_count);
  WriteKey(w, "TableSizeBytes");
  w.Int64(t.table_size_bytes);
  w.EndObject();
}

void WriteBillingMode(Writer& w, const std::optional<BillingMode>& mode) {
  if (mode) WriteMember(w, "BillingMode", ToString(*mode));
}

}  // namespace
}  // namespace internal

using namespace internal;  // NOLINT: this file is the codec's own implementation

// --- CreateTable ---

std::string Encode(const CreateTableRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    WriteAttributeDefinitions(w, v.attribute_definitions);
    WriteKeySchema(w, v.key_schema);
    if (!v.global_secondary_indexes.empty()) {
      WriteKey(w, "GlobalSecondaryIndexes");
      w.StartArray();
      for (const auto& gsi : v.global_secondary_indexes) WriteGlobalSecondaryIndex(w, gsi);
      w.EndArray();
    }
    WriteBillingMode(w, v.billing_mode);
    WriteThroughput(w, v.provisioned_throughput);
    if (!v.tags.empty()) WriteTags(w, v.tags);
  });
}

template <>
Result<CreateTableRequest> Decode<CreateTableRequest>(std::string_view body) {
  return DecodeRequest<CreateTableRequest>(
      body, CreateTableSchema(), [](const Value& o, CreateTableRequest& out) -> Status {
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadAttributeDefinitions(o, out.attribute_definitions, true));
        XR_RETURN_IF_ERROR(ReadKeySchema(o, out.key_schema, true));
        XR_RETURN_IF_ERROR(ReadArray(o, "GlobalSecondaryIndexes", out.global_secondary_indexes,
                                     ReadGlobalSecondaryIndex));
        XR_RETURN_IF_ERROR(
            ReadEnum(o, "BillingMode", &ParseBillingMode, kBillingModes, out.billing_mode));
        XR_RETURN_IF_ERROR(ReadTags(o, out.tags));
        return ReadThroughput(o, out.provisioned_throughput);
      });
}

std::string Encode(const CreateTableResponse& v) {
  return EncodeBody(
      [&](Writer& w) { WriteTableDescription(w, "TableDescription", v.table_description); });
}

template <>
Result<CreateTableResponse> Decode<CreateTableResponse>(std::string_view body) {
  return DecodeBody<CreateTableResponse>(
      body, [](const Value& o, CreateTableResponse& out) -> Status {
        return ReadTableDescriptionMember(o, "TableDescription", out.table_description);
      });
}

// --- DescribeTable ---

std::string Encode(const DescribeTableRequest& v) {
  return EncodeBody([&](Writer& w) { WriteMember(w, "TableName", v.table_name); });
}

template <>
Result<DescribeTableRequest> Decode<DescribeTableRequest>(std::string_view body) {
  return DecodeRequest<DescribeTableRequest>(
      body, DescribeTableSchema(), [](const Value& o, DescribeTableRequest& out) -> Status {
        return RequireString(o, "TableName", out.table_name);
      });
}

std::string Encode(const DescribeTableResponse& v) {
  return EncodeBody([&](Writer& w) { WriteTableDescription(w, "Table", v.table); });
}

template <>
Result<DescribeTableResponse> Decode<DescribeTableResponse>(std::string_view body) {
  return DecodeBody<DescribeTableResponse>(
      body, [](const Value& o, DescribeTableResponse& out) -> Status {
        return ReadTableDescriptionMember(o, "Table", out.table);
      });
}

// --- ListTables ---

std::string Encode(const ListTablesRequest& v) {
  return EncodeBody([&](Writer& w) {
    if (v.limit) {
      WriteKey(w, "Limit");
      w.Int(*v.limit);
    }
    WriteOptional(w, "ExclusiveStartTableName", v.exclusive_start_table_name);
  });
}

template <>
Result<ListTablesRequest> Decode<ListTablesRequest>(std::string_view body) {
  return DecodeRequest<ListTablesRequest>(
      body, ListTablesSchema(), [](const Value& o, ListTablesRequest& out) -> Status {
        XR_RETURN_IF_ERROR(ReadInt32(o, "Limit", out.limit));
        return ReadString(o, "ExclusiveStartTableName", out.exclusive_start_table_name);
      });
}

std::string Encode(const ListTablesResponse& v) {
  return EncodeBody([&](Writer& w) {
    WriteStringList(w, "TableNames", v.table_names);
    WriteOptional(w, "LastEvaluatedTableName", v.last_evaluated_table_name);
  });
}

template <>
Result<ListTablesResponse> Decode<ListTablesResponse>(std::string_view body) {
  return DecodeBody<ListTablesResponse>(
      body, [](const Value& o, ListTablesResponse& out) -> Status {
        XR_RETURN_IF_ERROR(ReadStringList(o, "TableNames", out.table_names));
        return ReadString(o, "LastEvaluatedTableName", out.last_evaluated_table_name);
      });
}

// --- DeleteTable ---

std::string Encode(const DeleteTableRequest& v) {
  return EncodeBody([&](Writer& w) { WriteMember(w, "TableName", v.table_name); });
}

template <>
Result<DeleteTableRequest> Decode<DeleteTableRequest>(std::string_view body) {
  return DecodeRequest<DeleteTableRequest>(body, DeleteTableSchema(),
                                           [](const Value& o, DeleteTableRequest& out) -> Status {
                                             return RequireString(o, "TableName", out.table_name);
                                           });
}

std::string Encode(const DeleteTableResponse& v) {
  return EncodeBody(
      [&](Writer& w) { WriteTableDescription(w, "TableDescription", v.table_description); });
}

template <>
Result<DeleteTableResponse> Decode<DeleteTableResponse>(std::string_view body) {
  return DecodeBody<DeleteTableResponse>(
      body, [](const Value& o, DeleteTableResponse& out) -> Status {
        return ReadTableDescriptionMember(o, "TableDescription", out.table_description);
      });
}

// --- UpdateTable ---

std::string Encode(const UpdateTableRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "TableName", v.table_name);
    if (!v.attribute_definitions.empty()) WriteAttributeDefinitions(w, v.attribute_definitions);
    if (!v.global_secondary_index_updates.empty()) {
      WriteKey(w, "GlobalSecondaryIndexUpdates");
      w.StartArray();
      for (const auto& u : v.global_secondary_index_updates) {
        w.StartObject();
        if (u.create) {
          WriteKey(w, "Create");
          WriteGlobalSecondaryIndex(w, *u.create);
        }
        if (u.delete_index_name) {
          WriteKey(w, "Delete");
          w.StartObject();
          WriteMember(w, "IndexName", *u.delete_index_name);
          w.EndObject();
        }
        w.EndObject();
      }
      w.EndArray();
    }
    WriteBillingMode(w, v.billing_mode);
    WriteThroughput(w, v.provisioned_throughput);
  });
}

template <>
Result<UpdateTableRequest> Decode<UpdateTableRequest>(std::string_view body) {
  return DecodeRequest<UpdateTableRequest>(
      body, UpdateTableSchema(), [](const Value& o, UpdateTableRequest& out) -> Status {
        XR_RETURN_IF_ERROR(RequireString(o, "TableName", out.table_name));
        XR_RETURN_IF_ERROR(ReadAttributeDefinitions(o, out.attribute_definitions, false));
        XR_RETURN_IF_ERROR(ReadArray(o, "GlobalSecondaryIndexUpdates",
                                     out.global_secondary_index_updates, ReadIndexUpdate));
        XR_RETURN_IF_ERROR(
            ReadEnum(o, "BillingMode", &ParseBillingMode, kBillingModes, out.billing_mode));
        return ReadThroughput(o, out.provisioned_throughput);
      });
}

std::string Encode(const UpdateTableResponse& v) {
  return EncodeBody(
      [&](Writer& w) { WriteTableDescription(w, "TableDescription", v.table_description); });
}

template <>
Result<UpdateTableResponse> Decode<UpdateTableResponse>(std::string_view body) {
  return DecodeBody<UpdateTableResponse>(
      body, [](const Value& o, UpdateTableResponse& out) -> Status {
        return ReadTableDescriptionMember(o, "TableDescription", out.table_description);
      });
}

}  // namespace ddb::json
