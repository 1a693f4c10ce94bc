// engine/server/auth/scram.cc — see scram.h. OpenSSL provides every
// primitive (PBKDF2, HMAC, SHA-256, base64, RAND_bytes).
#include "server/auth/scram.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cassert>
#include <vector>

#include "server/auth/auth.h"

namespace nano::auth {
namespace {

Status Malformed(std::string detail) {
  return Status::Error(sqlstate::kProtocolViolation, "malformed SCRAM message")
      .WithDetail(std::move(detail));
}

// Splits "a=..,b=.." into attributes; values may contain '=' (base64).
std::vector<std::string_view> SplitComma(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t guard = 0; guard <= s.size(); ++guard) {
    size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) {
      parts.push_back(s.substr(start));
      break;
    }
    parts.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

bool IsPrintableNonce(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

std::string XorBytes(std::string_view a, std::string_view b) {
  assert(a.size() == b.size());
  std::string out(a.size(), '\0');
  for (size_t i = 0; i < a.size(); ++i) out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len);
  return std::string(reinterpret_cast<char*>(md), len);
}

std::string Sha256(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return std::string(reinterpret_cast<char*>(md), sizeof(md));
}

std::string Base64Encode(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()),
                          static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Base64Decode(std::string_view text, std::string* raw) {
  if (text.size() % 4 != 0) return false;
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/' || c == '=';
    if (!ok) return false;
  }
  std::string out(text.size() / 4 * 3 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  // EVP_DecodeBlock keeps the padding bytes as zeros: drop them.
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  *raw = std::move(out);
  return true;
}

Status MakeScramSecret(std::string_view password, std::string_view salt, int iterations,
                       ScramSecret* out) {
  unsigned char salted[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof(salted),
                        salted) != 1) {
    return Status::Error(sqlstate::kInternalError, "could not derive the SCRAM secret");
  }
  std::string salted_password(reinterpret_cast<char*>(salted), sizeof(salted));
  std::string client_key = HmacSha256(salted_password, "Client Key");
  out->salt = std::string(salt);
  out->iterations = iterations;
  out->stored_key = Sha256(client_key);
  out->server_key = HmacSha256(salted_password, "Server Key");
  return Status::OK();
}

ScramServer::ScramServer(const ScramSecret& secret, std::string server_nonce)
    : secret_(secret), server_nonce_(std::move(server_nonce)) {
  if (server_nonce_.empty()) {
    uint8_t raw[kScramNonceBytes];
    if (!RandomBytes(raw, sizeof(raw))) {
      // RAND_bytes failing means a broken OpenSSL; fail closed: an empty
      // nonce makes HandleClientFirst refuse the exchange.
      return;
    }
    server_nonce_ = Base64Encode(std::string_view(reinterpret_cast<char*>(raw), sizeof(raw)));
  }
}

Status ScramServer::HandleClientFirst(std::string_view msg, std::string* server_first) {
  if (server_nonce_.empty()) {
    return Status::Error(sqlstate::kInternalError, "could not generate random nonce");
  }
  // GS2 header: "n,," (no channel binding) or "y,," (client supports it but
  // thinks we do not). "p=..." asks for channel binding, which needs TLS.
  if (msg.size() < 3) return Malformed("Attribute expected, but found end of string.");
  if (msg[0] == 'p') {
    return Status::Error(sqlstate::kProtocolViolation,
                         "channel binding is not supported by this build");
  }
  if ((msg[0] != 'n' && msg[0] != 'y') || msg[1] != ',') {
    return Malformed("Unexpected channel-binding flag \"" + std::string(msg.substr(0, 1)) + "\".");
  }
  size_t second_comma = msg.find(',', 2);
  if (second_comma == std::string_view::npos) return Malformed("Comma expected.");
  if (second_comma != 2) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "client uses authorization identity, but it is not supported");
  }
  std::string_view bare = msg.substr(second_comma + 1);
  auto attrs = SplitComma(bare);
  if (attrs.size() < 2 || attrs[0].substr(0, 2) != "n=" || attrs[1].substr(0, 2) != "r=") {
    return Malformed("Expected attributes \"n\" and \"r\".");
  }
  std::string_view client_nonce = attrs[1].substr(2);
  if (!IsPrintableNonce(client_nonce)) return Malformed("Invalid client nonce.");
  client_first_bare_ = std::string(bare);
  nonce_ = std::string(client_nonce) + server_nonce_;
  server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(secret_.salt) +
                  ",i=" + std::to_string(secret_.iterations);
  *server_first = server_first_;
  first_done_ = true;
  return Status::OK();
}

Status ScramServer::HandleClientFinal(std::string_view msg, bool* authenticated,
                                      std::string* server_final) {
  *authenticated = false;
  if (!first_done_) return Malformed("client-final-message before client-first-message.");
  auto attrs = SplitComma(msg);
  if (attrs.size() < 3) return Malformed("Attribute expected, but found end of string.");
  // c= channel binding: base64("n,,") = "biws"; "y,," = "eSws".
  if (attrs[0].substr(0, 2) != "c=") return Malformed("Expected attribute \"c\".");
  std::string cbind;
  if (!Base64Decode(attrs[0].substr(2), &cbind) || (cbind != "n,," && cbind != "y,,")) {
    return Status::Error(sqlstate::kProtocolViolation, "SCRAM channel binding check failed");
  }
  if (attrs[1].substr(0, 2) != "r=" || attrs[1].substr(2) != nonce_) {
    return Status::Error(sqlstate::kProtocolViolation, "SCRAM nonce mismatch");
  }
  std::string_view proof_attr = attrs.back();
  if (proof_attr.substr(0, 2) != "p=") return Malformed("Expected attribute \"p\".");
  std::string proof;
  if (!Base64Decode(proof_attr.substr(2), &proof) || proof.size() != 32) {
    return Malformed("Malformed proof in client-final-message.");
  }
  std::string without_proof(msg.substr(0, msg.size() - proof_attr.size() - 1));
  std::string auth_message = client_first_bare_ + "," + server_first_ + "," + without_proof;
  // ClientProof = ClientKey XOR HMAC(StoredKey, AuthMessage);
  // recover ClientKey and check H(ClientKey) == StoredKey.
  std::string client_signature = HmacSha256(secret_.stored_key, auth_message);
  std::string client_key = XorBytes(proof, client_signature);
  if (!ConstantTimeEquals(Sha256(client_key), secret_.stored_key)) return Status::OK();
  *authenticated = true;
  *server_final = "v=" + Base64Encode(HmacSha256(secret_.server_key, auth_message));
  return Status::OK();
}

}  // namespace nano::auth
