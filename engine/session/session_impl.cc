// engine/session/session_impl.cc — statement dispatch and the transaction
// state machine (PostgreSQL's: idle / implicit / block / failed).
#include "session/session_impl.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>

#include "binder/binder.h"
#include "catalog/catalog_store.h"
#include "executor/ddl.h"
#include "executor/ddl_roles.h"
#include "executor/eval.h"
#include "executor/operators.h"
#include "executor/table_store.h"
#include "function/string_util.h"
#include "parser/parser.h"
#include "planner/explain.h"
#include "planner/planner.h"
#include "plpgsql/routine.h"
#include "session/settings.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {

namespace {

constexpr size_t kPlanCacheCapacity = 256;
// 2000-01-01 00:00:00 UTC in Unix microseconds.
constexpr int64_t kPgEpochUnixMicros = 946684800000000LL;

int64_t NowPgMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() -
         kPgEpochUnixMicros;
}

std::string StatementText(std::string_view sql, const ast::Statement& stmt) {
  size_t start = std::min<size_t>(stmt.stmt_location, sql.size());
  size_t len = stmt.stmt_len > 0 ? static_cast<size_t>(stmt.stmt_len) : sql.size() - start;
  return std::string(sql.substr(start, len));
}

bool IsTransactionControl(const ast::Statement& stmt) {
  if (stmt.kind != ast::StmtKind::kTransaction) return false;
  auto k = static_cast<const ast::TransactionStmt&>(stmt).txn_kind;
  return k == ast::TransactionKind::kCommit || k == ast::TransactionKind::kRollback ||
         k == ast::TransactionKind::kRollbackTo || k == ast::TransactionKind::kPrepare ||
         k == ast::TransactionKind::kCommitPrepared || k == ast::TransactionKind::kRollbackPrepared;
}

std::string CommandTag(const BoundStatement& bound, int64_t rows) {
  if (bound.command == "INSERT") return "INSERT 0 " + std::to_string(rows);
  return bound.command + " " + std::to_string(rows);
}

}  // namespace

// ---------------------------------------------------------------------------
// Prepared statements and portals.

class PreparedImpl final : public PreparedStatement {
 public:
  const std::vector<TypeRef>& param_types() const override { return param_types_; }
  const std::vector<ColumnDesc>& result_columns() const override { return columns_; }
  bool returns_rows() const override { return !columns_.empty(); }
  const std::string& sql() const override { return sql_; }

  std::string sql_;
  std::vector<ast::StatementPtr> parsed_;  // exactly one, or none (empty query)
  std::vector<TypeOid> hints_;
  std::shared_ptr<const BoundStatement> bound_;  // queries and DML
  std::vector<TypeRef> param_types_;
  std::vector<ColumnDesc> columns_;
};

class PortalImpl final : public Portal {
 public:
  const PreparedStatement& statement() const override { return *prepared_; }

  std::shared_ptr<PreparedImpl> prepared_;
  std::vector<Value> params_;
  // Running state of a query portal (kept across suspensions).
  bool started_ = false;
  bool finished_ = false;
  std::shared_ptr<const BoundStatement> bound_;
  ExecContext ctx_;
  std::unique_ptr<Operator> op_;
  int64_t rows_ = 0;
};

// ---------------------------------------------------------------------------

SessionImpl::SessionImpl(EngineImpl* engine, std::shared_ptr<DatabaseState> db,
                         const SessionOptions& options, int32_t pid)
    : engine_(engine),
      db_(std::move(db)),
      user_(options.user),
      pid_(pid),
      random_(std::random_device{}()) {
  format_.oid_namer = &oid_namer_;
  db_->sessions.fetch_add(1);
  chain_ = engine_->ChainOf(db_->def);
  settings_ = DefaultSettings();
  if (!options.application_name.empty()) settings_["application_name"] = options.application_name;
  for (const auto& [name, value] : options.settings) {
    std::string lower = ToLower(name);
    SetSetting(lower, value, false).IgnoreError();  // bad startup options: keep defaults
  }
  settings_["session_authorization"] = user_;
  ApplyFormatSettings(settings_, &format_);
  eval_.format = &format_;
  eval_.random = &random_;
  eval_.session = &function_context_;
}

SessionImpl::~SessionImpl() {
  AbortTransaction();
  DropTempTables();
  db_->sessions.fetch_sub(1);
  engine_->Unregister(pid_);
}

namespace {

// Swallows a statement's output (session-end cleanup has no client).
class DiscardSink : public ResultSink {
 public:
  Status OnRowDescription(const std::vector<ColumnDesc>&) override { return Status::OK(); }
  Status OnRow(const Value*, size_t) override { return Status::OK(); }
  Status OnCommandComplete(std::string_view) override { return Status::OK(); }
};

}  // namespace

void SessionImpl::DropTempTables() {
  if (temp_tables_.empty()) return;
  DiscardSink sink;
  // One autocommit DROP per table that still exists under the oid we made;
  // a failure (say, another session's object depends on it) leaves it.
  const std::vector<Oid> oids = std::move(temp_tables_);
  temp_tables_.clear();
  for (Oid oid : oids) {
    std::shared_ptr<const Catalog> catalog;
    {
      std::lock_guard<std::mutex> lock(db_->catalog_mu);
      catalog = db_->catalog;
    }
    const TableDef* t = catalog ? catalog->TableByOid(oid) : nullptr;
    if (t == nullptr) continue;
    const SchemaDef* schema = catalog->SchemaByOid(t->schema_oid);
    if (schema == nullptr) continue;
    const std::string sql = "DROP TABLE IF EXISTS " + fn::QuoteIdent(schema->name) + "." +
                            fn::QuoteIdent(t->name) + " CASCADE";
    (void)ExecuteSimple(sql, &sink);  // best effort: the session is going away
  }
}

void SessionImpl::RememberTempTable(const ast::RangeVar& table) {
  const Catalog& catalog = *private_catalog_;
  Oid schema_oid = kPublicNamespaceOid;
  if (!table.schema.empty()) {
    const SchemaDef* s = catalog.FindSchema(table.schema);
    if (s == nullptr) return;
    schema_oid = s->oid;
  }
  const TableDef* t = catalog.FindTable(schema_oid, table.name);
  if (t != nullptr) temp_tables_.push_back(t->oid);
}

Status SessionImpl::Init() {
  NANO_RETURN_IF_ERROR(CheckLogin());
  settings_["is_superuser"] = CurrentRoleContext()->superuser ? "on" : "off";
  return Status::OK();
}

TxnState SessionImpl::txn_state() const {
  switch (state_) {
    case State::kBlock:
      return TxnState::kInBlock;
    case State::kFailed:
      return TxnState::kFailed;
    default:
      return TxnState::kIdle;
  }
}

std::vector<std::pair<std::string, std::string>> SessionImpl::ReportedSettings() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* name : kReportedSettings) {
    out.emplace_back(DisplayName(name), GetSetting(name));
  }
  return out;
}

std::string SessionImpl::GetSetting(std::string_view name) const {
  auto it = settings_.find(ToLower(std::string(name)));
  return it == settings_.end() ? std::string() : it->second;
}

Status SessionImpl::SetSetting(std::string_view name_in, std::string_view value, bool is_local) {
  std::string name = ToLower(std::string(name_in));
  std::string normalized;
  NANO_RETURN_IF_ERROR(NormalizeSetting(name, value, &normalized, GetSetting(name)));
  const bool role_change = name == "role" || name == "session_authorization";
  if (role_change) NANO_RETURN_IF_ERROR(CheckRoleSetting(name, &normalized));
  if (is_local && state_ != State::kIdle) {
    if (!txn_local_restore_.count(name)) txn_local_restore_[name] = settings_[name];
    if (name == "session_authorization" && !txn_local_restore_.count("role")) {
      txn_local_restore_["role"] = settings_["role"];
    }
  }
  if (name == "session_authorization") settings_["role"] = "none";
  if (name == "transaction_read_only" && state_ != State::kIdle)
    txn_read_only_ = normalized == "on";
  if (name == "transaction_isolation") {
    if (txn_ && txn_->has_writes()) {
      return Status::Error(sqlstate::kActiveSqlTransaction,
                           "SET TRANSACTION ISOLATION LEVEL must be called before any query");
    }
    IsolationLevel level = normalized == "read committed" ? IsolationLevel::kReadCommitted
                           : normalized == "serializable" ? IsolationLevel::kSerializable
                                                          : IsolationLevel::kRepeatableRead;
    if (normalized == "read uncommitted") level = IsolationLevel::kReadCommitted;
    if (txn_) txn_->set_isolation(level);
    next_isolation_ = level;
  }
  settings_[name] = normalized;
  if (role_change) {
    settings_["is_superuser"] = CurrentRoleContext()->superuser ? "on" : "off";
  }
  ApplyFormatSettings(settings_, &format_);
  ++settings_epoch_;
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Transactions.

void SessionImpl::StartStatementClock() {
  eval_.statement_start_us = NowPgMicros();
  txn_clock_from_statement_ = state_ == State::kIdle || txn_start_us_ == 0;
  if (txn_clock_from_statement_) txn_start_us_ = eval_.statement_start_us;
  eval_.transaction_start_us = txn_start_us_;
}

Status SessionImpl::EnsureTransaction() {
  if (state_ == State::kIdle) {
    IsolationLevel level = next_isolation_;
    std::string def = GetSetting("default_transaction_isolation");
    if (def == "repeatable read") level = IsolationLevel::kRepeatableRead;
    if (def == "serializable") level = IsolationLevel::kSerializable;
    txn_ = std::make_unique<Transaction>(engine_->NextTxnId(), engine_->store(), engine_->locks(),
                                         level, &cancel_);
    state_ = State::kImplicit;
    txn_read_only_ = GetSetting("default_transaction_read_only") == "on";
    // The transaction a statement starts begins when the statement does, so
    // its first statement has statement_timestamp() = now() as upstream.
    if (!txn_clock_from_statement_) txn_start_us_ = NowPgMicros();
    txn_clock_from_statement_ = false;
    eval_.transaction_start_us = txn_start_us_;
  }
  return Status::OK();
}

std::shared_ptr<const Catalog> SessionImpl::CurrentCatalog() {
  if (private_catalog_) return private_catalog_;
  return engine_->CatalogOf(*db_);
}

Status SessionImpl::BeginDdl() {
  if (!ddl_locked_) {
    // Bounded wait: another transaction's DDL on this database holds it.
    bool got = false;
    for (int i = 0; i < 600 && !got; ++i) {
      got = db_->ddl_mu.try_lock_for(std::chrono::milliseconds(100));
      if (!got && cancel_.load()) {
        return Status::Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
      }
    }
    if (!got) {
      return Status::Error("55P03", "could not obtain lock on the database catalog");
    }
    ddl_locked_ = true;
  }
  if (!private_catalog_) {
    base_catalog_ = engine_->CatalogOf(*db_);
    private_catalog_ = std::make_shared<Catalog>(*base_catalog_);
  }
  return Status::OK();
}

Status SessionImpl::CommitTransaction() {
  Status st;
  if (txn_) {
    if (private_catalog_) {
      std::vector<WriteOp> ops;
      DiffCatalog(*base_catalog_, *private_catalog_, db_->def.branch, &ops);
      for (WriteOp& op : ops) {
        if (op.tombstone) {
          txn_->Delete(op.branch, std::move(op.key));
        } else {
          txn_->Put(op.branch, std::move(op.key), std::move(op.value));
        }
      }
    }
    Version v = 0;
    st = txn_->Commit(&v);
    if (st.ok() && private_catalog_) {
      private_catalog_->set_generation(base_catalog_->generation() + 1);
      engine_->PublishCatalog(*db_, private_catalog_);
    }
  }
  EndTransaction();
  return st;
}

void SessionImpl::AbortTransaction() {
  if (txn_) txn_->Abort();
  EndTransaction();
}

// What ends with any transaction: its write set, private catalog, DDL lock,
// savepoints and SET LOCAL / per-transaction settings.
void SessionImpl::EndTransaction() {
  txn_.reset();
  private_catalog_.reset();
  base_catalog_.reset();
  if (ddl_locked_) {
    db_->ddl_mu.unlock();
    ddl_locked_ = false;
  }
  savepoints_.clear();
  for (auto& [name, value] : txn_local_restore_) settings_[name] = value;
  if (!txn_local_restore_.empty()) {
    ApplyFormatSettings(settings_, &format_);
    ++settings_epoch_;  // plans bound under the SET LOCAL values are stale
    if (txn_local_restore_.count("role") || txn_local_restore_.count("session_authorization")) {
      settings_["is_superuser"] = CurrentRoleContext()->superuser ? "on" : "off";
    }
  }
  txn_local_restore_.clear();
  ResetTransactionSettings();
  state_ = State::kIdle;
  txn_start_us_ = 0;
}

void SessionImpl::OnStatementError(Status* st) {
  (void)st;
  if (state_ == State::kBlock) {
    state_ = State::kFailed;
  } else if (state_ == State::kImplicit) {
    AbortTransaction();
  }
}

Status SessionImpl::RunTransactionStmt(const ast::TransactionStmt& stmt, ResultSink* sink) {
  auto warn = [&](const char* code, std::string msg) {
    ErrorInfo info;
    info.severity = "WARNING";
    info.sqlstate = code;
    info.message = std::move(msg);
    sink->OnNotice(info);
  };
  auto apply_options = [&]() -> Status {
    for (const ast::DefElem& o : stmt.options) {
      if (o.name == "transaction_isolation") {
        NANO_RETURN_IF_ERROR(SetSetting("transaction_isolation", o.str, false));
      } else if (o.name == "transaction_read_only") {
        bool ro = o.bval || o.ival != 0 || ToLower(o.str) == "true" || ToLower(o.str) == "on";
        txn_read_only_ = ro;
        settings_["transaction_read_only"] = ro ? "on" : "off";
      }
    }
    return Status::OK();
  };
  switch (stmt.txn_kind) {
    case ast::TransactionKind::kBegin:
    case ast::TransactionKind::kStart:
      if (state_ == State::kBlock || state_ == State::kFailed) {
        warn(sqlstate::kActiveSqlTransaction, "there is already a transaction in progress");
      } else {
        NANO_RETURN_IF_ERROR(EnsureTransaction());
        state_ = State::kBlock;
        NANO_RETURN_IF_ERROR(apply_options());
      }
      return sink->OnCommandComplete(
          stmt.txn_kind == ast::TransactionKind::kBegin ? "BEGIN" : "START TRANSACTION");
    case ast::TransactionKind::kCommit: {
      if (state_ == State::kIdle || state_ == State::kImplicit) {
        warn(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
        if (state_ == State::kImplicit) NANO_RETURN_IF_ERROR(CommitTransaction());
        return sink->OnCommandComplete("COMMIT");
      }
      if (state_ == State::kFailed) {
        AbortTransaction();
        return sink->OnCommandComplete("ROLLBACK");
      }
      Status st = CommitTransaction();
      if (!st.ok()) return st;
      return sink->OnCommandComplete("COMMIT");
    }
    case ast::TransactionKind::kRollback:
      if (state_ == State::kIdle || state_ == State::kImplicit) {
        warn(sqlstate::kNoActiveSqlTransaction, "there is no transaction in progress");
      }
      AbortTransaction();
      return sink->OnCommandComplete("ROLLBACK");
    case ast::TransactionKind::kSavepoint: {
      if (state_ != State::kBlock) {
        return Status::Error(sqlstate::kNoActiveSqlTransaction,
                             "SAVEPOINT can only be used in transaction blocks");
      }
      Savepoint sp;
      sp.name = stmt.savepoint_name;
      sp.mark = txn_->Mark();
      if (private_catalog_) sp.catalog = std::make_shared<Catalog>(*private_catalog_);
      savepoints_.push_back(std::move(sp));
      return sink->OnCommandComplete("SAVEPOINT");
    }
    case ast::TransactionKind::kRelease:
    case ast::TransactionKind::kRollbackTo: {
      bool release = stmt.txn_kind == ast::TransactionKind::kRelease;
      if (state_ != State::kBlock && state_ != State::kFailed) {
        return Status::Error(sqlstate::kNoActiveSqlTransaction,
                             std::string(release ? "RELEASE SAVEPOINT" : "ROLLBACK TO SAVEPOINT") +
                                 " can only be used in transaction blocks");
      }
      if (release && state_ == State::kFailed) {
        return Status::Error(sqlstate::kInFailedSqlTransaction,
                             "current transaction is aborted, commands ignored until end of "
                             "transaction block");
      }
      auto it = std::find_if(savepoints_.rbegin(), savepoints_.rend(),
                             [&](const Savepoint& s) { return s.name == stmt.savepoint_name; });
      if (it == savepoints_.rend()) {
        return Status::Error(sqlstate::kSavepointException,
                             "savepoint \"" + stmt.savepoint_name + "\" does not exist");
      }
      size_t index = static_cast<size_t>(savepoints_.rend() - it) - 1;
      if (release) {
        savepoints_.resize(index);
        return sink->OnCommandComplete("RELEASE");
      }
      Savepoint& sp = savepoints_[index];
      txn_->RollbackTo(sp.mark);
      if (sp.catalog) {
        private_catalog_ = std::make_shared<Catalog>(*sp.catalog);
      } else if (private_catalog_) {
        private_catalog_ = std::make_shared<Catalog>(*base_catalog_);
      }
      savepoints_.resize(index + 1);
      state_ = State::kBlock;
      return sink->OnCommandComplete("ROLLBACK");
    }
    case ast::TransactionKind::kPrepare:
    case ast::TransactionKind::kCommitPrepared:
    case ast::TransactionKind::kRollbackPrepared:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "prepared transactions are not supported");
  }
  return Status::Error(sqlstate::kInternalError, "unknown transaction statement");
}

// ---------------------------------------------------------------------------
// SET / SHOW.

Status SessionImpl::RunSet(const ast::VariableSetStmt& stmt, ResultSink* sink) {
  using K = ast::VariableSetStmt::Kind;
  if (stmt.set_kind == K::kMulti) {
    // SET TRANSACTION ... / SET SESSION CHARACTERISTICS AS TRANSACTION ...
    bool session_default = stmt.name == "session characteristics";
    for (const ast::DefElem& o : stmt.args) {
      if (o.name == "transaction_isolation") {
        NANO_RETURN_IF_ERROR(
            SetSetting(session_default ? "default_transaction_isolation" : "transaction_isolation",
                       o.str, false));
      } else if (o.name == "transaction_read_only") {
        bool ro = o.bval || o.ival != 0 || ToLower(o.str) == "true" || ToLower(o.str) == "on";
        if (session_default) {
          settings_["default_transaction_read_only"] = ro ? "on" : "off";
        } else if (state_ != State::kIdle) {
          txn_read_only_ = ro;
          settings_["transaction_read_only"] = ro ? "on" : "off";
        }
      }
    }
    return sink->OnCommandComplete("SET");
  }
  if (stmt.set_kind == K::kResetAll) {
    std::string app = GetSetting("application_name");
    settings_ = DefaultSettings();
    settings_["session_authorization"] = user_;
    ++settings_epoch_;
    settings_["is_superuser"] = CurrentRoleContext()->superuser ? "on" : "off";
    ApplyFormatSettings(settings_, &format_);
    return sink->OnCommandComplete("RESET");
  }
  std::string name = ToLower(stmt.name);
  std::string value;
  if (stmt.set_kind == K::kDefault || stmt.set_kind == K::kReset) {
    auto defaults = DefaultSettings();
    auto it = defaults.find(name);
    if (it == defaults.end() && name.find('.') == std::string::npos) {
      return Status::Error(sqlstate::kUndefinedObject,
                           "unrecognized configuration parameter \"" + stmt.name + "\"");
    }
    value = it == defaults.end() ? "" : it->second;
    if (name == "session_authorization") value = user_;
  } else if (stmt.set_kind == K::kCurrent) {
    return sink->OnCommandComplete("SET");
  } else {
    for (size_t i = 0; i < stmt.args.size(); ++i) {
      if (i) value += ", ";
      value += stmt.args[i].str.empty() && stmt.args[i].arg_kind == ast::DefElem::ArgKind::kInteger
                   ? std::to_string(stmt.args[i].ival)
                   : stmt.args[i].str;
    }
  }
  std::string before = GetSetting(name);
  NANO_RETURN_IF_ERROR(SetSetting(name, value, stmt.is_local));
  if (IsReported(name)) sink->OnParameterStatus(DisplayName(name), GetSetting(name));
  return sink->OnCommandComplete(stmt.set_kind == K::kReset ? "RESET" : "SET");
}

Status SessionImpl::RunShow(const ast::VariableShowStmt& stmt, ResultSink* sink) {
  std::string name = ToLower(stmt.name);
  if (name == "all") {
    std::vector<ColumnDesc> cols{{"name", {type::kText, -1}, 0, 0},
                                 {"setting", {type::kText, -1}, 0, 0},
                                 {"description", {type::kText, -1}, 0, 0}};
    NANO_RETURN_IF_ERROR(sink->OnRowDescription(cols));
    int64_t n = 0;
    for (const auto& [k, v] : settings_) {
      Value row[3] = {Value::Text(DisplayName(k)), Value::Text(v), Value::Text(DescribeSetting(k))};
      NANO_RETURN_IF_ERROR(sink->OnRow(row, 3));
      ++n;
    }
    return sink->OnCommandComplete("SHOW");
  }
  auto it = settings_.find(name);
  if (it == settings_.end()) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + stmt.name + "\"");
  }
  NANO_RETURN_IF_ERROR(sink->OnRowDescription({{DisplayName(name), {type::kText, -1}, 0, 0}}));
  Value v = Value::Text(it->second);
  NANO_RETURN_IF_ERROR(sink->OnRow(&v, 1));
  return sink->OnCommandComplete("SHOW");
}

// ---------------------------------------------------------------------------
// DDL and databases.

Status SessionImpl::RunDdl(const ast::Statement& stmt, ResultSink* sink) {
  NANO_RETURN_IF_ERROR(EnsureTransaction());
  NANO_RETURN_IF_ERROR(BeginDdl());
  txn_->BeginStatement();
  ExecContext ctx;
  PrepareExecContext(&ctx, nullptr);
  ctx.catalog = private_catalog_;
  DdlContext ddl;
  ddl.catalog = private_catalog_.get();
  ddl.exec = &ctx;
  ddl.format = &format_;
  ddl.notice = [sink](const ErrorInfo& info) { sink->OnNotice(info); };
  ddl.reset_sequence = [this](Oid oid, int64_t value, bool called) -> Status {
    const TableDef* seq = private_catalog_->TableByOid(oid);
    if (seq == nullptr) return Status::OK();
    return engine_->SequenceSet(db_->def, *seq, value, called);
  };
  ddl.current_user = CurrentRoleOid();
  ddl.session_user = SessionRoleOid();
  ddl.bootstrap_name = BootstrapName();
  ddl.password_encryption = GetSetting("password_encryption");
  std::string tag;
  // DDL is all-or-nothing within its statement: undo a half-applied change.
  size_t mark = txn_->Mark();
  Catalog before = *private_catalog_;
  Status st = ExecuteDdl(stmt, ddl, &tag);
  if (!st.ok()) {
    txn_->RollbackTo(mark);
    *private_catalog_ = std::move(before);
    return st;
  }
  if (ddl.current_user != kBootstrapSuperuserOid) {
    StampNewObjectOwners(before, private_catalog_.get(), ddl.current_user);
  }
  if (stmt.kind == ast::StmtKind::kCreateTable) {
    const auto& ct = static_cast<const ast::CreateTableStmt&>(stmt);
    if (ct.persistence == 't') RememberTempTable(ct.table);
  }
  return sink->OnCommandComplete(tag);
}

// DO: the block runs as a PL/pgSQL function returning void, in the
// session's transaction.
Status SessionImpl::RunDo(const ast::DoStmt& stmt, ResultSink* sink) {
  if (stmt.language != "plpgsql") {
    return Status::Error(sqlstate::kUndefinedObject,
                         "language \"" + stmt.language + "\" does not exist");
  }
  NANO_RETURN_IF_ERROR(EnsureTransaction());
  txn_->BeginStatement();
  FunctionDef fn;
  fn.name = "inline_code_block";
  fn.language = "plpgsql";
  fn.return_type = TypeRef{type::kVoid, -1};
  fn.body = stmt.body;
  fn.source = "CREATE FUNCTION inline_code_block() RETURNS void LANGUAGE plpgsql AS $nano_do$" +
              stmt.body + "$nano_do$";
  ExecContext ctx;
  PrepareExecContext(&ctx, nullptr);
  std::vector<std::vector<Value>> rows;
  NANO_RETURN_IF_ERROR(DefaultRoutineRunner()->Run(fn, {}, &ctx, &rows));
  return sink->OnCommandComplete("DO");
}

Status SessionImpl::RunDatabaseStmt(const ast::Statement& stmt, ResultSink* sink) {
  bool create = stmt.kind == ast::StmtKind::kCreateDatabase;
  if (state_ == State::kBlock || state_ == State::kFailed) {
    return Status::Error(sqlstate::kActiveSqlTransaction,
                         std::string(create ? "CREATE DATABASE" : "DROP DATABASE") +
                             " cannot run inside a transaction block");
  }
  if (create) {
    const auto& c = static_cast<const ast::CreateDatabaseStmt&>(stmt);
    std::string tmpl;
    for (const ast::DefElem& o : c.options) {
      if (o.name == "template") tmpl = o.str;
    }
    NANO_RETURN_IF_ERROR(engine_->CreateDatabase(c.name, tmpl, pid_));
    return sink->OnCommandComplete("CREATE DATABASE");
  }
  const auto& d = static_cast<const ast::DropDatabaseStmt&>(stmt);
  std::vector<std::string> notices;
  NANO_RETURN_IF_ERROR(engine_->DropDatabase(d.name, d.missing_ok, d.force, pid_, &notices));
  for (const std::string& n : notices) {
    ErrorInfo info;
    info.severity = "NOTICE";
    info.sqlstate = "00000";
    info.message = n;
    sink->OnNotice(info);
  }
  return sink->OnCommandComplete("DROP DATABASE");
}

// ---------------------------------------------------------------------------
// Queries and DML.

void SessionImpl::Snapshot(SystemSnapshot* out) const {
  out->databases = engine_->ListDatabases();
  out->current_database = db_->def.name;
  out->user = user_;
  // Snapshot is const (SystemInfo); the names come from the settings map.
  auto* self = const_cast<SessionImpl*>(this);
  out->bootstrap_name = self->BootstrapName();
  out->current_role = self->CurrentRoleOid();
  for (const auto& [name, value] : settings_) {
    out->settings.emplace_back(name, value, DescribeSetting(name));
  }
}

void SessionImpl::PrepareExecContext(ExecContext* ctx, const std::vector<Value>* params) {
  ctx->txn = txn_.get();
  ctx->chain = chain_;
  ctx->catalog = CurrentCatalog();
  ctx->params = params;
  ctx->eval = &eval_;
  ctx->sequences = this;
  ctx->rowids = engine_;
  ctx->cancel = &cancel_;
  ctx->system = this;
  ctx->routines = DefaultRoutineRunner();
  ctx->role = CurrentRoleContext();
  ctx->row_security = GetSetting("row_security") == "on";
  ctx->notice = &notice_fn_;
  ctx->subquery_values.clear();
  ctx->subquery_rows.clear();
}

Status SessionImpl::BindCached(const ast::Statement& stmt, std::string_view sql,
                               const std::vector<TypeOid>& hints,
                               std::shared_ptr<const BoundStatement>* out) {
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  std::string key(sql);
  for (TypeOid h : hints) key += "\x1f" + std::to_string(h);
  key += "\x1e" + std::to_string(settings_epoch_);
  bool cacheable = !private_catalog_;
  if (cacheable) {
    auto it = plan_cache_.find(key);
    if (it != plan_cache_.end()) {
      if (it->second.bound->catalog.get() == catalog.get() &&
          it->second.bound->bound_role == CurrentRoleOid()) {
        plan_lru_.splice(plan_lru_.begin(), plan_lru_, it->second.lru);
        *out = it->second.bound;
        return Status::OK();
      }
      plan_lru_.erase(it->second.lru);
      plan_cache_.erase(it);
    }
  }
  Binder binder(catalog, &format_, hints);
  binder.SetSecurity(CurrentRoleContext(), GetSetting("row_security") == "on");
  auto bound = std::make_shared<BoundStatement>();
  NANO_RETURN_IF_ERROR(binder.BindStatement(stmt, bound.get()));
  bound->bound_role = CurrentRoleOid();
  // The planner rewrites in place: the plan is not shared yet.
  NANO_RETURN_IF_ERROR(OptimizePlan(const_cast<PlanNode*>(bound->plan.get()), *catalog));
  if (cacheable) {
    if (plan_cache_.size() >= kPlanCacheCapacity) {
      plan_cache_.erase(plan_lru_.back());
      plan_lru_.pop_back();
    }
    plan_lru_.push_front(key);
    plan_cache_[key] = CacheEntry{bound, plan_lru_.begin()};
  }
  *out = std::move(bound);
  return Status::OK();
}

Status SessionImpl::RunQuery(const BoundStatement& bound, const std::vector<Value>* params,
                             ResultSink* sink, int64_t max_rows, bool describe_rows) {
  (void)max_rows;
  txn_->BeginStatement();
  ExecContext ctx;
  PrepareExecContext(&ctx, params);
  ctx.catalog = bound.catalog;
  NANO_RETURN_IF_ERROR(CheckPrivileges(bound));
  std::unique_ptr<Operator> op;
  NANO_RETURN_IF_ERROR(BuildOperator(*bound.plan, &ctx, nullptr, &op));
  NANO_RETURN_IF_ERROR(op->Open());
  if (bound.returns_rows && describe_rows)
    NANO_RETURN_IF_ERROR(sink->OnRowDescription(bound.columns));
  std::vector<Value> row;
  bool eof = false;
  int64_t rows = 0;
  while (true) {
    NANO_RETURN_IF_ERROR(op->Next(&row, &eof));
    if (eof) break;
    ++rows;
    if (bound.returns_rows) NANO_RETURN_IF_ERROR(sink->OnRow(row.data(), row.size()));
  }
  int64_t count = bound.kind == BoundKind::kDml ? op->affected_rows() : rows;
  return sink->OnCommandComplete(CommandTag(bound, count));
}

Status SessionImpl::RunStatement(const ast::Statement& stmt, std::string_view sql,
                                 const std::vector<Value>* params,
                                 const std::shared_ptr<const BoundStatement>& prebound,
                                 ResultSink* sink) {
  if (terminated_.load()) {
    return Status::Error(sqlstate::kAdminShutdown,
                         "terminating connection due to administrator command")
        .WithSeverity("FATAL");
  }
  if (state_ == State::kFailed && !IsTransactionControl(stmt)) {
    return Status::Error(
        sqlstate::kInFailedSqlTransaction,
        "current transaction is aborted, commands ignored until end of transaction block");
  }
  StartStatementClock();
  switch (stmt.kind) {
    case ast::StmtKind::kTransaction:
      return RunTransactionStmt(static_cast<const ast::TransactionStmt&>(stmt), sink);
    case ast::StmtKind::kVariableSet:
      return RunSet(static_cast<const ast::VariableSetStmt&>(stmt), sink);
    case ast::StmtKind::kVariableShow:
      return RunShow(static_cast<const ast::VariableShowStmt&>(stmt), sink);
    case ast::StmtKind::kCreateDatabase:
    case ast::StmtKind::kDropDatabase:
      return RunDatabaseStmt(stmt, sink);
    case ast::StmtKind::kCopy:
      NANO_RETURN_IF_ERROR(EnsureTransaction());
      return RunCopy(static_cast<const ast::CopyStmt&>(stmt), sink);
    case ast::StmtKind::kCreateTableAs: {
      const auto& c = static_cast<const ast::CreateTableAsStmt&>(stmt);
      if (c.is_materialized_view) {
        return Status::Error(sqlstate::kFeatureNotSupported,
                             "materialized views are not supported yet");
      }
      NANO_RETURN_IF_ERROR(CheckWritable("CREATE TABLE AS"));
      return RunCreateTableAs(c.table, c.column_names, *c.query, c.if_not_exists, c.with_no_data,
                              sink);
    }
    case ast::StmtKind::kDo:
      return RunDo(static_cast<const ast::DoStmt&>(stmt), sink);
    case ast::StmtKind::kPrepare:
      return RunPrepareStmt(static_cast<const ast::PrepareStmt&>(stmt), sql, sink);
    case ast::StmtKind::kExecute:
      return RunExecuteStmt(static_cast<const ast::ExecuteStmt&>(stmt), sink);
    case ast::StmtKind::kDeallocate: {
      const auto& d = static_cast<const ast::DeallocateStmt&>(stmt);
      if (d.name.empty()) {
        sql_prepared_.clear();
        return sink->OnCommandComplete("DEALLOCATE ALL");
      }
      if (sql_prepared_.erase(d.name) == 0) {
        return Status::Error(sqlstate::kInvalidSqlStatementName,
                             "prepared statement \"" + d.name + "\" does not exist");
      }
      return sink->OnCommandComplete("DEALLOCATE");
    }
    case ast::StmtKind::kSelect:
    case ast::StmtKind::kInsert:
    case ast::StmtKind::kUpdate:
    case ast::StmtKind::kDelete: {
      if (stmt.kind == ast::StmtKind::kSelect) {
        const auto& sel = static_cast<const ast::SelectStmt&>(stmt);
        if (sel.into) {
          NANO_RETURN_IF_ERROR(CheckWritable("SELECT INTO"));
          return RunCreateTableAs(*sel.into, {}, sel, false, false, sink);
        }
        for (size_t i = 0; sel.with && i < sel.with->ctes.size(); ++i) {
          // PostgreSQL names the statement, not the WITH query's command.
          const ast::Statement* q = sel.with->ctes[i].query.get();
          if (q && q->kind != ast::StmtKind::kSelect) NANO_RETURN_IF_ERROR(CheckWritable("SELECT"));
        }
      } else {
        NANO_RETURN_IF_ERROR(CheckWritable(stmt.kind == ast::StmtKind::kInsert   ? "INSERT"
                                           : stmt.kind == ast::StmtKind::kUpdate ? "UPDATE"
                                                                                 : "DELETE"));
      }
      NANO_RETURN_IF_ERROR(EnsureTransaction());
      std::shared_ptr<const BoundStatement> bound = prebound;
      if (!bound) NANO_RETURN_IF_ERROR(BindCached(stmt, sql, {}, &bound));
      return RunQuery(*bound, params, sink, 0, true);
    }
    case ast::StmtKind::kExplain: {
      const auto& ex = static_cast<const ast::ExplainStmt&>(stmt);
      bool analyze = false;
      for (const ast::DefElem& o : ex.options) {
        std::string name = ToLower(o.name);
        if (name == "analyze") {
          analyze = o.arg_kind == ast::DefElem::ArgKind::kNone || o.bval || o.ival != 0 ||
                    ToLower(o.str) == "true" || ToLower(o.str) == "on";
        }
      }
      const ast::Statement& inner = *ex.query;
      if (inner.kind != ast::StmtKind::kSelect && inner.kind != ast::StmtKind::kInsert &&
          inner.kind != ast::StmtKind::kUpdate && inner.kind != ast::StmtKind::kDelete) {
        return Status::Error(sqlstate::kFeatureNotSupported,
                             "EXPLAIN of this statement is not supported yet");
      }
      NANO_RETURN_IF_ERROR(EnsureTransaction());
      auto plan_start = std::chrono::steady_clock::now();
      std::shared_ptr<const BoundStatement> bound;
      NANO_RETURN_IF_ERROR(BindCached(inner, "EXPLAIN\x1d" + std::string(sql), {}, &bound));
      double planning_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - plan_start)
              .count();
      std::map<const void*, ExplainNodeStats> stats;
      double execution_ms = 0;
      if (analyze) {
        // Runs the statement (DML included, as PostgreSQL does), discarding rows.
        txn_->BeginStatement();
        ExecContext ctx;
        PrepareExecContext(&ctx, nullptr);
        ctx.catalog = bound->catalog;
        std::map<const void*, ExecContext::NodeStats> raw;
        ctx.instrumentation = &raw;
        auto t0 = std::chrono::steady_clock::now();
        std::unique_ptr<Operator> op;
        NANO_RETURN_IF_ERROR(BuildOperator(*bound->plan, &ctx, nullptr, &op));
        NANO_RETURN_IF_ERROR(op->Open());
        std::vector<Value> row;
        bool eof = false;
        while (true) {
          NANO_RETURN_IF_ERROR(op->Next(&row, &eof));
          if (eof) break;
        }
        execution_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        for (const auto& [node, s] : raw) stats[node] = ExplainNodeStats{s.rows, s.loops, s.micros};
      }
      NANO_RETURN_IF_ERROR(sink->OnRowDescription({{"QUERY PLAN", {type::kText, -1}, 0, 0}}));
      std::vector<std::string> lines =
          ExplainPlan(*bound->plan, *bound->catalog, analyze ? &stats : nullptr);
      if (analyze) {
        char buf[96];
        std::snprintf(buf, sizeof(buf), "Planning Time: %.3f ms", planning_ms);
        lines.push_back(buf);
        std::snprintf(buf, sizeof(buf), "Execution Time: %.3f ms", execution_ms);
        lines.push_back(buf);
      }
      for (const std::string& line : lines) {
        Value v = Value::Text(line);
        NANO_RETURN_IF_ERROR(sink->OnRow(&v, 1));
      }
      return sink->OnCommandComplete("EXPLAIN");
    }
    case ast::StmtKind::kUnsupported: {
      const auto& u = static_cast<const ast::UnsupportedStmt&>(stmt);
      if (u.node_name == "VacuumStmt") {
        return sink->OnCommandComplete(u.description.empty() ? "VACUUM" : u.description);
      }
      if (u.node_name == "CheckPointStmt") return sink->OnCommandComplete("CHECKPOINT");
      return Status::Error(
          sqlstate::kFeatureNotSupported,
          (u.description.empty() ? u.node_name : u.description) + " is not supported");
    }
    case ast::StmtKind::kDiscard: {
      plan_cache_.clear();
      plan_lru_.clear();
      return sink->OnCommandComplete("DISCARD " +
                                     ToUpper(static_cast<const ast::DiscardStmt&>(stmt).target));
    }
    default:
      if (IsDdl(stmt)) {
        NANO_RETURN_IF_ERROR(CheckWritable("this statement"));
        return RunDdl(stmt, sink);
      }
      return Status::Error(sqlstate::kFeatureNotSupported, "this statement is not supported yet");
  }
}

Status SessionImpl::ExecuteSimple(std::string_view sql, ResultSink* sink) {
  NoticeSinkScope notices(this, sink);
  cancel_.store(false);
  if (terminated_.load()) {
    return Status::Error(sqlstate::kAdminShutdown,
                         "terminating connection due to administrator command")
        .WithSeverity("FATAL");
  }
  ParsedStatements parsed;
  Status st = ParseCached(sql, &parsed);
  if (!st.ok()) {
    if (state_ == State::kBlock) state_ = State::kFailed;
    return st;
  }
  const std::vector<ast::StatementPtr>& stmts = *parsed;
  if (stmts.empty()) return sink->OnEmptyQuery();
  for (const auto& stmt : stmts) {
    std::string text = stmts.size() == 1 ? std::string(sql) : StatementText(sql, *stmt);
    st = RunStatement(*stmt, stmts.size() == 1 ? sql : std::string_view(text), nullptr, nullptr,
                      sink);
    if (!st.ok()) {
      OnStatementError(&st);
      return st;
    }
  }
  if (state_ == State::kImplicit) return CommitTransaction();
  return Status::OK();
}

Status SessionImpl::ParseCached(std::string_view sql, ParsedStatements* out) {
  std::string key(sql);
  auto it = parse_cache_.find(key);
  if (it != parse_cache_.end()) {
    parse_lru_.splice(parse_lru_.begin(), parse_lru_, it->second.lru);
    *out = it->second.stmts;
    return Status::OK();
  }
  auto stmts = std::make_shared<std::vector<ast::StatementPtr>>();
  NANO_RETURN_IF_ERROR(ParseSql(sql, stmts.get()));
  if (parse_cache_.size() >= kPlanCacheCapacity) {
    parse_cache_.erase(parse_lru_.back());
    parse_lru_.pop_back();
  }
  parse_lru_.push_front(key);
  parse_cache_[key] = ParseEntry{stmts, parse_lru_.begin()};
  *out = std::move(stmts);
  return Status::OK();
}

Status SessionImpl::Prepare(std::string_view sql, const std::vector<TypeOid>& hints,
                            std::shared_ptr<PreparedStatement>* out) {
  cancel_.store(false);
  auto prepared = std::make_shared<PreparedImpl>();
  prepared->sql_ = std::string(sql);
  prepared->hints_ = hints;
  Status st = ParseSql(prepared->sql_, &prepared->parsed_);
  if (st.ok() && prepared->parsed_.size() > 1) {
    st = Status::Error(sqlstate::kSyntaxError,
                       "cannot insert multiple commands into a prepared statement");
  }
  if (!st.ok()) {
    if (state_ == State::kBlock) state_ = State::kFailed;
    return st;
  }
  if (!prepared->parsed_.empty()) {
    const ast::Statement& stmt = *prepared->parsed_[0];
    bool bindable = stmt.kind == ast::StmtKind::kSelect || stmt.kind == ast::StmtKind::kInsert ||
                    stmt.kind == ast::StmtKind::kUpdate || stmt.kind == ast::StmtKind::kDelete;
    if (bindable) {
      if (state_ == State::kFailed) {
        return Status::Error(
            sqlstate::kInFailedSqlTransaction,
            "current transaction is aborted, commands ignored until end of transaction block");
      }
      st = BindCached(stmt, prepared->sql_, hints, &prepared->bound_);
      if (!st.ok()) {
        OnStatementError(&st);
        return st;
      }
      prepared->param_types_ = prepared->bound_->param_types;
      if (prepared->bound_->returns_rows) prepared->columns_ = prepared->bound_->columns;
    } else {
      for (TypeOid h : hints) prepared->param_types_.push_back(TypeRef{h ? h : type::kText, -1});
      if (stmt.kind == ast::StmtKind::kVariableShow) {
        std::string name = static_cast<const ast::VariableShowStmt&>(stmt).name;
        if (ToLower(name) == "all") {
          prepared->columns_ = {{"name", {type::kText, -1}, 0, 0},
                                {"setting", {type::kText, -1}, 0, 0},
                                {"description", {type::kText, -1}, 0, 0}};
        } else {
          prepared->columns_ = {{DisplayName(ToLower(name)), {type::kText, -1}, 0, 0}};
        }
      }
    }
  }
  *out = std::move(prepared);
  return Status::OK();
}

Status SessionImpl::Bind(std::shared_ptr<PreparedStatement> stmt, std::vector<Value> params,
                         std::unique_ptr<Portal>* out) {
  auto prepared = std::dynamic_pointer_cast<PreparedImpl>(stmt);
  if (!prepared) return Status::Error(sqlstate::kInternalError, "foreign prepared statement");
  if (params.size() != prepared->param_types_.size()) {
    return Status::Error(sqlstate::kProtocolViolation,
                         "bind message supplies " + std::to_string(params.size()) +
                             " parameters, but prepared statement \"\" requires " +
                             std::to_string(prepared->param_types_.size()));
  }
  auto portal = std::make_unique<PortalImpl>();
  portal->prepared_ = std::move(prepared);
  portal->params_ = std::move(params);
  *out = std::move(portal);
  return Status::OK();
}

Status SessionImpl::ExecutePortal(Portal* portal_in, int64_t max_rows, ResultSink* sink,
                                  bool* suspended) {
  NoticeSinkScope notices(this, sink);
  cancel_.store(false);
  *suspended = false;
  auto* portal = static_cast<PortalImpl*>(portal_in);
  PreparedImpl& prepared = *portal->prepared_;
  if (prepared.parsed_.empty()) return sink->OnEmptyQuery();
  const ast::Statement& stmt = *prepared.parsed_[0];
  Status st;
  if (!prepared.bound_) {
    // Utility statements run whole (no row limit applies).
    st = RunStatement(stmt, prepared.sql_, &portal->params_, nullptr, sink);
    if (!st.ok()) OnStatementError(&st);
    return st;
  }
  if (state_ == State::kFailed) {
    return Status::Error(
        sqlstate::kInFailedSqlTransaction,
        "current transaction is aborted, commands ignored until end of transaction block");
  }
  if (portal->finished_) return sink->OnCommandComplete(CommandTag(*portal->bound_, portal->rows_));
  if (!portal->started_) {
    StartStatementClock();
    st = EnsureTransaction();
    std::shared_ptr<const BoundStatement> bound = prepared.bound_;
    // Re-plan when the catalog or the role changed since Prepare.
    if (st.ok() &&
        (bound->catalog.get() != CurrentCatalog().get() || bound->bound_role != CurrentRoleOid())) {
      std::shared_ptr<const BoundStatement> fresh;
      st = BindCached(stmt, prepared.sql_, prepared.hints_, &fresh);
      if (st.ok() && fresh->param_types.size() != bound->param_types.size()) {
        st = Status::Error(sqlstate::kFeatureNotSupported,
                           "cached plan must not change result type");
      }
      if (st.ok()) bound = fresh;
    }
    if (st.ok()) {
      portal->bound_ = bound;
      txn_->BeginStatement();
      PrepareExecContext(&portal->ctx_, &portal->params_);
      portal->ctx_.catalog = bound->catalog;
      st = CheckPrivileges(*bound);
      if (st.ok()) st = BuildOperator(*bound->plan, &portal->ctx_, nullptr, &portal->op_);
    }
    if (st.ok()) st = portal->op_->Open();
    if (st.ok() && bound->returns_rows) st = sink->OnRowDescription(bound->columns);
    if (!st.ok()) {
      OnStatementError(&st);
      return st;
    }
    portal->started_ = true;
  }
  std::vector<Value> row;
  bool eof = false;
  int64_t emitted = 0;
  while (true) {
    if (max_rows > 0 && emitted >= max_rows) {
      *suspended = true;
      return Status::OK();
    }
    st = portal->op_->Next(&row, &eof);
    if (!st.ok()) {
      OnStatementError(&st);
      return st;
    }
    if (eof) break;
    ++emitted;
    ++portal->rows_;
    if (portal->bound_->returns_rows) {
      st = sink->OnRow(row.data(), row.size());
      if (!st.ok()) return st;
    }
  }
  portal->finished_ = true;
  int64_t count =
      portal->bound_->kind == BoundKind::kDml ? portal->op_->affected_rows() : portal->rows_;
  portal->rows_ = count;
  return sink->OnCommandComplete(CommandTag(*portal->bound_, count));
}

Status SessionImpl::Sync() {
  if (state_ == State::kImplicit) return CommitTransaction();
  return Status::OK();
}

// ---------------------------------------------------------------------------
// CREATE TABLE AS, SQL PREPARE/EXECUTE, read-only transactions.

void SessionImpl::ResetTransactionSettings() {
  txn_read_only_ = false;
  settings_["transaction_read_only"] = GetSetting("default_transaction_read_only");
  std::string def = GetSetting("default_transaction_isolation");
  settings_["transaction_isolation"] = def.empty() ? "read committed" : def;
  next_isolation_ = def == "repeatable read" ? IsolationLevel::kRepeatableRead
                    : def == "serializable"  ? IsolationLevel::kSerializable
                                             : IsolationLevel::kReadCommitted;
}

Status SessionImpl::CheckWritable(const char* what) {
  bool read_only = txn_read_only_ ||
                   (state_ == State::kIdle && GetSetting("default_transaction_read_only") == "on");
  if (!read_only) return Status::OK();
  return Status::Error(sqlstate::kReadOnlySqlTransaction,
                       std::string("cannot execute ") + what + " in a read-only transaction");
}

Status SessionImpl::RunCreateTableAs(const ast::RangeVar& table,
                                     const std::vector<std::string>& column_names,
                                     const ast::SelectStmt& query, bool if_not_exists,
                                     bool with_no_data, ResultSink* sink) {
  NANO_RETURN_IF_ERROR(EnsureTransaction());
  NANO_RETURN_IF_ERROR(BeginDdl());
  txn_->BeginStatement();
  std::shared_ptr<const Catalog> catalog = private_catalog_;
  Binder binder(catalog, &format_, {});
  binder.SetSecurity(CurrentRoleContext(), GetSetting("row_security") == "on");
  auto bound = std::make_shared<BoundStatement>();
  NANO_RETURN_IF_ERROR(binder.BindStatement(query, bound.get()));
  NANO_RETURN_IF_ERROR(CheckPrivileges(*bound));
  NANO_RETURN_IF_ERROR(OptimizePlan(const_cast<PlanNode*>(bound->plan.get()), *catalog));
  Oid schema = kPublicNamespaceOid;
  if (!table.schema.empty()) {
    const SchemaDef* s = catalog->FindSchema(table.schema);
    if (s == nullptr) {
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + table.schema + "\" does not exist");
    }
    schema = s->oid;
  }
  if (catalog->RelationNameTaken(schema, table.name)) {
    if (if_not_exists) {
      ErrorInfo info;
      info.severity = "NOTICE";
      info.sqlstate = sqlstate::kDuplicateTable;
      info.message = "relation \"" + table.name + "\" already exists, skipping";
      sink->OnNotice(info);
      return sink->OnCommandComplete("CREATE TABLE AS");
    }
    return Status::Error(sqlstate::kDuplicateTable,
                         "relation \"" + table.name + "\" already exists");
  }
  if (column_names.size() > bound->columns.size()) {
    return Status::Error(sqlstate::kSyntaxError, "too many column names were specified");
  }
  size_t mark = txn_->Mark();
  Catalog before = *private_catalog_;
  TableDef def;
  def.oid = private_catalog_->AllocateOid();
  def.owner = CurrentRoleOid();  // the creating role owns it
  def.schema_oid = schema;
  def.name = table.name;
  def.kind = RelKind::kTable;
  for (size_t i = 0; i < bound->columns.size(); ++i) {
    ColumnDef c;
    c.name = i < column_names.size() ? column_names[i] : bound->columns[i].name;
    c.type = bound->columns[i].type;
    if (c.type.oid == type::kUnknown) c.type = TypeRef{type::kText, -1};
    c.attnum = def.next_attnum++;
    for (const ColumnDef& other : def.columns) {
      if (other.name == c.name) {
        *private_catalog_ = std::move(before);
        return Status::Error(sqlstate::kDuplicateColumn,
                             "column \"" + c.name + "\" specified more than once");
      }
    }
    def.columns.push_back(std::move(c));
  }
  private_catalog_->PutTable(def);
  int64_t rows = 0;
  if (!with_no_data) {
    ExecContext ctx;
    PrepareExecContext(&ctx, nullptr);
    ctx.catalog = private_catalog_;
    const TableDef* created = private_catalog_->TableByOid(def.oid);
    TableWriter writer(&ctx, created);
    std::unique_ptr<Operator> op;
    Status st = writer.Init();
    if (st.ok()) st = BuildOperator(*bound->plan, &ctx, nullptr, &op);
    if (st.ok()) st = op->Open();
    std::vector<Value> row;
    bool eof = false;
    while (st.ok()) {
      st = op->Next(&row, &eof);
      if (!st.ok() || eof) break;
      uint64_t rowid = 0;
      st = writer.Insert(&row, &rowid);
      ++rows;
    }
    if (!st.ok()) {
      txn_->RollbackTo(mark);
      *private_catalog_ = std::move(before);
      return st;
    }
  }
  // PostgreSQL tags WITH NO DATA as "CREATE TABLE AS", otherwise "SELECT n".
  return sink->OnCommandComplete(with_no_data ? "CREATE TABLE AS"
                                              : "SELECT " + std::to_string(rows));
}

Status SessionImpl::RunPrepareStmt(const ast::PrepareStmt& stmt, std::string_view sql,
                                   ResultSink* sink) {
  if (sql_prepared_.count(stmt.name)) {
    return Status::Error(sqlstate::kDuplicatePreparedStatement,
                         "prepared statement \"" + stmt.name + "\" already exists");
  }
  std::vector<TypeOid> hints;
  {
    Binder binder(CurrentCatalog(), &format_, {});
    for (const ast::TypeName& t : stmt.arg_types) {
      TypeRef ref;
      NANO_RETURN_IF_ERROR(binder.ResolveTypeName(t, &ref));
      hints.push_back(ref.oid);
    }
  }
  // The prepared statement's text: everything after the top-level AS
  // (outside parentheses and quotes) of `PREPARE name [(types)] AS stmt`.
  size_t at = std::string::npos;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i + 1 < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (depth == 0 && (c == 'a' || c == 'A') && (sql[i + 1] == 's' || sql[i + 1] == 'S') &&
               (i == 0 || std::isspace(static_cast<unsigned char>(sql[i - 1])) ||
                sql[i - 1] == ')') &&
               (i + 2 >= sql.size() || std::isspace(static_cast<unsigned char>(sql[i + 2])))) {
      at = i + 2;
      break;
    }
  }
  if (at == std::string::npos) {
    return Status::Error(sqlstate::kSyntaxError, "PREPARE needs AS followed by a statement");
  }
  std::string text(sql.substr(at));
  while (!text.empty() &&
         (text.back() == ';' || std::isspace(static_cast<unsigned char>(text.back())))) {
    text.pop_back();
  }
  std::shared_ptr<PreparedStatement> prepared;
  NANO_RETURN_IF_ERROR(Prepare(text, hints, &prepared));
  sql_prepared_[stmt.name] = std::move(prepared);
  return sink->OnCommandComplete("PREPARE");
}

Status SessionImpl::RunExecuteStmt(const ast::ExecuteStmt& stmt, ResultSink* sink) {
  auto it = sql_prepared_.find(stmt.name);
  if (it == sql_prepared_.end()) {
    return Status::Error(sqlstate::kInvalidSqlStatementName,
                         "prepared statement \"" + stmt.name + "\" does not exist");
  }
  std::shared_ptr<PreparedStatement> prepared = it->second;
  const auto& types = prepared->param_types();
  if (stmt.params.size() != types.size()) {
    return Status::Error(sqlstate::kSyntaxError,
                         "wrong number of parameters for prepared statement \"" + stmt.name + "\"")
        .WithDetail("Expected " + std::to_string(types.size()) + " parameters but got " +
                    std::to_string(stmt.params.size()) + ".");
  }
  std::vector<Value> params;
  {
    Binder binder(CurrentCatalog(), &format_, {});
    ExecContext ctx;
    PrepareExecContext(&ctx, nullptr);
    ExecState st;
    st.ctx = &ctx;
    static const std::vector<Value> kEmpty;
    for (size_t i = 0; i < stmt.params.size(); ++i) {
      BoundExprPtr e;
      NANO_RETURN_IF_ERROR(binder.BindStandaloneExpr(*stmt.params[i], types[i], &e));
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*e, kEmpty, st, &v));
      params.push_back(std::move(v));
    }
  }
  std::unique_ptr<Portal> portal;
  NANO_RETURN_IF_ERROR(Bind(prepared, std::move(params), &portal));
  bool suspended = false;
  return ExecutePortal(portal.get(), 0, sink, &suspended);
}

// ---------------------------------------------------------------------------
// Sequences.

Status SessionImpl::LookupSequence(const std::string& name, Oid* out) {
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  std::string schema, rel = name;
  size_t dot = name.find('.');
  if (dot != std::string::npos) {
    schema = name.substr(0, dot);
    rel = name.substr(dot + 1);
  }
  // Unquoted names fold to lower case, as regclass input does.
  if (!rel.empty() && rel.front() == '"' && rel.back() == '"') {
    rel = rel.substr(1, rel.size() - 2);
  } else {
    rel = ToLower(rel);
  }
  Oid schema_oid = kPublicNamespaceOid;
  if (!schema.empty()) {
    const SchemaDef* s = catalog->FindSchema(schema);
    if (s == nullptr)
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + schema + "\" does not exist");
    schema_oid = s->oid;
  }
  const TableDef* t = catalog->FindTable(schema_oid, rel);
  if (t == nullptr)
    return Status::Error(sqlstate::kUndefinedTable, "relation \"" + name + "\" does not exist");
  if (t->kind != RelKind::kSequence) {
    return Status::Error(sqlstate::kWrongObjectType, "\"" + name + "\" is not a sequence");
  }
  *out = t->oid;
  return Status::OK();
}

Status SessionImpl::NextVal(Oid oid, int64_t* out) {
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  const TableDef* seq = catalog->TableByOid(oid);
  if (seq == nullptr || seq->kind != RelKind::kSequence) {
    return Status::Error(sqlstate::kUndefinedTable,
                         "could not open relation with OID " + std::to_string(oid));
  }
  NANO_RETURN_IF_ERROR(CheckSequencePrivilege(*seq, kPrivUsage | kPrivUpdate));
  NANO_RETURN_IF_ERROR(engine_->SequenceNext(db_->def, *seq, out));
  currval_[oid] = *out;
  lastval_ = *out;
  have_lastval_ = true;
  return Status::OK();
}

Status SessionImpl::CurrVal(Oid oid, int64_t* out) {
  auto it = currval_.find(oid);
  if (it == currval_.end()) {
    std::shared_ptr<const Catalog> catalog = CurrentCatalog();
    const TableDef* seq = catalog->TableByOid(oid);
    return Status::Error(sqlstate::kObjectNotInPrerequisiteState,
                         "currval of sequence \"" + (seq ? seq->name : std::to_string(oid)) +
                             "\" is not yet defined in this session");
  }
  *out = it->second;
  return Status::OK();
}

Status SessionImpl::SetVal(Oid oid, int64_t value, bool is_called) {
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  const TableDef* seq = catalog->TableByOid(oid);
  if (seq == nullptr || seq->kind != RelKind::kSequence) {
    return Status::Error(sqlstate::kUndefinedTable,
                         "could not open relation with OID " + std::to_string(oid));
  }
  NANO_RETURN_IF_ERROR(CheckSequencePrivilege(*seq, kPrivUpdate));
  NANO_RETURN_IF_ERROR(engine_->SequenceSet(db_->def, *seq, value, is_called));
  if (is_called) currval_[oid] = value;
  return Status::OK();
}

Status SessionImpl::LastVal(int64_t* out) {
  if (!have_lastval_) {
    return Status::Error(sqlstate::kObjectNotInPrerequisiteState,
                         "lastval is not yet defined in this session");
  }
  *out = lastval_;
  return Status::OK();
}

}  // namespace nano
