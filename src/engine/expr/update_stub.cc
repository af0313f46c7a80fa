// Placeholders for the update-expression and legacy-condition contracts of expressions.h;
// replaced by update_parser.cc / update_apply.cc / legacy.cc.
#include "engine/expr/expressions.h"

namespace engine::expr {
namespace {
ddb::Error NotYet() { return ddb::ValidationError("not implemented yet"); }
}  // namespace

ddb::Status UpdateExpression::Apply(ddb::Item*) const { return NotYet(); }
const std::vector<DocumentPath>& UpdateExpression::paths() const {
  static const std::vector<DocumentPath> kNone;
  return kNone;
}
ddb::Result<UpdateExpression> ParseUpdate(std::string_view, const ddb::ExpressionAttributeNames&,
                                          const ddb::ExpressionAttributeValues&, Usage*) {
  return NotYet();
}
ddb::Result<UpdateExpression> UpdateFromAttributeUpdates(const ddb::AttributeUpdates&) {
  return NotYet();
}
ddb::Item ProjectPaths(const ddb::Item&, const std::vector<DocumentPath>&) { return {}; }
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
