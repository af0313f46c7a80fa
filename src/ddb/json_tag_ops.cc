// Tags (TagResource, UntagResource, ListTagsOfResource), DescribeLimits and
// DescribeEndpoints <-> DynamoDB JSON. TagResource and UntagResource are checked as DynamoDB
// and dynalite check them: member types, a missing ResourceArn ("Invalid TableArn"), the ARN's
// shape (AccessDeniedException, DynamoDB authorizes the resource before it validates), then
// the member constraints; the table ARN, empty lists and the tags' rules are the engine's.
#include "ddb/json.h"
#include "ddb/json_check.h"
#include "ddb/json_internal.h"
#include "ddb/tagging.h"

namespace ddb::json {
namespace internal {
namespace {

template <class T, class Fn>
Result<T> DecodeArnRequest(std::string_view body, std::string_view operation, Schema types,
                           Schema full, Fn read) {
  ParsedBody parsed;
  XR_RETURN_IF_ERROR(ParseObject(body, parsed));
  XR_RETURN_IF_ERROR(CheckRequest(types, parsed.mutable_root()));
  const Value* arn = Find(parsed.root(), "ResourceArn");
  if (arn == nullptr) return ValidationError("Invalid TableArn");
  XR_RETURN_IF_ERROR(CheckResourceArnShape(operation, View(*arn)));
  XR_RETURN_IF_ERROR(CheckRequest(full, parsed.mutable_root()));
  T out{};
  XR_RETURN_IF_ERROR(RequireString(parsed.root(), "ResourceArn", out.resource_arn));
  XR_RETURN_IF_ERROR(read(parsed.root(), out));
  return out;
}

Status ReadTag(const Value& v, Tag& out) {
  XR_RETURN_IF_ERROR(ExpectObject(v, "Tags"));
  XR_RETURN_IF_ERROR(RequireString(v, "Key", out.key));
  return RequireString(v, "Value", out.value);
}

void WriteInt64Member(Writer& w, std::string_view key, int64_t value) {
  WriteKey(w, key);
  w.Int64(value);
}

}  // namespace

Status ReadTags(const Value& object, std::vector<Tag>& out) {
  return ReadArray(object, "Tags", out, ReadTag);
}

void WriteTags(Writer& w, const std::vector<Tag>& tags) {
  WriteKey(w, "Tags");
  w.StartArray();
  for (const auto& tag : tags) {
    w.StartObject();
    WriteMember(w, "Key", tag.key);
    WriteMember(w, "Value", tag.value);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace internal

using namespace internal;  // NOLINT: this file is the codec's own implementation

// --- TagResource ---

std::string Encode(const TagResourceRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "ResourceArn", v.resource_arn);
    WriteTags(w, v.tags);
  });
}

template <>
Result<TagResourceRequest> Decode<TagResourceRequest>(std::string_view body) {
  return DecodeArnRequest<TagResourceRequest>(
      body, "TagResource", TagResourceTypesSchema(), TagResourceSchema(),
      [](const Value& o, TagResourceRequest& out) { return ReadTags(o, out.tags); });
}

std::string Encode(const TagResourceResponse& /*v*/) { return ""; }

template <>
Result<TagResourceResponse> Decode<TagResourceResponse>(std::string_view body) {
  if (body.empty()) return TagResourceResponse{};
  return DecodeBody<TagResourceResponse>(
      body, [](const Value&, TagResourceResponse&) { return OkStatus(); });
}

// --- UntagResource ---

std::string Encode(const UntagResourceRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "ResourceArn", v.resource_arn);
    WriteStringList(w, "TagKeys", v.tag_keys);
  });
}

template <>
Result<UntagResourceRequest> Decode<UntagResourceRequest>(std::string_view body) {
  return DecodeArnRequest<UntagResourceRequest>(body, "UntagResource", UntagResourceTypesSchema(),
                                                UntagResourceSchema(),
                                                [](const Value& o, UntagResourceRequest& out) {
                                                  return ReadStringList(o, "TagKeys", out.tag_keys);
                                                });
}

std::string Encode(const UntagResourceResponse& /*v*/) { return ""; }

template <>
Result<UntagResourceResponse> Decode<UntagResourceResponse>(std::string_view body) {
  if (body.empty()) return UntagResourceResponse{};
  return DecodeBody<UntagResourceResponse>(
      body, [](const Value&, UntagResourceResponse&) { return OkStatus(); });
}

// --- ListTagsOfResource ---

std::string Encode(const ListTagsOfResourceRequest& v) {
  return EncodeBody([&](Writer& w) {
    WriteMember(w, "ResourceArn", v.resource_arn);
    WriteOptional(w, "NextToken", v.next_token);
  });
}

template <>
Result<ListTagsOfResourceRequest> Decode<ListTagsOfResourceRequest>(std::string_view body) {
  // No constraints to run after the ARN: one schema serves both phases.
  return DecodeArnRequest<ListTagsOfResourceRequest>(
      body, "ListTagsOfResource", ListTagsOfResourceSchema(), ListTagsOfResourceSchema(),
      [](const Value& o, ListTagsOfResourceRequest& out) {
        return ReadString(o, "NextToken", out.next_token);
      });
}

std::string Encode(const ListTagsOfResourceResponse& v) {
  return EncodeBody([&](Writer& w) {
    WriteTags(w, v.tags);
    WriteOptional(w, "NextToken", v.next_token);
  });
}

template <>
Result<ListTagsOfResourceResponse> Decode<ListTagsOfResourceResponse>(std::string_view body) {
  return DecodeBody<ListTagsOfResourceResponse>(
      body, [](const Value& o, ListTagsOfResourceResponse& out) -> Status {
        XR_RETURN_IF_ERROR(ReadTags(o, out.tags));
        return ReadString(o, "NextToken", out.next_token);
      });
}

// --- DescribeLimits ---

std::string Encode(const DescribeLimitsRequest& /*v*/) { return "{}"; }

template <>
Result<DescribeLimitsRequest> Decode<DescribeLimitsRequest>(std::string_view body) {
  return DecodeRequest<DescribeLimitsRequest>(
      body, NoMembersSchema(), [](const Value&, DescribeLimitsRequest&) { return OkStatus(); });
}

std::string Encode(const DescribeLimitsResponse& v) {
  return EncodeBody([&](Writer& w) {
    WriteInt64Member(w, "AccountMaxReadCapacityUnits", v.account_max_read_capacity_units);
    WriteInt64Member(w, "AccountMaxWriteCapacityUnits", v.account_max_write_capacity_units);
    WriteInt64Member(w, "TableMaxReadCapacityUnits", v.table_max_read_capacity_units);
    WriteInt64Member(w, "TableMaxWriteCapacityUnits", v.table_max_write_capacity_units);
  });
}

template <>
Result<DescribeLimitsResponse> Decode<DescribeLimitsResponse>(std::string_view body) {
  return DecodeBody<DescribeLimitsResponse>(
      body, [](const Value& o, DescribeLimitsResponse& out) -> Status {
        XR_RETURN_IF_ERROR(
            ReadInt64(o, "AccountMaxReadCapacityUnits", out.account_max_read_capacity_units));
        XR_RETURN_IF_ERROR(
            ReadInt64(o, "AccountMaxWriteCapacityUnits", out.account_max_write_capacity_units));
        XR_RETURN_IF_ERROR(
            ReadInt64(o, "TableMaxReadCapacityUnits", out.table_max_read_capacity_units));
        return ReadInt64(o, "TableMaxWriteCapacityUnits", out.table_max_write_capacity_units);
      });
}

// --- DescribeEndpoints ---

std::string Encode(const DescribeEndpointsRequest& /*v*/) { return "{}"; }

template <>
Result<DescribeEndpointsRequest> Decode<DescribeEndpointsRequest>(std::string_view body) {
  return DecodeRequest<DescribeEndpointsRequest>(
      body, NoMembersSchema(), [](const Value&, DescribeEndpointsRequest&) { return OkStatus(); });
}

std::string Encode(const DescribeEndpointsResponse& v) {
  return EncodeBody([&](Writer& w) {
    WriteKey(w, "Endpoints");
    w.StartArray();
    for (const auto& e : v.endpoints) {
      w.StartObject();
      WriteMember(w, "Address", e.address);
      WriteInt64Member(w, "CachePeriodInMinutes", e.cache_period_in_minutes);
      w.EndObject();
    }
    w.EndArray();
  });
}

template <>
Result<DescribeEndpointsResponse> Decode<DescribeEndpointsResponse>(std::string_view body) {
  return DecodeBody<DescribeEndpointsResponse>(
      body, [](const Value& o, DescribeEndpointsResponse& out) -> Status {
        return ReadArray(o, "Endpoints", out.endpoints, [](const Value& v, Endpoint& e) -> Status {
          XR_RETURN_IF_ERROR(ExpectObject(v, "Endpoints"));
          XR_RETURN_IF_ERROR(ReadString(v, "Address", e.address));
          return ReadInt64(v, "CachePeriodInMinutes", e.cache_period_in_minutes);
        });
      });
}

}  // namespace ddb::json
