#include "engine/page_reader.h"

#include <algorithm>

#include "engine/item_codec.h"
#include "engine/item_keys.h"

namespace engine {
namespace {

// LastEvaluatedKey: the table key, plus the index key for an index read.
ddb::Key KeyOf(const TableMeta& meta, const IndexMeta* index, const ddb::Item& item) {
  ddb::Key key;
  CopyKeyAttributes(meta.key, item, &key);
  if (index != nullptr) CopyKeyAttributes(index->key, item, &key);
  return key;
}

}  // namespace

ddb::Error ConstraintError(std::string_view value, std::string_view field,
                           std::string_view constraint) {
  return ddb::ValidationError("1 validation error detected: Value '" + std::string(value) +
                              "' at '" + std::string(field) +
                              "' failed to satisfy constraint: " + std::string(constraint));
}

ddb::Result<const IndexMeta*> ResolveIndex(const TableMeta& meta,
                                           const std::optional<std::string>& index_name,
                                           bool consistent_read, bool index_creating) {
  if (!index_name) return static_cast<const IndexMeta*>(nullptr);
  const IndexMeta* index = meta.FindIndex(*index_name);
  if (index == nullptr) {
    return ddb::ValidationError("The table does not have the specified index: " + *index_name);
  }
  if (consistent_read) {
    return ddb::ValidationError("Consistent reads are not supported on global secondary indexes");
  }
  if (index_creating) {
    return ddb::ValidationError("Cannot read from backfilling global secondary index: " +
                                *index_name);
  }
  return index;
}

ddb::Result<ddb::ScanResponse> ReadPage(rocksdb::DB* db, const PagePlan& plan,
                                        size_t* bytes_read) {
  ddb::ScanResponse response;
  if (bytes_read != nullptr) *bytes_read = 0;
  if (!plan.upper.empty() && plan.lower >= plan.upper) return response;
  rocksdb::ReadOptions read_options;
  const rocksdb::Slice lower(plan.lower), upper(plan.upper);
  read_options.iterate_lower_bound = &lower;
  if (!plan.upper.empty()) read_options.iterate_upper_bound = &upper;
  // A Scan walks the whole table: caching its blocks would evict the hot blocks of point
  // reads and Queries for data read once (and costs a cache insert and eviction per block).
  read_options.fill_cache = !plan.bulk;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read_options));
  if (plan.forward) {
    it->Seek(lower);
  } else {
    it->SeekToLast();
  }
  size_t bytes = 0;
  // The last item scanned names LastEvaluatedKey: it is either response.items.back() (when
  // returned whole) or kept in `last_other` (filtered out, projected or count-only), so a
  // returned item is moved, never copied.
  std::optional<ddb::Item> last_other;
  bool last_in_items = false;
  bool stopped = false;
  for (; it->Valid(); plan.forward ? it->Next() : it->Prev()) {
    if (plan.limit && response.scanned_count >= *plan.limit) {
      stopped = true;
      break;
    }
    const std::string_view value(it->value().data(), it->value().size());
    // The stored size decides the 1 MB cut before anything is decoded. DynamoDB stops a page
    // before the item that would take it past 1 MB.
    XR_ASSIGN_OR_RETURN(const size_t size, itemcodec::EncodedItemSize(value));
    if (response.scanned_count > 0 && bytes + size > ddb::kMaxPageBytes) {
      stopped = true;
      break;
    }
    bytes += size;
    ++response.scanned_count;
    ddb::Item item;
    XR_RETURN_IF_ERROR(itemcodec::DecodeItem(value, &item));
    const bool match = !plan.filter || plan.filter->Evaluate(item);
    if (match) ++response.count;
    if (plan.bulk && match && !plan.count_only && response.items.empty()) {
      // Guess a Scan page's item count from its first item (pages are cut at 1 MB), so the
      // vector does not regrow and move every item several times per page. (A Query often
      // returns a few items: it grows as needed.)
      const size_t guess = ddb::kMaxPageBytes / std::max<size_t>(size, 64) + 1;
      response.items.reserve(plan.limit ? std::min<size_t>(guess, *plan.limit) : guess);
    }
    if (match && !plan.count_only && !plan.projection) {
      response.items.push_back(std::move(item));
      last_in_items = true;
      continue;
    }
    if (match && !plan.count_only) response.items.push_back(plan.projection->Apply(item));
    last_other = std::move(item);
    last_in_items = false;
  }
  if (!it->status().ok()) {
    return ddb::Error(ddb::ErrorCode::kIO, "read failed: " + it->status().ToString());
  }
  if (bytes_read != nullptr) *bytes_read = bytes;
  // Like DynamoDB, a page cut by Limit names its last key even when nothing follows.
  if (plan.limit && !stopped && response.scanned_count >= *plan.limit) stopped = true;
  const ddb::Item* last = last_in_items ? &response.items.back()
                          : last_other  ? &*last_other
                                        : nullptr;
  if (stopped && last != nullptr)
    response.last_evaluated_key = KeyOf(*plan.meta, plan.index, *last);
  return response;
}

}  // namespace engine
