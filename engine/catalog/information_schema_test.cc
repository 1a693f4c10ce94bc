// engine/catalog/information_schema_test.cc — information_schema's rows for a
// hand-built catalog, checked against what PostgreSQL 15 shows for
//   CREATE TABLE parent (id serial PRIMARY KEY, code varchar(10) UNIQUE NOT NULL,
//                        name text DEFAULT 'x');
//   CREATE TABLE child (id bigint PRIMARY KEY, parent_id int NOT NULL
//                       REFERENCES parent(id) ON DELETE CASCADE, qty numeric(10,2),
//                       at timestamptz, tag char(3));
// (The same rows are compared with a live PostgreSQL 15 in tests/py.)
#include "catalog/information_schema.h"

#include <map>
#include <string>
#include <vector>

#include "catalog/system_tables.h"
#include "gtest/gtest.h"

namespace nano {
namespace {

using Rows = std::vector<std::vector<Value>>;

ConstraintDef Key(Oid oid, const char* name, char type, Oid table, int16_t column, Oid index) {
  ConstraintDef c;
  c.oid = oid;
  c.name = name;
  c.type = type;
  c.table_oid = table;
  c.columns = {column};
  c.index_oid = index;
  return c;
}

ColumnDef Column(const char* name, TypeOid type, int32_t typmod, int16_t attnum,
                 bool not_null = false, std::string default_expr = "") {
  ColumnDef c;
  c.name = name;
  c.type = TypeRef{type, typmod};
  c.attnum = attnum;
  c.not_null = not_null;
  c.default_expr = std::move(default_expr);
  return c;
}

class InformationSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TableDef seq;
    seq.oid = 16384;
    seq.name = "parent_id_seq";
    seq.kind = RelKind::kSequence;
    seq.sequence.type = type::kInt4;
    seq.sequence.max_value = 2147483647;
    catalog_.PutTable(seq);

    TableDef parent;
    parent.oid = 16385;
    parent.name = "parent";
    parent.columns = {Column("id", type::kInt4, -1, 1, true, "nextval('parent_id_seq'::regclass)"),
                      Column("code", type::kVarChar, 14, 2, true),
                      Column("name", type::kText, -1, 3, false, "'x'")};
    parent.next_attnum = 4;
    IndexDef pkey;
    pkey.oid = 16389;
    pkey.name = "parent_pkey";
    pkey.table_oid = 16385;
    pkey.columns = {1};
    pkey.unique = pkey.primary = true;
    IndexDef code_key = pkey;
    code_key.oid = 16391;
    code_key.name = "parent_code_key";
    code_key.columns = {2};
    code_key.primary = false;
    parent.indexes = {pkey, code_key};
    parent.constraints = {Key(16390, "parent_pkey", 'p', 16385, 1, 16389),
                          Key(16392, "parent_code_key", 'u', 16385, 2, 16391)};
    catalog_.PutTable(parent);

    TableDef child;
    child.oid = 16393;
    child.name = "child";
    child.columns = {Column("id", type::kInt8, -1, 1, true),
                     Column("parent_id", type::kInt4, -1, 2, true),
                     Column("qty", type::kNumeric, ((10 << 16) | 2) + 4, 3),
                     Column("at", type::kTimestampTz, -1, 4), Column("tag", type::kBpChar, 7, 5)};
    child.next_attnum = 6;
    IndexDef child_pkey = pkey;
    child_pkey.oid = 16396;
    child_pkey.name = "child_pkey";
    child_pkey.table_oid = 16393;
    child.indexes = {child_pkey};
    ConstraintDef fk = Key(16398, "child_parent_id_fkey", 'f', 16393, 2, 16389);
    fk.ref_table_oid = 16385;
    fk.ref_columns = {1};
    fk.on_delete = FkActionKind::kCascade;
    child.constraints = {Key(16397, "child_pkey", 'p', 16393, 1, 16396), fk};
    catalog_.PutTable(child);

    snapshot_.catalog = &catalog_;
    snapshot_.current_database = "postgres";
  }

  // Rows of information_schema.<name> as text ("" for NULL), by column name.
  std::vector<std::map<std::string, std::string>> Scan(const char* name) {
    const TableDef* t = LookupSystemTable("information_schema", name);
    EXPECT_NE(t, nullptr) << name;
    if (t == nullptr) return {};
    Rows rows;
    Status st = SystemRows(t->oid, snapshot_, &rows);
    EXPECT_TRUE(st.ok()) << st.message();
    std::vector<std::map<std::string, std::string>> out;
    for (const auto& row : rows) {
      std::map<std::string, std::string> m;
      for (size_t i = 0; i < row.size(); ++i) {
        const Value& v = row[i];
        std::string text;
        if (!v.is_null()) {
          text = v.type() == type::kInt4 ? std::to_string(v.int_value()) : v.str();
        }
        m[t->columns[i].name] = text;
      }
      out.push_back(std::move(m));
    }
    return out;
  }

  Catalog catalog_;
  SystemSnapshot snapshot_;
};

TEST_F(InformationSchemaTest, OnlyQualifiedNamesFindTheViews) {
  EXPECT_EQ(LookupSystemTable("tables"), nullptr);
  EXPECT_EQ(LookupSystemTable("pg_catalog", "columns"), nullptr);
  EXPECT_EQ(LookupSystemTable("public", "pg_class"), nullptr);
  const TableDef* t = LookupSystemTable("information_schema", "columns");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema_oid, kInformationSchemaNamespaceOid);
  EXPECT_EQ(t->columns.size(), 44u);  // PostgreSQL 15's column count
  EXPECT_TRUE(IsSystemTable(t->oid));
  ASSERT_NE(LookupSystemTable("pg_class"), nullptr);
  EXPECT_EQ(LookupSystemTable("pg_class"), LookupSystemTable("pg_catalog", "pg_class"));
}

TEST_F(InformationSchemaTest, ColumnsDescribeTypesAndDefaultsAsPostgres) {
  std::map<std::string, std::map<std::string, std::string>> by_name;
  for (auto& row : Scan("columns")) by_name[row["table_name"] + "." + row["column_name"]] = row;
  ASSERT_EQ(by_name.size(), 8u);

  auto& id = by_name["parent.id"];
  EXPECT_EQ(id["data_type"], "integer");
  EXPECT_EQ(id["udt_name"], "int4");
  EXPECT_EQ(id["numeric_precision"], "32");
  EXPECT_EQ(id["numeric_precision_radix"], "2");
  EXPECT_EQ(id["numeric_scale"], "0");
  EXPECT_EQ(id["is_nullable"], "NO");
  EXPECT_EQ(id["column_default"], "nextval('parent_id_seq'::regclass)");
  EXPECT_EQ(id["ordinal_position"], "1");
  EXPECT_EQ(id["dtd_identifier"], "1");
  EXPECT_EQ(id["is_identity"], "NO");
  EXPECT_EQ(id["identity_cycle"], "NO");
  EXPECT_EQ(id["is_generated"], "NEVER");

  auto& code = by_name["parent.code"];
  EXPECT_EQ(code["data_type"], "character varying");
  EXPECT_EQ(code["character_maximum_length"], "10");
  EXPECT_EQ(code["character_octet_length"], "40");
  EXPECT_EQ(code["udt_name"], "varchar");
  EXPECT_EQ(code["column_default"], "");

  auto& name = by_name["parent.name"];
  EXPECT_EQ(name["column_default"], "'x'::text");
  EXPECT_EQ(name["character_octet_length"], "1073741824");
  EXPECT_EQ(name["is_nullable"], "YES");

  auto& qty = by_name["child.qty"];
  EXPECT_EQ(qty["data_type"], "numeric");
  EXPECT_EQ(qty["numeric_precision"], "10");
  EXPECT_EQ(qty["numeric_precision_radix"], "10");
  EXPECT_EQ(qty["numeric_scale"], "2");

  auto& at = by_name["child.at"];
  EXPECT_EQ(at["data_type"], "timestamp with time zone");
  EXPECT_EQ(at["datetime_precision"], "6");
  EXPECT_EQ(at["udt_name"], "timestamptz");

  auto& tag = by_name["child.tag"];
  EXPECT_EQ(tag["data_type"], "character");  // format_type(1042, NULL)
  EXPECT_EQ(tag["character_maximum_length"], "3");
  EXPECT_EQ(tag["udt_name"], "bpchar");
}

TEST_F(InformationSchemaTest, ConstraintsKeysAndReferences) {
  std::map<std::string, std::string> types;
  for (auto& row : Scan("table_constraints"))
    types[row["constraint_name"]] = row["constraint_type"];
  EXPECT_EQ(types["parent_pkey"], "PRIMARY KEY");
  EXPECT_EQ(types["parent_code_key"], "UNIQUE");
  EXPECT_EQ(types["child_parent_id_fkey"], "FOREIGN KEY");
  // NOT NULL columns appear as CHECK constraints <nsp>_<rel>_<attnum>_not_null.
  EXPECT_EQ(types["2200_16385_2_not_null"], "CHECK");
  EXPECT_EQ(types.size(), 8u);  // 4 keys + 4 NOT NULL columns

  std::map<std::string, std::string> checks;
  for (auto& row : Scan("check_constraints")) checks[row["constraint_name"]] = row["check_clause"];
  EXPECT_EQ(checks.size(), 4u);
  EXPECT_EQ(checks["2200_16393_2_not_null"], "parent_id IS NOT NULL");

  bool saw_fk = false;
  for (auto& row : Scan("key_column_usage")) {
    if (row["constraint_name"] != "child_parent_id_fkey") continue;
    saw_fk = true;
    EXPECT_EQ(row["column_name"], "parent_id");
    EXPECT_EQ(row["ordinal_position"], "1");
    EXPECT_EQ(row["position_in_unique_constraint"], "1");
  }
  EXPECT_TRUE(saw_fk);

  auto refs = Scan("referential_constraints");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0]["unique_constraint_name"], "parent_pkey");
  EXPECT_EQ(refs[0]["match_option"], "NONE");
  EXPECT_EQ(refs[0]["update_rule"], "NO ACTION");
  EXPECT_EQ(refs[0]["delete_rule"], "CASCADE");

  bool fk_uses_parent_id = false;
  for (auto& row : Scan("constraint_column_usage")) {
    if (row["constraint_name"] == "child_parent_id_fkey") {
      fk_uses_parent_id = row["table_name"] == "parent" && row["column_name"] == "id";
    }
  }
  EXPECT_TRUE(fk_uses_parent_id);
}

TEST_F(InformationSchemaTest, TablesSchemataAndSequences) {
  auto tables = Scan("tables");
  ASSERT_EQ(tables.size(), 2u);  // sequences are not tables
  for (auto& row : tables) {
    EXPECT_EQ(row["table_type"], "BASE TABLE");
    EXPECT_EQ(row["table_schema"], "public");
    EXPECT_EQ(row["is_insertable_into"], "YES");
  }
  std::map<std::string, std::string> owners;
  for (auto& row : Scan("schemata")) owners[row["schema_name"]] = row["schema_owner"];
  EXPECT_EQ(owners["public"], "pg_database_owner");
  EXPECT_EQ(owners.count("information_schema"), 1u);
  EXPECT_EQ(owners.count("pg_toast"), 1u);

  auto seqs = Scan("sequences");
  ASSERT_EQ(seqs.size(), 1u);
  EXPECT_EQ(seqs[0]["sequence_name"], "parent_id_seq");
  EXPECT_EQ(seqs[0]["data_type"], "integer");
  EXPECT_EQ(seqs[0]["numeric_precision"], "32");
  EXPECT_EQ(seqs[0]["maximum_value"], "2147483647");
  EXPECT_EQ(seqs[0]["cycle_option"], "NO");
  EXPECT_TRUE(Scan("routines").empty());
  EXPECT_TRUE(Scan("views").empty());
}

TEST(DefaultExpressionTest, PrintsTheStoredExpressionAsPostgres) {
  auto d = [](TypeOid t, const char* expr) {
    ColumnDef c;
    c.type = TypeRef{t, -1};
    c.default_expr = expr;
    return DefaultExpression(c);
  };
  EXPECT_EQ(d(type::kText, "'x'"), "'x'::text");
  EXPECT_EQ(d(type::kVarChar, "'a b'"), "'a b'::character varying");
  EXPECT_EQ(d(type::kBpChar, "'a'"), "'a'::bpchar");
  EXPECT_EQ(d(type::kDate, "'2020-01-01'"), "'2020-01-01'::date");
  EXPECT_EQ(d(type::kInt4, "'5'"), "5");
  EXPECT_EQ(d(type::kInt4, "-1"), "'-1'::integer");
  EXPECT_EQ(d(type::kNumeric, "-1.5"), "'-1.5'::numeric");
  EXPECT_EQ(d(type::kInt8, "0"), "0");
  EXPECT_EQ(d(type::kBool, "false"), "false");
  EXPECT_EQ(d(type::kBool, "'t'"), "true");
  EXPECT_EQ(d(type::kTimestampTz, "now()"), "now()");
  EXPECT_EQ(d(type::kText, "'it''s'"), "'it''s'::text");
  EXPECT_EQ(d(type::kText, "'a' || 'b'"), "'a' || 'b'");  // an expression: as written
}

}  // namespace
}  // namespace nano
