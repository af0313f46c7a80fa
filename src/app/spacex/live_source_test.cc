// LiveSource against a tiny HTTP/1.1 server on 127.0.0.1 (plain POSIX sockets) that
// answers 500, stalls past the timeout, returns HTML, or serves the snapshot.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <thread>

#include "app/spacex/parse.h"
#include "app/spacex/source.h"

namespace app::spacex {
namespace {

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::chrono::milliseconds delay{0};  // before answering
};

class LocalServer {
 public:
  explicit LocalServer(std::function<Reply(const std::string& path)> handler)
      : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 16), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~LocalServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v4"; }
  int requests() const { return requests_; }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      Handle(c);
      ::close(c);
    }
  }
  void Handle(int c) {
    std::string req;
    char buf[4096];
    while (req.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      req.append(buf, static_cast<size_t>(n));
    }
    ++requests_;
    size_t sp = req.find(' ');
    std::string path = req.substr(sp + 1, req.find(' ', sp + 1) - sp - 1);
    Reply r = handler_(path);
    for (auto waited = std::chrono::milliseconds(0); waited < r.delay && !stop_;
         waited += std::chrono::milliseconds(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::string out = "HTTP/1.1 " + std::to_string(r.status) +
                      " X\r\nContent-Type: " + r.content_type +
                      "\r\nContent-Length: " + std::to_string(r.body.size()) +
                      "\r\nConnection: close\r\n\r\n" + r.body;
    size_t sent = 0;
    while (sent < out.size()) {
      ssize_t n = ::send(c, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }

  std::function<Reply(const std::string&)> handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

LiveSourceOptions FastOptions() {
  LiveSourceOptions o;
  o.connect_timeout = std::chrono::milliseconds(1000);
  o.total_timeout = std::chrono::milliseconds(300);
  o.max_attempts = 3;
  o.base_backoff = std::chrono::milliseconds(10);
  return o;
}

TEST(LiveSource, ServesTheSnapshotFromTheSixEndpoints) {
  auto snapshot = SnapshotSource().Fetch();
  ASSERT_TRUE(snapshot.ok());
  LocalServer server([&](const std::string& path) {
    for (Endpoint e : kAllEndpoints) {
      if (path == "/v4/" + std::string(EndpointName(e)))
        return Reply{200, "application/json", snapshot->body(e)};
    }
    return Reply{404, "text/plain", "no"};
  });
  auto raw = LiveSource(server.url() + "/", FastOptions()).Fetch();
  ASSERT_TRUE(raw.ok()) << raw.error().message;
  EXPECT_EQ(raw->label(Endpoint::kLaunches), server.url() + "/launches");
  auto x = ParseExtract(*raw);
  ASSERT_TRUE(x.ok()) << x.error().message;
  EXPECT_EQ(x->launches.size(), 205u);
}

TEST(LiveSource, Http500IsRetriedThenNamesUrlAndStatus) {
  LocalServer server([](const std::string&) { return Reply{500, "text/plain", "boom"}; });
  auto raw = LiveSource(server.url(), FastOptions()).Fetch();
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(server.requests(), 3);
  EXPECT_NE(raw.error().message.find("GET " + server.url() + "/rockets"), std::string::npos)
      << raw.error().message;
  EXPECT_NE(raw.error().message.find("HTTP status 500"), std::string::npos);
}

TEST(LiveSource, TimeoutIsAClearError) {
  LocalServer server([](const std::string&) {
    return Reply{200, "application/json", "[]", std::chrono::milliseconds(2000)};
  });
  LiveSourceOptions o = FastOptions();
  o.max_attempts = 1;
  auto start = std::chrono::steady_clock::now();
  auto raw = LiveSource(server.url(), o).Fetch();
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, ddb::ErrorCode::kTimeout);
  EXPECT_NE(raw.error().message.find("timed out"), std::string::npos) << raw.error().message;
  EXPECT_NE(raw.error().message.find(server.url() + "/rockets"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
}

TEST(LiveSource, HtmlBodyIsRejected) {
  LocalServer server([](const std::string&) {
    return Reply{200, "text/html", "<!DOCTYPE html><html><body>maintenance</body></html>"};
  });
  auto raw = LiveSource(server.url(), FastOptions()).Fetch();
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(server.requests(), 1);  // not retried: the answer would not change
  EXPECT_NE(raw.error().message.find("not JSON"), std::string::npos) << raw.error().message;
  EXPECT_NE(raw.error().message.find("text/html"), std::string::npos);
}

TEST(LiveSource, ConnectionRefusedIsANetworkError) {
  int port;
  {
    LocalServer server([](const std::string&) { return Reply{}; });
    port = std::stoi(server.url().substr(17));
  }
  LiveSourceOptions o = FastOptions();
  o.max_attempts = 2;
  auto raw = LiveSource("http://127.0.0.1:" + std::to_string(port), o).Fetch();
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.error().code, ddb::ErrorCode::kNetwork);
}

TEST(LiveSource, MakeSourcePicksByName) {
  EXPECT_EQ(MakeSource("snapshot")->Describe(), "snapshot");
  EXPECT_EQ(MakeSource("live")->Describe(), LiveSource::kDefaultBaseUrl);
  EXPECT_EQ(MakeSource("http://127.0.0.1:1/v4")->Describe(), "http://127.0.0.1:1/v4");
  EXPECT_EQ(MakeSource("some/dir")->Describe(), "some/dir");
}

}  // namespace
}  // namespace app::spacex
