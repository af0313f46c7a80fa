// xr_replay: the engine in process behind server::Dispatcher::Handle (the exact code
// `xrouting serve` runs), answering framed requests on stdin, for the differential test.
//
//   xr_replay DATA_DIR
//
// Request frame on stdin:  "<Operation> <body length>\n" then the body bytes.
// Reply frame on stdout:   "<HTTP status> <body length>\n" then the body bytes.
// EOF on stdin closes the engine and exits 0.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "engine/engine.h"
#include "server/dispatch.h"

namespace {

constexpr std::string_view kAuthorization =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
    "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: xr_replay DATA_DIR\n");
    return 2;
  }
  engine::Options options;
  options.data_dir = argv[1];
  auto opened = engine::Engine::Open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "xr_replay: opening %s: %s\n", argv[1], opened.error().message.c_str());
    return 1;
  }
  std::unique_ptr<engine::Engine> engine = std::move(opened).value();
  const server::Dispatcher dispatcher(*engine);

  std::ios::sync_with_stdio(false);
  std::string header;
  while (std::getline(std::cin, header)) {
    std::istringstream fields(header);
    std::string operation;
    size_t length = 0;
    if (!(fields >> operation >> length)) {
      std::fprintf(stderr, "xr_replay: bad frame header '%s'\n", header.c_str());
      return 2;
    }
    std::string body(length, '\0');
    if (!std::cin.read(body.data(), static_cast<std::streamsize>(length))) {
      std::fprintf(stderr, "xr_replay: truncated body for %s\n", operation.c_str());
      return 2;
    }
    const std::string target = "DynamoDB_20120810." + operation;
    server::HttpRequest request;
    request.method = "POST";
    request.content_type = "application/x-amz-json-1.0";
    request.target = target;
    request.authorization = kAuthorization;
    request.has_date = true;
    request.body = body;
    const server::HttpReply reply = dispatcher.Handle(request);
    std::cout << reply.status << ' ' << reply.body.size() << '\n' << reply.body;
    std::cout.flush();
  }
  return 0;
}
