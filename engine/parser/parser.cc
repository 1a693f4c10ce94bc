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
    Status st = Status::Error(sqlstate::kSyntaxError, err->message != nullptr ? err->message : "syntax error");
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
  return Status::OK();
}

}  // namespace nano
