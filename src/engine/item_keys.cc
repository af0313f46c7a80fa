#include "engine/item_keys.h"

#include "engine/key_codec.h"
#include "engine/validation.h"

namespace engine {
namespace {

const std::string kNotMatchSchema = "The provided key element does not match the schema";

ddb::Error KeyError(KeyUse use, std::string message) {
  if (use == KeyUse::kStartKey) message = "The provided starting key is invalid: " + message;
  return ddb::ValidationError(std::move(message));
}

size_t KeyValueBytes(const ddb::AttributeValue& v) {
  if (v.is_s()) return v.s().size();
  if (v.is_b()) return v.b().size();
  return 0;  // numbers always fit
}

ddb::Status CheckKeyValue(const KeyAttr& attr, const ddb::AttributeValue* v, bool is_hash,
                          KeyUse use) {
  if (v == nullptr) {
    if (use == KeyUse::kItem) {
      return ddb::ValidationError("One or more parameter values were invalid: Missing the key " +
                                  attr.name + " in the item");
    }
    // A Key (GetItem, DeleteItem, UpdateItem, BatchGetItem, DeleteRequest) lacking a key
    // attribute does not match the schema, as DynamoDB words it for every key use.
    return KeyError(use, kNotMatchSchema);
  }
  if (!keycodec::HasType(*v, attr.type)) {
    if (use != KeyUse::kItem) return KeyError(use, kNotMatchSchema);
    return ddb::ValidationError(
        "One or more parameter values were invalid: Type mismatch for key " + attr.name +
        " expected: " + std::string(TypeName(attr.type)) +
        " actual: " + std::string(TypeName(v->type())));
  }
  if (KeyValueBytes(*v) == 0 && !v->is_n()) {
    return KeyError(use,
                    std::string("One or more parameter values are not valid. The "
                                "AttributeValue for a key attribute cannot contain an empty ") +
                        (v->is_s() ? "string" : "binary") + " value. Key: " + attr.name);
  }
  if (is_hash && KeyValueBytes(*v) > ddb::kMaxPartitionKeySize) {
    return KeyError(use,
                    "One or more parameter values were invalid: Size of hashkey has exceeded the "
                    "maximum size limit of2048 bytes");
  }
  if (!is_hash && KeyValueBytes(*v) > ddb::kMaxSortKeySize) {
    return KeyError(use,
                    "One or more parameter values were invalid: Aggregated size of all range keys "
                    "has exceeded the size limit of 1024 bytes");
  }
  return ddb::OkStatus();
}

const ddb::AttributeValue* Find(const ddb::Item& item, std::string_view name) {
  const auto it = item.find(name);
  return it == item.end() ? nullptr : &it->second;
}

// Validates the key attributes in attrs; for a Key (not an item) no others may be present.
ddb::Status CheckKey(const KeySchema& key, const ddb::Item& attrs, KeyUse use,
                     size_t allowed_extra) {
  if (use != KeyUse::kItem) {
    const size_t expected = (key.range ? 2 : 1) + allowed_extra;
    size_t known = 0;
    for (const auto& [name, value] : attrs) {
      if (key.IsKeyAttribute(name)) ++known;
    }
    if (attrs.size() > expected || (allowed_extra == 0 && known != attrs.size())) {
      return KeyError(use, kNotMatchSchema);
    }
  }
  XR_RETURN_IF_ERROR(CheckKeyValue(key.hash, Find(attrs, key.hash.name), true, use));
  if (key.range) {
    XR_RETURN_IF_ERROR(CheckKeyValue(*key.range, Find(attrs, key.range->name), false, use));
  }
  return ddb::OkStatus();
}

}  // namespace

std::string PartitionPrefix(uint32_t table_id, uint16_t index_id, const ddb::AttributeValue& pk) {
  std::string encoded_pk;
  keycodec::AppendValue(pk, &encoded_pk);
  std::string key = layout::IndexPrefix(table_id, index_id);
  keycodec::AppendBE64(keycodec::Hash64(encoded_pk), &key);
  key += encoded_pk;
  return key;
}

std::string BuildStorageKey(uint32_t table_id, uint16_t index_id, const ddb::AttributeValue& pk,
                            const ddb::AttributeValue* sk) {
  std::string key = PartitionPrefix(table_id, index_id, pk);
  if (sk != nullptr) keycodec::AppendValue(*sk, &key);
  return key;
}

ddb::Result<std::string> TableItemKey(const TableMeta& meta, const ddb::Item& attrs, KeyUse use) {
  XR_RETURN_IF_ERROR(CheckKey(meta.key, attrs, use, 0));
  const ddb::AttributeValue* sk = meta.key.range ? Find(attrs, meta.key.range->name) : nullptr;
  return BuildStorageKey(meta.id, layout::kPrimaryIndex, *Find(attrs, meta.key.hash.name), sk);
}

ddb::Status ValidateIndexKeys(const TableMeta& meta, const ddb::Item& item) {
  for (const auto& index : meta.indexes) {
    for (const KeyAttr* attr : {&index.key.hash, index.key.range ? &*index.key.range : nullptr}) {
      if (attr == nullptr) continue;
      const ddb::AttributeValue* v = Find(item, attr->name);
      if (v == nullptr) continue;
      if (!keycodec::HasType(*v, attr->type)) {
        return ddb::ValidationError(
            "One or more parameter values were invalid: Type mismatch for Index Key " + attr->name +
            " Expected: " + std::string(TypeName(attr->type)) +
            " Actual: " + std::string(TypeName(v->type())) + " IndexName: " + index.name);
      }
      if (!v->is_n() && KeyValueBytes(*v) == 0) {
        return ddb::ValidationError(
            std::string("One or more parameter values are not valid. A value specified for a "
                        "secondary index key is not supported. The AttributeValue for a key "
                        "attribute cannot contain an empty ") +
            (v->is_s() ? "string" : "binary") + " value. IndexName: " + index.name +
            ", IndexKey: " + attr->name);
      }
      const bool is_hash = attr == &index.key.hash;
      if (KeyValueBytes(*v) > (is_hash ? ddb::kMaxPartitionKeySize : ddb::kMaxSortKeySize)) {
        return ddb::ValidationError(
            "One or more parameter values were invalid: Size of an index key attribute " +
            attr->name + " has exceeded the maximum size limit for IndexName: " + index.name);
      }
    }
  }
  return ddb::OkStatus();
}

std::optional<std::string> IndexEntryKey(const TableMeta& meta, const IndexMeta& index,
                                         const ddb::Item& item) {
  const ddb::AttributeValue* ipk = Find(item, index.key.hash.name);
  if (ipk == nullptr || !keycodec::HasType(*ipk, index.key.hash.type)) return std::nullopt;
  const ddb::AttributeValue* isk = nullptr;
  if (index.key.range) {
    isk = Find(item, index.key.range->name);
    if (isk == nullptr || !keycodec::HasType(*isk, index.key.range->type)) return std::nullopt;
  }
  std::string key = BuildStorageKey(meta.id, index.id, *ipk, isk);
  // The table key makes the entry unique: many items may share one index key.
  keycodec::AppendValue(item.find(meta.key.hash.name)->second, &key);
  if (meta.key.range) keycodec::AppendValue(item.find(meta.key.range->name)->second, &key);
  return key;
}

void CopyKeyAttributes(const KeySchema& key, const ddb::Item& item, ddb::Item* out) {
  if (const auto* v = Find(item, key.hash.name)) (*out)[key.hash.name] = *v;
  if (key.range) {
    if (const auto* v = Find(item, key.range->name)) (*out)[key.range->name] = *v;
  }
}

ddb::Item ProjectToIndex(const TableMeta& meta, const IndexMeta& index, const ddb::Item& item) {
  if (index.projection.projection_type == ddb::ProjectionType::ALL) return item;
  ddb::Item projected;
  CopyKeyAttributes(meta.key, item, &projected);
  CopyKeyAttributes(index.key, item, &projected);
  for (const auto& name : index.projection.non_key_attributes) {
    if (const auto* v = Find(item, name)) projected[name] = *v;
  }
  return projected;
}

ddb::Result<std::string> IndexStartKey(const TableMeta& meta, const IndexMeta& index,
                                       const ddb::Key& start_key) {
  // The start key of an index holds the table key and the index key (which may overlap).
  KeySchema combined = meta.key;
  XR_RETURN_IF_ERROR(CheckKey(index.key, start_key, KeyUse::kStartKey, 2));
  XR_RETURN_IF_ERROR(CheckKey(combined, start_key, KeyUse::kStartKey, 2));
  for (const auto& [name, value] : start_key) {
    if (!meta.key.IsKeyAttribute(name) && !index.key.IsKeyAttribute(name)) {
      return KeyError(KeyUse::kStartKey, kNotMatchSchema);
    }
  }
  auto key = IndexEntryKey(meta, index, start_key);
  if (!key) return KeyError(KeyUse::kStartKey, kNotMatchSchema);
  return *key;
}

ddb::Result<std::string> StartStorageKey(const TableMeta& meta, const IndexMeta* index,
                                         const ddb::Key& start_key) {
  if (index != nullptr) return IndexStartKey(meta, *index, start_key);
  return TableItemKey(meta, start_key, KeyUse::kStartKey);
}

}  // namespace engine
