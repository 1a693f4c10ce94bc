// engine/catalog/roles.h — roles, access control lists and row-level
// security policies: the catalog's data and the pure rules over it.
//
// Roles live in the database's Catalog (so they are transactional, persist
// and clone with it). The bootstrap superuser (oid 10) is implicit: it is
// named by the session (the configured user) and is never stored.
//
// ACLs follow PostgreSQL's aclitem: one item per (grantee, grantor) with a
// privilege bit set and a grant-option bit set; an empty optional ACL
// ("NULL relacl") means the object's default privileges (the owner has
// everything, PUBLIC nothing — except EXECUTE on functions and USAGE on
// schema public). The text form is `grantee=privs/grantor`, PUBLIC's
// grantee is empty, a privilege with grant option is followed by `*`.
//
// Thread-safety: plain values; read through an immutable Catalog snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nano {

using Oid = uint32_t;
class Catalog;

inline constexpr Oid kPublicRoleOid = 0;  // PUBLIC as an aclitem grantee

// Privilege bits, in the order PostgreSQL prints them ("arwdDxtXUCTc").
enum Privilege : uint32_t {
  kPrivInsert = 1u << 0,      // a
  kPrivSelect = 1u << 1,      // r
  kPrivUpdate = 1u << 2,      // w
  kPrivDelete = 1u << 3,      // d
  kPrivTruncate = 1u << 4,    // D
  kPrivReferences = 1u << 5,  // x
  kPrivTrigger = 1u << 6,     // t
  kPrivExecute = 1u << 7,     // X
  kPrivUsage = 1u << 8,       // U
  kPrivCreate = 1u << 9,      // C
};
inline constexpr uint32_t kTableAllPrivs = kPrivInsert | kPrivSelect | kPrivUpdate | kPrivDelete |
                                           kPrivTruncate | kPrivReferences | kPrivTrigger;
inline constexpr uint32_t kColumnAllPrivs =
    kPrivInsert | kPrivSelect | kPrivUpdate | kPrivReferences;
inline constexpr uint32_t kSequenceAllPrivs = kPrivSelect | kPrivUpdate | kPrivUsage;
inline constexpr uint32_t kSchemaAllPrivs = kPrivUsage | kPrivCreate;
inline constexpr uint32_t kFunctionAllPrivs = kPrivExecute;

struct AclItem {
  Oid grantee = kPublicRoleOid;
  Oid grantor = 0;
  uint32_t privs = 0;
  uint32_t grant_options = 0;  // subset of privs
};
using Acl = std::vector<AclItem>;

// One membership: the member role belongs to `role` (pg_auth_members).
struct RoleMembership {
  Oid role = 0;
  Oid grantor = 0;
  bool admin_option = false;
};

struct RoleDef {
  Oid oid = 0;
  std::string name;
  bool superuser = false;
  bool inherit = true;
  bool createrole = false;
  bool createdb = false;
  bool login = false;
  bool replication = false;
  bool bypassrls = false;
  int32_t connection_limit = -1;
  std::optional<std::string> password;     // rolpassword: SCRAM or md5 verifier
  std::optional<std::string> valid_until;  // timestamptz text as written by the user
  std::vector<RoleMembership> member_of;   // roles this one was granted
};

// One row-level security policy (pg_policy).
struct PolicyDef {
  Oid oid = 0;
  std::string name;
  Oid table_oid = 0;
  char command = '*';  // polcmd: r SELECT, a INSERT, w UPDATE, d DELETE, * ALL
  bool permissive = true;
  std::vector<Oid> roles;  // empty or {0} = PUBLIC
  std::string using_expr;  // SQL text over the table's columns; empty = none
  std::string check_expr;  // WITH CHECK text; empty = none
};

// The privilege letters of `privs` with `*` after those in `grant_options`.
std::string PrivilegeLetters(uint32_t privs, uint32_t grant_options);
// Name of one privilege bit as GRANT spells it ("SELECT").
const char* PrivilegeName(uint32_t priv);
// Privilege keyword (lower case, "select") -> bit; 0 when unknown.
uint32_t PrivilegeFromName(std::string_view name);

// Who is asking, with the roles whose privileges they hold.
struct RoleContext {
  Oid role = 10;               // the current user (SET ROLE)
  bool superuser = true;       // of `role`
  bool bypassrls = true;       // of `role` (superusers bypass too)
  std::vector<Oid> effective;  // `role` and the roles it inherits privileges from
  // Roles `role` is a member of, inherited or not (SET ROLE / pg_has_role MEMBER).
  std::vector<Oid> member_of;
  bool HasEffective(Oid r) const;
};

// Computes the RoleContext of `role` in `catalog`; the bootstrap superuser
// and unknown oids are superusers.
RoleContext MakeRoleContext(const Catalog& catalog, Oid role);

// The ACL of an object as it stands: `acl` when set, else its default for
// `owner` with `default_public` granted to PUBLIC.
Acl EffectiveAcl(const std::optional<Acl>& acl, Oid owner, uint32_t owner_all,
                 uint32_t default_public);
// Privileges from `acl` held by `who` (any effective role or PUBLIC);
// the owner always holds `owner_all`; superusers hold everything.
uint32_t HeldPrivileges(const RoleContext& who, Oid owner, uint32_t owner_all,
                        const std::optional<Acl>& acl, uint32_t default_public);
// Grant options held likewise (owner: all of them).
uint32_t HeldGrantOptions(const RoleContext& who, Oid owner, uint32_t owner_all,
                          const std::optional<Acl>& acl, uint32_t default_public);

// GRANT / REVOKE on an ACL. For REVOKE, `grant_option_only` revokes just
// the grant option. Items whose privileges become empty are dropped.
void AclGrant(Acl* acl, Oid grantee, Oid grantor, uint32_t privs, bool with_grant_option);
void AclRevoke(Acl* acl, Oid grantee, Oid grantor, uint32_t privs, bool grant_option_only);
// The aclitem[] text elements ("alice=arwdDxt/alice", "=r/alice") naming
// roles through `name_of`.
template <typename NameOf>
std::vector<std::string> AclText(const Acl& acl, NameOf name_of) {
  std::vector<std::string> out;
  for (const AclItem& item : acl) {
    std::string s = item.grantee == kPublicRoleOid ? std::string() : name_of(item.grantee);
    s += "=" + PrivilegeLetters(item.privs, item.grant_options) + "/" + name_of(item.grantor);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace nano
