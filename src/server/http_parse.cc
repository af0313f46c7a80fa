#include "server/http_parse.h"

#include <zlib.h>

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

bool IEquals(std::string_view a, std::string_view b) {
  return beast::iequals(beast::string_view(a.data(), a.size()),
                        beast::string_view(b.data(), b.size()));
}

// Inflates a gzip stream into *out, stopping past `limit` bytes (false, *too_big set).
bool Gunzip(std::string_view in, size_t limit, std::string* out, bool* too_big) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return false;  // 16: gzip wrapper only
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char chunk[64 * 1024];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof(chunk);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out->append(chunk, sizeof(chunk) - zs.avail_out);
    if (out->size() > limit) {
      *too_big = true;
      break;
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;  // truncated stream
  }
  const bool ok = rc == Z_STREAM_END && !*too_big && zs.avail_in == 0;
  inflateEnd(&zs);
  return ok;
}

}  // namespace

std::optional<HttpReply> InflateRequestBody(const Request& req, size_t body_limit,
                                            std::string* storage, HttpRequest* view) {
  const auto encoding = Header(req, "Content-Encoding");
  if (!encoding || encoding->empty() || IEquals(*encoding, "identity")) return std::nullopt;
  if (!IEquals(*encoding, "gzip") && !IEquals(*encoding, "x-gzip")) {
    return Refusal(415, "Unsupported Content-Encoding '" + std::string(*encoding) +
                            "': send the body as is or with gzip");
  }
  storage->clear();
  bool too_big = false;
  if (!Gunzip(req.body(), body_limit, storage, &too_big)) {
    if (too_big) {
      return Refusal(413, "Request body exceeds the limit of " + std::to_string(body_limit) +
                              " bytes once inflated");
    }
    return Refusal(400, "Malformed gzip request body");
  }
  view->body = *storage;
  return std::nullopt;
}

HttpRequest RequestView(const Request& req) {
  HttpRequest view;
  view.method = ToStd(req.method_string());
  view.content_type = Header(req, "Content-Type");
  view.target = Header(req, "X-Amz-Target");
  view.authorization = Header(req, "Authorization");
  view.host = Header(req, "Host");
  view.origin = Header(req, "Origin");
  view.access_control_request_method = Header(req, "Access-Control-Request-Method");
  view.access_control_request_headers = Header(req, "Access-Control-Request-Headers");
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
  HttpRequest view = RequestView(parser.get());
  std::string inflated;
  if (auto refusal = InflateRequestBody(parser.get(), limits.body_limit, &inflated, &view)) {
    return refusal;
  }
  return dispatcher.Handle(view);
}

}  // namespace server
