// EmbeddedBackend: ddb::Backend that calls the engine in process with typed requests
// (no JSON, no socket).
#pragma once

#include <memory>

#include "ddb/backend.h"
#include "engine/engine.h"

namespace ddb {

Result<std::unique_ptr<Backend>> MakeEmbeddedBackend(const engine::Options& options);
// Wraps an engine that is already open (shared with e.g. the HTTP server).
std::unique_ptr<Backend> MakeEmbeddedBackend(std::shared_ptr<engine::Engine> engine,
                                             std::string description);

}  // namespace ddb
