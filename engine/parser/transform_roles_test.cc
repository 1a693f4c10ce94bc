// Unit tests for transform_roles.cc: role, GRANT/REVOKE, policy and OWNER TO
// statements become their ast nodes with PostgreSQL's option names.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/parser.h"

namespace nano {
namespace {

using ast::StmtKind;

const ast::Statement* ParseOne(std::string_view sql, std::vector<ast::StatementPtr>* keep) {
  Status st = ParseSql(sql, keep);
  EXPECT_TRUE(st.ok()) << sql << " -> " << st.ToString();
  if (!st.ok() || keep->size() != 1) return nullptr;
  return (*keep)[0].get();
}

TEST(ParserRolesTest, CreateRoleOptions) {
  std::vector<ast::StatementPtr> keep;
  const auto* s = ParseOne(
      "CREATE USER u WITH SUPERUSER NOINHERIT PASSWORD 'pw' CONNECTION LIMIT 5 "
      "VALID UNTIL '2030-01-01' IN ROLE g1, g2",
      &keep);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->kind, StmtKind::kCreateRole);
  const auto& r = static_cast<const ast::CreateRoleStmt&>(*s);
  EXPECT_FALSE(r.alter);
  EXPECT_EQ(r.role_kind, 'u');
  EXPECT_EQ(r.role.name, "u");
  std::vector<std::string> names;
  for (const ast::RoleOption& o : r.options) names.push_back(o.name);
  EXPECT_EQ(names, (std::vector<std::string>{"superuser", "inherit", "password", "connectionlimit",
                                             "validUntil", "addroleto"}));
  EXPECT_TRUE(r.options[0].bval);
  EXPECT_FALSE(r.options[1].bval);
  EXPECT_EQ(r.options[2].str, "pw");
  EXPECT_EQ(r.options[3].ival, 5);
  ASSERT_EQ(r.options[5].roles.size(), 2u);
  EXPECT_EQ(r.options[5].roles[1].name, "g2");
}

TEST(ParserRolesTest, PasswordNullAndAlterGroup) {
  std::vector<ast::StatementPtr> keep;
  const auto* s = ParseOne("ALTER ROLE CURRENT_USER PASSWORD NULL", &keep);
  ASSERT_NE(s, nullptr);
  const auto& r = static_cast<const ast::CreateRoleStmt&>(*s);
  EXPECT_TRUE(r.alter);
  EXPECT_EQ(r.role.kind, ast::RoleSpec::Kind::kCurrentUser);
  ASSERT_EQ(r.options.size(), 1u);
  EXPECT_TRUE(r.options[0].is_null);
  std::vector<ast::StatementPtr> keep2;
  const auto* g = ParseOne("ALTER GROUP staff DROP USER a, b", &keep2);
  ASSERT_NE(g, nullptr);
  const auto& ag = static_cast<const ast::CreateRoleStmt&>(*g);
  ASSERT_EQ(ag.options.size(), 1u);
  EXPECT_EQ(ag.options[0].name, "droprolemembers");
  EXPECT_EQ(ag.options[0].roles.size(), 2u);
}

TEST(ParserRolesTest, GrantAndRevoke) {
  std::vector<ast::StatementPtr> keep;
  const auto* s = ParseOne(
      "GRANT SELECT (a, b), UPDATE ON TABLE s.t, u TO alice, PUBLIC WITH GRANT OPTION", &keep);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->kind, StmtKind::kGrant);
  const auto& g = static_cast<const ast::GrantStmt&>(*s);
  EXPECT_TRUE(g.is_grant);
  EXPECT_TRUE(g.grant_option);
  ASSERT_EQ(g.objects.size(), 2u);
  EXPECT_EQ(g.objects[0], (std::vector<std::string>{"s", "t"}));
  ASSERT_EQ(g.privileges.size(), 2u);
  EXPECT_EQ(g.privileges[0].name, "select");
  EXPECT_EQ(g.privileges[0].columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(g.grantees.size(), 2u);
  EXPECT_EQ(g.grantees[1].kind, ast::RoleSpec::Kind::kPublic);

  std::vector<ast::StatementPtr> keep2;
  const auto* r = ParseOne("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM bob", &keep2);
  ASSERT_NE(r, nullptr);
  const auto& rv = static_cast<const ast::GrantStmt&>(*r);
  EXPECT_FALSE(rv.is_grant);
  EXPECT_TRUE(rv.all_in_schema);
  EXPECT_TRUE(rv.privileges.empty());

  std::vector<ast::StatementPtr> keep3;
  const auto* m = ParseOne("REVOKE ADMIN OPTION FOR g FROM u", &keep3);
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->kind, StmtKind::kGrantRole);
  const auto& gr = static_cast<const ast::GrantRoleStmt&>(*m);
  EXPECT_FALSE(gr.is_grant);
  EXPECT_TRUE(gr.admin_option);
  EXPECT_EQ(gr.granted, (std::vector<std::string>{"g"}));
}

TEST(ParserRolesTest, PoliciesAndRowSecurity) {
  std::vector<ast::StatementPtr> keep;
  const auto* s = ParseOne(
      "CREATE POLICY p ON t AS RESTRICTIVE FOR UPDATE TO a, b USING (x > 0) WITH CHECK (y < 1)",
      &keep);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->kind, StmtKind::kCreatePolicy);
  const auto& p = static_cast<const ast::CreatePolicyStmt&>(*s);
  EXPECT_EQ(p.name, "p");
  EXPECT_EQ(p.table.name, "t");
  EXPECT_EQ(p.command, "update");
  EXPECT_FALSE(p.permissive);
  EXPECT_EQ(p.roles.size(), 2u);
  EXPECT_EQ(p.using_text, "x > 0");
  EXPECT_EQ(p.check_text, "y < 1");

  std::vector<ast::StatementPtr> keep2;
  const auto* a = ParseOne("ALTER TABLE t ENABLE ROW LEVEL SECURITY, OWNER TO bob", &keep2);
  ASSERT_NE(a, nullptr);
  const auto& at = static_cast<const ast::AlterTableStmt&>(*a);
  ASSERT_EQ(at.cmds.size(), 2u);
  EXPECT_EQ(at.cmds[0].kind, ast::AlterTableCmdKind::kEnableRowSecurity);
  EXPECT_EQ(at.cmds[1].kind, ast::AlterTableCmdKind::kChangeOwner);
  EXPECT_EQ(at.cmds[1].name, "bob");
}

}  // namespace
}  // namespace nano
