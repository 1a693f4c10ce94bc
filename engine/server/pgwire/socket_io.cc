// engine/server/pgwire/socket_io.cc — see socket_io.h.
#include "server/pgwire/socket_io.h"

#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace nano::pgwire {

ReadResult SocketIo::Fill() {
  if (rpos_ < rend_) return ReadResult::kOk;
  rpos_ = rend_ = 0;
  for (int attempt = 0; attempt < 1000; ++attempt) {  // bounded EINTR retries
    ssize_t n = ::recv(fd_, rbuf_, sizeof(rbuf_), 0);
    if (n > 0) {
      rend_ = static_cast<size_t>(n);
      return ReadResult::kOk;
    }
    if (n == 0) return ReadResult::kEof;
    if (errno == EINTR) continue;
    return errno == ECONNRESET ? ReadResult::kEof : ReadResult::kIoError;
  }
  return ReadResult::kIoError;
}

ReadResult SocketIo::ReadExact(size_t n, std::string* out) {
  // Appends as bytes arrive: memory grows with received data, not claims.
  while (n > 0) {
    ReadResult r = Fill();
    if (r != ReadResult::kOk) return r;
    size_t take = std::min(n, rend_ - rpos_);
    out->append(rbuf_ + rpos_, take);
    rpos_ += take;
    n -= take;
  }
  return ReadResult::kOk;
}

ReadResult SocketIo::ReadBody(uint32_t len_with_self, uint32_t max, std::string* body) {
  if (len_with_self < 4) return ReadResult::kBadLength;
  if (len_with_self > max) return ReadResult::kTooLarge;
  body->clear();
  uint32_t n = len_with_self - 4;
  if (n <= 1024 * 1024) body->reserve(n);  // sane chunk; larger grows as it arrives
  return ReadExact(n, body);
}

static uint32_t DecodeInt32(const std::string& b) {
  auto u = reinterpret_cast<const unsigned char*>(b.data());
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}

ReadResult SocketIo::ReadMessage(char* type, std::string* body) {
  std::string head;
  head.reserve(5);
  ReadResult r = ReadExact(5, &head);
  if (r != ReadResult::kOk) return r;
  *type = head[0];
  head.erase(0, 1);
  return ReadBody(DecodeInt32(head), kMaxMessageBytes, body);
}

ReadResult SocketIo::ReadStartupPacket(std::string* body) {
  std::string head;
  ReadResult r = ReadExact(4, &head);
  if (r != ReadResult::kOk) return r;
  uint32_t len = DecodeInt32(head);
  if (len < 8) return ReadResult::kBadLength;  // must hold the protocol code
  return ReadBody(len, kMaxStartupPacketBytes, body);
}

bool SocketIo::WriteAll(std::string_view data) {
  size_t off = 0;
  // Bounded: each iteration writes >= 1 byte or fails; EINTR retries capped.
  int eintr_budget = 1000;
  while (off < data.size()) {
    ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n > 0) {
      off += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR && --eintr_budget > 0) continue;
    return false;
  }
  return true;
}

}  // namespace nano::pgwire
