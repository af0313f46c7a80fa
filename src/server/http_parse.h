// One HTTP/1.1 request as raw bytes -> the server's reply, without a socket: the same
// Boost.Beast request parser and header/body limits as `xrouting serve`, then
// Dispatcher::Handle. For the server_request fuzzer and for tests of the parsing rules.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/dispatch.h"

namespace server {

// The parts of a parsed request the protocol looks at (views into req), as the server's
// sessions and HandleRawRequest hand it to the dispatcher.
HttpRequest RequestView(
    const boost::beast::http::request<boost::beast::http::string_body>& req);

// A body sent with Content-Encoding: gzip, inflated into `storage` and view->body pointed at
// it. The body limit applies after inflation, so a small compressed bomb gets 413 like a
// large plain body; a body that does not inflate gets 400. Nullopt when nothing is refused
// (also for bodies without a Content-Encoding, or with identity).
std::optional<HttpReply> InflateRequestBody(
    const boost::beast::http::request<boost::beast::http::string_body>& req, size_t body_limit,
    std::string* storage, HttpRequest* view);

struct ParseLimits {
  size_t body_limit = 16 * 1024 * 1024;  // as ServerOptions::body_limit
  size_t header_limit = 32 * 1024;       // as ServerOptions::header_limit
};

// Parses bytes as one request (the first one, when more follow) and answers it as the
// server does: 413 / 431 for a body or headers over the limit, 400 for malformed HTTP, the
// dispatcher's reply otherwise. Nullopt when the server would close the connection without
// an answer (the bytes end before the request does).
std::optional<HttpReply> HandleRawRequest(const Dispatcher& dispatcher, std::string_view bytes,
                                          const ParseLimits& limits = {});

}  // namespace server
