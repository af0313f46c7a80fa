// Tags (TagResource, UntagResource, ListTagsOfResource) and DescribeLimits. A table's tags
// live in its catalog record (TableMeta::tags), so they are written with the table's
// metadata, vanish with the table, and survive a reopen. Checks run in DynamoDB's order: the
// ARN's shape (AccessDeniedException), that it is a table ARN, the tags themselves, then the
// table, then the number of tags it would carry.
#include <algorithm>
#include <mutex>

#include "ddb/tagging.h"
#include "engine/engine_impl.h"
#include "engine/validation.h"

namespace engine {
namespace {

// DynamoDB's default quotas (Service, account, and table quotas in Amazon DynamoDB):
// 40,000 read and write capacity units per table, 80,000 per account, per Region.
constexpr int64_t kAccountMaxCapacityUnits = 80000;
constexpr int64_t kTableMaxCapacityUnits = 40000;

// As DynamoDB and dynalite spell it ("ResourcArn").
std::string NotFoundNamingArn(std::string_view arn) {
  return "Requested resource not found: ResourcArn: " + std::string(arn) + " not found";
}

}  // namespace

ddb::Result<EngineImpl::MetaPtr> EngineImpl::TableForArn(std::string_view operation,
                                                         std::string_view arn,
                                                         std::string_view not_found) const {
  XR_RETURN_IF_ERROR(ddb::CheckResourceArnShape(operation, arn));
  XR_ASSIGN_OR_RETURN(const std::string name, ddb::TableNameFromArn(arn));
  // A name no table can have, or an ARN of another region or account, names no table here.
  if (!ValidateTableName(name).ok()) return ddb::NotFoundError(std::string(not_found));
  auto meta = GetTable(name, Access::kDescribe);
  if (!meta.ok()) {
    if (meta.error().code != ddb::ErrorCode::kResourceNotFound) return meta.error();
    return ddb::NotFoundError(std::string(not_found));
  }
  if (Describe(**meta).table_arn != arn) return ddb::NotFoundError(std::string(not_found));
  return meta;
}

ddb::Result<ddb::TagResourceResponse> EngineImpl::TagResource(
    const ddb::TagResourceRequest& request) {
  const std::string_view arn = request.resource_arn;
  XR_RETURN_IF_ERROR(ddb::CheckResourceArnShape("TagResource", arn));
  if (auto name = ddb::TableNameFromArn(arn); !name.ok()) return name.error();
  if (request.tags.empty()) {
    return ddb::ValidationError("Atleast one Tag needs to be provided as Input.");
  }
  XR_RETURN_IF_ERROR(ddb::CheckTagsToSet(request.tags));
  std::unique_lock ddl(ddl_mu_);
  XR_ASSIGN_OR_RETURN(auto current, TableForArn("TagResource", arn, NotFoundNamingArn(arn)));
  TableMeta meta = *current;
  XR_RETURN_IF_ERROR(ddb::MergeTags(request.tags, &meta.tags));
  rocksdb::WriteBatch batch;
  XR_RETURN_IF_ERROR(PersistMeta(meta, &batch));
  XR_RETURN_IF_ERROR(Commit(&batch));
  PublishMeta(std::move(meta));
  return ddb::TagResourceResponse{};
}

ddb::Result<ddb::UntagResourceResponse> EngineImpl::UntagResource(
    const ddb::UntagResourceRequest& request) {
  const std::string_view arn = request.resource_arn;
  XR_RETURN_IF_ERROR(ddb::CheckResourceArnShape("UntagResource", arn));
  if (auto name = ddb::TableNameFromArn(arn); !name.ok()) return name.error();
  if (request.tag_keys.empty()) {
    return ddb::ValidationError("Atleast one Tag Key needs to be provided as Input.");
  }
  std::unique_lock ddl(ddl_mu_);
  // UntagResource's not-found message does not name the ARN (dynalite records it so).
  XR_ASSIGN_OR_RETURN(auto current,
                      TableForArn("UntagResource", arn, "Requested resource not found"));
  TableMeta meta = *current;
  // Removing a key the table does not have is not an error.
  std::erase_if(meta.tags, [&](const ddb::Tag& tag) {
    return std::find(request.tag_keys.begin(), request.tag_keys.end(), tag.key) !=
           request.tag_keys.end();
  });
  if (meta.tags.size() == current->tags.size()) return ddb::UntagResourceResponse{};
  rocksdb::WriteBatch batch;
  XR_RETURN_IF_ERROR(PersistMeta(meta, &batch));
  XR_RETURN_IF_ERROR(Commit(&batch));
  PublishMeta(std::move(meta));
  return ddb::UntagResourceResponse{};
}

ddb::Result<ddb::ListTagsOfResourceResponse> EngineImpl::ListTagsOfResource(
    const ddb::ListTagsOfResourceRequest& request) {
  const std::string_view arn = request.resource_arn;
  XR_ASSIGN_OR_RETURN(auto meta, TableForArn("ListTagsOfResource", arn, NotFoundNamingArn(arn)));
  ddb::ListTagsOfResourceResponse response;
  response.tags = meta->tags;  // at most 50: one page, no NextToken
  return response;
}

ddb::Result<ddb::DescribeLimitsResponse> EngineImpl::DescribeLimits(
    const ddb::DescribeLimitsRequest& /*request*/) {
  ddb::DescribeLimitsResponse response;
  response.account_max_read_capacity_units = kAccountMaxCapacityUnits;
  response.account_max_write_capacity_units = kAccountMaxCapacityUnits;
  response.table_max_read_capacity_units = kTableMaxCapacityUnits;
  response.table_max_write_capacity_units = kTableMaxCapacityUnits;
  return response;
}

}  // namespace engine
