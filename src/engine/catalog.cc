#include "engine/catalog.h"

#include "engine/item_codec.h"
#include "engine/key_codec.h"

namespace engine {
namespace {

using itemcodec::GetLengthPrefixed;
using itemcodec::GetVarint;
using itemcodec::PutLengthPrefixed;
using itemcodec::PutVarint;

constexpr uint8_t kMetaVersion = 1;

uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

void PutKeySchema(const KeySchema& key, std::string* out) {
  PutLengthPrefixed(key.hash.name, out);
  out->push_back(static_cast<char>(key.hash.type));
  out->push_back(key.range ? 1 : 0);
  if (key.range) {
    PutLengthPrefixed(key.range->name, out);
    out->push_back(static_cast<char>(key.range->type));
  }
}

void PutThroughput(const std::optional<ddb::ProvisionedThroughput>& t, std::string* out) {
  out->push_back(t ? 1 : 0);
  if (t) {
    PutVarint(ZigZag(t->read_capacity_units), out);
    PutVarint(ZigZag(t->write_capacity_units), out);
  }
}

// Reads fields in order; any failure latches `ok` false so callers check once at the end.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }

  uint64_t Varint() {
    uint64_t v = 0;
    if (ok_ && !GetVarint(&in_, &v)) ok_ = false;
    return v;
  }
  int64_t Signed() { return UnZigZag(Varint()); }
  std::string String() {
    std::string_view s;
    if (ok_ && !GetLengthPrefixed(&in_, &s)) ok_ = false;
    return std::string(s);
  }
  uint8_t Byte() {
    if (!ok_ || in_.empty()) {
      ok_ = false;
      return 0;
    }
    const auto b = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return b;
  }
  ddb::ScalarAttributeType Scalar() {
    const uint8_t b = Byte();
    if (b > static_cast<uint8_t>(ddb::ScalarAttributeType::B)) ok_ = false;
    return static_cast<ddb::ScalarAttributeType>(b);
  }
  KeySchema Key() {
    KeySchema key;
    key.hash.name = String();
    key.hash.type = Scalar();
    if (Byte() != 0) key.range = KeyAttr{String(), Scalar()};
    return key;
  }
  std::optional<ddb::ProvisionedThroughput> Throughput() {
    if (Byte() == 0) return std::nullopt;
    ddb::ProvisionedThroughput t;
    t.read_capacity_units = Signed();
    t.write_capacity_units = Signed();
    return t;
  }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

const IndexMeta* TableMeta::FindIndex(std::string_view index_name) const {
  for (const auto& index : indexes) {
    if (index.name == index_name) return &index;
  }
  return nullptr;
}

std::string EncodeTableMeta(const TableMeta& meta) {
  std::string out;
  out.push_back(static_cast<char>(kMetaVersion));
  PutVarint(meta.id, &out);
  PutLengthPrefixed(meta.name, &out);
  PutLengthPrefixed(meta.uuid, &out);
  PutKeySchema(meta.key, &out);
  PutVarint(meta.attribute_definitions.size(), &out);
  for (const auto& def : meta.attribute_definitions) {
    PutLengthPrefixed(def.attribute_name, &out);
    out.push_back(static_cast<char>(def.attribute_type));
  }
  PutVarint(meta.indexes.size(), &out);
  for (const auto& index : meta.indexes) {
    PutVarint(index.id, &out);
    PutLengthPrefixed(index.name, &out);
    PutKeySchema(index.key, &out);
    out.push_back(static_cast<char>(index.projection.projection_type));
    PutVarint(index.projection.non_key_attributes.size(), &out);
    for (const auto& attr : index.projection.non_key_attributes) PutLengthPrefixed(attr, &out);
    PutThroughput(index.throughput, &out);
    PutVarint(ZigZag(index.created_ms), &out);
  }
  out.push_back(static_cast<char>(meta.billing_mode));
  PutThroughput(meta.throughput, &out);
  PutVarint(ZigZag(meta.created_ms), &out);
  PutVarint(ZigZag(meta.deleted_ms), &out);
  PutVarint(meta.next_index_id, &out);
  if (!meta.tags.empty()) {
    PutVarint(meta.tags.size(), &out);
    for (const auto& tag : meta.tags) {
      PutLengthPrefixed(tag.key, &out);
      PutLengthPrefixed(tag.value, &out);
    }
  }
  return out;
}

ddb::Result<TableMeta> DecodeTableMeta(std::string_view bytes) {
  const ddb::Error corrupt(ddb::ErrorCode::kIO,
                           "catalog record is corrupt; the data directory may be damaged");
  if (bytes.empty() || static_cast<uint8_t>(bytes.front()) != kMetaVersion) return corrupt;
  Reader r(bytes.substr(1));
  TableMeta meta;
  meta.id = static_cast<uint32_t>(r.Varint());
  meta.name = r.String();
  meta.uuid = r.String();
  meta.key = r.Key();
  const uint64_t defs = r.Varint();
  for (uint64_t i = 0; r.ok() && i < defs; ++i) {
    ddb::AttributeDefinition def;
    def.attribute_name = r.String();
    def.attribute_type = r.Scalar();
    meta.attribute_definitions.push_back(std::move(def));
  }
  const uint64_t indexes = r.Varint();
  for (uint64_t i = 0; r.ok() && i < indexes; ++i) {
    IndexMeta index;
    index.id = static_cast<uint16_t>(r.Varint());
    index.name = r.String();
    index.key = r.Key();
    const uint8_t projection = r.Byte();
    if (projection > static_cast<uint8_t>(ddb::ProjectionType::INCLUDE)) return corrupt;
    index.projection.projection_type = static_cast<ddb::ProjectionType>(projection);
    const uint64_t attrs = r.Varint();
    for (uint64_t j = 0; r.ok() && j < attrs; ++j) {
      index.projection.non_key_attributes.push_back(r.String());
    }
    index.throughput = r.Throughput();
    index.created_ms = r.Signed();
    meta.indexes.push_back(std::move(index));
  }
  const uint8_t billing = r.Byte();
  if (billing > static_cast<uint8_t>(ddb::BillingMode::PROVISIONED)) return corrupt;
  meta.billing_mode = static_cast<ddb::BillingMode>(billing);
  meta.throughput = r.Throughput();
  meta.created_ms = r.Signed();
  meta.deleted_ms = r.Signed();
  meta.next_index_id = static_cast<uint16_t>(r.Varint());
  if (r.ok() && !r.done()) {  // tags (absent from records written before them)
    const uint64_t tags = r.Varint();
    for (uint64_t i = 0; r.ok() && i < tags; ++i) {
      ddb::Tag tag;
      tag.key = r.String();
      tag.value = r.String();
      meta.tags.push_back(std::move(tag));
    }
  }
  if (!r.ok() || !r.done()) return corrupt;
  return meta;
}

namespace layout {

std::string CatalogPrefix() {
  std::string key;
  keycodec::AppendBE32(0, &key);
  key.push_back('C');
  return key;
}

std::string CatalogKey(std::string_view table_name) {
  std::string key = CatalogPrefix();
  key.append(table_name);
  return key;
}

std::string NextTableIdKey() {
  std::string key;
  keycodec::AppendBE32(0, &key);
  key.push_back('N');
  return key;
}

std::string TablePrefix(uint32_t table_id) {
  std::string key;
  keycodec::AppendBE32(table_id, &key);
  return key;
}

std::string IndexPrefix(uint32_t table_id, uint16_t index_id) {
  std::string key = TablePrefix(table_id);
  keycodec::AppendBE16(index_id, &key);
  return key;
}

std::string StatsKey(uint32_t table_id, uint16_t index_id) {
  std::string key = IndexPrefix(table_id, kStatsIndex);
  keycodec::AppendBE16(index_id, &key);
  return key;
}

std::string EncodeStats(int64_t count, int64_t bytes) {
  std::string out;
  keycodec::AppendBE64(static_cast<uint64_t>(count), &out);
  keycodec::AppendBE64(static_cast<uint64_t>(bytes), &out);
  return out;
}

void DecodeStats(std::string_view value, int64_t* count, int64_t* bytes) {
  *count = 0;
  *bytes = 0;
  if (value.size() != 16) return;
  *count = static_cast<int64_t>(keycodec::ReadBE64(value));
  *bytes = static_cast<int64_t>(keycodec::ReadBE64(value.substr(8)));
}

}  // namespace layout
}  // namespace engine
