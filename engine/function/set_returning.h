// engine/function/set_returning.h — table-driven set-returning built-ins
// (jsonb_each, jsonb_array_elements, jsonb_object_keys, ...), bound as
// function scans in FROM or in a select list.
//
// Contract:
//   * FindSetReturningFunction(name, nargs) returns a static, immutable
//     descriptor (valid for the life of the process) or nullptr; generate_series
//     and unnest are bound separately (their result type depends on the args).
//   * The binder casts argument i to arg_types[i]; strict functions (all but
//     those with strict = false) yield no rows for a NULL argument without
//     calling expand.
//   * expand appends whole rows (one Value per column) to *rows, or returns an
//     error Status with PostgreSQL's SQLSTATE. Thread-safe.
//   * A column with an empty name has no fixed name: it takes the FROM alias,
//     or the function's name (jsonb_object_keys); named columns (key, value)
//     keep their names unless a column alias list renames them.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "function/eval_context.h"
#include "types/type_id.h"
#include "types/value.h"

namespace nano {

struct SetReturningColumn {
  const char* name;  // "" = named after the alias / function
  TypeOid type;
};

using SetReturningExpandFn = Status (*)(const Value* args, size_t nargs, EvalContext& ctx,
                                        std::vector<std::vector<Value>>* rows);

struct SetReturningFunction {
  const char* name;
  std::vector<TypeOid> arg_types;
  std::vector<SetReturningColumn> columns;
  SetReturningExpandFn expand;
  // false: expand also sees NULL arguments (string_to_table('abc', NULL)
  // splits into characters, as string_to_array does).
  bool strict = true;
};

const SetReturningFunction* FindSetReturningFunction(std::string_view name, size_t nargs);

}  // namespace nano
