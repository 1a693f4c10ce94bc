// engine/session/session_impl.h — the Session implementation: settings,
// the transaction state machine, statement dispatch, plan cache, COPY.
// Internal; use session/session.h.
#pragma once

#include <atomic>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "binder/bound.h"
#include "catalog/oid_namer.h"
#include "executor/exec_context.h"
#include "function/eval_context.h"
#include "parser/ast.h"
#include "session/engine_impl.h"
#include "session/session.h"
#include "txn/transaction.h"
#include "types/format_context.h"

namespace nano {

class SessionImpl final : public Session, public SequenceAccess, public SystemInfo {
 public:
  SessionImpl(EngineImpl* engine, std::shared_ptr<DatabaseState> db, const SessionOptions& options,
              int32_t pid);
  ~SessionImpl() override;

  Status Init();

  // Session
  Status ExecuteSimple(std::string_view sql, ResultSink* sink) override;
  Status Prepare(std::string_view sql, const std::vector<TypeOid>& param_type_hints,
                 std::shared_ptr<PreparedStatement>* out) override;
  Status Bind(std::shared_ptr<PreparedStatement> stmt, std::vector<Value> params,
              std::unique_ptr<Portal>* out) override;
  Status ExecutePortal(Portal* portal, int64_t max_rows, ResultSink* sink,
                       bool* suspended) override;
  Status Sync() override;
  TxnState txn_state() const override;
  void Cancel() override { cancel_.store(true); }
  std::vector<std::pair<std::string, std::string>> ReportedSettings() const override;
  std::string GetSetting(std::string_view name) const override;
  const FormatContext& format_context() const override { return format_; }
  int32_t backend_pid() const override { return pid_; }
  const std::string& database() const override { return db_->def.name; }
  const std::string& user() const override { return user_; }

  // Settings changes (SET, set_config, startup options).
  Status SetSetting(std::string_view name, std::string_view value, bool is_local);

  // SequenceAccess
  Status NextVal(Oid sequence_oid, int64_t* out) override;
  Status CurrVal(Oid sequence_oid, int64_t* out) override;
  Status SetVal(Oid sequence_oid, int64_t value, bool is_called) override;
  Status LastVal(int64_t* out) override;
  Status LookupSequence(const std::string& name, Oid* out) override;

  // SystemInfo (pg_catalog scans)
  void Snapshot(SystemSnapshot* out) const override;

  // Ends the session from another thread (DROP DATABASE ... FORCE).
  void Terminate() {
    terminated_.store(true);
    cancel_.store(true);
  }

 private:
  friend class PreparedImpl;
  friend class PortalImpl;

  // Function evaluation sees the session through this adapter (its
  // database() would clash with Session::database()).
  class FunctionContext final : public SessionContext {
   public:
    explicit FunctionContext(SessionImpl* s) : s_(s) {}
    std::string_view database() const override { return s_->db_->def.name; }
    std::string_view user() const override {
      current_user_ = s_->CurrentUserName();
      return current_user_;
    }
    std::string_view session_user() const override {
      session_user_ = s_->GetSetting("session_authorization");
      return session_user_;
    }
    int32_t backend_pid() const override { return s_->pid_; }
    std::string GetSetting(std::string_view name) const override { return s_->GetSetting(name); }
    Status SetSetting(std::string_view name, std::string_view value, bool is_local) override {
      return s_->SetSetting(name, value, is_local);
    }
    Status PrivilegeInquiry(std::string_view function, const Value* args, size_t nargs,
                            Value* out) override {
      return s_->PrivilegeInquiry(function, args, nargs, out);
    }

   private:
    SessionImpl* s_;
    mutable std::string current_user_, session_user_;
  };

  // NOTICEs raised while a statement runs (PL/pgSQL RAISE NOTICE) go to
  // the sink of the call running it; null between calls.
  ResultSink* notice_sink_ = nullptr;
  std::function<void(const ErrorInfo&)> notice_fn_ = [this](const ErrorInfo& info) {
    if (notice_sink_ != nullptr) notice_sink_->OnNotice(info);
  };
  struct NoticeSinkScope {
    NoticeSinkScope(SessionImpl* s, ResultSink* sink) : s_(s), saved_(s->notice_sink_) {
      s->notice_sink_ = sink;
    }
    ~NoticeSinkScope() { s_->notice_sink_ = saved_; }
    SessionImpl* s_;
    ResultSink* saved_;
  };

  enum class State { kIdle, kImplicit, kBlock, kFailed };
  struct Savepoint {
    std::string name;
    size_t mark;
    std::shared_ptr<Catalog> catalog;  // private catalog copy at the savepoint (may be null)
  };

  // One statement, with its source text and parameters.
  Status RunStatement(const ast::Statement& stmt, std::string_view sql,
                      const std::vector<Value>* params,
                      const std::shared_ptr<const BoundStatement>& prebound, ResultSink* sink);
  Status RunTransactionStmt(const ast::TransactionStmt& stmt, ResultSink* sink);
  Status RunSet(const ast::VariableSetStmt& stmt, ResultSink* sink);
  Status RunShow(const ast::VariableShowStmt& stmt, ResultSink* sink);
  Status RunDdl(const ast::Statement& stmt, ResultSink* sink);
  Status RunQuery(const BoundStatement& bound, const std::vector<Value>* params, ResultSink* sink,
                  int64_t max_rows, bool describe_rows);
  Status RunCopy(const ast::CopyStmt& stmt, ResultSink* sink);
  Status RunDatabaseStmt(const ast::Statement& stmt, ResultSink* sink);
  Status RunDo(const ast::DoStmt& stmt, ResultSink* sink);
  // CREATE TABLE ... AS / SELECT ... INTO.
  Status RunCreateTableAs(const ast::RangeVar& table, const std::vector<std::string>& column_names,
                          const ast::SelectStmt& query, bool if_not_exists, bool with_no_data,
                          ResultSink* sink);
  // 25006 when the transaction (or the session default) is read-only.
  Status CheckWritable(const char* what);
  // Roles (session_roles.cc). The session user is the role named by the
  // session_authorization setting, the current user the one named by the
  // role setting ("none": the session user), so SET [LOCAL] ROLE, RESET
  // and transaction ends follow the settings machinery.
  std::string BootstrapName();
  Oid RoleOidByName(const Catalog& catalog, const std::string& name, bool* found);
  Oid SessionRoleOid();
  Oid CurrentRoleOid();
  std::string CurrentUserName();
  std::shared_ptr<const RoleContext> CurrentRoleContext();
  // Validates SET ROLE / SET SESSION AUTHORIZATION (42704, 42501).
  Status CheckRoleSetting(const std::string& name, std::string* value);
  // 42501 unless the current user holds what `bound` needs.
  Status CheckPrivileges(const BoundStatement& bound);
  Status PrivilegeInquiry(std::string_view function, const Value* args, size_t nargs, Value* out);
  // 42501 "permission denied for sequence s" unless the current user holds
  // one of `any_of` on it (nextval: USAGE or UPDATE; setval: UPDATE).
  Status CheckSequencePrivilege(const TableDef& seq, uint32_t any_of);
  // 28000 when the login role may not log in (no LOGIN, expired).
  Status CheckLogin();
  // Restores per-transaction settings (isolation, read-only) at its end.
  void ResetTransactionSettings();
  // SQL-level PREPARE / EXECUTE / DEALLOCATE.
  Status RunPrepareStmt(const ast::PrepareStmt& stmt, std::string_view sql, ResultSink* sink);
  Status RunExecuteStmt(const ast::ExecuteStmt& stmt, ResultSink* sink);
  Status BindCached(const ast::Statement& stmt, std::string_view sql,
                    const std::vector<TypeOid>& hints, std::shared_ptr<const BoundStatement>* out);

  // Transaction plumbing.
  Status EnsureTransaction();
  Status CommitTransaction();
  void AbortTransaction();
  void EndTransaction();
  void OnStatementError(Status* st);
  std::shared_ptr<const Catalog> CurrentCatalog();
  Status BeginDdl();
  void PrepareExecContext(ExecContext* ctx, const std::vector<Value>* params);
  void StartStatementClock();

  EngineImpl* engine_;
  std::shared_ptr<DatabaseState> db_;
  std::string user_;
  int32_t pid_;
  BranchChain chain_;

  // Settings (lower-case names -> values) and their derived formatting.
  std::map<std::string, std::string> settings_;
  std::map<std::string, std::string> txn_local_restore_;  // SET LOCAL: value to restore at end
  FormatContext format_;
  // regclass & co in format_: names from this session's current catalog.
  CatalogOidNamer oid_namer_{[this] { return CurrentCatalog(); },
                             [this] { return BootstrapName(); }};
  uint64_t settings_epoch_ = 0;  // bumped by every SET: cached plans fold constants with settings
  // CurrentRoleOid's memo: valid for one settings epoch and catalog.
  uint64_t role_cache_epoch_ = ~uint64_t{0};
  std::shared_ptr<const Catalog> role_cache_catalog_;
  Oid role_cache_oid_ = kBootstrapSuperuserOid;
  std::shared_ptr<const RoleContext> role_ctx_cache_;  // CurrentRoleContext's memo
  uint64_t role_ctx_epoch_ = 0;
  std::shared_ptr<const Catalog> role_ctx_catalog_;
  std::mt19937_64 random_;
  EvalContext eval_;
  FunctionContext function_context_{this};

  // Transaction state.
  State state_ = State::kIdle;
  std::unique_ptr<Transaction> txn_;
  IsolationLevel next_isolation_ = IsolationLevel::kReadCommitted;
  bool ddl_locked_ = false;
  std::shared_ptr<Catalog> private_catalog_;  // DDL in progress (copy of base_catalog_)
  // Tables this session created TEMP: dropped when it ends (PostgreSQL's
  // temporary tables die with their session). Visibility is not yet
  // session-private: other sessions can see them meanwhile.
  std::vector<Oid> temp_tables_;
  void DropTempTables();
  void RememberTempTable(const ast::RangeVar& table);
  std::shared_ptr<const Catalog> base_catalog_;  // catalog the DDL started from
  std::vector<Savepoint> savepoints_;
  int64_t txn_start_us_ = 0;
  // StartStatementClock set txn_start_us_ for a transaction this statement
  // is about to start (EnsureTransaction keeps it).
  bool txn_clock_from_statement_ = false;

  std::atomic<bool> cancel_{false};
  std::atomic<bool> terminated_{false};

  // PREPARE name AS ...: statements prepared in SQL (pg_prepared_statements).
  std::map<std::string, std::shared_ptr<PreparedStatement>> sql_prepared_;
  bool txn_read_only_ = false;  // BEGIN READ ONLY / SET TRANSACTION READ ONLY

  // Sequences used in this session (currval / lastval).
  std::map<Oid, int64_t> currval_;
  bool have_lastval_ = false;
  int64_t lastval_ = 0;

  // Plan cache: statement text -> bound plan (valid for one catalog generation).
  struct CacheEntry {
    std::shared_ptr<const BoundStatement> bound;
    std::list<std::string>::iterator lru;
  };
  std::unordered_map<std::string, CacheEntry> plan_cache_;
  std::list<std::string> plan_lru_;

  // Parse cache: query text -> statements (immutable once parsed).
  using ParsedStatements = std::shared_ptr<const std::vector<ast::StatementPtr>>;
  Status ParseCached(std::string_view sql, ParsedStatements* out);
  struct ParseEntry {
    ParsedStatements stmts;
    std::list<std::string>::iterator lru;
  };
  std::unordered_map<std::string, ParseEntry> parse_cache_;
  std::list<std::string> parse_lru_;
};

}  // namespace nano
