// spawn_helper.cc — a stand-in "test process" for the orphan tests: starts
// the shared NanoMemoryFixture server, prints the server's pid on stdout, then
// blocks until stdin closes (or it is killed, which is the point).
#include <unistd.h>

#include <cstdio>

#include "nano/gtest_fixture.h"

int main() {
  try {
    nano::harness::Instance& server = nano::NanoMemoryFixture::Server();
    std::printf("%d\n", static_cast<int>(server.pid()));
    std::fflush(stdout);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "spawn_helper: %s\n", e.what());
    return 1;
  }
  char byte;
  while (read(0, &byte, 1) > 0) {
  }
  return 0;
}
