// The DescribeTable answer as DynamoDB JSON ({"Table":{...}}), for `tables describe --json`.
#pragma once

#include <string>

#include "ddb/model.h"

namespace cli {

std::string DescribeTableJson(const ddb::TableDescription& table);

}  // namespace cli
