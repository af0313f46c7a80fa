// DynamoDB's reserved words (case-insensitive), which may not appear bare as attribute names
// in expressions.
#pragma once

#include <string_view>

namespace engine::expr {

bool IsReservedWord(std::string_view word);

}  // namespace engine::expr
