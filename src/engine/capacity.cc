#include "engine/capacity.h"

#include <algorithm>
#include <cmath>

#include "engine/item_keys.h"

namespace engine {
namespace {

constexpr double kReadUnitBytes = 4096;
constexpr double kWriteUnitBytes = 1024;

// The size of the entry an index holds for item (its projection).
size_t EntrySize(const TableMeta& meta, const IndexMeta& index, const ddb::Item& item,
                 size_t item_size) {
  if (index.projection.projection_type == ddb::ProjectionType::ALL) return item_size;
  return ddb::ItemSize(ProjectToIndex(meta, index, item));
}

// Write units one GSI spends on a write that replaces old_item by new_item (0: untouched).
double IndexWriteUnits(const TableMeta& meta, const IndexMeta& index, const ddb::Item* old_item,
                       size_t old_size, const ddb::Item* new_item, size_t new_size) {
  const auto old_entry = old_item ? IndexEntryKey(meta, index, *old_item) : std::nullopt;
  const auto new_entry = new_item ? IndexEntryKey(meta, index, *new_item) : std::nullopt;
  if (!old_entry && !new_entry) return 0;
  if (old_entry && new_entry && *old_entry == *new_entry) {
    // Same index key: one write, and none at all when nothing the index holds changed.
    if (index.projection.projection_type == ddb::ProjectionType::ALL) {
      if (*old_item == *new_item) return 0;
      return WriteUnits(std::max(old_size, new_size));
    }
    const ddb::Item old_projected = ProjectToIndex(meta, index, *old_item);
    const ddb::Item new_projected = ProjectToIndex(meta, index, *new_item);
    if (old_projected == new_projected) return 0;
    return WriteUnits(std::max(ddb::ItemSize(old_projected), ddb::ItemSize(new_projected)));
  }
  double units = 0;
  if (old_entry) units += WriteUnits(EntrySize(meta, index, *old_item, old_size));
  if (new_entry) units += WriteUnits(EntrySize(meta, index, *new_item, new_size));
  return units;
}

}  // namespace

double ReadUnits(size_t bytes, bool consistent) {
  const double units = std::max(1.0, std::ceil(static_cast<double>(bytes) / kReadUnitBytes));
  return consistent ? units : units / 2;
}

double WriteUnits(size_t bytes) {
  return std::max(1.0, std::ceil(static_cast<double>(bytes) / kWriteUnitBytes));
}

void CapacityMeter::AddTable(std::string_view table, double units) {
  if (!enabled()) return;
  auto it = tables_.find(table);
  if (it == tables_.end()) it = tables_.emplace(std::string(table), TableUnits{}).first;
  it->second.table += units;
}

void CapacityMeter::AddIndex(std::string_view table, std::string_view index, double units) {
  if (!enabled()) return;
  AddTable(table, 0);
  auto& indexes = tables_.find(table)->second.indexes;
  auto it = indexes.find(index);
  if (it == indexes.end()) it = indexes.emplace(std::string(index), 0.0).first;
  it->second += units;
}

void CapacityMeter::AddWrite(const TableMeta& meta, const ddb::Item* old_item, size_t old_size,
                             const ddb::Item* new_item, size_t new_size) {
  if (!enabled()) return;
  AddTable(meta.name, WriteUnits(std::max(old_size, new_item ? new_size : 0)));
  for (const auto& index : meta.indexes) {
    const double units = IndexWriteUnits(meta, index, old_item, old_size, new_item, new_size);
    if (units > 0) AddIndex(meta.name, index.name, units);
  }
}

ddb::ConsumedCapacity CapacityMeter::Build(const std::string& table,
                                           const TableUnits& units) const {
  ddb::ConsumedCapacity c;
  c.table_name = table;
  c.capacity_units = units.table;
  for (const auto& [name, index_units] : units.indexes) c.capacity_units += index_units;
  if (mode_ == ddb::ReturnConsumedCapacity::INDEXES) {
    c.table = ddb::Capacity{units.table, std::nullopt, std::nullopt};
    for (const auto& [name, index_units] : units.indexes) {
      c.global_secondary_indexes[name] = ddb::Capacity{index_units, std::nullopt, std::nullopt};
    }
  }
  return c;
}

std::optional<ddb::ConsumedCapacity> CapacityMeter::For(std::string_view table) const {
  if (!enabled()) return std::nullopt;
  const auto it = tables_.find(table);
  return Build(std::string(table), it == tables_.end() ? TableUnits{} : it->second);
}

std::vector<ddb::ConsumedCapacity> CapacityMeter::All() const {
  std::vector<ddb::ConsumedCapacity> out;
  if (!enabled()) return out;
  for (const auto& [name, units] : tables_) out.push_back(Build(name, units));
  return out;
}

std::optional<ddb::ConsumedCapacity> ReadCapacity(ddb::ReturnConsumedCapacity mode,
                                                  const TableMeta& meta, const IndexMeta* index,
                                                  size_t bytes, bool consistent) {
  CapacityMeter meter(mode);
  const double units = ReadUnits(bytes, consistent);
  if (index != nullptr) {
    meter.AddTable(meta.name, 0);
    meter.AddIndex(meta.name, index->name, units);
  } else {
    meter.AddTable(meta.name, units);
  }
  return meter.For(meta.name);
}

}  // namespace engine
