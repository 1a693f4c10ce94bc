// engine/server/pgwire/wire_buffer.cc — UTF-8 validation as PostgreSQL does
// it (pg_utf8_verifystr semantics).
#include "server/pgwire/wire_buffer.h"

#include <cstdio>

namespace nano::pgwire {
namespace {

// Length of the valid UTF-8 character at s[i], or 0 if invalid.
size_t Utf8CharLen(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c == 0) return 0;  // PostgreSQL never accepts NUL in text
  if (c < 0x80) return 1;
  size_t len;
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xc0) != 0x80) return 0;
  }
  if (len == 3) {
    if (c == 0xe0 && b(1) < 0xa0) return 0;  // overlong
    if (c == 0xed && b(1) > 0x9f) return 0;  // surrogates
  } else if (len == 4) {
    if (c == 0xf0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xf4 && b(1) > 0x8f) return 0;  // > U+10FFFF
  }
  return len;
}

// pg_utf_mblen: the length the lead byte announces.
size_t Utf8AnnouncedLen(unsigned char c) {
  if ((c & 0x80) == 0) return 1;
  if ((c & 0xe0) == 0xc0) return 2;
  if ((c & 0xf0) == 0xe0) return 3;
  if ((c & 0xf8) == 0xf0) return 4;
  return 1;
}

}  // namespace

size_t ValidUtf8Prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Fast path for ASCII runs.
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c != 0 && c < 0x80) {
      ++i;
      continue;
    }
    size_t n = Utf8CharLen(s, i);
    if (n == 0) return i;
    i += n;
  }
  return i;
}

std::string InvalidUtf8Message(std::string_view s, size_t at) {
  std::string msg = "invalid byte sequence for encoding \"UTF8\":";
  size_t len = Utf8AnnouncedLen(static_cast<unsigned char>(s[at]));
  for (size_t k = 0; k < len && at + k < s.size(); ++k) {
    char hex[8];
    std::snprintf(hex, sizeof(hex), " 0x%02x", static_cast<unsigned char>(s[at + k]));
    msg += hex;
  }
  return msg;
}

}  // namespace nano::pgwire
