// libFuzzer target for ConditionExpression / FilterExpression: parsing arbitrary text (with
// the names and values of the input, see expr_fuzz_input.h) must never crash or hang, and a
// parsed condition must evaluate on any item. CheckAllUsed must not crash either.
#include <cstddef>
#include <cstdint>

#include "engine/expr/expressions.h"
#include "expr_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fuzz::ExprInput in =
      fuzz::SplitInput({reinterpret_cast<const char*>(data), size});
  static const std::vector<ddb::Item> items = fuzz::FixedItems();
  for (auto kind : {engine::expr::ConditionKind::kCondition, engine::expr::ConditionKind::kFilter}) {
    engine::expr::Usage usage;
    auto condition = engine::expr::ParseCondition(in.expression, in.names, in.values, &usage, kind);
    if (!condition.ok()) {
      fuzz::Check(!condition.error().message.empty());
      continue;
    }
    for (const auto& name : usage.names) fuzz::Check(in.names.contains(name));
    for (const auto& value : usage.values) fuzz::Check(in.values.contains(value));
    (void)engine::expr::CheckAllUsed(usage, in.names, in.values);
    for (const auto& item : items) (void)condition->Evaluate(item);
  }
  return 0;
}
