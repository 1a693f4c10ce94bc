// engine/binder/binder.h — names and types: ast -> BoundStatement.
//
// The Binder resolves tables and columns against one catalog snapshot,
// functions and operators against the FunctionRegistry (PostgreSQL's
// resolution and implicit-cast rules), infers $n parameter types, and builds
// the PlanNode tree (bound.h) the planner and executor run.
//
// Errors carry PostgreSQL's SQLSTATE and the position of the offending token
// (42P01 undefined table, 42703 undefined column, 42702 ambiguous column,
// 42883 undefined function, 42803 grouping error, 42804 datatype mismatch...).
//
// A Binder is used for one statement by one thread. DDL statements are not
// bound here: the session executes them (executor/ddl.h) directly from ast.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "binder/bound.h"
#include "common/status.h"
#include "function/eval_context.h"
#include "parser/ast.h"
#include "types/format_context.h"
#include "types/record.h"

namespace nano {

struct BinderScope;
struct ScopeItem;
struct ScopeColumn;

// Sorting (ordering = true) or grouping / DISTINCT / UNION on a type without
// btree or hash operator classes (the geometric types): 42883 "could not
// identify an ordering / equality operator for type ..." at location.
Status RequireSortable(TypeRef t, bool ordering, int location);
// The same at the expression's position (none for a subscript, as PostgreSQL).
Status RequireSortable(TypeRef t, bool ordering, const ast::Expr& at);

class Binder {
 public:
  // `param_hints` are the client's parameter type OIDs (0 = infer).
  Binder(std::shared_ptr<const Catalog> catalog, const FormatContext* format,
         std::vector<TypeOid> param_hints);
  ~Binder();

  // SELECT / VALUES / INSERT / UPDATE / DELETE / EXPLAIN's query.
  Status BindStatement(const ast::Statement& stmt, BoundStatement* out);

  // A standalone expression with no columns in scope (DEFAULT expressions,
  // SET values, EXECUTE parameters). `target` (oid 0 = keep) coerces the
  // result with assignment rules.
  Status BindStandaloneExpr(const ast::Expr& expr, TypeRef target, BoundExprPtr* out);

  // Resolves `schema.name` (schema may be empty: search path) to a relation.
  Status LookupRelation(const ast::RangeVar& rv, const TableDef** out) const;

  // Whether `table` has inheritance parents or children (its scans then
  // offer the tableoid system column).
  bool InInheritanceTree(const TableDef& table) const;
  // Makes `scan` (of `table`, scan_columns filled) also read every
  // descendant of `table`, mapping columns by name.
  void AddInheritMembers(const TableDef& table, PlanNode* scan) const;

  // Who the statement runs as: row-level security applies for this role
  // (bind_policy.cc). Without it (DDL-internal binds) no policy applies.
  void SetSecurity(std::shared_ptr<const RoleContext> role, bool row_security) {
    security_ = std::move(role);
    row_security_ = row_security;
  }

  const std::vector<TypeRef>& param_types() const { return param_types_; }
  // Names that bind as parameters ($1 = names[0]) when no column has them:
  // a SQL function's argument names, PL/pgSQL variables ("r.x" for a
  // record's field). `qualifier` (the function's name) may qualify them.
  // A trigger's transition table (REFERENCING OLD/NEW TABLE AS name): a
  // relation `name` with `columns`, scanned as WITH query `id` whose rows
  // the executing context holds in ExecContext::cte_rows[id].
  void AddTransitionRelation(std::string name, std::vector<ColumnDesc> columns, int id);
  void SetParamNames(std::vector<std::string> names, std::string qualifier);
  // Every user relation a bound statement read (views' dependencies).
  const std::vector<Oid>& referenced_relations() const { return referenced_; }

  // Binds a catalog-stored expression (CHECK, index predicate) over a
  // table's physical row: slot i = TableDef::columns[i].
  Status BindTableExpr(const TableDef& table, std::string_view text, TypeRef target,
                       BoundExprPtr* out);

  // Adds an implicit/assignment/explicit cast of `expr` to `target`, folding
  // constants. Public for DML helpers in the executor.
  Status Coerce(BoundExprPtr expr, TypeRef target, CoercionContext ctx, BoundExprPtr* out,
                int location = -1);

 private:
  friend class SelectBinder;
  friend class ExprBinder;

  Status BindSelect(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan);
  Status BindSimpleSelect(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan);
  Status BindSetOp(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan);
  Status BindValues(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan);
  Status BindLimit(const ast::SelectStmt& stmt, BinderScope* outer, PlanPtr* plan);
  Status BindSortLimitTail(const ast::SelectStmt& stmt, BinderScope* outer, bool names_only,
                           PlanPtr* plan);
  Status BindFromItem(const ast::TableRef& ref, BinderScope* scope, PlanPtr* plan);
  // A join's alias: its items become one, named by the alias.
  Status AliasJoin(const ast::TableRef& ref, size_t first_item, BinderScope* scope);
  // A set-returning function as a function scan (FROM, or a select-list
  // SRF): generate_series, unnest and the table-driven ones (jsonb_each ...).
  // *result_columns gets one entry per output column; an empty name means
  // the column is named after the alias or the function.
  Status BindFunctionScan(const ast::Expr& call, BinderScope* scope, PlanPtr* out,
                          std::vector<ColumnDesc>* result_columns);
  // The function scan's LATERAL-ness from what its arguments read.
  Status FinishFunctionScan(BinderScope* lateral_scope, PlanPtr node, PlanPtr* out);
  Status BindTableFunctionArgs(const SetReturningFunction& srf, const ast::Expr& call,
                               PlanNode* node);
  Status BindInsert(const ast::InsertStmt& stmt, BoundStatement* out);
  Status BindUpdate(const ast::UpdateStmt& stmt, BoundStatement* out);
  Status BindDelete(const ast::DeleteStmt& stmt, BoundStatement* out);
  Status BindTableScanForDml(const TableDef& table, const std::string& alias, BinderScope* scope,
                             PlanPtr* plan);
  Status BindReturning(const std::vector<ast::ResTarget>& returning, BinderScope* scope,
                       PlanNode* node);
  Status BindColumnDefault(const TableDef& table, int column_index, BoundExprPtr* out);

  // The relation INSERT/UPDATE/DELETE changes (bind_view_dml.cc): a table,
  // or an automatically updatable view resolved to its base table.
  struct DmlTarget {
    struct Column {
      std::string name;
      int live_index;  // position in the base table's LiveColumns(); -1: not updatable
    };
    struct Qual {
      const ast::Expr* where;  // a view's WHERE (owned by view_asts_)
      std::string alias;       // the name its FROM item had
      std::vector<Column> columns;
      std::string view;    // the view whose WHERE it is
      bool check = false;  // INSERT and UPDATE check new rows against it (44000)
    };
    const TableDef* table = nullptr;  // the base table
    bool inh = true;                  // false for ONLY t: children are not touched
    bool view = false;                // named through a view
    std::string name;                 // as the statement named it (for messages)
    std::vector<Column> columns;      // what the statement sees, in order
    std::vector<Qual> quals;          // views' WHERE clauses, innermost first
  };
  // `verb`: "insert into", "update" or "delete from" (PostgreSQL's messages).
  Status ResolveDmlTarget(const ast::RangeVar& rv, const std::string& verb, DmlTarget* out);
  Status ResolveDmlRelation(const TableDef& rel, int location, const std::string& verb, int depth,
                            DmlTarget* out);
  // A scope item naming `columns` at their base-row slots (live index).
  void AddDmlScopeColumns(const DmlTarget& target, const std::vector<DmlTarget::Column>& columns,
                          const std::string& alias, BinderScope* scope) const;
  // The scan DML reads its target from, named as the statement sees it.
  Status BindDmlTargetScan(const DmlTarget& target, const std::string& alias, BinderScope* scope,
                           PlanPtr* plan);
  // Filters *input (base rows of row_width slots) by the views' WHERE clauses.
  Status BindViewQuals(const DmlTarget& target, size_t row_width, PlanPtr* input);
  // The WITH CHECK OPTION conditions of the views a DML target goes
  // through, over the base table's live row, into plan->view_checks.
  Status BindViewChecks(const DmlTarget& target, PlanNode* plan);
  // The live index a statement's column name refers to; 42703 / 0A000.
  Status DmlTargetColumn(const DmlTarget& target, const std::string& name, const std::string& verb,
                         int location, int* live_index) const;

  // Assignment targets with subscripts and fields (bind_assign.cc):
  // `base` (the column's current value, NULL for INSERT) with the element or
  // field the indirection names replaced by `value`, coerced to the column's
  // type at the end of the path. `column` names the column in messages.
  Status BindAssignIndirection(const std::string& column, TypeRef type, BoundExprPtr base,
                               std::span<const ast::Indirection> steps, BoundExprPtr value,
                               BinderScope* scope, int location, BoundExprPtr* out);
  // `value` coerced for assignment to a column (42804 "column \"c\" is of type
  // ... but expression is of type ..." as PostgreSQL words it).
  Status CoerceToColumn(BoundExprPtr value, const std::string& column, TypeRef type, int location,
                        BoundExprPtr* out);
  // An UPDATE SET list (also ON CONFLICT DO UPDATE SET): (*set)[live index]
  // gets each assigned column's new value; `scope` has the target's live
  // columns at slots [0, n). Multiple-column assignments, subscripts and
  // fields, DEFAULT; 42601 for a column assigned twice.
  Status BindSetList(const DmlTarget& target, const std::vector<ast::ResTarget>& set,
                     const std::vector<int>& multi_assign_index, BinderScope* scope,
                     std::vector<BoundExprPtr>* set_exprs);
  // The element type of an array type (a composite array's element is the
  // composite type, see types/record.h).
  TypeRef ArrayElementType(TypeRef array) const;

 public:
  // Expression binding (bind_expr.cc). `scope` may be null (no columns).
  Status BindExpr(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  Status BindExprAs(const ast::Expr& expr, BinderScope* scope, TypeRef target, CoercionContext ctx,
                    BoundExprPtr* out);
  Status BindCondition(const ast::Expr& expr, BinderScope* scope, const char* clause,
                       BoundExprPtr* out);
  // Resolves a type name (int, varchar(10), text[], ...).
  Status ResolveTypeName(const ast::TypeName& name, TypeRef* out) const;
  // User-defined types (bind_types.cc). LookupUserType finds an enum or
  // domain by name (schema-qualified, or public then pg_catalog); built-in
  // names win over user types, as pg_catalog comes first in the search path.
  const TypeDef* LookupUserType(const ast::TypeName& name) const;
  // Wraps `value` (of the domain's base type) so evaluating it enforces the
  // domain's NOT NULL (23502) and CHECK constraints (23514), in name order.
  Status AddDomainCheck(Oid domain_oid, BoundExprPtr value, BoundExprPtr* out);
  // format_type() of t, naming user types ("mood") as well as built-ins.
  std::string TypeDisplayName(TypeRef t) const;
  // Finds a common type for UNION/CASE/VALUES/COALESCE branches
  // (PostgreSQL's select_common_type); `context` names the construct in errors.
  Status CommonType(const std::vector<TypeRef>& types, const char* context, int location,
                    TypeRef* out) const;

  const Catalog& catalog() const { return *catalog_; }
  const FormatContext& format() const { return *format_; }
  std::vector<TypeRef>& mutable_param_types() { return param_types_; }

 private:
  Status BindFuncCall(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  int MinRefLevel(const std::vector<const ast::Expr*>& refs, BinderScope* scope);
  Status AggregateLevel(const ast::Expr& expr, BinderScope* scope, int* level);
  Status BindOuterAggregate(const ast::Expr& expr, BinderScope* scope, int level,
                            BoundExprPtr* out);
  Status CheckDistinctOrderBy(const BoundAggregate& agg, const ast::Expr& expr);
  Status BindOrderedSetCall(const ast::Expr& expr, const std::string& name, BinderScope* scope,
                            BoundExprPtr* out);
  Status WithinGroupArgTypes(const ast::Expr& expr, BinderScope* scope,
                             std::vector<TypeOid>* types);
  Status BindOrderedSetArgs(const ast::Expr& expr, BinderScope* scope,
                            std::vector<BoundExprPtr>* direct, std::vector<BoundExprPtr>* keys,
                            BoundAggregate* agg);
  Status ResolveOrderedSet(const ast::Expr& expr, const std::string& name, AggregateKind kind,
                           std::vector<BoundExprPtr>* direct, std::vector<BoundExprPtr>* keys,
                           ResolvedAggregate* out);
  Status BindGroupingFunc(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  Status BindWindowCall(const ast::Expr& expr, const std::string& name, BinderScope* scope,
                        BoundExprPtr* out);
  Status BindFrameOffset(const ast::Expr& offset, BinderScope* scope, BoundWindow* w, bool start);
  Status BindColumnRef(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  Status BindOperator(const std::string& op, BoundExprPtr left, BoundExprPtr right, int location,
                      BoundExprPtr* out);
  Status BindSubLink(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  // A subquery with `scope` as its outer level; *correlated when it reads it.
  Status BindSubqueryPlan(const ast::SelectStmt& query, BinderScope* scope, PlanPtr* plan,
                          bool* correlated);
  // Column `column` of a row subquery that must have `columns` columns, as a
  // scalar subquery (UPDATE ... SET (a, b) = (SELECT ...)).
  Status BindSubqueryColumn(const ast::SelectStmt& query, BinderScope* scope, size_t column,
                            size_t columns, int location, BoundExprPtr* out);
  Status BindConst(const ast::Expr& expr, BoundExprPtr* out);
  Status BindCase(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  // x[i], x[l:u] on arrays (and int2vector/oidvector); x['k'] on jsonb.
  Status BindIndirection(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  // One run of subscripts of expr's indirection applied to `base`.
  Status BindSubscripts(const ast::Expr& expr, BinderScope* scope, BoundExprPtr base,
                        std::span<const ast::Indirection> steps, BoundExprPtr* out);
  // 'text'::regclass (or another OID alias type) resolved through the
  // session's OidNamer.
  Status BindRegConstant(const std::string& text, TypeRef target, int location, BoundExprPtr* out);
  Status BindSubscriptBound(const ast::Expr* bound, BinderScope* scope, BoundExprPtr* out);
  Status BindGeometricSubscript(const ast::Expr& expr, BinderScope* scope, bool slice,
                                BoundExprPtr base, BoundExprPtr* out);
  Status BindVariadicCommon(const ast::Expr& expr, BinderScope* scope, BoundExprKind kind,
                            const char* name, BoundExprPtr* out);
  // A call of a user-defined function (catalog functions of that name):
  // *handled false when there is none, so built-ins resolve it.
  Status BindUserCall(const ast::Expr& call, std::vector<BoundExprPtr>* args, bool* handled,
                      BoundExprPtr* out);
  Status BindNamedUserCall(const ast::Expr& call, const FunctionDef& fn,
                           std::vector<BoundExprPtr>* args, BoundExprPtr* out);
  // The user functions a call's name can mean (schema-qualified or public).
  std::vector<const FunctionDef*> UserFunctionsNamed(const std::vector<std::string>& names) const;
  // Polymorphic user routines and user aggregates (bind_user_aggregate.cc).
  // ResolvePolymorphic: the concrete parameter and result types for a call
  // with `actual` argument types (false: they do not fit the pseudo-types).
  bool ResolvePolymorphic(const std::vector<TypeOid>& declared, const std::vector<TypeOid>& actual,
                          TypeOid declared_result, std::vector<TypeOid>* concrete,
                          TypeOid* result) const;
  std::shared_ptr<const FunctionDef> SpecializeRoutine(const FunctionDef& fn,
                                                       const std::vector<TypeOid>& inputs,
                                                       TypeOid result) const;
  bool SpecializeCall(const FunctionDef& fn, const std::vector<TypeOid>& types, bool variadic_array,
                      std::shared_ptr<const FunctionDef>* out) const;
  // An operator made with CREATE OPERATOR (bind_user_operator.cc); *handled
  // false leaves the operands to the built-ins.
  Status BindUserOperator(const std::string& qualified, BoundExprPtr* left, BoundExprPtr* right,
                          int location, bool* handled, BoundExprPtr* out);
  std::vector<const FunctionDef*> UserAggregatesNamed(const std::vector<std::string>& names) const;
  Status BindAggSupport(const AggSupportFn& fn, const std::vector<TypeOid>& types, TypeOid* result,
                        BoundAggSupport* out,
                        std::vector<std::shared_ptr<const FunctionDef>>* owned);
  // Binds agg->args (already bound) to the best of `candidates`; *found is
  // false when none takes them (the caller tries the built-ins).
  Status BindUserAggregate(const std::vector<const FunctionDef*>& candidates, const ast::Expr& expr,
                           BoundAggregate* agg, bool* found);
  Status BindCallResolved(const std::string& name, std::vector<BoundExprPtr> args, int location,
                          BoundExprPtr* out, bool variadic_array = false);
  // Enums: casts from unknown/text to an enum (*handled false when the
  // generic rules apply), comparison operators, enum_first/last/range.
  Status CoerceEnum(BoundExprPtr* expr, TypeRef target, CoercionContext ctx, int location,
                    bool* handled, BoundExprPtr* out);
  Status BindEnumOperator(const std::string& op, BoundExprPtr* left, BoundExprPtr* right,
                          int location, bool* handled, BoundExprPtr* out);
  Status BindEnumFunction(const std::string& name, std::vector<BoundExprPtr>* args, int location,
                          bool* handled, BoundExprPtr* out);
  Status ResolveUserType(const TypeDef& type, const ast::TypeName& name, TypeRef* out) const;
  // Row values (bind_record.cc). A record type is type::kRecord (its shape
  // registered in the typmod, types/record.h) or a composite type.
  bool IsRecordType(TypeRef t) const;
  // The fields of a record type; nullptr when unknown.
  const std::vector<RecordField>* RecordFieldsOf(TypeRef t) const;
  BoundExprPtr MakeRowExpr(TypeRef type, std::vector<BoundExprPtr> fields,
                           const std::vector<RecordField>& shape, int location) const;
  Status BindRow(const ast::Expr& expr, BinderScope* scope, BoundExprPtr* out);
  // `t.*` / `*` as the list of column references it stands for.
  // `*` / `t.*` as column references (t may be a FROM item of an enclosing
  // query level, a correlation); *names gets their names when non-null.
  Status ExpandStarRef(const ast::Expr& star, BinderScope* scope, std::vector<BoundExprPtr>* out,
                       std::vector<ColumnDesc>* descs = nullptr);
  // The whole row of a FROM item (`SELECT t FROM t`, f(t.*)).
  Status BindWholeRow(const ScopeItem& item, int depth, int location, BoundExprPtr* out);
  Status BindFieldSelect(BoundExprPtr base, const std::string& field, int location,
                         BoundExprPtr* out);
  // (x).*: one expression per field of x's record type (and their names).
  Status ExpandRecordFields(BoundExprPtr base, int location, std::vector<BoundExprPtr>* out,
                            std::vector<std::string>* names);
  // (x).* / (x).f.*: the fields of the record the indirection ends at.
  Status BindFieldStar(const ast::Expr& indirection, BinderScope* scope,
                       std::vector<BoundExprPtr>* out, std::vector<std::string>* names);
  // Replaces a plan's columns by one record column holding them.
  void ProjectAsRecord(PlanPtr* plan) const;
  // ROW(a, b) op record, field by field (SQL row-wise semantics).
  Status CompareRowWithRecord(const std::string& op, BoundExprPtr row, BoundExprPtr record,
                              int location, BoundExprPtr* out);
  // ROW(a, b) op (SELECT x, y): a row-valued scalar subquery.
  Status BindRowSubqueryComparison(const ast::Expr& op_expr, BinderScope* scope, BoundExprPtr* out);
  Status BindRecordOperator(const std::string& op, BoundExprPtr* left, BoundExprPtr* right,
                            int location, bool* handled, BoundExprPtr* out);
  Status BindRowComparison(const std::string& op, BoundExprPtr left, BoundExprPtr right,
                           int location, BoundExprPtr* out);
  Status CoerceRecord(BoundExprPtr* expr, TypeRef target, CoercionContext ctx, int location,
                      bool* handled, BoundExprPtr* out);
  Status RecordInput(TypeRef target, std::string_view text, Value* out) const;
  // json(b)_populate_record(base, js): ROW(CASE WHEN js -> 'f' IS NULL THEN
  // base.f ELSE (js ->> 'f')::type END, ...), or base when js is NULL.
  Status BindPopulateRecord(const std::string& name, std::vector<BoundExprPtr> args, int location,
                            BoundExprPtr* out);
  // Casts to ct[] (TypeRef{kRecordArray, ct}): ARRAY[ROW(..), ..] element by
  // element, text through array_in; 42846 from other record arrays.
  Status CoerceRecordArray(BoundExprPtr* expr, TypeRef target, CoercionContext ctx, int location,
                           bool* handled, BoundExprPtr* out);
  Status BindDomainCast(const ast::Expr& cast, BinderScope* scope, const TypeDef& domain,
                        BoundExprPtr* out);
  Status BindSessionFunction(const std::string& name, std::vector<BoundExprPtr> args, int location,
                             bool* handled, BoundExprPtr* out);

  // Privileges and row-level security (bind_policy.cc).
  void NoteAccess(const TableDef& table, uint32_t priv);
  void NoteColumn(const ScopeColumn& column);
  void NoteWritten(const TableDef& table, uint32_t priv, const std::vector<int>& column_indices);
  RelationAccess& AccessFor(Oid table);
  // Whether policies apply to `table` for the role binding runs as
  // (42501 when row_security is off and they would).
  Status RowSecurityApplies(const TableDef& table, bool* applies, RoleContext* role);
  // Adds the USING quals of `cmd` ('r', 'w', 'd'; with_select: SELECT's
  // too) to `scan` (a scan of `table` whose first slots are its live columns).
  Status AddRowSecurityQuals(const TableDef& table, char cmd, bool with_select, PlanNode* scan);
  // The WITH CHECK expressions new rows of `cmd` ('a', 'w') must pass.
  Status AddRowSecurityChecks(const TableDef& table, char cmd, PlanNode* dml);

  // WITH queries visible while binding; innermost last.
  struct CteBinding {
    std::string name;
    std::shared_ptr<const PlanNode> plan;  // null while its own recursive term is bound
    std::vector<ColumnDesc> columns;
    int id = 0;
    bool recursive_reference = false;    // a reference is the work table
    bool dml_without_returning = false;  // INSERT/UPDATE/DELETE without RETURNING
  };
  // `owner` is the statement the WITH belongs to: data-modifying WITH
  // queries are allowed only on the statement being bound (the top level).
  Status BindWith(const ast::WithClause& with, const ast::Statement* owner, BinderScope* outer,
                  size_t* pushed);
  // INSERT/UPDATE/DELETE ... RETURNING in WITH: bound as a CTE that runs
  // once before the main query (PlanKind::kWithEffects).
  Status BindDmlCte(const ast::CommonTableExpr& cte, CteBinding* binding);
  const CteBinding* FindCte(const std::string& name) const;
  Status BindView(const TableDef& view, const ast::TableRef& ref, BinderScope* scope,
                  PlanPtr* plan);

  std::shared_ptr<const Catalog> catalog_;
  std::shared_ptr<const RoleContext> security_;
  bool row_security_ = true;
  std::vector<Oid> view_owners_;          // owners of the views being expanded, innermost last
  std::vector<RelationAccess> accesses_;  // BoundStatement::accesses
  const FormatContext* format_;
  std::vector<TypeOid> param_hints_;
  std::vector<TypeRef> param_types_;
  std::vector<std::string> param_names_;
  std::string param_qualifier_;
  std::vector<CteBinding> ctes_;
  mutable std::vector<Oid> referenced_;
  int next_cte_id_ = 1;
  int view_depth_ = 0;
  std::vector<ast::StatementPtr> view_asts_;       // parsed views DmlTarget quals point into
  const ast::Statement* top_statement_ = nullptr;  // the statement BindStatement binds
  // INSERT ... SELECT: that SELECT's untyped literals stay unknown, to be
  // read as the target columns' types (PostgreSQL's p_resolve_unknowns).
  const ast::SelectStmt* keep_unknown_outputs_ = nullptr;
  // Data-modifying WITH queries of the top-level statement: (cte id, plan).
  std::vector<std::pair<int, std::shared_ptr<const PlanNode>>> dml_ctes_;
};

// 42501 "permission denied for table t" unless `me` (or, for accesses made
// through a view, the view's owner) holds what `bound` needs: table
// privileges, or the column privileges that cover the columns used.
Status CheckAccesses(const BoundStatement& bound, const RoleContext& me);

// record_in for composite type `type` (22P02 malformed record literal).
Status CompositeInput(const Catalog& catalog, const FormatContext& format, TypeOid type,
                      std::string_view text, Value* out);
// array_in for ct[] (a record array of composite type `type`).
Status CompositeArrayInput(const Catalog& catalog, const FormatContext& format, TypeOid type,
                           std::string_view text, Value* out);

// enum_in: the value of label `text` of enum type `enum_type` (22P02
// `invalid input value for enum mood: "x"` when it is not a label).
Status EnumInput(const Catalog& catalog, TypeOid enum_type, std::string_view text, Value* out);

// A top-level set-returning call in a select list (generate_series, unnest,
// and with `catalog` user functions declared SETOF / RETURNS TABLE).
bool IsSetReturningCall(const ast::Expr& e, const Catalog* catalog = nullptr);

// Why a view's query is not automatically updatable, in PostgreSQL's words
// ("" when it is): CREATE VIEW ... WITH CHECK OPTION requires one that is.
std::string ViewNotUpdatableReason(const ast::SelectStmt& query);
// Appends the set-returning calls in a select-list expression (outermost);
// 0A000 with `forbidden` (or PostgreSQL's message for CASE, COALESCE,
// aggregate and window arguments) when one appears where it may not.
Status CollectSrfCalls(const ast::Expr& e, std::vector<const ast::Expr*>* out,
                       const char* forbidden, const Catalog* catalog = nullptr);

// Structural equality of bound expressions (GROUP BY matching).
bool BoundExprEquals(const BoundExpr& a, const BoundExpr& b);
BoundExprPtr MakeColumnRef(int slot, TypeRef type, int depth = 0);
BoundExprPtr MakeConst(Value v, TypeRef type);
BoundExprPtr CloneExpr(const BoundExpr& e);
// The conjuncts of an AND tree (a null expression has none), and back
// (null for none); used by the binder's and planner's rewrites.
void SplitConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>* out);
BoundExprPtr JoinConjuncts(std::vector<BoundExprPtr> parts);

}  // namespace nano
