// engine/binder/bind_policy.cc — what a statement needs from the role that
// runs it: the privileges each relation access requires (checked by the
// session before every execution, so cached plans stay correct across SET
// ROLE and GRANT), and row-level security (PostgreSQL §5.8) folded into the
// plan at bind time: policy USING quals become scan filters, WITH CHECK
// expressions become per-row checks of INSERT/UPDATE. Nothing here costs
// anything per row for a role that bypasses row security.
#include <algorithm>

#include "binder/binder.h"
#include "binder/scope.h"
#include "catalog/system_tables.h"
#include "common/sqlstate.h"
#include "parser/parser.h"

namespace nano {

namespace {

constexpr int kMaxPolicyDepth = 16;
constexpr Oid kPgAuthIdOid = 1260;

// A policy applies to the role when it names PUBLIC or a role whose
// privileges the role has.
bool PolicyAppliesTo(const PolicyDef& p, const RoleContext& role) {
  for (Oid r : p.roles) {
    if (r == kPublicRoleOid || role.HasEffective(r)) return true;
  }
  return p.roles.empty();
}

bool CommandMatches(const PolicyDef& p, char cmd) { return p.command == '*' || p.command == cmd; }

std::string Paren(const std::string& s) { return "(" + s + ")"; }

const char* RelationWord(const TableDef& t) {
  switch (t.kind) {
    case RelKind::kView:
      return "view";
    case RelKind::kSequence:
      return "sequence";
    default:
      return "table";
  }
}

// Whether every column in `attnums` grants `priv` to `who` (column ACLs).
bool ColumnsGrant(const TableDef& t, const RoleContext& who, uint32_t priv,
                  const std::vector<int16_t>& attnums) {
  for (int16_t attnum : attnums) {
    const ColumnDef* c = t.ColumnByAttnum(attnum);
    if (c == nullptr || !c->acl.has_value()) return false;
    if ((HeldPrivileges(who, t.owner, kColumnAllPrivs, c->acl, 0) & priv) == 0) return false;
  }
  return true;
}

bool AnyColumnGrants(const TableDef& t, const RoleContext& who, uint32_t priv) {
  for (const ColumnDef& c : t.columns) {
    if (c.dropped || !c.acl.has_value()) continue;
    if ((HeldPrivileges(who, t.owner, kColumnAllPrivs, c.acl, 0) & priv) != 0) return true;
  }
  return false;
}

}  // namespace

RelationAccess& Binder::AccessFor(Oid table) {
  Oid as = view_owners_.empty() ? 0 : view_owners_.back();
  for (RelationAccess& a : accesses_) {
    if (a.table == table && a.check_as == as) return a;
  }
  accesses_.emplace_back();
  accesses_.back().table = table;
  accesses_.back().check_as = as;
  return accesses_.back();
}

void Binder::NoteAccess(const TableDef& table, uint32_t priv) {
  if (IsSystemTable(table.oid) && table.oid != kPgAuthIdOid) return;  // pg_authid: superusers
  AccessFor(table.oid).required |= priv;
}

void Binder::NoteColumn(const ScopeColumn& column) {
  if (column.table_oid == 0 || column.attnum <= 0 || IsSystemTable(column.table_oid)) return;
  RelationAccess& a = AccessFor(column.table_oid);
  a.required |= kPrivSelect;
  if (std::find(a.selected.begin(), a.selected.end(), column.attnum) == a.selected.end()) {
    a.selected.push_back(column.attnum);
  }
}

void Binder::NoteWritten(const TableDef& table, uint32_t priv,
                         const std::vector<int>& column_indices) {
  RelationAccess& a = AccessFor(table.oid);
  a.required |= priv;
  std::vector<int16_t>* list = priv == kPrivInsert ? &a.inserted : &a.updated;
  for (int ci : column_indices) {
    if (ci < 0 || static_cast<size_t>(ci) >= table.columns.size()) continue;
    int16_t attnum = table.columns[static_cast<size_t>(ci)].attnum;
    if (std::find(list->begin(), list->end(), attnum) == list->end()) list->push_back(attnum);
  }
}

Status Binder::RowSecurityApplies(const TableDef& table, bool* applies, RoleContext* role) {
  *applies = false;
  if (!table.row_security || security_ == nullptr) return Status::OK();
  // Inside a view, the view owner's rights decide (as PostgreSQL checks
  // the view's relations as its owner).
  *role = view_owners_.empty() || view_owners_.back() == 0
              ? *security_
              : MakeRoleContext(*catalog_, view_owners_.back());
  if (role->bypassrls) return Status::OK();
  if (role->HasEffective(table.owner) && !table.force_row_security) return Status::OK();
  if (!row_security_) {
    return Status::Error("42501",
                         "query would be affected by row-level security policy for "
                         "table \"" +
                             table.name + "\"");
  }
  *applies = true;
  return Status::OK();
}

Status Binder::AddRowSecurityQuals(const TableDef& table, char cmd, bool with_select,
                                   PlanNode* scan) {
  bool applies = false;
  RoleContext role;
  NANO_RETURN_IF_ERROR(RowSecurityApplies(table, &applies, &role));
  if (!applies) return Status::OK();
  if (scan == nullptr) {
    return Status::Error(sqlstate::kInternalError, "no scan of \"" + table.name + "\" to filter");
  }
  // Per command: permissive USING quals OR'ed (none: no rows), restrictive
  // ones AND'ed; SELECT's policies join UPDATE/DELETE's when they read.
  std::vector<char> cmds{cmd};
  if (with_select && cmd != 'r') cmds.push_back('r');
  std::string all;
  for (char c : cmds) {
    std::string permissive, restrictive;
    for (const PolicyDef& p : table.policies) {
      if (!CommandMatches(p, c) || !PolicyAppliesTo(p, role) || p.using_expr.empty()) continue;
      std::string& into = p.permissive ? permissive : restrictive;
      into += (into.empty() ? "" : p.permissive ? " OR " : " AND ") + Paren(p.using_expr);
    }
    std::string qual = permissive.empty() ? "false" : Paren(permissive);
    if (!restrictive.empty()) qual += " AND " + Paren(restrictive);
    all += (all.empty() ? "" : " AND ") + Paren(qual);
  }
  if (view_owners_.size() > kMaxPolicyDepth) {
    return Status::Error(
        "42P17", "infinite recursion detected in policy for relation \"" + table.name + "\"");
  }
  ast::ExprPtr parsed;
  NANO_RETURN_IF_ERROR(ParseExpression(all, &parsed));
  BinderScope scope;
  ScopeItem& item = scope.AddItem(table.name);
  for (int ci : table.LiveColumns()) {
    const ColumnDef& c = table.columns[static_cast<size_t>(ci)];
    scope.AddColumn(item, c.name, c.type);  // no table oid: policy columns need no privilege
  }
  BoundExprPtr filter;
  // Subqueries in the policy see its table's policies again: bound nested.
  view_owners_.push_back(view_owners_.empty() ? 0 : view_owners_.back());
  Status st = BindCondition(*parsed, &scope, "POLICY", &filter);
  view_owners_.pop_back();
  NANO_RETURN_IF_ERROR(st);
  std::vector<BoundExprPtr> parts;
  SplitConjuncts(std::move(scan->filter), &parts);
  parts.insert(parts.begin(), std::move(filter));
  scan->filter = JoinConjuncts(std::move(parts));
  return Status::OK();
}

Status Binder::AddRowSecurityChecks(const TableDef& table, char cmd, PlanNode* dml) {
  bool applies = false;
  RoleContext role;
  NANO_RETURN_IF_ERROR(RowSecurityApplies(table, &applies, &role));
  if (!applies) return Status::OK();
  const std::string generic =
      "new row violates row-level security policy for table \"" + table.name + "\"";
  std::string permissive;
  std::vector<std::pair<std::string, std::string>> restrictive;  // (expr, message)
  for (const PolicyDef& p : table.policies) {
    if (!CommandMatches(p, cmd) || !PolicyAppliesTo(p, role)) continue;
    const std::string& expr = !p.check_expr.empty() ? p.check_expr : p.using_expr;
    if (expr.empty()) continue;
    if (p.permissive) {
      permissive += (permissive.empty() ? "" : " OR ") + Paren(expr);
    } else {
      restrictive.emplace_back(expr, "new row violates row-level security policy \"" + p.name +
                                         "\" for table \"" + table.name + "\"");
    }
  }
  std::vector<std::pair<std::string, std::string>> checks;
  checks.emplace_back(permissive.empty() ? "false" : permissive, generic);
  for (auto& r : restrictive) checks.push_back(std::move(r));
  // The checks read the new row's columns: no privilege is needed for that.
  std::vector<RelationAccess> saved = accesses_;
  for (const auto& [text, message] : checks) {
    BoundExprPtr bound;
    Status st = BindTableExpr(table, text, TypeRef{type::kBool, -1}, &bound);
    if (!st.ok()) {
      accesses_ = std::move(saved);
      return st;
    }
    dml->rls_checks.emplace_back(std::move(bound), message);
  }
  accesses_ = std::move(saved);
  return Status::OK();
}

Status CheckAccesses(const BoundStatement& bound, const RoleContext& me) {
  const Catalog& catalog = *bound.catalog;
  for (const RelationAccess& a : bound.accesses) {
    const RoleContext who = a.check_as == 0 ? me : MakeRoleContext(catalog, a.check_as);
    if (who.superuser) continue;
    const TableDef* t = catalog.TableByOid(a.table);
    if (t == nullptr) {
      if (a.table == kPgAuthIdOid) {  // the one system table with rights
        return Status::Error("42501", "permission denied for table pg_authid");
      }
      continue;
    }
    const uint32_t all = t->kind == RelKind::kSequence ? kSequenceAllPrivs : kTableAllPrivs;
    uint32_t missing = a.required & ~HeldPrivileges(who, t->owner, all, t->acl, 0);
    // What the table does not grant, its columns may (SELECT/INSERT/UPDATE).
    if ((missing & kPrivSelect) != 0 &&
        (a.selected.empty() ? AnyColumnGrants(*t, who, kPrivSelect)
                            : ColumnsGrant(*t, who, kPrivSelect, a.selected))) {
      missing &= ~kPrivSelect;
    }
    if ((missing & kPrivInsert) != 0 && !a.inserted.empty() &&
        ColumnsGrant(*t, who, kPrivInsert, a.inserted)) {
      missing &= ~kPrivInsert;
    }
    if ((missing & kPrivUpdate) != 0 && !a.updated.empty() &&
        ColumnsGrant(*t, who, kPrivUpdate, a.updated)) {
      missing &= ~kPrivUpdate;
    }
    if (missing != 0) {
      return Status::Error(
          "42501", std::string("permission denied for ") + RelationWord(*t) + " " + t->name);
    }
  }
  return Status::OK();
}

}  // namespace nano
