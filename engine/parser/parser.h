// engine/parser/parser.h — SQL text to ast::Statement, via libpg_query.
//
// This folder is the only code that includes libpg_query. Parse() runs
// PostgreSQL 15's own grammar (pg_query_parse_protobuf), then transforms the
// protobuf tree into ast.h nodes, one transform file per statement family
// (transform_select.cc, transform_dml.cc, transform_ddl.cc, transform_expr.cc,
// transform_utility.cc).
//
// Errors: a syntax error is 42601 with PostgreSQL's message ("syntax error at
// or near \"x\"", "syntax error at end of input", "unterminated quoted
// string at or near ...", ...) and its 1-based position. A construct that
// parses but that the transform does not know yields an UnsupportedStmt (for
// statements) or 0A000 (for expressions) — never a crash.
//
// Thread-safety: Parse() may be called from many threads at once (libpg_query
// keeps its memory contexts thread-local).
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/ast.h"

namespace nano {

// Parses a whole query string (zero or more ';'-separated statements).
Status ParseSql(std::string_view sql, std::vector<ast::StatementPtr>* out);

// Parses a single expression (for DEFAULT / CHECK texts stored in the
// catalog): equivalent to parsing "SELECT <expr>" and taking the target.
Status ParseExpression(std::string_view expr_sql, ast::ExprPtr* out);

}  // namespace nano
