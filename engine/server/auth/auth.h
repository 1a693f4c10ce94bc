// engine/server/auth/auth.h — client authentication configuration and the
// password-checking primitives PostgreSQL's methods need.
//
// The server knows exactly one role (--user, default "postgres") with one
// password. Methods, as PostgreSQL implements them:
//   trust          no password
//   password       cleartext password (AuthenticationCleartextPassword)
//   md5            "md5" + md5hex(md5hex(password + user) + 4-byte salt)
//   scram-sha-256  RFC 5802/7677 (see scram.h)
//
// Contract:
//   * AuthConfig is immutable after Make(); share it by const reference
//     between connection threads.
//   * Comparisons of secrets are constant-time.
//   * Errors are Status values (usage errors from Make are 22023 with a
//     message fit for the command line).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "server/auth/scram.h"

namespace nano::auth {

enum class AuthMethod { kTrust, kPassword, kMd5, kScramSha256 };

// "trust", "password", "md5", "scram-sha-256" -> method; false if unknown.
bool ParseAuthMethod(std::string_view name, AuthMethod* out);
const char* AuthMethodName(AuthMethod m);

struct AuthConfig {
  AuthMethod method = AuthMethod::kTrust;
  std::string user = "postgres";
  std::string password;  // empty under trust
  std::string md5_hash;  // "md5" + md5hex(password + user), for md5
  ScramSecret scram;     // for scram-sha-256

  // Builds a config; every method but trust needs a non-empty password.
  static Status Make(AuthMethod method, std::string user, std::string password, AuthConfig* out);
};

// md5hex of data (32 lowercase hex digits).
std::string Md5Hex(std::string_view data);
// "md5" + md5hex(password + user), as pg_authid stores md5 passwords.
std::string Md5PasswordHash(std::string_view password, std::string_view user);
// Checks a client's md5 response ("md5" + md5hex(stored_hash[3:] + salt)).
bool VerifyMd5Response(std::string_view stored_hash, const uint8_t salt[4],
                       std::string_view response);

bool ConstantTimeEquals(std::string_view a, std::string_view b);

// A stored SCRAM verifier "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>"
// (base64 parts, as pg_authid keeps it) as a ScramSecret; false if malformed.
bool ParseScramVerifier(std::string_view verifier, ScramSecret* out);
// Whether cleartext `password` matches a stored verifier (md5 or SCRAM).
bool CheckPasswordVerifier(std::string_view verifier, std::string_view user,
                           std::string_view password);
// Cryptographically random bytes (OpenSSL RAND_bytes); false on failure.
bool RandomBytes(uint8_t* out, size_t n);

}  // namespace nano::auth
