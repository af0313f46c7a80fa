// The rules DynamoDB applies to tag operations (TagResource, UntagResource,
// ListTagsOfResource) and to CreateTable's Tags, shared by the JSON codec (which runs the
// ARN shape check before the member constraints, as DynamoDB authorizes the resource first)
// and the engine (which runs them all for typed callers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ddb/model.h"
#include "ddb/result.h"

namespace ddb {

// The account and user a denied tag call names; one store, one fixed identity.
inline constexpr std::string_view kTaggingPrincipal = "arn:aws:iam::000000000000:root";

// AccessDeniedException ("User: <principal> is not authorized to perform: dynamodb:<operation>
// on resource: <arn>", '*' for an empty ARN) unless `arn` has the shape of an ARN (six
// ':'-separated parts, the last with a '/'), as DynamoDB and dynalite answer.
Status CheckResourceArnShape(std::string_view operation, std::string_view arn);

// The table name of a table ARN ("arn:aws:dynamodb:<region>:<account>:table/<name>");
// anything else (an index ARN, another resource) is ValidationException "Invalid TableArn:
// Invalid ResourceArn provided as input <arn>".
Result<std::string> TableNameFromArn(std::string_view arn);

// Tags a caller sets: keys 1..128 and values 0..256 characters (UTF-16 code units), letters,
// digits, white space and + - = . _ : / only, and no key in the reserved "aws:" prefix.
Status CheckTagsToSet(const std::vector<Tag>& tags);

// Sets `add` on `tags` (a key already there takes the new value, in place; new keys are
// appended; within `add` the last of a key wins); ValidationException, `tags` unchanged, when
// the result would carry more than kMaxTagsPerResource tags.
Status MergeTags(const std::vector<Tag>& add, std::vector<Tag>* tags);

}  // namespace ddb
