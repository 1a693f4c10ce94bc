// engine/server/pgwire/wire_buffer.h — PostgreSQL v3 message framing.
//
// MessageWriter accumulates outgoing backend messages in one buffer so the
// connection can send many messages with one write(2). MessageReader parses
// the body of one incoming frontend message with bounds checks on every read
// (a malformed message yields false, never an out-of-range access).
//
// Contract:
//   * Begin()/End() bracket one message; End() patches the length word.
//     Messages never nest; asserts guard it.
//   * All integers are big-endian (network order) as the protocol requires.
//   * Thread-safety: none; each connection owns its own writer and readers.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nano::pgwire {

class MessageWriter {
 public:
  // Starts a typed message (type byte + length placeholder).
  void Begin(char type) {
    assert(start_ == kNone);
    buf_.push_back(type);
    start_ = buf_.size();
    buf_.append(4, '\0');
  }
  // Starts an untyped message (only the startup answer 'N' has none, and it
  // is sent raw; this exists for tests that build startup packets).
  void BeginUntyped() {
    assert(start_ == kNone);
    start_ = buf_.size();
    buf_.append(4, '\0');
  }
  void End() {
    assert(start_ != kNone);
    PatchInt32(start_, static_cast<int32_t>(buf_.size() - start_));
    start_ = kNone;
  }
  void Int8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void Int16(int16_t v) {
    uint16_t u = static_cast<uint16_t>(v);
    buf_.push_back(static_cast<char>(u >> 8));
    buf_.push_back(static_cast<char>(u & 0xff));
  }
  void Int32(int32_t v) {
    uint32_t u = static_cast<uint32_t>(v);
    char b[4] = {static_cast<char>(u >> 24), static_cast<char>((u >> 16) & 0xff),
                 static_cast<char>((u >> 8) & 0xff), static_cast<char>(u & 0xff)};
    buf_.append(b, 4);
  }
  void Bytes(std::string_view s) { buf_.append(s.data(), s.size()); }
  // A NUL-terminated string. Embedded NULs would corrupt framing: callers
  // pass identifiers/messages, and we cut at the first NUL defensively.
  void CString(std::string_view s) {
    size_t nul = s.find('\0');
    if (nul != std::string_view::npos) s = s.substr(0, nul);
    buf_.append(s.data(), s.size());
    buf_.push_back('\0');
  }
  // Appends to the body of the message being built (for callers that format
  // values straight into the buffer).
  std::string* raw() { return &buf_; }
  // Reserves room for a 4-byte length and returns its offset (DataRow
  // column values are written in place, then the length patched).
  size_t ReserveInt32() {
    size_t at = buf_.size();
    buf_.append(4, '\0');
    return at;
  }
  void PatchInt32(size_t at, int32_t v) {
    uint32_t u = static_cast<uint32_t>(v);
    buf_[at] = static_cast<char>(u >> 24);
    buf_[at + 1] = static_cast<char>((u >> 16) & 0xff);
    buf_[at + 2] = static_cast<char>((u >> 8) & 0xff);
    buf_[at + 3] = static_cast<char>(u & 0xff);
  }

  bool in_message() const { return start_ != kNone; }
  size_t size() const { return buf_.size(); }
  const std::string& data() const { return buf_; }
  // Drops everything (after a flush). Precondition: no open message.
  void Clear() {
    assert(start_ == kNone);
    buf_.clear();
  }
  // Rolls back a message under construction (e.g. formatting a row failed).
  void Abort() {
    if (start_ != kNone) {
      buf_.resize(start_ - 1);
      start_ = kNone;
    }
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::string buf_;
  size_t start_ = kNone;
};

class MessageReader {
 public:
  explicit MessageReader(std::string_view body) : body_(body) {}

  bool Int8(uint8_t* v) {
    if (pos_ + 1 > body_.size()) return false;
    *v = static_cast<uint8_t>(body_[pos_++]);
    return true;
  }
  bool Int16(int16_t* v) {
    if (pos_ + 2 > body_.size()) return false;
    auto b = reinterpret_cast<const unsigned char*>(body_.data() + pos_);
    *v = static_cast<int16_t>((b[0] << 8) | b[1]);
    pos_ += 2;
    return true;
  }
  bool Int32(int32_t* v) {
    if (pos_ + 4 > body_.size()) return false;
    auto b = reinterpret_cast<const unsigned char*>(body_.data() + pos_);
    *v = static_cast<int32_t>((uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
                              (uint32_t{b[2]} << 8) | uint32_t{b[3]});
    pos_ += 4;
    return true;
  }
  // A NUL-terminated string (without the NUL).
  bool CString(std::string_view* s) {
    size_t nul = body_.find('\0', pos_);
    if (nul == std::string_view::npos) return false;
    *s = body_.substr(pos_, nul - pos_);
    pos_ = nul + 1;
    return true;
  }
  bool Bytes(size_t n, std::string_view* s) {
    if (n > body_.size() - pos_) return false;
    *s = body_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  std::string_view Rest() {
    std::string_view r = body_.substr(pos_);
    pos_ = body_.size();
    return r;
  }
  bool AtEnd() const { return pos_ == body_.size(); }
  size_t remaining() const { return body_.size() - pos_; }

 private:
  std::string_view body_;
  size_t pos_ = 0;
};

// Returns the byte length of the longest valid UTF-8 prefix of s; equal to
// s.size() iff s is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF,
// no NUL bytes, as PostgreSQL's pg_verify_mbstr rejects them too).
size_t ValidUtf8Prefix(std::string_view s);

// PostgreSQL's message for the invalid sequence starting at s[at]:
// `invalid byte sequence for encoding "UTF8": 0xc3 0x28`.
std::string InvalidUtf8Message(std::string_view s, size_t at);

}  // namespace nano::pgwire
