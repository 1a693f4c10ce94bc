// engine/api/nano.cc — the embedded API (nano/nano.h) over Engine/Session.
#include "nano/nano.h"

#include <mutex>

#include "session/engine.h"
#include "session/session.h"
#include "types/format_context.h"
#include "types/text_io.h"
#include "types/type_info.h"
#include "types/value.h"

namespace nano {

namespace {

[[noreturn]] void Throw(const Status& st) {
  const ErrorInfo& e = st.error();
  throw Error(e.sqlstate, e.message, e.detail, e.hint, e.position);
}

Value ToValue(const Param& p) {
  const Param::Variant& v = p.variant();
  switch (v.index()) {
    case 0:
      return Value::Null(type::kUnknown);
    case 1:
      return Value::Bool(std::get<bool>(v));
    case 2:
      return Value::Int8(std::get<int64_t>(v));
    case 3:
      return Value::Float8(std::get<double>(v));
    default:
      return Value::Unknown(std::get<std::string>(v));
  }
}

TypeOid HintOf(const Param& p) {
  switch (p.variant().index()) {
    case 1:
      return type::kBool;
    case 2:
      return 0;  // let the statement decide (int4 column, int8, numeric...)
    case 3:
      return 0;
    default:
      return 0;
  }
}

}  // namespace

Error::Error(std::string sqlstate, std::string message, std::string detail, std::string hint,
             int position)
    : std::runtime_error(sqlstate + ": " + message),
      sqlstate_(std::move(sqlstate)),
      message_(std::move(message)),
      detail_(std::move(detail)),
      hint_(std::move(hint)),
      position_(position) {}

// ---------------------------------------------------------------------------
// Result

struct Result::Impl {
  std::vector<ColumnInfo> columns;
  std::vector<std::vector<Value>> rows;
  std::string tag;
  FormatContext format;
};

Result::Result() : impl_(std::make_unique<Impl>()) {}
Result::~Result() = default;
Result::Result(Result&&) noexcept = default;
Result& Result::operator=(Result&&) noexcept = default;

const std::vector<ColumnInfo>& Result::columns() const { return impl_->columns; }
size_t Result::RowCount() const { return impl_->rows.size(); }
size_t Result::ColumnCount() const { return impl_->columns.size(); }
const std::string& Result::command_tag() const { return impl_->tag; }

int64_t Result::rows_affected() const {
  size_t space = impl_->tag.rfind(' ');
  if (space == std::string::npos) return 0;
  try {
    return std::stoll(impl_->tag.substr(space + 1));
  } catch (...) {
    return 0;
  }
}

size_t Result::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < impl_->columns.size(); ++i) {
    if (impl_->columns[i].name == name) return i;
  }
  throw Error(sqlstate::kUndefinedColumn, "column \"" + std::string(name) + "\" does not exist");
}

static const Value& Cell(const Result::Impl& impl, size_t row, size_t col) {
  if (row >= impl.rows.size() || col >= impl.columns.size()) {
    throw Error(sqlstate::kInvalidParameterValue, "row or column index out of range");
  }
  return impl.rows[row][col];
}

bool Result::IsNull(size_t row, size_t col) const { return Cell(*impl_, row, col).is_null(); }

std::string Result::GetString(size_t row, size_t col) const {
  const Value& v = Cell(*impl_, row, col);
  if (v.is_null()) return std::string();
  return ValueToString(v, impl_->format);
}

std::string Result::GetString(size_t row, std::string_view col) const {
  return GetString(row, ColumnIndex(col));
}

std::optional<std::string> Result::GetOptional(size_t row, size_t col) const {
  if (IsNull(row, col)) return std::nullopt;
  return GetString(row, col);
}

int64_t Result::GetInt64(size_t row, size_t col) const {
  const Value& v = Cell(*impl_, row, col);
  if (v.is_null()) throw Error(sqlstate::kNullValueNotAllowed, "value is NULL");
  switch (v.type()) {
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid:
      return v.int_value();
    default: {
      std::string s = ValueToString(v, impl_->format);
      try {
        size_t used = 0;
        long long n = std::stoll(s, &used);
        if (used == s.size()) return n;
      } catch (...) {
      }
      throw Error(sqlstate::kInvalidTextRepresentation,
                  "invalid input syntax for type bigint: \"" + s + "\"");
    }
  }
}

int64_t Result::GetInt64(size_t row, std::string_view col) const {
  return GetInt64(row, ColumnIndex(col));
}

double Result::GetDouble(size_t row, size_t col) const {
  const Value& v = Cell(*impl_, row, col);
  if (v.is_null()) throw Error(sqlstate::kNullValueNotAllowed, "value is NULL");
  if (v.type() == type::kFloat4 || v.type() == type::kFloat8) return v.float_value();
  if (v.type() == type::kInt2 || v.type() == type::kInt4 || v.type() == type::kInt8) {
    return static_cast<double>(v.int_value());
  }
  std::string s = ValueToString(v, impl_->format);
  try {
    return std::stod(s);
  } catch (...) {
    throw Error(sqlstate::kInvalidTextRepresentation,
                "invalid input syntax for type double precision: \"" + s + "\"");
  }
}

bool Result::GetBool(size_t row, size_t col) const {
  const Value& v = Cell(*impl_, row, col);
  if (v.is_null()) throw Error(sqlstate::kNullValueNotAllowed, "value is NULL");
  if (v.type() != type::kBool) {
    throw Error(sqlstate::kDatatypeMismatch, "column is not of type boolean");
  }
  return v.bool_value();
}

// Collects one statement's outcome (the last one wins for scripts).
class CollectingSink final : public ResultSink {
 public:
  CollectingSink(Result::Impl* out, const Session& session) : out_(out), session_(session) {}
  Status OnRowDescription(const std::vector<ColumnDesc>& columns) override {
    out_->columns.clear();
    out_->rows.clear();
    // GetString renders values as the server would have sent them: with the
    // session's TimeZone, DateStyle, IntervalStyle, bytea_output ... at the
    // time of the query. The namer is the session's, which the Result may
    // outlive (OnRow resolves the alias types' names instead).
    out_->format = session_.format_context();
    out_->format.oid_namer = nullptr;
    for (const ColumnDesc& c : columns) {
      out_->columns.push_back(ColumnInfo{c.name, c.type.oid, FormatType(c.type)});
    }
    return Status::OK();
  }
  Status OnRow(const Value* values, size_t count) override {
    out_->rows.emplace_back(values, values + count);
    // A Result outlives its session: regclass & co carry their names now.
    const OidNamer* namer = session_.format_context().oid_namer;
    for (Value& v : out_->rows.back()) {
      if (namer == nullptr || v.is_null() || !type::IsRegType(v.type())) continue;
      std::string name;
      if (namer->NameOf(v.type(), v.int_value(), &name)) v.mutable_str() = std::move(name);
    }
    return Status::OK();
  }
  Status OnCommandComplete(std::string_view tag) override {
    out_->tag = std::string(tag);
    described_ = false;
    return Status::OK();
  }

 private:
  Result::Impl* out_;
  const Session& session_;
  bool described_ = false;
};

// Runs `sql` with parameters through the extended path, or as a script.
static Result Run(Session& session, std::string_view sql, const Params& params) {
  Result result;
  CollectingSink sink(result.impl(), session);
  if (params.empty()) {
    Status st = session.ExecuteSimple(sql, &sink);
    if (!st.ok()) Throw(st);
    return result;
  }
  std::vector<TypeOid> hints;
  for (const Param& p : params) hints.push_back(HintOf(p));
  std::shared_ptr<PreparedStatement> stmt;
  Status st = session.Prepare(sql, hints, &stmt);
  if (!st.ok()) {
    session.Sync().IgnoreError();
    Throw(st);
  }
  std::vector<Value> values;
  static const FormatContext kFormat;
  for (size_t i = 0; i < params.size(); ++i) {
    Value v = ToValue(params[i]);
    TypeRef want =
        i < stmt->param_types().size() ? stmt->param_types()[i] : TypeRef{type::kText, -1};
    if (!v.is_null() && v.type() != want.oid) {
      // Typed C++ values travel as their text form, parsed by the target type.
      std::string text = v.type() == type::kUnknown ? v.str() : ValueToString(v, kFormat);
      Value parsed;
      st = ParseText(text, want, kFormat, &parsed);
      if (!st.ok()) {
        session.Sync().IgnoreError();
        Throw(st);
      }
      v = std::move(parsed);
    } else if (v.is_null()) {
      v = Value::Null(want.oid);
    }
    values.push_back(std::move(v));
  }
  std::unique_ptr<Portal> portal;
  st = session.Bind(stmt, std::move(values), &portal);
  bool suspended = false;
  if (st.ok()) st = session.ExecutePortal(portal.get(), 0, &sink, &suspended);
  Status sync = session.Sync();
  if (!st.ok()) Throw(st);
  if (!sync.ok()) Throw(sync);
  return result;
}

// ---------------------------------------------------------------------------
// Connection

Connection::Connection(std::unique_ptr<Session> session) : session_(std::move(session)) {}
Connection::~Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;

Result Connection::Execute(std::string_view sql, const Params& params) {
  return Run(*session_, sql, params);
}
void Connection::Begin() { Execute("BEGIN"); }
void Connection::Commit() { Execute("COMMIT"); }
void Connection::Rollback() { Execute("ROLLBACK"); }
char Connection::TransactionStatus() const { return static_cast<char>(session_->txn_state()); }

// ---------------------------------------------------------------------------
// Database

struct Database::Impl {
  std::unique_ptr<Engine> engine;
  std::mutex mu;                     // guards `session`
  std::unique_ptr<Session> session;  // autocommit session for Database::Execute
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() {
  if (impl_) impl_->session.reset();
}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

static Database::Impl* OpenEngine(const EngineOptions& options,
                                  std::unique_ptr<Database::Impl>* impl) {
  *impl = std::make_unique<Database::Impl>();
  Status st = Engine::Open(options, &(*impl)->engine);
  if (!st.ok()) Throw(st);
  SessionOptions so;
  st = (*impl)->engine->NewSession(so, &(*impl)->session);
  if (!st.ok()) Throw(st);
  return impl->get();
}

Database Database::OpenInMemory() {
  EngineOptions options;
  options.in_memory = true;
  std::unique_ptr<Impl> impl;
  OpenEngine(options, &impl);
  return Database(std::move(impl));
}

Database Database::Open(const std::string& path) {
  EngineOptions options;
  options.in_memory = false;
  options.data_dir = path;
  std::unique_ptr<Impl> impl;
  OpenEngine(options, &impl);
  return Database(std::move(impl));
}

Result Database::Execute(std::string_view sql, const Params& params) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return Run(*impl_->session, sql, params);
}

Connection Database::Connect(const std::string& database) {
  SessionOptions so;
  so.database = database;
  std::unique_ptr<Session> session;
  Status st = impl_->engine->NewSession(so, &session);
  if (!st.ok()) Throw(st);
  return Connection(std::move(session));
}

bool Database::in_memory() const { return impl_->engine->in_memory(); }

}  // namespace nano
