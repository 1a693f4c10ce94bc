// engine/session/session_roles.cc — who a session is: its session user and
// current user (SET ROLE / SET SESSION AUTHORIZATION), the login check, and
// the per-statement privilege check of a bound statement's relation
// accesses (once per execution, never per row).
//
// A session whose user is not a created role runs as the bootstrap
// superuser (oid 10) under that name, so nothing changes for databases that
// never create roles.
#include <algorithm>
#include <cctype>

#include "binder/binder.h"
#include "catalog/system_tables.h"
#include "common/sqlstate.h"
#include "session/session_impl.h"
#include "session/settings.h"

namespace nano {

namespace {}  // namespace

Status EngineImpl::FindLoginRole(const std::string& database, const std::string& user, bool* found,
                                 std::string* verifier) const {
  *found = false;
  verifier->clear();
  std::shared_ptr<DatabaseState> db = FindDatabase(database);
  // A missing database is reported once the role has authenticated (as
  // PostgreSQL does); meanwhile the role is looked up in "postgres".
  if (db == nullptr) db = FindDatabase("postgres");
  if (db == nullptr) return Status::OK();
  std::shared_ptr<const Catalog> catalog = const_cast<EngineImpl*>(this)->CatalogOf(*db);
  const RoleDef* r = catalog ? catalog->FindRole(user) : nullptr;
  if (r == nullptr) return Status::OK();
  *found = true;
  if (r->password.has_value()) *verifier = *r->password;
  return Status::OK();
}

std::string SessionImpl::BootstrapName() {
  // The connecting user names the bootstrap superuser unless it is a role
  // of its own; then the bootstrap superuser keeps PostgreSQL's default name.
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  return catalog->FindRole(user_) != nullptr ? std::string("postgres") : user_;
}

Oid SessionImpl::RoleOidByName(const Catalog& catalog, const std::string& name, bool* found) {
  *found = true;
  if (const RoleDef* r = catalog.FindRole(name)) return r->oid;
  if (name == BootstrapName()) return kBootstrapSuperuserOid;
  *found = false;
  return kBootstrapSuperuserOid;
}

Oid SessionImpl::SessionRoleOid() {
  bool found = false;
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  return RoleOidByName(*catalog, GetSetting("session_authorization"), &found);
}

Oid SessionImpl::CurrentRoleOid() {
  // Asked for every statement: remembered until a setting or the catalog
  // changes (the cache holds the catalog, so its address is not reused).
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  if (role_cache_epoch_ == settings_epoch_ && role_cache_catalog_ == catalog) {
    return role_cache_oid_;
  }
  std::string role = GetSetting("role");
  Oid oid = kBootstrapSuperuserOid;
  bool found = false;
  if (role.empty() || role == "none") {
    oid = SessionRoleOid();
  } else {
    oid = RoleOidByName(*catalog, role, &found);
    if (!found) oid = SessionRoleOid();  // dropped meanwhile
  }
  role_cache_epoch_ = settings_epoch_;
  role_cache_catalog_ = std::move(catalog);
  role_cache_oid_ = oid;
  return oid;
}

std::string SessionImpl::CurrentUserName() {
  std::string role = GetSetting("role");
  if (!role.empty() && role != "none") return role;
  return GetSetting("session_authorization");
}

std::shared_ptr<const RoleContext> SessionImpl::CurrentRoleContext() {
  Oid oid = CurrentRoleOid();  // refreshes the memo's key
  if (role_ctx_cache_ == nullptr || role_ctx_epoch_ != role_cache_epoch_ ||
      role_ctx_catalog_ != role_cache_catalog_) {
    role_ctx_cache_ =
        std::make_shared<const RoleContext>(MakeRoleContext(*role_cache_catalog_, oid));
    role_ctx_epoch_ = role_cache_epoch_;
    role_ctx_catalog_ = role_cache_catalog_;
  }
  return role_ctx_cache_;
}

Status SessionImpl::CheckRoleSetting(const std::string& name, std::string* value) {
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  if (name == "role") {
    std::string v = *value;
    if (v.empty() || ToLower(v) == "none" || ToLower(v) == "default") {
      *value = "none";
      return Status::OK();
    }
    bool found = false;
    Oid oid = RoleOidByName(*catalog, v, &found);
    if (!found) {  // a failed GUC check hook: 22023
      return Status::Error(sqlstate::kInvalidParameterValue, "role \"" + v + "\" does not exist");
    }
    RoleContext session = MakeRoleContext(*catalog, SessionRoleOid());
    if (!session.superuser && std::find(session.member_of.begin(), session.member_of.end(), oid) ==
                                  session.member_of.end()) {
      return Status::Error("42501", "permission denied to set role \"" + v + "\"");
    }
    return Status::OK();
  }
  // session_authorization: only a session that logged in as a superuser.
  std::string v = *value;
  if (v.empty() || ToLower(v) == "default") v = user_;
  bool found = false;
  Oid oid = RoleOidByName(*catalog, v, &found);
  if (!found) {
    return Status::Error(sqlstate::kInvalidParameterValue, "role \"" + v + "\" does not exist");
  }
  bool login_found = false;
  Oid login = RoleOidByName(*catalog, user_, &login_found);
  if (oid != login && !MakeRoleContext(*catalog, login).superuser) {
    return Status::Error("42501", "permission denied to set session authorization");
  }
  *value = v;
  return Status::OK();
}

Status SessionImpl::CheckSequencePrivilege(const TableDef& seq, uint32_t any_of) {
  if (CurrentRoleOid() == kBootstrapSuperuserOid) return Status::OK();
  std::shared_ptr<const RoleContext> who = CurrentRoleContext();
  if (who->superuser) return Status::OK();
  if ((HeldPrivileges(*who, seq.owner, kSequenceAllPrivs, seq.acl, 0) & any_of) != 0) {
    return Status::OK();
  }
  return Status::Error("42501", "permission denied for sequence " + seq.name);
}

Status SessionImpl::CheckLogin() {
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  const RoleDef* r = catalog->FindRole(user_);
  if (r == nullptr) return Status::OK();
  if (!r->login) {
    return Status::Error(sqlstate::kInvalidAuthorizationSpecification,
                         "role \"" + user_ + "\" is not permitted to log in");
  }
  return Status::OK();
}

Status SessionImpl::CheckPrivileges(const BoundStatement& bound) {
  if (bound.accesses.empty()) return Status::OK();
  const Oid current = CurrentRoleOid();
  bool trivial = current == kBootstrapSuperuserOid;
  for (const RelationAccess& a : bound.accesses) {
    trivial &= a.check_as == 0 || a.check_as == kBootstrapSuperuserOid;
  }
  if (trivial) return Status::OK();
  return CheckAccesses(bound, *CurrentRoleContext());
}

namespace {

// "SELECT, INSERT WITH GRANT OPTION" -> bits (*grant: those asked WITH GRANT OPTION).
Status ParsePrivilegeList(std::string_view text, uint32_t allowed, uint32_t* privs,
                          uint32_t* grant) {
  *privs = *grant = 0;
  std::string list = ToLower(std::string(text));
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item =
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) {
      item.erase(item.begin());
    }
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.pop_back();
    bool with_grant = false;
    const std::string suffix = " with grant option";
    if (item.size() > suffix.size() &&
        item.compare(item.size() - suffix.size(), suffix.size(), suffix) == 0) {
      with_grant = true;
      item.resize(item.size() - suffix.size());
    }
    uint32_t bit = PrivilegeFromName(item);
    if (bit == 0 || (bit & allowed) == 0) {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           "unrecognized privilege type: \"" + item + "\"");
    }
    *privs |= bit;
    if (with_grant) *grant |= bit;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Status::OK();
}

}  // namespace

Status SessionImpl::PrivilegeInquiry(std::string_view function, const Value* args, size_t nargs,
                                     Value* out) {
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  if (function == "pg_get_userbyid") {
    Oid oid = static_cast<Oid>(args[0].int_value());
    const RoleDef* r = catalog->RoleByOid(oid);
    if (r != nullptr) {
      *out = Value::String(type::kName, r->name);
    } else if (oid == kBootstrapSuperuserOid) {
      *out = Value::String(type::kName, BootstrapName());
    } else {
      *out = Value::String(type::kName, "unknown (OID=" + std::to_string(oid) + ")");
    }
    return Status::OK();
  }
  // The optional leading role argument: a name or an oid.
  const size_t base_args = function == "has_column_privilege" ? 3 : 2;
  Oid role = CurrentRoleOid();
  size_t i = 0;
  if (nargs > base_args) {
    if (args[0].type() == type::kOid) {
      role = static_cast<Oid>(args[0].int_value());
    } else {
      bool found = false;
      role = RoleOidByName(*catalog, std::string(args[0].str()), &found);
      if (!found) {
        return Status::Error(sqlstate::kUndefinedObject,
                             "role \"" + std::string(args[0].str()) + "\" does not exist");
      }
    }
    i = 1;
  }
  const RoleContext who = MakeRoleContext(*catalog, role);
  const std::string_view priv_text = args[nargs - 1].str();
  uint32_t privs = 0, grant = 0;
  if (function == "pg_has_role") {
    Oid target = 0;
    if (args[i].type() == type::kOid) {
      target = static_cast<Oid>(args[i].int_value());
    } else {
      bool found = false;
      target = RoleOidByName(*catalog, std::string(args[i].str()), &found);
      if (!found) {
        return Status::Error(sqlstate::kUndefinedObject,
                             "role \"" + std::string(args[i].str()) + "\" does not exist");
      }
    }
    std::string mode = ToLower(std::string(priv_text));
    if (mode.find("member") == std::string::npos && mode.find("usage") == std::string::npos) {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           "unrecognized privilege type: \"" + std::string(priv_text) + "\"");
    }
    const std::vector<Oid>& set =
        mode.find("usage") != std::string::npos ? who.effective : who.member_of;
    *out = Value::Bool(who.superuser || std::find(set.begin(), set.end(), target) != set.end());
    return Status::OK();
  }
  if (function == "has_schema_privilege") {
    NANO_RETURN_IF_ERROR(ParsePrivilegeList(priv_text, kSchemaAllPrivs, &privs, &grant));
    const SchemaDef* s = args[i].type() == type::kOid
                             ? catalog->SchemaByOid(static_cast<Oid>(args[i].int_value()))
                             : catalog->FindSchema(args[i].str());
    if (s == nullptr) {
      if (args[i].type() == type::kOid) {
        *out = Value::Null(type::kBool);
        return Status::OK();
      }
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + std::string(args[i].str()) + "\" does not exist");
    }
    uint32_t held = HeldPrivileges(who, s->owner_oid, kSchemaAllPrivs, s->acl, 0);
    uint32_t options = HeldGrantOptions(who, s->owner_oid, kSchemaAllPrivs, s->acl, 0);
    *out = Value::Bool(((held & privs) & ~grant) != 0 || (options & grant) != 0);
    return Status::OK();
  }
  // Relations: by oid or by (possibly qualified) name.
  const TableDef* t = nullptr;
  if (args[i].type() == type::kOid) {
    t = catalog->TableByOid(static_cast<Oid>(args[i].int_value()));
    if (t == nullptr) {
      *out = IsSystemTable(static_cast<Oid>(args[i].int_value())) ? Value::Bool(true)
                                                                  : Value::Null(type::kBool);
      return Status::OK();
    }
  } else {
    int64_t oid = 0;
    NANO_RETURN_IF_ERROR(oid_namer_.OidOf(type::kRegClass, args[i].str(), &oid));
    t = catalog->TableByOid(static_cast<Oid>(oid));
    if (t == nullptr) {  // a system table: readable by everyone
      *out = Value::Bool(true);
      return Status::OK();
    }
  }
  const bool seq = t->kind == RelKind::kSequence;
  const uint32_t all = seq ? kSequenceAllPrivs : kTableAllPrivs;
  if (function == "has_sequence_privilege" && !seq) {
    return Status::Error("42809", "\"" + t->name + "\" is not a sequence");
  }
  NANO_RETURN_IF_ERROR(ParsePrivilegeList(
      priv_text, function == "has_sequence_privilege" ? kSequenceAllPrivs : all | kColumnAllPrivs,
      &privs, &grant));
  uint32_t held = HeldPrivileges(who, t->owner, all, t->acl, 0);
  uint32_t options = HeldGrantOptions(who, t->owner, all, t->acl, 0);
  if (function == "has_column_privilege") {
    const ColumnDef* c = nullptr;
    if (args[i + 1].type() == type::kInt2) {
      c = t->ColumnByAttnum(static_cast<int16_t>(args[i + 1].int_value()));
      if (c == nullptr || c->dropped) {
        *out = Value::Null(type::kBool);
        return Status::OK();
      }
    } else {
      c = t->FindColumn(args[i + 1].str());
      if (c == nullptr) {
        return Status::Error(sqlstate::kUndefinedColumn,
                             "column \"" + std::string(args[i + 1].str()) + "\" of relation \"" +
                                 t->name + "\" does not exist");
      }
    }
    if (c->acl.has_value()) {
      held |= HeldPrivileges(who, t->owner, kColumnAllPrivs, c->acl, 0);
      options |= HeldGrantOptions(who, t->owner, kColumnAllPrivs, c->acl, 0);
    }
  }
  *out = Value::Bool(((held & privs) & ~grant) != 0 || (options & grant) != 0);
  return Status::OK();
}

}  // namespace nano
