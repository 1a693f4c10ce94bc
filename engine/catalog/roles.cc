// engine/catalog/roles.cc — ACL arithmetic and role membership (roles.h).
#include "catalog/roles.h"

#include <algorithm>
#include <utility>

#include "catalog/catalog.h"

namespace nano {

namespace {

constexpr char kLetters[] = "arwdDxtXUC";
constexpr int kLetterCount = 10;

constexpr std::pair<const char*, uint32_t> kPrivilegeNames[] = {
    {"insert", kPrivInsert},   {"select", kPrivSelect},     {"update", kPrivUpdate},
    {"delete", kPrivDelete},   {"truncate", kPrivTruncate}, {"references", kPrivReferences},
    {"trigger", kPrivTrigger}, {"execute", kPrivExecute},   {"usage", kPrivUsage},
    {"create", kPrivCreate}};

}  // namespace

std::string PrivilegeLetters(uint32_t privs, uint32_t grant_options) {
  std::string out;
  for (int i = 0; i < kLetterCount; ++i) {
    uint32_t bit = 1u << i;
    if ((privs & bit) == 0) continue;
    out += kLetters[i];
    if ((grant_options & bit) != 0) out += '*';
  }
  return out;
}

const char* PrivilegeName(uint32_t priv) {
  switch (priv) {
    case kPrivInsert:
      return "INSERT";
    case kPrivSelect:
      return "SELECT";
    case kPrivUpdate:
      return "UPDATE";
    case kPrivDelete:
      return "DELETE";
    case kPrivTruncate:
      return "TRUNCATE";
    case kPrivReferences:
      return "REFERENCES";
    case kPrivTrigger:
      return "TRIGGER";
    case kPrivExecute:
      return "EXECUTE";
    case kPrivUsage:
      return "USAGE";
    case kPrivCreate:
      return "CREATE";
    default:
      return "?";
  }
}

uint32_t PrivilegeFromName(std::string_view name) {
  for (const auto& [n, bit] : kPrivilegeNames) {
    if (name == n) return bit;
  }
  return 0;
}

bool RoleContext::HasEffective(Oid r) const {
  return std::find(effective.begin(), effective.end(), r) != effective.end();
}

RoleContext MakeRoleContext(const Catalog& catalog, Oid role) {
  RoleContext ctx;
  ctx.role = role;
  ctx.effective.push_back(role);
  ctx.member_of.push_back(role);
  const RoleDef* def = catalog.RoleByOid(role);
  if (def == nullptr) {  // the bootstrap superuser (or a role dropped meanwhile)
    ctx.superuser = true;
    ctx.bypassrls = true;
    return ctx;
  }
  ctx.superuser = def->superuser;
  ctx.bypassrls = def->superuser || def->bypassrls;
  // Breadth first over memberships; privileges flow only through roles
  // with INHERIT (the member's attribute, as in PostgreSQL 15).
  std::vector<std::pair<Oid, bool>> queue{{role, true}};  // (role, inherits privileges)
  for (size_t i = 0; i < queue.size() && i < 10000; ++i) {
    const RoleDef* r = catalog.RoleByOid(queue[i].first);
    if (r == nullptr) continue;
    bool inherits = queue[i].second && r->inherit;
    for (const RoleMembership& m : r->member_of) {
      if (std::find(ctx.member_of.begin(), ctx.member_of.end(), m.role) == ctx.member_of.end()) {
        ctx.member_of.push_back(m.role);
        queue.push_back({m.role, inherits});
      }
      if (inherits && !ctx.HasEffective(m.role)) ctx.effective.push_back(m.role);
    }
  }
  return ctx;
}

Acl EffectiveAcl(const std::optional<Acl>& acl, Oid owner, uint32_t owner_all,
                 uint32_t default_public) {
  if (acl.has_value()) return *acl;
  Acl out;
  if (default_public != 0) out.push_back(AclItem{kPublicRoleOid, owner, default_public, 0});
  // The owner's grant options are implicit (PostgreSQL's acldefault shows none).
  out.push_back(AclItem{owner, owner, owner_all, 0});
  return out;
}

uint32_t HeldPrivileges(const RoleContext& who, Oid owner, uint32_t owner_all,
                        const std::optional<Acl>& acl, uint32_t default_public) {
  if (who.superuser) return ~0u;
  uint32_t held = 0;
  if (who.HasEffective(owner) && !acl.has_value()) held |= owner_all;
  for (const AclItem& item : EffectiveAcl(acl, owner, owner_all, default_public)) {
    if (item.grantee == kPublicRoleOid || who.HasEffective(item.grantee)) held |= item.privs;
  }
  return held;
}

uint32_t HeldGrantOptions(const RoleContext& who, Oid owner, uint32_t owner_all,
                          const std::optional<Acl>& acl, uint32_t default_public) {
  if (who.superuser || who.HasEffective(owner)) return owner_all;
  uint32_t held = 0;
  for (const AclItem& item : EffectiveAcl(acl, owner, owner_all, default_public)) {
    if (item.grantee == kPublicRoleOid || who.HasEffective(item.grantee)) {
      held |= item.grant_options;
    }
  }
  return held;
}

void AclGrant(Acl* acl, Oid grantee, Oid grantor, uint32_t privs, bool with_grant_option) {
  for (AclItem& item : *acl) {
    if (item.grantee == grantee && item.grantor == grantor) {
      item.privs |= privs;
      if (with_grant_option) item.grant_options |= privs;
      return;
    }
  }
  acl->push_back(AclItem{grantee, grantor, privs, with_grant_option ? privs : 0u});
}

void AclRevoke(Acl* acl, Oid grantee, Oid grantor, uint32_t privs, bool grant_option_only) {
  for (AclItem& item : *acl) {
    if (item.grantee != grantee || item.grantor != grantor) continue;
    item.grant_options &= ~privs;
    if (!grant_option_only) item.privs &= ~privs;
  }
  acl->erase(
      std::remove_if(acl->begin(), acl->end(), [](const AclItem& i) { return i.privs == 0; }),
      acl->end());
}

}  // namespace nano
