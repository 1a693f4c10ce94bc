// engine/parser/parser.cc — ParseSql / ParseExpression on top of libpg_query.
#include "parser/parser.h"

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
  if (starts("role name \"") && message.find("\" is reserved") != std::string_view::npos) return "42939";
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

// Runs PostgreSQL's grammar on a NUL-terminated string and transforms every
// statement. `offset` is subtracted from reported error positions (used by
// ParseExpression, which parses a prefixed string).
Status ParseTerminated(const char* text, std::string_view sql, int offset,
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
  guard.tree = pg_query__parse_result__unpack(nullptr, guard.raw.parse_tree.len,
                                              reinterpret_cast<const uint8_t*>(guard.raw.parse_tree.data));
  if (guard.tree == nullptr) {
    return Status::Error(sqlstate::kInternalError, "could not decode the parse tree");
  }
  Transformer transformer(sql);
  out->reserve(out->size() + guard.tree->n_stmts);
  for (size_t i = 0; i < guard.tree->n_stmts; ++i) {
    const PgQuery__RawStmt* raw = guard.tree->stmts[i];
    ast::StatementPtr stmt;
    NANO_RETURN_IF_ERROR(transformer.Stmt(raw->stmt, &stmt));
    stmt->stmt_location = raw->stmt_location;
    stmt->stmt_len = raw->stmt_len;
    out->push_back(std::move(stmt));
  }
  return Status::OK();
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
  return ParseTerminated(text.c_str(), sql, 0, out);
}

Status ParseExpression(std::string_view expr_sql, ast::ExprPtr* out) {
  constexpr std::string_view kPrefix = "SELECT ";
  std::string text;
  text.reserve(kPrefix.size() + expr_sql.size());
  text.append(kPrefix).append(expr_sql);
  std::vector<ast::StatementPtr> stmts;
  NANO_RETURN_IF_ERROR(ParseTerminated(text.c_str(), text, static_cast<int>(kPrefix.size()), &stmts));
  auto* select = stmts.size() == 1 && stmts[0]->kind == ast::StmtKind::kSelect
                     ? static_cast<ast::SelectStmt*>(stmts[0].get())
                     : nullptr;
  if (select == nullptr || select->targets.size() != 1 || !select->from.empty() || select->where ||
      select->op != ast::SetOp::kNone || !select->values.empty() || !select->targets[0].name.empty() ||
      select->targets[0].value == nullptr || !select->group_by.empty() || select->having ||
      !select->order_by.empty() || select->limit_count || select->limit_offset) {
    return Status::Error(sqlstate::kSyntaxError, "invalid expression: \"" + std::string(expr_sql) + "\"");
  }
  *out = std::move(select->targets[0].value);
  ShiftLocations(out->get(), static_cast<int>(kPrefix.size()));
  return Status::OK();
}

}  // namespace nano
