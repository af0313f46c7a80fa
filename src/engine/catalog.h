// Catalog: table metadata (TableMeta), its compact binary record, and the layout of every
// key the engine writes in its one RocksDB database:
//
//   catalog   00000000 'C' <table name>                  -> TableMeta record
//   next id   00000000 'N'                               -> next table id (BE32)
//   items     <table id BE32> <index id BE16> <hash64 BE> <enc pk> <enc sk>  -> item
//   GSI       <table id BE32> <index id BE16> <hash64 of enc index pk BE> <enc index pk>
//             [<enc index sk>] <enc table pk> [<enc table sk>]  -> projected item
//   stats     <table id BE32> FFFF <index id BE16>       -> item count, bytes (merge operands)
//
// Index id 0 is the table itself. Table ids and index ids are never reused, so dropping a
// table or index is one DeleteRange over its prefix that cannot race a new table or index of
// the same name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/model.h"
#include "ddb/result.h"

namespace engine {

struct KeyAttr {
  std::string name;
  ddb::ScalarAttributeType type = ddb::ScalarAttributeType::S;
};

struct KeySchema {
  KeyAttr hash;
  std::optional<KeyAttr> range;
  bool IsKeyAttribute(std::string_view name) const {
    return hash.name == name || (range && range->name == name);
  }
};

struct IndexMeta {
  uint16_t id = 0;
  std::string name;
  KeySchema key;
  ddb::Projection projection;
  std::optional<ddb::ProvisionedThroughput> throughput;
  int64_t created_ms = 0;  // when the index was added (CREATING until the delay passes)
};

struct TableMeta {
  uint32_t id = 0;
  std::string name;
  std::string uuid;
  KeySchema key;
  std::vector<ddb::AttributeDefinition> attribute_definitions;
  std::vector<IndexMeta> indexes;
  ddb::BillingMode billing_mode = ddb::BillingMode::PAY_PER_REQUEST;
  std::optional<ddb::ProvisionedThroughput> throughput;
  int64_t created_ms = 0;
  int64_t deleted_ms = 0;      // 0 while the table lives; DELETING after
  uint16_t next_index_id = 1;  // index ids are never reused within a table
  std::vector<ddb::Tag> tags;  // in the order they were first set; keys unique

  const IndexMeta* FindIndex(std::string_view index_name) const;
};

// Compact binary record of a TableMeta (versioned). Tags follow the version-1 fields, so a
// record written before tags existed (it ends after next_index_id) reads as untagged.
std::string EncodeTableMeta(const TableMeta& meta);
ddb::Result<TableMeta> DecodeTableMeta(std::string_view bytes);

namespace layout {

constexpr uint16_t kPrimaryIndex = 0;
constexpr uint16_t kStatsIndex = 0xFFFF;

std::string CatalogPrefix();
std::string CatalogKey(std::string_view table_name);
std::string NextTableIdKey();
// Prefix of everything a table owns (items, indexes, stats).
std::string TablePrefix(uint32_t table_id);
// Prefix of one index (or the table's items, index 0).
std::string IndexPrefix(uint32_t table_id, uint16_t index_id);
std::string StatsKey(uint32_t table_id, uint16_t index_id);
// Stats values: two int64 deltas (count, bytes), summed by the merge operator.
std::string EncodeStats(int64_t count, int64_t bytes);
void DecodeStats(std::string_view value, int64_t* count, int64_t* bytes);

}  // namespace layout
}  // namespace engine
