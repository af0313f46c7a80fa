// Consumed capacity (ReturnConsumedCapacity) computed as DynamoDB computes it:
//   reads:  item size rounded up to 4 KB (Scan/Query: the total size of the items read,
//           rounded up once per request; BatchGetItem: each item rounded up), halved for
//           eventually consistent reads; a read that finds nothing still costs one unit;
//   writes: the larger of the old and new item rounded up to 1 KB, at least 1; every GSI whose
//           entry changes costs write units of its own (a changed index key is a delete of the
//           old entry plus a put of the new one).
// TOTAL reports the sum per table; INDEXES also splits it into the table and each index.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/model.h"
#include "engine/catalog.h"

namespace engine {

// Read units for `bytes` read in one go (at least one 4 KB unit).
double ReadUnits(size_t bytes, bool consistent);
// Write units for an item of `bytes` (at least one 1 KB unit).
double WriteUnits(size_t bytes);

// Accumulates the capacity of one call, per table and index, and answers in the shape the
// request asked for. With mode NONE it records nothing and answers nothing.
class CapacityMeter {
 public:
  explicit CapacityMeter(ddb::ReturnConsumedCapacity mode) : mode_(mode) {}

  bool enabled() const { return mode_ != ddb::ReturnConsumedCapacity::NONE; }
  // Units spent on the table itself / on one of its GSIs. Adding 0 still names the table.
  void AddTable(std::string_view table, double units);
  void AddIndex(std::string_view table, std::string_view index, double units);
  // The write units a single-item write costs on the table (max of old and new size) and on
  // each GSI whose entry changes. old_size: 0 when there was no item; old_item: the old item
  // (needed only when the table has indexes); new_item: nullptr for a delete. Sizes are
  // ddb::ItemSize values.
  void AddWrite(const TableMeta& meta, const ddb::Item* old_item, size_t old_size,
                const ddb::Item* new_item, size_t new_size);

  // The entry of one table (nullopt when disabled).
  std::optional<ddb::ConsumedCapacity> For(std::string_view table) const;
  // One entry per table, in table-name order (empty when disabled).
  std::vector<ddb::ConsumedCapacity> All() const;

 private:
  struct TableUnits {
    double table = 0;
    std::map<std::string, double, std::less<>> indexes;
  };
  ddb::ConsumedCapacity Build(const std::string& table, const TableUnits& units) const;

  ddb::ReturnConsumedCapacity mode_;
  std::map<std::string, TableUnits, std::less<>> tables_;
};

// The capacity of a Scan or Query that read `bytes` (the total size of the items it read) from
// the table or from `index` (nullptr: the table).
std::optional<ddb::ConsumedCapacity> ReadCapacity(ddb::ReturnConsumedCapacity mode,
                                                  const TableMeta& meta, const IndexMeta* index,
                                                  size_t bytes, bool consistent);

}  // namespace engine
