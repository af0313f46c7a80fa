// Placeholder for the update-expression contracts of expressions.h; replaced by update_*.cc.
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
}  // namespace engine::expr
