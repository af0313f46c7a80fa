#include "cli/table_json.h"

#include <cstdio>

#include "cli/report.h"

namespace cli {
namespace {

std::string Str(std::string_view s) { return "\"" + JsonEscape(s) + "\""; }

std::string KeySchemaJson(const std::vector<ddb::KeySchemaElement>& keys) {
  std::string out = "[";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) out += ",";
    out += "{\"AttributeName\":" + Str(keys[i].attribute_name) +
           ",\"KeyType\":" + Str(ddb::ToString(keys[i].key_type)) + "}";
  }
  return out + "]";
}

std::string ThroughputJson(const ddb::ProvisionedThroughput& t) {
  return "{\"ReadCapacityUnits\":" + std::to_string(t.read_capacity_units) +
         ",\"WriteCapacityUnits\":" + std::to_string(t.write_capacity_units) + "}";
}

}  // namespace

std::string DescribeTableJson(const ddb::TableDescription& t) {
  std::string out = "{\"Table\":{\"TableName\":" + Str(t.table_name);
  out += ",\"TableStatus\":" + Str(ddb::ToString(t.table_status));
  if (!t.table_arn.empty()) out += ",\"TableArn\":" + Str(t.table_arn);
  if (!t.table_id.empty()) out += ",\"TableId\":" + Str(t.table_id);
  char created[64];
  std::snprintf(created, sizeof created, "%.3f", t.creation_date_time);
  out += ",\"CreationDateTime\":";
  out += created;
  out += ",\"AttributeDefinitions\":[";
  for (size_t i = 0; i < t.attribute_definitions.size(); ++i) {
    if (i) out += ",";
    out += "{\"AttributeName\":" + Str(t.attribute_definitions[i].attribute_name) +
           ",\"AttributeType\":" + Str(ddb::ToString(t.attribute_definitions[i].attribute_type)) +
           "}";
  }
  out += "],\"KeySchema\":" + KeySchemaJson(t.key_schema);
  if (!t.global_secondary_indexes.empty()) {
    out += ",\"GlobalSecondaryIndexes\":[";
    for (size_t i = 0; i < t.global_secondary_indexes.size(); ++i) {
      const auto& g = t.global_secondary_indexes[i];
      if (i) out += ",";
      out +=
          "{\"IndexName\":" + Str(g.index_name) + ",\"KeySchema\":" + KeySchemaJson(g.key_schema);
      out +=
          ",\"Projection\":{\"ProjectionType\":" + Str(ddb::ToString(g.projection.projection_type));
      if (!g.projection.non_key_attributes.empty()) {
        out += ",\"NonKeyAttributes\":[";
        for (size_t j = 0; j < g.projection.non_key_attributes.size(); ++j) {
          out += (j ? "," : "") + Str(g.projection.non_key_attributes[j]);
        }
        out += "]";
      }
      out += "},\"IndexStatus\":" + Str(ddb::ToString(g.index_status));
      if (g.provisioned_throughput) {
        out += ",\"ProvisionedThroughput\":" + ThroughputJson(*g.provisioned_throughput);
      }
      out += ",\"IndexSizeBytes\":" + std::to_string(g.index_size_bytes) +
             ",\"ItemCount\":" + std::to_string(g.item_count);
      if (!g.index_arn.empty()) out += ",\"IndexArn\":" + Str(g.index_arn);
      out += "}";
    }
    out += "]";
  }
  out += ",\"BillingModeSummary\":{\"BillingMode\":" + Str(ddb::ToString(t.billing_mode)) + "}";
  if (t.provisioned_throughput) {
    out += ",\"ProvisionedThroughput\":" + ThroughputJson(*t.provisioned_throughput);
  }
  out += ",\"ItemCount\":" + std::to_string(t.item_count) +
         ",\"TableSizeBytes\":" + std::to_string(t.table_size_bytes) + "}}";
  return out;
}

}  // namespace cli
