// engine/server/auth/auth.cc — see auth.h.
#include "server/auth/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdio>

namespace nano::auth {

bool ParseAuthMethod(std::string_view name, AuthMethod* out) {
  if (name == "trust") {
    *out = AuthMethod::kTrust;
  } else if (name == "password") {
    *out = AuthMethod::kPassword;
  } else if (name == "md5") {
    *out = AuthMethod::kMd5;
  } else if (name == "scram-sha-256") {
    *out = AuthMethod::kScramSha256;
  } else {
    return false;
  }
  return true;
}

const char* AuthMethodName(AuthMethod m) {
  switch (m) {
    case AuthMethod::kTrust:
      return "trust";
    case AuthMethod::kPassword:
      return "password";
    case AuthMethod::kMd5:
      return "md5";
    case AuthMethod::kScramSha256:
      return "scram-sha-256";
  }
  return "?";
}

Status AuthConfig::Make(AuthMethod method, std::string user, std::string password,
                        AuthConfig* out) {
  if (user.empty())
    return Status::Error(sqlstate::kInvalidParameterValue, "--user must not be empty");
  if (method != AuthMethod::kTrust && password.empty()) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         std::string("--auth ") + AuthMethodName(method) +
                             " requires --password or --password-file");
  }
  AuthConfig c;
  c.method = method;
  c.user = std::move(user);
  c.password = std::move(password);
  if (method == AuthMethod::kMd5) c.md5_hash = Md5PasswordHash(c.password, c.user);
  if (method == AuthMethod::kScramSha256) {
    uint8_t salt[kScramSaltBytes];
    if (!RandomBytes(salt, sizeof(salt))) {
      return Status::Error(sqlstate::kInternalError, "could not generate random salt");
    }
    NANO_RETURN_IF_ERROR(
        MakeScramSecret(c.password, std::string_view(reinterpret_cast<char*>(salt), sizeof(salt)),
                        kScramIterations, &c.scram));
  }
  *out = std::move(c);
  return Status::OK();
}

std::string Md5Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_md5(), nullptr);
  std::string hex;
  hex.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    char b[3];
    std::snprintf(b, sizeof(b), "%02x", md[i]);
    hex += b;
  }
  return hex;
}

std::string Md5PasswordHash(std::string_view password, std::string_view user) {
  std::string in(password);
  in += user;
  return "md5" + Md5Hex(in);
}

bool VerifyMd5Response(std::string_view stored_hash, const uint8_t salt[4],
                       std::string_view response) {
  if (stored_hash.size() != 35) return false;
  std::string in(stored_hash.substr(3));
  in.append(reinterpret_cast<const char*>(salt), 4);
  return ConstantTimeEquals("md5" + Md5Hex(in), response);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool RandomBytes(uint8_t* out, size_t n) { return RAND_bytes(out, static_cast<int>(n)) == 1; }

bool ParseScramVerifier(std::string_view v, ScramSecret* out) {
  constexpr std::string_view kPrefix = "SCRAM-SHA-256$";
  if (v.substr(0, kPrefix.size()) != kPrefix) return false;
  v.remove_prefix(kPrefix.size());
  size_t colon = v.find(':'), dollar = v.find('$');
  if (colon == std::string_view::npos || dollar == std::string_view::npos || dollar < colon) {
    return false;
  }
  size_t colon2 = v.find(':', dollar);
  if (colon2 == std::string_view::npos) return false;
  int iterations = 0;
  for (char c : v.substr(0, colon)) {
    if (c < '0' || c > '9' || iterations > 10000000) return false;
    iterations = iterations * 10 + (c - '0');
  }
  ScramSecret s;
  s.iterations = iterations;
  if (iterations <= 0 || !Base64Decode(v.substr(colon + 1, dollar - colon - 1), &s.salt) ||
      !Base64Decode(v.substr(dollar + 1, colon2 - dollar - 1), &s.stored_key) ||
      !Base64Decode(v.substr(colon2 + 1), &s.server_key)) {
    return false;
  }
  *out = std::move(s);
  return true;
}

bool CheckPasswordVerifier(std::string_view verifier, std::string_view user,
                           std::string_view password) {
  if (verifier.empty()) return false;
  if (verifier.substr(0, 3) == "md5") {
    return ConstantTimeEquals(verifier, Md5PasswordHash(password, user));
  }
  ScramSecret stored, computed;
  if (!ParseScramVerifier(verifier, &stored)) return false;
  if (!MakeScramSecret(password, stored.salt, stored.iterations, &computed).ok()) return false;
  return ConstantTimeEquals(computed.stored_key, stored.stored_key) &&
         ConstantTimeEquals(computed.server_key, stored.server_key);
}

}  // namespace nano::auth
