// libFuzzer target for UpdateExpression: parsing arbitrary text (with the names and values
// of the input, see expr_fuzz_input.h) must never crash or hang; a parsed update applied to
// a copy of each fixed item either fails with a message or gives an item that survives the
// wire codec and whose size is computable, as do its UPDATED_OLD / UPDATED_NEW projections.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/expr/expressions.h"
#include "engine/validation.h"
#include "expr_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fuzz::ExprInput in =
      fuzz::SplitInput({reinterpret_cast<const char*>(data), size});
  static const std::vector<ddb::Item> items = fuzz::FixedItems();
  engine::expr::Usage usage;
  auto update = engine::expr::ParseUpdate(in.expression, in.names, in.values, &usage);
  if (!update.ok()) {
    fuzz::Check(!update.error().message.empty());
    return 0;
  }
  (void)engine::expr::CheckAllUsed(usage, in.names, in.values);
  for (const auto& item : items) {
    ddb::Item updated = item;
    auto applied = update->Apply(&updated);
    if (!applied.ok()) {
      fuzz::Check(!applied.error().message.empty());
      continue;
    }
    // Values nested near the limit can be SET deeper than DynamoDB allows; the engine
    // refuses that item (ValidateItemValues), so it never reaches the codec.
    auto valid = engine::ValidateItemValues(updated);
    if (!valid.ok() && valid.error().message.find("Nesting Levels") != std::string::npos) continue;
    fuzz::CheckItem(updated);
    fuzz::CheckItem(engine::expr::ProjectPaths(item, update->paths()));
    fuzz::CheckItem(engine::expr::ProjectPaths(updated, update->paths()));
  }
  return 0;
}
