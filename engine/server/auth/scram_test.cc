// engine/server/auth/scram_test.cc — SCRAM-SHA-256 against RFC 7677's test
// vector, plus md5 and failure paths.
#include "server/auth/scram.h"

#include <gtest/gtest.h>

#include <vector>

#include "server/auth/auth.h"

namespace nano::auth {
namespace {

// RFC 7677 section 3: user "user", password "pencil".
constexpr char kClientFirst[] = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr char kServerNonce[] = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr char kServerFirst[] =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr char kClientFinal[] =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr char kServerFinal[] = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

ScramSecret RfcSecret(std::string_view password) {
  std::string salt;
  EXPECT_TRUE(Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ==", &salt));
  ScramSecret secret;
  EXPECT_TRUE(MakeScramSecret(password, salt, 4096, &secret).ok());
  return secret;
}

TEST(ScramTest, Rfc7677Vector) {
  ScramSecret secret = RfcSecret("pencil");
  ScramServer server(secret, kServerNonce);
  std::string server_first;
  ASSERT_TRUE(server.HandleClientFirst(kClientFirst, &server_first).ok());
  EXPECT_EQ(server_first, kServerFirst);
  bool ok = false;
  std::string server_final;
  ASSERT_TRUE(server.HandleClientFinal(kClientFinal, &ok, &server_final).ok());
  EXPECT_TRUE(ok);
  EXPECT_EQ(server_final, kServerFinal);
}

TEST(ScramTest, WrongPasswordIsNotAuthenticated) {
  ScramSecret secret = RfcSecret("not-pencil");
  ScramServer server(secret, kServerNonce);
  std::string server_first;
  ASSERT_TRUE(server.HandleClientFirst(kClientFirst, &server_first).ok());
  bool ok = true;
  std::string server_final;
  ASSERT_TRUE(server.HandleClientFinal(kClientFinal, &ok, &server_final).ok());
  EXPECT_FALSE(ok);
  EXPECT_TRUE(server_final.empty());
}

TEST(ScramTest, MalformedMessagesAreProtocolViolations) {
  ScramSecret secret = RfcSecret("pencil");
  std::string out;
  for (const char* bad : {"", "x", "n,", "z,,n=user,r=abc", "n,,n=user", "n,,r=abc,n=user"}) {
    ScramServer server(secret, kServerNonce);
    Status st = server.HandleClientFirst(bad, &out);
    EXPECT_FALSE(st.ok()) << bad;
  }
  ScramServer server(secret, kServerNonce);
  ASSERT_TRUE(server.HandleClientFirst(kClientFirst, &out).ok());
  bool ok = false;
  EXPECT_EQ(server.HandleClientFinal("c=biws,r=wrongnonce,p=AAAA", &ok, &out).sqlstate(), "08P01");
  EXPECT_EQ(server.HandleClientFinal("garbage", &ok, &out).sqlstate(), "08P01");
  EXPECT_FALSE(ok);
}

TEST(ScramTest, RandomNoncesDiffer) {
  ScramSecret secret = RfcSecret("pencil");
  ScramServer a(secret), b(secret);
  std::string fa, fb;
  ASSERT_TRUE(a.HandleClientFirst(kClientFirst, &fa).ok());
  ASSERT_TRUE(b.HandleClientFirst(kClientFirst, &fb).ok());
  EXPECT_NE(fa, fb);
}

TEST(Base64Test, RoundTrip) {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    std::string back;
    ASSERT_TRUE(Base64Decode(Base64Encode(s), &back));
    EXPECT_EQ(back, s);
  }
  std::string out;
  EXPECT_FALSE(Base64Decode("abc", &out));
  EXPECT_FALSE(Base64Decode("ab!=", &out));
}

TEST(Md5Test, MatchesPostgresFormat) {
  // SELECT 'md5' || md5('secret' || 'postgres') in PostgreSQL.
  EXPECT_EQ(Md5PasswordHash("secret", "postgres"), "md5" + Md5Hex("secretpostgres"));
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  std::string stored = Md5PasswordHash("secret", "postgres");
  const uint8_t salt[4] = {1, 2, 3, 4};
  std::string salted = stored.substr(3) + std::string("\x01\x02\x03\x04", 4);
  EXPECT_TRUE(VerifyMd5Response(stored, salt, "md5" + Md5Hex(salted)));
  EXPECT_FALSE(VerifyMd5Response(stored, salt, "md5" + Md5Hex("nope")));
}

TEST(AuthConfigTest, PasswordRequiredButForTrust) {
  AuthConfig c;
  EXPECT_TRUE(AuthConfig::Make(AuthMethod::kTrust, "postgres", "", &c).ok());
  EXPECT_FALSE(AuthConfig::Make(AuthMethod::kMd5, "postgres", "", &c).ok());
  ASSERT_TRUE(AuthConfig::Make(AuthMethod::kScramSha256, "postgres", "pw", &c).ok());
  EXPECT_EQ(c.scram.salt.size(), kScramSaltBytes);
  EXPECT_EQ(c.scram.stored_key.size(), 32u);
  AuthMethod m;
  EXPECT_TRUE(ParseAuthMethod("scram-sha-256", &m));
  EXPECT_EQ(m, AuthMethod::kScramSha256);
  EXPECT_FALSE(ParseAuthMethod("ldap", &m));
}

}  // namespace
}  // namespace nano::auth
