// engine/parser/ast.h — HeliosDB Nano's own syntax tree.
//
// The parser (engine/parser/*.cc) turns libpg_query's PostgreSQL 15 parse tree
// into these nodes; nothing outside engine/parser/ sees a libpg_query type.
// The binder (engine/binder/) resolves names and types on this tree.
//
// Conventions
//  * Every node has `location`: a 0-based byte offset into the *whole* query
//    string (as libpg_query reports it), or -1 when unknown. Errors report
//    location + 1 as PostgreSQL's "position".
//  * Names are stored as PostgreSQL folds them: unquoted identifiers lower
//    case, quoted ones verbatim.
//  * Ownership: a tree owns its children through unique_ptr. Trees are
//    immutable after parsing (the binder reads them, never writes).
//  * One fat `Expr` struct with a `kind` tag keeps the transform and the
//    binder simple; fields not used by a kind stay empty.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nano::ast {

struct Expr;
struct SelectStmt;
struct TableRef;
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

// A type as written: `int`, `varchar(10)`, `numeric(10,2)[]`, `pg_catalog.int4`,
// `timestamp with time zone`. The parser maps SQL-standard spellings to
// PostgreSQL's internal names as gram.y does (e.g. "int4", "varchar",
// "bpchar", "timestamptz", "float8"), so `names.back()` is a pg_type name.
struct TypeName {
  std::vector<std::string> names;
  std::vector<int32_t> modifiers;  // integer typmods only
  int array_dims = 0;              // `int[]` -> 1, `int[][]` -> 2
  bool pct_type = false;           // %TYPE (unsupported)
  int location = -1;
};

enum class SortDir { kDefault, kAsc, kDesc };
enum class NullsOrder { kDefault, kFirst, kLast };

struct SortBy {
  ExprPtr expr;
  SortDir dir = SortDir::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
  std::string using_op;  // ORDER BY x USING <
  int location = -1;
};

// Window frame options follow PostgreSQL's FRAMEOPTION_* bits.
struct WindowDef {
  std::string name;      // WINDOW w AS (...) — the definition's name
  std::string ref_name;  // OVER (w ...) — refers to a named window
  ExprList partition_by;
  std::vector<SortBy> order_by;
  int frame_options = 0;  // FRAMEOPTION_* as in PostgreSQL's parsenodes.h
  ExprPtr start_offset;
  ExprPtr end_offset;
  int location = -1;
};

enum class ExprKind {
  kConst,         // const_kind + str/ival
  kColumnRef,     // names (a.b.c); star = true for `a.*` / `*` (bare `*`: star, names empty)
  kParam,         // $n: param_number
  kOp,            // op name; left (null for prefix) and right
  kAnd,           // args
  kOr,            // args
  kNot,           // args[0]
  kFuncCall,      // func_name, args, agg_*, over
  kCast,          // args[0]::type_name
  kCase,          // arg (optional), whens (pairs: args[2i] cond, args[2i+1] result), default_result
  kNullTest,      // args[0] IS [NOT] NULL (negated)
  kBoolTest,      // args[0] IS [NOT] TRUE/FALSE/UNKNOWN (bool_test)
  kDistinctFrom,  // left IS [NOT] DISTINCT FROM right (negated = NOT DISTINCT)
  kInList,        // left [NOT] IN (args...)
  kLike,     // left [NOT] LIKE right [ESCAPE escape]; like_kind picks LIKE/ILIKE/SIMILAR; str = PG
             // operator ("~~", "!~~*", "~")
  kBetween,  // args[0] [NOT] BETWEEN [SYMMETRIC] args[1] AND args[2]
  kSubLink,  // sublink_type, left (test expr), op in str, subquery; `x IN (SELECT ..)` is kAny with
             // str "="
  kAnyAll,   // left op ANY/ALL (right) where right is an array expression (all = true for ALL)
  kArray,    // ARRAY[args...] / '{...}' array constructor
  kRow,      // ROW(args...) / (a, b)
  kCoalesce,      // args
  kGreatest,      // args
  kLeast,         // args
  kNullIf,        // left, right
  kSqlValue,      // svf: CURRENT_DATE, CURRENT_TIMESTAMP(p), CURRENT_USER, ...; ival = typmod or -1
  kIndirection,   // args[0] followed by indirection steps (subscripts / field names)
  kCollate,       // args[0] COLLATE collation (collation in str)
  kDefault,       // DEFAULT in VALUES / UPDATE SET
  kGroupingFunc,  // GROUPING(args...)
  kStar,          // not produced by the parser (bare `*` is kColumnRef, count(*) sets agg_star)
};

enum class ConstKind { kInteger, kNumeric, kString, kBool, kNull, kBitString };
enum class BoolTestKind { kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown };
enum class LikeKind { kLike, kILike, kSimilar };
enum class SubLinkType { kExists, kAny, kAll, kExpr, kArray };
enum class SqlValueKind {
  kCurrentDate,
  kCurrentTime,
  kCurrentTimestamp,
  kLocalTime,
  kLocalTimestamp,
  kCurrentRole,
  kCurrentUser,
  kUser,
  kSessionUser,
  kCurrentCatalog,
  kCurrentSchema,
};

// One step of `x[1]`, `x[1:2]`, `(x).field`.
struct Indirection {
  bool is_slice = false;
  ExprPtr lower;      // subscript (or slice lower bound; null = omitted)
  ExprPtr upper;      // slice upper bound (null = omitted)
  std::string field;  // field selection when non-empty; "*" for (x).*
};

struct Expr {
  ExprKind kind = ExprKind::kConst;
  int location = -1;

  // kConst
  ConstKind const_kind = ConstKind::kNull;
  std::string str;  // kConst text (numbers as written), kOp operator, kCollate collation
  int64_t ival =
      0;  // kConst integer value (fits int32 per PostgreSQL's rule when kInteger), kSqlValue typmod

  // kColumnRef
  std::vector<std::string> names;
  bool star = false;

  // kParam
  int param_number = 0;

  // Operands. kOp/kDistinctFrom/kInList/kLike/kSubLink/kAnyAll/kNullIf use left/right.
  ExprPtr left;
  ExprPtr right;
  ExprPtr escape;  // kLike ESCAPE
  ExprList args;
  bool negated = false;    // NOT IN, NOT LIKE, IS NOT NULL, NOT BETWEEN, IS NOT DISTINCT FROM
  bool symmetric = false;  // BETWEEN SYMMETRIC
  bool all = false;        // kAnyAll / kSubLink: ALL rather than ANY

  // kFuncCall
  std::vector<std::string> func_name;  // possibly schema-qualified
  // Named notation of a function the parser does not know (a user function):
  // per argument its name, "" for a positional one; empty = all positional.
  std::vector<std::string> arg_names;
  bool agg_star = false;  // count(*)
  bool agg_distinct = false;
  bool func_variadic = false;
  std::vector<SortBy> agg_order;  // string_agg(x, ',' ORDER BY y)
  bool agg_within_group = false;
  ExprPtr agg_filter;               // FILTER (WHERE ...)
  std::unique_ptr<WindowDef> over;  // OVER (...)

  // kCast
  std::unique_ptr<TypeName> type_name;

  // kCase: args holds WHEN/THEN pairs; `left` is the CASE operand (optional).
  ExprPtr default_result;

  // kBoolTest / kLike / kSubLink / kSqlValue
  BoolTestKind bool_test = BoolTestKind::kIsTrue;
  LikeKind like_kind = LikeKind::kLike;
  SubLinkType sublink_type = SubLinkType::kExists;
  std::unique_ptr<SelectStmt> subquery;
  SqlValueKind svf = SqlValueKind::kCurrentDate;

  // kIndirection
  std::vector<Indirection> indirection;
};

// ---------------------------------------------------------------------------
// FROM clause

struct Alias {
  std::string name;
  std::vector<std::string> columns;
};

// FROM (VALUES ...) arrives as kSubquery whose SelectStmt has `values`; the
// parser does not produce kValues.
enum class TableRefKind { kRelation, kSubquery, kJoin, kFunction, kValues };
enum class JoinType { kInner, kLeft, kRight, kFull, kCross };

struct RangeVar {
  std::string catalog;  // database, rarely given
  std::string schema;   // empty = search_path
  std::string name;
  bool inh = true;  // false for ONLY t
  int location = -1;
};

struct TableRef {
  TableRefKind kind = TableRefKind::kRelation;
  int location = -1;
  std::optional<Alias> alias;
  bool lateral = false;

  // kRelation
  RangeVar relation;
  // kSubquery
  std::unique_ptr<SelectStmt> subquery;
  // kJoin
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  std::unique_ptr<TableRef> left;
  std::unique_ptr<TableRef> right;
  std::vector<std::string> using_columns;
  std::string using_alias;  // JOIN ... USING (a) AS x
  ExprPtr quals;            // ON condition
  // kFunction: one or more calls (ROWS FROM (...)); with_ordinality.
  ExprList functions;
  bool with_ordinality = false;
  struct ColumnDefinition {
    std::string name;
    TypeName type;
  };
  std::vector<ColumnDefinition> column_definitions;  // AS t(a int, b text)
};
using TableRefPtr = std::unique_ptr<TableRef>;

// ---------------------------------------------------------------------------
// Statements

enum class StmtKind {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateTableAs,
  kCreateIndex,
  kCreateSequence,
  kAlterSequence,
  kCreateSchema,
  kCreateDatabase,
  kCreateView,
  kCreateFunction,
  kCreateAggregate,
  kCreateOperator,
  kDo,
  kCreateType,
  kAlterEnum,
  kAlterDomain,
  kDrop,
  kDropDatabase,
  kAlterTable,
  kRename,
  kTruncate,
  kTransaction,
  kVariableSet,
  kVariableShow,
  kExplain,
  kCopy,
  kPrepare,
  kExecute,
  kDeallocate,
  kDiscard,
  kComment,
  kCreateTrigger,
  kCreateRole,  // CREATE ROLE / USER / GROUP, ALTER ROLE (RoleStmt)
  kDropRole,
  kGrantRole,     // GRANT / REVOKE role TO role
  kGrant,         // GRANT / REVOKE privileges ON objects
  kCreatePolicy,  // CREATE / ALTER POLICY
  kAlterOwner,    // ALTER ... OWNER TO
  kUnsupported,
};

struct Statement {
  explicit Statement(StmtKind k) : kind(k) {}
  virtual ~Statement() = default;
  StmtKind kind;
  int stmt_location = 0;  // byte offset of this statement in the query string
  int stmt_len = 0;       // 0 = to the end of the string
};
using StatementPtr = std::unique_ptr<Statement>;

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> column_names;
  enum class Materialize { kDefault, kAlways, kNever } materialize = Materialize::kDefault;
  StatementPtr query;  // SelectStmt, or INSERT/UPDATE/DELETE with RETURNING
  int location = -1;
};

struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;
};

struct ResTarget {
  std::string name;                      // AS name (SELECT) or target column (INSERT/UPDATE)
  std::vector<Indirection> indirection;  // UPDATE t SET a[1] = ...
  ExprPtr value;
  int location = -1;
  // SET (a, b) = ROW(v.*): a ROW source with `*` items cannot be split by the
  // parser; each target holds the whole ROW (value) and takes its
  // row_column'th (1-based) field once bound, which must have row_columns.
  int row_column = 0;
  int row_columns = 0;
};

enum class SetOp { kNone, kUnion, kIntersect, kExcept };
enum class LimitOption { kCount, kWithTies };

struct LockingClause {
  enum class Strength { kUpdate, kNoKeyUpdate, kShare, kKeyShare } strength = Strength::kUpdate;
  std::vector<RangeVar> relations;
  enum class WaitPolicy { kBlock, kSkip, kError } wait = WaitPolicy::kBlock;
};

struct SelectStmt : Statement {
  SelectStmt() : Statement(StmtKind::kSelect) {}
  // Simple SELECT (op == kNone)
  bool distinct = false;  // SELECT DISTINCT
  ExprList distinct_on;   // SELECT DISTINCT ON (...)
  std::vector<ResTarget> targets;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  ExprList group_by;  // plain GROUP BY expressions (also when mixed with grouping_sets)
  struct GroupingSet {
    enum class Kind { kEmpty, kSimple, kRollup, kCube, kSets } kind = Kind::kSimple;
    ExprList content;  // kSimple: one expression; others: members (may be kRow for (a,b))
    std::vector<GroupingSet> sets;  // kSets: nested sets
  };
  std::vector<GroupingSet> grouping_sets;  // non-empty when GROUP BY uses ROLLUP/CUBE/GROUPING SETS
  bool group_distinct = false;
  ExprPtr having;
  std::vector<WindowDef> windows;  // WINDOW clause
  std::vector<ExprList> values;    // VALUES (..), (..) when non-empty (targets/from unused)
  // Set operation (op != kNone): left op [ALL] right
  SetOp op = SetOp::kNone;
  bool all = false;
  std::unique_ptr<SelectStmt> larg;
  std::unique_ptr<SelectStmt> rarg;
  // Applies to the whole statement
  std::vector<SortBy> order_by;
  ExprPtr limit_count;  // null = none; a kConst kNull for LIMIT ALL
  ExprPtr limit_offset;
  LimitOption limit_option = LimitOption::kCount;
  std::unique_ptr<WithClause> with;
  std::vector<LockingClause> locking;
  // SELECT ... INTO t (CREATE TABLE AS)
  std::optional<RangeVar> into;
  char into_persistence = 'p';  // SELECT ... INTO TEMP / UNLOGGED t: 't' / 'u'
};

struct OnConflict {
  enum class Action { kNothing, kUpdate } action = Action::kNothing;
  std::vector<std::string> infer_columns;  // ON CONFLICT (a, b)
  ExprPtr infer_where;
  std::string constraint_name;          // ON CONFLICT ON CONSTRAINT c
  std::vector<ResTarget> set;           // DO UPDATE SET ...
  std::vector<int> multi_assign_index;  // as UpdateStmt::multi_assign_index, one per `set` entry
  ExprPtr where;                        // DO UPDATE ... WHERE
  int location = -1;
};

struct InsertStmt : Statement {
  InsertStmt() : Statement(StmtKind::kInsert) {}
  RangeVar table;
  std::optional<std::string> alias;
  std::vector<ResTarget> columns;      // name (+ indirection) only
  std::unique_ptr<SelectStmt> select;  // VALUES or SELECT; null = DEFAULT VALUES
  std::unique_ptr<OnConflict> on_conflict;
  std::vector<ResTarget> returning;
  std::unique_ptr<WithClause> with;
  enum class Override { kNone, kUserValue, kSystemValue } override_kind = Override::kNone;
};

struct UpdateStmt : Statement {
  UpdateStmt() : Statement(StmtKind::kUpdate) {}
  RangeVar table;
  std::optional<std::string> alias;
  // SET a = x, (b, c) = (y, z): the parser expands a ROW source into one
  // ResTarget per column. For (b, c) = (SELECT ...) every target's value is
  // the same kSubLink (kExpr, owned by the first; later ones hold a kSubLink
  // with no subquery) and multi_assign_index[i] is the 1-based column of the
  // subquery's row to take; 0 for ordinary assignments.
  std::vector<ResTarget> set;
  std::vector<int> multi_assign_index;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<ResTarget> returning;
  std::unique_ptr<WithClause> with;
};

struct DeleteStmt : Statement {
  DeleteStmt() : Statement(StmtKind::kDelete) {}
  RangeVar table;
  std::optional<std::string> alias;
  std::vector<TableRefPtr> using_;
  ExprPtr where;
  std::vector<ResTarget> returning;
  std::unique_ptr<WithClause> with;
};

// Generic option `name [= value]` (sequence options, COPY options, CREATE
// DATABASE options, EXPLAIN options, WITH (...) storage options).
struct DefElem {
  std::string name;
  enum class ArgKind {
    kNone,
    kInteger,
    kNumber,
    kString,
    kBool,
    kTypeName,
    kList,
    kDefault
  } arg_kind = ArgKind::kNone;
  std::string str;   // kString / kNumber text / kTypeName / identifiers
  int64_t ival = 0;  // kInteger
  bool bval = false;
  std::vector<std::string> list;  // kList of identifiers (e.g. OWNED BY t.c, FORCE_QUOTE (a,b))
  std::unique_ptr<TypeName> type_name;  // AS type in CREATE SEQUENCE
  int location = -1;
};

enum class ConstraintKind {
  kNull,
  kNotNull,
  kDefault,
  kCheck,
  kPrimaryKey,
  kUnique,
  kForeignKey,
  kIdentity,
  kGenerated,
  kExclusion,
};
enum class FkAction { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

struct Constraint {
  ConstraintKind kind = ConstraintKind::kNull;
  std::string name;               // CONSTRAINT name (empty = generated)
  ExprPtr expr;                   // CHECK / DEFAULT / GENERATED expression
  std::string expr_text;          // the expression's source text, for catalogs and dumps
  std::vector<std::string> keys;  // PRIMARY KEY (a, b) / UNIQUE (...) / FOREIGN KEY (...) columns
  std::vector<std::string> including;
  bool nulls_not_distinct = false;
  // FOREIGN KEY
  RangeVar pk_table;
  std::vector<std::string> pk_columns;
  FkAction on_delete = FkAction::kNoAction;
  FkAction on_update = FkAction::kNoAction;
  char match_type = 's';  // 's' simple, 'f' full, 'p' partial
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;  // skip_validation
  bool no_inherit = false;
  // IDENTITY: 'a' ALWAYS, 'd' BY DEFAULT; sequence options
  char generated_when = 0;
  std::vector<DefElem> options;
  std::string index_name;  // USING INDEX
  int location = -1;
};

struct ColumnDef {
  std::string name;
  TypeName type;
  std::vector<Constraint> constraints;
  std::string collation;
  int location = -1;
};

// PARTITION BY LIST|RANGE|HASH (key, ...): each key is a column name or an
// expression (expression keys are not supported yet).
struct PartitionSpec {
  char strategy = 0;                 // 'l', 'r', 'h'
  std::vector<std::string> columns;  // empty string where the key is an expression
  std::vector<std::string> exprs;    // the expression's SQL text where columns[i] is empty
  int location = -1;
};

// FOR VALUES ... | DEFAULT of CREATE TABLE ... PARTITION OF / ATTACH
// PARTITION. Range datums MINVALUE / MAXVALUE arrive as column references
// named minvalue / maxvalue, as PostgreSQL's grammar gives them.
struct PartitionBoundSpec {
  char strategy = 0;  // 'l' IN, 'r' FROM/TO, 'h' WITH; 0 with is_default
  bool is_default = false;
  int32_t modulus = 0, remainder = 0;
  ExprList list, lower, upper;
  int location = -1;
};

struct CreateTableStmt : Statement {
  CreateTableStmt() : Statement(StmtKind::kCreateTable) {}
  RangeVar table;
  std::vector<ColumnDef> columns;
  std::vector<Constraint> constraints;  // table constraints
  std::vector<RangeVar> inherits;
  bool if_not_exists = false;
  char persistence = 'p';           // 'p' permanent, 't' temp, 'u' unlogged
  bool has_partition_spec = false;  // PARTITION BY: partition_spec holds it
  PartitionSpec partition_spec;
  // PARTITION OF inherits[0] FOR VALUES ...: null for ordinary tables.
  std::unique_ptr<PartitionBoundSpec> partition_bound;
  // LIKE source [INCLUDING | EXCLUDING ...] among the table elements.
  struct Like {
    RangeVar table;
    uint32_t options = 0;  // kLike* bits (PostgreSQL's CREATE_TABLE_LIKE_*)
    size_t position = 0;   // how many of `columns` come before it
  };
  static constexpr uint32_t kLikeComments = 1u << 0;
  static constexpr uint32_t kLikeConstraints = 1u << 2;
  static constexpr uint32_t kLikeDefaults = 1u << 3;
  static constexpr uint32_t kLikeGenerated = 1u << 4;
  static constexpr uint32_t kLikeIdentity = 1u << 5;
  static constexpr uint32_t kLikeIndexes = 1u << 6;
  std::vector<Like> likes;
};

struct CreateTableAsStmt : Statement {
  CreateTableAsStmt() : Statement(StmtKind::kCreateTableAs) {}
  RangeVar table;
  std::vector<std::string> column_names;
  std::unique_ptr<SelectStmt> query;
  bool if_not_exists = false;
  bool with_no_data = false;
  bool is_materialized_view = false;
  char persistence = 'p';
};

struct IndexElem {
  std::string column;  // or empty when expr is set
  ExprPtr expr;
  std::string expr_text;
  SortDir dir = SortDir::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
  std::string opclass;
  std::string collation;
};

struct CreateIndexStmt : Statement {
  CreateIndexStmt() : Statement(StmtKind::kCreateIndex) {}
  std::string name;  // empty = generated as PostgreSQL does
  RangeVar table;
  std::string access_method;  // "btree" default, "hash", "hnsw" ...
  std::vector<IndexElem> params;
  std::vector<std::string> including;
  ExprPtr where;  // partial index predicate
  std::string where_text;
  bool unique = false;
  bool nulls_not_distinct = false;
  bool if_not_exists = false;
  bool concurrent = false;
  bool primary = false;
  std::vector<DefElem> options;
};

struct CreateSequenceStmt : Statement {
  CreateSequenceStmt() : Statement(StmtKind::kCreateSequence) {}
  RangeVar sequence;
  std::vector<DefElem> options;
  bool if_not_exists = false;
  char persistence = 'p';
};

struct AlterSequenceStmt : Statement {
  AlterSequenceStmt() : Statement(StmtKind::kAlterSequence) {}
  RangeVar sequence;
  std::vector<DefElem> options;
  bool missing_ok = false;
};

struct CreateSchemaStmt : Statement {
  CreateSchemaStmt() : Statement(StmtKind::kCreateSchema) {}
  std::string name;
  std::string authorization;
  bool if_not_exists = false;
  std::vector<StatementPtr> elements;  // CREATE SCHEMA s CREATE TABLE ...
};

struct CreateDatabaseStmt : Statement {
  CreateDatabaseStmt() : Statement(StmtKind::kCreateDatabase) {}
  std::string name;
  std::vector<DefElem> options;  // template, owner, encoding, ...
};

struct DropDatabaseStmt : Statement {
  DropDatabaseStmt() : Statement(StmtKind::kDropDatabase) {}
  std::string name;
  bool missing_ok = false;
  bool force = false;
};

struct CreateViewStmt : Statement {
  CreateViewStmt() : Statement(StmtKind::kCreateView) {}
  RangeVar view;
  std::vector<std::string> column_names;
  std::unique_ptr<SelectStmt> query;
  std::string query_text;  // source text of the query, for pg_views/dumps
  bool replace = false;
  char persistence = 'p';
  std::string check_option;  // "", "local", "cascaded"
};

// CREATE [OR REPLACE] FUNCTION name(params) RETURNS ... LANGUAGE ... AS ...
struct FunctionParam {
  std::string name;  // empty = unnamed
  TypeName type;
  char mode = 'i';           // pg_proc.proargmodes: i, o, b (INOUT), v (VARIADIC), t (TABLE)
  std::string default_text;  // DEFAULT expression's SQL text, empty = none
};

struct CreateFunctionStmt : Statement {
  CreateFunctionStmt() : Statement(StmtKind::kCreateFunction) {}
  std::vector<std::string> name;  // possibly qualified
  bool replace = false;
  bool is_procedure = false;
  std::vector<FunctionParam> params;
  bool has_return_type = false;
  TypeName return_type;
  bool returns_set = false;  // SETOF, or RETURNS TABLE
  std::string language;      // lower-cased; empty = not given
  std::string body;          // AS 'text' or the BEGIN ATOMIC statements' text
  bool atomic_body = false;  // BEGIN ATOMIC ... END
  char volatility = 'v';     // i / s / v
  bool strict = false;
  double cost = -1;  // -1 = default
  double rows = -1;
  std::string source_text;  // the whole statement (PL/pgSQL's parser reads it)
  int location = -1;
};

// CREATE [OR REPLACE] AGGREGATE name (args) (options), the old form
// CREATE AGGREGATE name (BASETYPE = t, ...), and the ordered-set form
// (direct args ORDER BY aggregated args).
struct CreateAggregateStmt : Statement {
  CreateAggregateStmt() : Statement(StmtKind::kCreateAggregate) {}
  std::vector<std::string> name;  // possibly qualified
  bool replace = false;
  bool old_style = false;             // options carry BASETYPE; no argument list
  std::vector<FunctionParam> params;  // empty for name(*)
  int num_direct_args = -1;           // ORDER BY form: parameters before ORDER BY; else -1
  std::vector<DefElem> options;       // SFUNC, STYPE, ... as written (case kept)
};

// CREATE OPERATOR name (FUNCTION = f, LEFTARG = t, RIGHTARG = t, ...).
struct CreateOperatorStmt : Statement {
  CreateOperatorStmt() : Statement(StmtKind::kCreateOperator) {}
  std::vector<std::string> name;  // [schema,] symbol
  std::vector<DefElem> options;
};

// DO [LANGUAGE lang] 'code': an anonymous PL/pgSQL block.
struct DoStmt : Statement {
  DoStmt() : Statement(StmtKind::kDo) {}
  std::string body;
  std::string language = "plpgsql";
};

struct CreateTypeStmt : Statement {
  CreateTypeStmt() : Statement(StmtKind::kCreateType) {}
  std::vector<std::string> name;  // possibly qualified
  enum class Form { kEnum, kComposite, kDomain } form = Form::kEnum;
  std::vector<std::string> enum_labels;
  std::vector<ColumnDef> attributes;  // composite
  // domain
  TypeName base_type;
  std::vector<Constraint> constraints;
};

// ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'new' [BEFORE | AFTER 'neighbor']
// or ALTER TYPE name RENAME VALUE 'old' TO 'new'.
struct AlterEnumStmt : Statement {
  AlterEnumStmt() : Statement(StmtKind::kAlterEnum) {}
  std::vector<std::string> name;  // possibly qualified
  std::string old_value;          // non-empty: RENAME VALUE
  std::string new_value;
  std::string neighbor;  // ADD VALUE ... BEFORE/AFTER this label (empty = at the end)
  bool after = false;
  bool if_not_exists = false;
};

// ALTER DOMAIN name { SET DEFAULT expr | DROP DEFAULT | SET NOT NULL |
// DROP NOT NULL | ADD constraint | DROP CONSTRAINT [IF EXISTS] c [CASCADE] |
// VALIDATE CONSTRAINT c }. `subtype` is PostgreSQL's letter: T (default),
// O (set not null), N (drop not null), C (add), X (drop), V (validate).
struct AlterDomainStmt : Statement {
  AlterDomainStmt() : Statement(StmtKind::kAlterDomain) {}
  std::vector<std::string> name;  // possibly qualified
  char subtype = 'T';
  std::string default_text;                // T: empty = DROP DEFAULT
  std::unique_ptr<Constraint> constraint;  // C
  std::string constraint_name;             // X, V
  bool missing_ok = false;                 // X: IF EXISTS
};

enum class ObjectType {
  kTable,
  kIndex,
  kSequence,
  kView,
  kMaterializedView,
  kSchema,
  kType,
  kDomain,
  kFunction,
  kAggregate,
  kOperator,
  kTrigger,
  kPolicy,
  kDatabase,
  kColumn,
  kConstraint,
  kRole,
  kOther,
};
enum class DropBehavior { kRestrict, kCascade };

struct DropStmt : Statement {
  DropStmt() : Statement(StmtKind::kDrop) {}
  ObjectType object_type = ObjectType::kTable;
  std::vector<std::vector<std::string>> objects;  // each possibly qualified
  // DROP FUNCTION: per object, whether an argument list was given and its types.
  std::vector<bool> args_given;
  std::vector<std::vector<TypeName>> object_args;
  bool missing_ok = false;
  DropBehavior behavior = DropBehavior::kRestrict;
  bool concurrent = false;
};

enum class AlterTableCmdKind {
  kAddColumn,
  kDropColumn,
  kAlterColumnType,
  kSetDefault,
  kDropDefault,
  kSetNotNull,
  kDropNotNull,
  kAddConstraint,
  kDropConstraint,
  kAddIdentity,
  kDropIdentity,
  kAddInherit,       // INHERIT parent (relation)
  kDropInherit,      // NO INHERIT parent
  kAttachPartition,  // ATTACH PARTITION relation FOR VALUES ... (bound)
  kDetachPartition,  // DETACH PARTITION relation
  kEnableRowSecurity,
  kDisableRowSecurity,
  kForceRowSecurity,
  kNoForceRowSecurity,
  kChangeOwner,  // OWNER TO role (name)
  kOther,
};

struct AlterTableCmd {
  AlterTableCmdKind kind = AlterTableCmdKind::kOther;
  std::string name;                        // column or constraint name
  std::unique_ptr<ColumnDef> column;       // kAddColumn, kAlterColumnType (type only)
  std::unique_ptr<Constraint> constraint;  // kAddConstraint, kAddIdentity
  ExprPtr default_expr;                    // kSetDefault
  std::string default_text;
  ExprPtr using_expr;  // ALTER COLUMN TYPE ... USING
  bool missing_ok = false;
  DropBehavior behavior = DropBehavior::kRestrict;
  bool if_not_exists = false;  // ADD COLUMN IF NOT EXISTS
  std::string other_name;      // kOther: libpg_query's subtype name, for the error
  RangeVar relation;           // kAddInherit / kDropInherit / kAttach- / kDetachPartition
  std::unique_ptr<PartitionBoundSpec> bound;  // kAttachPartition
};

struct AlterTableStmt : Statement {
  AlterTableStmt() : Statement(StmtKind::kAlterTable) {}
  RangeVar table;
  ObjectType object_type = ObjectType::kTable;  // ALTER INDEX / SEQUENCE / VIEW share the node
  std::vector<AlterTableCmd> cmds;
  bool missing_ok = false;
};

struct RenameStmt : Statement {
  RenameStmt() : Statement(StmtKind::kRename) {}
  ObjectType object_type =
      ObjectType::kTable;  // what is renamed (kColumn, kConstraint, kTable, ...)
  ObjectType relation_type = ObjectType::kTable;
  RangeVar relation;                // for table/column/constraint/index/sequence/view
  std::vector<std::string> object;  // for schema/database/type
  std::string subname;              // old column/constraint name
  std::string new_name;
  bool missing_ok = false;
  std::vector<TypeName> object_args;  // ALTER AGGREGATE f(args) RENAME: the argument types
};

struct TruncateStmt : Statement {
  TruncateStmt() : Statement(StmtKind::kTruncate) {}
  std::vector<RangeVar> tables;
  bool restart_identity = false;
  DropBehavior behavior = DropBehavior::kRestrict;
};

enum class TransactionKind {
  kBegin,
  kStart,
  kCommit,
  kRollback,
  kSavepoint,
  kRelease,
  kRollbackTo,
  kPrepare,
  kCommitPrepared,
  kRollbackPrepared,
};

struct TransactionStmt : Statement {
  TransactionStmt() : Statement(StmtKind::kTransaction) {}
  TransactionKind txn_kind = TransactionKind::kBegin;
  std::vector<DefElem>
      options;  // transaction_isolation = 'repeatable read', transaction_read_only = true, ...
  std::string savepoint_name;
  bool chain = false;
};

struct VariableSetStmt : Statement {
  VariableSetStmt() : Statement(StmtKind::kVariableSet) {}
  enum class Kind { kValue, kDefault, kCurrent, kMulti, kReset, kResetAll } set_kind = Kind::kValue;
  std::string name;  // lower-cased; "transaction" / "session characteristics" for kMulti
  // Values as written: identifiers/strings in `str`, numbers in `str` too.
  std::vector<DefElem> args;
  bool is_local = false;
};

struct VariableShowStmt : Statement {
  VariableShowStmt() : Statement(StmtKind::kVariableShow) {}
  std::string name;  // "all" for SHOW ALL
};

struct ExplainStmt : Statement {
  ExplainStmt() : Statement(StmtKind::kExplain) {}
  StatementPtr query;
  std::vector<DefElem> options;  // analyze, verbose, costs, format, ...
};

struct CopyStmt : Statement {
  CopyStmt() : Statement(StmtKind::kCopy) {}
  std::optional<RangeVar> table;
  std::vector<std::string> columns;
  StatementPtr query;  // COPY (SELECT ...) TO
  bool is_from = false;
  bool is_program = false;
  std::string filename;          // empty = STDIN / STDOUT
  std::vector<DefElem> options;  // format, delimiter, null, header, quote, escape, force_quote, ...
  ExprPtr where;
};

struct PrepareStmt : Statement {
  PrepareStmt() : Statement(StmtKind::kPrepare) {}
  std::string name;
  std::vector<TypeName> arg_types;
  StatementPtr query;
};

struct ExecuteStmt : Statement {
  ExecuteStmt() : Statement(StmtKind::kExecute) {}
  std::string name;
  ExprList params;
};

struct DeallocateStmt : Statement {
  DeallocateStmt() : Statement(StmtKind::kDeallocate) {}
  std::string name;  // empty = ALL
};

struct DiscardStmt : Statement {
  DiscardStmt() : Statement(StmtKind::kDiscard) {}
  std::string target;  // "all", "plans", "sequences", "temp"
};

struct CommentStmt : Statement {
  CommentStmt() : Statement(StmtKind::kComment) {}
  ObjectType object_type = ObjectType::kTable;
  std::vector<std::string> object;     // qualified name (for columns: ..., table, column)
  std::optional<std::string> comment;  // nullopt = IS NULL
  std::vector<TypeName> object_args;   // FUNCTION / AGGREGATE f(args): the argument types
};

// CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name {BEFORE | AFTER | INSTEAD OF}
// event [OR ...] ON table [REFERENCING ...] [FOR [EACH] {ROW | STATEMENT}]
// [WHEN (cond)] EXECUTE {FUNCTION | PROCEDURE} f(args). `timing` and
// `events` are pg_trigger.tgtype's bits (catalog.h kTriggerType*).
struct CreateTriggerStmt : Statement {
  CreateTriggerStmt() : Statement(StmtKind::kCreateTrigger) {}
  bool replace = false;
  bool is_constraint = false;
  std::string name;
  RangeVar table;
  std::vector<std::string> func_name;  // possibly qualified
  std::vector<std::string> args;       // the arguments' texts
  bool row = false;
  int timing = 0;
  int events = 0;
  std::vector<std::string> columns;  // UPDATE OF
  ExprPtr when;
  std::string when_text;
  struct Transition {
    std::string name;
    bool is_new = false;
    bool is_table = true;
  };
  std::vector<Transition> transitions;
  bool deferrable = false;
  bool initdeferred = false;
  bool has_from = false;  // CONSTRAINT TRIGGER ... FROM table (unsupported)
  int location = -1;
};

// Parsed but not supported: the binder answers 0A000 naming the statement.
struct UnsupportedStmt : Statement {
  UnsupportedStmt() : Statement(StmtKind::kUnsupported) {}
  std::string node_name;    // libpg_query node name, e.g. "CreateFunctionStmt"
  std::string description;  // SQL spelling for the message, e.g. "CREATE FUNCTION"
};

// ---- Roles, privileges and policies (transform_roles.cc) ----

// A role as a statement names it: a name, PUBLIC, CURRENT_USER / CURRENT_ROLE
// or SESSION_USER.
struct RoleSpec {
  enum class Kind { kName, kPublic, kCurrentUser, kSessionUser } kind = Kind::kName;
  std::string name;
  int location = -1;
};

// CREATE ROLE / USER / GROUP name [WITH] options; ALTER ROLE name options.
struct RoleOption {
  std::string name;  // superuser, createdb, canlogin, password, validUntil, addroleto, ...
  bool bval = false;
  int64_t ival = 0;
  bool is_null = false;  // PASSWORD NULL
  std::string str;
  std::vector<RoleSpec> roles;  // IN ROLE / ROLE / ADMIN lists
  int location = -1;
};

struct CreateRoleStmt : Statement {
  CreateRoleStmt() : Statement(StmtKind::kCreateRole) {}
  bool alter = false;
  char role_kind = 'r';  // 'r' ROLE, 'u' USER (LOGIN by default), 'g' GROUP
  RoleSpec role;
  std::vector<RoleOption> options;
};

struct DropRoleStmt : Statement {
  DropRoleStmt() : Statement(StmtKind::kDropRole) {}
  std::vector<RoleSpec> roles;
  bool missing_ok = false;
};

struct GrantRoleStmt : Statement {
  GrantRoleStmt() : Statement(StmtKind::kGrantRole) {}
  bool is_grant = true;
  std::vector<std::string> granted;  // the roles granted
  std::vector<RoleSpec> grantees;
  bool admin_option = false;
};

struct GrantStmt : Statement {
  GrantStmt() : Statement(StmtKind::kGrant) {}
  bool is_grant = true;
  bool all_in_schema = false;  // ON ALL TABLES/SEQUENCES/FUNCTIONS IN SCHEMA
  ObjectType object_type = ObjectType::kTable;
  std::vector<std::vector<std::string>> objects;  // qualified names (or schema names)
  // ALL [PRIVILEGES] when empty.
  struct Privilege {
    std::string name;  // lower case
    std::vector<std::string> columns;
  };
  std::vector<Privilege> privileges;
  std::vector<RoleSpec> grantees;
  bool grant_option = false;
  DropBehavior behavior = DropBehavior::kRestrict;
};

struct CreatePolicyStmt : Statement {
  CreatePolicyStmt() : Statement(StmtKind::kCreatePolicy) {}
  bool alter = false;
  std::string name;
  RangeVar table;
  std::string command = "all";  // all / select / insert / update / delete
  bool permissive = true;
  std::vector<RoleSpec> roles;  // empty: unchanged (ALTER) or PUBLIC (CREATE)
  std::string using_text;       // deparsed; empty = none
  std::string check_text;
  bool has_using = false, has_check = false;
};

struct AlterOwnerStmt : Statement {
  AlterOwnerStmt() : Statement(StmtKind::kAlterOwner) {}
  ObjectType object_type = ObjectType::kTable;
  std::vector<std::string> object;  // schema name / qualified name
  RoleSpec new_owner;
};

}  // namespace nano::ast
