// PageReader: what Scan and Query share — one page read over a key range with DynamoDB's
// Limit, 1 MB and filter rules, and the index a read names.
#pragma once

#include <rocksdb/db.h>

#include <optional>
#include <string>

#include "engine/catalog.h"
#include "engine/expr/expressions.h"

namespace engine {

// One page of a Scan or Query: the key range [lower, upper), a direction, and what to do with
// each item read.
struct PagePlan {
  const TableMeta* meta = nullptr;
  const IndexMeta* index = nullptr;  // nullptr: the table itself
  std::string lower, upper;
  bool forward = true;
  std::optional<int32_t> limit;
  std::optional<expr::Condition> filter;
  std::optional<expr::ProjectionList> projection;
  bool count_only = false;
  bool bulk = false;  // a Scan: read without filling the block cache
};

ddb::Error ConstraintError(std::string_view value, std::string_view field,
                           std::string_view constraint);

// The index a read names (nullptr for the table), or DynamoDB's error for it.
ddb::Result<const IndexMeta*> ResolveIndex(const TableMeta& meta,
                                           const std::optional<std::string>& index_name,
                                           bool consistent_read, bool index_creating);

// Reads one page. *bytes_read (when given) receives the total size of the items read, filtered
// out or not: what the read's capacity is computed from.
ddb::Result<ddb::ScanResponse> ReadPage(rocksdb::DB* db, const PagePlan& plan,
                                        size_t* bytes_read = nullptr);

}  // namespace engine
