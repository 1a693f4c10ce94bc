// engine/catalog/catalog.h — the schema objects of one database.
//
// A Catalog is an immutable snapshot: schemas, tables (and views and
// sequences, which PostgreSQL also keeps in pg_class), their columns,
// indexes and constraints. Sessions read a shared_ptr<const Catalog>; DDL
// copies it (Clone), changes the copy inside its transaction and publishes
// the copy at commit. So readers never lock and DDL is transactional.
//
// Persistence: each object is one key in the database's branch of the
// versioned store, under the system table id kCatalogTableId (see
// catalog_store.h), so clones (CREATE DATABASE ... TEMPLATE), dumps and time
// travel include the catalog for free.
//
// OIDs: every object gets an oid from the database's counter, starting at
// kFirstUserOid (16384) like PostgreSQL's FirstNormalObjectId.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/roles.h"
#include "types/record.h"
#include "types/type_id.h"

namespace nano {

using Oid = uint32_t;

inline constexpr Oid kFirstUserOid = 16384;
inline constexpr Oid kPgCatalogNamespaceOid = 11;
inline constexpr Oid kPublicNamespaceOid = 2200;
inline constexpr Oid kInformationSchemaNamespaceOid = 13000;
// Roles: the bootstrap superuser (every session's user is this role) and
// PostgreSQL 15's predefined owner of schema public.
inline constexpr Oid kBootstrapSuperuserOid = 10;
inline constexpr Oid kPgDatabaseOwnerOid = 6171;

struct ColumnDef {
  std::string name;
  TypeRef type;
  int16_t attnum = 0;  // 1-based position as created; stable across drops
  bool not_null = false;
  std::string default_expr;  // SQL text of DEFAULT, empty = none
  char identity = 0;         // 'a' ALWAYS, 'd' BY DEFAULT, 0 none
  char generated = 0;        // 's' STORED generated column
  Oid sequence_oid = 0;      // serial / identity sequence
  bool dropped = false;
  // A column declared with a domain: `type` is the domain's base type (what
  // values and the wire carry) and domain_oid names the domain whose
  // constraints and default apply (pg_attribute.atttypid shows the domain).
  Oid domain_oid = 0;
  // Inheritance (pg_attribute.attinhcount / attislocal): how many parents
  // supply this column and whether the table also declared it itself.
  int16_t inhcount = 0;
  bool is_local = true;
  std::optional<Acl> acl;  // attacl: column privileges (unset = none granted)
};

enum class IndexMethod { kBtree, kHash };

struct IndexDef {
  Oid oid = 0;
  std::string name;
  Oid table_oid = 0;
  std::vector<int16_t> columns;   // attnums
  std::vector<bool> descending;   // per column
  std::vector<bool> nulls_first;  // per column
  bool unique = false;
  bool primary = false;
  bool nulls_not_distinct = false;
  IndexMethod method = IndexMethod::kBtree;
  std::string predicate;  // partial index WHERE text (empty = none)
};

enum class FkActionKind : char {
  kNoAction = 'a',
  kRestrict = 'r',
  kCascade = 'c',
  kSetNull = 'n',
  kSetDefault = 'd'
};

struct ConstraintDef {
  Oid oid = 0;
  std::string name;
  char type = 'c';  // 'p' primary, 'u' unique, 'f' foreign, 'c' check (pg_constraint.contype)
  Oid table_oid = 0;
  std::vector<int16_t> columns;  // conkey
  std::string check_expr;        // CHECK text
  Oid index_oid = 0;             // backing index for p/u, referenced unique index for f
  // FOREIGN KEY
  Oid ref_table_oid = 0;
  std::vector<int16_t> ref_columns;  // confkey
  FkActionKind on_delete = FkActionKind::kNoAction;
  FkActionKind on_update = FkActionKind::kNoAction;
  char match_type = 's';
  // Inheritance of CHECK constraints (pg_constraint.coninhcount /
  // conislocal / connoinherit).
  int16_t inhcount = 0;
  bool is_local = true;
  bool no_inherit = false;
};

struct SequenceOptions {
  TypeOid type = type::kInt8;
  int64_t start = 1;
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = INT64_MAX;
  int64_t cache = 1;
  bool cycle = false;
  Oid owned_by_table = 0;
  int16_t owned_by_column = 0;
};

// pg_class.relkind
// A partitioned table is a kTable with a PartitionKey (pg_class shows 'p');
// it holds no rows of its own.
enum class RelKind : char { kTable = 'r', kView = 'v', kSequence = 'S', kIndex = 'i' };

// One datum of a partition bound. Values are kept as the key type's text
// form (so the catalog stays type-agnostic); MINVALUE / MAXVALUE only occur
// in range bounds.
struct BoundDatum {
  enum class Kind : char { kValue = 'v', kNull = 'n', kMinValue = 'm', kMaxValue = 'M' };
  Kind kind = Kind::kValue;
  std::string text;
};

// FOR VALUES ... of a partition (pg_class.relpartbound); strategy matches
// the parent's PartitionKey.
struct PartitionBound {
  char strategy = 0;  // 'l' IN, 'r' FROM/TO, 'h' WITH (MODULUS, REMAINDER); 0 = none
  bool is_default = false;
  std::vector<BoundDatum> list;          // 'l': one datum per value
  std::vector<BoundDatum> lower, upper;  // 'r': one datum per key column
  int32_t modulus = 0, remainder = 0;    // 'h'
};

// pg_get_expr(relpartbound) as PostgreSQL 15 prints it ("FOR VALUES IN (1,
// 2)", "FOR VALUES FROM ('a') TO (MAXVALUE)", "FOR VALUES WITH (modulus 4,
// remainder 0)", "DEFAULT"); key_types are the parent's key column types
// (numbers and booleans print bare, other values quoted).
std::string FormatPartitionBound(const PartitionBound& bound,
                                 const std::vector<TypeOid>& key_types);

// pg_trigger.tgtype bits, as PostgreSQL's trigger.h.
inline constexpr int16_t kTriggerTypeRow = 1 << 0;
inline constexpr int16_t kTriggerTypeBefore = 1 << 1;
inline constexpr int16_t kTriggerTypeInsert = 1 << 2;
inline constexpr int16_t kTriggerTypeDelete = 1 << 3;
inline constexpr int16_t kTriggerTypeUpdate = 1 << 4;
inline constexpr int16_t kTriggerTypeTruncate = 1 << 5;
inline constexpr int16_t kTriggerTypeInstead = 1 << 6;

// A trigger (CREATE TRIGGER): one pg_trigger row, kept with its table.
struct TriggerDef {
  Oid oid = 0;
  std::string name;
  Oid function_oid = 0;           // tgfoid
  int16_t type = 0;               // tgtype (kTriggerType* bits)
  char enabled = 'O';             // tgenabled: O origin, D disabled (R/A replica, always)
  std::vector<std::string> args;  // tgargs
  std::vector<int16_t> columns;   // tgattr: UPDATE OF columns (attnums)
  std::string when_expr;          // WHEN (...) condition's SQL text, empty = none
  std::string old_table;          // REFERENCING OLD TABLE AS name (tgoldtable)
  std::string new_table;          // REFERENCING NEW TABLE AS name (tgnewtable)
  Oid parent_oid = 0;             // tgparentid: the partitioned table's trigger it clones
  bool constraint = false;        // CREATE CONSTRAINT TRIGGER
  bool deferrable = false;
  bool initdeferred = false;
};

struct TableDef;

// PARTITION BY of a partitioned table (pg_partitioned_table).
struct PartitionKey {
  char strategy = 0;               // 'l' list, 'r' range, 'h' hash
  std::vector<int16_t> columns;    // key columns by attnum; 0 = exprs[i]
  std::vector<std::string> exprs;  // expression keys' SQL text (over the table's columns)
  std::vector<TypeRef> types;      // each key's type
  // How PostgreSQL names key i in messages: the column, or the expression
  // (operator expressions parenthesised).
  std::string KeyName(const TableDef& table, size_t i) const;
};

struct TableDef {
  Oid oid = 0;
  Oid schema_oid = kPublicNamespaceOid;
  std::string name;
  RelKind kind = RelKind::kTable;
  std::vector<ColumnDef> columns;  // includes dropped ones (dropped = true)
  std::vector<IndexDef> indexes;   // the primary key index first, if any
  std::vector<ConstraintDef> constraints;
  int16_t next_attnum = 1;
  std::string view_query;                 // kView: the SELECT text
  std::vector<std::string> view_columns;  // kView: column aliases
  std::vector<Oid> depends_on;            // kView: relations its query reads
  char view_check_option = 0;             // kView: 'l' LOCAL / 'c' CASCADED CHECK OPTION
  SequenceOptions sequence;               // kSequence
  std::string comment;
  // Inheritance: direct parents in INHERITS order (pg_inherits.inhseqno);
  // a partition has exactly one, its partitioned table.
  std::vector<Oid> parents;
  PartitionKey partition_key;        // a partitioned table: strategy != 0
  PartitionBound partition_bound;    // a partition (relispartition): strategy != 0
  std::vector<TriggerDef> triggers;  // in creation order (firing order is by name)
  // Ownership, privileges and row-level security (roles.h).
  Oid owner = kBootstrapSuperuserOid;  // relowner
  std::optional<Acl> acl;              // relacl; unset = the owner's defaults
  bool row_security = false;           // relrowsecurity
  bool force_row_security = false;     // relforcerowsecurity
  std::vector<PolicyDef> policies;     // in creation order

  bool is_partition() const { return partition_bound.strategy != 0; }
  bool is_partitioned() const { return partition_key.strategy != 0; }

  // Live columns in order (skips dropped). Indices into `columns`.
  std::vector<int> LiveColumns() const;
  const ColumnDef* FindColumn(std::string_view name) const;
  const ColumnDef* ColumnByAttnum(int16_t attnum) const;
  int ColumnIndexByAttnum(int16_t attnum) const;  // index into columns, -1 if none
  const IndexDef* PrimaryKey() const;
  const IndexDef* FindIndex(Oid index_oid) const;
};

// pg_type.typtype of a user-defined type.
enum class TypeKind : char { kEnum = 'e', kDomain = 'd', kComposite = 'c' };

// One pg_enum row. Sort orders are fixed once assigned (ADD VALUE BEFORE /
// AFTER takes a midpoint), so stored enum values never need rewriting when
// labels are added; see types/enum_value.h for the value encoding.
struct EnumLabel {
  Oid oid = 0;
  double sort_order = 0;
  std::string label;
};

// A user-defined type: CREATE TYPE ... AS ENUM or CREATE DOMAIN.
struct TypeDef {
  Oid oid = 0;
  Oid schema_oid = kPublicNamespaceOid;
  std::string name;
  TypeKind kind = TypeKind::kEnum;
  // pg_type.typarray: PostgreSQL gives every enum and domain an array type
  // "_name"; it is listed in pg_type, though arrays of user types are not
  // supported yet.
  Oid array_oid = 0;
  std::vector<EnumLabel> labels;  // kEnum: in sort order
  // kDomain
  TypeRef base_type;      // the underlying non-domain type
  Oid parent_domain = 0;  // CREATE DOMAIN d AS other_domain: that domain (typbasetype)
  bool not_null = false;
  std::string default_expr;                // SQL text, empty = none
  std::vector<ConstraintDef> constraints;  // CHECK (VALUE ...), contypid = oid
  std::string comment;
  // kComposite: the attributes in order (a domain attribute has its base
  // type), and the pg_class row (relkind 'c') PostgreSQL gives the type.
  std::vector<RecordField> attributes;
  Oid relid = 0;

  const EnumLabel* FindLabel(std::string_view label) const;
};

// One argument of a user-defined function (pg_proc.proargnames/modes).
struct FunctionArg {
  std::string name;  // empty = unnamed
  TypeRef type;
  char mode = 'i';           // i IN, o OUT, b INOUT, v VARIADIC, t TABLE column
  std::string default_expr;  // SQL text, empty = none
};

// A support function of a user-defined aggregate (pg_aggregate.aggtransfn,
// aggfinalfn, ...) or operator (oprcode): a user function by oid, or a built-in one by name and
// the argument types it was resolved with (built-in oids are not stable
// across versions, names and signatures are).
struct AggSupportFn {
  std::string name;  // empty = none
  Oid user_oid = 0;  // a user function; 0 = a built-in
  std::vector<TypeOid> arg_types;

  bool empty() const { return name.empty(); }
};

// The pg_aggregate row of a user-defined aggregate (CREATE AGGREGATE).
struct AggregateDef {
  char kind = 'n';  // aggkind: n normal, o ordered-set, h hypothetical-set
  int16_t num_direct_args = 0;
  AggSupportFn transfn, finalfn, combinefn, serialfn, deserialfn;
  AggSupportFn mtransfn, minvtransfn, mfinalfn;  // moving-aggregate mode
  bool final_extra = false, mfinal_extra = false;
  char final_modify = 'r', mfinal_modify = 'r';  // r read-only, s shareable, w read-write
  TypeRef trans_type, mtrans_type;
  int32_t trans_space = 0, mtrans_space = 0;
  bool has_init = false, has_minit = false;  // agginitval / aggminitval not NULL
  std::string init_value, minit_value;       // their text
};

// A user-defined function: CREATE FUNCTION ... LANGUAGE sql | plpgsql.
// Overloads share a name and differ in their input argument types.
struct FunctionDef {
  Oid oid = 0;
  Oid schema_oid = kPublicNamespaceOid;
  std::string name;
  std::vector<FunctionArg> args;  // every declared parameter, in order
  TypeRef return_type;            // for RETURNS TABLE(one column): that column's type
  bool returns_set = false;
  // RETURNS TABLE(...) / OUT parameters with more than one column: the
  // result columns (names, types); empty for a scalar result.
  std::vector<FunctionArg> result_columns;
  std::string language = "sql";  // "sql" | "plpgsql"
  std::string body;              // prosrc
  std::string source;            // the CREATE FUNCTION text (PL/pgSQL is parsed from it)
  char volatility = 'v';         // provolatile: i / s / v
  bool strict = false;
  double cost = 100;
  double rows = 0;
  // pg_proc.prokind: 'f' a function, 'a' an aggregate (CREATE AGGREGATE:
  // `aggregate` holds its pg_aggregate row; language and body are unused).
  char kind = 'f';
  char parallel = 'u';  // proparallel: s safe, r restricted, u unsafe
  std::string comment;  // COMMENT ON FUNCTION / AGGREGATE (pg_description)
  AggregateDef aggregate;

  bool is_aggregate() const { return kind == 'a'; }

  // The input arguments (IN, INOUT, VARIADIC), the ones a call passes.
  std::vector<const FunctionArg*> InputArgs() const;
  // "f(integer, text)" as PostgreSQL's messages name it.
  std::string Signature() const;
};

// A user-defined operator: CREATE OPERATOR (pg_operator). A prefix
// operator has no left operand (left.oid == 0).
struct OperatorDef {
  Oid oid = 0;
  Oid schema_oid = kPublicNamespaceOid;
  std::string name;  // the symbol, e.g. "==="
  TypeRef left, right, result;
  AggSupportFn proc;                 // its function (oprcode): a user function or a built-in
  std::string commutator, negator;   // operator symbols (same schema), empty = none
  std::string restrict_fn, join_fn;  // selectivity estimators, by name (unused)
  bool hashes = false, merges = false;
  // Operands declared as domains (left/right carry the domain's base type):
  // an operand cast to that domain matches exactly, ahead of a built-in on
  // the base type, as PostgreSQL's exact match on the domain type does.
  Oid left_domain = 0, right_domain = 0;
};

struct SchemaDef {
  Oid oid = 0;
  std::string name;
  std::string owner = "postgres";
  Oid owner_oid = kBootstrapSuperuserOid;  // nspowner (pg_database_owner for public)
  std::optional<Acl> acl;                  // nspacl; unset = defaults
};

// One database's catalog snapshot. Copyable (DDL copies, edits, publishes).
class Catalog {
 public:
  Catalog();

  // Lookups return nullptr when absent.
  const SchemaDef* FindSchema(std::string_view name) const;
  const SchemaDef* SchemaByOid(Oid oid) const;
  const TableDef* FindTable(Oid schema_oid, std::string_view name) const;
  const TableDef* TableByOid(Oid oid) const;
  // Finds an index by name within a schema: returns its table and sets *index.
  const TableDef* FindIndexByName(Oid schema_oid, std::string_view name,
                                  const IndexDef** index) const;
  // User-defined types (enums, domains).
  const TypeDef* FindType(Oid schema_oid, std::string_view name) const;
  const TypeDef* TypeByOid(Oid oid) const;
  // A domain's constraints as PostgreSQL enforces them: those of its base
  // domains first (base-most level first), each level's CHECKs in name
  // order; *not_null if any level is NOT NULL.
  void DomainConstraints(Oid domain, std::vector<const ConstraintDef*>* checks,
                         bool* not_null) const;
  // Whether `domain` is `ancestor` or a domain over it (at any depth).
  bool DomainDerivesFrom(Oid domain, Oid ancestor) const;
  const std::map<Oid, TypeDef>& types() const { return types_; }
  // User-defined functions; FindFunctions lists a name's overloads.
  const FunctionDef* FunctionByOid(Oid oid) const;
  std::vector<const FunctionDef*> FindFunctions(Oid schema_oid, std::string_view name) const;
  const std::map<Oid, FunctionDef>& functions() const { return functions_; }
  // User-defined operators; FindOperators lists a symbol's operators in a schema.
  const OperatorDef* OperatorByOid(Oid oid) const;
  std::vector<const OperatorDef*> FindOperators(Oid schema_oid, std::string_view name) const;
  const std::map<Oid, OperatorDef>& operators() const { return operators_; }
  // Roles (roles.h); the bootstrap superuser (oid 10) is not among them.
  const RoleDef* FindRole(std::string_view name) const;
  const RoleDef* RoleByOid(Oid oid) const;
  const std::map<Oid, RoleDef>& roles() const { return roles_; }
  void PutRole(RoleDef role);
  void RemoveRole(Oid oid);
  // Any relation name (table/view/sequence/index) taken in the schema?
  bool RelationNameTaken(Oid schema_oid, std::string_view name) const;

  const std::map<Oid, TableDef>& tables() const { return tables_; }
  // Direct children (inheritance children and partitions), in oid order.
  std::vector<Oid> ChildrenOf(Oid parent) const;
  // `oid` followed by all its descendants, breadth first, each once.
  std::vector<Oid> WithDescendants(Oid oid) const;
  const std::map<Oid, SchemaDef>& schemas() const { return schemas_; }

  // Mutations (only on a private copy inside a DDL transaction).
  Oid AllocateOid() { return next_oid_++; }
  Oid next_oid() const { return next_oid_; }
  void set_next_oid(Oid oid) { next_oid_ = oid; }
  void PutTable(TableDef table);
  void RemoveTable(Oid oid);
  void PutSchema(SchemaDef schema);
  void RemoveSchema(Oid oid);
  TableDef* MutableTable(Oid oid);
  void PutType(TypeDef type);
  void RemoveType(Oid oid);
  void PutFunction(FunctionDef fn);
  void RemoveFunction(Oid oid);
  void PutOperator(OperatorDef op);
  void RemoveOperator(Oid oid);

  // Monotonic counter bumped by every published change; plan caches key on it.
  uint64_t generation() const { return generation_; }
  void set_generation(uint64_t g) { generation_ = g; }

 private:
  std::map<Oid, SchemaDef> schemas_;
  std::map<Oid, TableDef> tables_;
  // (schema oid, relation name) -> oid, for tables/views/sequences and indexes.
  std::map<std::pair<Oid, std::string>, Oid, std::less<>> relation_names_;
  std::map<std::pair<Oid, std::string>, Oid, std::less<>> index_names_;  // -> table oid
  std::map<Oid, TypeDef> types_;
  std::map<std::pair<Oid, std::string>, Oid, std::less<>> type_names_;
  std::map<Oid, FunctionDef> functions_;
  std::map<Oid, OperatorDef> operators_;
  std::map<Oid, RoleDef> roles_;
  Oid next_oid_ = kFirstUserOid;
  uint64_t generation_ = 0;
};

}  // namespace nano
