// engine/executor/ddl_roles.cc — roles, GRANT/REVOKE, policies and
// ownership (ddl_roles.h).
#include "executor/ddl_roles.h"

#include <algorithm>
#include <set>
#include <utility>

#include "common/sqlstate.h"
#include "executor/ddl_util.h"
#include "server/auth/auth.h"
#include "server/auth/scram.h"

namespace nano {

namespace {

using ddl_util::ErrorAt;
using ddl_util::Pos;

constexpr char kInsufficientPrivilege[] = "42501";
constexpr char kDuplicateObject[] = "42710";
constexpr char kInvalidGrantOperation[] = "0LP01";
constexpr char kReservedName[] = "42939";
constexpr char kObjectInUse[] = "55006";

void Say(DdlContext& ctx, const char* severity, const std::string& code, std::string message) {
  if (!ctx.notice) return;
  ErrorInfo info;
  info.severity = severity;
  info.sqlstate = code;
  info.message = std::move(message);
  ctx.notice(info);
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

RoleContext Who(const DdlContext& ctx) { return MakeRoleContext(*ctx.catalog, ctx.current_user); }

// A role as a statement names it -> oid; 42704 when it does not exist.
// PUBLIC is kPublicRoleOid only where `allow_public`.
Status ResolveRole(const DdlContext& ctx, const ast::RoleSpec& spec, bool allow_public, Oid* out) {
  switch (spec.kind) {
    case ast::RoleSpec::Kind::kPublic:
      if (allow_public) {
        *out = kPublicRoleOid;
        return Status::OK();
      }
      return ErrorAt(sqlstate::kUndefinedObject, "role \"public\" does not exist", spec.location);
    case ast::RoleSpec::Kind::kCurrentUser:
      *out = ctx.current_user;
      return Status::OK();
    case ast::RoleSpec::Kind::kSessionUser:
      *out = ctx.session_user;
      return Status::OK();
    case ast::RoleSpec::Kind::kName:
      break;
  }
  if (spec.name == ctx.bootstrap_name) {
    *out = kBootstrapSuperuserOid;
    return Status::OK();
  }
  if (spec.name == "pg_database_owner") {
    *out = kPgDatabaseOwnerOid;
    return Status::OK();
  }
  const RoleDef* r = ctx.catalog->FindRole(spec.name);
  if (r == nullptr) {
    return ErrorAt(sqlstate::kUndefinedObject, "role " + Quoted(spec.name) + " does not exist",
                   spec.location);
  }
  *out = r->oid;
  return Status::OK();
}

bool RoleExists(const DdlContext& ctx, const std::string& name) {
  return name == ctx.bootstrap_name || name == "pg_database_owner" || name == "public" ||
         ctx.catalog->FindRole(name) != nullptr;
}

bool IsSuperuser(const DdlContext& ctx) { return Who(ctx).superuser; }

const TableDef* FindRelation(const Catalog& catalog, const std::string& schema,
                             const std::string& name) {
  Oid ns = kPublicNamespaceOid;
  if (!schema.empty()) {
    const SchemaDef* s = catalog.FindSchema(schema);
    if (s == nullptr) return nullptr;
    ns = s->oid;
  }
  return catalog.FindTable(ns, name);
}

const char* RelKindWord(const TableDef& t) {
  switch (t.kind) {
    case RelKind::kView:
      return "view";
    case RelKind::kSequence:
      return "sequence";
    case RelKind::kIndex:
      return "index";
    default:
      return "table";
  }
}

Status MustOwn(const DdlContext& ctx, const TableDef& t) {
  RoleContext who = Who(ctx);
  if (who.superuser || who.HasEffective(t.owner)) return Status::OK();
  return Status::Error(kInsufficientPrivilege,
                       std::string("must be owner of ") + RelKindWord(t) + " " + t.name);
}

// ---- CREATE / ALTER ROLE ----

Status ApplyRoleOptions(const ast::CreateRoleStmt& stmt, DdlContext& ctx, RoleDef* role,
                        std::vector<Oid>* add_to, std::vector<Oid>* members,
                        std::vector<Oid>* admins, std::vector<Oid>* drop_members) {
  std::set<std::string> seen;
  const bool super = IsSuperuser(ctx);
  for (const ast::RoleOption& o : stmt.options) {
    if (!seen.insert(o.name).second) {
      return ErrorAt(sqlstate::kSyntaxError, "conflicting or redundant options", o.location);
    }
    if (o.name == "superuser") {
      if (!super) {
        return Status::Error(kInsufficientPrivilege,
                             stmt.alter ? "must be superuser to alter superuser roles or change "
                                          "superuser attribute"
                                        : "must be superuser to create superusers");
      }
      role->superuser = o.bval;
    } else if (o.name == "createrole") {
      role->createrole = o.bval;
    } else if (o.name == "createdb") {
      role->createdb = o.bval;
    } else if (o.name == "inherit") {
      role->inherit = o.bval;
    } else if (o.name == "canlogin") {
      role->login = o.bval;
    } else if (o.name == "isreplication") {
      if (!super) {
        return Status::Error(kInsufficientPrivilege,
                             "must be superuser to create replication users");
      }
      role->replication = o.bval;
    } else if (o.name == "bypassrls") {
      if (!super) {
        return Status::Error(kInsufficientPrivilege,
                             "must be superuser to change bypassrls attribute");
      }
      role->bypassrls = o.bval;
    } else if (o.name == "connectionlimit") {
      if (o.ival < -1) {
        return ErrorAt(sqlstate::kInvalidParameterValue,
                       "invalid connection limit: " + std::to_string(o.ival), o.location);
      }
      role->connection_limit = static_cast<int32_t>(o.ival);
    } else if (o.name == "password") {
      if (o.is_null) {
        role->password.reset();
      } else if (o.str.empty()) {
        Say(ctx, "NOTICE", "00000", "empty string is not a valid password, clearing password");
        role->password.reset();
      } else {
        std::string enc;
        NANO_RETURN_IF_ERROR(EncryptPassword(o.str, role->name, ctx.password_encryption, &enc));
        role->password = std::move(enc);
      }
    } else if (o.name == "validUntil") {
      role->valid_until = o.str;
    } else if (o.name == "sysid") {
      Say(ctx, "NOTICE", "00000", "SYSID can no longer be specified");
    } else if (o.name == "addroleto" || o.name == "rolemembers" || o.name == "adminmembers" ||
               o.name == "droprolemembers") {
      std::vector<Oid>* into = o.name == "addroleto"      ? add_to
                               : o.name == "rolemembers"  ? members
                               : o.name == "adminmembers" ? admins
                                                          : drop_members;
      for (const ast::RoleSpec& r : o.roles) {
        Oid oid = 0;
        NANO_RETURN_IF_ERROR(ResolveRole(ctx, r, false, &oid));
        into->push_back(oid);
      }
    } else {
      return ErrorAt(sqlstate::kSyntaxError, "option \"" + o.name + "\" not recognized",
                     o.location);
    }
  }
  return Status::OK();
}

// Adds `member` to `group` (GRANT group TO member); notices/errors as PostgreSQL.
Status AddMembership(DdlContext& ctx, Oid group, Oid member, bool admin, Oid grantor) {
  Catalog& catalog = *ctx.catalog;
  std::string group_name = RoleNameOf(catalog, group, ctx.bootstrap_name);
  std::string member_name = RoleNameOf(catalog, member, ctx.bootstrap_name);
  // Circularity: group must not already be (transitively) a member of member.
  if (group == kPgDatabaseOwnerOid) {
    return Status::Error(kInvalidGrantOperation,
                         "role \"pg_database_owner\" cannot have explicit members");
  }
  RoleContext g = MakeRoleContext(catalog, group);
  if (group == member ||
      std::find(g.member_of.begin(), g.member_of.end(), member) != g.member_of.end()) {
    return Status::Error(kInvalidGrantOperation, "role " + Quoted(group_name) +
                                                     " is a member of role " + Quoted(member_name));
  }
  const RoleDef* m = catalog.RoleByOid(member);
  if (m == nullptr) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "the bootstrap superuser cannot be made a member of other roles");
  }
  RoleDef copy = *m;
  for (RoleMembership& existing : copy.member_of) {
    if (existing.role != group) continue;
    if (admin && !existing.admin_option) {
      existing.admin_option = true;
      catalog.PutRole(std::move(copy));
      return Status::OK();
    }
    Say(ctx, "NOTICE", "00000",
        "role " + Quoted(member_name) + " is already a member of role " + Quoted(group_name));
    return Status::OK();
  }
  copy.member_of.push_back(RoleMembership{group, grantor, admin});
  catalog.PutRole(std::move(copy));
  return Status::OK();
}

// May the current user add/remove members of `group`?
Status CheckAdmin(const DdlContext& ctx, Oid group) {
  RoleContext who = Who(ctx);
  if (who.superuser) return Status::OK();
  const RoleDef* g = ctx.catalog->RoleByOid(group);
  if (g != nullptr && g->superuser) {
    return Status::Error(kInsufficientPrivilege, "must be superuser to alter superusers");
  }
  const RoleDef* me = ctx.catalog->RoleByOid(ctx.current_user);
  if (me != nullptr && me->createrole) return Status::OK();
  if (me != nullptr) {
    for (const RoleMembership& m : me->member_of) {
      if (m.role == group && m.admin_option) return Status::OK();
    }
  }
  return Status::Error(kInsufficientPrivilege,
                       "must have admin option on role " +
                           Quoted(RoleNameOf(*ctx.catalog, group, ctx.bootstrap_name)));
}

Status CreateOrAlterRole(const ast::CreateRoleStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  RoleContext who = Who(ctx);
  const RoleDef* me = catalog.RoleByOid(ctx.current_user);
  const bool may_create = who.superuser || (me != nullptr && me->createrole);
  RoleDef role;
  if (!stmt.alter) {
    const std::string& name = stmt.role.name;
    if (!may_create)
      return Status::Error(kInsufficientPrivilege, "permission denied to create role");
    if (name.compare(0, 3, "pg_") == 0) {
      return Status::Error(kReservedName, "role name " + Quoted(name) + " is reserved")
          .WithDetail("Role names starting with \"pg_\" are reserved.");
    }
    if (RoleExists(ctx, name)) {
      return Status::Error(kDuplicateObject, "role " + Quoted(name) + " already exists");
    }
    role.oid = catalog.AllocateOid();
    role.name = name;
    role.login = stmt.role_kind == 'u';
  } else {
    Oid oid = 0;
    NANO_RETURN_IF_ERROR(ResolveRole(ctx, stmt.role, false, &oid));
    const RoleDef* existing = catalog.RoleByOid(oid);
    if (existing == nullptr) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "the bootstrap superuser's attributes cannot be changed");
    }
    role = *existing;
    bool only_password = true;
    for (const ast::RoleOption& o : stmt.options) only_password &= o.name == "password";
    bool self_password = only_password && oid == ctx.current_user;
    if (!may_create && !self_password) {
      bool membership_only = true;
      for (const ast::RoleOption& o : stmt.options) {
        membership_only &= o.name == "rolemembers" || o.name == "droprolemembers";
      }
      if (!membership_only) return Status::Error(kInsufficientPrivilege, "permission denied");
    }
    if (role.superuser && !who.superuser && !self_password) {
      return Status::Error(kInsufficientPrivilege,
                           "must be superuser to alter superuser roles or change superuser "
                           "attribute");
    }
  }
  std::vector<Oid> add_to, members, admins, drop_members;
  NANO_RETURN_IF_ERROR(
      ApplyRoleOptions(stmt, ctx, &role, &add_to, &members, &admins, &drop_members));
  const Oid oid = role.oid;
  catalog.PutRole(std::move(role));
  Oid grantor = ctx.current_user;
  for (Oid group : add_to) {
    NANO_RETURN_IF_ERROR(CheckAdmin(ctx, group));
    NANO_RETURN_IF_ERROR(AddMembership(ctx, group, oid, false, grantor));
  }
  if (!members.empty() || !admins.empty() || !drop_members.empty()) {
    NANO_RETURN_IF_ERROR(CheckAdmin(ctx, oid));
  }
  for (Oid m : members) NANO_RETURN_IF_ERROR(AddMembership(ctx, oid, m, false, grantor));
  for (Oid m : admins) NANO_RETURN_IF_ERROR(AddMembership(ctx, oid, m, true, grantor));
  for (Oid m : drop_members) {
    const RoleDef* r = catalog.RoleByOid(m);
    if (r == nullptr) continue;
    RoleDef copy = *r;
    copy.member_of.erase(std::remove_if(copy.member_of.begin(), copy.member_of.end(),
                                        [&](const RoleMembership& x) { return x.role == oid; }),
                         copy.member_of.end());
    catalog.PutRole(std::move(copy));
  }
  return Status::OK();
}

Status RenameRole(const ast::RenameStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  RoleContext who = Who(ctx);
  const RoleDef* me = catalog.RoleByOid(ctx.current_user);
  const std::string& from = stmt.subname;
  const std::string& to = stmt.new_name;
  const RoleDef* r = catalog.FindRole(from);
  if (r == nullptr && !RoleExists(ctx, from)) {
    return Status::Error(sqlstate::kUndefinedObject, "role " + Quoted(from) + " does not exist");
  }
  if (r == nullptr) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "role " + Quoted(from) + " cannot be renamed");
  }
  if (r->oid == ctx.session_user) {
    return Status::Error(sqlstate::kFeatureNotSupported, "session user cannot be renamed");
  }
  if (r->oid == ctx.current_user) {
    return Status::Error(sqlstate::kFeatureNotSupported, "current user cannot be renamed");
  }
  if (RoleExists(ctx, to)) {
    return Status::Error(kDuplicateObject, "role " + Quoted(to) + " already exists");
  }
  if (to.compare(0, 3, "pg_") == 0) {
    return Status::Error(kReservedName, "role name " + Quoted(to) + " is reserved")
        .WithDetail("Role names starting with \"pg_\" are reserved.");
  }
  if (!who.superuser && (me == nullptr || !me->createrole || r->superuser)) {
    return Status::Error(kInsufficientPrivilege, "permission denied to rename role");
  }
  RoleDef copy = *r;
  copy.name = to;
  // An md5 verifier salts with the name: it no longer matches.
  if (copy.password.has_value() && copy.password->compare(0, 3, "md5") == 0) {
    copy.password.reset();
    Say(ctx, "NOTICE", "00000", "MD5 password cleared because of role rename");
  }
  catalog.PutRole(std::move(copy));
  return Status::OK();
}

// ---- DROP ROLE ----

bool AclMentions(const std::optional<Acl>& acl, Oid role) {
  if (!acl.has_value()) return false;
  for (const AclItem& i : *acl) {
    if (i.grantee == role || i.grantor == role) return true;
  }
  return false;
}

// PostgreSQL's "DETAIL" lines for what still depends on `role`.
std::vector<std::string> RoleDependents(const Catalog& catalog, Oid role) {
  std::vector<std::string> out;
  for (const auto& [oid, s] : catalog.schemas()) {
    if (s.owner_oid == role) out.push_back("owner of schema " + s.name);
  }
  for (const auto& [oid, t] : catalog.tables()) {
    if (t.kind == RelKind::kIndex) continue;
    std::string what = std::string(RelKindWord(t)) + " " + t.name;
    if (t.owner == role) out.push_back("owner of " + what);
    if (AclMentions(t.acl, role)) out.push_back("privileges for " + what);
    for (const ColumnDef& c : t.columns) {
      if (!c.dropped && AclMentions(c.acl, role)) {
        out.push_back("privileges for column " + c.name + " of " + what);
      }
    }
    for (const PolicyDef& p : t.policies) {
      if (std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end()) {
        out.push_back("target of policy " + p.name + " on " + what);
      }
    }
  }
  for (const auto& [oid, s] : catalog.schemas()) {
    if (AclMentions(s.acl, role)) out.push_back("privileges for schema " + s.name);
  }
  return out;
}

Status DropRoles(const ast::DropRoleStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  RoleContext who = Who(ctx);
  const RoleDef* me = catalog.RoleByOid(ctx.current_user);
  if (!who.superuser && (me == nullptr || !me->createrole)) {
    return Status::Error(kInsufficientPrivilege, "permission denied to drop role");
  }
  for (const ast::RoleSpec& spec : stmt.roles) {
    if (spec.kind == ast::RoleSpec::Kind::kName && !RoleExists(ctx, spec.name)) {
      if (stmt.missing_ok) {
        Say(ctx, "NOTICE", "00000", "role " + Quoted(spec.name) + " does not exist, skipping");
        continue;
      }
      return Status::Error(sqlstate::kUndefinedObject,
                           "role " + Quoted(spec.name) + " does not exist");
    }
    Oid oid = 0;
    NANO_RETURN_IF_ERROR(ResolveRole(ctx, spec, false, &oid));
    if (oid == ctx.current_user) {
      return Status::Error(kObjectInUse, "current user cannot be dropped");
    }
    if (oid == ctx.session_user) {
      return Status::Error(kObjectInUse, "session user cannot be dropped");
    }
    const RoleDef* r = catalog.RoleByOid(oid);
    if (r == nullptr) {
      return Status::Error(sqlstate::kDependentObjectsStillExist,
                           "cannot drop role " + RoleNameOf(catalog, oid, ctx.bootstrap_name) +
                               " because it is required by the database system");
    }
    if (r->superuser && !who.superuser) {
      return Status::Error(kInsufficientPrivilege, "must be superuser to drop superusers");
    }
    std::vector<std::string> deps = RoleDependents(catalog, oid);
    if (!deps.empty()) {
      std::string detail;
      for (size_t i = 0; i < deps.size(); ++i) detail += (i ? "\n" : "") + deps[i];
      return Status::Error(
                 sqlstate::kDependentObjectsStillExist,
                 "role " + Quoted(r->name) + " cannot be dropped because some objects depend on it")
          .WithDetail(detail);
    }
    catalog.RemoveRole(oid);
    // Memberships in the dropped role go with it.
    std::vector<RoleDef> changed;
    for (const auto& [other, def] : catalog.roles()) {
      bool member = false;
      for (const RoleMembership& m : def.member_of) member |= m.role == oid;
      if (!member) continue;
      RoleDef copy = def;
      copy.member_of.erase(std::remove_if(copy.member_of.begin(), copy.member_of.end(),
                                          [&](const RoleMembership& m) { return m.role == oid; }),
                           copy.member_of.end());
      changed.push_back(std::move(copy));
    }
    for (RoleDef& c : changed) catalog.PutRole(std::move(c));
  }
  return Status::OK();
}

// ---- GRANT / REVOKE role ----

Status GrantRoles(const ast::GrantRoleStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  for (const std::string& granted : stmt.granted) {
    ast::RoleSpec spec;
    spec.name = granted;
    Oid group = 0;
    NANO_RETURN_IF_ERROR(ResolveRole(ctx, spec, false, &group));
    NANO_RETURN_IF_ERROR(CheckAdmin(ctx, group));
    for (const ast::RoleSpec& grantee : stmt.grantees) {
      Oid member = 0;
      NANO_RETURN_IF_ERROR(ResolveRole(ctx, grantee, false, &member));
      if (stmt.is_grant) {
        NANO_RETURN_IF_ERROR(
            AddMembership(ctx, group, member, stmt.admin_option, ctx.current_user));
        continue;
      }
      const RoleDef* m = catalog.RoleByOid(member);
      bool found = false;
      if (m != nullptr) {
        RoleDef copy = *m;
        for (auto it = copy.member_of.begin(); it != copy.member_of.end(); ++it) {
          if (it->role != group) continue;
          found = true;
          if (stmt.admin_option) {
            it->admin_option = false;  // REVOKE ADMIN OPTION FOR
          } else {
            copy.member_of.erase(it);
          }
          break;
        }
        if (found) catalog.PutRole(std::move(copy));
      }
      if (!found) {
        Say(ctx, "WARNING", "01000",
            "role " + Quoted(RoleNameOf(catalog, member, ctx.bootstrap_name)) +
                " is not a member of role " +
                Quoted(RoleNameOf(catalog, group, ctx.bootstrap_name)));
      }
    }
  }
  return Status::OK();
}

// ---- GRANT / REVOKE privileges ----

struct GrantTarget {
  std::string what;  // "table t" for messages
  std::optional<Acl>* acl = nullptr;
  Oid owner = 0;
  uint32_t all = 0;             // every privilege the object kind has
  uint32_t default_public = 0;  // PUBLIC's default privileges
};

// Applies the statement's privileges (`privs`) for every grantee on one ACL.
Status ApplyGrant(const ast::GrantStmt& stmt, DdlContext& ctx, GrantTarget& target, uint32_t privs,
                  const std::vector<Oid>& grantees) {
  RoleContext who = Who(ctx);
  Oid grantor = ctx.current_user;
  if (who.superuser || who.HasEffective(target.owner)) {
    grantor = target.owner;  // PostgreSQL's select_best_grantor
  } else {
    uint32_t options =
        HeldGrantOptions(who, target.owner, target.all, *target.acl, target.default_public);
    uint32_t held =
        HeldPrivileges(who, target.owner, target.all, *target.acl, target.default_public);
    if (held == 0 && options == 0) {
      return Status::Error(kInsufficientPrivilege, "permission denied for " + target.what);
    }
    if ((options & privs) != privs) {
      Say(ctx, "WARNING", "01007",
          std::string(stmt.is_grant ? "not all privileges were granted for "
                                    : "not all privileges could be revoked for ") +
              "\"" + target.what.substr(target.what.find(' ') + 1) + "\"");
      privs &= options;
      if (privs == 0) return Status::OK();
    }
  }
  if (!target.acl->has_value()) {
    *target.acl = EffectiveAcl(*target.acl, target.owner, target.all, target.default_public);
  }
  Acl& acl = **target.acl;
  for (Oid grantee : grantees) {
    if (stmt.is_grant) {
      AclGrant(&acl, grantee, grantor, privs, stmt.grant_option);
    } else {
      AclRevoke(&acl, grantee, grantor, privs, stmt.grant_option);
    }
  }
  return Status::OK();
}

Status PrivilegesOf(const ast::GrantStmt& stmt, uint32_t all, const char* kind, uint32_t* out) {
  *out = 0;
  if (stmt.privileges.empty()) {
    *out = all;
    return Status::OK();
  }
  for (const ast::GrantStmt::Privilege& p : stmt.privileges) {
    if (p.name == "all") {
      *out |= all;
      continue;
    }
    uint32_t bit = PrivilegeFromName(p.name);
    if (bit == 0 || (bit & all) == 0) {
      std::string upper = p.name;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return Status::Error(kInvalidGrantOperation,
                           "invalid privilege type " + upper + " for " + kind);
    }
    *out |= bit;
  }
  return Status::OK();
}

Status GrantOnRelation(const ast::GrantStmt& stmt, DdlContext& ctx, const TableDef& found,
                       const std::vector<Oid>& grantees) {
  Catalog& catalog = *ctx.catalog;
  TableDef t = found;
  const bool seq = t.kind == RelKind::kSequence;
  const uint32_t all = seq ? kSequenceAllPrivs : kTableAllPrivs;
  GrantTarget target{std::string(RelKindWord(t)) + " " + t.name, &t.acl, t.owner, all, 0};
  // Column privileges: per column ACLs; table-wide ones on relacl.
  uint32_t table_privs = 0;
  std::map<std::string, uint32_t> column_privs;
  if (stmt.privileges.empty()) {
    table_privs = all;
  }
  for (const ast::GrantStmt::Privilege& p : stmt.privileges) {
    uint32_t bit = p.name == "all" ? all : PrivilegeFromName(p.name);
    if (seq && p.name != "all" && (bit & all) == 0 && bit != 0 && (bit & kTableAllPrivs) != 0) {
      Say(ctx, "WARNING", "01007",
          "sequence \"" + t.name + "\" only supports USAGE, SELECT, and UPDATE privileges");
      continue;
    }
    if (bit == 0 || (bit & all) == 0) {
      std::string upper = p.name;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return Status::Error(kInvalidGrantOperation,
                           "invalid privilege type " + upper +
                               (p.columns.empty() ? " for relation" : " for column"));
    }
    if (p.columns.empty()) {
      table_privs |= bit;
      continue;
    }
    if (p.name == "all") bit = kColumnAllPrivs;
    if ((bit & ~kColumnAllPrivs) != 0) {
      std::string upper = p.name;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return Status::Error(kInvalidGrantOperation,
                           "invalid privilege type " + upper + " for column");
    }
    for (const std::string& col : p.columns) {
      if (t.FindColumn(col) == nullptr) {
        return Status::Error(sqlstate::kUndefinedColumn, "column \"" + col + "\" of relation \"" +
                                                             t.name + "\" does not exist");
      }
      column_privs[col] |= bit;
    }
  }
  if (table_privs != 0) NANO_RETURN_IF_ERROR(ApplyGrant(stmt, ctx, target, table_privs, grantees));
  // REVOKE at the table level takes the same privileges off every column.
  if (!stmt.is_grant && (table_privs & kColumnAllPrivs) != 0) {
    for (ColumnDef& c : t.columns) {
      if (!c.acl.has_value()) continue;
      for (AclItem& item : *c.acl) {
        if (std::find(grantees.begin(), grantees.end(), item.grantee) == grantees.end()) continue;
        item.grant_options &= ~table_privs;
        if (!stmt.grant_option) item.privs &= ~table_privs;
      }
      c.acl->erase(std::remove_if(c.acl->begin(), c.acl->end(),
                                  [](const AclItem& i) { return i.privs == 0; }),
                   c.acl->end());
      if (c.acl->empty()) c.acl.reset();
    }
  }
  for (const auto& [col, bits] : column_privs) {
    ColumnDef* c = nullptr;
    for (ColumnDef& cd : t.columns) {
      if (!cd.dropped && cd.name == col) c = &cd;
    }
    GrantTarget ct{"table " + t.name, &c->acl, t.owner, kColumnAllPrivs, 0};
    // A column's ACL starts empty: the owner's rights come from the table.
    if (!c->acl.has_value()) c->acl = Acl{};
    RoleContext who = Who(ctx);
    Oid grantor = who.superuser || who.HasEffective(t.owner) ? t.owner : ctx.current_user;
    if (!who.superuser && !who.HasEffective(t.owner)) {
      uint32_t options = HeldGrantOptions(who, t.owner, all, t.acl, 0);
      if ((options & bits) != bits) {
        return Status::Error(kInsufficientPrivilege, "permission denied for table " + t.name);
      }
    }
    for (Oid grantee : grantees) {
      if (stmt.is_grant) {
        AclGrant(&*c->acl, grantee, grantor, bits, stmt.grant_option);
      } else {
        AclRevoke(&*c->acl, grantee, grantor, bits, stmt.grant_option);
      }
    }
    if (c->acl->empty()) c->acl.reset();
    (void)ct;
  }
  catalog.PutTable(std::move(t));
  return Status::OK();
}

Status GrantPrivileges(const ast::GrantStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  std::vector<Oid> grantees;
  for (const ast::RoleSpec& g : stmt.grantees) {
    Oid oid = 0;
    NANO_RETURN_IF_ERROR(ResolveRole(ctx, g, true, &oid));
    grantees.push_back(oid);
  }
  switch (stmt.object_type) {
    case ast::ObjectType::kTable:
    case ast::ObjectType::kSequence: {
      std::vector<const TableDef*> targets;
      if (stmt.all_in_schema) {
        for (const auto& name : stmt.objects) {
          const SchemaDef* s = catalog.FindSchema(name.back());
          if (s == nullptr) {
            return Status::Error(sqlstate::kInvalidSchemaName,
                                 "schema \"" + name.back() + "\" does not exist");
          }
          for (const auto& [oid, t] : catalog.tables()) {
            if (t.schema_oid != s->oid || t.kind == RelKind::kIndex) continue;
            bool is_seq = t.kind == RelKind::kSequence;
            if (is_seq == (stmt.object_type == ast::ObjectType::kSequence)) targets.push_back(&t);
          }
        }
      } else {
        for (const auto& name : stmt.objects) {
          const TableDef* t =
              FindRelation(catalog, name.size() >= 2 ? name[name.size() - 2] : "", name.back());
          if (t == nullptr || t->kind == RelKind::kIndex) {
            return Status::Error(sqlstate::kUndefinedTable,
                                 "relation \"" + name.back() + "\" does not exist");
          }
          if (stmt.object_type == ast::ObjectType::kSequence && t->kind != RelKind::kSequence) {
            return Status::Error("42809", "\"" + t->name + "\" is not a sequence");
          }
          targets.push_back(t);
        }
      }
      std::vector<Oid> oids;
      for (const TableDef* t : targets) oids.push_back(t->oid);
      for (Oid oid : oids) {
        NANO_RETURN_IF_ERROR(GrantOnRelation(stmt, ctx, *catalog.TableByOid(oid), grantees));
      }
      return Status::OK();
    }
    case ast::ObjectType::kSchema: {
      uint32_t privs = 0;
      NANO_RETURN_IF_ERROR(PrivilegesOf(stmt, kSchemaAllPrivs, "schema", &privs));
      for (const auto& name : stmt.objects) {
        const SchemaDef* s = catalog.FindSchema(name.back());
        if (s == nullptr) {
          return Status::Error(sqlstate::kInvalidSchemaName,
                               "schema \"" + name.back() + "\" does not exist");
        }
        SchemaDef copy = *s;
        GrantTarget target{"schema " + copy.name, &copy.acl, copy.owner_oid, kSchemaAllPrivs, 0};
        NANO_RETURN_IF_ERROR(ApplyGrant(stmt, ctx, target, privs, grantees));
        catalog.PutSchema(std::move(copy));
      }
      return Status::OK();
    }
    default:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "GRANT/REVOKE on this kind of object is not supported yet");
  }
}

// ---- Policies ----

char PolicyCommand(const std::string& cmd) {
  if (cmd == "select") return 'r';
  if (cmd == "insert") return 'a';
  if (cmd == "update") return 'w';
  if (cmd == "delete") return 'd';
  return '*';
}

Status PolicyRoles(const DdlContext& ctx, const std::vector<ast::RoleSpec>& specs,
                   std::vector<Oid>* out) {
  out->clear();
  for (const ast::RoleSpec& r : specs) {
    Oid oid = 0;
    NANO_RETURN_IF_ERROR(ResolveRole(ctx, r, true, &oid));
    if (oid == kPublicRoleOid) {
      out->assign(1, kPublicRoleOid);
      return Status::OK();
    }
    out->push_back(oid);
  }
  if (out->empty()) out->push_back(kPublicRoleOid);
  return Status::OK();
}

Status CreateOrAlterPolicy(const ast::CreatePolicyStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* found = FindRelation(catalog, stmt.table.schema, stmt.table.name);
  if (found == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + stmt.table.name + "\" does not exist",
                   stmt.table.location);
  }
  if (found->kind != RelKind::kTable) {
    return Status::Error("42809", "\"" + found->name + "\" is not a table");
  }
  NANO_RETURN_IF_ERROR(MustOwn(ctx, *found));
  TableDef t = *found;
  auto it = std::find_if(t.policies.begin(), t.policies.end(),
                         [&](const PolicyDef& p) { return p.name == stmt.name; });
  PolicyDef* p = nullptr;
  if (stmt.alter) {
    if (it == t.policies.end()) {
      return Status::Error(sqlstate::kUndefinedObject, "policy \"" + stmt.name + "\" for table \"" +
                                                           t.name + "\" does not exist");
    }
    p = &*it;
  } else {
    if (it != t.policies.end()) {
      return Status::Error(kDuplicateObject, "policy \"" + stmt.name + "\" for table \"" + t.name +
                                                 "\" already exists");
    }
    PolicyDef fresh;
    fresh.oid = catalog.AllocateOid();
    fresh.name = stmt.name;
    fresh.table_oid = t.oid;
    fresh.command = PolicyCommand(stmt.command);
    fresh.permissive = stmt.permissive;
    t.policies.push_back(std::move(fresh));
    p = &t.policies.back();
  }
  if ((p->command == 'a') && stmt.has_using) {
    return Status::Error(sqlstate::kSyntaxError, "only WITH CHECK expression allowed for INSERT");
  }
  if ((p->command == 'r' || p->command == 'd') && stmt.has_check) {
    return Status::Error(sqlstate::kSyntaxError,
                         "WITH CHECK cannot be applied to SELECT or DELETE");
  }
  if (!stmt.alter || !stmt.roles.empty())
    NANO_RETURN_IF_ERROR(PolicyRoles(ctx, stmt.roles, &p->roles));
  if (stmt.has_using) p->using_expr = stmt.using_text;
  if (stmt.has_check) p->check_expr = stmt.check_text;
  catalog.PutTable(std::move(t));
  return Status::OK();
}

Status DropPolicies(const ast::DropStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  for (const auto& name : stmt.objects) {
    // [schema.]table.policy
    if (name.size() < 2) return Status::Error(sqlstate::kSyntaxError, "improper policy name");
    const std::string& policy = name.back();
    const std::string& table = name[name.size() - 2];
    const std::string schema = name.size() >= 3 ? name[name.size() - 3] : "";
    const TableDef* t = FindRelation(catalog, schema, table);
    if (t == nullptr) {
      if (stmt.missing_ok) {
        Say(ctx, "NOTICE", "00000", "relation \"" + table + "\" does not exist, skipping");
        continue;
      }
      return Status::Error(sqlstate::kUndefinedTable, "relation \"" + table + "\" does not exist");
    }
    TableDef copy = *t;
    auto it = std::find_if(copy.policies.begin(), copy.policies.end(),
                           [&](const PolicyDef& p) { return p.name == policy; });
    if (it == copy.policies.end()) {
      if (stmt.missing_ok) {
        Say(ctx, "NOTICE", "00000",
            "policy \"" + policy + "\" for relation \"" + table + "\" does not exist, skipping");
        continue;
      }
      return Status::Error(sqlstate::kUndefinedObject,
                           "policy \"" + policy + "\" for table \"" + table + "\" does not exist");
    }
    NANO_RETURN_IF_ERROR(MustOwn(ctx, *t));
    copy.policies.erase(it);
    catalog.PutTable(std::move(copy));
  }
  return Status::OK();
}

// ---- ALTER ... OWNER TO ----

Status CheckNewOwner(const DdlContext& ctx, Oid new_owner) {
  RoleContext who = Who(ctx);
  if (who.superuser) return Status::OK();
  if (std::find(who.member_of.begin(), who.member_of.end(), new_owner) == who.member_of.end()) {
    return Status::Error(kInsufficientPrivilege,
                         "must be able to SET ROLE \"" +
                             RoleNameOf(*ctx.catalog, new_owner, ctx.bootstrap_name) + "\"");
  }
  return Status::OK();
}

Status AlterOwner(const ast::AlterOwnerStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  Oid owner = 0;
  NANO_RETURN_IF_ERROR(ResolveRole(ctx, stmt.new_owner, false, &owner));
  if (stmt.object_type == ast::ObjectType::kSchema && !stmt.object.empty()) {
    const SchemaDef* s = catalog.FindSchema(stmt.object.back());
    if (s == nullptr) {
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + stmt.object.back() + "\" does not exist");
    }
    RoleContext who = Who(ctx);
    if (!who.superuser && !who.HasEffective(s->owner_oid)) {
      return Status::Error(kInsufficientPrivilege, "must be owner of schema " + s->name);
    }
    NANO_RETURN_IF_ERROR(CheckNewOwner(ctx, owner));
    SchemaDef copy = *s;
    copy.owner_oid = owner;
    copy.owner = RoleNameOf(catalog, owner, ctx.bootstrap_name);
    catalog.PutSchema(std::move(copy));
    return Status::OK();
  }
  return Status::Error(sqlstate::kFeatureNotSupported,
                       "ALTER ... OWNER TO is supported for tables and schemas only");
}

}  // namespace

std::string RoleNameOf(const Catalog& catalog, Oid oid, const std::string& bootstrap_name) {
  if (oid == kBootstrapSuperuserOid) return bootstrap_name;
  if (oid == kPgDatabaseOwnerOid) return "pg_database_owner";
  if (oid == kPublicRoleOid) return "public";
  const RoleDef* r = catalog.RoleByOid(oid);
  return r != nullptr ? r->name : std::to_string(oid);
}

Status EncryptPassword(const std::string& password, const std::string& user,
                       const std::string& method, std::string* out) {
  bool is_md5 = password.size() == 35 && password.compare(0, 3, "md5") == 0;
  if (is_md5 || password.compare(0, 14, "SCRAM-SHA-256$") == 0) {
    *out = password;
    return Status::OK();
  }
  if (method == "md5") {
    *out = auth::Md5PasswordHash(password, user);
    return Status::OK();
  }
  uint8_t salt[auth::kScramSaltBytes];
  if (!auth::RandomBytes(salt, sizeof(salt))) {
    return Status::Error(sqlstate::kInternalError, "could not generate random salt");
  }
  std::string salt_raw(reinterpret_cast<const char*>(salt), sizeof(salt));
  auth::ScramSecret secret;
  NANO_RETURN_IF_ERROR(auth::MakeScramSecret(password, salt_raw, auth::kScramIterations, &secret));
  *out = "SCRAM-SHA-256$" + std::to_string(secret.iterations) + ":" +
         auth::Base64Encode(secret.salt) + "$" + auth::Base64Encode(secret.stored_key) + ":" +
         auth::Base64Encode(secret.server_key);
  return Status::OK();
}

Status ExecuteRoleDdl(const ast::Statement& stmt, DdlContext& ctx, std::string* tag) {
  switch (stmt.kind) {
    case ast::StmtKind::kCreateRole: {
      const auto& r = static_cast<const ast::CreateRoleStmt&>(stmt);
      *tag = r.alter ? "ALTER ROLE" : "CREATE ROLE";  // also for USER / GROUP
      return CreateOrAlterRole(r, ctx);
    }
    case ast::StmtKind::kDropRole:
      *tag = "DROP ROLE";
      return DropRoles(static_cast<const ast::DropRoleStmt&>(stmt), ctx);
    case ast::StmtKind::kGrantRole: {
      const auto& g = static_cast<const ast::GrantRoleStmt&>(stmt);
      *tag = g.is_grant ? "GRANT ROLE" : "REVOKE ROLE";
      return GrantRoles(g, ctx);
    }
    case ast::StmtKind::kGrant: {
      const auto& g = static_cast<const ast::GrantStmt&>(stmt);
      *tag = g.is_grant ? "GRANT" : "REVOKE";
      return GrantPrivileges(g, ctx);
    }
    case ast::StmtKind::kCreatePolicy: {
      const auto& p = static_cast<const ast::CreatePolicyStmt&>(stmt);
      *tag = p.alter ? "ALTER POLICY" : "CREATE POLICY";
      return CreateOrAlterPolicy(p, ctx);
    }
    case ast::StmtKind::kAlterOwner: {
      const auto& a = static_cast<const ast::AlterOwnerStmt&>(stmt);
      *tag = a.object_type == ast::ObjectType::kSchema ? "ALTER SCHEMA" : "ALTER OBJECT";
      return AlterOwner(a, ctx);
    }
    case ast::StmtKind::kRename:
      *tag = "ALTER ROLE";
      return RenameRole(static_cast<const ast::RenameStmt&>(stmt), ctx);
    case ast::StmtKind::kDrop:
      *tag = "DROP POLICY";
      return DropPolicies(static_cast<const ast::DropStmt&>(stmt), ctx);
    default:
      return Status::Error(sqlstate::kInternalError, "not a role statement");
  }
}

Status AlterTableSecurity(const ast::AlterTableCmd& cmd, DdlContext& ctx, TableDef* table) {
  NANO_RETURN_IF_ERROR(MustOwn(ctx, *table));
  switch (cmd.kind) {
    case ast::AlterTableCmdKind::kEnableRowSecurity:
      table->row_security = true;
      break;
    case ast::AlterTableCmdKind::kDisableRowSecurity:
      table->row_security = false;
      break;
    case ast::AlterTableCmdKind::kForceRowSecurity:
      table->force_row_security = true;
      break;
    case ast::AlterTableCmdKind::kNoForceRowSecurity:
      table->force_row_security = false;
      break;
    case ast::AlterTableCmdKind::kChangeOwner: {
      ast::RoleSpec spec;
      spec.name = cmd.name;
      if (cmd.other_name == "current_user") spec.kind = ast::RoleSpec::Kind::kCurrentUser;
      if (cmd.other_name == "session_user") spec.kind = ast::RoleSpec::Kind::kSessionUser;
      Oid owner = 0;
      NANO_RETURN_IF_ERROR(ResolveRole(ctx, spec, false, &owner));
      NANO_RETURN_IF_ERROR(CheckNewOwner(ctx, owner));
      // Privileges granted by the old owner are now the new owner's.
      auto reown = [&](std::optional<Acl>& acl) {
        if (!acl.has_value()) return;
        for (AclItem& item : *acl) {
          if (item.grantor == table->owner) item.grantor = owner;
          if (item.grantee == table->owner) item.grantee = owner;
        }
      };
      reown(table->acl);
      for (ColumnDef& c : table->columns) reown(c.acl);
      table->owner = owner;
      break;
    }
    default:
      return Status::Error(sqlstate::kInternalError, "not a security subcommand");
  }
  return Status::OK();
}

Status CheckDdlPermission(const ast::Statement& stmt, const DdlContext& ctx) {
  if (ctx.current_user == kBootstrapSuperuserOid) return Status::OK();
  RoleContext who = Who(ctx);
  if (who.superuser) return Status::OK();
  const Catalog& catalog = *ctx.catalog;
  auto must_own = [&](const TableDef* t) -> Status {
    if (t == nullptr || who.HasEffective(t->owner)) return Status::OK();
    return Status::Error(kInsufficientPrivilege,
                         std::string("must be owner of ") + RelKindWord(*t) + " " + t->name);
  };
  switch (stmt.kind) {
    case ast::StmtKind::kAlterTable: {
      const auto& a = static_cast<const ast::AlterTableStmt&>(stmt);
      return must_own(FindRelation(catalog, a.table.schema, a.table.name));
    }
    case ast::StmtKind::kCreateIndex: {
      const auto& c = static_cast<const ast::CreateIndexStmt&>(stmt);
      return must_own(FindRelation(catalog, c.table.schema, c.table.name));
    }
    case ast::StmtKind::kRename: {
      const auto& r = static_cast<const ast::RenameStmt&>(stmt);
      return must_own(FindRelation(catalog, r.relation.schema, r.relation.name));
    }
    case ast::StmtKind::kDrop: {
      const auto& d = static_cast<const ast::DropStmt&>(stmt);
      if (d.object_type != ast::ObjectType::kTable && d.object_type != ast::ObjectType::kView &&
          d.object_type != ast::ObjectType::kSequence) {
        return Status::OK();
      }
      for (const auto& name : d.objects) {
        NANO_RETURN_IF_ERROR(must_own(
            FindRelation(catalog, name.size() >= 2 ? name[name.size() - 2] : "", name.back())));
      }
      return Status::OK();
    }
    case ast::StmtKind::kTruncate: {
      const auto& tr = static_cast<const ast::TruncateStmt&>(stmt);
      for (const ast::RangeVar& rv : tr.tables) {
        const TableDef* t = FindRelation(catalog, rv.schema, rv.name);
        if (t == nullptr) continue;
        if ((HeldPrivileges(who, t->owner, kTableAllPrivs, t->acl, 0) & kPrivTruncate) == 0) {
          return Status::Error(kInsufficientPrivilege, "permission denied for table " + t->name);
        }
      }
      return Status::OK();
    }
    case ast::StmtKind::kCreateTable:
    case ast::StmtKind::kCreateView:
    case ast::StmtKind::kCreateSequence:
    case ast::StmtKind::kCreateFunction:
    case ast::StmtKind::kCreateType: {
      // CREATE in a schema needs the schema's CREATE privilege (PostgreSQL
      // 15: schema public grants it to its owner only).
      std::string schema;
      if (stmt.kind == ast::StmtKind::kCreateTable) {
        const auto& ct = static_cast<const ast::CreateTableStmt&>(stmt);
        if (ct.persistence == 't') return Status::OK();  // TEMP: pg_temp, open to every role
        schema = ct.table.schema;
      } else if (stmt.kind == ast::StmtKind::kCreateView) {
        schema = static_cast<const ast::CreateViewStmt&>(stmt).view.schema;
      } else if (stmt.kind == ast::StmtKind::kCreateSequence) {
        schema = static_cast<const ast::CreateSequenceStmt&>(stmt).sequence.schema;
      }
      const SchemaDef* s =
          schema.empty() ? catalog.SchemaByOid(kPublicNamespaceOid) : catalog.FindSchema(schema);
      if (s == nullptr) return Status::OK();  // the statement reports the missing schema
      uint32_t held = HeldPrivileges(who, s->owner_oid, kSchemaAllPrivs, s->acl, 0);
      if ((held & kPrivCreate) == 0) {
        return Status::Error(kInsufficientPrivilege, "permission denied for schema " + s->name);
      }
      return Status::OK();
    }
    default:
      return Status::OK();
  }
}

void StampNewObjectOwners(const Catalog& before, Catalog* after, Oid owner) {
  std::vector<Oid> fresh;
  for (const auto& [oid, t] : after->tables()) {
    if (before.TableByOid(oid) == nullptr && t.owner != owner) fresh.push_back(oid);
  }
  for (Oid oid : fresh) after->MutableTable(oid)->owner = owner;
  std::vector<Oid> schemas;
  for (const auto& [oid, s] : after->schemas()) {
    if (before.SchemaByOid(oid) == nullptr) schemas.push_back(oid);
  }
  for (Oid oid : schemas) {
    SchemaDef copy = *after->SchemaByOid(oid);
    copy.owner_oid = owner;
    copy.owner = RoleNameOf(*after, owner, "postgres");
    after->PutSchema(std::move(copy));
  }
}

}  // namespace nano
