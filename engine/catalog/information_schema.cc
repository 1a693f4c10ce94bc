// engine/catalog/information_schema.cc — information_schema, computed on scan
// following PostgreSQL 15's information_schema.sql.
#include "catalog/information_schema.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "types/type_info.h"

namespace nano {

namespace {

using Rows = std::vector<std::vector<Value>>;

// The domains' base types (what clients receive in RowDescription).
constexpr TypeOid kIdentifier = type::kName;   // sql_identifier
constexpr TypeOid kCardinal = type::kInt4;     // cardinal_number
constexpr TypeOid kCharData = type::kVarChar;  // character_data
constexpr TypeOid kYesNo = type::kVarChar;     // yes_or_no

struct Col {
  const char* name;
  TypeOid type;
};

TableDef Define(Oid oid, const char* name, std::initializer_list<Col> cols) {
  TableDef t;
  t.oid = oid;
  t.schema_oid = kInformationSchemaNamespaceOid;
  t.name = name;
  t.kind = RelKind::kView;
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

Value Ident(std::string s) { return Value::String(kIdentifier, std::move(s)); }
Value CharData(std::string s) { return Value::String(kCharData, std::move(s)); }
Value YesNo(bool yes) { return Value::String(kYesNo, yes ? "YES" : "NO"); }
Value Card(int64_t n) { return Value::Int4(n); }
Value NullIdent() { return Value::Null(kIdentifier); }
Value NullChar() { return Value::Null(kCharData); }
Value NullCard() { return Value::Null(kCardinal); }

std::string SchemaOf(const Catalog& c, Oid oid) {
  const SchemaDef* s = c.SchemaByOid(oid);
  return s ? s->name : "";
}

bool IsUserSchema(Oid oid) {
  return oid != kPgCatalogNamespaceOid && oid != kInformationSchemaNamespaceOid;
}

// Relations information_schema lists as tables: tables and views of user schemas.
bool Listed(const TableDef& t) {
  return IsUserSchema(t.schema_oid) && (t.kind == RelKind::kTable || t.kind == RelKind::kView);
}

std::string ColumnName(const TableDef& t, int16_t attnum) {
  const ColumnDef* c = t.ColumnByAttnum(attnum);
  return c ? c->name : "";
}

// format_type(oid, NULL): the type's SQL name without modifiers.
std::string DataType(TypeOid t) {
  if (IsArrayType(t)) return "ARRAY";
  if (t == type::kBpChar) return "character";  // format_type(1042, NULL)
  return FormatType(TypeRef{t, -1});
}

// _pg_char_max_length
Value CharMaxLength(const TypeRef& t) {
  if ((t.oid == type::kVarChar || t.oid == type::kBpChar) && t.typmod >= 4) {
    return Card(t.typmod - 4);
  }
  return NullCard();
}

// _pg_char_octet_length: UTF8's 4 bytes per character; 1 GB when unbounded.
Value CharOctetLength(const TypeRef& t) {
  if (t.oid == type::kText || t.oid == type::kVarChar || t.oid == type::kBpChar) {
    if (t.oid != type::kText && t.typmod >= 4) return Card((t.typmod - 4) * 4);
    return Card(1073741824);
  }
  return NullCard();
}

// _pg_numeric_precision / _radix / _scale
Value NumericPrecision(const TypeRef& t) {
  switch (t.oid) {
    case type::kInt2:
      return Card(16);
    case type::kInt4:
      return Card(32);
    case type::kInt8:
      return Card(64);
    case type::kFloat4:
      return Card(24);
    case type::kFloat8:
      return Card(53);
    case type::kNumeric:
      return t.typmod < 0 ? NullCard() : Card(((t.typmod - 4) >> 16) & 0xFFFF);
    default:
      return NullCard();
  }
}

Value NumericRadix(const TypeRef& t) {
  switch (t.oid) {
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kFloat4:
    case type::kFloat8:
      return Card(2);
    case type::kNumeric:
      return Card(10);
    default:
      return NullCard();
  }
}

Value NumericScale(const TypeRef& t) {
  switch (t.oid) {
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
      return Card(0);
    case type::kNumeric:
      return t.typmod < 0 ? NullCard() : Card((t.typmod - 4) & 0xFFFF);
    default:
      return NullCard();
  }
}

// _pg_datetime_precision: 6 unless a precision was given.
Value DatetimePrecision(const TypeRef& t) {
  switch (t.oid) {
    case type::kDate:
      return Card(0);
    case type::kTime:
    case type::kTimeTz:
    case type::kTimestamp:
    case type::kTimestampTz:
      return Card(t.typmod < 0 ? 6 : t.typmod);
    case type::kInterval: {
      int32_t precision = t.typmod < 0 ? 0xFFFF : t.typmod & 0xFFFF;
      return Card(precision == 0xFFFF ? 6 : precision);
    }
    default:
      return NullCard();
  }
}

// _pg_interval_type: the fields of an interval type, as format_type spells
// them after "interval" and its precision ("DAY TO SECOND(2)"); NULL if none.
Value IntervalType(const TypeRef& t) {
  if (t.oid != type::kInterval || t.typmod < 0) return NullChar();
  std::string text = FormatType(t);  // "interval(3)", "interval day to second(2)"
  size_t pos = std::string("interval").size();
  if (pos < text.size() && text[pos] == '(') pos = text.find(')', pos) + 1;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos >= text.size()) return NullChar();
  std::string fields = text.substr(pos);
  for (char& c : fields) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return CharData(fields);
}

std::string TypeName(TypeOid t) {
  const TypeInfo* info = LookupType(t);
  return info ? info->name : "";
}

const char* ConstraintType(char type) {
  switch (type) {
    case 'p':
      return "PRIMARY KEY";
    case 'u':
      return "UNIQUE";
    case 'f':
      return "FOREIGN KEY";
    default:
      return "CHECK";
  }
}

const char* FkRule(FkActionKind a) {
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
      return "NO ACTION";
  }
}

// The referenced table's primary key or unique constraint backing a foreign key.
const ConstraintDef* ReferencedKey(const Catalog& c, const ConstraintDef& fk) {
  const TableDef* ref = c.TableByOid(fk.ref_table_oid);
  if (ref == nullptr) return nullptr;
  for (const ConstraintDef& k : ref->constraints) {
    if ((k.type == 'p' || k.type == 'u') && k.index_oid == fk.index_oid) return &k;
  }
  for (const ConstraintDef& k : ref->constraints) {
    if ((k.type == 'p' || k.type == 'u') && k.columns.size() == fk.ref_columns.size()) {
      bool same = true;
      for (int16_t col : fk.ref_columns) {
        same = same && std::find(k.columns.begin(), k.columns.end(), col) != k.columns.end();
      }
      if (same) return &k;
    }
  }
  return nullptr;
}

Status SchemataRows(const SystemSnapshot& s, Rows* rows) {
  const std::string& db = s.current_database;
  auto add = [&](const std::string& name, const std::string& owner) {
    rows->push_back(
        {Ident(db), Ident(name), Ident(owner), NullIdent(), NullIdent(), NullIdent(), NullChar()});
  };
  for (const auto& [oid, schema] : s.catalog->schemas()) {
    add(schema.name, oid == kPublicNamespaceOid ? "pg_database_owner" : s.user);
  }
  add("pg_toast", s.user);  // PostgreSQL always has it; the engine needs none
  return Status::OK();
}

Status TablesRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (!Listed(t)) continue;
    bool table = t.kind == RelKind::kTable;
    rows->push_back({Ident(s.current_database), Ident(SchemaOf(*s.catalog, t.schema_oid)),
                     Ident(t.name), CharData(table ? "BASE TABLE" : "VIEW"), NullIdent(),
                     NullChar(), NullIdent(), NullIdent(), NullIdent(), YesNo(table), YesNo(false),
                     NullChar()});
  }
  return Status::OK();
}

Status ColumnsRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (!Listed(t)) continue;
    std::string schema = SchemaOf(*s.catalog, t.schema_oid);
    for (int index : t.LiveColumns()) {
      const ColumnDef& c = t.columns[static_cast<size_t>(index)];
      const TypeRef& ty = c.type;
      Value column_default = NullChar();
      if (c.generated == 0 && c.identity == 0 && !c.default_expr.empty()) {
        column_default = CharData(DefaultExpression(c));
      }
      bool identity = c.identity == 'a' || c.identity == 'd';
      const TableDef* seq = identity ? s.catalog->TableByOid(c.sequence_oid) : nullptr;
      auto seq_field = [&](int64_t v) { return seq ? CharData(std::to_string(v)) : NullChar(); };
      // User types: an enum column is USER-DEFINED with the enum as its udt;
      // a domain column shows its base type plus domain_catalog/schema/name.
      const TypeDef* enum_type = s.catalog->TypeByOid(ty.oid);
      const TypeDef* domain = c.domain_oid ? s.catalog->TypeByOid(c.domain_oid) : nullptr;
      auto user_ident = [&](const TypeDef* ut, int part) {
        if (ut == nullptr) return NullIdent();
        return part == 0   ? Ident(s.current_database)
               : part == 1 ? Ident(SchemaOf(*s.catalog, ut->schema_oid))
                           : Ident(ut->name);
      };
      rows->push_back(
          {Ident(s.current_database),
           Ident(schema),
           Ident(t.name),
           Ident(c.name),
           Card(c.attnum),
           column_default,
           YesNo(!c.not_null),
           CharData(enum_type ? std::string("USER-DEFINED") : DataType(ty.oid)),
           CharMaxLength(ty),
           CharOctetLength(ty),
           NumericPrecision(ty),
           NumericRadix(ty),
           NumericScale(ty),
           DatetimePrecision(ty),
           IntervalType(ty),
           NullCard(),
           NullIdent(),
           NullIdent(),
           NullIdent(),  // character_set_*
           NullIdent(),
           NullIdent(),
           NullIdent(),  // collation_* (default collation)
           user_ident(domain, 0),
           user_ident(domain, 1),
           user_ident(domain, 2),  // domain_*
           Ident(s.current_database),
           Ident(enum_type ? SchemaOf(*s.catalog, enum_type->schema_oid) : "pg_catalog"),
           Ident(enum_type ? enum_type->name : TypeName(ty.oid)),
           NullIdent(),
           NullIdent(),
           NullIdent(),
           NullCard(),  // scope_*, maximum_cardinality
           Ident(std::to_string(c.attnum)),
           YesNo(false),
           YesNo(identity),
           identity ? CharData(c.identity == 'a' ? "ALWAYS" : "BY DEFAULT") : NullChar(),
           seq_field(seq ? seq->sequence.start : 0),
           seq_field(seq ? seq->sequence.increment : 0),
           seq_field(seq ? seq->sequence.max_value : 0),
           seq_field(seq ? seq->sequence.min_value : 0),
           YesNo(seq && seq->sequence.cycle),
           CharData(c.generated ? "ALWAYS" : "NEVER"),
           c.generated ? CharData(c.default_expr) : NullChar(),
           YesNo(t.kind == RelKind::kTable)});
    }
  }
  return Status::OK();
}

Status ViewsRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kView || !IsUserSchema(t.schema_oid)) continue;
    rows->push_back({Ident(s.current_database), Ident(SchemaOf(*s.catalog, t.schema_oid)),
                     Ident(t.name), CharData(t.view_query),
                     CharData(t.view_check_option == 'l'   ? "LOCAL"
                              : t.view_check_option == 'c' ? "CASCADED"
                                                           : "NONE"),
                     YesNo(false), YesNo(false), YesNo(false), YesNo(false), YesNo(false)});
  }
  return Status::OK();
}

Status TableConstraintsRows(const SystemSnapshot& s, Rows* rows) {
  const std::string& db = s.current_database;
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kTable || !IsUserSchema(t.schema_oid)) continue;
    std::string schema = SchemaOf(*s.catalog, t.schema_oid);
    for (const ConstraintDef& c : t.constraints) {
      Value nulls_distinct = Value::Null(kYesNo);
      if (c.type == 'u') {
        const IndexDef* idx = t.FindIndex(c.index_oid);
        nulls_distinct = YesNo(!(idx && idx->nulls_not_distinct));
      }
      rows->push_back({Ident(db), Ident(schema), Ident(c.name), Ident(db), Ident(schema),
                       Ident(t.name), CharData(ConstraintType(c.type)), YesNo(false), YesNo(false),
                       YesNo(true), nulls_distinct});
    }
    // PostgreSQL 15 lists each NOT NULL column as a CHECK constraint named
    // <schema oid>_<table oid>_<attnum>_not_null.
    for (int index : t.LiveColumns()) {
      const ColumnDef& col = t.columns[static_cast<size_t>(index)];
      if (!col.not_null) continue;
      std::string name = std::to_string(t.schema_oid) + "_" + std::to_string(oid) + "_" +
                         std::to_string(col.attnum) + "_not_null";
      rows->push_back({Ident(db), Ident(schema), Ident(name), Ident(db), Ident(schema),
                       Ident(t.name), CharData("CHECK"), YesNo(false), YesNo(false), YesNo(true),
                       Value::Null(kYesNo)});
    }
  }
  return Status::OK();
}

// CHECK constraints as pg_get_constraintdef prints them minus "CHECK ", and
// each NOT NULL column as "<column> IS NOT NULL" (named as in table_constraints).
Status CheckConstraintsRows(const SystemSnapshot& s, Rows* rows) {
  const std::string& db = s.current_database;
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kTable || !IsUserSchema(t.schema_oid)) continue;
    std::string schema = SchemaOf(*s.catalog, t.schema_oid);
    for (const ConstraintDef& c : t.constraints) {
      if (c.type != 'c') continue;
      rows->push_back({Ident(db), Ident(schema), Ident(c.name),
                       CharData(ConstraintDefinition(*s.catalog, t, c).substr(6))});
    }
    for (int index : t.LiveColumns()) {
      const ColumnDef& col = t.columns[static_cast<size_t>(index)];
      if (!col.not_null) continue;
      std::string name = std::to_string(t.schema_oid) + "_" + std::to_string(oid) + "_" +
                         std::to_string(col.attnum) + "_not_null";
      rows->push_back({Ident(db), Ident(schema), Ident(name), CharData(col.name + " IS NOT NULL")});
    }
  }
  return Status::OK();
}

Status KeyColumnUsageRows(const SystemSnapshot& s, Rows* rows) {
  const std::string& db = s.current_database;
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kTable || !IsUserSchema(t.schema_oid)) continue;
    std::string schema = SchemaOf(*s.catalog, t.schema_oid);
    for (const ConstraintDef& c : t.constraints) {
      if (c.type != 'p' && c.type != 'u' && c.type != 'f') continue;
      const ConstraintDef* key = c.type == 'f' ? ReferencedKey(*s.catalog, c) : nullptr;
      for (size_t i = 0; i < c.columns.size(); ++i) {
        Value position = NullCard();
        if (c.type == 'f' && key != nullptr && i < c.ref_columns.size()) {
          auto it = std::find(key->columns.begin(), key->columns.end(), c.ref_columns[i]);
          if (it != key->columns.end()) position = Card(it - key->columns.begin() + 1);
        }
        rows->push_back({Ident(db), Ident(schema), Ident(c.name), Ident(db), Ident(schema),
                         Ident(t.name), Ident(ColumnName(t, c.columns[i])),
                         Card(static_cast<int64_t>(i) + 1), position});
      }
    }
  }
  return Status::OK();
}

Status ReferentialConstraintsRows(const SystemSnapshot& s, Rows* rows) {
  const std::string& db = s.current_database;
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kTable || !IsUserSchema(t.schema_oid)) continue;
    std::string schema = SchemaOf(*s.catalog, t.schema_oid);
    for (const ConstraintDef& c : t.constraints) {
      if (c.type != 'f') continue;
      const ConstraintDef* key = ReferencedKey(*s.catalog, c);
      const TableDef* ref = s.catalog->TableByOid(c.ref_table_oid);
      std::string match = c.match_type == 'f' ? "FULL" : c.match_type == 'p' ? "PARTIAL" : "NONE";
      rows->push_back({Ident(db), Ident(schema), Ident(c.name), key ? Ident(db) : NullIdent(),
                       key && ref ? Ident(SchemaOf(*s.catalog, ref->schema_oid)) : NullIdent(),
                       key ? Ident(key->name) : NullIdent(), CharData(match),
                       CharData(FkRule(c.on_update)), CharData(FkRule(c.on_delete))});
    }
  }
  return Status::OK();
}

Status ConstraintColumnUsageRows(const SystemSnapshot& s, Rows* rows) {
  const std::string& db = s.current_database;
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kTable || !IsUserSchema(t.schema_oid)) continue;
    std::string schema = SchemaOf(*s.catalog, t.schema_oid);
    for (const ConstraintDef& c : t.constraints) {
      // A foreign key "uses" the referenced columns; the others their own.
      const TableDef* used = &t;
      const std::vector<int16_t>* cols = &c.columns;
      if (c.type == 'f') {
        used = s.catalog->TableByOid(c.ref_table_oid);
        cols = &c.ref_columns;
        if (used == nullptr) continue;
      }
      for (int16_t attnum : *cols) {
        rows->push_back({Ident(db), Ident(SchemaOf(*s.catalog, used->schema_oid)),
                         Ident(used->name), Ident(ColumnName(*used, attnum)), Ident(db),
                         Ident(schema), Ident(c.name)});
      }
    }
  }
  return Status::OK();
}

Status SequencesRows(const SystemSnapshot& s, Rows* rows) {
  for (const auto& [oid, t] : s.catalog->tables()) {
    if (t.kind != RelKind::kSequence || !IsUserSchema(t.schema_oid)) continue;
    const SequenceOptions& o = t.sequence;
    // An identity column's sequence is internal to it (pg_depend 'i'): not listed.
    const TableDef* owner = s.catalog->TableByOid(o.owned_by_table);
    const ColumnDef* column = owner ? owner->ColumnByAttnum(o.owned_by_column) : nullptr;
    if (column != nullptr && column->identity != 0) continue;
    TypeRef ty{o.type, -1};
    rows->push_back({Ident(s.current_database), Ident(SchemaOf(*s.catalog, t.schema_oid)),
                     Ident(t.name), CharData(DataType(o.type)), NumericPrecision(ty),
                     NumericRadix(ty), NumericScale(ty), CharData(std::to_string(o.start)),
                     CharData(std::to_string(o.min_value)), CharData(std::to_string(o.max_value)),
                     CharData(std::to_string(o.increment)), YesNo(o.cycle)});
  }
  return Status::OK();
}

// The engine has no user-defined functions, and PostgreSQL lists pg_catalog's
// built-ins here only by privilege; the usual client query (routine_schema =
// a user schema) finds nothing on either.
Status RoutinesRows(const SystemSnapshot&, Rows*) { return Status::OK(); }

}  // namespace

std::vector<SystemTableSpec> InformationSchemaTables() {
  const TypeOid id = kIdentifier, card = kCardinal, cd = kCharData, yn = kYesNo;
  return {
      {Define(13001, "schemata",
              {{"catalog_name", id},
               {"schema_name", id},
               {"schema_owner", id},
               {"default_character_set_catalog", id},
               {"default_character_set_schema", id},
               {"default_character_set_name", id},
               {"sql_path", cd}}),
       SchemataRows},
      {Define(13002, "tables",
              {{"table_catalog", id},
               {"table_schema", id},
               {"table_name", id},
               {"table_type", cd},
               {"self_referencing_column_name", id},
               {"reference_generation", cd},
               {"user_defined_type_catalog", id},
               {"user_defined_type_schema", id},
               {"user_defined_type_name", id},
               {"is_insertable_into", yn},
               {"is_typed", yn},
               {"commit_action", cd}}),
       TablesRows},
      {Define(13003, "columns",
              {{"table_catalog", id},
               {"table_schema", id},
               {"table_name", id},
               {"column_name", id},
               {"ordinal_position", card},
               {"column_default", cd},
               {"is_nullable", yn},
               {"data_type", cd},
               {"character_maximum_length", card},
               {"character_octet_length", card},
               {"numeric_precision", card},
               {"numeric_precision_radix", card},
               {"numeric_scale", card},
               {"datetime_precision", card},
               {"interval_type", cd},
               {"interval_precision", card},
               {"character_set_catalog", id},
               {"character_set_schema", id},
               {"character_set_name", id},
               {"collation_catalog", id},
               {"collation_schema", id},
               {"collation_name", id},
               {"domain_catalog", id},
               {"domain_schema", id},
               {"domain_name", id},
               {"udt_catalog", id},
               {"udt_schema", id},
               {"udt_name", id},
               {"scope_catalog", id},
               {"scope_schema", id},
               {"scope_name", id},
               {"maximum_cardinality", card},
               {"dtd_identifier", id},
               {"is_self_referencing", yn},
               {"is_identity", yn},
               {"identity_generation", cd},
               {"identity_start", cd},
               {"identity_increment", cd},
               {"identity_maximum", cd},
               {"identity_minimum", cd},
               {"identity_cycle", yn},
               {"is_generated", cd},
               {"generation_expression", cd},
               {"is_updatable", yn}}),
       ColumnsRows},
      {Define(13004, "views",
              {{"table_catalog", id},
               {"table_schema", id},
               {"table_name", id},
               {"view_definition", cd},
               {"check_option", cd},
               {"is_updatable", yn},
               {"is_insertable_into", yn},
               {"is_trigger_updatable", yn},
               {"is_trigger_deletable", yn},
               {"is_trigger_insertable_into", yn}}),
       ViewsRows},
      {Define(13005, "table_constraints",
              {{"constraint_catalog", id},
               {"constraint_schema", id},
               {"constraint_name", id},
               {"table_catalog", id},
               {"table_schema", id},
               {"table_name", id},
               {"constraint_type", cd},
               {"is_deferrable", yn},
               {"initially_deferred", yn},
               {"enforced", yn},
               {"nulls_distinct", yn}}),
       TableConstraintsRows},
      {Define(13011, "check_constraints",
              {{"constraint_catalog", id},
               {"constraint_schema", id},
               {"constraint_name", id},
               {"check_clause", cd}}),
       CheckConstraintsRows},
      {Define(13006, "key_column_usage",
              {{"constraint_catalog", id},
               {"constraint_schema", id},
               {"constraint_name", id},
               {"table_catalog", id},
               {"table_schema", id},
               {"table_name", id},
               {"column_name", id},
               {"ordinal_position", card},
               {"position_in_unique_constraint", card}}),
       KeyColumnUsageRows},
      {Define(13007, "referential_constraints",
              {{"constraint_catalog", id},
               {"constraint_schema", id},
               {"constraint_name", id},
               {"unique_constraint_catalog", id},
               {"unique_constraint_schema", id},
               {"unique_constraint_name", id},
               {"match_option", cd},
               {"update_rule", cd},
               {"delete_rule", cd}}),
       ReferentialConstraintsRows},
      {Define(13008, "constraint_column_usage",
              {{"table_catalog", id},
               {"table_schema", id},
               {"table_name", id},
               {"column_name", id},
               {"constraint_catalog", id},
               {"constraint_schema", id},
               {"constraint_name", id}}),
       ConstraintColumnUsageRows},
      {Define(13009, "sequences",
              {{"sequence_catalog", id},
               {"sequence_schema", id},
               {"sequence_name", id},
               {"data_type", cd},
               {"numeric_precision", card},
               {"numeric_precision_radix", card},
               {"numeric_scale", card},
               {"start_value", cd},
               {"minimum_value", cd},
               {"maximum_value", cd},
               {"increment", cd},
               {"cycle_option", yn}}),
       SequencesRows},
      {Define(13010, "routines",
              {{"specific_catalog", id},
               {"specific_schema", id},
               {"specific_name", id},
               {"routine_catalog", id},
               {"routine_schema", id},
               {"routine_name", id},
               {"routine_type", cd},
               {"data_type", cd},
               {"type_udt_catalog", id},
               {"type_udt_schema", id},
               {"type_udt_name", id},
               {"routine_body", cd},
               {"routine_definition", cd},
               {"external_language", cd},
               {"is_deterministic", yn},
               {"security_type", cd}}),
       RoutinesRows},
  };
}

}  // namespace nano
