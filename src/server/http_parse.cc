#include "server/http_parse.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using Request = http::request<http::string_body>;

std::string_view ToStd(beast::string_view s) { return {s.data(), s.size()}; }

std::optional<std::string_view> Header(const Request& req, std::string_view name) {
  auto it = req.find(beast::string_view(name.data(), name.size()));
  if (it == req.end()) return std::nullopt;
  return ToStd(it->value());
}

HttpReply Refusal(int status, std::string message) {
  HttpReply reply = ErrorReply({ddb::ErrorCode::kSerialization, std::move(message)});
  reply.status = status;
  return reply;
}

// End of input: what a closed connection tells the parser (Beast asserts that it has seen
// some bytes first).
beast::error_code Eof(http::request_parser<http::string_body>& parser) {
  beast::error_code ec;
  if (!parser.got_some()) return http::error::partial_message;
  parser.put_eof(ec);
  if (!ec && !parser.is_done()) ec = http::error::partial_message;
  return ec;
}

// Feeds all of bytes to the parser; the error is need_more-free: partial_message when the
// bytes end before the request does.
beast::error_code Feed(http::request_parser<http::string_body>& parser, std::string_view bytes) {
  beast::error_code ec;
  size_t offset = 0;
  while (!parser.is_done()) {
    const size_t used =
        parser.put(boost::asio::buffer(bytes.data() + offset, bytes.size() - offset), ec);
    offset += used;
    if (ec == http::error::need_more) {
      ec = {};
      if (used > 0 && offset < bytes.size()) continue;
      return Eof(parser);
    }
    if (ec) return ec;
    // No progress without an error would loop forever; treat it as the end of the input.
    if ((used == 0 || offset == bytes.size()) && !parser.is_done()) return Eof(parser);
  }
  return ec;
}

}  // namespace

HttpRequest RequestView(const Request& req) {
  HttpRequest view;
  view.method = ToStd(req.method_string());
  view.content_type = Header(req, "Content-Type");
  view.target = Header(req, "X-Amz-Target");
  view.authorization = Header(req, "Authorization");
  view.has_date = Header(req, "X-Amz-Date").has_value() || Header(req, "Date").has_value();
  view.body = req.body();
  return view;
}

std::optional<HttpReply> HandleRawRequest(const Dispatcher& dispatcher, std::string_view bytes,
                                          const ParseLimits& limits) {
  http::request_parser<http::string_body> parser;
  parser.body_limit(limits.body_limit);
  parser.header_limit(static_cast<uint32_t>(limits.header_limit));
  parser.eager(true);
  const beast::error_code ec = Feed(parser, bytes);
  if (ec == http::error::body_limit) {
    return Refusal(413, "Request body exceeds the limit of " + std::to_string(limits.body_limit) +
                            " bytes");
  }
  if (ec == http::error::header_limit) {
    return Refusal(431, "Request headers exceed the limit of " +
                            std::to_string(limits.header_limit) + " bytes");
  }
  if (ec == http::error::partial_message) return std::nullopt;
  if (ec) return Refusal(400, "Malformed HTTP request: " + ec.message());
  return dispatcher.Handle(RequestView(parser.get()));
}

}  // namespace server
