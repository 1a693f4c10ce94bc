// engine/server/pgwire/socket_io.h — blocking, buffered message I/O on one
// connected socket.
//
// Contract:
//   * ReadMessage/ReadStartupPacket read exactly one frame. A claimed length
//     below the minimum (4) or above kMaxMessageBytes is a protocol violation
//     reported as kBadLength / kTooLarge before any large allocation: bodies
//     are accumulated in chunks as their bytes arrive (bounded by the bytes
//     actually received), so a client claiming 1 GiB and sending 10 bytes
//     costs 10 bytes.
//   * WriteAll sends the whole buffer or reports failure (EPIPE, reset...);
//     SIGPIPE is never raised (MSG_NOSIGNAL).
//   * The object does not own the descriptor.
//   * Thread-safety: one thread at a time (the connection's own thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nano::pgwire {

// PostgreSQL's own limit (PQ_LARGE_MESSAGE_LIMIT is 1 GiB - 1).
inline constexpr uint32_t kMaxMessageBytes = (1u << 30) - 1;
// Startup packets are small in PostgreSQL (MAX_STARTUP_PACKET_LENGTH).
inline constexpr uint32_t kMaxStartupPacketBytes = 10000;

enum class ReadResult { kOk, kEof, kBadLength, kTooLarge, kIoError };

class SocketIo {
 public:
  explicit SocketIo(int fd) : fd_(fd) {}

  // One typed message: type byte, int32 length (self-inclusive), body.
  ReadResult ReadMessage(char* type, std::string* body);
  // The untyped startup-phase packet: int32 length, body (starts with the
  // protocol code).
  ReadResult ReadStartupPacket(std::string* body);
  // True when buffered input is pending (no syscall).
  bool HasBufferedInput() const { return rpos_ < rend_; }

  bool WriteAll(std::string_view data);
  int fd() const { return fd_; }

 private:
  // Ensures at least one unread byte is buffered; false on EOF/error.
  ReadResult Fill();
  ReadResult ReadExact(size_t n, std::string* out);
  ReadResult ReadBody(uint32_t len_with_self, uint32_t max, std::string* body);

  static constexpr size_t kReadChunk = 64 * 1024;
  int fd_;
  char rbuf_[kReadChunk];
  size_t rpos_ = 0;
  size_t rend_ = 0;
};

}  // namespace nano::pgwire
