// engine/function/jsonpath.h — SQL/JSON path language (the basics of
// PostgreSQL 15's jsonpath) evaluated over JsonNode trees.
//
// Contract:
//   * Supported: lax/strict modes; $, @, $var, literals (numbers, strings,
//     true/false/null); accessors .key ."key" .* [*] [n] [a to b] [last - n];
//     filters ? (...) with == != <> < <= > >=, &&, ||, !, exists(...),
//     starts with, like_regex (with flag "i"), (...) is unknown; arithmetic
//     + - * / % and unary +/-; item methods type() size() double() abs()
//     floor() ceiling(). Not supported (42601 syntax error): .** , keyvalue(),
//     datetime(), .key on non-identifier forms other than quoted strings.
//   * Semantics follow PostgreSQL: lax mode unwraps arrays for member
//     accessors, filters, comparisons and arithmetic, and treats structural
//     errors as empty results; strict mode reports them (2203A, 22039,
//     22033, ...). Comparisons are existential with SQL/JSON three-valued
//     logic (incomparable types give unknown).
//   * A path that is a predicate yields one boolean item (null for unknown).
//   * Parsing and evaluation are bounded by the path's length and the
//     document's depth. Pure; thread-safe.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/jsonb.h"

namespace nano {

struct JsonPathNode;

class JsonPath {
 public:
  JsonPath();
  ~JsonPath();
  JsonPath(JsonPath&&) noexcept;
  JsonPath& operator=(JsonPath&&) noexcept;

  // 42601 "syntax error ... of jsonpath input" on bad syntax.
  static Status Parse(std::string_view text, JsonPath* out);

  // Runs the path over `root` with `vars` (an object or null). Results are
  // appended as jsonb texts. With silent, errors yield *failed = true and no
  // Status error (the SQL functions then return NULL / no rows).
  Status Execute(const JsonNode& root, const JsonNode* vars, bool silent,
                 std::vector<std::string>* results, bool* failed) const;

 private:
  std::unique_ptr<JsonPathNode> root_;
  bool strict_ = false;
};

}  // namespace nano
