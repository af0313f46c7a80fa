// libFuzzer target for KeyConditionExpression: parsing arbitrary text (with the names and
// values of the input, see expr_fuzz_input.h) for a hash-only and a hash+range key must
// never crash or hang; a parsed condition names the key attributes it was given.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/expr/expressions.h"
#include "expr_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fuzz::ExprInput in =
      fuzz::SplitInput({reinterpret_cast<const char*>(data), size});
  for (std::optional<std::string_view> range : {std::optional<std::string_view>(),
                                                std::optional<std::string_view>("sk")}) {
    engine::expr::Usage usage;
    auto key = engine::expr::ParseKeyCondition(in.expression, in.names, in.values, "pk", range,
                                               &usage);
    if (!key.ok()) {
      fuzz::Check(!key.error().message.empty());
      continue;
    }
    fuzz::Check(key->partition_attribute == "pk");
    if (key->sort) fuzz::Check(range && key->sort->attribute == *range);
    (void)engine::expr::CheckAllUsed(usage, in.names, in.values);
  }
  return 0;
}
