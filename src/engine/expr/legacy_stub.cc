// Placeholder for the legacy-condition contracts of expressions.h; replaced by legacy.cc.
#include "engine/expr/expressions.h"

namespace engine::expr {
namespace {
ddb::Error NotYet() { return ddb::ValidationError("not implemented yet"); }
}  // namespace

ddb::Result<Condition> ConditionFromExpected(const ddb::ExpectedMap&,
                                             std::optional<ddb::ConditionalOperator>) {
  return NotYet();
}
ddb::Result<Condition> ConditionFromFilter(const ddb::LegacyConditionMap&,
                                           std::optional<ddb::ConditionalOperator>) {
  return NotYet();
}
ddb::Result<KeyCondition> KeyConditionFromLegacy(const ddb::LegacyConditionMap&, std::string_view,
                                                 std::optional<std::string_view>) {
  return NotYet();
}
ProjectionList ProjectionFromAttributes(const std::vector<std::string>&) { return {}; }

}  // namespace engine::expr
