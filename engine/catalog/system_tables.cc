// engine/catalog/system_tables.cc — pg_catalog, computed on scan.
#include "catalog/system_tables.h"

#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "catalog/information_schema.h"
#include "function/registry.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {

namespace {

// Column spec: name and type.
struct Col {
  const char* name;
  TypeOid type;
};

using SystemTable = SystemTableSpec;

constexpr Oid kPostgresRoleOid = kBootstrapSuperuserOid;
constexpr Oid kHeapAmOid = 2;
constexpr Oid kBtreeAmOid = 403;
constexpr Oid kHashAmOid = 405;
constexpr Oid kPgClassOid = 1259;
constexpr Oid kPgConstraintOid = 2606;

Value Name(std::string s) { return Value::String(type::kName, std::move(s)); }
Value Char(char c) { return Value::String(type::kChar, c ? std::string(1, c) : std::string()); }
Value OidV(int64_t oid) { return Value::Oid(oid); }
Value Text(std::string s) { return Value::Text(std::move(s)); }
Value Null(TypeOid t) { return Value::Null(t); }

Value TextArray(const std::vector<std::string>& values) {
  auto data = std::make_shared<ArrayData>();
  for (const std::string& v : values) data->elements.push_back(Value::Text(v));
  if (!values.empty()) {
    data->dims = {static_cast<int32_t>(values.size())};
    data->lower_bounds = {1};
  }
  return Value::Array(type::kTextArray, std::move(data));
}

// The name of a role for aclitem texts and views (role 10 is the session's
// bootstrap superuser name).
std::string RoleName(const SystemSnapshot& s, Oid oid) {
  if (oid == kBootstrapSuperuserOid) return s.bootstrap_name.empty() ? s.user : s.bootstrap_name;
  if (oid == kPgDatabaseOwnerOid) return "pg_database_owner";
  const RoleDef* r = s.catalog->RoleByOid(oid);
  return r != nullptr ? r->name : std::to_string(oid);
}

Value AclValue(const SystemSnapshot& s, const std::optional<Acl>& acl) {
  if (!acl.has_value()) return Value::Null(type::kTextArray);
  return TextArray(AclText(*acl, [&](Oid r) { return RoleName(s, r); }));
}

Value Int2Array(const std::vector<int16_t>& values) {
  auto data = std::make_shared<ArrayData>();
  for (int16_t v : values) data->elements.push_back(Value::Int2(v));
  if (!values.empty()) {
    data->dims = {static_cast<int32_t>(values.size())};
    data->lower_bounds = {1};
  }
  return Value::Array(type::kInt2Array, std::move(data));
}

// int2vector / oidvector: arrays whose subscripts start at 0, printed as
// space-separated numbers ("1 2").
Value Vector(const std::vector<int64_t>& values, TypeOid vector_type) {
  auto data = std::make_shared<ArrayData>();
  for (int64_t v : values) {
    data->elements.push_back(vector_type == type::kInt2Vector ? Value::Int2(v) : Value::Oid(v));
  }
  if (!values.empty()) {
    data->dims = {static_cast<int32_t>(values.size())};
    data->lower_bounds = {0};
  }
  return Value::Array(vector_type, std::move(data));
}

// pg_type.typstorage as PostgreSQL 15 sets it: fixed-length types are
// plain, numeric prefers main (compressed in line), the vectors are plain,
// other variable-length types extended.
char TypeStorage(TypeOid oid, int16_t typlen) {
  if (typlen != -1 || IsVectorType(oid)) return 'p';
  return oid == type::kNumeric ? 'm' : 'x';
}

std::string SchemaName(const Catalog& c, Oid oid) {
  const SchemaDef* s = c.SchemaByOid(oid);
  return s ? s->name : "";
}

// Every type the engine knows, for pg_type.
const TypeOid kAllTypes[] = {
    type::kBool,          type::kBytea,        type::kChar,
    type::kName,          type::kInt8,         type::kInt2,
    type::kInt2Vector,    type::kInt4,         type::kRegProc,
    type::kText,          type::kOid,          type::kOidVector,
    type::kJson,          type::kFloat4,       type::kFloat8,
    type::kUnknown,       type::kBpChar,       type::kVarChar,
    type::kDate,          type::kTime,         type::kTimestamp,
    type::kTimestampTz,   type::kInterval,     type::kTimeTz,
    type::kNumeric,       type::kRegClass,     type::kRegType,
    type::kRecord,        type::kAny,          type::kAnyArray,
    type::kVoid,          type::kTrigger,      type::kAnyElement,
    type::kUuid,          type::kJsonb,        type::kAnyNonArray,
    type::kAnyEnum,       type::kBoolArray,    type::kByteaArray,
    type::kCharArray,     type::kNameArray,    type::kInt2Array,
    type::kInt4Array,     type::kTextArray,    type::kBpCharArray,
    type::kVarCharArray,  type::kInt8Array,    type::kFloat4Array,
    type::kFloat8Array,   type::kOidArray,     type::kTimestampArray,
    type::kDateArray,     type::kTimeArray,    type::kTimestampTzArray,
    type::kIntervalArray, type::kNumericArray, type::kTimeTzArray,
    type::kUuidArray,     type::kJsonArray,    type::kJsonbArray,
    type::kPoint,         type::kLseg,         type::kPath,
    type::kBox,           type::kPolygon,      type::kLine,
    type::kCircle,        type::kMoney,        type::kPointArray,
    type::kLsegArray,     type::kPathArray,    type::kBoxArray,
    type::kPolygonArray,  type::kLineArray,    type::kCircleArray,
    type::kMoneyArray,
};

TableDef Define(Oid oid, const char* name, RelKind kind, std::initializer_list<Col> cols) {
  TableDef t;
  t.oid = oid;
  t.schema_oid = kPgCatalogNamespaceOid;
  t.name = name;
  t.kind = kind;
  int16_t attnum = 1;
  for (const Col& c : cols) {
    ColumnDef col;
    col.name = c.name;
    col.type = TypeRef{c.type, -1};
    col.attnum = attnum++;
    t.columns.push_back(std::move(col));
  }
  t.next_attnum = attnum;
  return t;
}

using Rows = std::vector<std::vector<Value>>;

Status NamespaceRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, schema] : s.catalog->schemas()) {
    // public carries initdb's acl (PostgreSQL 15: CREATE revoked from PUBLIC).
    rows->push_back(
        {OidV(oid), Name(schema.name), OidV(schema.owner_oid), AclValue(s, schema.acl)});
  }
  return Status::OK();
}

int16_t LiveCount(const TableDef& t) { return static_cast<int16_t>(t.LiveColumns().size()); }

// Tables on either side of a foreign key: PostgreSQL gives both internal RI
// triggers, so their pg_class.relhastriggers is true (psql's \d then lists
// "Foreign-key constraints" and "Referenced by").
std::set<Oid> TablesWithRiTriggers(const Catalog& catalog) {
  std::set<Oid> out;
  for (const auto& [oid, t] : catalog.tables()) {
    for (const ConstraintDef& c : t.constraints) {
      if (c.type != 'f') continue;
      out.insert(oid);
      out.insert(c.ref_table_oid);
    }
    if (!t.triggers.empty()) out.insert(oid);
  }
  return out;
}

// pg_get_expr(relpartbound) of a partition: its bound over the parent's key types.
std::string PartitionBoundText(const Catalog& catalog, const TableDef& partition) {
  std::vector<TypeOid> types;
  const TableDef* parent = catalog.TableByOid(partition.parents.at(0));
  if (parent != nullptr) {
    for (const TypeRef& t : parent->partition_key.types) types.push_back(t.oid);
  }
  return FormatPartitionBound(partition.partition_bound, types);
}

Status InheritsRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (size_t i = 0; i < t.parents.size(); ++i) {
      rows->push_back({OidV(oid), OidV(t.parents[i]), Value::Int4(static_cast<int32_t>(i + 1)),
                       Value::Bool(false)});
    }
  }
  return Status::OK();
}

Status PartitionedTableRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (!t.is_partitioned()) continue;
    Oid default_partition = 0;
    for (Oid child : s.catalog->ChildrenOf(oid)) {
      if (s.catalog->TableByOid(child)->partition_bound.is_default) default_partition = child;
    }
    std::vector<int64_t> attrs(t.partition_key.columns.begin(), t.partition_key.columns.end());
    rows->push_back({OidV(oid), Char(t.partition_key.strategy),
                     Value::Int2(static_cast<int16_t>(attrs.size())), OidV(default_partition),
                     Vector(attrs, type::kInt2Vector)});
  }
  return Status::OK();
}

// pg_class.reloptions of a view with a check option ({check_option=local}).
Value ViewOptions(const TableDef* t) {
  if (t == nullptr || t->view_check_option == 0) return Null(type::kTextArray);
  return TextArray(
      {std::string("check_option=") + (t->view_check_option == 'l' ? "local" : "cascaded")});
}

Status ClassRows(const SystemSnapshot& s, Rows* rows) {
  const std::set<Oid> with_triggers = TablesWithRiTriggers(*s.catalog);
  auto add = [&](Oid oid, const std::string& name, Oid ns, char kind, Oid am, int16_t natts,
                 bool has_index, int16_t checks, bool has_subclass = false,
                 const TableDef* partition = nullptr, Oid reltype = 0,
                 const TableDef* security = nullptr) {
    rows->push_back({OidV(oid),
                     Name(name),
                     OidV(ns),
                     OidV(reltype),
                     OidV(0),
                     OidV(security != nullptr ? security->owner : kPostgresRoleOid),
                     OidV(am),
                     OidV(kind == 'c' ? 0 : oid),
                     OidV(0),
                     Value::Int4(0),
                     Value::Float4(-1),
                     Value::Int4(0),
                     OidV(0),
                     Value::Bool(has_index),
                     Value::Bool(false),
                     Char('p'),
                     Char(kind),
                     Value::Int2(natts),
                     Value::Int2(checks),
                     Value::Bool(false),
                     Value::Bool(with_triggers.count(oid) > 0),
                     Value::Bool(has_subclass),
                     Value::Bool(security != nullptr && security->row_security),
                     Value::Bool(security != nullptr && security->force_row_security),
                     Value::Bool(true),
                     Char('d'),
                     Value::Bool(partition != nullptr),
                     OidV(0),
                     security != nullptr ? AclValue(s, security->acl) : Null(type::kTextArray),
                     ViewOptions(s.catalog->TableByOid(oid)),
                     partition != nullptr ? Text(PartitionBoundText(*s.catalog, *partition))
                                          : Null(type::kText)});
  };
  for (const auto& [oid, t] : s.catalog->tables()) {
    int16_t checks = 0;
    for (const ConstraintDef& c : t.constraints) checks += c.type == 'c';
    char kind = t.is_partitioned() ? 'p' : static_cast<char>(t.kind);
    add(oid, t.name, t.schema_oid, kind, kind == 'r' ? kHeapAmOid : 0,
        t.kind == RelKind::kSequence ? 3 : LiveCount(t), !t.indexes.empty(), checks,
        !s.catalog->ChildrenOf(oid).empty(), t.is_partition() ? &t : nullptr, 0, &t);
    for (const IndexDef& idx : t.indexes) {
      add(idx.oid, idx.name, t.schema_oid, 'i',
          idx.method == IndexMethod::kHash ? kHashAmOid : kBtreeAmOid,
          static_cast<int16_t>(idx.columns.size()), false, 0);
    }
  }
  // A composite type's relation (relkind 'c'), as psql's \d describes it.
  for (const auto& [oid, t] : s.catalog->types()) {
    if (t.kind != TypeKind::kComposite || t.relid == 0) continue;
    add(t.relid, t.name, t.schema_oid, 'c', 0, static_cast<int16_t>(t.attributes.size()), false, 0,
        false, nullptr, oid);
  }
  return Status::OK();
}

Status AttributeRows(const SystemSnapshot& s, Rows* rows) {
  auto add = [&](Oid rel, const ColumnDef& c, int16_t attnum, bool has_def) {
    const TypeInfo* info = LookupType(c.type.oid);
    const TypeDef* user = info == nullptr ? s.catalog->TypeByOid(c.type.oid) : nullptr;
    const bool user_enum = user != nullptr && user->kind == TypeKind::kEnum;  // 4 bytes, by value
    int16_t len = info ? info->typlen : (user_enum ? 4 : -1);
    bool byval = info ? info->byval : user_enum;
    char align = info ? info->align : 'i';
    bool is_array = IsArrayType(c.type.oid);
    // A ct[] column is a record array naming ct in its typmod (types/record.h).
    const TypeDef* element =
        c.type.oid == type::kRecordArray && c.type.typmod >= static_cast<int32_t>(kFirstUserOid)
            ? s.catalog->TypeByOid(static_cast<Oid>(c.type.typmod))
            : nullptr;
    const Oid type_oid = c.domain_oid ? c.domain_oid : element ? element->array_oid : c.type.oid;
    rows->push_back({OidV(rel),
                     Name(c.name),
                     OidV(c.dropped ? 0 : type_oid),
                     Value::Int4(-1),
                     Value::Int2(len),
                     Value::Int2(attnum),
                     Value::Int4(is_array ? 1 : 0),
                     Value::Int4(-1),
                     Value::Int4(c.domain_oid || element ? -1 : c.type.typmod),
                     Value::Bool(byval),
                     Char(align),
                     Char(TypeStorage(c.type.oid, len)),
                     Char(0),
                     Value::Bool(c.not_null),
                     Value::Bool(has_def),
                     Value::Bool(false),
                     Char(c.identity),
                     Char(c.generated),
                     Value::Bool(c.dropped),
                     Value::Bool(c.is_local),
                     Value::Int4(c.inhcount),
                     OidV(IsStringType(c.type.oid) && c.type.oid != type::kName ? 100 : 0),
                     AclValue(s, c.acl),
                     Null(type::kTextArray),
                     Null(type::kTextArray)});
  };
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (const ColumnDef& c : t.columns) {
      bool has_def = !c.default_expr.empty() && c.identity == 0;
      add(oid, c, c.attnum, has_def);
    }
    for (const IndexDef& idx : t.indexes) {
      int16_t n = 1;
      for (int16_t attnum : idx.columns) {
        const ColumnDef* c = t.ColumnByAttnum(attnum);
        if (c == nullptr) continue;
        ColumnDef copy = *c;
        copy.not_null = false;
        copy.identity = 0;
        copy.is_local = true;
        copy.inhcount = 0;
        copy.acl.reset();
        add(idx.oid, copy, n++, false);
      }
    }
  }
  for (const auto& [oid, t] : s.catalog->types()) {
    if (t.kind != TypeKind::kComposite || t.relid == 0) continue;
    for (size_t i = 0; i < t.attributes.size(); ++i) {
      ColumnDef c;
      c.name = t.attributes[i].name;
      c.type = t.attributes[i].type;
      c.attnum = static_cast<int16_t>(i + 1);
      c.is_local = true;
      add(t.relid, c, c.attnum, false);
    }
  }
  return Status::OK();
}

// pg_type rows of user-defined enums and domains.
void UserTypeRows(const Catalog& catalog, Rows* rows) {
  for (const auto& [oid, t] : catalog.types()) {
    const bool domain = t.kind == TypeKind::kDomain;
    const bool composite = t.kind == TypeKind::kComposite;
    const TypeInfo* base = domain ? LookupType(t.base_type.oid) : nullptr;
    // Enums are 4-byte pass-by-value types (their pg_enum oid), as in
    // PostgreSQL; composites are varlena rows.
    const int16_t len = base ? base->typlen : composite ? -1 : 4;
    const bool byval = base ? base->byval : !composite;
    char category = composite ? 'C' : 'E';
    if (domain) category = base ? base->category : 'E';
    std::string default_text;
    if (domain && !t.default_expr.empty()) {
      ColumnDef as_column;
      as_column.type = t.base_type;
      as_column.default_expr = t.default_expr;
      default_text = DefaultExpression(as_column);
    }
    rows->push_back({OidV(oid),
                     Name(t.name),
                     OidV(t.schema_oid),
                     OidV(kPostgresRoleOid),
                     Value::Int2(len),
                     Value::Bool(byval),
                     Char(static_cast<char>(t.kind)),
                     Char(category),
                     Value::Bool(false),
                     Value::Bool(true),
                     Char(','),
                     OidV(t.relid),
                     OidV(0),
                     OidV(t.array_oid),
                     Char(base        ? base->align
                          : composite ? 'd'
                                      : 'i'),
                     Char(len == -1 ? 'x' : 'p'),
                     Value::Bool(domain && t.not_null),
                     OidV(!domain ? 0 : (t.parent_domain ? t.parent_domain : t.base_type.oid)),
                     Value::Int4(domain && !t.parent_domain ? t.base_type.typmod : -1),
                     Value::Int4(0),
                     OidV(domain && IsStringType(t.base_type.oid) ? 100 : 0),
                     default_text.empty() ? Null(type::kText) : Text(default_text),
                     Null(type::kTextArray)});
    if (t.array_oid == 0) continue;
    rows->push_back({OidV(t.array_oid),
                     Name("_" + t.name),
                     OidV(t.schema_oid),
                     OidV(kPostgresRoleOid),
                     Value::Int2(-1),
                     Value::Bool(false),
                     Char('b'),
                     Char('A'),
                     Value::Bool(false),
                     Value::Bool(true),
                     Char(','),
                     OidV(0),
                     OidV(oid),
                     OidV(0),
                     Char(len == 8 || (base && base->align == 'd') ? 'd' : 'i'),
                     Char('x'),
                     Value::Bool(false),
                     OidV(0),
                     Value::Int4(-1),
                     Value::Int4(0),
                     OidV(domain && IsStringType(t.base_type.oid) ? 100 : 0),
                     Null(type::kText),
                     Null(type::kTextArray)});
  }
}

Status EnumRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->types()) {
    for (const EnumLabel& l : t.labels) {
      rows->push_back({OidV(l.oid), OidV(oid), Value::Float4(l.sort_order), Name(l.label)});
    }
  }
  return Status::OK();
}

// pg_constraint rows of domain CHECK constraints (contypid set, conrelid 0).
void DomainConstraintRows(const Catalog& catalog, Rows* rows) {
  for (const auto& [oid, t] : catalog.types()) {
    for (const ConstraintDef& c : t.constraints) {
      rows->push_back({OidV(c.oid),
                       Name(c.name),
                       OidV(t.schema_oid),
                       Char('c'),
                       Value::Bool(false),
                       Value::Bool(false),
                       Value::Bool(true),
                       OidV(0),
                       OidV(oid),
                       OidV(0),
                       OidV(0),
                       OidV(0),
                       Char(' '),
                       Char(' '),
                       Char(' '),
                       Value::Bool(true),
                       Value::Int4(0),
                       Value::Bool(false),
                       Null(type::kInt2Array),
                       Null(type::kInt2Array),
                       Text(c.check_expr)});
    }
  }
}

// typelem of the types subscripted as fixed-length arrays (point[0], box[1]).
TypeOid FixedArrayElement(TypeOid t) {
  if (t == type::kPoint || t == type::kLine) return type::kFloat8;
  if (t == type::kLseg || t == type::kBox) return type::kPoint;
  return 0;
}

Status TypeRows(const SystemSnapshot& s, Rows* rows) {
  for (TypeOid oid : kAllTypes) {
    const TypeInfo* info = LookupType(oid);
    if (info == nullptr) continue;
    bool pseudo = info->category == 'P';
    rows->push_back({OidV(oid),
                     Name(info->name),
                     OidV(kPgCatalogNamespaceOid),
                     OidV(kPostgresRoleOid),
                     Value::Int2(info->typlen),
                     Value::Bool(info->byval),
                     Char(pseudo ? 'p' : 'b'),
                     Char(info->category),
                     Value::Bool(info->preferred),
                     Value::Bool(true),
                     Char(oid == type::kBox ? ';' : ','),
                     OidV(0),
                     OidV(info->element_oid != 0 ? info->element_oid : FixedArrayElement(oid)),
                     OidV(info->array_oid),
                     Char(info->align),
                     Char(TypeStorage(oid, info->typlen)),
                     Value::Bool(false),
                     OidV(0),
                     Value::Int4(-1),
                     Value::Int4(0),
                     OidV(IsStringType(oid) && oid != type::kName ? 100 : 0),
                     Null(type::kText),
                     Null(type::kTextArray)});
  }
  UserTypeRows(*s.catalog, rows);
  return Status::OK();
}

// pg_index.indpred as pg_get_expr prints it: an operator or test in
// parentheses, a bare column name as it is.
std::string PredicateText(const std::string& predicate) {
  bool bare = !predicate.empty();
  for (char c : predicate) bare &= std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  return bare ? predicate : "(" + predicate + ")";
}

Status IndexRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (const IndexDef& idx : t.indexes) {
      std::vector<int64_t> key(idx.columns.begin(), idx.columns.end());
      std::vector<int64_t> options;
      for (size_t i = 0; i < idx.columns.size(); ++i) {
        bool desc = i < idx.descending.size() && idx.descending[i];
        bool nf = i < idx.nulls_first.size() && idx.nulls_first[i];
        options.push_back((desc ? 1 : 0) | (nf ? 2 : 0));
      }
      int16_t n = static_cast<int16_t>(idx.columns.size());
      rows->push_back(
          {OidV(idx.oid),
           OidV(oid),
           Value::Int2(n),
           Value::Int2(n),
           Value::Bool(idx.unique),
           Value::Bool(idx.nulls_not_distinct),
           Value::Bool(idx.primary),
           Value::Bool(false),
           Value::Bool(true),
           Value::Bool(false),
           Value::Bool(true),
           Value::Bool(false),
           Value::Bool(true),
           Value::Bool(true),
           Value::Bool(false),
           Vector(key, type::kInt2Vector),
           Vector(std::vector<int64_t>(key.size(), 0), type::kOidVector),
           Vector(std::vector<int64_t>(key.size(), 0), type::kOidVector),
           Vector(options, type::kInt2Vector),
           Null(type::kText),
           idx.predicate.empty() ? Null(type::kText) : Text(PredicateText(idx.predicate))});
    }
  }
  return Status::OK();
}

Status ConstraintRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (const ConstraintDef& c : t.constraints) {
      bool fk = c.type == 'f';
      rows->push_back({OidV(c.oid),
                       Name(c.name),
                       OidV(t.schema_oid),
                       Char(c.type),
                       Value::Bool(false),
                       Value::Bool(false),
                       Value::Bool(true),
                       OidV(oid),
                       OidV(0),
                       OidV(c.index_oid),
                       OidV(0),
                       OidV(fk ? c.ref_table_oid : 0),
                       Char(fk ? static_cast<char>(c.on_update) : ' '),
                       Char(fk ? static_cast<char>(c.on_delete) : ' '),
                       Char(fk ? c.match_type : ' '),
                       Value::Bool(c.is_local),
                       Value::Int4(c.inhcount),
                       Value::Bool(c.no_inherit),
                       Int2Array(c.columns),
                       fk ? Int2Array(c.ref_columns) : Null(type::kInt2Array),
                       c.type == 'c' ? Text(c.check_expr) : Null(type::kText)});
    }
    // NOT NULL is not a pg_constraint row in PostgreSQL 15.
  }
  DomainConstraintRows(*s.catalog, rows);
  return Status::OK();
}

// initdb revokes CONNECT from PUBLIC on template0 and grants only the owner
// on both templates; every other database starts with a NULL (default) acl.
Value TemplateAcl(const std::string& db, const std::string& owner) {
  if (db != "template0" && db != "template1") return Null(type::kTextArray);
  return TextArray({"=c/" + owner, owner + "=CTc/" + owner});
}

Status DatabaseRows(const SystemSnapshot& s, Rows* rows) {
  for (const DatabaseDef& d : s.databases) {
    rows->push_back({OidV(d.oid), Name(d.name), OidV(kPostgresRoleOid), Value::Int4(6), Char('c'),
                     Value::Bool(d.is_template), Value::Bool(d.allow_connections), Value::Int4(-1),
                     OidV(1663), Text("C.UTF-8"), Text("C.UTF-8"), Null(type::kText),
                     Null(type::kText), TemplateAcl(d.name, s.user)});
  }
  return Status::OK();
}

Status SettingsRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [name, value, desc] : s.settings) {
    rows->push_back({Text(name), Text(value), Null(type::kText), Text("Ungrouped"), Text(desc),
                     Null(type::kText), Text("user"), Text("string"), Text("default"),
                     Null(type::kText), Null(type::kText), Null(type::kTextArray), Text(value),
                     Text(value), Null(type::kText), Null(type::kInt4), Value::Bool(false)});
  }
  return Status::OK();
}

// rolvaliduntil: the text VALID UNTIL gave, read as a timestamptz.
Value ValidUntil(const std::optional<std::string>& text) {
  if (!text.has_value()) return Null(type::kTimestampTz);
  Value v;
  static const FormatContext utc_format;
  if (!ParseText(*text, TypeRef{type::kTimestampTz, -1}, utc_format, &v).ok()) {
    return Null(type::kTimestampTz);
  }
  return v;
}

// Every role: the bootstrap superuser first, then the created ones.
// `authid`: pg_authid's columns (the verifier) rather than pg_roles'.
void EachRole(const SystemSnapshot& s, const std::function<void(const RoleDef&)>& fn) {
  RoleDef boot;
  boot.oid = kPostgresRoleOid;
  boot.name = RoleName(s, kPostgresRoleOid);
  boot.superuser = boot.createrole = boot.createdb = boot.login = boot.replication = true;
  boot.bypassrls = true;
  fn(boot);
  RoleDef owner;
  owner.oid = kPgDatabaseOwnerOid;
  owner.name = "pg_database_owner";
  fn(owner);
  for (const auto& [oid, r] : s.catalog->roles()) fn(r);
}

Status RoleRows(const SystemSnapshot& s, Rows* rows) {
  EachRole(s, [&](const RoleDef& r) {
    rows->push_back({Name(r.name), Value::Bool(r.superuser), Value::Bool(r.inherit),
                     Value::Bool(r.createrole), Value::Bool(r.createdb), Value::Bool(r.login),
                     Value::Bool(r.replication), Value::Int4(r.connection_limit), Text("********"),
                     ValidUntil(r.valid_until), Value::Bool(r.bypassrls), Null(type::kTextArray),
                     OidV(r.oid)});
  });
  return Status::OK();
}

Status AuthIdRows(const SystemSnapshot& s, Rows* rows) {
  EachRole(s, [&](const RoleDef& r) {
    rows->push_back({OidV(r.oid), Name(r.name), Value::Bool(r.superuser), Value::Bool(r.inherit),
                     Value::Bool(r.createrole), Value::Bool(r.createdb), Value::Bool(r.login),
                     Value::Bool(r.replication), Value::Bool(r.bypassrls),
                     Value::Int4(r.connection_limit),
                     r.password.has_value() ? Text(*r.password) : Null(type::kText),
                     ValidUntil(r.valid_until)});
  });
  return Status::OK();
}

Status UserRows(const SystemSnapshot& s, Rows* rows) {
  EachRole(s, [&](const RoleDef& r) {
    if (!r.login) return;
    rows->push_back({Name(r.name), OidV(r.oid), Value::Bool(r.createdb), Value::Bool(r.superuser),
                     Value::Bool(r.replication), Value::Bool(r.bypassrls), Text("********"),
                     ValidUntil(r.valid_until), Null(type::kTextArray)});
  });
  return Status::OK();
}

Status AuthMembersRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, r] : s.catalog->roles()) {
    for (const RoleMembership& m : r.member_of) {
      rows->push_back({OidV(m.role), OidV(oid), OidV(m.grantor), Value::Bool(m.admin_option)});
    }
  }
  return Status::OK();
}

std::string PolicyCommandName(char cmd) {
  switch (cmd) {
    case 'r':
      return "SELECT";
    case 'a':
      return "INSERT";
    case 'w':
      return "UPDATE";
    case 'd':
      return "DELETE";
    default:
      return "ALL";
  }
}

Status PolicyRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (const PolicyDef& p : t.policies) {
      std::vector<int64_t> roles(p.roles.begin(), p.roles.end());
      auto data = std::make_shared<ArrayData>();
      for (Oid r : p.roles) data->elements.push_back(Value::Oid(r));
      if (!roles.empty()) {
        data->dims = {static_cast<int32_t>(roles.size())};
        data->lower_bounds = {1};
      }
      rows->push_back({OidV(p.oid), Name(p.name), OidV(t.oid), Char(p.command),
                       Value::Bool(p.permissive), Value::Array(type::kOidArray, std::move(data)),
                       p.using_expr.empty() ? Null(type::kText) : Text("(" + p.using_expr + ")"),
                       p.check_expr.empty() ? Null(type::kText) : Text("(" + p.check_expr + ")")});
    }
  }
  return Status::OK();
}

Status PoliciesViewRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    const SchemaDef* ns = s.catalog->SchemaByOid(t.schema_oid);
    for (const PolicyDef& p : t.policies) {
      std::vector<std::string> roles;
      for (Oid r : p.roles) roles.push_back(r == kPublicRoleOid ? "public" : RoleName(s, r));
      auto data = std::make_shared<ArrayData>();
      for (const std::string& r : roles) data->elements.push_back(Name(r));
      if (!roles.empty()) {
        data->dims = {static_cast<int32_t>(roles.size())};
        data->lower_bounds = {1};
      }
      rows->push_back({Name(ns ? ns->name : "public"), Name(t.name), Name(p.name),
                       Text(p.permissive ? "PERMISSIVE" : "RESTRICTIVE"),
                       Value::Array(type::kNameArray, std::move(data)),
                       Text(PolicyCommandName(p.command)),
                       p.using_expr.empty() ? Null(type::kText) : Text("(" + p.using_expr + ")"),
                       p.check_expr.empty() ? Null(type::kText) : Text("(" + p.check_expr + ")")});
    }
  }
  return Status::OK();
}

Status AmRows(const SystemSnapshot&, Rows* rows) {
  rows->push_back({OidV(kHeapAmOid), Name("heap"), Text("heap_tableam_handler"), Char('t')});
  rows->push_back({OidV(kBtreeAmOid), Name("btree"), Text("bthandler"), Char('i')});
  rows->push_back({OidV(kHashAmOid), Name("hash"), Text("hashhandler"), Char('i')});
  return Status::OK();
}

constexpr Oid kSqlLanguageOid = 14;
constexpr Oid kPlpgsqlLanguageOid = 13546;  // created with the plpgsql extension (13545)

Status ProcRows(const SystemSnapshot& s, Rows* rows) {
  const FunctionRegistry& registry = FunctionRegistry::Builtins();
  uint32_t next = 100000;
  auto args_text = [](const std::vector<TypeOid>& args) {
    std::vector<int64_t> v(args.begin(), args.end());
    return Vector(v, type::kOidVector);
  };
  for (const ScalarOverload* f : registry.AllScalars()) {
    if (!f->name.empty() && !std::isalpha(static_cast<unsigned char>(f->name[0])) &&
        f->name[0] != '_') {
      continue;  // operators are pg_operator rows, not pg_proc
    }
    char vol = f->volatility == Volatility::kImmutable ? 'i'
               : f->volatility == Volatility::kStable  ? 's'
                                                       : 'v';
    rows->push_back({OidV(f->oid ? f->oid : next++),
                     Name(f->name),
                     OidV(kPgCatalogNamespaceOid),
                     OidV(kPostgresRoleOid),
                     OidV(12),
                     Value::Float4(1),
                     Value::Float4(0),
                     OidV(f->variadic && !f->arg_types.empty() ? f->arg_types.back() : 0),
                     Char('f'),
                     Value::Bool(false),
                     Value::Bool(false),
                     Value::Bool(f->strict),
                     Value::Bool(false),
                     Char(vol),
                     Char('s'),
                     Value::Int2(static_cast<int16_t>(f->arg_types.size())),
                     Value::Int2(0),
                     OidV(f->return_type),
                     args_text(f->arg_types),
                     Null(type::kTextArray),
                     Text(f->name)});
  }
  for (const AggregateOverload* a : registry.AllAggregates()) {
    rows->push_back({OidV(a->oid ? a->oid : next++),
                     Name(a->name),
                     OidV(kPgCatalogNamespaceOid),
                     OidV(kPostgresRoleOid),
                     OidV(12),
                     Value::Float4(1),
                     Value::Float4(0),
                     OidV(0),
                     Char('a'),
                     Value::Bool(false),
                     Value::Bool(false),
                     Value::Bool(a->strict),
                     Value::Bool(false),
                     Char('i'),
                     Char('s'),
                     Value::Int2(static_cast<int16_t>(a->arg_types.size())),
                     Value::Int2(0),
                     OidV(a->return_type),
                     args_text(a->arg_types),
                     Null(type::kTextArray),
                     Text("aggregate_dummy")});
  }
  for (const auto& [oid, f] : s.catalog->functions()) {
    std::vector<TypeOid> in;
    std::vector<std::string> names;
    bool any_name = false;
    int16_t defaults = 0;
    for (const FunctionArg& a : f.args) {
      names.push_back(a.name);
      any_name |= !a.name.empty();
      if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v') {
        in.push_back(a.type.oid);
        if (!a.default_expr.empty()) ++defaults;
      }
    }
    const bool variadic =
        !f.args.empty() && f.InputArgs().size() > 0 && f.InputArgs().back()->mode == 'v';
    rows->push_back({OidV(oid),
                     Name(f.name),
                     OidV(f.schema_oid),
                     OidV(kPostgresRoleOid),
                     OidV(f.is_aggregate()          ? 12
                          : f.language == "plpgsql" ? kPlpgsqlLanguageOid
                                                    : kSqlLanguageOid),
                     Value::Float4(f.cost),
                     Value::Float4(f.rows),
                     OidV(variadic ? ElementTypeOf(f.InputArgs().back()->type.oid) : 0),
                     Char(f.kind),
                     Value::Bool(false),
                     Value::Bool(false),
                     Value::Bool(f.strict),
                     Value::Bool(f.returns_set),
                     Char(f.volatility),
                     Char(f.parallel),
                     Value::Int2(static_cast<int16_t>(in.size())),
                     Value::Int2(defaults),
                     OidV(f.return_type.oid),
                     args_text(in),
                     any_name ? TextArray(names) : Null(type::kTextArray),
                     Text(f.is_aggregate() ? "aggregate_dummy" : f.body)});
  }
  return Status::OK();
}

// pg_aggregate: user aggregates with their support functions (regproc by
// oid); built-in aggregates with their kind and argument split (their
// implementations are not SQL-visible functions, so those columns are 0).
Status AggregateRows(const SystemSnapshot& s, Rows* rows) {
  const FunctionRegistry& registry = FunctionRegistry::Builtins();
  auto proc = [](Oid oid) { return Value::RegProc(oid); };
  for (const AggregateOverload* a : registry.AllAggregates()) {
    const char kind = a->kind == AggregateKind::kOrderedSet     ? 'o'
                      : a->kind == AggregateKind::kHypothetical ? 'h'
                                                                : 'n';
    rows->push_back({proc(a->oid),
                     Char(kind),
                     Value::Int2(static_cast<int16_t>(a->direct_args)),
                     proc(0),
                     proc(0),
                     proc(0),
                     proc(0),
                     proc(0),
                     proc(0),
                     proc(0),
                     proc(0),
                     Value::Bool(false),
                     Value::Bool(false),
                     Char('r'),
                     Char('r'),
                     OidV(0),
                     OidV(0),
                     Value::Int4(0),
                     OidV(0),
                     Value::Int4(0),
                     Null(type::kText),
                     Null(type::kText)});
  }
  // A support function's pg_proc oid: a user function's, or the built-in
  // overload of that name and signature.
  auto support = [&](const AggSupportFn& f) -> Value {
    if (f.empty()) return proc(0);
    if (f.user_oid != 0) return proc(f.user_oid);
    ResolvedCall call;
    if (registry.ResolveFunction(f.name, f.arg_types, &call).ok()) return proc(call.overload->oid);
    return proc(0);
  };
  for (const auto& [oid, f] : s.catalog->functions()) {
    if (!f.is_aggregate()) continue;
    const AggregateDef& a = f.aggregate;
    rows->push_back({proc(oid),
                     Char(a.kind),
                     Value::Int2(a.num_direct_args),
                     support(a.transfn),
                     support(a.finalfn),
                     support(a.combinefn),
                     support(a.serialfn),
                     support(a.deserialfn),
                     support(a.mtransfn),
                     support(a.minvtransfn),
                     support(a.mfinalfn),
                     Value::Bool(a.final_extra),
                     Value::Bool(a.mfinal_extra),
                     Char(a.final_modify),
                     Char(a.mfinal_modify),
                     OidV(0),
                     OidV(a.trans_type.oid),
                     Value::Int4(a.trans_space),
                     OidV(a.mtrans_type.oid),
                     Value::Int4(a.mtrans_space),
                     a.has_init ? Text(a.init_value) : Null(type::kText),
                     a.has_minit ? Text(a.minit_value) : Null(type::kText)});
  }
  return Status::OK();
}

// pg_language: initdb's languages (plpgsql comes with its extension).
Status LanguageRows(const SystemSnapshot&, Rows* rows) {
  auto lang = [&](Oid oid, const char* name, bool pl, bool trusted) {
    rows->push_back({OidV(oid), Name(name), OidV(kPostgresRoleOid), Value::Bool(pl),
                     Value::Bool(trusted), OidV(0), OidV(0), OidV(0), Null(type::kTextArray)});
  };
  lang(12, "internal", false, false);
  lang(13, "c", false, false);
  lang(kSqlLanguageOid, "sql", false, true);
  lang(kPlpgsqlLanguageOid, "plpgsql", true, true);
  return Status::OK();
}

// initdb installs plpgsql in every database.
constexpr Oid kPlpgsqlExtensionOid = 13545;
constexpr Oid kPgNamespaceOid = 2615;
constexpr Oid kPgExtensionOid = 3079;

Status ExtensionRows(const SystemSnapshot&, Rows* rows) {
  rows->push_back({OidV(kPlpgsqlExtensionOid), Name("plpgsql"), OidV(kPostgresRoleOid),
                   OidV(kPgCatalogNamespaceOid), Value::Bool(false), Text("1.0")});
  return Status::OK();
}

Status DescriptionRows(const SystemSnapshot& s, Rows* rows) {
  // The comments initdb leaves on built-in objects that \dn+ and \dx show.
  rows->push_back({OidV(kPublicNamespaceOid), OidV(kPgNamespaceOid), Value::Int4(0),
                   Text("standard public schema")});
  rows->push_back({OidV(kPlpgsqlExtensionOid), OidV(kPgExtensionOid), Value::Int4(0),
                   Text("PL/pgSQL procedural language")});
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.comment.empty()) continue;
    rows->push_back({OidV(oid), OidV(kPgClassOid), Value::Int4(0), Text(t.comment)});
  }
  for (const auto& [oid, f] : s.catalog->functions()) {
    if (f.comment.empty()) continue;
    rows->push_back({OidV(oid), OidV(1255), Value::Int4(0), Text(f.comment)});  // pg_proc
  }
  return Status::OK();
}

bool IsNumberColumnType(TypeOid t) {
  return t == type::kInt2 || t == type::kInt4 || t == type::kInt8 || t == type::kNumeric ||
         t == type::kFloat4 || t == type::kFloat8;
}

// The DEFAULT as PostgreSQL deparses the stored expression: a quoted literal
// was coerced to the column's type at CREATE time, so it prints with that
// type's cast ('x'::text), except numbers and booleans, which print bare;
// a negative number is a negative constant, printed quoted with its type.
std::string DeparseDefault(const ColumnDef& c) {  // DefaultExpression's body
  const std::string& e = c.default_expr;
  TypeOid t = c.type.oid;
  // One string literal, its inner quotes doubled?
  bool quoted = e.size() >= 2 && e.front() == '\'' && e.back() == '\'';
  for (size_t i = 1; quoted && i + 1 < e.size(); ++i) {
    if (e[i] != '\'') continue;
    if (i + 2 < e.size() && e[i + 1] == '\'') {
      ++i;
    } else {
      quoted = false;
    }
  }
  auto is_number = [](const std::string& v, bool allow_sign) {
    if (v.empty()) return false;
    size_t i = allow_sign && v[0] == '-' ? 1 : 0;
    if (i == v.size()) return false;
    bool dot = false;
    for (; i < v.size(); ++i) {
      if (v[i] == '.' && !dot) {
        dot = true;
      } else if (!std::isdigit(static_cast<unsigned char>(v[i]))) {
        return false;
      }
    }
    return true;
  };
  std::string label = FormatType(TypeRef{t, -1});
  if (quoted) {
    std::string inner = e.substr(1, e.size() - 2);
    if (IsNumberColumnType(t) && is_number(inner, false)) return inner;
    if (t == type::kBool && (inner == "t" || inner == "true")) return "true";
    if (t == type::kBool && (inner == "f" || inner == "false")) return "false";
    if (IsNumberColumnType(t) && is_number(inner, true)) return e + "::" + label;
    if (t == type::kBool || IsArrayType(t)) return e;
    return e + "::" + label;
  }
  if (IsNumberColumnType(t) && e[0] == '-' && is_number(e, true)) {
    bool integral = e.find('.') == std::string::npos;
    return "'" + e + "'::" + (integral ? std::string("integer") : std::string("numeric"));
  }
  return e;
}

Status AttrdefRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (const ColumnDef& c : t.columns) {
      if (c.dropped || c.default_expr.empty() || c.identity != 0) continue;
      rows->push_back({OidV(oid * 1000u + static_cast<uint32_t>(c.attnum)), OidV(oid),
                       Value::Int2(c.attnum), Text(DeparseDefault(c))});
    }
  }
  return Status::OK();
}

Status SequenceRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kSequence) continue;
    const SequenceOptions& o = t.sequence;
    rows->push_back({OidV(oid), OidV(o.type), Value::Int8(o.start), Value::Int8(o.increment),
                     Value::Int8(o.max_value), Value::Int8(o.min_value), Value::Int8(o.cache),
                     Value::Bool(o.cycle)});
  }
  return Status::OK();
}

Status EmptyRows(const SystemSnapshot&, Rows*) { return Status::OK(); }

// pg_trigger: the triggers kept with their tables (TableDef::triggers).
Status TriggerRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (const TriggerDef& g : t.triggers) {
      std::string args;
      for (const std::string& a : g.args) args += a + std::string(1, '\0');
      std::vector<int64_t> attr(g.columns.begin(), g.columns.end());
      rows->push_back(
          {OidV(g.oid), OidV(oid), OidV(g.parent_oid), Name(g.name), OidV(g.function_oid),
           Value::Int2(g.type), Char(g.enabled), Value::Bool(false), OidV(0), OidV(0), OidV(0),
           Value::Bool(g.deferrable), Value::Bool(g.initdeferred),
           Value::Int2(static_cast<int16_t>(g.args.size())), Vector(attr, type::kInt2Vector),
           Value::Bytea(args), g.when_expr.empty() ? Null(type::kText) : Text(g.when_expr),
           g.old_table.empty() ? Null(type::kName) : Name(g.old_table),
           g.new_table.empty() ? Null(type::kName) : Name(g.new_table)});
    }
  }
  return Status::OK();
}

Status TablesViewRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kTable) continue;
    rows->push_back({Name(SchemaName(*s.catalog, t.schema_oid)), Name(t.name), Name(s.user),
                     Null(type::kName), Value::Bool(!t.indexes.empty()), Value::Bool(false),
                     Value::Bool(false), Value::Bool(false)});
  }
  return Status::OK();
}

Status IndexesViewRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    for (const IndexDef& idx : t.indexes) {
      rows->push_back({Name(SchemaName(*s.catalog, t.schema_oid)), Name(t.name), Name(idx.name),
                       Null(type::kName), Text(IndexDefinition(*s.catalog, t, idx))});
    }
  }
  return Status::OK();
}

Status SequencesViewRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kSequence) continue;
    const SequenceOptions& o = t.sequence;
    rows->push_back({Name(SchemaName(*s.catalog, t.schema_oid)), Name(t.name), Name(s.user),
                     Text(FormatType(TypeRef{o.type, -1})), Value::Int8(o.start),
                     Value::Int8(o.min_value), Value::Int8(o.max_value), Value::Int8(o.increment),
                     Value::Bool(o.cycle), Value::Int8(o.cache), Null(type::kInt8)});
  }
  return Status::OK();
}

Status TablespaceRows(const SystemSnapshot&, Rows* rows) {
  rows->push_back({OidV(1663), Name("pg_default"), OidV(kPostgresRoleOid)});
  rows->push_back({OidV(1664), Name("pg_global"), OidV(kPostgresRoleOid)});
  return Status::OK();
}

Status CollationRows(const SystemSnapshot&, Rows* rows) {
  rows->push_back({OidV(100), Name("default"), OidV(kPgCatalogNamespaceOid), Char('d'),
                   Value::Bool(true), Value::Int4(-1)});
  rows->push_back({OidV(950), Name("C"), OidV(kPgCatalogNamespaceOid), Char('c'), Value::Bool(true),
                   Value::Int4(-1)});
  rows->push_back({OidV(951), Name("POSIX"), OidV(kPgCatalogNamespaceOid), Char('c'),
                   Value::Bool(true), Value::Int4(-1)});
  return Status::OK();
}

const std::vector<SystemTable>& Tables() {
  static const std::vector<SystemTable>* tables = [] {
    using T = TypeOid;
    const T oid = type::kOid, name = type::kName, text = type::kText, b = type::kBool,
            ch = type::kChar, i2 = type::kInt2, i4 = type::kInt4, i8 = type::kInt8,
            f4 = type::kFloat4;
    auto* v = new std::vector<SystemTable>{
        {Define(2615, "pg_namespace", RelKind::kView,
                {{"oid", oid}, {"nspname", name}, {"nspowner", oid}, {"nspacl", type::kTextArray}}),
         NamespaceRows},
        {Define(1259, "pg_class", RelKind::kView,
                {{"oid", oid},
                 {"relname", name},
                 {"relnamespace", oid},
                 {"reltype", oid},
                 {"reloftype", oid},
                 {"relowner", oid},
                 {"relam", oid},
                 {"relfilenode", oid},
                 {"reltablespace", oid},
                 {"relpages", i4},
                 {"reltuples", f4},
                 {"relallvisible", i4},
                 {"reltoastrelid", oid},
                 {"relhasindex", b},
                 {"relisshared", b},
                 {"relpersistence", ch},
                 {"relkind", ch},
                 {"relnatts", i2},
                 {"relchecks", i2},
                 {"relhasrules", b},
                 {"relhastriggers", b},
                 {"relhassubclass", b},
                 {"relrowsecurity", b},
                 {"relforcerowsecurity", b},
                 {"relispopulated", b},
                 {"relreplident", ch},
                 {"relispartition", b},
                 {"relrewrite", oid},
                 {"relacl", type::kTextArray},
                 {"reloptions", type::kTextArray},
                 {"relpartbound", text}}),
         ClassRows},
        {Define(1249, "pg_attribute", RelKind::kView,
                {{"attrelid", oid},
                 {"attname", name},
                 {"atttypid", oid},
                 {"attstattarget", i4},
                 {"attlen", i2},
                 {"attnum", i2},
                 {"attndims", i4},
                 {"attcacheoff", i4},
                 {"atttypmod", i4},
                 {"attbyval", b},
                 {"attalign", ch},
                 {"attstorage", ch},
                 {"attcompression", ch},
                 {"attnotnull", b},
                 {"atthasdef", b},
                 {"atthasmissing", b},
                 {"attidentity", ch},
                 {"attgenerated", ch},
                 {"attisdropped", b},
                 {"attislocal", b},
                 {"attinhcount", i4},
                 {"attcollation", oid},
                 {"attacl", type::kTextArray},
                 {"attoptions", type::kTextArray},
                 {"attfdwoptions", type::kTextArray}}),
         AttributeRows},
        {Define(1247, "pg_type", RelKind::kView,
                {{"oid", oid},
                 {"typname", name},
                 {"typnamespace", oid},
                 {"typowner", oid},
                 {"typlen", i2},
                 {"typbyval", b},
                 {"typtype", ch},
                 {"typcategory", ch},
                 {"typispreferred", b},
                 {"typisdefined", b},
                 {"typdelim", ch},
                 {"typrelid", oid},
                 {"typelem", oid},
                 {"typarray", oid},
                 {"typalign", ch},
                 {"typstorage", ch},
                 {"typnotnull", b},
                 {"typbasetype", oid},
                 {"typtypmod", i4},
                 {"typndims", i4},
                 {"typcollation", oid},
                 {"typdefault", text},
                 {"typacl", type::kTextArray}}),
         TypeRows},
        {Define(2610, "pg_index", RelKind::kView,
                {{"indexrelid", oid},
                 {"indrelid", oid},
                 {"indnatts", i2},
                 {"indnkeyatts", i2},
                 {"indisunique", b},
                 {"indnullsnotdistinct", b},
                 {"indisprimary", b},
                 {"indisexclusion", b},
                 {"indimmediate", b},
                 {"indisclustered", b},
                 {"indisvalid", b},
                 {"indcheckxmin", b},
                 {"indisready", b},
                 {"indislive", b},
                 {"indisreplident", b},
                 {"indkey", type::kInt2Vector},
                 {"indcollation", type::kOidVector},
                 {"indclass", type::kOidVector},
                 {"indoption", type::kInt2Vector},
                 {"indexprs", text},
                 {"indpred", text}}),
         IndexRows},
        {Define(kPgConstraintOid, "pg_constraint", RelKind::kView,
                {{"oid", oid},
                 {"conname", name},
                 {"connamespace", oid},
                 {"contype", ch},
                 {"condeferrable", b},
                 {"condeferred", b},
                 {"convalidated", b},
                 {"conrelid", oid},
                 {"contypid", oid},
                 {"conindid", oid},
                 {"conparentid", oid},
                 {"confrelid", oid},
                 {"confupdtype", ch},
                 {"confdeltype", ch},
                 {"confmatchtype", ch},
                 {"conislocal", b},
                 {"coninhcount", i4},
                 {"connoinherit", b},
                 {"conkey", type::kInt2Array},
                 {"confkey", type::kInt2Array},
                 {"conbin", text}}),
         ConstraintRows},
        {Define(1262, "pg_database", RelKind::kView,
                {{"oid", oid},
                 {"datname", name},
                 {"datdba", oid},
                 {"encoding", i4},
                 {"datlocprovider", ch},
                 {"datistemplate", b},
                 {"datallowconn", b},
                 {"datconnlimit", i4},
                 {"dattablespace", oid},
                 {"datcollate", text},
                 {"datctype", text},
                 {"daticulocale", text},
                 {"datcollversion", text},
                 {"datacl", type::kTextArray}}),
         DatabaseRows},
        {Define(12000, "pg_settings", RelKind::kView,
                {{"name", text},
                 {"setting", text},
                 {"unit", text},
                 {"category", text},
                 {"short_desc", text},
                 {"extra_desc", text},
                 {"context", text},
                 {"vartype", text},
                 {"source", text},
                 {"min_val", text},
                 {"max_val", text},
                 {"enumvals", type::kTextArray},
                 {"boot_val", text},
                 {"reset_val", text},
                 {"sourcefile", text},
                 {"sourceline", i4},
                 {"pending_restart", b}}),
         SettingsRows},
        {Define(12001, "pg_roles", RelKind::kView,
                {{"rolname", name},
                 {"rolsuper", b},
                 {"rolinherit", b},
                 {"rolcreaterole", b},
                 {"rolcreatedb", b},
                 {"rolcanlogin", b},
                 {"rolreplication", b},
                 {"rolconnlimit", i4},
                 {"rolpassword", text},
                 {"rolvaliduntil", type::kTimestampTz},
                 {"rolbypassrls", b},
                 {"rolconfig", type::kTextArray},
                 {"oid", oid}}),
         RoleRows},
        {Define(12002, "pg_user", RelKind::kView,
                {{"usename", name},
                 {"usesysid", oid},
                 {"usecreatedb", b},
                 {"usesuper", b},
                 {"userepl", b},
                 {"usebypassrls", b},
                 {"passwd", text},
                 {"valuntil", type::kTimestampTz},
                 {"useconfig", type::kTextArray}}),
         UserRows},
        {Define(1261, "pg_auth_members", RelKind::kView,
                {{"roleid", oid}, {"member", oid}, {"grantor", oid}, {"admin_option", b}}),
         AuthMembersRows},
        {Define(1260, "pg_authid", RelKind::kView,
                {{"oid", oid},
                 {"rolname", name},
                 {"rolsuper", b},
                 {"rolinherit", b},
                 {"rolcreaterole", b},
                 {"rolcreatedb", b},
                 {"rolcanlogin", b},
                 {"rolreplication", b},
                 {"rolbypassrls", b},
                 {"rolconnlimit", i4},
                 {"rolpassword", text},
                 {"rolvaliduntil", type::kTimestampTz}}),
         AuthIdRows},
        {Define(12010, "pg_policies", RelKind::kView,
                {{"schemaname", name},
                 {"tablename", name},
                 {"policyname", name},
                 {"permissive", text},
                 {"roles", type::kNameArray},
                 {"cmd", text},
                 {"qual", text},
                 {"with_check", text}}),
         PoliciesViewRows},
        {Define(2601, "pg_am", RelKind::kView,
                {{"oid", oid}, {"amname", name}, {"amhandler", text}, {"amtype", ch}}),
         AmRows},
        {Define(1255, "pg_proc", RelKind::kView,
                {{"oid", oid},
                 {"proname", name},
                 {"pronamespace", oid},
                 {"proowner", oid},
                 {"prolang", oid},
                 {"procost", f4},
                 {"prorows", f4},
                 {"provariadic", oid},
                 {"prokind", ch},
                 {"prosecdef", b},
                 {"proleakproof", b},
                 {"proisstrict", b},
                 {"proretset", b},
                 {"provolatile", ch},
                 {"proparallel", ch},
                 {"pronargs", i2},
                 {"pronargdefaults", i2},
                 {"prorettype", oid},
                 {"proargtypes", type::kOidVector},
                 {"proargnames", type::kTextArray},
                 {"prosrc", text}}),
         ProcRows},
        {Define(2600, "pg_aggregate", RelKind::kView,
                {{"aggfnoid", type::kRegProc},
                 {"aggkind", ch},
                 {"aggnumdirectargs", i2},
                 {"aggtransfn", type::kRegProc},
                 {"aggfinalfn", type::kRegProc},
                 {"aggcombinefn", type::kRegProc},
                 {"aggserialfn", type::kRegProc},
                 {"aggdeserialfn", type::kRegProc},
                 {"aggmtransfn", type::kRegProc},
                 {"aggminvtransfn", type::kRegProc},
                 {"aggmfinalfn", type::kRegProc},
                 {"aggfinalextra", b},
                 {"aggmfinalextra", b},
                 {"aggfinalmodify", ch},
                 {"aggmfinalmodify", ch},
                 {"aggsortop", oid},
                 {"aggtranstype", oid},
                 {"aggtransspace", type::kInt4},
                 {"aggmtranstype", oid},
                 {"aggmtransspace", type::kInt4},
                 {"agginitval", text},
                 {"aggminitval", text}}),
         AggregateRows},
        {Define(2612, "pg_language", RelKind::kView,
                {{"oid", oid},
                 {"lanname", name},
                 {"lanowner", oid},
                 {"lanispl", b},
                 {"lanpltrusted", b},
                 {"lanplcallfoid", oid},
                 {"laninline", oid},
                 {"lanvalidator", oid},
                 {"lanacl", type::kTextArray}}),
         LanguageRows},
        {Define(2609, "pg_description", RelKind::kView,
                {{"objoid", oid}, {"classoid", oid}, {"objsubid", i4}, {"description", text}}),
         DescriptionRows},
        {Define(2604, "pg_attrdef", RelKind::kView,
                {{"oid", oid}, {"adrelid", oid}, {"adnum", i2}, {"adbin", text}}),
         AttrdefRows},
        {Define(2224, "pg_sequence", RelKind::kView,
                {{"seqrelid", oid},
                 {"seqtypid", oid},
                 {"seqstart", i8},
                 {"seqincrement", i8},
                 {"seqmax", i8},
                 {"seqmin", i8},
                 {"seqcache", i8},
                 {"seqcycle", b}}),
         SequenceRows},
        {Define(2611, "pg_inherits", RelKind::kView,
                {{"inhrelid", oid}, {"inhparent", oid}, {"inhseqno", i4}, {"inhdetachpending", b}}),
         InheritsRows},
        {Define(3350, "pg_partitioned_table", RelKind::kView,
                {{"partrelid", oid},
                 {"partstrat", ch},
                 {"partnatts", i2},
                 {"partdefid", oid},
                 {"partattrs", type::kInt2Vector}}),
         PartitionedTableRows},
        {Define(2620, "pg_trigger", RelKind::kView,
                {{"oid", oid},
                 {"tgrelid", oid},
                 {"tgparentid", oid},
                 {"tgname", name},
                 {"tgfoid", oid},
                 {"tgtype", i2},
                 {"tgenabled", ch},
                 {"tgisinternal", b},
                 {"tgconstrrelid", oid},
                 {"tgconstrindid", oid},
                 {"tgconstraint", oid},
                 {"tgdeferrable", b},
                 {"tginitdeferred", b},
                 {"tgnargs", i2},
                 {"tgattr", type::kInt2Vector},
                 {"tgargs", type::kBytea},
                 {"tgqual", type::kText},
                 {"tgoldtable", name},
                 {"tgnewtable", name}}),
         TriggerRows},
        {Define(3256, "pg_policy", RelKind::kView,
                {{"oid", oid},
                 {"polname", name},
                 {"polrelid", oid},
                 {"polcmd", ch},
                 {"polpermissive", b},
                 {"polroles", type::kOidArray},
                 {"polqual", text},
                 {"polwithcheck", text}}),
         PolicyRows},
        {Define(2608, "pg_depend", RelKind::kView,
                {{"classid", oid},
                 {"objid", oid},
                 {"objsubid", i4},
                 {"refclassid", oid},
                 {"refobjid", oid},
                 {"refobjsubid", i4},
                 {"deptype", ch}}),
         EmptyRows},
        {Define(3381, "pg_statistic_ext", RelKind::kView,
                {{"oid", oid},
                 {"stxrelid", oid},
                 {"stxname", name},
                 {"stxnamespace", oid},
                 {"stxowner", oid},
                 {"stxstattarget", i4},
                 {"stxkeys", text},
                 {"stxkind", type::kCharArray},
                 {"stxexprs", text}}),
         EmptyRows},
        {Define(6104, "pg_publication", RelKind::kView,
                {{"oid", oid},
                 {"pubname", name},
                 {"pubowner", oid},
                 {"puballtables", b},
                 {"pubinsert", b},
                 {"pubupdate", b},
                 {"pubdelete", b},
                 {"pubtruncate", b},
                 {"pubviaroot", b}}),
         EmptyRows},
        {Define(6106, "pg_publication_rel", RelKind::kView,
                {{"oid", oid},
                 {"prpubid", oid},
                 {"prrelid", oid},
                 {"prqual", text},
                 {"prattrs", type::kInt2Array}}),
         EmptyRows},
        {Define(6237, "pg_publication_namespace", RelKind::kView,
                {{"oid", oid}, {"pnpubid", oid}, {"pnnspid", oid}}),
         EmptyRows},
        {Define(3118, "pg_foreign_table", RelKind::kView,
                {{"ftrelid", oid}, {"ftserver", oid}, {"ftoptions", type::kTextArray}}),
         EmptyRows},
        {Define(2618, "pg_rewrite", RelKind::kView,
                {{"oid", oid},
                 {"rulename", name},
                 {"ev_class", oid},
                 {"ev_type", ch},
                 {"ev_enabled", ch},
                 {"is_instead", b}}),
         EmptyRows},
        {Define(3501, "pg_enum", RelKind::kView,
                {{"oid", oid}, {"enumtypid", oid}, {"enumsortorder", f4}, {"enumlabel", name}}),
         EnumRows},
        {Define(3079, "pg_extension", RelKind::kView,
                {{"oid", oid},
                 {"extname", name},
                 {"extowner", oid},
                 {"extnamespace", oid},
                 {"extrelocatable", b},
                 {"extversion", text}}),
         ExtensionRows},
        {Define(3466, "pg_event_trigger", RelKind::kView,
                {{"oid", oid},
                 {"evtname", name},
                 {"evtevent", name},
                 {"evtowner", oid},
                 {"evtfoid", oid},
                 {"evtenabled", ch},
                 {"evttags", type::kTextArray}}),
         EmptyRows},
        {Define(1213, "pg_tablespace", RelKind::kView,
                {{"oid", oid}, {"spcname", name}, {"spcowner", oid}}),
         TablespaceRows},
        {Define(3456, "pg_collation", RelKind::kView,
                {{"oid", oid},
                 {"collname", name},
                 {"collnamespace", oid},
                 {"collprovider", ch},
                 {"collisdeterministic", b},
                 {"collencoding", i4}}),
         CollationRows},
        {Define(12003, "pg_tables", RelKind::kView,
                {{"schemaname", name},
                 {"tablename", name},
                 {"tableowner", name},
                 {"tablespace", name},
                 {"hasindexes", b},
                 {"hasrules", b},
                 {"hastriggers", b},
                 {"rowsecurity", b}}),
         TablesViewRows},
        {Define(12004, "pg_indexes", RelKind::kView,
                {{"schemaname", name},
                 {"tablename", name},
                 {"indexname", name},
                 {"tablespace", name},
                 {"indexdef", text}}),
         IndexesViewRows},
        {Define(
             12005, "pg_views", RelKind::kView,
             {{"schemaname", name}, {"viewname", name}, {"viewowner", name}, {"definition", text}}),
         EmptyRows},
        {Define(12006, "pg_sequences", RelKind::kView,
                {{"schemaname", name},
                 {"sequencename", name},
                 {"sequenceowner", name},
                 {"data_type", text},
                 {"start_value", i8},
                 {"min_value", i8},
                 {"max_value", i8},
                 {"increment_by", i8},
                 {"cycle", b},
                 {"cache_size", i8},
                 {"last_value", i8}}),
         SequencesViewRows},
    };
    for (SystemTableSpec& t : InformationSchemaTables()) v->push_back(std::move(t));
    return v;
  }();
  return *tables;
}

}  // namespace

const TableDef* LookupSystemTable(std::string_view name) {
  return LookupSystemTable("pg_catalog", name);
}

const TableDef* LookupSystemTable(std::string_view schema, std::string_view name) {
  Oid schema_oid = schema == "pg_catalog"           ? kPgCatalogNamespaceOid
                   : schema == "information_schema" ? kInformationSchemaNamespaceOid
                                                    : 0;
  if (schema_oid == 0) return nullptr;
  for (const SystemTable& t : Tables()) {
    if (t.def.schema_oid == schema_oid && t.def.name == name) return &t.def;
  }
  return nullptr;
}

std::string DefaultExpression(const ColumnDef& column) { return DeparseDefault(column); }

const TableDef* SystemTableByOid(Oid oid) {
  for (const SystemTable& t : Tables()) {
    if (t.def.oid == oid) return &t.def;
  }
  return nullptr;
}

bool IsSystemTable(Oid oid) { return oid < kFirstUserOid && SystemTableByOid(oid) != nullptr; }

Status SystemRows(Oid table, const SystemSnapshot& snapshot,
                  std::vector<std::vector<Value>>* rows) {
  for (const SystemTable& t : Tables()) {
    if (t.def.oid == table) {
      NANO_RETURN_IF_ERROR(t.rows(snapshot, rows));
      for (const auto& row : *rows) {
        if (row.size() != t.def.columns.size()) {
          return Status::Error(sqlstate::kInternalError,
                               "system table " + t.def.name + " produced a row of the wrong width");
        }
      }
      return Status::OK();
    }
  }
  return Status::Error(sqlstate::kUndefinedTable, "no such system table");
}

std::string IndexDefinition(const Catalog& catalog, const TableDef& table, const IndexDef& index,
                            bool pretty) {
  // The search path is pg_catalog, public: only those relations are visible.
  bool visible =
      table.schema_oid == kPublicNamespaceOid || table.schema_oid == kPgCatalogNamespaceOid;
  std::string rel =
      pretty && visible ? table.name : SchemaName(catalog, table.schema_oid) + "." + table.name;
  std::string out = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                    index.name + " ON " + rel + " USING " +
                    (index.method == IndexMethod::kHash ? "hash" : "btree") + " (";
  for (size_t i = 0; i < index.columns.size(); ++i) {
    const ColumnDef* c = table.ColumnByAttnum(index.columns[i]);
    out += (i ? ", " : "") + (c ? c->name : std::string("?"));
    bool desc = i < index.descending.size() && index.descending[i];
    bool nf = i < index.nulls_first.size() && index.nulls_first[i];
    if (desc) out += " DESC";
    if (desc && !nf) out += " NULLS LAST";
    if (!desc && nf) out += " NULLS FIRST";
  }
  out += ")";
  if (index.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  // The pretty form (psql's \d) drops the outer parentheses, as PostgreSQL's does.
  if (!index.predicate.empty()) {
    out += pretty ? " WHERE " + index.predicate : " WHERE (" + index.predicate + ")";
  }
  return out;
}

std::string ConstraintDefinition(const Catalog& catalog, const TableDef& table,
                                 const ConstraintDef& con, bool pretty) {
  auto cols = [](const TableDef& t, const std::vector<int16_t>& attnums) {
    std::string s;
    for (size_t i = 0; i < attnums.size(); ++i) {
      const ColumnDef* c = t.ColumnByAttnum(attnums[i]);
      s += (i ? ", " : "") + (c ? c->name : std::string("?"));
    }
    return s;
  };
  switch (con.type) {
    case 'p':
      return "PRIMARY KEY (" + cols(table, con.columns) + ")";
    case 'u':
      return "UNIQUE (" + cols(table, con.columns) + ")";
    case 'c':
      return pretty ? "CHECK (" + con.check_expr + ")" : "CHECK ((" + con.check_expr + "))";
    case 'f': {
      const TableDef* ref = catalog.TableByOid(con.ref_table_oid);
      // The referenced table is schema-qualified only when not on the search path.
      std::string ref_name = "?";
      if (ref != nullptr) {
        bool visible = ref->schema_oid == kPublicNamespaceOid;
        ref_name = visible ? ref->name : SchemaName(catalog, ref->schema_oid) + "." + ref->name;
      }
      std::string out = "FOREIGN KEY (" + cols(table, con.columns) + ") REFERENCES " + ref_name +
                        "(" + (ref ? cols(*ref, con.ref_columns) : std::string()) + ")";
      auto action = [](FkActionKind a) -> std::string {
        switch (a) {
          case FkActionKind::kCascade:
            return "CASCADE";
          case FkActionKind::kSetNull:
            return "SET NULL";
          case FkActionKind::kSetDefault:
            return "SET DEFAULT";
          case FkActionKind::kRestrict:
            return "RESTRICT";
          default:
            return "";
        }
      };
      std::string upd = action(con.on_update), del = action(con.on_delete);
      if (!upd.empty()) out += " ON UPDATE " + upd;
      if (!del.empty()) out += " ON DELETE " + del;
      return out;
    }
    default:
      return "";
  }
}

}  // namespace nano
