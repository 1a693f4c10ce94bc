// Unit tests for roles.h: aclitem letters, GRANT/REVOKE arithmetic on ACLs,
// default privileges, and membership with INHERIT / NOINHERIT.
#include "catalog/roles.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"

namespace nano {
namespace {

TEST(RolesTest, PrivilegeLettersInPostgresOrder) {
  EXPECT_EQ(PrivilegeLetters(kTableAllPrivs, 0), "arwdDxt");
  EXPECT_EQ(PrivilegeLetters(kPrivSelect | kPrivInsert, kPrivSelect), "ar*");
  EXPECT_EQ(PrivilegeLetters(kSequenceAllPrivs, 0), "rwU");
  EXPECT_EQ(PrivilegeLetters(kSchemaAllPrivs, 0), "UC");
  EXPECT_EQ(PrivilegeFromName("truncate"), kPrivTruncate);
  EXPECT_EQ(PrivilegeFromName("fly"), 0u);
}

TEST(RolesTest, GrantRevokeAndText) {
  Acl acl = EffectiveAcl(std::nullopt, 10, kTableAllPrivs, 0);
  AclGrant(&acl, 20, 10, kPrivSelect, /*with_grant_option=*/true);
  AclGrant(&acl, kPublicRoleOid, 10, kPrivInsert, false);
  auto name = [](Oid r) { return r == 10 ? std::string("postgres") : std::string("alice"); };
  EXPECT_EQ(AclText(acl, name), (std::vector<std::string>{"postgres=arwdDxt/postgres",
                                                          "alice=r*/postgres", "=a/postgres"}));
  AclRevoke(&acl, 20, 10, kPrivSelect, /*grant_option_only=*/true);
  EXPECT_EQ(AclText(acl, name)[1], "alice=r/postgres");
  AclRevoke(&acl, 20, 10, kPrivSelect, false);
  EXPECT_EQ(acl.size(), 2u);  // an item without privileges goes away
}

TEST(RolesTest, HeldPrivilegesFollowMembership) {
  Catalog catalog;
  RoleDef group;
  group.oid = 100;
  group.name = "staff";
  catalog.PutRole(group);
  RoleDef alice;
  alice.oid = 101;
  alice.name = "alice";
  alice.member_of.push_back(RoleMembership{100, 10, false});
  catalog.PutRole(alice);
  RoleDef carol = alice;
  carol.oid = 102;
  carol.name = "carol";
  carol.inherit = false;
  catalog.PutRole(carol);

  Acl acl = EffectiveAcl(std::nullopt, 10, kTableAllPrivs, 0);
  AclGrant(&acl, 100, 10, kPrivSelect, false);
  const std::optional<Acl> table_acl = acl;

  RoleContext a = MakeRoleContext(catalog, 101);
  EXPECT_FALSE(a.superuser);
  EXPECT_TRUE(a.HasEffective(100));
  EXPECT_EQ(HeldPrivileges(a, 10, kTableAllPrivs, table_acl, 0), kPrivSelect);

  RoleContext c = MakeRoleContext(catalog, 102);  // NOINHERIT: a member without the rights
  EXPECT_FALSE(c.HasEffective(100));
  EXPECT_EQ(c.member_of.size(), 2u);
  EXPECT_EQ(HeldPrivileges(c, 10, kTableAllPrivs, table_acl, 0), 0u);

  // Owners hold everything by default; the bootstrap superuser everything always.
  EXPECT_EQ(HeldPrivileges(a, 101, kTableAllPrivs, std::nullopt, 0), kTableAllPrivs);
  EXPECT_TRUE(MakeRoleContext(catalog, kBootstrapSuperuserOid).superuser);
  EXPECT_EQ(HeldGrantOptions(a, 10, kTableAllPrivs, table_acl, 0), 0u);
}

}  // namespace
}  // namespace nano
