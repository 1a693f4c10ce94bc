// engine/server/http/http_server_test.cc — routing of the HTTP server and a
// real request over a socket (Beast on an OS-chosen port).
#include "server/http/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace nano::http {
namespace {

TEST(HttpServerTest, RoutesByMethodAndPath) {
  HttpServer server;
  server.Route("GET", "/health", [](const HttpRequest& r) {
    return HttpResponse{200, "application/json", "{\"q\":\"" + r.query + "\"}"};
  });
  HttpResponse ok = server.Handle({"GET", "/health", "x=1", ""});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "{\"q\":\"x=1\"}");
  EXPECT_EQ(server.Handle({"POST", "/health", "", ""}).status, 405);
  HttpResponse missing = server.Handle({"GET", "/nope", "", ""});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "{\"error\":\"not found\"}");
}

TEST(HttpServerTest, ServesOverTcp) {
  HttpServer server;
  server.Route("GET", "/health", [](const HttpRequest&) {
    return HttpResponse{200, "application/json", "{\"status\":\"ok\"}"};
  });
  ASSERT_TRUE(server.Bind("127.0.0.1", 0).ok());
  ASSERT_GT(server.port(), 0);
  server.Start();
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  std::string req = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(::write(fd, req.data(), req.size()), static_cast<ssize_t>(req.size()));
  std::string resp;
  char buf[1024];
  for (int i = 0; i < 100; ++i) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n <= 0) break;
    resp.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  server.Shutdown();
  EXPECT_EQ(resp.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_NE(resp.find("{\"status\":\"ok\"}"), std::string::npos);
}

TEST(HttpServerTest, BindConflictMessage) {
  HttpServer a;
  ASSERT_TRUE(a.Bind("127.0.0.1", 0).ok());
  HttpServer b;
  Status st = b.Bind("127.0.0.1", a.port());
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "could not bind 127.0.0.1:" + std::to_string(a.port()) + ": Address already in use");
}

}  // namespace
}  // namespace nano::http
