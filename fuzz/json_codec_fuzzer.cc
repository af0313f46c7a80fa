// libFuzzer target for the DynamoDB JSON codec: decoding arbitrary bytes must never crash,
// and whatever decodes must survive Encode -> Decode unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ddb/json.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// For types without operator==: the canonical encoding must be stable across a round trip.
template <class T>
void RoundTrip(std::string_view input) {
  auto first = ddb::json::Decode<T>(input);
  if (!first.ok()) return;
  const std::string text = ddb::json::Encode(*first);
  auto second = ddb::json::Decode<T>(text);
  Check(second.ok());
  Check(ddb::json::Encode(*second) == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  auto item = ddb::json::DecodeItem(input);
  if (item.ok()) {
    auto again = ddb::json::DecodeItem(ddb::json::EncodeItem(*item));
    Check(again.ok() && *again == *item);
    (void)ddb::ItemSize(*item);
  }
  auto value = ddb::json::DecodeAttributeValue(input);
  if (value.ok()) {
    auto again = ddb::json::DecodeAttributeValue(ddb::json::EncodeAttributeValue(*value));
    Check(again.ok() && *again == *value);
  }
  auto put = ddb::json::Decode<ddb::PutItemRequest>(input);
  if (put.ok()) {
    auto again = ddb::json::Decode<ddb::PutItemRequest>(ddb::json::Encode(*put));
    Check(again.ok() && again->item == put->item &&
          again->expression_attribute_values == put->expression_attribute_values);
  }
  RoundTrip<ddb::PutItemRequest>(input);
  RoundTrip<ddb::QueryRequest>(input);
  RoundTrip<ddb::ScanResponse>(input);
  RoundTrip<ddb::BatchWriteItemRequest>(input);
  RoundTrip<ddb::BatchGetItemResponse>(input);
  RoundTrip<ddb::CreateTableRequest>(input);
  RoundTrip<ddb::UpdateTableRequest>(input);
  RoundTrip<ddb::DescribeTableResponse>(input);
  (void)ddb::json::DecodeError(400, input);
  return 0;
}
