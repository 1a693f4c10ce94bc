// engine/server/pgwire/pg_connection_test.cc — protocol framing and state
// machine tests for PgConnection over a socketpair. The engine side is a
// small Session test double (acceptable for framing/parsing tests only; the
// end-to-end tests in tests/py run the real binary).
#include "server/pgwire/pg_connection.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "server/pgwire/wire_buffer.h"

namespace nano::pgwire {
namespace {

class FakePrepared : public PreparedStatement {
 public:
  FakePrepared(std::string sql, std::vector<TypeRef> params, std::vector<ColumnDesc> cols)
      : sql_(std::move(sql)), params_(std::move(params)), cols_(std::move(cols)) {}
  const std::vector<TypeRef>& param_types() const override { return params_; }
  const std::vector<ColumnDesc>& result_columns() const override { return cols_; }
  bool returns_rows() const override { return !cols_.empty(); }
  const std::string& sql() const override { return sql_; }

 private:
  std::string sql_;
  std::vector<TypeRef> params_;
  std::vector<ColumnDesc> cols_;
};

class FakePortal : public Portal {
 public:
  FakePortal(std::shared_ptr<PreparedStatement> s, std::vector<Value> p)
      : stmt(std::move(s)), params(std::move(p)) {}
  const PreparedStatement& statement() const override { return *stmt; }
  std::shared_ptr<PreparedStatement> stmt;
  std::vector<Value> params;
  int next_row = 0;
};

// Statements understood: "SELECT 1", "", "BEGIN", "COMMIT", "fail",
// "COPY IN", "COPY OUT"; prepared "SELECT $1" (int4 param, 3 result rows).
class FakeSession : public Session {
 public:
  Status ExecuteSimple(std::string_view sql, ResultSink* sink) override {
    if (sql.empty()) return sink->OnEmptyQuery();
    if (sql == "SELECT 1") {
      NANO_RETURN_IF_ERROR(sink->OnRowDescription({{"?column?", {type::kText, -1}, 0, 0}}));
      Value v = Value::Text("1");
      NANO_RETURN_IF_ERROR(sink->OnRow(&v, 1));
      return sink->OnCommandComplete("SELECT 1");
    }
    if (sql == "BEGIN") {
      state_ = TxnState::kInBlock;
      return sink->OnCommandComplete("BEGIN");
    }
    if (sql == "COMMIT") {
      state_ = TxnState::kIdle;
      return sink->OnCommandComplete("COMMIT");
    }
    if (sql == "COPY IN") {
      NANO_RETURN_IF_ERROR(sink->OnCopyInStart({false, 1}));
      int rows = 0;
      for (int i = 0; i < 100; ++i) {
        std::string chunk;
        bool done = false;
        NANO_RETURN_IF_ERROR(sink->ReadCopyData(&chunk, &done));
        if (done) break;
        copied_ += chunk;
        ++rows;
      }
      return sink->OnCommandComplete("COPY " + std::to_string(rows));
    }
    if (sql == "COPY OUT") {
      NANO_RETURN_IF_ERROR(sink->OnCopyOutStart({false, 1}));
      NANO_RETURN_IF_ERROR(sink->OnCopyData("a\n"));
      NANO_RETURN_IF_ERROR(sink->OnCopyData("b\n"));
      NANO_RETURN_IF_ERROR(sink->OnCopyOutDone());
      return sink->OnCommandComplete("COPY 2");
    }
    if (state_ == TxnState::kInBlock) state_ = TxnState::kFailed;
    return Status::Error(sqlstate::kSyntaxError, "syntax error at or near \"fail\"")
        .WithPosition(1);
  }
  Status Prepare(std::string_view sql, const std::vector<TypeOid>&,
                 std::shared_ptr<PreparedStatement>* out) override {
    if (sql == "fail") return Status::Error(sqlstate::kSyntaxError, "syntax error");
    std::vector<TypeRef> params;
    if (sql.find("$1") != std::string_view::npos) params.push_back({type::kText, -1});
    std::vector<ColumnDesc> cols;
    if (sql.substr(0, 6) == "SELECT") cols.push_back({"v", {type::kText, -1}, 0, 0});
    *out = std::make_shared<FakePrepared>(std::string(sql), params, cols);
    return Status::OK();
  }
  Status Bind(std::shared_ptr<PreparedStatement> stmt, std::vector<Value> params,
              std::unique_ptr<Portal>* out) override {
    *out = std::make_unique<FakePortal>(std::move(stmt), std::move(params));
    return Status::OK();
  }
  Status ExecutePortal(Portal* portal, int64_t max_rows, ResultSink* sink,
                       bool* suspended) override {
    auto* p = static_cast<FakePortal*>(portal);
    *suspended = false;
    if (!p->stmt->returns_rows()) return sink->OnCommandComplete("SET");
    if (p->next_row == 0) NANO_RETURN_IF_ERROR(sink->OnRowDescription(p->stmt->result_columns()));
    int64_t sent = 0;
    while (p->next_row < 3) {
      if (max_rows > 0 && sent == max_rows) {
        *suspended = true;
        return Status::OK();
      }
      Value v = p->params.empty() ? Value::Text("x") : p->params[0];
      NANO_RETURN_IF_ERROR(sink->OnRow(&v, 1));
      ++p->next_row;
      ++sent;
    }
    return sink->OnCommandComplete("SELECT 3");
  }
  Status Sync() override { return Status::OK(); }
  TxnState txn_state() const override { return state_; }
  void Cancel() override {}
  std::vector<std::pair<std::string, std::string>> ReportedSettings() const override {
    return {{"server_version", "15.0"}, {"client_encoding", "UTF8"}};
  }
  std::string GetSetting(std::string_view name) const override {
    if (name == "DateStyle") return "ISO, MDY";
    if (name == "TimeZone") return "UTC";
    return "";
  }
  const FormatContext& format_context() const override { return format_; }
  int32_t backend_pid() const override { return 4242; }
  const std::string& database() const override { return db_; }
  const std::string& user() const override { return user_; }
  FormatContext format_;

  std::string copied_;

 private:
  TxnState state_ = TxnState::kIdle;
  std::string db_ = "postgres";
  std::string user_ = "postgres";
};

class FakeEngine : public Engine {
 public:
  Status NewSession(const SessionOptions& options, std::unique_ptr<Session>* out) override {
    if (options.database != "postgres") {
      return Status::Error(sqlstate::kInvalidCatalogName,
                           "database \"" + options.database + "\" does not exist");
    }
    last_options = options;
    *out = std::make_unique<FakeSession>();
    return Status::OK();
  }
  void CancelBackend(int32_t pid, int32_t key) override {
    cancelled_pid = pid;
    cancelled_key = key;
  }
  int32_t SecretKeyOf(int32_t) const override { return 777; }
  size_t open_sessions() const override { return 0; }
  bool in_memory() const override { return true; }
  std::string version_string() const override { return "test"; }

  SessionOptions last_options;
  std::atomic<int32_t> cancelled_pid{0};
  std::atomic<int32_t> cancelled_key{0};
};

struct Msg {
  char type = 0;
  std::string body;
};

class PgConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    shared_.engine = &engine_;
    ASSERT_TRUE(
        auth::AuthConfig::Make(auth::AuthMethod::kTrust, "postgres", "", &shared_.auth).ok());
  }
  void TearDown() override {
    if (client_ >= 0) ::close(client_);
    if (server_thread_.joinable()) server_thread_.join();
  }
  void StartServer() {
    int sv[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    client_ = sv[0];
    int server_fd = sv[1];
    server_thread_ = std::thread([this, server_fd] {
      PgConnection conn(server_fd, &shared_);
      conn.Run();
    });
  }
  void SendRaw(std::string_view bytes) {
    ASSERT_EQ(::send(client_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  void Send(MessageWriter& w) {
    SendRaw(w.data());
    w.Clear();
  }
  std::string Startup(const std::string& user, const std::string& db = "") {
    MessageWriter w;
    w.BeginUntyped();
    w.Int32(196608);
    w.CString("user");
    w.CString(user);
    if (!db.empty()) {
      w.CString("database");
      w.CString(db);
    }
    w.CString("options");
    w.CString("-c search_path=public --DateStyle=ISO");
    w.Int8(0);
    w.End();
    return w.data();
  }
  // Reads one message; type 0 on EOF.
  Msg Read() {
    Msg m;
    std::string head = ReadN(5);
    if (head.size() < 5) return m;
    m.type = head[0];
    MessageReader r(std::string_view(head).substr(1));
    int32_t len = 0;
    EXPECT_TRUE(r.Int32(&len));
    m.body = ReadN(static_cast<size_t>(len - 4));
    return m;
  }
  std::string ReadN(size_t n) {
    std::string out;
    while (out.size() < n) {
      char buf[4096];
      ssize_t got = ::recv(client_, buf, std::min(sizeof(buf), n - out.size()), 0);
      if (got <= 0) break;
      out.append(buf, static_cast<size_t>(got));
    }
    return out;
  }
  std::vector<Msg> ReadUntilReady() {
    std::vector<Msg> msgs;
    for (int i = 0; i < 1000; ++i) {
      Msg m = Read();
      if (m.type == 0) break;
      msgs.push_back(m);
      if (m.type == 'Z') break;
    }
    return msgs;
  }
  static std::string Types(const std::vector<Msg>& msgs) {
    std::string t;
    for (const auto& m : msgs) t += m.type;
    return t;
  }
  static std::string Field(const Msg& m, char code) {
    MessageReader r(m.body);
    for (int i = 0; i < 32; ++i) {
      uint8_t f = 0;
      std::string_view v;
      if (!r.Int8(&f) || f == 0 || !r.CString(&v)) break;
      if (f == static_cast<uint8_t>(code)) return std::string(v);
    }
    return "";
  }
  void Connect() {
    StartServer();
    SendRaw(Startup("postgres"));
    auto msgs = ReadUntilReady();
    ASSERT_EQ(Types(msgs), "RSSKZ");
  }

  FakeEngine engine_;
  PgServerShared shared_;
  int client_ = -1;
  std::thread server_thread_;
};

TEST_F(PgConnectionTest, SslRequestAnsweredNThenStartup) {
  StartServer();
  MessageWriter w;
  w.BeginUntyped();
  w.Int32(80877103);
  w.End();
  Send(w);
  EXPECT_EQ(ReadN(1), "N");
  SendRaw(Startup("postgres"));
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "RSSKZ");
  EXPECT_EQ(msgs.back().body, "I");
  // BackendKeyData carries the session's pid and the engine's secret.
  MessageReader r(msgs[3].body);
  int32_t pid = 0, key = 0;
  ASSERT_TRUE(r.Int32(&pid) && r.Int32(&key));
  EXPECT_EQ(pid, 4242);
  EXPECT_EQ(key, 777);
  // Options were parsed into settings.
  ASSERT_EQ(engine_.last_options.settings.size(), 2u);
  EXPECT_EQ(engine_.last_options.settings[0].first, "search_path");
  EXPECT_EQ(engine_.last_options.settings[1].first, "DateStyle");
}

TEST_F(PgConnectionTest, UnknownDatabaseIsFatal3D000) {
  StartServer();
  SendRaw(Startup("postgres", "nope"));
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "RE");
  EXPECT_EQ(Field(msgs[1], 'S'), "FATAL");
  EXPECT_EQ(Field(msgs[1], 'C'), "3D000");
  EXPECT_EQ(Field(msgs[1], 'M'), "database \"nope\" does not exist");
}

TEST_F(PgConnectionTest, UnknownRoleUnderTrustIs28000) {
  StartServer();
  SendRaw(Startup("mallory"));
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "E");
  EXPECT_EQ(Field(msgs[0], 'C'), "28000");
  EXPECT_EQ(Field(msgs[0], 'M'), "role \"mallory\" does not exist");
}

TEST_F(PgConnectionTest, UnsupportedProtocolVersion) {
  StartServer();
  MessageWriter w;
  w.BeginUntyped();
  w.Int32(2 << 16);
  w.Int8(0);
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "E");
  EXPECT_EQ(Field(msgs[0], 'C'), "0A000");
  EXPECT_EQ(Field(msgs[0], 'M'), "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
}

TEST_F(PgConnectionTest, CancelRequestReachesEngine) {
  StartServer();
  MessageWriter w;
  w.BeginUntyped();
  w.Int32(80877102);
  w.Int32(4242);
  w.Int32(777);
  w.End();
  Send(w);
  EXPECT_EQ(Read().type, 0);  // server closes without answering
  EXPECT_EQ(engine_.cancelled_pid.load(), 4242);
  EXPECT_EQ(engine_.cancelled_key.load(), 777);
}

TEST_F(PgConnectionTest, MaxConnectionsIs53300) {
  shared_.max_connections = 0;
  StartServer();
  SendRaw(Startup("postgres"));
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "E");
  EXPECT_EQ(Field(msgs[0], 'C'), "53300");
  EXPECT_EQ(Field(msgs[0], 'M'), "sorry, too many clients already");
}

TEST_F(PgConnectionTest, SimpleQueryAndErrors) {
  Connect();
  MessageWriter w;
  w.Begin('Q');
  w.CString("SELECT 1");
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "TDCZ");
  EXPECT_EQ(msgs[2].body, std::string("SELECT 1\0", 9));

  w.Begin('Q');
  w.CString("");
  w.End();
  Send(w);
  EXPECT_EQ(Types(ReadUntilReady()), "IZ");

  w.Begin('Q');
  w.CString("BEGIN");
  w.End();
  Send(w);
  msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "CZ");
  EXPECT_EQ(msgs[1].body, "T");

  w.Begin('Q');
  w.CString("fail");
  w.End();
  Send(w);
  msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "EZ");
  EXPECT_EQ(Field(msgs[0], 'S'), "ERROR");
  EXPECT_EQ(Field(msgs[0], 'C'), "42601");
  EXPECT_EQ(Field(msgs[0], 'P'), "1");
  EXPECT_EQ(msgs[1].body, "E");
}

TEST_F(PgConnectionTest, InvalidUtf8QueryIs22021) {
  Connect();
  MessageWriter w;
  w.Begin('Q');
  w.CString("SELECT '\xc3\x28'");
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "EZ");
  EXPECT_EQ(Field(msgs[0], 'C'), "22021");
  EXPECT_EQ(Field(msgs[0], 'M'), "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
}

TEST_F(PgConnectionTest, ExtendedProtocolWithRowLimit) {
  Connect();
  MessageWriter w;
  w.Begin('P');
  w.CString("s1");
  w.CString("SELECT $1");
  w.Int16(0);
  w.End();
  w.Begin('D');
  w.Int8('S');
  w.CString("s1");
  w.End();
  w.Begin('B');
  w.CString("p1");
  w.CString("s1");
  w.Int16(0);
  w.Int16(1);
  w.Int32(2);
  w.Bytes("hi");
  w.Int16(0);
  w.End();
  w.Begin('D');
  w.Int8('P');
  w.CString("p1");
  w.End();
  w.Begin('E');
  w.CString("p1");
  w.Int32(2);
  w.End();
  w.Begin('E');
  w.CString("p1");
  w.Int32(0);
  w.End();
  w.Begin('C');
  w.Int8('S');
  w.CString("s1");
  w.End();
  w.Begin('S');
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  // Parse, ParameterDescription, RowDescription, Bind, RowDescription,
  // 2 rows + PortalSuspended, last row + CommandComplete, CloseComplete, RFQ.
  EXPECT_EQ(Types(msgs), "1tT2TDDsDC3Z");
  EXPECT_EQ(msgs[5].body.substr(msgs[5].body.size() - 2), "hi");
}

TEST_F(PgConnectionTest, ErrorDiscardsUntilSync) {
  Connect();
  MessageWriter w;
  w.Begin('B');  // Bind before Parse
  w.CString("");
  w.CString("nosuch");
  w.Int16(0);
  w.Int16(0);
  w.Int16(0);
  w.End();
  w.Begin('E');
  w.CString("");
  w.Int32(0);
  w.End();
  w.Begin('S');
  w.End();
  w.Begin('Q');
  w.CString("SELECT 1");
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "EZ");
  EXPECT_EQ(Field(msgs[0], 'C'), "26000");
  EXPECT_EQ(Field(msgs[0], 'M'), "prepared statement \"nosuch\" does not exist");
  EXPECT_EQ(Types(ReadUntilReady()), "TDCZ");
}

TEST_F(PgConnectionTest, ExtendedErrorIsFlushedWithoutSync) {
  Connect();
  MessageWriter w;
  w.Begin('P');
  w.CString("");
  w.CString("fail");
  w.Int16(0);
  w.End();
  w.Begin('H');
  w.End();
  Send(w);
  Msg m = Read();  // arrives although no Sync was sent
  ASSERT_EQ(m.type, 'E');
  EXPECT_EQ(Field(m, 'C'), "42601");
  w.Begin('S');
  w.End();
  Send(w);
  EXPECT_EQ(Types(ReadUntilReady()), "Z");
}

TEST_F(PgConnectionTest, CopyInAndOut) {
  Connect();
  MessageWriter w;
  w.Begin('Q');
  w.CString("COPY IN");
  w.End();
  Send(w);
  Msg m = Read();
  ASSERT_EQ(m.type, 'G');
  w.Begin('d');
  w.Bytes("1\n");
  w.End();
  w.Begin('d');
  w.Bytes("2\n");
  w.End();
  w.Begin('c');
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "CZ");
  EXPECT_EQ(msgs[0].body, std::string("COPY 2\0", 7));

  w.Begin('Q');
  w.CString("COPY OUT");
  w.End();
  Send(w);
  EXPECT_EQ(Types(ReadUntilReady()), "HddcCZ");

  // CopyFail aborts with 57014.
  w.Begin('Q');
  w.CString("COPY IN");
  w.End();
  Send(w);
  ASSERT_EQ(Read().type, 'G');
  w.Begin('f');
  w.CString("client said no");
  w.End();
  Send(w);
  msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "EZ");
  EXPECT_EQ(Field(msgs[0], 'C'), "57014");
  EXPECT_EQ(Field(msgs[0], 'M'), "COPY from stdin failed: client said no");
}

TEST_F(PgConnectionTest, HugeClaimedLengthIsFatalWithoutAllocation) {
  Connect();
  // 'Q' claiming ~2 GiB: rejected before reading the body.
  SendRaw(std::string("Q\x7f\xff\xff\xff", 5));
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "E");
  EXPECT_EQ(Field(msgs[0], 'C'), "08P01");
  EXPECT_EQ(Read().type, 0);
}

TEST_F(PgConnectionTest, GarbageTypeByteIsFatal) {
  Connect();
  SendRaw(std::string("\x01\x00\x00\x00\x04", 5));
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "E");
  EXPECT_EQ(Field(msgs[0], 'C'), "08P01");
  EXPECT_EQ(Field(msgs[0], 'M'), "invalid frontend message type 1");
}

TEST_F(PgConnectionTest, ScramLoginWithWrongPasswordIs28P01) {
  ASSERT_TRUE(
      auth::AuthConfig::Make(auth::AuthMethod::kScramSha256, "postgres", "right", &shared_.auth)
          .ok());
  StartServer();
  SendRaw(Startup("postgres"));
  Msg m = Read();
  ASSERT_EQ(m.type, 'R');
  EXPECT_EQ(m.body, std::string("\0\0\0\x0aSCRAM-SHA-256\0\0", 19));
  MessageWriter w;
  std::string first = "n,,n=,r=abcdefghijkl";
  w.Begin('p');
  w.CString("SCRAM-SHA-256");
  w.Int32(static_cast<int32_t>(first.size()));
  w.Bytes(first);
  w.End();
  Send(w);
  m = Read();
  ASSERT_EQ(m.type, 'R');
  std::string server_first = m.body.substr(4);
  ASSERT_EQ(server_first.substr(0, 14), "r=abcdefghijkl");
  std::string nonce = server_first.substr(2, server_first.find(',') - 2);
  w.Begin('p');
  w.Bytes("c=biws,r=" + nonce + ",p=" + auth::Base64Encode(std::string(32, 'x')));
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "E");
  EXPECT_EQ(Field(msgs[0], 'C'), "28P01");
  EXPECT_EQ(Field(msgs[0], 'M'), "password authentication failed for user \"postgres\"");
}

TEST_F(PgConnectionTest, NegotiatesNewerMinorDown) {
  StartServer();
  MessageWriter w;
  w.BeginUntyped();
  w.Int32(196608 + 2);  // 3.2
  w.CString("user");
  w.CString("postgres");
  w.CString("_pq_.fancy");
  w.CString("1");
  w.Int8(0);
  w.End();
  Send(w);
  auto msgs = ReadUntilReady();
  ASSERT_EQ(Types(msgs), "vRSSKZ");
  EXPECT_EQ(msgs[0].body, std::string("\0\3\0\0\0\0\0\1_pq_.fancy\0", 19));
}

TEST(Utf8Test, ValidatesLikePostgres) {
  EXPECT_EQ(ValidUtf8Prefix("hello"), 5u);
  EXPECT_EQ(ValidUtf8Prefix("h\xc3\xa9llo"), 6u);
  EXPECT_EQ(ValidUtf8Prefix("\xf0\x9f\x98\x80"), 4u);
  EXPECT_EQ(ValidUtf8Prefix("ab\xff"), 2u);
  EXPECT_EQ(ValidUtf8Prefix("\xc0\xaf"), 0u);      // overlong
  EXPECT_EQ(ValidUtf8Prefix("\xed\xa0\x80"), 0u);  // surrogate
  EXPECT_EQ(ValidUtf8Prefix("\xe2\x82"), 0u);      // truncated
  EXPECT_EQ(ValidUtf8Prefix(std::string("a\0b", 3)), 1u);
  EXPECT_EQ(InvalidUtf8Message("ab\xff", 2), "invalid byte sequence for encoding \"UTF8\": 0xff");
  EXPECT_EQ(InvalidUtf8Message("\xe2\x82", 0),
            "invalid byte sequence for encoding \"UTF8\": 0xe2 0x82");
}

}  // namespace
}  // namespace nano::pgwire
