// engine/server/auth/scram.h — SCRAM-SHA-256 server side, as PostgreSQL
// implements it (RFC 5802 / RFC 7677, no channel binding).
//
// Exchange (all messages are the SASL payloads carried by the protocol's
// AuthenticationSASL* / SASLInitialResponse / SASLResponse messages):
//   client-first  "n,,n=<ignored>,r=<cnonce>"       (GS2 header "n,," or "y,,")
//   server-first  "r=<cnonce><snonce>,s=<base64 salt>,i=4096"
//   client-final  "c=biws,r=<nonce>,p=<base64 proof>"
//   server-final  "v=<base64 server signature>"
// PostgreSQL ignores the SCRAM user name (it uses the startup user); so do we.
//
// Contract:
//   * ScramSecret is derived once from the password (PBKDF2-HMAC-SHA-256) and
//     is immutable; ScramServer is one exchange, one thread.
//   * A wrong proof is not an error of the exchange format: HandleClientFinal
//     sets *authenticated = false and returns OK, so the caller can answer
//     28P01 exactly as for other methods. Malformed messages return 08P01.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace nano::auth {

inline constexpr int kScramIterations = 4096;   // PostgreSQL's default
inline constexpr size_t kScramSaltBytes = 16;   // PostgreSQL's SCRAM_DEFAULT_SALT_LEN
inline constexpr size_t kScramNonceBytes = 18;  // PostgreSQL's SCRAM_RAW_NONCE_LEN

struct ScramSecret {
  std::string salt;  // raw bytes
  int iterations = kScramIterations;
  std::string stored_key;  // H(ClientKey), 32 bytes
  std::string server_key;  // HMAC(SaltedPassword, "Server Key"), 32 bytes
};

// Derives the secret from a password (SASLprep is the identity for ASCII;
// like PostgreSQL we use the raw bytes when normalisation is not needed).
Status MakeScramSecret(std::string_view password, std::string_view salt, int iterations,
                       ScramSecret* out);

std::string Base64Encode(std::string_view raw);
bool Base64Decode(std::string_view text, std::string* raw);

class ScramServer {
 public:
  // `server_nonce` (printable, no ',') empty = base64 of random bytes;
  // tests pass a fixed one (e.g. RFC 7677's example).
  explicit ScramServer(const ScramSecret& secret, std::string server_nonce = {});

  Status HandleClientFirst(std::string_view client_first, std::string* server_first);
  Status HandleClientFinal(std::string_view client_final, bool* authenticated,
                           std::string* server_final);

 private:
  const ScramSecret& secret_;
  std::string server_nonce_;
  std::string client_first_bare_;
  std::string server_first_;
  std::string nonce_;  // client nonce + server nonce (printable)
  bool first_done_ = false;
};

// HMAC-SHA-256 and SHA-256 (exposed for tests and the mock secret).
std::string HmacSha256(std::string_view key, std::string_view data);
std::string Sha256(std::string_view data);

}  // namespace nano::auth
