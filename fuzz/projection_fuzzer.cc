// libFuzzer target for ProjectionExpression: parsing arbitrary text (with the names of the
// input, see expr_fuzz_input.h) must never crash or hang, and applying a parsed projection
// to any item gives an item that survives the wire codec.
#include <cstddef>
#include <cstdint>

#include "engine/expr/expressions.h"
#include "expr_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fuzz::ExprInput in =
      fuzz::SplitInput({reinterpret_cast<const char*>(data), size});
  static const std::vector<ddb::Item> items = fuzz::FixedItems();
  engine::expr::Usage usage;
  auto projection = engine::expr::ParseProjection(in.expression, in.names, &usage);
  if (!projection.ok()) {
    fuzz::Check(!projection.error().message.empty());
    return 0;
  }
  fuzz::Check(!projection->paths().empty());
  for (const auto& item : items) {
    const ddb::Item projected = projection->Apply(item);
    fuzz::Check(projected.size() <= item.size());
    fuzz::CheckItem(projected);
    fuzz::CheckItem(engine::expr::ProjectPaths(item, projection->paths()));
  }
  return 0;
}
