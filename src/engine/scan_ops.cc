// Scan: the whole table or index in hash order, or one parallel segment of it.
#include "engine/capacity.h"
#include "engine/engine_impl.h"
#include "engine/item_keys.h"
#include "engine/key_codec.h"
#include "engine/page_reader.h"
#include "engine/request_checks.h"

namespace engine {

ddb::Result<ddb::ScanResponse> EngineImpl::Scan(const ddb::ScanRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto checks, CheckScan(request));
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  const int32_t total = request.total_segments.value_or(1);
  const int32_t segment = request.segment.value_or(0);
  const IndexMeta* maybe_index =
      request.index_name ? meta->FindIndex(*request.index_name) : nullptr;
  XR_ASSIGN_OR_RETURN(const IndexMeta* index,
                      ResolveIndex(*meta, request.index_name, request.consistent_read,
                                   maybe_index != nullptr && IndexCreating(*meta, *maybe_index)));
  XR_RETURN_IF_ERROR(CheckSelectOnIndex(request.select, index));

  // Segment i covers hashes [i * 2^64 / N, (i + 1) * 2^64 / N).
  const uint16_t index_id = index ? index->id : layout::kPrimaryIndex;
  const std::string prefix = layout::IndexPrefix(meta->id, index_id);
  using u128 = unsigned __int128;
  const auto bound = [&](int32_t i) {
    return static_cast<uint64_t>((static_cast<u128>(i) << 64) / static_cast<u128>(total));
  };
  const uint64_t seg_lo = bound(segment);
  PagePlan plan;
  plan.meta = meta.get();
  plan.index = index;
  plan.lower = prefix;
  keycodec::AppendBE64(seg_lo, &plan.lower);
  if (segment + 1 == total) {
    plan.upper = keycodec::PrefixEnd(prefix);
  } else {
    plan.upper = prefix;
    keycodec::AppendBE64(bound(segment + 1), &plan.upper);
  }
  if (request.exclusive_start_key) {
    XR_ASSIGN_OR_RETURN(const std::string start,
                        StartStorageKey(*meta, index, *request.exclusive_start_key));
    if (start < plan.lower || start >= plan.upper) {
      return ddb::ValidationError(
          "The provided Exclusive start key does not map to the provided segment");
    }
    plan.lower = start + '\0';  // the smallest key after the start key
  }
  plan.limit = request.limit;
  plan.filter = std::move(checks.filter);
  plan.projection = std::move(checks.projection);
  plan.count_only = checks.count_only;
  plan.bulk = true;
  size_t bytes_read = 0;
  XR_ASSIGN_OR_RETURN(auto response, ReadPage(db_.get(), plan, &bytes_read));
  response.consumed_capacity =
      ReadCapacity(request.return_consumed_capacity, *meta, index, bytes_read,
                   request.consistent_read);
  return response;
}

}  // namespace engine
