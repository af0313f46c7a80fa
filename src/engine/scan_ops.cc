// Scan: the whole table or index in hash order, or one parallel segment of it.
#include <limits>

#include "engine/engine_impl.h"
#include "engine/item_keys.h"
#include "engine/key_codec.h"
#include "engine/page_reader.h"
#include "engine/validation.h"

namespace engine {
namespace {

constexpr int32_t kMaxTotalSegments = 1000000;

}  // namespace

ddb::Result<ddb::ScanResponse> EngineImpl::Scan(const ddb::ScanRequest& request) {
  XR_RETURN_IF_ERROR(CheckThrottle());
  XR_ASSIGN_OR_RETURN(auto meta, GetTable(request.table_name, Access::kData));
  XR_RETURN_IF_ERROR(ValidateLimit(request.limit, std::numeric_limits<int32_t>::max()));
  if (request.total_segments && !request.segment) {
    return ddb::ValidationError(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (request.segment && !request.total_segments) {
    return ddb::ValidationError(
        "The TotalSegments parameter is required but was not present in the request when "
        "Segment parameter is present");
  }
  const int32_t total = request.total_segments.value_or(1);
  const int32_t segment = request.segment.value_or(0);
  if (total < 1) {
    return ConstraintError(std::to_string(total), "totalSegments",
                           "Member must have value greater than or equal to 1");
  }
  if (total > kMaxTotalSegments) {
    return ConstraintError(std::to_string(total), "totalSegments",
                           "Member must have value less than or equal to 1000000");
  }
  if (segment < 0) {
    return ConstraintError(std::to_string(segment), "segment",
                           "Member must have value greater than or equal to 0");
  }
  if (segment >= total) {
    return ddb::ValidationError(
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: " +
        std::to_string(segment) + " is out of bounds for TotalSegments: " + std::to_string(total));
  }
  const IndexMeta* maybe_index =
      request.index_name ? meta->FindIndex(*request.index_name) : nullptr;
  XR_ASSIGN_OR_RETURN(const IndexMeta* index,
                      ResolveIndex(*meta, request.index_name, request.consistent_read,
                                   maybe_index != nullptr && IndexCreating(*meta, *maybe_index)));
  expr::Usage usage;
  XR_ASSIGN_OR_RETURN(
      auto exprs, ParseReadExpressions(request.filter_expression, request.projection_expression,
                                       request.select, index, request.expression_attribute_names,
                                       request.expression_attribute_values, &usage));

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
  plan.filter = std::move(exprs.filter);
  plan.projection = std::move(exprs.projection);
  plan.count_only = exprs.count_only;
  plan.bulk = true;
  return ReadPage(db_.get(), plan);
}

}  // namespace engine
