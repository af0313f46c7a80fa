// Storage keys of items and index entries (see catalog.h for the layout), with the key
// validation DynamoDB does on the way: missing key attributes, type mismatches, empty key
// values, key size limits, extra attributes in a Key.
#pragma once

#include <optional>
#include <string>

#include "ddb/model.h"
#include "ddb/result.h"
#include "engine/catalog.h"

namespace engine {

// Which request a key comes from; decides the error wording.
enum class KeyUse {
  kItem,      // PutItem / BatchWriteItem put: the item holds the key and other attributes
  kKey,       // GetItem / DeleteItem / BatchGetItem / delete request: exactly the key
  kStartKey,  // ExclusiveStartKey
};

// <index prefix> <hash64(enc pk)> <enc pk> [<enc sk>]
std::string BuildStorageKey(uint32_t table_id, uint16_t index_id, const ddb::AttributeValue& pk,
                            const ddb::AttributeValue* sk);
// <index prefix> <hash64(enc pk)> <enc pk>: every key of one partition starts with it.
std::string PartitionPrefix(uint32_t table_id, uint16_t index_id, const ddb::AttributeValue& pk);

// Validates the table key in `attrs` and returns the item's storage key.
ddb::Result<std::string> TableItemKey(const TableMeta& meta, const ddb::Item& attrs, KeyUse use);

// Index key attributes of a written item must have their defined type and not be empty.
ddb::Status ValidateIndexKeys(const TableMeta& meta, const ddb::Item& item);

// The storage key of the item's entry in the index, or nullopt when the item lacks (a
// correctly typed) index key: GSIs are sparse.
std::optional<std::string> IndexEntryKey(const TableMeta& meta, const IndexMeta& index,
                                         const ddb::Item& item);

// The part of the item the index stores: all, the keys (table and index), or keys + INCLUDE.
ddb::Item ProjectToIndex(const TableMeta& meta, const IndexMeta& index, const ddb::Item& item);

// Copies the attributes of `key` from item into out (missing ones are skipped).
void CopyKeyAttributes(const KeySchema& key, const ddb::Item& item, ddb::Item* out);

// Validates an ExclusiveStartKey for an index (table key + index key) and returns the
// storage key of the index entry it names.
ddb::Result<std::string> IndexStartKey(const TableMeta& meta, const IndexMeta& index,
                                       const ddb::Key& start_key);

// The storage key a Scan's or Query's ExclusiveStartKey names: on the index when index is
// set (IndexStartKey), else on the table.
ddb::Result<std::string> StartStorageKey(const TableMeta& meta, const IndexMeta* index,
                                         const ddb::Key& start_key);

}  // namespace engine
