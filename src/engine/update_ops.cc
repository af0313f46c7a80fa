// UpdateItem. (Placeholder until the update-expression engine lands.)
#include "engine/engine_impl.h"

namespace engine {

ddb::Result<ddb::UpdateItemResponse> EngineImpl::UpdateItem(const ddb::UpdateItemRequest&) {
  return ddb::Error(ddb::ErrorCode::kUnknownOperation, "UpdateItem is not implemented yet");
}

}  // namespace engine
