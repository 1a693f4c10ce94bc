// engine/parser/parser.cc — ParseSql / ParseExpression on top of libpg_query.
#include "parser/parser.h"

#include <pthread.h>

#include <string>
#include <utility>

#include "common/sqlstate.h"
#include "parser/transform.h"
#include "pg_query.h"

namespace nano {

namespace {

using parser_internal::Transformer;

// libpg_query reports no SQLSTATE. Nearly every grammar/scanner error is
// 42601 in PostgreSQL; these few raised by gram.y use other codes.
const char* SqlStateForMessage(std::string_view message) {
  auto starts = [&](std::string_view p) { return message.substr(0, p.size()) == p; };
  if (starts("frame start") || starts("frame end") || starts("frame starting")) return "42P20";
  if (starts("precision for type float")) return sqlstate::kInvalidParameterValue;
  if (starts("role name \"") && message.find("\" is reserved") != std::string_view::npos)
    return "42939";
  if (message.find("cannot be used as a role name here") != std::string_view::npos) return "42939";
  if (message.find("constraints cannot be marked") != std::string_view::npos) {
    return sqlstate::kFeatureNotSupported;
  }
  if (starts("current database cannot be changed")) return sqlstate::kFeatureNotSupported;
  return sqlstate::kSyntaxError;
}

// Frees libpg_query's results on every path out of ParseSql.
struct ParseResultGuard {
  PgQueryProtobufParseResult raw{};
  PgQuery__ParseResult* tree = nullptr;
  ~ParseResultGuard() {
    if (tree != nullptr) pg_query__parse_result__free_unpacked(tree, nullptr);
    pg_query_free_protobuf_parse_result(raw);
  }
};

// Limits that keep every recursion over a parse tree inside its stack (see
// depth_bound.cc). Measured: libpg_query + protobuf-c + the transform need
// about 2.7 KB of stack per tree level; 4 KB per level leaves headroom.
constexpr int kInlineDepthBound = 1000;  // parse on the caller's stack up to here
// Beyond this bound, refuse without parsing: libpg_query's protobuf output
// is quadratic in tree depth (20000 levels already cost seconds).
constexpr int kMaxDepthBound = 20000;
constexpr int kMaxTreeDepth = 3000;  // deepest tree handed to the binder
constexpr size_t kStackBytesPerLevel = 4096;
constexpr size_t kStackBaseBytes = 32u << 20;
constexpr size_t kInlineBytes = 2 * kInlineDepthBound;  // shorter text cannot nest deeper
constexpr char kStatementTooComplex[] = "54001";

Status TooDeep() { return Status::Error(kStatementTooComplex, "stack depth limit exceeded"); }

// Transform errors carry node locations (byte offsets + 1); PostgreSQL
// reports positions in characters, as libpg_query's own errors already are.
Status ToCharPosition(Status st, const char* text, int offset) {
  if (st.ok() || st.error().position <= 0) return st;
  int bytes = st.error().position - 1;
  int chars = 0;
  for (int i = 0; i < bytes && text[i] != '\0'; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      ++chars;  // not a UTF-8 continuation byte
  }
  int pos = chars + 1 - offset;
  st.mutable_error().position = pos > 0 ? pos : 0;
  return st;
}

// Runs PostgreSQL's grammar on a NUL-terminated string and transforms every
// statement into `out` (appended only on success). `offset` is subtracted
// from reported error positions (used by ParseExpression, which parses a
// prefixed string).
Status ParseDirect(const char* text, std::string_view sql, int offset,
                   std::vector<ast::StatementPtr>* out) {
  ParseResultGuard guard;
  guard.raw = pg_query_parse_protobuf(text);
  if (guard.raw.error != nullptr) {
    const PgQueryError* err = guard.raw.error;
    std::string message = err->message != nullptr ? err->message : "syntax error";
    const char* code = SqlStateForMessage(message);
    Status st = Status::Error(code, std::move(message));
    int pos = err->cursorpos - offset;
    if (err->cursorpos > 0 && pos > 0) st.SetPositionIfUnset(pos);
    return st;
  }
  guard.tree =
      pg_query__parse_result__unpack(nullptr, guard.raw.parse_tree.len,
                                     reinterpret_cast<const uint8_t*>(guard.raw.parse_tree.data));
  if (guard.tree == nullptr) {
    return Status::Error(sqlstate::kInternalError, "could not decode the parse tree");
  }
  Transformer transformer(sql);
  std::vector<ast::StatementPtr> stmts;
  stmts.reserve(guard.tree->n_stmts);
  for (size_t i = 0; i < guard.tree->n_stmts; ++i) {
    const PgQuery__RawStmt* raw = guard.tree->stmts[i];
    ast::StatementPtr stmt;
    Status st = transformer.Stmt(raw->stmt, &stmt);
    if (!st.ok()) return ToCharPosition(std::move(st), text, offset);
    stmt->stmt_location = raw->stmt_location;
    stmt->stmt_len = raw->stmt_len;
    if (stmt->kind == ast::StmtKind::kCreateFunction) {
      // PL/pgSQL's own parser reads the whole CREATE FUNCTION statement.
      std::string_view whole(text);
      size_t from = std::min(whole.size(), static_cast<size_t>(raw->stmt_location));
      static_cast<ast::CreateFunctionStmt&>(*stmt).source_text =
          std::string(raw->stmt_len > 0 ? whole.substr(from, raw->stmt_len) : whole.substr(from));
    }
    stmts.push_back(std::move(stmt));
  }
  // Too deep for the binder's recursion: drop the tree here, where the
  // stack is known to be big enough to destroy it.
  if (transformer.max_depth() > kMaxTreeDepth) return TooDeep();
  out->reserve(out->size() + stmts.size());
  for (auto& s : stmts) out->push_back(std::move(s));
  return Status::OK();
}

struct BigStackJob {
  const char* text;
  std::string_view sql;
  int offset;
  std::vector<ast::StatementPtr>* out;
  Status status;
};

void* RunBigStackJob(void* arg) {
  auto* job = static_cast<BigStackJob*>(arg);
  job->status = ParseDirect(job->text, job->sql, job->offset, job->out);
  return nullptr;
}

// Parses on a fresh thread whose stack fits a tree `depth_bound` levels deep.
Status ParseOnBigStack(const char* text, std::string_view sql, int offset, int depth_bound,
                       std::vector<ast::StatementPtr>* out) {
  BigStackJob job{text, sql, offset, out, Status::OK()};
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return TooDeep();
  size_t stack = kStackBaseBytes + static_cast<size_t>(depth_bound) * kStackBytesPerLevel;
  pthread_t thread;
  bool started = pthread_attr_setstacksize(&attr, stack) == 0 &&
                 pthread_create(&thread, &attr, RunBigStackJob, &job) == 0;
  pthread_attr_destroy(&attr);
  if (!started) return TooDeep();
  pthread_join(thread, nullptr);
  return std::move(job.status);
}

Status ParseTerminated(const char* text, size_t len, std::string_view sql, int offset,
                       std::vector<ast::StatementPtr>* out) {
  if (len <= kInlineBytes) return ParseDirect(text, sql, offset, out);
  int bound = parser_internal::DepthBound(std::string_view(text, len));
  if (bound <= kInlineDepthBound) return ParseDirect(text, sql, offset, out);
  if (bound > kMaxDepthBound) return TooDeep();
  return ParseOnBigStack(text, sql, offset, bound, out);
}

void ShiftLocations(ast::Expr* e, int delta);

void ShiftList(ast::ExprList& list, int delta) {
  for (auto& e : list) ShiftLocations(e.get(), delta);
}

void ShiftSorts(std::vector<ast::SortBy>& sorts, int delta) {
  for (auto& s : sorts) {
    if (s.location >= 0) s.location -= delta;
    ShiftLocations(s.expr.get(), delta);
  }
}

// Makes the locations of an expression parsed from "SELECT <expr>" relative
// to <expr>. Sub-SELECTs inside keep theirs (stored expressions rarely hold one).
void ShiftLocations(ast::Expr* e, int delta) {
  if (e == nullptr) return;
  if (e->location >= 0) e->location -= delta;
  ShiftLocations(e->left.get(), delta);
  ShiftLocations(e->right.get(), delta);
  ShiftLocations(e->escape.get(), delta);
  ShiftLocations(e->default_result.get(), delta);
  ShiftLocations(e->agg_filter.get(), delta);
  ShiftList(e->args, delta);
  ShiftSorts(e->agg_order, delta);
  if (e->type_name != nullptr && e->type_name->location >= 0) e->type_name->location -= delta;
  if (e->over != nullptr) {
    if (e->over->location >= 0) e->over->location -= delta;
    ShiftList(e->over->partition_by, delta);
    ShiftSorts(e->over->order_by, delta);
    ShiftLocations(e->over->start_offset.get(), delta);
    ShiftLocations(e->over->end_offset.get(), delta);
  }
  for (auto& ind : e->indirection) {
    ShiftLocations(ind.lower.get(), delta);
    ShiftLocations(ind.upper.get(), delta);
  }
}

}  // namespace

Status ParseSql(std::string_view sql, std::vector<ast::StatementPtr>* out) {
  // libpg_query wants a C string; a string_view is not necessarily terminated.
  std::string text(sql);
  return ParseTerminated(text.c_str(), text.size(), sql, 0, out);
}

Status ParseExpression(std::string_view expr_sql, ast::ExprPtr* out) {
  constexpr std::string_view kPrefix = "SELECT ";
  std::string text;
  text.reserve(kPrefix.size() + expr_sql.size());
  text.append(kPrefix).append(expr_sql);
  std::vector<ast::StatementPtr> stmts;
  NANO_RETURN_IF_ERROR(
      ParseTerminated(text.c_str(), text.size(), text, static_cast<int>(kPrefix.size()), &stmts));
  auto* select = stmts.size() == 1 && stmts[0]->kind == ast::StmtKind::kSelect
                     ? static_cast<ast::SelectStmt*>(stmts[0].get())
                     : nullptr;
  if (select == nullptr || select->targets.size() != 1 || !select->from.empty() || select->where ||
      select->op != ast::SetOp::kNone || !select->values.empty() ||
      !select->targets[0].name.empty() || select->targets[0].value == nullptr ||
      !select->group_by.empty() || select->having || !select->order_by.empty() ||
      select->limit_count || select->limit_offset) {
    return Status::Error(sqlstate::kSyntaxError,
                         "invalid expression: \"" + std::string(expr_sql) + "\"");
  }
  *out = std::move(select->targets[0].value);
  ShiftLocations(out->get(), static_cast<int>(kPrefix.size()));
  return Status::OK();
}

}  // namespace nano
