// The parts MakeHttpBackend wires together, for tests that need a fixed configuration or
// faster retry timings than the SDK defaults.
#pragma once

#include <memory>

#include "ddb/backend.h"
#include "ddb/http/credentials.h"
#include "ddb/http/retry.h"
#include "ddb/http/transport.h"

namespace ddb::http {

std::unique_ptr<Backend> NewHttpBackend(ClientConfig config, TransportOptions transport,
                                        RetryPolicy retry, Retrier::Sleep sleep = {});

}  // namespace ddb::http
