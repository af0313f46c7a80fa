// DynamoDB expressions: KeyConditionExpression, ConditionExpression/FilterExpression and
// ProjectionExpression — parsing (with ExpressionAttributeNames/Values substitution) and
// evaluation against items. Knows nothing of storage.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ddb/model.h"
#include "ddb/result.h"

namespace engine::expr {

// Which #names and :values the expressions of one request used; DynamoDB rejects a request
// that supplies names or values no expression uses (see CheckAllUsed).
struct Usage {
  std::set<std::string, std::less<>> names;
  std::set<std::string, std::less<>> values;
};

enum class SortOp { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

struct SortKeyCondition {
  std::string attribute;  // resolved attribute name (never a #placeholder)
  SortOp op = SortOp::kEq;
  ddb::AttributeValue value;   // right operand (lower bound for BETWEEN)
  ddb::AttributeValue value2;  // upper bound for BETWEEN
};

struct KeyCondition {
  std::string partition_attribute;
  ddb::AttributeValue partition_value;
  std::optional<SortKeyCondition> sort;
};

// The schema-free parts of a KeyConditionExpression, which DynamoDB checks before it looks
// the table up: the syntax and the placeholders (recording them in *usage) ...
ddb::Status CheckKeyConditionSyntax(std::string_view expression,
                                    const ddb::ExpressionAttributeNames& names,
                                    const ddb::ExpressionAttributeValues& values, Usage* usage);
// ... and, after the unused-placeholder check, the operators and the number of conditions
// ("Invalid operator used in KeyConditionExpression: OR", "Conditions can be of length 1 or
// 2 only").
ddb::Status CheckKeyConditionShape(std::string_view expression,
                                   const ddb::ExpressionAttributeNames& names,
                                   const ddb::ExpressionAttributeValues& values);

// Checks one value of a key attribute's condition against the key schema's type (the
// engine's, which knows the schema): is_hash says which key attribute it is.
using KeyValueCheck = std::function<ddb::Status(bool is_hash, const ddb::AttributeValue&)>;

// Parses a KeyConditionExpression for a table/index whose keys are hash_key and, if any,
// range_key. Errors (ValidationException) follow DynamoDB: e.g. "Query condition missed key
// schema element: id", "Query key condition not supported", an undefined :value or #name.
// check_value, when set, runs on each key attribute's values in DynamoDB's order: after the
// attribute is found, before its operator is checked ("Condition parameter type does not
// match schema type" comes before "Query key condition not supported").
ddb::Result<KeyCondition> ParseKeyCondition(std::string_view expression,
                                            const ddb::ExpressionAttributeNames& names,
                                            const ddb::ExpressionAttributeValues& values,
                                            std::string_view hash_key,
                                            std::optional<std::string_view> range_key,
                                            Usage* usage, const KeyValueCheck& check_value = {});

struct ConditionNode;  // parsed tree, defined in the implementation

// Which request parameter a condition came from; DynamoDB names it in error messages
// ("Invalid FilterExpression: ...").
enum class ConditionKind { kCondition, kFilter };

// A parsed ConditionExpression or FilterExpression: comparisons (= <> < <= > >=),
// BETWEEN, IN, AND/OR/NOT, parentheses, and the functions attribute_exists,
// attribute_not_exists, attribute_type, begins_with, contains, size; operands are
// document paths (a.b[1].c with #names) or :values. Cheap to copy.
class Condition {
 public:
  Condition() = default;
  // True when the item satisfies the condition (missing attributes compare false, as in
  // DynamoDB). Never fails: all checks that can fail happen at parse time.
  bool Evaluate(const ddb::Item& item) const;
  bool empty() const { return root_ == nullptr; }

 private:
  friend ddb::Result<Condition> ParseCondition(std::string_view,
                                               const ddb::ExpressionAttributeNames&,
                                               const ddb::ExpressionAttributeValues&, Usage*);
  friend ddb::Result<Condition> ParseCondition(std::string_view,
                                               const ddb::ExpressionAttributeNames&,
                                               const ddb::ExpressionAttributeValues&, Usage*,
                                               ConditionKind);
  friend ddb::Result<Condition> ConditionFromExpected(const ddb::ExpectedMap&,
                                                      std::optional<ddb::ConditionalOperator>);
  friend ddb::Result<Condition> ConditionFromFilter(const ddb::LegacyConditionMap&,
                                                    std::optional<ddb::ConditionalOperator>);
  std::shared_ptr<const ConditionNode> root_;
};

ddb::Result<Condition> ParseCondition(std::string_view expression,
                                      const ddb::ExpressionAttributeNames& names,
                                      const ddb::ExpressionAttributeValues& values,
                                      Usage* usage);
// Same, with errors worded for the given parameter (the overload above is kCondition).
ddb::Result<Condition> ParseCondition(std::string_view expression,
                                      const ddb::ExpressionAttributeNames& names,
                                      const ddb::ExpressionAttributeValues& values,
                                      Usage* usage, ConditionKind kind);

// One path of a ProjectionExpression: attribute names and list indexes, e.g. a.b[2].c.
struct PathElement {
  std::string name;           // set for a map member / top-level attribute
  std::optional<size_t> index;  // set for a list element
};
using DocumentPath = std::vector<PathElement>;

class ProjectionList {
 public:
  // Copies only the projected paths of item (nested paths keep their structure).
  ddb::Item Apply(const ddb::Item& item) const;
  const std::vector<DocumentPath>& paths() const { return paths_; }

 private:
  friend ddb::Result<ProjectionList> ParseProjection(std::string_view,
                                                     const ddb::ExpressionAttributeNames&,
                                                     Usage*);
  friend ProjectionList ProjectionFromAttributes(const std::vector<std::string>&);
  std::vector<DocumentPath> paths_;
};

ddb::Result<ProjectionList> ParseProjection(std::string_view expression,
                                            const ddb::ExpressionAttributeNames& names,
                                            Usage* usage);

// --- UpdateExpression (SET / REMOVE / ADD / DELETE) and the legacy AttributeUpdates ---

struct UpdatePlan;  // parsed actions, defined in the implementation (update_ast.h)

// A parsed UpdateExpression. Every operand is read from the item as it was before the
// update (DynamoDB semantics), then the actions are applied in order. Cheap to copy.
class UpdateExpression {
 public:
  UpdateExpression() = default;
  // Applies the actions to *item: the old item, or only the key attributes when the item
  // does not exist yet (upsert). On error *item is unspecified (the caller discards it).
  // Errors are DynamoDB's ValidationExceptions, e.g. "The provided expression refers to an
  // attribute that does not exist in the item", "An operand in the update expression has an
  // incorrect data type", "The document path provided in the update expression is invalid
  // for update".
  ddb::Status Apply(ddb::Item* item) const;
  // The document paths the actions write, in expression order. UPDATED_OLD / UPDATED_NEW
  // return these paths of the old / new item; the engine refuses any path whose first
  // element is a key attribute ("Cannot update attribute X. This attribute is part of the
  // key").
  const std::vector<DocumentPath>& paths() const;
  bool empty() const { return plan_ == nullptr; }

 private:
  friend ddb::Result<UpdateExpression> ParseUpdate(std::string_view,
                                                   const ddb::ExpressionAttributeNames&,
                                                   const ddb::ExpressionAttributeValues&, Usage*);
  friend ddb::Result<UpdateExpression> UpdateFromAttributeUpdates(const ddb::AttributeUpdates&);
  std::shared_ptr<const UpdatePlan> plan_;
};

// Parses an UpdateExpression; errors are "Invalid UpdateExpression: ..." ValidationExceptions
// worded as DynamoDB words them (syntax errors with the token, two actions on one path,
// overlapping paths, undefined names/values, reserved words, wrong operand types that can be
// told from the expression alone, functions used in the wrong place).
ddb::Result<UpdateExpression> ParseUpdate(std::string_view expression,
                                          const ddb::ExpressionAttributeNames& names,
                                          const ddb::ExpressionAttributeValues& values,
                                          Usage* usage);

// The legacy AttributeUpdates (PUT / ADD / DELETE of top-level attributes) as an
// UpdateExpression; its validation errors are DynamoDB's ("One or more parameter values were
// invalid: Only DELETE action is allowed when no attribute value is specified", ...).
ddb::Result<UpdateExpression> UpdateFromAttributeUpdates(const ddb::AttributeUpdates& updates);

// Copies the given paths of item (the UPDATED_OLD / UPDATED_NEW answer). Paths missing from
// the item are left out.
ddb::Item ProjectPaths(const ddb::Item& item, const std::vector<DocumentPath>& paths);

// --- Legacy conditions (Expected, KeyConditions, QueryFilter, ScanFilter, AttributesToGet) ---

// Expected + ConditionalOperator as a Condition, validated as DynamoDB validates them
// ("One or more parameter values were invalid: Value must be provided when Exists is null for
// Attribute: a", "Invalid number of argument(s) for the BETWEEN ComparisonOperator", ...).
ddb::Result<Condition> ConditionFromExpected(const ddb::ExpectedMap& expected,
                                             std::optional<ddb::ConditionalOperator> op);
// QueryFilter / ScanFilter + ConditionalOperator as a Condition (DynamoDB's rules for
// argument counts and types per ComparisonOperator).
ddb::Result<Condition> ConditionFromFilter(const ddb::LegacyConditionMap& filter,
                                           std::optional<ddb::ConditionalOperator> op);
// The request-validation part of KeyConditions, which DynamoDB runs before it looks the
// table up: argument counts and types per ComparisonOperator, then "Conditions can be of
// length 1 or 2 only". KeyConditionFromLegacy runs it too.
ddb::Status ValidateKeyConditions(const ddb::LegacyConditionMap& conditions);
// KeyConditions as a KeyCondition for the table's or index's key (DynamoDB's errors, e.g.
// "Query condition missed key schema element: id", "Attempted conditional constraint is not
// an indexable operation"); check_value as for ParseKeyCondition, after the indexable check.
ddb::Result<KeyCondition> KeyConditionFromLegacy(const ddb::LegacyConditionMap& conditions,
                                                 std::string_view hash_key,
                                                 std::optional<std::string_view> range_key,
                                                 const KeyValueCheck& check_value = {});
// AttributesToGet as a projection of top-level attributes.
ProjectionList ProjectionFromAttributes(const std::vector<std::string>& attributes);

// ValidationException when a supplied name or value was used by no expression, e.g.
// "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}".
ddb::Status CheckAllUsed(const Usage& usage, const ddb::ExpressionAttributeNames& names,
                         const ddb::ExpressionAttributeValues& values);

}  // namespace engine::expr
