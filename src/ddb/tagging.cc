#include "ddb/tagging.h"

#include <cctype>

namespace ddb {
namespace {

// JavaScript's '.' (the patterns dynalite records): anything but line terminators.
bool HasLineBreak(std::string_view s) {
  return s.find('\n') != std::string_view::npos || s.find('\r') != std::string_view::npos;
}

size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;  // 4-byte sequences are surrogate pairs
  }
  return n;
}

// Letters, digits, white space and + - = . _ : / (DynamoDB's tagging restrictions); bytes
// of multi-byte UTF-8 sequences count as letters (Unicode letters are allowed).
bool AllowedTagText(std::string_view s) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || std::isalnum(b) || std::isspace(b)) continue;
    if (std::string_view("+-=._:/").find(c) == std::string_view::npos) return false;
  }
  return true;
}

Error InvalidTags(std::string_view what) {
  return ValidationError("One or more parameter values were invalid: " + std::string(what));
}

}  // namespace

Status CheckResourceArnShape(std::string_view operation, std::string_view arn) {
  // ^.+:.+:.+:.+:.+:.+/.+$, matched greedily from the left: the earliest colons leave the
  // most room for what follows.
  bool ok = !HasLineBreak(arn);
  size_t pos = 0;
  for (int part = 0; ok && part < 5; ++pos, ++part) {
    pos = arn.find(':', pos + 1);  // each part before a colon is non-empty
    ok = pos != std::string_view::npos;
  }
  if (ok) {
    const size_t slash = arn.find('/', pos + 1);  // the sixth part is non-empty too
    ok = slash != std::string_view::npos && slash + 1 < arn.size();
  }
  if (ok) return OkStatus();
  return Error(ErrorCode::kAccessDenied,
               "User: " + std::string(kTaggingPrincipal) +
                   " is not authorized to perform: dynamodb:" + std::string(operation) +
                   " on resource: " + (arn.empty() ? std::string("*") : std::string(arn)));
}

Result<std::string> TableNameFromArn(std::string_view arn) {
  // ^arn:aws:dynamodb:.+:\d+:table/[^/]{2}[^/]+$
  const Error invalid = ValidationError("Invalid TableArn: Invalid ResourceArn provided as input " +
                                        std::string(arn));
  constexpr std::string_view kPrefix = "arn:aws:dynamodb:";
  constexpr std::string_view kTable = ":table";
  if (HasLineBreak(arn) || arn.substr(0, kPrefix.size()) != kPrefix) return invalid;
  const size_t slash = arn.rfind('/');
  if (slash == std::string_view::npos || arn.size() - slash - 1 < 3) return invalid;
  std::string_view head = arn.substr(kPrefix.size(), slash - kPrefix.size());
  if (head.size() < kTable.size() || head.substr(head.size() - kTable.size()) != kTable) {
    return invalid;
  }
  head.remove_suffix(kTable.size());  // "<region>:<account>"
  const size_t colon = head.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == head.size()) return invalid;
  for (const char c : head.substr(colon + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return invalid;
  }
  return std::string(arn.substr(slash + 1));
}

Status CheckTagsToSet(const std::vector<Tag>& tags) {
  for (const Tag& tag : tags) {
    const size_t key_length = Utf16Length(tag.key);
    if (key_length < 1 || key_length > 128) {
      return InvalidTags("Tag keys must be between 1 and 128 characters long");
    }
    if (Utf16Length(tag.value) > 256) {
      return InvalidTags("Tag values must be at most 256 characters long");
    }
    if (tag.key.substr(0, 4) == "aws:") {
      return InvalidTags("Tag keys starting with 'aws:' are reserved for system use: " + tag.key);
    }
    if (!AllowedTagText(tag.key) || !AllowedTagText(tag.value)) {
      return InvalidTags(
          "Tag keys and values may only contain letters, digits, white space and + - = . _ : /");
    }
  }
  return OkStatus();
}

Status MergeTags(const std::vector<Tag>& add, std::vector<Tag>* tags) {
  std::vector<Tag> merged = *tags;
  for (const Tag& tag : add) {
    bool replaced = false;
    for (Tag& existing : merged) {
      if (existing.key == tag.key) {
        existing.value = tag.value;
        replaced = true;
        break;
      }
    }
    if (!replaced) merged.push_back(tag);
  }
  if (merged.size() > kMaxTagsPerResource) {
    return InvalidTags("The number of tags on a resource cannot exceed " +
                       std::to_string(kMaxTagsPerResource) + "; this request would make it " +
                       std::to_string(merged.size()));
  }
  *tags = std::move(merged);
  return OkStatus();
}

}  // namespace ddb
