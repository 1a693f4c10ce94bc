// engine/binder/bound.h — the binder's output: typed expressions and plans.
//
// The binder resolves every name and type of an ast::Statement against the
// catalog and the function registry and produces a PlanNode tree whose
// expressions are BoundExpr. The planner (engine/planner/) rewrites that tree
// (index selection, join strategy); the executor (engine/executor/) runs it.
//
// Rows flowing between plan nodes are vectors of Values. A BoundExpr of kind
// kColumn reads slot `column` of the row it is evaluated on; `depth` > 0 reads
// from an enclosing query's current row (correlated subqueries).
//
// Plans are immutable once built and may be cached and executed many times
// (prepared statements); all per-execution state lives in the executor.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "function/registry.h"
#include "function/set_returning.h"
#include "session/session.h"
#include "types/cast.h"
#include "types/value.h"

namespace nano {

struct PlanNode;
struct BoundExpr;
struct SortKey;
using BoundExprPtr = std::unique_ptr<BoundExpr>;
using PlanPtr = std::unique_ptr<PlanNode>;

enum class BoundExprKind {
  kConst,
  kColumn,
  kParam,
  kCall,
  kCast,
  kAnd,
  kOr,
  kNot,
  kCase,
  kNullTest,
  kBoolTest,
  kDistinctFrom,
  kInList,
  kSubquery,
  kCoalesce,
  kGreatest,
  kLeast,
  kNullIf,
  kAggRef,
  kArray,
  kAnyAll,
  // ROW(a, b, ...): args are the fields; type is the record type (kRecord
  // with a registered shape, or a composite type); `constant` is a
  // field-less record carrying the field names (types/record.h); `negated`:
  // NULL instead of a row of NULLs (an outer join's null-extended whole row);
  // `all`: written as a ROW constructor (so comparisons go row-wise).
  kRowExpr,
  kSessionFn,
  kWindowRef,
  // arr[i][j] / arr[l:u]: args[0] is the array, then (lower, upper) per
  // subscript; `all` = slice. An omitted bound (or upper of a plain
  // subscript) is a NULL constant of type void (IsOmittedBound).
  kSubscript,
  // GROUPING(args): bound on the aggregate's input; the binder's aggregate
  // rewrite turns it into a column of the Aggregate node (grouping_funcs).
  kGroupingFunc,
  // (record).field: args[0] is the record, `column` the field's index.
  kFieldSelect,
  // A call of a user-defined function (CREATE FUNCTION): args are coerced to
  // its input argument types; the executor's RoutineRunner runs the body.
  kUserCall,
};

enum class SubqueryKind { kScalar, kExists, kAny, kAll, kArray };

// Engine-level functions evaluated with session/catalog access.
enum class SessionFn {
  kNextval,
  kCurrval,
  kSetval,
  kSetval3,
  kLastval,
  kPgTypeof,
  // Catalog readers (psql's \d family, drivers): evaluated with the plan's catalog.
  kPgGetIndexdef,
  kPgGetConstraintdef,
  kPgTableIsVisible,
  kPgGetExpr,
  kObjDescription,
  kColDescription,
  kPgGetViewdef,
  kPgGetSerialSequence,
  kPgGetPartkeydef,              // pg_get_partkeydef(oid): "LIST (a)", "RANGE (a, ((b + 0)))"
  kPgGetPartitionConstraintdef,  // pg_get_partition_constraintdef(oid)
  kPgGetTriggerdef,              // pg_get_triggerdef(oid [, pretty])
  // ARRAY[rel, parent, ...] of a relation known only at run time
  // (pg_partition_ancestors over a column, as psql's \d trigger query).
  kPartitionAncestry,

  kPgSleep,  // cancellable
  // User types, evaluated with the plan's catalog; `constant` holds the type oid.
  kEnumIn,       // text -> enum (enum_in)
  kRecordIn,     // text -> composite type (record_in)
  kEnumFirst,    // enum_first(anyenum)
  kEnumLast,     // enum_last(anyenum)
  kEnumRange,    // enum_range(anyenum): the labels as text[]
  kDomainCheck,  // args[0] the value, args[1..] CHECKs over slot 0 = VALUE
  kFormatType,   // format_type(oid, typmod), naming user types too
  // User functions (psql's \df): visibility, result and argument lists.
  kPgFunctionIsVisible,
  kPgGetFunctionResult,
  kPgGetFunctionArguments,
};

struct BoundExpr {
  BoundExprKind kind = BoundExprKind::kConst;
  TypeRef type;       // result type
  int location = -1;  // for error positions

  Value constant;   // kConst
  int column = -1;  // kColumn slot / kParam index (0-based) / kAggRef index / kWindowRef index
  int depth = 0;    // kColumn: 0 = this query level, n = n-th enclosing level
  const ScalarOverload* fn = nullptr;                         // kCall
  CoercionContext cast_context = CoercionContext::kExplicit;  // kCast
  std::vector<BoundExprPtr> args;
  bool negated = false;   // kNullTest IS NOT NULL, kInList NOT IN, kDistinctFrom IS NOT DISTINCT
  int bool_test = 0;      // kBoolTest: ast::BoolTestKind as int
  bool has_else = false;  // kCase: last arg is ELSE; pairs before (cond, result)
  bool case_has_operand = false;  // kCase: args[0] is the CASE operand
  bool all = false;               // kAnyAll / kSubquery kAll
  SubqueryKind subquery_kind = SubqueryKind::kScalar;
  std::shared_ptr<const PlanNode> subplan;     // kSubquery
  bool correlated = false;                     // kSubquery: reads outer rows (no caching)
  SessionFn session_fn = SessionFn::kNextval;  // kSessionFn
  const FunctionDef* user_fn = nullptr;        // kUserCall (points into the plan's catalog)
  // kUserCall of a polymorphic function: the copy with this call's actual
  // types that user_fn points to.
  std::shared_ptr<const FunctionDef> user_fn_owned;

  bool IsConst() const { return kind == BoundExprKind::kConst; }
  // kSubscript: the marker for an omitted slice bound.
  bool IsOmittedBound() const { return kind == BoundExprKind::kConst && type.oid == type::kVoid; }
};

// A support function of a user-defined aggregate as the executor calls it:
// a user function (run by the RoutineRunner) or a resolved built-in.
struct BoundAggSupport {
  const FunctionDef* user = nullptr;  // points into the plan's catalog
  ResolvedCall builtin;               // else builtin.overload
  bool strict = false;

  bool present() const { return user != nullptr || builtin.overload != nullptr; }
};

// A user-defined aggregate (CREATE AGGREGATE) resolved for one call:
// transition and final functions, the state type and its initial value
// (INITCOND cast to the state type; null = no INITCOND).
struct BoundUserAggregate {
  const FunctionDef* def = nullptr;
  BoundAggSupport transfn, finalfn;
  TypeRef state_type;
  BoundExprPtr init;            // constant-free expression evaluated once per group
  size_t direct_args = 0;       // ordered-set: leading direct arguments (not fed to transfn)
  size_t final_extra_args = 0;  // FINALFUNC_EXTRA: NULL arguments added to the final call
  // Polymorphic support functions specialised to this call's types (the
  // BoundAggSupport::user pointers may point here).
  std::vector<std::shared_ptr<const FunctionDef>> owned;
};

// An aggregate call inside an Aggregate node.
struct BoundAggregate {
  const AggregateOverload* agg = nullptr;
  // A user-defined aggregate: `agg` is a non-strict placeholder and the
  // executor runs `user` (strictness handled as PostgreSQL's nodeAgg does).
  std::shared_ptr<const BoundUserAggregate> user;
  ResolvedCall call;               // arg/result types for create()
  std::vector<BoundExprPtr> args;  // evaluated on the aggregate's input row
  bool star = false;               // count(*)
  bool distinct = false;
  BoundExprPtr filter;                 // FILTER (WHERE ...)
  std::vector<BoundExprPtr> order_by;  // ORDER BY inside the aggregate
  std::vector<bool> order_desc;
  std::vector<bool> order_nulls_first;
  TypeRef result_type;
};

// Window function kinds evaluated by the Window operator itself; any other
// window call is an aggregate over the frame.
enum class WindowFnKind {
  kAggregate,
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;  // PostgreSQL default: NULLS LAST for ASC, FIRST for DESC
};

// One window function call: its function, arguments and window.
struct BoundWindow {
  WindowFnKind kind = WindowFnKind::kAggregate;
  BoundAggregate aggregate;        // kAggregate: the aggregate (args in aggregate.args)
  std::vector<BoundExprPtr> args;  // other kinds' arguments
  std::vector<BoundExprPtr> partition_by;
  std::vector<SortKey> order_by;
  int frame_options = 0;                  // PostgreSQL's FRAMEOPTION_* bits (0 = default)
  BoundExprPtr start_offset, end_offset;  // n PRECEDING/FOLLOWING (ROWS/GROUPS: int8)
  // RANGE offset bounds: key -/+ offset evaluated on the row (key, offset);
  // a row is in the frame when its key is on the right side of it (in_range).
  BoundExprPtr range_start_bound, range_end_bound;
  TypeRef result_type;
};

// Range bound for an index scan: encoded key prefix values.
struct IndexBound {
  std::vector<BoundExprPtr> values;  // leading key columns (evaluated at open)
  bool inclusive = true;
};

enum class PlanKind {
  kResult,     // one row of nothing (SELECT without FROM), optionally filtered
  kValues,     // VALUES lists: rows of expressions
  kSeqScan,    // full table scan
  kIndexScan,  // equality prefix / range over the primary key or a secondary index
  kFilter,
  kProject,
  kAggregate,  // hash aggregation; no group keys = one row
  kSort,
  kLimit,
  kDistinct,  // DISTINCT / DISTINCT ON (first `distinct_on` columns)
  kNestedLoopJoin,
  kHashJoin,
  kSetOp,         // UNION / INTERSECT / EXCEPT [ALL]
  kFunctionScan,  // set-returning function in FROM (generate_series, unnest)
  kMaterialize,   // CTE or subquery result shared by reference
  kInsert,
  kUpdate,
  kDelete,
  kWindow,          // window functions over the (sorted, partitioned) input
  kCteScan,         // reads a WITH query's rows (computed once per execution)
  kRecursiveUnion,  // WITH RECURSIVE: children[0] seeds, children[1] iterates on the work table
  kWorkTableScan,   // the recursive term's reference to the rows of the previous iteration
  kZipScan,         // children (function scans) side by side, row i of each, NULLs once one
                    // runs out: several set-returning functions in one select list
  kWithEffects,     // runs pre_ctes (data-modifying WITH queries) to completion, then
                    // shared_plan (the statement), whose CTE scans read their rows
};

enum class JoinKind { kInner, kLeft, kRight, kFull, kSemi, kAnti };

// A scan_columns entry that produces the scanned table's oid (the tableoid
// system column) instead of a stored column.
inline constexpr int kTableOidColumn = -2;

// One more table a kSeqScan reads after its own (an inheritance child or
// partition, when the statement did not say ONLY): scan_columns maps the
// scan's output columns onto this table's physical columns (by name).
struct InheritMember {
  Oid table_oid = 0;
  std::vector<int> scan_columns;
};

struct PlanNode {
  PlanKind kind = PlanKind::kResult;
  std::vector<ColumnDesc> columns;  // output columns (names, types)
  std::vector<PlanPtr> children;

  // Scans and DML
  Oid table_oid = 0;
  const IndexDef* index = nullptr;  // kIndexScan (points into the plan's catalog snapshot)
  IndexBound lower, upper;          // kIndexScan range (empty values = unbounded)
  bool index_equality = false;      // lower == upper prefix
  std::vector<int> scan_columns;    // table column indices produced, in output order
  bool emit_row_key = false;  // DML target scans: one more slot, the row's storage key (bytea)
                              // (with inherit_members: the row id then the table oid, 12 bytes)
  std::vector<InheritMember> inherit_members;  // kSeqScan: descendants read after table_oid
  BoundExprPtr filter;  // kSeqScan / kIndexScan / kFilter / kResult / joins (extra quals)

  // kProject / kValues
  std::vector<BoundExprPtr> exprs;
  std::vector<std::vector<BoundExprPtr>> rows;  // kValues

  // kAggregate
  std::vector<BoundExprPtr> group_by;
  std::vector<BoundAggregate> aggregates;
  // output row = group_by values then aggregate results then grouping_funcs
  // GROUPING SETS / ROLLUP / CUBE expanded: each set lists indices into
  // group_by (columns outside the set are NULL). Empty = one set of all.
  std::vector<std::vector<int>> grouping_sets;
  // GROUPING(args) calls: indices into group_by, most significant bit first.
  std::vector<std::vector<int>> grouping_funcs;

  // kSort / kDistinct
  std::vector<SortKey> sort_keys;
  int distinct_on = 0;  // 0 = all columns

  // kLimit
  BoundExprPtr limit;  // null = no limit
  BoundExprPtr offset;
  bool with_ties = false;

  // Joins: children[0] outer, children[1] inner
  JoinKind join_kind = JoinKind::kInner;
  bool lateral = false;  // inner side reads the outer row (depth-1 refs): re-run per outer row
  std::vector<BoundExprPtr> left_keys, right_keys;  // kHashJoin equi-keys

  // kWindow: output row = input row ++ one value per window call
  std::vector<BoundWindow> windows;

  // kSetOp
  int set_op = 0;  // 1 union, 2 intersect, 3 except
  bool set_all = false;

  // kFunctionScan
  // A kCall to a set-returning builtin, or a kUserCall without args (the
  // user function's coerced arguments are function_args).
  BoundExprPtr function;
  std::string function_name;  // "generate_series", "unnest"
  std::vector<BoundExprPtr> function_args;
  const SetReturningFunction* set_returning = nullptr;  // table-driven SRF (jsonb_each ...)
  bool with_ordinality = false;

  // kCteScan: the WITH query's plan (shared by all references) and its id;
  // kRecursiveUnion / kWorkTableScan: the id of the recursive query.
  std::shared_ptr<const PlanNode> shared_plan;
  int cte_id = 0;

  // DML
  std::vector<int> target_columns;     // kInsert: table column index per child output column
  std::vector<BoundExprPtr> defaults;  // kInsert: per table column, default expr (null = NULL)
  std::vector<BoundExprPtr>
      set_exprs;  // kUpdate: per table column, new value (null = unchanged); input = old row
  std::vector<BoundExprPtr> returning;  // evaluated on the new (or deleted) row
  bool on_conflict_do_nothing = false;
  bool on_conflict_update = false;
  std::vector<int> conflict_columns;  // table column indices of the arbiter
  std::vector<BoundExprPtr>
      conflict_set;  // per table column; input row = existing row ++ excluded row
  BoundExprPtr conflict_where;
  // kInsert / kUpdate through views WITH CHECK OPTION: (view name, condition
  // over the new live row of the base table), checked on every new row (44000).
  std::vector<std::pair<std::string, BoundExprPtr>> view_checks;

  // kInsert / kUpdate: row-level security WITH CHECK expressions over the
  // table's physical row, each with the message its failure raises (42501).
  std::vector<std::pair<BoundExprPtr, std::string>> rls_checks;

  // kWithEffects: the data-modifying WITH queries, by CTE id.
  std::vector<std::pair<int, std::shared_ptr<const PlanNode>>> pre_ctes;
};

// What kind of statement a BoundStatement is.
enum class BoundKind { kQuery, kDml, kUtility };

// A relation a statement reads or writes and the privileges that needs,
// checked at every execution (roles.h; session CheckPrivileges).
struct RelationAccess {
  Oid table = 0;
  Oid check_as = 0;               // 0: the current user; else a view owner
  uint32_t required = 0;          // Privilege bits
  std::vector<int16_t> selected;  // attnums read (SELECT may be held per column)
  std::vector<int16_t> inserted;  // INSERT target attnums
  std::vector<int16_t> updated;   // UPDATE target attnums
};

// A fully bound statement, ready to execute (cacheable).
struct BoundStatement {
  BoundKind kind = BoundKind::kQuery;
  std::shared_ptr<const PlanNode> plan;  // kQuery / kDml
  std::vector<ColumnDesc> columns;       // result columns (empty if none)
  std::vector<TypeRef> param_types;
  std::string command;  // tag verb: "SELECT", "INSERT", "UPDATE", ...
  bool returns_rows = false;
  uint64_t catalog_generation = 0;         // plan valid while the catalog is unchanged
  std::shared_ptr<const Catalog> catalog;  // keeps the plan's catalog pointers alive
  std::vector<RelationAccess> accesses;    // privileges to check before each execution
  Oid bound_role = 10;                     // the role row-level security was bound for
};

}  // namespace nano
