// replaced when the command group lands
#include "cli/context.h"

namespace cli {

}  // namespace cli
